"""The project-plan workbook (project-plan.xlsx) from a Kit.

Sheets: Plan (WBS with phase summary rows, collapsible outline, the consultant's
yellow columns), Gantt (conditional-formatting timeline: bars, critical path,
milestones and gates, today, requirements-freeze window), Milestones & gates,
RACI, Risks (score by formula, 5x5 heat map with COUNTIFS and a colour scale),
Stakeholders (and the joint working group's interface person per department),
Change requests (an empty CCB log), Meetings, Budget (planned vs actual effort
and cost by role and phase, utilisation by formula), Calendar (holidays and
make-up workdays, official or estimated), plus the hidden Lists sheet.

Decisions worth knowing:

* Generated columns are plain; the columns the consultant fills in (status,
  % complete, actual dates, notes, decisions) are light yellow and unlocked.
* Phase summary rows roll up by formula: start = MIN, finish = MAX, effort = SUM,
  duration = working days between them (NETWORKDAYS with the Calendar sheet's
  holidays, plus the make-up workdays), % complete = effort-weighted average.
* The Gantt is weekly, or daily when the plan spans at most ten weeks.
* Everything else comes from the Kit as is: the renderer never computes dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from openpyxl.formatting.rule import ColorScaleRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle

from generator.kit_model import Kit, Link, Task
from generator.render.xlsx_common import (
    Book,
    Col,
    Formula,
    S,
    SheetBuilder,
    col_letter,
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "doc_title": "Project plan",
        "note_plan": "Yellow columns are yours to fill in; the others are generated from the {pack} pack (v{version}) by implkit {gen}. `implkit build` keeps the yellow columns by task id when the kit is rebuilt.",
        "s_plan": "Plan",
        "s_gantt": "Gantt",
        "s_milestones": "Milestones & gates",
        "s_raci": "RACI",
        "s_risks": "Risks",
        "s_stakeholders": "Stakeholders",
        "s_changes": "Change requests",
        "s_meetings": "Meetings",
        "s_budget": "Budget",
        "s_calendar": "Calendar",
        "s_removed": "Removed tasks",
        "note_removed": "Tasks that had progress in an earlier plan and are no longer in it (the pack or the answers changed). Kept here so nothing you entered is lost.",
        "id": "Id",
        "wbs": "WBS",
        "level": "Level",
        "type": "Type",
        "name": "Name",
        "task": "Task",
        "owner": "Owner",
        "duration": "Duration (working days)",
        "effort": "Effort (person-days)",
        "start": "Start",
        "finish": "Finish",
        "predecessors": "Predecessors",
        "deliverables": "Deliverables",
        "critical": "Critical",
        "float": "Total float (days)",
        "status": "Status",
        "pct": "% complete",
        "actual_start": "Actual start",
        "actual_finish": "Actual finish",
        "notes": "Notes",
        "t_phase": "Phase",
        "t_task": "Task",
        "t_milestone": "Milestone",
        "t_gate": "Gate",
        "yes": "Yes",
        "no": "No",
        "statuses": "Not started|In progress|Done|Blocked|On hold|Cancelled",
        "gate_statuses": "Open|Passed|Passed with conditions|Failed|Waived",
        "legend": "Legend",
        "lg_phase": "Phase",
        "lg_task": "Task",
        "lg_critical": "Task on the critical path",
        "lg_milestone": "Milestone",
        "lg_gate": "Quality gate",
        "lg_today": "Today",
        "lg_freeze": "Requirements freeze {fs} to {fe}: no changes; the CCB decides after it",
        "freeze": "Requirements freeze",
        "gantt_week": "Weekly timeline (column = week starting on the date shown)",
        "gantt_day": "Daily timeline (column = one day)",
        "m_kind": "Kind",
        "k_phase_gate": "Phase gate",
        "k_key_node": "Key-node gate",
        "k_milestone": "Milestone",
        "phase": "Phase",
        "date": "Date",
        "entry": "Entry criteria",
        "exit": "Exit criteria",
        "signoff": "Sign-off roles",
        "signed_on": "Signed on",
        "signed_by": "Signed by",
        "raci_note": "R = responsible, A = accountable, C = consulted, I = informed",
        "risk": "Risk",
        "description": "Description",
        "category": "Category",
        "likelihood": "Likelihood (1-5)",
        "impact": "Impact (1-5)",
        "score": "Score (L x I)",
        "rating": "Rating",
        "r_high": "High",
        "r_medium": "Medium",
        "r_low": "Low",
        "trigger": "Trigger",
        "mitigation": "Mitigation",
        "contingency": "Contingency",
        "risk_statuses": "Open|Monitoring|Mitigating|Occurred|Closed",
        "heat_title": "Heat map (number of risks)",
        "heat_corner": "Likelihood \\ Impact",
        "risk_note": "Score = likelihood x impact (formula). Rating: high from 15, medium from 8. Empty rows below are ready for new risks.",
        "stakeholder": "Stakeholder",
        "department": "Department",
        "interest": "Interest (1-5)",
        "influence": "Influence (1-5)",
        "strategy": "Strategy",
        "q_manage": "Manage closely",
        "q_satisfied": "Keep satisfied",
        "q_informed": "Keep informed",
        "q_monitor": "Monitor",
        "interface": "Interface person",
        "role": "Project role",
        "expectations": "Expectations",
        "engagement": "Engagement",
        "jwg_title": "Joint working group: the business interface person per department",
        "person_name": "Name",
        "phone": "Phone",
        "email": "Email",
        "deputy": "Deputy",
        "cr_id": "CR id",
        "raised_on": "Raised on",
        "raised_by": "Raised by",
        "change": "Change requested",
        "reason": "Reason",
        "affected": "Affected tasks / deliverables",
        "impact_level": "Impact",
        "schedule_days": "Schedule impact (days)",
        "cost_impact": "Cost impact",
        "in_freeze": "In freeze window",
        "decision": "CCB decision",
        "decided_on": "Decision date",
        "decided_by": "Decided by",
        "impacts": "Low|Medium|High|Critical",
        "decisions": "Pending|Approved|Approved with conditions|Rejected|Deferred",
        "cr_note": "Requirements freeze {fs} to {fe}: no changes in this window; after it the change control board (CCB) decides every change.",
        "cr_note_nofreeze": "The change control board (CCB) decides every change.",
        "meeting": "Meeting",
        "purpose": "Purpose",
        "cadence": "Cadence",
        "weekday": "Weekday",
        "time": "Time",
        "minutes": "Minutes",
        "chair": "Chair",
        "attendees": "Attendees",
        "first": "First",
        "until": "Until",
        "c_daily": "Daily",
        "c_weekly": "Weekly",
        "c_biweekly": "Every two weeks",
        "c_monthly": "Monthly",
        "weekdays": "Mon|Tue|Wed|Thu|Fri|Sat|Sun",
        "side": "Side",
        "s_vendor": "Vendor",
        "s_client": "Client",
        "s_joint": "Joint",
        "rate": "Day rate ({cur})",
        "planned_effort": "Planned effort (person-days)",
        "planned_cost": "Planned cost ({cur})",
        "actual_effort": "Actual effort (person-days)",
        "actual_cost": "Actual cost ({cur})",
        "utilisation": "Utilisation (actual / planned)",
        "variance": "Cost variance ({cur})",
        "total": "Total",
        "budget_note": "Effort by role and phase from the plan; planned cost = effort x day rate. Fill in actual effort: actual cost, utilisation and variance follow by formula. Currency: {cur}.",
        "weekday_col": "Weekday",
        "cal_type": "Type",
        "holiday": "Holiday",
        "workday": "Make-up workday",
        "cal_source": "Schedule",
        "official": "Official",
        "estimated": "Estimated",
        "cal_note": "Country {country}. Official schedules: {official}. Estimated (not yet announced, no make-up workdays): {estimated}. Add missing days in project.yaml and rebuild.",
        "none": "none",
    },
    "zh": {
        "doc_title": "项目计划",
        "note_plan": "黄色列由顾问填写；其余列由 implkit {gen} 根据行业包 {pack}（v{version}）生成。运行 `implkit build` 重新生成时，黄色列按任务编号保留。",
        "s_plan": "计划",
        "s_gantt": "甘特图",
        "s_milestones": "里程碑与关口",
        "s_raci": "RACI矩阵",
        "s_risks": "风险登记",
        "s_stakeholders": "干系人",
        "s_changes": "变更申请",
        "s_meetings": "会议",
        "s_budget": "预算",
        "s_calendar": "工作日历",
        "s_removed": "已移除任务",
        "note_removed": "以下任务在之前的计划中已填写进度，但已不在当前计划中（行业包或项目参数有变化）。保留在此，您录入的内容不会丢失。",
        "id": "编号",
        "wbs": "WBS",
        "level": "层级",
        "type": "类型",
        "name": "名称",
        "task": "任务",
        "owner": "负责人",
        "duration": "工期（工作日）",
        "effort": "工作量（人天）",
        "start": "开始",
        "finish": "完成",
        "predecessors": "前置任务",
        "deliverables": "交付物",
        "critical": "关键路径",
        "float": "总浮动（天）",
        "status": "状态",
        "pct": "完成百分比",
        "actual_start": "实际开始",
        "actual_finish": "实际完成",
        "notes": "备注",
        "t_phase": "阶段",
        "t_task": "任务",
        "t_milestone": "里程碑",
        "t_gate": "关口",
        "yes": "是",
        "no": "否",
        "statuses": "未开始|进行中|已完成|受阻|暂停|已取消",
        "gate_statuses": "未评审|通过|有条件通过|未通过|豁免",
        "legend": "图例",
        "lg_phase": "阶段",
        "lg_task": "任务",
        "lg_critical": "关键路径上的任务",
        "lg_milestone": "里程碑",
        "lg_gate": "质量关口",
        "lg_today": "今天",
        "lg_freeze": "需求冻结期 {fs} 至 {fe}：冻结期内不接受变更，之后由CCB决定",
        "freeze": "需求冻结",
        "gantt_week": "按周显示（每列为从所示日期开始的一周）",
        "gantt_day": "按日显示（每列为一天）",
        "m_kind": "类别",
        "k_phase_gate": "阶段关口",
        "k_key_node": "关键节点关口",
        "k_milestone": "里程碑",
        "phase": "阶段",
        "date": "日期",
        "entry": "准入条件",
        "exit": "准出条件",
        "signoff": "签字确认角色",
        "signed_on": "签字日期",
        "signed_by": "签字人",
        "raci_note": "R=执行，A=负责（批准），C=咨询，I=知会",
        "risk": "风险",
        "description": "描述",
        "category": "类别",
        "likelihood": "可能性（1-5）",
        "impact": "影响（1-5）",
        "score": "风险值（可能性×影响）",
        "rating": "等级",
        "r_high": "高",
        "r_medium": "中",
        "r_low": "低",
        "trigger": "触发信号",
        "mitigation": "应对措施",
        "contingency": "应急预案",
        "risk_statuses": "未关闭|监控中|应对中|已发生|已关闭",
        "heat_title": "风险热力图（风险数量）",
        "heat_corner": "可能性 \\ 影响",
        "risk_note": "风险值=可能性×影响（公式计算）。等级：15分及以上为高，8分及以上为中。下方空行可直接登记新风险。",
        "stakeholder": "干系人",
        "department": "部门",
        "interest": "关注度（1-5）",
        "influence": "影响力（1-5）",
        "strategy": "管理策略",
        "q_manage": "重点管理",
        "q_satisfied": "令其满意",
        "q_informed": "随时告知",
        "q_monitor": "持续关注",
        "interface": "部门接口人",
        "role": "项目角色",
        "expectations": "期望",
        "engagement": "沟通策略",
        "jwg_title": "联合工作组：各部门业务接口人",
        "person_name": "姓名",
        "phone": "电话",
        "email": "邮箱",
        "deputy": "替补人",
        "cr_id": "变更编号",
        "raised_on": "提出日期",
        "raised_by": "提出人",
        "change": "变更内容",
        "reason": "变更原因",
        "affected": "影响的任务/交付物",
        "impact_level": "影响程度",
        "schedule_days": "工期影响（天）",
        "cost_impact": "成本影响",
        "in_freeze": "是否在冻结期内",
        "decision": "CCB决议",
        "decided_on": "决议日期",
        "decided_by": "决议人",
        "impacts": "低|中|高|严重",
        "decisions": "待定|批准|有条件批准|驳回|延后",
        "cr_note": "需求冻结期 {fs} 至 {fe}：冻结期内不接受需求变更；冻结期后所有变更由变更控制委员会（CCB）决定。",
        "cr_note_nofreeze": "所有变更由变更控制委员会（CCB）决定。",
        "meeting": "会议",
        "purpose": "目的",
        "cadence": "频率",
        "weekday": "星期",
        "time": "时间",
        "minutes": "时长（分钟）",
        "chair": "主持人",
        "attendees": "参会人",
        "first": "首次",
        "until": "截止",
        "c_daily": "每天",
        "c_weekly": "每周",
        "c_biweekly": "每两周",
        "c_monthly": "每月",
        "weekdays": "周一|周二|周三|周四|周五|周六|周日",
        "side": "所属方",
        "s_vendor": "实施方",
        "s_client": "客户方",
        "s_joint": "双方",
        "rate": "人天单价（{cur}）",
        "planned_effort": "计划工作量（人天）",
        "planned_cost": "计划成本（{cur}）",
        "actual_effort": "实际工作量（人天）",
        "actual_cost": "实际成本（{cur}）",
        "utilisation": "资源利用率（实际/计划）",
        "variance": "成本偏差（{cur}）",
        "total": "合计",
        "budget_note": "各角色、各阶段工作量取自计划；计划成本=工作量×人天单价。填写实际工作量后，实际成本、资源利用率和偏差由公式计算。币种：{cur}。",
        "weekday_col": "星期",
        "cal_type": "类型",
        "holiday": "节假日",
        "workday": "调休上班",
        "cal_source": "来源",
        "official": "官方公布",
        "estimated": "估计",
        "cal_note": "国家/地区 {country}。官方公布的年份：{official}。估计的年份（尚未公布，不含调休）：{estimated}。缺少的日期请在 project.yaml 中补充后重新生成。",
        "none": "无",
    },
}

CR_ROWS = 50
RISK_SPARE_ROWS = 20
DAILY_MAX_DAYS = 70
MARK_PHASE = "▬"
MARK_MILESTONE = "◆"
MARK_GATE = "◈"
MARK_CRITICAL = "●"
FREEZE_FILL = "E4DFEC"


def _labels(kit: Kit) -> dict[str, str]:
    return LABELS.get(kit.lang, LABELS["en"])


def _fmt(d: date) -> str:
    return d.isoformat()


def _dxf(fill: str, font_color: str | None = None) -> DifferentialStyle:
    font = Font(color=font_color) if font_color else None
    return DifferentialStyle(
        fill=PatternFill("solid", fgColor=fill, bgColor=fill),
        font=font,
    )


def _expr(formula: str, dxf: DifferentialStyle, stop: bool = False) -> Rule:
    rule = Rule(type="expression", dxf=dxf, formula=[formula], stopIfTrue=stop or None)
    return rule


def _qtext(text: str) -> str:
    """A text literal for a formula."""
    return '"' + text.replace('"', '""') + '"'


def _date_literal(d: date) -> str:
    return f"DATE({d.year},{d.month},{d.day})"


def predecessor_text(links: Sequence[Link]) -> str:
    """``base.kickoff FS+2; base.uat SS`` (type always shown, lag when not zero)."""
    parts = []
    for link in links:
        lag = f"{link.lag:+d}" if link.lag else ""
        parts.append(f"{link.predecessor} {link.type}{lag}")
    return "; ".join(parts)


def working_days_formula(kit: Kit, start: str, finish: str) -> str:
    """Working days between two cells on the kit's calendar (Calendar sheet ranges)."""
    weekend = set(kit.calendar.weekend)
    hol = ",cal_holidays" if kit.calendar.holidays else ""
    if weekend == {5, 6}:
        base = f"NETWORKDAYS({start},{finish}{hol})"
    else:
        mask = "".join("1" if d in weekend else "0" for d in range(7))
        base = f'NETWORKDAYS.INTL({start},{finish},"{mask}"{hol})'
    if kit.calendar.workdays:
        base += f'+COUNTIFS(cal_workdays,">="&{start},cal_workdays,"<="&{finish})'
    return "=" + base


class _PlanWriter:
    """Writes one plan workbook; one method per sheet."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.L = _labels(kit)
        self.roles = {r.id: r.name for r in kit.roles}
        self.phase_names = {p.id: p.name for p in kit.phases}
        self.gates_by_task = {g.task_id: g for g in kit.gates}
        self.tasks_by_id = {t.id: t for t in kit.tasks}
        self.progress = {p.task_id: p for p in kit.progress}
        L = self.L
        self.book = Book(
            kit.lang,
            when=kit.project.start,
            title=f"{L['doc_title']} — {kit.project.name}",
            subject=kit.project.name,
            description=f"{kit.pack.name} {kit.pack.version}",
            keywords=kit.project.client,
            page_header=f"{kit.project.client} — {kit.project.name}",
        )
        # sheet order is fixed up front (write-only sheets are streamed independently)
        self.sheet_names = {
            key: self.book.sheet(L[key])
            for key in (
                "s_plan",
                "s_gantt",
                "s_milestones",
                "s_raci",
                "s_risks",
                "s_stakeholders",
                "s_changes",
                "s_meetings",
                "s_budget",
                "s_calendar",
            )
        }
        self.status_list = self.book.list_name("status", L["statuses"].split("|"))

    def role(self, role_id: str) -> str:
        return self.roles.get(role_id, role_id)

    def roles_text(self, ids: Sequence[str]) -> str:
        return ", ".join(self.role(r) for r in ids)

    def title(self, sb: SheetBuilder, text: str, note: str | None = None) -> None:
        sb.add([f"{text} — {self.kit.project.name}"], style="title", height=22)
        sb.add([note or self.kit.project.client], style="note")

    # --- Calendar (first: the other sheets' formulas use its defined names) --------------
    def calendar(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_calendar"]
        cal = kit.calendar
        note = L["cal_note"].format(
            country=cal.country,
            official=", ".join(str(y) for y in cal.official_years) or L["none"],
            estimated=", ".join(str(y) for y in cal.estimated_years) or L["none"],
        )
        self.title(sb, L["s_calendar"], note)
        sb.columns(
            [
                Col(L["date"], "date", min_width=12),
                Col(L["weekday_col"], "center"),
                Col(L["cal_type"]),
                Col(L["name"], max_width=40),
                Col(L["cal_source"]),
            ]
        )
        header = sb.header()
        wd = L["weekdays"].split("|")
        first = sb.next_row
        # holidays first, then make-up workdays: each block is one named range
        hol_last = first + len(cal.holidays) - 1
        for days, kind in ((cal.holidays, L["holiday"]), (cal.workdays, L["workday"])):
            for day in sorted(days, key=lambda d: d.day):
                sb.add(
                    [
                        day.day,
                        wd[day.day.weekday()],
                        kind,
                        day.name,
                        L["official"] if day.official else L["estimated"],
                    ]
                )
        last = sb.next_row - 1
        if cal.holidays:
            self.book.define_name("cal_holidays", sb.title, f"$A${first}:$A${hol_last}")
        if cal.workdays:
            self.book.define_name("cal_workdays", sb.title, f"$A${hol_last + 1}:$A${last}")
        sb.freeze(f"A{header + 1}")
        sb.autofilter(f"A{header}:E{max(last, header)}")

    # --- Plan ------------------------------------------------------------------------
    def plan(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_plan"]
        self.title(
            sb,
            L["doc_title"],
            L["note_plan"].format(
                pack=kit.pack.name, version=kit.pack.version, gen=kit.generator_version
            ),
        )
        sb.columns(
            [
                Col(L["id"], max_width=28),
                Col(L["wbs"], "center", min_width=6),
                Col(L["level"], "int", max_width=7),
                Col(L["type"], "center", max_width=12),
                Col(L["name"], "wrap", min_width=24, max_width=50),
                Col(L["owner"], max_width=22),
                Col(L["duration"], "int", max_width=12),
                Col(L["effort"], "number", max_width=12),
                Col(L["start"], "date", min_width=12),
                Col(L["finish"], "date", min_width=12),
                Col(L["predecessors"], "wrap", max_width=30),
                Col(L["deliverables"], "wrap", max_width=30),
                Col(L["critical"], "center", max_width=10),
                Col(L["float"], "int", max_width=11),
                Col(L["status"], "input", min_width=12, max_width=14),
                Col(L["pct"], "input_percent", min_width=10, max_width=11),
                Col(L["actual_start"], "input_date", min_width=12),
                Col(L["actual_finish"], "input_date", min_width=12),
                Col(L["notes"], "input", width=30),
            ]
        )
        header = sb.header()
        for phase in kit.phases:
            tasks = [self.tasks_by_id[t] for t in phase.task_ids if t in self.tasks_by_id]
            prow = sb.next_row
            a, b = prow + 1, prow + len(tasks)
            if tasks:
                start: object = Formula(f"=MIN(I{a}:I{b})")
                finish: object = Formula(f"=MAX(J{a}:J{b})")
                effort: object = Formula(f"=SUM(H{a}:H{b})")
                pct: object = Formula(f'=IF(H{prow}>0,SUMPRODUCT(H{a}:H{b},P{a}:P{b})/H{prow},"")')
            else:
                start, finish, effort, pct = phase.start, phase.finish, 0.0, None
            sb.add(
                [
                    phase.id,
                    str(phase.number),
                    1,
                    L["t_phase"],
                    phase.name,
                    "",
                    Formula(working_days_formula(kit, f"I{prow}", f"J{prow}")),
                    effort,
                    start,
                    finish,
                    "",
                    "",
                    "",
                    "",
                    S(None, "summary"),
                    S(pct, "summary_percent"),
                    S(None, "summary"),
                    S(None, "summary"),
                    S(None, "summary"),
                ],
                style="summary",
            )
            # the summary row's cells keep number formats
            row = sb.rows[-1][0]
            row[2] = S(1, "summary_int")
            row[6] = S(row[6], "summary_int")
            row[7] = S(row[7], "summary_number")
            row[8] = S(row[8], "summary_date")
            row[9] = S(row[9], "summary_date")
            for task in tasks:
                sb.add(self._task_row(task), outline=max(1, task.outline_level - 1))
        last = sb.next_row - 1
        first = header + 1
        sb.freeze(f"F{first}")
        sb.autofilter(f"A{header}:S{max(last, header)}")
        if last >= first:
            sb.validation(self.status_list, f"O{first}:O{last}")
            sb.validation(
                "0", f"P{first}:P{last}", kind="decimal", operator="between", formula2="1"
            )
            sb.validation(
                "DATE(2000,1,1)", f"Q{first}:R{last}", kind="date", operator="greaterThan"
            )

    def _task_type(self, task: Task) -> str:
        if task.gate or task.id in self.gates_by_task:
            return self.L["t_gate"]
        return self.L["t_milestone"] if task.milestone else self.L["t_task"]

    def _task_row(self, task: Task) -> list[object]:
        L = self.L
        return [
            task.id,
            task.wbs,
            task.outline_level,
            self._task_type(task),
            task.name,
            self.role(task.owner),
            task.duration,
            round(task.effort_days, 2),
            task.start,
            task.finish,
            predecessor_text(task.predecessors),
            "; ".join(task.deliverables),
            L["yes"] if task.critical else "",
            task.total_float,
            *self._progress_cells(task.id),
        ]

    def _progress_cells(self, task_id: str) -> list[object]:
        """The consultant's columns, carried over from the previous plan by ``implkit build``."""
        entry = self.progress.get(task_id)
        if entry is None:
            return [None, None, None, None, None]
        return [
            entry.status or None,
            entry.percent_complete,
            entry.actual_start,
            entry.actual_finish,
            entry.notes or None,
        ]

    # --- Removed tasks (only when a rebuild dropped tasks that had progress) -------------
    def removed(self) -> None:
        kit, L = self.kit, self.L
        if not kit.removed:
            return
        sb = self.book.sheet(L["s_removed"])
        self.title(sb, L["s_removed"], L["note_removed"])
        sb.columns(
            [
                Col(L["id"], max_width=28),
                Col(L["name"], "wrap", min_width=24, max_width=50),
                Col(L["status"], "input", min_width=12, max_width=14),
                Col(L["pct"], "input_percent", min_width=10, max_width=11),
                Col(L["actual_start"], "input_date", min_width=12),
                Col(L["actual_finish"], "input_date", min_width=12),
                Col(L["notes"], "input", width=30),
            ]
        )
        header = sb.header()
        for entry in kit.removed:
            sb.add(
                [
                    entry.task_id,
                    entry.name,
                    entry.status or None,
                    entry.percent_complete,
                    entry.actual_start,
                    entry.actual_finish,
                    entry.notes or None,
                ]
            )
        sb.freeze(f"A{header + 1}")
        sb.autofilter(f"A{header}:G{sb.next_row - 1}")

    # --- Gantt -------------------------------------------------------------------------
    def gantt(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_gantt"]
        first_day = min([kit.project.start, *[t.start for t in kit.tasks]])
        last_day = max([kit.project.finish, *[t.finish for t in kit.tasks]])
        span = (last_day - first_day).days + 1
        daily = span <= DAILY_MAX_DAYS
        if daily:
            step = 1
            periods = [first_day + timedelta(days=i) for i in range(span)]
        else:
            step = 7
            monday = first_day - timedelta(days=first_day.weekday())
            count = (last_day - monday).days // 7 + 1
            periods = [monday + timedelta(days=7 * i) for i in range(count)]
        fz = kit.freeze
        sb.add([f"{L['s_gantt']} — {kit.project.name}"], style="title", height=22)
        period = L["gantt_day"] if daily else L["gantt_week"]
        # row 2: the freeze window as real dates (the shading reads them); legend at the end
        legend_row = sb.add(
            [
                None,
                S(f"{L['freeze']}:", "label") if fz else None,
                S(fz.start, "date") if fz else None,
                S(fz.end, "date") if fz else None,
                S(period, "note"),
            ]
        )
        base = [
            Col(L["wbs"], "center", min_width=6, max_width=8),
            Col(L["task"], "text", min_width=24, max_width=60),
            Col(L["start"], "date", width=11.5),
            Col(L["finish"], "date", width=11.5),
            Col(L["type"], "center", width=5),
            Col(L["critical"], "center", width=5),
        ]
        ncol = len(base)
        sb.columns([*base, *[Col(p.isoformat(), "header_date", width=3.2) for p in periods]])
        header = sb.add([*[c.header for c in base], *periods], style=None, height=58)
        sb.header_row = header
        hdr = sb.rows[-1][0]
        for i in range(ncol):
            hdr[i] = S(hdr[i], "header")
        for i in range(ncol, len(hdr)):
            hdr[i] = S(hdr[i], "header_date")
        for phase in kit.phases:
            tasks = [self.tasks_by_id[t] for t in phase.task_ids if t in self.tasks_by_id]
            sb.add(
                [str(phase.number), phase.name, phase.start, phase.finish, MARK_PHASE, ""],
                style="summary",
            )
            row = sb.rows[-1][0]
            row[2] = S(phase.start, "summary_date")
            row[3] = S(phase.finish, "summary_date")
            for task in tasks:
                mark = ""
                if task.gate or task.id in self.gates_by_task:
                    mark = MARK_GATE
                elif task.milestone:
                    mark = MARK_MILESTONE
                sb.add(
                    [
                        task.wbs,
                        task.name,
                        task.start,
                        task.finish,
                        mark,
                        MARK_CRITICAL if task.critical else "",
                    ],
                    outline=1,
                )
        last = max(sb.next_row - 1, header + 1)
        first = header + 1
        c0 = col_letter(ncol + 1)
        cn = col_letter(ncol + len(periods))
        area = f"{c0}{first}:{cn}{last}"
        p = f"{c0}${header}"
        end = f"{p}+{step}"
        sb.freeze(f"{c0}{first}")
        sb.autofilter(f"A{header}:{col_letter(ncol)}{last}")
        r = first
        on_bar = f"$C{r}<{end},$D{r}>={p}"
        rules = [
            (f'AND($E{r}="{MARK_PHASE}",{on_bar})', _dxf("808080")),
            (f'AND($E{r}="{MARK_GATE}",$D{r}>={p},$D{r}<{end})', _dxf("C9A227")),
            (f'AND($E{r}="{MARK_MILESTONE}",$D{r}>={p},$D{r}<{end})', _dxf("1A1A1A")),
            (f'AND($F{r}<>"",{on_bar})', _dxf("C00000")),
            (f"AND({on_bar})", _dxf("5B9BD5")),
            (f"AND(TODAY()>={p},TODAY()<{end})", _dxf("F4B183")),
        ]
        if fz:
            rules.append((f"AND({p}<=$D${legend_row},{end}>$C${legend_row})", _dxf(FREEZE_FILL)))
        for formula, dxf in rules:
            sb.conditional(area, _expr(formula, dxf, stop=True))
        # legend below the chart: a colour swatch and what it means
        sb.add([])
        sb.add([None, S(L["legend"], "label")])
        items = [
            (L["lg_phase"], "808080"),
            (L["lg_task"], "5B9BD5"),
            (L["lg_critical"], "C00000"),
            (f"{MARK_MILESTONE} {L['lg_milestone']}", "1A1A1A"),
            (f"{MARK_GATE} {L['lg_gate']}", "C9A227"),
            (L["lg_today"], "F4B183"),
        ]
        if fz:
            items.append((L["lg_freeze"].format(fs=_fmt(fz.start), fe=_fmt(fz.end)), FREEZE_FILL))
        for label, colour in items:
            row_no = sb.add([S("", "center"), S(label, "note")])
            sb.conditional(f"A{row_no}", _expr("TRUE", _dxf(colour)))
        # today and the freeze also mark the header dates
        hdr_area = f"{c0}{header}:{cn}{header}"
        sb.conditional(
            hdr_area,
            _expr(
                f"AND(TODAY()>={c0}{header},TODAY()<{c0}{header}+{step})",
                _dxf("F4B183", "000000"),
                stop=True,
            ),
        )
        if fz:
            sb.conditional(
                hdr_area,
                _expr(
                    f"AND({c0}{header}<=$D${legend_row},{c0}{header}+{step}>$C${legend_row})",
                    _dxf("B4A7D6", "000000"),
                ),
            )

    # --- Milestones & gates -------------------------------------------------------------
    def milestones(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_milestones"]
        self.title(sb, L["s_milestones"])
        sb.columns(
            [
                Col(L["id"], max_width=28),
                Col(L["name"], "wrap", min_width=20, max_width=40),
                Col(L["m_kind"], max_width=14),
                Col(L["phase"], max_width=16),
                Col(L["date"], "date", min_width=12),
                Col(L["entry"], "wrap", min_width=20, max_width=45),
                Col(L["exit"], "wrap", min_width=20, max_width=45),
                Col(L["signoff"], "wrap", max_width=28),
                Col(L["status"], "input", min_width=12, max_width=16),
                Col(L["signed_on"], "input_date", min_width=12),
                Col(L["signed_by"], "input", min_width=12),
                Col(L["notes"], "input", width=28),
            ]
        )
        header = sb.header()
        seen: set[str] = set()
        for task in kit.tasks:
            if not task.milestone and task.id not in self.gates_by_task:
                continue
            gate = self.gates_by_task.get(task.id) or next(
                (g for g in kit.gates if g.id == task.gate), None
            )
            if gate is not None:
                seen.add(gate.id)
                kind = L["k_key_node"] if gate.kind == "key-node" else L["k_phase_gate"]
                sb.add(
                    [
                        task.id,
                        gate.name or task.name,
                        kind,
                        self.phase_names.get(gate.phase, gate.phase),
                        gate.date,
                        _bullets(gate.entry_criteria),
                        _bullets(gate.exit_criteria),
                        self.roles_text(gate.signoff),
                    ]
                )
            else:
                sb.add(
                    [
                        task.id,
                        task.name,
                        L["k_milestone"],
                        self.phase_names.get(task.phase, task.phase),
                        task.finish,
                        "",
                        "",
                        self.role(task.owner),
                    ]
                )
        for gate in kit.gates:
            if gate.id in seen:
                continue
            kind = L["k_key_node"] if gate.kind == "key-node" else L["k_phase_gate"]
            sb.add(
                [
                    gate.task_id or gate.id,
                    gate.name,
                    kind,
                    self.phase_names.get(gate.phase, gate.phase),
                    gate.date,
                    _bullets(gate.entry_criteria),
                    _bullets(gate.exit_criteria),
                    self.roles_text(gate.signoff),
                ]
            )
        last = max(sb.next_row - 1, header + 1)
        sb.freeze(f"C{header + 1}")
        sb.autofilter(f"A{header}:L{last}")
        gl = self.book.list_name("gate_status", L["gate_statuses"].split("|"))
        sb.validation(gl, f"I{header + 1}:I{last}")

    # --- RACI ----------------------------------------------------------------------------
    def raci(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_raci"]
        self.title(sb, L["s_raci"], L["raci_note"])
        roles = list(kit.roles)
        cols = [
            Col(L["wbs"], "center", min_width=6, max_width=8),
            Col(L["task"], "text", min_width=24, max_width=45),
            Col(L["deliverables"], "wrap", max_width=28),
        ]
        role_headers = _unique([r.name for r in roles])
        cols += [Col(h, "center", width=5.5) for h in role_headers]
        sb.columns(cols)
        header = sb.add([c.header for c in cols], height=_vertical_height(role_headers, kit.lang))
        sb.header_row = header
        hdr = sb.rows[-1][0]
        for i in range(len(hdr)):
            hdr[i] = S(hdr[i], "header" if i < 3 else "header_vertical")
        index = {r.id: i for i, r in enumerate(roles)}
        for phase in kit.phases:
            sb.add([str(phase.number), phase.name, "", *[""] * len(roles)], style="summary")
            for tid in phase.task_ids:
                task = self.tasks_by_id.get(tid)
                if task is None:
                    continue
                cells = [""] * len(roles)
                marks: dict[int, list[str]] = {}
                for letter, ids in (
                    ("A", (task.raci.accountable,) if task.raci.accountable else ()),
                    ("R", task.raci.responsible),
                    ("C", task.raci.consulted),
                    ("I", task.raci.informed),
                ):
                    for rid in ids:
                        if rid in index:
                            marks.setdefault(index[rid], [])
                            if letter not in marks[index[rid]]:
                                marks[index[rid]].append(letter)
                for i, letters in marks.items():
                    cells[i] = "/".join(letters)
                sb.add([task.wbs, task.name, "; ".join(task.deliverables), *cells], outline=1)
        last = max(sb.next_row - 1, header + 1)
        area = f"D{header + 1}:{col_letter(3 + len(roles))}{last}"
        sb.freeze(f"D{header + 1}")
        sb.autofilter(f"A{header}:{col_letter(3 + len(roles))}{last}")
        r = header + 1
        sb.conditional(area, _expr(f'ISNUMBER(SEARCH("A",D{r}))', _dxf("F8CBAD"), stop=True))
        sb.conditional(area, _expr(f'ISNUMBER(SEARCH("R",D{r}))', _dxf("C6EFCE"), stop=True))

    # --- Risks -----------------------------------------------------------------------------
    def risks(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_risks"]
        self.title(sb, L["s_risks"], L["risk_note"])
        cols = [
            Col(L["id"], max_width=28),
            Col(L["risk"], "wrap", min_width=24, max_width=40),
            Col(L["category"], max_width=16),
            Col(L["phase"], max_width=16),
            Col(L["likelihood"], "input_center", min_width=10, max_width=11),
            Col(L["impact"], "input_center", min_width=10, max_width=11),
            Col(L["score"], "int", min_width=10, max_width=12),
            Col(L["rating"], "center", max_width=10),
            Col(L["owner"], max_width=22),
            Col(L["trigger"], "wrap", max_width=32),
            Col(L["mitigation"], "wrap", min_width=20, max_width=40),
            Col(L["contingency"], "wrap", max_width=32),
            Col(L["status"], "input", min_width=12, max_width=14),
            Col(L["notes"], "input", width=24),
        ]
        sb.columns(cols)
        header = sb.header()
        heat_col = len(cols) + 2  # one empty column between register and heat map
        first = header + 1
        rows: list[list[object]] = []
        for risk in kit.risks:
            rows.append(
                [
                    risk.id,
                    risk.title,
                    risk.category,
                    self.phase_names.get(risk.phase, risk.phase),
                    risk.likelihood,
                    risk.impact,
                ]
            )
            rows[-1] += [
                None,
                None,
                self.role(risk.owner),
                risk.trigger,
                risk.mitigation,
                risk.contingency,
            ]
        rows += [[None] * 12 for _ in range(RISK_SPARE_ROWS)]
        last = first + len(rows) - 1
        for n, values in enumerate(rows):
            r = first + n
            values[6] = Formula(f'=IF(AND(ISNUMBER(E{r}),ISNUMBER(F{r})),E{r}*F{r},"")')
            values[7] = Formula(
                f'=IF(G{r}="","",IF(G{r}>=15,{_qtext(L["r_high"])},IF(G{r}>=8,{_qtext(L["r_medium"])},{_qtext(L["r_low"])})))'
            )
            values += [None, None]
            # blank input cells still show as input
            for i in (4, 5):
                if values[i] is None:
                    values[i] = S(None, "input_center")
            for i in (12, 13):
                values[i] = S(None, cols[i].style)
            for i in (0, 1, 2, 3, 8, 9, 10, 11):
                if values[i] is None:
                    values[i] = S(None, "input")
            sb.add(values)
        # heat map beside the register: likelihood 5..1 down, impact 1..5 across
        hc = heat_col
        hrow = sb.rows[header - 1][0]
        hrow += [None] * (hc - 1 - len(hrow))
        hrow += [S(L["heat_corner"], "header"), *[S(str(i), "header") for i in range(1, 6)]]
        sb.rows[header - 2][0].extend([None] * (hc - 1 - len(sb.rows[header - 2][0])))
        sb.rows[header - 2][0].append(S(L["heat_title"], "label"))
        for k, lk in enumerate(range(5, 0, -1)):
            target = sb.rows[first - 1 + k][0]
            target += [None] * (hc - 1 - len(target))
            target.append(S(str(lk), "header"))
            for im in range(1, 6):
                target.append(
                    S(
                        Formula(f"=COUNTIFS($E${first}:$E${last},{lk},$F${first}:$F${last},{im})"),
                        "heat",
                    )
                )
        sb.width(hc, 16)
        for i in range(1, 6):
            sb.width(hc + i, 6)
        heat = f"{col_letter(hc + 1)}{first}:{col_letter(hc + 5)}{first + 4}"
        sb.conditional(
            heat,
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="FFFFFF",
                end_type="max",
                end_color="C00000",
            ),
        )
        sb.freeze(f"C{first}")
        headers = [c.header for c in cols]
        sb.table("Risks", f"A{header}:{col_letter(len(cols))}{last}", headers)
        sb.validation("1", f"E{first}:F{last}", kind="whole", operator="between", formula2="5")
        rl = self.book.list_name("risk_status", L["risk_statuses"].split("|"))
        sb.validation(rl, f"M{first}:M{last}")

    # --- Stakeholders ----------------------------------------------------------------------
    def stakeholders(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_stakeholders"]
        self.title(sb, L["s_stakeholders"])
        cols = [
            Col(L["id"], max_width=24),
            Col(L["stakeholder"], "wrap", min_width=16, max_width=30),
            Col(L["department"], max_width=20),
            Col(L["interest"], "input_center", min_width=10, max_width=11),
            Col(L["influence"], "input_center", min_width=10, max_width=11),
            Col(L["strategy"], "center", min_width=12, max_width=16),
            Col(L["interface"], "center", max_width=12),
            Col(L["role"], max_width=22),
            Col(L["expectations"], "wrap", max_width=36),
            Col(L["engagement"], "wrap", max_width=36),
        ]
        sb.columns(cols)
        header = sb.header()
        for sh in kit.stakeholders:
            r = sb.next_row
            sb.add(
                [
                    sh.id,
                    sh.name,
                    sh.department,
                    sh.interest,
                    sh.influence,
                    Formula(
                        f'=IF(OR(D{r}="",E{r}=""),"",IF(AND(D{r}>=3,E{r}>=3),{_qtext(L["q_manage"])},'
                        f"IF(E{r}>=3,{_qtext(L['q_satisfied'])},IF(D{r}>=3,{_qtext(L['q_informed'])},{_qtext(L['q_monitor'])}))))"
                    ),
                    L["yes"] if sh.interface_person else "",
                    self.role(sh.role) if sh.role else "",
                    sh.expectations,
                    sh.engagement,
                ]
            )
        if not kit.stakeholders:
            sb.add([S(None, "text")] * len(cols))
        last = sb.next_row - 1
        sb.table(
            "Stakeholders", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols]
        )
        sb.validation("1", f"D{header + 1}:E{last}", kind="whole", operator="between", formula2="5")
        sb.freeze(f"C{header + 1}")
        # joint working group: one interface person per department
        sb.add([])
        sb.add([L["jwg_title"]], style="label")
        jwg_headers = [
            L["department"],
            L["interface"],
            L["person_name"],
            L["phone"],
            L["email"],
            L["deputy"],
        ]
        jh = sb.add(jwg_headers, style="header")
        departments: dict[str, str] = {}
        for sh in kit.stakeholders:
            if sh.department not in departments:
                departments[sh.department] = ""
            if sh.interface_person:
                departments[sh.department] = sh.name
        if not departments:
            departments[""] = ""
        for dept, person in departments.items():
            sb.add(
                [
                    dept,
                    person,
                    S(None, "input"),
                    S(None, "input"),
                    S(None, "input"),
                    S(None, "input"),
                ]
            )
        sb.table("Interface_persons", f"A{jh}:F{sb.next_row - 1}", jwg_headers)

    # --- Change requests ----------------------------------------------------------------------
    def changes(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_changes"]
        fz = kit.freeze
        note = (
            L["cr_note"].format(fs=_fmt(fz.start), fe=_fmt(fz.end)) if fz else L["cr_note_nofreeze"]
        )
        self.title(sb, L["s_changes"], note)
        cols = [
            Col(L["cr_id"], "center", min_width=9),
            Col(L["raised_on"], "input_date", min_width=12),
            Col(L["raised_by"], "input", min_width=12),
            Col(L["change"], "input", width=32),
            Col(L["reason"], "input", width=24),
            Col(L["affected"], "input", width=20),
            Col(L["impact_level"], "input", min_width=10),
            Col(L["schedule_days"], "input_number", min_width=10),
            Col(L["cost_impact"], "input_money", min_width=12),
            Col(L["in_freeze"], "center", min_width=10),
            Col(L["decision"], "input", min_width=14),
            Col(L["decided_on"], "input_date", min_width=12),
            Col(L["decided_by"], "input", min_width=12),
            Col(L["notes"], "input", width=24),
        ]
        sb.columns(cols)
        header = sb.header()
        for n in range(1, CR_ROWS + 1):
            r = sb.next_row
            if fz:
                in_freeze: object = Formula(
                    f'=IF(B{r}="","",IF(AND(B{r}>={_date_literal(fz.start)},B{r}<={_date_literal(fz.end)}),'
                    f"{_qtext(L['yes'])},{_qtext(L['no'])}))"
                )
            else:
                in_freeze = S(None, "center")
            sb.add(
                [
                    f"CR-{n:03d}",
                    *[S(None, c.style) for c in cols[1:9]],
                    in_freeze,
                    *[S(None, c.style) for c in cols[10:]],
                ]
            )
        last = sb.next_row - 1
        first = header + 1
        sb.table(
            "Change_requests", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols]
        )
        sb.freeze(f"B{first}")
        sb.validation(self.book.list_name("impact", L["impacts"].split("|")), f"G{first}:G{last}")
        sb.validation(
            self.book.list_name("decision", L["decisions"].split("|")), f"K{first}:K{last}"
        )
        sb.validation("DATE(2000,1,1)", f"B{first}:B{last}", kind="date", operator="greaterThan")
        sb.validation("DATE(2000,1,1)", f"L{first}:L{last}", kind="date", operator="greaterThan")

    # --- Meetings -------------------------------------------------------------------------------
    def meetings(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_meetings"]
        self.title(sb, L["s_meetings"])
        cols = [
            Col(L["id"], max_width=26),
            Col(L["meeting"], "wrap", min_width=18, max_width=32),
            Col(L["purpose"], "wrap", max_width=40),
            Col(L["cadence"], "center", max_width=16),
            Col(L["weekday"], "center", max_width=10),
            Col(L["time"], "center", max_width=8),
            Col(L["minutes"], "int", max_width=10),
            Col(L["chair"], max_width=22),
            Col(L["attendees"], "wrap", max_width=40),
            Col(L["first"], "date", min_width=12),
            Col(L["until"], "date", min_width=12),
        ]
        sb.columns(cols)
        header = sb.header()
        wd = L["weekdays"].split("|")
        for c in kit.ceremonies:
            sb.add(
                [
                    c.id,
                    c.name,
                    c.purpose,
                    L.get(f"c_{c.cadence}", c.cadence),
                    wd[c.weekday % 7],
                    c.time,
                    c.minutes,
                    self.role(c.chair),
                    self.roles_text(c.attendees),
                    c.first,
                    c.until,
                ]
            )
        if not kit.ceremonies:
            sb.add([S(None, "text")] * len(cols))
        sb.table(
            "Meetings",
            f"A{header}:{col_letter(len(cols))}{sb.next_row - 1}",
            [c.header for c in cols],
        )
        sb.freeze(f"C{header + 1}")

    # --- Budget -----------------------------------------------------------------------------------
    def budget(self) -> None:
        kit, L = self.kit, self.L
        sb = self.sheet_names["s_budget"]
        cur = kit.project.currency
        self.title(sb, L["s_budget"], L["budget_note"].format(cur=cur))
        phases = list(kit.phases)
        effort: dict[tuple[str, str], float] = {}
        for task in kit.tasks:
            for rid, days in task.effort:
                effort[(rid, task.phase)] = effort.get((rid, task.phase), 0.0) + days
        role_ids = [r.id for r in kit.roles if any(effort.get((r.id, p.id)) for p in phases)]
        known = {r.id for r in kit.roles}
        role_ids += sorted({rid for rid, _ in effort} - known)
        rates = {r.id: r.day_rate for r in kit.roles}
        sides = {r.id: r.side for r in kit.roles}
        np_ = len(phases)
        phase_headers = _unique([p.name for p in phases])
        cols = [
            Col(L["role"], min_width=16, max_width=30),
            Col(L["side"], "center", max_width=10),
            Col(L["rate"].format(cur=cur), "input_money", min_width=11, max_width=13),
            *[Col(h, "number", min_width=9, max_width=14) for h in phase_headers],
            Col(L["planned_effort"], "number", min_width=12, max_width=14),
            Col(L["planned_cost"].format(cur=cur), "money", min_width=16, max_width=18),
            Col(L["actual_effort"], "input_number", min_width=11, max_width=13),
            Col(L["actual_cost"].format(cur=cur), "money", min_width=16, max_width=18),
            Col(L["utilisation"], "percent", min_width=11, max_width=14),
            Col(L["variance"].format(cur=cur), "money", min_width=16, max_width=18),
        ]
        sb.columns(cols)
        header = sb.header()
        pe = col_letter(4 + np_)  # planned effort
        pc = col_letter(5 + np_)
        ae = col_letter(6 + np_)
        ac = col_letter(7 + np_)
        ut = col_letter(8 + np_)
        va = col_letter(9 + np_)
        p0, pn = col_letter(4), col_letter(3 + np_)
        first = header + 1
        for rid in role_ids:
            r = sb.next_row
            side = sides.get(rid, "vendor")
            sb.add(
                [
                    self.role(rid),
                    L.get(f"s_{side}", side),
                    rates.get(rid, 0.0),
                    *[round(effort.get((rid, p.id), 0.0), 2) for p in phases],
                    Formula(f"=SUM({p0}{r}:{pn}{r})" if np_ else "=0"),
                    Formula(f"={pe}{r}*C{r}"),
                    S(None, "input_number"),
                    Formula(f"={ae}{r}*C{r}"),
                    Formula(f'=IF({pe}{r}>0,{ae}{r}/{pe}{r},"")'),
                    Formula(f"={ac}{r}-{pc}{r}"),
                ]
            )
        last = max(sb.next_row - 1, first)
        if not role_ids:
            sb.add([S(None, "text")] * len(cols))
        t = sb.next_row
        total = [S(L["total"], "summary"), S("", "summary"), S(None, "summary")]
        for i in range(np_ + 2):
            c = col_letter(4 + i)
            total.append(
                S(
                    Formula(f"=SUM({c}{first}:{c}{last})"),
                    "summary_money" if i == np_ + 1 else "summary_number",
                )
            )
        total.append(S(Formula(f"=SUM({ae}{first}:{ae}{last})"), "summary_number"))
        total.append(S(Formula(f"=SUM({ac}{first}:{ac}{last})"), "summary_money"))
        total.append(S(Formula(f'=IF({pe}{t}>0,{ae}{t}/{pe}{t},"")'), "summary_percent"))
        total.append(S(Formula(f"={ac}{t}-{pc}{t}"), "summary_money"))
        sb.add(total)
        sb.freeze(f"B{first}")
        sb.autofilter(f"A{header}:{va}{last}")
        sb.validation("0", f"{ae}{first}:{ae}{last}", kind="decimal", operator="greaterThanOrEqual")
        del ut

    def write(self, path: Path) -> None:
        self.calendar()
        self.plan()
        self.gantt()
        self.milestones()
        self.raci()
        self.risks()
        self.stakeholders()
        self.changes()
        self.meetings()
        self.budget()
        self.removed()
        self.book.save(path)


def _bullets(items: Sequence[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {item}" for item in items)


def _unique(names: Sequence[str]) -> list[str]:
    """Make header labels unique (tables and filters need distinct headers)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        label = name or "-"
        n = 2
        while label.lower() in seen:
            label = f"{name} ({n})"
            n += 1
        seen.add(label.lower())
        out.append(label)
    return out


def _vertical_height(labels: Sequence[str], lang: str) -> float:
    """Row height (points) for rotated header labels."""
    from generator.render.xlsx_common import text_width

    longest = max((text_width(x) for x in labels), default=8)
    per_char = 5.6 if lang == "zh" else 6.0
    return float(min(max(longest * per_char + 10, 40), 260))


def render_plan(kit: Kit, path: Path) -> None:
    """Write the project-plan workbook for ``kit`` to ``path`` (deterministic bytes)."""
    _PlanWriter(kit).write(path)

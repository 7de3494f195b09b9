"""Declarations of the project-plan workbook's sheets (project-plan.xlsx), in sheet order."""

from __future__ import annotations

from typing import Any

from generator.sheets import ColType, ColumnSpec, SheetSpec
from generator.sheets.cost import EFFORT, EXPENSES, RATES
from generator.sheets.knowledge import LESSONS, STAFFING
from generator.sheets.lists import (
    CR_DECISION,
    CR_IMPACT,
    GATE_STATUS,
    RISK_STATUS,
    TASK_STATUS,
)
from generator.sheets.quality import ACCEPTANCE, DEFECTS, SURVEYS, TEAM


def gen(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    """A generated column (rewritten from the Kit on every build)."""
    return ColumnSpec(key, en, zh, "generated", type, **kw)


def mine(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    """A consultant column (yellow, unlocked, carried by ``implkit build``)."""
    return ColumnSpec(key, en, zh, "consultant", type, **kw)


# The Plan sheet's progress columns, shared with "Removed tasks".
_PROGRESS = (
    mine("status", "Status", "状态", "list", list=TASK_STATUS, min_width=12, max_width=14),
    mine("pct", "% complete", "完成百分比", "percent", min_width=10, max_width=11),
    mine("actual_start", "Actual start", "实际开始", "date", min_width=12),
    mine("actual_finish", "Actual finish", "实际完成", "date", min_width=12),
    mine("notes", "Notes", "备注", "long-text", width=30),
)

TASKS = SheetSpec(
    key="plan.tasks",
    workbook="plan",
    en="Plan",
    zh="计划",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=28),
        gen("wbs", "WBS", "WBS", center=True, min_width=6),
        gen("level", "Level", "层级", "int", max_width=7),
        gen("type", "Type", "类型", center=True, max_width=12),
        gen("name", "Name", "名称", "long-text", min_width=24, max_width=50),
        gen("owner", "Owner", "负责人", max_width=22),
        gen("duration", "Duration (working days)", "工期（工作日）", "int", max_width=12),
        gen("effort", "Effort (person-days)", "工作量（人天）", "person-days", max_width=12),
        gen("start", "Start", "开始", "date", min_width=12),
        gen("finish", "Finish", "完成", "date", min_width=12),
        # issue 13: the current baseline beside the current (forecast) dates
        gen("baseline_start", "Baseline start", "基线开始", "date", min_width=12),
        gen("baseline_finish", "Baseline finish", "基线完成", "date", min_width=12),
        gen("slip", "Finish slip (working days)", "完成偏差（工作日）", "int", max_width=12),
        gen("predecessors", "Predecessors", "前置任务", "long-text", max_width=30),
        gen("deliverables", "Deliverables", "交付物", "long-text", max_width=30),
        gen("critical", "Critical", "关键路径", "bool", center=True, max_width=10),
        gen("float", "Total float (days)", "总浮动（天）", "int", max_width=11),
        *_PROGRESS,
    ),
    accepts_added_rows=True,
)

GANTT = SheetSpec(
    key="plan.gantt",
    workbook="plan",
    en="Gantt",
    zh="甘特图",
    key_column="wbs",
    columns=(
        gen("wbs", "WBS", "WBS", center=True, min_width=6, max_width=8),
        gen("task", "Task", "任务", min_width=24, max_width=60),
        gen("start", "Start", "开始", "date", width=11.5),
        gen("finish", "Finish", "完成", "date", width=11.5),
        gen("type", "Type", "类型", center=True, width=5),
        gen("critical", "Critical", "关键路径", "bool", center=True, width=5),
        # issue 13: hidden; the baseline bar's conditional format reads them
        gen("baseline_start", "Baseline start", "基线开始", "date", width=11.5),
        gen("baseline_finish", "Baseline finish", "基线完成", "date", width=11.5),
    ),
    accepts_added_rows=False,
    dynamic_after="baseline_finish",
)

GATES = SheetSpec(
    key="plan.gates",
    workbook="plan",
    en="Milestones & gates",
    zh="里程碑与关口",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=28),
        gen("name", "Name", "名称", "long-text", min_width=20, max_width=40),
        gen("kind", "Kind", "类别", max_width=14),
        gen("phase", "Phase", "阶段", max_width=16),
        gen("date", "Date", "日期", "date", min_width=12),
        gen("entry", "Entry criteria", "准入条件", "long-text", min_width=20, max_width=45),
        gen("exit", "Exit criteria", "准出条件", "long-text", min_width=20, max_width=45),
        gen("signoff", "Sign-off roles", "签字确认角色", "long-text", max_width=28),
        # issue 14: the lessons of the phase this gate closes (generator/lessons/checks.py)
        gen("lessons", "Lessons to check", "需检查的经验教训", "long-text", max_width=36),
        mine("status", "Status", "状态", "list", list=GATE_STATUS, min_width=12, max_width=16),
        mine("signed_on", "Signed on", "签字日期", "date", min_width=12),
        mine("signed_by", "Signed by", "签字人", min_width=12),
        mine("notes", "Notes", "备注", "long-text", width=28),
    ),
    accepts_added_rows=False,
)

RACI = SheetSpec(
    key="plan.raci",
    workbook="plan",
    en="RACI",
    zh="RACI矩阵",
    key_column="wbs",
    columns=(
        gen("wbs", "WBS", "WBS", center=True, min_width=6, max_width=8),
        gen("task", "Task", "任务", min_width=24, max_width=45),
        gen("deliverables", "Deliverables", "交付物", "long-text", max_width=28),
    ),
    accepts_added_rows=False,
    dynamic_after="deliverables",
)

RISKS = SheetSpec(
    key="plan.risks",
    workbook="plan",
    en="Risks",
    zh="风险登记",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=28),
        gen("risk", "Risk", "风险", "long-text", min_width=24, max_width=40),
        gen("category", "Category", "类别", max_width=16),
        gen("phase", "Phase", "阶段", max_width=16),
        mine("likelihood", "Likelihood (1-5)", "可能性（1-5）", "int", min_width=10, max_width=11),
        mine("impact", "Impact (1-5)", "影响（1-5）", "int", min_width=10, max_width=11),
        gen(
            "score",
            "Score (L x I)",
            "风险值（可能性×影响）",
            "int",
            formula=True,
            min_width=10,
            max_width=12,
        ),
        gen("rating", "Rating", "等级", formula=True, center=True, max_width=10),
        gen("owner", "Owner", "负责人", max_width=22),
        gen("trigger", "Trigger", "触发信号", "long-text", max_width=32),
        gen("mitigation", "Mitigation", "应对措施", "long-text", min_width=20, max_width=40),
        gen("contingency", "Contingency", "应急预案", "long-text", max_width=32),
        mine("status", "Status", "状态", "list", list=RISK_STATUS, min_width=12, max_width=14),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

STAKEHOLDERS = SheetSpec(
    key="plan.stakeholders",
    workbook="plan",
    en="Stakeholders",
    zh="干系人",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=24),
        gen("stakeholder", "Stakeholder", "干系人", "long-text", min_width=16, max_width=30),
        gen("department", "Department", "部门", max_width=20),
        mine("interest", "Interest (1-5)", "关注度（1-5）", "int", min_width=10, max_width=11),
        mine("influence", "Influence (1-5)", "影响力（1-5）", "int", min_width=10, max_width=11),
        gen(
            "strategy",
            "Strategy",
            "管理策略",
            formula=True,
            center=True,
            min_width=12,
            max_width=16,
        ),
        gen("interface", "Interface person", "部门接口人", "bool", center=True, max_width=12),
        gen("role", "Project role", "项目角色", max_width=22),
        gen("expectations", "Expectations", "期望", "long-text", max_width=36),
        gen("engagement", "Engagement", "沟通策略", "long-text", max_width=36),
    ),
    accepts_added_rows=True,
)

INTERFACES = SheetSpec(
    key="plan.interfaces",
    workbook="plan",
    en="Interface persons",
    zh="部门接口人",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=24),
        gen("department", "Department", "部门", max_width=24),
        gen("stakeholder", "Interface person", "部门接口人", "long-text", max_width=30),
        mine("person_name", "Name", "姓名", min_width=14),
        mine("phone", "Phone", "电话", min_width=14),
        mine("email", "Email", "邮箱", min_width=22),
        mine("deputy", "Deputy", "替补人", min_width=14),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

CHANGES = SheetSpec(
    key="plan.changes",
    workbook="plan",
    en="Change requests",
    zh="变更申请",
    key_column="cr_id",
    columns=(
        gen("cr_id", "CR id", "变更编号", center=True, min_width=9),
        mine("raised_on", "Raised on", "提出日期", "date", min_width=12),
        mine("raised_by", "Raised by", "提出人", min_width=12),
        mine("change", "Change requested", "变更内容", "long-text", width=32),
        mine("reason", "Reason", "变更原因", "long-text", width=24),
        mine(
            "affected", "Affected tasks / deliverables", "影响的任务/交付物", "long-text", width=20
        ),
        mine("impact", "Impact", "影响程度", "list", list=CR_IMPACT, min_width=10),
        mine("schedule_days", "Schedule impact (days)", "工期影响（天）", "number", min_width=10),
        mine("cost_impact", "Cost impact", "成本影响", "currency", min_width=12),
        gen(
            "in_freeze",
            "In freeze window",
            "是否在冻结期内",
            formula=True,
            center=True,
            min_width=10,
        ),
        mine("decision", "CCB decision", "CCB决议", "list", list=CR_DECISION, min_width=14),
        mine("decided_on", "Decision date", "决议日期", "date", min_width=12),
        mine("decided_by", "Decided by", "决议人", min_width=12),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

MEETINGS = SheetSpec(
    key="plan.meetings",
    workbook="plan",
    en="Meetings",
    zh="会议",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=26),
        gen("meeting", "Meeting", "会议", "long-text", min_width=18, max_width=32),
        gen("purpose", "Purpose", "目的", "long-text", max_width=40),
        gen("cadence", "Cadence", "频率", center=True, max_width=16),
        gen("weekday", "Weekday", "星期", center=True, max_width=10),
        gen("time", "Time", "时间", center=True, max_width=8),
        gen("minutes", "Minutes", "时长（分钟）", "int", max_width=10),
        gen("chair", "Chair", "主持人", max_width=22),
        gen("attendees", "Attendees", "参会人", "long-text", max_width=40),
        gen("first", "First", "首次", "date", min_width=12),
        gen("until", "Until", "截止", "date", min_width=12),
        mine("location", "Room or online link", "会议室或线上链接", min_width=16, max_width=28),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

BUDGET = SheetSpec(
    key="plan.budget",
    workbook="plan",
    en="Budget",
    zh="预算",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=26),
        gen("role", "Project role", "项目角色", "long-text", min_width=16, max_width=30),
        gen("side", "Side", "所属方", center=True, max_width=10),
        mine(
            "rate", "Day rate ({cur})", "人天单价（{cur}）", "currency", min_width=11, max_width=13
        ),
        gen(
            "planned_effort",
            "Planned effort (person-days)",
            "计划工作量（人天）",
            "person-days",
            formula=True,
            min_width=12,
            max_width=14,
        ),
        gen(
            "planned_cost",
            "Planned cost ({cur})",
            "计划成本（{cur}）",
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
        mine(
            "actual_effort",
            "Actual effort (person-days)",
            "实际工作量（人天）",
            "person-days",
            min_width=11,
            max_width=13,
        ),
        gen(
            "logged_effort",
            "Logged effort (person-days)",
            "工时记录（人天）",
            "person-days",
            formula=True,
            min_width=11,
            max_width=13,
        ),
        gen(
            "effort_cost",
            "Effort cost ({cur})",
            "工时成本（{cur}）",
            "currency",
            formula=True,
            min_width=14,
            max_width=16,
        ),
        mine(
            "cost_entered",
            "Actual cost entered ({cur})",
            "录入的实际成本（{cur}）",
            "currency",
            min_width=14,
            max_width=16,
        ),
        gen(
            "actual_cost",
            "Actual cost ({cur})",
            "实际成本（{cur}）",
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
        gen(
            "utilisation",
            "Utilisation (actual / planned)",
            "资源利用率（实际/计划）",
            "percent",
            formula=True,
            min_width=11,
            max_width=14,
        ),
        gen(
            "variance",
            "Cost variance ({cur})",
            "成本偏差（{cur}）",
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
    ),
    accepts_added_rows=False,
    dynamic_after="rate",
)

CALENDAR = SheetSpec(
    key="plan.calendar",
    workbook="plan",
    en="Calendar",
    zh="工作日历",
    key_column="date",
    columns=(
        gen("date", "Date", "日期", "date", min_width=12),
        gen("weekday", "Weekday", "星期", center=True),
        gen("type", "Type", "类型"),
        gen("name", "Name", "名称", max_width=40),
        gen("source", "Schedule", "来源"),
    ),
    accepts_added_rows=False,
)

REMOVED = SheetSpec(
    key="plan.removed",
    workbook="plan",
    en="Removed tasks",
    zh="已移除任务",
    key_column="id",
    columns=(
        gen("id", "Id", "编号", max_width=28),
        gen("name", "Name", "名称", "long-text", min_width=24, max_width=50),
        *_PROGRESS,
    ),
    accepts_added_rows=False,
    optional=True,
)

PLAN_SHEETS: tuple[SheetSpec, ...] = (
    TASKS,
    GANTT,
    GATES,
    RACI,
    RISKS,
    STAKEHOLDERS,
    INTERFACES,
    CHANGES,
    MEETINGS,
    BUDGET,
    EFFORT,  # generator/sheets/cost.py: what was spent, by date
    RATES,
    EXPENSES,
    STAFFING,  # issue 14: generator/sheets/knowledge.py
    LESSONS,
    DEFECTS,  # issue 15: generator/sheets/quality.py
    ACCEPTANCE,
    SURVEYS,
    TEAM,
    CALENDAR,
    REMOVED,
)

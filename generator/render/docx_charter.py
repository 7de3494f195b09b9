"""The project charter (project-charter.docx).

Cover, contents, objectives, scope (systems, strategy, phases, migration and
training in numbers), governance (steering committee, CCB, project roles, the
joint working group with each department's interface person), timeline summary
with milestones, the requirements-freeze rule with its dates, then a landscape
section with the quality gates, the top ten risks and the communication plan,
and a sign-off page for the sponsor and both project managers.

The Kit carries no free-text objectives: they are stated from the Kit's own
numbers (go-live date, key-node gates, freeze, training, migration, the
post-project evaluation), so they always match the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from docx.shared import Cm

from generator.kit_model import Ceremony, Kit
from generator.render.docx_common import DocWriter, count_phrase, fmt_date
from generator.render.docx_knowledge import lessons_section
from generator.render.docx_waves import waves_section

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Project charter",
        "kicker": "Project charter",
        "subject": "Project charter: objectives, scope, governance, timeline, risks, sign-off",
        "category": "Project charter",
        "client": "Client",
        "project": "Project",
        "systems": "Systems",
        "strategy": "Go-live strategy",
        "big-bang": "Big bang",
        "phased": "Phased",
        "sites": "Sites",
        "users": "Users",
        "start": "Start",
        "go_live": "Go-live",
        "finish": "Finish",
        "pack": "Know-how pack",
        "author": "Prepared by",
        "objectives": "Purpose and objectives",
        "purpose": (
            "This charter authorises the project {project} for {client}: the implementation of "
            "{systems}, following the {pack} method. It states what the project will achieve, "
            "what it covers, who decides, and the dates the team commits to."
        ),
        "obj_go_live": "Go live with {systems} on {date} ({strategy}) for {users} at {sites}.",
        "obj_go_live_waves": "Go live with {systems} in {waves} ({strategy}): {pilot} on {date}, the last wave on {last}; {users} at {sites} in all.",
        "obj_finish": "Complete the plan by {date}, hypercare included.",
        "obj_key_node": "{gate}: signed by {roles} on or before {date}.",
        "obj_freeze": "Freeze requirements from {start} to {end}; every change after the freeze goes to the change control board.",
        "obj_training": "Train every user in three tiers (basic operations, advanced application, self-support) between {start} and {end} (the first go-live's users), after user acceptance testing and shortly before their go-live.",
        "obj_migration": "Migrate {count} in {waves}, each reconciled and signed off by its data owner.",
        "obj_evaluation": "Measure the result at the post-project evaluation ({date}): planned versus actual cost, effort and resource utilisation, and customer satisfaction (NPS).",
        "obj_evaluation_nodate": "Measure the result at the post-project evaluation: planned versus actual cost, effort and resource utilisation, and customer satisfaction (NPS).",
        "key_nodes": "Closed-loop control of the key nodes",
        "scope": "Scope",
        "scope_systems": "Systems and modules",
        "scope_phases": "Phases",
        "phase": "Phase",
        "description": "Description",
        "tasks": "Tasks",
        "scope_data": "Data migration",
        "scope_data_text": "{count} data objects in derived load order: {names}.",
        "scope_training": "Training",
        "scope_training_text": "{courses} courses for {audiences} audiences, {sessions} scheduled sessions.",
        "item": "Item",
        "value": "Value",
        "governance": "Governance",
        "steering": "Steering committee",
        "steering_text": "Sets direction, approves phase gates and decides escalated issues, scope and budget changes.",
        "ccb": "Change control board (CCB)",
        "ccb_text": "Decides every change request after the requirements freeze: impact on scope, schedule and cost, then approve, defer or reject.",
        "meets": "Meets",
        "chair": "Chair",
        "members": "Members",
        "roles": "Project roles",
        "role": "Role",
        "side": "Side",
        "vendor": "Vendor",
        "client_side": "Client",
        "joint": "Joint",
        "jwg": "Joint working group",
        "jwg_text": (
            "The business names a dedicated interface person for each department. Interface "
            "persons join the weekly cross-department sync, collect their department's "
            "requirements, and sign its decisions."
        ),
        "department": "Department",
        "interface": "Interface person",
        "interest": "Interest",
        "influence": "Influence",
        "engagement": "Engagement",
        "jwg_missing_label": "To name their interface person before kickoff",
        "timeline": "Timeline and milestones",
        "timeline_text": "The project runs from {start} to {finish}; go-live is planned for {go_live}.",
        "milestones": "Milestones",
        "date": "Date",
        "milestone": "Milestone",
        "kind": "Type",
        "gate": "Quality gate",
        "key_node": "Key-node gate",
        "plain_milestone": "Milestone",
        "signoff": "Sign-off",
        "freeze": "Requirements freeze",
        "freeze_rule": (
            "No requirement changes in the {days} days before formal development starts. The "
            "prototype is demonstrated and its confirmation signed ({signoff_task}, {signoff_date}) "
            "before the freeze. From {start} to {end} requirements are frozen; development "
            "starts on {dev_date} ({dev_task}). After the freeze, the change control board "
            "decides every change."
        ),
        "freeze_none": "No requirements freeze window is scheduled in this plan.",
        "freeze_start": "Freeze starts",
        "freeze_end": "Freeze ends",
        "prototype": "Prototype sign-off",
        "development": "First development day",
        "development_milestone": "Development-start milestone in the plan (end of day)",
        "gates": "Quality gates and sign-off criteria",
        "entry": "Entry criteria",
        "exit": "Exit criteria",
        "risks": "Top risks",
        "risks_text": "The {count} highest-scoring risks (likelihood × impact, 1-5 each) of {total} in the register.",
        "risk": "Risk",
        "likelihood": "L",
        "impact": "I",
        "score": "Score",
        "owner": "Owner",
        "trigger": "Trigger",
        "mitigation": "Mitigation",
        "communication": "Communication plan",
        "meeting": "Meeting",
        "purpose_col": "Purpose",
        "cadence": "Cadence",
        "when": "When",
        "attendees": "Attendees",
        "period": "Period",
        "approval": "Sign-off",
        "approval_text": (
            "By signing, the sponsor and both project managers accept this charter: its "
            "objectives, scope, governance and dates. Changes after signature go through the "
            "change control board."
        ),
        "name": "Name",
        "signature": "Signature",
        "sponsor": "Project sponsor",
        "client-project-manager": "Client project manager",
        "project-manager": "Vendor project manager",
        "steering-committee": "Steering committee",
        "none": "None",
    },
    "zh": {
        "title": "项目章程",
        "kicker": "项目章程",
        "subject": "项目章程：目标、范围、治理、里程碑、风险与签字",
        "category": "项目章程",
        "client": "客户",
        "project": "项目",
        "systems": "系统",
        "strategy": "上线策略",
        "big-bang": "一次性整体上线",
        "phased": "分阶段上线",
        "sites": "实施地点数",
        "users": "用户数",
        "start": "开始日期",
        "go_live": "上线日期",
        "finish": "结束日期",
        "pack": "行业知识包",
        "author": "编写人",
        "objectives": "项目目的与目标",
        "purpose": (
            "本章程授权{client}启动{project}：按照“{pack}”方法实施{systems}。章程明确项目要达成的"
            "目标、覆盖的范围、决策机制以及团队承诺的关键日期。"
        ),
        "obj_go_live": "{date}实现{systems}上线（{strategy}），覆盖{sites}、{users}。",
        "obj_go_live_waves": "分{waves}上线{systems}（{strategy}）：{pilot}于{date}上线，最后一批于{last}上线；共覆盖{sites}、{users}。",
        "obj_finish": "{date}前完成全部计划工作（含上线支持期）。",
        "obj_key_node": "{gate}：{date}前由{roles}签字确认。",
        "obj_freeze": "{start}至{end}冻结需求；冻结后的一切变更由变更控制委员会决策。",
        "obj_training": "{start}至{end}完成（首批上线）用户的三级培训（基础操作、进阶应用、自助支持），在用户验收测试之后、上线前完成。",
        "obj_migration": "分{waves}迁移{count}，每类数据均完成核对并由数据负责人签字确认。",
        "obj_evaluation": "在项目后评估（{date}）中用数据衡量成果：计划与实际的成本、工作量和资源利用率对比，以及客户满意度（NPS）。",
        "obj_evaluation_nodate": "在项目后评估中用数据衡量成果：计划与实际的成本、工作量和资源利用率对比，以及客户满意度（NPS）。",
        "key_nodes": "关键节点闭环管控",
        "scope": "项目范围",
        "scope_systems": "系统与模块",
        "scope_phases": "项目阶段",
        "phase": "阶段",
        "description": "说明",
        "tasks": "任务数",
        "scope_data": "数据迁移",
        "scope_data_text": "共{count}类数据对象，按推导的导入顺序：{names}。",
        "scope_training": "用户培训",
        "scope_training_text": "{courses}门课程，{audiences}类培训对象，已排定{sessions}个培训场次。",
        "item": "项目",
        "value": "内容",
        "governance": "项目治理",
        "steering": "项目指导委员会",
        "steering_text": "确定项目方向，审批阶段关口，决策升级问题以及范围和预算变更。",
        "ccb": "变更控制委员会（CCB）",
        "ccb_text": "需求冻结后的每一项变更申请均由其评估对范围、进度和成本的影响，并作出批准、延后或拒绝的决定。",
        "meets": "会议频率",
        "chair": "主持人",
        "members": "参加人",
        "roles": "项目角色",
        "role": "角色",
        "side": "所属方",
        "vendor": "实施方",
        "client_side": "客户方",
        "joint": "双方",
        "jwg": "联合工作组",
        "jwg_text": (
            "业务方为每个部门指定专职接口人。接口人参加每周跨部门例会，收集本部门需求，"
            "并对本部门的决策签字确认。"
        ),
        "department": "部门",
        "interface": "接口人",
        "interest": "关注度",
        "influence": "影响力",
        "engagement": "沟通策略",
        "jwg_missing_label": "须在项目启动前指定接口人的部门",
        "timeline": "项目进度与里程碑",
        "timeline_text": "项目周期为 {start} 至 {finish}，计划于 {go_live} 上线。",
        "milestones": "里程碑",
        "date": "日期",
        "milestone": "里程碑",
        "kind": "类型",
        "gate": "阶段关口",
        "key_node": "关键节点关口",
        "plain_milestone": "里程碑",
        "signoff": "签字确认",
        "freeze": "需求冻结",
        "freeze_rule": (
            "正式开发启动前{days}天内不接受需求变更。冻结之前先完成原型演示并签字确认"
            "（{signoff_task}，{signoff_date}）。{start}至{end}为需求冻结期；{dev_date}正式开发启动"
            "（{dev_task}）。冻结后的一切变更由变更控制委员会决策。"
        ),
        "freeze_none": "本计划未安排需求冻结期。",
        "freeze_start": "冻结开始",
        "freeze_end": "冻结结束",
        "prototype": "原型签字确认",
        "development": "正式开发首日",
        "development_milestone": "计划中的开发启动里程碑（当日结束时）",
        "gates": "质量关口与签字标准",
        "entry": "进入标准",
        "exit": "退出标准",
        "risks": "主要风险",
        "risks_text": "风险登记册共{total}项风险，以下为得分（可能性 × 影响，各 1-5 分）最高的{count}项。",
        "risk": "风险",
        "likelihood": "可能性",
        "impact": "影响",
        "score": "得分",
        "owner": "负责人",
        "trigger": "触发信号",
        "mitigation": "应对措施",
        "communication": "沟通计划",
        "meeting": "会议",
        "purpose_col": "目的",
        "cadence": "频率",
        "when": "时间",
        "attendees": "参加人",
        "period": "起止日期",
        "approval": "签字确认",
        "approval_text": (
            "项目发起人与双方项目经理签字即表示接受本章程的目标、范围、治理机制和日期。签字后的"
            "变更须经变更控制委员会决策。"
        ),
        "name": "姓名",
        "signature": "签字",
        "sponsor": "项目发起人",
        "client-project-manager": "客户方项目经理",
        "project-manager": "实施方项目经理",
        "steering-committee": "项目指导委员会",
        "none": "无",
    },
}

CADENCE: dict[str, dict[str, str]] = {
    "en": {
        "daily": "Daily",
        "weekly": "Weekly",
        "biweekly": "Every two weeks",
        "monthly": "Monthly",
    },
    "zh": {"daily": "每天", "weekly": "每周", "biweekly": "每两周", "monthly": "每月"},
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}

TOP_RISKS = 10


def _role(kit: Kit, role_id: str) -> str:
    """Role display name; our own label when the pack does not define the role."""
    name = kit.role_name(role_id)
    if name == role_id:
        return LABELS[kit.lang].get(role_id, role_id)
    return name


def _join(kit: Kit, items: Sequence[str]) -> str:
    return ("、" if kit.lang == "zh" else ", ").join(items)


def _when(kit: Kit, ceremony: Ceremony) -> str:
    day = WEEKDAYS[kit.lang][ceremony.weekday % 7]
    cadence = CADENCE[kit.lang].get(ceremony.cadence, ceremony.cadence)
    unit, comma = ("分钟", "，") if kit.lang == "zh" else ("min", ", ")
    if ceremony.cadence == "daily":
        return f"{cadence} {ceremony.time}{comma}{ceremony.minutes} {unit}"
    return f"{cadence} {day} {ceremony.time}{comma}{ceremony.minutes} {unit}"


def render_charter(kit: Kit, path: Path, *, template: Path | None = None) -> None:
    """Write the project charter for ``kit`` to ``path``."""
    lab = LABELS[kit.lang]
    writer = DocWriter(
        kit, title=lab["title"], subject=lab["subject"], category=lab["category"], template=template
    )
    _cover(writer, kit)
    writer.toc()
    writer.page_break()
    _objectives(writer, kit)
    _scope(writer, kit)
    _governance(writer, kit)
    _timeline(writer, kit)
    waves_section(writer, kit)  # issue 12: each wave's go-live, dates moved
    _freeze(writer, kit)
    writer.section(landscape=True)
    _gates(writer, kit)
    _risks(writer, kit)
    lessons_section(writer, kit)  # issue 14
    _communication(writer, kit)
    writer.section(landscape=False)
    _signoff(writer, kit)
    writer.save(path)


def _cover(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    facts = [
        (lab["client"], p.client),
        (lab["project"], p.name),
        (lab["systems"], _join(kit, p.systems)),
        (lab["strategy"], lab.get(p.strategy, p.strategy)),
        (lab["start"], fmt_date(p.start)),
        (lab["go_live"], _go_live_span(kit)),
        (lab["finish"], fmt_date(p.finish)),
    ]  # the client's document names the project, not the pack version or the tool
    if p.author:
        facts.append((lab["author"], p.author))
    writer.cover(lab["kicker"], facts)


def _go_live_span(kit: Kit) -> str:
    """The go-live date; for a phased rollout the first and the last wave's, named."""
    dated = [w for w in kit.waves if w.go_live]
    if len(dated) < 2:
        return fmt_date(kit.project.go_live)
    first, last = dated[0], dated[-1]
    if kit.lang == "zh":
        return (
            f"{fmt_date(first.go_live)}（{first.name}）至 {fmt_date(last.go_live)}（{last.name}）"
        )
    return f"{fmt_date(first.go_live)} ({first.name}) to {fmt_date(last.go_live)} ({last.name})"


def _objectives(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    writer.heading(lab["objectives"], 1)
    writer.para(
        lab["purpose"].format(
            project=p.name, client=p.client, systems=_join(kit, p.systems), pack=kit.pack.name
        )
    )
    objectives = []
    if p.go_live:
        users = count_phrase(p.users, kit.lang, ("user", "users"), "名用户")
        sites = count_phrase(p.sites, kit.lang, ("site", "sites"), "个地点")
        dated = [w for w in kit.waves if w.go_live]
        if len(dated) > 1:  # phased: the pilot's date is not every site's date
            objectives.append(
                lab["obj_go_live_waves"].format(
                    systems=_join(kit, p.systems),
                    waves=count_phrase(len(dated), kit.lang, ("wave", "waves"), "批"),
                    strategy=lab.get(p.strategy, p.strategy),
                    pilot=dated[0].name,
                    date=fmt_date(dated[0].go_live),
                    last=fmt_date(dated[-1].go_live),
                    users=users,
                    sites=sites,
                )
            )
        else:
            objectives.append(
                lab["obj_go_live"].format(
                    systems=_join(kit, p.systems),
                    date=fmt_date(p.go_live),
                    strategy=lab.get(p.strategy, p.strategy),
                    users=users,
                    sites=sites,
                )
            )
    objectives.append(lab["obj_finish"].format(date=fmt_date(p.finish)))
    if kit.freeze:
        objectives.append(
            lab["obj_freeze"].format(start=fmt_date(kit.freeze.start), end=fmt_date(kit.freeze.end))
        )
    if kit.training_window:
        objectives.append(
            lab["obj_training"].format(
                start=fmt_date(kit.training_window[0]), end=fmt_date(kit.training_window[1])
            )
        )
    if kit.migration:
        objectives.append(
            lab["obj_migration"].format(
                count=count_phrase(
                    len(kit.migration), kit.lang, ("data object", "data objects"), "类数据对象"
                ),
                waves=count_phrase(
                    max(m.wave for m in kit.migration),
                    kit.lang,
                    ("load wave", "load waves"),
                    "批次",
                ),
            )
        )
    evaluation = kit.anchor("evaluation")
    objectives.append(
        lab["obj_evaluation"].format(date=fmt_date(evaluation))
        if evaluation
        else lab["obj_evaluation_nodate"]
    )
    writer.bullets(objectives)
    key_nodes = [g for g in kit.gates if g.kind == "key-node"]
    if key_nodes:
        writer.heading(lab["key_nodes"], 2)
        writer.bullets(
            [
                lab["obj_key_node"].format(
                    gate=g.name,
                    roles=_join(kit, [_role(kit, r) for r in g.signoff]) or lab["none"],
                    date=fmt_date(g.date),
                )
                for g in key_nodes
            ]
        )


def _scope(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    writer.heading(lab["scope"], 1)
    writer.heading(lab["scope_systems"], 2)
    writer.kv_table(
        [
            (lab["systems"], list(p.systems) or lab["none"]),
            (lab["strategy"], lab.get(p.strategy, p.strategy)),
            (lab["sites"], str(p.sites)),
            (lab["users"], str(p.users)),
        ],
        (1, 3),
    )
    writer.heading(lab["scope_phases"], 2)
    writer.table(
        ("#", lab["phase"], lab["description"], lab["start"], lab["finish"], lab["tasks"]),
        [
            (
                str(ph.number),
                ph.name,
                ph.description,
                fmt_date(ph.start),
                fmt_date(ph.finish),
                str(len(ph.task_ids)),
            )
            for ph in kit.phases
        ],
        (0.35, 1.6, 3.2, 1.05, 1.05, 0.6),
        align_right=(0, 5),
    )
    if kit.migration:
        writer.heading(lab["scope_data"], 2)
        writer.para(
            lab["scope_data_text"].format(
                count=len(kit.migration), names=_join(kit, [m.name for m in kit.migration])
            )
        )
    if kit.courses:
        writer.heading(lab["scope_training"], 2)
        writer.para(
            lab["scope_training_text"].format(
                courses=len(kit.courses),
                audiences=len(kit.audiences),
                sessions=len(kit.sessions),
            )
        )


def _ceremony_for(kit: Kit, key: str) -> Ceremony | None:
    return next((c for c in kit.ceremonies if key in c.id), None)


def _body(writer: DocWriter, kit: Kit, role_id: str, fallback: str, ceremony_key: str) -> None:
    lab = LABELS[kit.lang]
    role = next((r for r in kit.roles if r.id == role_id), None)
    writer.para(role.description if role and role.description else fallback)
    ceremony = _ceremony_for(kit, ceremony_key)
    if ceremony:
        writer.kv_table(
            [
                (lab["meets"], _when(kit, ceremony)),
                (lab["chair"], _role(kit, ceremony.chair)),
                (lab["members"], _join(kit, [_role(kit, a) for a in ceremony.attendees])),
            ],
            (1, 3),
        )


def _governance(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["governance"], 1)
    writer.heading(lab["steering"], 2)
    _body(writer, kit, "steering-committee", lab["steering_text"], "steering")
    writer.heading(lab["ccb"], 2)
    _body(writer, kit, "ccb", lab["ccb_text"], "ccb")
    writer.heading(lab["jwg"], 2)
    writer.para(lab["jwg_text"])
    named = [s for s in kit.stakeholders if s.interface_person]
    rows = [
        (s.department, s.name, _role(kit, s.role) if s.role else "", s.engagement) for s in named
    ]
    if rows:
        writer.table(
            (lab["department"], lab["interface"], lab["role"], lab["engagement"]),
            rows,
            (1.2, 1.7, 1.5, 2.6),
        )
    covered = {s.department for s in named}
    missing = list(
        dict.fromkeys(s.department for s in kit.stakeholders if s.department not in covered)
    )
    if missing:
        writer.labelled(lab["jwg_missing_label"], _join(kit, missing))
    writer.heading(lab["roles"], 2)
    sides = {"vendor": lab["vendor"], "client": lab["client_side"], "joint": lab["joint"]}
    writer.table(
        (lab["role"], lab["side"], lab["description"]),
        [(r.name, sides.get(r.side, r.side), r.description) for r in kit.roles],
        (1.6, 0.8, 4.0),
        first_column_bold=True,
    )


def _timeline(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    writer.heading(lab["timeline"], 1)
    writer.para(
        lab["timeline_text"].format(
            start=fmt_date(p.start), finish=fmt_date(p.finish), go_live=fmt_date(p.go_live)
        )
    )
    writer.table(
        ("#", lab["phase"], lab["start"], lab["finish"]),
        [(str(ph.number), ph.name, fmt_date(ph.start), fmt_date(ph.finish)) for ph in kit.phases],
        (0.4, 3.0, 1.2, 1.2),
        align_right=(0,),
    )
    writer.heading(lab["milestones"], 2)
    gates = {g.task_id: g for g in kit.gates}
    phases = {ph.id: ph.name for ph in kit.phases}
    rows = []
    for task in sorted(kit.tasks, key=lambda t: (t.finish, t.wbs)):
        if not task.milestone:
            continue
        gate = gates.get(task.id)
        if gate is not None:
            kind = lab["key_node"] if gate.kind == "key-node" else lab["gate"]
            signoff = _join(kit, [_role(kit, r) for r in gate.signoff])
        else:
            kind, signoff = lab["plain_milestone"], ""
        rows.append(
            (fmt_date(task.finish), task.name, phases.get(task.phase, task.phase), kind, signoff)
        )
    writer.table(
        (lab["date"], lab["milestone"], lab["phase"], lab["kind"], lab["signoff"]),
        rows,
        (1.3, 2.7, 1.1, 1.1, 1.8),
    )


def _freeze(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["freeze"], 1)
    freeze = kit.freeze
    if freeze is None:
        writer.para(lab["freeze_none"])
        return
    tasks = {t.id: t for t in kit.tasks}
    signoff = tasks.get(freeze.signoff_task)
    development = tasks.get(freeze.development_task)
    # the development-start milestone falls at the end of its day; the freeze ends the
    # day before development starts (FreezeWindow contract), so work starts the day after
    dev_start = freeze.end + timedelta(days=1)
    writer.para(
        lab["freeze_rule"].format(
            days=freeze.days,
            signoff_task=signoff.name if signoff else freeze.signoff_task,
            signoff_date=fmt_date(signoff.finish) if signoff else "",
            start=fmt_date(freeze.start),
            end=fmt_date(freeze.end),
            dev_date=fmt_date(dev_start),
            dev_task=development.name if development else freeze.development_task,
        )
    )
    pairs = []
    if signoff:
        pairs.append((lab["prototype"], fmt_date(signoff.finish)))
    pairs += [
        (lab["freeze_start"], fmt_date(freeze.start)),
        (lab["freeze_end"], fmt_date(freeze.end)),
    ]
    if development:
        # the plan dates a milestone at the end of its day (as MS Project does); name both
        # so the charter and the plan read the same date for the same thing
        pairs.append((lab["development_milestone"], fmt_date(development.finish)))
    pairs.append((lab["development"], fmt_date(dev_start)))
    writer.kv_table(pairs, (1, 2))


def _gates(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["gates"], 1)
    if not kit.gates:
        writer.para(lab["none"], italic=True)
        return
    writer.table(
        (lab["date"], lab["gate"], lab["entry"], lab["exit"], lab["signoff"]),
        [
            (
                fmt_date(g.date),
                g.name,
                list(g.entry_criteria) or lab["none"],
                list(g.exit_criteria) or lab["none"],
                [_role(kit, r) for r in g.signoff] or lab["none"],
            )
            for g in sorted(kit.gates, key=lambda g: (g.date, g.id))
        ],
        (1.0, 2.0, 3.4, 3.4, 1.6),
    )


def _risks(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["risks"], 1)
    top = sorted(kit.risks, key=lambda r: (-r.score, r.id))[:TOP_RISKS]
    if not top:
        writer.para(lab["none"], italic=True)
        return
    writer.para(lab["risks_text"].format(count=len(top), total=len(kit.risks)))
    writer.table(
        (
            "#",
            lab["risk"],
            lab["likelihood"],
            lab["impact"],
            lab["score"],
            lab["owner"],
            lab["trigger"],
            lab["mitigation"],
        ),
        [
            (
                str(i),
                r.title,
                str(r.likelihood),
                str(r.impact),
                str(r.score),
                _role(kit, r.owner),
                r.trigger,
                r.mitigation,
            )
            for i, r in enumerate(top, start=1)
        ],
        (0.3, 2.4, 0.55, 0.55, 0.65, 1.3, 2.0, 3.0),
        align_right=(0, 2, 3, 4),
    )


def _communication(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["communication"], 1)
    if not kit.ceremonies:
        writer.para(lab["none"], italic=True)
        return
    writer.table(
        (
            lab["meeting"],
            lab["purpose_col"],
            lab["when"],
            lab["chair"],
            lab["attendees"],
            lab["period"],
        ),
        [
            (
                c.name,
                c.purpose,
                _when(kit, c),
                _role(kit, c.chair),
                _join(kit, [_role(kit, a) for a in c.attendees]),
                f"{fmt_date(c.first)} – {fmt_date(c.until)}",
            )
            for c in kit.ceremonies
        ],
        (1.8, 2.6, 1.6, 1.3, 2.4, 1.5),
        first_column_bold=True,
    )


def _signoff(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["approval"], 1)
    writer.para(lab["approval_text"], space_after=12)
    table = writer.table(
        (lab["role"], lab["name"], lab["signature"], lab["date"]),
        [
            (lab[role_id], "", "", "")
            for role_id in ("sponsor", "client-project-manager", "project-manager")
        ],
        (1.6, 1.6, 2.0, 1.0),
        size=10,
        first_column_bold=True,
    )
    for row in table.rows[1:]:
        row.height = Cm(1.6)

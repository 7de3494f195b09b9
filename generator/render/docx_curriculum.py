"""The three-tier training curriculum (training-curriculum.docx).

Cover, table of contents, how the curriculum works (tiers, delivery modes,
evaluation), an overview table (audience x tier x hours per person), then one
chapter per audience with its courses tier by tier (code, title, objectives,
prerequisites, modules with minutes and method, delivery mode, environment and
data, materials, assessment and pass mark, Kirkpatrick level), the session
schedule in a landscape section, and the self-support resources.

``audiences`` / ``tiers`` narrow the document to what one trainer needs: only
those audiences' chapters, overview rows and sessions; only those tiers'
courses and sessions (the self-support resources chapter comes with the
self-support tier). Unknown ids raise :class:`~generator.errors.InputError`
listing the valid ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.kit_model import TIERS, Audience, Course, Kit, TrainingSession
from generator.render.docx_common import DocWriter, fmt_date, kirkpatrick
from generator.render.docx_knowledge import internal_track_section
from generator.render.docx_waves import hours_warning

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Three-tier training curriculum",
        "kicker": "Training curriculum",
        "subject": "Training curriculum: basic operations, advanced application, self-support",
        "category": "Training curriculum",
        "client": "Client",
        "project": "Project",
        "systems": "Systems",
        "window": "Training window",
        "go_live": "Go-live",
        "pack": "Know-how pack",
        "author": "Prepared by",
        "scope": "This edition covers",
        "all": "all audiences and tiers",
        "about": "About this curriculum",
        "about_text": (
            "Training follows three tiers. Basic operations teach every user the daily "
            "transactions of their role; advanced application covers exceptions, analysis "
            "and the processes that cross departments; self-support makes users independent "
            "after go-live through the knowledge base, quick-reference cards and the "
            "super-user network. End-user training runs before user acceptance testing, and "
            "super users give at-the-elbow support on every shift around go-live."
        ),
        "tier": "Tier",
        "covers": "What it covers",
        "delivery": "Typical delivery",
        "tier_basic": "The transactions each user performs daily, step by step on the training system",
        "tier_advanced": "Exceptions, reports and analysis, cross-department processes, month-end",
        "tier_self-support": "Finding answers without help: knowledge base, quick-reference cards, super users",
        "delivery_basic": "Offline hands-on in class, with online recorded lessons to prepare and repeat",
        "delivery_advanced": "Offline hands-on workshops with the business's own cases",
        "delivery_self-support": "Self-service, online recorded lessons",
        "modes": "Delivery modes",
        "mode_online-recorded": "recorded lessons users watch before class and again whenever they need",
        "mode_offline-hands-on": "classroom sessions on the training system with exercise data, one user per screen",
        "mode_self-service": "knowledge-base articles, quick-reference cards and short videos, at any time",
        "evaluation": "Evaluation (Kirkpatrick)",
        "evaluation_text": (
            "Level 1 reaction (survey after each class), level 2 learning (the course "
            "assessment and its pass mark), level 3 behaviour (observed work in the live "
            "system during hypercare), level 4 results (business measures after go-live)."
        ),
        "overview": "Overview: hours per person by audience and tier",
        "audience": "Audience",
        "users": "Users",
        "total": "Total",
        "target": "Target hours",
        "courses": "Courses",
        "support_courses": "Self-support courses",
        "planned_hours": "Planned hours per person",
        "no_courses": "No course at this tier for this audience.",
        "code": "Code",
        "mode": "Delivery mode",
        "duration": "Duration",
        "objectives": "Objectives",
        "prerequisites": "Prerequisites",
        "environment": "Environment and data",
        "materials": "Materials",
        "assessment": "Assessment",
        "pass_mark": "pass mark",
        "evaluation_level": "Evaluation level",
        "also_for": "Also for",
        "modules": "Modules",
        "topic": "Topic",
        "method": "Method",
        "minutes": "Minutes",
        "hours_unit": "h",
        "minutes_unit": "min",
        "schedule": "Session schedule",
        "schedule_text": "Sessions from {start} to {end}: trainers and key users first, then each wave's end users at their site shortly before its go-live; class size up to {size}.",
        "schedule_none": "No sessions are scheduled for this selection.",
        "date": "Date",
        "time": "Time",
        "course": "Course",
        "location": "Location",
        "capacity": "Capacity",
        "enrolled": "Enrolled",
        "session": "No.",
        "support": "Self-support resources",
        "support_text": (
            "After training, users help themselves first, then ask their super user, then the "
            "hypercare desk."
        ),
        "support_hypercare": "Hypercare runs from go-live on {start} to {end}.",
        "resource": "Resource",
        "kind": "Kind",
        "description": "Description",
        "hours": "Hours",
        "course_hours": "Hours",
    },
    "zh": {
        "title": "三级培训课程体系",
        "kicker": "培训课程体系",
        "subject": "培训课程体系：基础操作、进阶应用、自助支持",
        "category": "培训课程体系",
        "client": "客户",
        "project": "项目",
        "systems": "系统",
        "window": "培训窗口",
        "go_live": "上线日期",
        "pack": "行业知识包",
        "author": "编写人",
        "scope": "本版本范围",
        "all": "全部培训对象与层级",
        "about": "课程体系说明",
        "about_text": (
            "培训分为三级：基础操作使每位用户掌握本岗位的日常操作；进阶应用涵盖异常处理、分析报表"
            "和跨部门流程；自助支持通过知识库、快速参考卡和关键用户网络，使用户在上线后能够独立"
            "解决问题。最终用户培训在用户验收测试之前完成，上线前后每个班次均有关键用户现场支持。"
        ),
        "tier": "层级",
        "covers": "培训内容",
        "delivery": "主要方式",
        "tier_basic": "本岗位每天要做的操作，在培训系统中逐步练习",
        "tier_advanced": "异常处理、报表与分析、跨部门流程、月结",
        "tier_self-support": "自主查找答案：知识库、快速参考卡、关键用户",
        "delivery_basic": "线下实操授课，配合线上录播课预习与复习",
        "delivery_advanced": "以业务实际案例开展线下实操研讨",
        "delivery_self-support": "自助学习，线上录播课",
        "modes": "授课方式",
        "mode_online-recorded": "录播课程，课前预习，课后随时复习",
        "mode_offline-hands-on": "在培训系统中使用练习数据的课堂实操，每人一台电脑",
        "mode_self-service": "知识库文章、快速参考卡和短视频，随时可用",
        "evaluation": "培训评估（柯氏四级）",
        "evaluation_text": (
            "一级反应（每次课后问卷），二级学习（课程考核及合格线），三级行为（上线支持期间在正式"
            "系统中的实际操作观察），四级结果（上线后的业务指标）。"
        ),
        "overview": "总览：各培训对象各层级人均学时",
        "audience": "培训对象",
        "users": "人数",
        "total": "合计",
        "target": "目标学时",
        "courses": "课程",
        "support_courses": "自助支持课程",
        "planned_hours": "人均计划学时",
        "no_courses": "该培训对象在此层级没有课程。",
        "code": "课程编号",
        "mode": "授课方式",
        "duration": "时长",
        "objectives": "培训目标",
        "prerequisites": "先修课程",
        "environment": "培训环境与数据",
        "materials": "培训材料",
        "assessment": "考核方式",
        "pass_mark": "合格线",
        "evaluation_level": "评估层级",
        "also_for": "同时适用于",
        "modules": "课程单元",
        "topic": "内容",
        "method": "方法",
        "minutes": "分钟",
        "hours_unit": "小时",
        "minutes_unit": "分钟",
        "schedule": "培训排期",
        "schedule_text": "培训时间 {start} 至 {end}：先培训内部讲师和关键用户，再按批次在各站点于上线前培训最终用户；每班不超过 {size} 人。",
        "schedule_none": "所选范围内没有安排培训场次。",
        "date": "日期",
        "time": "时间",
        "course": "课程",
        "location": "地点",
        "capacity": "容量",
        "enrolled": "报名人数",
        "session": "场次",
        "support": "自助支持资源",
        "support_text": "培训结束后，用户先自助查找答案，再求助本部门关键用户，最后联系上线支持服务台。",
        "support_hypercare": "上线支持期自上线日 {start} 起至 {end} 止。",
        "resource": "资源",
        "kind": "类型",
        "description": "说明",
        "hours": "服务时间",
        "course_hours": "学时",
    },
}

MODE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "online-recorded": "Online recorded",
        "offline-hands-on": "Offline hands-on",
        "self-service": "Self-service",
    },
    "zh": {
        "online-recorded": "线上录播",
        "offline-hands-on": "线下实操",
        "self-service": "自助学习",
    },
}

METHOD_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "lecture": "Lecture",
        "demo": "Demonstration",
        "hands-on": "Hands-on exercise",
        "exercise": "Exercise",
        "discussion": "Discussion",
        "case-study": "Case study",
        "video": "Video",
        "quiz": "Quiz",
        "workshop": "Workshop",
        "self-study": "Self-study",
        "assessment": "Assessment",
    },
    "zh": {
        "lecture": "讲授",
        "demo": "演示",
        "hands-on": "上机实操",
        "exercise": "练习",
        "discussion": "讨论",
        "case-study": "案例分析",
        "video": "视频",
        "quiz": "测验",
        "workshop": "研讨",
        "self-study": "自学",
        "assessment": "考核",
    },
}

SUPPORT_KINDS: dict[str, dict[str, str]] = {
    "en": {
        "knowledge-base": "Knowledge base",
        "quick-reference": "Quick-reference cards",
        "super-user-network": "Super-user network",
        "hypercare-desk": "Hypercare desk",
        "other": "Other",
    },
    "zh": {
        "knowledge-base": "知识库",
        "quick-reference": "快速参考卡",
        "super-user-network": "关键用户网络",
        "hypercare-desk": "上线支持服务台",
        "other": "其他",
    },
}


@dataclass(frozen=True)
class Selection:
    """The audiences and tiers a document (or workbook) covers, in Kit order."""

    audiences: tuple[Audience, ...]
    tiers: tuple[str, ...]
    filtered: bool

    def courses(self, kit: Kit, audience: str | None = None) -> tuple[Course, ...]:
        ids = {a.id for a in self.audiences} if audience is None else {audience}
        return tuple(
            c for c in kit.courses if c.tier in self.tiers and ids.intersection(c.audiences)
        )

    def sessions(self, kit: Kit) -> tuple[TrainingSession, ...]:
        courses = {c.id: c for c in kit.courses}
        ids = {a.id for a in self.audiences}
        chosen = [
            s
            for s in kit.sessions
            if s.audience in ids and s.course in courses and courses[s.course].tier in self.tiers
        ]
        return tuple(sorted(chosen, key=lambda s: (s.day, s.start_time, s.course, s.number)))


def select(
    kit: Kit, audiences: Iterable[str] | None = None, tiers: Iterable[str] | None = None
) -> Selection:
    """Validate audience and tier filters against the Kit (InputError lists the valid ids)."""
    wanted_audiences = [a.strip() for a in audiences or () if a.strip()]
    wanted_tiers = [t.strip() for t in tiers or () if t.strip()]
    known = [a.id for a in kit.audiences]
    problems = []
    unknown = [a for a in wanted_audiences if a not in known]
    if unknown:
        problems.append(
            f"unknown audience {', '.join(repr(u) for u in unknown)}; valid audiences: "
            + ", ".join(known)
        )
    bad_tiers = [t for t in wanted_tiers if t not in TIERS]
    if bad_tiers:
        problems.append(
            f"unknown tier {', '.join(repr(t) for t in bad_tiers)}; valid tiers: "
            + ", ".join(TIERS)
        )
    if problems:
        raise InputError("; ".join(problems))
    chosen_tiers = tuple(t for t in TIERS if not wanted_tiers or t in wanted_tiers)
    if wanted_audiences:
        chosen = tuple(a for a in kit.audiences if a.id in wanted_audiences)
    elif wanted_tiers:  # a tier edition leaves out audiences with nothing at those tiers
        chosen = tuple(
            a
            for a in kit.audiences
            if any(c.tier in chosen_tiers and a.id in c.audiences for c in kit.courses)
        )
    else:
        chosen = kit.audiences
    return Selection(chosen, chosen_tiers, bool(wanted_audiences or wanted_tiers))


def hours_text(hours: float) -> str:
    """1.5 -> "1.5", 2.0 -> "2"."""
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def _paren(kit: Kit, text: str) -> str:
    """The text in parentheses: " (text)" in English, "（text）" in Chinese."""
    return f"（{text}）" if kit.lang == "zh" else f" ({text})"


def tier_hours(kit: Kit, audience: str, tier: str) -> float:
    """Hours per person of one audience in one tier (sum of its courses)."""
    return sum(c.hours for c in kit.courses if c.tier == tier and audience in c.audiences)


def render_curriculum(
    kit: Kit,
    path: Path,
    *,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
    template: Path | None = None,
) -> None:
    """Write the training curriculum for ``kit`` (optionally one audience or tier) to ``path``."""
    selection = select(kit, audiences, tiers)
    lab = LABELS[kit.lang]
    writer = DocWriter(
        kit,
        title=lab["title"],
        subject=lab["subject"],
        category=lab["category"],
        template=template,
    )
    _cover(writer, kit, selection)
    writer.toc()
    writer.page_break()
    _about(writer, kit)
    _overview(writer, kit, selection)
    for audience in selection.audiences:
        _audience_chapter(writer, kit, selection, audience)
    with_support = "self-support" in selection.tiers
    _schedule(writer, kit, selection, back_to_portrait=with_support)
    if with_support:
        _support(writer, kit, selection)
    if audiences is None and tiers is None:  # the full curriculum: the team's own track
        internal_track_section(writer, kit)
    writer.save(path)


def _cover(writer: DocWriter, kit: Kit, selection: Selection) -> None:
    lab = LABELS[kit.lang]
    window = kit.training_window
    facts = [
        (lab["client"], kit.project.client),
        (lab["project"], kit.project.name),
        (lab["systems"], ", ".join(kit.project.systems)),
        (lab["window"], f"{fmt_date(window[0])} – {fmt_date(window[1])}" if window else ""),
        (lab["go_live"], fmt_date(kit.project.go_live)),
    ]  # the client's document names the project, not the pack version or the tool
    if kit.project.author:
        facts.append((lab["author"], kit.project.author))
    if selection.filtered:
        scope = ", ".join(a.name for a in selection.audiences)
        scope += " · " + ", ".join(kit.tier_name(t) for t in selection.tiers)
    else:
        scope = lab["all"]
    facts.append((lab["scope"], scope))
    writer.cover(lab["kicker"], facts)


def _about(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["about"], 1)
    writer.para(lab["about_text"])
    writer.table(
        (lab["tier"], lab["covers"], lab["delivery"]),
        [(kit.tier_name(t), lab[f"tier_{t}"], lab[f"delivery_{t}"]) for t in TIERS],
        (1.1, 2.2, 2.2),
        first_column_bold=True,
    )
    writer.heading(lab["modes"], 2)
    modes = MODE_NAMES[kit.lang]
    writer.bullets(
        [
            f"{modes[m]}: {lab['mode_' + m]}"
            if kit.lang == "en"
            else f"{modes[m]}：{lab['mode_' + m]}"
            for m in ("online-recorded", "offline-hands-on", "self-service")
        ]
    )
    writer.heading(lab["evaluation"], 2)
    writer.para(lab["evaluation_text"])


def _overview(writer: DocWriter, kit: Kit, selection: Selection) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["overview"], 1)
    headers = (
        lab["audience"],
        lab["users"],
        *(kit.tier_name(t) for t in selection.tiers),
        lab["total"],
        lab["target"],
    )
    rows = []
    for audience in selection.audiences:
        per_tier = [tier_hours(kit, audience.id, t) for t in selection.tiers]
        rows.append(
            (
                audience.name,
                str(audience.headcount),
                *(hours_text(h) for h in per_tier),
                hours_text(sum(per_tier)),
                f"{audience.hours_min}–{audience.hours_max}",
            )
        )
    numeric = tuple(range(1, len(headers)))
    writer.table(
        headers, rows, (2.2, 0.8, *(1.1 for _ in selection.tiers), 0.9, 1.0), align_right=numeric
    )


def _audience_chapter(
    writer: DocWriter, kit: Kit, selection: Selection, audience: Audience
) -> None:
    lab = LABELS[kit.lang]
    writer.heading(audience.name, 1)
    if audience.description:
        writer.para(audience.description)
    planned = sum(tier_hours(kit, audience.id, t) for t in selection.tiers)
    writer.labelled(lab["users"], str(audience.headcount))
    writer.labelled(
        lab["planned_hours"],
        f"{hours_text(planned)} {lab['hours_unit']}"
        + _paren(
            kit, f"{lab['target']} {audience.hours_min}–{audience.hours_max} {lab['hours_unit']}"
        ),
    )
    # the target is for the audience's whole curriculum: a tier subset is not compared
    whole = all(t in selection.tiers for t in TIERS if tier_hours(kit, audience.id, t))
    warning = hours_warning(kit.lang, round(planned, 1), audience.hours_min, audience.hours_max)
    if warning and whole:  # issue 12: hours below the audience's target
        writer.para(warning, italic=True)
    chosen = sorted(selection.courses(kit, audience.id), key=lambda c: TIERS.index(c.tier))
    if chosen:
        modes = MODE_NAMES[kit.lang]
        writer.table(
            (lab["code"], lab["course"], lab["tier"], lab["mode"], lab["course_hours"]),
            [
                (
                    c.code,
                    c.title,
                    kit.tier_name(c.tier),
                    modes.get(c.mode, c.mode),
                    hours_text(c.hours),
                )
                for c in chosen
            ],
            (1.0, 3.2, 1.3, 1.3, 0.6),
            align_right=(4,),
        )
    for tier in selection.tiers:
        writer.heading(kit.tier_name(tier), 2)
        courses = [c for c in selection.courses(kit, audience.id) if c.tier == tier]
        if not courses:
            writer.para(lab["no_courses"], italic=True)
            continue
        for course in courses:
            _course(writer, kit, course, audience.id)


def _course(writer: DocWriter, kit: Kit, course: Course, audience_id: str) -> None:
    lab = LABELS[kit.lang]
    writer.heading(f"{course.code}  {course.title}", 3)
    by_id = {c.id: c for c in kit.courses}
    prerequisites = [
        f"{by_id[p].code} {by_id[p].title}" if p in by_id else p for p in course.prerequisites
    ]
    names = {a.id: a.name for a in kit.audiences}
    others = [names.get(a, a) for a in course.audiences if a != audience_id]
    assessment = course.assessment
    if course.pass_mark:
        mark = f"{lab['pass_mark']} {course.pass_mark}%"
        assessment = f"{assessment}（{mark}）" if kit.lang == "zh" else f"{assessment} ({mark})"
    none = writer.labels["none"]
    sep = "、" if kit.lang == "zh" else ", "
    pairs: list[tuple[str, str | Sequence[str]]] = [
        (lab["code"], course.code),
        (lab["tier"], kit.tier_name(course.tier)),
        (lab["mode"], MODE_NAMES[kit.lang].get(course.mode, course.mode)),
        (
            lab["duration"],
            f"{hours_text(course.hours)} {lab['hours_unit']}"
            + (
                f"（{course.minutes} {lab['minutes_unit']}）"
                if kit.lang == "zh"
                else f" ({course.minutes} {lab['minutes_unit']})"
            ),
        ),
        (lab["objectives"], list(course.objectives) or none),
        (lab["prerequisites"], prerequisites or none),
        (lab["environment"], course.environment or none),
        (lab["materials"], sep.join(course.materials) or none),
        (lab["assessment"], assessment or none),
        (lab["evaluation_level"], kirkpatrick(course.evaluation_level, kit.lang)),
    ]
    if others:
        pairs.append((lab["also_for"], sep.join(others)))
    writer.kv_table(pairs, (1, 3), keep="with_next")
    methods = METHOD_NAMES[kit.lang]
    rows = [
        (str(i), m.topic, methods.get(m.method, m.method), str(m.minutes))
        for i, m in enumerate(course.modules, start=1)
    ]
    rows.append(("", lab["total"], "", str(course.minutes)))
    writer.table(
        ("#", lab["modules"], lab["method"], lab["minutes"]),
        rows,
        (0.4, 3.6, 1.4, 0.8),
        align_right=(0, 3),
        keep="together",
    )


def _schedule(writer: DocWriter, kit: Kit, selection: Selection, *, back_to_portrait: bool) -> None:
    lab = LABELS[kit.lang]
    writer.section(landscape=True)
    writer.heading(lab["schedule"], 1)
    window = kit.training_window
    if kit.sessions:  # issue 12: the timetable runs from the trainers' to the last wave's
        window = (
            min(s.day for s in kit.sessions),
            max(s.last_day or s.day for s in kit.sessions),
        )
    if window:
        writer.para(
            lab["schedule_text"].format(
                start=fmt_date(window[0]), end=fmt_date(window[1]), size=kit.project.class_size
            )
        )
    sessions = selection.sessions(kit)
    if not sessions:
        writer.para(lab["schedule_none"], italic=True)
    else:
        courses = {c.id: c for c in kit.courses}
        names = {a.id: a.name for a in kit.audiences}
        modes = MODE_NAMES[kit.lang]
        rows = [
            (
                fmt_date(s.day) + (f" – {fmt_date(s.last_day)}" if s.last_day else ""),
                f"{s.start_time}–{s.end_time}",
                f"{courses[s.course].code} {courses[s.course].title}",
                str(s.number),
                names.get(s.audience, s.audience),
                modes.get(s.mode, s.mode),
                s.location,
                str(s.capacity),
                str(s.enrolled),
            )
            for s in sessions
        ]
        writer.table(
            (
                lab["date"],
                lab["time"],
                lab["course"],
                lab["session"],
                lab["audience"],
                lab["mode"],
                lab["location"],
                lab["capacity"],
                lab["enrolled"],
            ),
            rows,
            (1.35, 1.55, 3.6, 0.55, 1.8, 1.5, 1.8, 1.0, 1.0),
            align_right=(3, 7, 8),
        )
    if back_to_portrait:
        writer.section(landscape=False)


def _support(writer: DocWriter, kit: Kit, selection: Selection) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["support"], 1)
    writer.para(lab["support_text"])
    go_live = kit.project.go_live or kit.anchor("go-live")
    end = kit.anchor("hypercare-end")
    if go_live and end:
        writer.para(lab["support_hypercare"].format(start=fmt_date(go_live), end=fmt_date(end)))
    kinds = SUPPORT_KINDS[kit.lang]
    self_courses = [c for c in selection.courses(kit) if c.tier == "self-support"]
    rows = [(r.name, kinds.get(r.kind, r.kind), r.description, r.hours) for r in kit.support]
    if rows:
        writer.table(
            (lab["resource"], lab["kind"], lab["description"], lab["hours"]),
            rows,
            (1.6, 1.3, 3.0, 1.1),
            first_column_bold=True,
        )
    if self_courses:
        writer.heading(lab["support_courses"], 2)
        writer.bullets([f"{c.code} {c.title}" for c in self_courses])

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
from generator.i18n import D_, DC_, TextTable, translator
from generator.kit_model import TIERS, Audience, Course, Kit, TrainingSession
from generator.render.docx_common import DocWriter, fmt_date, kirkpatrick
from generator.render.docx_knowledge import internal_track_section
from generator.render.docx_waves import hours_warning

LABELS = TextTable(
    {
        "title": D_("Three-tier training curriculum"),
        "kicker": D_("Training curriculum"),
        "subject": D_("Training curriculum: basic operations, advanced application, self-support"),
        "category": D_("Training curriculum"),
        "client": DC_("client name", "Client"),
        "project": D_("Project"),
        "systems": D_("Systems"),
        "window": D_("Training window"),
        "go_live": D_("Go-live"),
        "pack": D_("Know-how pack"),
        "author": D_("Prepared by"),
        "scope": D_("This edition covers"),
        "all": D_("all audiences and tiers"),
        "about": D_("About this curriculum"),
        "about_text": D_(
            "Training follows three tiers. Basic operations teach every user the daily transactions of their role; advanced application covers exceptions, analysis and the processes that cross departments; self-support makes users independent after go-live through the knowledge base, quick-reference cards and the super-user network. End-user training runs before user acceptance testing, and super users give at-the-elbow support on every shift around go-live."
        ),
        "tier": D_("Tier"),
        "covers": D_("What it covers"),
        "delivery": D_("Typical delivery"),
        "tier_basic": D_(
            "The transactions each user performs daily, step by step on the training system"
        ),
        "tier_advanced": D_(
            "Exceptions, reports and analysis, cross-department processes, month-end"
        ),
        "tier_self-support": D_(
            "Finding answers without help: knowledge base, quick-reference cards, super users"
        ),
        "delivery_basic": D_(
            "Offline hands-on in class, with online recorded lessons to prepare and repeat"
        ),
        "delivery_advanced": D_("Offline hands-on workshops with the business's own cases"),
        "delivery_self-support": D_("Self-service, online recorded lessons"),
        "modes": D_("Delivery modes"),
        "mode_online-recorded": D_(
            "recorded lessons users watch before class and again whenever they need"
        ),
        "mode_offline-hands-on": D_(
            "classroom sessions on the training system with exercise data, one user per screen"
        ),
        "mode_self-service": D_(
            "knowledge-base articles, quick-reference cards and short videos, at any time"
        ),
        "evaluation": D_("Evaluation (Kirkpatrick)"),
        "evaluation_text": D_(
            "Level 1 reaction (survey after each class), level 2 learning (the course assessment and its pass mark), level 3 behaviour (observed work in the live system during hypercare), level 4 results (business measures after go-live)."
        ),
        "overview": D_("Overview: hours per person by audience and tier"),
        "audience": D_("Audience"),
        "users": D_("Users"),
        "total": D_("Total"),
        "target": D_("Target hours"),
        "courses": D_("Courses"),
        "support_courses": D_("Self-support courses"),
        "planned_hours": D_("Planned hours per person"),
        "no_courses": D_("No course at this tier for this audience."),
        "code": D_("Code"),
        "mode": D_("Delivery mode"),
        "duration": D_("Duration"),
        "objectives": D_("Objectives"),
        "prerequisites": D_("Prerequisites"),
        "environment": D_("Environment and data"),
        "materials": D_("Materials"),
        "assessment": D_("Assessment"),
        "pass_mark": D_("pass mark"),
        "evaluation_level": D_("Evaluation level"),
        "also_for": D_("Also for"),
        "modules": D_("Modules"),
        "topic": D_("Topic"),
        "method": D_("Method"),
        "minutes": DC_("curriculum", "Minutes"),
        "hours_unit": D_("h"),
        "minutes_unit": D_("min"),
        "schedule": D_("Session schedule"),
        "schedule_text": D_(
            "Sessions from {start} to {end}: trainers and key users first, then each wave's end users at their site shortly before its go-live; class size up to {size}."
        ),
        "schedule_none": D_("No sessions are scheduled for this selection."),
        "date": D_("Date"),
        "time": D_("Time"),
        "course": D_("Course"),
        "location": D_("Location"),
        "capacity": D_("Capacity"),
        "enrolled": D_("Enrolled"),
        "session": D_("No."),
        "support": D_("Self-support resources"),
        "support_text": D_(
            "After training, users help themselves first, then ask their super user, then the hypercare desk."
        ),
        "support_hypercare": D_("Hypercare runs from go-live on {start} to {end}."),
        "resource": D_("Resource"),
        "kind": DC_("curriculum", "Kind"),
        "description": D_("Description"),
        "hours": DC_("support", "Hours"),
        "course_hours": D_("Hours"),
    }
)

MODE_NAMES = TextTable(
    {
        "online-recorded": D_("Online recorded"),
        "offline-hands-on": D_("Offline hands-on"),
        "self-service": D_("Self-service"),
    }
)

METHOD_NAMES = TextTable(
    {
        "lecture": D_("Lecture"),
        "demo": D_("Demonstration"),
        "hands-on": D_("Hands-on exercise"),
        "exercise": D_("Exercise"),
        "discussion": D_("Discussion"),
        "case-study": D_("Case study"),
        "video": D_("Video"),
        "quiz": D_("Quiz"),
        "workshop": D_("Workshop"),
        "self-study": D_("Self-study"),
        "assessment": DC_("training method", "Assessment"),
    }
)

SUPPORT_KINDS = TextTable(
    {
        "knowledge-base": D_("Knowledge base"),
        "quick-reference": D_("Quick-reference cards"),
        "super-user-network": D_("Super-user network"),
        "hypercare-desk": D_("Hypercare desk"),
        "other": D_("Other"),
    }
)


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
    return translator(kit.lang).paren(text)


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
    modes, colon = MODE_NAMES[kit.lang], writer.tr.colon
    writer.bullets(
        [
            f"{modes[m]}{colon}{lab['mode_' + m]}"
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
    if warning and whole:  # hours below the audience's target
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
        assessment = assessment + writer.tr.paren(mark)
    none = writer.labels["none"]
    pairs: list[tuple[str, str | Sequence[str]]] = [
        (lab["code"], course.code),
        (lab["tier"], kit.tier_name(course.tier)),
        (lab["mode"], MODE_NAMES[kit.lang].get(course.mode, course.mode)),
        (
            lab["duration"],
            f"{hours_text(course.hours)} {lab['hours_unit']}"
            + writer.tr.paren(f"{course.minutes} {lab['minutes_unit']}"),
        ),
        (lab["objectives"], list(course.objectives) or none),
        (lab["prerequisites"], prerequisites or none),
        (lab["environment"], course.environment or none),
        (lab["materials"], writer.tr.join(course.materials) or none),
        (lab["assessment"], assessment or none),
        (lab["evaluation_level"], kirkpatrick(course.evaluation_level, kit.lang)),
    ]
    if others:
        pairs.append((lab["also_for"], writer.tr.join(others)))
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
    if kit.sessions:  # the timetable runs from the trainers' to the last wave's
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

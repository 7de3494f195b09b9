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
from generator.i18n import translator
from generator.kit_model import TIERS, Audience, Course, Kit, TrainingSession
from generator.render.curriculum_labels import LABELS as LABELS
from generator.render.curriculum_labels import METHOD_NAMES, SUPPORT_KINDS
from generator.render.curriculum_labels import MODE_NAMES as MODE_NAMES
from generator.render.docx_common import DocWriter, fmt_date, kirkpatrick
from generator.render.docx_knowledge import internal_track_section
from generator.render.docx_waves import hours_warning


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

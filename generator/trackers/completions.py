"""LMS completions into the training workbook's Attendance sheet: ``plan_completions``
works out the cell changes on the sheet as read, ``apply_completions`` writes them into
the read rows (the kit's own rebuild then carries them, like any entry typed there).

Matching: a result names an LMS course (the short name ``implkit export --format
moodle`` gave it: an audience's courses of one tier) or a kit course code, and a
learner. The learner is matched to the seats of those course codes whose *Participant*
is the same person: the same name compared without case, spaces or the order of its
parts ("Wang Wei" = "wei wang" = "WangWei"; 王伟 = first name 伟, last name 王), or the
email typed there. A learner
seated in several sessions of one course is taken at the latest one. With ``add_new``
a learner who has no seat yet takes the first free seat (no participant) of that course
for the LMS course's audience; else the result is listed as unmatched.

What a result sets (the LMS is the source of what it records, as a tracker is for the
Plan sheet):

* *Attendance* ``present`` once the course is completed or graded ("late" stays: the
  trainer's finer word for having come);
* *Score (%)* the grade, to one decimal;
* *Assessment result* ``pass`` when the grade reaches the course's pass mark (or the
  course is completed and has no grade), ``fail`` below it.

A result that completes nothing and has no grade changes nothing. Every change is listed
(sheet, row, seat, column, old -> new, file:line); a cell already equal is not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.trackers.changes import Change
from generator.trackers.lms import Completion, Completions

ATTENDANCE_SHEET = "training.attendance"


@dataclass(frozen=True)
class CourseInfo:
    """What the matching needs of the kit: LMS course key (short name, or a course code)
    -> (course codes, audience id or ""), and each code's pass mark in percent."""

    courses: Mapping[str, tuple[tuple[str, ...], str]]
    pass_marks: Mapping[str, int]
    audiences_of: Mapping[str, tuple[str, ...]]  # course code -> audience names it is for


@dataclass
class CompletionPlan:
    """The cell changes, the learners placed on a free seat and those matched nowhere."""

    changes: list[Change] = field(default_factory=list)
    placed: list[tuple[str, str, str]] = field(default_factory=list)  # (source, learner, seat)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)  # (source, learner, course)
    unknown_courses: list[tuple[str, str]] = field(default_factory=list)  # (source, course)
    matched: int = 0


def course_info(kit: Any) -> CourseInfo:
    """:class:`CourseInfo` of a Kit (LMS short names from :mod:`generator.render.lms`)."""
    from generator.render.lms import lms_courses

    courses: dict[str, tuple[tuple[str, ...], str]] = {}
    for lms in lms_courses(kit):
        courses[lms.shortname.casefold()] = (lms.codes, lms.audience.name)
    for course in kit.courses:
        courses.setdefault(course.code.casefold(), ((course.code,), ""))
    names = {a.id: a.name for a in kit.audiences}
    return CourseInfo(
        courses,
        {c.code: c.pass_mark for c in kit.courses},
        {c.code: tuple(names.get(a, a) for a in c.audiences) for c in kit.courses},
    )


def _person(text: str) -> tuple[str, str]:
    """(the name's parts joined, joined in reverse order), without case, spaces or dots:
    "Wang Wei", "wei wang" and "WangWei" agree, as do 王伟 and a first name 伟 with a last
    name 王 (a grade export's two columns)."""
    parts = [p for p in re.split(r"[\s,.;·/]+", text.casefold()) if p]
    return "".join(parts), "".join(reversed(parts))


def _same_person(cell: Any, result: Completion) -> bool:
    text = str(cell or "").strip()
    if not text:
        return False
    if result.email and result.email.casefold() in text.casefold():
        return True
    if not result.name:
        return False
    mine, theirs = _person(text), _person(result.name)
    return mine[0] in theirs or theirs[0] in mine


def _wanted(result: Completion, pass_mark: int) -> dict[str, Any]:
    wanted: dict[str, Any] = {}
    if result.completed or result.percent is not None:
        wanted["presence"] = "present"
    if result.percent is not None:
        wanted["score"] = round(result.percent, 1)
        wanted["result"] = "pass" if result.percent >= pass_mark else "fail"
    elif result.completed:
        wanted["result"] = "pass"
    return wanted


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.min


def plan_completions(
    files: Sequence[Completions],
    sheet: Any,
    info: CourseInfo,
    *,
    add_new: bool = False,
) -> CompletionPlan:
    """The changes ``files`` make to the Attendance sheet as read (``sheet``: a
    :class:`~generator.carry.read.SheetRead` of ``training.attendance``)."""
    plan = CompletionPlan()
    rows = list(sheet.rows) if sheet is not None else []
    title = sheet.title if sheet is not None else ""
    taken: set[int] = set()
    for completions in files:
        for result in completions.rows:
            source = f"{completions.path.name}:{result.row}"
            found = info.courses.get(result.course.casefold())
            if found is None:
                plan.unknown_courses.append((source, result.course))
                continue
            codes, audience = found
            wanted_any = _wanted(result, 0)
            if not wanted_any:
                continue  # neither completed nor graded: nothing to record yet
            for code in codes:
                seats = [r for r in rows if str(r.values.get("code") or "") == code]
                mine = [r for r in seats if _same_person(r.values.get("participant"), result)]
                if mine:
                    row = max(mine, key=lambda r: (_day(r.values.get("date")), r.number))
                elif add_new:
                    free = [
                        r
                        for r in seats
                        if not str(r.values.get("participant") or "").strip()
                        and r.number not in taken
                        and (not audience or str(r.values.get("audience") or "") in ("", audience))
                    ]
                    if not free:
                        plan.unmatched.append((source, result.name or result.email, code))
                        continue
                    row = free[0]
                    taken.add(row.number)
                    plan.changes.append(
                        Change(
                            title,
                            row.number,
                            row.key,
                            "participant",
                            None,
                            result.name or result.email,
                            source,
                        )
                    )
                    plan.placed.append((source, result.name or result.email, row.key))
                else:
                    plan.unmatched.append((source, result.name or result.email, code))
                    continue
                plan.matched += 1
                wanted = _wanted(result, info.pass_marks.get(code, 80))
                if row.values.get("presence") == "late":
                    wanted.pop("presence", None)
                for column, value in wanted.items():
                    old = row.values.get(column)
                    same = (
                        isinstance(old, (int, float))
                        and isinstance(value, (int, float))
                        and abs(old - value) < 0.05
                    ) or old == value
                    if not same:
                        plan.changes.append(
                            Change(title, row.number, row.key, column, old, value, source)
                        )
    return plan


def apply_completions(plan: CompletionPlan, sheet: Any) -> None:
    """Write ``plan``'s changes into the rows of ``sheet`` as read."""
    by_number = {row.number: row for row in sheet.rows}
    for change in plan.changes:
        row = by_number[change.row]
        row.values[change.column] = change.new
        row.problems = [p for p in row.problems if p.column != change.column]

"""A plain roster CSV of the training sessions and their attendees, for a platform that
takes only a list (an HR system, a simple LMS, a badge printer).

One row per planned seat of every session (the training workbook's Attendance rows,
``<session id>/<seat>``), with the participant and department the trainer typed there
(blank until named) and the rows the trainer added. Columns (stable English keys a
platform maps once): ``session, date, last_day, start, end, course_code, course, tier,
audience, mode, site, location, trainer, seat_id, participant, department,
lms_course`` (the LMS course's short name, :mod:`generator.render.lms`). Values in the
kit's language; UTF-8 with a BOM, CRLF; no cell ever starts a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.kit_model import Kit
from generator.render.lms import LABELS, shortname_of
from generator.sheets.training import ATTENDANCE, SESSIONS

COLUMNS: tuple[str, ...] = (
    "session",
    "date",
    "last_day",
    "start",
    "end",
    "course_code",
    "course",
    "tier",
    "audience",
    "mode",
    "site",
    "location",
    "trainer",
    "seat_id",
    "participant",
    "department",
    "lms_course",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def roster_rows(kit: Kit) -> list[list[str]]:
    """The roster's rows (after the header), session by session, seat by seat."""
    lab = LABELS[kit.lang]
    courses = {c.id: c for c in kit.courses}
    names = {a.id: a.name for a in kit.audiences}
    seats = kit.entries_of(ATTENDANCE.key)
    planned = kit.entries_of(SESSIONS.key)
    rows: list[list[str]] = []
    for session in kit.sessions:
        course = courses.get(session.course)
        if course is None:
            continue
        typed = planned.row(session.id)
        common = [
            session.id,
            _text(session.day),
            _text(session.last_day or session.day),
            session.start_time,
            session.end_time,
            course.code,
            course.title,
            kit.tier_name(course.tier),
            names.get(session.audience, session.audience),
            lab[session.mode],
            session.site,
            _text(typed.get("location")) or session.location,
            _text(typed.get("trainer")) or session.trainer,
        ]
        for seat in range(1, session.enrolled + 1):
            seat_id = f"{session.id}/{seat}"
            entry = seats.row(seat_id)
            rows.append(
                [
                    *common,
                    seat_id,
                    _text(entry.get("participant")),
                    _text(entry.get("department")),
                    shortname_of(kit, session.audience, course.tier),
                ]
            )
    by_code = {c.code: c for c in kit.courses}
    for added in seats.added:
        values = dict(added)
        course = by_code.get(_text(values.get("code")))
        rows.append(
            [
                _text(values.get("session")),
                _text(values.get("date")),
                _text(values.get("date")),
                "",
                "",
                _text(values.get("code")),
                course.title if course else _text(values.get("course")),
                kit.tier_name(course.tier) if course else "",
                _text(values.get("audience")),
                "",
                "",
                "",
                "",
                _text(values.get("seat_id")),
                _text(values.get("participant")),
                _text(values.get("department")),
                "",
            ]
        )
    return rows


def render_roster(kit: Kit, path: Path) -> list[Path]:
    """Write the roster CSV of ``kit`` to ``path``; returns ``[path]``."""
    from generator.render.trackers_csv import csv_bytes

    Path(path).write_bytes(csv_bytes(COLUMNS, roster_rows(kit)))
    return [Path(path)]

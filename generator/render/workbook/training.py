"""The trainer's workbook (training-matrix.xlsx) from a Kit, with XlsxWriter.

Three declared sheets (:mod:`generator.sheets.training`):

* **Matrix**: courses down, audiences across; a cell holds the course's hours when the
  audience takes it; rows at the bottom give each audience's users and hours per person
  (computed here, so every reader shows the same numbers).
* **Sessions**: the session schedule plus the trainer's columns (room or link, trainer,
  status, attended, passed, notes), carried by session id; sessions the trainer adds stay.
* **Attendance**: one row per planned seat (``<session id>/<seat>``) with the columns to
  fill in: participant, department, attendance and assessment result (dropdowns), score,
  level-1 satisfaction, notes. Capped at :data:`MAX_SEATS` rows (a note says so).

The same audience/tier filters as the curriculum apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.i18n import D_, DC_, TextTable
from generator.kit_model import Kit
from generator.render.docx_curriculum import MODE_NAMES, select, tier_hours
from generator.render.workbook.book import Book, Col
from generator.render.workbook.cells import S, col_letter
from generator.render.workbook.common import (
    ADDED_ROOM,
    added_cells,
    added_rows,
    carried,
    cells_of,
)
from generator.sheets import SheetSpec
from generator.sheets import training as decl

MAX_SEATS = 20000

LABELS = TextTable(
    {
        "title": D_("Training matrix"),
        "subject": D_("Training matrix, session schedule, attendance and assessment"),
        "matrix": D_("Matrix"),
        "sessions": DC_("sheet", "Sessions"),
        "attendance": DC_("sheet", "Attendance"),
        "matrix_title": D_("Training matrix: hours per course and audience"),
        "matrix_note": D_(
            "A number is the course's hours for that audience; blank: the audience does not take the course."
        ),
        "sessions_title": D_("Session schedule"),
        "sessions_note": D_(
            "Yellow columns are for the trainer: room or online link, trainer, status, attended, passed, notes."
        ),
        "attendance_title": D_("Attendance and assessment"),
        "attendance_note": D_(
            "One row per planned seat. Fill in the participant, attendance and assessment result."
        ),
        "capped": D_(
            "Only the first {max} of {total} planned seats are listed; add rows below as needed."
        ),
        "code": D_("Code"),
        "course": D_("Course"),
        "tier": D_("Tier"),
        "mode": D_("Delivery mode"),
        "hours": D_("Hours"),
        "users": D_("Users"),
        "hours_per_person": D_("Hours per person"),
        "session": D_("Session"),
        "no": D_("No."),
        "date": D_("Date"),
        "start": D_("Start"),
        "end": D_("End"),
        "audience": D_("Audience"),
        "location": D_("Room or online link"),
        "trainer": D_("Trainer"),
        "capacity": D_("Capacity"),
        "enrolled": D_("Enrolled"),
        "status": D_("Status"),
        "attended": D_("Attended"),
        "passed": D_("Passed"),
        "notes": D_("Notes"),
        "seat": D_("Seat"),
        "participant": D_("Participant"),
        "department": D_("Department"),
        "presence": DC_("presence", "Attendance"),
        "result": D_("Assessment result"),
        "score": D_("Score (%)"),
        "satisfaction": D_("Satisfaction (1-5)"),
        "status_values": D_("Planned|Held|Moved|Cancelled"),
        "presence_values": D_("Present|Late|Absent|Excused"),
        "result_values": D_("Pass|Fail|Retake|Not assessed"),
    }
)


def _list(book: Book, spec: SheetSpec, key: str) -> dict[str, Any]:
    lst = spec.column(key).list
    assert lst is not None
    return book.list_validation(lst)


def render_training_matrix(
    kit: Kit,
    path: Path,
    *,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
) -> None:
    """Write the training workbook for ``kit`` (optionally filtered) to ``path``."""
    selection = select(kit, audiences, tiers)
    lab = LABELS[kit.lang]
    book = Book(
        kit.lang,
        when=kit.project.start,
        title=lab["title"],
        subject=lab["subject"],
        keywords=", ".join(kit.project.systems),
        page_header=f"{kit.project.client} · {kit.project.name}",
    )
    courses = selection.courses(kit)
    audience_ids = [a.id for a in selection.audiences]
    modes = MODE_NAMES[kit.lang]
    lang = kit.lang

    # --- Matrix ---------------------------------------------------------------------------
    spec = decl.MATRIX
    sheet = book.sheet(spec.title(lang), spec=spec)
    cols = [
        *book.columns(spec),
        *(Col(a.name, "money", min_width=9, max_width=18) for a in selection.audiences),
    ]
    sheet.columns(cols)
    sheet.add([lab["matrix_title"]], style="title")
    sheet.add([lab["matrix_note"]], style="note")
    header = sheet.header()
    for course in courses:
        sheet.add(
            [
                course.code,
                course.title,
                kit.tier_name(course.tier),
                modes.get(course.mode, course.mode),
                course.hours,
                *(course.hours if a in course.audiences else None for a in audience_ids),
            ]
        )
    last = sheet.next_row - 1
    fixed = len(spec.columns)
    sheet.freeze(f"C{header + 1}")
    sheet.autofilter(f"A{header}:{col_letter(len(cols))}{max(last, header)}")
    pad = [S(None, "summary")] * (fixed - 1)
    sheet.add(
        [
            S(lab["users"], "summary"),
            *pad,
            *(S(a.headcount, "summary_int") for a in selection.audiences),
        ]
    )
    sheet.add(
        [
            S(lab["hours_per_person"], "summary"),
            *pad,
            *(
                S(round(sum(tier_hours(kit, a, t) for t in selection.tiers), 2), "summary_money")
                for a in audience_ids
            ),
        ]
    )
    sheet.close()

    # --- Sessions ---------------------------------------------------------------------------
    by_id = {c.id: c for c in kit.courses}
    names = {a.id: a.name for a in kit.audiences}
    sessions = selection.sessions(kit)
    spec = decl.SESSIONS
    sheet = book.sheet(spec.title(lang), spec=spec)
    cols = book.columns(spec)
    sheet.columns(cols)
    sheet.add([lab["sessions_title"]], style="title")
    sheet.add([lab["sessions_note"]], style="note")
    header = sheet.header()
    for s in sessions:
        course = by_id[s.course]
        values: dict[str, Any] = {
            "session": s.id,
            "date": s.day,
            "start": s.start_time,
            "end": s.end_time,
            "code": course.code,
            "course": course.title,
            "no": s.number,
            "audience": names.get(s.audience, s.audience),
            "mode": modes.get(s.mode, s.mode),
            "last_day": s.last_day,
            "site": s.site,
            "location": s.location,
            "trainer": s.trainer or None,  # the timetable's trainer; the trainer's name goes here
            "capacity": s.capacity,
            "enrolled": s.enrolled,
        }
        values.update(carried(kit, spec, spec.key, s.id))
        sheet.add(cells_of(cols, values))
    for row in added_rows(kit, spec):
        sheet.add(added_cells(spec, cols, row))
    last = max(sheet.next_row - 1, header + 1)
    first = header + 1
    sheet.freeze(f"B{first}")
    sheet.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
    st, at, ps = sheet.col("status"), sheet.col("attended"), sheet.col("passed")
    sheet.validation(f"{st}{first}:{st}{last + ADDED_ROOM}", _list(book, spec, "status"))
    sheet.validation(
        f"{at}{first}:{ps}{last + ADDED_ROOM}",
        {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 9999},
    )
    sheet.close()

    # --- Attendance ---------------------------------------------------------------------------
    spec = decl.ATTENDANCE
    sheet = book.sheet(spec.title(lang), spec=spec)
    cols = book.columns(spec)
    sheet.columns(cols)
    sheet.add([lab["attendance_title"]], style="title")
    total = sum(s.enrolled for s in sessions)
    note = lab["attendance_note"]
    if total > MAX_SEATS:
        note += " " + lab["capped"].format(max=MAX_SEATS, total=total)
    sheet.add([note], style="note")
    header = sheet.header()
    written = 0
    for s in sessions:
        course = by_id[s.course]
        for seat in range(1, s.enrolled + 1):
            if written >= MAX_SEATS:
                break
            seat_id = f"{s.id}/{seat}"
            values = {
                "seat_id": seat_id,
                "session": s.id,
                "date": s.day,
                "code": course.code,
                "course": course.title,
                "audience": names.get(s.audience, s.audience),
                "seat": seat,
            }
            values.update(carried(kit, spec, spec.key, seat_id))
            sheet.add(cells_of(cols, values))
            written += 1
    for row in added_rows(kit, spec):
        sheet.add(added_cells(spec, cols, row))
    last = max(sheet.next_row - 1, header + 1)
    first = header + 1
    vlast = last + ADDED_ROOM
    sheet.freeze(f"C{first}")
    sheet.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
    pr, rs = sheet.col("presence"), sheet.col("result")
    sc, sa = sheet.col("score"), sheet.col("satisfaction")
    sheet.validation(f"{pr}{first}:{pr}{vlast}", _list(book, spec, "presence"))
    sheet.validation(f"{rs}{first}:{rs}{vlast}", _list(book, spec, "result"))
    sheet.validation(
        f"{sc}{first}:{sc}{vlast}",
        {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100},
    )
    sheet.validation(
        f"{sa}{first}:{sa}{vlast}",
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5},
    )
    sheet.close()
    book.save(Path(path))

"""One person's weekly timesheet workbook: ``render_timesheet(kit, person, week, tasks, path)``.

Sheet "Timesheet" (工时表, :data:`generator.sheets.timesheet.HOURS`): above the header
the project, the person, the role and the week, then a row with each day's date (the
kit calendar's holidays and weekends named and shaded); one row per task with the
hours of each day (yellow, unlocked, 0-24 validated), a total by formula (its value
stored) and a note; a last row for other project work. Sheet "About" (说明): the facts
``implkit import`` checks (kit, person, role, week), locked.

Written with the shared :class:`~generator.render.workbook.book.Book`: text never becomes
a formula, the sheets are protected without a password (the yellow cells stay open),
the file has the same bytes for the same inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.i18n import D_, TextTable
from generator.render.workbook.book import Book
from generator.render.workbook.cells import Formula, S, col_letter
from generator.sheets.timesheet import ABOUT, DAY_KEYS, HOURS
from generator.trackers.timesheets import OTHER

if TYPE_CHECKING:
    from generator.kit_model import Kit, Task
    from generator.trackers.timesheets import Person

MAX_HOURS = 24
LABELS = TextTable(
    {
        "title": D_("Timesheet"),
        "note": D_(
            "Type the hours you worked on each task per day (0-24) in the yellow cells, add a note if useful, save and send the file back. Grey days are not working days on the project calendar; hours there still count."
        ),
        "person": D_("Person"),
        "role": D_("Role"),
        "week": D_("Week"),
        "project": D_("Project"),
        "kit": D_("Kit"),
        "from": D_("From"),
        "to": D_("To"),
        "other": D_("Other project work (meetings, travel, administration)"),
        "off": D_("not working"),
        "lang": D_("Language"),
        "about": D_("What this file is"),
        "about_note": D_(
            "implkit import reads this file back into the project plan's Actual effort log. Importing the same person and week again replaces the earlier hours."
        ),
    }
)


def week_days(monday: date) -> list[date]:
    """Monday..Sunday of the week starting ``monday``."""
    return [monday + timedelta(days=n) for n in range(7)]


def _day_note(kit: Kit, day: date, lab: Mapping[str, str]) -> tuple[str, bool]:
    """(text under the day's header, working?) on the kit's calendar."""
    holidays = {d.day: d.name for d in kit.calendar.holidays}
    workdays = {d.day: d.name for d in kit.calendar.workdays}
    if day in workdays:
        return f"{day:%m-%d} {workdays[day]}", True
    if day in holidays:
        return f"{day:%m-%d} {holidays[day]}", False
    if day.weekday() in kit.calendar.weekend:
        return f"{day:%m-%d} {lab['off']}", False
    return f"{day:%m-%d}", True


def render_timesheet(
    kit: Kit, person: Person, week: str, monday: date, tasks: list[Task], path: Path
) -> None:
    """Write ``person``'s timesheet for ISO ``week`` (starting ``monday``) to ``path``."""
    from generator.render.ics import project_uid

    lab = LABELS[kit.lang]
    book = Book(
        kit.lang,
        when=monday,
        title=f"{lab['title']} {week} — {person.name}",
        subject=kit.project.name,
        keywords=kit.project.client,
        page_header=f"{kit.project.client} — {kit.project.name} — {week}",
    )
    days = week_days(monday)
    role_name = kit.role_name(person.role)
    sb = book.sheet(HOURS.title(kit.lang), spec=HOURS)
    cols = book.columns(HOURS)
    sb.columns(cols)
    sb.add([f"{lab['title']} {week} — {kit.project.name}"], style="title", height=22)
    sb.add([lab["note"]], style="note")
    sb.add(
        [S(lab["person"], "label"), S(person.name, "label"), "", S(lab["role"], "label"), role_name]
    )
    sb.add([S(lab["week"], "label"), S(week, "label"), "", S(lab["from"], "label"), days[0]])
    first_day = HOURS.index(DAY_KEYS[0])
    notes_row: list[Any] = [S(None, "note")] * len(cols)
    working: list[bool] = []
    for n, day in enumerate(days):
        text, works = _day_note(kit, day, lab)
        notes_row[first_day + n] = S(text, "wrap")
        working.append(works)
    sb.add(notes_row, height=28)
    header = sb.header()
    phases = {p.id: p.name for p in kit.phases}
    phase_of = {tid: p.id for p in kit.phases for tid in p.task_ids}
    d1, d7 = col_letter(first_day + 1), col_letter(first_day + 7)
    rows: list[tuple[str, str, str, str, Any, Any]] = [
        (t.id, t.wbs, t.name, phases.get(phase_of.get(t.id, ""), ""), t.start, t.finish)
        for t in tasks
    ]
    rows.append((OTHER, "", lab["other"], "", "", ""))
    for task_id, wbs, name, phase, start, finish in rows:
        r = sb.next_row
        cells: list[Any] = [wbs, name, phase, start, finish]
        cells += [None if works else S(None, "input_off") for works in working]
        cells += [Formula(f"=SUM({d1}{r}:{d7}{r})", 0), None, task_id]
        sb.add(cells)
    first, last = header + 1, sb.next_row - 1
    sb.validation(
        f"{d1}{first}:{d7}{last}",
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": MAX_HOURS,
            "error_message": "0-24",
        },
    )
    sb.freeze(f"{col_letter(first_day + 1)}{first}")
    sb.hide(HOURS.index("task") + 1)  # the task id: the import's key, not for reading

    about = book.sheet(ABOUT.title(kit.lang), spec=ABOUT)
    about.columns(book.columns(ABOUT))
    about.add([lab["about"]], style="title", height=22)
    about.add([lab["about_note"]], style="note")
    about.header()
    facts = (
        ("kit", lab["kit"], project_uid(kit)),
        ("project", lab["project"], kit.project.name),
        ("person", lab["person"], person.name),
        ("role", lab["role"], person.role),
        ("week", lab["week"], week),
        ("from", lab["from"], days[0].isoformat()),
        ("to", lab["to"], days[-1].isoformat()),
        ("lang", lab["lang"], kit.lang),
    )
    for key, label, value in facts:
        about.add([key, label, value])
    book.save(path)

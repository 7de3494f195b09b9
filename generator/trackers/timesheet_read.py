"""A filled timesheet read back, checked, and turned into rows of the plan's effort log.

``read_timesheet(path) -> Timesheet``: the facts of the "About" sheet (kit, person, role,
ISO week) and each task row's hours per day and note, read by the sheet declarations
(:mod:`generator.sheets.timesheet`), so a re-saved, re-ordered or WPS-converted file
still reads. Refused (exit 2, file:row and the fix): a workbook that is no implkit
timesheet, a cell that is not a number of hours, a cell outside 0..24, a day whose
hours add up to more than 24.

``effort_rows(sheet, role_name) -> {row id: cells}``: one row of the "Actual effort"
log (``plan.effort``) per task with hours: id ``ts:<person>:<week>:<task>``, dated the
last day of the week with hours on it (the rate in force on that day prices it),
person-days = hours / 8, source "timesheet 2026-W14", the notes joined. Importing the
same person and week again replaces every ``ts:<person>:<week>:`` row (never adds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.sheets.timesheet import ABOUT, DAY_KEYS, HOURS
from generator.trackers.timesheets import OTHER, parse_week, person_slug

if TYPE_CHECKING:
    from generator.kit_model import CellValue

HOURS_PER_DAY = 8
MAX_HOURS = 24.0


@dataclass(frozen=True)
class TimesheetRow:
    """One task row: its id (or "other"), name, hours per date, note, sheet row."""

    task: str
    name: str
    hours: tuple[tuple[date, float], ...]
    note: str
    line: int

    @property
    def total(self) -> float:
        return sum(h for _day, h in self.hours)


@dataclass
class Timesheet:
    """A filled timesheet: whose, which week, which kit, and its rows with hours."""

    path: Path
    kit: str
    person: str
    role: str
    week: str
    monday: date
    rows: list[TimesheetRow] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """The id prefix of this person's rows for this week in the effort log."""
        return f"ts:{person_slug(self.person)}:{self.week}:"


def _about(path: Path) -> dict[str, str]:
    """Key -> value of the About sheet (found by its defined name, else by its title)."""
    from generator.carry.read import _named_sheets
    from generator.readers import open_workbook, sheet_rows

    fix = _("ask for the file again or write a new timesheet with implkit timesheets")
    with open_workbook(path, fix=fix) as book:  # checked first: size, zip bomb, entities
        located = {key: (title, row) for key, title, row in _named_sheets(book, path)}
        if ABOUT.key not in located:
            for title in ABOUT.titles():
                if title in book.sheetnames:
                    located[ABOUT.key] = (title, 0)
        if ABOUT.key not in located:
            return {}
        title, header = located[ABOUT.key]
        facts: dict[str, str] = {}
        for cells in sheet_rows(book[title], path, min_row=header + 1, max_col=3):
            if cells and len(cells) >= 3 and cells[0] is not None:
                facts[str(cells[0]).strip()] = "" if cells[2] is None else str(cells[2]).strip()
        return facts


def read_timesheet(path: Path) -> Timesheet:
    """Read and check a filled timesheet (see the module docstring)."""
    from generator.carry.read import read_workbook

    facts = _about(path)
    if not facts.get("kit") or not facts.get("person") or not facts.get("week"):
        raise InputError.at(
            path,
            0,
            0,
            _(
                "not a timesheet written by implkit timesheets (its About sheet is missing or "
                "changed); write one with implkit timesheets and fill that in"
            ),
        )
    try:
        week, monday = parse_week(facts["week"])
    except ValueError:
        raise InputError.at(
            path,
            0,
            0,
            _("the About sheet's week {week} is not an ISO week like 2026-W14").format(
                week=repr(facts["week"])
            ),
        ) from None
    sheet = Timesheet(path, facts["kit"], facts["person"], facts.get("role", ""), week, monday)
    read = read_workbook(path, "timesheet")
    hours_sheet = read.sheet(HOURS.key)
    if hours_sheet is None:
        raise InputError.at(
            path, 0, 0, _("the timesheet has no Timesheet sheet any more; fill in a fresh copy")
        )
    problems: list[Problem] = []
    days = [monday + timedelta(days=n) for n in range(7)]
    per_day = dict.fromkeys(days, 0.0)
    for row in hours_sheet.rows:
        for problem in row.problems:
            if problem.column in DAY_KEYS or problem.column == "notes":
                problems.append(
                    Problem(
                        str(path),
                        row.number,
                        0,
                        _(
                            "{column} {value}: not a number of hours; type hours like 2 or 1.5"
                        ).format(
                            column=HOURS.column(problem.column).header(facts.get("lang", "en")),
                            value=repr(problem.text),
                        ),
                    )
                )
        hours: list[tuple[date, float]] = []
        for key, day in zip(DAY_KEYS, days):
            value: CellValue = row.values.get(key)
            if value is None:
                continue
            amount = float(value) if isinstance(value, (int, float)) else 0.0
            if amount < 0 or amount > MAX_HOURS:
                problems.append(
                    Problem(
                        str(path),
                        row.number,
                        0,
                        _("{day}: {hours} hours is not between 0 and 24").format(
                            day=day.isoformat(), hours=f"{amount:g}"
                        ),
                    )
                )
                continue
            if amount:
                hours.append((day, amount))
                per_day[day] += amount
        if not row.key:
            if hours:
                problems.append(
                    Problem(
                        str(path),
                        row.number,
                        0,
                        _(
                            "hours on a row without a task id (a row added to the sheet?); "
                            "put them on a task's row or on the row for other project work"
                        ),
                    )
                )
            continue
        sheet.rows.append(
            TimesheetRow(
                row.key,
                str(row.values.get("name") or ""),
                tuple(hours),
                str(row.values.get("notes") or ""),
                row.number,
            )
        )
    for day, total in per_day.items():
        if total > MAX_HOURS:
            problems.append(
                Problem(
                    str(path),
                    0,
                    0,
                    _("{day}: {hours} hours in one day (more than 24); correct the hours").format(
                        day=day.isoformat(), hours=f"{total:g}"
                    ),
                )
            )
    if problems:
        raise InputError(problems)
    return sheet


def effort_rows(sheet: Timesheet, role_name: str, task_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Row id -> effort-log cells for every task row with hours (see the module docstring).

    ``task_ids``: the kit's task ids; a row whose task the plan no longer has keeps its
    id in the notes and is logged without a task (the hours were worked).
    """
    out: dict[str, dict[str, Any]] = {}
    for row in sheet.rows:
        if row.total <= 0:
            continue
        task = "" if row.task == OTHER else row.task
        notes = row.note
        if task and task not in task_ids:
            notes = f"[{task}] {notes}".strip()
            task = ""
        out[f"{sheet.prefix}{row.task}"] = {
            "date": max(day for day, _h in row.hours),
            "person": sheet.person,
            "role": role_name,
            "task": task or None,
            "days": round(row.total / HOURS_PER_DAY, 4),
            "source": f"timesheet {sheet.week}",
            "notes": notes or None,
        }
    return out

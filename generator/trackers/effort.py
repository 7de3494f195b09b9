"""Actual effort from imports, as rows of the plan's effort log (``plan.effort``).

Two sources, never counted twice:

* a timesheet (:mod:`.timesheet_read`): one row per person, ISO week and task, id
  ``ts:<person>:<week>:<task>``; importing the same person and week again replaces all
  of that person's rows of that week (a task emptied on the new sheet loses its row);
* a tracker's work on a linked task (Azure Boards Completed Work, Jira Time Spent, MS
  Project Actual Work, in hours): the tracker's total is cumulative, so each import
  records what grew since the rows already logged for that item, dated the import's
  status date, id ``<tool>:<tracker id>:<date>`` (a second import the same day
  replaces that day's row; the same file twice adds nothing). A task any timesheet
  row covers is left to the timesheets (listed), as the same hours would count twice.

Rows are written into the effort log as read (the rebuild then carries and prices
them): person-days = hours / 8, the role the person or the task's owner has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.kit_model import CellValue

if TYPE_CHECKING:
    from generator.carry.read import RowRead, SheetRead

EFFORT_SHEET = "plan.effort"
HOURS_PER_DAY = 8
SOURCES = {"ado": "Azure Boards", "jira": "Jira", "mspdi": "MS Project"}


@dataclass(frozen=True)
class EffortChange:
    """One effort-log row the import adds, replaces or removes (``new`` None: removed)."""

    row_id: str
    old: float | None  # person-days before (None: a new row)
    new: float | None  # person-days after (None: the row goes)
    source: str  # file:line


@dataclass
class EffortPlan:
    """The effort-log rows an import writes and removes."""

    rows: dict[str, dict[str, CellValue]] = field(default_factory=dict)  # id -> cells
    removed: set[str] = field(default_factory=set)  # ids of rows that go
    changes: list[EffortChange] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (task, source): timesheets
    unrecorded: bool = False  # the kit has no effort log: the tracker's work is not recorded


def _days(row: RowRead | None) -> float:
    if row is None:
        return 0.0
    value = row.values.get("days")
    return float(value) if isinstance(value, (int, float)) else 0.0


def timesheet_rows(
    plan: EffortPlan,
    sheet: SheetRead | None,
    prefix: str,
    rows: dict[str, dict[str, Any]],
    source: str,
) -> None:
    """Replace every row of ``prefix`` (one person, one week) by ``rows``."""
    existing = {r.key: r for r in sheet.rows if r.key.startswith(prefix)} if sheet else {}
    for row_id, row in existing.items():
        if row_id not in rows:
            plan.removed.add(row_id)
            plan.changes.append(EffortChange(row_id, _days(row), None, source))
    for row_id, cells in rows.items():
        old = existing.get(row_id)
        new_days = float(cells["days"])
        plan.rows[row_id] = dict(cells)
        if old is None or abs(_days(old) - new_days) > 1e-6 or _differs(old, cells):
            plan.changes.append(EffortChange(row_id, _days(old) if old else None, new_days, source))


def _differs(row: RowRead, cells: dict[str, Any]) -> bool:
    return any(row.values.get(k) != v for k, v in cells.items() if k != "days")


def tracker_rows(
    plan: EffortPlan,
    sheet: SheetRead | None,
    tool: str,
    items: list[tuple[str, str, float, str, str]],
    day: date,
) -> None:
    """Log the growth of each linked item's work: ``items`` are (tracker id, task id,
    hours, role, source) of items whose tracker reports work."""
    rows = sheet.rows if sheet else []
    by_task_ts = {str(r.values.get("task") or "") for r in rows if r.key.startswith("ts:")} | {
        str(c.get("task") or "") for k, c in plan.rows.items() if k.startswith("ts:")
    }
    for tracker_id, task_id, hours, role, source in items:
        if task_id in by_task_ts:
            plan.skipped.append((task_id, source))
            continue
        prefix = f"{tool}:{tracker_id}:"
        today_id = f"{prefix}{day.isoformat()}"
        logged = [r for r in rows if r.key.startswith(prefix)]
        before = sum(_days(r) for r in logged if r.key != today_id)
        today = next((r for r in logged if r.key == today_id), None)
        wanted = round(hours / HOURS_PER_DAY - before, 4)
        if abs(wanted - _days(today)) < 1e-4 and (today is not None or abs(wanted) < 1e-4):
            continue
        if abs(wanted) < 1e-4:
            plan.removed.add(today_id)
            plan.changes.append(EffortChange(today_id, _days(today), None, source))
            continue
        plan.rows[today_id] = {
            "date": day,
            "role": role,
            "task": task_id,
            "days": wanted,
            "source": f"{SOURCES.get(tool, tool)} {tracker_id}",
        }
        plan.changes.append(EffortChange(today_id, _days(today) if today else None, wanted, source))


def apply_effort(plan: EffortPlan, sheet: SheetRead) -> None:
    """Write ``plan`` into the effort log as read (rows replaced in place, new ones last)."""
    from generator.carry.read import RowRead

    kept = []
    done: set[str] = set()
    for row in sheet.rows:
        if row.key in plan.removed:
            continue
        if row.key in plan.rows:  # the row keeps its id: the key column is one of its cells
            given = plan.rows[row.key].items()
            row.values = {"id": row.key, **{k: v for k, v in given if v is not None}}
            row.problems = []
            done.add(row.key)
        kept.append(row)
    number = max((row.number for row in sheet.rows), default=sheet.header_row) + 1
    for row_id, cells in plan.rows.items():
        if row_id in done:
            continue
        values = {k: v for k, v in cells.items() if v is not None}
        kept.append(RowRead(number, row_id, {"id": row_id, **values}))
        number += 1
    sheet.rows[:] = kept

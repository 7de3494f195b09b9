"""Fill a kit's workbooks the way a consultant does (openpyxl, by header text), for tests.

``fill_plan(plan, progress, spent)`` writes status, % complete and actual dates into the
Plan sheet by task id, and actual effort into the Budget sheet by role id (or name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.kit_model import TaskProgress

_HEADERS = {
    "id": ("Id", "编号"),
    "status": ("Status", "状态"),
    "pct": ("% complete", "完成百分比"),
    "actual_start": ("Actual start", "实际开始"),
    "actual_finish": ("Actual finish", "实际完成"),
    "actual_effort": ("Actual effort (person-days)", "实际工作量（人天）"),
    "role": ("Role", "角色", "Project role", "项目角色"),
}


def _columns(sheet: Any, needed: str) -> tuple[int, dict[str, int]]:
    """(header row number, key -> column number) of the first row naming ``needed``."""
    for row in sheet.iter_rows(min_row=1, max_row=12):
        found = {}
        for cell in row:
            text = str(cell.value or "").strip()
            for key, names in _HEADERS.items():
                if text in names and key not in found:
                    found[key] = cell.column
        if needed in found:
            return row[0].row, found
    raise AssertionError(f"{sheet.title}: no header row with {needed}")


def _day(value: Any) -> datetime | None:
    return datetime(value.year, value.month, value.day) if value else None


def fill_plan(
    plan: Path,
    progress: Iterable[TaskProgress],
    spent: Mapping[str, float] | None = None,
    book: Any = None,
) -> None:
    """Write ``progress`` (by task id) and ``spent`` (role id or name -> person-days).

    ``book``: ``plan`` already open in openpyxl (as a team keeps its plan open from one
    status date to the next) to write into and save; opened from ``plan`` when None."""
    from openpyxl import load_workbook

    if book is None:
        book = load_workbook(plan)
    sheet = next(ws for ws in book.worksheets if ws.title in ("Plan", "计划"))
    header, cols = _columns(sheet, "status")
    rows = {
        str(sheet.cell(r, cols["id"]).value or "").strip(): r
        for r in range(header + 1, sheet.max_row + 1)
    }
    for entry in progress:
        r = rows[entry.task_id]
        sheet.cell(r, cols["status"]).value = entry.status or None
        sheet.cell(r, cols["pct"]).value = entry.percent_complete
        sheet.cell(r, cols["actual_start"]).value = _day(entry.actual_start)
        sheet.cell(r, cols["actual_finish"]).value = _day(entry.actual_finish)
    if spent:
        budget = next(ws for ws in book.worksheets if ws.title in ("Budget", "预算"))
        header, cols = _columns(budget, "actual_effort")
        for r in range(header + 1, budget.max_row + 1):
            keys = {
                str(budget.cell(r, cols[k]).value or "").strip()
                for k in ("id", "role")
                if k in cols
            }
            for key in keys & set(spent):
                budget.cell(r, cols["actual_effort"]).value = spent[key]
    book.save(plan)


def fill_register(
    plan: Path,
    sheet_key: str,
    rows: Iterable[Mapping[str, Any]],
    lang: str,
    currency: str,
    book: Any = None,
) -> list[str]:
    """Type ``rows`` (column key -> value; list values as labels) into the spare rows of a
    register whose rows are the team's (effort log, rate changes, expenses), as a
    consultant does: each into the first numbered row with nothing typed in it. Returns
    the ids of the rows written. ``book``: as for :func:`fill_plan`."""
    from openpyxl import load_workbook

    from generator.sheets import spec as declared

    spec = declared(sheet_key)
    if book is None:
        book = load_workbook(plan)
    sheet = book[spec.title(lang)]
    headers = {c.header(lang, currency): c for c in spec.columns}
    header_row, cols = 0, {}
    for row in sheet.iter_rows(min_row=1, max_row=12):
        found = {headers[str(c.value)].key: c.column for c in row if str(c.value) in headers}
        if spec.key_column in found:
            header_row, cols = row[0].row, found
            break
    assert cols, f"{spec.title(lang)}: no header row"
    mine = [c.key for c in spec.consultant_columns]
    written: list[str] = []
    r = header_row + 1
    for values in rows:
        while any(sheet.cell(r, cols[k]).value not in (None, "") for k in mine if k in cols):
            r += 1
        for key, value in values.items():
            if hasattr(value, "isoformat") and not isinstance(value, datetime):
                value = _day(value)
            sheet.cell(r, cols[key]).value = value
        written.append(str(sheet.cell(r, cols[spec.key_column]).value or ""))
        r += 1
    book.save(plan)
    return written


def fill_budget(
    plan: Path,
    entries: Mapping[str, Mapping[str, Any]],
    lang: str,
    currency: str,
    book: Any = None,
) -> None:
    """Type Budget values (role id -> column key -> value) as a consultant does.
    ``book``: as for :func:`fill_plan`."""
    from openpyxl import load_workbook

    from generator.sheets.plan import BUDGET

    if book is None:
        book = load_workbook(plan)
    sheet = book[BUDGET.title(lang)]
    headers = {c.header(lang, currency): c.key for c in BUDGET.columns}
    cols: dict[str, int] = {}
    header_row = 0
    for row in sheet.iter_rows(min_row=1, max_row=12):
        found = {headers[str(c.value)]: c.column for c in row if str(c.value) in headers}
        if "id" in found:
            header_row, cols = row[0].row, found
            break
    for r in range(header_row + 1, sheet.max_row + 1):
        role = str(sheet.cell(r, cols["id"]).value or "")
        for key, value in entries.get(role, {}).items():
            sheet.cell(r, cols[key]).value = value
    book.save(plan)

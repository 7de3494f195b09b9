"""Carry the consultant's progress from an existing plan workbook into a rebuilt Kit.

``implkit build`` reads the Plan sheet of the previous ``project-plan.xlsx``
(status, % complete, actual start, actual finish, notes) by task id, in either
language (a status chosen in English comes back as the same status in
Chinese), and puts it into the new Kit: entries for tasks that are still in the
plan go to ``Kit.progress``, those whose task disappeared go to ``Kit.removed``
so the renderer lists them on a "Removed tasks" sheet instead of dropping them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.kit_model import Kit, TaskProgress

_KEYS = ("id", "name", "type", "status", "pct", "actual_start", "actual_finish", "notes")


def _sheet_titles(key: str) -> set[str]:
    """A plan sheet's title in every language (``s_plan``, ``s_removed``)."""
    from generator.render.xlsx_plan import LABELS

    return {labels[key] for labels in LABELS.values()}


def _label_maps() -> tuple[dict[str, str], dict[str, int], set[str]]:
    """Header text -> key, status text -> position, phase-type texts; both languages."""
    from generator.render.xlsx_plan import LABELS

    headers: dict[str, str] = {}
    statuses: dict[str, int] = {}
    phases: set[str] = set()
    for labels in LABELS.values():
        for key in _KEYS:
            headers[str(labels[key]).strip().lower()] = key
        for position, text in enumerate(labels["statuses"].split("|")):
            statuses[text] = position
        phases.add(labels["t_phase"])
    return headers, statuses, phases


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _as_percent(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip().rstrip("%")) if isinstance(value, str) else float(value)
    except ValueError:
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        number /= 100
    return number / 100 if number > 1 else number


def _records(sheet: Any, headers: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Rows below the first header row that names an id and a status column, keyed by label key."""
    columns: dict[str, int] = {}
    for row in sheet.iter_rows(values_only=True):
        if not columns:
            found = {
                headers[str(cell).strip().lower()]: index
                for index, cell in enumerate(row)
                if cell is not None and str(cell).strip().lower() in headers
            }
            if "id" in found and "status" in found:
                columns = found
            continue
        yield {key: row[index] if index < len(row) else None for key, index in columns.items()}


def read_progress(plan: Path) -> list[TaskProgress]:
    """The consultant's entries in ``plan``: the Plan sheet, then any earlier removed tasks."""
    from openpyxl import load_workbook

    headers, _, phase_types = _label_maps()
    try:
        book = load_workbook(plan, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged file
        raise InputError.at(
            plan,
            0,
            0,
            f"the plan workbook cannot be read ({type(err).__name__}); restore it from "
            ".implkit/backups/ or move it away to rebuild without carrying progress",
        ) from err
    entries: dict[str, TaskProgress] = {}
    try:
        plan_titles, removed_titles = _sheet_titles("s_plan"), _sheet_titles("s_removed")
        sheets = [ws for ws in book.worksheets if ws.title in plan_titles] + [
            ws for ws in book.worksheets if ws.title in removed_titles
        ]
        for sheet in sheets:
            for record in _records(sheet, headers):
                task_id = str(record.get("id") or "").strip()
                if not task_id or str(record.get("type") or "") in phase_types:
                    continue
                entry = TaskProgress(
                    task_id=task_id,
                    status=str(record.get("status") or "").strip(),
                    percent_complete=_as_percent(record.get("pct")),
                    actual_start=_as_date(record.get("actual_start")),
                    actual_finish=_as_date(record.get("actual_finish")),
                    notes=str(record.get("notes") or ""),
                    name=str(record.get("name") or ""),
                )
                filled = (
                    entry.status
                    or entry.percent_complete is not None
                    or entry.actual_start
                    or entry.actual_finish
                    or entry.notes
                )
                if filled and task_id not in entries:
                    entries[task_id] = entry
        return list(entries.values())
    finally:
        book.close()


def with_progress(kit: Kit, entries: list[TaskProgress]) -> Kit:
    """``kit`` with the entries split into progress (task still planned) and removed tasks.

    Status texts are translated into the kit's language by their position in the
    status list, so switching ``lang`` keeps the meaning.
    """
    from generator.render.xlsx_plan import LABELS

    _, statuses, _ = _label_maps()
    wanted = LABELS[kit.lang]["statuses"].split("|")
    ids = {task.id for task in kit.tasks}
    kept: list[TaskProgress] = []
    removed: list[TaskProgress] = []
    for entry in entries:
        if entry.status in statuses:
            entry = replace(entry, status=wanted[statuses[entry.status]])
        (kept if entry.task_id in ids else removed).append(entry)
    return replace(kit, progress=tuple(kept), removed=tuple(removed))

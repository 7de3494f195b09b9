"""The Plan sheet's progress as a list of :class:`TaskProgress` (kept for older callers).

``implkit build`` carries every consultant cell of every workbook through
:mod:`generator.carry` (``prepare_rebuild``); this module is the Plan-sheet-only view
of the same reader: ``read_progress(plan)`` gives the progress typed on the Plan sheet
and the "Removed tasks" sheet (status as typed, in either language), and
``with_progress(kit, entries)`` splits it into ``Kit.progress`` (task still planned) and
``Kit.removed``, status in the kit's language.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.kit_model import Kit, TaskProgress


def read_progress(plan: Path) -> list[TaskProgress]:
    """The consultant's entries in ``plan``: the Plan sheet, then earlier removed tasks.

    Raises :class:`~generator.errors.InputError` when the workbook cannot be read.
    """
    from generator.carry.read import read_workbook
    from generator.sheets.lists import TASK_STATUS

    read = read_workbook(plan, "plan")
    entries: dict[str, TaskProgress] = {}
    for key in ("plan.tasks", "plan.removed"):
        sheet = read.sheet(key)
        if sheet is None:
            continue
        for row in sheet.rows:
            kind = str(row.values.get("type") or "").strip().lower()
            if not row.key or kind in ("phase", "阶段") or row.key in entries:
                continue
            values = row.values
            status = values.get("status")
            start, finish, pct = (
                values.get("actual_start"),
                values.get("actual_finish"),
                values.get("pct"),
            )
            entry = TaskProgress(
                task_id=row.key,
                status=(TASK_STATUS.label(str(status), "en") or "") if status else "",
                percent_complete=float(pct) if isinstance(pct, (int, float)) else None,
                actual_start=start if isinstance(start, date) else None,
                actual_finish=finish if isinstance(finish, date) else None,
                notes=str(values.get("notes") or ""),
                name=str(values.get("name") or ""),
            )
            if (
                entry.status
                or entry.percent_complete is not None
                or entry.actual_start
                or entry.actual_finish
                or entry.notes
            ):
                entries[row.key] = entry
    return list(entries.values())


def with_progress(kit: Kit, entries: list[TaskProgress]) -> Kit:
    """``kit`` with ``entries`` split into progress (task still planned) and removed tasks.

    Status texts (either language) are given in the kit's language.
    """
    from generator.sheets.lists import TASK_STATUS

    ids = {task.id for task in kit.tasks}
    kept: list[TaskProgress] = []
    removed: list[TaskProgress] = []
    for entry in entries:
        key = TASK_STATUS.key_of(entry.status) if entry.status else None
        if key is not None:
            entry = replace(entry, status=TASK_STATUS.label(key, kit.lang) or entry.status)
        (kept if entry.task_id in ids else removed).append(entry)
    return replace(kit, progress=tuple(kept), removed=tuple(removed))

"""Progress fields for the exports (MSPDI, Jira, Azure Boards), from a Kit's progress.

* :func:`task_progress` — per task: % complete (0-100), actual start and finish, remaining
  working days, and the baseline's start/finish/duration (MSPDI ``PercentComplete``,
  ``ActualStart``, ``ActualFinish``, ``RemainingDuration``, ``Baseline``).
* :func:`jira_status` — Jira's default workflow states ``To Do`` / ``In Progress`` / ``Done``
  and the remaining estimate in seconds (``Remaining Estimate``).
* :func:`ado_state` — the Azure Boards state of the task-level work item per process
  (Agile User Story: New / Active / Closed / Removed; Scrum Product Backlog Item: New /
  Committed / Done / Removed; CMMI Requirement: Proposed / Active / Closed; Basic Issue:
  To Do / Doing / Done) and the remaining work in hours (``Remaining Work``, a field of
  the Task type only).

* :func:`kept_state` — the tracker's own state from the last import ("Resolved", "In
  Review") instead of the coarser one above, while the kit's status still maps to it: an
  export must never move a tracker item back (Resolved re-imported as Active reopens it).

A kit with no progress gives 0 %, no actual dates and the states ``To Do`` / ``New``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.tracking.forecast import remaining_days
from generator.tracking.states import Actual, actuals

if TYPE_CHECKING:
    from generator.kit_model import Kit, Task, TrackerLink

HOURS_PER_DAY = 8
SECONDS_PER_DAY = HOURS_PER_DAY * 3600

# states of each process's task-level work item type (the type the Azure Boards CSV uses
# for tasks): Agile User Story, Scrum Product Backlog Item, CMMI Requirement, Basic Issue
_ADO = {
    "agile": {"open": "New", "active": "Active", "done": "Closed", "cancelled": "Removed"},
    "scrum": {"open": "New", "active": "Committed", "done": "Done", "cancelled": "Removed"},
    "cmmi": {"open": "Proposed", "active": "Active", "done": "Closed", "cancelled": "Closed"},
    "basic": {"open": "To Do", "active": "Doing", "done": "Done", "cancelled": "Done"},
}
# the progress state a kit status (an import's mapping of a tracker state) gives
_OF_STATUS = {
    "not-started": "open",
    "in-progress": "active",
    "done": "done",
    "cancelled": "cancelled",
}
_JIRA = {"open": "To Do", "active": "In Progress", "done": "Done", "cancelled": "Done"}


@dataclass(frozen=True)
class TaskProgressOut:
    """One task's progress as the exports write it."""

    percent: int  # 0..100
    actual_start: date | None
    actual_finish: date | None
    remaining_days: int  # working days left (0 when finished)
    baseline: tuple[date, date, int] | None  # start, finish, duration in working days
    state: str  # open, active, done, cancelled


def _state(act: Actual) -> str:
    return {"finished": "done", "started": "active", "cancelled": "cancelled"}.get(
        act.state, "open"
    )


def task_progress(kit: Kit) -> dict[str, TaskProgressOut]:
    """Task id -> :class:`TaskProgressOut` (the Kit's dates are the forecast when tracked)."""
    acts = actuals(kit)
    saved = {t.task_id: t for t in kit.baseline.tasks} if kit.baseline else {}
    out: dict[str, TaskProgressOut] = {}
    for task in kit.tasks:
        act = acts[task.id]
        base = saved.get(task.id)
        finished = act.state == "finished"
        started = finished or act.state == "started"
        out[task.id] = TaskProgressOut(
            percent=round(act.percent * 100),
            actual_start=(act.start or task.start) if started else None,
            actual_finish=(act.finish or task.finish) if finished else None,
            remaining_days=0
            if finished or act.state == "cancelled"
            else remaining_days(task.duration, act.percent),
            baseline=(base.start, base.finish, base.duration) if base else None,
            state=_state(act),
        )
    return out


def jira_status(entry: TaskProgressOut, task: Task) -> tuple[str, int | str]:
    """(Jira status, remaining estimate in seconds or "" for a task without effort)."""
    if not task.effort_days:
        return _JIRA[entry.state], ""
    share = (
        entry.remaining_days / task.duration
        if task.duration
        else (0.0 if entry.state == "done" else 1.0)
    )
    return _JIRA[entry.state], round(task.effort_days * min(share, 1.0) * SECONDS_PER_DAY)


def ado_state_name(state: str, process: str = "agile") -> str:
    """The Azure Boards state of a progress state (open, active, done, cancelled) for
    ``process`` (the task-level work item type's states; Epic and Feature share them)."""
    return _ADO.get(process, _ADO["agile"])[state]


def ado_state(
    entry: TaskProgressOut, task: Task, process: str = "agile"
) -> tuple[str, float | str]:
    """(Azure Boards state for ``process``, remaining work in hours or "")."""
    states = _ADO.get(process, _ADO["agile"])
    if not task.effort_days:
        return states[entry.state], ""
    share = (
        entry.remaining_days / task.duration
        if task.duration
        else (0.0 if entry.state == "done" else 1.0)
    )
    return states[entry.state], round(task.effort_days * min(share, 1.0) * HOURS_PER_DAY, 2)


def kept_state(link: TrackerLink | None, state: str, mapped: str) -> str:
    """The state to export for an item whose progress state is now ``state`` (open,
    active, done, cancelled) and which the kit's mapping writes as ``mapped``: the
    tracker's state at the last import (``link.state``) while the kit status that state
    mapped to (``link.status``) still gives ``state``, else ``mapped``. So an item
    Resolved in Azure Boards (kit: in progress) stays Resolved until the kit's status
    changes, and a change made in the kit since the import is exported as the new state.
    """
    if link is not None and link.state and _OF_STATUS.get(link.status) == state:
        return link.state
    return mapped

"""Slip helpers for forecast tests: who waits for a task, a kit where one task finished late."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.kit_model import Kit, TaskProgress
from generator.tracking.forecast import on_plan_progress
from generator.tracking.states import working_calendar


def descendants(kit: Kit, task_id: str, *, after_finish: bool = False) -> frozenset[str]:
    """Every task that follows ``task_id`` through links (not the task itself).

    ``after_finish``: only those that wait for its finish (its finish-to-start followers
    and everything after them); start-to-start followers alone may run meanwhile.
    """
    succ: dict[str, list[str]] = {}
    for task in kit.tasks:
        for link in task.predecessors:
            if not (after_finish and link.predecessor == task_id and link.type != "FS"):
                succ.setdefault(link.predecessor, []).append(task.id)
    seen: set[str] = set()
    stack = [task_id]
    while stack:
        for nxt in succ.get(stack.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return frozenset(seen)


def late_finish(kit: Kit, task_id: str, late: int) -> tuple[Kit, date]:
    """Kit where ``task_id`` finished ``late`` working days after plan, others on plan then.

    Tasks that wait for its finish get no entry; the rest (start-to-start followers
    already under way included) are on plan at the late finish date.
    """
    cal = working_calendar(kit)
    task = kit.task(task_id)
    actual_finish = cal.add_working_days(task.finish, late)
    waiting = descendants(kit, task_id, after_finish=True)
    tracked = on_plan_progress(kit, actual_finish, skip=frozenset(waiting | {task_id}))
    entry = TaskProgress(task_id, "Done", 1.0, task.start, actual_finish)
    return replace(tracked, progress=(*tracked.progress, entry)), actual_finish

"""Forecast the schedule from the consultant's actuals at a status date.

The forecast is the plan's own scheduling pass
(:func:`generator.planning.scheduler.schedule_pass`), run again by the builder that
made the Kit (``Kit.scheduler``) with the actuals and the status date as constraints,
and every date the Kit derives from its tasks derived again by the same code. So every
rule that holds at kickoff holds on every status date: the working calendar, the waves
and each wave's windows, blackout windows with their pushes, the requirements freeze,
gates that gate, training sessions in their windows, ceremonies until the last wave's
hypercare end. The status-date rules are the pass's (see
:mod:`generator.planning.scheduler`): what is finished or under way is a fact; open
work starts after the status date and never before the plan.

With no actuals and a status date before the project start the forecast equals the
plan; finishing a critical task k working days late moves go-live by k working days
(unless a rule moves it further, and then the push says why); finishing a task with
total float f late by at most f moves no go-live.

A Kit made by hand (no builder attached, or tasks that are not the builder's) is
forecast on its own network: its tasks' durations and links, no rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.planning.scheduler import Fact, remaining_days
from generator.tracking.states import actuals, points_through, working_calendar

if TYPE_CHECKING:
    from generator.calendar import WorkingCalendar
    from generator.kit_model import Kit, Task

__all__ = [
    "TaskForecast",
    "facts_of",
    "forecast",
    "forecast_kit",
    "next_day",
    "on_plan_progress",
    "remaining_days",
    "working_days_between",
]


@dataclass(frozen=True)
class TaskForecast:
    """Forecast dates of one task (dates; float in working days)."""

    task_id: str
    start: date
    finish: date
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    total_float: int
    critical: bool


def facts_of(kit: Kit) -> dict[str, Fact]:
    """What the entries say of each task that is finished, started or cancelled
    (:func:`generator.tracking.states.actuals`; tasks not started are absent)."""
    out: dict[str, Fact] = {}
    for task_id, act in actuals(kit).items():
        if act.state == "finished":
            out[task_id] = Fact("finished", act.start, act.finish, 1.0)
        elif act.state == "started":
            out[task_id] = Fact("started", act.start, None, act.percent)
        elif act.state == "cancelled":
            out[task_id] = Fact("cancelled")
    return out


def forecast_kit(kit: Kit, as_of: date, *, cal: WorkingCalendar | None = None) -> Kit:
    """``kit`` on the forecast at the status date ``as_of`` (``Kit.as_of`` set).

    Every task, phase, gate, anchor, wave, ceremony, migration rehearsal, cutover step,
    training session and the freeze window move as the scheduling pass puts them; the
    baseline and every entry stay as they are. ``cal`` serves a Kit made by hand only
    (default: :func:`~generator.tracking.states.working_calendar`). Raises InputError
    when an entry makes the network impossible (none known today).
    """
    facts = facts_of(kit)
    builder = kit.scheduler
    if builder is not None and tuple(t.id for t in kit.tasks) == builder.network.nodes:
        result: Kit = builder.reschedule(kit, facts, as_of)
        return result
    return _own_network(kit, facts, as_of, cal or working_calendar(kit))


def _own_network(kit: Kit, facts: dict[str, Fact], as_of: date, cal: WorkingCalendar) -> Kit:
    """The forecast of a Kit without its builder: its tasks' network, no planning rules."""
    from generator.kit.dating import redated
    from generator.planning.scheduler import Network, Rules, Status, schedule_pass
    from generator.schedule import Dep

    ids = {task.id for task in kit.tasks}
    network = Network(
        tuple(task.id for task in kit.tasks),
        {task.id: task.duration for task in kit.tasks},
        {
            task.id: tuple(
                Dep(link.predecessor, link.type, link.lag)
                for link in task.predecessors
                if link.predecessor in ids
            )
            for task in kit.tasks
        },
    )
    planned = {task.id: _planned_point(cal, kit, task) for task in kit.tasks}
    status = Status(as_of, facts, planned, planned)
    scheduled = schedule_pass(network, Rules(lang=kit.lang), cal, status)
    return replace(redated(kit, scheduled, cal), as_of=as_of)


def _planned_point(cal: WorkingCalendar, kit: Kit, task: Task) -> int:
    """The plan's start point of a task (a milestone: the point after its day)."""
    if task.milestone:
        return 0 if task.finish <= kit.project.start else points_through(cal, task.finish)
    return cal.index(task.start)


def forecast(
    kit: Kit, as_of: date, *, cal: WorkingCalendar | None = None
) -> dict[str, TaskForecast]:
    """Task id -> :class:`TaskForecast` of :func:`forecast_kit` at ``as_of``."""
    moved = forecast_kit(kit, as_of, cal=cal)
    return {
        t.id: TaskForecast(
            t.id,
            t.start,
            t.finish,
            t.early_start,
            t.early_finish,
            t.late_start,
            t.late_finish,
            t.total_float,
            t.critical,
        )
        for t in moved.tasks
    }


def working_days_between(cal: WorkingCalendar, first: date, second: date) -> int:
    """Signed slip in working days from ``first`` to ``second`` (0 when on the same day)."""
    return points_through(cal, second) - points_through(cal, first)


def on_plan_progress(kit: Kit, as_of: date, *, skip: frozenset[str] = frozenset()) -> Kit:
    """``kit`` with progress entered exactly as planned at ``as_of`` (tests and benchmarks).

    Tasks planned to finish by ``as_of`` are finished on their planned dates; tasks
    under way are started on their planned start with % complete = elapsed / duration.
    Tasks in ``skip`` get no entry.
    """
    from generator.kit_model import TaskProgress

    cal = working_calendar(kit)
    status = points_through(cal, as_of)
    entries: list[TaskProgress] = []
    for task in kit.tasks:
        if task.id in skip:
            continue
        if task.finish <= as_of:
            entries.append(TaskProgress(task.id, "Done", 1.0, task.start, task.finish))
        elif not task.milestone and task.start <= as_of:
            elapsed = status - cal.index(task.start)
            entries.append(
                TaskProgress(task.id, "In progress", elapsed / task.duration, task.start, None)
            )
    return replace(kit, progress=tuple(entries))


def next_day(day: date) -> date:
    """The calendar day after ``day``."""
    return day + timedelta(days=1)

"""Forecast the schedule from the consultant's actuals at a status date.

Rules (the status date ``as_of`` is the end of that day: what is entered is true then):

* A finished task sits on its actual dates (missing actual start: the planned start,
  or the finish if earlier; missing actual finish: the planned finish, or the status
  date if that is earlier and on or after the planned start). Its links no longer hold it.
* A started task keeps its actual start and finishes after its remaining duration,
  ``ceil(duration x (1 - % complete))`` working days counted from the first working
  day after the status date (or from its start, when that is later). Without an actual
  start it keeps its early start: the planned start or later where its links push it,
  never before its predecessors or the project start.
* Nothing unfinished is scheduled before the status date (when the status date is on or
  after the project start): an unstarted task starts no earlier than the first working
  day after it; an open milestone falls on the status date at the earliest (it is due by
  the end of that day).
* An unstarted task never starts earlier than planned (the plan's resources are
  booked to its dates, and the plan's own constraints such as blackouts hold), and
  otherwise follows its links: successors and go-live move, on the working calendar.

With no actuals and a status date before the project start the forecast equals the
plan; finishing a critical task k working days late moves go-live by k working days;
finishing a task with total float f late by at most f moves nothing else.

The critical path method is :func:`generator.schedule.cpm` (same time model:
points between working days; a milestone at point ``t > 0`` is dated on day
``t - 1``). O(tasks + links).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.tracking.states import Actual, actuals, points_through, working_calendar

if TYPE_CHECKING:
    from generator.calendar import WorkingCalendar
    from generator.kit_model import Kit, Task, Wave


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


def remaining_days(duration: int, percent: float) -> int:
    """Working days left of a started task: ``ceil(duration x (1 - percent))``, never negative."""
    return max(0, math.ceil(round(duration * (1.0 - percent), 6)))


def _planned_point(cal: WorkingCalendar, kit: Kit, index: int) -> int:
    """The plan's start point of task ``index`` (a milestone: the point after its day)."""
    task = kit.tasks[index]
    if task.milestone:
        return 0 if task.finish <= kit.project.start else points_through(cal, task.finish)
    return cal.index(task.start)


def forecast(
    kit: Kit, as_of: date, *, cal: WorkingCalendar | None = None
) -> dict[str, TaskForecast]:
    """Forecast every task of ``kit`` from ``kit.progress`` at the status date ``as_of``.

    Returns task id -> :class:`TaskForecast`. Unknown predecessor ids are ignored (the
    Kit was scheduled with them resolved). Raises nothing on odd entries: an actual
    finish before the actual start counts as a zero-length task.
    """
    from generator.schedule import cpm, finish_day, start_day

    cal = cal or working_calendar(kit)
    tasks = kit.tasks
    index = {task.id: i for i, task in enumerate(tasks)}
    acts = actuals(kit)
    status = points_through(cal, as_of) if as_of >= kit.project.start else 0
    durations: list[int] = []
    snet: list[int] = []
    in_start = [0]
    pred_of: list[int] = []
    fs: list[bool] = []
    lags: list[int] = []
    fixed: dict[int, tuple[date, date]] = {}
    floating: dict[int, int] = {}  # started, no actual start: index -> remaining days
    for i, task in enumerate(tasks):
        act: Actual = acts[task.id]
        planned = _planned_point(cal, kit, i)
        if act.state == "finished":
            late = as_of >= max(task.start, kit.project.start)
            finish = act.finish or (min(task.finish, as_of) if late else task.finish)
            start = act.start or min(task.start, finish)
            if task.milestone:
                es = points_through(cal, finish) if finish > kit.project.start else planned
                durations.append(0)
            else:
                es = cal.index(start)
                durations.append(max(points_through(cal, finish) - es, 0))
                fixed[i] = (start, finish)
            snet.append(es)
        elif act.state == "started" and act.start is not None:
            start = act.start
            es = cal.index(start)
            end = max(status, es) + remaining_days(task.duration, act.percent)
            durations.append(max(end - es, 0))
            snet.append(es)
            fixed[i] = (start, start)  # the start only; the finish comes from the schedule
        elif act.state == "cancelled":
            durations.append(0)
            snet.append(planned)
        else:
            if act.state == "started":  # no actual start: the early start, links hold it
                floating[i] = remaining_days(task.duration, act.percent)
                durations.append(max(status - planned, 0) + floating[i])
                snet.append(planned)
            else:
                durations.append(task.duration)
                snet.append(max(planned, status))
            for link in task.predecessors:
                j = index.get(link.predecessor)
                if j is None:
                    continue
                pred_of.append(j)
                fs.append(link.type == "FS")
                lags.append(link.lag)
        in_start.append(len(pred_of))
    _, es_, ef_, ls_, lf_ = cpm(durations, in_start, pred_of, fs, lags, snet)
    for _round in range(len(floating)):  # links may push a floating start: fit its duration
        fitted = {i: max(status - es_[i], 0) + left for i, left in floating.items()}
        if all(durations[i] == d for i, d in fitted.items()):
            break
        for i, d in fitted.items():
            durations[i] = d
        _, es_, ef_, ls_, lf_ = cpm(durations, in_start, pred_of, fs, lags, snet)
    day = cal.day
    out: dict[str, TaskForecast] = {}
    for i, task in enumerate(tasks):
        d = durations[i]
        start, finish = start_day(es_[i], d, day), finish_day(ef_[i], d, day)
        if i in fixed:
            actual_start, actual_finish = fixed[i]
            start = actual_start
            if acts[task.id].state == "finished":
                finish = actual_finish
            finish = max(finish, start)
        out[task.id] = TaskForecast(
            task_id=task.id,
            start=start,
            finish=finish,
            early_start=start,
            early_finish=finish,
            late_start=start_day(ls_[i], d, day),
            late_finish=finish_day(lf_[i], d, day),
            total_float=ls_[i] - es_[i],
            critical=ls_[i] == es_[i] and acts[task.id].state != "finished",
        )
    return out


def forecast_kit(kit: Kit, as_of: date, *, cal: WorkingCalendar | None = None) -> Kit:
    """``kit`` with every task, phase, gate, anchor and the project finish on forecast dates.

    ``Kit.as_of`` is set; the baseline (if any) is left as it is. Dates the Kit builder
    derived from anchors follow them (see :func:`_follow_anchors`).
    """
    cal = cal or working_calendar(kit)
    dates = forecast(kit, as_of, cal=cal)
    tasks = tuple(
        replace(
            task,
            start=f.start,
            finish=f.finish,
            early_start=f.early_start,
            early_finish=f.early_finish,
            late_start=f.late_start,
            late_finish=f.late_finish,
            total_float=f.total_float,
            critical=f.critical,
        )
        for task in kit.tasks
        for f in (dates[task.id],)
    )
    by_id = {task.id: task for task in tasks}
    phases = tuple(
        replace(
            phase,
            start=min((by_id[t].start for t in phase.task_ids if t in by_id), default=phase.start),
            finish=max(
                (by_id[t].finish for t in phase.task_ids if t in by_id), default=phase.finish
            ),
        )
        for phase in kit.phases
    )
    gates = tuple(
        replace(gate, date=by_id[gate.task_id].finish) if gate.task_id in by_id else gate
        for gate in kit.gates
    )
    anchor_task = {task.anchor: task.id for task in reversed(kit.tasks) if task.anchor}
    anchors = tuple(
        (name, by_id[anchor_task[name]].start if name in anchor_task else day)
        for name, day in kit.anchors
    )
    go_live = dict(anchors).get("go-live", kit.project.go_live)
    finish = max((task.finish for task in tasks), default=kit.project.finish)
    project = replace(kit.project, finish=finish, go_live=go_live)
    moved = replace(
        kit, tasks=tasks, phases=phases, gates=gates, anchors=anchors, project=project, as_of=as_of
    )
    return _follow_anchors(kit, moved, cal)


def _follow_anchors(plan: Kit, moved: Kit, cal: WorkingCalendar) -> Kit:
    """Dates the Kit builder derived from anchors follow them: migration mock loads and
    dress rehearsal, cutover steps (relative to go-live), ceremonies that end at go-live,
    hypercare end or the project end, the training window and its sessions (shifted by
    the training task's move in working days), and the requirements-freeze window."""
    before, after = dict(plan.anchors), dict(moved.anchors)
    if before == after and plan.project.finish == moved.project.finish:
        return moved
    by_date = {day: after[name] for name, day in before.items() if name in after}

    def follow(day: date | None) -> date | None:
        return by_date.get(day, day) if day is not None else None

    migration = tuple(
        replace(
            obj,
            mock_1=follow(obj.mock_1),
            mock_2=follow(obj.mock_2),
            dress_rehearsal=follow(obj.dress_rehearsal),
        )
        for obj in plan.migration
    )
    shift = (
        (moved.project.go_live - plan.project.go_live).days
        if moved.project.go_live and plan.project.go_live
        else 0
    )
    waves, wave_shift = _follow_waves(plan, moved)
    cutover = tuple(
        replace(step, planned_date=step.planned_date + timedelta(days=s))
        if step.planned_date is not None and (s := wave_shift.get(step.wave, shift))
        else step
        for step in plan.cutover
    )
    ends = {**by_date, plan.project.finish: moved.project.finish}
    ceremonies = tuple(
        replace(c, until=max(ends.get(c.until, c.until), c.first)) for c in plan.ceremonies
    )
    window, sessions = plan.training_window, plan.sessions
    training = next((t for t in moved.tasks if t.anchor == "training"), None)
    if window is not None and training is not None and training.start != window[0]:
        delta = cal.index(training.start) - cal.index(window[0])
        sessions = tuple(replace(s, day=cal.add_working_days(s.day, delta)) for s in plan.sessions)
        window = (training.start, training.finish)
    freeze = plan.freeze
    if freeze is not None:
        develop = next((t for t in moved.tasks if t.id == freeze.development_task), None)
        if develop is not None:
            freeze = replace(
                freeze,
                start=develop.start - timedelta(days=freeze.days),
                end=develop.start - timedelta(days=1),
            )
    return replace(
        moved,
        waves=waves,
        migration=migration,
        cutover=cutover,
        ceremonies=ceremonies,
        training_window=window,
        sessions=sessions,
        freeze=freeze,
    )


def _follow_waves(plan: Kit, moved: Kit) -> tuple[tuple[Wave, ...], dict[int, int]]:
    """Each rollout wave's go-live, hypercare end and training window from its own
    forecast tasks (the anchored task's copy ``<id><suffix>``), and by how many calendar
    days each wave's go-live moved (its cutover steps move with it). Without this the build
    summary and the charter kept the planned wave dates beside a forecast go-live."""
    anchored: dict[str, str] = {}
    for task in plan.tasks:
        if task.anchor and task.wave <= 1 and task.anchor not in anchored:
            anchored[task.anchor] = task.id
    by_id = {task.id: task for task in moved.tasks}

    def task_of(anchor: str, suffix: str) -> Task | None:
        first = anchored.get(anchor)
        return by_id.get(f"{first}{suffix}") if first else None

    waves: list[Wave] = []
    shifts: dict[int, int] = {}
    for wave in plan.waves:
        go_live = task_of("go-live", wave.suffix)
        hypercare = task_of("hypercare-end", wave.suffix)
        training = task_of("training", wave.suffix)
        moved_wave = replace(
            wave,
            go_live=go_live.start if go_live else wave.go_live,
            hypercare_end=hypercare.start if hypercare else wave.hypercare_end,
            training_start=training.start if training else wave.training_start,
            training_finish=training.finish if training else wave.training_finish,
        )
        if wave.go_live and moved_wave.go_live:
            shifts[wave.number] = (moved_wave.go_live - wave.go_live).days
        waves.append(moved_wave)
    return tuple(waves), shifts


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

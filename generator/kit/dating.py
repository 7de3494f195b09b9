"""The assemble step's dates: a scheduling pass's result on the Kit's tasks, and every
date the Kit derives from them.

The plan and every forecast go through the same two functions: :func:`task_dates`
(a node's dates, float, links and constraint from a
:class:`~generator.planning.scheduler.Scheduled`) and :meth:`Dating.derive` (phases,
gates, anchors, project finish and go-live, the waves' windows, ceremonies, the
calendar's years, migration rehearsal dates, the cutover runbook, the training
timetable, the freeze window, the pushes and the blackout windows in view).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from generator.calendar import WorkingCalendar
from generator.kit.sections import Sections
from generator.kit_model import ANCHORS, Ceremony, FreezeWindow, Kit, Link, Phase, Task, Wave
from generator.planning.scheduler import Rules, Scheduled
from generator.schedule import finish_day, start_day

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def task_dates(node: str, scheduled: Scheduled, cal: WorkingCalendar) -> dict[str, Any]:
    """The dated fields of the Kit task ``node`` (keyword arguments of :class:`Task`).

    Dates entered as actuals override the computed ones; a finished task has no float
    and is not critical; ``constraint`` is the start a rule holds the task on.
    """
    timing = scheduled.schedule[node]
    d = scheduled.durations[node]
    day = cal.day
    start, finish = start_day(timing.es, d, day), finish_day(timing.ef, d, day)
    actual = scheduled.actual.get(node)
    if actual is not None:
        start = actual[0]
        if actual[1] is not None:
            finish = actual[1]
        finish = max(finish, start)
    done = node in scheduled.finished
    return {
        "start": start,
        "finish": finish,
        "early_start": start,
        "early_finish": finish,
        "late_start": start_day(timing.ls, d, day),
        "late_finish": finish_day(timing.lf, d, day),
        "total_float": 0 if done else timing.total_float,
        "critical": timing.critical and not done,
        "predecessors": tuple(
            Link(x.predecessor, x.type, x.lag)  # type: ignore[arg-type]
            for x in scheduled.links[node]
        ),
        "constraint": start if node in scheduled.held else None,
    }


def redated(kit: Kit, scheduled: Scheduled, cal: WorkingCalendar) -> Kit:
    """``kit`` with every task on ``scheduled``'s dates, and its phases, gates, anchors
    and project finish and go-live following them (what any Kit derives from its
    tasks; :meth:`Dating.derive` adds what the builder's rules derive)."""
    tasks = tuple(replace(task, **task_dates(task.id, scheduled, cal)) for task in kit.tasks)
    by_id = {task.id: task for task in tasks}
    phases = tuple(replace(phase, **_span(phase, by_id)) for phase in kit.phases)
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
    return replace(kit, tasks=tasks, phases=phases, gates=gates, anchors=anchors, project=project)


def _span(phase: Phase, by_id: dict[str, Task]) -> dict[str, Any]:
    """A phase's start and finish: its tasks' earliest start and latest finish."""
    mine = [by_id[t] for t in phase.task_ids if t in by_id]
    if not mine:
        return {"start": phase.start, "finish": phase.finish}
    return {"start": min(t.start for t in mine), "finish": max(t.finish for t in mine)}


def anchor_rank(name: str) -> int:
    """Position of an anchor name in :data:`~generator.kit_model.ANCHORS` (unknown: last)."""
    return ANCHORS.index(name) if name in ANCHORS else len(ANCHORS)


class Dating(Sections):
    """What the builder derives from its tasks' dates (``Kit`` in, ``Kit`` out)."""

    cal: WorkingCalendar
    planner: Any
    rules: Rules
    anchor_task: dict[str, str]

    def derive(self, kit: Kit, scheduled: Scheduled) -> Kit:
        """``kit`` (tasks dated) with every date the builder's rules derive from them."""
        kit = redated(kit, scheduled, self.cal)
        by_id = {t.id: t for t in kit.tasks}
        anchors = tuple(
            (name, by_id[task_id].start)
            for name, task_id in sorted(
                self.anchor_task.items(), key=lambda a: (anchor_rank(a[0]), a[0])
            )
        )
        anchor_dates = dict(anchors)
        waves = self.planner.kit_waves(kit.tasks)
        training = by_id.get(self.anchor_task.get("training", ""))
        ceremonies = self._ceremonies(kit.phases, anchor_dates, waves, kit.project.finish)
        start = kit.project.start
        last = max([kit.project.finish, *(c.until for c in ceremonies)])
        rule = self.rules.freeze
        freeze = (
            freeze_window(scheduled.freeze_start, rule.days, rule.signoff, rule.develop)
            if rule is not None
            else None
        )
        return replace(
            kit,
            anchors=anchors,
            project=replace(kit.project, go_live=anchor_dates.get("go-live")),
            calendar=self.cal.to_model(date(start.year, 1, 1), date(last.year, 12, 31)),
            ceremonies=ceremonies,
            migration=tuple(
                replace(
                    obj,
                    mock_1=anchor_dates.get("mock-load-1"),
                    mock_2=anchor_dates.get("mock-load-2"),
                    dress_rehearsal=anchor_dates.get("dress-rehearsal"),
                )
                for obj in kit.migration
            ),
            cutover=self.planner.cutover(self._cutover, kit.tasks),
            training_window=(training.start, training.finish) if training else None,
            sessions=self.planner.sessions(kit.tasks),
            waves=waves,
            pushes=tuple(scheduled.pushes),
            blackouts=self.planner.blackouts(start, last),
            freeze=freeze,
        )

    def _ceremonies(
        self,
        phases: Sequence[Phase],
        anchors: dict[str, date],
        waves: Sequence[Wave],
        project_finish: date,
    ) -> tuple[Ceremony, ...]:
        """Each ceremony from its first weekday on/after its phase's start until the last
        wave's go-live, the last wave's hypercare end, or the project end."""
        last_live = max((w.go_live for w in waves if w.go_live), default=None)
        last_care = max((w.hypercare_end for w in waves if w.hypercare_end), default=None)
        ends = {
            "go-live": last_live or anchors.get("go-live"),
            "hypercare-end": last_care or anchors.get("hypercare-end"),
        }
        out = []
        first_phase = phases[0] if phases else None
        starts = {p.id: p.start for p in phases}
        for located in self._selected(self.pack.ceremonies):
            item = located.item
            begin = starts.get(item.from_phase or "", first_phase.start if first_phase else None)
            if begin is None:
                continue
            weekday = WEEKDAYS.index(item.weekday)
            first = begin + timedelta(days=(weekday - begin.weekday()) % 7)
            until = ends.get(item.until) or project_finish
            out.append(
                Ceremony(
                    id=item.id,
                    name=self.t(item.name),
                    purpose=self.t(item.purpose),
                    cadence=item.cadence,
                    weekday=weekday,
                    time=item.time,
                    minutes=item.minutes,
                    attendees=tuple(item.attendees),
                    chair=item.chair,
                    first=first,
                    until=max(until, first),
                    source=located.source,
                )
            )
        return tuple(out)


def freeze_window(start: date | None, days: int, signoff: str, develop: str) -> FreezeWindow | None:
    """The requirements freeze: the ``days`` calendar days before development starts."""
    if start is None:
        return None
    return FreezeWindow(
        start=start - timedelta(days=days),
        end=start - timedelta(days=1),
        days=days,
        signoff_task=signoff,
        development_task=develop,
    )

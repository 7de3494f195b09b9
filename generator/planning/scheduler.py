"""The one scheduling pass: the plan at kickoff and the forecast on every status date.

:func:`schedule_pass` takes the plan's network (nodes, whole-day durations, links),
the date rules of the project (:class:`Rules`) and, on a status date, what is true
then (:class:`Status`), and runs the same steps every time:

1. the critical-path forward pass (:func:`generator.schedule.cpm`) with the status
   constraints below;
2. the requirements freeze: development starts no earlier than the prototype
   sign-off plus ``freeze_days`` calendar days (a finish-to-start link from the
   sign-off with the lag in working days, or a start-no-earlier-than date where the
   network has development before the sign-off);
3. blackout windows and the go-live rules (:func:`.blackouts.push_past_blackouts`):
   marked items leave every window, go-lives keep ``not_before`` and ``align``;
   an item no date can clear is reported (a :class:`DatePush` with ``met=False``);
4. the backward pass, with every target (each rollout wave's go-live) as a deadline
   at its own early finish, so float and "critical" are measured towards the go-live
   a task drives (the project end for work that drives none).

Status constraints (the status date ``as_of`` is the end of that day):

* a finished task sits on its actual dates and its links no longer hold it;
* a started task keeps its actual start and has ``ceil(duration x (1 - % complete))``
  working days left,
  counted from the first working day after the status date (or from its start, when
  that is later); started without an actual start it keeps its early start where its
  links put it;
* a cancelled task takes no time at its planned point;
* nothing unfinished starts before the first working day after the status date (an
  open milestone falls on the status date at the earliest, or on the first working
  day after it when the status date is not a working day), nor earlier than the plan's
  network put it (``Status.placed``: the resources are booked to the plan's dates).

The rules of steps 2 and 3 apply to open work only: what is finished or under way
is a fact. With no status (or no facts and a status date before the start) the
result is the plan. Every date a rule MS Project cannot know holds a task on is in
:attr:`Scheduled.held` (start-no-earlier-than constraints of the exports).

Pure: no I/O, no Kit; working-day points as in :mod:`generator.schedule`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from generator.calendar import WorkingCalendar
from generator.kit_model import BlackoutWindow, DatePush
from generator.planning.blackouts import GoLiveRule, push_past_blackouts
from generator.schedule import Activity, CycleError, Dep, Schedule, finish_day, schedule


@dataclass(frozen=True)
class Network:
    """The plan's network before the date rules.

    ``nodes`` in WBS order; ``durations`` in whole working days (0: milestone);
    ``links[node]``: what ``node`` waits for; ``implied[node]``: rule links the plan does
    not show because other links already imply them (a phase gate the node follows
    through other tasks), held in every pass so that a task under way or done in between
    does not release the node from the rule.
    """

    nodes: tuple[str, ...]
    durations: Mapping[str, int]
    links: Mapping[str, tuple[Dep, ...]]
    implied: Mapping[str, tuple[Dep, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class FreezeRule:
    """Development (``develop``) starts ``days`` calendar days after ``signoff`` at the earliest."""

    signoff: str
    develop: str
    days: int


@dataclass(frozen=True)
class Rules:
    """The date rules of one project (every field optional: a bare network has none)."""

    freeze: FreezeRule | None = None
    windows: tuple[BlackoutWindow, ...] = ()
    go_live: GoLiveRule = field(default_factory=GoLiveRule)
    avoid: tuple[str, ...] = ()  # may not touch a window (go-lives included)
    go_lives: tuple[str, ...] = ()  # obey the go-live rule; every one is a float target
    wave_of: Mapping[str, int] = field(default_factory=dict)
    group_of: Mapping[str, str] = field(default_factory=dict)  # per-wave task -> wave suffix
    lang: str = "en"


@dataclass(frozen=True)
class Fact:
    """What the consultant's entries say about one task at the status date.

    ``finished``: on ``start``..``finish`` (None: not entered); ``started``: since
    ``start`` (None: not entered, the task keeps its early start), ``percent`` (0..1)
    done; ``cancelled``: takes no time.
    """

    state: Literal["finished", "started", "cancelled"]
    start: date | None = None
    finish: date | None = None
    percent: float = 0.0


def remaining_days(duration: int, percent: float) -> int:
    """Working days left of a started task: ``ceil(duration x (1 - percent))``, never negative."""
    return max(0, math.ceil(round(duration * (1.0 - percent), 6)))


@dataclass(frozen=True)
class Status:
    """The status date, the facts by node, and two points of the plan per node.

    ``planned``: the plan's start point (a finished task without dates entered sits on
    its planned dates); ``placed``: where the plan's network put it before the blackout
    windows and the go-live rules moved it (open work never starts earlier; the rules
    then move it again as at kickoff, so a forecast with nothing entered is the plan).
    """

    as_of: date
    facts: Mapping[str, Fact]
    planned: Mapping[str, int]
    placed: Mapping[str, int]


@dataclass
class Scheduled:
    """The pass's result.

    ``schedule``: CPM times per node (points); ``links``: the links the plan shows (the
    freeze link's lag included); ``actual``: node -> (start, finish or None) the dates
    entered that override the computed ones; ``finished``: nodes done; ``held``: node
    -> the rule that holds its start on a date (``blackout``, ``go-live``, ``freeze``,
    ``status-date``, ``plan``); ``pushes``: the moves the rules made, in order;
    ``freeze_start``: development's start day when the freeze applies; ``placed``: each
    node's start point before the blackout windows and the go-live rules moved it.
    """

    schedule: Schedule
    durations: dict[str, int]
    links: dict[str, tuple[Dep, ...]]
    actual: dict[str, tuple[date, date | None]]
    finished: frozenset[str]
    held: dict[str, str]
    pushes: list[DatePush]
    freeze_start: date | None
    placed: dict[str, int]


class _Pass:
    """Mutable state of one pass: durations, active links, constraints; :meth:`run`."""

    def __init__(
        self, network: Network, cal: WorkingCalendar, status: Status | None, targets: set[str]
    ) -> None:
        self.network = network
        self.cal = cal
        self.nodes = network.nodes
        self.durations = {n: network.durations[n] for n in self.nodes}
        self.shown = {n: tuple(network.links.get(n, ())) for n in self.nodes}
        # the links that hold a node (none for facts): shown and implied
        self.active = {n: self.shown[n] + tuple(network.implied.get(n, ())) for n in self.nodes}
        self.floor: dict[str, int] = {}  # start-no-earlier-than from the status date
        self.floor_why: dict[str, str] = {}
        self.rule: dict[str, int] = {}  # start-no-earlier-than set by a rule
        self.rule_why: dict[str, str] = {}
        self.targets = targets
        self.actual: dict[str, tuple[date, date | None]] = {}
        self.facts: set[str] = set()  # finished, under way since a start, cancelled
        self.finished: set[str] = set()
        self.floating: dict[str, int] = {}  # started without a start: node -> days left
        self.status_point = 0
        if status is not None:
            self._constrain(status)

    def _constrain(self, status: Status) -> None:
        cal, as_of = self.cal, status.as_of
        origin = cal.day(0)  # the project start
        self.status_point = cal.index(as_of + timedelta(days=1)) if as_of >= origin else 0
        status_point = self.status_point
        # an open milestone is due by the end of the status date at the earliest, on the
        # first working day from it (the last one before a holiday would be in the past)
        due_point = cal.index(as_of) + 1 if as_of >= origin else 0
        for node in self.nodes:
            planned = status.planned.get(node, 0)
            placed = status.placed.get(node, planned)
            fact = status.facts.get(node)
            d = self.durations[node]
            if fact is None:  # open: after the status date, never before the plan
                self._floor(node, placed, max(placed, due_point if d == 0 else status_point))
            elif fact.state == "finished":
                self.active[node] = ()
                self.facts.add(node)
                self.finished.add(node)
                late = as_of >= max(_dated(self.cal, planned, d), origin)
                planned_finish = finish_day(planned + d, d, cal.day)
                finish = fact.finish or (min(planned_finish, as_of) if late else planned_finish)
                start = fact.start or min(_dated(cal, planned, d), finish)
                through = cal.index(finish + timedelta(days=1))
                if d == 0:
                    es = through if finish > origin else planned
                else:
                    es = cal.index(start)
                    self.durations[node] = max(through - es, 0)
                    self.actual[node] = (start, finish)
                self.floor[node] = es
            elif fact.state == "started" and fact.start is not None:
                self.active[node] = ()
                self.facts.add(node)
                es = cal.index(fact.start)
                end = max(status_point, es) + remaining_days(d, fact.percent)
                self.durations[node] = max(end - es, 0)
                self.floor[node] = es
                self.actual[node] = (fact.start, None)
            elif fact.state == "cancelled":
                self.active[node] = ()
                self.facts.add(node)
                self.durations[node] = 0
                self.floor[node] = placed
            else:  # started, no actual start: its early start, its links hold it
                left = remaining_days(d, fact.percent)
                self.floating[node] = left
                self.durations[node] = max(status_point - placed, 0) + left
                self._floor(node, placed, placed)

    def _floor(self, node: str, planned: int, point: int) -> None:
        self.floor[node] = point
        self.floor_why[node] = "status-date" if point > planned else "plan"

    def fixed(self, node: str) -> bool:
        """A fact (finished, or under way since an entered start): no rule moves it."""
        return node in self.facts

    def run(self, *_: object) -> Schedule:
        """Schedule with every constraint; a started task without a start fits its length."""
        result = self._once()
        for _round in range(len(self.floating)):
            fitted = {
                n: max(self.status_point - result[n].es, 0) + left
                for n, left in self.floating.items()
            }
            if all(self.durations[n] == d for n, d in fitted.items()):
                break
            self.durations.update(fitted)
            result = self._once()
        return result

    def _once(self) -> Schedule:
        acts = []
        for node in self.nodes:
            snet = max(self.floor.get(node, 0), self.rule.get(node, 0))
            acts.append(
                Activity(
                    node,
                    self.durations[node],
                    self.active[node],
                    snet or None,
                    node in self.targets,
                )
            )
        return schedule(acts)

    def held(self, result: Schedule) -> dict[str, str]:
        """Open nodes whose start a date holds later than their links would."""
        out: dict[str, str] = {}
        for node in self.nodes:
            if self.fixed(node):
                continue
            timing = result[node]
            bound = 0
            for dep in self.active[node]:
                pred = result[dep.predecessor]
                bound = max(bound, (pred.ef if dep.type == "FS" else pred.es) + dep.lag)
            if self.rule.get(node, -1) == timing.es:  # a rule's date, binding or tied
                out[node] = self.rule_why[node]
            elif timing.es > bound and self.floor.get(node, -1) == timing.es:
                out[node] = self.floor_why.get(node, "plan")
        return out


def _dated(cal: WorkingCalendar, point: int, duration: int) -> date:
    """The day a node starting at ``point`` is dated on (a milestone: the day before)."""
    return cal.day(max(point - 1, 0)) if duration == 0 else cal.day(point)


def schedule_pass(
    network: Network,
    rules: Rules,
    cal: WorkingCalendar,
    status: Status | None = None,
) -> Scheduled:
    """Schedule ``network`` under ``rules`` (and ``status``); see the module docstring.

    Raises :class:`~generator.schedule.CycleError` (an InputError) when the links form
    a cycle, InputError for an unknown predecessor.
    """
    state = _Pass(network, cal, status, set(rules.go_lives))
    result = state.run()
    if rules.freeze is not None:
        result = _apply_freeze(state, result, rules.freeze)
    placed = {node: result.es[i] for node, i in result.index.items()}
    pushes: list[DatePush] = []
    if rules.windows or rules.go_live.binds():
        avoid = [n for n in rules.avoid if n in result.index and not state.fixed(n)]
        result, pushes = push_past_blackouts(
            result,
            avoid=avoid,
            go_lives=rules.go_lives,
            windows=rules.windows,
            rule=rules.go_live,
            durations=state.durations,
            links=state.active,
            day=cal.day,
            index=cal.index,
            run=lambda snet, moved: _pushed(state, snet),
            wave_of=rules.wave_of,
            group_of={n: g for n, g in rules.group_of.items() if not state.fixed(n)},
            lang=rules.lang,
        )
    return Scheduled(
        schedule=result,
        durations=state.durations,
        links=dict(state.shown),
        actual=state.actual,
        finished=frozenset(state.finished),
        held=state.held(result),
        pushes=pushes,
        freeze_start=_work_begins(state, result, rules.freeze.develop) if rules.freeze else None,
        placed=placed,
    )


def _pushed(state: _Pass, snet: dict[str, int]) -> Schedule:
    """Re-run with the pushes' start-no-earlier-than points (facts never move)."""
    for node, point in snet.items():
        if not state.fixed(node):
            state.rule[node] = point
            state.rule_why.setdefault(node, "push")
    return state.run()


def _apply_freeze(state: _Pass, result: Schedule, rule: FreezeRule) -> Schedule:
    """Development starts no earlier than sign-off + ``days`` calendar days.

    Written as a finish-to-start link from the sign-off with a lag in working days
    (computed on the calendar), so the plan and its exports carry it and a slip before
    the sign-off shows on the critical path. If development start precedes the
    sign-off in the network, a start-no-earlier-than date is used instead. Development
    under way or done is a fact: its start stands.
    """
    cal = state.cal
    signoff, develop = rule.signoff, rule.develop
    if state.fixed(develop):
        return result
    signed = _finish_of(state, result, signoff)
    earliest = cal.index(signed + timedelta(days=rule.days + 1))
    lag = earliest - result[signoff].ef
    if lag > 0:
        before = state.shown[develop]
        kept = tuple(d for d in before if not (d.predecessor == signoff and d.type == "FS"))
        implied = tuple(state.network.implied.get(develop, ()))
        state.shown[develop] = (*kept, Dep(signoff, "FS", lag))
        state.active[develop] = state.shown[develop] + implied
        try:
            result = state.run()
        except CycleError:
            state.shown[develop] = before
            state.active[develop] = before + implied
            state.rule[develop] = earliest
            state.rule_why[develop] = "freeze"
            result = state.run()
    state.rule_why.setdefault(develop, "freeze")
    state.rule.setdefault(develop, result[develop].es)
    return result


def _finish_of(state: _Pass, result: Schedule, node: str) -> date:
    actual = state.actual.get(node)
    if actual is not None and actual[1] is not None:
        return actual[1]
    return finish_day(result[node].ef, state.durations[node], state.cal.day)


def _work_begins(state: _Pass, result: Schedule, node: str) -> date:
    """The day work after ``node``'s start begins (a milestone's: the day after its date)."""
    actual = state.actual.get(node)
    if actual is not None:
        return actual[0]
    return state.cal.day(result[node].es)


def plan_points(scheduled: Scheduled) -> dict[str, int]:
    """Each node's start point in ``scheduled`` (the plan a forecast may not start before)."""
    result = scheduled.schedule
    return {node: result.es[i] for node, i in result.index.items()}


def network_of(
    nodes: Sequence[str], durations: Mapping[str, int], links: Mapping[str, Sequence[Dep]]
) -> Network:
    """A :class:`Network` from plain mappings (links copied as tuples)."""
    return Network(
        tuple(nodes),
        dict(durations),
        {n: tuple(links.get(n, ())) for n in nodes},
    )

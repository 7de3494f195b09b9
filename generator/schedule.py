"""Critical-path scheduling on working-day indices (pure, no I/O, O(V+E)).

Time model
----------
Times are points between working days: point ``t`` is the start of working day
``t`` (index on a :class:`generator.calendar.WorkingCalendar`). A task with
duration ``d`` occupies ``[ES, ES + d)``, i.e. working days ``ES..ES+d-1``.
A milestone (``d == 0``) sits at a point; dated like MS Project, a milestone at
point ``t > 0`` falls at the end of working day ``t - 1`` — so a milestone right
after a task is dated on that task's finish day, and a task after the milestone
starts the next working day.

Links: ``FS`` (successor starts ``lag`` working days after the predecessor
finishes) and ``SS`` (successor starts ``lag`` days after the predecessor
starts); ``lag`` may be negative. ``snet`` is a start-no-earlier-than point.
Nothing starts before point 0 (the project start).

The backward pass runs from the latest early finish (the project end); a target
(each rollout wave's go-live) must also finish by its own early finish, so the work
a go-live waits on has its float measured to that go-live. Total float is
``LS - ES`` and is never negative; critical means zero float.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.errors import InputError


@dataclass(frozen=True)
class Dep:
    """A link from ``predecessor`` (task id) to the task that holds it."""

    predecessor: str
    type: str = "FS"
    lag: int = 0


@dataclass(frozen=True)
class Activity:
    """A task to schedule. ``duration`` in working days (half days round up)."""

    id: str
    duration: float
    deps: tuple[Dep, ...] = ()
    snet: int | None = None  # start no earlier than this working-day index
    target: bool = False  # a deadline at its own early finish: float is measured to it


@dataclass(frozen=True)
class Timing:
    """CPM result of one activity, in working-day points."""

    es: int
    ef: int
    ls: int
    lf: int

    @property
    def total_float(self) -> int:
        return self.ls - self.es

    @property
    def critical(self) -> bool:
        return self.ls == self.es


class CycleError(InputError):
    """The links form a cycle; the message names it."""

    def __init__(self, cycle: Sequence[str], what: str = "tasks") -> None:
        self.cycle = tuple(cycle)
        super().__init__(f"{what} depend on each other in a cycle: " + " → ".join(self.cycle))


def whole_days(duration: float) -> int:
    """Working days a duration occupies: half days round up, never negative."""
    return max(0, math.ceil(duration - 1e-9))


def cpm(
    durations: Sequence[int],
    in_start: Sequence[int],
    pred_of: Sequence[int],
    fs: Sequence[bool],
    lags: Sequence[int],
    snet: Sequence[int] | None = None,
    targets: Sequence[bool] | None = None,
) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """Core pass over arrays (CSR by successor).

    The links into node ``v`` are ``k in range(in_start[v], in_start[v + 1])``,
    each from ``pred_of[k]``, finish-to-start when ``fs[k]`` else start-to-start,
    with ``lags[k]``. ``targets[v]``: node ``v`` must finish by its early finish (a
    go-live), so the float of the work it waits on is measured to it, not to the
    project end. Returns ``(order, es, ef, ls, lf)``; ``order`` is a topological
    order. Raises :class:`ValueError` if there is a cycle.
    """
    n = len(durations)
    m = len(pred_of)
    order = _topological(n, in_start, pred_of)

    # times[2u] = ES(u), times[2u + 1] = EF(u): a link reads times[2u + fs]
    key = [2 * pred_of[k] + fs[k] for k in range(m)]
    times = [0] * (2 * n)
    es = list(snet) if snet is not None else [0] * n
    for v in order:
        start = es[v]
        for k in range(in_start[v], in_start[v + 1]):
            t = times[key[k]] + lags[k]
            if t > start:
                start = t
        if start < 0:
            start = 0
        times[2 * v] = start
        times[2 * v + 1] = start + durations[v]
    es = times[0::2]
    ef = times[1::2]

    end = max(ef) if n else 0
    lf = [end] * n
    ls = [0] * n
    for v in reversed(order):
        if targets is not None and targets[v] and ef[v] < lf[v]:
            lf[v] = ef[v]
        late_start = lf[v] - durations[v]
        ls[v] = late_start
        for k in range(in_start[v], in_start[v + 1]):
            u = pred_of[k]
            bound = late_start - lags[k]
            if not fs[k]:
                bound += durations[u]
            if bound < lf[u]:
                lf[u] = bound
    return order, es, ef, ls, lf


def _topological(n: int, in_start: Sequence[int], pred_of: Sequence[int]) -> list[int]:
    """Kahn's algorithm over the CSR links; ValueError (nodes left) when there is a cycle."""
    m = len(pred_of)
    out_start = [0] * (n + 1)  # successor lists, as CSR
    for u in pred_of:
        out_start[u + 1] += 1
    for i in range(n):
        out_start[i + 1] += out_start[i]
    out_node = [0] * m
    pos = out_start[:-1]
    v = 0
    for k in range(m):
        while k >= in_start[v + 1]:
            v += 1
        u = pred_of[k]
        out_node[pos[u]] = v
        pos[u] += 1
    indegree = [in_start[i + 1] - in_start[i] for i in range(n)]
    order = [i for i in range(n) if not indegree[i]]
    head = 0
    while head < len(order):
        u = order[head]
        head += 1
        for j in range(out_start[u], out_start[u + 1]):
            w = out_node[j]
            indegree[w] -= 1
            if not indegree[w]:
                order.append(w)
    if len(order) != n:
        raise ValueError(n - len(order))
    return order


def find_cycle(ids: Sequence[str], in_start: Sequence[int], pred_of: Sequence[int]) -> list[str]:
    """One cycle in the graph (ids, first repeated at the end); [] when acyclic."""
    n = len(ids)
    succ: list[list[int]] = [[] for _ in range(n)]
    for v in range(n):
        for k in range(in_start[v], in_start[v + 1]):
            succ[pred_of[k]].append(v)
    state = [0] * n  # 0 new, 1 on the path, 2 done
    for root in range(n):
        if state[root]:
            continue
        stack: list[tuple[int, int]] = [(root, 0)]
        path: list[int] = [root]
        state[root] = 1
        while stack:
            node, at = stack[-1]
            if at < len(succ[node]):
                stack[-1] = (node, at + 1)
                nxt = succ[node][at]
                if state[nxt] == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    return [ids[i] for i in cycle]
                if state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return []


class Schedule:
    """CPM result: arrays in input order plus look-up by id."""

    def __init__(
        self,
        ids: list[str],
        index: dict[str, int],
        durations: list[int],
        es: list[int],
        ef: list[int],
        ls: list[int],
        lf: list[int],
    ) -> None:
        self.ids = ids
        self.index = index
        self.durations = durations
        self.es = es
        self.ef = ef
        self.ls = ls
        self.lf = lf

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, task_id: str) -> Timing:
        i = self.index[task_id]
        return Timing(self.es[i], self.ef[i], self.ls[i], self.lf[i])

    @property
    def end(self) -> int:
        """Project end point (latest early finish)."""
        return max(self.ef) if self.ef else 0


def schedule(activities: Sequence[Activity]) -> Schedule:
    """Forward and backward pass over ``activities``.

    Unknown predecessor ids, duplicate ids and cycles raise :class:`InputError`.
    The cyclic garbage collector is paused meanwhile (the arrays hold no cycles).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _schedule(activities)
    finally:
        if enabled:
            gc.enable()


def _schedule(activities: Sequence[Activity]) -> Schedule:
    ids = [a.id for a in activities]
    index = {task_id: i for i, task_id in enumerate(ids)}
    if len(index) != len(ids):
        seen: set[str] = set()
        for task_id in ids:
            if task_id in seen:
                raise InputError(f"task id {task_id!r} is used twice")
            seen.add(task_id)
    durations = [whole_days(a.duration) for a in activities]
    in_start = [0]
    pred_of: list[int] = []
    fs: list[bool] = []
    lags: list[int] = []
    for a in activities:
        deps = a.deps
        if deps:
            try:
                pred_of.extend([index[d.predecessor] for d in deps])
            except KeyError as err:
                raise InputError(f"task {a.id!r} follows unknown task {err.args[0]!r}") from None
            fs.extend([d.type == "FS" for d in deps])
            lags.extend([d.lag for d in deps])
        in_start.append(len(pred_of))
    snet = [a.snet if a.snet is not None and a.snet > 0 else 0 for a in activities]
    targets = [a.target for a in activities] if any(a.target for a in activities) else None
    try:
        _, es, ef, ls, lf = cpm(durations, in_start, pred_of, fs, lags, snet, targets)
    except ValueError:
        raise CycleError(find_cycle(ids, in_start, pred_of)) from None
    return Schedule(ids, index, durations, es, ef, ls, lf)


def start_day(es: int, duration: int, day: Callable[[int], date]) -> date:
    """Calendar date a task starts (a milestone: the day it is dated on)."""
    if duration == 0:
        return day(max(es - 1, 0))
    return day(es)


def finish_day(ef: int, duration: int, day: Callable[[int], date]) -> date:
    """Calendar date of a task's last working day (a milestone: the day it is dated on)."""
    return day(max(ef - 1, 0))

"""The scheduler alone: CPM over a large random task graph, ours vs a plain peer.

``graph(tasks, links)`` makes a seeded acyclic graph: every task after the first
few has three distinct predecessors among the 500 tasks before it (so ``links``
is about ``3 * tasks``); 90 % finish-to-start, 10 % start-to-start, a fifth of
the links with a lag of -2..5 working days, durations 0..20 days.

``compare`` times, alternately and ``runs`` times each:

* ours: :func:`generator.schedule.schedule` on the :class:`Activity` list (id
  look-up, arrays, topological order, forward and backward pass, the result);
* peer: :class:`graphlib.TopologicalSorter` for the order, then a forward and a
  backward pass over dictionaries keyed by task id, in the plainest Python.

Both start from the same Activity list and must agree on every ES/EF/LS/LF; the
graph is built before the clock starts.
"""

from __future__ import annotations

import random
import statistics
import time
from graphlib import TopologicalSorter
from typing import Any

from generator.schedule import Activity, Dep, schedule, whole_days


def graph(tasks: int, links: int, seed: int = 11) -> list[Activity]:
    """``tasks`` activities with about ``links`` links (three per task), acyclic."""
    rng = random.Random(seed)
    per_task = max(1, round(links / max(tasks, 1)))
    acts: list[Activity] = []
    for n in range(tasks):
        window = range(max(0, n - 500), n)
        chosen = rng.sample(window, min(per_task, len(window)))
        deps = []
        for p in sorted(chosen):
            kind = "SS" if rng.random() < 0.1 else "FS"
            lag = rng.randint(-2, 5) if rng.random() < 0.2 else 0
            deps.append(Dep(f"t{p}", kind, lag))
        acts.append(Activity(f"t{n}", rng.randint(0, 20), tuple(deps)))
    return acts


def peer_cpm(
    acts: list[Activity],
) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """graphlib order, then forward and backward passes over dicts (the peer)."""
    preds: dict[str, tuple[Dep, ...]] = {}
    duration: dict[str, int] = {}
    for a in acts:
        preds[a.id] = a.deps
        duration[a.id] = whole_days(a.duration)
    order = list(
        TopologicalSorter({k: [d.predecessor for d in v] for k, v in preds.items()}).static_order()
    )
    es: dict[str, int] = {}
    ef: dict[str, int] = {}
    for node in order:
        start = 0
        for d in preds[node]:
            t = (ef[d.predecessor] if d.type == "FS" else es[d.predecessor]) + d.lag
            start = max(start, t)
        es[node] = start
        ef[node] = start + duration[node]
    end = max(ef.values(), default=0)
    lf = dict.fromkeys(order, end)
    ls: dict[str, int] = {}
    for node in reversed(order):
        ls[node] = lf[node] - duration[node]
        for d in preds[node]:
            bound = ls[node] - d.lag
            if d.type != "FS":
                bound += duration[d.predecessor]
            if bound < lf[d.predecessor]:
                lf[d.predecessor] = bound
    return es, ef, ls, lf


def compare(tasks: int, links: int, runs: int) -> dict[str, Any]:
    """Median seconds of ours and the peer on the same graph; they must agree."""
    acts = graph(tasks, links)
    ours: list[float] = []
    peer: list[float] = []
    ours_cpu: list[float] = []
    peer_cpu: list[float] = []
    result = None
    expected = None
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        result = schedule(acts)
        ours.append(time.perf_counter() - began)
        ours_cpu.append(time.process_time() - cpu)
        began, cpu = time.perf_counter(), time.process_time()
        expected = peer_cpm(acts)
        peer.append(time.perf_counter() - began)
        peer_cpu.append(time.process_time() - cpu)
    assert result is not None and expected is not None
    es, ef, ls, lf = expected
    for i, task_id in enumerate(result.ids):
        got = (result.es[i], result.ef[i], result.ls[i], result.lf[i])
        want = (es[task_id], ef[task_id], ls[task_id], lf[task_id])
        if got != want:
            raise AssertionError(f"{task_id}: generator.schedule {got} != peer {want}")
    return {
        "tasks": tasks,
        "links": sum(len(a.deps) for a in acts),
        "ours": statistics.median(ours),
        "peer": statistics.median(peer),
        "ours_cpu": statistics.median(ours_cpu),
        "peer_cpu": statistics.median(peer_cpu),
        "ours_all": ours,
        "peer_all": peer,
    }

"""Migration load order derived from ``depends_on``: waves and a stable sequence, O(V+E).

The wave of an object is the length of its longest dependency chain plus one
(objects without dependencies are wave 1). The load order lists wave 1, then
wave 2, ... and within a wave keeps the pack's declaration order, so an object
always comes after everything it depends on and the order is stable when the
pack is edited elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.schedule import CycleError, find_cycle


def load_order(ids: Sequence[str], depends_on: Sequence[Sequence[str]]) -> list[tuple[str, int]]:
    """``(id, wave)`` in load order. Dependencies on ids not in ``ids`` are ignored.

    A dependency cycle raises :class:`~generator.schedule.CycleError` naming it.
    """
    n = len(ids)
    index = {object_id: i for i, object_id in enumerate(ids)}
    get = index.get
    in_start = [0]
    pred_of: list[int] = []
    for deps in depends_on:
        if deps:
            pred_of.extend([u for u in map(get, deps) if u is not None])
        in_start.append(len(pred_of))
    # successors as CSR, for Kahn's algorithm
    out_start = [0] * (n + 1)
    for u in pred_of:
        out_start[u + 1] += 1
    for i in range(n):
        out_start[i + 1] += out_start[i]
    out_node = [0] * len(pred_of)
    pos = out_start[:-1]
    for v in range(n):
        for k in range(in_start[v], in_start[v + 1]):
            u = pred_of[k]
            out_node[pos[u]] = v
            pos[u] += 1
    indegree = [in_start[v + 1] - in_start[v] for v in range(n)]
    wave = [1] * n
    queue = [v for v in range(n) if not indegree[v]]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        next_wave = wave[u] + 1
        for j in range(out_start[u], out_start[u + 1]):
            v = out_node[j]
            if next_wave > wave[v]:
                wave[v] = next_wave
            indegree[v] -= 1
            if not indegree[v]:
                queue.append(v)
    if len(queue) != n:
        raise CycleError(find_cycle(list(ids), in_start, pred_of), "migration objects")
    buckets: list[list[int]] = [[] for _ in range(max(wave, default=0) + 1)]
    for v in range(n):  # declaration order within a wave
        buckets[wave[v]].append(v)
    return [(ids[v], w) for w, bucket in enumerate(buckets) for v in bucket]

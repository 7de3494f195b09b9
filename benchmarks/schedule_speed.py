"""Speed of the CPM scheduler and the migration load order on random networks.

Run from the repository root: ``python benchmarks/schedule_speed.py``. Prints the
best of several runs (the input objects are built before the clock starts).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.load_order import load_order
from generator.schedule import Activity, Dep, schedule


def random_plan(tasks: int, links: int, seed: int = 1) -> list[Activity]:
    """Acyclic random plan: every link goes to a later task (within 50 positions)."""
    rnd = random.Random(seed)
    deps: list[list[Dep]] = [[] for _ in range(tasks)]
    for _ in range(links):
        v = rnd.randrange(1, tasks)
        u = rnd.randrange(max(0, v - 50), v)
        deps[v].append(Dep(f"t{u}", rnd.choice(["FS", "SS"]), rnd.randint(-3, 5)))
    return [Activity(f"t{i}", rnd.randint(0, 10), tuple(deps[i])) for i in range(tasks)]


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    for tasks, links in ((10_000, 30_000), (100_000, 300_000)):
        plan = random_plan(tasks, links)
        print(
            f"schedule: {tasks:>7,} tasks, {links:>7,} links: {best_of(5, partial(schedule, plan)):.3f} s"
        )
    rnd = random.Random(3)
    n = 100_000
    ids = [f"o{i}" for i in range(n)]
    deps = [[f"o{rnd.randrange(i)}" for _ in range(3)] if i else [] for i in range(n)]
    print(
        f"load order: {n:,} objects, {3 * (n - 1):,} dependencies: {best_of(3, lambda: load_order(ids, deps)):.3f} s"
    )


if __name__ == "__main__":
    main()

"""Migration load order: waves, stable order, cycles, linear time."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.load_order import load_order
from generator.schedule import CycleError


def test_waves_and_declaration_order() -> None:
    ids = ["bp", "org", "gl", "balances", "material"]
    deps = [["org"], [], ["org"], ["gl", "bp", "material"], ["org", "unknown"]]
    assert load_order(ids, deps) == [
        ("org", 1),
        ("bp", 2),
        ("gl", 2),
        ("material", 2),
        ("balances", 3),
    ]


def test_cycle_named() -> None:
    with pytest.raises(CycleError) as err:
        load_order(["a", "b", "c"], [["c"], ["a"], ["b"]])
    assert "migration objects" in str(err.value)
    assert set(err.value.cycle) == {"a", "b", "c"}


@given(st.lists(st.lists(st.integers(0, 29), max_size=4), min_size=1, max_size=30))
def test_dependencies_come_first(raw: list[list[int]]) -> None:
    ids = [f"o{i}" for i in range(len(raw))]
    deps = [[f"o{j}" for j in js if j < i] for i, js in enumerate(raw)]  # acyclic by construction
    order = load_order(ids, deps)
    position = {object_id: n for n, (object_id, _) in enumerate(order)}
    wave = dict(order)
    assert sorted(position) == sorted(ids)
    for object_id, object_deps in zip(ids, deps, strict=True):
        for dep in object_deps:
            assert position[dep] < position[object_id]
            assert wave[dep] < wave[object_id]
        assert wave[object_id] == 1 + max((wave[d] for d in object_deps), default=0)


def test_hundred_thousand_objects() -> None:
    # speed lives in benchmarks/ (never a timed assertion here); this checks scale correctness
    rnd = random.Random(3)
    n = 100_000
    ids = [f"o{i}" for i in range(n)]
    deps = [[f"o{rnd.randrange(i)}" for _ in range(3)] if i else [] for i in range(n)]
    order = load_order(ids, deps)
    assert len(order) == n

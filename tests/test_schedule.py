"""CPM scheduler: small exact cases, cycles, properties on random DAGs, speed."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.calendar import WorkingCalendar
from generator.errors import InputError
from generator.schedule import (
    Activity,
    CycleError,
    Dep,
    finish_day,
    schedule,
    start_day,
    whole_days,
)


def test_chain_with_milestone_and_lags() -> None:
    acts = [
        Activity("a", 3),
        Activity("m", 0, (Dep("a"),)),
        Activity("b", 2, (Dep("m"),)),
        Activity("c", 1, (Dep("a", "SS", 1),)),
        Activity("d", 2, (Dep("b", "FS", -1),)),
    ]
    result = schedule(acts)
    assert (result["a"].es, result["a"].ef) == (0, 3)
    assert (result["m"].es, result["m"].ef) == (3, 3)
    assert result["b"].es == 3
    assert result["c"].es == 1
    assert result["d"].es == 4  # finish of b (5) minus one day
    assert result.end == 6
    assert result["c"].total_float == 4
    assert [t for t in result.ids if result[t].critical] == ["a", "m", "b", "d"]


def test_milestone_is_dated_on_predecessor_finish_day() -> None:
    cal = WorkingCalendar("DE", date(2026, 3, 2))  # a Monday
    result = schedule(
        [Activity("a", 5), Activity("m", 0, (Dep("a"),)), Activity("b", 1, (Dep("m"),))]
    )
    m = result["m"]
    assert start_day(m.es, 0, cal.day) == date(2026, 3, 6)  # Friday, a's last day
    assert finish_day(result["a"].ef, 5, cal.day) == date(2026, 3, 6)
    assert start_day(result["b"].es, 1, cal.day) == date(2026, 3, 9)  # next Monday


def test_snet_and_negative_lag_clamped_at_project_start() -> None:
    result = schedule(
        [Activity("a", 2), Activity("b", 1, (Dep("a", "FS", -10),)), Activity("c", 1, snet=7)]
    )
    assert result["b"].es == 0
    assert result["c"].es == 7
    assert result["a"].total_float == 6


def test_half_days_round_up() -> None:
    assert whole_days(0.5) == 1
    assert whole_days(2.5) == 3
    assert whole_days(3) == 3
    assert schedule([Activity("a", 1.5)])["a"].ef == 2


def test_cycle_is_named() -> None:
    acts = [
        Activity("x", 1),
        Activity("a", 1, (Dep("x"), Dep("c"))),
        Activity("b", 1, (Dep("a"),)),
        Activity("c", 1, (Dep("b"),)),
    ]
    with pytest.raises(CycleError) as err:
        schedule(acts)
    assert set(err.value.cycle) == {"a", "b", "c"}
    assert err.value.cycle[0] == err.value.cycle[-1]
    assert "→" in str(err.value)


def test_unknown_predecessor_and_duplicate() -> None:
    with pytest.raises(InputError, match="unknown task 'zz'"):
        schedule([Activity("a", 1, (Dep("zz"),))])
    with pytest.raises(InputError, match="used twice"):
        schedule([Activity("a", 1), Activity("a", 2)])


@st.composite
def dags(draw: st.DrawFn) -> list[Activity]:
    n = draw(st.integers(1, 25))
    acts = []
    for i in range(n):
        deps = []
        if i:
            for u in draw(st.lists(st.integers(0, i - 1), max_size=4, unique=True)):
                kind = draw(st.sampled_from(["FS", "SS"]))
                deps.append(Dep(f"t{u}", kind, draw(st.integers(-5, 5))))
        snet = draw(st.one_of(st.none(), st.integers(0, 30)))
        acts.append(
            Activity(f"t{i}", draw(st.sampled_from([0, 0.5, 1, 2, 3, 7])), tuple(deps), snet)
        )
    order = draw(st.permutations(range(n)))
    return [acts[i] for i in order]


_CAL = WorkingCalendar("CN", date(2026, 1, 1))


@settings(max_examples=200, deadline=None)
@given(dags())
def test_cpm_properties(acts: list[Activity]) -> None:
    result = schedule(acts)
    for a in acts:
        t = result[a.id]
        d = whole_days(a.duration)
        assert t.ef - t.es == d
        assert t.total_float >= 0
        assert t.lf <= result.end
        assert t.critical == (t.total_float == 0)
        if a.snet:
            assert t.es >= a.snet
        for dep in a.deps:
            p = result[dep.predecessor]
            allowed = (p.ef if dep.type == "FS" else p.es) + dep.lag
            assert t.es >= allowed
            late_allowed = (p.lf if dep.type == "FS" else p.ls) + dep.lag
            assert t.ls >= late_allowed
        start, finish = start_day(t.es, d, _CAL.day), finish_day(t.ef, d, _CAL.day)
        assert _CAL.is_working_day(start) and _CAL.is_working_day(finish)
        assert finish >= start
    # the latest-finishing task is on a zero-float path
    assert any(result[a.id].critical and result[a.id].ef == result.end for a in acts)


def _random_plan(n: int, m: int, seed: int = 7) -> list[Activity]:
    rnd = random.Random(seed)
    deps: list[list[Dep]] = [[] for _ in range(n)]
    for _ in range(m):
        v = rnd.randrange(1, n)
        u = rnd.randrange(max(0, v - 50), v)
        deps[v].append(Dep(f"t{u}", rnd.choice(["FS", "SS"]), rnd.randint(-3, 5)))
    return [Activity(f"t{i}", rnd.randint(0, 10), tuple(deps[i])) for i in range(n)]


def test_ten_thousand_tasks_schedule_consistently() -> None:
    # speed lives in benchmarks/ (never a timed assertion here); this checks scale correctness
    acts = _random_plan(10_000, 30_000)
    result = schedule(acts)
    assert len(result) == 10_000
    for act in acts:
        for dep in act.deps:
            pred = result[dep.predecessor]
            earliest = (pred.ef if dep.type == "FS" else pred.es) + dep.lag
            assert result[act.id].es >= earliest, (act.id, dep)


@pytest.mark.slow
def test_hundred_thousand_tasks() -> None:
    acts = _random_plan(100_000, 300_000)
    result = schedule(acts)
    assert len(result) == 100_000

"""Every planning rule holds on every status date: random progress at random status
dates on the shipped packs and a phased, blackout-heavy test pack, checked by an
independent checker (tests/rule_checker.py: its own code, not the scheduler's)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.kit import build_kit
from generator.kit_model import Kit, TaskProgress
from generator.packs.loader import load_pack
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from generator.tracking.forecast import forecast_kit
from tests.rule_checker import Entered, rule_violations
from tests.slips import late_finish

START = date(2026, 3, 2)
PACKS = Path(__file__).parent / "fixtures" / "packs" / "scheduling"
CASES = {
    "manufacturing-phased": ("manufacturing", None, {"sites": 5, "strategy": "phased"}),
    "healthcare": ("healthcare", None, {}),
    "education": ("education", None, {}),
    "phased-blackouts": ("phased-blackouts", PACKS, {"sites": 4, "strategy": "phased"}),
}


@cache
def planned(case: str) -> tuple[Kit, ResolvedPack]:
    pack_id, folder, answers = CASES[case]
    pack = load_pack(pack_id, folder)
    spec = ProjectSpec(pack=pack_id, start=START, users=1500, **answers)
    return build_kit(pack, spec, generator_version="test"), pack


def progress(kit: Kit, as_of: date, rng: random.Random) -> dict[str, Entered]:
    """Random, plausible entries at ``as_of``: most work due by then done (some late,
    some early), some under way, some not reported, a few cancelled."""
    entered: dict[str, Entered] = {}
    for task in kit.tasks:
        roll = rng.random()
        if task.start > as_of or roll < 0.12:
            continue  # not reported
        if roll < 0.15 and not task.milestone:
            entered[task.id] = Entered("cancelled")
            continue
        slip = rng.randint(-3, 8)
        finish = task.finish + timedelta(days=slip)
        if task.milestone:
            if finish <= as_of:
                entered[task.id] = Entered("finished", finish, finish)
            continue
        start = task.start + timedelta(days=rng.randint(-2, 3))
        start = min(start, as_of)
        if finish <= as_of and finish >= start:
            entered[task.id] = Entered("finished", start, finish)
        else:
            entered[task.id] = Entered("started", start)
    return entered


def with_entries(kit: Kit, entered: dict[str, Entered], rng: random.Random) -> Kit:
    rows = []
    for task_id, e in entered.items():
        if e.state == "finished":
            rows.append(TaskProgress(task_id, "Done", 1.0, e.start, e.finish))
        elif e.state == "started":
            rows.append(
                TaskProgress(task_id, "In progress", rng.choice([0.1, 0.5, 0.9]), e.start, None)
            )
        else:
            rows.append(TaskProgress(task_id, "Cancelled", None, None, None))
    return replace(kit, progress=tuple(rows))


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_rule_holds_on_the_plan(case: str) -> None:
    kit, pack = planned(case)
    assert rule_violations(kit, pack, {}, None, freeze_days=kit.project.freeze_days) == []


@pytest.mark.parametrize("case", sorted(CASES))
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_rule_holds_on_every_status_date(case: str, data: st.DataObject) -> None:
    kit, pack = planned(case)
    span = (kit.project.finish - kit.project.start).days
    as_of = kit.project.start + timedelta(days=data.draw(st.integers(-10, span + 20)))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    entered = progress(kit, as_of, rng)
    moved = forecast_kit(with_entries(kit, entered, rng), as_of)
    problems = rule_violations(moved, pack, entered, as_of, freeze_days=kit.project.freeze_days)
    assert problems == [], (as_of, problems[:8])


PHASED = ("manufacturing-phased", "phased-blackouts")


@pytest.mark.parametrize("case", PHASED)
def test_each_wave_go_live_has_a_critical_chain(case: str) -> None:
    """Float is measured to the go-live a task drives: every wave's go-live and the work
    right before it are critical, however much later the project ends."""
    kit, _ = planned(case)
    lives = [t for t in kit.tasks if t.anchor == "go-live"]
    assert len(lives) == len(kit.waves) > 1
    for live in lives:
        assert live.critical and live.total_float == 0, live.id
        assert any(kit.task(x.predecessor).critical for x in live.predecessors), live.id


@pytest.mark.parametrize("case", PHASED)
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_slip_within_float_moves_no_go_live(case: str, data: st.DataObject) -> None:
    """docs/tracking.md: a task that finishes late by at most its total float moves no
    wave's go-live (nor the project end)."""
    kit, _ = planned(case)
    floating = [t for t in kit.tasks if not t.milestone and t.total_float > 0]
    task = data.draw(st.sampled_from(floating))
    late = data.draw(st.integers(min_value=1, max_value=task.total_float))
    tracked, actual_finish = late_finish(kit, task.id, late)
    moved = forecast_kit(tracked, actual_finish)
    assert [w.go_live for w in moved.waves] == [w.go_live for w in kit.waves], (task.id, late)
    assert moved.project.finish == kit.project.finish


def test_a_rule_no_date_can_meet_is_reported() -> None:
    """A go-live no date within the search horizon clears stays where the network puts
    it and is reported (a push that is not met), never left in a window silently."""
    from generator.planning.answers import BlackoutAnswer

    pack_id, folder, answers = CASES["phased-blackouts"]
    pack = load_pack(pack_id, folder)
    everything = BlackoutAnswer(name="Moratorium", start=date(2026, 6, 1), end=date(2030, 12, 31))
    spec = ProjectSpec(pack=pack_id, start=START, users=1500, blackouts=[everything], **answers)
    kit = build_kit(pack, spec, generator_version="test")
    unmet = [p for p in kit.pushes if not p.met]
    lives = {t.id for t in kit.tasks if t.anchor == "go-live"}
    assert lives <= {p.task_id for p in unmet}
    assert all("Moratorium" in p.reason and p.before == p.after for p in unmet)
    assert rule_violations(kit, pack, {}, None, freeze_days=kit.project.freeze_days) == []

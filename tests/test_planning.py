"""Issue 12 planning rules on the real packs: gates that gate, no phantom days, waves,
blackouts, sizing. Property tests build kits over random answers."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.loader import load_pack
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from tests.test_kit import kit_for, small_pack, task

START = date(2026, 3, 2)
PACK_SYSTEMS = {
    "base": ["ERP"],
    "manufacturing": ["ERP", "MES"],
    "healthcare": ["HIS", "EMR", "LIS", "PACS"],
    "education": ["SIS", "LMS"],
}


@cache
def pack(name: str) -> ResolvedPack:
    return load_pack(name)


def build(name: str, **answers: Any) -> Kit:
    spec = ProjectSpec(pack=name, start=answers.pop("start", START), **answers)
    return build_kit(pack(name), spec, generator_version="0")


@st.composite
def answers(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(PACK_SYSTEMS)))
    known = [s for s in PACK_SYSTEMS[name] if s in pack(name).meta.systems] or None
    chosen = draw(st.lists(st.sampled_from(known), min_size=1, unique=True)) if known else None
    sites = draw(st.integers(1, 7))
    return name, {
        "systems": chosen,
        "strategy": draw(st.sampled_from(["big-bang", "phased"])) if sites > 1 else "big-bang",
        "sites": sites,
        "users": draw(st.sampled_from([40, 100, 500, 2000, 6000])),
        "start": START + (draw(st.integers(0, 400)) * date.resolution),
    }


def ancestors(kit: Kit, task_id: str) -> set[str]:
    by_id = {t.id: t for t in kit.tasks}
    seen: set[str] = set()
    todo = [task_id]
    while todo:
        for link in by_id[todo.pop()].predecessors:
            if link.predecessor not in seen:
                seen.add(link.predecessor)
                todo.append(link.predecessor)
    return seen


def assert_gates_gate(kit: Kit, resolved: ResolvedPack) -> None:
    """No task of a phase starts before the previous phase's gate, unless the pack says so."""
    ungated = {t.item.id for t in resolved.tasks if not t.item.gated}
    for before, phase in zip(kit.phases, kit.phases[1:], strict=False):
        for gate in [g for g in kit.gates if g.kind == "phase-gate" and g.phase == before.id]:
            waits_on = ancestors(kit, gate.task_id)
            for task_id in phase.task_ids:
                t = kit.task(task_id)
                base_id = task_id.split("@")[0]
                if t.gate or base_id in ungated or task_id in waits_on:
                    continue
                if t.milestone:
                    assert t.start >= gate.date, (task_id, t.start, gate.id, gate.date)
                else:
                    assert t.start > gate.date, (task_id, t.start, gate.id, gate.date)


def test_bridged_link_keeps_the_lag_of_the_link_to_the_follower() -> None:
    tasks = [
        task("s", "prepare", 2),
        task("d", "prepare", 3, {"id": "s", "lag": 10}, when={"systems": ["MES"]}),
        task("p", "prepare", 1, {"id": "d", "type": "SS", "lag": 1}),
    ]
    kit = kit_for(small_pack(tasks=tasks), systems=["ERP"])
    assert [(x.predecessor, x.type, x.lag) for x in kit.task("p").predecessors] == [("s", "FS", 1)]


def test_no_phantom_days_before_hypercare_ends() -> None:
    kit = build("base", strategy="big-bang")
    links = {(x.predecessor, x.lag) for x in kit.task("base.hypercare-end").predecessors}
    assert ("base.go-live", 10) not in links
    hypercare = kit.task("base.hypercare")
    assert kit.task("base.hypercare-end").finish <= max(
        hypercare.finish, kit.task("base.first-period-close").finish
    )


def test_next_phase_waits_for_its_gate_on_every_pack() -> None:
    for name in PACK_SYSTEMS:
        kit = build(name)
        assert_gates_gate(kit, pack(name))
        gate = next(g for g in kit.gates if g.id == "base.gate-realize")
        assert kit.task(gate.task_id).total_float == 0 or gate.date < kit.project.go_live  # type: ignore[operator]


def test_hypercare_starts_after_the_deploy_gate() -> None:
    kit = build("manufacturing")
    gate = next(g for g in kit.gates if g.id == "base.gate-deploy")
    assert kit.task("base.hypercare").start > gate.date
    assert gate.date == kit.project.go_live


@settings(max_examples=25, deadline=None)
@given(answers())
def test_plan_properties_over_random_answers(case: tuple[str, dict[str, Any]]) -> None:
    name, given_answers = case
    kit = build(name, **given_answers)
    assert_gates_gate(kit, pack(name))
    working = {d.day for d in kit.calendar.holidays}
    for t in kit.tasks:
        assert t.start.weekday() < 5 or t.start in {d.day for d in kit.calendar.workdays}, t.id
        assert t.start not in working and t.finish not in working, t.id
        assert t.total_float >= 0

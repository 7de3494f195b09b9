"""Competency matrix and staffing rows on the real packs (generator/competency.py)."""

from __future__ import annotations

import pytest

from generator.competency import (
    DRILLS,
    LEVEL_NAMES,
    SKILL_NAMES,
    gap,
    internal_track,
    needs_text,
    staffing_rows,
)
from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.loader import load_pack
from generator.packs.model import SKILLS
from generator.project import ProjectSpec

PACK_IDS = ("base", "manufacturing", "healthcare", "education")


def _kit(pack_id: str, lang: str = "en") -> Kit:
    pack = load_pack(pack_id)
    spec = ProjectSpec(pack=pack_id, lang=lang).resolved(pack)
    return build_kit(pack, spec, generator_version="test")


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_every_role_has_a_competency_profile(pack_id: str) -> None:
    for located in load_pack(pack_id).roles:
        levels = located.item.competencies
        assert levels, f"{pack_id}: role {located.item.id} has no competencies"
        assert set(levels) <= set(SKILLS)
        assert all(1 <= level <= 4 for level in levels.values())


@pytest.mark.parametrize("pack_id", ["manufacturing", "healthcare"])
def test_staffing_rows_follow_the_plan(pack_id: str) -> None:
    kit = _kit(pack_id)
    assert kit.staffing
    tasks_by_phase: dict[str, list[str]] = {}
    for task in kit.tasks:
        tasks_by_phase.setdefault(task.phase, []).append(task.id)
    order = [p.id for p in kit.phases]
    assert [order.index(r.phase) for r in kit.staffing] == sorted(
        order.index(r.phase) for r in kit.staffing
    )
    for row in kit.staffing:
        assert row.id == f"{row.phase}:{row.role}"
        works = [
            t
            for t in kit.tasks
            if t.phase == row.phase and (t.owner == row.role or dict(t.effort).get(row.role))
        ]
        assert works, row.id
        expected_effort = sum(dict(t.effort).get(row.role, 0) for t in works)
        assert row.effort == pytest.approx(expected_effort)
        assert row.required_level == max((lvl for _, lvl in row.needs), default=0)
        if row.required_level:
            assert dict(row.needs)[row.key_skill] == row.required_level
    ids = [r.id for r in kit.staffing]
    assert len(ids) == len(set(ids))


def test_a_task_raises_its_owners_need_in_its_phase() -> None:
    kit = _kit("manufacturing")
    rehearsal = kit.task("base.dress-rehearsal")
    owner_profile = dict(next(r for r in kit.roles if r.id == rehearsal.owner).competencies)
    row = next(r for r in kit.staffing if r.id == f"{rehearsal.phase}:{rehearsal.owner}")
    assert dict(row.needs)["data-migration"] == max(4, owner_profile.get("data-migration", 0))
    # the same role in a phase where it owns no such task keeps its profile
    others = [
        r
        for r in kit.staffing
        if r.role == rehearsal.owner
        and not any(t.owner == r.role and t.phase == r.phase for t in kit.tasks)
    ]
    for other in others:
        assert dict(other.needs) == owner_profile


def test_staffing_rows_need_no_pack() -> None:
    kit = _kit("base")
    rows = staffing_rows(kit.phases, kit.tasks, kit.roles, {})
    assert {r.id for r in rows} == {r.id for r in kit.staffing}
    assert all(
        dict(r.needs) == dict(next(x for x in kit.roles if x.id == r.role).competencies)
        for r in rows
    )


def test_gap() -> None:
    assert gap(3, 2) == 1
    assert gap(3, 4) == 0
    assert gap(3, None) is None
    assert gap(0, 2) is None


def test_texts_in_both_languages() -> None:
    for lang in ("en", "zh"):
        assert set(SKILL_NAMES[lang]) == set(SKILLS)
        assert set(LEVEL_NAMES[lang]) == {1, 2, 3, 4}
    assert set(DRILLS.texts) == set(SKILLS)
    for skill in SKILLS:
        en, zh = DRILLS["en"][skill], DRILLS["zh"][skill]
        assert en and zh and en != zh
    kit = _kit("manufacturing", "zh")
    text = needs_text(kit.staffing[0], "zh")
    assert "沟通协调" in text or "实施方法" in text


def test_internal_track_pairs_learners_with_mentors() -> None:
    kit = _kit("manufacturing", "zh")
    track = internal_track(kit)
    assert {item.skill for item in track} >= {"configuration", "data-migration", "integration"}
    team = {r.id for r in kit.roles if r.side in ("vendor", "joint")}
    for item in track:
        assert item.learners and set(item.learners) <= team
        assert not set(item.learners) & set(item.mentors)
        assert item.drill == DRILLS["zh"][item.skill]

        assert item.skill_name == SKILL_NAMES["zh"][item.skill]

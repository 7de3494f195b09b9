"""The base pack: the method every industry pack builds on.

Checks the pack validates and is complete in both languages, that the ids other
packs rely on (docs/dev/ARCHITECTURE.md) exist, that the method's rules from the review of
32 projects are encoded (four key nodes with entry/exit criteria and sign-off,
prototype sign-off before the requirements freeze and development start, training
before UAT, phase gates signed by the sponsor, a real task network), and that the
phase templates render in both languages.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.kit import build_kit
from generator.kit_model import ANCHORS, Kit
from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from generator.packs.model import LANGS
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from generator.templates import collect_templates, render_templates
from tests import pack_checks
from tests.pack_checks import BASE

# The ids other packs rely on (docs/dev/ARCHITECTURE.md): never rename.
PHASES = ["prepare", "explore", "realize", "deploy", "run"]
ROLES = [
    "sponsor", "steering-committee", "ccb", "project-manager", "client-project-manager",
    "solution-architect", "functional-consultant", "technical-consultant",
    "integration-consultant", "data-migration-lead", "test-lead", "training-lead",
    "business-interface", "key-user", "super-user", "client-it-lead", "data-owner",
]  # fmt: skip
ANCHOR_TASKS = {
    "base.kickoff": "kickoff",
    "base.prototype-signoff": "prototype-signoff",
    "base.development-start": "development-start",
    "base.mock-load-1": "mock-load-1",
    "base.mock-load-2": "mock-load-2",
    "base.train-the-trainer": "train-the-trainer",
    "base.key-user-training": "key-user-training",
    "base.dress-rehearsal": "dress-rehearsal",
    "base.end-user-training": "training",
    "base.uat": "uat",
    "base.cutover": "cutover",
    "base.go-live": "go-live",
    "base.hypercare-end": "hypercare-end",
    "base.post-project-evaluation": "evaluation",
}
# Rough hours per person from PACKS.md (support desk and trainers: the pack's choice).
AUDIENCE_HOURS = {
    "executives": (4, 8),
    "managers": (16, 24),
    "daily-users": (24, 40),
    "super-users": (40, 60),
    "it-admins": (60, 80),
}
AUDIENCES = [*AUDIENCE_HOURS, "support-desk", "trainers"]
PHASE_GATES = [f"base.gate-{phase}" for phase in PHASES]
KEY_NODES = {
    "base.node-requirements": "requirements",
    "base.node-configuration": "configuration",
    "base.node-migration": "migration",
    "base.node-training": "training",
}
CEREMONIES = ["base.weekly-sync", "base.steering-committee", "base.ccb-meeting"]


@cache
def pack() -> ResolvedPack:
    return load_pack(BASE)


@cache
def kit(lang: str = "en", strategy: str = "big-bang") -> Kit:
    spec = ProjectSpec(
        pack="base", client="ACME", start=date(2027, 3, 1), lang=lang, strategy=strategy
    )
    return build_kit(pack(), spec, generator_version="test")


def ids(section: str) -> dict[str, Any]:
    return pack_checks.items_by_id(pack(), section)


def successors() -> dict[str, set[str]]:
    return pack_checks.successors(ids("tasks"))


def reachable(start: str) -> set[str]:
    return pack_checks.reachable(successors(), start)


# --- validation and languages ------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_validates_strictly_in_both_languages(lang: str) -> None:
    pack_checks.assert_validates_strictly(BASE, lang)


def test_every_file_is_a_pack_file_with_the_schema_line() -> None:
    pack_checks.assert_small_files_with_schema_line(BASE, min_files=10)


def test_every_localized_text_has_both_languages() -> None:
    texts = list(pack_checks.pack_texts(pack()))
    assert texts
    for item, text in texts:
        pack_checks.assert_in_both_languages(text, item.id)


# --- ids other packs rely on -------------------------------------------------------


def test_team_ids_exist() -> None:
    assert [p.item.id for p in sorted(pack().phases, key=lambda p: p.item.order)] == PHASES
    assert set(ROLES) <= set(ids("roles"))
    tasks = ids("tasks")
    for task_id, anchor in ANCHOR_TASKS.items():
        assert task_id in tasks, task_id
        assert tasks[task_id].anchor == anchor
    assert set(ANCHOR_TASKS.values()) == set(ANCHORS)
    assert set(AUDIENCES) <= set(ids("audiences"))
    assert set(PHASE_GATES) | set(KEY_NODES) <= set(ids("gates"))
    assert set(CEREMONIES) <= set(ids("ceremonies"))
    assert "base.fit-to-standard-kickoff" in tasks  # used in PACKS.md's example


# --- the method --------------------------------------------------------------------


def test_key_nodes_have_entry_exit_criteria_and_signoff() -> None:
    gates = ids("gates")
    for gate_id, node in KEY_NODES.items():
        gate = gates[gate_id]
        assert gate.kind == "key-node" and gate.key_node == node
        assert len(gate.entry_criteria) >= 2, gate_id
        assert len(gate.exit_criteria) >= 2, gate_id
        assert gate.signoff, gate_id
        assert gate.after, gate_id
    # the tasks closing each key node are marked too
    marked = {t.key_node for t in ids("tasks").values() if t.key_node}
    assert marked == set(KEY_NODES.values())


def test_phase_gates_signed_by_the_sponsor() -> None:
    gates = ids("gates")
    for phase in PHASES:
        gate = gates[f"base.gate-{phase}"]
        assert gate.kind == "phase-gate" and gate.phase == phase
        assert "sponsor" in gate.signoff
        assert gate.entry_criteria and gate.exit_criteria


def test_prototype_signoff_precedes_development_start() -> None:
    assert "base.development-start" in reachable("base.prototype-signoff")
    assert "base.prototype-signoff" not in reachable("base.development-start")
    k = kit()
    signoff = k.task("base.prototype-signoff")
    development = k.task("base.development-start")
    assert development.start >= signoff.finish + timedelta(days=k.project.freeze_days)
    assert k.freeze is not None and k.freeze.days == 30


def test_ccb_set_up_before_the_freeze() -> None:
    assert "ccb" in ids("roles")
    assert "base.prototype-signoff" in reachable("base.ccb-setup")
    ccb = ids("ceremonies")["base.ccb-meeting"]
    assert "ccb" in ccb.attendees


def test_joint_working_group_and_weekly_sync() -> None:
    tasks = ids("tasks")
    assert tasks["base.joint-working-group"].after[0].id == "base.kickoff"
    sync = ids("ceremonies")["base.weekly-sync"]
    assert sync.cadence == "weekly" and "business-interface" in sync.attendees
    assert sync.until == "project-end"
    interface = [s for s in ids("stakeholders").values() if s.interface_person]
    assert len(interface) >= 3


def test_stakeholder_analysis_and_risk_assessment_at_kickoff() -> None:
    tasks = ids("tasks")
    for task_id in ("base.stakeholder-analysis", "base.risk-assessment"):
        task = tasks[task_id]
        assert [d.id for d in task.after] == ["base.kickoff"]
        assert task.deliverables


def test_key_users_before_uat_end_users_after() -> None:
    assert "base.uat" in reachable("base.key-user-training")
    assert "base.end-user-training" in reachable("base.uat-signoff")
    k = kit()
    assert k.task("base.key-user-training").finish < k.task("base.uat").start
    assert k.task("base.end-user-training").start > k.task("base.uat-signoff").finish
    assert k.task("base.end-user-training").finish < k.task("base.go-live").start
    assert k.training_window is not None


def test_mock_loads_and_dress_rehearsal_in_order() -> None:
    k = kit()
    order = [
        k.task(t).start for t in ("base.mock-load-1", "base.mock-load-2", "base.dress-rehearsal")
    ]
    assert order == sorted(order)
    assert k.task("base.dress-rehearsal").finish <= k.task("base.cutover").start


def test_task_network_is_connected() -> None:
    tasks = ids("tasks")
    assert 45 <= len(tasks) <= 70
    for task_id, task in tasks.items():
        if task_id != "base.kickoff":
            assert task.after, f"{task_id} has no predecessor"
    ends = sorted(t for t, nxt in successors().items() if not nxt)
    assert ends == ["base.post-project-evaluation"]
    assert reachable("base.kickoff") == set(tasks) - {"base.kickoff"}


def test_every_task_has_owner_effort_and_deliverables() -> None:
    for task_id, task in ids("tasks").items():
        if task.milestone:
            assert task.duration == 0, task_id
            continue
        assert task.effort, task_id
        assert task.deliverables, task_id


def test_phased_only_tasks() -> None:
    phased = {t for t, task in ids("tasks").items() if task.when}
    assert phased, "some tasks belong only to phased rollouts"
    for task_id in phased:
        assert ids("tasks")[task_id].when.strategy == "phased"
    big_bang = {t.id for t in kit("en", "big-bang").tasks}
    rollout = {t.id for t in kit("en", "phased").tasks}
    assert not phased & big_bang
    assert phased <= rollout


def test_duration_is_realistic() -> None:
    k = kit()
    go_live = k.task("base.go-live").start
    end = k.task("base.post-project-evaluation").finish
    assert timedelta(days=150) <= go_live - k.project.start <= timedelta(days=300)
    assert timedelta(days=180) <= end - k.project.start <= timedelta(days=365)
    hypercare = k.task("base.hypercare-end").start - go_live
    assert timedelta(days=21) <= hypercare <= timedelta(days=60)


def test_roles_have_day_rates() -> None:
    for role_id, role in ids("roles").items():
        if role_id in ("steering-committee", "ccb"):
            continue
        assert 500 <= role.day_rate <= 8000, role_id


def test_risks_are_complete() -> None:
    risks = ids("risks")
    assert len(risks) >= 15
    for risk_id, risk in risks.items():
        for field in ("trigger", "mitigation", "contingency"):
            assert getattr(risk, field), (risk_id, field)


def test_audiences_hours_match_packs_md() -> None:
    audiences = ids("audiences")
    for audience_id, hours in AUDIENCE_HOURS.items():
        assert tuple(audiences[audience_id].hours) == hours
    for audience in audiences.values():
        low, high = audience.hours
        assert 0 < low <= high
    assert abs(sum(a.share for a in audiences.values()) - 1) < 0.01


def test_courses_cover_three_tiers_and_every_audience() -> None:
    courses = ids("courses").values()
    assert {c.tier for c in courses} == {"basic", "advanced", "self-support"}
    covered = {a for c in courses for a in c.audiences}
    assert set(AUDIENCES) <= covered
    kinds = {s.kind for s in ids("support").values()}
    assert {"knowledge-base", "quick-reference", "super-user-network", "hypercare-desk"} <= kinds


def test_cutover_runbook() -> None:
    steps = sorted(ids("cutover").values(), key=lambda s: s.order)
    assert 15 <= len(steps) <= 25
    assert len({s.order for s in steps}) == len(steps)
    offsets = [s.offset_hours for s in steps]
    assert offsets == sorted(offsets)
    for step in steps:
        assert step.backup_owner and step.backup_owner != step.owner, step.id
        assert step.verification, step.id


# --- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_templates_render_in_both_languages(lang: str) -> None:
    k = kit(lang)
    files = render_templates(k, collect_templates([("base", BASE)]))
    paths = {f.path for f in files}
    for folder in ("01-prepare", "02-explore", "03-realize", "04-deploy", "05-run"):
        assert any(p.startswith(folder + "/") for p in paths), folder
    assert "05-run/post-project-evaluation.md" in paths
    assert "04-deploy/go-no-go-checklist.md" in paths
    for f in files:
        pack_checks.assert_rendered_text(k, f.data.decode("utf-8"), f.path)
    evaluation = next(f for f in files if f.path == "05-run/post-project-evaluation.md")
    assert "NPS" in evaluation.data.decode("utf-8")


# --- the author guide --------------------------------------------------------------


def _merge(old: dict[str, object], new: dict[str, object]) -> None:
    for key, value in new.items():
        inner = old.get(key)
        if isinstance(value, dict) and isinstance(inner, dict):
            _merge(inner, value)
        else:
            old[key] = value


def test_author_guide_examples_form_a_valid_pack(tmp_path: Path) -> None:
    """Every complete YAML example in docs/packs.md validates as part of one pack."""
    import re

    from generator.packs.model import PackFile

    guide = (BASE.parents[1] / "docs" / "packs.md").read_text(encoding="utf-8")
    sections = set(PackFile.model_fields)
    folder = tmp_path / "retail"
    folder.mkdir()
    used = 0
    meta: dict[str, object] = {}  # the guide shows pack: in parts (header, rollout): merged
    for number, block in enumerate(re.findall(r"```yaml\n(.*?)```", guide, re.S)):
        data = yaml.safe_load(block)
        if not isinstance(data, dict) or not set(data) <= sections:
            continue  # a fragment (a text, a comment line)
        if "pack" in data:
            _merge(meta, data["pack"])
            (folder / "pack.yaml").write_text(yaml.safe_dump({"pack": meta}), encoding="utf-8")
        else:
            (folder / f"example-{number:02d}.yaml").write_text(block, encoding="utf-8")
        for entry in data.get("templates") or []:  # the template files the examples name
            path = folder / "templates" / entry["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# {{ cookiecutter.project_name }}\n", encoding="utf-8")
        used += 1
    assert used >= 8 and (folder / "pack.yaml").exists()
    for lang in LANGS:
        report = validate_paths([folder], lang=lang, strict=True, packs_dir=BASE.parent)
        assert report.errors == [], [str(p) for p in report.errors]

"""The manufacturing pack (ERP + MES): issue 3.

Checks that the pack validates strictly in both languages, resolves and schedules for every
systems combination (ERP, MES, ERP+MES) and both go-live strategies, that the derived
migration load order respects every dependency and follows the typical ERP and ISA-95 MES
orders from PACKS.md, that every audience using the system gets all three training tiers,
that the counts meet the required depth, that ``mfg.`` ids never collide with base by
accident, and that the manufacturing rules (pilot line -> golden line -> waves with
measurable exit criteria, one-hour rollback, stock-count freeze, one parallel period close,
PLC tags tested live, production owning process parameters) are encoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.kit import build_kit
from generator.kit_model import TIERS, Kit
from generator.packs.loader import load_pack, validate_paths
from generator.packs.model import ITEM_SECTIONS, LANGS, text_in
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from generator.templates import collect_templates, render_templates

ROOT = Path(__file__).resolve().parents[1] / "industry_packs"
MFG = ROOT / "manufacturing"
BASE = ROOT / "base"
SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/packs/pack.schema.json"

SYSTEMS = [("ERP",), ("MES",), ("ERP", "MES")]
STRATEGIES = [("big-bang", 1), ("phased", 3)]
# Base items the manufacturing pack changes on purpose (override: true).
INTENDED_OVERRIDES = {("audiences", "daily-users")}
# Sections whose ids are pack-local and therefore carry the pack prefix.
PREFIXED = ("gates", "tasks", "risks", "stakeholders", "migration", "cutover", "courses", "support", "lessons")  # fmt: skip

# Typical load orders from PACKS.md, as pairs that must hold in the derived order.
ERP_ORDER = [
    ("mfg.erp-org-structure", "mfg.erp-number-ranges"),
    ("mfg.erp-number-ranges", "mfg.erp-chart-of-accounts"),
    ("mfg.erp-chart-of-accounts", "mfg.erp-cost-profit-centres"),
    ("mfg.erp-chart-of-accounts", "mfg.erp-exchange-rates"),
    ("mfg.erp-chart-of-accounts", "mfg.erp-banks"),
    ("mfg.erp-banks", "mfg.erp-business-partners"),
    ("mfg.erp-cost-profit-centres", "mfg.erp-material"),
    ("mfg.erp-business-partners", "mfg.erp-purchasing-info"),
    ("mfg.erp-material", "mfg.erp-purchasing-info"),
    ("mfg.erp-material", "mfg.erp-bom"),
    ("mfg.erp-bom", "mfg.erp-routing"),
    ("mfg.erp-work-center", "mfg.erp-routing"),
    ("mfg.erp-fixed-assets", "mfg.erp-gl-balances"),
    ("mfg.erp-gl-balances", "mfg.erp-stock-balances"),
    ("mfg.erp-gl-balances", "mfg.erp-open-items"),
    ("mfg.erp-open-items", "mfg.erp-open-sales-orders"),
    ("mfg.erp-open-items", "mfg.erp-open-purchase-orders"),
    ("mfg.erp-routing", "mfg.erp-open-production-orders"),
    ("mfg.erp-stock-balances", "mfg.erp-open-production-orders"),
]
MES_ORDER = [
    ("mfg.mes-equipment-hierarchy", "mfg.mes-equipment-class"),
    ("mfg.mes-equipment-class", "mfg.mes-shift-calendar"),
    ("mfg.mes-shift-calendar", "mfg.mes-personnel-qualification"),
    ("mfg.mes-material", "mfg.mes-bom"),
    ("mfg.mes-personnel-qualification", "mfg.mes-routing"),
    ("mfg.mes-bom", "mfg.mes-routing"),
    ("mfg.mes-routing", "mfg.mes-recipe-parameters"),
    ("mfg.mes-routing", "mfg.mes-quality-spec"),
    ("mfg.mes-recipe-parameters", "mfg.mes-plc-tag-map"),
    ("mfg.mes-material", "mfg.mes-label-template"),
    ("mfg.mes-quality-spec", "mfg.mes-open-work-orders"),
    ("mfg.mes-label-template", "mfg.mes-open-work-orders"),
    ("mfg.mes-open-work-orders", "mfg.mes-genealogy"),
]


@cache
def pack() -> ResolvedPack:
    return load_pack(MFG)


@cache
def kit(
    systems: tuple[str, ...] = ("ERP", "MES"),
    strategy: str = "big-bang",
    sites: int = 1,
    lang: str = "en",
) -> Kit:
    spec = ProjectSpec(
        pack="manufacturing",
        client="ACME Precision",
        start=date(2027, 3, 1),
        systems=list(systems),
        strategy=strategy,
        sites=sites,
        users=400,
        lang=lang,
    )
    return build_kit(pack(), spec, generator_version="test")


def ids(section: str) -> dict[str, Any]:
    return {located.item.id: located.item for located in getattr(pack(), section)}


def own(section: str) -> dict[str, Any]:
    """Items of ``section`` whose (last) definition is in the manufacturing pack."""
    return {
        located.item.id: located.item
        for located in getattr(pack(), section)
        if located.source.pack == "manufacturing"
    }


def all_kits() -> Iterator[tuple[tuple[str, ...], str, int]]:
    for systems in SYSTEMS:
        for strategy, sites in STRATEGIES:
            yield systems, strategy, sites


# --- validation, files and languages -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_validates_strictly_in_both_languages(lang: str) -> None:
    report = validate_paths([MFG], lang=lang, strict=True)
    assert report.errors == []
    assert report.warnings == []


def test_small_files_with_the_schema_line() -> None:
    files = sorted(MFG.glob("*.yaml"))
    assert len(files) >= 12, "several small files, not one huge one"
    with_meta = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == SCHEMA_LINE, path.name
        if "pack" in (yaml.safe_load(text) or {}):
            with_meta.append(path.name)
    assert with_meta == ["pack.yaml"]
    meta = pack().meta
    assert meta.extends == "base"
    assert pack().chain == ("base", "manufacturing")
    assert meta.systems == ["ERP", "MES"] and meta.default_systems == ["ERP", "MES"]


def _texts(value: object) -> Iterator[Any]:
    from pydantic import BaseModel

    from generator.packs.model import LocalizedText

    if isinstance(value, LocalizedText):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for element in value:
            yield from _texts(element)


def test_every_text_in_both_languages() -> None:
    for section in ITEM_SECTIONS:
        for item_id, item in own(section).items():
            for text in _texts(item):
                for lang in LANGS:
                    assert text_in(text, lang), (section, item_id, lang)
                # the Chinese side is really Chinese, the English side really English
                assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh or ""), (section, item_id)
                assert not any("\u4e00" <= ch <= "\u9fff" for ch in text.en or ""), (
                    section,
                    item_id,
                )


# --- ids ---------------------------------------------------------------------------


def _raw_overrides() -> set[tuple[str, str]]:
    """(section, id) of every item written with ``override: true`` in the pack's files."""
    found = set()
    for path in MFG.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section in ITEM_SECTIONS:
            for item in data.get(section) or []:
                if item.get("override"):
                    found.add((section, item["id"]))
    return found


def test_ids_do_not_collide_with_base_unless_intended() -> None:
    base = load_pack(BASE)
    assert _raw_overrides() == INTENDED_OVERRIDES
    for section in ITEM_SECTIONS:
        base_ids = {located.item.id for located in getattr(base, section)}
        for item_id in own(section):
            if item_id in base_ids:
                assert (section, item_id) in INTENDED_OVERRIDES, (section, item_id)
            if section in PREFIXED:
                assert item_id.startswith("mfg."), (section, item_id)
    # the base items every pack relies on are still there, and still base's
    for task_id in ("base.kickoff", "base.prototype-signoff", "base.go-live", "base.cutover"):
        assert ids("tasks")[task_id]
    assert {
        located.source.pack for located in pack().tasks if located.item.id.startswith("base.")
    } == {"base"}


# --- every systems combination and strategy -------------------------------------------


@pytest.mark.parametrize(("systems", "strategy", "sites"), list(all_kits()))
def test_resolves_and_schedules(systems: tuple[str, ...], strategy: str, sites: int) -> None:
    k = kit(systems, strategy, sites)
    assert k.project.systems == systems
    tasks = {t.id: t for t in k.tasks}
    assert len(tasks) >= 80
    for task in k.tasks:
        assert task.start <= task.finish, task.id
        for link in task.predecessors:
            assert link.predecessor in tasks, (task.id, link.predecessor)
            before = tasks[link.predecessor]
            if link.type == "FS" and link.lag >= 0 and not before.milestone and not task.milestone:
                assert before.finish < task.start, (before.id, task.id)
    go_live = k.anchor("go-live")
    assert go_live is not None
    assert k.task("base.cutover").finish <= go_live
    assert k.task("base.post-project-evaluation").finish <= k.project.finish
    # items for systems out of scope are gone, the others are there
    present = set(tasks)
    assert ("mfg.erp-pp-config" in present) == ("ERP" in systems)
    assert ("mfg.plc-tag-live-test" in present) == ("MES" in systems)
    assert ("mfg.parallel-period-close" in present) == ("ERP" in systems)
    assert ("mfg.wave-1-rollout" in present) == ("MES" in systems and strategy == "phased")
    assert ("mfg.site-rollout-cutover" in present) == (strategy == "phased" and sites >= 2)
    gates = {g.id for g in k.gates}
    assert ("mfg.gate-pilot-line" in gates) == ("MES" in systems)
    assert "mfg.node-stock-count" in gates
    migration = {m.id for m in k.migration}
    assert any(m.startswith("mfg.erp-") for m in migration) == ("ERP" in systems)
    assert any(m.startswith("mfg.mes-") for m in migration) == ("MES" in systems)


def test_single_site_rollout_takes_six_to_twelve_months() -> None:
    for systems in SYSTEMS:
        k = kit(systems)
        go_live = k.anchor("go-live")
        assert go_live is not None
        assert timedelta(days=180) <= go_live - k.project.start <= timedelta(days=300), systems
        assert k.project.finish - k.project.start <= timedelta(days=365), systems


def test_pilot_golden_line_and_waves_in_order() -> None:
    k = kit(("ERP", "MES"), "phased", 3)
    gates = {g.id: g for g in k.gates}
    pilot = gates["mfg.gate-pilot-line"].date
    golden = gates["mfg.gate-golden-line"].date
    wave_1 = gates["mfg.gate-wave-1"].date
    wave_2 = gates["mfg.gate-wave-2"].date
    go_live = k.anchor("go-live")
    assert go_live is not None
    assert pilot <= go_live <= golden < wave_1 < wave_2
    assert k.task("mfg.wave-2-rollout").finish <= k.task("base.post-project-evaluation").start
    for gate_id in (
        "mfg.gate-pilot-line",
        "mfg.gate-golden-line",
        "mfg.gate-wave-1",
        "mfg.gate-wave-2",
    ):
        gate = gates[gate_id]
        assert gate.kind in ("phase-gate", "key-node")
        assert len(gate.exit_criteria) >= 2 and gate.signoff, gate_id
        # measurable: exit criteria carry numbers
        assert sum(any(ch.isdigit() for ch in c) for c in gate.exit_criteria) >= 1, gate_id


def test_big_bang_has_no_waves() -> None:
    for systems in SYSTEMS:
        present = {t.id for t in kit(systems, "big-bang", 3).tasks}
        assert not {
            t for t in present if t.startswith("mfg.wave-") or t.startswith("mfg.site-rollout")
        }


# --- migration ---------------------------------------------------------------------


@pytest.mark.parametrize("systems", SYSTEMS)
def test_load_order_respects_every_dependency(systems: tuple[str, ...]) -> None:
    k = kit(systems)
    sequence = {m.id: m.sequence for m in k.migration}
    wave = {m.id: m.wave for m in k.migration}
    assert sorted(sequence.values()) == list(range(1, len(sequence) + 1))
    for obj in k.migration:
        for dep in obj.depends_on:
            assert dep in sequence, (obj.id, dep)
            assert sequence[dep] < sequence[obj.id], (dep, obj.id)
            assert wave[dep] < wave[obj.id], (dep, obj.id)
    pairs = (ERP_ORDER if "ERP" in systems else []) + (MES_ORDER if "MES" in systems else [])
    for first, then in pairs:
        assert sequence[first] < sequence[then], (first, then)


def test_mes_only_objects_never_depend_on_erp_objects() -> None:
    k = kit(("MES",))
    assert all(m.id.startswith("mfg.mes-") for m in k.migration)
    for obj in k.migration:
        assert all(dep.startswith("mfg.mes-") for dep in obj.depends_on), obj.id
    assert k.migration[0].id == "mfg.mes-equipment-hierarchy"


def test_with_erp_the_mes_masters_follow_their_erp_source() -> None:
    sequence = {m.id: m.sequence for m in kit(("ERP", "MES")).migration}
    for erp, mes in (
        ("mfg.erp-material", "mfg.mes-material"),
        ("mfg.erp-bom", "mfg.mes-bom"),
        ("mfg.erp-routing", "mfg.mes-routing"),
        ("mfg.erp-open-production-orders", "mfg.mes-open-work-orders"),
    ):
        assert sequence[erp] < sequence[mes], (erp, mes)


def test_migration_objects_are_complete() -> None:
    k = kit(("ERP", "MES"))
    kinds = {m.kind for m in k.migration}
    assert kinds == {"configuration", "master", "transactional", "balance", "history"}
    genealogy = next(m for m in k.migration if m.id == "mfg.mes-genealogy")
    assert genealogy.kind == "history"
    for obj in k.migration:
        assert obj.owner and obj.signoff and obj.source_system and obj.volume, obj.id
        assert len(obj.fields) >= 6, obj.id
        for field in obj.fields:
            assert field.name and field.technical and field.type, (obj.id, field.technical)
            assert field.mandatory in ("yes", "no", "conditional")
        assert any(f.mandatory == "yes" for f in obj.fields), obj.id
        assert any(f.validation or f.mapping or f.transformation for f in obj.fields), obj.id
        assert obj.mock_1 is not None and obj.dress_rehearsal is not None, obj.id
    balances = [m for m in k.migration if m.kind == "balance"]
    assert {m.reconciliation.method for m in balances} <= {"balance-tie-out", "control-total"}


# --- training ----------------------------------------------------------------------


@pytest.mark.parametrize(("systems", "strategy", "sites"), list(all_kits()))
def test_every_system_audience_gets_three_tiers(
    systems: tuple[str, ...], strategy: str, sites: int
) -> None:
    k = kit(systems, strategy, sites)
    for audience in k.audiences:
        if not audience.uses_system:
            continue
        tiers = {c.tier for c in k.courses if audience.id in c.audiences}
        assert tiers == set(TIERS), (systems, audience.id, tiers)
    for course in k.courses:
        assert course.modules and course.minutes > 0, course.id
        for prerequisite in course.prerequisites:
            assert prerequisite in {c.id for c in k.courses}, (course.id, prerequisite)


def test_shop_floor_courses_are_deep() -> None:
    courses = own("courses")
    floor = {"shop-floor-operator", "shift-supervisor", "production-planner", "quality-inspector", "warehouse-clerk"}  # fmt: skip
    assert floor <= set(own("audiences"))
    for course_id, course in courses.items():
        assert course.objectives or course.tier == "self-support", course_id
        assert course.environment and course.materials and course.assessment, course_id
        assert all(m.method for m in course.modules), course_id
        assert 1 <= course.evaluation_level <= 4
    modes = {c.mode for c in courses.values()}
    assert modes == {"online-recorded", "offline-hands-on", "self-service"}
    # every floor persona's courses fit the audience's hours in the default (ERP + MES) kit
    k = kit(("ERP", "MES"))
    for audience in k.audiences:
        if audience.id in floor:
            minutes = sum(c.minutes for c in k.courses if audience.id in c.audiences)
            assert audience.hours_min * 60 <= minutes <= audience.hours_max * 60, audience.id


# --- depth -------------------------------------------------------------------------


def test_counts_meet_the_required_depth() -> None:
    k = kit(("ERP", "MES"))
    assert len(k.tasks) >= 80
    milestones = {t.id for t in k.tasks if t.milestone} | {g.id for g in k.gates}
    assert len(milestones) >= 10
    assert len(k.risks) >= 30
    assert len(k.migration) >= 15
    assert sum(len(m.fields) for m in k.migration) >= 120
    assert len(k.audiences) >= 6
    assert len(k.courses) >= 15
    # what the pack itself adds on top of base
    assert len(own("tasks")) >= 40
    assert len(own("risks")) >= 18
    assert len(own("migration")) >= 18
    assert len(own("lessons")) >= 8
    assert len(own("gates")) >= 5


def test_risks_are_complete_and_cover_the_review_failure() -> None:
    risks = own("risks")
    for risk_id, risk in risks.items():
        assert risk.trigger and risk.mitigation and risk.contingency, risk_id
    params = ids("risks")["mfg.process-params-unowned"]
    assert params.owner == "business-interface-production"
    assert params.likelihood * params.impact >= 16
    k = kit(("ERP", "MES"))
    assert "mfg.process-params-unowned" in [r.id for r in k.risks[:10]]


# --- manufacturing rules -------------------------------------------------------------


def test_production_owns_process_parameters() -> None:
    k = kit(("MES",))
    setup = k.task("mfg.process-params-setup")
    assert setup.owner == "production-engineer"
    assert dict(setup.effort)["production-engineer"] >= dict(setup.effort)["mes-consultant"]
    gate = next(g for g in k.gates if g.id == "mfg.node-process-params")
    assert "production-engineer" in gate.signoff
    assert gate.date < k.task("base.uat").finish


def test_plc_tags_tested_live_before_the_pilot() -> None:
    k = kit(("MES",))
    live = k.task("mfg.plc-tag-live-test")
    assert live.finish < k.task("mfg.pilot-line-trial").start
    tag_map = next(m for m in k.migration if m.id == "mfg.mes-plc-tag-map")
    assert any("live" in c.lower() for c in tag_map.cleansing)


def test_cutover_freezes_stock_and_can_roll_back_within_an_hour() -> None:
    k = kit(("ERP", "MES"))
    steps = {s.id: s for s in k.cutover}
    assert [s.sequence for s in k.cutover] == list(range(1, len(k.cutover) + 1))
    freeze = steps["mfg.co-stock-freeze"]
    count = steps["mfg.co-physical-count"]
    load = steps["mfg.co-load-stock"]
    no_return = steps["base.co-point-of-no-return"]
    assert freeze.sequence < count.sequence < load.sequence < no_return.sequence
    decision = steps["mfg.co-rollback-decision"]
    assert "hour" in decision.rollback.lower()
    for step in k.cutover:
        assert step.owner and step.backup_owner and step.backup_owner != step.owner, step.id
        assert step.verification, step.id
    # one parallel period close after go-live, before hypercare ends
    close = k.task("mfg.parallel-period-close")
    go_live = k.anchor("go-live")
    assert go_live is not None and go_live < close.start
    assert close.finish <= k.task("base.hypercare-end").finish
    # the physical count happens inside the cutover window, WIP counted with it
    count_task = k.task("mfg.stock-count-freeze")
    assert k.task("base.cutover").start <= count_task.start
    assert count_task.finish < go_live
    assert k.task("mfg.wip-count").start == count_task.start


def test_cutover_runbook_order_and_offsets_rise_together() -> None:
    steps = sorted(ids("cutover").values(), key=lambda s: s.order)
    assert len({s.order for s in steps}) == len(steps)
    offsets = [s.offset_hours for s in steps]
    assert offsets == sorted(offsets)


def test_every_manufacturing_task_leads_to_the_evaluation() -> None:
    tasks = ids("tasks")
    succ: dict[str, set[str]] = {task_id: set() for task_id in tasks}
    for task_id, task in tasks.items():
        for dep in task.after:
            succ[dep.id].add(task_id)
        for later in task.before:
            succ[task_id].add(later)
    for task_id, task in own("tasks").items():
        seen, todo = set(), [task_id]
        while todo:
            for nxt in succ[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert "base.post-project-evaluation" in seen, task_id
        if not task.milestone:
            assert task.effort and task.deliverables, task_id


def test_lessons_are_pitfalls_with_advice() -> None:
    for lesson_id, lesson in own("lessons").items():
        assert lesson.phase and lesson.pitfall and lesson.advice, lesson_id


# --- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_templates_render_in_both_languages(lang: str) -> None:
    k = kit(("ERP", "MES"), "phased", 2, lang)
    files = render_templates(k, collect_templates(list(zip(pack().chain, pack().dirs))))
    paths = {f.path for f in files}
    for expected in (
        "03-realize/pilot-line-exit-criteria.md",
        "03-realize/plc-tag-test-sheet.md",
        "04-deploy/stock-count-freeze-checklist.md",
        "04-deploy/rollback-plan.md",
        "05-run/golden-line-scorecard.md",
        "02-explore/process-parameter-sheet.md",
    ):
        assert expected in paths
    for f in files:
        text = f.data.decode("utf-8")
        assert "{{" not in text and "{%" not in text, f.path
        assert k.project.name in text, f.path
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert has_cjk == (lang == "zh"), f.path

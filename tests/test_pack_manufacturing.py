"""The manufacturing pack (ERP + MES).

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
from typing import Any

import pytest

from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.loader import load_pack
from generator.packs.model import ITEM_SECTIONS, LANGS
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from tests import pack_checks
from tests.pack_checks import PACKS

MFG = PACKS / "manufacturing"

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
    return pack_checks.items_by_id(pack(), section)


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
    pack_checks.assert_validates_strictly(MFG, lang)


def test_small_files_with_the_schema_line() -> None:
    pack_checks.assert_small_files_with_schema_line(MFG, min_files=12)
    pack_checks.assert_extends_base(pack(), "manufacturing", ["ERP", "MES"])


def test_every_text_in_both_languages() -> None:
    texts = list(pack_checks.pack_texts(pack(), pack_checks.own_ids(pack(), "manufacturing")))
    assert texts
    for item, text in texts:
        pack_checks.assert_in_both_languages(text, item.id)
        pack_checks.assert_real_chinese_and_english(text, item.id)


# --- ids ---------------------------------------------------------------------------


def test_ids_do_not_collide_with_base_unless_intended() -> None:
    pack_checks.assert_ids_apart_from_base(
        MFG,
        "mfg.",
        prefixed=PREFIXED,
        overrides=INTENDED_OVERRIDES,
        unique_across_sections=False,  # a role and an audience may share a persona's id
    )
    base = pack_checks.base_pack()
    for section in ITEM_SECTIONS:
        base_ids = set(pack_checks.items_by_id(base, section))
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
    # a phased rollout of several plants repeats the go-live per wave
    assert ("base.go-live@w2" in present) == (strategy == "phased" and sites >= 2)
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
        assert not {t for t in present if t.startswith("mfg.wave-") or "@w" in t}


# --- migration ---------------------------------------------------------------------


@pytest.mark.parametrize("systems", SYSTEMS)
def test_load_order_respects_every_dependency(systems: tuple[str, ...]) -> None:
    k = kit(systems)
    pack_checks.assert_load_order_respects_dependencies(k)
    pairs = (ERP_ORDER if "ERP" in systems else []) + (MES_ORDER if "MES" in systems else [])
    pack_checks.assert_loads_before(k, pairs)


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
    pack_checks.assert_three_tiers_per_system_audience(k, systems)
    pack_checks.assert_courses_well_formed(k)


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
    pack_checks.assert_kit_depth(kit(("ERP", "MES")))
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
    graph = pack_checks.successors(ids("tasks"))
    for task_id, task in own("tasks").items():
        assert "base.post-project-evaluation" in pack_checks.reachable(graph, task_id), task_id
        if not task.milestone:
            assert task.effort and task.deliverables, task_id


def test_lessons_are_pitfalls_with_advice() -> None:
    for lesson_id, lesson in own("lessons").items():
        assert lesson.phase and lesson.pitfall and lesson.advice, lesson_id


# --- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_templates_render_in_both_languages(lang: str) -> None:
    k = kit(("ERP", "MES"), "phased", 2, lang)
    files = pack_checks.render_pack_templates(k, pack())
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
        pack_checks.assert_rendered_text(k, f.data.decode("utf-8"), f.path)

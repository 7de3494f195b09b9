"""The healthcare pack (HIS / EMR).

Checks the pack validates strictly in both languages, that every `hc.` id is new or
an intended override of a base item, that it resolves and schedules for every
systems combination, both go-live strategies, one or two sites and a Chinese or
non-Chinese project, that the derived migration load order respects every
dependency (FHIR order: organisations and locations -> practitioners and roles ->
MPI and patients and coverage -> encounters -> conditions, allergies, orders ->
observations -> reports, procedures -> documents), that every audience using the
system has courses in all three tiers, and that the depth asked for in
docs/dev/ARCHITECTURE.md and PACKS.md is there (tasks, gates, risks, migration objects and
fields, audiences, courses, an 8-hour downtime window in the cutover runbook).
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest

from generator.conditions import Scope, holds
from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.loader import load_pack
from generator.packs.model import LANGS
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from tests import pack_checks
from tests.pack_checks import PACKS

HEALTHCARE = PACKS / "healthcare"

SYSTEMS = [("HIS", "EMR"), ("HIS",), ("EMR",)]
STRATEGIES = ["big-bang", "phased"]
SITES_COUNTRY = [(1, "CN"), (2, "DE")]
COMBOS = list(itertools.product(SYSTEMS, STRATEGIES, SITES_COUNTRY))

# The FHIR-shaped load order PACKS.md asks for: each pair (earlier, later).
FHIR_ORDER = [
    ("hc.organization", "hc.location"),
    ("hc.organization", "hc.practitioner"),
    ("hc.practitioner", "hc.practitioner-role"),
    ("hc.location", "hc.practitioner-role"),
    ("hc.mpi-crosswalk", "hc.patient"),
    ("hc.patient", "hc.coverage"),
    ("hc.coverage", "hc.encounter"),
    ("hc.patient", "hc.encounter"),
    ("hc.practitioner-role", "hc.encounter"),
    ("hc.encounter", "hc.condition"),
    ("hc.encounter", "hc.allergy"),
    ("hc.encounter", "hc.medication-request"),
    ("hc.medication-catalog", "hc.medication-request"),
    ("hc.encounter", "hc.observation"),
    ("hc.observation", "hc.diagnostic-report"),
    ("hc.condition", "hc.procedure"),
    ("hc.diagnostic-report", "hc.document"),
    ("hc.procedure", "hc.document"),
]
PATIENT_LEVEL = [
    "hc.mpi-crosswalk", "hc.patient", "hc.coverage", "hc.appointment", "hc.encounter",
    "hc.condition", "hc.allergy", "hc.medication-request", "hc.observation",
    "hc.diagnostic-report", "hc.procedure", "hc.document", "hc.inpatient-account",
]  # fmt: skip
CJK_GAP = re.compile(r"[\u4e00-\u9fff，。；：、）] +[\u4e00-\u9fff（]")
CLINICAL_AUDIENCES = ["hc.physicians", "hc.nurses", "hc.pharmacists", "hc.medtech"]


# --- helpers -----------------------------------------------------------------------


@cache
def pack() -> ResolvedPack:
    return load_pack(HEALTHCARE)


@cache
def kit(
    systems: tuple[str, ...] = ("HIS", "EMR"),
    strategy: str = "big-bang",
    sites: int = 1,
    country: str = "CN",
    lang: str = "en",
) -> Kit:
    spec = ProjectSpec(
        pack="healthcare",
        client="Renhe Hospital",
        start=date(2027, 3, 1),
        systems=list(systems),
        strategy=strategy,
        sites=sites,
        users=2500,
        country=country,
        lang=lang,
    )
    return build_kit(pack(), spec, generator_version="test")


def combo_kit(combo: tuple[tuple[str, ...], str, tuple[int, str]]) -> Kit:
    systems, strategy, (sites, country) = combo
    return kit(systems, strategy, sites, country)


def combo_id(combo: tuple[tuple[str, ...], str, tuple[int, str]]) -> str:
    systems, strategy, (sites, country) = combo
    return f"{'+'.join(systems)}-{strategy}-{sites}site-{country}"


def ids(section: str) -> dict[str, Any]:
    return pack_checks.items_by_id(pack(), section)


def tasks_only(k: Kit) -> list[Any]:
    return [t for t in k.tasks if t.gate is None]


# --- validation, files, ids --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_validates_strictly_in_both_languages(lang: str) -> None:
    pack_checks.assert_validates_strictly(HEALTHCARE, lang)


def test_small_files_each_with_the_schema_line() -> None:
    pack_checks.assert_small_files_with_schema_line(HEALTHCARE, min_files=12)
    pack_checks.assert_extends_base(pack(), "healthcare", ["HIS", "EMR"])


def test_every_own_text_is_complete_in_both_languages() -> None:
    texts = list(pack_checks.pack_texts(pack(), pack_checks.own_ids(pack(), "healthcare")))
    assert texts
    for item, text in texts:
        pack_checks.assert_in_both_languages(text, item.id)
        # a folded YAML scalar (>-) puts a space at every line break: wrong in Chinese
        assert not CJK_GAP.search(text.zh or ""), (item.id, text.zh)


def test_ids_are_prefixed_and_never_collide_with_base_by_accident() -> None:
    pack_checks.assert_ids_apart_from_base(HEALTHCARE, "hc.")


def test_scoped_items_only_depend_on_items_in_the_same_scope() -> None:
    """A task, gate, course or migration object never points at an item that a narrower
    `when` could drop: checked by building every combination (no dangling reference)."""
    for combo in COMBOS:
        k = combo_kit(combo)
        task_ids = {t.id for t in k.tasks}
        for task in k.tasks:
            for link in task.predecessors:
                assert link.predecessor in task_ids, (combo_id(combo), task.id, link)
        objects = {m.id for m in k.migration}
        for obj in k.migration:
            assert set(obj.depends_on) <= objects, (combo_id(combo), obj.id)
        course_ids = {c.id for c in k.courses}
        audience_ids = {a.id for a in k.audiences}
        for course in k.courses:
            assert set(course.prerequisites) <= course_ids, (combo_id(combo), course.id)
            assert set(course.audiences) <= audience_ids, (combo_id(combo), course.id)


# --- scheduling ----------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_resolves_and_schedules(combo: tuple[tuple[str, ...], str, tuple[int, str]]) -> None:
    k = combo_kit(combo)
    systems, strategy, (sites, country) = combo
    scope = Scope(systems=systems, strategy=strategy, sites=sites, users=2500, country=country)
    by_id = {t.id: t for t in k.tasks}
    for task in k.tasks:
        assert task.start <= task.finish, task.id
        for link in task.predecessors:
            before = by_id[link.predecessor]
            if link.type == "FS" and link.lag >= 0:
                assert task.start >= before.finish, (task.id, link.predecessor)
            if link.type == "SS" and link.lag >= 0:
                assert task.start >= before.start, (task.id, link.predecessor)
    # selection follows the conditions
    selected = {t.id for t in k.tasks}
    for task_id, task in ids("tasks").items():
        assert (task_id in selected) == holds(task.when, scope), task_id
    # a mid-size single-site hospital: 6-12 months to go-live
    go_live = k.task("base.go-live").start
    assert timedelta(days=180) <= go_live - k.project.start <= timedelta(days=365)
    assert k.task("base.post-project-evaluation").finish > go_live


def test_conditional_items_follow_the_answers() -> None:
    cn, de = kit(country="CN"), kit(sites=2, country="DE")
    china_only = {"hc.djbh-grading", "hc.djbh-assessment", "hc.djbh-rectification"}
    assert china_only <= {t.id for t in cn.tasks}
    assert not china_only & {t.id for t in de.tasks}
    assert "hc.gate-security-grading" in {g.id for g in cn.gates}
    assert "hc.gate-security-grading" not in {g.id for g in de.gates}
    assert "hc.second-site-go-live" in {t.id for t in de.tasks}
    assert "hc.second-site-go-live" not in {t.id for t in cn.tasks}
    phased = {t.id for t in kit(strategy="phased").tasks}
    assert {"hc.wave-2-go-live", "hc.wave-3-go-live"} <= phased
    assert "hc.wave-2-go-live" not in {t.id for t in cn.tasks}
    emr_only = {t.id for t in kit(systems=("EMR",)).tasks}
    his_only = {t.id for t in kit(systems=("HIS",)).tasks}
    assert "hc.emr-template-build" in emr_only and "hc.emr-template-build" not in his_only
    assert "hc.his-configuration" in his_only and "hc.his-configuration" not in emr_only
    assert "hc.registration-billing" not in {a.id for a in kit(systems=("EMR",)).audiences}


def test_mpi_clean_before_the_first_mock_load() -> None:
    k = kit()
    assert k.task("hc.mpi-duplicate-resolution").finish <= k.task("base.mock-load-1").start
    assert k.task("hc.mpi-clean").finish <= k.task("base.mock-load-1").start
    gate = next(g for g in k.gates if g.id == "hc.gate-mpi")
    assert gate.kind == "key-node" and gate.key_node == "migration"
    assert "hc.medical-records-lead" in gate.signoff


def test_interfaces_tested_before_uat() -> None:
    k = kit()
    uat = k.task("base.uat").start
    for task_id in (
        "hc.interface-test-adt",
        "hc.interface-test-lis",
        "hc.interface-test-pacs",
        "hc.interface-test-pharmacy",
        "hc.interface-test-billing-insurance",
        "hc.integrated-clinical-scenarios",
    ):
        assert k.task(task_id).finish <= uat, task_id
    assert k.task("hc.interface-specification").finish <= k.task("base.interface-build").start


def test_clinical_safety_sign_off_gates_go_live() -> None:
    k = kit()
    signoff = k.task("hc.clinical-safety-signoff")
    assert signoff.milestone
    assert signoff.finish <= k.task("base.go-no-go").start <= k.task("base.go-live").start
    gate = next(g for g in k.gates if g.id == "hc.gate-clinical-safety")
    assert "hc.clinical-safety-officer" in gate.signoff and "hc.cmio" in gate.signoff
    assert gate.date <= k.task("base.go-live").start
    for drill in ("hc.downtime-drill-tabletop", "hc.downtime-drill-live"):
        assert k.task(drill).finish <= signoff.finish, drill
    assert k.task("hc.training-environment").finish <= k.task("base.end-user-training").start


def test_privacy_and_security_encoded() -> None:
    tasks = ids("tasks")
    for task_id in (
        "hc.privacy-impact-assessment",
        "hc.data-residency-review",
        "hc.deidentified-test-data",
        "hc.access-logging-build",
        "hc.access-log-review",
    ):
        assert task_id in tasks and tasks[task_id].when is None, task_id
    for task_id in ("hc.djbh-grading", "hc.djbh-assessment", "hc.djbh-rectification"):
        assert tasks[task_id].when is not None and tasks[task_id].when.country == ["CN"]


# --- migration -----------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_derived_load_order_respects_every_dependency(
    combo: tuple[tuple[str, ...], str, tuple[int, str]],
) -> None:
    k = combo_kit(combo)
    pack_checks.assert_load_order_respects_dependencies(k)
    pack_checks.assert_loads_before(k, FHIR_ORDER, skip_absent=True)


def test_migration_objects_are_detailed() -> None:
    k = kit()
    objects = [m for m in k.migration if m.id.startswith("hc.")]
    assert len(objects) >= 15
    assert sum(len(m.fields) for m in objects) >= 120
    for obj in objects:
        assert len(obj.fields) >= 5, obj.id
        assert obj.source_system and obj.target and obj.volume, obj.id
        assert obj.owner and obj.signoff, obj.id
        assert obj.mock_1 and obj.mock_2 and obj.dress_rehearsal, obj.id
        for field in obj.fields:
            assert field.name and field.technical and field.type, (obj.id, field.technical)
        # every object says what is mandatory and how a value is checked or mapped
        assert any(f.mandatory == "yes" for f in obj.fields), obj.id
        assert any(f.validation or f.mapping or f.transformation for f in obj.fields), obj.id
    kinds = {m.kind for m in objects}
    assert {"configuration", "master", "transactional", "history", "balance"} <= kinds
    mandatory = {f.mandatory for m in objects for f in m.fields}
    assert mandatory == {"yes", "no", "conditional"}
    assert any(f.decimals for m in objects for f in m.fields)
    assert any(f.default for m in objects for f in m.fields)


def test_sensitive_objects_marked() -> None:
    objects = ids("migration")
    for object_id in PATIENT_LEVEL:
        assert objects[object_id].sensitive, object_id
    assert not objects["hc.organization"].sensitive
    # duplicate resolution comes first: the patient load waits for the crosswalk
    assert "hc.mpi-crosswalk" in objects["hc.patient"].depends_on


# --- training ------------------------------------------------------------------------


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_every_system_using_audience_has_all_three_tiers(
    combo: tuple[tuple[str, ...], str, tuple[int, str]],
) -> None:
    k = combo_kit(combo)
    pack_checks.assert_three_tiers_per_system_audience(k, combo_id(combo))
    pack_checks.assert_courses_well_formed(k)


def test_courses_are_complete() -> None:
    k = kit()
    courses = [c for c in k.courses if c.id.startswith("hc.")]
    assert len(courses) >= 15
    modes = {c.mode for c in courses}
    assert modes == {"online-recorded", "offline-hands-on", "self-service"}
    for course in courses:
        assert course.code and course.title and course.modules, course.id
        assert all(m.minutes >= 5 and m.method for m in course.modules), course.id
        assert course.environment and course.materials and course.assessment, course.id
        assert 0 < course.pass_mark <= 100 and 1 <= course.evaluation_level <= 4
        if course.tier == "advanced":
            assert course.prerequisites, course.id
    for audience_id in CLINICAL_AUDIENCES:
        hands_on = [
            c for c in courses if audience_id in c.audiences and c.mode == "offline-hands-on"
        ]
        assert hands_on, audience_id
        assert all("de-identified" in c.environment for c in hands_on), audience_id
    # clinician training by shift: night sessions are planned
    night = [
        c
        for c in courses
        if any("22:30" in m.method or "night" in m.topic.lower() for m in c.modules)
    ]
    assert len(night) >= 2
    assert "night" in k.task("hc.shift-based-training").name.lower()


def test_audiences_are_hospital_personas() -> None:
    k = kit()
    audience_ids = {a.id for a in k.audiences}
    assert {
        "hc.physicians",
        "hc.nurses",
        "hc.pharmacists",
        "hc.registration-billing",
    } <= audience_ids
    assert {"hc.medtech", "hc.medical-records"} <= audience_ids
    assert len(audience_ids) >= 6
    shares = sum(located.item.share for located in pack().audiences)
    assert abs(shares - 1) < 0.01
    for audience in k.audiences:
        assert 0 < audience.hours_min <= audience.hours_max, audience.id


# --- cutover and downtime --------------------------------------------------------------


def test_cutover_runbook_has_an_eight_hour_downtime_window() -> None:
    steps = sorted((located.item for located in pack().cutover), key=lambda s: s.order)
    assert len({s.order for s in steps}) == len(steps)
    offsets = [s.offset_hours for s in steps]
    assert offsets == sorted(offsets)
    for step in steps:
        assert step.backup_owner and step.backup_owner != step.owner, step.id
        assert (step.verification and step.rollback) or step.id.startswith("base."), step.id
    by_id = {s.id: s for s in steps}
    freeze, end = by_id["hc.co-adt-freeze"], by_id["hc.co-downtime-end"]
    assert end.offset_hours - freeze.offset_hours >= 8
    assert freeze.hours >= 8
    census = by_id["hc.co-census-reconciliation"]
    assert by_id["base.co-load-balances"].offset_hours < census.offset_hours < end.offset_hours
    assert by_id["hc.co-census-print"].offset_hours <= by_id["base.co-final-extract"].offset_hours
    assert by_id["hc.co-order-verification"].offset_hours < end.offset_hours
    k = kit()
    assert len(k.cutover) == len(steps)
    assert all(step.planned for step in k.cutover)


def test_downtime_and_lessons_are_encoded() -> None:
    tasks = ids("tasks")
    assert "8" in tasks["hc.downtime-strategy"].description.en
    assert "8-hour" in tasks["hc.downtime-drill-live"].name.en
    kinds = {s.kind for s in ids("support").values()}
    assert {"hypercare-desk", "quick-reference"} <= kinds
    lessons = [lesson for lesson in ids("lessons") if lesson.startswith("hc.")]
    assert len(lessons) >= 8
    risks = ids("risks")
    for risk_id, risk in risks.items():
        if risk_id.startswith("hc."):
            assert risk.trigger and risk.mitigation and risk.contingency, risk_id
    stakeholders = [s for s in ids("stakeholders").values() if s.interface_person]
    assert len(stakeholders) >= 4


# --- depth ---------------------------------------------------------------------------


def test_counts_meet_the_minimums() -> None:
    k = kit()  # default scope: HIS + EMR, big-bang, one site, China
    pack_checks.assert_kit_depth(k)
    plain_tasks = tasks_only(k)
    own_tasks = [t for t in plain_tasks if t.id.startswith("hc.")]
    assert len(own_tasks) >= 40
    assert len([g for g in k.gates if g.id.startswith("hc.")]) >= 5
    assert len([r for r in k.risks if r.id.startswith("hc.")]) >= 18
    assert len(k.cutover) >= 20
    assert len([lesson for lesson in k.lessons if lesson.id.startswith("hc.")]) >= 8


# --- templates -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("country", ["CN", "DE"])
def test_templates_render_in_both_languages(lang: str, country: str) -> None:
    k = kit(country=country, lang=lang)
    files = pack_checks.render_pack_templates(k, pack())
    paths = {f.path for f in files}
    expected = {
        "04-deploy/downtime-procedure.md",
        "04-deploy/clinical-safety-case.md",
        "04-deploy/census-reconciliation.md",
        "03-realize/interface-test-log.md",
        "01-prepare/djbh-checklist.md",
    }
    assert expected <= paths
    for f in files:
        if f.source.pack != "healthcare":
            continue
        # the English DJBH checklist quotes the Chinese standard's names: no reverse CJK check
        pack_checks.assert_rendered_text(
            k, f.data.decode("utf-8"), f.path, names=k.project.client, cjk_only_in_zh=False
        )
    downtime = next(f for f in files if f.path == "04-deploy/downtime-procedure.md")
    assert ("8小时" if lang == "zh" else "8 hours") in downtime.data.decode("utf-8")

"""The education pack (SIS / LMS): OneRoster-shaped roster migration, holiday cutover.

Checks the pack validates strictly in both languages, that its ids neither collide
with base nor override base by accident, that it resolves and schedules for every
combination of systems and both go-live strategies, that the derived migration load
order respects every dependency, that every audience using the systems has courses in
all three tiers, that the depth the product brief asks for is there, and that the
education-specific rules are encoded: three roster rehearsals, go-live aligned with
term start after a term-calendar check, guardian consent and a disclosure log (PIPL
only in China), day-one enrolment accuracy as a measurable exit criterion, teacher
and student training waves.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest

from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.loader import load_pack
from generator.packs.model import ITEM_SECTIONS, LANGS, LocalizedText
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from tests import pack_checks
from tests.pack_checks import PACKS

EDU = PACKS / "education"

SYSTEM_SETS = [("SIS", "LMS"), ("SIS",), ("LMS",)]
STRATEGIES = ["big-bang", "phased"]
START = date(2027, 3, 1)

# OneRoster chain: (object, what it must load after).
ROSTER_DEPENDENCIES = {
    "edu.academic-sessions": {"edu.orgs"},
    "edu.courses": {"edu.orgs", "edu.academic-sessions"},
    "edu.classes": {"edu.courses", "edu.academic-sessions"},
    "edu.users": {"edu.orgs"},
    "edu.enrollments": {"edu.classes", "edu.users"},
    "edu.demographics": {"edu.users"},
    "edu.grading-categories": {"edu.classes"},
    "edu.line-items": {"edu.classes", "edu.grading-categories"},
    "edu.results": {"edu.line-items", "edu.users", "edu.enrollments"},
}
SENSITIVE = {
    "edu.users",
    "edu.guardian-relations",
    "edu.enrollments",
    "edu.demographics",
    "edu.results",
    "edu.fee-balances",
    "edu.transcripts",
    "edu.status-history",
}
TEMPLATES = [
    "01-prepare/guardian-consent-form.md",
    "03-realize/roster-dress-rehearsal-log.md",
    "03-realize/disclosure-log.md",
    "04-deploy/term-calendar-cutover-checklist.md",
    "05-run/day-one-enrolment-report.md",
]


@cache
def pack() -> ResolvedPack:
    return load_pack(EDU)


@cache
def kit(
    systems: tuple[str, ...] = ("SIS", "LMS"),
    strategy: str = "big-bang",
    lang: str = "en",
    country: str = "CN",
    sites: int = 1,
) -> Kit:
    spec = ProjectSpec(
        pack="education",
        client="Demo School Group",
        start=START,
        systems=list(systems),
        strategy=strategy,
        lang=lang,
        country=country,
        sites=sites,
        users=12000,
    )
    return build_kit(pack(), spec.resolved(pack()), generator_version="test")


def ids(section: str) -> dict[str, Any]:
    return pack_checks.items_by_id(pack(), section)


# --- validation, files, ids --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_validates_strictly_in_both_languages(lang: str) -> None:
    pack_checks.assert_validates_strictly(EDU, lang)


def test_small_files_with_the_schema_line_and_one_pack_file() -> None:
    pack_checks.assert_small_files_with_schema_line(EDU, min_files=10)
    pack_checks.assert_extends_base(pack(), "education", ["SIS", "LMS"])


def test_edu_ids_are_prefixed_and_never_collide_with_base() -> None:
    pack_checks.assert_ids_apart_from_base(EDU, "edu.")


def test_every_localized_text_has_both_languages_and_real_chinese() -> None:
    own = pack_checks.own_ids(pack(), "education")
    texts = list(pack_checks.pack_texts(pack(), own))
    assert texts
    for item, text in texts:
        pack_checks.assert_in_both_languages(text, item.id)
    for section in ITEM_SECTIONS:
        for located in getattr(pack(), section):
            if located.item.id not in own:
                continue
            title = getattr(located.item, "name", None) or getattr(located.item, "title", None)
            if isinstance(title, LocalizedText):
                pack_checks.assert_real_chinese_and_english(title, located.item.id)


# --- resolving and scheduling for every scope --------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("systems", SYSTEM_SETS)
def test_resolves_and_schedules_for_every_scope(systems: tuple[str, ...], strategy: str) -> None:
    k = kit(systems, strategy)
    assert k.project.systems == systems
    task_ids = {t.id for t in k.tasks}
    go_live = k.task("base.go-live").start
    assert k.project.go_live == go_live
    for task in k.tasks:
        assert task.start <= task.finish, task.id
        for link in task.predecessors:
            assert link.predecessor in task_ids, (task.id, link.predecessor)
    # Scope selection: system-specific items come and go with the systems.
    sis_only = {"edu.configure-timetabling", "edu.configure-fees", "edu.fee-ledger-cutoff"}
    lms_only = {"edu.configure-lms-template", "edu.lms-content-migration"}
    assert (sis_only <= task_ids) == ("SIS" in systems)
    assert bool(sis_only & task_ids) == ("SIS" in systems)
    assert (lms_only <= task_ids) == ("LMS" in systems)
    assert bool(lms_only & task_ids) == ("LMS" in systems)
    assert ("edu.campus-wave-2" in task_ids) == (strategy == "phased")
    mig = {m.id for m in k.migration}
    assert ("edu.fee-balances" in mig) == ("SIS" in systems)
    assert ("edu.question-banks" in mig) == ("LMS" in systems)
    # The roster core is needed whatever the systems.
    assert set(ROSTER_DEPENDENCIES) - {"edu.demographics"} <= mig


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("systems", SYSTEM_SETS)
def test_derived_load_order_respects_every_dependency(
    systems: tuple[str, ...], strategy: str
) -> None:
    k = kit(systems, strategy)
    pack_checks.assert_load_order_respects_dependencies(k)


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("systems", SYSTEM_SETS)
def test_every_system_audience_has_all_three_tiers(systems: tuple[str, ...], strategy: str) -> None:
    k = kit(systems, strategy)
    pack_checks.assert_three_tiers_per_system_audience(k, (systems, strategy))
    pack_checks.assert_courses_well_formed(k)


def test_country_specific_items() -> None:
    cn = {t.id for t in kit(country="CN").tasks}
    us = {t.id for t in kit(country="US").tasks}
    assert "edu.pipl-minors-assessment" in cn and "edu.pipl-minors-assessment" not in us
    assert "edu.ferpa-disclosure-policy" in us and "edu.ferpa-disclosure-policy" not in cn
    assert "edu.pipl-minors" in {r.id for r in kit(country="CN").risks}
    assert "edu.pipl-minors" not in {r.id for r in kit(country="US").risks}
    assert "edu.campus-readiness-check" in {t.id for t in kit(sites=3).tasks}
    assert "edu.campus-readiness-check" not in {t.id for t in kit(sites=1).tasks}
    many = {r.id for r in kit(sites=3).risks}
    assert "edu.cross-campus-students" in many
    assert "edu.cross-campus-students" not in {r.id for r in kit(sites=1).risks}


# --- depth -------------------------------------------------------------------------


def test_counts_meet_the_minimums() -> None:
    k = kit()
    pack_checks.assert_kit_depth(k)
    assert sum(1 for t in k.tasks if t.source.pack == "education") >= 40
    assert sum(1 for r in k.risks if r.source.pack == "education") >= 18
    assert sum(1 for c in k.courses if c.source.pack == "education") >= 15
    assert len(ids("lessons")) >= 15
    for phased in STRATEGIES:
        for systems in SYSTEM_SETS:
            assert len(kit(systems, phased).tasks) >= 80, (systems, phased)


def test_migration_objects_are_complete() -> None:
    objects = ids("migration")
    edu = {i: o for i, o in objects.items() if i.startswith("edu.")}
    assert 17 <= len(edu) <= 20
    assert {"edu.programmes", "edu.fee-items", "edu.transcripts"} <= set(edu)
    assert edu["edu.transcripts"].kind == "history"
    for obj_id, deps in ROSTER_DEPENDENCIES.items():
        assert deps <= set(edu[obj_id].depends_on), obj_id
    for obj_id in SENSITIVE:
        assert edu[obj_id].sensitive, obj_id
    for obj in edu.values():
        assert 7 <= len(obj.fields) <= 12, obj.id
        assert obj.reconciliation.method and obj.owner and obj.signoff, obj.id
        assert obj.volume and obj.source.system, obj.id
        technical = [f.technical for f in obj.fields]
        assert len(set(technical)) == len(technical), obj.id
        assert any(f.mandatory == "yes" for f in obj.fields), obj.id
        for field in obj.fields:
            assert field.name.en and field.name.zh and field.type, (obj.id, field.technical)
            if field.type in ("number", "amount", "quantity"):
                assert field.decimals is not None, (obj.id, field.technical)
            if field.type in ("text", "code"):
                assert field.length, (obj.id, field.technical)
    kinds = {f.mandatory for o in edu.values() for f in o.fields}
    assert kinds == {"yes", "no", "conditional"}
    rules = [
        f for o in edu.values() for f in o.fields if f.mapping or f.transformation or f.validation
    ]
    assert len(rules) >= 100


def test_courses_are_complete() -> None:
    for course in ids("courses").values():
        if not course.id.startswith("edu."):
            continue
        assert course.objectives and course.environment and course.assessment, course.id
        assert course.modules, course.id
        for module in course.modules:
            assert module.minutes >= 5 and module.method, (course.id, module.topic)
        assert 1 <= course.evaluation_level <= 4
    audiences = ids("audiences")
    for audience_id in ("edu.teachers", "edu.students", "edu.registrar-staff", "edu.guardians"):
        assert audience_id in audiences


def test_duration_is_realistic() -> None:
    k = kit()
    go_live = k.task("base.go-live").start
    # the go-live waits for the next term start: up to half a year more
    assert timedelta(days=150) <= go_live - k.project.start <= timedelta(days=330 + 183)
    assert k.project.finish - k.project.start <= timedelta(days=365 + 183)
    terms = [go_live.replace(month=2, day=24), go_live.replace(month=9, day=1)]
    assert any(timedelta(days=1) <= term - go_live <= timedelta(days=4) for term in terms)
    assert any("term" in push.reason for push in k.pushes)


# --- education rules ---------------------------------------------------------------


def test_three_roster_rehearsals_before_cutover() -> None:
    k = kit()
    first, second, final = (
        k.task("edu.roster-rehearsal-1"),
        k.task("edu.roster-rehearsal-2"),
        k.task("base.dress-rehearsal"),
    )
    assert k.task("base.mock-load-2").finish < first.start
    assert first.finish < second.start
    assert second.finish < final.start
    assert final.finish < k.task("base.cutover").start
    gate = next(g for g in k.gates if g.id == "edu.gate-roster-rehearsals")
    assert gate.key_node == "migration" and gate.exit_criteria and gate.signoff
    assert gate.date >= final.finish
    assert k.anchor("dress-rehearsal") == final.start
    for obj in k.migration:
        assert obj.mock_1 and obj.mock_2 and obj.dress_rehearsal, obj.id


def test_go_live_aligned_with_term_start_after_calendar_check() -> None:
    k = kit()
    check = k.task("edu.term-calendar-check")
    freeze = k.task("edu.roster-freeze")
    assert check.finish <= k.task("base.go-no-go").start
    assert freeze.milestone and freeze.finish <= k.task("base.cutover").start
    assert k.task("edu.legacy-grade-close").finish <= k.task("base.cutover").start
    gate = next(g for g in k.gates if g.id == "edu.gate-cutover-readiness")
    criteria = " ".join(gate.exit_criteria)
    assert "Term calendar checked" in criteria
    for deadline in ("registration", "grade-entry", "fee"):
        assert deadline in criteria, deadline
    assert "sponsor" in gate.signoff and "edu.registrar" in gate.signoff
    zh = next(g for g in kit(lang="zh").gates if g.id == "edu.gate-cutover-readiness")
    assert any("校历已核对" in c for c in zh.exit_criteria)
    window = k.task("edu.go-live-window-agreed")
    assert window.milestone and window.phase == "prepare"


def test_day_one_enrolment_accuracy_is_measured() -> None:
    k = kit()
    gate = next(g for g in k.gates if g.id == "edu.gate-day-one")
    assert any("99.5%" in c for c in gate.exit_criteria)
    check = k.task("edu.day-one-enrolment-check")
    assert check.start > k.task("base.go-live").start - timedelta(days=1)
    steps = {s.id: s for s in k.cutover}
    assert "edu.co-day-one-check" in steps and "99.5%" in steps["edu.co-day-one-check"].verification


def test_guardian_consent_and_disclosure_log() -> None:
    k = kit()
    assert k.task("edu.guardian-consent-campaign").finish < k.task("base.cutover").start
    assert k.task("edu.consent-coverage-reached").finish <= k.task("base.go-no-go").start
    assert k.task("edu.build-disclosure-log").finish < k.task("base.uat").start
    risk_ids = {r.id for r in k.risks}
    assert {"edu.consent-gaps", "edu.undisclosed-sharing", "edu.test-data-real-minors"} <= risk_ids
    # PIPL is Chinese law: only CN projects get it.
    for section in ("tasks", "risks"):
        for item in ids(section).values():
            text = f"{item.id} {getattr(item, 'name', None) or getattr(item, 'title', '')}"
            if "pipl" in text.lower():
                assert item.when is not None and item.when.country == ["CN"], item.id


def test_teacher_and_student_training_waves() -> None:
    k = kit()
    uat = k.task("base.uat")
    wave1 = k.task("edu.teacher-training-wave-1")
    wave2 = k.task("edu.teacher-training-wave-2")
    assert wave1.start < uat.start, "seed teachers trained before UAT"
    assert wave1.finish < wave2.start
    assert wave2.finish <= k.task("base.go-no-go").start
    assert k.task("edu.student-training-wave-1").finish < k.task("base.go-live").start
    assert k.task("edu.student-training-wave-2").start > k.task("base.go-live").start
    for task_id in ("edu.teacher-training-wave-1", "edu.teacher-training-wave-2"):
        assert k.task(task_id).key_node == "training"


def test_cutover_runbook() -> None:
    steps = kit().cutover
    assert len(steps) >= 20
    assert [s.sequence for s in steps] == list(range(1, len(steps) + 1))
    orders = sorted(ids("cutover").values(), key=lambda s: s.order)
    assert len({s.order for s in orders}) == len(orders)
    offsets = [s.offset_hours for s in orders]
    assert offsets == sorted(offsets)
    for step in steps:
        assert step.owner and step.backup_owner and step.backup_owner != step.owner, step.id
        assert step.verification, step.id
    names = " ".join(s.name for s in steps)
    assert "Roster freeze" in names and "Day-one enrolment check" in names
    assert "base.co-load-open-orders" not in {s.id for s in steps}
    lms_only = {s.id for s in kit(("LMS",)).cutover}
    assert "edu.co-fee-cutoff" not in lms_only


def test_removed_base_stakeholders_stay_removed() -> None:
    stakeholders = {s.id for s in kit().stakeholders}
    assert "base.sh-sales-head" not in stakeholders
    assert {"edu.sh-dean-academic", "edu.sh-parents", "edu.sh-dpo"} <= stakeholders
    assert any(s.interface_person for s in kit().stakeholders)


# --- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("country", ["CN", "US"])
@pytest.mark.parametrize("lang", LANGS)
def test_templates_render_in_both_languages(lang: str, country: str) -> None:
    k = kit(lang=lang, country=country, strategy="phased")
    files = pack_checks.render_pack_templates(k, pack())
    by_path = {f.path: f.data.decode("utf-8") for f in files}
    for path in TEMPLATES:
        assert path in by_path, path
        pack_checks.assert_rendered_text(k, by_path[path], path)
    consent = by_path["01-prepare/guardian-consent-form.md"]
    pipl = "个人信息保护法" in consent
    assert pipl == (lang == "zh" and country == "CN")

"""The planning rules on the real packs: gates that gate, no phantom days, waves,
blackouts, sizing. Property tests build kits over random answers."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec
from generator.workspace.load import loaded_pack
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
    return loaded_pack(name, None)


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


# --- waves ---------------------------------------------------------------------------


def test_five_plants_phased_make_a_pilot_and_two_waves() -> None:
    kit = build("manufacturing", strategy="phased", sites=5, users=2000)
    assert [(w.name, w.sites, w.users) for w in kit.waves] == [
        ("Pilot", ("Plant 1",), 400),
        ("Wave 2", ("Plant 2", "Plant 3"), 800),
        ("Wave 3", ("Plant 4", "Plant 5"), 800),
    ]
    lives = [w.go_live for w in kit.waves]
    assert all(lives) and lives == sorted(lives) and len(set(lives)) == 3
    assert kit.project.go_live == lives[0]
    # each wave's copy has a stable id, its wave number and the wave in its name
    live2 = kit.task("base.go-live@w2")
    assert live2.wave == 2 and "Wave 2 (Plant 2, Plant 3)" in live2.name
    assert kit.task("base.go-live").wave == 1
    # the next wave starts preparing after the previous wave has run 10 working days
    training2 = kit.task("base.end-user-training@w2")
    assert training2.start > kit.task("base.go-live").finish
    # the project closes after the last wave's hypercare
    assert kit.task("base.final-acceptance").start > kit.task("base.hypercare-end@w3").finish
    # the runbook repeats per wave, each timed from its own go-live
    steps = [s for s in kit.cutover if s.wave == 3]
    assert steps and all(s.id.endswith("@w3") for s in steps)
    assert max(s.planned_date for s in steps if s.planned_date) >= lives[2]  # type: ignore[type-var]
    assert [s.sequence for s in kit.cutover] == list(range(1, len(kit.cutover) + 1))


def test_waves_from_project_yaml_name_the_sites() -> None:
    kit = build(
        "manufacturing",
        strategy="phased",
        users=900,
        waves=[{"name": "Suzhou pilot", "sites": ["Suzhou"]}, {"sites": ["Wuxi", "Ningbo"]}],
    )
    assert [w.sites for w in kit.waves] == [("Suzhou",), ("Wuxi", "Ningbo")]
    assert [w.users for w in kit.waves] == [300, 600]
    assert "Suzhou pilot (Suzhou)" in kit.task("base.go-live").name


def test_big_bang_copies_nothing() -> None:
    kit = build("manufacturing", strategy="big-bang", sites=5)
    assert len(kit.waves) == 1 and not any("@w" in t.id for t in kit.tasks)
    assert kit.waves[0].go_live == kit.project.go_live


def test_waves_that_disagree_with_the_answers_are_refused() -> None:
    import pytest

    from generator.errors import InputError

    with pytest.raises(InputError, match="strategy: phased"):
        build("base", waves=[{"sites": ["A"]}, {"sites": ["B"]}])
    with pytest.raises(InputError, match="sites is 4"):
        build("base", strategy="phased", sites=4, waves=[{"sites": ["A"]}, {"sites": ["B"]}])


# --- blackouts and go-live rules -------------------------------------------------------


def test_go_live_pushed_past_a_project_blackout_with_its_training() -> None:
    plain = build("base")
    live = plain.project.go_live
    assert live is not None
    window = {
        "name": "Audit",
        "start": live - 5 * date.resolution,
        "end": live + 3 * date.resolution,
    }
    kit = build("base", blackouts=[window])
    assert kit.project.go_live is not None and kit.project.go_live > window["end"]
    assert kit.pushes and "Audit" in kit.pushes[0].reason
    cutover = kit.task("base.cutover")
    assert cutover.start > window["end"]
    # the users are still trained right before their go-live
    assert (kit.project.go_live - kit.task("base.end-user-training").finish).days < 21


def test_not_before_and_month_start() -> None:
    kit = build("base", go_live={"not_before": date(2027, 3, 10), "align": "month-start"})
    live = kit.project.go_live
    assert live is not None and live >= date(2027, 3, 10) and live.day <= 3
    assert any("month" in p.reason for p in kit.pushes)


def test_a_wave_go_live_never_in_a_blackout_over_random_answers() -> None:
    @settings(max_examples=15, deadline=None)
    @given(answers())
    def check(case: tuple[str, dict[str, Any]]) -> None:
        name, given_answers = case
        kit = build(name, **given_answers)
        for wave in kit.waves:
            for w in kit.blackouts:
                assert not (w.start <= wave.go_live <= w.end), (wave, w)  # type: ignore[operator]
        for t in kit.tasks:
            if t.anchor in ("go-live", "cutover"):
                for w in kit.blackouts:
                    assert t.finish < w.start or t.start > w.end, (t.id, w)

    check()


# --- sizing ----------------------------------------------------------------------------


def effort(kit: Kit) -> float:
    return sum(t.effort_days for t in kit.tasks)


def test_users_and_sites_change_effort_training_and_hypercare() -> None:
    small = build("manufacturing", users=100)
    large = build("manufacturing", users=2000)
    assert effort(large) > effort(small) * 1.05
    assert kit_days(large, "base.hypercare") > kit_days(small, "base.hypercare")
    assert len(large.sessions) > len(small.sessions)
    assert any(s.task_id == "base.hypercare" and s.driver == "users" for s in large.scaled)
    one = build("manufacturing", users=2000, strategy="phased", sites=1)
    five = build("manufacturing", users=2000, strategy="phased", sites=5)
    assert effort(five) > effort(one) * 1.2
    assert five.project.finish > one.project.finish


def kit_days(kit: Kit, task_id: str) -> int:
    return kit.task(task_id).duration


# --- timetable -----------------------------------------------------------------------------


def _minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def assert_timetable(kit: Kit) -> None:
    """Trainer-grade rules every kit's timetable keeps."""
    sessions = kit.sessions
    if not sessions:
        return
    audience_stage = {
        a.item.id: a.item.stage for a in pack(kit.pack.id).audiences
    }  # the pack defines the stages
    stage = {s.id: audience_stage.get(s.audience, "end-users") for s in sessions}
    end_user = [s for s in sessions if stage[s.id] == "end-users"]
    ttt = [s for s in sessions if stage[s.id] == "train-the-trainer"]
    key = [s for s in sessions if stage[s.id] == "key-users"]
    if ttt and end_user:
        assert max(s.last_day or s.day for s in ttt) < min(s.day for s in end_user)
    uat = [t for t in kit.tasks if t.anchor == "uat"]
    if uat and key:
        assert max(s.last_day or s.day for s in key) < uat[0].start
    signoff = [t for t in kit.tasks if t.id == "base.uat-signoff"]
    if signoff and end_user:
        assert min(s.day for s in end_user) > signoff[0].finish
    for wave in kit.waves:
        mine = [s for s in end_user if s.wave == wave.number]
        if mine and wave.go_live:
            assert max(s.last_day or s.day for s in mine) < wave.go_live, wave.name
            assert {s.site for s in mine} <= set(wave.sites)
    # prerequisites first, for the same audience at the same wave and site
    prereqs = {c.id: c.prerequisites for c in kit.courses}
    first_done: dict[tuple[str, str, int, str], Any] = {}
    for s in sessions:
        k = (s.course, s.audience, s.wave, s.site)
        done = s.last_day or s.day
        first_done[k] = min(first_done.get(k, done), done)
    for s in sessions:
        for p in prereqs[s.course]:
            k = (p, s.audience, s.wave, s.site)
            if k in first_done:
                assert s.day > first_done[k], (s.id, p)
    # rooms and trainers never double-booked; sessions fit their slot
    rooms: dict[tuple[Any, str, str], set[str]] = {}
    trainers: dict[tuple[Any, str], set[str]] = {}
    for s in sessions:
        assert _minutes(s.end_time) > _minutes(s.start_time), s
        if s.last_day is None:
            assert (s.day, s.start_time, s.location) not in {
                (x.day, x.start_time, x.location)
                for x in sessions
                if x is not s
                and x.location != s.location.replace(s.location, "")
                and x.mode != "online-recorded"
                and s.mode != "online-recorded"
                and x.last_day is None
            }, s.id
        slot = (s.day, s.start_time)
        assert s.trainer not in trainers.setdefault(slot, set()), s.id
        trainers[slot].add(s.trainer)
        rooms.setdefault((s.day, s.start_time, s.site), set()).add(s.location)
    # numbered per course, audience and wave in date order (the id keeps the team's
    # records with that audience's classes when another audience's head count changes)
    by_group: dict[str, list[Any]] = {}
    for s in sessions:
        by_group.setdefault(s.id.rsplit("-", 1)[0], []).append(s)
    for group, mine in by_group.items():
        course, rest = group.split("#", 1)
        assert {(s.course, s.audience) for s in mine} == {(course, rest.split("@")[0])}
        mine.sort(key=lambda s: int(s.id.rsplit("-", 1)[1]))
        assert [s.id for s in mine] == [f"{group}-{n}" for n in range(1, len(mine) + 1)]
        days = [(s.day, s.start_time) for s in mine]
        assert days == sorted(days), group


def assert_sessions_cover_their_courses(kit: Kit) -> None:
    """Every session's times, on each of its days, hold at least its course's minutes
    (breaks between the pack's slots do not count) and end after they start."""
    from generator.planning.timetable import DAY_SHIFT_SLOTS

    shifts = pack(kit.pack.id).meta.rollout.shifts
    slots = [(_minutes(a), _minutes(b)) for x in shifts for a, b in x.slots] or [
        (_minutes(a), _minutes(b)) for a, b in DAY_SHIFT_SLOTS
    ]
    minutes = {c.id: round(c.hours * 60) for c in kit.courses}
    cal = kit.calendar
    makeup = {d.day for d in cal.workdays}
    off = {d.day for d in cal.holidays}
    for s in kit.sessions:
        start, end = _minutes(s.start_time), _minutes(s.end_time)
        assert end > start, (s.id, s.start_time, s.end_time)
        taught = set()  # minutes of the day inside a slot (overlapping shifts count once)
        for low, high in slots:
            taught |= set(range(max(low, start), min(high, end)))
        span = [s.day + timedelta(days=k) for k in range(((s.last_day or s.day) - s.day).days + 1)]
        if s.day.weekday() in cal.weekend and s.day not in makeup:  # a weekend shift
            days = [d for d in span if d.weekday() in cal.weekend and d not in makeup]
        else:  # working days of the kit's calendar
            days = [d for d in span if (d.weekday() not in cal.weekend or d in makeup)]
            days = [d for d in days if d not in off or d == s.day]
        assert len(taught) * len(days) >= minutes[s.course], (
            s.id,
            s.start_time,
            s.end_time,
            s.day,
            s.last_day,
            minutes[s.course],
        )


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        (
            "manufacturing",
            {
                "strategy": "phased",
                "sites": 5,
                "users": 2000,
                "lang": "zh",
                "systems": ["ERP", "MES"],
            },
        ),
        ("manufacturing", {"users": 800, "lang": "en"}),
        ("healthcare", {"users": 1500}),
        ("education", {"users": 3000, "lang": "zh"}),
        ("base", {}),
    ],
)
def test_session_times_cover_the_course_minutes_on_the_real_packs(
    name: str, answers: dict[str, Any]
) -> None:
    """Fresh user: MFG-QC-201 (8 h) showed 08:30-09:00, BAS-101 (90 min) 08:30-09:30."""
    kit = build(name, **answers)
    assert kit.sessions
    assert_sessions_cover_their_courses(kit)


def test_manufacturing_timetable_five_plants() -> None:
    kit = build("manufacturing", strategy="phased", sites=5, users=2000)
    assert_timetable(kit)
    waves = {s.wave for s in kit.sessions}
    assert waves == {0, 1, 2, 3}
    # a multi-day course runs on consecutive working days in one room
    multi = [s for s in kit.sessions if s.last_day]
    assert multi
    for s in multi:
        assert (s.last_day - s.day).days <= 7


def test_healthcare_trains_nurses_on_evening_and_weekend_shifts() -> None:
    kit = build("healthcare", users=1500)
    assert_timetable(kit)
    nurses = [s for s in kit.sessions if s.audience == "hc.nurses" and s.mode != "online-recorded"]
    assert any(s.start_time == "18:30" for s in nurses)
    assert any(s.day.weekday() >= 5 for s in nurses)


def test_sessions_never_exceed_rooms_or_trainers() -> None:
    kit = build("manufacturing", users=800, rooms=1, trainers=2)
    assert_timetable(kit)
    parallel: dict[tuple[Any, str], int] = {}
    per_site: dict[tuple[Any, str, str], int] = {}
    for s in kit.sessions:
        parallel[(s.day, s.start_time)] = parallel.get((s.day, s.start_time), 0) + 1
        if s.mode != "online-recorded":
            k = (s.day, s.start_time, s.site)
            per_site[k] = per_site.get(k, 0) + 1
    assert max(parallel.values()) <= 2
    assert max(per_site.values()) <= 1


@settings(max_examples=15, deadline=None)
@given(answers())
def test_timetable_over_random_answers(case: tuple[str, dict[str, Any]]) -> None:
    name, given_answers = case
    kit = build(name, **given_answers)
    assert_timetable(kit)
    assert_sessions_cover_their_courses(kit)


def test_phased_charter_shows_each_wave_go_live(tmp_path: Any) -> None:
    from docx import Document

    from generator.render.docx_charter import render_charter
    from generator.render.docx_common import fmt_date

    kit = build("manufacturing", strategy="phased", sites=5, users=2000)
    path = tmp_path / "charter.docx"
    render_charter(kit, path)
    cells = [c.text for t in Document(str(path)).tables for row in t.rows for c in row.cells]
    assert "Wave 3" in cells and "Plant 4, Plant 5" in cells
    for wave in kit.waves:
        assert fmt_date(wave.go_live) in cells, wave.name
    assert len({w.go_live for w in kit.waves}) == 3


def test_new_json_reports_waves_and_effort(tmp_path: Any) -> None:
    import json

    from click.testing import CliRunner

    from generator.cli import cli

    out = tmp_path / "kit"
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "manufacturing",
            "--out",
            str(out),
            "--start",
            "2026-03-02",
            "--set",
            "strategy=phased",
            "--set",
            "sites=5",
            "--set",
            "users=2000",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [len(w["sites"]) for w in data["waves"]] == [1, 2, 2]
    assert all(w["go_live"] for w in data["waves"])
    assert data["effort_person_days"] > 2500
    assert data["go_live"] == data["waves"][0]["go_live"]


# --- packs validate --strict checks meaning ------------------------------------------------

BAD_MEANING = """\
audiences:
  - {id: a.one, name: {en: One, zh: 一}, share: 0.7, hours: [8, 16]}
  - {id: a.two, name: {en: Two, zh: 二}, share: 0.6, hours: [1, 2]}
courses:
  - id: q.basic
    code: B1
    title: {en: Basic, zh: 基础}
    tier: basic
    audiences: [a.one]
    mode: offline-hands-on
    modules: [{topic: {en: Log on, zh: 登录}, minutes: 60}]
  - id: q.advanced
    code: A1
    title: {en: Advanced, zh: 进阶}
    tier: advanced
    audiences: [a.one, a.two]
    prerequisites: [q.basic]
    mode: offline-hands-on
    modules: [{topic: {en: Reports, zh: 报表}, minutes: 60}]
cutover:
  - {id: s.load, name: {en: Load, zh: 导入}, order: 1, owner: pm, offset_hours: -10}
  - {id: s.freeze, name: {en: Freeze, zh: 冻结}, order: 2, owner: pm, offset_hours: -48}
"""


def test_validate_strict_checks_meaning(tmp_path: Any) -> None:
    from generator.pack_checks import validate_paths
    from tests.mini_packs import write_mini

    folder = write_mini(tmp_path, meaning_yaml=BAD_MEANING)
    meta = folder / "pack.yaml"  # a pack in the current format: these rules are errors
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "  version: 1.0.0\n", "  version: 1.0.0\n  format: 2\n"
        ),
        encoding="utf-8",
    )
    loose = validate_paths([folder], lang="en")
    assert loose.ok
    report = validate_paths([folder], lang="en", strict=True)
    text = "\n".join(str(p) for p in report.errors)
    assert "add up to 1.30" in text
    assert "'a.two' never takes 'q.basic'" in text
    assert "s.freeze" in text and "runs before 's.load'" in text
    assert len([p for p in report.errors if "meaning.yaml:" in str(p)]) >= 2  # file:line
    warned = "\n".join(str(p) for p in report.warnings)
    assert "'a.one' (One) has 2.0 h of courses, below its target of 8-16 h" in warned


def test_curriculum_warns_when_hours_fall_short(tmp_path: Any) -> None:
    from docx import Document

    from generator.render.docx_curriculum import render_curriculum

    for lang, words in (("en", "below this audience's target"), ("zh", "低于该受众")):
        kit = build("base", lang=lang)
        short = [
            a
            for a in kit.audiences
            if sum(c.hours for c in kit.courses if a.id in c.audiences) < a.hours_min
        ]
        assert short
        path = tmp_path / f"curriculum-{lang}.docx"
        render_curriculum(kit, path)
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert text.count(words) == len(short)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_printed_date_pushes_name_the_task_not_its_id(lang: str) -> None:
    """「base.cutover@w2：从 … 推迟到 …」 told the reader an id; the plan's task name reads."""
    from generator.i18n import set_language
    from generator.planning.report import planning_lines, planning_summary

    spec = ProjectSpec(
        pack="manufacturing",
        lang=lang,
        start=START,
        strategy="phased",
        sites=5,
        users=2000,
    )
    kit = build_kit(pack("manufacturing"), spec, generator_version="0")
    assert kit.pushes
    set_language(lang)
    try:
        lines = planning_lines(planning_summary(kit))[-len(kit.pushes) :]
    finally:
        set_language(None)
    assert len(lines) == len(kit.pushes)
    for push, line in zip(kit.pushes, lines, strict=True):
        assert push.task_id not in line, line
        assert kit.task(push.task_id).name.split("（")[0].split(" (")[0] in line
        if push.wave > 1 or len(kit.waves) > 1:
            assert kit.waves[push.wave - 1].name in line, line
        assert ("推迟到" in line) == (lang == "zh")


def test_a_session_id_keeps_its_course_audience_and_wave_when_head_counts_change() -> None:
    """The team records a held class by its id: more users must not hand that id to
    another audience's class (a fresh user saw 系统管理员's attendance move to 超级用户)."""
    answers = {"sites": 5, "strategy": "phased", "systems": ["ERP", "MES"]}
    before = {s.id: s for s in build("manufacturing", users=2000, **answers).sessions}
    after = {s.id: s for s in build("manufacturing", users=2500, **answers).sessions}
    shared = before.keys() & after.keys()
    assert len(shared) > 100
    for session_id in shared:
        old, new = before[session_id], after[session_id]
        assert (old.course, old.audience, old.wave) == (new.course, new.audience, new.wave)

"""Kit builder on small inline packs, and on the real base pack in both languages."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.kit import build_kit
from generator.kit_model import Kit, Source
from generator.packs.model import ITEM_SECTIONS, PackMeta
from generator.packs.resolved import Located, ResolvedPack
from generator.project import ProjectSpec

START = date(2026, 3, 2)  # a Monday


def make_pack(meta: dict[str, Any] | None = None, **sections: list[dict[str, Any]]) -> ResolvedPack:
    """A ResolvedPack from plain dicts, validated by the pack model."""
    built: dict[str, tuple[Located[Any], ...]] = {}
    for name, model in ITEM_SECTIONS.items():
        items = sections.get(name, [])
        built[name] = tuple(
            Located(model.model_validate(raw), Source("t", f"{name}.yaml", i + 1))
            for i, raw in enumerate(items)
        )
    return ResolvedPack(
        meta=PackMeta.model_validate(
            {
                "id": "t",
                "name": {"en": "Test", "zh": "测试"},
                "version": "1.0.0",
                "systems": ["ERP", "MES"],
                **(meta or {}),
            }
        ),
        chain=("t",),
        dirs=(Path("."),),
        **built,
    )


ROLES = [
    {
        "id": "project-manager",
        "name": {"en": "Project manager", "zh": "项目经理"},
        "day_rate": 3000,
    },
    {"id": "sponsor", "name": "Sponsor"},
    {"id": "consultant", "name": "Consultant", "day_rate": 2000},
]
PHASES = [
    {"id": "explore", "name": {"en": "Explore", "zh": "探索"}, "order": 2},
    {"id": "prepare", "name": {"en": "Prepare", "zh": "准备"}, "order": 1},
]


def task(task_id: str, phase: str, duration: float, *after: Any, **extra: Any) -> dict[str, Any]:
    return {
        "id": task_id,
        "name": {"en": f"Task {task_id}", "zh": f"任务{task_id}"},
        "phase": phase,
        "duration": duration,
        "owner": "project-manager",
        "after": list(after),
        **extra,
    }


def small_pack(**extra: list[dict[str, Any]]) -> ResolvedPack:
    sections: dict[str, list[dict[str, Any]]] = {
        "roles": ROLES,
        "phases": PHASES,
        "tasks": [
            task("kick", "prepare", 1, anchor="kickoff", effort={"consultant": 1, "sponsor": 0.5}),
            task("mes", "prepare", 2, "kick", when={"systems": ["MES"]}),
            task("plan", "prepare", 3, {"id": "mes", "lag": 1}),
            task("proto", "explore", 0, milestone=True, anchor="prototype-signoff"),
            task("dev", "explore", 0, "proto", milestone=True, anchor="development-start"),
            task("build", "explore", 5, "dev"),
        ],
        "gates": [
            {"id": "g-prepare", "name": "Gate P", "phase": "prepare", "signoff": ["sponsor"]},
            {"id": "g-explore", "name": "Gate E", "phase": "explore", "after": ["build"]},
        ],
    }
    if "tasks" in extra:
        sections["gates"] = []
    sections.update(extra)
    return make_pack(**sections)


def kit_for(pack: ResolvedPack, **answers: Any) -> Kit:
    spec = ProjectSpec(pack="t", start=START, **answers)
    return build_kit(pack, spec, generator_version="9.9.9")


def test_dropped_task_keeps_the_chain() -> None:
    with_mes = kit_for(small_pack(), systems=["ERP", "MES"])
    without = kit_for(small_pack(), systems=["ERP"])
    assert "mes" in [t.id for t in with_mes.tasks]
    assert "mes" not in [t.id for t in without.tasks]
    plan = without.task("plan")
    assert [(p.predecessor, p.lag) for p in plan.predecessors] == [("kick", 1)]
    assert plan.start == date(2026, 3, 4)  # kick on Mar 2, one day lag


def test_wbs_phase_order_and_gates() -> None:
    kit = kit_for(small_pack())
    assert [p.id for p in kit.phases] == ["prepare", "explore"]
    assert [t.wbs for t in kit.tasks][:4] == ["1.1", "1.2", "1.3", "1.4"]
    gate = kit.task("g-prepare")
    assert gate.milestone and gate.gate == "g-prepare" and gate.wbs.startswith("1.")
    assert kit.tasks[[t.id for t in kit.tasks].index("g-prepare")] == kit.task("g-prepare")
    assert {p.predecessor for p in gate.predecessors} == {"plan"}  # the phase's last task
    assert gate.finish == kit.task("plan").finish
    # explore's predecessor-less task waits for the previous phase gate
    assert [p.predecessor for p in kit.task("proto").predecessors] == ["g-prepare"]
    assert kit.gates[0].date == gate.finish and kit.gates[0].signoff == ("sponsor",)
    phase = kit.phase("prepare")
    assert phase.start == START and phase.finish == kit.task("plan").finish


def test_freeze_window_delays_development() -> None:
    kit = kit_for(small_pack(), freeze_days=30)
    signed = kit.task("proto").finish
    build = kit.task("build")
    assert kit.freeze is not None
    assert build.start >= signed + timedelta(days=31)
    assert kit.freeze.end == build.start - timedelta(days=1)
    assert (kit.freeze.end - kit.freeze.start).days + 1 == 30
    assert kit.freeze.start > signed
    assert kit.task("dev").critical and kit.task("kick").critical


def test_raci_defaults_and_day_rates() -> None:
    kit = kit_for(small_pack(), day_rates={"consultant": 2500})
    kick = kit.task("kick")
    assert kick.raci.accountable == "project-manager"
    assert kick.raci.responsible == ("consultant", "sponsor")
    assert kit.task("plan").raci.responsible == ("project-manager",)
    rates = {r.id: r.day_rate for r in kit.roles}
    assert rates == {"project-manager": 3000, "sponsor": 0, "consultant": 2500}


def test_unknown_role_in_day_rates() -> None:
    with pytest.raises(InputError, match="did you mean 'consultant'"):
        kit_for(small_pack(), day_rates={"consultnt": 1})


def test_language_resolution() -> None:
    zh = kit_for(small_pack(), lang="zh")
    assert zh.task("kick").name == "任务kick"
    assert zh.phases[0].name == "准备"
    assert zh.project.client == "示例客户"
    en = kit_for(small_pack())
    assert en.task("kick").name == "Task kick"
    assert en.lang == "en" and zh.lang == "zh"


def test_cycle_is_reported() -> None:
    pack = small_pack(
        tasks=[
            task("a", "prepare", 1, "c"),
            task("b", "prepare", 1, "a"),
            task("c", "prepare", 1, "b"),
        ]
    )
    with pytest.raises(InputError, match="cycle"):
        kit_for(pack)


def test_ceremonies_dated_on_weekday() -> None:
    pack = small_pack(
        ceremonies=[
            {"id": "sync", "name": "Sync", "weekday": "wed", "chair": "project-manager"},
            {
                "id": "sc",
                "name": "SC",
                "weekday": "mon",
                "chair": "sponsor",
                "from_phase": "explore",
                "until": "go-live",
            },
        ]
    )
    kit = kit_for(pack)
    sync, sc = kit.ceremonies
    assert sync.first == date(2026, 3, 4) and sync.weekday == 2
    assert sync.until == kit.project.finish
    explore_start = kit.phase("explore").start
    assert sc.first >= explore_start and sc.first.weekday() == 0
    assert (sc.first - explore_start).days < 7


def test_migration_load_order_waves() -> None:
    def obj(object_id: str, *deps: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": object_id,
            "name": object_id,
            "kind": "master",
            "source": {"system": "legacy"},
            "owner": "consultant",
            "depends_on": list(deps),
            **extra,
        }

    pack = small_pack(
        migration=[
            obj("balances", "accounts", "customers"),
            obj("customers", "company"),
            obj("mes-equipment", "plant", when={"systems": ["MES"]}),
            obj("plant", "company"),
            obj("accounts", "company"),
            obj("company"),
            obj("orders", "mes-equipment"),
        ],
        tasks=[
            task("m1", "prepare", 2, anchor="mock-load-1"),
            task("dr", "prepare", 1, "m1", anchor="dress-rehearsal"),
        ],
    )
    kit = kit_for(pack, systems=["ERP"])
    order = [(m.id, m.wave, m.sequence) for m in kit.migration]
    assert order == [
        ("company", 1, 1),
        ("customers", 2, 2),
        ("plant", 2, 3),
        ("accounts", 2, 4),
        ("balances", 3, 5),
        ("orders", 3, 6),
    ]
    assert kit.migration[-1].depends_on == ("plant",)  # bridged through the dropped MES object
    assert kit.migration[0].mock_1 == START and kit.migration[0].mock_2 is None
    assert kit.migration[0].dress_rehearsal == date(2026, 3, 4)

    looped = small_pack(migration=[obj("a", "b"), obj("b", "a")])
    with pytest.raises(InputError, match="migration objects depend on each other"):
        kit_for(looped)


def test_cutover_times_relative_to_go_live() -> None:
    pack = small_pack(
        tasks=[task("live", "prepare", 0, milestone=True, anchor="go-live")],
        cutover=[
            {"id": "s2", "name": "Load", "order": 2, "owner": "consultant", "offset_hours": -30},
            {
                "id": "s1",
                "name": "Freeze",
                "order": 1,
                "owner": "consultant",
                "offset_hours": -54,
                "backup_owner": "sponsor",
            },
            {"id": "s3", "name": "Go", "order": 3, "owner": "consultant", "offset_hours": 8},
        ],
    )
    kit = kit_for(pack)
    go_live = kit.project.go_live
    assert go_live == START
    assert [(c.id, c.sequence, c.planned) for c in kit.cutover] == [
        ("s1", 1, "T-3d 18:00"),
        ("s2", 2, "T-2d 18:00"),
        ("s3", 3, "T 08:00"),
    ]
    assert kit.cutover[0].planned_date == START - timedelta(days=3)
    assert kit.cutover[0].backup_owner == "sponsor"


def test_training_sessions() -> None:
    pack = small_pack(
        tasks=[task("train", "prepare", 3, anchor="training")],
        audiences=[
            {"id": "users", "name": "Users", "share": 0.5},
            {"id": "bosses", "name": "Bosses", "headcount": 3},
            {"id": "nobody", "name": "Nobody", "share": 0},
        ],
        courses=[
            {
                "id": "c.hands",
                "code": "B1",
                "title": "Hands-on",
                "tier": "basic",
                "audiences": ["users", "bosses"],
                "mode": "offline-hands-on",
                "modules": [{"topic": "x", "minutes": 120}],
            },
            {
                "id": "c.day",
                "code": "A1",
                "title": "Day",
                "tier": "advanced",
                "audiences": ["bosses", "nobody"],
                "mode": "online-recorded",
                "modules": [{"topic": "x", "minutes": 300}],
            },
            {
                "id": "c.self",
                "code": "S1",
                "title": "Self",
                "tier": "self-support",
                "audiences": ["users"],
                "mode": "self-service",
                "modules": [{"topic": "x", "minutes": 30}],
            },
        ],
    )
    kit = kit_for(pack, users=100, class_size=12)
    heads = {a.id: a.headcount for a in kit.audiences}
    assert heads == {"users": 50, "bosses": 3, "nobody": 0}
    hands = [s for s in kit.sessions if s.course == "c.hands"]
    assert len(hands) == math.ceil(50 / 12) + 1
    for audience in ("users", "bosses"):  # ids per audience: records stay with its classes
        theirs = [s.id for s in hands if s.audience == audience]
        assert theirs == [f"c.hands#{audience}-{n}" for n in range(1, len(theirs) + 1)]
    assert sum(s.enrolled for s in hands if s.audience == "users") == 50
    assert all(s.enrolled <= 12 for s in kit.sessions)
    assert not [s for s in kit.sessions if s.course == "c.self"]
    assert kit.training_window == (START, date(2026, 3, 4))
    first, last = kit.training_window
    assert all(first <= s.day <= last for s in kit.sessions)
    slots = [(s.day, s.start_time, s.location) for s in kit.sessions]
    assert len(slots) == len(set(slots))  # no double booking of a room slot
    # half-day slots that fit the course (the timetable's 08:30-12:00 and 13:30-17:30)
    assert hands[0].start_time == "08:30" and hands[0].end_time == "10:30"
    assert hands[1].start_time == "13:30"
    assert len({s.location for s in hands}) == 1  # 6 half-day sessions fit 3 days in one room
    day = [s for s in kit.sessions if s.course == "c.day"]
    # an online recorded lesson is held live for its whole length (300 min: 08:30-12:00 and
    # 13:30-15:00), so the matrix and the curriculum agree (fresh user: 90 min showed 1 h)
    assert len(day) == 1 and day[0].location == "Online" and day[0].end_time == "15:00"


def test_risks_sorted_and_deterministic() -> None:
    def risk(risk_id: str, likelihood: int, impact: int) -> dict[str, Any]:
        return {
            "id": risk_id,
            "title": risk_id,
            "phase": "prepare",
            "likelihood": likelihood,
            "impact": impact,
            "owner": "sponsor",
            "mitigation": "m",
        }

    pack = small_pack(
        risks=[risk("r.b", 2, 2), risk("r.c", 4, 4), risk("r.a", 2, 2), risk("r.d", 1, 5)]
    )
    kit = kit_for(pack)
    assert [r.id for r in kit.risks] == ["r.c", "r.d", "r.a", "r.b"]
    assert kit_for(pack) == kit
    assert hash(kit_for(pack)) == hash(kit)


def test_calendar_and_project_info() -> None:
    kit = kit_for(small_pack(), country="CN", lang="zh")
    assert kit.calendar.first == date(2026, 1, 1)
    assert kit.calendar.last.month == 12 and kit.calendar.last.day == 31
    assert kit.project.start == START
    assert kit.project.finish == max(t.finish for t in kit.tasks)
    assert kit.project.currency == "CNY" and kit.project.systems == ("ERP", "MES")
    assert kit.project.slug == "shi-li-ke-hu-t"  # pinyin of the default client 示例客户
    assert kit.generator_version == "9.9.9"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_real_base_pack(lang: str) -> None:
    from generator.workspace.load import loaded_pack

    pack = loaded_pack("base", None)
    kit = build_kit(
        pack, ProjectSpec(pack="base", lang=lang, start=START), generator_version="0.1.0"
    )
    assert kit.tasks and kit.phases and kit.gates
    assert {p.id for p in kit.phases} >= {"prepare", "explore", "realize", "deploy", "run"}
    ids = [t.id for t in kit.tasks]
    assert len(ids) == len(set(ids))
    position = {task_id: i for i, task_id in enumerate(ids)}
    for t in kit.tasks:
        assert t.finish >= t.start
        assert t.total_float >= 0
        for link in t.predecessors:
            assert link.predecessor in position
    for name in ("kickoff", "prototype-signoff", "development-start", "training", "go-live"):
        assert kit.anchor(name) is not None, name
    assert kit.freeze is not None
    assert kit.task("base.development-start").start >= kit.task(
        "base.prototype-signoff"
    ).finish + timedelta(days=30)
    assert kit.critical_path
    assert kit.project.go_live == kit.anchor("go-live")
    assert kit.ceremonies and kit.risks and kit.audiences
    names = " ".join(t.name for t in kit.tasks)
    if lang == "zh":
        assert "项目启动会" in names
    else:
        assert "kickoff" in names.lower()
    cal = ProjectSpec(pack="base", start=START).resolved(pack).calendar()
    assert all(cal.is_working_day(t.start) and cal.is_working_day(t.finish) for t in kit.tasks)


def test_no_freeze_when_zero_days() -> None:
    kit = kit_for(small_pack(), freeze_days=0)
    assert kit.freeze is None
    assert kit.task("build").start < kit.task("proto").finish + timedelta(days=7)


@st.composite
def random_packs(draw: st.DrawFn) -> tuple[ResolvedPack, list[tuple[str, str]]]:
    """A pack with a random task network, some tasks only for MES; and its FS links."""
    n = draw(st.integers(2, 14))
    tasks = []
    links = []
    for i in range(n):
        preds = draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True)) if i else []
        extra: dict[str, Any] = {}
        if draw(st.booleans()):
            extra["when"] = {"systems": ["MES"]}
        phase = "prepare" if i < n // 2 else "explore"
        tasks.append(
            task(
                f"t{i}",
                phase,
                draw(st.sampled_from([0, 0.5, 1, 3])),
                *[f"t{p}" for p in preds],
                **extra,
            )
        )
        links += [(f"t{p}", f"t{i}") for p in preds]
    return small_pack(tasks=tasks), links


@settings(max_examples=60, deadline=None)
@given(random_packs())
def test_dropping_tasks_keeps_every_order(case: tuple[ResolvedPack, list[tuple[str, str]]]) -> None:
    pack, links = case
    full = kit_for(pack, systems=["ERP", "MES"])
    erp = kit_for(pack, systems=["ERP"])
    kept = {t.id for t in erp.tasks}
    assert len(full.tasks) == len(pack.tasks)
    # transitive order in the full network must hold among the kept tasks
    succ: dict[str, set[str]] = {}
    for a, b in links:
        succ.setdefault(a, set()).add(b)

    def reach(a: str) -> set[str]:
        seen, todo = set(), [a]
        while todo:
            for nxt in succ.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    for a in kept:
        for b in reach(a) & kept:
            ta, tb = erp.task(a), erp.task(b)
            if ta.duration and tb.duration:
                assert tb.start > ta.finish, (a, b)
            else:
                assert tb.start >= ta.finish, (a, b)
    for t in erp.tasks:
        assert t.total_float >= 0 and t.finish >= t.start
        assert [p.predecessor for p in t.predecessors if p.predecessor not in kept] == []


def test_long_chain_of_dropped_tasks_is_bridged() -> None:
    chain = [
        task(f"t{i}", "prepare", 1, f"t{i - 1}", when={"systems": ["MES"]}) for i in range(1, 3000)
    ]
    pack = small_pack(
        tasks=[
            task("t0", "prepare", 1),
            *chain,
            task("end", "prepare", 1, {"id": "t2999", "lag": 2}),
        ]
    )
    kit = kit_for(pack, systems=["ERP"])
    assert [t.id for t in kit.tasks] == ["t0", "end"]
    assert [(p.predecessor, p.lag) for p in kit.task("end").predecessors] == [("t0", 2)]

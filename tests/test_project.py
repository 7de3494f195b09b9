"""ProjectSpec: defaults, validation with positions, project.yaml round trip, --set overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.packs.model import PackMeta
from generator.packs.resolved import ResolvedPack
from generator.project import (
    DayEntry,
    ProjectSpec,
    apply_overrides,
    load_project,
    make_slug,
    parse_project,
    spec_from_data,
)
from generator.textcheck import bad_character


def pack(**meta: object) -> ResolvedPack:
    data = {
        "id": "mfg",
        "name": {"en": "Manufacturing", "zh": "制造业"},
        "version": "1.0.0",
        "systems": ["ERP", "MES", "WMS"],
    }
    data.update(meta)
    return ResolvedPack(
        meta=PackMeta.model_validate(data),
        chain=("mfg",),
        dirs=(Path("."),),
        roles=(),
        phases=(),
        gates=(),
        tasks=(),
        ceremonies=(),
        risks=(),
        stakeholders=(),
        migration=(),
        cutover=(),
        audiences=(),
        courses=(),
        support=(),
        lessons=(),
    )


def test_defaults_filled_from_pack_and_calendar() -> None:
    spec = ProjectSpec(pack="mfg").resolved(pack(default_systems=["ERP"]), today=date(2026, 9, 30))
    assert spec.client == "Demo Client"
    assert spec.name == "Demo Client ERP Implementation"
    assert spec.slug == "demo-client-mfg"
    assert spec.systems == ["ERP"]
    assert spec.country == "CN" and spec.currency == "CNY"
    assert spec.start == date(2026, 10, 8)  # after China's National Day week
    assert spec.users == 200 and spec.freeze_days == 30 and spec.class_size == 12


def test_chinese_defaults() -> None:
    spec = ProjectSpec(pack="mfg", lang="zh", start=date(2026, 3, 2)).resolved(pack())
    assert spec.client == "示例客户"
    assert spec.name == "示例客户 ERP+MES+WMS 实施项目"
    assert spec.slug == "shi-li-ke-hu-mfg"
    assert spec.systems == ["ERP", "MES", "WMS"]


def test_unknown_system_lists_the_packs_systems() -> None:
    with pytest.raises(
        InputError, match="'SCM' is not in pack 'mfg'; its systems are: ERP, MES, WMS"
    ):
        ProjectSpec(pack="mfg", systems=["erp", "SCM"]).resolved(pack())
    spec = ProjectSpec(pack="mfg", systems="erp, mes", start=date(2026, 3, 2)).resolved(pack())
    assert spec.systems == ["ERP", "MES"]


def test_unknown_country() -> None:
    with pytest.raises(InputError, match="unknown country 'ZZ'"):
        ProjectSpec(pack="mfg", country="zz").resolved(pack())
    with pytest.raises(InputError, match="unknown country 'ZZ'"):
        ProjectSpec(pack="mfg", country="zz", start=date(2026, 3, 2)).resolved(pack())


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ACME Corp ERP roll-out 2026", "acme-corp-erp-roll-out-2026"),
        ("../../etc/passwd", "etc-passwd"),
        ("示例客户制造业项目", "shi-li-ke-hu-zhi-zao-ye-xiang-mu"),
        ("Müller GmbH", "muller-gmbh"),
        ("2026", "project-mfg"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert make_slug(name, "mfg") == expected


@given(st.text(max_size=80))
def test_slug_is_always_safe(name: str) -> None:
    slug = make_slug(name, "mfg")
    assert slug and "/" not in slug and "\\" not in slug and ".." not in slug
    assert slug == slug.lower() and slug.isascii()
    ProjectSpec(pack="mfg", slug=slug)  # passes the slug validator


def test_unsafe_slug_rejected() -> None:
    with pytest.raises(ValueError, match="not safe"):
        ProjectSpec(pack="mfg", slug="../x")


def test_errors_point_at_file_line_col() -> None:
    text = "pack: mfg\nstrat: phased\nusers: 0\nextra_holidays: [2026-01-05, {date: 2026-01-06, nam: x}]\n"
    with pytest.raises(InputError) as err:
        parse_project(text, "p/project.yaml")
    messages = [str(p) for p in err.value.problems]
    assert "p/project.yaml:2:1: unknown key 'strat' — did you mean 'start'?" in messages
    assert any(m.startswith("p/project.yaml:3:8: users must be 1 or more") for m in messages)
    assert any(m.startswith("p/project.yaml:4:") and "did you mean 'name'" in m for m in messages)
    assert err.value.exit_code == 2


@pytest.mark.parametrize("value", ["2026-02-30", "2026/03/01", "tomorrow"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_project(f"pack: mfg\nstart: {value}\n", "project.yaml")
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.col) == ("project.yaml", 2, 8)
    assert value in problem.message and "YYYY-MM-DD" in problem.message


def test_missing_pack() -> None:
    with pytest.raises(InputError, match="missing 'pack'"):
        spec_from_data({"users": 5})


def test_round_trip_through_yaml(tmp_path: Path) -> None:
    spec = ProjectSpec(
        pack="mfg",
        client='ACME "Works" 公司: #1',
        name="=HYPERLINK()",
        systems=["ERP", "MES"],
        strategy="phased",
        sites=3,
        users=850,
        start=date(2026, 3, 2),
        country="CN",
        lang="zh",
        currency="EUR",
        extra_holidays=[
            DayEntry(date=date(2027, 2, 8), name="春节（预计）"),
            DayEntry(date=date(2027, 2, 9)),
        ],
        extra_workdays=[DayEntry(date=date(2027, 2, 20), name="调休")],
        day_rates={"project-manager": 4000, "consultant": 2500.5},
        freeze_days=20,
        class_size=15,
        author="Li Lei",
        slug="acme-works",
    )
    text = spec.to_yaml()
    assert text.startswith("# implkit 项目参数") and "# 每期培训人数" in text
    spec.write(tmp_path)
    assert load_project(tmp_path) == spec
    assert parse_project(ProjectSpec(pack="mfg").to_yaml()) == ProjectSpec(pack="mfg")


def test_load_project_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_project(tmp_path)


def test_overrides() -> None:
    data = apply_overrides(
        {"pack": "mfg", "day_rates": {"sponsor": 1}},
        [
            "day_rates.project-manager=4000",
            "users=800",
            "systems=ERP,MES",
            "start=2026-03-02",
            "client=A=B",
        ],
    )
    spec = spec_from_data(data)
    assert spec.day_rates == {"sponsor": 1, "project-manager": 4000}
    assert spec.users == 800 and spec.systems == ["ERP", "MES"]
    assert spec.start == date(2026, 3, 2) and spec.client == "A=B"
    with pytest.raises(InputError, match="did you mean 'users'"):
        apply_overrides({}, ["usres=3"])
    with pytest.raises(InputError, match="KEY=VALUE"):
        apply_overrides({}, ["users"])


@settings(max_examples=50, deadline=None)
@given(
    # texts no Office file can hold (control characters) are refused at input
    client=st.text(min_size=1, max_size=30).filter(
        lambda s: s.strip() == s and bad_character(s) is None
    ),
    users=st.integers(1, 100_000),
    freeze=st.integers(0, 365),
)
def test_round_trip_property(client: str, users: int, freeze: int) -> None:
    spec = ProjectSpec(
        pack="mfg", client=client, users=users, freeze_days=freeze, start=date(2026, 3, 2)
    )
    assert parse_project(spec.to_yaml()) == spec


def test_timezone_answer_checked_and_written_back() -> None:
    spec = parse_project("pack: mfg\ntimezone: America/Chicago\n", "project.yaml")
    assert spec.timezone == "America/Chicago"
    assert 'timezone: "America/Chicago"' in spec.to_yaml()
    assert "timezone" not in parse_project("pack: mfg\n", "project.yaml").to_yaml()
    for bad in ("Mars/Base", "../../etc/passwd"):
        with pytest.raises(InputError) as err:
            parse_project(f"pack: mfg\ntimezone: {bad}\n", "p/project.yaml")
        assert "p/project.yaml:2:" in str(err.value) and "Europe/Berlin" in str(err.value)

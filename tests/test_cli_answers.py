"""Shared answer options: click wiring, option errors, Kit from options."""

from __future__ import annotations

from datetime import date
from typing import Any

import click
import pytest
from click.testing import CliRunner

from generator.cli.answers import ANSWER_PARAMS, answer_options
from generator.errors import InputError
from generator.workspace.answers import answers_from_options, kit_from_options, spec_from_options


def test_decorator_adds_every_option() -> None:
    seen: dict[str, Any] = {}

    @click.command()
    @click.argument("pack")
    @answer_options
    def cmd(pack: str, **options: Any) -> None:
        seen.update(options, pack=pack)

    result = CliRunner().invoke(
        cmd,
        [
            "base",
            "--client",
            "ACME",
            "--start",
            "2026-03-02",
            "--users",
            "50",
            "--lang",
            "zh",
            "--set",
            "sites=2",
            "--set",
            "day_rates.sponsor=1",
            "--systems",
            "ERP",
        ],
    )
    assert result.exit_code == 0, result.output
    assert set(ANSWER_PARAMS) <= set(seen)
    assert (
        seen["client"] == "ACME"
        and seen["users"] == "50"  # checked by ProjectSpec (messages in the kit's language)
        and seen["set_values"] == ("sites=2", "day_rates.sponsor=1")
    )
    spec = spec_from_options(seen.pop("pack"), **seen)
    assert spec.client == "ACME" and spec.start == date(2026, 3, 2) and spec.sites == 2
    assert spec.day_rates == {"sponsor": 1} and spec.lang == "zh" and spec.systems == ["ERP"]
    assert spec.users == 50
    # values are checked by ProjectSpec (our wording, in the kit's language), not by click
    bad = CliRunner().invoke(cmd, ["base", "--strategy", "fast"])
    assert bad.exit_code == 0 and seen["strategy"] == "fast"
    with pytest.raises(InputError, match="--strategy: write one of big-bang, phased"):
        spec_from_options("base", strategy="fast")


@pytest.mark.parametrize(
    "options, expected",
    [
        ({"users": 0}, "--users must be 1 or more (got 0)"),
        ({"start": "2026-02-30"}, "--start: 2026-02-30 is not a date; write YYYY-MM-DD"),
        ({"set_values": ["start=2026-13-01"]}, "--start: 2026-13-01 is not a date"),
        ({"freeze_days": 400}, "--freeze-days must be 365 or less"),
        ({"systems": " , "}, "--systems: name at least one system"),
        (
            {"set_values": ["day_rates.sponsor=-5"]},
            "--set day_rates: day rate of 'sponsor' is negative",
        ),
        ({"set_values": ["usres=5"]}, "did you mean 'users'"),
    ],
)
def test_bad_values_name_the_option(options: dict[str, Any], expected: str) -> None:
    with pytest.raises(InputError) as err:
        spec_from_options("base", **options)
    assert expected in str(err.value)
    assert err.value.exit_code == 2


def test_named_options_win_over_set_and_base() -> None:
    spec = spec_from_options(
        "base", base={"users": 10, "client": "Old"}, users=30, set_values=["users=20"]
    )
    assert spec.users == 30 and spec.client == "Old"


def test_unknown_system_through_options() -> None:
    with pytest.raises(InputError, match=r"^--systems: system 'NOPE' is not in pack 'base'"):
        answers_from_options("base", systems="NOPE")
    with pytest.raises(InputError, match=r"^--country: unknown country 'ZZ'"):
        answers_from_options("base", country="zz")


def test_kit_from_options_on_base_pack() -> None:
    kit = kit_from_options(
        "base",
        start="2026-03-02",
        users=500,
        lang="zh",
        set_values=["day_rates.project-manager=4000"],
        today=date(2026, 1, 1),
    )
    assert kit.project.users == 500 and kit.lang == "zh"
    assert kit.project.start == date(2026, 3, 2)
    assert {r.id: r.day_rate for r in kit.roles}["project-manager"] == 4000
    assert kit.tasks and kit.project.client == "示例客户"


def test_default_start_is_next_working_day() -> None:
    _, spec = answers_from_options("base", today=date(2026, 9, 30))
    assert spec.start == date(2026, 10, 8)


def test_every_wrong_option_reported_at_once() -> None:
    with pytest.raises(InputError) as err:
        spec_from_options("base", users=0, start="2026-02-30", systems=" , ")
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 3
    assert any(m.startswith("--start:") for m in messages)
    assert any(m.startswith("--systems:") for m in messages)
    assert any(m.startswith("--users must be") for m in messages)

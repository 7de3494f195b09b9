"""Answers pydantic's lax types let through: empty names, yes/no as counts, made-up currencies.

Each is refused with exit 2 at project.yaml's line, nothing written (fresh-user findings).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import InputError
from generator.project import spec_from_data


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"client": ""}, "the name is empty"),
        ({"client": "   "}, "the name is empty"),
        ({"name": "x" * 81}, "81 characters"),
        ({"users": True}, "yes/no, not a number"),
        ({"sites": False}, "yes/no, not a number"),
        ({"currency": "EURO"}, "did you mean EUR"),
    ],
)
def test_bad_answers_are_refused(answers: dict[str, object], expected: str) -> None:
    with pytest.raises(InputError) as caught:
        spec_from_data({"pack": "base", **answers})
    assert expected in str(caught.value)


def test_good_answers_pass() -> None:
    spec = spec_from_data(
        {"pack": "base", "client": "华东精密制造", "users": "800", "currency": "cny"}
    )
    assert (spec.client, spec.users, spec.currency) == ("华东精密制造", 800, "CNY")


def test_build_refuses_an_empty_client_at_its_line(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "base", "--out", str(kit)]).exit_code == 0
    project = kit / "project.yaml"
    lines = project.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("client:"))
    lines[number - 1] = 'client: ""'
    project.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in kit.rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["build", str(kit)])
    assert result.exit_code == 2, result.output
    assert f"project.yaml:{number}:" in result.output
    assert {p: p.stat().st_mtime_ns for p in kit.rglob("*") if p.is_file()} == before

"""Carry (issue 11b): cell values, the project overlay, lifting tasks, pack changes, the build.

Real components only: workbooks written by the renderers, edited with openpyxl as a
consultant would, read back by ``generator.carry``; project.yaml edited as text.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.carry.values import as_date, as_percent, convert
from generator.cli import cli
from generator.errors import InputError
from generator.overlay import LiftedTask, lift_tasks, overlay_from_text
from generator.sheets import spec
from generator.sheets.lists import TASK_STATUS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def new_kit(tmp_path: Path, *extra: str, name: str = "kit") -> Path:
    target = tmp_path / name
    code, out = run("new", "manufacturing", "--out", str(target), "--start", "2026-03-02", *extra)
    assert code == 0, out
    return target


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2026/3/2", date(2026, 3, 2)),
        ("2026.3.2", date(2026, 3, 2)),
        ("2026年3月2日", date(2026, 3, 2)),
        ("28/02/2026", date(2026, 2, 28)),
        ("02/28/2026", date(2026, 2, 28)),
        ("2026-03-02T09:00", date(2026, 3, 2)),
        (46083, date(2026, 3, 2)),
    ],
)
def test_dates_read_from_text_and_serials(text: object, expected: date) -> None:
    assert as_date(text) == expected


@pytest.mark.parametrize("text", ["03/04/2026", "2026/13/45", "next Monday", "2026-02-30", 12])
def test_ambiguous_or_impossible_dates_are_refused(text: object) -> None:
    assert as_date(text) is None


def test_percent_and_list_conversion() -> None:
    assert as_percent("40%") == pytest.approx(0.4)
    assert as_percent(40) == pytest.approx(0.4)
    assert as_percent(0.4) == pytest.approx(0.4)
    status = spec("plan.tasks").column("status")
    assert convert("进行中", status) == ("in-progress", None)
    assert convert("In progress", status) == ("in-progress", None)
    assert convert("in-progress", status) == ("in-progress", None)
    value, problem = convert("Halfway", status)
    assert value is None and problem == "not one of the list's values"
    pct = spec("plan.tasks").column("pct")
    assert convert("150%", pct)[1] == "not between 0 % and 100 %"
    assert TASK_STATUS.key_of("已完成") == "done"


# --- overlay -------------------------------------------------------------------------------


def test_lift_keeps_comments_and_layout(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    text = (target / "project.yaml").read_text(encoding="utf-8")
    lifted = lift_tasks(
        text,
        [
            LiftedTask(
                "project.task-1", "Label printer set-up", "realize", 3, "technical-consultant",
                (("base.kickoff", "FS", 2),),
            )
        ],
    )
    comments = [line for line in text.splitlines() if "#" in line]
    for line in comments:
        assert line in lifted.splitlines()
    layer = overlay_from_text(lifted, "project.yaml")
    assert layer is not None
    (task,) = [raw for _, raw in layer.items["tasks"]]
    assert task["id"] == "project.task-1"
    assert task["after"] == [{"id": "base.kickoff", "lag": 2}]


def test_overlay_tasks_are_scheduled_and_bad_ones_point_at_project_yaml(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(
        text
        + "tasks:\n"
        + "  - id: project.label-printers\n"
        + "    name: Label printers\n"
        + "    phase: realize\n"
        + "    duration: 4\n"
        + "    owner: technical-consultant\n"
        + "    after: [base.development-start]\n"
        + "remove: [mfg.shift-cover-roster]\n",
        encoding="utf-8",
    )
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])
    assert data["tasks"] >= 1
    from openpyxl import load_workbook

    book = load_workbook(target / "plan" / "project-plan.xlsx", read_only=True)
    ids = {row[0] for row in book.worksheets[0].iter_rows(values_only=True)}
    book.close()
    assert "project.label-printers" in ids
    assert "mfg.shift-cover-roster" not in ids
    # a bad overlay item: exit 2 at project.yaml:line, nothing written
    before = (target / "plan" / "project-plan.xlsx").read_bytes()
    answers.write_text(
        text + "tasks:\n  - id: project.bad\n    name: Bad\n    phase: nowhere\n"
        "    duration: 1\n    owner: technical-consultant\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(target)])
    assert result.exit_code == 2
    line = len(text.splitlines()) + 4  # the "phase: nowhere" line
    assert re.search(rf"project\.yaml:{line}:\d+", result.output), result.output
    assert "Traceback" not in result.output
    assert (target / "plan" / "project-plan.xlsx").read_bytes() == before


def test_overlay_section_of_wrong_shape_is_refused() -> None:
    with pytest.raises(InputError) as err:
        overlay_from_text("pack: manufacturing\ntasks: 3\n", "project.yaml")
    assert "project.yaml:2" in str(err.value)

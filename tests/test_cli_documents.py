"""``implkit plan`` and ``implkit migration``: answers in, one workbook out, atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.cli.documents import MIGRATION_FILE, PLAN_FILE
from generator.workspace.output import write_atomically
from tests.xlsx_lint import assert_clean

START = ["--start", "2026-09-01"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_plan_writes_a_clean_workbook_in_the_asked_language(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    code, stdout, stderr = run(
        "plan", "manufacturing", *START, "--lang", "zh", "--client", "艾克米", "-o", str(out)
    )
    assert code == 0, stderr
    assert str(out) in stdout and "项任务" in stdout  # the summary speaks --lang
    assert_clean(out)
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "计划"
    assert "艾克米" in (wb["计划"]["A2"].value or "") or "艾克米" in wb.properties.keywords
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no temp file left


def test_migration_defaults_to_its_file_name_in_the_working_folder() -> None:
    code, _, stderr = run("migration", "education", *START)
    assert code == 0, stderr
    path = Path(MIGRATION_FILE)
    assert path.exists()
    assert_clean(path)
    assert load_workbook(path).sheetnames[:2] == ["Overview", "Cutover runbook"]


def test_same_answers_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("plan", "healthcare", *START, "-o", str(a))[0] == 0
    assert run("plan", "healthcare", *START, "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_a_missing_folder_is_refused_with_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "nope" / PLAN_FILE
    code, _, stderr = run("plan", "manufacturing", *START, "-o", str(target))
    assert code == 2
    assert "does not exist" in stderr and "Nothing was written" in stderr
    assert not target.parent.exists()


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    code, _, stderr = run("migration", "manufacturing", *START, "-o", str(tmp_path))
    assert code == 2 and "is a folder" in stderr


def test_bad_answers_leave_the_existing_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"the consultant's copy")
    code, _, stderr = run("plan", "manufacturing", "--start", "someday", "-o", str(out))
    assert code == 2 and "--start" in stderr
    assert out.read_bytes() == b"the consultant's copy"
    code, _, stderr = run("plan", "no-such-pack", *START, "-o", str(out))
    assert code == 2
    assert out.read_bytes() == b"the consultant's copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_a_failing_render_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def broken(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_replacing_keeps_the_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, lambda p: p.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_help_lists_the_answer_options() -> None:
    code, stdout, _ = run("plan", "--help")
    assert code == 0
    for option in ("--start", "--lang", "--client", "-o, --output"):
        assert option in stdout

"""The workbook-read memo: once per content, a fresh copy for every caller, never an error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import OrderedDict
from datetime import date
from pathlib import Path

import pytest

from generator.carry import memo
from generator.carry.read import _parsed, read_workbook
from generator.errors import InputError
from generator.kit_model import TaskProgress
from generator.limits import overridden
from tests.kits import pristine
from tests.tracking_fill import fill_plan

PLAN = Path("plan/project-plan.xlsx")


@pytest.fixture
def remembering(monkeypatch: pytest.MonkeyPatch) -> None:
    """A memo of this test's own (the session's stays as it was)."""
    monkeypatch.setattr(memo, "_READS", OrderedDict())
    monkeypatch.setattr(memo, "_held", 0)


def _kit(tmp_path: Path, name: str = "kit") -> Path:
    return pristine(tmp_path / name, "manufacturing", "--start", "2026-03-02")


def _fresh(path: Path, kind: str = "plan") -> object:
    return _parsed(path, (kind, None, True), None)


def test_a_copy_is_read_once_and_every_caller_gets_its_own(
    remembering: None, tmp_path: Path
) -> None:
    first_kit = _kit(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(first_kit, other)
    first = read_workbook(first_kit / PLAN, "plan", every_sheet=True)
    assert first == _fresh(first_kit / PLAN)
    again = read_workbook(other / PLAN, "plan", every_sheet=True)
    assert memo._READS is not None and len(memo._READS) == 1  # the copy: not parsed again
    assert again == _fresh(other / PLAN) and again.path == other / PLAN
    assert again is not first and again.sheets[0] is not first.sheets[0]
    assert again.sheets[0].spec is first.sheets[0].spec  # the registry's frozen declaration
    # what a caller does to its read (renamed ids, lifted tasks) never reaches the next one
    tasks = again.sheet("plan.tasks")
    assert tasks is not None and tasks.rows
    tasks.rows[0].key = "CHANGED"
    tasks.rows[0].values.clear()
    tasks.rows.pop()
    third = read_workbook(other / PLAN, "plan", every_sheet=True)
    assert third == _fresh(other / PLAN)
    # another shape of read is another entry, and gives what a fresh read gives
    only = read_workbook(other / PLAN, "plan", frozenset({"plan.risks"}))
    assert only == _parsed(other / PLAN, ("plan", frozenset({"plan.risks"}), False), None)
    assert [s.instance for s in only.sheets] == ["plan.risks"] and len(memo._READS) == 2


def test_an_edited_workbook_is_read_again(remembering: None, tmp_path: Path) -> None:
    plan = _kit(tmp_path) / PLAN
    before = read_workbook(plan, "plan", every_sheet=True)
    tasks = before.sheet("plan.tasks")
    assert tasks is not None
    task = next(row.key for row in tasks.rows if row.key and row.values.get("pct") is None)
    fill_plan(plan, [TaskProgress(task, "In progress", 0.4, date(2026, 3, 2), None)])
    after = read_workbook(plan, "plan", every_sheet=True)
    assert after != before and after == _fresh(plan)
    tasks = after.sheet("plan.tasks")
    assert tasks is not None
    assert next(row for row in tasks.rows if row.key == task).values["pct"] == 0.4


def test_a_damaged_workbook_raises_each_time_and_is_not_remembered(
    remembering: None, tmp_path: Path
) -> None:
    plan = _kit(tmp_path) / PLAN
    plan.write_bytes(plan.read_bytes()[:5000])
    messages = []
    for _attempt in range(2):
        with pytest.raises(InputError) as raised:
            read_workbook(plan, "plan", every_sheet=True)
        messages.append(str(raised.value))
    assert messages[0] == messages[1] and "project-plan.xlsx" in messages[0]
    assert memo._READS == {}


def test_a_smaller_limit_still_refuses_a_workbook_read_before(
    remembering: None, tmp_path: Path
) -> None:
    plan = _kit(tmp_path) / PLAN
    read_workbook(plan, "plan", every_sheet=True)
    with overridden(sheet_rows=10), pytest.raises(InputError) as raised:
        read_workbook(plan, "plan", every_sheet=True)
    with overridden(sheet_rows=10), pytest.raises(InputError) as fresh:
        _fresh(plan)
    assert str(raised.value) == str(fresh.value)


def test_the_memo_is_bounded(
    remembering: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = _kit(tmp_path)
    monkeypatch.setattr(memo, "ENTRIES", 2)
    for sheet in ("plan.tasks", "plan.risks", "plan.issues"):
        read_workbook(kit / PLAN, "plan", frozenset({sheet}))
    assert memo._READS is not None and len(memo._READS) == 2
    assert memo._held == sum(len(blob) for blob, _shared in memo._READS.values())
    monkeypatch.setattr(memo, "BYTES", 1000)  # a read larger than the whole memo: not kept
    memo._READS.clear()
    memo._held = 0
    read_workbook(kit / PLAN, "plan", every_sheet=True)
    assert memo._READS == {} and memo._held == 0


def test_the_cli_and_the_api_never_turn_it_on() -> None:
    code = (
        "import generator.api, generator.cli, generator.carry.memo as m; "
        "from generator.carry.read import read_workbook; print(m.active())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"

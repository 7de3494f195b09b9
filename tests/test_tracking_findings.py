"""Fresh-user findings 5 and 10: a started task without an actual start, gate
sign-offs. Finding 7 (new and build write the same MSPDI) is
tests/test_scaffold.py::test_unchanged_rebuild_is_byte_identical."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.kit_model import SheetEntries, TaskProgress
from generator.tracking.forecast import forecast, on_plan_progress
from generator.tracking.states import points_through, working_calendar
from generator.tracking.status import status_of
from tests.kits import pristine
from tests.test_tracking_forecast import START, plan
from tests.tracking_fill import fill_plan


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _linked_pair() -> tuple[str, str]:
    """(predecessor, task) joined by a finish-to-start link, both real tasks."""
    kit = plan()
    by_id = {t.id: t for t in kit.tasks}
    for task in kit.tasks:
        for link in task.predecessors:
            pred = by_id.get(link.predecessor)
            if (
                pred is not None
                and link.type == "FS"
                and not link.lag
                and not task.milestone
                and not pred.milestone
                and task.duration >= 4
            ):
                return pred.id, task.id
    raise AssertionError("no FS pair in the manufacturing plan")


def test_started_without_actual_start_keeps_its_planned_start_before_the_project() -> None:
    kit = plan()
    task = next(t for t in kit.tasks if not t.milestone and t.start > START)
    kit = replace(kit, progress=(TaskProgress(task.id, "In progress", 0.5),))
    early = START - timedelta(days=90)  # a status date before the project start
    dates = forecast(kit, early)
    assert dates[task.id].start == task.start
    assert min(f.start for f in dates.values()) >= START
    cal = working_calendar(kit)
    left = task.duration - task.duration // 2
    assert points_through(cal, dates[task.id].finish) - cal.index(task.start) == left


def test_started_without_actual_start_after_its_start_finishes_from_the_status_date() -> None:
    kit = plan()
    task = next(t for t in kit.tasks if not t.milestone and t.start > START and t.duration >= 4)
    cal = working_calendar(kit)
    as_of = cal.add_working_days(task.start, 10)
    kit = on_plan_progress(kit, as_of, skip=frozenset({task.id}))  # predecessors on plan
    kit = replace(kit, progress=(*kit.progress, TaskProgress(task.id, "In progress", 0.5)))
    got = forecast(kit, as_of)[task.id]
    assert got.start == task.start  # not moved to the status date
    left = task.duration - task.duration // 2
    assert points_through(cal, got.finish) == points_through(cal, as_of) + left


def test_started_without_actual_start_never_starts_before_its_predecessor() -> None:
    kit = plan()
    pred_id, task_id = _linked_pair()
    pred, task = kit.task(pred_id), kit.task(task_id)
    late_finish = pred.finish + timedelta(days=20)
    kit = replace(
        kit,
        progress=(
            TaskProgress(pred_id, "Done", 1.0, pred.start, late_finish),
            TaskProgress(task_id, "In progress", 0.25),
        ),
    )
    dates = forecast(kit, late_finish + timedelta(days=3))
    assert dates[task_id].start > late_finish
    assert dates[task_id].start > task.start


def test_signed_off_gate_is_done_on_its_signoff_date() -> None:
    kit = plan()
    gate = next(g for g in kit.gates if g.task_id and g.kind == "phase-gate")
    milestone = kit.task(gate.task_id)
    signed = milestone.finish - timedelta(days=3)
    rows = ((gate.task_id, (("status", "passed"), ("signed_on", signed))),)
    kit = replace(kit, entries=(SheetEntries("plan.gates", rows=rows),))
    as_of = milestone.finish + timedelta(days=40)
    status = status_of(kit, as_of, baseline=None, spent={}, snapshots=[])
    line = next(m for m in status.milestones if m.id == gate.task_id)
    assert line.done
    assert line.forecast == signed
    # a failed gate stays open
    failed = ((gate.task_id, (("status", "failed"), ("signed_on", signed))),)
    kit = replace(kit, entries=(SheetEntries("plan.gates", rows=failed),))
    status = status_of(kit, as_of, baseline=None, spent={}, snapshots=[])
    assert not next(m for m in status.milestones if m.id == gate.task_id).done


def _set_gate(plan_xlsx: Path, gate_id: str, status: str, signed: date) -> None:
    from openpyxl import load_workbook

    book = load_workbook(plan_xlsx)
    sheet = next(ws for ws in book.worksheets if ws.title in ("Milestones & gates", "里程碑与关口"))
    header = next(
        row[0].row
        for row in sheet.iter_rows(min_row=1, max_row=12)
        if any(c.value in ("Id", "编号") for c in row)
    )
    cols = {str(c.value): c.column for c in sheet[header] if c.value}
    for r in range(header + 1, sheet.max_row + 1):
        if sheet.cell(r, cols.get("Id", cols.get("编号", 1))).value == gate_id:
            sheet.cell(r, cols.get("Status", cols.get("状态", 0))).value = status
            sheet.cell(r, cols.get("Signed on", cols.get("签字日期", 0))).value = datetime(
                signed.year, signed.month, signed.day
            )
            break
    else:
        raise AssertionError(f"no gate row {gate_id}")
    book.save(plan_xlsx)


def test_status_counts_a_signed_gate_zh(tmp_path: Path) -> None:
    kit = tmp_path / "zh"
    pristine(kit, "manufacturing", "--lang", "zh", "--start", "2027-01-04")
    base = json.loads((kit / ".implkit/baselines/initial.json").read_text(encoding="utf-8"))
    gate = next(m for m in base["milestones"] if m["gate"])
    planned = date.fromisoformat(gate["date"])
    signed = planned - timedelta(days=2)
    _set_gate(kit / "plan/project-plan.xlsx", gate["id"], "通过", signed)
    as_of = planned + timedelta(days=30)
    out = run("status", str(kit), "--as-of", as_of.isoformat(), "--json")
    data = json.loads(out[out.index("{") :])
    line = next(m for m in data["milestones"] if m["id"] == gate["id"])
    assert line["done"] is True
    assert line["forecast"] == signed.isoformat()


def test_percent_without_actual_start_keeps_planned_dates_and_rebuilds_identically(
    tmp_path: Path,
) -> None:
    kit = tmp_path / "p"
    pristine(kit, "manufacturing", "--start", "2027-01-04")
    plan_xlsx = kit / "plan/project-plan.xlsx"
    fill_plan(plan_xlsx, [TaskProgress("base.project-charter", "In progress", 0.5)])
    run("build", str(kit))
    data = json.loads((kit / ".implkit/baselines/initial.json").read_text(encoding="utf-8"))
    charter = next(t for t in data["tasks"] if t["id"] == "base.project-charter")
    xml = (kit / "exports/project-plan.mspdi.xml").read_text(encoding="utf-8")
    assert "2026-11" not in xml.split("<Tasks>", 1)[1]  # nothing on the wall-clock month
    from openpyxl import load_workbook

    sheet = load_workbook(plan_xlsx, read_only=True)["Plan"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if "Id" in row and "Start" in row)
    id_col, start_col = rows[header].index("Id"), rows[header].index("Start")
    row = next(r for r in rows[header + 1 :] if r[id_col] == "base.project-charter")
    start = row[start_col]
    start = start.date() if isinstance(start, datetime) else start
    assert start == date.fromisoformat(charter["start"]) >= date(2027, 1, 4)
    before = {p.name: p.read_bytes() for p in (kit / "plan").iterdir()}
    # no status report yet: the plan's dates, and no snapshot (status and build --as-of
    # record status dates); a later build on another day changes nothing
    assert sorted((kit / ".implkit/snapshots").glob("*.json")) == []
    run("build", str(kit))
    assert {p.name: p.read_bytes() for p in (kit / "plan").iterdir()} == before
    assert sorted((kit / ".implkit/snapshots").glob("*.json")) == []


def test_build_status_date_is_the_last_status_report_not_today(tmp_path: Path) -> None:
    """build without --as-of: the status date of the last status report (the latest
    snapshot), never today and never the entries' dates (build and status at one date
    show the same dates)."""
    from generator.tracking.snapshots import write_snapshot
    from generator.workspace.tracked import default_status_date

    kit = replace(plan(), progress=(TaskProgress("base.project-charter", "In progress", 0.5),))
    assert default_status_date(plan(), tmp_path) is None  # nobody tracks: the plan stays
    assert default_status_date(kit, tmp_path) is None  # no status report yet: the plan
    day = date(2026, 4, 30)
    write_snapshot(tmp_path, {"as_of": day.isoformat(), "pv": 0, "ev": 0, "milestones": {}})
    assert default_status_date(kit, tmp_path) == day
    finished = TaskProgress("base.kickoff", "Done", 1.0, None, date(2026, 5, 6))
    kit = replace(kit, progress=(*kit.progress, finished))
    assert default_status_date(kit, tmp_path) == day  # an actual date does not move it
    later = date(2026, 5, 29)
    write_snapshot(tmp_path, {"as_of": later.isoformat(), "pv": 0, "ev": 0, "milestones": {}})
    assert default_status_date(kit, tmp_path) == later


def test_a_late_critical_task_marked_not_started_is_shown_as_late() -> None:
    """The report's 需协调事项 named a late task by its raw status key ('not-started');
    a task the team has not blocked or put on hold is listed by its slip."""
    from dataclasses import replace as with_

    from generator.kit_model import TaskProgress
    from generator.tracking.status import status_of
    from tests.tracking_example import AS_OF, example_kit

    kit = example_kit()
    progress = tuple(
        TaskProgress("B", "Not started") if p.task_id == "B" else p for p in kit.progress
    )
    status = status_of(with_(kit, progress=progress), AS_OF, baseline=None, spent={}, snapshots=[])
    notes = {line.name: line.note for line in status.attention}
    assert notes, status.attention
    assert all(note.startswith("+") or note in ("blocked", "on-hold") for note in notes.values())

"""One status date: ``build`` and ``status`` at the same date show the same dates; ``build``
without ``--as-of`` takes the last status report's date and says so; snapshots are written
by ``status`` and ``build --as-of`` only (one trend point per status date)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from generator import api
from generator.kit_model import TaskProgress
from tests import kits
from tests.tracking_fill import fill_plan

START = date(2026, 3, 2)
AS_OF = date(2026, 7, 15)


def _kit(tmp_path: Path) -> Path:
    """A manufacturing kit with progress typed in (made once per process, copied here)."""
    return kits.cached_tree(tmp_path / "kit", "status-date-kit", _progress_entered)


def _progress_entered(folder: Path) -> None:
    # the plain kit is the one test_status_names_a_rule_no_date_can_meet copies: made once
    folder.rmdir()  # cached_tree hands an empty folder; the copy makes it again
    kits.pristine_api(folder, "manufacturing", start=START.isoformat())
    plan = api.load_kit(folder).kit
    progress = []
    for task in plan.tasks:  # on plan until May, one critical task 6 days late
        if task.finish < date(2026, 5, 1):
            progress.append(TaskProgress(task.id, "Done", 1.0, task.start, task.finish))
    late = next(
        t for t in plan.tasks if t.critical and not t.milestone and t.start > date(2026, 5, 1)
    )
    progress.append(TaskProgress(late.id, "In progress", 0.2, late.start, None))
    fill_plan(folder / "plan/project-plan.xlsx", progress)


def _plan_dates(folder: Path) -> dict[str, tuple[date, date]]:
    sheet = load_workbook(folder / "plan/project-plan.xlsx", read_only=True)["Plan"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if "Id" in row and "Start" in row)
    id_col, start, finish = (rows[header].index(k) for k in ("Id", "Start", "Finish"))

    def day(value: object) -> date:
        return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]

    return {
        r[id_col]: (day(r[start]), day(r[finish]))
        for r in rows[header + 1 :]
        if r[id_col] and isinstance(r[start], (date, datetime))
    }


def _snapshots(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / ".implkit/snapshots").glob("*.json"))


def test_build_and_status_at_one_date_show_the_same_dates(tmp_path: Path) -> None:
    folder = _kit(tmp_path)
    before = api.rebuild_kit(folder)  # progress but no status report: the plan's dates
    summary = before.as_dict()
    assert summary["status_date"] is None and summary["progress_entered"] is True
    assert _snapshots(folder) == []  # a build without --as-of records no status date

    report = api.status(folder, as_of=AS_OF)
    assert _snapshots(folder) == [f"{AS_OF}.json"]
    built = api.rebuild_kit(folder)  # takes the last status report's date, and says so
    summary = built.as_dict()
    assert (summary["status_date"], summary["status_date_from"]) == (
        AS_OF.isoformat(),
        "status-report",
    )
    assert _snapshots(folder) == [f"{AS_OF}.json"]  # no second point for the trend
    assert built.kit.as_of == AS_OF
    dates = _plan_dates(folder)
    for line in report.data["milestones"]:  # the report's forecast = the Plan sheet's
        assert dates[line["id"]][1].isoformat() == line["forecast"], line["id"]
    assert report.data["forecast_go_live"] == built.kit.project.go_live.isoformat()
    assert built.kit.project.go_live > before.kit.project.go_live  # the late task moved it
    for task in built.kit.tasks:
        assert dates[task.id] == (task.start, task.finish), task.id
    plan_bytes = (folder / "plan/project-plan.xlsx").read_bytes()
    mspdi = (folder / "exports/project-plan.mspdi.xml").read_bytes()

    pinned = api.rebuild_kit(folder, as_of=AS_OF)  # the same date given: the same bytes
    assert pinned.as_dict()["status_date_from"] == "as-of"
    assert (folder / "plan/project-plan.xlsx").read_bytes() == plan_bytes
    assert (folder / "exports/project-plan.mspdi.xml").read_bytes() == mspdi

    later = AS_OF + timedelta(days=14)
    api.rebuild_kit(folder, as_of=later)  # build --as-of records its status date
    assert _snapshots(folder) == [f"{AS_OF}.json", f"{later}.json"]
    assert api.rebuild_kit(folder).kit.as_of == later


def test_build_says_which_status_date_it_uses(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    folder = _kit(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["build", str(folder)]).output
    assert "no status report yet" in out
    runner.invoke(cli, ["status", str(folder), "--as-of", AS_OF.isoformat()])
    out = runner.invoke(cli, ["build", str(folder)]).output
    assert f"dates forecast as of {AS_OF}, the status date of the last status report" in out


def test_status_names_a_rule_no_date_can_meet(tmp_path: Path) -> None:
    """status warns of a planning rule no date can meet by the task's name, as build does
    (it printed the task id, base.go-live), and its JSON carries the name beside the id."""
    from click.testing import CliRunner

    from generator.cli import cli

    folder = kits.pristine_api(tmp_path / "kit", "manufacturing", start=START.isoformat())
    with (folder / "project.yaml").open("a", encoding="utf-8") as answers:
        answers.write("blackouts:\n  - {name: Moratorium, start: 2026-06-01, end: 2030-12-31}\n")
    api.rebuild_kit(folder)
    go_live = next(t for t in api.load_kit(folder).kit.tasks if t.anchor == "go-live")
    report = api.status(folder, as_of=AS_OF)
    unmet = {rule["task"]: rule for rule in report.data["unmet_rules"]}
    assert unmet[go_live.id]["name"] == go_live.name
    assert "Moratorium" in unmet[go_live.id]["reason"]
    out = CliRunner().invoke(cli, ["status", str(folder), "--as-of", AS_OF.isoformat()]).output
    assert f"warning: {go_live.name} breaks a planning rule" in out
    assert f"warning: {go_live.id} " not in out

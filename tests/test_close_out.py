"""A whole project walked to close: ``status`` at every month end from kickoff, then ``evaluate``.

The team records progress exactly as planned (tasks finished on their planned dates,
started tasks at their share of elapsed days) and effort per role at 105 % of the earned
effort, at every month end from the kickoff to a month after the last task, in English
and in Chinese. Every status run must succeed (a closed project, whose milestones are
all done, used to crash on an empty milestone-trend chart and leave a corrupt workbook),
write both reports whole, and give figures that move the way a project that finishes
moves: percent complete never falls and ends at 100 %, go-live never slips, the cost
performance reflects the 5 % overrun. The evaluation at the end reads the finished kit.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.kit_model import Kit, TaskProgress
from tests.kits import pristine
from tests.tracking_fill import fill_plan

START = date(2026, 3, 2)
OVERRUN = 1.05


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output[result.output.index("{") :]))


def month_ends(first: date, last: date) -> list[date]:
    """Every month end from ``first``'s month to ``last``'s month."""
    out = []
    day = first.replace(day=1)
    while day <= last:
        nxt = (day + timedelta(days=32)).replace(day=1)
        out.append(nxt - timedelta(days=1))
        day = nxt
    return out


def progress_on_plan(kit: Kit, day: date, lang: str) -> tuple[list[TaskProgress], dict[str, float]]:
    """Progress exactly on plan at ``day`` (the forecast's own on-plan helper) and the
    effort spent per role: 105 % of the earned effort."""
    from generator.tracking.forecast import on_plan_progress

    labels = {"Done": "已完成", "In progress": "进行中"} if lang == "zh" else {}
    entries: list[TaskProgress] = []
    spent: dict[str, float] = {}
    effort = {t.id: t.effort for t in kit.tasks}
    for entry in on_plan_progress(kit, day).progress:
        entries.append(replace(entry, status=labels.get(entry.status, entry.status)))
        for role, days in effort[entry.task_id]:
            share = entry.percent_complete or 0.0
            spent[role] = spent.get(role, 0.0) + days * share * OVERRUN
    return entries, {role: round(days, 4) for role, days in spent.items()}


def _reports_whole(folder: Path, day: date) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".tmp")], names  # no partial file left
    for suffix in ("xlsx", "docx"):
        path = folder / f"status-{day.isoformat()}.{suffix}"
        with zipfile.ZipFile(path) as package:  # a whole OOXML package, not 22 bytes
            assert package.testzip() is None
            assert "[Content_Types].xml" in package.namelist()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_project_walked_to_close_reports_every_month(tmp_path: Path, lang: str) -> None:
    from generator import api

    target = tmp_path / f"kit-{lang}"
    pristine(target, "manufacturing", "--start", START.isoformat(), "--lang", lang,
             "--systems", "ERP")  # fmt: skip
    kit = api.load_kit(target, entries=True).kit
    last = max(t.finish for t in kit.tasks)
    days = month_ends(START, last + timedelta(days=31))
    assert len(days) >= 8  # kickoff month to a month after the last task
    plan = target / "plan" / "project-plan.xlsx"
    # open once and saved at every month end: status reads the plan and never writes it
    book = load_workbook(plan)
    previous = -1.0
    results = []
    for day in days:
        entries, spent = progress_on_plan(kit, day, lang)
        fill_plan(plan, entries, spent, book)
        data = run("status", str(target), "--as-of", day.isoformat())
        _reports_whole(target / "reports", day)
        assert data["as_of"] == day.isoformat()
        assert data["percent_complete"] >= previous - 1e-9, (day, data["percent_complete"])
        previous = data["percent_complete"]
        assert data["slip_working_days"] in (0, None), (day, data["slip_working_days"])
        if data["ac"]:
            # 5 % over the earned effort on every role: CPI = 1 / 1.05 within rounding
            assert data["cpi"] == pytest.approx(1 / OVERRUN, abs=0.01), (day, data["cpi"])
            assert data["rag"]["cost"] in ("amber", "green")
        results.append(data)
    final = results[-1]
    assert final["percent_complete"] == pytest.approx(1.0)
    assert final["spi"] == pytest.approx(1.0)
    assert all(m["done"] for m in final["milestones"]), [
        m["id"] for m in final["milestones"] if not m["done"]
    ]
    assert final["forecast_go_live"] == final["baseline_go_live"]
    assert final["eac"] == pytest.approx(final["bac"] * OVERRUN, rel=0.01)
    snapshots = sorted(p.name for p in (target / ".implkit" / "snapshots").glob("*.json"))
    assert [f"{d.isoformat()}.json" for d in days] == [s for s in snapshots if s[:4].isdigit()]

    evaluation = run("evaluate", str(target), "--as-of", days[-1].isoformat())
    project = evaluation["project"]
    assert project["go_live"] == final["forecast_go_live"]
    assert project["on_time"] is True
    assert project["cpi"] == pytest.approx(final["cpi"], abs=1e-4)
    names = {p.name for p in (target / "reports").iterdir()}
    assert f"evaluation-{days[-1].isoformat()}.xlsx" in names


def test_a_failing_report_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while writing the workbook leaves no file, and an earlier report of that
    date as it was."""
    from generator.render import status_xlsx

    target = tmp_path / "kit"
    pristine(target, "manufacturing", "--start", START.isoformat())
    day = date(2026, 4, 30)
    run("status", str(target), "--as-of", day.isoformat())
    report = target / "reports" / f"status-{day.isoformat()}.xlsx"
    before = report.read_bytes()

    def broken(self: Any) -> None:
        self.summary()  # some of the workbook exists when it fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(status_xlsx._Book, "write", broken)
    result = CliRunner().invoke(cli, ["status", str(target), "--as-of", day.isoformat()])
    assert result.exit_code == 1
    assert report.read_bytes() == before
    other = target / "reports" / "status-2026-05-29.xlsx"
    result = CliRunner().invoke(cli, ["status", str(target), "--as-of", "2026-05-29"])
    assert result.exit_code == 1
    assert not other.exists()
    assert not [p.name for p in (target / "reports").iterdir() if p.name.endswith(".tmp")]

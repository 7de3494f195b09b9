"""Exports carry progress: MSPDI read back by MPXJ, the schema, Jira status and estimates."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.kit_model import Kit
from generator.render.mspdi import render_mspdi
from generator.render.trackers_csv import jira_files
from generator.tracking.baseline import plan_as_baseline
from generator.tracking.exports import ado_state, jira_status, task_progress
from generator.tracking.forecast import forecast_kit
from tests.mpxj_reader import _require, subset_schema
from tests.tracking_example import AS_OF, example_kit


def tracked() -> Kit:
    """The worked example on its forecast at 2026-03-12, baselined on the plan."""
    kit = example_kit()
    return replace(forecast_kit(kit, AS_OF), baseline=plan_as_baseline(kit))


def test_progress_fields_per_task() -> None:
    out = task_progress(tracked())
    a, b, m = out["A"], out["B"], out["M"]
    assert (a.percent, a.actual_start, a.actual_finish, a.state) == (
        100,
        date(2026, 3, 2),
        date(2026, 3, 6),
        "done",
    )
    assert (b.percent, b.actual_start, b.actual_finish, b.remaining_days, b.state) == (
        25,
        date(2026, 3, 9),
        None,
        6,
        "active",
    )
    assert (m.percent, m.actual_start, m.state) == (0, None, "open")
    assert b.baseline == (date(2026, 3, 9), date(2026, 3, 18), 8)


def test_mspdi_validates_and_mpxj_reads_progress_actuals_baseline_and_status_date(
    tmp_path: Path,
) -> None:
    kit = tracked()
    path = tmp_path / "plan.xml"
    render_mspdi(kit, path)
    errors = [str(e.reason) for e in subset_schema().iter_errors(str(path))]
    assert not errors, errors[:3]
    _require()
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    project = UniversalProjectReader().read(str(path))

    def day(value: Any) -> date | None:
        return None if value is None else date.fromisoformat(str(value.toLocalDate()))

    tasks = {str(t.getName()): t for t in project.getTasks() if t.getName() is not None}
    a, b, m = tasks["Task A"], tasks["Task B"], tasks["Task M"]
    assert float(a.getPercentageComplete()) == 100
    assert float(b.getPercentageComplete()) == 25
    assert float(m.getPercentageComplete()) == 0
    assert (day(a.getActualStart()), day(a.getActualFinish())) == (
        date(2026, 3, 2),
        date(2026, 3, 6),
    )
    assert (day(b.getActualStart()), day(b.getActualFinish())) == (date(2026, 3, 9), None)
    assert (day(b.getBaselineStart()), day(b.getBaselineFinish())) == (
        date(2026, 3, 9),
        date(2026, 3, 18),
    )
    assert day(b.getFinish()) == date(2026, 3, 20)  # the forecast
    assert day(m.getBaselineFinish()) == date(2026, 3, 18)
    assert day(project.getProjectProperties().getStatusDate()) == AS_OF


def test_untracked_kit_writes_no_actuals(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    render_mspdi(example_kit(tracked=False), path)
    text = path.read_text(encoding="utf-8")
    assert "ActualStart" not in text and "StatusDate" not in text and "<Baseline>" not in text


def test_jira_and_azure_states_and_remaining_estimates() -> None:
    kit = tracked()
    out = task_progress(kit)
    a, b, m = kit.task("A"), kit.task("B"), kit.task("M")
    assert jira_status(out["A"], a) == ("Done", 0)
    # B: 12 person-days, 6 of 8 working days left -> 9 person-days x 8 h
    assert jira_status(out["B"], b) == ("In Progress", 9 * 8 * 3600)
    assert jira_status(out["M"], m) == ("To Do", "")
    assert ado_state(out["B"], b, "agile") == ("Active", 72.0)
    assert ado_state(out["A"], a, "scrum") == ("Done", 0.0)
    assert ado_state(out["M"], m, "basic") == ("To Do", "")


def test_jira_csv_carries_status_and_remaining_estimate() -> None:
    rows = list(csv.reader(io.StringIO(jira_files(tracked())[0].decode("utf-8-sig"))))
    header = rows[0]
    assert "Status" in header and "Remaining Estimate" in header
    by_summary = {r[header.index("Summary")]: r for r in rows[1:]}
    b = by_summary["Task B"]
    assert b[header.index("Status")] == "In Progress"
    assert b[header.index("Remaining Estimate")] == str(9 * 8 * 3600)


@pytest.mark.parametrize(
    ("process", "expected"),
    [("agile", "Active"), ("scrum", "Committed"), ("cmmi", "Active"), ("basic", "Doing")],
)
def test_azure_boards_csv_carries_each_process_state(process: str, expected: str) -> None:
    from generator.kit_model import TrackerIds, TrackerLink
    from generator.render.ado_csv import ado_files

    # a State is written for items Azure Boards already has (an ID learnt by an import):
    # a new item gets none, as the import creates it in the process's first state
    kit = tracked()
    links = tuple(TrackerLink("ado", t.id, str(100 + n)) for n, t in enumerate(kit.tasks))
    kit = replace(kit, trackers=TrackerIds(links))
    data = ado_files(kit, process)[0].decode("utf-8-sig")  # type: ignore[arg-type]
    rows = list(csv.DictReader(io.StringIO(data)))
    states = {r["Work Item Type"]: r["State"] for r in rows if "Task B" in r.values()}
    assert list(states.values()) == [expected]
    done = [r["State"] for r in rows if "Task A" in r.values()]
    assert done and done[0] in ("Closed", "Done")

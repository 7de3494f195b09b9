"""Re-baselining: a baseline taken from a forecast stores durations that match its dates,
and planned value after it follows the documented definition (docs/tracking.md, worked
example "Re-baselining")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.calendar import workdays_between
from generator.render.mspdi import render_mspdi
from generator.tracking.baseline import baseline_data, baseline_view, load_baseline, save_baseline
from generator.tracking.evm import earned_value
from generator.tracking.forecast import forecast_kit
from tests.mpxj_reader import read_mspdi
from tests.tracking_example import AS_OF, example_kit


def test_a_baseline_from_a_forecast_stores_the_days_its_dates_span() -> None:
    moved = forecast_kit(example_kit(), AS_OF)  # B 25 % on 03-12: finishes 03-20, not 03-18
    data = baseline_data(moved, "after-cr-1", AS_OF)
    b = next(t for t in data["tasks"] if t["id"] == "B")
    assert (b["start"], b["finish"]) == ("2026-03-09", "2026-03-20")
    assert b["duration"] == 10  # 9-13 and 16-20 March, not the planned 8
    for task in data["tasks"]:
        if not task["milestone"]:
            first, last = date.fromisoformat(task["start"]), date.fromisoformat(task["finish"])
            assert task["duration"] == workdays_between(moved, first, last), task["id"]


def test_planned_value_after_a_re_baseline_is_the_hand_calculation() -> None:
    """docs/tracking.md: PV = budget x share of the task's baseline working days on or
    before the status date. New baseline B 03-09..03-20 (10 days, 12,000): on 03-16 six
    of its days have passed (9-13, 16 March), so PV = 10,000 + 12,000 x 6/10 = 17,200
    (a baseline that kept the planned 8 days gave 10,000 + 12,000 x 6/8 = 19,000)."""
    moved = forecast_kit(example_kit(), AS_OF)
    baseline = baseline_view(baseline_data(moved, "after-cr-1", AS_OF))
    evm = earned_value(moved, date(2026, 3, 16), baseline=baseline)
    assert evm.project.bac == pytest.approx(22_000)
    assert evm.project.pv == pytest.approx(17_200)
    end = earned_value(moved, date(2026, 3, 20), baseline=baseline)
    assert end.project.pv == pytest.approx(22_000)  # all of it planned by the new finish


def test_mspdi_baseline_duration_and_work_match_the_baseline_dates(tmp_path: Path) -> None:
    moved = forecast_kit(example_kit(), AS_OF)
    save_baseline(tmp_path, moved, name="after-cr-1", taken=AS_OF)
    kit = replace(moved, baseline=load_baseline(tmp_path))
    path = tmp_path / "plan.xml"
    render_mspdi(kit, path)
    import xml.etree.ElementTree as ET

    ns = {"p": "http://schemas.microsoft.com/project"}
    tasks = {
        t.findtext("p:Name", namespaces=ns): t
        for t in ET.parse(path).getroot().iterfind("p:Tasks/p:Task", ns)
    }
    b = tasks[kit.task("B").name].find("p:Baseline", ns)
    assert b is not None
    assert b.findtext("p:Start", namespaces=ns) == "2026-03-09T08:00:00"
    assert b.findtext("p:Finish", namespaces=ns) == "2026-03-20T17:00:00"
    assert b.findtext("p:Duration", namespaces=ns) == "PT80H0M0S"  # 10 working days
    assert b.findtext("p:Work", namespaces=ns) == "PT96H0M0S"  # 12 person-days
    got = {t.name: t for t in read_mspdi(path).tasks}[kit.task("B").name]
    assert got.baseline_days == 10
    assert got.baseline_work_hours == 96

"""The Plan sheet and the Gantt show the current baseline beside the forecast.

The worked example of :mod:`tests.tracking_example` at 2026-03-12: A done on plan, B 25 %
complete finishes 6 working days after the status date (03-20, baseline 03-18), so B, the
go-live milestone M and phase p2 slip 2 working days; A and phase p1 do not slip.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.kit_model import Kit
from generator.render.workbook.plan_tasks import slip_days
from generator.render.xlsx_plan import render_plan
from generator.sheets import plan as decl
from generator.tracking.baseline import plan_as_baseline
from generator.tracking.forecast import forecast_kit
from tests.tracking_example import AS_OF, example_kit

HEADERS = {
    "en": ("Baseline start", "Baseline finish", "Finish slip (working days)"),
    "zh": ("基线开始", "基线完成", "完成偏差（工作日）"),
}


def tracked(lang: str = "en", *, drop: str = "") -> Kit:
    """The example forecast at :data:`AS_OF`, baselined on its plan (without task ``drop``)."""
    kit = example_kit()
    if lang == "zh":
        kit = replace(kit, lang="zh")
    baseline = plan_as_baseline(kit)
    if drop:
        baseline = replace(baseline, tasks=tuple(t for t in baseline.tasks if t.task_id != drop))
    return replace(forecast_kit(kit, AS_OF), baseline=baseline)


def _sheet_rows(path: Path, title: str, key: str) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """Header labels and {row id: {header: value}} of a declared sheet read back."""
    ws = load_workbook(path)[title]
    header_row = next(
        r for r in ws.iter_rows(min_row=1, max_row=12) if any(c.value == key for c in r)
    )
    labels = [c.value for c in header_row]
    rows: dict[str, dict[str, Any]] = {}
    for row in ws.iter_rows(min_row=header_row[0].row + 1, values_only=True):
        if row[0] is None:
            continue
        rows[str(row[0])] = dict(zip(labels, row))
    return labels, rows


def _day(value: Any) -> date | None:
    return value.date() if isinstance(value, datetime) else value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_shows_baseline_dates_and_the_finish_slip(tmp_path: Path, lang: str) -> None:
    kit = tracked(lang)
    path = tmp_path / "plan.xlsx"
    render_plan(kit, path)
    title = decl.TASKS.title(lang)
    labels, rows = _sheet_rows(path, title, "编号" if lang == "zh" else "Id")
    bs, bf, slip = HEADERS[lang]
    assert {bs, bf, slip} <= set(labels)
    finish = "完成" if lang == "zh" else "Finish"
    assert _day(rows["B"][finish]) == date(2026, 3, 20)  # the forecast, not the plan
    assert _day(rows["B"][bs]) == date(2026, 3, 9)
    assert _day(rows["B"][bf]) == date(2026, 3, 18)
    assert rows["B"][slip] == 2
    assert rows["M"][slip] == 2
    assert (_day(rows["A"][bf]), rows["A"][slip]) == (date(2026, 3, 6), 0)
    # phase rows: the phase's baseline span and slip
    assert (_day(rows["p2"][bs]), _day(rows["p2"][bf]), rows["p2"][slip]) == (
        date(2026, 3, 9),
        date(2026, 3, 18),
        2,
    )
    assert rows["p1"][slip] == 0
    # slips above zero are flagged red by a conditional format on the slip column
    ws = load_workbook(path)[title]
    col = labels.index(slip) + 1
    letter = ws.cell(row=1, column=col).column_letter
    rules = [
        (str(rng.sqref), rule)
        for rng in ws.conditional_formatting
        for rule in rng.rules
        if str(rng.sqref).startswith(letter)
    ]
    assert any(r.type == "cellIs" and r.operator == "greaterThan" for _, r in rules), rules


def test_a_task_added_after_the_baseline_has_blank_baseline_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    render_plan(tracked(drop="B"), path)
    _, rows = _sheet_rows(path, decl.TASKS.title("en"), "Id")
    assert rows["B"]["Baseline start"] is None
    assert rows["B"]["Finish slip (working days)"] is None
    # the phase measures what was baselined: M only
    assert _day(rows["p2"]["Baseline start"]) == date(2026, 3, 18)


def test_a_kit_without_a_baseline_leaves_the_columns_blank(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    render_plan(replace(tracked(), baseline=None), path)
    _, rows = _sheet_rows(path, decl.TASKS.title("en"), "Id")
    for key in ("A", "B", "M", "p1", "p2"):
        assert all(rows[key][h] is None for h in HEADERS["en"]), rows[key]
    gantt = load_workbook(path)[decl.GANTT.title("en")]
    formulas = [r.formula[0] for rng in gantt.conditional_formatting for r in rng.rules]
    assert not any("$G" in f for f in formulas if f)


def test_gantt_draws_the_baseline_under_the_bar_from_hidden_columns(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    render_plan(tracked(), path)
    ws = load_workbook(path)[decl.GANTT.title("en")]
    header = next(r[0].row for r in ws.iter_rows(min_row=1, max_row=8) if r[0].value == "WBS")
    labels = [c.value for c in ws[header]]
    g = labels.index("Baseline start") + 1
    h = labels.index("Baseline finish") + 1
    assert h == g + 1 == 8
    hidden = ws.column_dimensions["G"]  # openpyxl reads G:H as one range
    assert hidden.hidden and (hidden.max == 8 or ws.column_dimensions["H"].hidden)
    by_wbs = {
        r[0]: r for r in ws.iter_rows(min_row=header + 1, values_only=True) if r[0] is not None
    }
    assert _day(by_wbs["2.1"][g - 1]) == date(2026, 3, 9)
    assert _day(by_wbs["2.1"][h - 1]) == date(2026, 3, 18)
    assert _day(by_wbs["2.1"][3]) == date(2026, 3, 20)  # the current bar ends later
    area = next(cf for cf in ws.conditional_formatting if "$G4" in str(cf.rules[0].formula))
    rules = sorted(area.rules, key=lambda r: r.priority)  # the timeline's rules
    on_base = [r for r in rules if "$G" in r.formula[0] and "$H" in r.formula[0]]
    plain = [r for r in rules if r not in on_base]
    # every bar's fill has a twin with the line under it, ahead of it (LibreOffice applies
    # the first true rule only); the line alone comes after all fills
    assert on_base and all(r.dxf.border.bottom.style == "thick" for r in on_base)
    bar = next(r for r in plain if r.formula[0] == "AND($C4<I$3+1,$D4>=I$3)")
    twin = next(r for r in on_base if r.formula[0].endswith(",AND($C4<I$3+1,$D4>=I$3))"))
    assert twin.priority < bar.priority and twin.stopIfTrue
    assert twin.dxf.fill.fgColor.rgb.endswith("5B9BD5") or twin.dxf.fill.bgColor.rgb.endswith(
        "5B9BD5"
    )
    alone = on_base[-1]
    assert alone.priority > max(r.priority for r in plain)
    assert alone.dxf.fill is None or alone.dxf.fill.patternType is None
    legend = [c.value for row in ws.iter_rows(min_row=header + 1) for c in row[1:2]]
    assert any(isinstance(v, str) and v.startswith("Baseline plan (") for v in legend), legend


def test_slip_counts_working_days_on_the_kit_calendar() -> None:
    kit = tracked()
    friday, monday = date(2026, 3, 13), date(2026, 3, 16)
    assert slip_days(kit, friday, monday) == 1  # the weekend does not count
    assert slip_days(kit, monday, friday) == -1
    assert slip_days(kit, friday, friday) == 0
    assert slip_days(kit, date(2026, 3, 18), date(2026, 3, 20)) == 2


@pytest.mark.parametrize(("lang", "shown"), [("en", "Initial baseline ("), ("zh", "初始基线（")])
def test_the_initial_baseline_is_named_in_the_kit_language(
    tmp_path: Path, lang: str, shown: str
) -> None:
    """`new` saves a baseline called `initial`: the legend shows its display name, not the key."""
    kit = tracked(lang)
    kit = replace(kit, baseline=replace(kit.baseline, name="initial"))
    path = tmp_path / "plan.xlsx"
    render_plan(kit, path)
    texts = [
        c.value
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert any(t.startswith(shown) for t in texts)
    assert not any("initial" in t for t in texts if not t.startswith("_"))

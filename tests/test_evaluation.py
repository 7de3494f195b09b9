"""The post-project-evaluation template's "planned" column is filled from the plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.carry.read import read_workbook
from generator.evaluation.planned import planned_values, sample_planned
from generator.evaluation.quality import changes, defects, nps_score, surveys, team
from tests.kits import pristine


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_planned_column_equals_the_plan_sheet(tmp_path: Path, lang: str) -> None:
    kit = pristine(tmp_path / "kit", "base", "--start", "2026-03-02", "--lang", lang)
    text = (kit / "05-run/post-project-evaluation.md").read_text(encoding="utf-8")
    plan = read_workbook(kit / "plan/project-plan.xlsx", "plan", frozenset({"plan.tasks"}))
    sheet = plan.sheet("plan.tasks")
    assert sheet is not None
    phases = {r.key: r.values for r in sheet.rows if str(r.values.get("type")) in ("Phase", "阶段")}
    names = {"en": ("Prepare", "Realize"), "zh": ("项目准备", "系统实现")}[lang]
    for phase, name in zip(("prepare", "realize"), names, strict=True):
        row = re.search(rf"^\| {name} \| ([\d,.]+) \|", text, flags=re.M)
        assert row, name
        assert float(row.group(1).replace(",", "")) == pytest.approx(phases[phase]["effort"])
    assert "{{" not in text and "| **" in text


def test_planned_values_of_an_unknown_key_read_empty() -> None:
    sample = sample_planned()
    assert sample["effort_prepare"] and sample["no_such_phase"] == ""


def test_quality_formulas_by_hand() -> None:
    # NPS = (promoters - detractors) / responses x 100
    assert nps_score(8, 1, 1) == 70.0 and nps_score(0, 0, 0) is None
    s = surveys(
        [
            {"id": "g1", "promoters": 8, "passives": 1, "detractors": 1},
            {"id": "g2", "detractors": 2},
        ]
    )
    assert s["nps"] == pytest.approx((8 - 3) / 12 * 100, abs=0.01) and s["responses"] == 12
    from datetime import date

    d = defects(
        [
            {
                "cycle": "uat-1",
                "severity": "critical",
                "found": date(2026, 7, 1),
                "closed": date(2026, 7, 5),
            },
            {"cycle": "production", "severity": "minor", "found": date(2026, 9, 1)},
            {"notes": "a row with only a note is no defect"},
        ],
        200.0,
    )
    assert (d["defects"], d["escaped"], d["open"], d["closure_days"]) == (2, 1, 1, 4.0)
    assert d["density"] == 1.0  # 2 / 200 x 100
    t = team([{"person": "wang", "actual": 40, "available": 50}, {"person": "li", "actual": 10}])
    assert t["utilisation"] == 0.8  # li has no available days: not counted
    c = changes(
        [
            {"change": "x", "decision": "approved", "schedule_days": 5, "cost_impact": 100},
            {"change": "y"},
        ]
    )
    assert (c["requests"], c["approved"], c["open"], c["days_added"]) == (2, 1, 1, 5.0)


def test_planned_values_from_a_kit() -> None:
    from tests.sample_kit import sample_kit

    kit = sample_kit("en")
    values = planned_values(kit)
    total = sum(t.effort_days for t in kit.tasks)
    assert float(values["effort_total"].replace(",", "")) == pytest.approx(total, abs=0.05)


def test_dashboard_keeps_hostile_text_as_text() -> None:
    from generator.portfolio.rollup import aggregate, by_month, by_pack
    from generator.render.portfolio_html import render_html

    row = {
        "path": '/kits/"><script>alert(1)</script>',
        "error": None,
        "pack": "<b>pack</b>",
        "client": "<script>alert(2)</script>",
        "name": '=HYPERLINK("http://x")',
        "phase": "",
        "baseline_go_live": "2026-10-01",
        "forecast_go_live": "2026-10-01",
        "live": True,
        "on_time": True,
        "early": False,
        "spi": None,
        "cpi": None,
        "open_red_risks": 0,
        "open_change_requests": 0,
        "first_pass": 0,
        "first_pass_answered": 0,
        "first_pass_rate": None,
        "nps": 10.0,
        "promoters": 1,
        "passives": 0,
        "detractors": 0,
        "defects": 0,
        "planned_effort_days": 10.0,
        "delayed_by_changes": False,
        "consultants": [],
        "planned_duration_days": 100,
        "actual_duration_days": 100,
    }
    data = {
        "as_of": "2026-11-30",
        "projects": [row],
        "unreadable": [{"path": "/x/<img src=x>", "reason": "<i>bad</i>"}],
        "summary": aggregate([row]),
        "months": by_month([row]),
        "packs": by_pack([row]),
    }
    page = render_html(data, "en")
    assert "<script" not in page and "<img" not in page and "<b>pack" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page

"""Cost recorded in a real kit: the Budget, the effort log, rate changes and expenses.

A consultant types what was spent into a manufacturing kit (ERP + MES), in English and
in Chinese: a day-rate change, dated effort (one row on an MES task), undated effort
and a typed cost on the Budget, two expenses. Then MES leaves the scope. The status
before and after the rebuild shows the same AC (nothing recorded is dropped), the build
names the role and the task that left with their actuals, the Budget keeps the role in
its "Removed from scope" section, and every formula of the cost sheets stores the value
LibreOffice computes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.sheets.cost import EFFORT, EXPENSES, RATES
from generator.sheets.plan import BUDGET
from tests.kits import pristine
from tests.office import recalculated_copy, require_office
from tests.tracking_fill import fill_budget, fill_register

AS_OF = date(2026, 4, 30)
MES_TASK = "mfg.mes-execution-config"


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output[result.output.index("{") :]))


def _formulas_match_libreoffice(plan: Path, tmp: Path, titles: list[str]) -> int:
    """Every formula on ``titles`` stores the value LibreOffice computes; returns how many."""
    formulas = load_workbook(plan)
    stored = load_workbook(plan, data_only=True)
    computed = load_workbook(recalculated_copy(plan, tmp), data_only=True)
    checked, wrong = 0, []
    for title in titles:
        for row in formulas[title].iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                checked += 1
                mine = stored[title][cell.coordinate].value
                theirs = computed[title][cell.coordinate].value
                mine, theirs = (None if v == "" else v for v in (mine, theirs))
                if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
                    same = abs(mine - theirs) < 1e-6
                else:
                    same = mine == theirs
                if not same:
                    wrong.append(f"{title}!{cell.coordinate}: stored {mine!r}, computed {theirs!r}")
    assert not wrong, "\n".join(wrong[:20])
    return checked


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recorded_cost_survives_a_scope_removal_and_matches_libreoffice(
    tmp_path: Path, lang: str
) -> None:
    from generator.api import load_kit
    from generator.carry.report import report_lines
    from generator.sheets.lists import EXPENSE_CATEGORY

    target = tmp_path / f"kit-{lang}"
    pristine(target, "manufacturing", "--start", "2026-03-02", "--lang", lang,
             "--systems", "ERP,MES")  # fmt: skip
    kit = load_kit(target, entries=True).kit
    rate = {r.id: r.day_rate for r in kit.roles}
    pm, mes = "project-manager", "mes-consultant"
    cur = kit.project.currency
    plan = target / "plan" / "project-plan.xlsx"
    book = load_workbook(plan)  # open once for the four registers typed in
    fill_register(
        plan, RATES.key, [{"role": pm, "from": date(2026, 4, 1), "rate": 4000.0}], lang, cur, book
    )
    fill_register(
        plan,
        EFFORT.key,
        [
            {"date": date(2026, 3, 31), "role": kit.role_name(pm), "days": 10.0, "person": "Li"},
            {"date": date(2026, 4, 15), "role": pm, "days": 5.0, "person": "Li"},
            {"date": date(2026, 4, 10), "role": mes, "days": 6.0, "task": MES_TASK},
            {"date": date(2026, 5, 4), "role": pm, "days": 2.0},  # after the status date
        ],
        lang,
        cur,
        book,
    )
    fill_register(
        plan,
        EXPENSES.key,
        [
            {
                "date": date(2026, 4, 5),
                "category": EXPENSE_CATEGORY.label("travel", lang),
                "amount": 2000.0,
            },
            {
                "date": date(2026, 6, 1),
                "category": EXPENSE_CATEGORY.label("licences", lang),
                "amount": 10000.0,
            },
        ],
        lang,
        cur,
        book,
    )
    fill_budget(
        plan,
        {mes: {"actual_effort": 39.0}, "client-project-manager": {"cost_entered": 5000.0}},
        lang,
        cur,
        book,
    )
    run("build", str(target))
    before = run("status", str(target), "--as-of", AS_OF.isoformat())
    expected = (
        10 * rate[pm]
        + 5 * 4000.0  # the new rate from 04-01; the 05-04 day is after the status date
        + (39 + 6) * rate[mes]
        + 5000.0
        + 2000.0  # travel; the licences are paid after the status date
    )
    assert before["ac"] == pytest.approx(expected)
    assert before["expenses"] == pytest.approx(2000.0)
    assert before["cost_coverage"]["roles_recorded"] == 3
    assert before["cost_coverage"]["roles"] == 28

    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    assert 'systems: ["ERP", "MES"]' in text
    answers.write_text(
        text.replace('systems: ["ERP", "MES"]', 'systems: ["ERP"]'), encoding="utf-8"
    )
    built = run("build", str(target))
    gone = {(item["kind"], item["id"]): item for item in built["carry"]["out_of_scope"]}
    assert gone[("role", mes)]["effort"] == pytest.approx(45)
    assert gone[("role", mes)]["cost"] == pytest.approx(45 * rate[mes])
    assert gone[("task", MES_TASK)]["effort"] == pytest.approx(6)
    lines = "\n".join(report_lines(built["carry"]))
    assert mes in lines and MES_TASK in lines
    after = run("status", str(target), "--as-of", AS_OF.isoformat())
    assert after["ac"] == pytest.approx(before["ac"])  # nothing recorded was dropped
    assert after["cost_coverage"]["removed_roles"] == [mes]
    assert after["cost_coverage"]["roles"] == 25

    book = load_workbook(plan, data_only=True)
    budget = book[BUDGET.title(lang)]
    rows = {r[0]: r for r in budget.iter_rows(values_only=True) if r and r[0]}
    assert mes in rows  # kept, in the "Removed from scope" section
    labels = [r[1] for r in budget.iter_rows(values_only=True) if r and not r[0] and r[1]]
    from generator.render.workbook.plan_cost import labels as cost_labels

    assert cost_labels(lang)["removed"] in labels
    grand = next(
        r for r in budget.iter_rows(values_only=True) if r[1] == cost_labels(lang)["ac_total"]
    )
    everything = expected + 2 * 4000.0 + 10000.0  # the Budget counts every date
    assert max(v for v in grand if isinstance(v, (int, float))) == pytest.approx(everything)

    require_office()
    titles = [s.title(lang) for s in (BUDGET, EFFORT, RATES, EXPENSES)]
    assert _formulas_match_libreoffice(plan, tmp_path, titles) > 100

"""The Budget sheet read straight from the plan (generator.tracking.budget.spent_from_workbook):
what ``status`` counts as spent when no Budget entry was carried, rows matched by role id
or by the role's name, values as openpyxl reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator import api
from generator.tracking.budget import spent_from_workbook
from generator.tracking.evm import RoleActual
from tests import kits
from tests.tracking_fill import fill_plan


def _budget_rows(plan: Path, lang: str) -> dict[str, tuple[object, ...]]:
    """Role id -> the Budget row's values, as openpyxl reads them."""
    book = load_workbook(plan, read_only=True, data_only=True)
    sheet = book["Budget" if lang == "en" else "预算"]
    rows = {str(r[0]): tuple(r) for r in sheet.iter_rows(values_only=True) if r and r[0]}
    book.close()
    return rows


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_budget_values_typed_are_read_back(tmp_path: Path, lang: str) -> None:
    folder = kits.pristine_api(tmp_path / "kit", "manufacturing", start="2027-01-04", lang=lang)
    kit = api.load_kit(folder).kit
    plan = folder / "plan/project-plan.xlsx"
    assert spent_from_workbook(kit, plan) == {}  # nothing typed yet
    listed = _budget_rows(plan, lang)
    first, second = [role for role in kit.roles if role.id in listed][:2]
    # one row found by its id, one by the role's name
    fill_plan(plan, [], {first.id: 12.5, second.name: 3})

    spent = spent_from_workbook(kit, plan)

    rows = _budget_rows(plan, lang)
    rate = {role: float(rows[role][3]) for role in (first.id, second.id)}  # type: ignore[arg-type]
    assert spent == {
        first.id: RoleActual(first.id, effort=12.5, cost=None, rate=rate[first.id]),
        second.id: RoleActual(second.id, effort=3, cost=None, rate=rate[second.id]),
    }


def test_a_budget_sheet_without_rows_gives_nothing(tmp_path: Path) -> None:
    folder = kits.pristine_api(tmp_path / "kit", "manufacturing", start="2027-01-04")
    kit = api.load_kit(folder).kit
    plan = folder / "plan/project-plan.xlsx"
    book = load_workbook(plan)
    sheet = book["Budget"]
    sheet.delete_rows(1, sheet.max_row)
    book.save(plan)
    assert spent_from_workbook(kit, plan) == {}

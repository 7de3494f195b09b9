"""Recording cost (generator.tracking.cost): rates in force, typed cost, expenses, coverage.

The hand calculation is the worked example "Recording cost" in docs/tracking.md: the
EVM example of tests/tracking_example.py after a day-rate change, expenses, a task and
its role leaving the scope, and a re-baseline.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from generator.kit_model import CellValue, Kit, Role, SheetEntries
from generator.tracking.baseline import baseline_data, baseline_view
from generator.tracking.cost import ledger_of, removed_roles
from generator.tracking.evm import earned_value
from generator.tracking.status import status_of
from tests.tracking_example import AS_OF, example_kit

d = date


def _entries(sheet: str, rows: list[dict[str, Any]]) -> SheetEntries:
    """Rows the team typed on a sheet whose rows are all the team's (added rows)."""
    added: tuple[tuple[tuple[str, CellValue], ...], ...] = tuple(tuple(row.items()) for row in rows)
    return SheetEntries(sheet, added=added)


def recorded_kit(*, budget: tuple[tuple[str, tuple[tuple[str, CellValue], ...]], ...] = ()) -> Kit:
    """The example after the scope change: QA (1,000 CNY/day) worked 2 person-days on a
    task that was removed with the role's only planned work; pm's rate rose to 2,500 from
    03-09; travel and licences were paid."""
    kit = example_kit()
    roles = (*kit.roles, Role("qa", "QA engineer", "", "vendor", 1000.0))
    effort = _entries(
        "plan.effort",
        [
            {"id": "E-0001", "date": d(2026, 3, 6), "role": "pm", "days": 5.0, "task": "A"},
            {"id": "E-0002", "date": d(2026, 3, 11), "role": "Project manager", "days": 3.0},
            {"id": "E-0003", "date": d(2026, 3, 13), "role": "pm", "days": 1.0},  # after
            {"id": "E-0004", "date": d(2026, 3, 12), "role": "ku", "days": 2.0, "task": "B"},
            {"id": "E-0005", "date": d(2026, 3, 4), "role": "qa", "days": 2.0, "task": "C"},
        ],
    )
    rates = _entries(
        "plan.rates", [{"id": "R-01", "role": "pm", "from": d(2026, 3, 9), "rate": 2500.0}]
    )
    expenses = _entries(
        "plan.expenses",
        [
            {"id": "X-001", "date": d(2026, 3, 10), "category": "travel", "amount": 1200.0},
            {"id": "X-002", "date": d(2026, 3, 20), "category": "licences", "amount": 3000.0},
        ],
    )
    entries = [effort, rates, expenses]
    if budget:
        entries.append(SheetEntries("plan.budget", rows=budget))
    return replace(kit, roles=roles, entries=tuple(entries))


def rebaselined(kit: Kit) -> Any:
    """The baseline ``implkit baseline`` saves on 03-09 after the scope change (the plan
    had not moved: its dates are the plan's)."""
    return baseline_view(baseline_data(kit, "after-cr-1", d(2026, 3, 9)))


def test_hand_calculation_after_rate_change_expense_scope_removal_and_rebaseline() -> None:
    kit = recorded_kit()
    evm = earned_value(kit, AS_OF, baseline=rebaselined(kit))
    p = evm.project
    assert p.bac == pytest.approx(22_000)  # A 10,000 + B 12,000 (C left with the re-baseline)
    assert p.pv == pytest.approx(16_000)
    assert p.ev == pytest.approx(13_000)
    # pm 5 x 2,000 + 3 x 2,500 (from 03-09; the 03-13 day is after the status date),
    # ku 2 x 500, qa 2 x 1,000 (removed from scope, still counted), travel 1,200
    assert p.ac == pytest.approx(10_000 + 7_500 + 1_000 + 2_000 + 1_200)
    assert p.ac == pytest.approx(21_700)
    assert evm.cost is not None and evm.cost.expenses == pytest.approx(1_200)
    assert p.ev_rec == pytest.approx(13_000)  # pm and ku, the planned roles, both recorded
    assert p.cv == pytest.approx(-8_700)
    assert p.spi == pytest.approx(0.8125)
    assert p.cpi == pytest.approx(13_000 / 21_700)
    assert p.cpi == pytest.approx(0.5991, abs=1e-4)
    assert p.eac == pytest.approx(36_723.08, abs=0.01)
    assert p.etc == pytest.approx(15_023.08, abs=0.01)
    assert p.vac == pytest.approx(-14_723.08, abs=0.01)
    coverage = evm.coverage
    assert coverage is not None
    assert (coverage.recorded, coverage.roles, coverage.partial) == (2, 2, False)
    assert coverage.ev_share == pytest.approx(1.0)
    assert coverage.removed == ("qa",)
    assert removed_roles(kit) == ["qa"]
    effort = {s.side: s.actual for s in evm.sides}
    assert effort["vendor"] == pytest.approx(5 + 3 + 2)  # pm and qa
    assert effort["client"] == pytest.approx(2)


def test_a_rate_change_never_reprices_earlier_effort() -> None:
    ledger = ledger_of(recorded_kit())
    assert ledger.rate_on("pm", d(2026, 3, 8)) == 2000
    assert ledger.rate_on("pm", d(2026, 3, 9)) == 2500
    before = ledger.actuals(d(2026, 3, 8), money=True).roles["pm"]
    assert before.cost == pytest.approx(10_000)  # the 5 days of 03-06 at 2,000
    later = ledger.actuals(d(2026, 3, 31), money=True).roles["pm"]
    assert later.cost == pytest.approx(10_000 + 4 * 2_500)
    assert later.effort == pytest.approx(9)


def test_a_typed_actual_cost_wins_over_the_effort_cost() -> None:
    kit = recorded_kit(budget=(("ku", (("cost_entered", 4_321.0),)),))
    cost = ledger_of(kit).actuals(AS_OF, money=True)
    assert cost.roles["ku"].cost == pytest.approx(4_321)
    assert cost.roles["ku"].entered and cost.roles["ku"].effort == pytest.approx(2)
    assert cost.ac == pytest.approx(21_700 - 1_000 + 4_321)


def test_undated_budget_effort_is_priced_at_the_budget_rate_and_flagged() -> None:
    kit = recorded_kit(budget=(("pm", (("actual_effort", 4.0), ("rate", 1800.0))),))
    ledger = ledger_of(kit)
    assert ledger.rate_on("pm", d(2026, 3, 1)) == 1800  # the Budget rate, from the start
    cost = ledger.actuals(AS_OF, money=True)
    assert cost.roles["pm"].cost == pytest.approx(4 * 1800 + 5 * 1800 + 3 * 2500)
    assert [p.kind for p in cost.problems] == ["undated-after-change"]


def test_cost_recorded_for_some_roles_is_measured_over_their_work_and_flagged_partial() -> None:
    """Only pm records cost: CPI compares pm's cost with pm's earned value, not with all EV."""
    kit = replace(
        example_kit(),
        entries=(
            _entries(
                "plan.effort",
                [{"id": "E-1", "date": d(2026, 3, 12), "role": "pm", "days": 7.0}],
            ),
        ),
    )
    status = status_of(kit, AS_OF, baseline=None, spent={}, snapshots=[])
    p = status.evm.project
    # A (pm only) 10,000; B split by planned cost: pm 8,000 / ku 4,000 of 12,000 -> 2/3
    assert p.ev_rec == pytest.approx(10_000 + 3_000 * 2 / 3)
    assert p.ac == pytest.approx(14_000)
    assert p.cpi == pytest.approx(12_000 / 14_000)
    coverage = status.evm.coverage
    assert coverage is not None and (coverage.recorded, coverage.roles) == (1, 2)
    assert coverage.ev_share == pytest.approx(12_000 / 13_000)
    assert not coverage.partial  # 92 % >= 80 %
    data = status.as_json()
    assert data["cost_coverage"]["roles_recorded"] == 1
    strict = status_of(
        kit,
        AS_OF,
        baseline=None,
        spent={},
        snapshots=[],
        thresholds={"cost_coverage_partial": 0.95},
    )
    assert strict.evm.coverage is not None and strict.evm.coverage.partial
    from generator.render.status_text import coverage_text

    assert coverage_text(strict, "en") == (
        "Cost recorded for 1 of 2 roles, 92% of EV; "
        "partial: CPI, EAC and the cost colour cover that work only"
    )
    assert coverage_text(strict, "zh").startswith("已记录成本的角色：2个中的1个，占挣值的92%")


def test_rows_that_cannot_be_priced_are_listed_not_guessed() -> None:
    kit = replace(
        example_kit(),
        entries=(
            _entries(
                "plan.effort",
                [
                    {"id": "E-1", "date": d(2026, 3, 10), "role": "nobody", "days": 3.0},
                    {"id": "E-2", "role": "ku", "days": 1.0},
                ],
            ),
            _entries("plan.rates", [{"id": "R-1", "role": "pm", "rate": 9.0}]),
        ),
    )
    cost = ledger_of(kit).actuals(AS_OF, money=True)
    kinds = sorted((p.sheet, p.id, p.kind) for p in cost.problems)
    assert kinds == [
        ("plan.effort", "E-1", "unknown-role"),
        ("plan.effort", "E-2", "no-date"),
        ("plan.rates", "R-1", "no-date"),
    ]
    assert cost.ac == pytest.approx(500)  # ku's undated day at the Budget rate; nobody: not priced
    assert ledger_of(kit).rate_on("pm", AS_OF) == 2000  # the change without a date: not applied


def test_without_day_rates_ac_is_person_days_and_expenses_are_listed() -> None:
    kit = recorded_kit()
    kit = replace(kit, roles=tuple(replace(r, day_rate=0.0) for r in kit.roles))
    evm = earned_value(kit, AS_OF)
    assert evm.unit == "person-days"
    assert evm.project.ac == pytest.approx(5 + 3 + 2 + 2)
    assert evm.cost is not None
    assert {p.id for p in evm.cost.problems if p.kind == "no-rates"} == {"X-001", "X-002"}

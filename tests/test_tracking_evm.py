"""Earned value: the worked example by hand, and EV <= BAC, SPI = EV/PV on the real pack."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.tracking.evm import RoleActual, earned_value, planned_value
from generator.tracking.forecast import forecast_kit, on_plan_progress
from tests.test_tracking_forecast import START, plan
from tests.tracking_example import AS_OF, SPENT, example_kit


def test_worked_example_matches_the_hand_computation() -> None:
    evm = earned_value(example_kit(), AS_OF, spent=SPENT)
    p = evm.project
    assert evm.unit == "CNY"
    assert p.bac == pytest.approx(22_000)
    assert p.pv == pytest.approx(16_000)  # A 10,000 + B 12,000 x 4/8 days
    assert p.ev == pytest.approx(13_000)  # A 10,000 + B 12,000 x 25 %
    assert p.ac == pytest.approx(17_000)  # pm 8 x 2,000 + ku 2 x 500
    assert p.sv == pytest.approx(-3_000)
    assert p.cv == pytest.approx(-4_000)
    assert p.spi == pytest.approx(0.8125)
    assert p.cpi == pytest.approx(13 / 17)
    assert p.eac == pytest.approx(28_769.23, abs=0.01)
    assert p.etc == pytest.approx(11_769.23, abs=0.01)
    assert p.vac == pytest.approx(-6_769.23, abs=0.01)
    p1, p2 = evm.phases
    assert (p1.bac, p1.pv, p1.ev, p1.spi) == pytest.approx((10_000, 10_000, 10_000, 1.0))
    assert (p2.bac, p2.pv, p2.ev, p2.spi) == pytest.approx((12_000, 6_000, 3_000, 0.5))
    assert p1.ac is None and p1.cpi is None and p1.eac is None  # AC is kept per role
    sides = {s.side: s for s in evm.sides}
    assert (sides["vendor"].planned, sides["vendor"].pv, sides["vendor"].ev) == (9, 7, 6)
    assert (sides["client"].planned, sides["client"].pv, sides["client"].ev) == (8, 4, 2)
    assert (sides["vendor"].actual, sides["client"].actual, sides["total"].actual) == (8, 2, 10)
    assert (sides["total"].planned, sides["total"].pv, sides["total"].ev) == (17, 11, 8)


def test_worked_example_forecast_moves_the_milestone_two_working_days() -> None:
    forecast = forecast_kit(example_kit(), AS_OF)
    # B: 8 x 75 % = 6 days left from Fri 03-13: 13, 16, 17, 18, 19, 20
    assert forecast.task("B").finish == date(2026, 3, 20)
    assert forecast.task("M").finish == date(2026, 3, 20)
    assert forecast.project.go_live == date(2026, 3, 20)


def test_blank_not_zero_where_no_actual_exists() -> None:
    evm = earned_value(example_kit(tracked=False), AS_OF, spent={})
    p = evm.project
    assert p.ev == 0 and p.pv == pytest.approx(16_000)
    assert p.ac is None and p.cv is None and p.cpi is None
    assert p.eac is None and p.etc is None and p.vac is None
    assert {s.side: s.actual for s in evm.sides} == {"vendor": None, "client": None, "total": None}
    before = earned_value(example_kit(tracked=False), date(2026, 2, 27))
    assert before.project.pv == 0 and before.project.spi is None


def test_actual_cost_entered_directly_wins_over_effort_times_rate() -> None:
    spent = {"pm": RoleActual("pm", effort=8.0, cost=15_000.0), "ku": SPENT["ku"]}
    assert earned_value(example_kit(), AS_OF, spent=spent).project.ac == pytest.approx(16_000)


def test_no_day_rates_measures_in_person_days() -> None:
    from dataclasses import replace

    kit = example_kit()
    kit = replace(kit, roles=tuple(replace(r, day_rate=0.0) for r in kit.roles))
    evm = earned_value(kit, AS_OF, spent=SPENT)
    assert evm.unit == "person-days"
    assert (evm.project.bac, evm.project.pv, evm.project.ev, evm.project.ac) == pytest.approx(
        (17, 11, 8, 10)
    )


def test_s_curve_rises_to_bac() -> None:
    kit = example_kit()
    days = [date(2026, 3, 1), date(2026, 3, 6), date(2026, 3, 12), date(2026, 3, 31)]
    assert planned_value(kit, days) == pytest.approx([0, 10_000, 16_000, 22_000])


@settings(max_examples=10, deadline=None)
@given(st.dates(min_value=START, max_value=date(2026, 12, 31)))
def test_ev_never_exceeds_bac_and_spi_is_ev_over_pv(as_of: date) -> None:
    kit = on_plan_progress(plan(), as_of)
    evm = earned_value(kit, as_of)
    p = evm.project
    assert 0 <= p.ev <= p.bac + 1e-6
    if p.pv:
        assert p.spi == pytest.approx(p.ev / p.pv)
        assert p.spi == pytest.approx(1.0)  # on plan
    for phase in evm.phases:
        assert phase.ev <= phase.bac + 1e-6
    assert sum(ph.ev for ph in evm.phases) == pytest.approx(p.ev)


def test_s_curve_sweep_equals_the_direct_sum_per_task() -> None:
    """The O(n) sweep against the definition: sum of budget x planned fraction per task."""
    from generator.tracking.evm import _Budgets
    from generator.tracking.states import working_calendar

    kit = plan()
    cal = working_calendar(kit)
    rows = _Budgets(kit, None, cal).rows
    days = [date(2026, 3, 1), date(2026, 4, 3), date(2026, 5, 31), date(2026, 8, 15)]
    direct = [
        sum(b * _Budgets.planned_fraction(cal, s, d, f, day) for _, _, s, d, f, b, _ in rows)
        for day in days
    ]
    assert planned_value(kit, days) == pytest.approx(direct)
    assert planned_value(kit, [date(2027, 6, 30)]) == pytest.approx(
        [earned_value(kit, date(2027, 6, 30)).project.bac]
    )


def test_pack_thresholds_set_the_rag() -> None:
    from pydantic import ValidationError

    from generator.packs.model import StatusThresholds
    from generator.tracking.status import read_thresholds, status_of
    from tests.tracking_example import SPENT

    default = status_of(example_kit(), AS_OF, baseline=None, spent=SPENT, snapshots=[])
    assert dict(default.rag)["schedule"] == "red"  # SPI 0.8125 < 0.9
    lenient = StatusThresholds(spi_red=0.5, spi_amber=0.8, cpi_red=0.5, cpi_amber=0.7)

    class Meta:
        status_thresholds = lenient

    class Pack:
        meta = Meta()

    limits = read_thresholds(Pack())
    assert limits["spi_red"] == 0.5 and limits["risk_red_score"] == 15
    eased = status_of(
        example_kit(), AS_OF, baseline=None, spent=SPENT, snapshots=[], thresholds=limits
    )
    assert dict(eased.rag)["schedule"] == "amber"  # SPI fine now, go-live still 2 days late
    assert dict(eased.rag)["cost"] == "green"  # CPI 0.76 >= 0.7
    with pytest.raises(ValidationError):
        StatusThresholds(spi_red=0.95, spi_amber=0.9)

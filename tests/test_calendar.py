"""Working calendars: China's 调休, official vs estimated years, extras, index arithmetic."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.calendar import ExtraDay, WorkingCalendar, last_official_year
from generator.errors import InputError


def test_china_make_up_workdays_and_holidays() -> None:
    cal = WorkingCalendar("CN", date(2026, 1, 1))
    assert cal.is_working_day(date(2026, 9, 20))  # Sunday, 调休 make-up workday
    assert not cal.is_working_day(date(2026, 10, 6))  # Tuesday, National Day bridge
    assert not cal.is_working_day(date(2026, 10, 1))
    assert cal.is_working_day(date(2026, 10, 9))
    assert not cal.is_working_day(date(2026, 10, 11))  # ordinary Sunday


def test_official_and_estimated_years_for_china() -> None:
    last = last_official_year("CN")
    assert last is not None and last >= 2026
    cal = WorkingCalendar("CN", date(last, 11, 1), lang="zh")
    model = cal.to_model(date(last, 11, 1), date(last + 1, 12, 31))
    assert model.official_years == (last,)
    assert model.estimated_years == (last + 1,)
    assert all(not d.official for d in model.holidays if d.day.year == last + 1)
    assert all(d.day.weekday() < 5 for d in model.holidays)
    assert all(d.day.weekday() >= 5 for d in model.workdays)


def test_rule_based_country_is_all_official() -> None:
    assert last_official_year("US") is None
    model = WorkingCalendar("US", date(2026, 1, 1)).to_model(date(2026, 1, 1), date(2030, 1, 1))
    assert model.estimated_years == ()
    assert date(2026, 12, 25) in {d.day for d in model.holidays}


def test_names_follow_language() -> None:
    zh = WorkingCalendar("CN", date(2026, 1, 1), lang="zh").to_model(
        date(2026, 10, 1), date(2026, 10, 1)
    )
    en = WorkingCalendar("CN", date(2026, 1, 1), lang="en").to_model(
        date(2026, 10, 1), date(2026, 10, 1)
    )
    assert zh.holidays[0].name == "国庆节"
    assert en.holidays[0].name == "National Day"


def test_project_extras_win() -> None:
    cal = WorkingCalendar(
        "CN",
        date(2026, 1, 1),
        extra_holidays=[ExtraDay(date(2026, 3, 3), "Plant shutdown")],
        extra_workdays=[ExtraDay(date(2026, 10, 1))],
    )
    assert not cal.is_working_day(date(2026, 3, 3))
    assert cal.is_working_day(date(2026, 10, 1))
    model = cal.to_model(date(2026, 3, 1), date(2026, 3, 31))
    assert [(d.day, d.name) for d in model.holidays] == [(date(2026, 3, 3), "Plant shutdown")]


def test_extra_day_both_ways_is_an_error() -> None:
    with pytest.raises(InputError, match="both"):
        WorkingCalendar(
            "CN",
            date(2026, 1, 1),
            extra_holidays=[ExtraDay(date(2026, 3, 3))],
            extra_workdays=[ExtraDay(date(2026, 3, 3))],
        )


def test_unknown_country() -> None:
    with pytest.raises(InputError, match="unknown country 'XX'"):
        WorkingCalendar("XX", date(2026, 1, 1))


def test_index_round_trip_and_lazy_extension() -> None:
    cal = WorkingCalendar("CN", date(2026, 1, 1))
    assert cal.day(0) == date(2026, 1, 4)  # Jan 1-3 off; Sunday Jan 4 is a make-up workday
    for i in (0, 1, 17, 250, 3000):
        d = cal.day(i)
        assert cal.is_working_day(d)
        assert cal.index(d) == i
    assert cal.day(3000) > date(2037, 1, 1)
    # a non-working day maps to the next working day's index
    assert cal.day(cal.index(date(2026, 10, 3))) == date(2026, 10, 8)


def test_add_working_days_both_directions() -> None:
    cal = WorkingCalendar("CN", date(2026, 9, 1))
    assert cal.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert cal.add_working_days(date(2026, 9, 1), -1) == date(2026, 8, 31)
    days = cal.working_days_between(date(2026, 9, 1), date(2026, 9, 30))
    assert len(days) == 22  # incl. Sunday Sept 20 (调休)
    assert all(cal.is_working_day(d) for d in days)
    assert all(b > a for a, b in pairwise(days))
    assert (days[-1] - days[0]) < timedelta(days=30)


def test_country_weekend() -> None:
    cal = WorkingCalendar("SA", date(2026, 1, 1))
    assert cal.weekend == (4, 5)
    assert cal.is_working_day(date(2026, 3, 1))  # a Sunday works in Saudi Arabia
    assert not cal.is_working_day(date(2026, 3, 6))  # Friday
    assert WorkingCalendar("CN", date(2026, 1, 1)).to_model(
        date(2026, 1, 1), date(2026, 1, 31)
    ).weekend == (5, 6)


_PROPERTY_CAL = WorkingCalendar("CN", date(2024, 1, 1), extra_holidays=[ExtraDay(date(2027, 2, 8))])


@given(st.dates(date(2024, 1, 1), date(2030, 12, 31)), st.integers(-300, 300))
def test_index_and_add_properties(day: date, count: int) -> None:
    cal = _PROPERTY_CAL
    first = cal.day(cal.index(day))
    assert first >= day and cal.is_working_day(first)
    assert all(not cal.is_working_day(day + timedelta(days=i)) for i in range((first - day).days))
    moved = cal.add_working_days(first, count)
    assert cal.is_working_day(moved)
    assert cal.add_working_days(moved, -count) == first
    assert (moved > first) == (count > 0) or count == 0


# --- supported years, a start pushed away, the source of each day -----------------


def test_dates_outside_the_supported_years_are_input_errors() -> None:
    from generator.calendar import LAST_YEAR
    from generator.errors import InputError

    with pytest.raises(InputError, match=r"supports \(1970-2099\)"):
        WorkingCalendar("CN", date(9999, 12, 1))
    cal = WorkingCalendar("CN", date(LAST_YEAR, 6, 1))
    with pytest.raises(InputError, match="runs past 2099-12-31"):
        cal.add_working_days(date(LAST_YEAR, 6, 1), 400)


def test_a_start_pushed_by_extra_holidays_is_reported_with_the_reason() -> None:
    from datetime import timedelta

    from generator.errors import InputError

    start = date(2026, 3, 2)
    years = [ExtraDay(start + timedelta(days=n)) for n in range(3650)]
    with pytest.raises(InputError) as caught:
        WorkingCalendar("CN", start, extra_holidays=years)
    message = str(caught.value)
    assert "2026-03-02" in message and "3650 of the days in between are extra_holidays" in message


def test_spring_festival_moves_a_start_without_complaint() -> None:
    cal = WorkingCalendar("CN", date(2026, 2, 15))  # Spring Festival week: 9 days off
    assert cal.day(0) == date(2026, 2, 24)


def test_each_calendar_day_says_where_it_comes_from() -> None:
    cal = WorkingCalendar(
        "CN",
        date(2026, 1, 5),
        extra_holidays=[ExtraDay(date(2026, 3, 3), "Plant shutdown")],
        extra_workdays=[ExtraDay(date(2026, 3, 7), "Cutover weekend")],
    )
    model = cal.to_model(date(2026, 1, 1), date(2030, 12, 31))
    by_day = {d.day: d for d in (*model.holidays, *model.workdays)}
    assert by_day[date(2026, 3, 3)].source == "project" and not by_day[date(2026, 3, 3)].official
    assert by_day[date(2026, 3, 7)].source == "project"
    assert by_day[date(2026, 10, 1)].source == "official"  # National Day, announced
    assert by_day[date(2026, 2, 14)].source == "official"  # a make-up Saturday, announced
    estimated = [d for d in model.holidays if d.day.year == 2030]
    assert estimated and all(d.source == "estimated" and not d.official for d in estimated)


def test_china_2019_make_up_sundays_are_in_the_installed_holidays() -> None:
    """The floor pinned in pyproject.toml (holidays>=0.85) has the days we label official."""
    cal = WorkingCalendar("CN", date(2019, 4, 1))
    assert cal.is_working_day(date(2019, 4, 28)) and cal.is_working_day(date(2019, 5, 5))
    assert not cal.is_working_day(date(2019, 5, 2))


# --- one working-day index: O(1) numbers, both directions, a Kit's model as the truth -------


def _walk_count(cal: WorkingCalendar, first: date, last: date) -> int:
    """Independent count: ask every day (what the index replaces)."""
    count, day = 0, first
    while day <= last:
        count += cal._decide(day)  # the rule itself, not the index
        day += timedelta(days=1)
    return count


@given(st.dates(date(2023, 1, 1), date(2031, 12, 31)), st.integers(0, 900))
def test_count_and_number_agree_with_a_day_by_day_walk(first: date, span: int) -> None:
    cal = _PROPERTY_CAL
    last = first + timedelta(days=span)
    assert cal.count(first, last) == _walk_count(cal, first, last)
    assert cal.number(last + timedelta(days=1)) - cal.number(first) == cal.count(first, last)
    assert cal.count(last, first) == (cal.count(first, first) if span == 0 else 0)


def test_days_before_the_origin_have_negative_numbers() -> None:
    cal = WorkingCalendar("CN", date(2026, 10, 8))  # the first working day after National Day
    assert cal.number(date(2026, 10, 8)) == 0
    assert cal.day(-1) == date(2026, 9, 30)  # Oct 1-7 off
    assert cal.number(date(2026, 9, 30)) == -1
    assert cal.number(date(2026, 10, 3)) == 0  # a holiday: the next working day's number
    assert cal.day(-22) == date(2026, 9, 1)  # September has 22 working days (Sunday 20th works)
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    fresh = WorkingCalendar("CN", date(2026, 3, 2))  # asked first for a day a year earlier
    assert fresh.number(date(2025, 3, 3)) == -fresh.count(date(2025, 3, 3), date(2026, 3, 1))
    assert fresh.number(date(2025, 3, 3)) == -_walk_count(fresh, date(2025, 3, 3), date(2026, 3, 1))


def test_a_kit_calendar_model_is_the_truth_within_its_years() -> None:
    from generator.calendar import model_calendar

    base = WorkingCalendar("CN", date(2026, 1, 1), extra_workdays=[ExtraDay(date(2026, 10, 1))])
    model = base.to_model(date(2026, 1, 1), date(2026, 12, 31))
    cal = model_calendar(model, date(2026, 1, 1))
    assert cal is model_calendar(model, date(2026, 1, 1))  # built once per model
    assert cal.is_working_day(date(2026, 10, 1))  # an extra workday on a country holiday
    assert not cal.is_working_day(date(2026, 10, 2))
    assert cal.is_working_day(date(2026, 9, 20))  # make-up Sunday, from the model
    assert not cal.is_working_day(date(2027, 10, 1))  # beyond the model: the country's rules
    flat = model_calendar(model, date(2026, 1, 1), country_rules=False)
    assert flat.is_working_day(date(2027, 10, 1))  # weekend and listed days only
    for day in (date(2026, 2, 17), date(2026, 9, 20), date(2026, 12, 31)):
        assert flat.is_working_day(day) == cal.is_working_day(day)

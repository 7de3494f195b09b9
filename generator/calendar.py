"""Working calendars: country holidays, make-up workdays, project extras.

A working day is a day that is not on the weekend and not a holiday, or a
weekend day that is explicitly a working day (China's 调休 make-up days, or a
project's extra workday). Project extras win over the country's schedule.

Official or estimated
---------------------
The ``holidays`` library carries statutory rules for every country and, for
countries that announce a yearly schedule with make-up workdays (China,
Taiwan, Vietnam...), the announced schedule year by year
(``special_public_holidays``). Years after the last announced one are computed
from the rules only: the festivals are there, but the bridge days and the
weekend make-up workdays are missing. We decide per country:

* if the country has weekend make-up workdays in any of its last five announced
  years, it publishes yearly schedules: years up to the last announced one are
  *official*, later years are *estimated*;
* otherwise its holidays follow fixed rules and every year is *official*.

The plan shows the estimated years so the consultant can add the missing days
in project.yaml (``extra_holidays`` / ``extra_workdays``) once announced.

Working-day indices
-------------------
The scheduler works on integer working-day indices: index 0 is the first
working day on or after the calendar's origin. :meth:`WorkingCalendar.day` and
:meth:`WorkingCalendar.index` convert in O(1) with precomputed arrays that are
extended lazily a year at a time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from generator.errors import InputError
from generator.kit_model import CalendarDay, WorkCalendar

WEEKEND: tuple[int, ...] = (5, 6)
FIRST_YEAR = 1970  # the years a project may be planned in (holiday data, date arithmetic)
LAST_YEAR = 2099
MAX_START_PUSH = 14  # calendar days a start may move to the first working day unannounced
SOURCES = ("official", "estimated", "project")  # where a calendar day comes from
_LANGUAGE = {"en": ("en_US",), "zh": ("zh_CN", "en_US")}
_EXTEND_DAYS = 366


@dataclass(frozen=True)
class ExtraDay:
    """A project's own holiday or workday."""

    day: date
    name: str = ""


def year_problem(day: date) -> str | None:
    """Why ``day`` cannot be planned with (outside FIRST_YEAR..LAST_YEAR), or ``None``."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    from generator.i18n import _

    return _(
        "{day} is outside the years the calendar supports ({first}-{last}); write a date "
        "in that range"
    ).format(day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)


def _country_class(country: str) -> Any:
    from generator.holiday_tables import country_holidays  # only that country's module

    try:
        return country_holidays(country, years=[])
    except NotImplementedError:
        from generator.i18n import _

        raise InputError(
            _(
                "unknown country {country}: write an ISO 3166 two-letter code such as CN, US, DE"
            ).format(country=repr(country))
        ) from None


@lru_cache(maxsize=64)
def last_official_year(country: str) -> int | None:
    """Last year with an announced yearly schedule, or None if the country's holidays are rule-based."""
    probe = _country_class(country)
    special = getattr(probe, "special_public_holidays", None) or {}
    if not special:
        return None
    last = max(special)
    from generator.holiday_tables import country_holidays

    recent = country_holidays(country, years=range(last - 4, last + 1))
    workdays = getattr(recent, "weekend_workdays", None) or set()
    if any(last - 4 <= d.year <= last for d in workdays):
        return int(last)
    return None


def country_weekend(country: str) -> tuple[int, ...]:
    """The country's weekend days (Monday=0), e.g. (5, 6), or (4, 5) in Saudi Arabia."""
    weekend = getattr(_country_class(country), "weekend", None)
    return tuple(sorted(weekend)) if weekend else WEEKEND


def _language(country: str, lang: str) -> str | None:
    probe = _country_class(country)
    supported = getattr(probe, "supported_languages", ()) or ()
    for candidate in _LANGUAGE.get(lang, ("en_US",)):
        if candidate in supported:
            return candidate
    return None


@lru_cache(maxsize=256)
def _year_days(
    country: str, year: int, lang: str
) -> tuple[tuple[tuple[date, str], ...], tuple[tuple[date, str], ...]]:
    """(holidays, make-up weekend workdays) of one country-year, names in ``lang``."""
    from generator.holiday_tables import country_holidays

    language = _language(country, lang)
    kwargs: dict[str, Any] = {"years": [year]}
    if language:
        kwargs["language"] = language
    table = country_holidays(country, **kwargs)
    days = tuple(sorted((d, str(name)) for d, name in table.items() if d.year == year))
    workdays = getattr(table, "weekend_workdays", None) or set()
    make_up_name = "调休上班日" if lang == "zh" else "Make-up workday"
    extra = tuple(sorted((d, make_up_name) for d in workdays if d.year == year))
    return days, extra


class WorkingCalendar:
    """A country's working days plus project extras, with fast index arithmetic."""

    def __init__(
        self,
        country: str,
        origin: date,
        *,
        lang: str = "en",
        extra_holidays: Iterable[ExtraDay] = (),
        extra_workdays: Iterable[ExtraDay] = (),
        weekend: tuple[int, ...] | None = None,
    ) -> None:
        self.country = country.upper()
        self.lang = lang
        self.weekend = weekend if weekend is not None else country_weekend(self.country)
        self.origin = origin
        self.last_official = last_official_year(self.country)
        self._extra_holidays = {x.day: x.name for x in extra_holidays}
        self._extra_workdays = {x.day: x.name for x in extra_workdays}
        both = set(self._extra_holidays) & set(self._extra_workdays)
        if both:
            day = min(both)
            raise InputError(f"{day} is both an extra holiday and an extra workday; keep one")
        self._holiday: dict[date, tuple[str, bool]] = {}
        self._makeup: dict[date, tuple[str, bool]] = {}
        self._years: set[int] = set()
        self._days: list[date] = []  # working days from origin, ascending
        self._ordinals: list[int] = []  # their ordinals (for bisect)
        self._covered_until = origin - timedelta(days=1)  # last calendar day examined
        why = year_problem(origin)
        if why is not None:
            raise InputError(why)
        self._extend(origin + timedelta(days=_EXTEND_DAYS))
        self._check_start()

    def _check_start(self) -> None:
        """Refuse an origin more than MAX_START_PUSH days before the first working day.

        A Spring Festival moves a start by up to nine days; more means project
        extra holidays cover the start (``extra_holidays`` spanning years moved
        one to 2036): say so with the reason instead of planning silently.
        """
        first = self.day(0)
        pushed = (first - self.origin).days
        if pushed <= MAX_START_PUSH:
            return
        from generator.i18n import _

        extra = [d for d in self._extra_holidays if self.origin <= d < first]
        reason = (
            _("{count} of the days in between are extra_holidays of project.yaml").format(
                count=len(extra)
            )
            if extra
            else _("the country's holidays and weekends fill the days in between")
        )
        raise InputError(
            _(
                "the first working day on or after {start} is {first}, {days} days later: "
                "{reason}; correct extra_holidays or choose another start"
            ).format(start=self.origin, first=first, days=pushed, reason=reason)
        )

    # --- loading -----------------------------------------------------------------
    def _load_year(self, year: int) -> None:
        if year in self._years:
            return
        self._years.add(year)
        official = self.is_official_year(year)
        days, makeup = _year_days(self.country, year, self.lang)
        for day, name in days:
            self._holiday.setdefault(day, (name, official))
        for day, name in makeup:
            self._makeup.setdefault(day, (name, official))

    def is_official_year(self, year: int) -> bool:
        """True when ``year``'s holidays come from an announced schedule (or fixed rules)."""
        return self.last_official is None or year <= self.last_official

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day on this calendar."""
        if day in self._extra_workdays:
            return True
        if day in self._extra_holidays:
            return False
        self._load_year(day.year)
        if day.weekday() in self.weekend:
            return day in self._makeup
        return day not in self._holiday

    def _extend(self, until: date) -> None:
        if until.year > LAST_YEAR:
            until = date(LAST_YEAR, 12, 31)
            if self._covered_until >= until:
                from generator.i18n import _

                raise InputError(
                    _(
                        "the schedule runs past {last}-12-31, the last day the calendar "
                        "supports; choose an earlier start"
                    ).format(last=LAST_YEAR)
                )
        day = self._covered_until + timedelta(days=1)
        while day <= until:
            if self.is_working_day(day):
                self._days.append(day)
                self._ordinals.append(day.toordinal())
            day += timedelta(days=1)
        self._covered_until = max(self._covered_until, until)

    # --- index arithmetic ----------------------------------------------------------
    def day(self, index: int) -> date:
        """The working day with working-day index ``index`` (0 = first working day from origin)."""
        if index < 0:
            raise ValueError(f"working-day index {index} is before the calendar origin")
        while index >= len(self._days):
            self._extend(self._covered_until + timedelta(days=_EXTEND_DAYS))
        return self._days[index]

    def index(self, day: date) -> int:
        """Index of the first working day on or after ``day`` (days before origin map to 0)."""
        while day > self._covered_until or not self._days:
            self._extend(max(day, self._covered_until) + timedelta(days=_EXTEND_DAYS))
        return bisect.bisect_left(self._ordinals, day.toordinal())

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """Move ``count`` working days from ``day`` (rolled forward to a working day first)."""
        if day >= self.origin and self.index(day) + count >= 0:
            return self.day(self.index(day) + count)
        current = self.next_working_day(day)
        step = 1 if count >= 0 else -1
        for _ in range(abs(count)):
            current += timedelta(days=step)
            while not self.is_working_day(current):
                current += timedelta(days=step)
        return current

    def working_days_between(self, first: date, last: date) -> list[date]:
        """Working days in ``first..last`` inclusive."""
        out: list[date] = []
        day = first
        while day <= last:
            if self.is_working_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    # --- model ------------------------------------------------------------------------
    def to_model(self, first: date, last: date) -> WorkCalendar:
        """The Kit's view of this calendar for the span ``first..last``."""
        for year in range(first.year, last.year + 1):
            self._load_year(year)
        holidays_: dict[date, CalendarDay] = {}
        # each day says where it comes from: the country's announced schedule (or fixed
        # rules), the rules only for years not announced yet, or project.yaml
        for day, (name, official) in self._holiday.items():
            in_span = first <= day <= last and day.weekday() not in self.weekend
            if in_span and day not in self._extra_workdays:
                holidays_[day] = CalendarDay(day, name, official, _source(official))
        for day, name in self._extra_holidays.items():
            if first <= day <= last and day.weekday() not in self.weekend:
                label = name or ("项目假日" if self.lang == "zh" else "Project holiday")
                holidays_[day] = CalendarDay(day, label, False, "project")
        workdays: dict[date, CalendarDay] = {}
        for day, (name, official) in self._makeup.items():
            in_span = first <= day <= last and day.weekday() in self.weekend
            if in_span and day not in self._extra_holidays:
                workdays[day] = CalendarDay(day, name, official, _source(official))
        for day, name in self._extra_workdays.items():
            if first <= day <= last and day.weekday() in self.weekend:
                label = name or ("项目工作日" if self.lang == "zh" else "Project workday")
                workdays[day] = CalendarDay(day, label, False, "project")
        years = range(first.year, last.year + 1)
        return WorkCalendar(
            country=self.country,
            weekend=self.weekend,
            holidays=tuple(holidays_[d] for d in sorted(holidays_)),
            workdays=tuple(workdays[d] for d in sorted(workdays)),
            official_years=tuple(y for y in years if self.is_official_year(y)),
            estimated_years=tuple(y for y in years if not self.is_official_year(y)),
            first=first,
            last=last,
        )


def _source(official: bool) -> str:
    return "official" if official else "estimated"

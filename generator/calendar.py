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
One counter serves every module (scheduler, forecast, renderers, evaluation): each
calendar keeps an index from a day's ordinal to its working-day number (the working
days from the origin up to that day; index 0 is the first working day on or after the
origin, negative numbers before it), filled once a year at a time in either direction
as dates are asked for. :meth:`WorkingCalendar.number`, :meth:`~WorkingCalendar.day`,
:meth:`~WorkingCalendar.count` and :meth:`~WorkingCalendar.add_working_days` are then
O(1): no module walks the calendar day by day. :func:`kit_calendar` gives the one
calendar of a Kit (cached per Kit calendar model).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import translator
from generator.kit_model import CalendarDay, WorkCalendar

if TYPE_CHECKING:
    from generator.kit_model import Kit

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


@lru_cache(maxsize=64)
def _country_class(country: str) -> Any:
    """An empty table of ``country`` (read for its class attributes: weekend, languages,
    announced years), made once: each call of the library builds a new one."""
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
    """(holidays, make-up weekend workdays) of one country-year, holiday names in ``lang``.

    Make-up workdays come unnamed (``""``): their name is the deliverable catalogue's,
    given when a calendar loads the year (a cached table must not keep one catalogue's text).
    """
    from generator.holiday_tables import country_holidays

    language = _language(country, lang)
    kwargs: dict[str, Any] = {"years": [year]}
    if language:
        kwargs["language"] = language
    table = country_holidays(country, **kwargs)
    days = tuple(sorted((d, str(name)) for d, name in table.items() if d.year == year))
    workdays = getattr(table, "weekend_workdays", None) or set()
    extra = tuple(sorted((d, "") for d in workdays if d.year == year))
    return days, extra


class WorkingCalendar:
    """A country's working days plus project extras, with O(1) working-day arithmetic.

    ``span``: a ``(first, last)`` range in which the extras are the whole truth (a Kit's
    calendar model lists every holiday and make-up workday of its years); outside it, or
    without it, the country's holidays apply. ``country_rules=False`` leaves the country
    out entirely (weekend plus extras, as a workbook formula such as NETWORKDAYS sees the
    Calendar sheet).
    """

    def __init__(
        self,
        country: str,
        origin: date,
        *,
        lang: str = "en",
        extra_holidays: Iterable[ExtraDay] = (),
        extra_workdays: Iterable[ExtraDay] = (),
        weekend: tuple[int, ...] | None = None,
        span: tuple[date, date] | None = None,
        country_rules: bool = True,
    ) -> None:
        self.country = country.upper()
        self.lang = lang
        self.weekend = weekend if weekend is not None else country_weekend(self.country)
        self.origin = origin
        self.country_rules = country_rules
        self.last_official = last_official_year(self.country) if country_rules else None
        self._span = span
        self._extra_holidays = {x.day: x.name for x in extra_holidays}
        self._extra_workdays = {x.day: x.name for x in extra_workdays}
        both = set(self._extra_holidays) & set(self._extra_workdays)
        if both:
            day = min(both)
            raise InputError(f"{day} is both an extra holiday and an extra workday; keep one")
        self._holiday: dict[date, tuple[str, bool]] = {}
        self._makeup: dict[date, tuple[str, bool]] = {}
        self._years: set[int] = set()
        why = year_problem(origin)
        if why is not None:
            raise InputError(why)
        # The index: ``_number[o - _low]`` is the working-day number of ordinal ``o``, the
        # working days from the origin up to (not including) that day, negative before the
        # origin; the table reaches one day past ``_high`` so that a day's own status is
        # ``_number[o + 1 - _low] - _number[o - _low]``. ``_days`` holds the working days
        # from the origin, ``_before`` those before it, latest first (``day(-1)`` is
        # ``_before[0]``). Both grow a year at a time, in either direction.
        self._low = origin.toordinal()
        self._high = self._low - 1
        self._number = array("l", [0])
        self._days: list[date] = []
        self._before: list[date] = []
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
        if makeup:
            make_up = translator(self.lang).p("calendar day", "Make-up workday")
            for day, name in makeup:
                self._makeup.setdefault(day, (name or make_up, official))

    def is_official_year(self, year: int) -> bool:
        """True when ``year``'s holidays come from an announced schedule (or fixed rules)."""
        return self.last_official is None or year <= self.last_official

    def _decide(self, day: date) -> bool:
        """Whether ``day`` works, from the rules (the index caches the answer)."""
        if day in self._extra_workdays:
            return True
        if day in self._extra_holidays:
            return False
        weekend = day.weekday() in self.weekend
        span = self._span
        if not self.country_rules or (span is not None and span[0] <= day <= span[1]):
            return not weekend
        self._load_year(day.year)
        if weekend:
            return day in self._makeup
        return day not in self._holiday

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day on this calendar (O(1) once indexed)."""
        at = self._at(day)
        return self._number[at + 1] != self._number[at]

    def _at(self, day: date) -> int:
        """``day``'s place in the index, extending it a year beyond ``day`` if needed."""
        o = day.toordinal()
        if not self._low <= o <= self._high:
            why = year_problem(day)
            if why is not None:
                raise InputError(why)
            if o > self._high:
                self._extend(day + timedelta(days=_EXTEND_DAYS))
            else:
                self._extend_back(day - timedelta(days=_EXTEND_DAYS))
        return o - self._low

    def _extend(self, until: date) -> None:
        covered = date.fromordinal(self._high)
        if until.year > LAST_YEAR:
            until = date(LAST_YEAR, 12, 31)
            if covered >= until:
                from generator.i18n import _

                raise InputError(
                    _(
                        "the schedule runs past {last}-12-31, the last day the calendar "
                        "supports; choose an earlier start"
                    ).format(last=LAST_YEAR)
                )
        number = self._number
        count = number[-1]
        day = covered + timedelta(days=1)
        one = timedelta(days=1)
        while day <= until:
            if self._decide(day):
                count += 1
                if count > 0:
                    self._days.append(day)
            number.append(count)
            day += one
        self._high = max(self._high, until.toordinal())

    def _extend_back(self, until: date) -> None:
        if until.year < FIRST_YEAR:
            until = date(FIRST_YEAR, 1, 1)
            if self._low <= until.toordinal():
                from generator.i18n import _

                raise InputError(
                    _(
                        "the schedule reaches before {first}-01-01, the first day the "
                        "calendar supports; choose a later start"
                    ).format(first=FIRST_YEAR)
                )
        block = array("l")
        count = self._number[0]
        day = date.fromordinal(self._low) - timedelta(days=1)
        one = timedelta(days=1)
        while day >= until:
            if self._decide(day):
                count -= 1
                self._before.append(day)
            block.append(count)
            day -= one
        block.reverse()
        self._number = block + self._number
        self._low = until.toordinal()

    # --- index arithmetic ----------------------------------------------------------
    def number(self, day: date) -> int:
        """Working days from the origin up to, not including, ``day`` (negative before the
        origin): the working-day number of ``day`` if it works, else of the next working
        day. ``number(b) - number(a)`` counts the working days in ``a..b-1``. O(1)."""
        at = self._at(day)  # first: extending backwards replaces the table
        return self._number[at]

    def day(self, index: int) -> date:
        """The working day numbered ``index`` (0 = the first working day from the origin,
        -1 = the last one before it)."""
        if index < 0:
            while -index > len(self._before):
                self._extend_back(date.fromordinal(self._low) - timedelta(days=_EXTEND_DAYS))
            return self._before[-index - 1]
        while index >= len(self._days):
            self._extend(date.fromordinal(self._high) + timedelta(days=_EXTEND_DAYS))
        return self._days[index]

    def index(self, day: date) -> int:
        """Index of the first working day on or after ``day`` (days before origin map to 0)."""
        return max(self.number(day), 0)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one."""
        return self.day(self.number(day))

    def add_working_days(self, day: date, count: int) -> date:
        """Move ``count`` working days from ``day`` (rolled forward to a working day first)."""
        return self.day(self.number(day) + count)

    def count(self, first: date, last: date) -> int:
        """Working days in ``first..last`` inclusive (0 when ``last`` is before ``first``)."""
        if last < first:
            return 0
        return self.number(last + timedelta(days=1)) - self.number(first)

    def working_days_between(self, first: date, last: date) -> list[date]:
        """Working days in ``first..last`` inclusive."""
        low, high = self.number(first), self.number(last + timedelta(days=1))
        return [self.day(i) for i in range(low, high)]

    # --- model ------------------------------------------------------------------------
    def to_model(self, first: date, last: date) -> WorkCalendar:
        """The Kit's view of this calendar for the span ``first..last``."""
        for year in range(first.year, last.year + 1):
            self._load_year(year)
        holidays_: dict[date, CalendarDay] = {}
        tr = translator(self.lang)
        # each day says where it comes from: the country's announced schedule (or fixed
        # rules), the rules only for years not announced yet, or project.yaml
        for day, (name, official) in self._holiday.items():
            in_span = first <= day <= last and day.weekday() not in self.weekend
            if in_span and day not in self._extra_workdays:
                holidays_[day] = CalendarDay(day, name, official, _source(official))
        for day, name in self._extra_holidays.items():
            if first <= day <= last and day.weekday() not in self.weekend:
                label = name or tr.p("calendar day", "Project holiday")
                holidays_[day] = CalendarDay(day, label, False, "project")
        workdays: dict[date, CalendarDay] = {}
        for day, (name, official) in self._makeup.items():
            in_span = first <= day <= last and day.weekday() in self.weekend
            if in_span and day not in self._extra_holidays:
                workdays[day] = CalendarDay(day, name, official, _source(official))
        for day, name in self._extra_workdays.items():
            if first <= day <= last and day.weekday() in self.weekend:
                label = name or tr.p("calendar day", "Project workday")
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


_KIT_CALENDARS: dict[tuple[int, date, bool], tuple[WorkCalendar, WorkingCalendar]] = {}
_KIT_CALENDARS_KEPT = 16


def model_calendar(
    model: WorkCalendar, origin: date, *, lang: str = "en", country_rules: bool = True
) -> WorkingCalendar:
    """The :class:`WorkingCalendar` of a Kit's calendar model, built once per model.

    Within the model's years its holidays and make-up workdays are the whole truth;
    outside them the country's holidays apply (``country_rules=False``: only the
    weekend, as the workbooks' NETWORKDAYS formulas over the Calendar sheet count).
    Working-day indices count from ``origin``. The last few calendars are kept (keyed by
    the model object, which the cache holds alive), so renderers, the forecast and the
    earned-value figures of one Kit share one index.
    """
    key = (id(model), origin, country_rules)
    hit = _KIT_CALENDARS.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    cal = WorkingCalendar(
        model.country or "CN",
        origin,
        lang=lang,
        extra_holidays=[ExtraDay(d.day, d.name) for d in model.holidays],
        extra_workdays=[ExtraDay(d.day, d.name) for d in model.workdays],
        weekend=model.weekend,
        span=(model.first, model.last),
        country_rules=country_rules,
    )
    if len(_KIT_CALENDARS) >= _KIT_CALENDARS_KEPT:
        _KIT_CALENDARS.pop(next(iter(_KIT_CALENDARS)))
    _KIT_CALENDARS[key] = (model, cal)
    return cal


def workdays_between(kit: Kit, start: date, finish: date) -> int:
    """Working days from ``start`` to ``finish`` inclusive on the kit's calendar.

    Matches the workbook formula NETWORKDAYS(.INTL)(start, finish, holidays) plus the
    make-up workdays in the range (0 or negative spans as Excel computes them: a reversed
    span counts the weekdays that are not holidays, negated). O(1) on the kit's calendar
    index (weekend and the Calendar sheet's days only, as the formula sees them).
    """
    cal = model_calendar(kit.calendar, kit.project.start, lang=kit.lang, country_rules=False)
    if finish >= start:
        return cal.count(start, finish)
    made_up = sum(1 for d in kit.calendar.workdays if finish <= d.day <= start)
    return made_up - cal.count(finish, start)

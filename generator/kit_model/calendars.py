"""The project's working calendar and the blackout windows on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CalendarDay:
    day: date
    name: str
    official: bool  # True: from an officially announced schedule; False: estimated
    # where the day comes from: "official" (announced schedule or fixed rules),
    # "estimated" (rules only, year not announced yet), "project" (project.yaml extras)
    source: str = "official"


@dataclass(frozen=True)
class WorkCalendar:
    country: str
    weekend: tuple[int, ...]  # weekday numbers, Monday=0
    holidays: tuple[CalendarDay, ...]  # non-working days that would otherwise be workdays
    workdays: tuple[CalendarDay, ...]  # make-up workdays on weekends (调休) and project extras
    official_years: tuple[int, ...]
    estimated_years: tuple[int, ...]
    first: date  # range the calendar covers
    last: date


@dataclass(frozen=True)
class BlackoutWindow:
    name: str
    start: date
    end: date  # inclusive

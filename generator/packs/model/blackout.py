"""Blackouts: windows in which no go-live or cutover may fall (yearly windows, around
the Spring Festival, month ends)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from generator.packs.model.base import Strict
from generator.packs.model.item import Item
from generator.packs.model.rollout import MONTH_DAY
from generator.packs.model.text import Text


class YearlyWindow(Strict):
    """A window that comes back every year, from start to end (MM-DD); an end before the start runs
    into the next year."""

    start: Annotated[str, Field(pattern=MONTH_DAY)]
    """First day of the window, MM-DD (quoted: "10-25")."""
    end: Annotated[str, Field(pattern=MONTH_DAY)]
    """Last day of the window, MM-DD; before start means the next year."""


class AroundSpringFestival(Strict):
    """The days around Chinese New Year (the date moves every year)."""

    before: int = Field(default=10, ge=0, le=60)
    """Calendar days before Chinese New Year."""
    after: int = Field(default=10, ge=0, le=60)
    """Calendar days after Chinese New Year."""


class MonthEnd(Strict):
    """The last and first working days of every month (month-end close)."""

    last: int = Field(default=2, ge=0, le=10)
    """The last working days of each month."""
    first: int = Field(default=2, ge=0, le=10)
    """The first working days of the next month."""


class BlackoutDef(Item):
    """Days on which no go-live and no cutover may fall: exactly one of yearly, spring_festival,
    month_end, or start and end for a one-off window."""

    name: Text
    """The window's name, shown in the plan and wherever a date was moved."""
    reason: Text = ""
    """Why nothing may go live then."""
    yearly: YearlyWindow | None = None
    """A window that comes back every year."""
    spring_festival: AroundSpringFestival | None = None
    """The days around Chinese New Year, every year."""
    month_end: MonthEnd | None = None
    """The last and first working days of every month."""
    start: date | None = None
    """First day of a one-off window (YYYY-MM-DD); needs end."""
    end: date | None = None
    """Last day of a one-off window (YYYY-MM-DD), on or after start."""

    @model_validator(mode="after")
    def _one_kind(self) -> BlackoutDef:
        kinds = [
            self.yearly is not None,
            self.spring_festival is not None,
            self.month_end is not None,
            self.start is not None or self.end is not None,
        ]
        if sum(kinds) != 1:
            raise ValueError(
                "a blackout needs exactly one of yearly, spring_festival, month_end or start/end"
            )
        if (self.start is None) != (self.end is None) or (
            self.start and self.end and self.end < self.start
        ):
            raise ValueError("a dated blackout needs start and end, end on or after start")
        return self

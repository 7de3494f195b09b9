"""Recurring meetings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.packs.model.base import Id, IdList
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class CeremonyDef(Item):
    """A recurring meeting: cadence, day, time, chair and attendees."""

    name: Text
    """The meeting's name."""
    purpose: Text = ""
    """What the meeting decides or reviews."""
    cadence: Literal["daily", "weekly", "biweekly", "monthly"] = "weekly"
    """daily, weekly, biweekly or monthly."""
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    """mon ... sun."""
    time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:30"
    """Start time "HH:MM" (quoted)."""
    minutes: int = Field(default=60, ge=5, le=480)
    """Length in minutes."""
    chair: Id
    """The role who chairs it."""
    attendees: IdList = Field(default_factory=list)
    """Roles who attend."""
    from_phase: Id | None = None
    """The phase it starts with (default: the first)."""
    until: Literal["go-live", "hypercare-end", "project-end"] = "project-end"
    """go-live, hypercare-end or project-end."""

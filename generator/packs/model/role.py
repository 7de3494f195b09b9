"""Project roles."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.packs.model.base import Id
from generator.packs.model.item import Item
from generator.packs.model.skill import Level
from generator.packs.model.text import Text


class RoleDef(Item):
    """A project role: who does the work, on which side, at what day rate, with which competencies."""

    name: Text
    """The role's name."""
    description: Text = ""
    """What the role does in the project."""
    side: Literal["vendor", "client", "joint"] = "vendor"
    """vendor, client or joint."""
    day_rate: float = Field(default=0, ge=0)
    """Cost per person-day in the pack's currency; 0 for bodies such as the steering committee."""
    # competency profile the role needs: skill -> level 1-4 (generator/competency.py)
    competencies: dict[Id, Level] = Field(default_factory=dict)
    """The level (1-4) the role needs per skill: {configuration: 3, data-migration: 2}."""

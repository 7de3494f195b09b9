"""The risk register."""

from __future__ import annotations

from pydantic import Field

from generator.packs.model.base import Id
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class RiskDef(Item):
    """A risk of the register: likelihood x impact, owner, trigger, mitigation and contingency."""

    title: Text
    """The risk in a few words."""
    description: Text = ""
    """What could happen and why."""
    category: str = "general"
    """scope, schedule, data, people, technical, vendor, compliance, cost, governance..."""
    phase: Id
    """The phase in which it matters most."""
    likelihood: int = Field(ge=1, le=5)
    """1 (rare) to 5 (almost certain)."""
    impact: int = Field(ge=1, le=5)
    """1 (minor) to 5 (severe)."""
    owner: Id
    """The role who owns the risk."""
    trigger: Text = ""
    """The observable sign that it is happening."""
    mitigation: Text
    """What we do now to make it less likely or less severe."""
    contingency: Text = ""
    """What we do if it happens."""

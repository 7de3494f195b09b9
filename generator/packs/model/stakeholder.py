"""The stakeholder register."""

from __future__ import annotations

from pydantic import Field

from generator.packs.model.base import Id
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class StakeholderDef(Item):
    """A stakeholder of the register: department, interest, influence, and whether they are the
    department's business interface person."""

    name: Text
    """The stakeholder (a position, not a person)."""
    department: Text
    """Their department."""
    interest: int = Field(ge=1, le=5)
    """1 to 5."""
    influence: int = Field(ge=1, le=5)
    """1 to 5."""
    expectations: Text = ""
    """What they expect from the project."""
    engagement: Text = ""
    """How the project involves them."""
    interface_person: bool = False
    """true for the department's business interface person (joint working group)."""
    role: Id | None = None
    """The project role they take, if any."""

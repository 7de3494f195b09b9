"""Phases of the method."""

from __future__ import annotations

from pydantic import Field

from generator.packs.model.item import Item
from generator.packs.model.text import Text


class PhaseDef(Item):
    """A phase of the method (prepare, explore, realize, deploy, run)."""

    name: Text
    """The phase's name."""
    description: Text = ""
    """What the phase achieves."""
    order: int = Field(ge=1)
    """Position of the phase (1, 2, ...)."""

"""Self-support resources."""

from __future__ import annotations

from typing import Literal

from generator.packs.model.item import Item
from generator.packs.model.text import Text


class SupportDef(Item):
    """A self-support resource (knowledge base, quick-reference cards, super-user network, hypercare
    desk)."""

    name: Text
    """The resource's name."""
    kind: Literal[
        "knowledge-base", "quick-reference", "super-user-network", "hypercare-desk", "other"
    ]
    """knowledge-base, quick-reference, super-user-network, hypercare-desk or other."""
    description: Text = ""
    """What it offers and how to reach it."""
    hours: Text = ""
    """When it is available."""

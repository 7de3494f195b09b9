"""Training audiences."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.packs.model.base import IdList
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class AudienceDef(Item):
    """A training audience: a business persona (not a security role), its size, target hours, when
    it is trained and in which shifts."""

    name: Text
    """The audience's name."""
    description: Text = ""
    """Who they are and what they do with the system."""
    uses_system: bool = True
    """false for people informed but not trained hands-on."""
    share: float = Field(default=0.0, ge=0, le=1)
    """Part of the project's users (0-1); the shares of all audiences add up to 1 or less."""
    headcount: int | None = Field(default=None, ge=0)
    """A fixed number of people instead of a share."""
    hours: Annotated[list[int], Field(min_length=2, max_length=2)] = Field(
        default_factory=lambda: [8, 16]
    )
    """Target training hours per person: [min, max]."""
    # when this audience is trained: certified trainers first, key users before UAT,
    # end users per wave shortly before their go-live
    stage: Literal["train-the-trainer", "key-users", "end-users"] = "end-users"
    """When it is trained: train-the-trainer (first), key-users (before UAT) or end-users (per wave,
    before its go-live)."""
    shifts: IdList = Field(default_factory=list)
    """The training shifts its classes rotate through (ids of pack.rollout.shifts); default: the
    first shift."""

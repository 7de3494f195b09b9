"""Lessons learned and the projects that recorded them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.packs.model.base import Id, Strict
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class Provenance(Strict):
    """Where a lesson was learned: the project and the date it was recorded (written by implkit
    lessons harvest)."""

    project: str = Field(min_length=1)
    """The project (name or slug) that recorded the lesson."""
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    """The date it was recorded (YYYY-MM-DD, quoted)."""
    phase: Id | None = None
    """The phase it was recorded in."""
    client: str = ""
    """The client."""
    note: str = ""
    """What the team wrote about it."""
    by: str = ""
    """Who shared it (the name typed in the kit's Lessons sheet, Shared by): counted on the lessons
    board (implkit lessons board)."""


class LessonDef(Item):
    """A lesson learned: the pitfall, the advice, the early warning sign."""

    title: Text
    """The lesson in a few words."""
    pitfall: Text
    """What went wrong."""
    advice: Text
    """What to do instead."""
    phase: Id | None = None
    """The phase it belongs to (shown at that phase's gate)."""
    trigger: Text = ""
    """The early sign that a project is walking into this pitfall."""
    provenance: list[Provenance] = Field(default_factory=list)
    """The projects that recorded it."""

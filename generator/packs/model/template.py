"""Template files that land in a kit only under a condition."""

from __future__ import annotations

from pydantic import Field

from generator.packs.model.base import IdList
from generator.packs.model.item import Item


class TemplateDef(Item):
    """A file of the pack's templates/ folder that lands in a kit only when its condition holds
    (files without an entry always land)."""

    path: str = Field(min_length=1, max_length=300)
    """The file's path below templates/, as written (before rendering), with / between folders."""
    tasks: IdList = Field(default_factory=list)
    """The plan tasks that use this file: the pack wiki (implkit packs wiki) links each of them to
    it. An entry may list tasks without a when: the file then always lands."""

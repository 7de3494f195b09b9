"""The fields every item with an id has, and the condition that puts an item in a kit."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from generator.packs.model.base import Id, IdList, Strict, _listify
from generator.packs.model.text import resolve_text


class Condition(Strict):
    """When an item is in a kit: every key given must hold (and); a list means any of its values."""

    systems: Annotated[list[str], BeforeValidator(_listify)] | None = None
    """Any of these systems is in scope (compared without case); they must be systems of the pack.
    """
    strategy: Literal["big-bang", "phased"] | None = None
    """The go-live strategy: big-bang or phased."""
    min_sites: int | None = Field(default=None, ge=1)
    """At least this many sites."""
    max_sites: int | None = Field(default=None, ge=1)
    """At most this many sites."""
    min_users: int | None = Field(default=None, ge=1)
    """At least this many end users."""
    max_users: int | None = Field(default=None, ge=1)
    """At most this many end users."""
    country: Annotated[list[str], BeforeValidator(_listify)] | None = None
    """The project's country is one of these (ISO codes such as CN, HK)."""


class Item(Strict):
    """The fields every item with an id has."""

    id: Id
    """The item's stable id (lowercase letters, digits, '.', '-', '_'; section 5). Rename a shipped
    id only with replaces: kits find the team's entries by it."""
    override: bool = False
    """In a child pack: change the parent's item with this id; write only the fields that change."""
    when: Condition | None = None
    """The item is in a kit only when this condition holds (section 8)."""
    replaces: IdList = Field(default_factory=list)
    """Ids this item had in earlier versions of the pack: a live kit's entries on them move to this
    item when the kit is rebuilt with this version (section 15)."""

    @field_validator("name", check_fields=False)
    @classmethod
    def _named(cls, value: Any) -> Any:
        """A name must say something in at least one language (an empty one shows as nothing)."""
        if not resolve_text(value, "en").strip():
            raise ValueError("the name is empty; write the item's name (en and/or zh)")
        return value

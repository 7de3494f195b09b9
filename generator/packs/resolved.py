"""A pack after loading, validation and inheritance: what the Kit builder consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from generator.kit_model import Source
from generator.packs.model import (
    AudienceDef,
    BlackoutDef,
    CeremonyDef,
    CourseDef,
    CutoverDef,
    GateDef,
    Item,
    LessonDef,
    MigrationDef,
    PackMeta,
    PhaseDef,
    RiskDef,
    RoleDef,
    SkillDef,
    StakeholderDef,
    SupportDef,
    TaskDef,
    TemplateDef,
    Text,
)

T = TypeVar("T", bound=Item)


@dataclass(frozen=True)
class Located(Generic[T]):
    """A validated item and where its (last) definition came from."""

    item: T
    source: Source
    # the item's digest, when it was computed ahead (a built-in pack's compiled form,
    # generator/packs/compiled.py); not part of what the item is
    known_digest: str | None = field(default=None, compare=False, repr=False)

    def digest(self) -> str:
        """The item's digest as ``.implkit/last-build.json`` records it: the first 16 hex
        digits of the SHA-256 of its JSON without ``override`` (:func:`item_digest`)."""
        return self.known_digest or item_digest(self.item)


def item_digest(item: Item) -> str:
    """16 hex digits of the SHA-256 of ``item``'s JSON, ``override`` left out: what a kit
    remembers of a pack item to tell a changed item at the next build."""
    text = item.model_dump_json(exclude={"override"})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ResolvedPack:
    """A pack with its whole ``extends`` chain applied. Items keep declaration order
    (parent first; a child's ``after``/``before`` placement already applied to tasks)."""

    meta: PackMeta  # the leaf pack's metadata
    chain: tuple[str, ...]  # pack ids, root first: ("base", "manufacturing")
    dirs: tuple[Path, ...]  # pack folders, root first (template folders live in them)
    roles: tuple[Located[RoleDef], ...]
    phases: tuple[Located[PhaseDef], ...]
    gates: tuple[Located[GateDef], ...]
    tasks: tuple[Located[TaskDef], ...]
    ceremonies: tuple[Located[CeremonyDef], ...]
    risks: tuple[Located[RiskDef], ...]
    stakeholders: tuple[Located[StakeholderDef], ...]
    migration: tuple[Located[MigrationDef], ...]
    cutover: tuple[Located[CutoverDef], ...]
    audiences: tuple[Located[AudienceDef], ...]
    courses: tuple[Located[CourseDef], ...]
    support: tuple[Located[SupportDef], ...]
    lessons: tuple[Located[LessonDef], ...]
    skills: tuple[Located[SkillDef], ...] = ()  # the pack's own skills (competency matrix)
    blackouts: tuple[Located[BlackoutDef], ...] = ()  # go-live blackout windows
    templates: tuple[Located[TemplateDef], ...] = ()  # template files with `when`
    # each pack's display name (its ``pack: name``), aligned with ``chain``: documents name
    # a lesson's source pack by it, in the kit's language
    names: tuple[Text, ...] = ()

    def name_of(self, pack_id: str) -> Text:
        """The display name of ``pack_id`` of the chain (its id when it has none)."""
        for chained, name in zip(self.chain, self.names, strict=False):
            if chained == pack_id:
                return name
        return pack_id

"""Renamed items: ``replaces: [old-id]`` tells a live kit where its entries go.

A pack author who renames an item writes the new id and lists the id(s) it had in
earlier versions under ``replaces:``. A kit built from an earlier version then finds
the team's entries again: every row keyed by an old id (and every key built from it:
a wave's copy ``old@w2``, a training session ``course#audience@w2-1``, its
attendance ``<session>/<seat>``, a staffing row ``phase:role``, a field sheet
``migration.fields:<object>``) is moved to the new id before the entries are carried.

Keep an old id in ``replaces`` for as long as kits built from it may be live: a
rename of a rename lists both old ids (``replaces: [b, a]``).

``Renames`` holds ``section -> {old id: new id}``; tasks and gates share one namespace,
as they do in the pack. :func:`rename_key` rewrites one composite key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.packs.model import ITEM_SECTIONS

if TYPE_CHECKING:
    from generator.packs.resolved import ResolvedPack

# characters that never occur in an id and separate the parts of a composite key
_PARTS = re.compile(r"([#@/:])")
_NUMBERED = re.compile(r"^(.+)-(\d+)$")  # a session's number: <audience>-3


@dataclass(frozen=True)
class Renames:
    """Old id -> new id, by item section (``tasks`` also holds the gates' renames)."""

    by_section: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def of(self, sections: Iterable[str]) -> dict[str, str]:
        """The renames of ``sections`` merged into one table."""
        table: dict[str, str] = {}
        for section in sections:
            table.update(self.by_section.get(section, {}))
        return table

    def pairs(self) -> list[tuple[str, str, str]]:
        """``(section, old, new)`` for every rename, in section order then by old id."""
        return [
            (section, old, new)
            for section in ITEM_SECTIONS
            for old, new in sorted(self.by_section.get(section, {}).items())
        ]

    def __bool__(self) -> bool:
        return any(self.by_section.values())


def pack_renames(pack: ResolvedPack, current: Iterable[str] = ()) -> Renames:
    """The renames ``pack`` declares; an old id that is also a live id (of the pack, or
    in ``current``) is not a rename (validation reports it) and is left out."""
    live = set(current)
    table: dict[str, dict[str, str]] = {}
    for section in ITEM_SECTIONS:
        items = getattr(pack, section, ())
        live_here = {located.item.id for located in items}
        namespace = "tasks" if section in ("tasks", "gates") else section
        for located in items:
            for old in located.item.replaces:
                if old not in live_here and old not in live:
                    table.setdefault(namespace, {})[old] = located.item.id
    return Renames(table)


def rename_key(key: str, table: Mapping[str, str]) -> str:
    """``key`` with every part that is an old id of ``table`` replaced by its new id.

    Parts are separated by ``#``, ``@``, ``/`` and ``:`` (never part of an id); a part
    ``<id>-<n>`` (a numbered session) keeps its number.
    """
    if not table or not key:
        return key
    out = []
    for part in _PARTS.split(key):
        if part in table:
            part = table[part]
        else:
            numbered = _NUMBERED.match(part)
            if numbered and numbered.group(1) in table:
                part = f"{table[numbered.group(1)]}-{numbered.group(2)}"
        out.append(part)
    return "".join(out)

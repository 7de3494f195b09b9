"""Where a Kit came from: the packs, the pack chain and the project's answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Source:
    """Where a resolved item came from: the pack id and the file (relative to the pack)."""

    pack: str
    file: str
    line: int = 0


@dataclass(frozen=True)
class PackInfo:
    id: str
    name: str
    description: str
    version: str
    industry: str
    chain: tuple[str, ...]  # e.g. ("base", "manufacturing"), root first
    # the display name of each pack of ``chain`` in the kit's language (same order)
    chain_names: tuple[str, ...] = ()

    def name_of(self, pack_id: str) -> str:
        """The display name of ``pack_id`` in the kit's language: a pack of the chain by
        its name, anything else (the project's own items) by its id."""
        for chained, name in zip(self.chain, self.chain_names, strict=False):
            if chained == pack_id and name:
                return name
        return pack_id


@dataclass(frozen=True)
class ProjectInfo:
    client: str
    name: str
    slug: str
    pack: str
    systems: tuple[str, ...]
    strategy: Literal["big-bang", "phased"]
    sites: int
    users: int
    country: str
    currency: str
    start: date  # first working day of the project
    finish: date  # last working day of the scheduled plan
    go_live: date | None
    freeze_days: int
    class_size: int
    author: str  # consultant / document author (may be empty)
    # per-project id every exported UID carries (iCalendar UIDs...): kept in project.yaml
    # (``uid:``, generator.naming); "" in hand-built kits (exports then derive one)
    uid: str = ""
    # the start the answers asked for when it is not a working day (the plan starts on the
    # next working day, ``start``); None when the asked start is a working day
    start_asked: date | None = None
    # IANA time zone of the meetings ("" : the country's, see generator.render.ics)
    timezone: str = ""

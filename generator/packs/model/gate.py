"""Quality gates and key nodes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.packs.model.base import Id, IdList
from generator.packs.model.item import Item
from generator.packs.model.text import Text, TextList


class GateDef(Item):
    """A quality gate: a milestone with entry and exit criteria and the roles who sign it off. A
    phase gate closes its phase (the next phase's tasks wait for it); a key node closes one of
    the four key nodes."""

    name: Text
    """The gate's name."""
    phase: Id
    """The phase the gate belongs to."""
    kind: Literal["phase-gate", "key-node"] = "phase-gate"
    """phase-gate (closes its phase; the next phase waits for it) or key-node (closes one of the
    four key nodes, placed after its tasks)."""
    key_node: Literal["requirements", "configuration", "migration", "training"] | None = None
    """For a key node: requirements, configuration, migration or training."""
    after: IdList = Field(default_factory=list)
    """The tasks that must be finished; without it, every task of the phase."""
    precedes: IdList | None = None
    """For a key node: the tasks that may not start before it is passed; without it, the
    work the key node checks (requirements: development start, configuration: UAT,
    migration: the cutover, training: the go-live); an empty list: none."""
    entry_criteria: TextList = Field(default_factory=list)
    """What must hold before the review (measurable)."""
    exit_criteria: TextList = Field(default_factory=list)
    """What must hold to pass (measurable: numbers, documents, signatures)."""
    signoff: IdList = Field(default_factory=list)
    """Role ids who sign the gate off."""
    per_wave: bool = False
    """true: repeated for every rollout wave (id@w2 ...), after that wave's tasks; a gate per wave
    judges its wave and never holds the next phase."""

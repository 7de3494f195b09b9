"""Tasks of the plan: dependencies, RACI and effort."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from generator.packs.model.base import Id, IdList, Strict, _listify
from generator.packs.model.item import Item
from generator.packs.model.meta import ScaleRule
from generator.packs.model.skill import Level
from generator.packs.model.text import Text, TextList


class Dependency(Strict):
    """A predecessor: the task or gate id, the link type and the lag."""

    id: Id
    """The predecessor task or gate."""
    type: Literal["FS", "SS"] = "FS"
    """FS (finish-to-start, the default) or SS (start-to-start)."""
    lag: int = Field(default=0, ge=-250, le=250)
    """Working days between the two; may be negative."""


def _dependency(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


Dep = Annotated[Dependency, BeforeValidator(_dependency)]


class RaciDef(Strict):
    """Who is responsible, accountable, consulted and informed (role ids)."""

    responsible: IdList = Field(default_factory=list)
    """Roles who do the work (default: the roles with effort)."""
    accountable: Id | None = None
    """The role accountable for the result (default: the owner)."""
    consulted: IdList = Field(default_factory=list)
    """Roles consulted."""
    informed: IdList = Field(default_factory=list)
    """Roles kept informed."""


class TaskDef(Item):
    """A task of the plan (work breakdown structure): phase, duration in working days, effort per
    role, predecessors, deliverables."""

    name: Text
    """The task's name."""
    description: Text = ""
    """What is done and how."""
    phase: Id
    """The phase the task belongs to."""
    duration: float = Field(ge=0, le=2000)
    """Working days, whole or half (0.5); 0 for a milestone. The scheduler works in whole days."""
    effort: dict[Id, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    """Person-days per role: {functional-consultant: 10, key-user: 6}."""
    owner: Id
    """The role that owns the task (accountable unless raci says otherwise)."""
    after: Annotated[list[Dep], BeforeValidator(_listify)] = Field(default_factory=list)
    """Predecessors: task or gate ids, or {id, type: FS|SS, lag}."""
    # this task precedes these (FS) and is placed before them:
    before: IdList = Field(default_factory=list)
    """Tasks this one must finish before (a finish-to-start link to them); slots a task into a
    parent's chain."""
    deliverables: TextList = Field(default_factory=list)
    """What the task produces."""
    milestone: bool = False
    """true for a zero-length event."""
    key_node: Literal["requirements", "configuration", "migration", "training"] | None = None
    """Marks the task that closes a key node: requirements, configuration, migration or training."""
    anchor: str | None = None
    """Marks the task a rule of the method hangs on (go-live, uat, training...; section 9); each
    anchor marks one task."""
    raci: RaciDef | None = None
    """Who is responsible, accountable, consulted and informed."""
    tags: IdList = Field(default_factory=list)
    """Free ids for filtering; the tracker exports carry them."""
    # level this task needs per skill (default: the owner role's profile); see competency.py
    competencies: dict[Id, Level] = Field(default_factory=dict)
    """The level (1-4) the task needs per skill (default: the owner role's profile)."""
    # False: may start before the previous phase's gate (work that overlaps on purpose)
    gated: bool = True
    """false: the task may start before the previous phase's gate (work that overlaps on purpose).
    """
    per_wave: bool = False
    """true: repeated for every rollout wave after the pilot (id@w2, id@w3...)."""
    wave_duration: float | None = Field(default=None, ge=0, le=2000)
    """For a task repeated per wave: its duration in the waves after the pilot, in working days
    (the pilot keeps duration); scale applies on top."""
    avoid_blackouts: bool = False
    """true: pushed past blackout windows and the go-live rules (cutover, go-live)."""
    scale: list[ScaleRule] = Field(default_factory=list)
    """How the task grows with users, sites or migration objects."""

    @model_validator(mode="after")
    def _wave_duration_per_wave(self) -> TaskDef:
        if self.wave_duration is not None and not self.per_wave:
            raise ValueError(
                "wave_duration is the duration in the waves after the pilot, so it needs "
                "per_wave: true; add it, or remove wave_duration"
            )
        return self

    @field_validator("duration", "wave_duration")
    @classmethod
    def _whole_or_half(cls, value: float | None) -> float | None:
        if value is not None and value * 2 != int(value * 2):
            raise ValueError(
                "duration is in working days: use a whole or half number, e.g. 3 or 0.5"
            )
        return value

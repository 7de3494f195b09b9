"""What a pack is (``pack:``): its id, version, industry, systems, sizing rules and
status thresholds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from generator.packs.model.base import CURRENT_FORMAT, SEMVER, Id, Strict, _listify
from generator.packs.model.rollout import RolloutDef
from generator.packs.model.text import _BOTH_LANGS, Text, resolve_text


class ScaleRule(Strict):
    """Grow a task with the project: for every started per units of by above above, add duration
    working days and effort (a share of the task's effort). For a task repeated per wave, users
    and sites are the wave's."""

    by: Literal["users", "sites", "migration-objects"]
    """What the task grows with: users, sites or migration-objects."""
    per: int = Field(ge=1)
    """Grow once per this many units (started)."""
    above: int = Field(default=0, ge=0)
    """Units up to this number add nothing."""
    duration: float = Field(default=0, ge=0, le=250)
    """Working days added per step."""
    effort: float = Field(default=0, ge=0, le=10)
    """Share of the task's effort added per step (0.5 = +50%)."""
    max_duration: float | None = Field(default=None, ge=0)
    """The longest the task may grow to, in working days."""


class StatusThresholds(Strict):
    """When the monthly status report shows red or amber: below the red threshold is red, below the
    amber one amber (SPI, CPI and training pass rate); a go-live slip over slip_red_days working
    days is red; an open risk scoring risk_red_score or more is red, risk_amber_score or more
    amber."""

    spi_red: float = Field(default=0.9, gt=0, le=2)
    """Schedule performance index (SPI) below this is red."""
    spi_amber: float = Field(default=0.95, gt=0, le=2)
    """SPI below this is amber."""
    cpi_red: float = Field(default=0.9, gt=0, le=2)
    """Cost performance index (CPI) below this is red."""
    cpi_amber: float = Field(default=0.95, gt=0, le=2)
    """CPI below this is amber."""
    slip_red_days: int = Field(default=10, ge=0, le=1000)
    """A go-live slipping more than this many working days is red."""
    risk_red_score: int = Field(default=15, ge=1, le=25)
    """An open risk scoring this (likelihood x impact) or more is red."""
    risk_amber_score: int = Field(default=10, ge=1, le=25)
    """An open risk scoring this or more is amber."""
    pass_red: float = Field(default=0.7, ge=0, le=1)
    """A training pass rate (0-1) below this is red."""
    pass_amber: float = Field(default=0.85, ge=0, le=1)
    """A training pass rate below this is amber."""
    cost_coverage_partial: float = Field(default=0.8, ge=0, le=1)
    """Cost recorded for less than this share of the earned value flags the cost figures (CPI,
    EAC and the cost colour, computed over the recorded work) as partial."""

    @model_validator(mode="after")
    def _ordered(self) -> StatusThresholds:
        for red, amber in (
            ("spi_red", "spi_amber"),
            ("cpi_red", "cpi_amber"),
            ("pass_red", "pass_amber"),
        ):
            if getattr(self, red) > getattr(self, amber):
                raise ValueError(f"{red} must not be above {amber}")
        if self.risk_amber_score > self.risk_red_score:
            raise ValueError("risk_amber_score must not be above risk_red_score")
        return self


class PackMeta(Strict):
    """What the pack is: its id, name, version, format, parent pack, systems, and the rules it sets
    for every kit (rollout, status thresholds). Exactly one file of a pack has it."""

    id: Id
    """The pack's id (by convention its folder name); kits and child packs name it."""
    name: Text
    """The pack's name."""
    description: Text = ""
    """What the pack is for, for the consultants who will use it."""
    version: Annotated[str, Field(pattern=SEMVER)]
    """Semantic version (1.2.0); raise it with every release: implkit outdated lists the kits built
    from an older one."""
    format: int = 1
    """The pack format the files are written in (2 today; none means 1). implkit packs upgrade
    rewrites a pack to the current format."""
    # industry and systems go into Word's keywords property (255 characters in all)
    industry: str = Field(default="general", min_length=1, max_length=100)
    """The industry, shown in the documents' properties."""
    systems: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=40)]], BeforeValidator(_listify)
    ] = Field(default_factory=list, max_length=20)
    """Systems this pack knows about (ERP, MES, POS...); a project's --systems names only these."""
    default_systems: Annotated[list[str], BeforeValidator(_listify)] | None = None
    """Systems in scope when the consultant names none (default: all of systems)."""
    languages: list[Literal["en", "zh"]] = Field(default_factory=lambda: list(_BOTH_LANGS))
    """Languages the pack ships in; validation checks every text in each."""
    extends: Id | None = None
    """The parent pack (base for an industry pack): its items are inherited."""
    country: str = "CN"
    """Default country of the working calendar (public holidays, make-up workdays)."""
    currency: str = "CNY"
    """Currency of the day rates (ISO code)."""
    authors: Annotated[list[str], BeforeValidator(_listify)] = Field(default_factory=list)
    """Who wrote and maintains the pack."""
    rollout: RolloutDef = Field(default_factory=RolloutDef)
    """Waves, go-live rules and the training timetable's defaults."""
    status_thresholds: StatusThresholds = Field(default_factory=StatusThresholds)
    """When the monthly status report shows red or amber."""

    @field_validator("name")
    @classmethod
    def _named(cls, value: Any) -> Any:
        if not resolve_text(value, "en").strip():
            raise ValueError("the pack's name is empty; write it (en and/or zh)")
        return value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value < 1:
            raise ValueError(
                f"format {value} does not exist; write format: {CURRENT_FORMAT} (the current one)"
            )
        if value > CURRENT_FORMAT:
            raise ValueError(
                f"this pack is written in format {value}, newer than this implkit reads "
                f"(formats 1 to {CURRENT_FORMAT}): update implkit (pip install -U implkit)"
            )
        return value

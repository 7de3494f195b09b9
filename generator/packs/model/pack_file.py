"""One YAML file of a pack and its sections."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from generator.packs.model.audience import AudienceDef
from generator.packs.model.base import IdList, Strict
from generator.packs.model.blackout import BlackoutDef
from generator.packs.model.ceremony import CeremonyDef
from generator.packs.model.course import CourseDef
from generator.packs.model.cutover import CutoverDef
from generator.packs.model.gate import GateDef
from generator.packs.model.item import Item
from generator.packs.model.lesson import LessonDef
from generator.packs.model.meta import PackMeta
from generator.packs.model.migration import MigrationDef
from generator.packs.model.phase import PhaseDef
from generator.packs.model.risk import RiskDef
from generator.packs.model.role import RoleDef
from generator.packs.model.skill import SkillDef
from generator.packs.model.stakeholder import StakeholderDef
from generator.packs.model.support import SupportDef
from generator.packs.model.task import TaskDef
from generator.packs.model.template import TemplateDef


class PackFile(Strict):
    """One YAML file of a pack. Every section is optional; exactly one file of a pack has pack:."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"title": "implkit know-how pack file"},
    )

    pack: PackMeta | None = None
    """What the pack is (exactly one file of the pack has it)."""
    remove: IdList = Field(default_factory=list)
    """Ids of the parent's items to drop (links through a removed task are bridged)."""
    roles: list[RoleDef] = Field(default_factory=list)
    """Project roles."""
    phases: list[PhaseDef] = Field(default_factory=list)
    """Phases of the method."""
    gates: list[GateDef] = Field(default_factory=list)
    """Quality gates and key nodes."""
    tasks: list[TaskDef] = Field(default_factory=list)
    """Tasks of the plan."""
    ceremonies: list[CeremonyDef] = Field(default_factory=list)
    """Recurring meetings."""
    risks: list[RiskDef] = Field(default_factory=list)
    """The risk register."""
    stakeholders: list[StakeholderDef] = Field(default_factory=list)
    """The stakeholder register."""
    migration: list[MigrationDef] = Field(default_factory=list)
    """Data migration objects."""
    cutover: list[CutoverDef] = Field(default_factory=list)
    """The cutover runbook."""
    audiences: list[AudienceDef] = Field(default_factory=list)
    """Training audiences."""
    courses: list[CourseDef] = Field(default_factory=list)
    """Courses of the three-tier curriculum."""
    support: list[SupportDef] = Field(default_factory=list)
    """Self-support resources."""
    lessons: list[LessonDef] = Field(default_factory=list)
    """Lessons learned."""
    skills: list[SkillDef] = Field(default_factory=list)
    """Skills of the competency matrix beside the six shared ones."""
    blackouts: list[BlackoutDef] = Field(default_factory=list)
    """Windows in which no go-live or cutover may fall."""
    templates: list[TemplateDef] = Field(default_factory=list)
    """Template files that land in a kit only under a condition."""


# Sections that hold items with ids, in the order they are resolved and reported.
ITEM_SECTIONS: dict[str, type[Item]] = {
    "roles": RoleDef,
    "phases": PhaseDef,
    "gates": GateDef,
    "tasks": TaskDef,
    "ceremonies": CeremonyDef,
    "risks": RiskDef,
    "stakeholders": StakeholderDef,
    "migration": MigrationDef,
    "cutover": CutoverDef,
    "audiences": AudienceDef,
    "courses": CourseDef,
    "support": SupportDef,
    "lessons": LessonDef,
    "skills": SkillDef,
    "blackouts": BlackoutDef,
    "templates": TemplateDef,
}

# The item sections a kit is built from, in ITEM_SECTIONS order: all of them but the
# calendar's ``blackouts`` and the file filter ``templates``. ``packs show``/``--json``, the
# pack site, the pack diff and the project overlay (project.yaml) go through these.
KIT_SECTIONS: tuple[str, ...] = tuple(
    s for s in ITEM_SECTIONS if s not in ("blackouts", "templates")
)

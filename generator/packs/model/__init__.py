"""Typed model of a know-how pack (pydantic v2).

A pack is a folder of YAML files. Every file has the same shape,
:class:`PackFile`: a mapping whose top-level keys are sections (``pack``,
``roles``, ``phases``, ``gates``, ``tasks``, ``ceremonies``, ``risks``,
``stakeholders``, ``migration``, ``cutover``, ``audiences``, ``courses``,
``support``, ``lessons``, ``remove``). Exactly one file of a pack (by
convention ``pack.yaml``) holds the ``pack:`` metadata.

Every text a user reads is :data:`Text`: a plain string or ``{en: ..., zh: ...}``.

Items of a child pack with an id that the parent already has must say
``override: true``; they then only list the fields they change (merged field by
field before validation). ``remove: [id, ...]`` drops parent items.

The package holds one module per section (:mod:`.role`, :mod:`.task`,
:mod:`.course`...) over :mod:`.base` (strict models, ids), :mod:`.text` (texts in two
languages) and :mod:`.item` (the fields every item has); :mod:`.pack_file` assembles
them. Import from ``generator.packs.model``, which re-exports every name.
"""

from __future__ import annotations

from generator.packs.model.audience import AudienceDef
from generator.packs.model.base import (
    CURRENT_FORMAT,
    ID_PATTERN,
    SEMVER,
    Id,
    IdList,
    Strict,
    _listify,
)
from generator.packs.model.blackout import AroundSpringFestival, BlackoutDef, MonthEnd, YearlyWindow
from generator.packs.model.ceremony import CeremonyDef
from generator.packs.model.course import CourseDef, ModuleDef
from generator.packs.model.cutover import CutoverDef
from generator.packs.model.gate import GateDef
from generator.packs.model.item import Condition, Item
from generator.packs.model.lesson import LessonDef, Provenance
from generator.packs.model.meta import PackMeta, ScaleRule, StatusThresholds
from generator.packs.model.migration import (
    Approach,
    FieldDef,
    MigrationDef,
    ReconciliationDef,
    SourceRef,
)
from generator.packs.model.pack_file import ITEM_SECTIONS, KIT_SECTIONS, PackFile
from generator.packs.model.phase import PhaseDef
from generator.packs.model.risk import RiskDef
from generator.packs.model.role import RoleDef
from generator.packs.model.rollout import (
    CLOCK,
    MONTH_DAY,
    NextWaveDef,
    RolloutDef,
    ShiftDef,
    Slot,
    Weekday,
)
from generator.packs.model.skill import SKILLS, Level, SkillDef
from generator.packs.model.stakeholder import StakeholderDef
from generator.packs.model.support import SupportDef
from generator.packs.model.task import Dep, Dependency, RaciDef, TaskDef
from generator.packs.model.template import TemplateDef
from generator.packs.model.text import LANGS, LocalizedText, Text, TextList, resolve_text, text_in

__all__ = [
    "CLOCK",
    "CURRENT_FORMAT",
    "ID_PATTERN",
    "ITEM_SECTIONS",
    "KIT_SECTIONS",
    "LANGS",
    "MONTH_DAY",
    "SEMVER",
    "SKILLS",
    "Approach",
    "AroundSpringFestival",
    "AudienceDef",
    "BlackoutDef",
    "CeremonyDef",
    "Condition",
    "CourseDef",
    "CutoverDef",
    "Dep",
    "Dependency",
    "FieldDef",
    "GateDef",
    "Id",
    "IdList",
    "Item",
    "LessonDef",
    "Level",
    "LocalizedText",
    "MigrationDef",
    "ModuleDef",
    "MonthEnd",
    "NextWaveDef",
    "PackFile",
    "PackMeta",
    "PhaseDef",
    "Provenance",
    "RaciDef",
    "ReconciliationDef",
    "RiskDef",
    "RoleDef",
    "RolloutDef",
    "ScaleRule",
    "ShiftDef",
    "SkillDef",
    "Slot",
    "SourceRef",
    "StakeholderDef",
    "StatusThresholds",
    "Strict",
    "SupportDef",
    "TaskDef",
    "TemplateDef",
    "Text",
    "TextList",
    "Weekday",
    "YearlyWindow",
    "_listify",
    "resolve_text",
    "text_in",
]

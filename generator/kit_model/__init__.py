"""The Kit: a plain, immutable, fully resolved project kit.

This is the contract between the left half of the flow (packs, project answers,
calendar, scheduler) and the renderers. Renderers take a :class:`Kit` and
nothing else: every text here is already in the kit's language (``kit.lang``),
every date is already computed on the project's working calendar.

Conventions
-----------
* Ids are the pack's stable ids (``base.kickoff``, ``mfg.routing``).
* Role references (``owner``, ``signoff``...) are role ids; look the display
  name up with :meth:`Kit.role_name`.
* Dates are :class:`datetime.date`. A task occupies the working days
  ``start..finish`` inclusive. A milestone has ``start == finish`` and
  ``duration == 0``: it falls at the end of ``finish``.
* ``total_float`` is in working days; ``critical`` means zero (or negative)
  total float.
* Tuples everywhere so a Kit can be hashed, shared and never mutated.

The package holds one module per part of the Kit: :mod:`.terms`, :mod:`.project_info`,
:mod:`.calendars`, :mod:`.plan`, :mod:`.registers`, :mod:`.migration`, :mod:`.training`,
:mod:`.tracking` and :mod:`.kit`. Import from ``generator.kit_model``, which re-exports
every name.
"""

from __future__ import annotations

from generator.kit_model.calendars import BlackoutWindow, CalendarDay, WorkCalendar
from generator.kit_model.kit import Kit
from generator.kit_model.migration import (
    CutoverStep,
    MigrationField,
    MigrationObject,
    Reconciliation,
)
from generator.kit_model.plan import (
    Ceremony,
    DatePush,
    FreezeWindow,
    Gate,
    Link,
    Phase,
    Raci,
    Role,
    Scaled,
    StaffingRow,
    Task,
    Wave,
)
from generator.kit_model.project_info import PackInfo, ProjectInfo, Source
from generator.kit_model.registers import Lesson, Risk, Stakeholder
from generator.kit_model.terms import (
    ANCHORS,
    TIER_NAMES,
    TIERS,
    DeliveryMode,
    Lang,
    LinkType,
    Mandatory,
    MigrationKind,
    Tier,
)
from generator.kit_model.tracking import (
    BaselineTask,
    BaselineView,
    CalendarHistory,
    CellValue,
    EventStamp,
    SheetEntries,
    TaskProgress,
    TrackerIds,
    TrackerLink,
)
from generator.kit_model.training import (
    Audience,
    Course,
    CourseModule,
    Skill,
    SupportResource,
    TrainingSession,
)

__all__ = [
    "ANCHORS",
    "TIERS",
    "TIER_NAMES",
    "Audience",
    "BaselineTask",
    "BaselineView",
    "BlackoutWindow",
    "CalendarDay",
    "CalendarHistory",
    "CellValue",
    "Ceremony",
    "Course",
    "CourseModule",
    "CutoverStep",
    "DatePush",
    "DeliveryMode",
    "EventStamp",
    "FreezeWindow",
    "Gate",
    "Kit",
    "Lang",
    "Lesson",
    "Link",
    "LinkType",
    "Mandatory",
    "MigrationField",
    "MigrationKind",
    "MigrationObject",
    "PackInfo",
    "Phase",
    "ProjectInfo",
    "Raci",
    "Reconciliation",
    "Risk",
    "Role",
    "Scaled",
    "SheetEntries",
    "Skill",
    "Source",
    "StaffingRow",
    "Stakeholder",
    "SupportResource",
    "Task",
    "TaskProgress",
    "Tier",
    "TrackerIds",
    "TrackerLink",
    "TrainingSession",
    "Wave",
    "WorkCalendar",
]

"""The Kit itself: everything above, resolved, in the kit's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.kit_model.calendars import BlackoutWindow, WorkCalendar
from generator.kit_model.migration import CutoverStep, MigrationObject
from generator.kit_model.plan import (
    Ceremony,
    DatePush,
    FreezeWindow,
    Gate,
    Phase,
    Role,
    Scaled,
    StaffingRow,
    Task,
    Wave,
)
from generator.kit_model.project_info import PackInfo, ProjectInfo
from generator.kit_model.registers import Lesson, Risk, Stakeholder
from generator.kit_model.terms import TIER_NAMES, Lang
from generator.kit_model.tracking import (
    BaselineView,
    CalendarHistory,
    SheetEntries,
    TaskProgress,
    TrackerIds,
)
from generator.kit_model.training import Audience, Course, Skill, SupportResource, TrainingSession


@dataclass(frozen=True)
class Kit:
    generator_version: str
    lang: Lang
    pack: PackInfo
    project: ProjectInfo
    calendar: WorkCalendar
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    tasks: tuple[Task, ...]  # WBS order: phase by phase, gates included as milestones
    gates: tuple[Gate, ...]
    freeze: FreezeWindow | None
    anchors: tuple[tuple[str, date], ...]  # anchor name -> date (start of the anchored task)
    ceremonies: tuple[Ceremony, ...]
    risks: tuple[Risk, ...]  # highest score first, then id
    stakeholders: tuple[Stakeholder, ...]
    migration: tuple[MigrationObject, ...]  # derived load order
    cutover: tuple[CutoverStep, ...]
    audiences: tuple[Audience, ...]
    courses: tuple[Course, ...]
    training_window: tuple[date, date] | None
    sessions: tuple[TrainingSession, ...]
    support: tuple[SupportResource, ...]
    lessons: tuple[Lesson, ...]
    # Consultant progress carried over by ``implkit build`` (empty for a new kit):
    progress: tuple[TaskProgress, ...] = ()  # for tasks that are still in the plan
    removed: tuple[TaskProgress, ...] = ()  # tasks no longer in the plan ("Removed tasks" sheet)
    # Every other consultant cell of every workbook, by declared sheet key:
    entries: tuple[SheetEntries, ...] = ()
    # Per phase the roles, the competency level they need (plan "Staffing" sheet):
    staffing: tuple[StaffingRow, ...] = ()
    # the pack's own skills, after the six shared ones (generator/competency.py)
    skills: tuple[Skill, ...] = ()
    # Earlier builds' calendar events, for iCalendar SEQUENCE/DTSTAMP:
    calendar_history: CalendarHistory = CalendarHistory()
    # Tracking: the status date the dates are forecast at (None: the plan as
    # scheduled) and the current baseline the slip is measured against (None: none saved).
    as_of: date | None = None
    baseline: BaselineView | None = None
    # Planning: rollout waves, dates the rules pushed, what sizing scaled, and
    # the blackout windows within the plan's years.
    waves: tuple[Wave, ...] = ()
    pushes: tuple[DatePush, ...] = ()
    scaled: tuple[Scaled, ...] = ()
    blackouts: tuple[BlackoutWindow, ...] = ()
    # Template files (paths below a pack's templates/) whose `when` does not hold: not laid
    # out (an ERP-only kit gets no PLC tag test sheet)
    skipped_templates: tuple[str, ...] = ()
    # Tracker ids learnt by `implkit import`: the exports write them back (no duplicates)
    trackers: TrackerIds = TrackerIds()
    # The builder that scheduled this Kit (its network and planning rules), so that a
    # forecast runs the same scheduling pass (generator.tracking.forecast); None for a Kit
    # made by hand. Not part of the Kit's value: never compared, hashed or shown.
    scheduler: Any = field(default=None, compare=False, repr=False)

    def entries_of(self, sheet: str) -> SheetEntries:
        """The carried entries of a declared sheet (an empty :class:`SheetEntries` if none)."""
        for entry in self.entries:
            if entry.sheet == sheet:
                return entry
        return SheetEntries(sheet=sheet)

    # --- look-ups -----------------------------------------------------------------
    def role_name(self, role_id: str) -> str:
        """Display name of a role id (the id itself if unknown)."""
        for role in self.roles:
            if role.id == role_id:
                return role.name
        return role_id

    def task(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def anchor(self, name: str) -> date | None:
        for key, day in self.anchors:
            if key == name:
                return day
        return None

    def tier_name(self, tier: str) -> str:
        return TIER_NAMES[self.lang][tier]

    @property
    def critical_path(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tasks if t.critical)

"""The plan: roles, phases, tasks and their links, gates, freeze windows, ceremonies,
rollout waves, pushed dates, the sizing applied and the staffing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.kit_model.project_info import Source
from generator.kit_model.terms import LinkType


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str
    side: Literal["vendor", "client", "joint"]
    day_rate: float  # in ProjectInfo.currency; 0 when unknown
    # competency profile: (skill, level 1-4) in generator.competency.SKILLS order
    competencies: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Link:
    predecessor: str  # task id
    type: LinkType = "FS"
    lag: int = 0  # working days, may be negative


@dataclass(frozen=True)
class Raci:
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    id: str
    wbs: str  # "2.3": phase number . task number
    outline_level: int  # 1 = phase summary (not in Kit.tasks), 2 = task
    name: str
    description: str
    phase: str  # phase id
    owner: str  # role id
    duration: int  # working days; 0 for milestones
    effort: tuple[tuple[str, float], ...]  # (role id, person-days)
    predecessors: tuple[Link, ...]
    deliverables: tuple[str, ...]
    milestone: bool
    gate: str | None  # gate id when this milestone is a quality gate
    key_node: str | None  # requirements / configuration / migration / training
    anchor: str | None
    raci: Raci
    start: date
    finish: date
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    total_float: int
    critical: bool
    source: Source
    wave: int = 0  # rollout wave number (1 = pilot) of a task repeated per wave; 0 = not
    # the start a planning rule holds the task on that a scheduling tool cannot derive
    # from the links (a blackout push, the go-live rule, the freeze, the status date):
    # exported as a start-no-earlier-than constraint (None: as soon as possible)
    constraint: date | None = None

    @property
    def effort_days(self) -> float:
        return sum(days for _, days in self.effort)


@dataclass(frozen=True)
class Phase:
    id: str
    number: int  # 1-based, used in WBS
    name: str
    description: str
    start: date
    finish: date
    task_ids: tuple[str, ...]  # in WBS order
    source: Source


@dataclass(frozen=True)
class Gate:
    id: str
    name: str
    phase: str
    kind: Literal["phase-gate", "key-node"]
    key_node: str | None
    entry_criteria: tuple[str, ...]
    exit_criteria: tuple[str, ...]
    signoff: tuple[str, ...]  # role ids
    task_id: str  # the milestone task that carries the date
    date: date
    source: Source


@dataclass(frozen=True)
class FreezeWindow:
    """Requirements freeze: no changes from ``start`` to ``end`` inclusive; the CCB decides after."""

    start: date
    end: date  # the day before development starts
    days: int  # calendar days (project answer, default 30)
    signoff_task: str  # prototype sign-off task id
    development_task: str  # development-start task id


@dataclass(frozen=True)
class Ceremony:
    id: str
    name: str
    purpose: str
    cadence: Literal["daily", "weekly", "biweekly", "monthly"]
    weekday: int  # Monday=0
    time: str  # "09:30"
    minutes: int
    attendees: tuple[str, ...]  # role ids
    chair: str  # role id
    first: date
    until: date
    source: Source


@dataclass(frozen=True)
class StaffingRow:
    """One phase x role line of the staffing sheet (generator/competency.py).

    ``needs``: (skill, level 1-4) the role needs in this phase, in SKILLS order: the role's
    profile raised by the needs of the tasks it owns in the phase. ``required_level`` is the
    highest of them (0: the role has no profile) and ``key_skill`` the skill it is for.
    """

    id: str  # "<phase id>:<role id>": the sheet's key column
    phase: str  # phase id
    role: str  # role id
    effort: float  # person-days of the role in the phase
    needs: tuple[tuple[str, int], ...]
    required_level: int
    key_skill: str


@dataclass(frozen=True)
class Wave:
    """A rollout wave: wave 1 is the pilot (or the one go-live of a big bang)."""

    number: int  # 1-based
    name: str  # "Pilot", "Wave 2" (language-resolved)
    sites: tuple[str, ...]  # site names ("Plant 1"...)
    users: int  # end users at these sites
    go_live: date | None
    hypercare_end: date | None
    training_start: date | None  # the wave's end-user training window
    training_finish: date | None
    suffix: str  # task id suffix of the wave's copies: "" for wave 1, "@w2"...
    # with a per-site cutover: (site, its go-live night) in cutover order; else ()
    site_go_lives: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class DatePush:
    """A date the planning rules moved: a blackout, a not-before date or an alignment."""

    task_id: str
    wave: int
    before: date  # where the network put it
    after: date  # where it is now
    reason: str  # language-resolved ("Spring Festival 2027-01-31..2027-02-20")
    # False: no date within the search horizon clears the rule; the item stays where the
    # network put it, breaking the rule, and the build and status output say so
    met: bool = True


@dataclass(frozen=True)
class Scaled:
    """What sizing changed on one task (duration in working days, effort in person-days)."""

    task_id: str
    driver: str  # users, sites, migration-objects, training-capacity
    value: int  # the driver's value (the wave's for per-wave tasks)
    duration_from: float
    duration_to: float
    effort_from: float
    effort_to: float

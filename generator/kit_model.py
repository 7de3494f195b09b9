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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

from generator.i18n import DC_, TextTable

Lang = Literal["en", "zh"]
LinkType = Literal["FS", "SS"]
Tier = Literal["basic", "advanced", "self-support"]
DeliveryMode = Literal["online-recorded", "offline-hands-on", "self-service"]
MigrationKind = Literal["configuration", "master", "transactional", "balance", "history"]
Mandatory = Literal["yes", "no", "conditional"]

TIERS: tuple[Tier, ...] = ("basic", "advanced", "self-support")
TIER_NAMES = TextTable(
    {
        "basic": DC_("training tier", "Basic operations"),
        "advanced": DC_("training tier", "Advanced application"),
        "self-support": DC_("training tier", "Self-support"),
    }
)


# Names of the anchor dates a pack's tasks can carry (``anchor:`` on a task).
ANCHORS: tuple[str, ...] = (
    "kickoff",
    "prototype-signoff",  # signed prototype confirmation; the freeze starts after it
    "development-start",  # formal development; the freeze window ends here
    "mock-load-1",
    "mock-load-2",
    "train-the-trainer",  # the train-the-trainer window
    "key-user-training",  # the key-user training window, before UAT
    "dress-rehearsal",
    "training",  # the end-user training window (task start..finish)
    "uat",
    "cutover",
    "go-live",
    "hypercare-end",
    "evaluation",
)


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


@dataclass(frozen=True)
class CalendarDay:
    day: date
    name: str
    official: bool  # True: from an officially announced schedule; False: estimated
    # where the day comes from: "official" (announced schedule or fixed rules),
    # "estimated" (rules only, year not announced yet), "project" (project.yaml extras)
    source: str = "official"


@dataclass(frozen=True)
class WorkCalendar:
    country: str
    weekend: tuple[int, ...]  # weekday numbers, Monday=0
    holidays: tuple[CalendarDay, ...]  # non-working days that would otherwise be workdays
    workdays: tuple[CalendarDay, ...]  # make-up workdays on weekends (调休) and project extras
    official_years: tuple[int, ...]
    estimated_years: tuple[int, ...]
    first: date  # range the calendar covers
    last: date


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
class Risk:
    id: str
    title: str
    description: str
    category: str
    phase: str
    likelihood: int  # 1-5
    impact: int  # 1-5
    owner: str  # role id
    trigger: str
    mitigation: str
    contingency: str
    source: Source
    category_name: str = ""  # the category in the kit's language ("数据"); generator.display

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str  # the stakeholder's title / group ("Plant manager")
    department: str
    interest: int  # 1-5
    influence: int  # 1-5
    expectations: str
    engagement: str  # strategy
    interface_person: bool  # the department's business interface person in the joint working group
    role: str | None  # role id when the stakeholder is also a project role
    source: Source


@dataclass(frozen=True)
class MigrationField:
    name: str
    technical: str
    type: str  # text, number, date, datetime, boolean, code, amount, quantity
    length: int | None
    decimals: int | None
    mandatory: Mandatory
    default: str
    mapping: str
    transformation: str
    validation: str
    type_name: str = ""  # the type in the kit's language ("金额"); generator.display


@dataclass(frozen=True)
class Reconciliation:
    method: str  # record-count, hash-total, control-total, balance-tie-out, sample, combos
    method_name: str  # display text
    sample_percent: float
    tolerance: str  # display text ("0", "0.5%", "±0.01 CNY")


@dataclass(frozen=True)
class MigrationObject:
    id: str
    name: str
    description: str
    kind: MigrationKind
    wave: int  # 1-based: longest dependency chain depth
    sequence: int  # 1-based position in the derived load order
    depends_on: tuple[str, ...]
    source_system: str
    source_table: str
    target: str
    tool: str
    load_mode: Literal["full", "delta"]
    volume: str
    cleansing: tuple[str, ...]
    reconciliation: Reconciliation
    owner: str  # role id
    signoff: tuple[str, ...]
    sensitive: bool
    fields: tuple[MigrationField, ...]
    mock_1: date | None
    mock_2: date | None
    dress_rehearsal: date | None
    source: Source
    # display texts in the kit's language (generator.display): "原 ERP / COMPANY / WAREHOUSE",
    # "迁移模板，全量"; show these rather than joining source_system/tool/load_mode yourself
    source_name: str = ""
    approach_name: str = ""


@dataclass(frozen=True)
class CutoverStep:
    id: str
    sequence: int
    name: str
    owner: str
    backup_owner: str
    planned: str  # display text, e.g. "T-2d 18:00" or a date
    planned_date: date | None
    hours: float
    verification: str
    rollback: str
    source: Source
    wave: int = 0  # rollout wave this step belongs to (1 = pilot); 0 = no waves


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    description: str
    uses_system: bool
    headcount: int  # derived from ProjectInfo.users and the audience's share
    hours_min: int
    hours_max: int
    source: Source


@dataclass(frozen=True)
class CourseModule:
    topic: str
    minutes: int
    method: str


@dataclass(frozen=True)
class Course:
    id: str
    code: str
    title: str
    tier: Tier
    audiences: tuple[str, ...]  # audience ids
    mode: DeliveryMode
    prerequisites: tuple[str, ...]  # course ids
    objectives: tuple[str, ...]
    modules: tuple[CourseModule, ...]
    environment: str
    materials: tuple[str, ...]  # display names
    assessment: str
    pass_mark: int  # percent
    evaluation_level: int  # Kirkpatrick 1-4
    source: Source

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass(frozen=True)
class TrainingSession:
    id: str  # stable: "<course id>#<audience id>[@w<wave>]-<n>" (n per course, audience, wave)
    course: str
    audience: str
    number: int  # 1-based within the course/audience
    day: date
    start_time: str  # "09:00"
    end_time: str
    mode: DeliveryMode
    location: str  # room or "online"
    capacity: int
    enrolled: int  # planned head count in this session
    wave: int = 0  # rollout wave of the learners (0 = not tied to a wave)
    site: str = ""  # where it runs, for on-site sessions
    trainer: str = ""  # "Trainer 1".. (the timetable never double-books one)
    last_day: date | None = None  # multi-day course: its last day (None: one day)


@dataclass(frozen=True)
class SupportResource:
    id: str
    name: str
    kind: str  # knowledge-base, quick-reference, super-user-network, hypercare-desk, other
    description: str
    hours: str
    source: Source


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    pitfall: str
    advice: str
    phase: str
    source: Source
    trigger: str = ""  # the early warning sign
    projects: tuple[str, ...] = ()  # projects that recorded it (the pack's provenance)


@dataclass(frozen=True)
class Skill:
    """A skill of the pack's own competency matrix (beside the six shared ones): its id,
    its name in the kit's language and the internal track's drill for it (may be "")."""

    id: str
    name: str
    drill: str = ""


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
class TaskProgress:
    """What the consultant filled in on the plan sheet, carried into a rebuilt plan by task id."""

    task_id: str
    status: str = ""
    percent_complete: float | None = None  # 0..1
    actual_start: date | None = None
    actual_finish: date | None = None
    notes: str = ""
    name: str = ""  # the task's name in the previous plan (for removed tasks)


@dataclass(frozen=True)
class BaselineTask:
    """One task (or milestone) as saved in a baseline.

    ``duration`` in working days, ``effort`` in person-days, ``cost`` in
    ``ProjectInfo.currency`` (effort x day rate).
    """

    task_id: str
    start: date
    finish: date
    duration: int
    effort: float
    cost: float
    milestone: bool = False


@dataclass(frozen=True)
class BaselineView:
    """The current baseline of a tracked kit (``.implkit/baselines/``), read by renderers."""

    name: str
    taken: date
    tasks: tuple[BaselineTask, ...] = ()

    def task(self, task_id: str) -> BaselineTask | None:
        """The baselined task, or None when the task was added after the baseline (O(1))."""
        return self._by_id.get(task_id)

    @cached_property
    def _by_id(self) -> dict[str, BaselineTask]:
        return {entry.task_id: entry for entry in self.tasks}


@dataclass(frozen=True)
class EventStamp:
    """One calendar event as the previous build wrote it (``.implkit/calendar-history.json``)."""

    uid: str
    fingerprint: str  # sha256 hex of the event's content lines (dates, rules, texts)
    sequence: int  # the SEQUENCE written
    dtstamp: str  # the DTSTAMP written, UTC "YYYYMMDDTHHMMSSZ"


@dataclass(frozen=True)
class CalendarHistory:
    """What the iCalendar export needs from earlier builds.

    An event whose content differs from its stamp gets ``sequence + 1`` and ``now`` as
    DTSTAMP; an unchanged one keeps both, so an unchanged rebuild gives the same bytes.
    Read and written by the CLI (``generator.render.ics_history``), empty for a new kit.
    """

    events: tuple[EventStamp, ...] = ()
    now: str = ""  # UTC "YYYYMMDDTHHMMSSZ" of this build; "" = the project's start day


@dataclass(frozen=True)
class TrackerLink:
    """A kit task (or phase) as a tracker knows it, learnt by ``implkit import``.

    ``tool``: "ado", "jira" or "mspdi"; ``tracker_id``: Azure Boards ID, Jira issue key,
    MS Project UID; ``alt_id``: Jira issue id, MS Project GUID ("" when not known).
    Kept in ``.implkit/trackers.json`` (:mod:`generator.trackers.idmap`); the exports
    write them so a re-import into the tracker updates the items instead of adding them.
    """

    tool: str
    kit_id: str
    tracker_id: str
    alt_id: str = ""


@dataclass(frozen=True)
class TrackerIds:
    """Everything ``implkit import`` learnt about the trackers (``.implkit/trackers.json``).

    ``links``: kit task/phase -> tracker item, per tool; ``meta``: (tool, key, value)
    facts per tool: ``project`` (the tracker project), ``process`` (Azure Boards),
    ``max_uid`` (the highest MS Project UID seen).
    """

    links: tuple[TrackerLink, ...] = ()
    meta: tuple[tuple[str, str, str], ...] = ()

    def of(self, tool: str) -> dict[str, TrackerLink]:
        """Kit id -> the tool's link for it."""
        return {link.kit_id: link for link in self.links if link.tool == tool}

    def fact(self, tool: str, key: str) -> str:
        """One meta value ("" when unknown)."""
        return next((v for t, k, v in self.meta if t == tool and k == key), "")


CellValue = str | int | float | bool | date | None


@dataclass(frozen=True)
class SheetEntries:
    """The consultant's cells of one declared workbook sheet, carried by ``implkit build``.

    ``sheet`` is the declared sheet key (``"plan.risks"``, ``"migration.fields:mfg.routing"``...).
    ``rows`` maps a row key (the sheet's key column: task id, risk id, CR id...) to the
    consultant columns' values by column key; list values are stored as the list's
    canonical key (never a language's label) so a kit can switch between en and zh.
    ``added`` holds rows the consultant typed in that have no generated counterpart
    (new risks, change requests, sessions...), each as column key -> value, generated
    columns included, in the order they stood in the sheet.
    """

    sheet: str
    rows: tuple[tuple[str, tuple[tuple[str, CellValue], ...]], ...] = ()
    added: tuple[tuple[tuple[str, CellValue], ...], ...] = ()

    def row(self, key: str) -> dict[str, CellValue]:
        """Consultant values of one row (empty dict when the row has none)."""
        for row_key, values in self.rows:
            if row_key == key:
                return dict(values)
        return {}


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


@dataclass(frozen=True)
class BlackoutWindow:
    name: str
    start: date
    end: date  # inclusive


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

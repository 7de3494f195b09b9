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
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
SEMVER = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$"
LANGS: tuple[str, ...] = ("en", "zh")
# The pack format this implkit writes; a pack says which one it is written in with
# ``format:`` (none: format 1). See generator/packs/formats.py.
CURRENT_FORMAT = 2
_BOTH_LANGS: tuple[Literal["en", "zh"], ...] = ("en", "zh")


class Strict(BaseModel):
    """Base: unknown keys are errors (the loader turns them into did-you-mean hints)."""

    # allow_inf_nan=False: `offset_hours: 1e309` is infinity, which no writer can hold
    # the docstring under each field is its description (JSON Schema, docs/packs.md)
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        use_attribute_docstrings=True,
    )


class LocalizedText(Strict):
    """A text in English and Chinese: {en: ..., zh: ...}. Give both in a pack that ships; a missing
    language is a missing translation."""

    en: str | None = None
    """The English text."""
    zh: str | None = None
    """The Chinese text."""


Text = str | LocalizedText

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]{3,}")


def text_in(text: Text | None, lang: str) -> str | None:
    """The text in ``lang``, or None when that translation is missing.

    A plain string is language-neutral (used for both languages) unless it
    plainly belongs to one: a string with Chinese characters counts as ``zh``
    only; a string with a lowercase Latin word of 3+ letters counts as ``en``
    only. Codes and names such as ``SAP``, ``HL7 v2 ADT`` stay neutral.
    """
    if text is None:
        return None
    if isinstance(text, str):
        if _CJK.search(text):
            return text if lang == "zh" else None
        if _LATIN_WORD.search(text):
            return text if lang == "en" else None
        return text
    return getattr(text, lang)


def resolve_text(text: Text | None, lang: str) -> str:
    """The text in ``lang``, falling back to the other language, then to ""."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    value = getattr(text, lang)
    if value:
        return str(value)
    for other in LANGS:
        fallback = getattr(text, other)
        if fallback:
            return str(fallback)
    return ""


def _listify(value: Any) -> Any:
    """Accept a single value where a list is expected (``audiences: operator``)."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


def _yes_no(value: Any) -> Any:
    """YAML 1.1 turns ``yes``/``no`` into booleans; map them back."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


IdList = Annotated[list[Id], BeforeValidator(_listify)]
TextList = Annotated[list[Text], BeforeValidator(_listify)]


class Condition(Strict):
    """When an item is in a kit: every key given must hold (and); a list means any of its values."""

    systems: Annotated[list[str], BeforeValidator(_listify)] | None = None
    """Any of these systems is in scope (compared without case); they must be systems of the pack.
    """
    strategy: Literal["big-bang", "phased"] | None = None
    """The go-live strategy: big-bang or phased."""
    min_sites: int | None = Field(default=None, ge=1)
    """At least this many sites."""
    max_sites: int | None = Field(default=None, ge=1)
    """At most this many sites."""
    min_users: int | None = Field(default=None, ge=1)
    """At least this many end users."""
    max_users: int | None = Field(default=None, ge=1)
    """At most this many end users."""
    country: Annotated[list[str], BeforeValidator(_listify)] | None = None
    """The project's country is one of these (ISO codes such as CN, HK)."""


# Competency matrix (实施工程师能力矩阵): skills and levels 1-4.
SKILLS: tuple[str, ...] = (
    "method",
    "configuration",
    "data-migration",
    "integration",
    "training-delivery",
    "communication",
)
Level = Annotated[int, Field(ge=1, le=4)]


class Item(Strict):
    """The fields every item with an id has."""

    id: Id
    """The item's stable id (lowercase letters, digits, '.', '-', '_'; section 5). Rename a shipped
    id only with replaces: kits find the team's entries by it."""
    override: bool = False
    """In a child pack: change the parent's item with this id; write only the fields that change."""
    when: Condition | None = None
    """The item is in a kit only when this condition holds (section 8)."""
    replaces: IdList = Field(default_factory=list)
    """Ids this item had in earlier versions of the pack: a live kit's entries on them move to this
    item when the kit is rebuilt with this version (section 15)."""

    @field_validator("name", check_fields=False)
    @classmethod
    def _named(cls, value: Any) -> Any:
        """A name must say something in at least one language (an empty one shows as nothing)."""
        if not resolve_text(value, "en").strip():
            raise ValueError("the name is empty; write the item's name (en and/or zh)")
        return value


# --- planning: waves, blackouts, sizing, shifts ----------------------------
MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class NextWaveDef(Strict):
    """When the next rollout wave may start: lag working days after task id of the wave before."""

    id: Id = "base.go-live"
    """The task (or gate) of the previous wave the next wave waits for (default: base.go-live)."""
    lag: int = Field(default=10, ge=0, le=250)
    """Working days after that task before the next wave's work starts."""


def _slot_within_a_day(slot: list[str]) -> list[str]:
    """A slot lies within one day: a session is dated by its day, so one that crossed
    midnight would end before it starts."""
    start, end = slot
    if end < start:
        raise ValueError(
            f"this slot ends ({end}) before it starts ({start}): a slot lies within one day. "
            f'Write one that ends by midnight, e.g. ["{start}", "23:30"], or one that starts '
            f'after it, e.g. ["00:00", "{end}"]'
        )
    if end == start:
        raise ValueError(f"this slot starts and ends at {start}: give it an end after its start")
    return slot


Slot = Annotated[
    list[Annotated[str, Field(pattern=CLOCK)]],
    Field(min_length=2, max_length=2),
    AfterValidator(_slot_within_a_day),
]


class ShiftDef(Strict):
    """A training shift: the time slots a class may take each day, on working days or at weekends."""

    id: Id
    """The shift's id, named by audiences (shifts:) and by the project's answers."""
    name: Text
    """The shift's name on the timetable."""
    slots: list[Slot] = Field(min_length=1)
    """The day's time slots as [start, end] clock times ("HH:MM", quoted), in time order; a slot
    lies within one day."""
    weekend: bool = False
    """true: classes on Saturdays and Sundays (days the project does not work) instead of working
    days."""

    @field_validator("slots")
    @classmethod
    def _in_order(cls, slots: list[list[str]]) -> list[list[str]]:
        for index, (before, after) in enumerate(pairwise(slots), start=1):
            if after[0] < before[1]:
                raise ValueError(
                    f"slot {index + 1} {after} starts before slot {index} {before} ends: list "
                    "the slots of a day in time order, without overlaps"
                )
        return slots


class RolloutDef(Strict):
    """How a phased rollout is cut into waves, when go-lives may fall, and the defaults of the
    training timetable (rooms, trainers, shifts). A child pack inherits its parent's rollout and
    changes it key by key."""

    site: Text = Field(default_factory=lambda: LocalizedText(en="site", zh="站点"))
    """What one site is called in this industry (plant, hospital, campus, store): Plant 1, Plant
    2..."""
    pilot_sites: int = Field(default=1, ge=1, le=1000)
    """Sites in the pilot wave, when the answers list no waves."""
    wave_size: int = Field(default=2, ge=1, le=1000)
    """Sites per wave after the pilot, when the answers list no waves."""
    next_wave_after: NextWaveDef = Field(default_factory=NextWaveDef)
    """When the next wave's work may start."""
    go_live_align: Literal["none", "month-start", "week-start", "term-start"] = "none"
    """Every go-live falls on the first working day of a month (month-start) or week (week-start),
    on a term start (term-start), or anywhere (none)."""
    term_starts: list[Annotated[str, Field(pattern=MONTH_DAY)]] = Field(default_factory=list)
    """The usual term starts (MM-DD) for go_live_align: term-start; the project's term_start answer
    wins."""
    rooms_per_site: int = Field(default=1, ge=1, le=100)
    """Training rooms per site."""
    users_per_room: int = Field(default=200, ge=1)
    """A site opens one more training room per this many users."""
    trainers: int = Field(default=2, ge=1, le=1000)
    """Trainers teaching at the same time (end users are also taught by the certified internal
    trainers)."""
    shifts: list[ShiftDef] = Field(default_factory=list)
    """The training shifts; the first one is the default for an audience that names none. Without
    shifts: a day shift 08:30-12:00 and 13:30-17:30."""
    go_live_weekdays: list[Weekday] = Field(default_factory=list)
    """The weekdays a go-live may fall on ([mon, tue, wed]: never on a Friday); empty: any working
    day."""
    blackout_buffer: int = Field(default=0, ge=0, le=180)
    """Calendar days a go-live keeps clear before the next blackout window starts (14: two weeks
    of hypercare before a peak)."""
    not_before: date | None = None
    """No go-live before this date (YYYY-MM-DD), in every project of the pack; a project's own
    go_live: not_before may only make it later."""
    cutover: Literal["together", "per-site"] = "together"
    """together: every site of a wave cuts over on the wave's go-live night; per-site: the sites
    of a wave cut over one after another on consecutive allowed nights, each with the runbook."""
    sites_per_night: int = Field(default=1, ge=1, le=100)
    """With cutover: per-site, how many sites cut over on the same night."""

    @model_validator(mode="after")
    def _rules_agree(self) -> RolloutDef:
        days = set(self.go_live_weekdays)
        if self.go_live_align == "week-start" and days and "mon" not in days:
            raise ValueError(
                "go_live_align: week-start puts every go-live on the first working day of a week "
                f"(a Monday), which go_live_weekdays ({', '.join(self.go_live_weekdays)}) does "
                "not allow: add mon, or drop one of the two rules"
            )
        if self.sites_per_night != 1 and self.cutover != "per-site":
            raise ValueError(
                "sites_per_night applies to sites cutting over one after another: add "
                "cutover: per-site, or remove sites_per_night"
            )
        return self


class YearlyWindow(Strict):
    """A window that comes back every year, from start to end (MM-DD); an end before the start runs
    into the next year."""

    start: Annotated[str, Field(pattern=MONTH_DAY)]
    """First day of the window, MM-DD (quoted: "10-25")."""
    end: Annotated[str, Field(pattern=MONTH_DAY)]
    """Last day of the window, MM-DD; before start means the next year."""


class AroundSpringFestival(Strict):
    """The days around Chinese New Year (the date moves every year)."""

    before: int = Field(default=10, ge=0, le=60)
    """Calendar days before Chinese New Year."""
    after: int = Field(default=10, ge=0, le=60)
    """Calendar days after Chinese New Year."""


class MonthEnd(Strict):
    """The last and first working days of every month (month-end close)."""

    last: int = Field(default=2, ge=0, le=10)
    """The last working days of each month."""
    first: int = Field(default=2, ge=0, le=10)
    """The first working days of the next month."""


class BlackoutDef(Item):
    """Days on which no go-live and no cutover may fall: exactly one of yearly, spring_festival,
    month_end, or start and end for a one-off window."""

    name: Text
    """The window's name, shown in the plan and wherever a date was moved."""
    reason: Text = ""
    """Why nothing may go live then."""
    yearly: YearlyWindow | None = None
    """A window that comes back every year."""
    spring_festival: AroundSpringFestival | None = None
    """The days around Chinese New Year, every year."""
    month_end: MonthEnd | None = None
    """The last and first working days of every month."""
    start: date | None = None
    """First day of a one-off window (YYYY-MM-DD); needs end."""
    end: date | None = None
    """Last day of a one-off window (YYYY-MM-DD), on or after start."""

    @model_validator(mode="after")
    def _one_kind(self) -> BlackoutDef:
        kinds = [
            self.yearly is not None,
            self.spring_festival is not None,
            self.month_end is not None,
            self.start is not None or self.end is not None,
        ]
        if sum(kinds) != 1:
            raise ValueError(
                "a blackout needs exactly one of yearly, spring_festival, month_end or start/end"
            )
        if (self.start is None) != (self.end is None) or (
            self.start and self.end and self.end < self.start
        ):
            raise ValueError("a dated blackout needs start and end, end on or after start")
        return self


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


class RoleDef(Item):
    """A project role: who does the work, on which side, at what day rate, with which competencies."""

    name: Text
    """The role's name."""
    description: Text = ""
    """What the role does in the project."""
    side: Literal["vendor", "client", "joint"] = "vendor"
    """vendor, client or joint."""
    day_rate: float = Field(default=0, ge=0)
    """Cost per person-day in the pack's currency; 0 for bodies such as the steering committee."""
    # competency profile the role needs: skill -> level 1-4 (generator/competency.py)
    competencies: dict[Id, Level] = Field(default_factory=dict)
    """The level (1-4) the role needs per skill: {configuration: 3, data-migration: 2}."""


class PhaseDef(Item):
    """A phase of the method (prepare, explore, realize, deploy, run)."""

    name: Text
    """The phase's name."""
    description: Text = ""
    """What the phase achieves."""
    order: int = Field(ge=1)
    """Position of the phase (1, 2, ...)."""


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


class CeremonyDef(Item):
    """A recurring meeting: cadence, day, time, chair and attendees."""

    name: Text
    """The meeting's name."""
    purpose: Text = ""
    """What the meeting decides or reviews."""
    cadence: Literal["daily", "weekly", "biweekly", "monthly"] = "weekly"
    """daily, weekly, biweekly or monthly."""
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    """mon ... sun."""
    time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:30"
    """Start time "HH:MM" (quoted)."""
    minutes: int = Field(default=60, ge=5, le=480)
    """Length in minutes."""
    chair: Id
    """The role who chairs it."""
    attendees: IdList = Field(default_factory=list)
    """Roles who attend."""
    from_phase: Id | None = None
    """The phase it starts with (default: the first)."""
    until: Literal["go-live", "hypercare-end", "project-end"] = "project-end"
    """go-live, hypercare-end or project-end."""


class RiskDef(Item):
    """A risk of the register: likelihood x impact, owner, trigger, mitigation and contingency."""

    title: Text
    """The risk in a few words."""
    description: Text = ""
    """What could happen and why."""
    category: str = "general"
    """scope, schedule, data, people, technical, vendor, compliance, cost, governance..."""
    phase: Id
    """The phase in which it matters most."""
    likelihood: int = Field(ge=1, le=5)
    """1 (rare) to 5 (almost certain)."""
    impact: int = Field(ge=1, le=5)
    """1 (minor) to 5 (severe)."""
    owner: Id
    """The role who owns the risk."""
    trigger: Text = ""
    """The observable sign that it is happening."""
    mitigation: Text
    """What we do now to make it less likely or less severe."""
    contingency: Text = ""
    """What we do if it happens."""


class StakeholderDef(Item):
    """A stakeholder of the register: department, interest, influence, and whether they are the
    department's business interface person."""

    name: Text
    """The stakeholder (a position, not a person)."""
    department: Text
    """Their department."""
    interest: int = Field(ge=1, le=5)
    """1 to 5."""
    influence: int = Field(ge=1, le=5)
    """1 to 5."""
    expectations: Text = ""
    """What they expect from the project."""
    engagement: Text = ""
    """How the project involves them."""
    interface_person: bool = False
    """true for the department's business interface person (joint working group)."""
    role: Id | None = None
    """The project role they take, if any."""


class SourceRef(Strict):
    """Where a migration object comes from: the legacy system and its table(s)."""

    # texts a client reads ("legacy ERP" / 「原 ERP」); table names alone (``ITEM_MASTER``)
    # count as both languages
    system: Text
    """The legacy system as a client reads it ({en: legacy ERP, zh: 原 ERP})."""
    table: Text = ""
    """The table(s) or file(s); technical names alone (ITEM_MASTER) count for both languages."""


class Approach(Strict):
    """How a migration object is loaded: the tool and whether in full or as a delta."""

    tool: Text = ""
    """The load tool or method ({en: migration template, zh: 迁移模板}, LTMC)."""
    mode: Literal["full", "delta"] = "full"
    """full (everything at cutover) or delta (a pre-load, then the changes)."""


class ReconciliationDef(Strict):
    """How a load is proven complete and correct: the method, the sample share and the tolerance."""

    method: Literal[
        "record-count",
        "record-count-and-sample",
        "hash-total",
        "control-total",
        "balance-tie-out",
        "sample",
    ] = "record-count"
    """record-count, record-count-and-sample, hash-total, control-total, balance-tie-out or sample.
    """
    sample_percent: float = Field(default=0, ge=0, le=100)
    """Share of records checked by hand, 0-100."""
    tolerance: float | Text = 0
    """The difference accepted: a number, or a text a client reads ({en: 1 CNY per plant, zh:
    每个工厂1元})."""


class FieldDef(Strict):
    """One field of a migration object's field mapping."""

    name: Text
    """The business name of the field."""
    technical: str
    """The technical field name (MATNR)."""
    type: Literal[
        "text", "number", "integer", "date", "datetime", "boolean", "code", "amount", "quantity"
    ] = "text"
    """text, number, integer, date, datetime, boolean, code, amount or quantity."""
    length: int | None = Field(default=None, ge=1)
    """Maximum length in characters."""
    decimals: int | None = Field(default=None, ge=0, le=10)
    """Decimal places (0-10)."""
    mandatory: Annotated[Literal["yes", "no", "conditional"], BeforeValidator(_yes_no)] = "no"
    """yes, no or conditional."""
    default: str | int | float | None = None
    """The value used when the source has none."""
    mapping: Text = ""
    """How legacy values map to new ones."""
    transformation: Text = ""
    """How the value is derived or converted."""
    validation: Text = ""
    """The rule a loaded value must meet."""


class MigrationDef(Item):
    """A data migration object: source, target, load approach, dependencies (the load order is
    derived from them), reconciliation and the field mapping."""

    name: Text
    """The object's name."""
    description: Text = ""
    """What the object holds and what to watch for."""
    kind: Literal["configuration", "master", "transactional", "balance", "history"]
    """configuration, master, transactional, balance or history."""
    source: SourceRef
    """Where the data comes from."""
    target: Text = ""
    """The object in the new system."""
    approach: Approach = Field(default_factory=Approach)
    """How it is loaded."""
    depends_on: IdList = Field(default_factory=list)
    """Objects that must be loaded first; the load order is derived from these, never typed."""
    volume: Text = ""
    """How much data ({en: "~12,000 articles", zh: 约1.2万个商品})."""
    cleansing: TextList = Field(default_factory=list)
    """Cleansing rules before the load."""
    reconciliation: ReconciliationDef = Field(default_factory=ReconciliationDef)
    """How the load is proven complete and correct."""
    owner: Id
    """The role who owns the object's migration."""
    signoff: IdList = Field(default_factory=list)
    """Roles who sign the loaded data off."""
    sensitive: bool = False
    """true for personal data: de-identified outside production."""
    fields: list[FieldDef] = Field(default_factory=list)
    """The field mapping, one entry per field."""


class CutoverDef(Item):
    """A step of the cutover runbook, timed in hours from go-live."""

    name: Text
    """What is done."""
    order: int = Field(ge=1)
    """Sort key of the runbook; leave gaps (10, 20, 30...) so packs can slot steps in."""
    owner: Id
    """The role who does it."""
    backup_owner: Id | None = None
    """The role who stands in."""
    offset_hours: float = 0
    """Hours from go-live day 00:00; negative = before."""
    hours: float = Field(default=1, ge=0)
    """How long it takes."""
    verification: Text = ""
    """How the step is checked."""
    rollback: Text = ""
    """What to do if it fails."""
    per_wave: bool = True
    """true (the default): repeated in every wave's runbook, timed from that wave's go-live; false:
    once, in the pilot's runbook."""
    task: Id | None = None
    """The plan task this step is (go/no-go...): its date comes from the plan."""
    per_site: bool = False
    """With rollout cutover: per-site: repeated for every site of the wave, timed from that site's
    night (a stock count, a device switch); other steps run once per wave."""


class AudienceDef(Item):
    """A training audience: a business persona (not a security role), its size, target hours, when
    it is trained and in which shifts."""

    name: Text
    """The audience's name."""
    description: Text = ""
    """Who they are and what they do with the system."""
    uses_system: bool = True
    """false for people informed but not trained hands-on."""
    share: float = Field(default=0.0, ge=0, le=1)
    """Part of the project's users (0-1); the shares of all audiences add up to 1 or less."""
    headcount: int | None = Field(default=None, ge=0)
    """A fixed number of people instead of a share."""
    hours: Annotated[list[int], Field(min_length=2, max_length=2)] = Field(
        default_factory=lambda: [8, 16]
    )
    """Target training hours per person: [min, max]."""
    # when this audience is trained: certified trainers first, key users before UAT,
    # end users per wave shortly before their go-live
    stage: Literal["train-the-trainer", "key-users", "end-users"] = "end-users"
    """When it is trained: train-the-trainer (first), key-users (before UAT) or end-users (per wave,
    before its go-live)."""
    shifts: IdList = Field(default_factory=list)
    """The training shifts its classes rotate through (ids of pack.rollout.shifts); default: the
    first shift."""


class ModuleDef(Strict):
    """One module of a course: topic, length and teaching method."""

    topic: Text
    """What the module teaches."""
    minutes: int = Field(ge=5, le=480)
    """Length in minutes (5-480)."""
    method: Text = ""
    """How it is taught (demo, hands-on exercise...)."""


class CourseDef(Item):
    """A course of the three-tier curriculum: tier, audiences, delivery mode, prerequisites,
    modules, materials, assessment and evaluation level (Kirkpatrick 1-4)."""

    code: str
    """The course code (RTL-201)."""
    title: Text
    """The course title."""
    tier: Literal["basic", "advanced", "self-support"]
    """basic (basic operations), advanced (advanced application) or self-support."""
    audiences: IdList
    """Audiences who take it."""
    mode: Literal["online-recorded", "offline-hands-on", "self-service"]
    """online-recorded, offline-hands-on or self-service."""
    prerequisites: IdList = Field(default_factory=list)
    """Courses to take first (each audience of the course must take them)."""
    objectives: TextList = Field(default_factory=list)
    """What a participant can do afterwards."""
    modules: list[ModuleDef] = Field(min_length=1)
    """The modules, at least one."""
    environment: Text = ""
    """The system and data the course runs on."""
    materials: Annotated[
        list[
            Literal[
                "slides",
                "exercise-script",
                "quick-reference-card",
                "video",
                "handbook",
                "sandbox",
                "e-learning",
            ]
        ],
        BeforeValidator(_listify),
    ] = Field(default_factory=list)
    """Any of slides, exercise-script, quick-reference-card, video, handbook, sandbox, e-learning.
    """
    assessment: Text = ""
    """How learning is checked."""
    pass_mark: int = Field(default=80, ge=0, le=100)
    """Pass mark in percent (0-100)."""
    evaluation_level: int = Field(default=2, ge=1, le=4)
    """Kirkpatrick level evaluated: 1 reaction, 2 learning, 3 behaviour, 4 results."""


class SupportDef(Item):
    """A self-support resource (knowledge base, quick-reference cards, super-user network, hypercare
    desk)."""

    name: Text
    """The resource's name."""
    kind: Literal[
        "knowledge-base", "quick-reference", "super-user-network", "hypercare-desk", "other"
    ]
    """knowledge-base, quick-reference, super-user-network, hypercare-desk or other."""
    description: Text = ""
    """What it offers and how to reach it."""
    hours: Text = ""
    """When it is available."""


class Provenance(Strict):
    """Where a lesson was learned: the project and the date it was recorded (written by implkit
    lessons harvest)."""

    project: str = Field(min_length=1)
    """The project (name or slug) that recorded the lesson."""
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    """The date it was recorded (YYYY-MM-DD, quoted)."""
    phase: Id | None = None
    """The phase it was recorded in."""
    client: str = ""
    """The client."""
    note: str = ""
    """What the team wrote about it."""
    by: str = ""
    """Who shared it (the name typed in the kit's Lessons sheet, Shared by): counted on the lessons
    board (implkit lessons board)."""


class LessonDef(Item):
    """A lesson learned: the pitfall, the advice, the early warning sign."""

    title: Text
    """The lesson in a few words."""
    pitfall: Text
    """What went wrong."""
    advice: Text
    """What to do instead."""
    phase: Id | None = None
    """The phase it belongs to (shown at that phase's gate)."""
    trigger: Text = ""
    """The early sign that a project is walking into this pitfall."""
    provenance: list[Provenance] = Field(default_factory=list)
    """The projects that recorded it."""


class TemplateDef(Item):
    """A file of the pack's templates/ folder that lands in a kit only when its condition holds
    (files without an entry always land)."""

    path: str = Field(min_length=1, max_length=300)
    """The file's path below templates/, as written (before rendering), with / between folders."""
    tasks: IdList = Field(default_factory=list)
    """The plan tasks that use this file: the pack wiki (implkit packs wiki) links each of them to
    it. An entry may list tasks without a when: the file then always lands."""


class SkillDef(Item):
    """A skill of the competency matrix of this industry, beside the six shared ones (method,
    configuration, data-migration, integration, training-delivery, communication): roles and
    tasks name it in competencies, the staffing sheet and the internal track show it."""

    name: Text
    """The skill's name."""
    description: Text = ""
    """What a person with the skill can do."""
    drill: Text = ""
    """The exercise of the implementation team's internal track for this skill."""


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

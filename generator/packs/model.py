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

    # allow_inf_nan=False: `offset_hours: 1e309` is infinity, which no writer can hold (issue 16)
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


class LocalizedText(Strict):
    """Text in both languages. A missing language is a missing translation."""

    en: str | None = None
    zh: str | None = None


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
    """Structured scope condition; all given keys must hold (AND); lists mean any-of."""

    systems: Annotated[list[str], BeforeValidator(_listify)] | None = None  # any of these in scope
    strategy: Literal["big-bang", "phased"] | None = None
    min_sites: int | None = Field(default=None, ge=1)
    max_sites: int | None = Field(default=None, ge=1)
    min_users: int | None = Field(default=None, ge=1)
    max_users: int | None = Field(default=None, ge=1)
    country: Annotated[list[str], BeforeValidator(_listify)] | None = None


# Competency matrix (实施工程师能力矩阵): skills and levels 1-4 (issue 14).
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
    """Fields every identified item has."""

    id: Id
    override: bool = False  # in a child pack: change the parent's item with this id
    when: Condition | None = None

    @field_validator("name", check_fields=False)
    @classmethod
    def _named(cls, value: Any) -> Any:
        """A name must say something in at least one language (issue 16: empty names)."""
        if not resolve_text(value, "en").strip():
            raise ValueError("the name is empty; write the item's name (en and/or zh)")
        return value


# --- planning: waves, blackouts, sizing, shifts (issue 12) ----------------------------
MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"


class NextWaveDef(Strict):
    """When the next wave's work may start: ``lag`` working days after task ``id`` of the wave before."""

    id: Id = "base.go-live"
    lag: int = Field(default=10, ge=0, le=250)


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
    """A training shift: the slots a session may take (``[start, end]`` clock times) and days."""

    id: Id
    name: Text
    slots: list[Slot] = Field(min_length=1)
    weekend: bool = False  # True: Saturday and Sunday sessions (not working days of the project)

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
    """How a phased rollout is cut into waves, and the defaults of the training timetable.

    ``site``: what one site is called in this industry (plant, hospital, campus).
    Default waves: ``pilot_sites`` sites first, then waves of ``wave_size`` sites.
    ``go_live_align``: every go-live falls on the first working day of a month/week,
    or on a term start (the ``term_start`` answer, else the next of ``term_starts``).
    """

    site: Text = Field(default_factory=lambda: LocalizedText(en="site", zh="站点"))
    pilot_sites: int = Field(default=1, ge=1, le=1000)
    wave_size: int = Field(default=2, ge=1, le=1000)
    next_wave_after: NextWaveDef = Field(default_factory=NextWaveDef)
    go_live_align: Literal["none", "month-start", "week-start", "term-start"] = "none"
    term_starts: list[Annotated[str, Field(pattern=MONTH_DAY)]] = Field(default_factory=list)
    rooms_per_site: int = Field(default=1, ge=1, le=100)  # training rooms per site
    users_per_room: int = Field(default=200, ge=1)  # a site opens one more room per this many users
    trainers: int = Field(default=2, ge=1, le=1000)  # trainers teaching at the same time
    shifts: list[ShiftDef] = Field(default_factory=list)  # default: one day shift


class YearlyWindow(Strict):
    start: Annotated[str, Field(pattern=MONTH_DAY)]  # MM-DD
    end: Annotated[str, Field(pattern=MONTH_DAY)]  # MM-DD; before start = into the next year


class AroundSpringFestival(Strict):
    before: int = Field(default=10, ge=0, le=60)  # calendar days before Chinese New Year
    after: int = Field(default=10, ge=0, le=60)  # calendar days after


class MonthEnd(Strict):
    last: int = Field(default=2, ge=0, le=10)  # last working days of each month
    first: int = Field(default=2, ge=0, le=10)  # first working days of the next month


class BlackoutDef(Item):
    """Days no go-live or cutover may touch; exactly one of ``yearly``, ``spring_festival``,
    ``month_end`` (each recurring every year) or ``start``/``end`` (one window)."""

    name: Text
    reason: Text = ""
    yearly: YearlyWindow | None = None
    spring_festival: AroundSpringFestival | None = None
    month_end: MonthEnd | None = None
    start: date | None = None
    end: date | None = None

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
    """Grow a task with the project: per ``per`` units of ``by`` above ``above``, add
    ``duration`` working days and ``effort`` (a share of the task's effort, 0.5 = +50%).
    For a task repeated per wave, users and sites are the wave's."""

    by: Literal["users", "sites", "migration-objects"]
    per: int = Field(ge=1)
    above: int = Field(default=0, ge=0)
    duration: float = Field(default=0, ge=0, le=250)
    effort: float = Field(default=0, ge=0, le=10)
    max_duration: float | None = Field(default=None, ge=0)


class StatusThresholds(Strict):
    """RAG thresholds of the status report (issue 13, ``generator/tracking/status.py``).

    Red below ``*_red``, amber below ``*_amber`` (SPI, CPI, training pass rate 0..1);
    go-live slipping more than ``slip_red_days`` working days is red; an open risk scoring
    ``risk_red_score`` or more is red, ``risk_amber_score`` or more amber.
    """

    spi_red: float = Field(default=0.9, gt=0, le=2)
    spi_amber: float = Field(default=0.95, gt=0, le=2)
    cpi_red: float = Field(default=0.9, gt=0, le=2)
    cpi_amber: float = Field(default=0.95, gt=0, le=2)
    slip_red_days: int = Field(default=10, ge=0, le=1000)
    risk_red_score: int = Field(default=15, ge=1, le=25)
    risk_amber_score: int = Field(default=10, ge=1, le=25)
    pass_red: float = Field(default=0.7, ge=0, le=1)
    pass_amber: float = Field(default=0.85, ge=0, le=1)

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
    id: Id
    name: Text
    description: Text = ""
    version: Annotated[str, Field(pattern=SEMVER)]
    format: int = 1
    # industry and systems go into Word's keywords property (255 characters in all, issue 16)
    industry: str = Field(default="general", min_length=1, max_length=100)
    systems: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=40)]], BeforeValidator(_listify)
    ] = Field(default_factory=list, max_length=20)
    default_systems: Annotated[list[str], BeforeValidator(_listify)] | None = None
    languages: list[Literal["en", "zh"]] = Field(default_factory=lambda: list(_BOTH_LANGS))
    extends: Id | None = None
    country: str = "CN"
    currency: str = "CNY"
    authors: Annotated[list[str], BeforeValidator(_listify)] = Field(default_factory=list)
    rollout: RolloutDef = Field(default_factory=RolloutDef)  # waves, go-live rule, timetable
    status_thresholds: StatusThresholds = Field(default_factory=StatusThresholds)  # issue 13

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
    name: Text
    description: Text = ""
    side: Literal["vendor", "client", "joint"] = "vendor"
    day_rate: float = Field(default=0, ge=0)
    # competency profile the role needs: skill -> level 1-4 (issue 14, generator/competency.py)
    competencies: dict[Id, Level] = Field(default_factory=dict)


class PhaseDef(Item):
    name: Text
    description: Text = ""
    order: int = Field(ge=1)


class GateDef(Item):
    name: Text
    phase: Id
    kind: Literal["phase-gate", "key-node"] = "phase-gate"
    key_node: Literal["requirements", "configuration", "migration", "training"] | None = None
    after: IdList = Field(default_factory=list)  # tasks that must finish; default: all of the phase
    entry_criteria: TextList = Field(default_factory=list)
    exit_criteria: TextList = Field(default_factory=list)
    signoff: IdList = Field(default_factory=list)  # role ids


class Dependency(Strict):
    id: Id
    type: Literal["FS", "SS"] = "FS"
    lag: int = Field(default=0, ge=-250, le=250)  # working days


def _dependency(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


Dep = Annotated[Dependency, BeforeValidator(_dependency)]


class RaciDef(Strict):
    responsible: IdList = Field(default_factory=list)
    accountable: Id | None = None
    consulted: IdList = Field(default_factory=list)
    informed: IdList = Field(default_factory=list)


class TaskDef(Item):
    name: Text
    description: Text = ""
    phase: Id
    duration: float = Field(ge=0, le=2000)  # working days; whole days when scheduled
    effort: dict[Id, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    owner: Id
    after: Annotated[list[Dep], BeforeValidator(_listify)] = Field(default_factory=list)
    # this task precedes these (FS) and is placed before them:
    before: IdList = Field(default_factory=list)
    deliverables: TextList = Field(default_factory=list)
    milestone: bool = False
    key_node: Literal["requirements", "configuration", "migration", "training"] | None = None
    anchor: str | None = None  # one of generator.kit_model.ANCHORS
    raci: RaciDef | None = None
    tags: IdList = Field(default_factory=list)
    # level this task needs per skill (default: the owner role's profile); see competency.py
    competencies: dict[Id, Level] = Field(default_factory=dict)
    # False: may start before the previous phase's gate (work that overlaps on purpose)
    gated: bool = True
    per_wave: bool = False  # repeated for every rollout wave (id@w2, id@w3...)
    avoid_blackouts: bool = False  # pushed past blackout windows (and the go-live rules)
    scale: list[ScaleRule] = Field(default_factory=list)  # sizing with users/sites/volume

    @field_validator("duration")
    @classmethod
    def _whole_or_half(cls, value: float) -> float:
        if value * 2 != int(value * 2):
            raise ValueError(
                "duration is in working days: use a whole or half number, e.g. 3 or 0.5"
            )
        return value


class CeremonyDef(Item):
    name: Text
    purpose: Text = ""
    cadence: Literal["daily", "weekly", "biweekly", "monthly"] = "weekly"
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:30"
    minutes: int = Field(default=60, ge=5, le=480)
    chair: Id
    attendees: IdList = Field(default_factory=list)
    from_phase: Id | None = None  # default: first phase
    until: Literal["go-live", "hypercare-end", "project-end"] = "project-end"


class RiskDef(Item):
    title: Text
    description: Text = ""
    category: str = "general"  # scope, schedule, data, people, technical, vendor, compliance, ...
    phase: Id
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    owner: Id
    trigger: Text = ""
    mitigation: Text
    contingency: Text = ""


class StakeholderDef(Item):
    name: Text
    department: Text
    interest: int = Field(ge=1, le=5)
    influence: int = Field(ge=1, le=5)
    expectations: Text = ""
    engagement: Text = ""
    interface_person: bool = False
    role: Id | None = None


class SourceRef(Strict):
    # texts a client reads ("legacy ERP" / 「原 ERP」); table names alone (``ITEM_MASTER``)
    # count as both languages
    system: Text
    table: Text = ""


class Approach(Strict):
    tool: Text = ""  # "migration template" / 「迁移模板」
    mode: Literal["full", "delta"] = "full"


class ReconciliationDef(Strict):
    method: Literal[
        "record-count",
        "record-count-and-sample",
        "hash-total",
        "control-total",
        "balance-tie-out",
        "sample",
    ] = "record-count"
    sample_percent: float = Field(default=0, ge=0, le=100)
    tolerance: float | Text = 0  # a number, or a text a client reads ("1 CNY per plant")


class FieldDef(Strict):
    name: Text
    technical: str
    type: Literal[
        "text", "number", "integer", "date", "datetime", "boolean", "code", "amount", "quantity"
    ] = "text"
    length: int | None = Field(default=None, ge=1)
    decimals: int | None = Field(default=None, ge=0, le=10)
    mandatory: Annotated[Literal["yes", "no", "conditional"], BeforeValidator(_yes_no)] = "no"
    default: str | int | float | None = None
    mapping: Text = ""
    transformation: Text = ""
    validation: Text = ""


class MigrationDef(Item):
    name: Text
    description: Text = ""
    kind: Literal["configuration", "master", "transactional", "balance", "history"]
    source: SourceRef
    target: Text = ""
    approach: Approach = Field(default_factory=Approach)
    depends_on: IdList = Field(default_factory=list)
    volume: Text = ""
    cleansing: TextList = Field(default_factory=list)
    reconciliation: ReconciliationDef = Field(default_factory=ReconciliationDef)
    owner: Id
    signoff: IdList = Field(default_factory=list)
    sensitive: bool = False
    fields: list[FieldDef] = Field(default_factory=list)


class CutoverDef(Item):
    name: Text
    order: int = Field(ge=1)
    owner: Id
    backup_owner: Id | None = None
    offset_hours: float = 0  # relative to go-live 00:00 (negative = before)
    hours: float = Field(default=1, ge=0)
    verification: Text = ""
    rollback: Text = ""
    per_wave: bool = True  # repeated in every wave's runbook, timed from that wave's go-live
    task: Id | None = None  # the plan task this step is: its date comes from the plan


class AudienceDef(Item):
    name: Text
    description: Text = ""
    uses_system: bool = True
    share: float = Field(default=0.0, ge=0, le=1)  # of the project's users
    headcount: int | None = Field(default=None, ge=0)  # fixed size instead of a share
    hours: Annotated[list[int], Field(min_length=2, max_length=2)] = Field(
        default_factory=lambda: [8, 16]
    )
    # when this audience is trained: certified trainers first, key users before UAT,
    # end users per wave shortly before their go-live
    stage: Literal["train-the-trainer", "key-users", "end-users"] = "end-users"
    shifts: IdList = Field(default_factory=list)  # rollout shift ids; default: the first shift


class ModuleDef(Strict):
    topic: Text
    minutes: int = Field(ge=5, le=480)
    method: Text = ""


class CourseDef(Item):
    code: str
    title: Text
    tier: Literal["basic", "advanced", "self-support"]
    audiences: IdList
    mode: Literal["online-recorded", "offline-hands-on", "self-service"]
    prerequisites: IdList = Field(default_factory=list)
    objectives: TextList = Field(default_factory=list)
    modules: list[ModuleDef] = Field(min_length=1)
    environment: Text = ""
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
    assessment: Text = ""
    pass_mark: int = Field(default=80, ge=0, le=100)
    evaluation_level: int = Field(default=2, ge=1, le=4)


class SupportDef(Item):
    name: Text
    kind: Literal[
        "knowledge-base", "quick-reference", "super-user-network", "hypercare-desk", "other"
    ]
    description: Text = ""
    hours: Text = ""


class Provenance(Strict):
    """Where a harvested lesson was learned (``implkit lessons harvest``)."""

    project: str = Field(min_length=1)  # project name or slug
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]  # ISO date it was recorded
    phase: Id | None = None
    client: str = ""
    note: str = ""  # what the team wrote about it (any language)


class LessonDef(Item):
    title: Text
    pitfall: Text
    advice: Text
    phase: Id | None = None
    trigger: Text = ""  # the early sign that the project is walking into this pitfall
    provenance: list[Provenance] = Field(default_factory=list)  # projects that recorded it


class PackFile(Strict):
    """One YAML file of a pack. Every section is optional."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"title": "implkit know-how pack file"},
    )

    pack: PackMeta | None = None
    remove: IdList = Field(default_factory=list)
    roles: list[RoleDef] = Field(default_factory=list)
    phases: list[PhaseDef] = Field(default_factory=list)
    gates: list[GateDef] = Field(default_factory=list)
    tasks: list[TaskDef] = Field(default_factory=list)
    ceremonies: list[CeremonyDef] = Field(default_factory=list)
    risks: list[RiskDef] = Field(default_factory=list)
    stakeholders: list[StakeholderDef] = Field(default_factory=list)
    migration: list[MigrationDef] = Field(default_factory=list)
    cutover: list[CutoverDef] = Field(default_factory=list)
    audiences: list[AudienceDef] = Field(default_factory=list)
    courses: list[CourseDef] = Field(default_factory=list)
    support: list[SupportDef] = Field(default_factory=list)
    lessons: list[LessonDef] = Field(default_factory=list)
    blackouts: list[BlackoutDef] = Field(default_factory=list)
    templates: list[TemplateDef] = Field(default_factory=list)


class TemplateDef(Item):
    """A file of the pack's ``templates/`` folder that lands only when ``when`` holds.

    ``path`` is the file's path below ``templates/`` as written (before rendering, POSIX
    slashes), e.g. ``03-realize/plc-tag-test-sheet.md``. Files without an entry always land.
    """

    path: str = Field(min_length=1, max_length=300)


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
    "blackouts": BlackoutDef,
    "templates": TemplateDef,
}

# The item sections a kit is built from, in ITEM_SECTIONS order: all of them but the
# calendar's ``blackouts`` and the file filter ``templates``. ``packs show``/``--json``, the
# pack site, the pack diff and the project overlay (project.yaml) go through these.
KIT_SECTIONS: tuple[str, ...] = tuple(
    s for s in ITEM_SECTIONS if s not in ("blackouts", "templates")
)

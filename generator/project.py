"""ProjectSpec: the answers about one client project, their defaults and validation.

The answers come from project.yaml (:func:`load_project`), from command-line
options (:mod:`generator.workspace.answers`) or from code. Every answer has a default;
the defaults that depend on the pack (systems, country, currency, the project
name) and on the calendar (the start date) are filled by
:meth:`ProjectSpec.resolved`, which also checks the answers against the pack.

``--set KEY=VALUE`` overrides use dotted keys into the spec
(``day_rates.project-manager=4000``, ``users=800``); see :func:`apply_overrides`.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from generator.errors import InputError, Problem
from generator.i18n import D_, DC_, TextTable, translator
from generator.planning.answers import BlackoutAnswer, GoLiveAnswer, WaveAnswer

if TYPE_CHECKING:
    from generator.packs.resolved import ResolvedPack

PROJECT_FILE = "project.yaml"
MAX_DESCRIBED = 100  # problems described one by one; the rest are counted
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
DEFAULT_CLIENT = D_("Demo Client")
"""The client's name when the answers give none (in the kit's language)."""


class DayEntry(BaseModel):
    """A project's extra holiday or workday: a date and an optional name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: date
    name: str = ""

    @model_validator(mode="before")
    @classmethod
    def _plain_date(cls, value: Any) -> Any:
        if isinstance(value, (date, str)):
            return {"date": value}
        return value

    @field_validator("date")
    @classmethod
    def _in_calendar(cls, value: Any) -> Any:
        return _supported_day(value)

    @field_validator("name")
    @classmethod
    def _writable_name(cls, value: str) -> str:
        return _writable(value)


class ProjectSpec(BaseModel):
    """The answers. ``None`` means "use the default" until :meth:`resolved` fills it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: str = Field(min_length=1)
    client: str | None = None
    name: str | None = None  # project name
    slug: str | None = None
    uid: str | None = None  # per-project id every exported UID carries (generator.naming)
    systems: list[str] | None = None
    strategy: Literal["big-bang", "phased"] = "big-bang"
    sites: int = Field(default=1, ge=1, le=10_000)
    users: int = Field(default=200, ge=1, le=10_000_000)
    start: date | None = None
    country: str | None = None
    timezone: str | None = None  # IANA zone of the meetings; None: the country's first zone
    lang: Literal["en", "zh"] = "en"
    currency: str | None = None
    extra_holidays: list[DayEntry] = Field(default_factory=list)
    extra_workdays: list[DayEntry] = Field(default_factory=list)
    day_rates: dict[str, float] = Field(default_factory=dict)
    freeze_days: int = Field(default=30, ge=0, le=365)
    class_size: int = Field(default=12, ge=1, le=500)
    author: str = ""
    # how the kit was made: the pack's folder (relative to the kit when possible), so a rebuild finds it again
    # and the Word template, so `implkit build` finds them again
    pack_dir: str | None = None
    docx_template: str | None = None
    # planning: see generator/planning/answers.py
    waves: list[WaveAnswer] | None = None
    blackouts: list[BlackoutAnswer] = Field(default_factory=list)
    go_live: GoLiveAnswer = Field(default_factory=GoLiveAnswer)
    term_start: date | None = None
    rooms: int | None = Field(default=None, ge=1, le=100)
    trainers: int | None = Field(default=None, ge=1, le=1000)
    shifts: list[str] | None = None

    @field_validator("systems", mode="before")
    @classmethod
    def _split_systems(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("country", "currency")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.strip().upper() if value else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            if len(value) > 64:
                raise ValueError(value)
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            from generator.i18n import _

            raise ValueError(
                _(
                    "timezone {zone} is not a time zone of the IANA database; write one like "
                    "Asia/Shanghai, Europe/Berlin or America/Chicago"
                ).format(zone=repr(value))
            ) from None
        return value.strip()

    @field_validator("slug")
    @classmethod
    def _safe_slug(cls, value: str | None) -> str | None:
        if value is not None and (not _SLUG.match(value) or len(value) > 80):
            from generator.i18n import _

            raise ValueError(
                _(
                    "slug {slug} is not safe for a folder name: use lowercase letters, "
                    "digits and single dashes, e.g. acme-erp-2026"
                ).format(slug=repr(value))
            )
        return value

    @field_validator("uid")
    @classmethod
    def _safe_uid(cls, value: str | None) -> str | None:
        from generator.naming import UID_PATTERN

        if value is not None and not UID_PATTERN.match(value):
            from generator.i18n import _

            raise ValueError(
                _(
                    "uid {uid} is not a project id: use 4-40 lowercase letters, digits and "
                    "dashes, e.g. 3f9a2c1d7b4e"
                ).format(uid=repr(value))
            )
        return value

    # every text must fit every writer (Word core properties hold 255 characters,
    # XML no control characters); dates must be in the calendar's years; numbers finite
    _source: Any = PrivateAttr(default=None)  # _ReadFrom: the project.yaml it was read from

    @field_validator("client", "name", "author")
    @classmethod
    def _writable_text(cls, value: str | None) -> str | None:
        return None if value is None else _writable(value)

    @field_validator("client", "name")
    @classmethod
    def _named(cls, value: str | None) -> str | None:
        from generator.answer_checks import check_name

        return None if value is None else check_name(value)

    @field_validator(
        "sites", "users", "freeze_days", "class_size", "rooms", "trainers", mode="before"
    )
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        from generator.answer_checks import check_whole_number

        return check_whole_number(value)

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str | None) -> str | None:
        from generator.answer_checks import check_currency

        return None if value is None else check_currency(value)

    @field_validator("systems")
    @classmethod
    def _writable_systems(cls, value: list[str] | None) -> list[str] | None:
        for system in value or []:
            _writable(system, limit=40)
        return value

    @field_validator("start", "term_start")
    @classmethod
    def _start_in_calendar(cls, value: date | None) -> date | None:
        return None if value is None else _supported_day(value)

    @field_validator("day_rates")
    @classmethod
    def _rates(cls, value: dict[str, float]) -> dict[str, float]:
        for role, rate in value.items():
            if rate != rate or rate in (float("inf"), float("-inf")):
                from generator.i18n import _

                raise ValueError(
                    _("day rate of {role} is not a finite number").format(role=repr(role))
                )
            if rate < 0:
                from generator.i18n import _

                raise ValueError(
                    _("day rate of {role} is negative; write 0 or more").format(role=repr(role))
                )
        return value

    # --- defaults that need the pack ----------------------------------------------
    def resolved(self, pack: ResolvedPack, *, today: date | None = None) -> ProjectSpec:
        """A copy with every default filled, checked against ``pack``.

        Raises :class:`InputError` for systems the pack does not know, day rates
        for unknown roles, or an unknown country.
        """
        from generator.i18n import _
        from generator.packs.model import resolve_text

        meta = pack.meta
        problems: list[Problem] = []
        known = list(meta.systems)
        systems = list(self.systems) if self.systems is not None else None
        if systems is None:
            systems = list(meta.default_systems if meta.default_systems is not None else known)
        else:
            by_upper = {s.upper(): s for s in known}
            fixed = []
            for index, system in enumerate(systems):
                if system in known:
                    fixed.append(system)
                elif system.upper() in by_upper:
                    fixed.append(by_upper[system.upper()])
                else:
                    listed = ", ".join(known) or "-"
                    problems.append(
                        self.problem_at(
                            ("systems", index),
                            _(
                                "system {system} is not in pack {pack}; its systems are: {listed}"
                            ).format(system=repr(system), pack=repr(meta.id), listed=listed),
                        )
                    )
            systems = list(dict.fromkeys(fixed))
        role_ids = {r.item.id for r in pack.roles}
        for role in self.day_rates:
            if role not in role_ids:
                hint = _did_you_mean(role, role_ids)
                problems.append(
                    self.problem_at(
                        ("day_rates", role),
                        _("day_rates: unknown role {role}").format(role=repr(role)) + hint,
                        key=True,
                    )
                )
        if problems:
            raise InputError(problems)
        from generator import naming

        client = self.client or translator(self.lang)(DEFAULT_CLIENT)

        pack_names = [resolve_text(meta.name, lang) for lang in ("en", "zh")]
        # a name implkit made follows the systems in scope; a name the user wrote stays
        generated = not self.name or naming.is_generated_name(self.name, client, known, pack_names)
        name = naming.default_name(client, systems, self.lang) if generated else self.name
        slug = self.slug or (
            naming.make_slug(self.name, meta.id)
            if self.name and not generated
            else naming.client_slug(client, meta.id)
        )
        uid = self.uid or naming.derived_uid(meta.id, client, slug)
        country = self.country or meta.country
        from generator.calendar import country_weekend

        try:
            country_weekend(country)  # an unknown country is an InputError here, not later
        except InputError as err:
            raise InputError(
                [self.problem_at(("country",), p.message) for p in err.problems]
            ) from None
        start = self.start
        if start is None:
            start = default_start(self._calendar_for(country, today or date.today()), today)
        return self.model_copy(
            update={
                "client": client,
                "name": name,
                "slug": slug,
                "uid": uid,
                "systems": systems,
                "country": country,
                "currency": self.currency or meta.currency,
                "start": start,
            }
        )

    def problem_at(self, loc: tuple[str | int, ...], message: str, *, key: bool = False) -> Problem:
        """A problem at ``loc`` of the project.yaml this spec was read from (file:line:col),
        or without a position for answers given as options."""
        if self._source is not None:
            problem: Problem = self._source.doc.problem(loc, message, key=key)
            return problem
        return Problem("", 0, 0, message)

    def _calendar_for(self, country: str, origin: date) -> Any:
        from generator.calendar import ExtraDay, WorkingCalendar

        return WorkingCalendar(
            country,
            origin,
            lang=self.lang,
            extra_holidays=[ExtraDay(d.date, d.name) for d in self.extra_holidays],
            extra_workdays=[ExtraDay(d.date, d.name) for d in self.extra_workdays],
        )

    def calendar(self) -> Any:
        """The project's :class:`~generator.calendar.WorkingCalendar` (needs a resolved spec)."""
        if self.start is None or self.country is None:
            raise ValueError("calendar() needs a resolved ProjectSpec")
        return self._calendar_for(self.country, self.start)

    # --- project.yaml -------------------------------------------------------------------
    def to_yaml(self) -> str:
        """A commented project.yaml that :func:`parse_project` reads back to an equal spec."""

        def q(value: object) -> str:
            return _yaml_scalar(value)

        def days(entries: list[DayEntry]) -> str:
            if not entries:
                return " []"
            return "".join(
                f"\n  - {{date: {e.date.isoformat()}, name: {q(e.name)}}}"
                if e.name
                else f"\n  - {e.date.isoformat()}"
                for e in entries
            )

        rates = (
            "".join(
                f"\n  {q(role)}: {_number(rate)}" for role, rate in sorted(self.day_rates.items())
            )
            if self.day_rates
            else " {}"
        )
        systems = (
            "[" + ", ".join(q(s) for s in self.systems) + "]"
            if self.systems is not None
            else "null"
        )
        start = self.start.isoformat() if self.start else "null"
        c = _COMMENTS[self.lang]
        entries: list[tuple[str, str]] = [
            (f"pack: {q(self.pack)}", c["pack"]),
            (f"client: {q(self.client)}", c["client"]),
            (f"name: {q(self.name)}", c["name"]),
            (f"slug: {q(self.slug)}", c["slug"]),
            *([(f"uid: {q(self.uid)}", c["uid"])] if self.uid else []),
            (f"systems: {systems}", c["systems"]),
            (f"strategy: {self.strategy}", c["strategy"]),
            (f"sites: {self.sites}", c["sites"]),
            (f"users: {self.users}", c["users"]),
            (f"start: {start}", c["start"]),
            (f"country: {q(self.country)}", c["country"]),
            *([(f"timezone: {q(self.timezone)}", c["timezone"])] if self.timezone else []),
            (f"lang: {self.lang}", c["lang"]),
            (f"currency: {q(self.currency)}", c["currency"]),
            ("", c["extra"]),
            (f"extra_holidays:{days(self.extra_holidays)}", ""),
            (f"extra_workdays:{days(self.extra_workdays)}", ""),
            ("", c["day_rates"]),
            (f"day_rates:{rates}", ""),
            (f"freeze_days: {self.freeze_days}", c["freeze_days"]),
            (f"class_size: {self.class_size}", c["class_size"]),
            (f"author: {q(self.author)}", c["author"]),
        ]
        if self.pack_dir is not None:
            entries.append((f"pack_dir: {q(self.pack_dir)}", c["pack_dir"]))
        if self.docx_template is not None:
            entries.append((f"docx_template: {q(self.docx_template)}", c["docx_template"]))
        from generator.planning.answers import COMMENTS, yaml_lines

        planning = COMMENTS[self.lang]
        entries += [(line, planning[key]) for line, key in yaml_lines(self)]
        width = min(max(len(text) for text, _ in entries if "\n" not in text) + 2, 36)
        lines = [c["head"]]
        for text, comment in entries:
            if not text:
                lines.append(f"# {comment}")
            elif comment and "\n" not in text:
                lines.append(f"{text}{' ' * max(width - len(text), 2)}# {comment}")
            else:
                lines.append(text)
        return "\n".join(lines) + "\n"

    def write(self, folder: Path) -> Path:
        """Write project.yaml into ``folder``; returns its path."""
        path = folder / PROJECT_FILE
        path.write_text(self.to_yaml(), encoding="utf-8")
        return path


_COMMENTS = TextTable(
    {
        "head": DC_(
            "project.yaml",
            "# implkit project answers. Edit, then run `implkit build` in this folder to rebuild the kit.",
        ),
        "pack": DC_("project.yaml", "know-how pack id"),
        "client": DC_("project.yaml", "client name"),
        "name": DC_("project.yaml", "project name"),
        "slug": DC_("project.yaml", "folder name: lowercase letters, digits, dashes"),
        "uid": DC_("project.yaml", "project id in exported UIDs (calendar, MS Project); keep it"),
        "systems": DC_("project.yaml", "systems in scope"),
        "strategy": DC_("project.yaml", "go-live strategy: big-bang | phased"),
        "sites": DC_("project.yaml", "number of sites"),
        "users": DC_("project.yaml", "end users to train"),
        "start": DC_("project.yaml", "first working day, YYYY-MM-DD"),
        "country": DC_("project.yaml", "public holidays and make-up workdays of this country"),
        "timezone": DC_("project.yaml", "time zone of the meetings (IANA), e.g. America/Chicago"),
        "lang": DC_("project.yaml", "language of the kit: en | zh"),
        "currency": DC_("project.yaml", "currency of the day rates"),
        "extra": DC_(
            "project.yaml",
            "Days the country calendar does not know (e.g. next year's schedule once announced):",
        ),
        "day_rates": DC_("project.yaml", "Day rates per role id (override the pack's):"),
        "freeze_days": DC_(
            "project.yaml", "requirements freeze before development starts, calendar days"
        ),
        "class_size": DC_("project.yaml", "trainees per training session"),
        "author": DC_("project.yaml", "consultant / document author"),
        "pack_dir": DC_("project.yaml", "folder of the know-how pack (relative to this folder)"),
        "docx_template": DC_("project.yaml", "Word template the documents start from"),
    }
)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _yaml_scalar(value: object) -> str:
    """A value as a YAML flow scalar that reads back as the same string."""
    if value is None:
        return "null"
    import json

    quoted = json.dumps(str(value), ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if _needs_escape(c) else c for c in quoted)


def _needs_escape(char: str) -> bool:
    """Characters YAML does not allow raw (or folds) inside a double-quoted scalar."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF) or 0x7F <= code <= 0x9F:
        return True
    return 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def _did_you_mean(word: str, options: Any) -> str:
    from generator.i18n import _

    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return _(" — did you mean {option}?").format(option=repr(match[0])) if match else ""


def make_slug(name: str, pack_id: str) -> str:
    """A folder-safe slug from a project name (see :func:`generator.naming.make_slug`)."""
    from generator.naming import make_slug as slug_of

    return slug_of(name, pack_id)


def default_start(calendar: Any, today: date | None = None) -> date:
    """The next working day after ``today`` on ``calendar``."""
    day = (today or date.today()) + timedelta(days=1)
    result: date = calendar.next_working_day(day)
    return result


# --- reading project.yaml ---------------------------------------------------------------


def _field_names() -> list[str]:
    return list(ProjectSpec.model_fields)


def _message(err: dict[str, Any]) -> tuple[str, bool]:
    """(message, points at key) for one pydantic error."""
    kind = err["type"]
    loc = err["loc"]
    value = err.get("input")
    from generator.i18n import _

    if kind == "extra_forbidden":
        key = str(loc[-1])
        options = _field_names() if len(loc) == 1 else ["date", "name"]
        return _("unknown key {key}").format(key=repr(key)) + _did_you_mean(key, options), True
    if kind.startswith("date"):
        return _("{value} is not a date; write YYYY-MM-DD").format(value=value), False
    ctx = err.get("ctx") or {}
    field = ".".join(str(p) for p in loc)
    got = repr(value)
    if kind == "greater_than_equal":
        return _("{field} must be {ge} or more (got {got})").format(
            field=field, ge=ctx.get("ge"), got=got
        ), False
    if kind == "less_than_equal":
        return _("{field} must be {le} or less (got {got})").format(
            field=field, le=ctx.get("le"), got=got
        ), False
    if kind == "value_error":
        return f"{field}: {str(err['msg']).removeprefix('Value error, ')}", False
    if kind == "missing":
        return _("missing {key}").format(key=repr(loc[-1])), False
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return _("{field}: write one of {options} (got {got})").format(
            field=field, options=choices, got=got
        ), False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("{field}: write a whole number (got {got})").format(field=field, got=got), False
    if kind in ("float_parsing", "float_type"):
        return _("{field}: write a number (got {got})").format(field=field, got=got), False
    if kind in ("bool_parsing", "bool_type"):
        return _("{field}: write true or false (got {got})").format(field=field, got=got), False
    if kind in ("string_type", "string_too_short"):
        return _("{field}: write a text (got {got})").format(field=field, got=got), False
    if kind in ("list_type", "dict_type", "model_type"):
        shape = _("a list") if kind == "list_type" else _("a mapping (key: value)")
        return _("{field}: write {shape} (got {got})").format(
            field=field, shape=shape, got=got
        ), False
    return _("{field}: {got} is not valid here").format(field=field, got=got), False


def describe_errors(exc: ValidationError) -> list[tuple[list[str | int], str, bool]]:
    """``(location, message, points at key)`` for each pydantic error, in plain words."""
    from generator.i18n import _
    from generator.textcheck import fullwidth_hint

    out: list[tuple[list[str | int], str, bool]] = []
    errors = exc.errors()
    for number, err in enumerate(errors):
        loc = [p for p in err["loc"] if isinstance(p, (str, int))]
        if number == MAX_DESCRIBED:  # 100,000 unknown keys: the first ones say it all
            rest = _("{n} more problems from here on, like the ones above").format(
                n=len(errors) - number
            )
            out.append((loc, rest, err["type"] == "extra_forbidden"))
            break
        message, at_key = _message(dict(err))
        written = err.get("input")
        wide = fullwidth_hint(written) if isinstance(written, str) else ""
        if wide:  # `users: ８００` typed with a Chinese input method
            message = f"{message} — {wide}"
        out.append((loc, message, at_key))
    return out


class _ReadFrom:
    """Where a spec was read from. Not part of the answers: equal to any other (or None),
    so two specs with the same answers stay equal however they were made."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _ReadFrom)

    def __hash__(self) -> int:
        return 0


def _writable(value: str, *, limit: int = 255) -> str:
    """``value`` when every writer can hold it, else ValueError naming the character/length."""
    from generator.textcheck import text_problem

    why = text_problem(value, limit)
    if why is not None:
        raise ValueError(why)
    return value


def _supported_day(value: date) -> date:
    from generator.calendar import year_problem

    why = year_problem(value)
    if why is not None:
        raise ValueError(why)
    return value


def spec_from_data(data: dict[str, Any], *, file: str = "", doc: Any = None) -> ProjectSpec:
    """Validate answers (a mapping) into a ProjectSpec; every problem is reported.

    The project-level overlay sections (``tasks:``, ``risks:``, ``remove:``... in the pack
    syntax, see :mod:`generator.overlay`) are not answers; they are left out here.
    """
    from generator.overlay import OVERLAY_KEYS

    data = {key: value for key, value in data.items() if key not in OVERLAY_KEYS}
    try:
        spec = ProjectSpec.model_validate(data)
        if doc is not None:
            spec._source = _ReadFrom(doc)  # later problems (systems, day rates) get line:col
        return spec
    except ValidationError as exc:
        problems = []
        for loc, message, at_key in describe_errors(exc):
            if doc is not None:
                problems.append(doc.problem(loc, message, key=at_key))
            else:
                where = ".".join(str(p) for p in loc)
                text = message if message.startswith(where) or not where else f"{where}: {message}"
                problems.append(Problem(file, 0, 0, text))
        raise InputError(problems) from None


def parse_project(text: str, file: str = PROJECT_FILE) -> ProjectSpec:
    """Read project.yaml text (positions in errors refer to ``file``)."""
    from generator.packs.yamlio import parse_yaml

    try:
        doc = parse_yaml(text, file)
    except ValueError:
        raise InputError(_bad_dates(text, file)) from None
    return spec_from_data(doc.data, file=file, doc=doc)


def load_project(path: Path) -> ProjectSpec:
    """Read a project.yaml file (or the project.yaml inside a folder)."""
    from generator.i18n import _

    kit = None
    if path.is_dir():
        kit, path = path, path / PROJECT_FILE
    if not path.exists() and not path.is_symlink():
        raise InputError(
            _("{path}: no such file; run `implkit new PACK` to create a project").format(path=path)
        )
    return parse_project(read_answers(path, kit=kit), str(path))


def read_answers(path: Path, *, kit: Path | None = None) -> str:
    """The text of the project.yaml at ``path``, read within the limits.

    ``kit``: the kit folder ``path`` is in; then a symbolic link on the way is refused
    (its target is never read, nor quoted in a message). Raises :class:`InputError`
    naming the file when it is not a regular file (a named pipe, a device), is larger
    than :attr:`~generator.limits.Limits.answers_bytes`, or is not UTF-8.
    """
    from generator.i18n import _
    from generator.kitfs import contained
    from generator.limits import current
    from generator.packs.yamlio import decode_utf8
    from generator.readers import read_bytes

    if kit is not None:
        path = contained(kit, path)
    raw = read_bytes(
        path,
        limit=current().answers_bytes,
        fix=_("keep the answers in it and move long texts into documents of the kit"),
        follow=kit is None,
    )
    return decode_utf8(raw, str(path))


def _bad_dates(text: str, file: str) -> list[Problem]:
    """Problems for date-shaped values that are not real dates (YAML refuses them)."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_TEXT.finditer(line):
            year, month, day = (int(g) for g in match.groups())
            try:
                date(year, month, day)
            except ValueError:
                problems.append(
                    Problem(
                        file,
                        number,
                        match.start() + 1,
                        f"{match.group(0)} is not a date; write YYYY-MM-DD",
                    )
                )
    return problems or [
        Problem(file, 0, 0, "a value could not be read; check the dates (YYYY-MM-DD)")
    ]


# --- --set overrides ------------------------------------------------------------------


def apply_overrides(data: dict[str, Any], assignments: list[str]) -> dict[str, Any]:
    """Apply ``KEY=VALUE`` strings (dotted keys) to answer data; returns a new dict.

    Values are read as YAML scalars (``800`` -> int, ``2026-03-02`` -> date,
    ``ERP,MES`` stays text and is split where a list is expected).
    """
    import yaml

    result: dict[str, Any] = {**data}
    fields = _field_names()
    for assignment in assignments:
        key, sep, raw = assignment.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--set {assignment!r}: write KEY=VALUE, e.g. --set users=800")
        parts = key.split(".")
        if parts[0] not in fields:
            hint = _did_you_mean(parts[0], fields)
            raise InputError(f"--set {key}: unknown answer {parts[0]!r}{hint}")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except (yaml.YAMLError, ValueError):
            value = raw
        target = result
        for part in parts[:-1]:
            inner = target.get(part)
            inner = dict(inner) if isinstance(inner, dict) else {}
            target[part] = inner
            target = inner
        target[parts[-1]] = value
    return result

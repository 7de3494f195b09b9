"""The answers about one client project (:class:`ProjectSpec`), their defaults and
the checks against the pack."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from generator.errors import InputError, Problem
from generator.i18n import D_, translator
from generator.planning.answers import BlackoutAnswer, GoLiveAnswer, WaveAnswer
from generator.project.values import _SLUG, _did_you_mean, _supported_day, _writable
from generator.project.yaml_text import _COMMENTS, _number, _yaml_scalar

if TYPE_CHECKING:
    from generator.packs.resolved import ResolvedPack


PROJECT_FILE = "project.yaml"

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


def make_slug(name: str, pack_id: str) -> str:
    """A folder-safe slug from a project name (see :func:`generator.naming.make_slug`)."""
    from generator.naming import make_slug as slug_of

    return slug_of(name, pack_id)


def default_start(calendar: Any, today: date | None = None) -> date:
    """The next working day after ``today`` on ``calendar``."""
    day = (today or date.today()) + timedelta(days=1)
    result: date = calendar.next_working_day(day)
    return result

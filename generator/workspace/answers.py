"""The answers about one client project, as the commands take them, turned into a ProjectSpec.

The answers come as the options of ``implkit new`` / ``plan`` / ``migration`` /
``curriculum`` / ``charter`` (``client``, ``start``, ``users`` ... as text or typed
values) plus ``--set KEY=VALUE`` items (``set_values``) over ``base`` answers (those of
a project.yaml). Every answer defaults to "not given" (None), so a value from ``base``
or the ProjectSpec default applies; the named answers win over ``--set``. A bad value
raises :class:`~generator.errors.InputError` naming the option as the user wrote it
(``--users: ...``), in the kit's language.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.i18n import _, use_language

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack
    from generator.project import ProjectSpec

# answer (click parameter) name -> (ProjectSpec field, option as the user writes it)
OPTION_FIELDS: dict[str, tuple[str, str]] = {
    "client": ("client", "--client"),
    "project_name": ("name", "--project-name"),
    "start": ("start", "--start"),
    "systems": ("systems", "--systems"),
    "strategy": ("strategy", "--strategy"),
    "sites": ("sites", "--sites"),
    "users": ("users", "--users"),
    "class_size": ("class_size", "--class-size"),
    "lang": ("lang", "--lang"),
    "country": ("country", "--country"),
    "currency": ("currency", "--currency"),
    "freeze_days": ("freeze_days", "--freeze-days"),
}
ANSWER_PARAMS: tuple[str, ...] = (*OPTION_FIELDS, "packs_dir", "set_values")


def _answers(options: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Answer data from the named options that were given, and the options that were wrong."""
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for param, (field, flag) in OPTION_FIELDS.items():
        value = options.get(param)
        if value is None:
            continue
        try:
            if param == "start":
                value = _date_option(value, flag)
            elif param == "systems":
                value = [part.strip() for part in str(value).split(",") if part.strip()]
                if not value:
                    raise InputError(
                        _("{flag}: name at least one system, e.g. {flag} ERP,MES").format(flag=flag)
                    )
        except InputError as err:
            problems.extend(err.problems)
            continue
        data[field] = value
    return data, problems


def _date_option(value: Any, flag: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            _("{flag}: {value} is not a date; write YYYY-MM-DD, e.g. {flag} 2026-03-02").format(
                flag=flag, value=value
            )
        ) from None


def _flag_for(field: str) -> str:
    for flag_field, flag in OPTION_FIELDS.values():
        if flag_field == field:
            return flag
    return f"--set {field}"


def spec_from_options(
    pack_name: str, *, base: dict[str, Any] | None = None, **options: Any
) -> ProjectSpec:
    """A ProjectSpec (defaults not yet filled) from ``base`` answers, ``--set`` and the named options."""
    from pydantic import ValidationError

    from generator.project import ProjectSpec, apply_overrides, describe_errors

    lang = options.get("lang") or (base or {}).get("lang")
    use_language(lang if isinstance(lang, str) else None)
    data: dict[str, Any] = {**(base or {}), "pack": pack_name}
    data = apply_overrides(data, list(options.get("set_values") or ()))
    given, problems = _answers(options)
    data.update(given)
    for problem in problems:  # validate the rest; the wrong options are already reported
        data.pop(_field_of(problem.message), None)
    try:
        spec = ProjectSpec.model_validate(data)
    except ValidationError as exc:
        for loc, message, _at_key in describe_errors(exc):
            where = ".".join(str(p) for p in loc)
            flag = _flag_for(str(loc[0])) if loc else ""
            if flag == f"--set {loc[0] if loc else ''}":
                flag = f"--set {where}"
            if where and message.startswith(f"{where}: "):
                text = f"{flag}: {message[len(where) + 2 :]}"
            elif where and message.startswith(where):
                text = f"{flag}{message[len(where) :]}"
            else:
                text = f"{flag}: {message}" if flag else message
            problems.append(Problem("", 0, 0, text))
        raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    return spec


def _field_of(message: str) -> str:
    flag = message.split(":", 1)[0]
    for field, option in OPTION_FIELDS.values():
        if option == flag:
            return field
    return ""


def answers_from_options(
    pack_name: str, *, base: dict[str, Any] | None = None, today: date | None = None, **options: Any
) -> tuple[ResolvedPack, ProjectSpec]:
    """Load the pack and return it with the resolved ProjectSpec (every default filled)."""
    from generator.workspace.load import loaded_pack

    lang = options.get("lang") or (base or {}).get("lang")
    use_language(lang if isinstance(lang, str) else None)  # pack errors in the kit's language
    pack = loaded_pack(pack_name, options.get("packs_dir"))
    spec = spec_from_options(pack.meta.id, base=base, **options)
    try:
        return pack, spec.resolved(pack, today=today)
    except InputError as err:
        raise InputError([_with_flag(p, options) for p in err.problems]) from None


_RESOLVE_FLAGS = (
    ("unknown country", "country"),
    ("未知的国家", "country"),
    ("system ", "systems"),
    ("系统 ", "systems"),
    ("day_rates:", ""),
)


def _with_flag(problem: Problem, options: dict[str, Any]) -> Problem:
    """Name the option a pack-dependent problem came from, when it was given as an option."""
    for prefix, param in _RESOLVE_FLAGS:
        if problem.message.startswith(prefix) and param and options.get(param) is not None:
            flag = OPTION_FIELDS[param][1]
            return Problem(problem.file, problem.line, problem.col, f"{flag}: {problem.message}")
    return problem


def kit_from_options(
    pack_name: str, *, base: dict[str, Any] | None = None, today: date | None = None, **options: Any
) -> Kit:
    """Load the pack, read the answers and build the Kit."""
    from generator import __version__
    from generator.kit import build_kit

    pack, spec = answers_from_options(pack_name, base=base, today=today, **options)
    return build_kit(pack, spec, generator_version=__version__)

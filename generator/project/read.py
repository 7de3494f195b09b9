"""Reading project.yaml: the answers validated, every problem with its file:line and
the fix."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import InputError, Problem
from generator.project.spec import PROJECT_FILE, ProjectSpec
from generator.project.values import _did_you_mean

MAX_DESCRIBED = 100  # problems described one by one; the rest are counted

_DATE_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


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

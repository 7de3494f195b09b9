"""Turn validation errors into messages a domain expert can act on.

:func:`did_you_mean` suggests the closest known name; :func:`explain_errors`
maps pydantic errors of one item to ``(path, message, at_key)`` triples, where
``path`` is the path inside the raw YAML item (union branch tags removed) so
the caller can look up the line and column.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.packs.model import ID_PATTERN, SEMVER
from generator.textcheck import fullwidth_hint


class _Singular(dict[str, str]):
    """Section -> what one item is called; a section added later still gets a word."""

    def __missing__(self, section: str) -> str:
        return section.removesuffix("s")


SINGULAR: dict[str, str] = _Singular(
    {
        "pack": "pack",
        "roles": "role",
        "phases": "phase",
        "gates": "gate",
        "tasks": "task",
        "ceremonies": "ceremony",
        "risks": "risk",
        "stakeholders": "stakeholder",
        "migration": "migration object",
        "cutover": "cutover step",
        "audiences": "audience",
        "courses": "course",
        "support": "support resource",
        "lessons": "lesson",
        "skills": "skill",
        "blackouts": "blackout",
        "templates": "template",
    }
)

# What to write for a missing field (shown in "add 'x: ...'").
EXAMPLES: dict[str, str] = {
    "id": "a short unique id such as mfg.routing-workshop",
    "name": "{en: ..., zh: ...}",
    "title": "{en: ..., zh: ...}",
    "mitigation": "{en: ..., zh: ...}",
    "department": "{en: ..., zh: ...}",
    "pitfall": "{en: ..., zh: ...}",
    "advice": "{en: ..., zh: ...}",
    "topic": "{en: ..., zh: ...}",
    "phase": "a phase id such as explore",
    "owner": "a role id such as project-manager",
    "chair": "a role id such as project-manager",
    "duration": "the number of working days, e.g. 3",
    "order": "a whole number (1, 2, ...)",
    "likelihood": "1 to 5",
    "impact": "1 to 5",
    "interest": "1 to 5",
    "influence": "1 to 5",
    "version": "1.0.0",
    "kind": "one of the allowed kinds",
    "source": "{system: legacy ERP, table: ...}",
    "technical": "the technical field name, e.g. MATNR",
    "code": "a course code such as ERP-101",
    "tier": "basic, advanced or self-support",
    "audiences": "[audience id, ...]",
    "mode": "online-recorded, offline-hands-on or self-service",
    "modules": "a list of {topic: ..., minutes: 30}",
    "minutes": "a number of minutes, e.g. 30",
}

ID_RULE = (
    "use lowercase letters, digits and . _ - only, starting with a letter or digit "
    "(e.g. mfg.routing-workshop)"
)
_PRIMITIVE_TAGS = {"str", "int", "float", "bool", "none", "list", "dict", "date", "datetime"}


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for the closest choice, or ``""``."""
    if not isinstance(word, str):
        return ""
    from generator.i18n import _

    match = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return _(" — did you mean {option}?").format(option=f"'{match[0]}'") if match else ""


def _strip(annotation: Any) -> Any:
    """Remove Annotated wrappers."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _tag_of(annotation: Any) -> str:
    annotation = _strip(annotation)
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation)


def model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class found by following ``loc`` (with pydantic union tags) from ``model``."""
    current: Any = model
    for part in loc:
        current = _strip(current)
        if _is_union(current):
            members = [m for m in get_args(current) if m is not type(None)]
            chosen = [m for m in members if _tag_of(m) == part]
            if chosen:
                current = chosen[0]
                continue
            models = [
                m
                for m in members
                if isinstance(_strip(m), type) and issubclass(_strip(m), BaseModel)
            ]
            if len(models) != 1:
                return None
            current = _strip(models[0])
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) is list and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _strip(current)
    if _is_union(current):
        models = [
            _strip(m)
            for m in get_args(current)
            if isinstance(_strip(m), type) and issubclass(_strip(m), BaseModel)
        ]
        current = models[0] if len(models) == 1 else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[tuple[str | int, ...], list[str]]:
    """Split a pydantic ``loc`` into the path inside ``data`` and the union tags met."""
    path: list[str | int] = []
    tags: list[str] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current.__getitem__(part)
        elif isinstance(part, str) and (
            part[:1].isupper() or part in _PRIMITIVE_TAGS or "[" in part or "-" in part
        ):
            tags.append(part)
        else:  # a key that is missing from the data: keep it (missing / extra field)
            path.append(part)
            current = None
    return tuple(path), tags


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    current = data
    for part in path:
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            return None
    return current


def explain_errors(
    err: ValidationError, model: type[BaseModel], data: Any
) -> list[tuple[tuple[str | int, ...], str, bool]]:
    """``(path in data, message, point at the key)`` for every error, union noise removed."""
    entries: list[tuple[tuple[str | int, ...], list[str], dict[str, Any]]] = []
    for details in err.errors():
        error: dict[str, Any] = dict(details)
        path, tags = _data_path(data, error["loc"])
        entries.append((path, tags, error))
    # Where a union (text or {en, zh}) failed in every branch, keep the branch that
    # matches what was written: a mapping -> the model branch, anything else -> plain.
    keep: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for path, tags, entry in entries:
        if tags:
            prefix_len = _prefix_before_tag(entry["loc"], tags[0], data)
            written = _value_at(data, path[:prefix_len])
            is_model_tag = tags[0][:1].isupper()
            if isinstance(written, dict) != is_model_tag:
                siblings = [
                    t
                    for p, t, _ in entries
                    if p[:prefix_len] == path[:prefix_len] and t and t != tags
                ]
                if siblings:
                    continue
        marker = (path, entry["type"])
        if marker in seen:
            continue
        seen.add(marker)
        keep.append((path, entry))
    result: list[tuple[tuple[str | int, ...], str, bool]] = []
    for path, kept in keep:
        if "[key]" in kept["loc"]:  # a mapping key (e.g. a role id in effort) is wrong
            field = _field_name(path[:-1])
            message = f"'{field}': key {_show(path[-1])} is not a valid id: " + ID_RULE
            result.append((path, message, True))
            continue
        parent = model_at(model, list(kept["loc"][:-1]))
        message = _message(kept, path, parent)
        at_key = kept["type"] == "extra_forbidden"
        written = str(path[-1]) if at_key and path else kept.get("input")
        wide = fullwidth_hint(written) if isinstance(written, str) else ""
        if wide:  # `name：X`, `duration: ３`: the input method, not the author, is the cause
            message = f"{message} — {wide}"
        result.append((path, message, at_key))
    return result


def _prefix_before_tag(loc: Sequence[str | int], tag: str, data: Any) -> int:
    """Number of data-path parts before the first union tag in ``loc``."""
    count = 0
    for part in loc:
        if part == tag:
            return count
        count += 1
    return count


def _field_name(path: Sequence[str | int]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return str(value)


def _message(
    error: dict[str, Any], path: Sequence[str | int], parent: type[BaseModel] | None
) -> str:
    kind = error["type"]
    name = _field_name(path)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        example = EXAMPLES.get(name, "...")
        return f"'{name}' is missing; add '{name}: {example}'"
    if kind == "extra_forbidden":
        allowed = sorted(parent.model_fields) if parent is not None else []
        hint = did_you_mean(name, allowed)
        if hint:
            return f"unknown key '{name}'{hint}"
        if allowed:
            return f"unknown key '{name}'; allowed here: {', '.join(allowed)}"
        return f"unknown key '{name}'; delete it"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == ID_PATTERN:
            return f"{_show(value)} is not a valid id for '{name}': " + ID_RULE
        if pattern == SEMVER:
            return f"'{name}' must be a version like 1.0.0; got {_show(value)}"
        if name == "time":
            return f"'time' must be a clock time like 09:30; got {_show(value)}"
        return f"'{name}' has the wrong form ({pattern}); got {_show(value)}"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        what = "a whole number" if kind.startswith("int") else "a number"
        if name == "duration":
            what = "a number of working days (e.g. 3 or 0.5)"
        return f"'{name}' must be {what}; got {_show(value)}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = next(iter(ctx.values()), "")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        unit = " working days" if name == "duration" else ""
        return f"'{name}' must be {words} {bound}{unit}; got {_show(value)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        return f"'{name}' must be one of: {', '.join(options) or expected}; got {_show(value)}" + (
            did_you_mean(value, options)
        )
    if kind in {"bool_parsing", "bool_type"}:
        return f"'{name}' must be true or false; got {_show(value)}"
    if kind == "string_type" and name == "time" and isinstance(value, int):
        return (
            f"'time': YAML read the time as the number {value}; write it in quotes with two "
            "digits for the hour, e.g. time: '09:30'"
        )
    if kind == "string_type":
        if isinstance(value, (datetime.date, datetime.datetime)):
            return (
                f"'{name}': {value.isoformat()} was read as a date; put it in quotes if it is text"
            )
        if isinstance(value, bool):
            return (
                f"'{name}': {str(value).lower()} was read as yes/no; put the value in quotes "
                "(e.g. 'NO' for Norway)"
            )
        return f"'{name}' must be text; got {_show(value)}"
    if kind == "list_type":
        return f"'{name}' must be a list, e.g. [a, b]; got {_show(value)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"'{name}' must be a mapping of 'key: value' lines; got {_show(value)}"
    if kind == "string_too_long":
        return (
            f"'{name}' is {len(str(value))} characters long; at most {ctx.get('max_length')} "
            "fit (it goes into Word document properties, which hold 255): shorten it"
        )
    if kind == "finite_number":
        return f"'{name}' must be a finite number; got {_show(value)}"
    if kind == "too_short":
        return f"'{name}' needs at least {ctx.get('min_length', 1)} entries"
    if kind == "too_long":
        return f"'{name}' allows at most {ctx.get('max_length')} entries"
    if kind == "value_error":
        return f"'{name}': {str(error['msg']).removeprefix('Value error, ')}"
    return f"'{name}': {error['msg']}"

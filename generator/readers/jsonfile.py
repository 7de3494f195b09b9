"""JSON files of a kit's memory: size, UTF-8, syntax, depth, value count, finite numbers."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.i18n import _
from generator.limits import current
from generator.readers.files import read_bytes


class _Refused(Exception):
    """A number the JSON hooks refuse: the text as written and why."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(text)
        self.text = text
        self.why = why


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(text, _("is not a finite number"))
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise _Refused(text, _("is a number with more than 18 digits"))
    return int(text)


def _constant(text: str) -> Any:
    raise _Refused(text, _("is not a number JSON allows"))


def read_json(path: Path, *, fix: str, follow: bool = True) -> Any:
    """The JSON value in ``path``, every limit checked; InputError naming the file otherwise.

    Refused: a file above ``json_bytes``; bytes that are not UTF-8; a syntax error
    (line:col); ``NaN``, ``Infinity``, ``1e400`` and integers above 18 digits;
    nesting deeper than ``json_depth``; more than ``json_values`` values. ``fix`` (what
    the user should do, e.g. "delete it and run `implkit build`") ends each message.
    """
    limits = current()
    raw = read_bytes(path, limit=limits.json_bytes, fix=fix, follow=follow)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError.at(path, line, 0, _("is not UTF-8 text; {fix}").format(fix=fix)) from None
    try:
        data = json.loads(
            text, parse_float=_finite, parse_int=_bounded_int, parse_constant=_constant
        )
    except _Refused as err:
        line, col = _locate(text, err.text)
        raise InputError.at(path, line, col, f"{err.text[:40]} {err.why}; {fix}") from None
    except json.JSONDecodeError as err:
        raise InputError.at(
            path,
            err.lineno,
            err.colno,
            _("is not valid JSON ({reason}); {fix}").format(reason=err.msg, fix=fix),
        ) from None
    except RecursionError:
        raise _too_deep(path, limits.json_depth, fix) from None
    except ValueError as err:  # an integer too long for Python's conversion limit
        raise InputError.at(path, 0, 0, f"{err}; {fix}") from None
    _check_shape(data, path, fix)
    return data


def _locate(text: str, token: str) -> tuple[int, int]:
    """1-based (line, col) of the first ``token`` standing as a value in ``text``."""
    match = re.search(r"(?<![\w.])" + re.escape(token) + r"(?![\w.])", text)
    if match is None:
        return 0, 0
    start = match.start()
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def _too_deep(path: Path, depth: int, fix: str) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _("is nested more than {depth} levels deep (lists in lists); {fix}").format(
            depth=depth, fix=fix
        ),
    )


def _check_shape(data: Any, path: Path, fix: str) -> None:
    """Depth and value count of parsed JSON, walked without recursion.

    Counted a level at a time first (a list extended per container, not a tuple pushed
    per value); a value beyond either limit is then found again by :func:`_walk_shape`,
    so the error, and which limit it names when both are broken, is that walk's."""
    limits = current()
    level: list[Any] = [data]
    depth = count = 0
    while level:
        depth += 1
        count += len(level)
        if count > limits.json_values:
            _walk_shape(data, path, fix)  # raises
            return
        below: list[Any] = []
        for value in level:
            if isinstance(value, dict):
                below.extend(value.values())
            elif isinstance(value, list):
                below.extend(value)
            else:
                continue
            if depth > limits.json_depth:
                _walk_shape(data, path, fix)  # raises
                return
        level = below


def _walk_shape(data: Any, path: Path, fix: str) -> None:
    """The value-by-value walk behind :func:`_check_shape`: raises at the first value
    beyond a limit, in its order."""
    limits = current()
    count = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > limits.json_values:
            raise InputError.at(
                path,
                0,
                0,
                _("holds more than {n} values; {fix}").format(n=limits.json_values, fix=fix),
            )
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limits.json_depth:
            raise _too_deep(path, limits.json_depth, fix)
        stack.extend((child, depth + 1) for child in children)

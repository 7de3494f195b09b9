"""Checks on single answers: text a kit can write, dates the calendar supports, a
slug, a did-you-mean hint."""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Any

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _did_you_mean(word: str, options: Any) -> str:
    from generator.i18n import _

    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return _(" — did you mean {option}?").format(option=repr(match[0])) if match else ""


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

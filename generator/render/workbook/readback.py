"""What a reader sees of a cell this package writes, without writing and reading it.

:meth:`generator.render.workbook.sheet.SheetBuilder.close` hands each row of a carried
sheet to :class:`generator.carry.written.SheetDigest` as openpyxl (read-only,
values-only: the reader of :mod:`generator.carry.read`) would give it back from the
file: text as text, numbers through XlsxWriter's ``%.16G`` (a whole float comes back as
an ``int``), a formula as its stored value, a number in a date format as a
``datetime``, an empty text as nothing. So the build hashes its generated cells while
writing them and never opens its own workbooks again.

:func:`as_read` raises :class:`Unreadable` for the few values whose round trip it does
not model (text with a carriage return or an ``_xHHHH_`` escape, a date with a time of
day); the caller then reads the saved workbook back instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from generator.render.workbook.cells import Formula, Link, S, clean_text, serial
from generator.render.workbook.styles import DATE_STYLES

_EPOCH = datetime(1899, 12, 30)  # openpyxl's WINDOWS_EPOCH
_ESCAPE = re.compile(r"_[xX][0-9A-Fa-f]{4}_")
_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


class Unreadable(Exception):
    """A written value whose read-back value :func:`as_read` does not model."""


def _text(text: str) -> str:
    # "\r" is escaped as _x000D_ in an inline string and normalised to "\n" by the XML
    # parser in a formula's value; "_xHHHH_" in the text itself is ambiguous
    if "\r" in text or ("_" in text and _ESCAPE.search(text)):
        raise Unreadable(text[:40])
    return text


def _number(text: str) -> int | float:
    """openpyxl's reading of a number's text (``_cast_number``)."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _date(number: int | float) -> datetime:
    """openpyxl's ``from_excel`` for a number in a date format (1900 date system)."""
    day, fraction = divmod(number, 1)
    diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= number < 60:
        day += 1
    return _EPOCH + timedelta(days=day) + diff


def as_read(value: Any, style: str) -> Any:
    """The value the carry reader gets back for ``value`` written in named ``style``
    (the rules of :meth:`SheetBuilder._write`); raises :class:`Unreadable`."""
    if type(value) is S:
        style, value = value.style, value.value
    if value is None or (type(value) is str and not value):
        return None
    if isinstance(value, str):
        return _text(clean_text(value))
    if isinstance(value, Link):
        return _text(clean_text(value.text))
    if isinstance(value, Formula):
        stored = value.stored
        if isinstance(stored, bool):
            return stored
        if isinstance(stored, str):
            if not stored:
                return None
            return stored if stored in _ERRORS else _text(stored)
        number = _number(str(stored))
        return _date(number) if isinstance(value.value, date) or style in DATE_STYLES else number
    if isinstance(value, datetime) and value.time() != time():
        raise Unreadable("a date with a time of day")
    if isinstance(value, date):
        return _date(serial(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        number = _number(f"{value:.16G}")
        return _date(number) if style in DATE_STYLES else number
    return _text(clean_text(str(value)))

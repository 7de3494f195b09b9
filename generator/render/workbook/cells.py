"""Cell values and text rules shared by every workbook writer (no Excel library imported).

Values a sheet module hands to :class:`generator.render.workbook.book.SheetBuilder`:

* plain ``str`` -> always a text cell (never a formula, never a URL);
* :class:`Formula` -> a formula *with its computed value* (Excel's Protected View,
  phone previews, pandas and calamine show only the stored value);
* :class:`S` -> any value with an explicit named style;
* :class:`Link` -> text linking to a place in the workbook;
* ``date``, ``int``, ``float``, ``bool``, ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

MAX_CELL_CHARS = 32767
FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEET_NAMES = frozenset({"history"})
_ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# a formula's first character, ASCII and full-width (an East Asian Excel or WPS takes both)
_RISKY_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_RISKY_CONTROL = ("\t", "\r", "\n")  # tab, CR, LF: the start of OWASP's CSV-injection list
BLANKS = " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2009\u202f\u3000\ufeff"
EXCEL_EPOCH = date(1899, 12, 30)

FormulaValue = str | int | float | bool | date


@dataclass(frozen=True)
class Formula:
    """A cell formula (starts with ``=``) and the value it computes to.

    ``value`` is what Excel would show: a number, a text (``""`` for an empty result)
    or a ``date`` (stored as its serial number).
    """

    text: str
    value: FormulaValue

    def __post_init__(self) -> None:
        if not self.text.startswith("="):
            raise ValueError(f"a formula starts with '=': {self.text!r}")

    @property
    def stored(self) -> str | int | float | bool:
        """The value as stored in the file (dates as Excel serial numbers)."""
        if isinstance(self.value, date):
            return serial(self.value)
        return self.value


@dataclass(frozen=True)
class S:
    """A value with an explicit named style (overrides the column's style)."""

    value: Any
    style: str


@dataclass(frozen=True)
class Link:
    """Text that links to a place in the workbook, e.g. ``Link("Materials", "'Materials'!A1")``."""

    text: str
    location: str


def serial(day: date) -> int:
    """Excel's serial day number of ``day`` (1900 date system)."""
    if isinstance(day, datetime):
        day = day.date()
    return (day - EXCEL_EPOCH).days


def clean_text(value: str) -> str:
    """Drop characters Excel rejects and cut to the 32,767-character cell limit."""
    if not value.isprintable():  # printable text has no control characters to drop
        value = _ILLEGAL_CHARS.sub("", value)
    return value[:MAX_CELL_CHARS]


def is_risky_text(value: str) -> bool:
    """True when a text would become a formula if edited, typed or imported.

    That is when it starts with ``= + - @`` (or their full-width forms ``＝ ＋ － ＠``)
    after any blanks (spaces, no-break and ideographic spaces), or with a tab, carriage
    return or line feed. The one formula guard of the product: every workbook writer
    (:mod:`generator.render.workbook.guarded`) and the CSV exports
    (:func:`generator.render.trackers_csv.neutralise`) decide with it.
    """
    return value.startswith(_RISKY_CONTROL) or value.lstrip(BLANKS).startswith(_RISKY_START)


def text_width(value: str) -> int:
    """Display width of the longest line: East Asian wide/full-width characters count double."""
    if value.isascii():  # the common case, without a per-character look-up
        return max(len(line) for line in value.split("\n")) if "\n" in value else len(value)
    if len(value) <= _KEPT_WIDTH_CHARS:
        return _kept_wide_width(value)
    return _wide_width(value)


_KEPT_WIDTH_CHARS = 256  # texts kept by _kept_wide_width: at most 8,192 of 256 characters


@lru_cache(maxsize=8192)
def _kept_wide_width(value: str) -> int:
    """:func:`_wide_width`, kept per process for short texts.

    A sheet measures a text for its column's width and again for its row's height, and
    the same labels, names and dates repeat down a column: in a Chinese kit about three
    in four of these per-character look-ups were repeats. An int per str, so nothing a
    caller holds can change; bounded in entries and, by the length cap, in memory."""
    return _wide_width(value)


def _wide_width(value: str) -> int:
    """:func:`text_width` of a text with a non-ASCII character, character by character."""
    best = 0
    for line in value.split("\n"):
        width = 0
        for ch in line:
            width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        best = max(best, width)
    return best


def display_width(value: Any) -> int:
    """Approximate width in characters of a value as Excel shows it."""
    if value is None:
        return 0
    if isinstance(value, S):
        return display_width(value.value)
    if isinstance(value, Link):
        return text_width(value.text)
    if isinstance(value, Formula):
        return max(display_width(value.value), 6)
    if isinstance(value, (date, datetime)):
        return 10
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return text_width(str(value))


def longest_word(value: Any) -> int:
    """Width of the longest word of a header (headers wrap between words)."""
    text = str(value.value if isinstance(value, S) else value)
    return max((text_width(w) for w in re.split(r"[\s/]+", text) if w), default=0)


def quote_sheet(title: str) -> str:
    """A sheet name quoted for formulas: ``'It''s'``."""
    return "'" + title.replace("'", "''") + "'"


_TRAILING_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_TRAILING_JOINERS = re.compile(r"(?:[\s,;:&/–—-]|\band\b|\bor\b|\bof\b|\bfor\b)+$")


def shorten_title(text: str, limit: int = 31) -> str:
    """``text`` in at most ``limit`` characters, never cut inside a word.

    A trailing bracketed part goes first ("Organisation structure (company codes,
    plants)" -> "Organisation structure"), then whole words from the end; a dangling
    "and"/"of"/comma is dropped. Text without spaces (Chinese) is cut at ``limit``
    characters, where every character is a word; a single over-long word is cut too.
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    while len(text) > limit and _TRAILING_BRACKETS.search(text):
        shorter = _TRAILING_BRACKETS.sub("", text)
        if not shorter:
            break
        text = shorter
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rfind(" ")
    if cut <= 0 or not re.search(r"[A-Za-z0-9]", head[cut:]):
        return text[:limit].rstrip()
    kept = _TRAILING_JOINERS.sub("", text[:cut]).rstrip()
    return kept or text[:limit].rstrip()


def safe_sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid sheet name, unique (case-insensitive) among ``taken``.

    Forbidden characters ``[]:*?/\\`` are dropped, surrounding apostrophes and spaces
    stripped, the 31-character limit kept, the reserved name "History" avoided; duplicates
    get a " (2)", " (3)"... suffix that still fits in 31 characters.
    """
    base = FORBIDDEN_SHEET_CHARS.sub("", clean_text(name)).replace("\n", " ")
    base = base.strip().strip("'").strip() or "Sheet"
    if base.lower() in RESERVED_SHEET_NAMES:
        base = f"{base} (1)"
    base = shorten_title(base).rstrip("'")
    used = {t.lower() for t in taken}
    title = base
    n = 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = shorten_title(base, 31 - len(suffix)).rstrip("'") + suffix
        n += 1
    return title


def col_letter(index: int) -> str:
    """1-based column number -> letters (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def qtext(text: str) -> str:
    """A text literal for a formula: quotes doubled, the whole in quotes."""
    return '"' + text.replace('"', '""') + '"'


def date_literal(d: date) -> str:
    """``DATE(2026,9,1)``: a date inside a formula."""
    return f"DATE({d.year},{d.month},{d.day})"

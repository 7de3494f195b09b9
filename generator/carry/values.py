"""Turn a cell as a consultant left it into the value its declared column type stores.

``convert(value, column) -> (value, problem)``: ``problem`` is ``None`` when the
cell was used, else a short reason (the caller reports the cell and keeps the
text in the row's notes). Empty cells give ``(None, None)``.

Types (:data:`generator.sheets.ColType`):

* ``text``/``long-text``: text (numbers and dates written as text as they show).
* ``int``: whole numbers (``12``, ``"12"``, ``12.0``).
* ``number``/``currency``/``person-days``/``hours``: floats; ``"1,200.50"``,
  ``"¥1200"`` and ``"3 d"`` are read, anything else is a problem.
* ``percent``: 0..1 floats; ``0.4``, ``40``, ``"40%"`` and ``"40"`` all mean 40 %.
* a real date or date-time cell in a text column (the cutover's actual start and
  end) stays a :class:`datetime.date` / :class:`datetime.datetime` (written back
  with its format); a ``date`` column keeps the day.
* ``date``: :class:`datetime.date` from a real date, an Excel serial number, or text
  written year first (``2026-03-02``, ``2026/3/2``, ``2026.3.2``, ``2026年3月2日``);
  day-first or month-first text only when unambiguous (``28/02/2026``).
* ``list``: the canonical key of a label in either language (or of the key itself).
* ``bool``: yes/no in either language (``是``/``否``, ``x``/``✓``, ``true``/``false``).

Whatever is typed is used or refused by cell, never a crash later: a date outside
the calendar's years (1970-2099, e.g. ``9999-12-31``) and a number that is not finite
or beyond ±10^12 (:attr:`generator.limits.Limits.cell_number`, e.g. ``1e308``) are
problems with the fix; such a date in a text column is kept as its text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from generator.i18n import D_

if TYPE_CHECKING:
    from generator.kit_model import CellValue
    from generator.sheets import ColumnSpec

_YEAR_FIRST = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_YEAR_LAST = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*$")
_ISO_TIME = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2})?\s*$")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")
_UNITS = ("人天", "天", "小时", "h", "d", "days", "day", "hours", "hrs", "pd")
_CURRENCY = "¥￥$€£"
_EXCEL_EPOCH = date(1899, 12, 30)
_TRUE = {"yes", "y", "true", "x", "✓", "✔", "1", "是", "对", "√"}
_FALSE = {"no", "n", "false", "0", "否", "不", "×", "-"}
_NUMERIC = ("number", "currency", "person-days", "hours")
TEXT_KINDS = frozenset(("text", "long-text"))
"""Column types whose cells are free text: a text cell is kept as typed (stripped), and
a date-time keeps its time of day (a cutover step's actual start)."""


def convert(value: Any, column: ColumnSpec) -> tuple[CellValue, str | None]:
    """``(stored value, None)``, or ``(None, reason)`` when the cell cannot be used."""
    kind = column.type
    if type(value) is str:  # most cells: text, settled here for a text column
        text = value.strip()
        if not text:
            return None, None
        if kind in TEXT_KINDS:
            return text, None  # as_text(value)
    elif value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime) and value.time() != time() and kind in TEXT_KINDS:
        return value, None  # a date with a time of day stays one (a cutover step's start)
    if isinstance(value, date) and kind in TEXT_KINDS:
        day = as_date(value)  # a real date typed into a text column stays a date...
        if day is not None and _year_problem(day) is not None:
            return as_text(value), None  # ...unless no calendar holds it: then its text
        return day, None
    if kind in TEXT_KINDS:
        return as_text(value), None
    if kind == "date":
        day = as_date(value)
        if day is None:
            return None, D_("not a date (write YYYY-MM-DD)")
        why = _year_problem(day)
        return (day, None) if why is None else (None, why)
    if kind == "list":
        spec = column.list
        key = spec.key_of(as_text(value)) if spec is not None else as_text(value)
        if key is None:
            return None, D_("not one of the list's values")
        return key, None
    if kind == "bool":
        flag = as_bool(value)
        return (flag, None) if flag is not None else (None, D_("not yes or no"))
    if kind == "percent":
        share = as_percent(value)
        if share is None:
            return None, D_("not a percentage")
        if not 0 <= share <= 1:
            return None, D_("not between 0 % and 100 %")
        return share, None
    number = as_number(value)
    if number is None:
        return None, D_("not a number")
    why = number_problem(number)
    if why is not None:
        return None, why
    if kind == "int":
        if not float(number).is_integer():
            return None, D_("not a whole number")
        return int(number), None
    return float(number), None


def _year_problem(day: date) -> str | None:
    from generator.calendar import FIRST_YEAR, LAST_YEAR

    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return f"a date outside {FIRST_YEAR}-{LAST_YEAR}, the years the calendar holds (write the real date)"


def number_problem(number: float) -> str | None:
    """Why ``number`` cannot be used in a cell (not finite, or beyond the cell limit)."""
    import math

    from generator.limits import current

    if not math.isfinite(number):
        return "not a finite number (write the real value)"
    limit = current().cell_number
    if abs(number) > limit:
        return f"a number beyond ±{limit:,.0f} (write the real value)"
    return None


def usable_number(number: float) -> float | None:
    """``number`` when :func:`number_problem` finds nothing wrong with it, else ``None``."""
    return number if number_problem(number) is None else None


def as_text(value: Any) -> str:
    """A cell as text: dates as ISO, whole floats without ``.0``."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # 12.0 -> "12" (not 1e308 -> 309 digits)
    return str(value).strip()


def as_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial or unambiguous text; else ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if 20000 <= value <= 80000:  # an Excel serial date (1954..2119) whose format was lost
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    text = str(value).strip()
    match = _ISO_TIME.match(text)
    if match:
        text = match.group(1)
    match = _YEAR_FIRST.match(text)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _YEAR_LAST.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if first > 12 >= second:  # 28/02/2026: day first
            return _make(year, second, first)
        if second > 12 >= first:  # 02/28/2026: month first
            return _make(year, first, second)
        if first == second:
            return _make(year, first, second)
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def as_number(value: Any) -> float | None:
    """A number from a numeric cell or text such as ``1,200.5``, ``¥800`` or ``3 d``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (date, datetime)):
        return None
    text = str(value).strip().strip(_CURRENCY).strip()
    lowered = text.lower()
    for unit in _UNITS:
        if lowered.endswith(unit):
            text = text[: len(text) - len(unit)].strip()
            break
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", ""))


def as_percent(value: Any) -> float | None:
    """A share 0..1 from ``0.4``, ``40``, ``"40%"`` or ``"40"``; ``None`` when not a number."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number = as_number(value.strip()[:-1])
        return None if number is None else number / 100
    number = as_number(value)
    if number is None:
        return None
    return number / 100 if number > 1 else number


def as_bool(value: Any) -> bool | None:
    """``True``/``False`` from a boolean cell or yes/no text in either language."""
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None

"""Dates as trackers write them, read a whole column at a time.

A tracker writes dates in the exporting user's format:

* ISO 8601 (``2026-04-03``, ``2026-04-03T09:30:00Z``, MSPDI ``2026-04-03T08:00:00``);
* year first (Chinese profiles: ``2026/4/3 9:30:00``, ``2026年4月3日``);
* numeric with the year last, month first (en-US: ``4/3/2026 9:30:00 AM``) or day first
  (en-GB, de-DE: ``03/04/2026 09:30``, ``03.04.2026``);
* Jira's default ``dd/MMM/yy h:mm a`` (``03/Apr/26 9:30 AM``), also with Chinese month
  names (``03/四月/26 9:30 上午``, ``03/4月/26``).

``4/3/2026`` is 3 April in New York and 4 March in London: :func:`parse_column` reads
every value of a column both ways and keeps the reading in which every date is
possible (``plausible``: within the project's dates); when both fit, a column whose
every value has an upper-case AM/PM time is the US format (month first); otherwise a
column that fits both or neither is refused with the values and the fix
(``--date-order``). A value no format reads is returned as a problem, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Literal

Order = Literal["mdy", "dmy"]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?(?:\s.*)?$")
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?:[\sT,].*)?$")
_MONTH_NAME = re.compile(r"^(\d{1,2})[/ -]([^/\s\d-]+|\d{1,2}月)[/ -](\d{4}|\d{2})(?:\s.*)?$")
_MONTHS = {
    **{
        name: n
        for n, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            (
                "一月",
                "二月",
                "三月",
                "四月",
                "五月",
                "六月",
                "七月",
                "八月",
                "九月",
                "十月",
                "十一月",
                "十二月",
            ),
            start=1,
        )
    },
    **{f"{n}月": n for n in range(1, 13)},
}


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_fixed(text: str) -> date | Literal[False] | None:
    """A date any reader agrees on: ``date``, ``None`` for empty, ``False`` when the value
    needs the column's day/month order (numeric, year last) or is not a date at all."""
    clean = text.strip()
    if not clean:
        return None
    match = _ISO.match(clean) or _YEAR_FIRST.match(clean)
    if match:
        return _safe(int(match.group(1)), int(match.group(2)), int(match.group(3))) or False
    match = _MONTH_NAME.match(clean)
    if match:
        month = _MONTHS.get(match.group(2).lower()[:3]) or _MONTHS.get(match.group(2))
        if month:
            return _safe(_year(match.group(3)), month, int(match.group(1))) or False
    return False


def _numeric(text: str, order: Order) -> date | None:
    match = _YEAR_LAST.match(text.strip())
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
    if match.group(2) == ".":  # 03.04.2026 is day first in every locale that writes it
        order = "dmy"
    month, day = (first, second) if order == "mdy" else (second, first)
    return _safe(year, month, day)


def _us_clock(values: Iterable[str]) -> bool:
    """Every value has a time with an upper-case AM/PM: the US format (``M/d/yyyy h:mm:ss
    AM``, Azure DevOps' en-US profile); the day-first locales with a 12-hour clock write
    it in lower case (en-AU ``2/03/2026 5:00:00 pm``) or in 24 hours (en-GB, de-DE)."""
    found = [v for v in values if v.strip()]
    return bool(found) and all(
        re.search(r"\d \d{1,2}:\d{2}(:\d{2})? (AM|PM)$", v.strip()) for v in found
    )


def parse_column(
    values: Sequence[str],
    plausible: Callable[[date], bool],
    order: Order | None = None,
) -> tuple[list[date | None], list[tuple[int, str]], Order | None]:
    """Read a column: ``(dates, problems, order used)``.

    ``dates[i]`` is the date of ``values[i]`` (``None`` when empty or not readable);
    ``problems`` are ``(index, reason)``: a value no format reads, or (index -1) a column
    whose day/month order cannot be told. ``order`` forces month-first or day-first.
    """
    fixed = [parse_fixed(value) for value in values]
    open_ = [i for i, value in enumerate(fixed) if value is False]
    out: list[date | None] = [value if value is not False else None for value in fixed]
    problems: list[tuple[int, str]] = []
    if not open_:
        return out, problems, order
    readings: dict[Order, list[date | None]] = {
        way: [_numeric(values[i], way) for i in open_] for way in ("mdy", "dmy")
    }
    if order is None:
        fits = [
            way
            for way, days in readings.items()
            if all(day is not None and plausible(day) for day in days)
        ]
        readable = [way for way, days in readings.items() if all(d is not None for d in days)]
        if len(fits) == 1:
            order = fits[0]
        elif len(readable) == 1:
            order = readable[0]
        elif readable:
            same = all(a == b for a, b in zip(readings["mdy"], readings["dmy"]))
            if same or _us_clock(values[i] for i in open_):
                order = "mdy"
            else:
                problems.append((-1, "ambiguous"))
                return out, problems, None
    for slot, index in enumerate(open_):
        day = readings[order][slot] if order else None
        if day is None:
            problems.append((index, "unreadable"))
        out[index] = day
    return out, problems, order

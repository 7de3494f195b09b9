"""Shared helpers of the CSV parsers: numbers, column names in both UI languages, problems.

``number(text)`` reads ``2.5``, ``2,5`` (a decimal comma), ``1,234.5`` and ``""`` (None);
``Problems`` collects every problem of a file before one :class:`InputError` is raised,
so a user fixes them all in one go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.trackers.dates import Order, parse_column
from generator.trackers.tabular import Table

_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
MAX_PROBLEMS = 200


def number(text: str) -> float | None:
    """A number as a tracker or a spreadsheet writes it, ``None`` for empty; ValueError else."""
    clean = text.strip().replace("\u00a0", "").replace(" ", "")
    if not clean:
        return None
    if _PLAIN.match(clean):
        return float(clean)
    if _THOUSANDS.match(clean):
        return float(clean.replace(",", ""))
    if _DECIMAL_COMMA.match(clean):
        return float(clean.replace(",", "."))
    raise ValueError(text)


@dataclass
class Problems:
    """Every problem found in one file (capped at :data:`MAX_PROBLEMS`)."""

    path: Path
    found: list[Problem] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(str(self.path), line, 0, message))

    def raise_any(self) -> None:
        if self.found:
            raise InputError(self.found)


def cell(record: list[str], index: int | None) -> str:
    """The record's cell at ``index`` ("" when the column is missing or the row is short)."""
    if index is None or index >= len(record):
        return ""
    return record[index].strip()


def date_column(
    table: Table,
    index: int | None,
    problems: Problems,
    plausible: Callable[[date], bool],
    order: Order | None,
) -> list[date | None]:
    """Every record's date in column ``index`` (all None when the column is missing)."""
    if index is None:
        return [None] * len(table.records)
    values = [cell(record, index) for _, record in table.records]
    days, found, _used = parse_column(values, plausible, order)
    header = table.header[index]
    for position, _reason in found:
        if position < 0:
            sample = next((v for v in values if v), "")
            problems.add(
                table.records[0][0],
                _(
                    "column {column}: dates like {sample} can be read month first or day first "
                    "and both fit the project; pass --date-order mdy (4/3 = 3 April) or "
                    "--date-order dmy (4/3 = 4 March)"
                ).format(column=repr(header), sample=repr(sample)),
            )
            break
        problems.add(
            table.records[position][0],
            _(
                "column {column}: {value} is not a date this import reads; write it as "
                "YYYY-MM-DD or export with the tool's default date format"
            ).format(column=repr(header), value=repr(values[position])),
        )
    return days


def number_column(table: Table, index: int | None, problems: Problems) -> list[float | None]:
    """Every record's number in column ``index`` (None when empty or missing)."""
    out: list[float | None] = []
    for line, record in table.records:
        text = cell(record, index)
        try:
            out.append(number(text))
        except ValueError:
            problems.add(
                line,
                _("column {column}: {value} is not a number").format(
                    column=repr(table.header[index or 0]), value=repr(text)
                ),
            )
            out.append(None)
    return out


def duplicates(keys: Sequence[tuple[str, int]], problems: Problems, what: str, fix: str) -> None:
    """Report every key given on more than one row: ``keys`` are ``(key, line)``."""
    seen: dict[str, int] = {}
    for key, line in keys:
        if not key:
            continue
        if key in seen:
            problems.add(
                line,
                _("{what} {key} is also on line {first}; {fix}").format(
                    what=what, key=key, first=seen[key], fix=fix
                ),
            )
        else:
            seen[key] = line


def work_percent(status: str, done: float | None, left: float | None) -> float | None:
    """% complete from a tracker's work figures: done / (done + left) when both are given,
    100 % for a done item, else unknown (None: the import leaves the kit's value)."""
    if status == "done":
        return 1.0
    if done is not None and left is not None and done + left > 0:
        return done / (done + left)
    return None


def check_ids(
    problems: Problems,
    ids: Sequence[tuple[str, int]],
    kit_ids: Sequence[tuple[str, int]],
    what: str,
    fixes: tuple[str, str],
) -> None:
    """Report tracker ids and kit ids given on more than one row, then raise them all.

    ``what``: the tracker id's name (ID, issue key); ``fixes``: the fix for a doubled
    tracker id and for a doubled kit id."""
    duplicates(ids, problems, what, fixes[0])
    duplicates(kit_ids, problems, _("kit id"), fixes[1])
    problems.raise_any()

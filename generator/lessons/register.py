"""The lessons register of the plan workbook: its columns and reading it back.

The register (sheet key ``plan.lessons``, declared in
:mod:`generator.sheets.knowledge`) lists the pack's lessons that apply
to the project (generated rows, keyed by lesson id) and below them the rows the
team adds. The consultant's columns are ``notes``, ``recorded`` (date) and
``share`` (a yes/no list: share this row with the pack); ``implkit build``
carries them, ``implkit lessons harvest`` reads the rows marked ``yes``.

Finding the sheet follows the sheet-declaration contract (:mod:`generator.sheets`): the very
hidden ``_implkit`` sheet lists (defined name, sheet key, version); the defined
name points at the header row, which survives renames and re-saves. Without
them the sheet is found by its title (en or zh) and the header row by its
texts. Columns are mapped by header text in either language, so inserted,
hidden or moved columns are fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.sheets.knowledge import LESSONS, SHARE

REGISTER_KEY = LESSONS.key
COLUMNS = LESSONS.columns
_YES = {"yes", "y", "true", "1", "x", "✓", "是", "分享", "共享"}


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold().rstrip(" *")


@cache
def _headers() -> dict[str, str]:
    """Normalised header text in any language -> column key."""
    return {_norm(text): column.key for column in COLUMNS for text in column.spellings()}


@dataclass(frozen=True)
class RecordedLesson:
    """One row of a register as the team left it (texts as typed, in the kit's language)."""

    row: int  # 1-based sheet row, for messages
    id: str
    phase: str
    title: str
    trigger: str
    pitfall: str
    advice: str
    source: str
    notes: str
    recorded: date | None
    share: bool
    sheet: str = ""  # the register's sheet title in this workbook
    shared_by: str = ""  # who shares it (the "Shared by" column)


def is_yes(value: object) -> bool:
    """A share cell that says yes (canonical key, either language's label, a tick)."""
    if value is True:
        return True
    if isinstance(value, str) and SHARE.key_of(value) == "yes":
        return True
    return _norm(value) in _YES


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if len(text) >= 10:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def _header_from_names(workbook: Any, path: Path) -> tuple[Any, int] | None:
    """(worksheet, header row) through the ``_implkit`` sheet and its defined name."""
    from generator.readers import sheet_rows

    if "_implkit" not in workbook.sheetnames:
        return None
    for row in sheet_rows(workbook["_implkit"], path, max_col=2):
        if len(row) < 2 or row[1] != REGISTER_KEY or not row[0]:
            continue
        defined = workbook.defined_names.get(str(row[0]))
        if defined is None:
            return None
        for title, cells in defined.destinations:
            if title in workbook.sheetnames:
                first = cells.replace("$", "").split(":")[0]
                digits = "".join(ch for ch in first if ch.isdigit())
                return workbook[title], int(digits or 1)
    return None


def _header_by_title(workbook: Any, path: Path) -> tuple[Any, int] | None:
    """(worksheet, header row) by the sheet's title and header texts (names lost)."""
    from generator.readers import sheet_rows

    titles = {_norm(t) for t in LESSONS.titles()}
    for sheet in workbook.worksheets:
        if _norm(sheet.title) not in titles:
            continue
        for number, row in enumerate(sheet_rows(sheet, path, max_row=12), start=1):
            keys = {_headers().get(_norm(cell)) for cell in row}
            if {"id", "title", "share"} <= keys:
                return sheet, number
    return None


def read_register(path: Path) -> list[RecordedLesson]:
    """Every non-empty row of the lessons register of the plan workbook at ``path``.

    Returns rows top to bottom (an empty list when the register has no rows).
    Raises :class:`InputError` (exit 2) when the file is not a workbook or has no
    lessons register, naming the file and what to do.
    """
    from generator.readers import open_workbook, sheet_rows

    with open_workbook(path, fix=_("save it as .xlsx")) as workbook:
        found = _header_from_names(workbook, path) or _header_by_title(workbook, path)
        if found is None:
            raise InputError(
                Problem(
                    str(path),
                    0,
                    0,
                    _(
                        "has no lessons register (sheet 'Lessons' / '经验教训'); "
                        "rebuild the kit with `implkit build` to add it"
                    ),
                )
            )
        sheet, header_row = found
        header = next(sheet_rows(sheet, path, min_row=header_row, max_row=header_row), ())
        columns: dict[str, int] = {}
        for index, cell in enumerate(header):
            key = _headers().get(_norm(cell))
            if key and key not in columns:
                columns[key] = index
        if "title" not in columns or "share" not in columns:
            raise InputError(
                Problem(
                    str(path),
                    header_row,
                    0,
                    _(
                        "sheet '{sheet}' row {row}: the lessons register needs the columns "
                        "'Lesson' and 'Share with pack' (教训标题, 分享至知识包)"
                    ).format(sheet=sheet.title, row=header_row),
                )
            )
        rows: list[RecordedLesson] = []
        for number, values in enumerate(
            sheet_rows(sheet, path, min_row=header_row + 1), start=header_row + 1
        ):

            def cell(key: str, values: tuple[Any, ...] = values) -> Any:
                index = columns.get(key)
                return values[index] if index is not None and index < len(values) else None

            if not any(_text(cell(c.key)) for c in COLUMNS if c.key != "share"):
                continue
            rows.append(
                RecordedLesson(
                    row=number,
                    id=_text(cell("id")),
                    phase=_text(cell("phase")),
                    title=_text(cell("title")),
                    trigger=_text(cell("trigger")),
                    pitfall=_text(cell("pitfall")),
                    advice=_text(cell("advice")),
                    source=_text(cell("source")),
                    notes=_text(cell("notes")),
                    recorded=_day(cell("recorded")),
                    share=is_yes(cell("share")),
                    sheet=sheet.title,
                    shared_by=_text(cell("shared_by")),
                )
            )
        return rows

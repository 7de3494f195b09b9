"""The lessons register of the plan workbook: its columns and reading it back.

The register (sheet key ``plan.lessons``) lists the pack's lessons that apply
to the project (generated rows, keyed by lesson id) and below them the rows the
team adds. The consultant's columns are ``notes``, ``recorded`` (date) and
``share`` (a yes/no list: share this row with the pack); ``implkit build``
carries them, ``implkit lessons harvest`` reads the rows marked ``yes``.

Finding the sheet follows the sheet-declaration contract (issue 11): the very
hidden ``_implkit`` sheet lists (defined name, sheet key, version); the defined
name points at the header row, which survives renames and re-saves. Without
them the sheet is found by its title (en or zh) and the header row by its
texts. Columns are mapped by header text in either language, so inserted,
hidden or moved columns are fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem

REGISTER_KEY = "plan.lessons"
TITLE = {"en": "Lessons", "zh": "经验教训"}
NOTE = {
    "en": (
        "Lessons from projects like this one: watch for the early warning sign, follow the advice. "
        "Add your own lessons in the empty rows; 'Share with pack' = yes sends a row to the pack "
        "with `implkit lessons harvest`."
    ),
    "zh": (
        "同类项目的经验教训：关注预警信号，按建议做法执行。可在下方空行补充本项目的经验；"
        "“分享至知识包”选“是”的行可用 `implkit lessons harvest` 回收到知识包。"
    ),
}
# (canonical key, en label, zh label) of the share list
SHARE_OPTIONS: tuple[tuple[str, str, str], ...] = (("yes", "Yes", "是"), ("no", "No", "否"))


@dataclass(frozen=True)
class RegisterColumn:
    """One column of the register (maps 1:1 onto the contract's ``ColumnSpec``)."""

    key: str
    en: str
    zh: str
    owner: str  # "generated" | "consultant"
    type: str  # contract ColType
    width: float


COLUMNS: tuple[RegisterColumn, ...] = (
    RegisterColumn("id", "Id", "编号", "generated", "text", 30),
    RegisterColumn("phase", "Phase", "阶段", "generated", "text", 12),
    RegisterColumn("title", "Lesson", "教训标题", "generated", "text", 36),
    RegisterColumn("trigger", "Early warning sign", "预警信号", "generated", "long-text", 36),
    RegisterColumn("pitfall", "What went wrong", "问题经过", "generated", "long-text", 48),
    RegisterColumn("advice", "What to do instead", "建议做法", "generated", "long-text", 48),
    RegisterColumn("source", "Source", "来源", "generated", "text", 16),
    RegisterColumn("notes", "Notes (this project)", "本项目记录", "consultant", "long-text", 36),
    RegisterColumn("recorded", "Recorded on", "记录日期", "consultant", "date", 12),
    RegisterColumn("share", "Share with pack", "分享至知识包", "consultant", "list", 12),
)
_YES = {"yes", "y", "true", "1", "x", "✓", "是", "分享", "共享"}


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold().rstrip(" *")


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    _HEADERS[_norm(_column.en)] = _column.key
    _HEADERS[_norm(_column.zh)] = _column.key


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


def is_yes(value: object) -> bool:
    """A share cell that says yes (canonical key, either language's label, a tick)."""
    if value is True:
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


def _header_from_names(workbook: Any) -> tuple[Any, int] | None:
    """(worksheet, header row) through the ``_implkit`` sheet and its defined name."""
    if "_implkit" not in workbook.sheetnames:
        return None
    for row in workbook["_implkit"].iter_rows(values_only=True):
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


def _header_by_title(workbook: Any) -> tuple[Any, int] | None:
    """(worksheet, header row) by the sheet's title and header texts (names lost)."""
    titles = {_norm(t) for t in TITLE.values()}
    for sheet in workbook.worksheets:
        if _norm(sheet.title) not in titles:
            continue
        for number, row in enumerate(sheet.iter_rows(max_row=12, values_only=True), start=1):
            keys = {_HEADERS.get(_norm(cell)) for cell in row}
            if {"id", "title", "share"} <= keys:
                return sheet, number
    return None


def read_register(path: Path) -> list[RecordedLesson]:
    """Every non-empty row of the lessons register of the plan workbook at ``path``.

    Returns rows top to bottom (an empty list when the register has no rows).
    Raises :class:`InputError` (exit 2) when the file is not a workbook or has no
    lessons register, naming the file and what to do.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as err:  # zip/XML errors: the file is not a readable workbook
        raise InputError(
            Problem(
                str(path), 0, 0, f"cannot be read as an Excel workbook ({err}); save it as .xlsx"
            )
        ) from err
    try:
        found = _header_from_names(workbook) or _header_by_title(workbook)
        if found is None:
            raise InputError(
                Problem(
                    str(path),
                    0,
                    0,
                    "has no lessons register (sheet 'Lessons' / '经验教训'); "
                    "rebuild the kit with `implkit build` to add it",
                )
            )
        sheet, header_row = found
        header = next(sheet.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
        columns: dict[str, int] = {}
        for index, cell in enumerate(header):
            key = _HEADERS.get(_norm(cell))
            if key and key not in columns:
                columns[key] = index
        if "title" not in columns or "share" not in columns:
            raise InputError(
                Problem(
                    str(path),
                    header_row,
                    0,
                    f"sheet '{sheet.title}' row {header_row}: the lessons register needs the "
                    "columns 'Lesson' and 'Share with pack' (教训标题, 分享至知识包)",
                )
            )
        rows: list[RecordedLesson] = []
        for number, values in enumerate(
            sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
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
                )
            )
        return rows
    finally:
        workbook.close()

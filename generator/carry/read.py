"""Read a kit workbook back by its sheet declarations (:mod:`generator.sheets`).

``read_workbook(path, kind) -> WorkbookRead``: every declared sheet of the workbook,
found through the workbook-level defined names (``_ik_<n>``) that the ``_implkit``
sheet lists with their sheet keys — they survive a renamed sheet and a re-save by
LibreOffice, WPS or Excel — or, when they are gone, by the sheet title in English or
Chinese, or else (a sheet renamed by a tool that leaves the names pointing at the old
title, e.g. openpyxl) by its header signature: the row holding the key column's header
and more than half of the declared headers. A listed sheet with consultant columns
found none of these ways is named in ``WorkbookRead.lost`` (never dropped silently). Columns are mapped by header text in either language, so inserted, hidden,
moved or re-labelled-by-language columns are fine; rows are taken as they stand
(sorted or filtered rows too). Each cell is converted to its column type
(:mod:`generator.carry.values`); a cell that cannot be converted is kept as text with
the reason, never silently dropped.

openpyxl in read-only, values-only mode (formula cells give the value stored beside
the formula) for the workbook's parts, through :mod:`generator.readers`: the file is
checked against the limits (size, zip bomb, XML entities, rows) before it is parsed;
each sheet's rows stream through :mod:`generator.carry.sheetxml`, which gives openpyxl's
values without its per-cell cost, counted against the row limits as they come. A
workbook that cannot be opened raises :class:`InputError` naming the file and the fix;
nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from generator.carry.values import TEXT_KINDS, as_text, convert
from generator.i18n import _
from generator.readers import open_workbook, sheet_rows

if TYPE_CHECKING:
    from generator.kit_model import CellValue
    from generator.sheets import ColumnSpec, SheetSpec

_HEADER_SCAN = 40  # rows searched for a header row when the defined names are gone
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)")


@dataclass
class CellProblem:
    """A cell the build could not use: column key, its text, and why (en)."""

    column: str
    text: str
    reason: str


@dataclass
class RowRead:
    """One row below a declared header: 1-based sheet row number, key, converted values."""

    number: int
    key: str  # the key column's text ("" when empty)
    values: dict[str, CellValue] = field(default_factory=dict)  # every declared column found
    problems: list[CellProblem] = field(default_factory=list)
    # the columns whose cell holds a formula: its value is what the formula last gave
    # (Excel or LibreOffice computed it on save), never something typed
    formulas: frozenset[str] = field(default=frozenset(), compare=False)

    def filled(self, columns: tuple[str, ...]) -> bool:
        """True when any of ``columns`` holds a value or an unusable text."""
        wanted = set(columns)
        return any(self.values.get(key) not in (None, "") for key in columns) or any(
            p.column in wanted for p in self.problems
        )


@dataclass
class SheetRead:
    """One declared sheet as found in a workbook."""

    instance: str  # the sheet key ("plan.risks", "migration.fields:mfg.routing")
    spec: SheetSpec
    title: str  # the sheet's title in this workbook
    header_row: int  # 1-based
    columns: dict[str, int]  # column key -> 0-based column index
    located_by: str  # "name" (defined name), "title" or "header" (header signature)
    rows: list[RowRead] = field(default_factory=list)

    @property
    def missing(self) -> tuple[str, ...]:
        """Consultant columns of the declaration that the header row does not show."""
        return tuple(c.key for c in self.spec.consultant_columns if c.key not in self.columns)


@dataclass
class WorkbookRead:
    """A whole workbook: its kind, its file and the declared sheets found in it."""

    kind: str
    path: Path
    sheets: list[SheetRead] = field(default_factory=list)
    # sheet keys the ``_implkit`` sheet lists (with consultant columns) that could be found
    # neither by defined name, nor title, nor header signature: their entries are not carried
    lost: list[str] = field(default_factory=list)

    def sheet(self, instance: str) -> SheetRead | None:
        for sheet in self.sheets:
            if sheet.instance == instance:
                return sheet
        return None


def _normal(text: Any) -> str:
    return " ".join(str(text).split()).lower() if text is not None else ""


def _headers(spec: SheetSpec) -> dict[str, str]:
    """Normalised header text in any language -> column key."""
    found: dict[str, str] = {}
    for column in spec.columns:
        for text in column.spellings():
            found.setdefault(_normal(text), column.key)
            if "{" in text:  # "Day rate ({cur})": match the text before the placeholder
                found.setdefault(_normal(text.split("{", 1)[0]).rstrip(" (（"), column.key)
    return found


def _map_header(cells: tuple[Any, ...], spec: SheetSpec) -> dict[str, int]:
    headers = _headers(spec)
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = _normal(cell)
        if not text:
            continue
        key = headers.get(text)
        if key is None and "(" in text:
            key = headers.get(text.split("(", 1)[0].strip())
        if key is None and "（" in text:
            key = headers.get(text.split("（", 1)[0].strip())
        if key is not None and key not in columns:
            columns[key] = index
    return columns


def _meta_rows(book: Any, path: Path) -> list[tuple[Any, ...]]:
    """The first two columns of the ``_implkit`` sheet's rows (none when it is missing):
    read once for a workbook, for :func:`_named_sheets` and :func:`_listed`."""
    from generator.sheets import META_SHEET

    if META_SHEET not in book.sheetnames:
        return []
    return list(sheet_rows(book[META_SHEET], path, max_col=2))


def _named_sheets(
    book: Any, path: Path, meta: list[tuple[Any, ...]] | None = None
) -> list[tuple[str, str, int]]:
    """(sheet key, sheet title, header row) for every declared sheet the names point at;
    ``meta``: the ``_implkit`` sheet's rows as :func:`_meta_rows` read them (None: read
    here)."""
    rows = _meta_rows(book, path) if meta is None else meta
    if not rows:
        return []
    found: list[tuple[str, str, int]] = []
    names = book.defined_names
    for row in rows:
        if not row or len(row) < 2 or not row[0] or not row[1]:
            continue
        name, key = str(row[0]).strip(), str(row[1]).strip()
        defined = names.get(name) if hasattr(names, "get") else None
        if defined is None:
            continue
        try:
            destinations = list(defined.destinations)
        except Exception:  # a name whose target was deleted (#REF!)
            continue
        if not destinations:
            continue
        title, ref = destinations[0]
        match = _CELL.match(ref.split(":")[0])
        if match is None or title not in book.sheetnames:
            continue
        found.append((key, title, int(match.group(2))))
    return found


def _title_sheets(book: Any, path: Path, kind: str, known: set[str]) -> list[tuple[str, str, int]]:
    """Fallback: declared sheets found by title (any language), header row by scanning."""
    from generator.sheets import declared

    found: list[tuple[str, str, int]] = []
    for spec in declared(kind):
        if spec.per_object or spec.key in known:
            continue
        title = next((t for t in spec.titles() if t in book.sheetnames), None)
        if title is None:
            continue
        key_header = {_normal(text) for text in spec.column(spec.key_column).spellings()}
        for number, row in enumerate(sheet_rows(book[title], path, max_row=_HEADER_SCAN), start=1):
            texts = {_normal(cell) for cell in row if cell is not None}
            if texts & key_header and len(_map_header(row, spec)) >= 2:
                found.append((spec.key, title, number))
                break
    return found


def _listed(meta: list[tuple[Any, ...]]) -> list[str]:
    """Every sheet key the ``_implkit`` sheet lists (the sheets the last build wrote), from
    its rows as :func:`_meta_rows` read them."""
    from generator.sheets import NAME_PREFIX

    return [
        str(row[1]).strip()
        for row in meta
        if row and len(row) >= 2 and row[1] and str(row[0] or "").startswith(NAME_PREFIX)
    ]


def _signature(sheet: Any, path: Path, spec: SheetSpec) -> tuple[int, int] | None:
    """(header row, declared headers found) of the first row among the top rows that holds
    the key column's header and more than half of the declared headers (en or zh); None
    when no row does."""
    key_column = spec.key_column
    for number, row in enumerate(sheet_rows(sheet, path, max_row=_HEADER_SCAN), 1):
        columns = _map_header(tuple(row), spec)
        if key_column in columns and 2 * len(columns) > len(spec.columns):
            return number, len(columns)
    return None


def _signature_sheets(
    book: Any, path: Path, kind: str, wanted: list[str], taken: set[str]
) -> list[tuple[str, str, int]]:
    """Declared sheets that neither a defined name nor their title finds (a sheet renamed
    by a tool that does not follow the rename into the names, e.g. openpyxl), found by
    their header signature among the sheets nothing else claimed.

    ``wanted``: sheet keys still unfound; a per-object key is only matched when it is the
    one unfound instance of its declaration and exactly one free sheet carries that
    declaration's headers (otherwise which object a sheet belongs to is a guess)."""
    from generator.sheets import META_SHEET
    from generator.sheets import spec as declaration

    free = [t for t in book.sheetnames if t not in taken and t != META_SHEET]
    by_base: dict[str, list[str]] = {}
    for key in wanted:
        by_base.setdefault(key.split(":", 1)[0], []).append(key)
    scores: dict[str, list[tuple[int, str, int]]] = {}  # base key -> (found, title, row)
    for title in free:
        best: tuple[float, str, int, int] | None = None
        for base in by_base:
            spec = declaration(base)
            if spec.workbook != kind:
                continue
            hit = _signature(book[title], path, spec)
            if hit is not None:
                ratio = hit[1] / len(spec.columns)
                if best is None or ratio > best[0]:
                    best = (ratio, base, hit[0], hit[1])
        if best is not None:
            scores.setdefault(best[1], []).append((best[3], title, best[2]))
    found: list[tuple[str, str, int]] = []
    for base, hits in scores.items():
        keys = by_base[base]
        if len(keys) != 1 or (":" in keys[0] and len(hits) != 1):
            continue
        _count, title, row = max(hits)
        found.append((keys[0], title, row))
    return found


def read_workbook(
    path: Path, kind: str, only: frozenset[str] | None = None, *, every_sheet: bool = False
) -> WorkbookRead:
    """Every declared sheet of the workbook at ``path`` (``kind``: plan, migration,
    training-matrix), with its rows converted; raises InputError if it cannot be opened.

    ``only``: read just these sheet keys (the portfolio reads seven plan sheets).
    ``every_sheet``: also the sheets without consultant columns (Gantt, RACI, Calendar:
    rebuilt from the plan each time), so a row typed there can be reported.

    While :func:`generator.carry.memo.remember_reads` is on (the test session), a
    workbook whose bytes this process has read before with the same arguments is not
    parsed again: the caller gets a fresh copy of that read."""
    from generator.carry import memo

    if memo.active():
        return memo.read(path, (kind, only, every_sheet), _parsed)
    return _parsed(path, (kind, only, every_sheet), None)


def _parsed(
    path: Path, shape: tuple[str, frozenset[str] | None, bool], handle: IO[bytes] | None
) -> WorkbookRead:
    """:func:`read_workbook` of the file at ``path`` (``shape``: its kind, ``only`` and
    ``every_sheet``), parsed from ``handle`` when the caller has it open already."""
    from generator.carry.sheetxml import BookStream
    from generator.sheets import spec as declaration

    kind, only, every_sheet = shape
    fix = _("restore it from .implkit/backups/ or move it away to rebuild it fresh")
    result = WorkbookRead(kind, path)
    with open_workbook(path, fix=fix, handle=handle) as opened:
        book = BookStream(opened)  # checked first; then rows straight from the sheet XML
        meta = _meta_rows(book, path)
        located = [(k, t, r, "name") for k, t, r in _named_sheets(book, path, meta)]
        known = {key.split(":", 1)[0] for key, *_ in located}
        located += [(k, t, r, "title") for k, t, r in _title_sheets(book, path, kind, known)]
        located += _by_signature(book, path, kind, located, meta)
        seen: set[str] = set()
        for key, title, header_row, how in located:
            try:
                spec = declaration(key)
            except KeyError:
                continue  # a sheet key of a newer declaration: nothing to carry into
            if spec.workbook != kind or key in seen:
                continue
            if not spec.consultant_columns and not every_sheet:
                continue  # a sheet without consultant columns (Gantt, RACI...) has nothing to carry
            if only is not None and key not in only:
                continue
            seen.add(key)
            result.sheets.append(_read_sheet(book[title], path, key, spec, title, header_row, how))
        result.lost = [
            key
            for key in _listed(meta)
            if key not in seen and _carries(key, kind) and (only is None or key in only)
        ]
    return result


def _carries(key: str, kind: str) -> bool:
    """True when ``key`` is a declared sheet of ``kind`` with consultant columns."""
    from generator.sheets import spec as declaration

    try:
        spec = declaration(key)
    except KeyError:
        return False
    return spec.workbook == kind and bool(spec.consultant_columns)


def _by_signature(
    book: Any,
    path: Path,
    kind: str,
    located: list[tuple[str, str, int, str]],
    meta: list[tuple[Any, ...]],
) -> list[tuple[str, str, int, str]]:
    """The declared sheets with consultant columns still unfound, by header signature
    (``meta``: the ``_implkit`` sheet's rows, :func:`_meta_rows`)."""
    from generator.sheets import declared

    found = {key for key, *_ in located}
    bases = {key.split(":", 1)[0] for key in found}
    wanted = [key for key in _listed(meta) if key not in found and _carries(key, kind)]
    wanted += [
        s.key
        for s in declared(kind)
        if not s.per_object and s.consultant_columns and s.key not in bases and s.key not in wanted
    ]
    if not wanted:
        return []
    taken = {title for _key, title, *_ in located}
    return [(k, t, r, "header") for k, t, r in _signature_sheets(book, path, kind, wanted, taken)]


def _read_sheet(
    sheet: Any, path: Path, key: str, spec: SheetSpec, title: str, header_row: int, how: str
) -> SheetRead:
    # the header row alone: parsed in small pieces where the stream can (it stops there)
    head = sheet.head() if hasattr(sheet, "head") else sheet
    header = next(sheet_rows(head, path, min_row=header_row, max_row=header_row), ())
    columns = _map_header(tuple(header), spec)
    found = SheetRead(key, spec, title, header_row, columns, how)
    key_index = columns.get(spec.key_column)
    last = max(columns.values(), default=0) + 1  # cells right of the declared ones: not read
    rows = enumerate(sheet_rows(sheet, path, min_row=header_row + 1, max_col=last), header_row + 1)
    computed: dict[int, frozenset[int]] = getattr(sheet, "formulas", {})
    mapped = _mapped(spec, columns)
    converted: dict[tuple[int, type, Any], tuple[Any, str | None]] = {}
    for number, cells in rows:
        row = _row_of(number, cells, mapped, key_index, converted)
        if row is not None:
            if number in computed:
                row.formulas = frozenset(k for k, i in columns.items() if i + 1 in computed[number])
            found.rows.append(row)
    return found


def read_row(
    number: int,
    cells: tuple[Any, ...],
    spec: SheetSpec,
    columns: dict[str, int],
    key_index: int | None,
) -> RowRead | None:
    """Row ``number`` (1-based) of a declared sheet from its cell values as a reader sees
    them (``columns``: column key -> 0-based index); None for a row with nothing to carry
    (blank, or no declared cell with a value)."""
    return _row_of(number, cells, _mapped(spec, columns), key_index)


def _mapped(spec: SheetSpec, columns: dict[str, int]) -> list[tuple[int, ColumnSpec, bool]]:
    """(0-based index, column, whether it is a free-text column) of each declared column
    the header shows, in declaration order: worked out once per sheet, not once per row."""
    return [(columns[c.key], c, c.type in TEXT_KINDS) for c in spec.columns if c.key in columns]


_CONVERTED = 1 << 16  # conversions a sheet read remembers (a plan repeats its cells)


def _row_of(
    number: int,
    cells: tuple[Any, ...],
    mapped: list[tuple[int, ColumnSpec, bool]],
    key_index: int | None,
    converted: dict[tuple[int, type, Any], tuple[Any, str | None]] | None = None,
) -> RowRead | None:
    """:func:`read_row` with the columns mapped (:func:`_mapped`).

    An empty cell (None) gives nothing and a text cell of a text column its stripped
    text, as :func:`~generator.carry.values.convert` gives them, without the call: most
    of a sheet's cells are one or the other. ``converted``: the other cells converted so
    far in this sheet, (column index, type, cell) -> (value, problem); a sheet repeats
    its dates, list labels and numbers, and the conversion depends on nothing else
    (keyed by type too: 1, 1.0 and True are equal keys but convert apart)."""
    for cell in cells:
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            break
    else:  # no cell, or only empty ones
        return None
    row = RowRead(number, "")
    width = len(cells)
    if key_index is not None and key_index < width and cells[key_index] is not None:
        row.key = as_text(cells[key_index])
    values = row.values
    for index, column, text_kind in mapped:
        if index >= width:
            continue
        cell = cells[index]
        if cell is None:
            continue
        if text_kind and type(cell) is str:
            text = cell.strip()
            if text:
                values[column.key] = text
            continue
        if converted is None:
            value, problem = convert(cell, column)
        else:
            slot = (index, type(cell), cell)
            known = converted.get(slot)
            if known is None:
                known = convert(cell, column)
                if len(converted) < _CONVERTED:
                    converted[slot] = known
            value, problem = known
        if problem is not None:
            row.problems.append(CellProblem(column.key, as_text(cell), problem))
        elif value is not None:
            values[column.key] = value
    return row if values or row.problems else None


def map_header(cells: tuple[Any, ...], spec: SheetSpec) -> dict[str, int]:
    """Column key -> 0-based index of a header row's cells (either language)."""
    return _map_header(cells, spec)

"""What the last build wrote into the generated columns, to tell the team's edits there.

A generated column (a task's name, a field's validation rule, a stakeholder's
engagement) is rewritten by every build: a value typed over it cannot be carried,
but it must not go without a word. Each build saves, per sheet and row key, a short
hash of every generated (non-formula) cell as the carry reader would read it back
(``.implkit/last-build.json`` key ``written``); the next build compares the workbook
the team left with it and reports each cell that differs (sheet, row, id, column,
value; the old workbook is in ``.implkit/backups/``). An emptied cell is not reported
(nothing typed is lost; a re-save by openpyxl drops the values stored beside formulas).

The hashes are made while the workbook is written (:class:`SheetDigest`, fed by the
sheet writer with each row as the reader would see it) and kept in this process by the
workbook's bytes (:func:`remember`); :func:`written_digest` reads a workbook back only
when its bytes are not ones this process wrote.

``written_digest(target, kit) -> {sheet key: {row key: "<4 hex per column>"}}``
    Every declared sheet is listed (Gantt, RACI and Calendar too); the rows without a
    key of a sheet that takes no added rows (a totals row) are under the key ``""``,
    their digests separated by spaces (``""`` is always there: the sheet was recorded).
    With ``kit`` (the kit just built) only the rows the build generated are recorded: a
    row the team added and the build wrote back stays the team's.
``edited_columns(sheet, row, digest) -> [(column key, text)]``
``wrote(sheet, row, digest) -> bool | None``
    Whether the last build wrote the row as it stands (``None``: the digest cannot
    tell, a kit built before it recorded every sheet).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.carry.values import TEXT_KINDS, as_text

if TYPE_CHECKING:
    from generator.carry.read import RowRead, SheetRead
    from generator.kit_model import CellValue, Kit
    from generator.sheets import ColumnSpec, SheetSpec

_WIDTH = 4  # hex characters per cell: enough to tell an edit, small in last-build.json
_MEMO = 1 << 16  # converted cells a sheet's digest remembers


# id of a declaration -> (the declaration, its generated columns): asked for every row
_COLUMNS: dict[int, tuple[SheetSpec, tuple[ColumnSpec, ...]]] = {}


def _columns(spec: SheetSpec) -> tuple[ColumnSpec, ...]:
    """The generated columns a build rewrites (the key and formula columns left out),
    worked out once per declaration (a frozen dataclass: hashing it costs more than this)."""
    known = _COLUMNS.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    found = tuple(
        c
        for c in spec.columns
        if c.owner == "generated" and not c.formula and c.key != spec.key_column
    )
    _COLUMNS[id(spec)] = (spec, found)
    return found


def _cell(row: RowRead, key: str) -> str:
    value = row.values.get(key)
    if value is None:
        problem = next((p for p in row.problems if p.column == key), None)
        return problem.text if problem else ""
    return _value_text(value)


@lru_cache(maxsize=1 << 12, typed=True)  # typed: 1, 1.0 and True give different texts
def _value_text(value: CellValue) -> str:
    """The text of a carried value as the digest hashes it (a plan repeats its dates)."""
    if isinstance(value, float) and not isinstance(value, bool):
        return f"{value:.6g}"
    return as_text(value)


@lru_cache(maxsize=1 << 16)
def _hash(text: str) -> str:  # cached: a plan repeats its dates, roles and phases
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_WIDTH]


def row_digest(sheet: SheetRead, row: RowRead) -> str:
    """The hashes of a row's generated cells, in declaration order."""
    return spec_row_digest(sheet.spec, row)


def spec_row_digest(spec: SheetSpec, row: RowRead) -> str:
    """The hashes of a row's generated cells, in the declaration order of ``spec``."""
    return "".join(_hash(_cell(row, c.key)) for c in _columns(spec))


class SheetDigest:
    """The digest rows of one declared sheet, built as the sheet is written.

    ``header``: the header row's cells as read back (they map the columns, as the
    reader maps them). :meth:`add` each row below it with the cells of :attr:`mapped`
    as read back: the row gets the digest the reader's :func:`row_digest` would give
    it (the same rows kept, the same keys, the same converted texts hashed).
    """

    def __init__(self, spec: SheetSpec, header: tuple[Any, ...]) -> None:
        from generator.carry.read import map_header

        self.spec = spec
        self.columns = map_header(header, spec)
        self.key_index = self.columns.get(spec.key_column)
        self.mapped = tuple(sorted(set(self.columns.values())))  # the cells the reader uses
        self.digested = tuple(
            (c, self.columns.get(c.key), c.type in TEXT_KINDS) for c in _columns(spec)
        )
        self._memo: dict[tuple[int, type, Any], str] = {}
        self.rows: dict[str, str] = {}
        self.keyless: set[str] = set()  # digests of the rows without a key (a totals row)

    def record(self) -> dict[str, str]:
        """The digest of the sheet: keyed rows, and the key-less ones under ``""``."""
        keyless = "" if self.spec.accepts_added_rows else " ".join(sorted(self.keyless))
        return {**self.rows, "": keyless}

    def add(self, cells: dict[int, Any]) -> None:
        """One row below the header: column index -> cell as read back (of :attr:`mapped`)."""
        # the reader keeps a row when a declared cell holds something; it has a key when
        # the key cell is not empty; the first row of a key wins
        if all(_blank(cells.get(i)) for i in self.mapped) or self.key_index is None:
            return
        raw = cells.get(self.key_index)
        key = as_text(raw) if raw is not None else ""
        if key in self.rows:
            return
        hashes = []
        memo = self._memo
        for n, (column, index, free_text) in enumerate(self.digested):
            cell = cells.get(index) if index is not None else None
            if free_text and type(cell) is str:  # a text column's text: as convert reads it
                hashes.append(_hash(cell.strip()))
                continue
            # the other cells repeat (dates, list labels, numbers): each converted once;
            # keyed by type too, as 1, 1.0 and True are equal keys but convert apart
            slot = (n, type(cell), cell)
            found = memo.get(slot)
            if found is None:
                found = _hash(_digest_text(cell, column))
                if len(memo) < _MEMO:
                    memo[slot] = found
            hashes.append(found)
        if key:
            self.rows[key] = "".join(hashes)
        else:
            self.keyless.add("".join(hashes))


def _digest_text(cell: Any, column: ColumnSpec) -> str:
    """The text hashed for ``cell`` of ``column``: as :func:`_cell` has it after reading."""
    from generator.carry.values import convert

    value, problem = convert(cell, column)
    if problem is not None:
        return as_text(cell)
    if value is None:
        return ""
    if isinstance(value, float) and not isinstance(value, bool):
        return f"{value:.6g}"
    return as_text(value)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


_WRITTEN: dict[str, dict[str, dict[str, str]]] = {}  # sha-1 of a workbook -> its digest
_KEEP = 64  # workbooks remembered (a batch of builds in one process stays small)


def _key(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def remember(data: bytes, digest: dict[str, dict[str, str]]) -> None:
    """Keep the digest of a workbook this process wrote, by the workbook's bytes."""
    if len(_WRITTEN) >= _KEEP:
        _WRITTEN.pop(next(iter(_WRITTEN)))
    _WRITTEN[_key(data)] = digest


def written_digest(target: Path, kit: Kit | None = None) -> dict[str, dict[str, str]]:
    """Per sheet and row key, the hashes of the generated cells of the kit's workbooks
    (from :func:`remember` when this process wrote those bytes, else read back); with
    ``kit``, only the rows it generated (see the module docstring)."""
    from generator.carry import WORKBOOKS

    out: dict[str, dict[str, str]] = {}
    for kind, relative in WORKBOOKS.items():
        path = target.joinpath(*relative.split("/"))
        if not path.is_file():
            continue
        known = _WRITTEN.get(_key(path.read_bytes()))
        if known is None:
            out.update(_read_digest(path, kind))
        else:  # what the reader would keep: the sheets of this kind of workbook
            out.update((key, rows) for key, rows in known.items() if _carried(key, kind))
    return out if kit is None else _generated_only(out, kit)


def _generated_only(digest: dict[str, dict[str, str]], kit: Kit) -> dict[str, dict[str, str]]:
    """``digest`` without the rows the team added (``kit``'s carried added rows, written
    back by this build): the next build must see them as the team's, not as its own."""
    from generator.carry.values import as_text
    from generator.sheets import spec as declaration

    out: dict[str, dict[str, str]] = {}
    for instance, rows in digest.items():
        added = kit.entries_of(instance).added
        if not added:
            out[instance] = rows
            continue
        key_column = declaration(instance).key_column
        team = {as_text(value) for values in added for key, value in values if key == key_column}
        out[instance] = {key: value for key, value in rows.items() if not key or key not in team}
    return out


def _carried(key: str, kind: str) -> bool:
    from generator.sheets import spec as declaration

    try:
        found = declaration(key)
    except KeyError:
        return False
    return found.workbook == kind


def _read_digest(path: Path, kind: str) -> dict[str, dict[str, str]]:
    from generator.carry.read import read_workbook

    out: dict[str, dict[str, str]] = {}
    for sheet in read_workbook(path, kind, every_sheet=True).sheets:
        rows: dict[str, str] = {}
        keyless: set[str] = set()
        for row in sheet.rows:
            if not row.key:
                keyless.add(row_digest(sheet, row))
            elif row.key not in rows:
                rows[row.key] = row_digest(sheet, row)
        rows[""] = "" if sheet.spec.accepts_added_rows else " ".join(sorted(keyless))
        out[sheet.instance] = rows
    return out


def edited_columns(sheet: SheetRead, row: RowRead, digest: Any) -> list[tuple[str, str]]:
    """Generated cells of ``row`` that differ from what the last build wrote there."""
    if not isinstance(digest, dict):
        return []
    stored = digest.get(sheet.instance, {}).get(row.key) if row.key else None
    columns = _columns(sheet.spec)
    if not isinstance(stored, str) or len(stored) != _WIDTH * len(columns):
        return []
    edited: list[tuple[str, str]] = []
    found = sheet.columns
    values = row.values
    problems = row.problems
    for n, column in enumerate(columns):
        key = column.key
        if key not in found:
            continue  # a deleted column: nothing typed there
        value = values.get(key)
        if type(value) is str:  # most generated cells: their text is the value (as_text)
            text = value.strip()
        elif value is not None:
            text = _value_text(value)
        elif problems:
            text = _cell(row, key)  # the text of a cell that could not be used
        else:
            continue  # an empty cell: nothing typed over
        if text and _hash(text) != stored[n * _WIDTH : (n + 1) * _WIDTH]:
            edited.append((key, text))
    return edited


def replaced_formulas(sheet: SheetRead, row: RowRead) -> list[tuple[str, str]]:
    """Formula cells of a generated row that hold a typed value instead of the formula
    the last build wrote (``RowRead.formulas`` says which cells still hold one): the
    build writes the formula again, so the value is reported, never silently replaced."""
    return [
        (c.key, _cell(row, c.key))
        for c in sheet.spec.columns
        if c.formula and c.key not in row.formulas and _cell(row, c.key)
    ]


def wrote(sheet: SheetRead, row: RowRead, digest: Any) -> bool | None:
    """True when the last build wrote ``row`` as it stands (its generated cells unchanged),
    False when it did not (a row the team typed, or generated cells typed over), None
    when ``digest`` does not tell (no digest, or one from before every sheet was listed)."""
    if not isinstance(digest, dict) or not isinstance(digest.get(sheet.instance), dict):
        return None
    rows = digest[sheet.instance]
    if not row.key:
        keyless = rows.get("")
        if not isinstance(keyless, str):
            return None  # no key-less rows recorded: a digest of an older build, or none
        return row_digest(sheet, row) in keyless.split()
    stored = rows.get(row.key)
    if not isinstance(stored, str) or len(stored) != _WIDTH * len(_columns(sheet.spec)):
        return False
    return not edited_columns(sheet, row, digest)

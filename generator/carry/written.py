"""What the last build wrote into the generated columns, to tell the team's edits there.

A generated column (a task's name, a field's validation rule, a stakeholder's
engagement) is rewritten by every build: a value typed over it cannot be carried,
but it must not go without a word. After each install the build reads its own
workbooks back and saves, per sheet and row key, a short hash of every generated
(non-formula) cell (``.implkit/last-build.json`` key ``written``); the next build
compares the workbook the team left with it and reports each cell that differs
(sheet, row, id, column, value; the old workbook is in ``.implkit/backups/``). An
emptied cell is not reported (nothing typed is lost; a re-save by openpyxl drops the
values stored beside formulas).

``written_digest(target) -> {sheet key: {row key: "<4 hex per column>"}}``
``edited_columns(sheet, row, digest) -> [(column key, text)]``
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.carry.values import as_text

if TYPE_CHECKING:
    from generator.carry.read import RowRead, SheetRead
    from generator.sheets import ColumnSpec, SheetSpec

_WIDTH = 4  # hex characters per cell: enough to tell an edit, small in last-build.json


def _columns(spec: SheetSpec) -> tuple[ColumnSpec, ...]:
    """The generated columns a build rewrites (the key and formula columns left out)."""
    return tuple(
        c
        for c in spec.columns
        if c.owner == "generated" and not c.formula and c.key != spec.key_column
    )


def _cell(row: RowRead, key: str) -> str:
    value = row.values.get(key)
    if value is None:
        problem = next((p for p in row.problems if p.column == key), None)
        return problem.text if problem else ""
    if isinstance(value, float) and not isinstance(value, bool):
        return f"{value:.6g}"
    return as_text(value)


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_WIDTH]


def row_digest(sheet: SheetRead, row: RowRead) -> str:
    """The hashes of a row's generated cells, in declaration order."""
    return "".join(_hash(_cell(row, c.key)) for c in _columns(sheet.spec))


def written_digest(target: Path) -> dict[str, dict[str, str]]:
    """Per sheet and row key, the hashes of the generated cells of the kit's workbooks."""
    from generator.carry import WORKBOOKS
    from generator.carry.read import read_workbook

    out: dict[str, dict[str, str]] = {}
    for kind, relative in WORKBOOKS.items():
        path = target.joinpath(*relative.split("/"))
        if not path.is_file():
            continue
        for sheet in read_workbook(path, kind).sheets:
            rows: dict[str, str] = {}
            for row in sheet.rows:
                if row.key and row.key not in rows:
                    rows[row.key] = row_digest(sheet, row)
            if rows:
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
    for n, column in enumerate(columns):
        if column.key not in sheet.columns:
            continue  # a deleted column: nothing typed there
        text = _cell(row, column.key)
        if text and _hash(text) != stored[n * _WIDTH : (n + 1) * _WIDTH]:
            edited.append((column.key, text))
    return edited

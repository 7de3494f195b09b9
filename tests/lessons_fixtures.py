"""Helpers for the lessons tests: a lessons register written the way the plan writer declares it.

Until the plan writer writes the register itself, tests add the sheet to a real kit's plan
workbook with openpyxl, in the declared layout: title row, note row, header row 3 with the
en or zh headers, the defined name ``_ik_lessons`` on the header row and the very hidden
``_implkit`` sheet listing it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from generator.lessons.register import COLUMNS, REGISTER_KEY
from generator.sheets.knowledge import LESSONS

_WRITTEN: dict[str, bytes] = {}  # (workbook's bytes, arguments) -> the workbook written


def add_register(
    workbook_path: Path, rows: list[dict[str, Any]], *, lang: str = "en", names: bool = True
) -> None:
    """Append a lessons register sheet holding ``rows`` (column key -> value) to a workbook.

    An existing register (either language) and its names are replaced. The same rows added
    to the same workbook (the same bytes: a copy of one pristine kit) give the bytes written
    the first time in this process: loading and saving a real plan costs ~2 CPU-s, and
    several tests add the same lesson to the same kit (the file's only difference from a
    second save would be openpyxl's clock stamp in docProps/core.xml).
    """
    source = workbook_path.read_bytes()
    key = hashlib.sha256(source + repr((rows, lang, names)).encode("utf-8")).hexdigest()
    if key not in _WRITTEN:
        _write_register(workbook_path, rows, lang=lang, names=names)
        if len(_WRITTEN) >= 16:
            _WRITTEN.clear()
        _WRITTEN[key] = workbook_path.read_bytes()
    else:
        workbook_path.write_bytes(_WRITTEN[key])


def _write_register(
    workbook_path: Path, rows: list[dict[str, Any]], *, lang: str, names: bool
) -> None:
    from openpyxl import load_workbook
    from openpyxl.workbook.defined_name import DefinedName

    workbook = load_workbook(workbook_path)
    title = LESSONS.title(lang)
    for old in (*LESSONS.titles(), "_implkit"):
        if old in workbook.sheetnames:
            del workbook[old]
    if "_ik_lessons" in workbook.defined_names:
        del workbook.defined_names["_ik_lessons"]
    sheet = workbook.create_sheet(title)
    sheet.cell(1, 1, title)
    sheet.cell(2, 1, "note")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(3, index, column.header(lang))
    for number, row in enumerate(rows, start=4):
        for index, column in enumerate(COLUMNS, start=1):
            value = row.get(column.key)
            if value is not None:
                sheet.cell(number, index, value)
    if names:
        last = sheet.cell(3, len(COLUMNS)).column_letter
        workbook.defined_names["_ik_lessons"] = DefinedName(
            "_ik_lessons", attr_text=f"'{title}'!$A$3:${last}$3"
        )
        meta = workbook.create_sheet("_implkit")
        meta.append(["_ik_lessons", REGISTER_KEY, 1])
        meta.sheet_state = "veryHidden"
    workbook.save(workbook_path)
    workbook.close()


RECORDED = date(2027, 3, 15)

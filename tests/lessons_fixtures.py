"""Helpers for the lessons tests: a lessons register written the way the plan writer declares it.

Until the plan writer writes the register itself, tests add the sheet to a real kit's plan
workbook with openpyxl, in the declared layout: title row, note row, header row 3 with the
en or zh headers, the defined name ``_ik_lessons`` on the header row and the very hidden
``_implkit`` sheet listing it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.lessons.register import COLUMNS, REGISTER_KEY
from generator.sheets.knowledge import LESSONS


def add_register(
    workbook_path: Path, rows: list[dict[str, Any]], *, lang: str = "en", names: bool = True
) -> None:
    """Append a lessons register sheet holding ``rows`` (column key -> value) to a workbook.

    An existing register (either language) and its names are replaced.
    """
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

"""Shared Excel rules for every workbook implkit writes: the public helpers.

The workbooks are written with XlsxWriter by :mod:`generator.render.workbook` (the
book/sheet helper is :mod:`generator.render.workbook.book`); openpyxl is used only to
read workbooks back. The text and sheet-name rules live in
:mod:`generator.render.workbook.cells` and are re-exported here.
"""

from __future__ import annotations

from generator.render.workbook.book import A3_FROM_WIDTH, LISTS_SHEET, Book, Col, SheetBuilder
from generator.render.workbook.cells import (
    MAX_CELL_CHARS,
    Formula,
    Link,
    S,
    clean_text,
    col_letter,
    display_width,
    is_risky_text,
    quote_sheet,
    safe_sheet_title,
    text_width,
)
from generator.render.workbook.styles import DATE_FORMAT, FONTS, STYLE_NAMES

__all__ = [
    "A3_FROM_WIDTH",
    "DATE_FORMAT",
    "FONTS",
    "LISTS_SHEET",
    "MAX_CELL_CHARS",
    "STYLE_NAMES",
    "Book",
    "Col",
    "Formula",
    "Link",
    "S",
    "SheetBuilder",
    "clean_text",
    "col_letter",
    "display_width",
    "is_risky_text",
    "quote_sheet",
    "safe_sheet_title",
    "text_width",
]

"""The one workbook every writer of the product uses: text never becomes a formula.

A text cell whose text starts with a formula character (``= + - @``, their full-width
forms, after blanks too; or a tab or carriage return — :func:`~.cells.is_risky_text`)
is shown as text by Excel and WPS, but pressing F2 and Enter on it turns it into a
live formula (``=HYPERLINK(...)``, a DDE string). Such a cell is written with Excel's
quote prefix (``quotePrefix``, the apostrophe Excel shows in the formula bar): the
text stays text after any edit, and what the cell shows is unchanged.

:class:`GuardedWorkbook` is an :class:`xlsxwriter.Workbook` whose worksheets apply
that rule to every string they write (``write``, ``write_string``, ``write_row``,
``write_url`` texts, table headers, the texts of a row streamed by
:meth:`~generator.render.workbook.stream.RowStream.write_cells`), with the cell's own
format plus the prefix, so no writer has to remember it. Every workbook the product
writes is made with it.
"""

from __future__ import annotations

import copy
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]

from generator.render.workbook.cells import is_risky_text
from generator.render.workbook.stream import RowStream


class GuardedWorksheet(RowStream):
    """A worksheet that writes every formula-like text with the quote prefix."""

    guard: GuardedWorkbook | None = None

    def text_format(self, text: str, cell_format: Format) -> Format:
        """``cell_format``, with the quote prefix when ``text`` could become a formula."""
        if self.guard is not None and is_risky_text(text):
            return self.guard.quoted(cell_format)
        return cell_format

    def _write_string(
        self, row: int, col: int, string: str, cell_format: Format | None = None
    ) -> int:
        if self.guard is not None and is_risky_text(string):
            cell_format = self.guard.quoted(cell_format)
        result: int = super()._write_string(row, col, string, cell_format)
        return result


class GuardedWorkbook(xlsxwriter.Workbook):
    """An XlsxWriter workbook whose sheets guard formula-like texts (see the module)."""

    worksheet_class = GuardedWorksheet

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._properties: dict[int, dict[str, Any]] = {}  # before XlsxWriter's own formats
        self._quoted: dict[int | None, Format] = {}
        super().__init__(*args, **kwargs)

    def add_format(self, properties: dict[str, Any] | None = None) -> Format:
        """A new format (XlsxWriter's), its properties kept to derive a quoted twin."""
        made = super().add_format(properties)
        self._properties[id(made)] = dict(properties or {})
        return made

    def quoted(self, cell_format: Format | None) -> Format:
        """``cell_format`` with the quote prefix (made once per format)."""
        key = id(cell_format) if cell_format is not None else None
        found = self._quoted.get(key)
        if found is not None:
            return found
        if cell_format is None:
            found = super().add_format({"quote_prefix": True})
        elif getattr(cell_format, "quote_prefix", False):
            found = cell_format
        elif key in self._properties:
            found = super().add_format({**self._properties[key], "quote_prefix": True})
        else:  # a format made elsewhere: a copy registered with this workbook
            found = copy.copy(cell_format)
            found.xf_index = None
            found.set_quote_prefix(True)
            self.formats.append(found)
        self._quoted[key] = found
        return found

    def _add_sheet(self, name: str | None, worksheet_class: Any = None) -> Any:
        sheet = super()._add_sheet(name, worksheet_class=worksheet_class)
        if isinstance(sheet, GuardedWorksheet):
            sheet.guard = self
        return sheet

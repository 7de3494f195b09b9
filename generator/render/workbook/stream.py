"""A whole row of cells written straight into a ``constant_memory`` sheet's XML.

XlsxWriter writes each cell through several layers: the A1-notation wrapper of its
public methods, a dimension check, a named tuple stored per cell, and when the next
row starts, an attribute list per cell whose every value is escaped through a
regular expression. For the 500,000 cells of a 10,000-task plan that is most of the
writer's time. :class:`RowStream` writes a row the builder hands over complete (the
cells in column order, each with its format) as one string, **the same bytes**
XlsxWriter writes for the same calls (``tests/test_workbook_stream.py`` writes rows
both ways and compares the sheets).

A row goes through XlsxWriter's own methods instead (:meth:`RowStream.write_cells`
with ``hold=True``, or whenever a cell is not a plain text, number, formula or blank
of the sizes handled here): XlsxWriter keeps a sheet's last row until the workbook is
packaged, and the order in which formats are first used numbers them in styles.xml,
so the builder holds back each sheet's last row to keep that order.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Sequence
from typing import Any

from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.utility import _preserve_whitespace  # type: ignore[import-untyped]
from xlsxwriter.worksheet import (  # type: ignore[import-untyped]
    Worksheet,
    re_dynamic_function,
)

from generator.render.workbook.cells import col_letter

TEXT, NUMBER, FORMULA, BLANK, LINK, BOOL = range(6)
"""Cell kinds of :meth:`RowStream.write_cells`: the value of a TEXT is a ``str``, of a
NUMBER a finite ``int``/``float``, of a FORMULA ``(formula, stored value)``, of a LINK
``(url, text)``, of a BOOL a ``bool``; a BLANK's value is ignored."""

Cell = tuple[int, int, Any, Format]
"""(0-based column, kind, value, format) of one cell."""

_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# the function names XlsxWriter's formula preparation prefixes with _xlfn. when future
# functions are off (its patterns each need "NAME("; "INGLE(" for its "\SINGLE\(")
_DYNAMIC = re.compile(
    r"(?:ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|HSTACK|LAMBDA"
    r"|MAKEARRAY|MAP|RANDARRAY|REDUCE|SCAN|INGLE|SEQUENCE|SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT"
    r"|TOCOL|TOROW|UNIQUE|VSTACK|WRAPCOLS|WRAPROWS|XLOOKUP)\("
)
_NAMES: list[str] = []  # 0-based column -> letters


def _name(col: int) -> str:
    while len(_NAMES) <= col:
        _NAMES.append(col_letter(len(_NAMES) + 1))
    return _NAMES[col]


def _escape_data(text: str) -> str:
    """XlsxWriter's escaping of element text (``&``, ``<``, ``>``; quotes kept)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def inline_text(text: str) -> str:
    """The end of an inline-string cell after its style: ``' t="inlineStr">...</c>'``.

    As XlsxWriter's ``_write_cell``: control characters become ``_xHHHH_`` (and a
    literal ``_xHHHH_`` is escaped), leading or trailing blanks keep ``xml:space``."""
    if "_" in text or not text.isprintable():  # the only texts the escapes can change
        text = Worksheet._escape_control_characters(text)
    preserve = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
    return f' t="inlineStr"><is><t{preserve}>{_escape_data(text)}</t></is></c>'


ROWS_IN_MEMORY = 1024 * 1024
"""Characters of a streaming sheet's row XML kept in memory before they go to a file."""


def row_spool(tmpdir: str | None) -> tempfile.SpooledTemporaryFile[str]:
    """Where a streaming sheet's rows wait until the workbook is packaged: XlsxWriter's
    ``constant_memory`` temporary file, held in memory while the sheet is small.

    XlsxWriter makes one temporary file per sheet (60 for a kit's three workbooks: their
    creation and removal were 25 ms of CPU and, on a busy disk, tenths of a second of
    ``new``). The spool keeps up to :data:`ROWS_IN_MEMORY` characters in memory, then
    moves them to an unnamed temporary file in the sheet's ``tmpdir`` (UTF-8, as
    XlsxWriter writes its own), gone when the spool is closed."""
    return tempfile.SpooledTemporaryFile(
        max_size=ROWS_IN_MEMORY, mode="w+", encoding="utf-8", dir=tmpdir
    )


class RowStream(Worksheet):
    """An XlsxWriter worksheet that also takes whole rows (:meth:`write_cells`).

    The guarded worksheet (:mod:`generator.render.workbook.guarded`) is one: every
    text of a row passes its :meth:`text_format` before it is written. In
    ``constant_memory`` mode its rows wait in a :func:`row_spool` instead of
    XlsxWriter's temporary file."""

    _streamed: int | None = None  # the row write_cells wrote out itself, if it is the last
    previous_row: int  # XlsxWriter's: the row it holds (constant_memory)

    def _initialize(self, init_data: dict[str, Any]) -> None:
        streaming = init_data["constant_memory"]
        super()._initialize({**init_data, "constant_memory": False})  # no temporary file
        if streaming:
            self.constant_memory = streaming
            self.row_data_fh = row_spool(self.tmpdir)
            self.row_data_filename = None
            self.fh = self.row_data_fh

    def _write_optimized_sheet_data(self) -> None:
        """XlsxWriter's copy of the rows into the sheet's XML, from the spool (whose file,
        if it has one, goes when it is closed)."""
        if not isinstance(self.row_data_fh, tempfile.SpooledTemporaryFile):
            super()._write_optimized_sheet_data()
            return
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        self.row_data_fh.seek(0)
        data = self.row_data_fh.read(65536)
        while data:
            self.fh.write(data)
            data = self.row_data_fh.read(65536)
        self.row_data_fh.close()
        self._xml_end_tag("sheetData")

    def text_format(self, text: str, cell_format: Format) -> Format:
        """The format ``text`` is written with (the guarded worksheet adds a quote prefix)."""
        return cell_format

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        """XlsxWriter's formula preparation, without its 29 regular-expression passes when
        the formula names none of the functions they rewrite (the result is then the
        formula without its braces and ``=``, as XlsxWriter returns it)."""
        if self.use_future_functions or expand_future_functions or _DYNAMIC.search(formula):
            prepared: str = super()._prepare_formula(formula, expand_future_functions)
            return prepared
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula

    def write_cells(self, row: int, cells: Sequence[Cell], *, hold: bool = False) -> None:
        """Write ``cells`` (column order, each column once) as row ``row`` (0-based).

        Rows are written top to bottom, each once. ``hold``: through XlsxWriter's
        methods, which keep the row until the next one starts or the workbook is saved.
        """
        if not cells:
            return
        if hold or not self._streamable(row, cells):
            self._write_each(row, cells)
            return
        if row > self.previous_row:
            self._write_single_row(row)  # the row before, if XlsxWriter still holds it
        self._check_dimensions(row, cells[0][0])
        self._check_dimensions(row, cells[-1][0])
        self._write_row(row, None, self.row_info.get(row))
        number = str(row + 1)
        parts = []
        text_format = self.text_format
        for col, kind, value, cell_format in cells:
            if kind == TEXT:
                cell_format = text_format(value, cell_format)
                tail = inline_text(value)
            elif kind == NUMBER:
                tail = f"><v>{value:.16G}</v></c>"
            elif kind == BLANK:
                tail = "/>"
            else:
                tail = self._formula_tail(*value)
            parts.append(f'<c r="{_name(col)}{number}" s="{cell_format._get_xf_index()}"{tail}')
        parts.append("</row>")
        self.fh.write("".join(parts))
        self.previous_row = row
        self._streamed = row

    def _streamable(self, row: int, cells: Sequence[Cell]) -> bool:
        """Whether :meth:`write_cells` can write the row itself with XlsxWriter's bytes."""
        if (
            not self.constant_memory
            or self.excel_version != 2007
            or row >= self.xls_rowmax
            or row < self.previous_row
            or (row == self.previous_row and (self.table or self._streamed == row))
            or row in self.comments
        ):
            return False
        last = -1
        half = self.xls_strmax // 2  # longer texts: XlsxWriter counts UTF-16 units
        for col, kind, value, cell_format in cells:
            if col <= last or cell_format is None:
                return False
            last = col
            if kind == TEXT:
                if len(value) > half:
                    return False
            elif kind == NUMBER:
                if type(value) is float and not math.isfinite(value):
                    return False
            elif kind == FORMULA:
                formula = value[0]
                if re_dynamic_function.search(formula) or (
                    formula.startswith("{") and formula.endswith("}")
                ):
                    return False
            elif kind != BLANK:
                return False
        return last < self.xls_colmax

    def _formula_tail(self, formula: str, value: Any) -> str:
        """The end of a formula cell after its style (XlsxWriter's value types)."""
        kind = ""
        if isinstance(value, bool):
            kind, value = ' t="b"', 1 if value else 0
        elif isinstance(value, str):
            if value in _ERRORS:
                kind = ' t="e"'
            elif value:
                kind = ' t="str"'
            value = _escape_data(value)
        text = _escape_data(self._prepare_formula(formula))
        return f"{kind}><f>{text}</f><v>{value}</v></c>"

    def _write_each(self, row: int, cells: Sequence[Cell]) -> None:
        for col, kind, value, cell_format in cells:
            if kind == TEXT:
                self._write_string(row, col, value, cell_format)
            elif kind == NUMBER:
                self._write_number(row, col, value, cell_format)
            elif kind == FORMULA:
                self._write_formula(row, col, value[0], cell_format, value[1])
            elif kind == LINK:
                self._write_url(row, col, value[0], cell_format, value[1])
            elif kind == BOOL:
                self._write_boolean(row, col, value, cell_format)
            else:
                self._write_blank(row, col, None, cell_format)

    def _write_single_row(self, current_row_num: int = 0) -> None:
        if self._streamed is not None and self.previous_row == self._streamed:
            if self.table.get(self._streamed):
                raise RuntimeError(f"row {self._streamed + 1} was written twice")
            self._streamed = None  # its XML is written: only move on
            self.previous_row = current_row_num
            self.table.clear()
            return
        super()._write_single_row(current_row_num)

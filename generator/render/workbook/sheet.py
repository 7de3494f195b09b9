"""One sheet being written: rows buffered as values, measured, then written with XlsxWriter.

Used through :class:`generator.render.workbook.book.Book` (``book.sheet(...)``); the rules
it enforces are listed in :mod:`generator.render.workbook.book`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from generator.render.workbook.cells import (
    Formula,
    Link,
    S,
    clean_text,
    col_letter,
    display_width,
    is_risky_text,
    longest_word,
    serial,
    text_width,
)
from generator.render.workbook.readback import Unreadable, as_read
from generator.render.workbook.stream import BLANK, BOOL, FORMULA, LINK, NUMBER, TEXT, Cell
from generator.render.workbook.styles import DATE_STYLES, LINE_HEIGHT, WRAPPING_STYLES
from generator.sheets import NAME_PREFIX, SheetSpec

if TYPE_CHECKING:
    from generator.carry.written import SheetDigest
    from generator.render.workbook.book import Book

A3_FROM_WIDTH = 240.0
"""Sheets wider than this (Excel character units; A4 landscape holds about 150 at 100%)
print on A3 landscape, still one page wide, so the text stays readable."""


@dataclass(frozen=True)
class Col:
    """One column: header label, default style, width bounds (Excel character units)."""

    header: str
    style: str = "text"
    min_width: float = 6.0
    max_width: float = 40.0
    width: float | None = None  # fixed width; otherwise measured from the content
    key: str = ""  # declared column key ("" for per-item columns)


def _stored_width(width: float) -> float:
    """The column width as XlsxWriter stores it (Excel adds the cell padding)."""
    rounded = round(width, 1)
    return rounded if rounded < 1 else ((int(rounded * 7 + 0.5) + 5) * 256 // 7) / 256


Row = tuple[list[Any], str | None, int, float | None]
_UNSEEN = object()


class SheetBuilder:
    """Buffers one sheet's rows, then measures and writes them (see the module doc)."""

    def __init__(
        self, book: Book, ws: Any, title: str, spec: SheetSpec | None, instance: str
    ) -> None:
        self.book = book
        self.ws = ws
        self.title = title
        self.spec = spec
        self.instance = instance
        self.cols: list[Col] = []
        self.rows: list[Row] = []
        self.header_row: int | None = None
        self.header_cols = 0
        self.freeze_cell: str | None = None
        self.filter_ref: str | None = None
        self.print_ref: str | None = None
        self.extra_widths: dict[int, float] = {}
        self.hidden: set[int] = set()  # 1-based columns written hidden
        self.protected = True
        self.closed = False
        self._reads: dict[tuple[type, Any, str], Any] = {}  # see _as_read

    # --- content --------------------------------------------------------------------------
    def columns(self, cols: Sequence[Col]) -> None:
        """Set the columns (header labels, styles, widths) before adding the header."""
        self.cols = list(cols)

    def add(
        self,
        values: Sequence[Any],
        *,
        style: str | None = None,
        outline: int = 0,
        height: float | None = None,
    ) -> int:
        """Buffer a row; return its 1-based row number.

        ``style`` applies to every cell of the row (else each column's style);
        :class:`S` values carry their own style. ``outline`` is the row's group level.
        """
        self.rows.append((list(values), style, outline, height))
        return len(self.rows)

    def header(
        self,
        labels: Sequence[Any] | None = None,
        *,
        style: str = "header",
        height: float | None = None,
    ) -> int:
        """Add the header row (frozen, printed on every page, named for declared sheets)."""
        values = list(labels) if labels is not None else [c.header for c in self.cols]
        row = self.add(values, style=style, height=height)
        self.header_row = row
        self.header_cols = len(values)
        return row

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def col(self, key: str) -> str:
        """Column letter of the declared column ``key`` among :meth:`columns`."""
        for n, c in enumerate(self.cols, start=1):
            if c.key == key:
                return col_letter(n)
        raise KeyError(key)

    def width(self, column: int, width: float) -> None:
        """Fix the width of a column (1-based), e.g. one outside :meth:`columns`."""
        self.extra_widths[column] = width

    def hide(self, column: int) -> None:
        """Hide a column (1-based), e.g. one a conditional format reads."""
        self.hidden.add(column)

    # --- sheet features -----------------------------------------------------------------------
    def freeze(self, cell: str) -> None:
        self.freeze_cell = cell

    def autofilter(self, ref: str) -> None:
        self.filter_ref = ref

    def print_area(self, ref: str) -> None:
        """Print only ``ref`` (e.g. to keep a navigation link off the page)."""
        self.print_ref = ref

    def validation(self, ref: str, options: dict[str, Any]) -> None:
        """Add a data validation (XlsxWriter options) over the A1 range ``ref``."""
        self.ws.data_validation(ref, {"ignore_blank": True, **options})

    def conditional(self, ref: str, options: dict[str, Any]) -> None:
        """Add a conditional format (XlsxWriter options) over ``ref``."""
        self.ws.conditional_format(ref, options)

    def table(
        self, name: str, ref: str, headers: Sequence[str], style: str = "Table Style Light 9"
    ) -> str:
        """A register range: filterable over ``ref`` (header row first); returns a unique name.

        Written as the sheet's autofilter, not as an Excel table: a table can neither grow
        nor be sorted on a protected sheet, and the rows stream (XlsxWriter's
        ``constant_memory`` mode has no tables). ``headers`` and ``style`` are kept for
        callers written against tables.
        """
        del headers, style
        self.filter_ref = ref
        return self.book.table_name(name)

    # --- writing --------------------------------------------------------------------------------
    def _style_for(self, col_idx: int, row_style: str | None) -> str:
        if row_style is not None:
            return row_style
        if col_idx < len(self.cols):
            return self.cols[col_idx].style
        return "text"

    def _measure(self) -> dict[int, float]:
        """Column widths (1-based): fixed, else the widest content within the bounds."""
        cols = self.cols
        ncols = max([len(r[0]) for r in self.rows] + [len(cols)], default=0)
        fixed: dict[int, float] = {}
        for idx in range(ncols):
            spec = cols[idx] if idx < len(cols) else None
            if idx + 1 in self.extra_widths:
                fixed[idx] = self.extra_widths[idx + 1]
            elif spec is not None and spec.width is not None:
                fixed[idx] = spec.width
        measured = [idx not in fixed for idx in range(ncols)]
        best = [0] * ncols
        for n, (values, row_style, _, _) in enumerate(self.rows, start=1):
            if row_style in ("title", "note"):
                continue  # long title/note lines may spill over empty neighbours
            header = n == self.header_row
            if header and (row_style or "header") in ("header_vertical", "header_date"):
                continue
            for idx, value in enumerate(values):
                if value is None or not measured[idx]:
                    continue
                kind = type(value)
                if kind is str:
                    width = text_width(value)
                elif kind is S and value.style in ("title", "note", "back_link"):
                    continue
                else:
                    width = display_width(value)
                if header:  # header words may wrap onto two lines
                    width = max(math.ceil(width / 2) + 3, longest_word(value))
                if width > best[idx]:
                    best[idx] = width
        widths: dict[int, float] = {}
        for idx in range(ncols):
            if idx in fixed:
                widths[idx + 1] = fixed[idx]
                continue
            spec = cols[idx] if idx < len(cols) else None
            lo = spec.min_width if spec else 4.0
            hi = spec.max_width if spec else 40.0
            widths[idx + 1] = float(min(max(best[idx] + 2, lo), hi))
        return widths

    def _line_count(self, text: str, idx: int, widths: dict[int, float]) -> int:
        """Lines a wrapped text takes in column ``idx`` (0-based) at its measured width."""
        width = max(widths.get(idx + 1, 10.0) - 1, 1)
        if len(text) * 2 <= width and "\n" not in text:
            return 1  # fits on one line even if every character is wide
        return sum(max(1, math.ceil(text_width(part) / width)) for part in text.split("\n"))

    def _height(self, lines: int) -> float | None:
        """Row height for wrapped text (Excel does not grow rows by itself on open)."""
        if lines <= 1:
            return None
        per_line = LINE_HEIGHT.get(self.book.font, LINE_HEIGHT["Calibri"])
        return min(round(lines * per_line + 2, 1), 409.0)

    def _protect(self) -> None:
        adds = bool(self.spec and self.spec.accepts_added_rows)
        self.ws.protect(
            "",
            {
                "autofilter": True,
                "sort": True,
                "format_columns": True,
                "format_rows": True,
                "insert_rows": adds,
                "delete_rows": adds,
                "insert_hyperlinks": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
            },
        )

    def close(self) -> None:
        """Apply widths, freeze panes, filter, print setup, protection; write the rows."""
        if self.closed:
            return
        ws, book = self.ws, self.book
        widths = self._measure()
        adds = bool(self.spec and self.spec.accepts_added_rows)
        unlocked = book.fmt("unlocked")
        for idx, w in widths.items():
            # on sheets that take added rows, the cells below the table stay unlocked
            fmt = unlocked if adds and idx <= len(self.cols) else None
            hide = {"hidden": True} if idx in self.hidden else None
            ws.set_column(idx - 1, idx - 1, round(w, 1), fmt, hide)
        if adds:
            for idx in range(len(widths) + 1, len(self.cols) + 1):
                ws.set_column(idx - 1, idx - 1, None, unlocked)
        if self.freeze_cell:
            ws.freeze_panes(self.freeze_cell)
        if self.filter_ref:
            ws.autofilter(self.filter_ref)
        ws.outline_settings(True, False, True, False)
        ws.set_landscape()
        stored = sum(_stored_width(w) for w in widths.values())
        ws.set_paper(8 if stored > A3_FROM_WIDTH else 9)  # A3 for very wide sheets
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
        header = ""
        if book.page_header:
            header = "&L" + clean_text(book.page_header).replace("&", "&&")[:120]
        ws.set_header(header + "&R&A", {"margin": 0.3})
        ws.set_footer("&C&P / &N", {"margin": 0.3})
        if self.header_row:
            ws.repeat_rows(self.header_row - 1)
        if self.print_ref:
            ws.print_area(self.print_ref)
        if self.protected:
            self._protect()
        digest = self._digest()
        final = len(self.rows) - 1
        for n, (values, row_style, outline, height) in enumerate(self.rows):
            cells, most = self._cells(n, values, row_style, widths if height is None else None)
            lines = height if height is not None else self._height(most)
            if outline or lines is not None:
                ws.set_row(n, lines, None, {"level": outline} if outline else None)
            # the last row stays with XlsxWriter until the workbook is packaged (stream.py)
            ws.write_cells(n, cells, hold=n == final)
            if digest is not None and self.header_row is not None and n >= self.header_row:
                digest = self._digest_row(digest, values, row_style)
        if digest is not None:  # every declared sheet, so a row typed anywhere is seen
            book.digests.setdefault(self.instance, digest.record())
        if self.header_row and self.spec is not None:
            name = f"{NAME_PREFIX}{len(book.declared) + 1}"
            last = col_letter(max(self.header_cols, 1))
            h = self.header_row
            book.define_name(name, self.title, f"$A${h}:${last}${h}")
            book.declared.append((name, self.instance))
        self.rows = []
        self.closed = True

    def _digest(self) -> SheetDigest | None:
        """The digest of a declared sheet (Gantt, RACI and Calendar too), else None."""
        if not self.book.digest_ok or self.spec is None or not self.header_row:
            return None
        from generator.carry.written import SheetDigest

        values, row_style, _, _ = self.rows[self.header_row - 1]
        try:
            header = tuple(self._as_read(values, row_style, range(len(values))).values())
        except Unreadable:
            self.book.digest_ok = False
            return None
        return SheetDigest(self.spec, header)

    def _digest_row(
        self, digest: SheetDigest, values: list[Any], row_style: str | None
    ) -> SheetDigest | None:
        try:
            digest.add(self._as_read(values, row_style, digest.mapped))
        except Unreadable:  # the saved workbook will be read back instead
            self.book.digest_ok = False
            return None
        return digest

    def _as_read(
        self, values: list[Any], row_style: str | None, indices: Iterable[int]
    ) -> dict[int, Any]:
        """The cells ``indices`` of a row as the carry reader gets them back."""
        reads = self._reads
        cells: dict[int, Any] = {}
        count = len(values)
        for idx in indices:
            if idx >= count:
                continue
            value = values[idx]
            style = self._style_for(idx, row_style)
            kind = type(value)
            if kind is int or kind is date:  # repeated (dates, durations): read once
                # keyed by type too: 1, 1.0 and True are equal keys but read back apart
                slot = (kind, value, style)
                found = reads.get(slot, _UNSEEN)
                if found is _UNSEEN:
                    found = reads[slot] = as_read(value, style)
                cells[idx] = found
            else:
                cells[idx] = as_read(value, style)
        return cells

    def _cells(
        self, row: int, values: list[Any], row_style: str | None, widths: dict[int, float] | None
    ) -> tuple[list[Cell], int]:
        """The cells of a row as :meth:`RowStream.write_cells` takes them (empty ones left
        out, except where the column's look continues: see below), and with ``widths``
        the most lines a wrapped text of the row takes (1 without)."""
        most = 1
        book = self.book
        fmt = book.fmt
        cols = self.cols
        below = self.header_row is not None and row >= self.header_row
        cells: list[Cell] = []
        for idx, value in enumerate(values):
            if row_style is not None:
                style = row_style
            else:
                style = cols[idx].style if idx < len(cols) else "text"
            explicit = type(value) is S
            if explicit:
                style, value = value.style, value.value
            kind = type(value)
            if value is None or (kind is str and not value):  # empty text: an empty cell
                # below the header an empty cell keeps its column's look: the grid has no
                # gaps and an empty yellow cell still says "fill me in"
                column_look = row_style is None and idx < len(cols)
                if explicit or (column_look and (below or style.startswith("input"))):
                    cells.append((idx, BLANK, None, fmt(style)))
                continue
            if kind is str:
                text = clean_text(value)
                cells.append((idx, TEXT, text, fmt(style, quote=is_risky_text(text))))
                if widths is not None and style in WRAPPING_STYLES:
                    most = max(most, self._line_count(value, idx, widths))
            elif kind is int:
                cells.append((idx, NUMBER, value, fmt(style)))
            elif kind is date:
                # a date is its serial number in a date format (what write_datetime stores)
                as_date = style not in DATE_STYLES
                cells.append((idx, NUMBER, serial(value), fmt(style, as_date=as_date)))
            else:
                cells.append(self._other(idx, value, style))
                if (
                    widths is not None
                    and style in WRAPPING_STYLES
                    and not isinstance(value, (Formula, date, int, float))
                ):
                    text = value.text if isinstance(value, Link) else str(value)
                    most = max(most, self._line_count(text, idx, widths))
        return cells, most

    def _other(self, idx: int, value: Any, style: str) -> Cell:
        """A cell other than a text, a whole number or a date (see :meth:`_cells`)."""
        fmt = self.book.fmt
        if isinstance(value, str):
            text = clean_text(value)
            return (idx, TEXT, text, fmt(style, quote=is_risky_text(text)))
        if isinstance(value, Link):
            text = clean_text(value.text)
            link_style = style if style in ("link", "back_link") else "link"
            link = ("internal:" + value.location, text)
            return (idx, LINK, link, fmt(link_style, quote=is_risky_text(text)))
        if isinstance(value, Formula):
            as_date = isinstance(value.value, date) and style not in DATE_STYLES
            return (idx, FORMULA, (value.text, value.stored), fmt(style, as_date=as_date))
        if isinstance(value, datetime) and value.time() != time():
            # a date with a time of day (a cutover step's actual start): serial + day fraction
            day_part = (value.hour * 3600 + value.minute * 60 + value.second) / 86400
            return (idx, NUMBER, serial(value) + day_part, fmt(style, as_datetime=True))
        if isinstance(value, date):
            return (idx, NUMBER, serial(value), fmt(style, as_date=style not in DATE_STYLES))
        if isinstance(value, bool):
            return (idx, BOOL, value, fmt(style))
        if isinstance(value, (int, float)):
            return (idx, NUMBER, value, fmt(style))
        text = clean_text(str(value))
        return (idx, TEXT, text, fmt(style, quote=is_risky_text(text)))

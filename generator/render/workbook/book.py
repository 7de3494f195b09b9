"""One workbook written with XlsxWriter: styles, hidden lists, declared sheets, same bytes.

Usage (the sheet modules of :mod:`generator.render.workbook`)::

    book = Book("zh", when=kit.project.start, title="项目计划", page_header="...")
    sb = book.sheet("计划", spec=TASKS)            # valid, unique sheet name; declared sheet
    sb.columns(book.columns(TASKS))                # header labels + styles from the declaration
    sb.add(["计划 — ..."], style="title")          # lines above the header
    sb.header()                                    # frozen, printed on every page, defined name
    sb.add(["base.kickoff", date(2026, 9, 1), Formula("=MIN(I5:I9)", date(2026, 9, 1))])
    sb.validation("O5:O99", book.list_validation(TASK_STATUS))
    book.save(path)                                # closes every sheet; fixed dates; same bytes

Rules it enforces so sheet modules cannot get them wrong:

* **Text is text**: plain ``str`` values are written with ``write_string`` (the workbook
  is opened with ``strings_to_formulas``/``strings_to_urls``/``strings_to_numbers`` off)
  and text starting with ``= + - @`` gets the quote prefix, so Excel keeps it text after
  an edit. Only :class:`Formula` values become formulas, always with their value.
* Sheet names valid and unique; dropdown lists inline when they fit Excel's 255
  characters, else on the hidden ``Lists`` sheet behind a defined name.
* Declared sheets (:mod:`generator.sheets`): a defined name ``_ik_<n>`` on the header row
  and a row on the very hidden ``_implkit`` sheet; protection without a password, the
  consultant's cells unlocked; filter, sort, column/row formatting always allowed, row
  insertion where the declaration accepts added rows.
* Print: landscape, one page wide (A3 when very wide), header row repeated.
* Same inputs, same bytes: document times and zip entry dates are the project's date.
"""

from __future__ import annotations

import io
import math
import os
import re
import struct
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]

from generator.render.workbook.cells import (
    Formula,
    Link,
    S,
    clean_text,
    col_letter,
    display_width,
    is_risky_text,
    longest_word,
    quote_sheet,
    safe_sheet_title,
    text_width,
)
from generator.render.workbook.styles import (
    CHARSETS,
    DATE_FORMAT,
    DATE_STYLES,
    FONT_SIZE,
    FONTS,
    WRAPPING_STYLES,
    style_for,
    style_specs,
)
from generator.sheets import META_SHEET, NAME_PREFIX, VERSION, ListSpec, SheetSpec

LISTS_SHEET = "Lists"
A3_FROM_WIDTH = 240.0
"""Sheets wider than this (Excel character units; A4 landscape holds about 150 at 100%)
print on A3 landscape, still one page wide, so the text stays readable."""
INLINE_LIST_MAX = 255


@dataclass(frozen=True)
class Col:
    """One column: header label, default style, width bounds (Excel character units)."""

    header: str
    style: str = "text"
    min_width: float = 6.0
    max_width: float = 40.0
    width: float | None = None  # fixed width; otherwise measured from the content
    key: str = ""  # declared column key ("" for per-item columns)


def restamp_zip(data: bytes, when: date) -> bytes:
    """``data`` (a zip) with every entry's date set to ``when`` 00:00, in place (no re-zip).

    Patches the DOS date/time fields of each local header and central-directory record.
    """
    stamp_date = ((max(when.year, 1980) - 1980) << 9) | (when.month << 5) | when.day
    packed = struct.pack("<HH", 0, stamp_date)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        out[info.header_offset + 10 : info.header_offset + 14] = packed
    end = data.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack("<I", data[end + 16 : end + 20])
    pos = cd_offset
    for _ in infos:
        if out[pos : pos + 4] != b"PK\x01\x02":
            raise ValueError("unexpected zip layout")
        out[pos + 12 : pos + 16] = packed
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        pos += 46 + name_len + extra_len + comment_len
    return bytes(out)


def _stored_width(width: float) -> float:
    """The column width as XlsxWriter stores it (Excel adds the cell padding)."""
    rounded = round(width, 1)
    return rounded if rounded < 1 else ((int(rounded * 7 + 0.5) + 5) * 256 // 7) / 256


class Book:
    """One workbook being written (XlsxWriter, in memory until :meth:`save`).

    ``when`` (the project's start date) becomes the document's created/modified time and
    the zip entry dates, so the same Kit always gives the same bytes.
    """

    def __init__(
        self,
        lang: str,
        *,
        when: date,
        title: str,
        subject: str = "",
        description: str = "",
        keywords: str = "",
        page_header: str = "",
        currency: str = "",
    ) -> None:
        self.lang = lang
        self.when = when
        self.page_header = page_header
        self.currency = currency
        self._buffer = io.BytesIO()
        default: dict[str, Any] = {
            "font_name": FONTS.get(lang, FONTS["en"]),
            "font_size": FONT_SIZE,
        }
        if CHARSETS.get(lang):
            default["font_charset"] = CHARSETS[lang]
        self.wb = xlsxwriter.Workbook(
            self._buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": default,
            },
        )
        self.wb.set_properties(
            {
                "title": clean_text(title),
                "subject": clean_text(subject),
                "author": "implkit",
                "comments": clean_text(description),
                "keywords": clean_text(keywords),
                "created": datetime(when.year, when.month, when.day),
            }
        )
        self.wb.set_calc_mode("auto")
        self._specs = style_specs()
        self._formats: dict[tuple[str, bool, bool], Format] = {}
        self._lists: list[tuple[str, list[str]]] = []
        self._list_names: dict[str, str] = {}
        self.sheets: list[SheetBuilder] = []
        self.table_names: set[str] = set()
        self.declared: list[tuple[str, str]] = []  # (defined name, sheet key)

    # --- formats ---------------------------------------------------------------------
    def fmt(self, style: str, *, quote: bool = False, as_date: bool = False) -> Format:
        """The (cached) format of a named style; ``quote``: text kept as text on edit."""
        key = (style, quote, as_date)
        found = self._formats.get(key)
        if found is None:
            props = dict(self._specs[style])
            if quote:
                props["quote_prefix"] = True
            if as_date:
                props["num_format"] = DATE_FORMAT
            found = self.wb.add_format(props)
            self._formats[key] = found
        return found

    def dxf(self, fill: str, font_color: str | None = None) -> Format:
        """A conditional-format (differential) format: a fill and optionally a font colour."""
        props: dict[str, Any] = {"bg_color": fill, "pattern": 1}
        if font_color:
            props["font_color"] = font_color
        return self.wb.add_format(props)

    # --- declarations ----------------------------------------------------------------------
    def columns(self, spec: SheetSpec, keys: Sequence[str] | None = None) -> list[Col]:
        """The :class:`Col` list of a declared sheet (all its columns, or ``keys`` in order)."""
        wanted = [spec.column(k) for k in keys] if keys is not None else list(spec.columns)
        return [
            Col(
                c.header(self.lang, self.currency),
                style_for(c.owner, c.type, c.center),
                min_width=c.min_width,
                max_width=c.max_width,
                width=c.width,
                key=c.key,
            )
            for c in wanted
        ]

    # --- sheets ----------------------------------------------------------------------------
    def sheet(
        self, name: str, *, spec: SheetSpec | None = None, instance: str = ""
    ) -> SheetBuilder:
        """Add a sheet (name made valid and unique) and return its builder.

        ``spec``: the sheet's declaration; ``instance``: the instance key of a per-object
        sheet (``"migration.fields:mfg.routing"``), else the declaration's key.
        """
        taken = [s.title for s in self.sheets] + [LISTS_SHEET, META_SHEET]
        title = safe_sheet_title(name, taken)
        ws = self.wb.add_worksheet(title)
        sb = SheetBuilder(self, ws, title, spec, instance or (spec.key if spec else ""))
        self.sheets.append(sb)
        return sb

    def table_name(self, wanted: str) -> str:
        """A valid, unique table name from ``wanted`` (letters, digits, underscore)."""
        base = re.sub(r"[^A-Za-z0-9_]", "_", wanted) or "Table"
        base = "tbl_" + base if not base.lower().startswith("tbl_") else base
        name = base
        n = 2
        while name.lower() in {t.lower() for t in self.table_names}:
            name = f"{base}_{n}"
            n += 1
        self.table_names.add(name)
        return name

    # --- dropdown lists ----------------------------------------------------------------------
    def list_name(self, key: str, values: Sequence[str]) -> str:
        """Put a dropdown list on the hidden Lists sheet; return its defined name."""
        if key in self._list_names:
            return self._list_names[key]
        name = "lst_" + re.sub(r"[^A-Za-z0-9_]", "_", key)
        col = len(self._lists) + 1
        self._lists.append((key, [clean_text(str(v)) for v in values]))
        letter = col_letter(col)
        last = max(len(values), 1) + 1
        self.wb.define_name(name, f"={quote_sheet(LISTS_SHEET)}!${letter}$2:${letter}${last}")
        self._list_names[key] = name
        return name

    def list_validation(self, lst: ListSpec) -> dict[str, Any]:
        """XlsxWriter validation options for a declared list in the book's language.

        Inline when the labels fit Excel's 255 characters (and hold no comma or quote),
        else a defined name on the hidden Lists sheet.
        """
        labels = list(lst.labels(self.lang))
        inline = ",".join(labels)
        source: Any
        if len(inline) <= INLINE_LIST_MAX and not any("," in x or '"' in x for x in labels):
            source = labels
        else:
            source = "=" + self.list_name(lst.key, labels)
        return {"validate": "list", "source": source, "ignore_blank": True}

    def define_name(self, name: str, sheet: str, ref: str) -> str:
        """A workbook-level defined name pointing at ``ref`` (absolute) on ``sheet``."""
        self.wb.define_name(name, f"={quote_sheet(sheet)}!{ref}")
        return name

    def _write_lists(self) -> None:
        if not self._lists:
            return
        ws = self.wb.add_worksheet(LISTS_SHEET)
        ws.hide()
        label = self.fmt("label")
        text = self.fmt("text")
        for idx, (key, values) in enumerate(self._lists):
            ws.set_column(idx, idx, 24)
            ws.write_string(0, idx, key, label)
            for row, value in enumerate(values, start=1):
                ws.write_string(row, idx, value, text)

    def _write_meta(self) -> None:
        """The very hidden ``_implkit`` sheet: defined name, sheet key, declaration version."""
        if not self.declared:
            return
        ws = self.wb.add_worksheet(META_SHEET)
        ws.very_hidden()
        for col, head in enumerate(("name", "sheet", "version")):
            ws.write_string(0, col, head)
        for row, (name, key) in enumerate(self.declared, start=1):
            ws.write_string(row, 0, name)
            ws.write_string(row, 1, key)
            ws.write_number(row, 2, VERSION)

    # --- saving ------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Close open sheets and write the workbook atomically (fixed dates, same bytes)."""
        for sb in self.sheets:
            sb.close()
        if self.sheets:
            self.sheets[0].ws.activate()
        self._write_lists()
        self._write_meta()
        self.wb.close()
        data = restamp_zip(self._buffer.getvalue(), self.when)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


Row = tuple[list[Any], str | None, int, float | None]


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
        self.protected = True
        self.closed = False

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
        """Declare an Excel table over ``ref`` (header row first); returns the unique name."""
        tname = self.book.table_name(name)
        self.ws.add_table(
            ref,
            {
                "name": tname,
                "style": style,
                "columns": [{"header": clean_text(str(h))} for h in headers],
                "autofilter": True,
            },
        )
        return tname

    # --- writing --------------------------------------------------------------------------------
    def _style_for(self, col_idx: int, row_style: str | None) -> str:
        if row_style is not None:
            return row_style
        if col_idx < len(self.cols):
            return self.cols[col_idx].style
        return "text"

    def _measure(self) -> dict[int, float]:
        ncols = max([len(r[0]) for r in self.rows] + [len(self.cols)], default=0)
        widths: dict[int, float] = {}
        for idx in range(ncols):
            spec = self.cols[idx] if idx < len(self.cols) else None
            if idx + 1 in self.extra_widths:
                widths[idx + 1] = self.extra_widths[idx + 1]
                continue
            if spec is not None and spec.width is not None:
                widths[idx + 1] = spec.width
                continue
            best = 0
            for n, (values, row_style, _, _) in enumerate(self.rows, start=1):
                if idx >= len(values) or values[idx] is None:
                    continue
                if row_style in ("title", "note"):
                    continue  # long title/note lines may spill over empty neighbours
                value = values[idx]
                if isinstance(value, S) and value.style in ("title", "note", "back_link"):
                    continue
                if n == self.header_row:
                    style = row_style or "header"
                    if style in ("header_vertical", "header_date"):
                        continue
                    # header words may wrap onto two lines
                    best = max(best, math.ceil(display_width(value) / 2) + 3, longest_word(value))
                    continue
                best = max(best, display_width(value))
            lo = spec.min_width if spec else 4.0
            hi = spec.max_width if spec else 40.0
            widths[idx + 1] = float(min(max(best + 2, lo), hi))
        return widths

    def _lines(
        self, values: list[Any], row_style: str | None, widths: dict[int, float]
    ) -> float | None:
        """Row height for wrapped text (Excel does not grow rows by itself on open)."""
        most = 1
        for idx, value in enumerate(values):
            if value is None or isinstance(value, (Formula, date, int, float)):
                continue
            style = value.style if isinstance(value, S) else self._style_for(idx, row_style)
            if style not in WRAPPING_STYLES:
                continue
            raw = value.value if isinstance(value, S) else value
            if raw is None or isinstance(raw, (Formula, date, int, float)):
                continue
            text = raw.text if isinstance(raw, Link) else str(raw)
            width = max(widths.get(idx + 1, 10.0) - 1, 1)
            lines = sum(max(1, math.ceil(text_width(part) / width)) for part in text.split("\n"))
            most = max(most, lines)
        if most <= 1:
            return None
        per_line = 14.0 if self.book.lang == "zh" else 12.75
        return min(round(most * per_line + 2, 1), 409.0)

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
            ws.set_column(idx - 1, idx - 1, round(w, 1), fmt)
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
        for n, (values, row_style, outline, height) in enumerate(self.rows):
            lines = height if height is not None else self._lines(values, row_style, widths)
            if outline or lines is not None:
                ws.set_row(n, lines, None, {"level": outline} if outline else None)
            for idx, value in enumerate(values):
                self._write(n, idx, value, row_style)
        if self.header_row and self.spec is not None:
            name = f"{NAME_PREFIX}{len(book.declared) + 1}"
            last = col_letter(max(self.header_cols, 1))
            h = self.header_row
            book.define_name(name, self.title, f"$A${h}:${last}${h}")
            book.declared.append((name, self.instance))
        self.rows = []
        self.closed = True

    def _write(self, row: int, idx: int, value: Any, row_style: str | None) -> None:
        ws, book = self.ws, self.book
        style = self._style_for(idx, row_style)
        if value == "":
            value = None  # an empty text is an empty cell
        if value is None:
            # below the header an empty cell keeps its column's look: the grid has no gaps
            # and an empty yellow cell still says "fill me in"
            below = self.header_row is not None and row >= self.header_row
            if row_style is None and idx < len(self.cols) and (below or style.startswith("input")):
                ws.write_blank(row, idx, None, book.fmt(style))
            return
        if isinstance(value, S):
            style, value = value.style, value.value
            if value is None or value == "":
                ws.write_blank(row, idx, None, book.fmt(style))
                return
        if isinstance(value, str):
            text = clean_text(value)
            ws.write_string(row, idx, text, book.fmt(style, quote=is_risky_text(text)))
        elif isinstance(value, Link):
            text = clean_text(value.text)
            link_style = style if style in ("link", "back_link") else "link"
            ws.write_url(
                row,
                idx,
                "internal:" + value.location,
                book.fmt(link_style, quote=is_risky_text(text)),
                text,
            )
        elif isinstance(value, Formula):
            ws.write_formula(
                row,
                idx,
                value.text,
                book.fmt(style, as_date=isinstance(value.value, date) and style not in DATE_STYLES),
                value.stored,
            )
        elif isinstance(value, date):
            day = (
                value
                if isinstance(value, datetime)
                else datetime(value.year, value.month, value.day)
            )
            ws.write_datetime(row, idx, day, book.fmt(style, as_date=style not in DATE_STYLES))
        elif isinstance(value, bool):
            ws.write_boolean(row, idx, value, book.fmt(style))
        elif isinstance(value, (int, float)):
            ws.write_number(row, idx, value, book.fmt(style))
        else:
            text = clean_text(str(value))
            ws.write_string(row, idx, text, book.fmt(style, quote=is_risky_text(text)))

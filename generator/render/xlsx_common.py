"""Shared Excel look and safety rules for every workbook implkit writes (openpyxl).

One small API, used by ``xlsx_plan``, ``xlsx_migration`` and ``xlsx_training``::

    book = Book(kit.lang, when=kit.project.start, title="Project plan", subject=...)
    sb = book.sheet("Plan")                       # valid, unique sheet name
    sb.columns([Col("Id"), Col("Start", "date")]) # header labels + column styles
    sb.add(["Plan", None], style="title")         # any number of lines above the header
    sb.header()                                   # the header row (frozen, printed on every page)
    sb.add(["base.kickoff", date(2026, 9, 1)])    # data rows: plain values
    sb.add([S("Phase 1", "phase"), Formula("=MIN(B4:B9)")], outline=0)
    sb.validation(book.list_name("status", [...]), "F4:F99")
    sb.close()                                     # widths, freeze, filter, print setup; streams rows
    book.save(path)                                # fixed properties + fixed zip dates

Rules it enforces so renderers cannot get them wrong:

* **Text is text.** A plain ``str`` value is always written as a string (``t="inlineStr"``)
  and, when it starts with ``= + - @``, with the quote-prefix style so Excel keeps it text
  after editing. Only :class:`Formula` values become formulas.
* Control characters Excel rejects are dropped; text is cut at 32,767 characters.
* Sheet names are valid and unique (31 characters, no ``[]:*?/\\``, not "History").
* Dropdown lists live on a hidden ``Lists`` sheet behind a sheet-qualified defined name
  (never an inline list, which Excel limits to 255 characters).
* Column widths fit the content, counting East Asian wide characters double, so dates
  never show ``####``; dates are real dates formatted ``yyyy-mm-dd``.
* Every sheet prints landscape, fit to one page wide, header row repeated; on A4, or on
  A3 when the sheet is wider than :data:`A3_FROM_WIDTH` (the plan's WBS, wide overviews).
* Same inputs, same bytes: document times come from the project's start date and the
  zip entries are dated in one streamed pass (:class:`generator.render.zipfix.FixedDateZipFile`).

All sheets are streamed (openpyxl write-only mode): rows are buffered as plain values,
measured, then written cell by cell, so a 10,000-task plan stays small in memory.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import Rule
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import Outline, PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from generator.render.zipfix import FixedDateZipFile

DATE_FORMAT = "yyyy-mm-dd"
FONTS: dict[str, str] = {"en": "Calibri", "zh": "Microsoft YaHei"}
"""Cell font per language. Chinese needs a font with the glyphs: Microsoft YaHei is on every
Chinese Windows/WPS install; LibreOffice substitutes Noto Sans CJK SC (fontconfig, lang zh)."""
CHARSETS: dict[str, int] = {"en": 0, "zh": 134}  # 134 = GB2312: Excel picks a Chinese face
FONT_SIZE = 10
MAX_CELL_CHARS = 32767
LISTS_SHEET = "Lists"
FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEET_NAMES = frozenset({"history"})
_ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_RISKY_START = ("=", "+", "-", "@")

# Colours (ARGB without alpha) shared by all workbooks.
HEADER_FILL = "1F4E78"
INPUT_FILL = "FFF2CC"  # light yellow: the consultant's columns
SUMMARY_FILL = "DDEBF7"  # phase / group summary rows
GRID = "BFBFBF"
A3_FROM_WIDTH = 240.0
"""Sheets wider than this (Excel character units; A4 landscape holds about 150 at 100%)
print on A3 landscape, still one page wide, so the text stays readable."""


@dataclass(frozen=True)
class Formula:
    """A cell formula (must start with ``=``). Plain strings are never formulas."""

    text: str

    def __post_init__(self) -> None:
        if not self.text.startswith("="):
            raise ValueError(f"a formula starts with '=': {self.text!r}")


@dataclass(frozen=True)
class S:
    """A value with an explicit named style (overrides the column's style)."""

    value: Any
    style: str


@dataclass(frozen=True)
class Link:
    """Text that links to a place in the workbook, e.g. ``Link("Materials", "'Materials'!A1")``."""

    text: str
    location: str


@dataclass(frozen=True)
class Col:
    """One column: header label, default style, width bounds (Excel character units)."""

    header: str
    style: str = "text"
    min_width: float = 6.0
    max_width: float = 40.0
    width: float | None = None  # fixed width; otherwise measured from the content


def _side() -> Side:
    return Side(style="thin", color=GRID)


def _style_specs(font_name: str, charset: int) -> dict[str, dict[str, Any]]:
    """Named styles (created once per workbook). Keys are the style names renderers use."""

    def font(**kw: Any) -> Font:
        return Font(name=font_name, sz=kw.pop("sz", FONT_SIZE), charset=charset or None, **kw)

    grid = Border(left=_side(), right=_side(), top=_side(), bottom=_side())
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    center = Alignment(horizontal="center", vertical="top")
    inp = PatternFill("solid", fgColor=INPUT_FILL)
    summ = PatternFill("solid", fgColor=SUMMARY_FILL)
    unlocked = Protection(locked=False)
    specs: dict[str, dict[str, Any]] = {
        "title": {"font": font(sz=14, bold=True, color=HEADER_FILL)},
        "note": {"font": font(italic=True, color="595959")},
        "label": {"font": font(bold=True), "alignment": top},
        "header": {
            "font": font(bold=True, color="FFFFFF"),
            "fill": PatternFill("solid", fgColor=HEADER_FILL),
            "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
            "border": grid,
        },
        "header_vertical": {
            "font": font(bold=True, color="FFFFFF"),
            "fill": PatternFill("solid", fgColor=HEADER_FILL),
            "alignment": Alignment(horizontal="center", vertical="bottom", text_rotation=90),
            "border": grid,
        },
        "header_date": {
            "font": font(bold=True, color="FFFFFF", sz=8),
            "fill": PatternFill("solid", fgColor=HEADER_FILL),
            "alignment": Alignment(horizontal="center", vertical="bottom", text_rotation=90),
            "border": grid,
            "number_format": DATE_FORMAT,
        },
        "text": {"alignment": top, "border": grid},
        "wrap": {"alignment": wrap, "border": grid},
        "center": {"alignment": center, "border": grid},
        "date": {"alignment": center, "border": grid, "number_format": DATE_FORMAT},
        "int": {"alignment": center, "border": grid, "number_format": "0"},
        "number": {"alignment": top, "border": grid, "number_format": "#,##0.0"},
        "money": {"alignment": top, "border": grid, "number_format": "#,##0.00"},
        "percent": {"alignment": center, "border": grid, "number_format": "0%"},
        "link": {
            "font": font(color="0563C1", underline="single"),
            "alignment": top,
            "border": grid,
        },
        "input": {"alignment": wrap, "border": grid, "fill": inp, "protection": unlocked},
        "input_date": {
            "alignment": center,
            "border": grid,
            "fill": inp,
            "protection": unlocked,
            "number_format": DATE_FORMAT,
        },
        "input_number": {
            "alignment": top,
            "border": grid,
            "fill": inp,
            "protection": unlocked,
            "number_format": "#,##0.0",
        },
        "input_money": {
            "alignment": top,
            "border": grid,
            "fill": inp,
            "protection": unlocked,
            "number_format": "#,##0.00",
        },
        "input_percent": {
            "alignment": center,
            "border": grid,
            "fill": inp,
            "protection": unlocked,
            "number_format": "0%",
        },
        "input_center": {"alignment": center, "border": grid, "fill": inp, "protection": unlocked},
        "summary": {"font": font(bold=True), "fill": summ, "alignment": top, "border": grid},
        "summary_date": {
            "font": font(bold=True),
            "fill": summ,
            "alignment": center,
            "border": grid,
            "number_format": DATE_FORMAT,
        },
        "summary_number": {
            "font": font(bold=True),
            "fill": summ,
            "alignment": top,
            "border": grid,
            "number_format": "#,##0.0",
        },
        "summary_money": {
            "font": font(bold=True),
            "fill": summ,
            "alignment": top,
            "border": grid,
            "number_format": "#,##0.00",
        },
        "summary_percent": {
            "font": font(bold=True),
            "fill": summ,
            "alignment": center,
            "border": grid,
            "number_format": "0%",
        },
        "summary_int": {
            "font": font(bold=True),
            "fill": summ,
            "alignment": center,
            "border": grid,
            "number_format": "0",
        },
        "heat": {
            "font": font(bold=True),
            "alignment": Alignment(horizontal="center", vertical="center"),
            "border": grid,
            "number_format": "0",
        },
    }
    for spec in specs.values():
        spec.setdefault("font", font())
    return specs


STYLE_NAMES: tuple[str, ...] = tuple(_style_specs("Calibri", 0))
"""Names of the named styles every :class:`Book` registers (``text``, ``date``, ``input``...)."""

_NUMERIC_STYLE_FOR_TEXT = {"date", "int", "number", "money", "percent"}


def clean_text(value: str) -> str:
    """Drop characters Excel rejects and cut to the 32,767-character cell limit."""
    value = _ILLEGAL_CHARS.sub("", value)
    return value[:MAX_CELL_CHARS]


def is_risky_text(value: str) -> bool:
    """True when a text would be read as a formula if typed or imported (``= + - @``)."""
    return value.startswith(_RISKY_START)


def text_width(value: str) -> int:
    """Display width of the longest line: East Asian wide/full-width characters count double."""
    best = 0
    for line in value.split("\n"):
        width = 0
        for ch in line:
            width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        best = max(best, width)
    return best


def display_width(value: Any) -> int:
    """Approximate width in characters of a value as Excel shows it."""
    if value is None:
        return 0
    if isinstance(value, S):
        return display_width(value.value)
    if isinstance(value, Link):
        return text_width(value.text)
    if isinstance(value, Formula):
        return 10
    if isinstance(value, (date, datetime)):
        return 10
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return text_width(str(value))


def quote_sheet(title: str) -> str:
    """A sheet name quoted for formulas: ``'It''s'``."""
    return "'" + title.replace("'", "''") + "'"


def safe_sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid sheet name, unique (case-insensitive) among ``taken``.

    Forbidden characters ``[]:*?/\\`` are dropped, surrounding apostrophes and spaces
    stripped, the 31-character limit kept, the reserved name "History" avoided; duplicates
    get a " (2)", " (3)"... suffix that still fits in 31 characters.
    """
    base = FORBIDDEN_SHEET_CHARS.sub("", clean_text(name)).replace("\n", " ")
    base = base.strip().strip("'").strip() or "Sheet"
    if base.lower() in RESERVED_SHEET_NAMES:
        base = f"{base} (1)"
    base = base[:31].rstrip().rstrip("'")
    used = {t.lower() for t in taken}
    title = base
    n = 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)].rstrip().rstrip("'") + suffix
        n += 1
    return title


def col_letter(index: int) -> str:
    """1-based column number -> letters."""
    return get_column_letter(index)


class Book:
    """One workbook being written: language font, named styles, hidden lists, sheets.

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
    ) -> None:
        self.lang = lang
        self.when = when
        self.page_header = page_header
        self.wb = Workbook(write_only=True)
        self.wb._implkit_styles = {}  # named style -> style array, filled on first use
        self._lists: list[tuple[str, list[str]]] = []
        self._list_names: dict[str, str] = {}
        self._sheets: list[SheetBuilder] = []
        self.table_names: set[str] = set()
        font_name = FONTS.get(lang, FONTS["en"])
        charset = CHARSETS.get(lang, 0)
        base_font = Font(name=font_name, sz=FONT_SIZE, charset=charset or None, family=2)
        self.wb._fonts = IndexedList([base_font])
        self.wb._named_styles["Normal"].font = base_font
        for name, spec in _style_specs(font_name, charset).items():
            self.wb.add_named_style(NamedStyle(name=name, **spec))
        stamp = datetime(when.year, when.month, when.day)
        self.wb.properties = DocumentProperties(
            creator="implkit",
            lastModifiedBy="implkit",
            title=title,
            subject=subject,
            description=description,
            keywords=keywords,
            language="zh-CN" if lang == "zh" else "en-US",
            created=stamp,
            modified=stamp,
        )
        self.wb.calculation.fullCalcOnLoad = True

    # --- sheets -----------------------------------------------------------------
    def sheet(self, name: str) -> SheetBuilder:
        """Add a sheet (name made valid and unique) and return its builder."""
        taken = [s.title for s in self._sheets] + [LISTS_SHEET]
        title = safe_sheet_title(name, taken)
        ws = self.wb.create_sheet(title)
        ws._values_to_row = _cells_to_row  # cells arrive ready-made (see _cells_to_row)
        sb = SheetBuilder(self, ws)
        self._sheets.append(sb)
        return sb

    def table_name(self, wanted: str) -> str:
        """A valid, unique table name from ``wanted`` (letters, digits, underscore)."""
        base = re.sub(r"[^A-Za-z0-9_]", "_", wanted) or "Table"
        if not re.match(r"[A-Za-z_]", base):
            base = "T_" + base
        base = "tbl_" + base if not base.lower().startswith("tbl_") else base
        name = base
        n = 2
        while name.lower() in {t.lower() for t in self.table_names}:
            name = f"{base}_{n}"
            n += 1
        self.table_names.add(name)
        return name

    # --- dropdown lists ---------------------------------------------------------------
    def list_name(self, key: str, values: Sequence[str]) -> str:
        """Register a dropdown list on the hidden Lists sheet; return its defined name.

        Use the result as a validation formula (:meth:`SheetBuilder.validation`).
        """
        if key in self._list_names:
            return self._list_names[key]
        name = "lst_" + re.sub(r"[^A-Za-z0-9_]", "_", key)
        col = len(self._lists) + 1
        self._lists.append((key, [clean_text(str(v)) for v in values]))
        letter = col_letter(col)
        last = max(len(values), 1) + 1
        ref = f"{quote_sheet(LISTS_SHEET)}!${letter}$2:${letter}${last}"
        self.wb.defined_names[name] = DefinedName(name, attr_text=ref)
        self._list_names[key] = name
        return name

    def define_name(self, name: str, sheet: str, ref: str) -> str:
        """A workbook-level defined name pointing at ``ref`` (absolute) on ``sheet``."""
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheet(sheet)}!{ref}")
        return name

    def _write_lists(self) -> None:
        if not self._lists:
            return
        ws = self.wb.create_sheet(LISTS_SHEET)
        ws._values_to_row = _cells_to_row
        ws.sheet_state = "hidden"
        height = max(len(values) for _, values in self._lists)
        for idx in range(len(self._lists)):
            ws.column_dimensions[col_letter(idx + 1)].width = 24
        ws.append([_text_cell(ws, key, "label") for key, _ in self._lists])
        for row in range(height):
            ws.append(
                [
                    _text_cell(ws, values[row], "text") if row < len(values) else None
                    for _, values in self._lists
                ]
            )

    # --- saving -------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Close open sheets, write the workbook with fixed dates, deterministic bytes."""
        for sb in self._sheets:
            if not sb.closed:
                sb.close()
        self._write_lists()
        # one streamed pass with fixed entry dates (no in-memory zip and re-zip: that
        # doubled the peak memory of a 50,000-task plan)
        with FixedDateZipFile(path, self.when) as archive:
            ExcelWriter(self.wb, archive).save()


def _styled(ws: Any, style: str) -> WriteOnlyCell:
    """An empty cell with a named style (the style's array copied from a per-book cache)."""
    cell = WriteOnlyCell(ws)
    cache: dict[str, StyleArray] = ws.parent._implkit_styles
    array = cache.get(style)
    if array is None:
        cell.style = style  # validates the name once
        cache[style] = copy(cell._style)
    else:
        cell._style = copy(array)
    return cell


def _text_cell(ws: Any, value: str, style: str) -> WriteOnlyCell:
    """A cell that holds ``value`` as text, whatever it starts with."""
    text = clean_text(value)
    cell = _styled(ws, style)
    cell._value = text
    cell.data_type = "s"
    if is_risky_text(text):
        cell.quotePrefix = True
    return cell


def _cells_to_row(values: Iterable[Any], row_idx: int) -> Iterable[Any]:
    """Replacement for openpyxl's per-row conversion: our cells are ready, just place them."""
    for col_idx, cell in enumerate(values, 1):
        if cell is None:
            continue
        cell.column = col_idx
        cell.row = row_idx
        if cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate
        yield cell


class SheetBuilder:
    """Buffers one sheet's rows, then measures and streams them (see the module doc)."""

    def __init__(self, book: Book, ws: Any) -> None:
        self.book = book
        self.ws = ws
        self.title: str = ws.title
        self.cols: list[Col] = []
        self.rows: list[tuple[list[Any], str | None, int, float | None]] = []
        self.header_row: int | None = None
        self.freeze_cell: str | None = None
        self.filter_ref: str | None = None
        self.landscape = True
        self.extra_widths: dict[int, float] = {}
        self.closed = False

    # --- content --------------------------------------------------------------------
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

    def header(self, *, style: str = "header", height: float | None = None) -> int:
        """Add the header row from the columns' labels; it is frozen and printed on every page."""
        row = self.add([c.header for c in self.cols], style=style, height=height)
        self.header_row = row
        return row

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def width(self, column: int, width: float) -> None:
        """Fix the width of a column (1-based), e.g. one outside :meth:`columns`."""
        self.extra_widths[column] = width

    # --- sheet features (kept until close) -----------------------------------------------
    def freeze(self, cell: str) -> None:
        self.freeze_cell = cell

    def autofilter(self, ref: str) -> None:
        self.filter_ref = ref

    def validation(
        self,
        formula: str,
        ref: str,
        *,
        kind: str = "list",
        operator: str | None = None,
        formula2: str | None = None,
        prompt: str | None = None,
    ) -> None:
        """Add a data validation. For ``kind="list"`` pass a defined name from
        :meth:`Book.list_name` (or a range); inline lists are refused over 255 characters."""
        if kind == "list" and formula.startswith('"') and len(formula) > 255:
            raise ValueError("inline list validation over 255 characters: use Book.list_name")
        dv = DataValidation(
            type=kind,
            formula1=formula,
            formula2=formula2,
            operator=operator,
            allow_blank=True,
            showErrorMessage=True,
        )
        if prompt:
            dv.prompt = clean_text(prompt)[:255]
            dv.showInputMessage = True
        dv.add(ref)
        self.ws.data_validations.append(dv)

    def conditional(self, ref: str, rule: Rule) -> None:
        self.ws.conditional_formatting.add(ref, rule)

    def table(
        self, name: str, ref: str, headers: Sequence[str], style: str = "TableStyleLight9"
    ) -> str:
        """Declare an Excel table over ``ref`` (header row first); returns the unique name."""
        tname = self.book.table_name(name)
        table = Table(displayName=tname, name=tname, ref=ref)
        table.tableColumns = [TableColumn(id=i + 1, name=str(h)) for i, h in enumerate(headers)]
        table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
        from openpyxl.worksheet.filters import AutoFilter

        table.autoFilter = AutoFilter(ref=ref)
        with warnings.catch_warnings():  # write-only mode warns; the columns are set above
            warnings.simplefilter("ignore", UserWarning)
            self.ws.add_table(table)
        return tname

    # --- writing --------------------------------------------------------------------------
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
                if isinstance(value, S) and value.style in ("title", "note"):
                    continue
                if n == self.header_row:
                    style = row_style or "header"
                    if style in ("header_vertical", "header_date"):
                        continue
                    # header words may wrap onto two lines
                    best = max(best, math.ceil(display_width(value) / 2) + 3, _longest_word(value))
                    continue
                best = max(best, display_width(value))
            lo = spec.min_width if spec else 4.0
            hi = spec.max_width if spec else 40.0
            widths[idx + 1] = float(min(max(best + 2, lo), hi))
        return widths

    def close(self) -> None:
        """Apply widths, freeze panes, filter, print setup; stream the buffered rows."""
        if self.closed:
            return
        ws = self.ws
        widths = self._measure()
        for idx, w in widths.items():
            ws.column_dimensions[col_letter(idx)].width = round(w, 1)
        if self.freeze_cell:
            ws.freeze_panes = self.freeze_cell
        if self.filter_ref:
            ws.auto_filter.ref = self.filter_ref
        ws.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=True)
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.orientation = "landscape" if self.landscape else "portrait"
        total = sum(widths.values())
        ws.page_setup.paperSize = "8" if total > A3_FROM_WIDTH else "9"  # A3 for very wide sheets
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        if self.header_row:
            ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        if self.book.page_header:
            ws.oddHeader.left.text = clean_text(self.book.page_header).replace("&", "&&")
        ws.oddHeader.right.text = "&A"
        ws.oddFooter.center.text = "&P / &N"
        for n, (values, row_style, outline, height) in enumerate(self.rows, start=1):
            if outline:
                ws.row_dimensions[n].outlineLevel = outline
            lines = height if height is not None else self._lines(values, row_style, widths)
            if lines is not None:
                ws.row_dimensions[n].height = lines
            ws.append([self._cell(idx, v, row_style) for idx, v in enumerate(values)])
        self.rows = []
        self.closed = True
        ws.close()  # flush the sheet's temp file now: thousands of sheets, few open files

    def _lines(
        self, values: list[Any], row_style: str | None, widths: dict[int, float]
    ) -> float | None:
        """Row height for wrapped text (Excel does not grow rows by itself on open)."""
        most = 1
        for idx, value in enumerate(values):
            if value is None or isinstance(value, (Formula, date, int, float)):
                continue
            style = value.style if isinstance(value, S) else self._style_for(idx, row_style)
            if style not in ("wrap", "input", "header"):
                continue
            raw = value.value if isinstance(value, S) else value
            text = str(raw)
            width = max(widths.get(idx + 1, 10.0) - 1, 1)
            lines = sum(max(1, math.ceil(text_width(part) / width)) for part in text.split("\n"))
            most = max(most, lines)
        if most <= 1:
            return None
        per_line = 14.0 if self.book.lang == "zh" else 12.75
        return min(round(most * per_line + 2, 1), 409.0)

    def _cell(self, idx: int, value: Any, row_style: str | None) -> Any:
        style = self._style_for(idx, row_style)
        if value is None:
            if row_style is None and style.startswith("input"):
                return _styled(self.ws, style)  # an empty yellow cell still says "fill me in"
            return None
        if isinstance(value, S):
            style, value = value.style, value.value
            if value is None:
                return _styled(self.ws, style)
        if isinstance(value, str):
            return _text_cell(self.ws, value, style)
        if isinstance(value, Link):
            cell = _text_cell(self.ws, value.text, "link")
            cell._hyperlink = Hyperlink(ref="", location=value.location)
            return cell
        cell = _styled(self.ws, style)
        if isinstance(value, Formula):
            cell._value = value.text
            cell.data_type = "f"
        elif isinstance(value, date):
            if not isinstance(value, datetime):
                value = datetime(value.year, value.month, value.day)
            cell._value = value
            cell.data_type = "d"
            if style not in ("date", "input_date", "summary_date", "header_date"):
                cell.number_format = DATE_FORMAT
        elif isinstance(value, bool):
            cell._value = value
            cell.data_type = "b"
        elif isinstance(value, (int, float)):
            cell._value = value
            cell.data_type = "n"
        else:
            return _text_cell(self.ws, str(value), style)
        return cell


def _longest_word(value: Any) -> int:
    text = str(value.value if isinstance(value, S) else value)
    return max((text_width(w) for w in re.split(r"[\s/]+", text) if w), default=0)

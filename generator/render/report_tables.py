"""A small XlsxWriter book of titled tables, shared by the evaluation and portfolio workbooks.

``TableBook(path, lang, title=..., company=..., when=date)``; ``sheet(name, title, note)``
returns a :class:`TableSheet` whose :meth:`TableSheet.table` writes a header row and
typed rows: each column has a kind — ``text``, ``int``, ``num`` (one decimal),
``money`` (two decimals), ``pct`` (a 0..1 ratio shown as a percent), ``ratio`` (two
decimals), ``date`` (an ISO string or :class:`datetime.date`), ``bool`` (Yes/No in the
book's language). ``None`` writes a blank. Text is always written as a string (never a
formula). Fixed document dates: same content, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator.i18n import locale_data

Kind = str
_FORMATS = {
    "int": "0",
    "num": "0.0",
    "money": "#,##0.00",
    "pct": "0.0%",
    "ratio": "0.00",
    "date": "yyyy-mm-dd",
}


def figure_text(kind: Kind, value: Any, L: dict[str, str], *, grouped: bool = True) -> str:
    """A figure as a report prints it in text (Word, HTML): ``–`` for ``None`` or ``""``.

    ``bool`` is ``L["yes"]``/``L["no"]``; ``pct`` one decimal percent of a 0..1 ratio;
    ``ratio`` two decimals; ``money`` two decimals with thousands separators; ``num`` one
    decimal, with thousands separators when ``grouped``; anything else ``str(value)``.
    """
    if value is None or value == "":
        return "–"
    if kind == "bool":
        return L["yes"] if value else L["no"]
    if kind == "pct":
        return f"{value:.1%}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "money":
        return f"{value:,.2f}"
    if kind == "num":
        return f"{value:,.1f}" if grouped else f"{value:.1f}"
    return str(value)


@dataclass
class Placed:
    """Where a table landed: 0-based header row, first and last data row, columns."""

    header: int
    first: int
    last: int
    cols: int


class TableSheet:
    """One worksheet: a title, a note, then tables one below the other."""

    def __init__(self, book: TableBook, ws: Any, title: str, note: str) -> None:
        self.book = book
        self.ws = ws
        self.row = 0
        self.name = ws.get_name()
        ws.hide_gridlines(2)
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.write_string(0, 0, title, book.f_title)
        self.row = 1
        if note:
            ws.write_string(1, 0, note, book.f_note)
            self.row = 2
        self.row += 1

    def table(
        self,
        headers: Sequence[str],
        kinds: Sequence[Kind],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] | None = None,
        caption: str = "",
    ) -> Placed:
        """Write a caption (optional), the header row and ``rows``; returns where they are."""
        ws, b = self.ws, self.book
        if caption:
            ws.write_string(self.row, 0, caption, b.f_caption)
            self.row += 1
        header = self.row
        ws.set_row(header, 40)  # up to three lines of header text
        for col, text in enumerate(headers):
            ws.write_string(header, col, text, b.f_head)
            width = widths[col] if widths else (28 if col == 0 else 14)
            current = self.book.widths.setdefault((self.name, col), width)
            if width > current:
                self.book.widths[(self.name, col)] = width
            ws.set_column(col, col, self.book.widths[(self.name, col)])
        for n, values in enumerate(rows, start=1):
            for col, (kind, value) in enumerate(zip(kinds, values, strict=True)):
                self.cell(header + n, col, kind, value)
        last = header + len(rows)
        self.row = last + 2
        return Placed(header, header + 1, last, len(headers))

    def cell(self, row: int, col: int, kind: Kind, value: Any) -> None:
        """Write one typed value (see the module docstring)."""
        ws, b = self.ws, self.book
        fmt = b.formats.get(kind, b.f_cell)
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif kind == "bool":
            ws.write_string(row, col, b.yes if value else b.no, b.f_center)
        elif kind == "date":
            day = date.fromisoformat(value) if isinstance(value, str) else value
            ws.write_datetime(row, col, datetime(day.year, day.month, day.day), fmt)
        elif kind in _FORMATS and isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(row, col, float(value), fmt)
        else:
            from generator.render.workbook.cells import is_risky_text

            text = str(value)
            # user text that looks like a formula keeps Excel's quote prefix, so editing
            # the cell in Excel never turns it into one
            ws.write_string(row, col, text, b.f_guarded if is_risky_text(text) else b.f_cell)


class TableBook:
    """An XlsxWriter workbook of :class:`TableSheet` s with the reports' look."""

    def __init__(
        self, path: Path, lang: str, *, title: str, subject: str, company: str, when: date
    ) -> None:
        from generator.evaluation.labels import labels
        from generator.render.workbook.guarded import GuardedWorkbook

        path.parent.mkdir(parents=True, exist_ok=True)
        self.lang = lang
        L = labels(lang)
        self.yes, self.no = L["yes"], L["no"]
        self.wb = GuardedWorkbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        self.wb.set_properties(
            {
                "title": title,
                "subject": subject,
                "author": company,
                "company": company,
                "created": datetime(when.year, when.month, when.day, 9, 0, 0),
            }
        )
        self.font = locale_data(lang).font

        base = {"font_name": self.font, "font_size": 10, "valign": "top"}
        f = self.wb.add_format
        self.f_title = f({**base, "bold": True, "font_size": 14, "font_color": "#1F4E79"})
        self.f_note = f({**base, "italic": True, "font_color": "#595959"})
        self.f_caption = f({**base, "bold": True, "font_size": 11, "font_color": "#1F4E79"})
        self.f_head = f(
            {
                **base,
                "bold": True,
                "bg_color": "#1F4E79",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "border": 1,
            }
        )
        self.f_cell = f({**base, "border": 1, "text_wrap": True})
        self.f_guarded = f({**base, "border": 1, "text_wrap": True, "quote_prefix": True})
        self.f_center = f({**base, "border": 1, "align": "center"})
        # a conditional format's look (a flag that needs attention): amber fill, dark text
        self.f_alert = f({"bg_color": "#FFE699", "font_color": "#7F4F00", "bold": True})
        self.formats = {
            kind: f({**base, "border": 1, "num_format": fmt, "align": "right"})
            for kind, fmt in _FORMATS.items()
        }
        self.widths: dict[tuple[str, int], float] = {}

    def sheet(self, name: str, title: str, note: str = "") -> TableSheet:
        """Add a worksheet named ``name`` (at most 31 characters) with a title line."""
        return TableSheet(self, self.wb.add_worksheet(name[:31]), title, note)

    def chart(self, kind: str, title: str, subtype: str | None = None) -> Any:
        """A native chart with the book's font (insert it with ``sheet.ws.insert_chart``)."""
        options = {"type": kind, **({"subtype": subtype} if subtype else {})}
        chart = self.wb.add_chart(options)
        chart.set_title({"name": title, "name_font": {"name": self.font, "size": 12}})
        chart.set_legend({"position": "bottom", "font": {"name": self.font, "size": 9}})
        return chart

    def close(self) -> None:
        """Write the file."""
        self.wb.close()

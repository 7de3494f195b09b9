"""The status workbook's frame: the XlsxWriter workbook with fixed document dates, its
cell formats in the report's language and font, and the primitives every sheet of
:mod:`generator.render.status_xlsx` is written with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.i18n import locale_data
from generator.render.status_text import LABELS, RAG_COLOURS

if TYPE_CHECKING:
    from generator.tracking.status import Status


class StatusBook:
    """An XlsxWriter workbook for a status report: its cell formats in the report's
    language and font, and the primitives each sheet is written with (sheet, header row,
    number, date, chart, earned-value rows)."""

    def __init__(self, path: Path, status: Status, lang: str) -> None:
        from generator.render.workbook.guarded import GuardedWorkbook

        self.status = status
        self.L = LABELS[lang]
        self.lang = lang
        self.wb = GuardedWorkbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        stamp = datetime(status.as_of.year, status.as_of.month, status.as_of.day, 9, 0, 0)
        kit = status.kit
        self.wb.set_properties(
            {
                "title": f"{self.L['title']} {status.as_of.isoformat()}",
                "subject": self.L["subject"],
                "author": kit.project.author or kit.project.client,
                "company": kit.project.client,
                "category": self.L["category"],
                "created": stamp,
            }
        )
        font = locale_data(lang).font

        base = {"font_name": font, "font_size": 10, "valign": "top"}
        self.font = font
        f = self.wb.add_format
        self.f_text = f(base)
        self.f_wrap = f({**base, "text_wrap": True})
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
        self.f_title = f({**base, "bold": True, "font_size": 14, "font_color": "#1F4E79"})
        self.f_note = f({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.f_label = f({**base, "bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.f_money = f({**base, "num_format": "#,##0.00", "border": 1})
        self.f_num = f({**base, "num_format": "0.0", "border": 1})
        self.f_int = f({**base, "num_format": "0", "border": 1, "align": "center"})
        self.f_ratio = f({**base, "num_format": "0.00", "border": 1})
        self.f_pct = f({**base, "num_format": "0.0%", "border": 1})
        self.f_date = f({**base, "num_format": "yyyy-mm-dd", "border": 1, "align": "center"})
        self.f_cell = f({**base, "border": 1, "text_wrap": True})
        self.f_rag = {
            key: f(
                {
                    **base,
                    "bold": True,
                    "border": 1,
                    "align": "center",
                    "bg_color": colour,
                    "font_color": "#FFFFFF",
                }
            )
            for key, colour in RAG_COLOURS.items()
        }
        self.f_heat = [
            f({**base, "border": 1, "align": "center", "bg_color": colour})
            for colour in ("#E8F5E9", "#FFF8E1", "#FFE0B2", "#FFCDD2", "#EF9A9A")
        ]

    # --- helpers ------------------------------------------------------------------
    def sheet(self, key: str, title: str, note: str = "") -> Any:
        ws = self.wb.add_worksheet(self.L[key])
        ws.hide_gridlines(2)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.write_string(0, 0, title, self.f_title)
        if note:
            ws.merge_range(1, 0, 1, 9, note, self.f_note)
            ws.set_row(1, 42)
        return ws

    def head(self, ws: Any, row: int, headers: list[str], widths: Sequence[float]) -> None:
        for col, (text, width) in enumerate(zip(headers, widths, strict=True)):
            ws.write_string(row, col, text, self.f_head)
            ws.set_column(col, col, width)

    def num(self, ws: Any, row: int, col: int, value: float | None, fmt: Any) -> None:
        if value is None:
            ws.write_blank(row, col, None, fmt)
        else:
            ws.write_number(row, col, value, fmt)

    def day(self, ws: Any, row: int, col: int, value: date | None) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.f_date)
        else:
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day), self.f_date)

    def chart(self, kind: str, title: str, subtype: str | None = None) -> Any:
        options = {"type": kind, **({"subtype": subtype} if subtype else {})}
        chart = self.wb.add_chart(options)
        chart.set_title({"name": title, "name_font": {"name": self.font, "size": 12}})
        chart.set_legend({"position": "bottom", "font": {"name": self.font, "size": 9}})
        return chart

    def evm_head(self, ws: Any, row: int, bac_width: float) -> None:
        """The earned-value header at ``row`` (scope, BAC, PV, EV, EV of the recorded work,
        AC .. VAC), 30 points high. Column widths in characters: scope 30, BAC
        ``bac_width``, SPI/CPI 12, the rest 14."""
        keys = ("bac", "pv", "ev", "ev_rec", "ac", "sv", "cv", "spi", "cpi", "eac", "etc", "vac")
        widths = [30, bac_width, 14, 14, 14, 14, 14, 14, 12, 12, 14, 14, 14]
        self.head(ws, row, [self.L["scope"], *[self.L[key] for key in keys]], widths)
        ws.set_row(row, 30)

    def evm_row(self, ws: Any, r: int, name: str, figures: Any) -> None:
        """Scope, BAC, PV, EV, EV(rec), AC and the derived figures as formulas (values stored):
        SV and SPI over all work, CV, CPI, EAC, ETC, VAC over the recorded work."""
        n = r + 1
        ws.write_string(r, 0, name, self.f_cell)
        ev_rec = figures.ev_rec if figures.ac is not None else None
        values = (figures.bac, figures.pv, figures.ev, ev_rec, figures.ac)
        for col, value in enumerate(values, start=1):
            self.num(ws, r, col, value, self.f_money)

        def formula(col: int, text: str, value: float | None, fmt: Any) -> None:
            ws.write_formula(r, col, text, fmt, "" if value is None else round(value, 6))

        formula(6, f"=D{n}-C{n}", figures.sv, self.f_money)
        formula(7, f'=IF(F{n}="","",E{n}-F{n})', figures.cv, self.f_money)
        formula(8, f'=IF(C{n}>0,D{n}/C{n},"")', figures.spi, self.f_ratio)
        formula(9, f'=IF(N(F{n})>0,E{n}/F{n},"")', figures.cpi, self.f_ratio)
        formula(10, f'=IF(N(J{n})>0,B{n}/J{n},"")', figures.eac, self.f_money)
        formula(11, f'=IF(N(J{n})>0,(B{n}-D{n})/J{n},"")', figures.etc, self.f_money)
        formula(12, f'=IF(K{n}="","",B{n}-K{n})', figures.vac, self.f_money)

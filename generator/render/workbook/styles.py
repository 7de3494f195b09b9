"""The named cell styles every workbook uses, as XlsxWriter format properties.

Generated cells are locked (the sheets are protected without a password); the
consultant's ``input*`` styles are light yellow and unlocked. Colours and number
formats are those the openpyxl writer used, so the workbooks look as before.
"""

from __future__ import annotations

from typing import Any

from generator.i18n import LOCALES

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FONTS: dict[str, str] = {code: data.font for code, data in LOCALES.items()}
"""Cell font per language (:data:`generator.i18n.LOCALES`). Chinese needs a font with the
glyphs: Microsoft YaHei is on every Chinese Windows/WPS install; LibreOffice substitutes
Noto Sans CJK SC (fontconfig, lang zh)."""
LINE_HEIGHT: dict[str, float] = {"Calibri": 12.75, "Microsoft YaHei": 14.0}
"""Points per wrapped line of a 10 pt cell in each font (YaHei's CJK line box is taller)."""
ROTATED_CHAR: dict[str, float] = {"Calibri": 6.0, "Microsoft YaHei": 5.6}
"""Points per character of a header rotated 90 degrees (row height for vertical labels)."""
FONT_SIZE = 10

HEADER_FILL = "#1F4E78"
INPUT_FILL = "#FFF2CC"  # light yellow: the consultant's columns
SUMMARY_FILL = "#DDEBF7"  # phase / group summary rows
GRID = "#BFBFBF"

NUMBER = "#,##0.0"
MONEY = "#,##0.00"
PERCENT = "0%"


def style_specs() -> dict[str, dict[str, Any]]:
    """Style name -> XlsxWriter format properties (font name/size come from the workbook default)."""
    grid = {"border": 1, "border_color": GRID}
    top = {"valign": "top"}
    wrap = {"valign": "top", "text_wrap": True}
    center = {"align": "center", "valign": "top"}
    inp = {"bg_color": INPUT_FILL, "pattern": 1, "locked": False}
    summ = {"bold": True, "bg_color": SUMMARY_FILL, "pattern": 1}
    header = {
        "bold": True,
        "font_color": "#FFFFFF",
        "bg_color": HEADER_FILL,
        "pattern": 1,
        **grid,
    }
    return {
        "title": {"font_size": 14, "bold": True, "font_color": HEADER_FILL},
        "note": {"italic": True, "font_color": "#595959"},
        "label": {"bold": True, **top},
        "header": {**header, "align": "center", "valign": "vcenter", "text_wrap": True},
        "header_vertical": {**header, "align": "center", "valign": "bottom", "rotation": 90},
        "header_date": {
            **header,
            "font_size": 8,
            "align": "center",
            "valign": "bottom",
            "rotation": 90,
            "num_format": DATE_FORMAT,
        },
        "text": {**top, **grid},
        "wrap": {**wrap, **grid},
        "center": {**center, **grid},
        "date": {**center, **grid, "num_format": DATE_FORMAT},
        "int": {**center, **grid, "num_format": "0"},
        "number": {**top, **grid, "num_format": NUMBER},
        "money": {**top, **grid, "num_format": MONEY},
        "percent": {**center, **grid, "num_format": PERCENT},
        "link": {"font_color": "#0563C1", "underline": 1, **wrap, **grid},
        "back_link": {"font_color": "#0563C1", "underline": 1, **top},
        "input": {**wrap, **grid, **inp},
        "input_text": {**top, **grid, **inp},
        "input_date": {**center, **grid, **inp, "num_format": DATE_FORMAT},
        "input_int": {**center, **grid, **inp, "num_format": "0"},
        "input_number": {**top, **grid, **inp, "num_format": NUMBER},
        "input_money": {**top, **grid, **inp, "num_format": MONEY},
        "input_percent": {**center, **grid, **inp, "num_format": PERCENT},
        "input_center": {**center, **grid, **inp},
        # an input on a day the kit's calendar does not work (timesheets): grey, still open
        "input_off": {
            **top,
            **grid,
            "bg_color": "#E7E6E6",
            "pattern": 1,
            "locked": False,
            "num_format": NUMBER,
        },
        "summary": {**summ, **top, **grid},
        "summary_date": {**summ, **center, **grid, "num_format": DATE_FORMAT},
        "summary_number": {**summ, **top, **grid, "num_format": NUMBER},
        "summary_money": {**summ, **top, **grid, "num_format": MONEY},
        "summary_percent": {**summ, **center, **grid, "num_format": PERCENT},
        "summary_int": {**summ, **center, **grid, "num_format": "0"},
        "heat": {"bold": True, "align": "center", "valign": "vcenter", **grid, "num_format": "0"},
        "unlocked": {"locked": False},
    }


STYLE_NAMES: tuple[str, ...] = tuple(style_specs())
"""Every named style a sheet module may use (``text``, ``date``, ``input``...)."""

WRAPPING_STYLES = frozenset({"wrap", "input", "header", "link"})
"""Styles whose text wraps: row heights grow for them."""

DATE_STYLES = frozenset({"date", "input_date", "summary_date", "header_date"})


def style_for(owner: str, type_: str, center: bool = False) -> str:
    """The named style of a declared column (consultant columns: the yellow input styles)."""
    if owner == "consultant":
        return {
            "date": "input_date",
            "percent": "input_percent",
            "int": "input_int",
            "number": "input_number",
            "person-days": "input_number",
            "hours": "input_number",
            "currency": "input_money",
            "bool": "input_center",
            "list": "input_center" if center else "input",
            "long-text": "input",
        }.get(type_, "input_center" if center else "input")
    return {
        "date": "date",
        "percent": "percent",
        "int": "int",
        "number": "number",
        "person-days": "number",
        "hours": "number",
        "currency": "money",
        "bool": "center",
        "list": "center",
        "long-text": "wrap",
    }.get(type_, "center" if center else "text")

"""The XlsxWriter peer: write the same cells and formats as a generated workbook.

``extract(xlsx, out)`` (untimed) reads a workbook made by implkit with openpyxl in
read-only mode and keeps, per sheet, every cell that has a value or a style: its
value (text, number, date, formula) and its format (number format, font, fill,
alignment, border, protection, quote prefix), the formats de-duplicated.
``write(cells, xlsx)`` (timed) writes them with XlsxWriter in ``constant_memory``
mode, each distinct format created once and cached.

Not carried over (small next to the cells, and not what the comparison is about):
column widths, row heights and outline levels, conditional formats, data
validations, tables, defined names, print setup, document properties.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime
from pathlib import Path
from typing import Any

FormatKey = tuple[tuple[str, Any], ...]
Cell = tuple[int, Any, int]  # column (0-based), value, format index (-1: none)
SheetCells = tuple[str, bool, list[tuple[int, list[Cell]]]]  # title, hidden, rows


def _rgb(color: Any) -> str | None:
    rgb = getattr(color, "rgb", None)
    if isinstance(rgb, str) and len(rgb) == 8:
        return "#" + rgb[2:]
    return None


def _format_of(cell: Any) -> FormatKey:
    """XlsxWriter format properties of an openpyxl read-only cell."""
    props: dict[str, Any] = {}
    if cell.number_format and cell.number_format != "General":
        props["num_format"] = cell.number_format
    font = cell.font
    if font is not None:
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        if font.u:
            props["underline"] = 1
        if font.sz:
            props["font_size"] = float(font.sz)
        if font.name:
            props["font_name"] = font.name
        color = _rgb(font.color)
        if color:
            props["font_color"] = color
    fill = cell.fill
    if fill is not None and getattr(fill, "fill_type", None) == "solid":
        color = _rgb(fill.fgColor)
        if color:
            props["pattern"] = 1
            props["bg_color"] = color
    alignment = cell.alignment
    if alignment is not None:
        if alignment.wrap_text:
            props["text_wrap"] = True
        if alignment.horizontal:
            props["align"] = alignment.horizontal
        if alignment.vertical:
            props["valign"] = "vcenter" if alignment.vertical == "center" else alignment.vertical
        if alignment.textRotation:
            props["rotation"] = int(alignment.textRotation)
        if alignment.indent:
            props["indent"] = int(alignment.indent)
    border = cell.border
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            if getattr(getattr(border, side, None), "style", None):
                props[side] = 1
    protection = cell.protection
    if protection is not None and protection.locked is False:
        props["locked"] = False
    if cell.style_array.quotePrefix:
        props["quote_prefix"] = True
    return tuple(sorted(props.items()))


def extract(xlsx: Path, out: Path) -> dict[str, int]:
    """Read ``xlsx`` (untimed) and pickle its cells and formats to ``out``; counts."""
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True, data_only=False)
    formats: dict[FormatKey, int] = {}
    by_style: dict[int, int] = {}
    sheets: list[SheetCells] = []
    cells = 0
    for ws in wb.worksheets:
        ws.reset_dimensions()
        rows: list[tuple[int, list[Cell]]] = []
        for r, row in enumerate(ws.iter_rows()):
            kept: list[Cell] = []
            for c, cell in enumerate(row):
                style_id = getattr(cell, "_style_id", 0)
                if cell.value is None and not style_id:
                    continue
                fmt = -1
                if style_id:
                    if style_id not in by_style:
                        key = _format_of(cell)
                        by_style[style_id] = formats.setdefault(key, len(formats))
                    fmt = by_style[style_id]
                kept.append((c, cell.value, fmt))
            if kept:
                rows.append((r, kept))
                cells += len(kept)
        sheets.append((ws.title, ws.sheet_state == "hidden", rows))
    wb.close()
    payload = ([dict(key) for key in formats], sheets)
    with out.open("wb") as handle:
        pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return {"cells": cells, "formats": len(formats), "sheets": len(sheets)}


def load(cells: Path) -> tuple[list[dict[str, Any]], list[SheetCells]]:
    with cells.open("rb") as handle:
        formats, sheets = pickle.load(handle)
    return formats, sheets


def write(formats: list[dict[str, Any]], sheets: list[SheetCells], xlsx: Path) -> None:
    """Write the cells with XlsxWriter (constant_memory), formats created once."""
    import xlsxwriter  # type: ignore[import-untyped]

    wb = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True, "strings_to_numbers": False})
    cached = [wb.add_format(props) for props in formats]
    for title, hidden, rows in sheets:
        ws = wb.add_worksheet(title)
        if hidden:
            ws.hide()
        for r, row in rows:
            for c, value, f in row:
                fmt = cached[f] if f >= 0 else None
                if value is None:
                    ws.write_blank(r, c, None, fmt)
                elif isinstance(value, str):
                    if value.startswith("="):
                        ws.write_formula(r, c, value, fmt)
                    else:
                        ws.write_string(r, c, value, fmt)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value, fmt)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value, fmt)
                elif isinstance(value, (datetime, date)):
                    ws.write_datetime(r, c, value, fmt)
                else:
                    ws.write_string(r, c, str(value), fmt)
    wb.close()

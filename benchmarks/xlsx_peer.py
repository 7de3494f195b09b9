"""The XlsxWriter peer: write the same cells and formats as a generated workbook.

``extract(xlsx, out)`` (untimed) reads a workbook made by implkit with openpyxl in
read-only mode and keeps, per sheet, every cell that has a value or a style: its
value (text, number, date, formula) and its format (number format, font, fill,
alignment, border, protection, quote prefix), the formats de-duplicated; and from
the sheet's XML what implkit writes besides the cells (:func:`_features`): each
row's height and outline level, the columns (width, format, hidden), frozen panes,
the filter, data validations, conditional formats with their formats, links,
protection, page set-up, print titles and area, the sheet's visibility; and the
workbook's defined names.
``write(cells, xlsx)`` (timed) writes them all with XlsxWriter in ``constant_memory``
mode, each distinct format created once and cached.

Approximations (the same calls, not always the same bytes): column widths are given
back in the units set_column takes within a hundredth, a conditional format's
format keeps its fill and font colour, document properties are not copied.
"""

from __future__ import annotations

import pickle
import re
import zipfile
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
    from openpyxl.cell.read_only import ReadOnlyCell

    features, names = _features(xlsx)
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
        extra = features.get(ws.title, {})
        extra["col_formats"] = []
        for first, last, width, style, hidden in extra.get("cols", []):
            if style and style not in by_style:  # a column's format no cell uses
                key = _format_of(ReadOnlyCell(ws, 1, 1, None, "n", style))
                by_style[style] = formats.setdefault(key, len(formats))
            fmt = by_style[style] if style else -1
            extra["col_formats"].append((first, last, width, fmt, hidden))
    wb.close()
    payload = ([dict(key) for key in formats], sheets, features, names)
    with out.open("wb") as handle:
        pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
    counts = {
        "cells": cells,
        "formats": len(formats),
        "sheets": len(sheets),
        "row settings": sum(len(f.get("rows", {})) for f in features.values()),
        "validations": sum(len(f.get("validations", [])) for f in features.values()),
        "conditional formats": sum(len(f.get("conditional", [])) for f in features.values()),
        "links": sum(len(f.get("links", {})) for f in features.values()),
        "defined names": len(names),
    }
    return counts


def load(cells: Path) -> Payload:
    with cells.open("rb") as handle:
        payload: Payload = pickle.load(handle)
    return payload


def write(
    formats: list[dict[str, Any]],
    sheets: list[SheetCells],
    xlsx: Path,
    features: dict[str, dict[str, Any]] | None = None,
    names: list[tuple[str, str]] | None = None,
) -> None:
    """Write the cells with XlsxWriter (constant_memory), formats created once, and
    what the sheets hold besides (``features``, ``names``: see :func:`extract`)."""
    import xlsxwriter  # type: ignore[import-untyped]

    features = features or {}
    wb = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True, "strings_to_numbers": False})
    cached = [wb.add_format(props) for props in formats]
    dxfs: dict[int, Any] = {}
    for title, hidden, rows in sheets:
        ws = wb.add_worksheet(title)
        extra = features.get(title, {})
        if hidden:
            ws.hide()
        if extra.get("very_hidden"):
            ws.very_hidden()
        _sheet_settings(wb, ws, extra, cached, dxfs)
        settings = extra.get("rows", {})
        links = extra.get("links", {})
        for r, row in rows:
            if r in settings:
                height, level, hidden_row = settings[r]
                options = {"level": level} if level else {}
                if hidden_row:
                    options["hidden"] = True
                ws.set_row(r, height, None, options or None)
            for c, value, f in row:
                fmt = cached[f] if f >= 0 else None
                if (r, c) in links:
                    ws.write_url(r, c, "internal:" + links[r, c], fmt, str(value))
                elif value is None:
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
    for name, ref in names or []:
        wb.define_name(name, ref)
    wb.close()


Payload = tuple[
    list[dict[str, Any]], list[SheetCells], dict[str, dict[str, Any]], list[tuple[str, str]]
]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW = re.compile(r"<row ([^>]*?)/?>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_OPERATORS = {
    "between": "between",
    "notBetween": "not between",
    "equal": "==",
    "notEqual": "!=",
    "greaterThan": ">",
    "lessThan": "<",
    "greaterThanOrEqual": ">=",
    "lessThanOrEqual": "<=",
}
_PROTECTION = {
    "autoFilter": "autofilter",
    "sort": "sort",
    "formatColumns": "format_columns",
    "formatRows": "format_rows",
    "insertRows": "insert_rows",
    "deleteRows": "delete_rows",
    "insertHyperlinks": "insert_hyperlinks",
}


def _features(xlsx: Path) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Per sheet title, what the sheet XML holds besides the cells; the defined names."""
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(xlsx) as archive:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        styles = ET.fromstring(archive.read("xl/styles.xml"))
        dxfs = [_dxf(d) for d in styles.iter(f"{_MAIN}dxf")]
        out: dict[str, dict[str, Any]] = {}
        titles: list[str] = []
        for sheet in book.iter(f"{_MAIN}sheet"):
            title = sheet.get("name", "")
            titles.append(title)
            target = targets[sheet.get(f"{_REL}id")].lstrip("/")
            path = target if target.startswith("xl/") else "xl/" + target
            extra = _sheet_features(archive.read(path).decode("utf-8"), dxfs)
            extra["very_hidden"] = sheet.get("state") == "veryHidden"
            out[title] = extra
        names: list[tuple[str, str]] = []
        for defined in book.iter(f"{_MAIN}definedName"):
            name, ref = defined.get("name", ""), defined.text or ""
            local = defined.get("localSheetId")
            if name == "_xlnm.Print_Titles" and local is not None:
                rows = re.findall(r"\$(\d+)", ref.rsplit("!", 1)[-1])
                out[titles[int(local)]]["repeat"] = (int(rows[0]) - 1, int(rows[-1]) - 1)
            elif name == "_xlnm.Print_Area" and local is not None:
                out[titles[int(local)]]["print_area"] = ref.rsplit("!", 1)[-1].replace("$", "")
            elif not name.startswith("_xlnm."):
                names.append((name, "=" + ref))
    return out, names


def _dxf(node: Any) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for color in node.iter(f"{_MAIN}color"):
        if color.get("rgb"):
            props["font_color"] = "#" + color.get("rgb")[2:]
    for color in node.iter(f"{_MAIN}bgColor"):
        if color.get("rgb"):
            props.update({"bg_color": "#" + color.get("rgb")[2:], "pattern": 1})
    if node.find(f"{_MAIN}border") is not None:
        props["bottom"] = 5
    return props


def _sheet_features(xml: str, dxfs: list[dict[str, Any]]) -> dict[str, Any]:
    from xml.etree import ElementTree as ET

    head, _, rest = xml.partition("<sheetData")
    data, _, tail = rest.partition("</sheetData>")
    rows: dict[int, tuple[float | None, int, bool]] = {}
    for match in _ROW.finditer(data):
        attrs = dict(_ATTR.findall(match.group(1)))
        height = float(attrs["ht"]) if "customHeight" in attrs else None
        level = int(attrs.get("outlineLevel", 0))
        if height is not None or level or "hidden" in attrs:
            rows[int(attrs["r"]) - 1] = (height, level, "hidden" in attrs)
    tree = ET.fromstring(head + "<sheetData/>" + tail)
    extra: dict[str, Any] = {"rows": rows, "cols": [], "validations": [], "conditional": []}
    for col in tree.iter(f"{_MAIN}col"):
        stored = float(col.get("width", "0"))
        width = round(stored - 5 / 7, 2) if stored > 1 else stored  # set_column's units
        extra["cols"].append(
            (
                int(col.get("min", "1")) - 1,
                int(col.get("max", "1")) - 1,
                width,
                int(col.get("style", "0")),
                col.get("hidden") == "1",
            )
        )
    pane = tree.find(f".//{_MAIN}pane")
    if pane is not None and pane.get("state") == "frozen":
        extra["freeze"] = (int(float(pane.get("ySplit", "0"))), int(float(pane.get("xSplit", "0"))))
    fltr = tree.find(f"{_MAIN}autoFilter")
    if fltr is not None:
        extra["filter"] = fltr.get("ref")
    for dv in tree.iter(f"{_MAIN}dataValidation"):
        f1, f2 = dv.findtext(f"{_MAIN}formula1"), dv.findtext(f"{_MAIN}formula2")
        kind = dv.get("type", "any")
        options: dict[str, Any] = {"validate": kind, "ignore_blank": dv.get("allowBlank") == "1"}
        if kind == "list":
            options["source"] = (
                f1[1:-1].split(",") if f1 and f1.startswith('"') else "=" + (f1 or "")
            )
        else:
            options["criteria"] = _OPERATORS[dv.get("operator", "between")]
            if options["criteria"] in ("between", "not between"):
                options.update({"minimum": _number(f1), "maximum": _number(f2)})
            else:
                options["value"] = _number(f1)
        extra["validations"].append((dv.get("sqref", ""), options))
    for block in tree.iter(f"{_MAIN}conditionalFormatting"):
        for rule in block.iter(f"{_MAIN}cfRule"):
            formula = rule.findtext(f"{_MAIN}formula") or ""
            dxf = int(rule.get("dxfId", "-1"))
            cf: dict[str, Any] = {"stop_if_true": rule.get("stopIfTrue") == "1", "dxf": dxf}
            if rule.get("type") == "cellIs":
                cf.update({"type": "cell", "criteria": _OPERATORS[rule.get("operator", "equal")]})
                cf["value"] = _number(formula)
            else:
                cf.update({"type": "formula", "criteria": "=" + formula})
            extra["conditional"].append((block.get("sqref", ""), cf, dxfs[dxf] if dxf >= 0 else {}))
    extra["links"] = {
        _cell(link.get("ref", "A1")): link.get("location", "")
        for link in tree.iter(f"{_MAIN}hyperlink")
    }
    protection = tree.find(f"{_MAIN}sheetProtection")
    if protection is not None:
        extra["protect"] = {
            option: protection.get(attr) == "0" for attr, option in _PROTECTION.items()
        }
    setup = tree.find(f"{_MAIN}pageSetup")
    if setup is not None:
        extra["page"] = (
            setup.get("orientation") == "landscape",
            int(setup.get("paperSize", "9")),
            int(setup.get("fitToWidth", "1")),
            int(setup.get("fitToHeight", "1")),
        )
    margins = tree.find(f"{_MAIN}pageMargins")
    if margins is not None:
        extra["margins"] = {
            k: float(margins.get(k, "0.75")) for k in ("left", "right", "top", "bottom")
        }
        extra["hf_margins"] = (
            float(margins.get("header", "0.3")),
            float(margins.get("footer", "0.3")),
        )
    extra["header"] = tree.findtext(f".//{_MAIN}oddHeader") or ""
    extra["footer"] = tree.findtext(f".//{_MAIN}oddFooter") or ""
    extra["center"] = tree.find(f"{_MAIN}printOptions") is not None
    outline = tree.find(f".//{_MAIN}outlinePr")
    extra["outline"] = outline is not None
    return extra


def _number(text: str | None) -> Any:
    try:
        number = float(text or "0")
    except ValueError:
        return "=" + (text or "")
    return int(number) if number.is_integer() else number


def _cell(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(ref)
    return row - 1, column_index_from_string(letters) - 1


def _sheet_settings(
    wb: Any, ws: Any, extra: dict[str, Any], cached: list[Any], dxfs: dict[int, Any]
) -> None:
    """What the sheet holds besides its cells and rows (see :func:`_features`)."""
    for first, last, width, f, hidden in extra.get("col_formats", []):
        fmt = cached[f] if f >= 0 else None
        ws.set_column(first, last, width, fmt, {"hidden": True} if hidden else None)
    if "freeze" in extra:
        ws.freeze_panes(*extra["freeze"])
    if extra.get("filter"):
        ws.autofilter(extra["filter"])
    for sqref, options in extra.get("validations", []):
        first, *more = sqref.split()
        ws.data_validation(first, {**options, **({"multi_range": sqref} if more else {})})
    for sqref, options, props in extra.get("conditional", []):
        dxf = options.pop("dxf", -1)
        if dxf not in dxfs:
            dxfs[dxf] = wb.add_format(props)
        first, *more = sqref.split()
        options = {**options, "format": dxfs[dxf], **({"multi_range": sqref} if more else {})}
        ws.conditional_format(first, options)
    if extra.get("outline"):
        ws.outline_settings(True, False, True, False)
    if "page" in extra:
        landscape, paper, wide, tall = extra["page"]
        if landscape:
            ws.set_landscape()
        ws.set_paper(paper)
        ws.fit_to_pages(wide, tall)
    if extra.get("center"):
        ws.center_horizontally()
    if "margins" in extra:
        ws.set_margins(**extra["margins"])
        header_margin, footer_margin = extra["hf_margins"]
        ws.set_header(extra["header"], {"margin": header_margin})
        ws.set_footer(extra["footer"], {"margin": footer_margin})
    if "repeat" in extra:
        ws.repeat_rows(*extra["repeat"])
    if "print_area" in extra:
        ws.print_area(extra["print_area"])
    if "protect" in extra:
        ws.protect(
            "", {**extra["protect"], "select_locked_cells": True, "select_unlocked_cells": True}
        )

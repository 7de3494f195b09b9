"""What every sheet module needs besides the book: carried entries, calendar arithmetic.

Carried values reach the writers only through the Kit (``Kit.entries_of(sheet)``):
list values arrive as canonical keys and are shown as the kit language's label;
everything else is written as it came (dates as dates, percents as 0..1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generator.kit_model import Kit
from generator.render.workbook.book import Col
from generator.render.workbook.cells import S
from generator.render.workbook.styles import style_for
from generator.sheets import ListSpec, SheetSpec

ADDED_ROOM = 500
"""Rows below the last written row that keep the dropdowns and checks on sheets that take added rows."""


def display(spec: SheetSpec, key: str, value: Any, lang: str) -> Any:
    """A carried value as the cell shows it (a list key becomes its label in ``lang``)."""
    try:
        col = spec.column(key)
    except KeyError:
        return value
    if col.list is not None and isinstance(value, str):
        return col.list.label(value, lang) or value
    return value


def carried(kit: Kit, spec: SheetSpec, instance: str, row_key: str) -> dict[str, Any]:
    """The consultant's values of one generated row, by column key, ready to write."""
    values = kit.entries_of(instance).row(row_key)
    return {
        k: display(spec, k, v, kit.lang)
        for k, v in values.items()
        if v is not None and v != "" and _is_consultant(spec, k)
    }


def _is_consultant(spec: SheetSpec, key: str) -> bool:
    try:
        return spec.column(key).owner == "consultant"
    except KeyError:
        return False


def added_rows(kit: Kit, spec: SheetSpec, instance: str = "") -> list[dict[str, Any]]:
    """Rows the consultant added to a sheet that accepts them, by column key, in their order."""
    if not spec.accepts_added_rows:
        return []
    out = []
    for row in kit.entries_of(instance or spec.key).added:
        out.append({k: display(spec, k, v, kit.lang) for k, v in row})
    return out


def added_cells(spec: SheetSpec, cols: Sequence[Col], row: Mapping[str, Any]) -> list[Any]:
    """An added row's cells in column order, every cell in the yellow input look."""
    cells: list[Any] = []
    for col in cols:
        style = col.style
        if col.key:
            declared = spec.column(col.key)
            if not declared.formula:
                style = style_for("consultant", declared.type, declared.center)
        cells.append(S(row.get(col.key), style))
    return cells


def cells_of(cols: Sequence[Col], values: Mapping[str, Any]) -> list[Any]:
    """Values by column key -> a row in column order (``None`` where a key has no value)."""
    return [values.get(c.key) for c in cols]


def working_days_formula(kit: Kit, start: str, finish: str) -> str:
    """Working days between two cells on the kit's calendar (Calendar sheet ranges)."""
    weekend = set(kit.calendar.weekend)
    hol = ",cal_holidays" if kit.calendar.holidays else ""
    if weekend == {5, 6}:
        base = f"NETWORKDAYS({start},{finish}{hol})"
    else:
        mask = "".join("1" if d in weekend else "0" for d in range(7))
        base = f'NETWORKDAYS.INTL({start},{finish},"{mask}"{hol})'
    if kit.calendar.workdays:
        base += f'+COUNTIFS(cal_workdays,">="&{start},cal_workdays,"<="&{finish})'
    return "=" + base


def number(value: Any) -> float:
    """A cell value as Excel's arithmetic sees it (blank/text -> 0)."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    return 0.0


def bullets(items: Sequence[str]) -> str:
    """One item as is; several as "• item" lines."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {item}" for item in items)


def unique(names: Sequence[str]) -> list[str]:
    """Make header labels unique (tables and filters need distinct headers)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        label = name or "-"
        n = 2
        while label.lower() in seen:
            label = f"{name} ({n})"
            n += 1
        seen.add(label.lower())
        out.append(label)
    return out


def list_of(spec: SheetSpec, key: str) -> ListSpec:
    """The dropdown list of a declared list column (``KeyError`` if the column has none)."""
    found = spec.column(key).list
    if found is None:
        raise KeyError(f"{spec.key}.{key} is not a list column")
    return found

"""What was spent, per role: from ``Kit.entries_of("plan.budget")`` or the Budget sheet itself.

The Budget sheet (declared as ``plan.budget``, one row per role keyed by role id)
carries the consultant's ``actual_effort`` (person-days) and ``rate`` (day rate); a
``cost_entered`` value, where the team records money, wins over the effort's cost.
The full cost model (effort log, rate changes, expenses) is :mod:`generator.tracking.cost`.

:func:`spent_from_kit` reads the carried entries. Until a kit carries them,
:func:`spent_from_workbook` reads ``plan/project-plan.xlsx`` with openpyxl, finding the
sheet by its title and the columns by header text in English or Chinese.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.tracking.cost import number as _number
from generator.tracking.evm import RoleActual

if TYPE_CHECKING:
    from generator.kit_model import Kit


def spent_from_kit(kit: Kit) -> dict[str, RoleActual]:
    """Role id -> :class:`RoleActual` from the carried Budget entries (only filled rows)."""
    out: dict[str, RoleActual] = {}
    for role, values in kit.entries_of("plan.budget").rows:
        cells = dict(values)
        entry = RoleActual(
            role,
            effort=_number(cells.get("actual_effort")),
            cost=_number(cells.get("cost_entered")),
            rate=_number(cells.get("rate")),
        )
        if entry.effort is not None or entry.cost is not None:
            out[role] = entry
    return out


def _headers(kit: Kit) -> dict[str, str]:
    """Header text (lower case, both languages, currency filled in) -> column key."""
    cur = kit.project.currency
    pairs = {
        "id": ("Id", "编号"),
        "role": ("Project role", "项目角色"),
        "role_old": ("Role", "角色"),
        "rate": ("Day rate ({cur})", "人天单价（{cur}）"),
        "actual_effort": ("Actual effort (person-days)", "实际工作量（人天）"),
        "cost_entered": ("Actual cost entered ({cur})", "录入的实际成本（{cur}）"),
    }
    out: dict[str, str] = {}
    for key, texts in pairs.items():
        for text in texts:
            out[text.format(cur=cur).strip().lower()] = key
    return out


def spent_from_workbook(kit: Kit, plan: Path) -> dict[str, RoleActual]:
    """Role id -> :class:`RoleActual` read from the Budget sheet of ``plan`` ({} if absent).

    Rows are matched by the role id column, or by the role's display name in the
    kit's language. Only the team's cells are read (rate, actual effort, the typed
    actual cost); the sheet's formulas are never trusted.
    """
    from generator.carry.sheetxml import BookStream
    from generator.i18n import _
    from generator.readers import open_workbook, sheet_rows

    if not plan.is_file():
        return {}
    headers = _headers(kit)
    by_name = {role.name: role.id for role in kit.roles}
    ids = {role.id for role in kit.roles}
    out: dict[str, RoleActual] = {}
    fix = _("restore it from .implkit/backups/ or move it away to rebuild it fresh")
    with open_workbook(plan, fix=fix) as book:
        sheets = [ws for ws in book.worksheets if ws.title in ("Budget", "预算")]
        for sheet in sheets[:1]:
            columns: dict[str, int] = {}
            # rows straight from the sheet XML, openpyxl's values cell for cell (as the
            # carry reads them): openpyxl's own row parser was half of this read
            for row in sheet_rows(BookStream(book)[sheet.title], plan):
                if not columns:
                    found = {
                        headers[str(c).strip().lower()]: i
                        for i, c in enumerate(row)
                        if c is not None and str(c).strip().lower() in headers
                    }
                    if "actual_effort" in found:
                        columns = found
                    continue

                def cell(
                    key: str, values: tuple[Any, ...] = row, where: dict[str, int] = columns
                ) -> Any:
                    i = where.get(key)
                    return values[i] if i is not None and i < len(values) else None

                role = str(cell("id") or "").strip()
                if role not in ids:
                    name = str(cell("role") or cell("role_old") or "").strip()
                    role = by_name.get(name, "")
                if not role:
                    continue
                effort = _number(cell("actual_effort"))
                cost = _number(cell("cost_entered"))
                if effort is None and cost is None:
                    continue
                out[role] = RoleActual(role, effort=effort, cost=cost, rate=_number(cell("rate")))
    return out

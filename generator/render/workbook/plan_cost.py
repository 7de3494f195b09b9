"""The cost-recording sheets of the plan: Rate changes, Actual effort (the effort log), Expenses.

Declared in :mod:`generator.sheets.cost`; the figures they feed are defined in
:mod:`generator.tracking.cost`. Every row is the team's: rows as they stood, then
numbered spare rows. The effort log's "day rate in force" and "cost" are formulas
(their values computed here by the same rule, :meth:`Ledger.rate_on`): the rate is the
one of the role's latest change dated on or before the row's date, else the Budget's
day rate; a role is matched by its id or its name on the Budget (as Excel compares,
ignoring case). The Budget (:mod:`.plan_budget`) sums the log by role.

Write order: :func:`rates`, :func:`effort`, :func:`expenses`, then the Budget, whose
formulas read the ranges these record in ``ctx.ranges``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from generator.i18n import D_, TextTable
from generator.render.workbook.cells import Formula, col_letter, quote_sheet
from generator.render.workbook.common import ADDED_ROOM
from generator.render.workbook.plan import PlanContext
from generator.render.workbook.plan_quality import Y2K, _numbered, _team_rows, _value
from generator.render.workbook.sheet import SheetBuilder
from generator.sheets import SheetSpec
from generator.sheets.cost import EFFORT, EXPENSES, RATES
from generator.tracking.cost import budget_role_ids, ledger_of, number, removed_roles

LABELS = TextTable(
    {
        "rates": D_("Day-rate changes"),
        "rates_note": D_(
            "A new day rate for a role from a date on (the Budget's day rate applies from the project start). Effort dated before the change keeps its rate; BAC keeps the baseline's rates."
        ),
        "effort": D_("Actual effort (effort log)"),
        "effort_note": D_(
            "Person-days worked per person, role and day or week (a period is dated by its last day); priced at the role's rate in force on that date. Timesheet imports add rows here. The Budget sums this log by role."
        ),
        "expenses": D_("Expenses"),
        "expenses_note": D_(
            "Travel, licences, subcontractors and other costs that are not effort, in {cur}; they add to actual cost (AC) from their date."
        ),
        "removed": D_("Removed from scope (actuals kept, counted in actual cost)"),
        "expenses_total": D_("Expenses (Expenses sheet)"),
        "ac_total": D_("Actual cost incl. expenses"),
    }
)


def labels(lang: str) -> dict[str, str]:
    """The cost sheets' texts in ``lang``."""
    return LABELS[lang]


def budget_rows(ctx: PlanContext) -> tuple[list[str], list[str]]:
    """(main role ids, removed role ids) in the Budget's row order (worked out once per
    plan: each formula of the effort and rate registers asks for them)."""
    found: tuple[list[str], list[str]] | None = ctx.memo.get("budget_rows")
    if found is None:
        found = ctx.memo["budget_rows"] = (budget_role_ids(ctx.kit), removed_roles(ctx.kit))
    return found


def budget_bounds(ctx: PlanContext) -> tuple[int, int]:
    """First and last row of the Budget's role rows (header on row 3; a removed section
    adds a heading row)."""
    main, removed = budget_rows(ctx)
    first = 4
    count = max(len(main), 1) + (len(removed) + 1 if removed else 0)
    return first, first + count - 1


def _budget_ref(ctx: PlanContext, key: str) -> str:
    from generator.sheets import plan as decl

    first, last = budget_bounds(ctx)
    letter = col_letter(decl.BUDGET.index(key) + 1)
    title = quote_sheet(ctx.sheets[decl.BUDGET.key].title)
    return f"{title}!${letter}${first}:${letter}${last}"


def _role_validation(ctx: PlanContext) -> dict[str, Any]:
    """A dropdown of the Budget's role names (typing a role id is accepted too)."""
    return {"validate": "list", "source": "=" + _budget_ref(ctx, "role"), "error_type": "warning"}


DATE_CHECK: dict[str, Any] = {"validate": "date", "criteria": ">", "value": Y2K}
"""A date cell's validation: a date after 2000-01-01."""

RowFill = Callable[[int, list[Any]], None]
"""Sets a register row's generated cells (formulas) in place, given its sheet row number."""
Filler = Callable[[SheetBuilder], RowFill]
"""Makes a register's :data:`RowFill` once the sheet's columns are placed."""


def _register(
    ctx: PlanContext,
    spec: SheetSpec,
    heading: tuple[str, str],
    numbering: tuple[str, int],
    table: str,
    checks: Callable[[], list[tuple[str, dict[str, Any]]]],
    filler: Filler | None = None,
) -> None:
    """Write a cost register: title and note (``heading``), the declared columns, the
    team's rows as they stood then spare rows numbered ``<prefix><number>`` (``numbering``:
    prefix and digits), each completed by the row fill ``filler(sheet)`` makes; record the
    range in ``ctx.ranges`` (to :data:`ADDED_ROOM` rows below the last, where rows may be
    typed), a named table ``table``, frozen ids, and the validations ``checks()`` returns
    as (column key, options), applied in that order from the first row to the end of the
    range (a callable: a list validation registers its list when made).
    """
    sb = ctx.sheets[spec.key]
    ctx.title(sb, *heading)
    cols = ctx.book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    fill = filler(sb) if filler is not None else None
    for cells in _numbered(spec, cols, _team_rows(ctx, spec, set()), *numbering):
        if fill is not None:
            fill(sb.next_row, cells)
        sb.add(cells)
    last = sb.next_row - 1
    first, vlast = header + 1, last + ADDED_ROOM
    ctx.ranges[spec.key] = (sb.title, first, vlast)
    sb.table(table, f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"B{first}")
    for key, options in checks():
        column = sb.col(key)
        sb.validation(f"{column}{first}:{column}{vlast}", options)


def rates(ctx: PlanContext) -> None:
    """The rate changes: role, from, new rate, reason."""
    lab = labels(ctx.kit.lang)
    known = _budget_roles(ctx)
    i_role, i_id = RATES.index("role"), RATES.index("role_id")

    def filler(sb: SheetBuilder) -> RowFill:
        ro = sb.col("role")

        def fill(r: int, cells: list[Any]) -> None:
            cells[i_id] = Formula(_role_id_formula(ctx, f"{ro}{r}"), _resolve(known, cells[i_role]))

        return fill

    _register(
        ctx,
        RATES,
        (lab["rates"], lab["rates_note"]),
        ("R-", 2),
        "Rate_changes",
        lambda: [
            ("role", _role_validation(ctx)),
            ("from", DATE_CHECK),
            ("rate", {"validate": "decimal", "criteria": ">=", "value": 0}),
        ],
        filler,
    )


def _budget_roles(ctx: PlanContext) -> dict[str, str]:
    """Role text (lower case) -> id for the roles on the Budget: ids, then names (as
    ``MATCH`` finds them: the id column first)."""
    main, removed = budget_rows(ctx)
    index: dict[str, str] = {}
    for rid in [*main, *removed]:
        index.setdefault(ctx.role(rid).lower(), rid)
    for rid in [*main, *removed]:
        index[rid.lower()] = rid
    return index


def _resolve(known: dict[str, str], cell: Any) -> str:
    text = _value(cell)
    return known.get(str(text).lower(), "") if text not in (None, "") else ""


def _role_id_formula(ctx: PlanContext, role: str) -> str:
    """The role id the text in cell ``role`` names on the Budget (its id or name), else ""."""
    ids, names = _budget_ref(ctx, "id"), _budget_ref(ctx, "role")
    return (
        f'=IF({role}="","",IFERROR(INDEX({ids},MATCH({role},{ids},0)),'
        f'IFERROR(INDEX({ids},MATCH({role},{names},0)),"")))'
    )


def _rate_formula(ctx: PlanContext, role_id: str, day: str) -> str:
    """The day rate in force for the role id in cell ``role_id`` on the date in ``day``:
    its latest change on or before the date (the mean of same-day changes), else the
    Budget's day rate."""
    title, first, last = ctx.ranges[RATES.key]
    sheet = quote_sheet(title)

    def rng(key: str) -> str:
        letter = col_letter(RATES.index(key) + 1)
        return f"{sheet}!${letter}${first}:${letter}${last}"

    ids, base = _budget_ref(ctx, "id"), _budget_ref(ctx, "rate")
    latest = f"SUMPRODUCT(MAX(({rng('role_id')}={role_id})*({rng('from')}<={day})*{rng('from')}))"
    pick = f"({rng('role_id')}={role_id})*({rng('from')}={latest})"
    return (
        f'=IF({role_id}="","",IF({latest}=0,INDEX({base},MATCH({role_id},{ids},0)),'
        f"SUMPRODUCT({pick}*{rng('rate')})/SUMPRODUCT({pick})))"
    )


def effort(ctx: PlanContext) -> None:
    """The effort log: the team's rows, spare rows; rate in force and cost by formula."""
    kit, spec = ctx.kit, EFFORT
    lab = labels(kit.lang)
    ledger = ledger_of(kit)
    i_role, i_date, i_days = spec.index("role"), spec.index("date"), spec.index("days")
    i_id, i_rate, i_cost = spec.index("role_id"), spec.index("rate"), spec.index("cost")
    known = _budget_roles(ctx)

    def filler(sb: SheetBuilder) -> RowFill:
        dt, ro, dy, rt = sb.col("date"), sb.col("role"), sb.col("days"), sb.col("rate")
        rid = sb.col("role_id")

        def fill(r: int, cells: list[Any]) -> None:
            role = _resolve(known, cells[i_role])
            day = _value(cells[i_date])
            found = ledger.rate_on(role, day if isinstance(day, date) else None) if role else None
            rate: Any = "" if found is None else found
            days = number(_value(cells[i_days]))
            cost: Any = days * found if found is not None and days else ""
            cells[i_id] = Formula(_role_id_formula(ctx, f"{ro}{r}"), role)
            cells[i_rate] = Formula(_rate_formula(ctx, f"{rid}{r}", f"{dt}{r}"), rate)
            cells[i_cost] = Formula(f'=IF(OR(N({dy}{r})=0,{rt}{r}=""),"",{dy}{r}*{rt}{r})', cost)

        return fill

    _register(
        ctx,
        spec,
        (lab["effort"], lab["effort_note"]),
        ("E-", 4),
        "Effort_log",
        lambda: [
            ("role", _role_validation(ctx)),
            ("date", DATE_CHECK),
            ("days", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1000}),
        ],
        filler,
    )


def expenses(ctx: PlanContext) -> None:
    """The expenses log: the team's rows and spare rows (no formulas)."""
    from generator.sheets.lists import EXPENSE_CATEGORY

    kit = ctx.kit
    lab = labels(kit.lang)

    def checks() -> list[tuple[str, dict[str, Any]]]:
        found = [
            ("category", ctx.book.list_validation(EXPENSE_CATEGORY)),
            ("date", DATE_CHECK),
            ("amount", {"validate": "decimal", "criteria": ">=", "value": -1e12}),
        ]
        phases = [p.name for p in kit.phases]
        if phases and len(",".join(phases)) <= 250 and not any("," in p for p in phases):
            found.append(("phase", {"validate": "list", "source": phases, "error_type": "warning"}))
        return found

    _register(
        ctx,
        EXPENSES,
        (lab["expenses"], lab["expenses_note"].format(cur=kit.project.currency)),
        ("X-", 3),
        "Expenses",
        checks,
    )

"""Declarations of the plan workbook's cost-recording sheets: the effort log, rate changes, expenses.

Together with the Budget (``plan.budget`` in :mod:`generator.sheets.plan`) they hold what
a project spent; :mod:`generator.tracking.cost` turns them into actual cost (AC):

* ``plan.effort`` — the effort log: one row per person, role, day (or period, dated by
  its last day) and optionally task, in person-days. Priced at the role's rate in force
  on the row's date. Timesheet imports write here (with their own stable ids).
* ``plan.rates`` — rate changes: from a date on, a role's day rate is another. The
  Budget's day rate is the rate from the project start; a change never re-prices
  effort dated before it.
* ``plan.expenses`` — travel, licences, subcontractors...: dated amounts in the
  project currency, optionally by phase; they add to AC from their date.

Every row of these sheets is the team's (numbered spare rows ``E-0001``, ``R-01``,
``X-001``; an importer's rows keep their own ids). The role columns take the role's
name as the Budget shows it (a dropdown) or its id; ``role_id`` shows the role id it was
recognised as (blank: no role of the Budget). The contract other engineers write
against is in docs/tracking.md ("Recording cost").
"""

from __future__ import annotations

from generator.sheets import D_, SheetSpec, gen, mine
from generator.sheets.lists import EXPENSE_CATEGORY

EFFORT = SheetSpec(
    key="plan.effort",
    workbook="plan",
    text=D_("Actual effort"),
    key_column="id",
    columns=(
        gen("id", D_("Entry id"), min_width=10, max_width=30),
        mine("date", D_("Date worked"), "date", min_width=12),
        mine("person", D_("Person"), min_width=12, max_width=20),
        mine("role", D_("Project role"), min_width=18, max_width=30),
        gen("role_id", D_("Role id"), formula=True, min_width=10, max_width=26),
        mine("task", D_("Task id"), min_width=14, max_width=28),
        mine("days", D_("Effort (person-days)"), "person-days", min_width=10),
        gen(
            "rate",
            D_("Day rate in force ({cur})"),
            "currency",
            formula=True,
            min_width=12,
            max_width=14,
        ),
        gen("cost", D_("Cost ({cur})"), "currency", formula=True, min_width=12),
        mine("source", D_("Source"), min_width=12, max_width=24),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

RATES = SheetSpec(
    key="plan.rates",
    workbook="plan",
    text=D_("Rate changes"),
    key_column="id",
    columns=(
        gen("id", D_("Change id"), center=True, min_width=9, max_width=12),
        mine("role", D_("Project role"), min_width=18, max_width=30),
        gen("role_id", D_("Role id"), formula=True, min_width=10, max_width=26),
        mine("from", D_("Applies from"), "date", min_width=12),
        mine("rate", D_("New day rate ({cur})"), "currency", min_width=12),
        mine("notes", D_("Reason / approval"), "long-text", width=30),
    ),
    accepts_added_rows=True,
)

EXPENSES = SheetSpec(
    key="plan.expenses",
    workbook="plan",
    text=D_("Expenses"),
    key_column="id",
    columns=(
        gen("id", D_("Expense id"), center=True, min_width=9, max_width=30),
        mine("date", D_("Date"), "date", min_width=12),
        mine("category", D_("Category"), "list", list=EXPENSE_CATEGORY, min_width=12),
        mine("description", D_("Description"), "long-text", width=30),
        mine("amount", D_("Amount ({cur})"), "currency", min_width=12),
        mine("phase", D_("Phase"), min_width=12, max_width=20),
        mine("supplier", D_("Supplier / payee"), min_width=12, max_width=24),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

COST_SHEETS: tuple[SheetSpec, ...] = (EFFORT, RATES, EXPENSES)

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

from typing import Any

from generator.sheets import ColType, ColumnSpec, SheetSpec
from generator.sheets.lists import EXPENSE_CATEGORY


def _gen(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "generated", type, **kw)


def _mine(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "consultant", type, **kw)


EFFORT = SheetSpec(
    key="plan.effort",
    workbook="plan",
    en="Actual effort",
    zh="实际工时",
    key_column="id",
    columns=(
        _gen("id", "Entry id", "记录编号", min_width=10, max_width=30),
        _mine("date", "Date worked", "工作日期", "date", min_width=12),
        _mine("person", "Person", "人员", min_width=12, max_width=20),
        _mine("role", "Project role", "项目角色", min_width=18, max_width=30),
        _gen("role_id", "Role id", "角色编号", formula=True, min_width=10, max_width=26),
        _mine("task", "Task id", "任务编号", min_width=14, max_width=28),
        _mine("days", "Effort (person-days)", "工作量（人天）", "person-days", min_width=10),
        _gen(
            "rate",
            "Day rate in force ({cur})",
            "当日适用单价（{cur}）",
            "currency",
            formula=True,
            min_width=12,
            max_width=14,
        ),
        _gen("cost", "Cost ({cur})", "成本（{cur}）", "currency", formula=True, min_width=12),
        _mine("source", "Source", "来源", min_width=12, max_width=24),
        _mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

RATES = SheetSpec(
    key="plan.rates",
    workbook="plan",
    en="Rate changes",
    zh="单价调整",
    key_column="id",
    columns=(
        _gen("id", "Change id", "调整编号", center=True, min_width=9, max_width=12),
        _mine("role", "Project role", "项目角色", min_width=18, max_width=30),
        _gen("role_id", "Role id", "角色编号", formula=True, min_width=10, max_width=26),
        _mine("from", "Applies from", "生效日期", "date", min_width=12),
        _mine("rate", "New day rate ({cur})", "新人天单价（{cur}）", "currency", min_width=12),
        _mine("notes", "Reason / approval", "原因/审批", "long-text", width=30),
    ),
    accepts_added_rows=True,
)

EXPENSES = SheetSpec(
    key="plan.expenses",
    workbook="plan",
    en="Expenses",
    zh="费用",
    key_column="id",
    columns=(
        _gen("id", "Expense id", "费用编号", center=True, min_width=9, max_width=30),
        _mine("date", "Date", "日期", "date", min_width=12),
        _mine("category", "Category", "类别", "list", list=EXPENSE_CATEGORY, min_width=12),
        _mine("description", "Description", "说明", "long-text", width=30),
        _mine("amount", "Amount ({cur})", "金额（{cur}）", "currency", min_width=12),
        _mine("phase", "Phase", "阶段", min_width=12, max_width=20),
        _mine("supplier", "Supplier / payee", "供应商/收款方", min_width=12, max_width=24),
        _mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

COST_SHEETS: tuple[SheetSpec, ...] = (EFFORT, RATES, EXPENSES)

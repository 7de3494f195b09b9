"""What the project spent: actual cost (AC) from the Budget, the effort log, rate changes and expenses.

The team records cost in four places of the plan workbook (declared in
:mod:`generator.sheets.plan` and :mod:`generator.sheets.cost`):

* Budget (``plan.budget``, one row per role): the day rate from the project start
  (``rate``), undated person-days (``actual_effort``) and an optional actual cost typed
  over the computed one (``cost_entered``);
* Actual effort (``plan.effort``): dated person-days per role (timesheets);
* Rate changes (``plan.rates``): from a date on, a role's day rate is another;
* Expenses (``plan.expenses``): dated amounts (travel, licences, subcontractors...).

AC at a status date D, in the project currency (docs/tracking.md, "Recording cost"):

    AC(D) = sum over roles of  [ cost_entered                      if typed,
                                 else actual_effort x Budget rate
                                      + sum of the role's log rows dated <= D
                                        of person-days x rate in force on their date ]
            + sum of the expenses dated <= D

The rate in force for role R on day D is the rate of R's latest change with
``from`` <= D, else the Budget rate: a change never re-prices effort dated before it.
Effort typed undated on the Budget is priced at the Budget rate. A log row without a
date is priced at the Budget rate and counted at every status date; a log row whose
role is unknown is not priced; both are listed (:attr:`Ledger.problems`). Without day
rates (the kit's unit is person-days) AC is the person-days recorded and expenses are
not counted (listed).

A role whose cost is "recorded" has person-days or a typed cost by D; the EVM
cost figures (CPI, EAC...) are computed over those roles' work only
(:mod:`generator.tracking.evm`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.tracking.evm import RoleActual

PERSON_DAY_HOURS = 8
"""Hours in a person-day, for importers that convert timesheet hours."""


def number(value: Any) -> float | None:
    """A cell value as a number (None for blank, text that is no number, a date or a bool,
    and for a number no figure can use: not finite or beyond ±10^12 — the carry refuses
    such a cell by its row and column, so ``1e308`` never reaches the cost figures)."""
    from generator.carry.values import usable_number

    if value is None or isinstance(value, (bool, date, datetime)):
        return None
    if isinstance(value, (int, float)):
        return usable_number(float(value))
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    try:
        return usable_number(float(text))
    except ValueError:
        return None


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


@dataclass(frozen=True)
class EffortLine:
    """One row of the effort log: ``days`` person-days of ``role`` (an id, or None when the
    text names no known role) worked on ``day``."""

    id: str
    day: date | None
    role: str | None
    role_text: str
    days: float
    task: str = ""
    person: str = ""


@dataclass(frozen=True)
class ExpenseLine:
    """One row of the expenses log, in the project currency."""

    id: str
    day: date | None
    category: str
    amount: float
    phase: str = ""


@dataclass(frozen=True)
class Problem:
    """A recorded row the cost figures could not use as typed: ``kind`` is one of
    ``unknown-role`` (effort not priced; a rate change not applied), ``no-date`` (effort
    or an expense: priced at the Budget rate and counted at every status date; a rate
    change: not applied), ``no-rate`` (a rate change without a rate: not applied), ``no-rates`` (an expense in a kit without day rates: not counted),
    ``undated-after-change`` (a role with a rate change whose effort is typed undated on
    the Budget: priced at the Budget rate)."""

    sheet: str
    id: str
    kind: str
    text: str = ""


@dataclass(frozen=True)
class RoleCost:
    """What one role spent by the status date: person-days and money (None: no rates)."""

    role: str
    effort: float
    cost: float | None
    entered: bool = False  # the cost is the typed ``cost_entered``


@dataclass(frozen=True)
class CostActuals:
    """AC at one status date, by role, with expenses and the rows not used as typed."""

    as_of: date
    money: bool
    roles: dict[str, RoleCost]
    expenses: float
    ac: float | None  # None: nothing recorded by the status date
    problems: tuple[Problem, ...] = ()

    @property
    def recorded(self) -> frozenset[str]:
        """Role ids whose cost is recorded (person-days or a typed cost) by the status date."""
        return frozenset(r.role for r in self.roles.values() if r.effort > 0 or r.entered)


@dataclass(frozen=True)
class Ledger:
    """Everything recorded about cost in a kit, before a status date is applied."""

    base_rates: dict[str, float]
    changes: dict[str, tuple[tuple[date, float], ...]]  # role -> (from, rate), by date
    budget_effort: dict[str, float]
    budget_cost: dict[str, float]
    effort: tuple[EffortLine, ...]
    expenses: tuple[ExpenseLine, ...]
    problems: tuple[Problem, ...] = field(default=())
    roles: dict[str, str] = field(default_factory=dict)  # typed text (lower case) -> role id

    def role_of(self, text: Any) -> str | None:
        """The role id a typed role cell names (its id or name), None when unknown or blank."""
        typed = "" if text is None else str(text)
        return self.roles.get(typed.lower()) if typed.strip() else None

    def rate_on(self, role: str, day: date | None) -> float | None:
        """Day rate of ``role`` in force on ``day`` (None: the role has no rate)."""
        rate = self.base_rates.get(role)
        if day is None:
            return rate
        for start, value in self.changes.get(role, ()):
            if start <= day:
                rate = value
        return rate

    def actuals(self, as_of: date, *, money: bool) -> CostActuals:
        """AC at ``as_of`` (see the module docstring); ``money`` False: in person-days."""
        effort: dict[str, float] = {}
        priced: dict[str, float] = {}
        for role, days in self.budget_effort.items():
            effort[role] = effort.get(role, 0.0) + days
            priced[role] = priced.get(role, 0.0) + days * (self.base_rates.get(role) or 0.0)
        for line in self.effort:
            if line.role is None or (line.day is not None and line.day > as_of):
                continue
            effort[line.role] = effort.get(line.role, 0.0) + line.days
            rate = self.rate_on(line.role, line.day) or 0.0
            priced[line.role] = priced.get(line.role, 0.0) + line.days * rate
        roles: dict[str, RoleCost] = {}
        for role in sorted(set(effort) | set(self.budget_cost)):
            entered = role in self.budget_cost
            if not money:
                cost = effort.get(role, 0.0)
            else:
                cost = self.budget_cost[role] if entered else priced.get(role, 0.0)
            roles[role] = RoleCost(role, effort.get(role, 0.0), cost, entered)
        spent = (
            sum(x.amount for x in self.expenses if x.day is None or x.day <= as_of)
            if money
            else 0.0
        )
        anything = bool(roles) or any(x.day is None or x.day <= as_of for x in self.expenses)
        total = sum(r.cost or 0.0 for r in roles.values()) + spent
        problems = self.problems
        if not money:
            problems += tuple(
                Problem("plan.expenses", x.id, "no-rates", f"{x.amount:,.2f}")
                for x in self.expenses
            )
        return CostActuals(as_of, money, roles, spent, total if anything else None, tuple(problems))


def _role_index(kit: Kit, known: set[str]) -> dict[str, str]:
    """Text a team may type for a role -> role id: the role's id or its name, compared
    ignoring case as Excel's MATCH and SUMIFS compare (no trimming)."""
    index: dict[str, str] = {}
    for role in kit.roles:
        index[role.name.lower()] = role.id
    for role_id in known:
        index[role_id.lower()] = role_id
    return index


def ledger_of(kit: Kit, spent: Mapping[str, RoleActual] | None = None) -> Ledger:
    """The cost records of ``kit`` (its carried entries); ``spent`` adds Budget values read
    from the workbook where the kit carries none for a role (an older kit)."""
    from generator.sheets.lists import EXPENSE_CATEGORY

    base = {role.id: float(role.day_rate) for role in kit.roles}
    budget_effort: dict[str, float] = {}
    budget_cost: dict[str, float] = {}
    for role, values in kit.entries_of("plan.budget").rows:
        cells = dict(values)
        rate = number(cells.get("rate"))
        if rate is not None:
            base[role] = rate
        else:
            base.setdefault(role, 0.0)
        days = number(cells.get("actual_effort"))
        if days is not None:
            budget_effort[role] = days
        cost = number(cells.get("cost_entered"))
        if cost is not None:
            budget_cost[role] = cost
    for role, entry in (spent or {}).items():
        if role in budget_effort or role in budget_cost:
            continue
        if entry.rate is not None:
            base[role] = entry.rate
        if entry.effort is not None:
            budget_effort[role] = entry.effort
        if entry.cost is not None:
            budget_cost[role] = entry.cost
    roles = _role_index(kit, set(base))
    problems: list[Problem] = []

    def rows(sheet: str) -> list[tuple[str, dict[str, Any]]]:
        entries = kit.entries_of(sheet)
        out = [(key, dict(values)) for key, values in entries.rows]
        out += [(str(dict(v).get("id") or ""), dict(v)) for v in entries.added]
        return out

    changes: dict[str, list[tuple[date, float]]] = {}
    for key, cells in rows("plan.rates"):
        text = str(cells.get("role") or "")
        start, rate = _day(cells.get("from")), number(cells.get("rate"))
        if not text.strip() and start is None and rate is None:
            continue
        role_id = roles.get(text.lower()) if text.strip() else None
        if role_id is None or start is None or rate is None:
            kind = "unknown-role" if role_id is None else "no-date" if start is None else "no-rate"
            problems.append(Problem("plan.rates", key, kind, text))  # not applied
            continue
        changes.setdefault(role_id, []).append((start, rate))
    effort: list[EffortLine] = []
    for key, cells in rows("plan.effort"):
        days = number(cells.get("days"))
        if days is None:
            continue
        text = str(cells.get("role") or "")
        line_role = roles.get(text.lower()) if text.strip() else None
        day = _day(cells.get("date"))
        if line_role is None:
            problems.append(Problem("plan.effort", key, "unknown-role", text))
        elif day is None:
            problems.append(Problem("plan.effort", key, "no-date", text))
        effort.append(
            EffortLine(
                key,
                day,
                line_role,
                text,
                days,
                str(cells.get("task") or "").strip(),
                str(cells.get("person") or "").strip(),
            )
        )
    expenses: list[ExpenseLine] = []
    for key, cells in rows("plan.expenses"):
        amount = number(cells.get("amount"))
        if amount is None:
            continue
        day = _day(cells.get("date"))
        if day is None:
            problems.append(Problem("plan.expenses", key, "no-date"))
        category = str(cells.get("category") or "")
        expenses.append(
            ExpenseLine(
                key,
                day,
                EXPENSE_CATEGORY.key_of(category) or category,
                amount,
                str(cells.get("phase") or "").strip(),
            )
        )
    for role in sorted(changes):
        if budget_effort.get(role) and role not in budget_cost:
            problems.append(Problem("plan.budget", role, "undated-after-change"))
    return Ledger(
        base,
        {role: tuple(sorted(items)) for role, items in changes.items()},
        budget_effort,
        budget_cost,
        tuple(effort),
        tuple(expenses),
        tuple(problems),
        roles,
    )


def budget_role_ids(kit: Kit) -> list[str]:
    """The roles the Budget lists in its main section: those with planned effort, in the
    kit's role order, then planned roles the kit does not know (sorted)."""
    planned: set[str] = set()
    for task in kit.tasks:
        for role, days in task.effort:
            if days:
                planned.add(role)
    known = [role.id for role in kit.roles if role.id in planned]
    return known + sorted(planned - {role.id for role in kit.roles})


def removed_roles(kit: Kit) -> list[str]:
    """Roles with recorded cost that are not planned (any more): Budget effort or a typed
    cost, or effort-log rows naming them. The Budget keeps them in its "Removed from
    scope" section; they still count in AC. Sorted by id."""
    main = set(budget_role_ids(kit))
    found: set[str] = set()
    for role, values in kit.entries_of("plan.budget").rows:
        cells = dict(values)
        if any(number(cells.get(k)) is not None for k in ("actual_effort", "cost_entered")):
            found.add(role)
    ledger = ledger_of(kit)
    found |= {line.role for line in ledger.effort if line.role is not None}
    return sorted(found - main)

"""Earned value management (EVM) per phase and for the project.

Definitions (PMBOK Guide, 6th edition, section 7.4.2.2 and Table 7-1
"Earned Value Calculations Summary"):

* BAC  budget at completion: the baseline's planned value of all work.
* PV   planned value at the status date: sum over tasks of the task's budget x the
  fraction of its baseline working days that lie on or before the status date
  (a milestone counts once its baseline date has passed).
* EV   earned value: sum over tasks of budget x % complete (finished: 100 %).
* AC   actual cost by the status date (:mod:`generator.tracking.cost`: the Budget's typed
  cost, else its effort and the effort log priced at the rate in force when worked,
  plus expenses); ``None`` while nothing is recorded.
* Cost is often recorded for some roles only. EV_rec is the earned value of the work of
  the roles whose cost is recorded (each task's EV split over its roles by their share
  of its planned cost; of its effort without rates); the coverage is EV_rec / EV.
* SV = EV - PV, SPI = EV / PV over all work; CV = EV_rec - AC, CPI = EV_rec / AC over
  the recorded work; EAC = BAC / CPI (the cost performance so far is typical of what
  is left), ETC = (BAC - EV) / CPI, VAC = BAC - EAC. With every role recorded EV_rec =
  EV and ETC = EAC - AC, PMBOK's forms.

A figure that needs a missing input (AC not entered, PV still zero) is ``None`` —
shown blank, never 0 or -100 %. The unit is the project currency when the day rates
give the baseline a cost, else person-days (``unit``). AC is recorded per role, not
per phase: a phase's AC (and CV, CPI, EAC, ETC, VAC) is ``None``. Effort is also
reported by side (vendor, client, joint, total) in person-days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.tracking.cost import CostActuals, ledger_of
from generator.tracking.states import Actual, actuals, points_through, working_calendar

if TYPE_CHECKING:
    from generator.calendar import WorkingCalendar
    from generator.kit_model import BaselineView, Kit, Task


@dataclass(frozen=True)
class RoleActual:
    """What the Budget sheet says was spent on a role: person-days and/or money."""

    role: str
    effort: float | None = None  # person-days
    cost: float | None = None  # entered directly, in the project currency
    rate: float | None = None  # the sheet's day rate (None: the role's rate in the Kit)


@dataclass(frozen=True)
class Figures:
    """EVM figures of one scope (the project or a phase), in ``unit``."""

    scope: str  # "project" or a phase id
    name: str
    bac: float
    pv: float
    ev: float
    ac: float | None
    ev_recorded: float | None = None  # EV of the recorded roles' work (None: all of EV)

    @property
    def ev_rec(self) -> float:
        """EV of the work whose cost is recorded (EV when not split)."""
        return self.ev if self.ev_recorded is None else self.ev_recorded

    @property
    def sv(self) -> float:
        return self.ev - self.pv

    @property
    def cv(self) -> float | None:
        return None if self.ac is None else self.ev_rec - self.ac

    @property
    def spi(self) -> float | None:
        return self.ev / self.pv if self.pv else None

    @property
    def cpi(self) -> float | None:
        return self.ev_rec / self.ac if self.ac else None

    @property
    def eac(self) -> float | None:
        cpi = self.cpi
        return self.bac / cpi if cpi else None

    @property
    def etc(self) -> float | None:
        cpi = self.cpi
        return (self.bac - self.ev) / cpi if cpi else None

    @property
    def vac(self) -> float | None:
        eac = self.eac
        return None if eac is None else self.bac - eac

    @property
    def percent_complete(self) -> float | None:
        """EV / BAC (0..1); None when the scope has no budget."""
        return self.ev / self.bac if self.bac else None

    def as_dict(self) -> dict[str, float | str | None]:
        """Rounded figures by PMBOK abbreviation (lower case), money to 2 decimals."""

        def r(value: float | None, places: int = 2) -> float | None:
            return None if value is None else round(value, places)

        return {
            "scope": self.scope,
            "bac": r(self.bac),
            "pv": r(self.pv),
            "ev": r(self.ev),
            "ac": r(self.ac),
            "ev_recorded": r(self.ev_rec) if self.ac is not None else None,
            "sv": r(self.sv),
            "cv": r(self.cv),
            "spi": r(self.spi, 4),
            "cpi": r(self.cpi, 4),
            "eac": r(self.eac),
            "etc": r(self.etc),
            "vac": r(self.vac),
            "percent_complete": r(self.percent_complete, 4),
        }


@dataclass(frozen=True)
class SideEffort:
    """Person-days of one side (vendor, client, joint or total)."""

    side: str
    planned: float  # baseline effort (BAC in person-days)
    pv: float
    ev: float
    actual: float | None


@dataclass(frozen=True)
class Coverage:
    """How much of the work has its cost recorded: roles and share of EV.

    ``roles``: roles with planned work (in the baseline's tasks); ``recorded``: those of
    them whose cost is recorded; ``ev_share``: EV_rec / EV (None while EV is 0);
    ``partial``: cost is recorded and ``ev_share`` is below the threshold
    (``cost_coverage_partial``, docs/tracking.md) or unknown.
    """

    recorded: int
    roles: int
    ev_share: float | None
    partial: bool
    removed: tuple[str, ...] = ()  # recorded roles with no planned work (left scope)

    def as_dict(self) -> dict[str, object]:
        return {
            "roles_recorded": self.recorded,
            "roles": self.roles,
            "ev_share": None if self.ev_share is None else round(self.ev_share, 4),
            "partial": self.partial,
            "removed_roles": list(self.removed),
        }


@dataclass(frozen=True)
class Evm:
    """The figures at one status date."""

    as_of: date
    unit: str  # the currency code, or "person-days"
    project: Figures
    phases: tuple[Figures, ...]
    sides: tuple[SideEffort, ...]
    coverage: Coverage | None = None  # None while no cost is recorded
    cost: CostActuals | None = None


def _role_shares(task: Task, rates: Mapping[str, float] | None) -> dict[str, float]:
    """Each role's share (0..1) of a task's budget: by planned cost (days x day rate) when
    ``rates`` are given and give the task a cost, else by planned person-days."""
    weights: dict[str, float] = {}
    for role, days in task.effort:
        if days > 0:
            weights[role] = weights.get(role, 0.0) + days * (rates.get(role, 0.0) if rates else 1.0)
    total = sum(weights.values())
    if total <= 0 and rates is not None:
        return _role_shares(task, None)
    return {role: w / total for role, w in weights.items()} if total > 0 else {}


class _Budgets:
    """Per task: baseline start point, duration, budget (cost or effort), effort by side."""

    def __init__(self, kit: Kit, baseline: BaselineView | None, cal: WorkingCalendar) -> None:
        from generator.tracking.baseline import task_cost

        self.sides = {role.id: role.side for role in kit.roles}
        saved = {t.task_id: t for t in baseline.tasks} if baseline else {}
        total_cost = (
            sum(t.cost for t in saved.values())
            if saved
            else sum(task_cost(kit, t.effort) for t in kit.tasks)
        )
        self.money = total_cost > 0
        self.rows: list[tuple[str, str, int, int, date, float, dict[str, float]]] = []
        self.shares: dict[str, dict[str, float]] = {}  # task id -> role -> share of budget
        rates = {role.id: role.day_rate for role in kit.roles}
        for task in kit.tasks:
            self.shares[task.id] = _role_shares(task, rates if self.money else None)
            base = saved.get(task.id)
            start, finish = (base.start, base.finish) if base else (task.start, task.finish)
            duration = base.duration if base else task.duration
            effort = base.effort if base else task.effort_days
            cost = base.cost if base else task_cost(kit, task.effort)
            scale = effort / task.effort_days if task.effort_days else 0.0
            by_side: dict[str, float] = {}
            for role, days in task.effort:
                side = self.sides.get(role, "vendor")
                by_side[side] = by_side.get(side, 0.0) + days * scale
            budget = cost if self.money else effort
            self.rows.append(
                (task.id, task.phase, cal.index(start), duration, finish, budget, by_side)
            )

    def planned_roles(self) -> set[str]:
        """Roles with a share of some task's budget."""
        return {role for shares in self.shares.values() for role in shares}

    @staticmethod
    def planned_fraction(
        cal: WorkingCalendar, start: int, duration: int, finish: date, day: date
    ) -> float:
        if duration <= 0:
            return 1.0 if finish <= day else 0.0
        done = points_through(cal, day) - start
        return min(max(done / duration, 0.0), 1.0)


def planned_value(
    kit: Kit, days: Iterable[date], *, baseline: BaselineView | None = None
) -> list[float]:
    """PV of the project at each of ``days`` (the S-curve), in the same unit as :func:`earned_value`.

    One sweep over working-day points, O(tasks + points + days): a task adds a slope of
    ``budget / duration`` per working day from its baseline start for ``duration`` days;
    a milestone adds its budget once its baseline date has passed.
    """
    cal = working_calendar(kit)
    budgets = _Budgets(kit, baseline, cal)
    wanted = list(days)
    points = [points_through(cal, day) for day in wanted]
    top = max([*points, 0]) + 1
    delta = [0.0] * (top + 1)
    steps: list[tuple[date, float]] = []
    for _, _, start, duration, finish, budget, _ in budgets.rows:
        if not budget:
            continue
        if duration <= 0:
            steps.append((finish, budget))
            continue
        first = min(max(start, 0), top)
        delta[first] += budget / duration
        delta[min(first + duration, top)] -= budget / duration
    cumulative = [0.0] * (top + 1)  # cumulative[p]: planned value done before point p
    slope = 0.0
    for point in range(top):
        slope += delta[point]
        cumulative[point + 1] = cumulative[point] + slope
    return [
        cumulative[min(point, top)] + sum(b for f, b in steps if f <= day)
        for point, day in zip(points, wanted, strict=True)
    ]


def earned_value(
    kit: Kit,
    as_of: date,
    *,
    baseline: BaselineView | None = None,
    spent: Mapping[str, RoleActual] | None = None,
    partial_below: float = 0.8,
) -> Evm:
    """EVM figures of ``kit`` (its progress and cost records) at ``as_of`` against
    ``baseline`` (None: the plan).

    ``spent`` maps role id -> :class:`RoleActual` read from the Budget sheet of an older
    kit whose entries do not carry them (None or empty: the kit's entries only).
    ``partial_below``: the EV share under which recorded cost is flagged partial.
    """
    cal = working_calendar(kit)
    budgets = _Budgets(kit, baseline, cal)
    acts: dict[str, Actual] = actuals(kit)
    unit = kit.project.currency if budgets.money else "person-days"

    phase_pv: dict[str, float] = {}
    phase_ev: dict[str, float] = {}
    phase_bac: dict[str, float] = {}
    role_ev: dict[str, float] = {}
    side_rows: dict[str, list[float]] = {}
    for task_id, phase, start, duration, finish, budget, by_side in budgets.rows:
        planned = budgets.planned_fraction(cal, start, duration, finish, as_of)
        act = acts[task_id]
        earned = act.percent if act.state in ("started", "finished") else 0.0
        phase_bac[phase] = phase_bac.get(phase, 0.0) + budget
        phase_pv[phase] = phase_pv.get(phase, 0.0) + budget * planned
        phase_ev[phase] = phase_ev.get(phase, 0.0) + budget * earned
        for role, share in budgets.shares[task_id].items():
            role_ev[role] = role_ev.get(role, 0.0) + budget * earned * share
        for side, days in by_side.items():
            row = side_rows.setdefault(side, [0.0, 0.0, 0.0])
            row[0] += days
            row[1] += days * planned
            row[2] += days * earned

    cost = ledger_of(kit, spent).actuals(as_of, money=budgets.money)
    side_actual: dict[str, float] = {}
    for spent_role in cost.roles.values():
        if spent_role.effort:
            side = budgets.sides.get(spent_role.role, "vendor")
            side_actual[side] = side_actual.get(side, 0.0) + spent_role.effort

    ev = sum(phase_ev.values())
    coverage: Coverage | None = None
    ev_recorded: float | None = None
    if cost.ac is not None:
        planned_roles = budgets.planned_roles()
        recorded = cost.recorded
        ev_recorded = sum(v for role, v in role_ev.items() if role in recorded)
        ev_share = ev_recorded / ev if ev > 0 else None
        coverage = Coverage(
            recorded=len(recorded & planned_roles),
            roles=len(planned_roles),
            ev_share=ev_share,
            partial=ev_share is None or ev_share < partial_below - 1e-12,
            removed=tuple(sorted(recorded - planned_roles)),
        )

    phases = tuple(
        Figures(
            p.id,
            p.name,
            phase_bac.get(p.id, 0.0),
            phase_pv.get(p.id, 0.0),
            phase_ev.get(p.id, 0.0),
            None,
        )
        for p in kit.phases
    )
    project = Figures(
        "project",
        kit.project.name,
        sum(phase_bac.values()),
        sum(phase_pv.values()),
        ev,
        cost.ac,
        ev_recorded,
    )
    sides: list[SideEffort] = []
    for side in ("vendor", "client", "joint"):
        if side in side_rows or side in side_actual:
            planned, pv, ev_side = side_rows.get(side, [0.0, 0.0, 0.0])
            sides.append(SideEffort(side, planned, pv, ev_side, side_actual.get(side)))
    planned, pv, ev_total = (sum(row[i] for row in side_rows.values()) for i in range(3))
    spent_total = sum(side_actual.values()) if side_actual else None
    sides.append(SideEffort("total", planned, pv, ev_total, spent_total))
    return Evm(as_of, unit, project, phases, tuple(sides), coverage, cost)

"""Earned value management (EVM) per phase and for the project.

Definitions (PMBOK Guide, 6th edition, section 7.4.2.2 and Table 7-1
"Earned Value Calculations Summary"):

* BAC  budget at completion: the baseline's planned value of all work.
* PV   planned value at the status date: sum over tasks of the task's budget x the
  fraction of its baseline working days that lie on or before the status date
  (a milestone counts once its baseline date has passed).
* EV   earned value: sum over tasks of budget x % complete (finished: 100 %).
* AC   actual cost: actual cost entered on the Budget sheet, else its actual effort
  (person-days) x the role's day rate; ``None`` while nothing is entered.
* SV = EV - PV, CV = EV - AC, SPI = EV / PV, CPI = EV / AC.
* EAC = BAC / CPI (the cost performance so far is typical of what is left),
  ETC = EAC - AC, VAC = BAC - EAC.

A figure that needs a missing input (AC not entered, PV still zero) is ``None`` —
shown blank, never 0 or -100 %. The unit is the project currency when the day rates
give the baseline a cost, else person-days (``unit``). AC is recorded per role on the
Budget sheet, not per phase: a phase's AC (and CV, CPI, EAC, ETC, VAC) is ``None``.
Effort is also reported by side (vendor, client, joint, total) in person-days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.tracking.states import Actual, actuals, points_through, working_calendar

if TYPE_CHECKING:
    from generator.calendar import WorkingCalendar
    from generator.kit_model import BaselineView, Kit


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

    @property
    def sv(self) -> float:
        return self.ev - self.pv

    @property
    def cv(self) -> float | None:
        return None if self.ac is None else self.ev - self.ac

    @property
    def spi(self) -> float | None:
        return self.ev / self.pv if self.pv else None

    @property
    def cpi(self) -> float | None:
        return self.ev / self.ac if self.ac else None

    @property
    def eac(self) -> float | None:
        cpi = self.cpi
        return self.bac / cpi if cpi else None

    @property
    def etc(self) -> float | None:
        eac = self.eac
        return None if eac is None or self.ac is None else eac - self.ac

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
class Evm:
    """The figures at one status date."""

    as_of: date
    unit: str  # the currency code, or "person-days"
    project: Figures
    phases: tuple[Figures, ...]
    sides: tuple[SideEffort, ...]


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
        for task in kit.tasks:
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
) -> Evm:
    """EVM figures of ``kit`` (its progress) at ``as_of`` against ``baseline`` (None: the plan).

    ``spent`` maps role id -> :class:`RoleActual` from the Budget sheet (None or empty:
    no actuals, AC is None).
    """
    cal = working_calendar(kit)
    budgets = _Budgets(kit, baseline, cal)
    acts: dict[str, Actual] = actuals(kit)
    rates = {role.id: role.day_rate for role in kit.roles}
    unit = kit.project.currency if budgets.money else "person-days"

    phase_pv: dict[str, float] = {}
    phase_ev: dict[str, float] = {}
    phase_bac: dict[str, float] = {}
    side_rows: dict[str, list[float]] = {}
    for task_id, phase, start, duration, finish, budget, by_side in budgets.rows:
        planned = budgets.planned_fraction(cal, start, duration, finish, as_of)
        act = acts[task_id]
        earned = act.percent if act.state in ("started", "finished") else 0.0
        phase_bac[phase] = phase_bac.get(phase, 0.0) + budget
        phase_pv[phase] = phase_pv.get(phase, 0.0) + budget * planned
        phase_ev[phase] = phase_ev.get(phase, 0.0) + budget * earned
        for side, days in by_side.items():
            row = side_rows.setdefault(side, [0.0, 0.0, 0.0])
            row[0] += days
            row[1] += days * planned
            row[2] += days * earned

    ac: float | None = None
    side_actual: dict[str, float] = {}
    for role, entry in (spent or {}).items():
        side = budgets.sides.get(role, "vendor")
        if entry.effort is not None:
            side_actual[side] = side_actual.get(side, 0.0) + entry.effort
        if budgets.money:
            rate = entry.rate if entry.rate is not None else rates.get(role, 0.0)
            money = entry.cost
            if money is None and entry.effort is not None:
                money = entry.effort * rate
            if money is not None:
                ac = (ac or 0.0) + money
        elif entry.effort is not None:
            ac = (ac or 0.0) + entry.effort

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
        sum(phase_ev.values()),
        ac,
    )
    sides: list[SideEffort] = []
    for side in ("vendor", "client", "joint"):
        if side in side_rows or side in side_actual:
            planned, pv, ev = side_rows.get(side, [0.0, 0.0, 0.0])
            sides.append(SideEffort(side, planned, pv, ev, side_actual.get(side)))
    planned, pv, ev = (sum(row[i] for row in side_rows.values()) for i in range(3))
    spent_total = sum(side_actual.values()) if side_actual else None
    sides.append(SideEffort("total", planned, pv, ev, spent_total))
    return Evm(as_of, unit, project, phases, tuple(sides))

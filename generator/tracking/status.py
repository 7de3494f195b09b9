"""The status of a tracked kit at a status date: what the report and ``--json`` show.

``status_of(kit, as_of, ...)`` takes a Kit with the consultant's entries (progress on
the Plan sheet, Budget actuals, risks, change requests, migration and training
entries) and returns a :class:`Status`: forecast, earned value, milestones with their
baseline and forecast, the S-curve and milestone trend from snapshots, risks, change
requests, migration readiness, training completion and a RAG rating per area.

RAG thresholds (:data:`THRESHOLDS`; a pack sets its own in pack.yaml under
``status_thresholds``, :class:`generator.packs.model.StatusThresholds`): schedule red
when SPI < 0.9 or go-live slips more than 10 working days, amber when SPI < 0.95 or it slips at all; cost red when CPI < 0.9,
amber below 0.95 (grey while no actual cost is entered); risks red when an open risk
the team assessed scores 15 or more, amber from 10 (grey while no risk is assessed: the
pack's pre-scored risks are "unassessed"); migration red when an object has not passed mock
load 1 after its date, amber when one is blocked; training red when the pass rate is
below 70 %, amber below 85 %. Cost is measured over the work whose cost is recorded
(:mod:`generator.tracking.evm`); with cost recorded for less than
``cost_coverage_partial`` (80 %) of EV the figures are flagged partial.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from generator.tracking.areas import (
    CR_STATES,
    MIGRATION_BINS,
    RiskLine,
    change_requests,
    migration_bins,
    open_risks,
    training_completion,
)
from generator.tracking.evm import Evm, RoleActual, earned_value, planned_value
from generator.tracking.forecast import forecast_kit, working_days_between
from generator.tracking.snapshots import Snapshot
from generator.tracking.states import actuals, status_key, working_calendar

if TYPE_CHECKING:
    from generator.kit_model import BaselineView, Kit, Task

Rag = Literal["green", "amber", "red", "grey"]

THRESHOLDS: dict[str, float] = {
    "spi_red": 0.9,
    "spi_amber": 0.95,
    "cpi_red": 0.9,
    "cpi_amber": 0.95,
    "slip_red_days": 10,
    "risk_red_score": 15,
    "risk_amber_score": 10,
    "pass_red": 0.7,
    "pass_amber": 0.85,
    "cost_coverage_partial": 0.8,
}


@dataclass(frozen=True)
class MilestoneStatus:
    id: str
    name: str
    gate: bool
    baseline: date | None
    forecast: date
    slip: int | None  # working days, + = later than the baseline
    done: bool


@dataclass(frozen=True)
class TaskLine:
    """A task named in the report (this month, next month, needs attention)."""

    id: str
    wbs: str
    name: str
    owner: str
    start: date
    finish: date
    percent: float
    note: str = ""


@dataclass(frozen=True)
class Status:
    """Everything the status report shows (see the module docstring)."""

    as_of: date
    kit: Kit  # forecast at ``as_of``
    baseline_name: str
    evm: Evm
    go_live_baseline: date | None
    go_live_forecast: date | None
    slip: int | None
    milestones: tuple[MilestoneStatus, ...]
    curve: tuple[tuple[date, float, float | None, float | None], ...]  # day, PV, EV, AC
    trend: tuple[Snapshot, ...]
    done_this_month: tuple[TaskLine, ...]
    next_month: tuple[TaskLine, ...]
    attention: tuple[TaskLine, ...]
    risks: tuple[RiskLine, ...]  # open, highest score first
    heat: tuple[tuple[int, ...], ...]  # [impact-1][likelihood-1] -> open risks
    changes: tuple[tuple[str, int], ...]  # decision key -> count
    changes_by_month: tuple[tuple[str, int], ...]  # "2026-06" -> raised
    change_lines: tuple[dict[str, Any], ...]
    migration: tuple[tuple[str, int], ...]  # bin -> objects
    training: dict[str, float | int | None] = field(default_factory=dict)
    rag: tuple[tuple[str, Rag], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` answer (dates ISO, money rounded to 2 places, ratios to 4)."""
        p = self.evm.project.as_dict()
        return {
            "as_of": self.as_of.isoformat(),
            "baseline": self.baseline_name,
            "unit": self.evm.unit,
            "baseline_go_live": _iso(self.go_live_baseline),
            "forecast_go_live": _iso(self.go_live_forecast),
            "slip_working_days": self.slip,
            "percent_complete": p["percent_complete"],
            **{
                k: p[k]
                for k in ("bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac", "etc", "vac")
            },
            "ev_recorded": p["ev_recorded"],
            "cost_coverage": self.evm.coverage.as_dict() if self.evm.coverage else None,
            "expenses": round(self.evm.cost.expenses, 2) if self.evm.cost else None,
            "cost_records": [
                {"sheet": x.sheet, "id": x.id, "problem": x.kind, "text": x.text}
                for x in (self.evm.cost.problems if self.evm.cost else ())
            ],
            "phases": [ph.as_dict() for ph in self.evm.phases],
            "effort_by_side": [
                {
                    "side": s.side,
                    "planned": round(s.planned, 2),
                    "pv": round(s.pv, 2),
                    "ev": round(s.ev, 2),
                    "actual": None if s.actual is None else round(s.actual, 2),
                }
                for s in self.evm.sides
            ],
            "milestones": [
                {
                    "id": m.id,
                    "name": m.name,
                    "gate": m.gate,
                    "baseline": _iso(m.baseline),
                    "forecast": m.forecast.isoformat(),
                    "slip_working_days": m.slip,
                    "done": m.done,
                }
                for m in self.milestones
            ],
            "rag": dict(self.rag),
            "risks_open": len(self.risks),
            "risks_unassessed": sum(1 for r in self.risks if not r.assessed),
            "changes": dict(self.changes),
            "migration": dict(self.migration),
            "training": self.training,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _month_end(day: date) -> date:
    first_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next - timedelta(days=1)


def curve_days(first: date, last: date, as_of: date) -> list[date]:
    """Month ends from ``first`` to ``last`` (inclusive of the months), plus ``as_of``."""
    days = {as_of}
    day = _month_end(first)
    while day <= _month_end(last):
        days.add(day)
        day = _month_end(day + timedelta(days=1))
    return sorted(days)


def _line(kit: Kit, task: Task, percent: float, note: str = "") -> TaskLine:
    return TaskLine(
        task.id,
        task.wbs,
        task.name,
        kit.role_name(task.owner),
        task.start,
        task.finish,
        percent,
        note,
    )


def status_of(
    kit: Kit,
    as_of: date,
    *,
    baseline: BaselineView | None,
    spent: Mapping[str, RoleActual],
    snapshots: list[Snapshot],
    thresholds: Mapping[str, float] | None = None,
) -> Status:
    """The :class:`Status` of ``kit`` (with its entries, plan dates) at ``as_of``."""
    from generator.tracking.baseline import plan_as_baseline

    limits = {**THRESHOLDS, **(thresholds or {})}
    cal = working_calendar(kit)
    base = baseline or plan_as_baseline(kit)
    forecast = forecast_kit(kit, as_of, cal=cal)
    evm = earned_value(
        kit, as_of, baseline=base, spent=spent, partial_below=limits["cost_coverage_partial"]
    )
    acts = actuals(kit)
    saved = {t.task_id: t for t in base.tasks}

    anchor_go_live = next((t for t in forecast.tasks if t.anchor == "go-live"), None)
    go_live_base = (
        saved[anchor_go_live.id].finish if anchor_go_live and anchor_go_live.id in saved else None
    )
    go_live_forecast = forecast.project.go_live
    slip = (
        working_days_between(cal, go_live_base, go_live_forecast)
        if go_live_base and go_live_forecast
        else None
    )
    milestones = []
    for task in forecast.tasks:
        if not task.milestone or not (task.gate or task.anchor or task.key_node):
            continue
        b = saved.get(task.id)
        milestones.append(
            MilestoneStatus(
                task.id,
                task.name,
                task.gate is not None,
                b.finish if b else None,
                task.finish,
                working_days_between(cal, b.finish, task.finish) if b else None,
                acts[task.id].state == "finished",
            )
        )

    # S-curve: PV at month ends over the baseline, EV/AC from snapshots and today
    first = min((t.start for t in base.tasks), default=kit.project.start)
    last = max((t.finish for t in base.tasks), default=kit.project.finish)
    days = curve_days(first, max(last, as_of), as_of)
    pvs = planned_value(kit, days, baseline=base)
    earned = {s.as_of: (s.ev, s.ac) for s in snapshots if s.as_of < as_of}
    earned[as_of] = (evm.project.ev, evm.project.ac)
    curve = tuple(
        (day, pv, *(earned.get(day, (None, None)) if day <= as_of else (None, None)))
        for day, pv in zip(days, pvs, strict=True)
    )
    extra = sorted(d for d in earned if d not in set(days))
    if extra:
        extra_pv = planned_value(kit, extra, baseline=base)
        curve = tuple(
            sorted(
                curve + tuple((d, pv, *earned[d]) for d, pv in zip(extra, extra_pv, strict=True))
            )
        )

    # this month / next month / needs attention
    month_start = as_of.replace(day=1)
    horizon = as_of + timedelta(days=31)
    by_id = {t.id: t for t in forecast.tasks}
    done, coming, attention = [], [], []
    entries = {p.task_id: p for p in kit.progress}
    for task in forecast.tasks:
        act = acts[task.id]
        if act.state == "finished" and month_start <= task.finish <= as_of:
            done.append(_line(forecast, task, 1.0))
        elif (
            act.state in ("not-started", "started")
            and task.start <= horizon
            and task.finish > as_of
            and (act.state == "started" or task.start > as_of or task.finish <= horizon)
        ):
            coming.append(_line(forecast, task, act.percent))
        entry = entries.get(task.id)
        key = status_key(entry.status) if entry else ""
        b = saved.get(task.id)
        late = (
            working_days_between(cal, b.finish, by_id[task.id].finish)
            if b and act.state != "finished"
            else 0
        )
        if key in ("blocked", "on-hold") or (task.critical and late > 0 and not task.milestone):
            # blocked / on hold by the team's word, else late on the critical path (a task
            # marked "not started" that is late is late: its status is no reason shown)
            note = key if key in ("blocked", "on-hold") else f"+{late}"
            attention.append(_line(forecast, task, act.percent, note))

    risks = open_risks(kit)
    heat = [[0] * 5 for _ in range(5)]
    for r in risks:
        if r.assessed:  # the pack's pre-scoring is no assessment
            heat[r.impact - 1][r.likelihood - 1] += 1
    changes = change_requests(kit)
    decisions = Counter(c["decision"] for c in changes)
    months = Counter(c["raised_on"].strftime("%Y-%m") for c in changes if c["raised_on"])

    bins, mig_red, mig_amber = migration_bins(kit, as_of)
    training = training_completion(kit)

    def band(value: float | None, red: float, amber: float) -> Rag:
        if value is None:
            return "grey"
        return "red" if value < red else "amber" if value < amber else "green"

    schedule = band(evm.project.spi, limits["spi_red"], limits["spi_amber"])
    if slip is not None and slip > limits["slip_red_days"]:
        schedule = "red"
    elif slip and slip > 0 and schedule in ("green", "grey"):
        schedule = "amber"
    elif schedule == "grey":
        schedule = "green" if not slip else schedule
    assessed = [r for r in risks if r.assessed]
    top = assessed[0].score if assessed else 0
    rag: list[tuple[str, Rag]] = [
        ("schedule", schedule),
        ("cost", band(evm.project.cpi, limits["cpi_red"], limits["cpi_amber"])),
        (
            "risks",
            "grey"
            if risks and not assessed
            else "red"
            if top >= limits["risk_red_score"]
            else "amber"
            if top >= limits["risk_amber_score"]
            else "green",
        ),
        (
            "migration",
            "grey"
            if not kit.migration
            else "red"
            if mig_red
            else "amber"
            if mig_amber
            else "green",
        ),
        ("training", band(training["pass_rate"], limits["pass_red"], limits["pass_amber"])),
    ]
    return Status(
        as_of=as_of,
        kit=forecast,
        baseline_name=base.name,
        evm=evm,
        go_live_baseline=go_live_base,
        go_live_forecast=go_live_forecast,
        slip=slip,
        milestones=tuple(milestones),
        curve=curve,
        trend=tuple(snapshots),
        done_this_month=tuple(done),
        next_month=tuple(coming),
        attention=tuple(attention),
        risks=tuple(risks),
        heat=tuple(tuple(row) for row in heat),
        changes=tuple((k, decisions[k]) for k in CR_STATES if decisions[k]),
        changes_by_month=tuple(sorted(months.items())),
        change_lines=tuple(changes),
        migration=tuple((b, bins[b]) for b in MIGRATION_BINS if bins[b]),
        training=training,
        rag=tuple(rag),
    )


def read_thresholds(pack: Any) -> dict[str, float]:
    """A pack's ``status_thresholds`` as a dict (missing: {}, the defaults apply)."""
    meta = getattr(pack, "meta", None)
    found = getattr(meta, "status_thresholds", None)
    return {str(k): float(v) for k, v in dict(found).items()} if found else {}


def key_milestones(status: Status, limit: int = 10) -> list[MilestoneStatus]:
    """The milestones a one-page report shows: go-live and phase gates first, then those
    that fall within a month before to two months after the status date; in date order."""
    go_live = {t.id for t in status.kit.tasks if t.anchor == "go-live"}
    gates = {g.task_id for g in status.kit.gates if g.kind == "phase-gate"}
    near_from, near_to = status.as_of - timedelta(days=31), status.as_of + timedelta(days=62)

    def rank(m: MilestoneStatus) -> int:
        if m.id in go_live:
            return 0
        if m.id in gates:
            return 1
        return 2 if near_from <= m.forecast <= near_to else 3

    chosen = sorted(
        (m for m in status.milestones if rank(m) < 3), key=lambda m: (rank(m), m.forecast)
    )
    return sorted(chosen[:limit], key=lambda m: (m.forecast, m.id))


def trend_milestones(status: Status, limit: int = 6) -> list[MilestoneStatus]:
    """Milestones for the trend chart: go-live (done or not), then the open phase gates and
    milestones, then the most recently done ones (so a project at close-out still shows how
    its milestones moved); in date order. Empty only when the kit has no key milestone."""
    chosen_all = key_milestones(status, 50)
    go_live = {t.id for t in status.kit.tasks if t.anchor == "go-live"}
    first = [m for m in chosen_all if m.id in go_live]
    open_ = [m for m in chosen_all if not m.done and m.id not in go_live]
    done = sorted(
        (m for m in chosen_all if m.done and m.id not in go_live),
        key=lambda m: (m.forecast, m.id),
        reverse=True,
    )
    rest = (open_ + done)[: max(limit - len(first), 0)]
    return sorted(first + rest, key=lambda m: (m.forecast, m.id))

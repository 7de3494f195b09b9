"""The post-project evaluation of a tracked kit: one JSON-ready dict.

:func:`evaluation_of` takes the Kit with its carried entries, the status computed by
:func:`generator.tracking.status.status_of` (forecast, EVM, milestones with their
baseline) and the Budget actuals per role, and returns::

    {"project": {client, name, pack, start, baseline_go_live, go_live, live, on_time,
                 early, slip_working_days, delayed_by_changes, spi, cpi, unit},
     "milestones": [{id, name, gate, baseline, actual, slip_working_days, done}],
     "roles": [{id, name, planned_days, actual_days, variance_days, planned_cost,
                actual_cost, variance_cost}],
     "phases": [{id, name, planned_days, planned_duration, actual_duration, bac, ac}],
     "team": {...}, "changes": {...}, "defects": {...}, "acceptance": {...},
     "training": {sessions, held, attendance, pass_rate, hours_planned, hours_delivered...},
     "satisfaction": {...}, "lessons": [{phase, title, notes}]}

Effort in person-days, cost in the project currency, durations in working days, ratios
0..1. Nothing here computes EVM or a forecast itself: both come from ``generator.tracking``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.evaluation import quality

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.tracking.evm import RoleActual
    from generator.tracking.status import Status


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def on_time_of(baseline: date | None, go_live: date | None) -> tuple[bool | None, bool | None]:
    """(on time, early): go-live on or before the baseline go-live; strictly before."""
    if baseline is None or go_live is None:
        return None, None
    return go_live <= baseline, go_live < baseline


def _roles(kit: Kit, spent: Mapping[str, RoleActual]) -> list[dict[str, Any]]:
    planned: dict[str, float] = {}
    for task in kit.tasks:
        for role_id, days in task.effort:
            planned[role_id] = planned.get(role_id, 0.0) + days
    out = []
    for role in kit.roles:
        p = planned.get(role.id, 0.0)
        act = spent.get(role.id)
        rate = act.rate if act and act.rate is not None else role.day_rate
        a_days = act.effort if act else None
        a_cost = act.cost if act and act.cost is not None else None
        if a_cost is None and a_days is not None and rate:
            a_cost = a_days * rate
        if not p and a_days is None and a_cost is None:
            continue
        p_cost = p * role.day_rate
        out.append(
            {
                "id": role.id,
                "name": role.name,
                "side": role.side,
                "planned_days": round(p, 2),
                "actual_days": None if a_days is None else round(a_days, 2),
                "variance_days": None if a_days is None else round(a_days - p, 2),
                "planned_cost": round(p_cost, 2),
                "actual_cost": None if a_cost is None else round(a_cost, 2),
                "variance_cost": None if a_cost is None else round(a_cost - p_cost, 2),
            }
        )
    return out


def _phases(kit: Kit, status: Status) -> list[dict[str, Any]]:
    from generator.calendar import workdays_between

    progress = {p.task_id: p for p in kit.progress}
    figures = {f.scope: f for f in status.evm.phases}
    out = []
    for phase in kit.phases:
        tasks = [t for t in kit.tasks if t.phase == phase.id]
        starts = [progress[t.id].actual_start for t in tasks if t.id in progress]
        finishes = [progress[t.id].actual_finish for t in tasks if t.id in progress]
        first = min((d for d in starts if d), default=None)
        last = max((d for d in finishes if d), default=None)
        done = all(t.id in progress and progress[t.id].actual_finish for t in tasks)
        fig = figures.get(phase.id)
        out.append(
            {
                "id": phase.id,
                "name": phase.name,
                "planned_days": round(sum(t.effort_days for t in tasks), 2),
                "planned_duration": workdays_between(kit, phase.start, phase.finish),
                "actual_duration": workdays_between(kit, first, last)
                if first and last and done
                else None,
                "bac": None if fig is None else round(fig.bac, 2),
                "ev": None if fig is None else round(fig.ev, 2),
                "ac": None if fig is None or fig.ac is None else round(fig.ac, 2),
            }
        )
    return out


def _lessons(kit: Kit) -> list[dict[str, Any]]:
    names = {p.id: p.name for p in kit.phases}
    out = []
    for lesson in kit.lessons:
        notes = kit.entries_of("plan.lessons").row(lesson.id).get("notes")
        if notes:
            out.append({"phase": names.get(lesson.phase or "", ""), "title": lesson.title})
            out[-1]["notes"] = str(notes)
    for row in kit.entries_of("plan.lessons").added:
        cells = dict(row)
        title = str(cells.get("title") or "").strip()
        notes = str(cells.get("notes") or "").strip()
        if title or notes:
            out.append({"phase": str(cells.get("phase") or ""), "title": title, "notes": notes})
    return out


def training_hours(kit: Kit) -> dict[str, float]:
    """Session-hours planned (every session x its course's hours) and delivered (held ones)."""
    hours = {c.id: c.hours for c in kit.courses}
    held = {
        key
        for key, values in kit.entries_of("training.sessions").rows
        if dict(values).get("status") == "held"
    }
    planned = sum(hours.get(s.course, 0.0) for s in kit.sessions)
    delivered = sum(hours.get(s.course, 0.0) for s in kit.sessions if s.id in held)
    return {"hours_planned": round(planned, 2), "hours_delivered": round(delivered, 2)}


def evaluation_of(kit: Kit, status: Status, spent: Mapping[str, RoleActual]) -> dict[str, Any]:
    """The evaluation figures of ``kit`` (see the module docstring for the shape)."""
    from generator.tracking.areas import training_completion

    acts = {p.task_id: p for p in kit.progress}
    milestones = []
    for m in status.milestones:
        entry = acts.get(m.id)
        actual = entry.actual_finish if entry and entry.actual_finish else None
        milestones.append(
            {
                "id": m.id,
                "name": m.name,
                "gate": m.gate,
                "baseline": _iso(m.baseline),
                "actual": _iso(actual),
                "forecast": m.forecast.isoformat(),
                "slip_working_days": m.slip,
                "done": m.done,
            }
        )
    go_live_task = next((t for t in kit.tasks if t.anchor == "go-live"), None)
    live_entry = acts.get(go_live_task.id) if go_live_task else None
    live = bool(live_entry and live_entry.actual_finish)
    go_live = status.go_live_forecast
    on_time, early = on_time_of(status.go_live_baseline, go_live)
    gate_names = {g.id: g.name for g in kit.gates}
    changes = quality.changes(quality.rows_of_kit(kit, "plan.changes", "cr_id"))
    planned_effort = sum(t.effort_days for t in kit.tasks)
    p = status.evm.project
    project = {
        "client": kit.project.client,
        "name": kit.project.name,
        "pack": kit.pack.id,
        "pack_name": kit.pack.name,
        "start": kit.project.start.isoformat(),
        "as_of": status.as_of.isoformat(),
        "baseline": status.baseline_name,
        "baseline_go_live": _iso(status.go_live_baseline),
        "go_live": _iso(go_live),
        "live": live,
        "on_time": on_time,
        "early": early,
        "slip_working_days": status.slip,
        "delayed_by_changes": bool(on_time is False and changes["days_added"] > 0),
        "planned_effort_days": round(planned_effort, 2),
        "unit": status.evm.unit,
        "bac": round(p.bac, 2),
        "ac": None if p.ac is None else round(p.ac, 2),
        "spi": None if p.spi is None else round(p.spi, 4),
        "cpi": None if p.cpi is None else round(p.cpi, 4),
    }
    return {
        "project": project,
        "milestones": milestones,
        "roles": _roles(kit, spent),
        "phases": _phases(kit, status),
        "team": quality.team(quality.rows_of_kit(kit, "plan.team")),
        "changes": changes,
        "defects": quality.defects(quality.rows_of_kit(kit, "plan.defects"), planned_effort),
        "acceptance": quality.acceptance(quality.rows_of_kit(kit, "plan.acceptance"), gate_names),
        "training": {**training_completion(kit), **training_hours(kit)},
        "satisfaction": quality.surveys(quality.rows_of_kit(kit, "plan.surveys"), gate_names),
        "lessons": _lessons(kit),
    }

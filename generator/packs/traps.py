"""Traps: packs that are valid and build, but not the plan their author meant.

Each trap is a warning (never an error, in every format) at the line and column of the
item to change, saying what the plan will do and what to write instead:

* **default shift**: ``pack.rollout.shifts`` lists several training shifts, the first
  is the default, and an audience that names none trains in it. When that shift teaches
  much less per day than another (under two thirds of its minutes), or only at
  weekends while another runs on working days, the audience's courses stretch over
  many more days than the author expected (a head office trained in a 3.5-hour evening
  store slot).

The checks read the merged pack: conditions (``when:``) are not evaluated. A trap that
needs the schedule (a phase gate that holds the next phase) is checked on a built kit by
the validation above this layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.errors import Problem
from generator.kit_model import Kit
from generator.packs.inherit import Origin
from generator.packs.model import AudienceDef, GateDef, PackMeta, ShiftDef
from generator.packs.references import Checked

SHORT_DAY = 2 / 3  # a default shift teaching under this share of another's day is a trap


def trap_warnings(
    sections: Mapping[str, Sequence[Checked]], meta: PackMeta | None, meta_origin: Origin | None
) -> list[Problem]:
    """Every trap (see the module docstring) as a warning with the fix."""
    if meta is None:
        return []
    return _default_shift(sections.get("audiences", ()), meta, meta_origin)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _per_day(shift: ShiftDef) -> int:
    return sum(_minutes(end) - _minutes(start) for start, end in shift.slots)


def _times(shift: ShiftDef) -> str:
    slots = ", ".join(f"{start}-{end}" for start, end in shift.slots)
    days = "weekends" if shift.weekend else "working days"
    return f"{slots} on {days}: {_per_day(shift) / 60:.1f} h a day"


def _default_shift(
    audiences: Iterable[Checked], meta: PackMeta, meta_origin: Origin | None
) -> list[Problem]:
    shifts = meta.rollout.shifts
    if len(shifts) < 2:
        return []
    default, others = shifts[0], shifts[1:]
    longer = max(others, key=_per_day)
    weekday = next((s for s in others if not s.weekend), None)
    why = ""
    if _per_day(default) < SHORT_DAY * _per_day(longer):
        times = _per_day(longer) / _per_day(default)
        why = (
            f"while '{longer.id}' gives {_per_day(longer) / 60:.1f} h a day: its classes take "
            f"about {times:.1f} times as many days"
        )
        better = longer
    elif default.weekend and weekday is not None:
        why = f"while '{weekday.id}' trains on working days: its classes wait for weekends"
        better = weekday
    if not why:
        return []
    problems: list[Problem] = []
    for checked in audiences:
        audience = checked.item
        assert isinstance(audience, AudienceDef)
        if audience.shifts or not audience.uses_system:
            continue
        own = checked.raw.where.pack == (meta.id if meta_origin is None else meta_origin.pack)
        fix = (
            f"shifts: [{better.id}]"
            if own
            else f"an override (- id: {audience.id}, override: true, shifts: [{better.id}])"
        )
        problems.append(
            checked.raw.problem(
                ("id",),
                f"{checked.raw.label()} names no training shifts, so it trains in the first "
                f"shift '{default.id}' ({_times(default)}) {why}. Name the shifts it trains "
                f"in — {fix} — or list first the shift most audiences train in",
            )
        )
    return problems


def gates_holding_the_next_phase(
    kit: Kit, sections: Mapping[str, Sequence[Checked]]
) -> list[Problem]:
    """Phase gates that hold a task of the next phase longer than anything else does.

    Every task of a phase waits for every phase gate of the phase before it. A phase with
    one phase gate is the method; with several, a gate that finishes after the phase's
    other gates *and* after a next-phase task's own predecessors delays that task — a
    pilot exit gate after two weeks of at-the-elbow support holds hypercare for those two
    weeks. Found on the built schedule (``kit``), reported at the gate's ``after`` with
    the task it holds, the dates, and the fix.
    """
    gates = {c.item.id: c for c in sections.get("gates", ()) if isinstance(c.item, GateDef)}
    per_phase: dict[str, list[str]] = {}
    for gate_id, checked in gates.items():
        gate = checked.item
        assert isinstance(gate, GateDef)
        if gate.kind == "phase-gate" and not getattr(gate, "per_wave", False):
            per_phase.setdefault(gate.phase, []).append(gate_id)
    by_id = {t.id: t for t in kit.tasks}
    milestone_of = {t.gate: t for t in kit.tasks if t.gate}
    problems: list[Problem] = []
    for phase, ids in per_phase.items():
        held = [milestone_of[g] for g in ids if g in milestone_of]
        if len(held) < 2:
            continue
        for gate_task in held:
            others = [g for g in held if g is not gate_task]
            victim = None
            for task in kit.tasks:
                if task.phase == phase or not any(
                    link.predecessor == gate_task.id for link in task.predecessors
                ):
                    continue
                rest = [
                    by_id[link.predecessor].finish
                    for link in task.predecessors
                    if link.predecessor != gate_task.id and link.predecessor in by_id
                ]
                rest += [g.finish for g in others]
                if rest and gate_task.finish > max(rest) and task.start > max(rest):
                    victim = (task, max(rest))
                    break
            if victim is None:
                continue
            task, free = victim
            checked = gates[gate_task.gate or ""]
            problems.append(
                checked.raw.problem(
                    ("after",),
                    f"{checked.raw.label()} is a phase gate of '{phase}' that finishes after the "
                    f"phase's other gates: every task of the next phase waits for it, so "
                    f"'{task.id}' starts on {task.start.isoformat()}, not right after its own "
                    f"predecessors and the other gates ({free.isoformat()}). If the gate judges "
                    "part of the phase (a pilot, a wave), write per_wave: true (a gate per wave "
                    "never holds the next phase) or kind: key-node",
                    key=True,
                )
            )
    return problems

"""Where a lesson is checked: the phase gate that closes the lesson's phase.

Used by the plan's Lessons sheet and the charter's lessons chapter so both name the same
gate. A phase can hold several phase gates (a pilot exit before the deploy gate); the
lesson is checked at the last one (the gate that closes the phase). Pure Kit look-up.
"""

from __future__ import annotations

from generator.kit_model import Gate, Kit, Lesson


def closing_gates(kit: Kit) -> dict[str, Gate]:
    """Phase id -> the last-dated phase gate of that phase (phases without one are absent)."""
    out: dict[str, Gate] = {}
    for gate in kit.gates:
        if gate.kind != "phase-gate":
            continue
        current = out.get(gate.phase)
        if current is None or (gate.date, gate.id) > (current.date, current.id):
            out[gate.phase] = gate
    return out


def lessons_at_gates(kit: Kit) -> dict[str, tuple[Lesson, ...]]:
    """Gate id -> the lessons to check at it (lessons whose phase that gate closes), kit order."""
    closing = closing_gates(kit)
    out: dict[str, list[Lesson]] = {}
    for lesson in kit.lessons:
        gate = closing.get(lesson.phase)
        if gate is not None:
            out.setdefault(gate.id, []).append(lesson)
    return {gate_id: tuple(items) for gate_id, items in out.items()}

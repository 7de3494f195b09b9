"""Cross-item checks on a merged, validated pack: dangling references, loops, anchors.

Every reference names an id of another section; an unknown id is reported at
the line where it is written, with the closest known id as a suggestion (and,
when a child pack removed it, the ``remove:`` line). Dependency loops are
reported as ``a → b → c → a`` for the task graph (``after``, ``before``, gate
``after``), migration ``depends_on`` and course ``prerequisites``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.errors import Problem
from generator.kit_model import ANCHORS
from generator.packs.hints import did_you_mean
from generator.packs.inherit import Origin, RawItem, as_list
from generator.packs.model import (
    CeremonyDef,
    CourseDef,
    CutoverDef,
    GateDef,
    Item,
    LessonDef,
    MigrationDef,
    RiskDef,
    StakeholderDef,
    TaskDef,
)


@dataclass(frozen=True)
class Checked:
    """A validated item next to its raw, located form."""

    raw: RawItem
    item: Item


WHAT = {
    "roles": "role",
    "phases": "phase",
    "tasks": "task or gate",
    "gates": "gate",
    "migration": "migration object",
    "audiences": "audience",
    "courses": "course",
}


def check_references(
    sections: dict[str, list[Checked]],
    removed: dict[str, Origin],
    all_ids: dict[str, list[str]] | None = None,
    authors: Sequence[str] = (),
) -> list[Problem]:
    """All dangling references, duplicate/unknown anchors and dependency loops.

    ``all_ids`` (section -> ids) also counts items that failed validation, so a
    broken item is reported once, not again at every reference to it.
    """
    ids = {name: [c.raw.id for c in items] for name, items in sections.items()}
    if all_ids is not None:
        ids = {name: list(values) for name, values in all_ids.items()}
    ids["tasks"] = ids.get("tasks", []) + ids.get("gates", [])  # a task may follow a gate
    known_sets = {name: set(values) for name, values in ids.items()}
    problems: list[Problem] = []

    def ref(
        checked: Checked,
        sub: tuple[str | int, ...],
        target: str,
        value: str | None,
        *,
        key: bool = False,
    ) -> None:
        if value is None or value in known_sets.get(target, ()):
            return
        message = f"{checked.raw.label()}: unknown {WHAT[target]} '{value}'"
        if value in removed:
            message += f" (removed by 'remove:' in {removed[value].label()})"
        else:
            message += did_you_mean(value, ids.get(target, []))
        known = ids.get(target, [])
        if not did_you_mean(value, known) and value not in removed:
            message += f"; known ids: {_short(known)}"
        problems.append(checked.raw.problem(sub, message, key=key))

    def refs(checked: Checked, name: str, target: str, values: Sequence[str]) -> None:
        raw_list = as_list(checked.raw.data.get(name))
        for index, value in enumerate(values):
            sub: tuple[str | int, ...] = (
                (name, index) if isinstance(checked.raw.data.get(name), list) else (name,)
            )
            if index >= len(raw_list):
                sub = (name,)
            ref(checked, sub, target, value)

    for checked in sections.get("gates", []):
        gate = checked.item
        assert isinstance(gate, GateDef)
        ref(checked, ("phase",), "phases", gate.phase)
        refs(checked, "after", "tasks", gate.after)
        refs(checked, "signoff", "roles", gate.signoff)
    anchors: dict[str, Checked] = {}
    for checked in sections.get("tasks", []):
        task = checked.item
        assert isinstance(task, TaskDef)
        ref(checked, ("phase",), "phases", task.phase)
        ref(checked, ("owner",), "roles", task.owner)
        for role in task.effort:
            ref(checked, ("effort", role), "roles", role, key=True)
        refs(checked, "after", "tasks", [d.id for d in task.after])
        refs(checked, "before", "tasks", task.before)
        if task.raci is not None:
            for part in ("responsible", "consulted", "informed"):
                for index, role in enumerate(getattr(task.raci, part)):
                    ref(checked, ("raci", part, index), "roles", role)
            ref(checked, ("raci", "accountable"), "roles", task.raci.accountable)
        if task.anchor is not None:
            if task.anchor not in ANCHORS:
                problems.append(
                    checked.raw.problem(
                        ("anchor",),
                        f"{checked.raw.label()}: unknown anchor '{task.anchor}'"
                        f"{did_you_mean(task.anchor, ANCHORS)}; anchors are: {', '.join(ANCHORS)}",
                    )
                )
            elif task.anchor in anchors:
                first = anchors[task.anchor].raw
                problems.append(
                    checked.raw.problem(
                        ("anchor",),
                        f"{checked.raw.label()}: anchor '{task.anchor}' is already on {first.label()} "
                        f"({first.locate(('anchor',)).label()}); an anchor marks one task — remove one",
                    )
                )
            else:
                anchors[task.anchor] = checked
    for checked in sections.get("ceremonies", []):
        ceremony = checked.item
        assert isinstance(ceremony, CeremonyDef)
        ref(checked, ("chair",), "roles", ceremony.chair)
        refs(checked, "attendees", "roles", ceremony.attendees)
        ref(checked, ("from_phase",), "phases", ceremony.from_phase)
    for checked in sections.get("risks", []):
        risk = checked.item
        assert isinstance(risk, RiskDef)
        ref(checked, ("phase",), "phases", risk.phase)
        ref(checked, ("owner",), "roles", risk.owner)
    for checked in sections.get("stakeholders", []):
        stakeholder = checked.item
        assert isinstance(stakeholder, StakeholderDef)
        ref(checked, ("role",), "roles", stakeholder.role)
    for checked in sections.get("migration", []):
        obj = checked.item
        assert isinstance(obj, MigrationDef)
        ref(checked, ("owner",), "roles", obj.owner)
        refs(checked, "signoff", "roles", obj.signoff)
        refs(checked, "depends_on", "migration", obj.depends_on)
    for checked in sections.get("cutover", []):
        step = checked.item
        assert isinstance(step, CutoverDef)
        ref(checked, ("owner",), "roles", step.owner)
        ref(checked, ("backup_owner",), "roles", step.backup_owner)
    for checked in sections.get("courses", []):
        course = checked.item
        assert isinstance(course, CourseDef)
        refs(checked, "audiences", "audiences", course.audiences)
        refs(checked, "prerequisites", "courses", course.prerequisites)
    for checked in sections.get("lessons", []):
        lesson = checked.item
        assert isinstance(lesson, LessonDef)
        ref(checked, ("phase",), "phases", lesson.phase)

    problems += _loops(sections, authors)
    return problems


def _short(known: Sequence[str], limit: int = 12) -> str:
    if not known:
        return "none"
    shown = ", ".join(known[:limit])
    return shown + (f" and {len(known) - limit} more" if len(known) > limit else "")


def _loops(sections: dict[str, list[Checked]], authors: Sequence[str] = ()) -> list[Problem]:
    problems: list[Problem] = []
    task_edges: dict[str, list[str]] = {}
    where: dict[str, Checked] = {}
    for checked in sections.get("tasks", []) + sections.get("gates", []):
        where[checked.raw.id] = checked
        task_edges.setdefault(checked.raw.id, [])
    for checked in sections.get("tasks", []):
        task = checked.item
        assert isinstance(task, TaskDef)
        for dep in task.after:
            task_edges.setdefault(dep.id, []).append(task.id)
        for succ in task.before:
            task_edges[task.id].append(succ)
    for checked in sections.get("gates", []):
        gate = checked.item
        assert isinstance(gate, GateDef)
        for pred in gate.after:
            task_edges.setdefault(pred, []).append(gate.id)
    problems += _report(find_cycles(task_edges), where, ("after", "before"), "task order", authors)
    for section, field, what in (
        ("migration", "depends_on", "migration load order"),
        ("courses", "prerequisites", "course prerequisites"),
    ):
        edges: dict[str, list[str]] = {}
        located: dict[str, Checked] = {}
        for checked in sections.get(section, []):
            located[checked.raw.id] = checked
            edges.setdefault(checked.raw.id, [])
            for pred in getattr(checked.item, field):
                edges.setdefault(pred, []).append(checked.raw.id)
        problems += _report(find_cycles(edges), located, (field,), what, authors)
    return problems


def _report(
    cycles: Iterable[list[str]],
    where: dict[str, Checked],
    fields: tuple[str, ...],
    what: str,
    authors: Sequence[str] = (),
) -> list[Problem]:
    """One problem per loop, at the link written by the pack latest in ``authors`` (the
    chain, root first): a child's ``before:`` that closes a loop through its parent's
    tasks is reported at the child author's line, not in the installed parent."""
    problems: list[Problem] = []
    for cycle in cycles:
        link = _loop_link(cycle, where, fields, authors)
        if link is None:
            continue
        checked, field = link
        text = " → ".join(cycle)
        problems.append(
            checked.raw.problem(
                (field,),
                f"dependency loop in the {what}: {text} (each comes before the next); "
                "remove one of these links",
            )
        )
    return problems


def _loop_link(
    cycle: list[str], where: dict[str, Checked], fields: tuple[str, ...], authors: Sequence[str]
) -> tuple[Checked, str] | None:
    """(item, field) of the loop's link written latest in the chain; the first link on a tie."""
    best: tuple[int, Checked, str] | None = None
    links = list(pairwise(cycle))
    for pred, succ in links[-1:] + links[:-1]:  # on a tie: the link into the loop's first id
        # a link pred -> succ is written as succ's `after`/`depends_on` or pred's `before`
        for holder, field, other in [(succ, f, pred) for f in fields if f != "before"] + (
            [(pred, "before", succ)] if "before" in fields else []
        ):
            checked = where.get(holder)
            values = getattr(checked.item, field, None) if checked is not None else None
            if checked is None or not any(getattr(v, "id", v) == other for v in values or []):
                continue
            pack = checked.raw.locate((field,)).pack
            rank = list(authors).index(pack) if pack in authors else -1
            if best is None or rank > best[0]:
                best = (rank, checked, field)
    if best is not None:
        return best[1], best[2]
    first = where.get(cycle[0])
    return (first, fields[0]) if first is not None else None


def find_cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Distinct cycles (as ``[a, b, c, a]``, starting at the smallest id) in a directed graph."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    found: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, index = stack[-1]
            succs = edges.get(node, [])
            if index < len(succs):
                stack[-1] = (node, index + 1)
                succ = succs[index]
                if state.get(succ) == 1:
                    loop = path[path.index(succ) :]
                    pivot = loop.index(min(loop))
                    loop = loop[pivot:] + loop[:pivot]
                    found.setdefault(tuple(loop), [*loop, loop[0]])
                elif not state.get(succ):
                    state[succ] = 1
                    stack.append((succ, 0))
                    path.append(succ)
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return [found[key] for key in sorted(found)]

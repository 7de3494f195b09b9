"""The select step: the pack items a project keeps, wired into the plan's network.

:func:`select_items` keeps the phases, tasks and gates whose ``when:`` holds and
collects every item's raw links (``after``, ``before`` folded in, a gate without
``after`` after its phase's last tasks). The rollout waves add their copies to that
raw network (:meth:`generator.planning.build.Planner.expand`). :func:`wire` then
bridges links through dropped items, orders the nodes phase by phase (WBS), lets a
predecessor-less task follow the previous phase, makes phase gates gate the next
phase's work and key-node gates gate the work they check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from generator.conditions import Scope, holds
from generator.errors import InputError
from generator.packs.model import GateDef, Item, PhaseDef, TaskDef
from generator.packs.resolved import Located, ResolvedPack
from generator.planning.gating import gate_checked_work, gate_phase_work
from generator.schedule import Dep

T = TypeVar("T", bound=Item)


def selected(items: Iterable[Located[T]], scope: Scope) -> list[Located[T]]:
    """The items whose ``when:`` holds for ``scope``, in pack order."""
    return [located for located in items if holds(located.item.when, scope)]


@dataclass
class Selection:
    """What the project keeps of a pack, and its network once :func:`wire` ran.

    ``all_tasks``/``all_gates``: every item by id (dropped ones too: links bridge
    through them); ``raw``: every item's own links; ``by_phase``: phase id -> its
    ``(kind, node)`` entries in WBS order; ``links``: each kept node's links after
    bridging, sequencing and gating; ``nodes``: kept nodes in WBS order;
    ``anchor_task``: anchor name -> the first kept task that carries it; ``implied``:
    node -> phase gates it follows only through other tasks (kept by forecasts).
    """

    phases: list[Located[PhaseDef]]
    all_tasks: dict[str, Located[TaskDef]]
    all_gates: dict[str, Located[GateDef]]
    tasks: list[Located[TaskDef]]
    gates: list[Located[GateDef]]
    kept: set[str]
    raw: dict[str, list[Dep]]
    by_phase: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    links: dict[str, list[Dep]] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    anchor_task: dict[str, str] = field(default_factory=dict)
    implied: dict[str, list[Dep]] = field(default_factory=dict)

    @property
    def phase_ids(self) -> list[str]:
        return [p.item.id for p in self.phases]


def select_items(pack: ResolvedPack, scope: Scope) -> Selection:
    """The kept phases (by ``order``), tasks and gates, and every item's raw links."""
    phases = [
        p
        for _, p in sorted(
            enumerate(selected(pack.phases, scope)), key=lambda p: (p[1].item.order, p[0])
        )
    ]
    phase_ids = {p.item.id for p in phases}
    all_tasks = {t.item.id: t for t in pack.tasks}
    all_gates = {g.item.id: g for g in pack.gates}
    tasks = [t for t in selected(pack.tasks, scope) if t.item.phase in phase_ids]
    gates = [g for g in selected(pack.gates, scope) if g.item.phase in phase_ids]
    kept = {t.item.id for t in tasks} | {g.item.id for g in gates}
    raw: dict[str, list[Dep]] = {}
    for task_id, located in all_tasks.items():
        raw[task_id] = [Dep(d.id, d.type, d.lag) for d in located.item.after]
    for gate_id, g in all_gates.items():
        raw[gate_id] = [Dep(a) for a in g.item.after]
    for task_id, located in all_tasks.items():
        for target in located.item.before:
            if target in raw:
                raw[target].append(Dep(task_id))
    for gate_id, g in all_gates.items():
        if not g.item.after and gate_id in kept:  # default: after all tasks of its phase
            mine = [t.item.id for t in tasks if t.item.phase == g.item.phase]
            # the phase's last tasks suffice: those no other task of the phase follows
            followed = {d.predecessor for task_id in mine for d in raw[task_id]}
            raw[gate_id] = [Dep(task_id) for task_id in mine if task_id not in followed]
    return Selection(phases, all_tasks, all_gates, tasks, gates, kept, raw)


def bridged_links(raw: dict[str, list[Dep]], kept: set[str]) -> dict[str, list[Dep]]:
    """Every node's links with dropped predecessors replaced by their own links.

    ``S -FS+2-> D -SS+1-> P`` with ``D`` dropped becomes ``S -FS+1-> P``: the dropped
    item's link type, the lag of the link to ``P`` (no phantom days); of several
    bridged links to one predecessor and type the tightest (largest lag) is kept.
    Iterative (no recursion limit on long chains of dropped items).
    """
    effective: dict[str, list[Dep]] = {}
    for node in raw:
        if node in effective:
            continue
        stack: list[tuple[str, int]] = [(node, 0)]
        on_stack = {node}
        while stack:
            current, at = stack[-1]
            deps = raw.get(current, [])
            if at < len(deps):  # first make sure every dropped predecessor is done
                stack[-1] = (current, at + 1)
                pred = deps[at].predecessor
                dropped = pred not in kept and pred in raw
                if dropped and pred not in effective and pred not in on_stack:
                    stack.append((pred, 0))
                    on_stack.add(pred)
                continue
            unique: dict[tuple[str, str], Dep] = {}
            for dep in deps:
                if dep.predecessor in kept:
                    bridged = [dep]
                elif dep.predecessor in raw:  # a dropped task or gate: use its own links
                    bridged = [
                        Dep(inner.predecessor, inner.type, dep.lag)
                        for inner in effective.get(dep.predecessor, [])
                    ]
                else:
                    raise InputError(f"{current} follows unknown task {dep.predecessor!r}")
                for link in bridged:
                    key = (link.predecessor, link.type)
                    if key not in unique or link.lag > unique[key].lag:
                        unique[key] = link
            effective[current] = list(unique.values())
            stack.pop()
            on_stack.discard(current)
    return effective


def wire(sel: Selection) -> None:
    """Fill ``sel``'s WBS order, links, nodes and anchors (see the module docstring)."""
    effective = bridged_links(sel.raw, sel.kept)
    _wbs_order(sel, effective)
    _sequence_phases(sel, effective)
    phase_ids = sel.phase_ids
    # a gate per wave judges its wave: it never holds the next phase
    phase_gates = {
        p: [
            g.item.id
            for g in sel.gates
            if g.item.phase == p and g.item.kind == "phase-gate" and not g.item.per_wave
        ]
        for p in phase_ids
    }
    all_tasks = sel.all_tasks
    gate_phase_work(
        [(p, [node for _, node in sel.by_phase[p]]) for p in phase_ids],
        phase_gates,
        sel.links,
        gated=lambda n: n in all_tasks and all_tasks[n].item.gated,
        implied=sel.implied,
    )
    sel.nodes = [node for phase in phase_ids for _, node in sel.by_phase[phase]]
    for t in sel.tasks:
        if t.item.anchor and t.item.anchor not in sel.anchor_task:
            sel.anchor_task[t.item.anchor] = t.item.id
    gate_checked_work(
        {
            g.item.id: (g.item.key_node, g.item.precedes)
            for g in sel.gates
            if g.item.kind == "key-node"
        },
        sel.anchor_task,
        sel.links,
    )


def _wbs_order(sel: Selection, effective: dict[str, list[Dep]]) -> None:
    """Phase by phase in pack order; a key-node gate right after the last task it checks."""
    by_phase: dict[str, list[tuple[str, str]]] = {p: [] for p in sel.phase_ids}
    for t in sel.tasks:
        by_phase[t.item.phase].append(("task", t.item.id))
    for g in sel.gates:
        entries = by_phase[g.item.phase]
        position = len(entries)
        if g.item.kind == "key-node" or g.item.per_wave:  # right after what it checks
            targets = {d.predecessor for d in effective.get(g.item.id, [])}
            hits = [i for i, (_, x) in enumerate(entries) if x in targets]
            if hits:
                position = max(hits) + 1
                while position < len(entries) and entries[position][0] == "gate":
                    position += 1
        entries.insert(position, ("gate", g.item.id))
    sel.by_phase = by_phase


def _sequence_phases(sel: Selection, effective: dict[str, list[Dep]]) -> None:
    """A node without predecessors follows the previous phase's phase gate (or, without
    one, its last tasks), unless that gate waits on work of this or a later phase."""
    phase_gate: dict[str, str] = {}
    for g in sel.gates:
        if g.item.kind == "phase-gate" and not g.item.per_wave:
            phase_gate.setdefault(g.item.phase, g.item.id)
    phase_of = {t.item.id: t.item.phase for t in sel.tasks} | {
        g.item.id: g.item.phase for g in sel.gates
    }
    rank = {p: i for i, p in enumerate(sel.phase_ids)}
    links: dict[str, list[Dep]] = {}
    prev_anchor: list[Dep] = []
    for phase in sel.phase_ids:
        entries = sel.by_phase[phase]
        for _, node in entries:
            deps = list(effective.get(node, []))
            if not deps and prev_anchor:
                deps = list(prev_anchor)
            links[node] = deps
        gate = phase_gate.get(phase)
        if gate is not None:
            waits_later = any(rank[phase_of[d.predecessor]] > rank[phase] for d in links[gate])
            prev_anchor = [] if waits_later else [Dep(gate)]
        elif entries:
            targets = {d.predecessor for n in links for d in links[n]}
            prev_anchor = [Dep(node) for _, node in entries if node not in targets] or prev_anchor
    sel.links = links

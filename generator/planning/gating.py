"""Phase gates that gate: a phase's work waits for the previous phase's gate.

Given the links of every node (task or gate milestone) and the nodes of each
phase in phase order, :func:`gate_phase_work` adds a finish-to-start link from
the previous phase's phase gate to each task of a phase, unless

* the task says ``gated: false`` in the pack (work that deliberately overlaps
  the previous phase, e.g. preparing the production environment),
* the task already follows the gate (directly or through other tasks), or
* the gate itself waits on the task (adding the link would make a cycle; the
  task is part of what the gate checks, e.g. a later-phase task the gate lists).

Runs in O(gates x (V + E)).

Key-node gates gate the work they check (:func:`gate_checked_work`): the requirements
node precedes development start, the configuration node UAT, the migration node the
cutover and the training node the go-live (the task carrying that anchor; a gate's
``precedes:`` in the pack names other tasks, ``precedes: []`` none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from generator.schedule import Dep


def topological(nodes: Sequence[str], links: Mapping[str, Sequence[Dep]]) -> list[str]:
    """Nodes in an order where every predecessor comes first (cycle members left out)."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for node in nodes:
        for dep in links.get(node, ()):
            if dep.predecessor in succ:
                succ[dep.predecessor].append(node)
                indegree[node] += 1
    order = [n for n in nodes if not indegree[n]]
    head = 0
    while head < len(order):
        for nxt in succ[order[head]]:
            indegree[nxt] -= 1
            if not indegree[nxt]:
                order.append(nxt)
        head += 1
    return order


def ancestors(targets: Iterable[str], links: Mapping[str, Sequence[Dep]]) -> set[str]:
    """Every node some node of ``targets`` waits on, directly or through others.

    ``links`` maps a node to its dependencies (:class:`Dep`, ``predecessor`` the node waited on).
    """
    seen: set[str] = set()
    todo = list(targets)
    while todo:
        for dep in links.get(todo.pop(), ()):
            if dep.predecessor not in seen:
                seen.add(dep.predecessor)
                todo.append(dep.predecessor)
    return seen


def gate_phase_work(
    phases: Sequence[tuple[str, Sequence[str]]],
    phase_gates: Mapping[str, Sequence[str]],
    links: dict[str, list[Dep]],
    *,
    gated: Callable[[str], bool],
    implied: dict[str, list[Dep]] | None = None,
) -> list[tuple[str, str]]:
    """Add gate links in place; returns the ``(gate, task)`` links added.

    ``implied`` (when given) receives, per node, the gates it follows only through other
    tasks: no link is shown for them, but a forecast keeps them (when the task in
    between is under way or done, its links no longer hold the rest of the chain, and
    the gate must still hold this one).

    ``phases``: ``(phase id, node ids in WBS order)`` in phase order.
    ``phase_gates``: phase id -> its phase gate node ids (phases without one are skipped;
    a phase with several phase gates lets the next phase wait for all of them).
    ``gated(node)``: False for nodes that may start before the gate (and for gates).
    """
    nodes = [n for _, phase_nodes in phases for n in phase_nodes]
    order = topological(nodes, links)
    added: list[tuple[str, str]] = []
    for k in range(1, len(phases)):
        for gate in phase_gates.get(phases[k - 1][0], ()):
            members = set(phases[k][1])
            waits_on = ancestors([gate], links)
            after_gate = {gate}
            for node in order:
                if any(dep.predecessor in after_gate for dep in links.get(node, ())):
                    after_gate.add(node)
                    held = node in members and node not in waits_on and gated(node)
                    if implied is not None and held:
                        implied.setdefault(node, []).append(Dep(gate))
                    continue
                if node in members and node not in waits_on and gated(node):
                    links[node] = [*links.get(node, ()), Dep(gate)]
                    after_gate.add(node)
                    added.append((gate, node))
    return added


# key node -> the anchor of the work its gate checks (the work may not start before it)
KEY_NODE_PRECEDES = {
    "requirements": "development-start",
    "configuration": "uat",
    "migration": "cutover",
    "training": "go-live",
}


def gate_checked_work(
    gates: Mapping[str, tuple[str | None, Sequence[str] | None]],
    anchor_task: Mapping[str, str],
    links: dict[str, list[Dep]],
) -> list[tuple[str, str]]:
    """Add a finish-to-start link from each key-node gate to the work it checks.

    ``gates``: gate node -> (its key node, the pack's ``precedes`` or None for the
    default of :data:`KEY_NODE_PRECEDES`); ``anchor_task``: anchor -> task node. A
    target missing from the network, already after the gate, or one the gate itself
    waits on (a cycle) gets no link. Returns the ``(gate, task)`` links added.
    """
    added: list[tuple[str, str]] = []
    for gate, (key_node, precedes) in gates.items():
        if precedes is None:
            anchor = KEY_NODE_PRECEDES.get(key_node or "", "")
            targets = [anchor_task[anchor]] if anchor in anchor_task else []
        else:
            targets = list(precedes)
        waits_on: set[str] | None = None
        for target in targets:
            if target not in links or target == gate:
                continue
            if any(dep.predecessor == gate for dep in links[target]):
                continue
            if waits_on is None:
                waits_on = ancestors([gate], links)
            if target in waits_on:
                continue
            links[target] = [*links[target], Dep(gate)]
            added.append((gate, target))
    return added

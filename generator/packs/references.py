"""Cross-item checks on a merged, validated pack: dangling references, loops, anchors.

Every reference (:data:`REFERENCES`: each field of the model that names an id)
names an id of another section, a skill or a training shift; an unknown id is
reported at the line and column where it is written, with the closest known id as
a suggestion and what the allowed ids are (and, when a child pack removed it,
the ``remove:`` line). Dependency loops are
reported as ``a → b → c → a`` for the task graph (``after``, ``before``, gate
``after``), migration ``depends_on`` and course ``prerequisites``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from generator.errors import Problem
from generator.kit_model import ANCHORS
from generator.packs.hints import did_you_mean
from generator.packs.inherit import Origin, RawItem
from generator.packs.model import SKILLS, GateDef, Item, PackMeta, TaskDef


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
    "skills": "skill",
    "shifts": "training shift",
}


@dataclass(frozen=True)
class Ref:
    """One kind of id reference: in items of ``section`` (``pack`` for the pack's own
    ``pack:`` section), the field at ``path`` names an id of ``target``.

    ``path`` steps: a field name, ``*`` for every entry of a list, ``{}`` for every key
    of a mapping. ``target`` is an item section, ``skills`` (the shared skills and the
    pack's own) or ``shifts`` (the training shifts of ``pack.rollout``).
    """

    section: str
    path: tuple[str, ...]
    target: str


# Every field of the pack model that names an id of something else; a test walks the
# model and fails for a field that holds ids and is missing here.
REFERENCES: tuple[Ref, ...] = (
    Ref("pack", ("rollout", "next_wave_after", "id"), "tasks"),
    Ref("roles", ("competencies", "{}"), "skills"),
    Ref("gates", ("phase",), "phases"),
    Ref("gates", ("after", "*"), "tasks"),
    Ref("gates", ("precedes", "*"), "tasks"),
    Ref("gates", ("signoff", "*"), "roles"),
    Ref("tasks", ("phase",), "phases"),
    Ref("tasks", ("owner",), "roles"),
    Ref("tasks", ("effort", "{}"), "roles"),
    Ref("tasks", ("after", "*", "id"), "tasks"),
    Ref("tasks", ("before", "*"), "tasks"),
    Ref("tasks", ("raci", "responsible", "*"), "roles"),
    Ref("tasks", ("raci", "accountable"), "roles"),
    Ref("tasks", ("raci", "consulted", "*"), "roles"),
    Ref("tasks", ("raci", "informed", "*"), "roles"),
    Ref("tasks", ("competencies", "{}"), "skills"),
    Ref("ceremonies", ("chair",), "roles"),
    Ref("ceremonies", ("attendees", "*"), "roles"),
    Ref("ceremonies", ("from_phase",), "phases"),
    Ref("risks", ("phase",), "phases"),
    Ref("risks", ("owner",), "roles"),
    Ref("stakeholders", ("role",), "roles"),
    Ref("migration", ("owner",), "roles"),
    Ref("migration", ("signoff", "*"), "roles"),
    Ref("migration", ("depends_on", "*"), "migration"),
    Ref("cutover", ("owner",), "roles"),
    Ref("cutover", ("backup_owner",), "roles"),
    Ref("cutover", ("task",), "tasks"),
    Ref("audiences", ("shifts", "*"), "shifts"),
    Ref("courses", ("audiences", "*"), "audiences"),
    Ref("courses", ("prerequisites", "*"), "courses"),
    Ref("lessons", ("phase",), "phases"),
    Ref("lessons", ("provenance", "*", "phase"), "phases"),
    Ref("templates", ("tasks", "*"), "tasks"),
)


def ref_values(
    value: Any, path: tuple[str, ...], at: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """``(location, id, at_key)`` for every id ``path`` reaches in ``value`` (a model,
    list or mapping); ``location`` is the path of the value inside the item's YAML."""
    if not path:
        if isinstance(value, str):
            yield at, value, False
        return
    step, rest = path[0], path[1:]
    if step == "*":
        for index, entry in enumerate(value or ()):
            yield from ref_values(entry, rest, (*at, index))
    elif step == "{}":
        for key in value or {}:
            yield (*at, key), key, True
    else:
        child = value.get(step) if isinstance(value, dict) else getattr(value, step, None)
        if child is not None:
            yield from ref_values(child, rest, (*at, step))


def check_references(
    sections: dict[str, list[Checked]],
    removed: dict[str, Origin],
    all_ids: dict[str, list[str]] | None = None,
    authors: Sequence[str] = (),
    *,
    meta: PackMeta | None = None,
    meta_origin: Origin | None = None,
    skills: Sequence[str] = SKILLS,
) -> list[Problem]:
    """All dangling references (:data:`REFERENCES`), duplicate/unknown anchors and
    dependency loops.

    ``all_ids`` (section -> ids) also counts items that failed validation, so a
    broken item is reported once, not again at every reference to it. ``meta`` (the
    leaf's pack section, with what it inherits) gives the training shifts and the
    pack-level references; ``skills`` the skills a competency may name.
    """
    ids = {name: [c.raw.id for c in items] for name, items in sections.items()}
    if all_ids is not None:
        ids = {name: list(values) for name, values in all_ids.items()}
    ids["tasks"] = ids.get("tasks", []) + ids.get("gates", [])  # a task may follow a gate
    ids["skills"] = [*skills, *ids.get("skills", [])]  # the shared ones and the pack's own
    ids["shifts"] = [s.id for s in meta.rollout.shifts] if meta is not None else []
    known_sets = {name: set(values) for name, values in ids.items()}
    problems: list[Problem] = []

    def unknown(label: str, target: str, value: str) -> str:
        message = f"{label}: unknown {WHAT[target]} '{value}'"
        known = ids.get(target, [])
        if value in removed:
            return message + f" (removed by 'remove:' in {removed[value].label()})"
        hint = did_you_mean(value, known)
        listing = {
            "skills": f"skills are: {', '.join(known)}; a skill of your own is declared "
            "under skills: (docs/packs.md, section 13)",
            "shifts": "the pack's training shifts are: "
            + (", ".join(known) or "none (pack: rollout: shifts: lists them)"),
        }.get(target)
        if listing is not None:  # always name what is allowed
            return message + (
                f"{hint} {listing[0].upper()}{listing[1:]}" if hint else f"; {listing}"
            )
        return message + (hint or f"; known ids: {_short(known)}")

    for ref in REFERENCES:
        if ref.target == "shifts" and meta is None:
            continue  # the pack: section is broken (reported): its shifts are unknown
        if ref.section == "pack":
            if meta is None or meta_origin is None:
                continue
            for at, value, key in ref_values(meta, ref.path):
                if value not in known_sets.get(ref.target, ()):
                    label = "pack: " + ".".join(str(p) for p in at)
                    problems.append(
                        meta_origin.problem(at, unknown(label, ref.target, value), key=key)
                    )
            continue
        for checked in sections.get(ref.section, []):
            for at, value, key in ref_values(checked.item, ref.path):
                if value not in known_sets.get(ref.target, ()):
                    message = unknown(checked.raw.label(), ref.target, value)
                    problems.append(checked.raw.problem(at, message, key=key))

    anchors: dict[str, Checked] = {}
    for checked in sections.get("tasks", []):
        task = checked.item
        assert isinstance(task, TaskDef)
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

    for checked in sections.get("skills", []):
        if checked.raw.id in skills:
            problems.append(
                checked.raw.problem(
                    ("id",),
                    f"{checked.raw.label()}: '{checked.raw.id}' is one of the shared skills "
                    f"({', '.join(skills)}); name competencies with it directly, or give your "
                    "own skill another id (retail.pos-hardware)",
                )
            )
    problems += _replaces(sections)
    problems += _loops(sections, authors)
    return problems


def _replaces(sections: dict[str, list[Checked]]) -> list[Problem]:
    """``replaces:`` names ids the pack no longer has, each claimed by one item only."""
    problems: list[Problem] = []
    namespaces = [("tasks", "gates"), *((s,) for s in sections if s not in ("tasks", "gates"))]
    for names in namespaces:
        items = [c for s in names for c in sections.get(s, [])]
        live = {c.raw.id: c for c in items}
        claimed: dict[str, Checked] = {}
        for checked in items:
            for index, old in enumerate(checked.item.replaces):
                where = ("replaces", index)
                label = checked.raw.label()
                if old == checked.raw.id:
                    problems.append(
                        checked.raw.problem(
                            where, f"{label}: replaces its own id '{old}'; drop it from replaces"
                        )
                    )
                elif old in live:
                    still = live[old].raw
                    problems.append(
                        checked.raw.problem(
                            where,
                            f"{label}: replaces '{old}', but {still.label()} is still in the "
                            f"pack ({still.where.label()}); an item replaces ids that are gone — "
                            f"remove '{old}' (remove: [{old}] in a child pack) or drop it from "
                            "replaces",
                        )
                    )
                elif old in claimed and claimed[old] is not checked:
                    first = claimed[old].raw
                    problems.append(
                        checked.raw.problem(
                            where,
                            f"{label}: '{old}' is already replaced by {first.label()} "
                            f"({first.where.label()}); a kit's entries on '{old}' can move to "
                            "one item only — drop it from one of the two",
                        )
                    )
                else:
                    claimed[old] = checked
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

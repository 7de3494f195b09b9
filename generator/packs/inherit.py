"""Pack inheritance: merge the raw YAML items of an ``extends`` chain, root first.

Rules (applied at the raw-dict level, before validation):

* A child item whose id the parent chain already has must say ``override:
  true``; it then changes the parent's item field by field: nested mappings are
  merged (``name: {zh: ...}`` keeps the parent's ``en``, also when the parent
  wrote plain text), lists and plain values are replaced. ``override: true`` on an id no parent has is an error.
* ``remove: [id, ...]`` drops parent items of any section. For tasks and gates
  the links through a removed task are bridged, not left dangling: every
  predecessor of the removed task becomes a predecessor (finish-to-start, no
  lag) of each of its successors, so the order the parent intended still
  holds. Any other reference to a removed item (an owner role, a phase...) is
  reported as dangling, naming the ``remove:`` line.
* New tasks of a child pack are placed in WBS order: right before their
  ``before:`` task when that task is in the same phase; otherwise right after
  the last of their ``after:`` tasks in the same phase (after tasks the same
  child already placed there, so file order is kept); otherwise at the end of
  their phase.
* Ids are unique per section within a pack, and tasks and gates share one
  namespace (a task may follow a gate). Every item remembers where each of its
  fields was last written, so errors point at the right file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem
from generator.packs.hints import SINGULAR, did_you_mean
from generator.packs.model import ITEM_SECTIONS, LANGS, text_in
from generator.packs.yamlio import PathKey, YamlDoc

SHARED_NAMESPACE = ("tasks", "gates")


@dataclass(frozen=True)
class Origin:
    """A place in a pack file: the document, the path of the item, the pack and file name."""

    doc: YamlDoc
    path: PathKey
    pack: str
    rel: str  # file name relative to the pack folder

    def problem(self, sub: PathKey, message: str, *, key: bool = False) -> Problem:
        return self.doc.problem((*self.path, *sub), message, key=key)

    @property
    def line(self) -> int:
        return self.doc.where(self.path)[0]

    def label(self) -> str:
        return (
            f"{self.rel}:{self.line}" if self.pack == "" else f"{self.pack}/{self.rel}:{self.line}"
        )


@dataclass
class RawItem:
    """One item of one section, merged along the chain, with per-field origins."""

    section: str
    id: str
    data: dict[str, Any]
    where: Origin  # the item's last definition
    origins: dict[str, Origin] = field(default_factory=dict)  # top-level field -> last writer

    def locate(self, sub: PathKey) -> Origin:
        if sub and isinstance(sub[0], str) and sub[0] in self.origins:
            return self.origins[sub[0]]
        return self.where

    def problem(self, sub: PathKey, message: str, *, key: bool = False) -> Problem:
        return self.locate(sub).problem(sub, message, key=key)

    def label(self) -> str:
        return f"{SINGULAR.get(self.section, self.section)} '{self.id}'"


@dataclass
class Layer:
    """One pack folder as read from disk (not yet merged)."""

    id: str
    items: dict[str, list[tuple[Origin, dict[str, Any]]]]  # section -> (origin, raw item)
    removes: list[tuple[Origin, str]]  # (origin of the list entry, id)


@dataclass
class MergeState:
    """The chain merged so far."""

    sections: dict[str, list[RawItem]] = field(
        default_factory=lambda: {name: [] for name in ITEM_SECTIONS}
    )
    removed: dict[str, Origin] = field(default_factory=dict)  # id -> the remove: entry

    index: dict[tuple[str, str], RawItem] = field(default_factory=dict)

    def find(self, section: str, item_id: str) -> RawItem | None:
        return self.index.get((section, item_id))

    def add(self, item: RawItem, position: int | None = None) -> None:
        items = self.sections[item.section]
        if position is None:
            items.append(item)
        else:
            items.insert(position, item)
        self.index[(item.section, item.id)] = item

    def drop(self, item: RawItem) -> None:
        self.sections[item.section].remove(item)
        del self.index[(item.section, item.id)]

    def all_ids(self) -> list[str]:
        return [item.id for items in self.sections.values() for item in items]


def dep_id(entry: Any) -> str | None:
    """The task id of an ``after`` entry (``id`` or ``{id: ..., lag: ...}``)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return str(entry["id"])
    return None


def as_list(value: Any) -> list[Any]:
    """A list field as written (a single value counts as a one-item list)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def merge_layer(state: MergeState, layer: Layer, parent_label: str | None) -> list[Problem]:
    """Apply one pack (``layer``) on top of ``state``. ``parent_label`` is None for the root."""
    problems: list[Problem] = []
    parent_ids = {(sec, item.id) for sec, items in state.sections.items() for item in items}
    problems += _apply_removes(state, layer, parent_label)
    own: dict[tuple[str, str], Origin] = {}
    placed: set[int] = set()
    for section, entries in layer.items.items():
        for origin, raw in entries:
            item_id = raw["id"]
            namespace = SHARED_NAMESPACE if section in SHARED_NAMESPACE else (section,)
            clash = next(((s, item_id) for s in namespace if (s, item_id) in own), None)
            if clash is not None:
                first = own[clash]
                problems.append(
                    origin.problem(
                        ("id",),
                        f"id '{item_id}' is already used by a {SINGULAR[clash[0]]} in "
                        f"{first.rel}:{first.line}; ids must be unique — rename one of them",
                    )
                )
                continue
            own[(section, item_id)] = origin
            override = raw.get("override") is True
            existing = state.find(section, item_id)
            other = next(
                (s for s in namespace if s != section and state.find(s, item_id) is not None),
                None,
            )
            if other is not None:
                previous = state.find(other, item_id)
                assert previous is not None
                problems.append(
                    origin.problem(
                        ("id",),
                        f"id '{item_id}' is already used by {previous.label()} in "
                        f"{previous.where.label()}; tasks and gates share ids — pick a new id",
                    )
                )
                continue
            if existing is not None and (section, item_id) in parent_ids:
                if not override:
                    problems.append(
                        origin.problem(
                            ("id",),
                            f"id '{item_id}' already exists in {existing.where.label()}; add "
                            "'override: true' to change that item, or pick a new id to add one",
                        )
                    )
                    continue
                _override(existing, raw, origin)
                continue
            if override:
                where = (
                    f"pack '{parent_label}'" if parent_label else "this pack (it extends no pack)"
                )
                hint = did_you_mean(item_id, [i.id for i in state.sections[section]])
                problems.append(
                    origin.problem(
                        ("override",),
                        f"'override: true' but {where} has no {SINGULAR[section]} '{item_id}'"
                        f"{hint}; remove 'override: true' to add it as a new item",
                        key=True,
                    )
                )
            data = {k: v for k, v in raw.items() if k != "override"}
            item = RawItem(section, item_id, data, origin, {k: origin for k in data})
            if section == "tasks" and parent_label is not None:
                _place_task(state, item, placed)
            else:
                state.add(item)
    return problems


def _override(item: RawItem, raw: dict[str, Any], origin: Origin) -> None:
    for key, value in raw.items():
        if key in ("id", "override"):
            continue
        old = item.data.get(key)
        if isinstance(old, str) and isinstance(value, dict) and value and set(value) <= set(LANGS):
            old = {lang: old for lang in LANGS if text_in(old, lang)}  # plain text -> {en, zh}
        item.data[key] = (
            _deep_merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
        item.origins[key] = origin
    item.where = origin


def _deep_merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    result = dict(old)
    for key, value in new.items():
        before = result.get(key)
        result[key] = (
            _deep_merge(before, value)
            if isinstance(before, dict) and isinstance(value, dict)
            else value
        )
    return result


def _apply_removes(state: MergeState, layer: Layer, parent_label: str | None) -> list[Problem]:
    problems: list[Problem] = []
    for origin, item_id in layer.removes:
        hits = [(sec, hit) for sec in ITEM_SECTIONS if (hit := state.find(sec, item_id))]
        if not hits:
            if parent_label is None:
                problems.append(
                    origin.problem(
                        (),
                        f"remove: '{item_id}' — this pack extends no pack, so there is nothing to remove",
                    )
                )
            else:
                hint = did_you_mean(item_id, state.all_ids())
                problems.append(
                    origin.problem(
                        (), f"remove: no item '{item_id}' in pack '{parent_label}'{hint}"
                    )
                )
            continue
        for section, item in hits:
            if section in SHARED_NAMESPACE:
                _bridge(state, item)
            state.drop(item)
        state.removed[item_id] = origin
    return problems


def _bridge(state: MergeState, gone: RawItem) -> None:
    """Reconnect the predecessors of a removed task/gate to its successors."""
    graph = state.sections["tasks"] + state.sections["gates"]
    preds = [d for d in (dep_id(e) for e in as_list(gone.data.get("after"))) if d]
    preds += [i.id for i in graph if gone.id in as_list(i.data.get("before"))]
    succs = [i for i in graph if gone.id in [dep_id(e) for e in as_list(i.data.get("after"))]]
    succs += [i for i in graph if i.id in as_list(gone.data.get("before"))]
    for item in graph:
        if "after" in item.data:
            item.data["after"] = [e for e in as_list(item.data["after"]) if dep_id(e) != gone.id]
        if "before" in item.data:
            item.data["before"] = [e for e in as_list(item.data["before"]) if e != gone.id]
    for succ in succs:
        current = as_list(succ.data.get("after"))
        have = {dep_id(e) for e in current}
        extra = [p for p in dict.fromkeys(preds) if p not in have and p != succ.id]
        if extra:
            succ.data["after"] = current + extra


def _place_task(state: MergeState, item: RawItem, placed: set[int]) -> None:
    tasks = state.sections["tasks"]
    phase = item.data.get("phase")
    position: int | None = None
    for before in as_list(item.data.get("before")):
        for index, other in enumerate(tasks):
            if other.id == before and other.data.get("phase") == phase:
                position = index if position is None else min(position, index)
    if position is None:
        after_ids = {dep_id(e) for e in as_list(item.data.get("after"))}
        hits = [
            i
            for i, other in enumerate(tasks)
            if other.id in after_ids and other.data.get("phase") == phase
        ]
        if hits:
            position = max(hits) + 1
            while position < len(tasks) and id(tasks[position]) in placed:
                position += 1
    if position is None:
        same = [i for i, other in enumerate(tasks) if other.data.get("phase") == phase]
        if same:
            position = max(same) + 1
        else:
            order = _phase_order(state)
            mine = order.get(str(phase))
            earlier = [
                i
                for i, other in enumerate(tasks)
                if mine is not None and order.get(str(other.data.get("phase")), 10**6) <= mine
            ]
            position = max(earlier) + 1 if earlier else (0 if mine is not None else len(tasks))
            if mine is None:
                position = len(tasks)
    state.add(item, position)
    placed.add(id(item))


def _phase_order(state: MergeState) -> dict[str, int]:
    order: dict[str, int] = {}
    for phase in state.sections["phases"]:
        value = phase.data.get("order")
        if isinstance(value, int):
            order[phase.id] = value
    return order

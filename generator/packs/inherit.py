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
    order: _TaskOrder | None = None  # the task list while this layer places tasks
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
                        f"id '{item_id}' is already used by {_a(SINGULAR[clash[0]])} in "
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
                if order is not None and section == "tasks":
                    order.flush(state)
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
                if order is None:
                    order = _TaskOrder(state.sections["tasks"])
                _place_task(state, order, item)
            else:
                state.add(item)
    if order is not None:
        order.flush(state)
    return problems


def _a(noun: str) -> str:
    """``a task`` / ``an audience``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


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


class _TaskOrder:
    """The task list of a layer being merged, as a linked list with order labels.

    Placing a child's task needs the position of its ``before``/``after`` tasks and
    of the last task of its phase. On a plain list each of those is a scan, which
    made loading quadratic in the number of tasks (a 10,000-task pack took a
    minute). Here they are dictionary look-ups: every task has a label that grows
    along the list, a new task gets a label between its neighbours (the labels are
    spread out again in the rare case there is no room), and
    ``state.sections["tasks"]`` is rebuilt from the links by :meth:`flush`.

    ``skip`` gives, for every task, the first task after it that this layer did
    not insert: the place "after the tasks the same child already placed there".
    Inserting a task never changes it for the others (the new task is one of
    those skipped), so it is set once per task.
    """

    SPACING = 1 << 40  # between neighbours after (re)labelling
    STEP = 1 << 20  # what an insert takes from the gap when the gap is wide

    def __init__(self, tasks: list[RawItem]) -> None:
        self.next: dict[int, RawItem | None] = {}
        self.prev: dict[int, RawItem | None] = {}
        self.label: dict[int, int] = {}
        self.skip: dict[int, RawItem | None] = {}
        self.inserted: set[int] = set()
        self.last: dict[Any, RawItem] = {}  # phase -> its last task
        self.head: RawItem | None = tasks[0] if tasks else None
        self.tail: RawItem | None = None
        for item in tasks:
            if self.tail is not None:
                self.skip[id(self.tail)] = item
            self._link(item, self.tail, None)
            self.label[id(item)] = len(self.label) * self.SPACING
            self.last[_phase_key(item)] = item
        if self.tail is not None:
            self.skip[id(self.tail)] = None

    def _link(self, item: RawItem, prev: RawItem | None, nxt: RawItem | None) -> None:
        key = id(item)
        self.prev[key] = prev
        self.next[key] = nxt
        if prev is None:
            self.head = item
        else:
            self.next[id(prev)] = item
        if nxt is None:
            self.tail = item
        else:
            self.prev[id(nxt)] = item

    def _relabel(self) -> None:
        item, n = self.head, 0
        while item is not None:
            self.label[id(item)] = n * self.SPACING
            item, n = self.next[id(item)], n + 1

    def insert_before(self, item: RawItem, nxt: RawItem | None) -> None:
        """Put ``item`` right before ``nxt`` (at the end when ``nxt`` is None)."""
        prev = self.tail if nxt is None else self.prev[id(nxt)]
        if prev is not None and nxt is not None and self.label[id(nxt)] - self.label[id(prev)] < 2:
            self._relabel()
        if prev is None and nxt is None:
            label = 0
        elif nxt is None:
            assert prev is not None
            label = self.label[id(prev)] + self.SPACING
        elif prev is None:
            label = self.label[id(nxt)] - self.SPACING
        else:
            low, gap = self.label[id(prev)], self.label[id(nxt)] - self.label[id(prev)]
            label = low + (self.STEP if gap >= 2 * self.STEP else gap // 2)
        self._link(item, prev, nxt)
        self.label[id(item)] = label
        self.skip[id(item)] = (
            nxt if nxt is None or id(nxt) not in self.inserted else self.skip[id(nxt)]
        )
        self.inserted.add(id(item))
        key = _phase_key(item)
        last = self.last.get(key)
        if last is None or label > self.label[id(last)]:
            self.last[key] = item

    def after(self, item: RawItem) -> RawItem | None:
        return self.next[id(item)]

    def contains(self, item: RawItem) -> bool:
        return id(item) in self.label

    def flush(self, state: MergeState) -> None:
        """Write the order back into ``state.sections["tasks"]``."""
        ordered: list[RawItem] = []
        item = self.head
        while item is not None:
            ordered.append(item)
            item = self.next[id(item)]
        state.sections["tasks"][:] = ordered


def _phase_key(item: RawItem) -> Any:
    phase = item.data.get("phase")
    try:
        hash(phase)
    except TypeError:
        return ("unhashable", repr(phase))
    return phase


def _find_task(state: MergeState, task_id: Any) -> RawItem | None:
    try:
        return state.find("tasks", task_id)
    except TypeError:  # an unhashable id (a malformed entry) names no task
        return None


def _place_task(state: MergeState, order: _TaskOrder, item: RawItem) -> None:
    """Insert a child's new task in WBS order (see the module docstring)."""
    phase = item.data.get("phase")
    # right before its earliest ``before`` task of the same phase
    first: RawItem | None = None
    for before in as_list(item.data.get("before")):
        other = _find_task(state, before)
        if (
            other is not None
            and order.contains(other)
            and other.data.get("phase") == phase
            and (first is None or order.label[id(other)] < order.label[id(first)])
        ):
            first = other
    if first is not None:
        order.insert_before(item, first)
    else:
        # right after its last ``after`` task of the same phase, and after the tasks this
        # layer already placed there
        last: RawItem | None = None
        for task_id in {dep_id(e) for e in as_list(item.data.get("after"))}:
            other = _find_task(state, task_id)
            if (
                other is not None
                and order.contains(other)
                and other.data.get("phase") == phase
                and (last is None or order.label[id(other)] > order.label[id(last)])
            ):
                last = other
        if last is not None:
            order.insert_before(item, order.skip[id(last)])
        else:
            same = order.last.get(_phase_key(item))
            if same is not None:  # at the end of its phase
                order.insert_before(item, order.after(same))
            else:  # after the phases that come before it (by order), else at the end
                ranks = _phase_order(state)
                mine = ranks.get(str(phase))
                if mine is None:
                    order.insert_before(item, None)
                else:
                    earlier = [
                        other
                        for other in order.last.values()
                        if ranks.get(str(other.data.get("phase")), 10**6) <= mine
                    ]
                    if earlier:
                        latest = max(earlier, key=lambda other: order.label[id(other)])
                        order.insert_before(item, order.after(latest))
                    else:
                        order.insert_before(item, order.head)
    state.index[(item.section, item.id)] = item


def _phase_order(state: MergeState) -> dict[str, int]:
    order: dict[str, int] = {}
    for phase in state.sections["phases"]:
        value = phase.data.get("order")
        if isinstance(value, int):
            order[phase.id] = value
    return order

"""An independent checker of the planning rules on a scheduled Kit (plan or forecast).

Its own code throughout: its own working-day count (walked from the Kit's calendar
model), its own reading of the pack's flags, its own ancestor search. It imports
nothing from ``generator.planning``, ``generator.schedule``, ``generator.kit`` or
``generator.calendar``, so a rule the scheduler gets wrong cannot be gotten wrong the
same way here. :func:`rule_violations` returns every broken rule as a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from generator.kit_model import Kit, Task
from generator.packs.resolved import ResolvedPack

KEY_NODE_WORK = {  # the anchor of the work each key-node gate checks
    "requirements": "development-start",
    "configuration": "uat",
    "migration": "cutover",
    "training": "go-live",
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Entered:
    """What a test typed for a task: ``finished`` (start, finish), ``started`` (start)."""

    state: str
    start: date | None = None
    finish: date | None = None


class Days:
    """Working days of a Kit's calendar model, counted by walking every day once."""

    def __init__(self, kit: Kit) -> None:
        model = kit.calendar
        self.holidays = {d.day for d in model.holidays}
        self.workdays = {d.day for d in model.workdays}
        self.weekend = set(model.weekend)
        self.first = model.first - timedelta(days=400)
        self.through: dict[date, int] = {}
        count, day = 0, self.first
        while day <= model.last + timedelta(days=400):
            count += self.working(day)
            self.through[day] = count
            day += timedelta(days=1)

    def working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def before(self, day: date) -> int:
        """Working days strictly before ``day``."""
        return self.through[day - timedelta(days=1)]

    def next_working(self, day: date) -> date:
        while not self.working(day):
            day += timedelta(days=1)
        return day


def _start_point(task: Task, days: Days) -> int:
    return days.through[task.start] if task.milestone else days.before(task.start)


def _finish_point(task: Task, days: Days) -> int:
    return days.through[task.finish]


def _base_id(task_id: str) -> str:
    return task_id.split("@w")[0]


def rule_violations(
    kit: Kit,
    pack: ResolvedPack,
    entered: Mapping[str, Entered],
    as_of: date | None,
    *,
    freeze_days: int,
) -> list[str]:
    """Every planning rule ``kit`` breaks (empty: all hold). ``entered``: the facts typed;
    ``as_of``: the status date (None: the plan)."""
    days = Days(kit)
    by_id = {t.id: t for t in kit.tasks}
    defs = {t.item.id: t.item for t in pack.tasks}
    out: list[str] = []
    fact = {tid for tid, e in entered.items() if e.state in ("finished", "started", "cancelled")}
    open_tasks = [t for t in kit.tasks if t.id not in fact]
    unmet = {p.task_id for p in kit.pushes if not p.met}

    # facts stand: actual dates as entered; nothing finished has float
    for task_id, e in entered.items():
        t = by_id[task_id]
        if e.state == "finished":
            if t.total_float or t.critical:
                out.append(f"{task_id}: finished yet float {t.total_float}, critical {t.critical}")
            if not t.milestone and (e.start, e.finish) != (t.start, t.finish):
                out.append(f"{task_id}: finished {e.start}..{e.finish} shown {t.start}..{t.finish}")
        elif e.state == "started" and e.start is not None and t.start != e.start:
            out.append(f"{task_id}: started {e.start} shown {t.start}")
    # the working calendar
    for t in open_tasks:
        for day in (t.start, t.finish):
            if not days.working(day):
                out.append(f"{t.id}: {day} is not a working day")
    # links hold every open task
    for t in open_tasks:
        for link in t.predecessors:
            pred = by_id.get(link.predecessor)
            if pred is None:
                continue
            bound = (
                _finish_point(pred, days) if link.type == "FS" else _start_point(pred, days)
            ) + link.lag
            if _start_point(t, days) < bound:
                out.append(f"{t.id}: starts before {link.type}+{link.lag} of {pred.id}")
    # the status date: nothing open before it
    if as_of is not None and as_of >= kit.project.start:
        first_open = days.next_working(as_of + timedelta(days=1))
        for t in open_tasks:
            if (t.milestone and t.finish < as_of) or (not t.milestone and t.start < first_open):
                out.append(f"{t.id}: open but dated {t.start} before the status date {as_of}")
        for task_id, e in entered.items():
            t = by_id[task_id]
            if e.state == "started" and not t.milestone and t.finish <= as_of:
                out.append(f"{task_id}: under way but finishing {t.finish} by the status date")
    out += _blackouts(kit, pack, defs, open_tasks, unmet, days)
    out += _freeze(kit, by_id, fact, freeze_days, days)
    out += _gates(kit, pack, by_id, fact, days)
    out += _derived(kit, pack, by_id, days)
    return out


def _blackouts(
    kit: Kit,
    pack: ResolvedPack,
    defs: Mapping[str, object],
    open_tasks: list[Task],
    unmet: set[str],
    days: Days,
) -> list[str]:
    out = []
    align = pack.meta.rollout.go_live_align
    for t in open_tasks:
        item = defs.get(_base_id(t.id))
        avoid = bool(getattr(item, "avoid_blackouts", False)) or t.anchor == "go-live"
        if not avoid or t.id in unmet:
            continue
        span = [t.finish] if t.milestone else []
        day = t.start
        while not t.milestone and day <= t.finish:
            if days.working(day):
                span.append(day)
            day += timedelta(days=1)
        for window in kit.blackouts:
            hit = [d for d in span if window.start <= d <= window.end]
            if hit:
                out.append(f"{t.id}: {hit[0]} in blackout {window.name}")
        if t.anchor == "go-live":
            if align == "week-start":
                monday = t.start - timedelta(days=t.start.weekday())
                if t.start != days.next_working(monday):
                    out.append(f"{t.id}: go-live {t.start} not the week's first working day")
            elif align == "month-start" and t.start != days.next_working(t.start.replace(day=1)):
                out.append(f"{t.id}: go-live {t.start} not the month's first working day")
    return out


def _freeze(
    kit: Kit, by_id: Mapping[str, Task], fact: set[str], freeze_days: int, days: Days
) -> list[str]:
    signoff = next((t for t in kit.tasks if t.anchor == "prototype-signoff"), None)
    develop = next((t for t in kit.tasks if t.anchor == "development-start"), None)
    if signoff is None or develop is None or freeze_days <= 0:
        return [] if kit.freeze is None else ["a freeze window without its rule"]
    out = []
    begins = (
        days.next_working(develop.start + timedelta(days=1)) if develop.milestone else develop.start
    )
    if develop.id not in fact:
        earliest = days.next_working(signoff.finish + timedelta(days=freeze_days + 1))
        if begins < earliest:
            out.append(f"development begins {begins}, before sign-off + freeze {earliest}")
    if kit.freeze is None:
        return [*out, "no freeze window"]
    if kit.freeze.end != begins - timedelta(days=1):
        out.append(f"freeze ends {kit.freeze.end}, development begins {begins}")
    if kit.freeze.start != begins - timedelta(days=freeze_days):
        out.append(f"freeze starts {kit.freeze.start}, {freeze_days} days before {begins}")
    return out


def _ancestors(task_id: str, by_id: Mapping[str, Task]) -> set[str]:
    seen: set[str] = set()
    todo = [task_id]
    while todo:
        for link in by_id[todo.pop()].predecessors:
            if link.predecessor not in seen and link.predecessor in by_id:
                seen.add(link.predecessor)
                todo.append(link.predecessor)
    return seen


def _gates(
    kit: Kit, pack: ResolvedPack, by_id: Mapping[str, Task], fact: set[str], days: Days
) -> list[str]:
    out = []
    gate_defs = {g.item.id: g.item for g in pack.gates}
    task_defs = {t.item.id: t.item for t in pack.tasks}
    pilot_anchor = {}
    for t in kit.tasks:
        if t.anchor and t.wave <= 1:
            pilot_anchor.setdefault(t.anchor, t)
    for gate in kit.gates:
        item = gate_defs[gate.id]
        g = by_id[gate.task_id]
        if gate.kind == "key-node":
            if item.precedes is not None:
                work = [by_id[x] for x in item.precedes if x in by_id]
            else:
                anchor = KEY_NODE_WORK.get(gate.key_node or "")
                work = [pilot_anchor[anchor]] if anchor in pilot_anchor else []
            for target in work:
                waits = gate.task_id in _ancestors(target.id, by_id)
                feeds = target.id in _ancestors(gate.task_id, by_id)
                if target.id not in fact and not feeds and not waits:
                    out.append(f"{target.id} does not wait for key-node gate {gate.id}")
                early = _start_point(target, days) < _finish_point(g, days)
                if target.id not in fact and not feeds and early:
                    out.append(f"{target.id} starts before key-node gate {gate.id}")
            continue
        phases = [p.id for p in kit.phases]
        at = phases.index(gate.phase)
        if at + 1 >= len(phases):
            continue
        checked = _ancestors(gate.task_id, by_id)
        for task_id in kit.phases[at + 1].task_ids:
            t = by_id[task_id]
            item_t = task_defs.get(_base_id(task_id))
            gated = item_t is not None and item_t.gated
            if t.id in fact or not gated or task_id in checked:
                continue
            if _start_point(t, days) < _finish_point(g, days):
                out.append(f"{task_id} starts before the phase gate {gate.id}")
    return out


def _derived(kit: Kit, pack: ResolvedPack, by_id: Mapping[str, Task], days: Days) -> list[str]:
    out = []
    # waves read their own tasks
    first_of = {}
    for t in kit.tasks:
        if t.anchor and t.wave <= 1:
            first_of.setdefault(t.anchor, t.id)
    for wave in kit.waves:
        for anchor, got in (("go-live", wave.go_live), ("hypercare-end", wave.hypercare_end)):
            task = by_id.get(first_of.get(anchor, "") + wave.suffix)
            if task is not None and task.start != got:
                out.append(f"wave {wave.number}: {anchor} {got}, its task {task.start}")
        training = by_id.get(first_of.get("training", "") + wave.suffix)
        if training is not None and (wave.training_start, wave.training_finish) != (
            training.start,
            training.finish,
        ):
            out.append(f"wave {wave.number}: training window off its task")
    # ceremonies run until the LAST wave's go-live / hypercare end, from their phase
    lives = [w.go_live for w in kit.waves if w.go_live]
    cares = [w.hypercare_end for w in kit.waves if w.hypercare_end]
    starts = {p.id: p.start for p in kit.phases}
    defs = {c.item.id: c.item for c in pack.ceremonies}
    for ceremony in kit.ceremonies:
        item = defs[ceremony.id]
        end = {
            "go-live": max(lives) if lives else None,
            "hypercare-end": max(cares) if cares else None,
        }.get(item.until) or kit.project.finish
        if ceremony.until != max(end, ceremony.first):
            out.append(f"ceremony {ceremony.id} until {ceremony.until}, expected {end}")
        begin = starts.get(item.from_phase or "", kit.phases[0].start)
        weekday = WEEKDAYS.index(item.weekday)
        if ceremony.first != begin + timedelta(days=(weekday - begin.weekday()) % 7):
            out.append(f"ceremony {ceremony.id} first {ceremony.first} off its phase {begin}")
    # end users' sessions in (or after) their wave's training window, never before it
    suffix = {w.number: w.suffix for w in kit.waves}
    for session in kit.sessions:
        window = by_id.get(first_of.get("training", "") + suffix.get(session.wave, "?"))
        if session.wave and window is not None and session.day < window.start:
            out.append(f"session {session.id} on {session.day}, before its window {window.start}")
    # cutover steps timed from their wave's go-live, as their text says
    live_of = {w.number: w.go_live for w in kit.waves}
    for step in kit.cutover:
        live = live_of.get(step.wave or 1)
        if live is None or step.planned_date is None:
            continue
        head = step.planned.split()[0]
        offset = int(head[1:-1]) if head != "T" else 0
        if step.planned_date != live + timedelta(days=offset):
            out.append(f"cutover step {step.id} on {step.planned_date}, not {step.planned}")
    # migration rehearsals on their anchors; phases span their tasks; project end
    anchors = dict(kit.anchors)
    for obj in kit.migration:
        for field, anchor in (("mock_1", "mock-load-1"), ("dress_rehearsal", "dress-rehearsal")):
            if getattr(obj, field) != anchors.get(anchor):
                out.append(f"migration {obj.id} {field} off its anchor")
    for phase in kit.phases:
        mine = [by_id[x] for x in phase.task_ids]
        if (phase.start, phase.finish) != (min(t.start for t in mine), max(t.finish for t in mine)):
            out.append(f"phase {phase.id} does not span its tasks")
    if kit.project.finish != max(t.finish for t in kit.tasks):
        out.append("project finish is not the last task's finish")
    return out

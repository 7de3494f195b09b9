"""Build the Kit from a resolved pack and the project's answers.

``build_kit(pack, spec, generator_version=...)`` selects the items whose
``when:`` holds for the answers, resolves every text to the project's
language, schedules the tasks on the project's working calendar and returns an
immutable :class:`~generator.kit_model.Kit`. Same input, equal Kit.

Decisions
---------
* Dropped items (``when:`` false): a link to a dropped task or gate is replaced
  by the dropped item's own links with the link type of the dropped item's link and
  the lag of the link to ``P`` (``S -FS+2-> D -SS+1-> P`` becomes ``S -FS+1-> P``):
  the order the pack intended still holds and the dropped item's own waiting time
  is never added on (no phantom days). Of several bridged links to one predecessor
  the tightest (largest lag) is kept.
* Gates that gate: every task of a phase follows the previous phase's phase gate
  unless it says ``gated: false`` or the gate waits on it
  (:func:`generator.planning.gating.gate_phase_work`).
* ``before: [X]`` on a task adds a finish-to-start link from the task to ``X``.
* Gates are milestone tasks with the gate's id, after their ``after`` tasks or,
  without ``after``, after every task of their phase. A phase gate is the last
  task of its phase; a key-node gate sits right after the last of its
  ``after`` tasks in the phase.
* Phase order: a task with no predecessors in a later phase starts after the
  previous phase's phase gate (or, without one, after the previous phase's
  tasks), unless that gate itself waits on tasks of this or a later phase.
  Pack authors mostly write explicit ``after:``; this keeps stray tasks from
  starting on day one.
* Requirements freeze: the ``development-start`` anchor task may not start
  before the prototype sign-off (anchor ``prototype-signoff``) plus
  ``freeze_days`` calendar days. The window is the ``freeze_days`` days before
  development starts; the change control board decides every change after it.
  ``freeze_days: 0`` means no freeze (``Kit.freeze`` is None).
* A milestone is dated on the finish day of its predecessor (MS Project).
* Phases with no tasks left are dropped; phases are numbered 1.. by ``order``.
* RACI defaults: accountable = owner; responsible = the roles with effort (or
  the owner). Gate milestones: accountable = first sign-off role.
* Ceremonies: first occurrence on the ceremony's weekday on/after the start of
  ``from_phase`` (default: first phase); until the go-live, the hypercare end
  or the project end.
* The calendar in the Kit covers whole years, from January of the start year
  to December of the finish year.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from generator import display
from generator.calendar import WorkingCalendar
from generator.competency import profile, staffing_rows
from generator.conditions import Scope, holds
from generator.errors import InputError
from generator.kit_model import (
    Audience,
    Ceremony,
    Course,
    CourseModule,
    CutoverStep,
    FreezeWindow,
    Gate,
    Kit,
    Lesson,
    MigrationField,
    MigrationObject,
    PackInfo,
    Phase,
    ProjectInfo,
    Raci,
    Reconciliation,
    Risk,
    Role,
    Stakeholder,
    SupportResource,
    Task,
)
from generator.kit_model import Link as KitLink
from generator.load_order import load_order
from generator.packs.model import GateDef, Item, TaskDef, Text, resolve_text
from generator.packs.resolved import Located, ResolvedPack
from generator.planning.build import Planner
from generator.planning.gating import gate_phase_work
from generator.project import ProjectSpec
from generator.schedule import (
    Activity,
    CycleError,
    Dep,
    Schedule,
    finish_day,
    schedule,
    start_day,
    whole_days,
)

T = TypeVar("T", bound=Item)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

MATERIALS = {
    "en": {
        "slides": "Slides",
        "exercise-script": "Exercise script",
        "quick-reference-card": "Quick-reference card",
        "video": "Video",
        "handbook": "Handbook",
        "sandbox": "Sandbox environment",
        "e-learning": "E-learning",
    },
    "zh": {
        "slides": "培训课件",
        "exercise-script": "练习脚本",
        "quick-reference-card": "快速参考卡",
        "video": "视频",
        "handbook": "用户手册",
        "sandbox": "练习环境",
        "e-learning": "在线课程",
    },
}
RECONCILIATION = {
    "en": {
        "record-count": "Record counts",
        "record-count-and-sample": "Record counts and sample check",
        "hash-total": "Hash totals",
        "control-total": "Control totals",
        "balance-tie-out": "Balance tie-out",
        "sample": "Sample check",
    },
    "zh": {
        "record-count": "记录数核对",
        "record-count-and-sample": "记录数核对加抽样检查",
        "hash-total": "哈希总计核对",
        "control-total": "控制总数核对",
        "balance-tie-out": "余额核对",
        "sample": "抽样检查",
    },
}


def _selected(items: Iterable[Located[T]], scope: Scope) -> list[Located[T]]:
    return [located for located in items if holds(located.item.when, scope)]


class _Builder:
    """One build: the inputs, the language and the calendar."""

    def __init__(self, pack: ResolvedPack, spec: ProjectSpec, generator_version: str) -> None:
        self.pack = pack
        self.spec = spec.resolved(pack)
        self.version = generator_version
        self.lang = self.spec.lang
        assert self.spec.start is not None and self.spec.country is not None
        self.scope = Scope(
            systems=tuple(self.spec.systems or ()),
            strategy=self.spec.strategy,
            sites=self.spec.sites,
            users=self.spec.users,
            country=self.spec.country,
        )
        self.cal: WorkingCalendar = self.spec.calendar()

    def t(self, text: Text | None) -> str:
        return resolve_text(text, self.lang)

    def ts(self, texts: Iterable[Text]) -> tuple[str, ...]:
        return tuple(self.t(x) for x in texts)

    # --- plan ---------------------------------------------------------------------
    def build(self) -> Kit:
        pack, spec, lang = self.pack, self.spec, self.lang
        phases_sel = sorted(
            enumerate(_selected(pack.phases, self.scope)), key=lambda p: (p[1].item.order, p[0])
        )
        phase_ids = [p.item.id for _, p in phases_sel]
        all_tasks = {t.item.id: t for t in pack.tasks}
        all_gates = {g.item.id: g for g in pack.gates}
        tasks_sel = [t for t in _selected(pack.tasks, self.scope) if t.item.phase in phase_ids]
        gates_sel = [g for g in _selected(pack.gates, self.scope) if g.item.phase in phase_ids]
        kept = {t.item.id for t in tasks_sel} | {g.item.id for g in gates_sel}

        # raw links of every task and gate (kept or not), ``before`` folded in
        raw: dict[str, list[Dep]] = {}
        for task_id, located in all_tasks.items():
            raw[task_id] = [Dep(d.id, d.type, d.lag) for d in located.item.after]
        for gate_id, g in all_gates.items():
            raw.setdefault(gate_id, [])
            raw[gate_id] = [Dep(a) for a in g.item.after]
        for task_id, located in all_tasks.items():
            for target in located.item.before:
                if target in raw:
                    raw[target].append(Dep(task_id))
        for gate_id, g in all_gates.items():
            if not g.item.after and gate_id in kept:  # default: after all tasks of its phase
                mine = [t.item.id for t in tasks_sel if t.item.phase == g.item.phase]
                # the phase's last tasks suffice: those no other task of the phase follows
                followed = {d.predecessor for task_id in mine for d in raw[task_id]}
                raw[gate_id] = [Dep(task_id) for task_id in mine if task_id not in followed]

        # rollout waves, sizing, blackouts (issue 12): per-wave copies join the network here
        self.planner = Planner(
            pack,
            spec,
            lambda when: holds(when, self.scope),
            lang,
            self.cal,
            len(_selected(pack.migration, self.scope)),
        )
        self.planner.expand(all_tasks, tasks_sel, raw, kept)
        early_audiences = self._audiences()
        self.planner.set_training(
            self._courses({a.id for a in early_audiences}),
            early_audiences,
            {a.item.id: a.item for a in pack.audiences},
        )

        effective: dict[str, list[Dep]] = {}

        def links_of(node: str) -> list[Dep]:
            """Links of ``node`` with dropped predecessors bridged (iterative, memoised)."""
            if node in effective:
                return effective[node]
            stack: list[tuple[str, int]] = [(node, 0)]
            on_stack = {node}
            while stack:
                current, at = stack[-1]
                deps = raw.get(current, [])
                if at < len(deps):  # first make sure every dropped predecessor is done
                    stack[-1] = (current, at + 1)
                    pred = deps[at].predecessor
                    if (
                        pred not in kept
                        and pred in raw
                        and pred not in effective
                        and pred not in on_stack
                    ):
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
                    for link in bridged:  # one link per predecessor and type: the tightest lag
                        key = (link.predecessor, link.type)
                        if key not in unique or link.lag > unique[key].lag:
                            unique[key] = link
                effective[current] = list(unique.values())
                stack.pop()
                on_stack.discard(current)
            return effective[node]

        # WBS order: phase by phase, gates placed in their phase
        by_phase: dict[str, list[tuple[str, str]]] = {p: [] for p in phase_ids}
        for t in tasks_sel:
            by_phase[t.item.phase].append(("task", t.item.id))
        for g in gates_sel:
            entries = by_phase[g.item.phase]
            position = len(entries)
            if g.item.kind == "key-node":
                targets = {d.predecessor for d in links_of(g.item.id)}
                hits = [i for i, (_, x) in enumerate(entries) if x in targets]
                if hits:
                    position = max(hits) + 1
                    while position < len(entries) and entries[position][0] == "gate":
                        position += 1
            entries.insert(position, ("gate", g.item.id))
        phase_gate: dict[str, str] = {}
        for g in gates_sel:
            if g.item.kind == "phase-gate":
                phase_gate.setdefault(g.item.phase, g.item.id)
        phase_of = {t.item.id: t.item.phase for t in tasks_sel} | {
            g.item.id: g.item.phase for g in gates_sel
        }
        rank = {p: i for i, p in enumerate(phase_ids)}

        # implicit phase sequencing for predecessor-less tasks
        links: dict[str, list[Dep]] = {}
        prev_anchor: list[Dep] = []
        for phase in phase_ids:
            entries = by_phase[phase]
            for _, node in entries:
                deps = list(links_of(node))
                if not deps and prev_anchor:
                    deps = list(prev_anchor)
                links[node] = deps
            gate = phase_gate.get(phase)
            if gate is not None:
                waits_later = any(rank[phase_of[d.predecessor]] > rank[phase] for d in links[gate])
                prev_anchor = [] if waits_later else [Dep(gate)]
            elif entries:
                targets = {d.predecessor for n in links for d in links[n]}
                prev_anchor = [
                    Dep(node) for _, node in entries if node not in targets
                ] or prev_anchor

        gate_phase_work(
            [(p, [node for _, node in by_phase[p]]) for p in phase_ids],
            {
                p: [
                    g.item.id
                    for g in gates_sel
                    if g.item.phase == p and g.item.kind == "phase-gate"
                ]
                for p in phase_ids
            },
            links,
            gated=lambda n: n in all_tasks and all_tasks[n].item.gated,
        )
        nodes = [node for phase in phase_ids for _, node in by_phase[phase]]
        durations: dict[str, int] = {}
        for node in nodes:
            if node in all_tasks:
                item = all_tasks[node].item
                durations[node] = (
                    0 if item.milestone else whole_days(self.planner.duration(node, item))
                )
            else:
                durations[node] = 0

        anchor_task: dict[str, str] = {}
        for t in tasks_sel:
            if t.item.anchor and t.item.anchor not in anchor_task:
                anchor_task[t.item.anchor] = t.item.id

        acts = [Activity(n, durations[n], tuple(links[n])) for n in nodes]
        slot_of = {n: i for i, n in enumerate(nodes)}

        def run(snet: dict[str, int], changed: Sequence[str] = ()) -> Schedule:
            """Schedule; ``changed`` nodes (new links or a constraint) are rebuilt."""
            for n in {*changed, *snet}:
                acts[slot_of[n]] = Activity(n, durations[n], tuple(links[n]), snet.get(n))
            return schedule(acts)

        result = run({})
        freeze: FreezeWindow | None = None
        signoff, develop = (
            anchor_task.get("prototype-signoff"),
            anchor_task.get("development-start"),
        )
        if signoff and develop and spec.freeze_days > 0:
            result = self._apply_freeze(result, signoff, develop, links, durations, run)
            dev_start = self.cal.day(result[develop].es)  # the day development work begins
            freeze = FreezeWindow(
                start=dev_start - timedelta(days=spec.freeze_days),
                end=dev_start - timedelta(days=1),
                days=spec.freeze_days,
                signoff_task=signoff,
                development_task=develop,
            )

        result = self.planner.push(result, all_tasks, durations, links, run)

        # --- tasks ----------------------------------------------------------------------
        day = self.cal.day
        kit_phases: list[Phase] = []
        kit_tasks: list[Task] = []
        kit_gates: list[Gate] = []
        number = 0
        for _, located_phase in phases_sel:
            phase_def = located_phase.item
            entries = by_phase[phase_def.id]
            if not entries:
                continue
            number += 1
            ids = []
            for n, (kind, node) in enumerate(entries, start=1):
                timing = result[node]
                d = durations[node]
                dates = {
                    "start": start_day(timing.es, d, day),
                    "finish": finish_day(timing.ef, d, day),
                    "early_start": start_day(timing.es, d, day),
                    "early_finish": finish_day(timing.ef, d, day),
                    "late_start": start_day(timing.ls, d, day),
                    "late_finish": finish_day(timing.lf, d, day),
                }
                preds = tuple(KitLink(x.predecessor, x.type, x.lag) for x in links[node])  # type: ignore[arg-type]
                common = {
                    "wbs": f"{number}.{n}",
                    "outline_level": 2,
                    "phase": phase_def.id,
                    "duration": d,
                    "predecessors": preds,
                    "total_float": timing.total_float,
                    "critical": timing.critical,
                    **dates,
                }
                if kind == "task":
                    kit_tasks.append(self._task(all_tasks[node], common))
                else:
                    gate_task, gate_item = self._gate(all_gates[node], common)
                    kit_tasks.append(gate_task)
                    kit_gates.append(gate_item)
                ids.append(node)
            phase_tasks = kit_tasks[-len(ids) :]
            kit_phases.append(
                Phase(
                    id=phase_def.id,
                    number=number,
                    name=self.t(phase_def.name),
                    description=self.t(phase_def.description),
                    start=min(x.start for x in phase_tasks),
                    finish=max(x.finish for x in phase_tasks),
                    task_ids=tuple(ids),
                    source=located_phase.source,
                )
            )

        project_start = day(0)
        project_finish = max((x.finish for x in kit_tasks), default=project_start)
        anchors = tuple(
            (name, next(x.start for x in kit_tasks if x.id == anchor_task[name]))
            for name in sorted(anchor_task, key=lambda a: (self._anchor_rank(a), a))
        )
        anchor_dates = dict(anchors)
        go_live = anchor_dates.get("go-live")
        training_task = anchor_task.get("training")
        training_window = None
        if training_task:
            tt = next(x for x in kit_tasks if x.id == training_task)
            training_window = (tt.start, tt.finish)

        ceremonies = self._ceremonies(kit_phases, anchor_dates, project_finish)
        last = max([project_finish, *(c.until for c in ceremonies)])
        calendar = self.cal.to_model(date(project_start.year, 1, 1), date(last.year, 12, 31))

        migration = self._migration(anchor_dates)
        audiences = self._audiences()
        courses = self._courses({a.id for a in audiences})
        sessions = self.planner.sessions(kit_tasks)

        meta = pack.meta
        return Kit(
            generator_version=self.version,
            lang=lang,
            pack=PackInfo(
                id=meta.id,
                name=self.t(meta.name),
                description=self.t(meta.description),
                version=meta.version,
                industry=meta.industry,
                chain=pack.chain,
            ),
            project=ProjectInfo(
                client=spec.client or "",
                name=spec.name or "",
                slug=spec.slug or "",
                pack=spec.pack,
                systems=tuple(spec.systems or ()),
                strategy=spec.strategy,
                sites=spec.sites,
                users=spec.users,
                country=spec.country or "",
                currency=spec.currency or "",
                start=project_start,
                finish=project_finish,
                go_live=go_live,
                freeze_days=spec.freeze_days,
                class_size=spec.class_size,
                author=spec.author,
                uid=spec.uid or "",
                start_asked=spec.start if spec.start and spec.start < project_start else None,
                timezone=spec.timezone or "",
            ),
            calendar=calendar,
            roles=self._roles(),
            phases=tuple(kit_phases),
            tasks=tuple(kit_tasks),
            gates=tuple(kit_gates),
            freeze=freeze,
            anchors=anchors,
            ceremonies=ceremonies,
            risks=self._risks(),
            stakeholders=self._stakeholders(),
            migration=migration,
            cutover=self.planner.cutover(self._cutover, kit_tasks),
            audiences=audiences,
            courses=courses,
            training_window=training_window,
            sessions=sessions,
            support=tuple(
                SupportResource(
                    id=s.item.id,
                    name=self.t(s.item.name),
                    kind=s.item.kind,
                    description=self.t(s.item.description),
                    hours=self.t(s.item.hours),
                    source=s.source,
                )
                for s in _selected(pack.support, self.scope)
            ),
            lessons=tuple(
                Lesson(
                    id=x.item.id,
                    title=self.t(x.item.title),
                    pitfall=self.t(x.item.pitfall),
                    advice=self.t(x.item.advice),
                    phase=x.item.phase or "",
                    source=x.source,
                    trigger=self.t(x.item.trigger),
                    projects=tuple(p.project for p in x.item.provenance),
                )
                for x in _selected(pack.lessons, self.scope)
            ),
            staffing=staffing_rows(
                kit_phases,
                kit_tasks,
                self._roles(),
                {x.item.id: x.item.competencies for x in pack.tasks},
            ),
            waves=self.planner.kit_waves(kit_tasks),
            pushes=tuple(self.planner.pushes),
            scaled=self.planner.scaled(kit_tasks),
            blackouts=self.planner.blackouts(project_start, last),
            skipped_templates=tuple(
                sorted(
                    {t.item.path for t in pack.templates}
                    - {t.item.path for t in _selected(pack.templates, self.scope)}
                )
            ),
        )

    def _apply_freeze(
        self,
        result: Schedule,
        signoff: str,
        develop: str,
        links: dict[str, list[Dep]],
        durations: dict[str, int],
        run: Callable[[dict[str, int], Sequence[str]], Schedule],
    ) -> Schedule:
        """Development starts no earlier than sign-off + freeze_days calendar days.

        Written as a finish-to-start link from the sign-off with a lag in working
        days (computed on the calendar), so the plan and its exports carry it and
        a slip before the sign-off shows on the critical path. If development
        start precedes the sign-off in the network, a start-no-earlier-than
        constraint is used instead.
        """
        signed = finish_day(result[signoff].ef, durations[signoff], self.cal.day)
        earliest = self.cal.index(signed + timedelta(days=self.spec.freeze_days + 1))
        lag = earliest - result[signoff].ef
        if lag <= 0:
            return result
        before = links[develop]
        links[develop] = [d for d in before if not (d.predecessor == signoff and d.type == "FS")]
        links[develop].append(Dep(signoff, "FS", lag))
        try:
            return run({}, (develop,))
        except CycleError:
            links[develop] = before
            return run({develop: earliest}, (develop,))

    @staticmethod
    def _anchor_rank(name: str) -> int:
        from generator.kit_model import ANCHORS

        return ANCHORS.index(name) if name in ANCHORS else len(ANCHORS)

    def _task(self, located: Located[TaskDef], common: dict[str, object]) -> Task:
        item = located.item
        factor = self.planner.effort_factor(item.id)
        effort = tuple((role, round(float(days) * factor, 2)) for role, days in item.effort.items())
        raci_def = item.raci
        responsible = tuple(raci_def.responsible) if raci_def and raci_def.responsible else ()
        if not responsible:
            responsible = tuple(role for role, days in effort if days > 0) or (item.owner,)
        raci = Raci(
            responsible=responsible,
            accountable=(raci_def.accountable if raci_def and raci_def.accountable else item.owner),
            consulted=tuple(raci_def.consulted) if raci_def else (),
            informed=tuple(raci_def.informed) if raci_def else (),
        )
        return Task(
            id=item.id,
            name=self.planner.label(item.id, self.t(item.name)),
            description=self.t(item.description),
            owner=item.owner,
            wave=self.planner.wave(item.id),
            effort=effort,
            deliverables=self.ts(item.deliverables),
            milestone=bool(item.milestone or common["duration"] == 0),
            gate=None,
            key_node=item.key_node,
            anchor=item.anchor,
            raci=raci,
            source=located.source,
            **common,  # type: ignore[arg-type]
        )

    def _gate(self, located: Located[GateDef], common: dict[str, object]) -> tuple[Task, Gate]:
        item = located.item
        owner = item.signoff[0] if item.signoff else "project-manager"
        task = Task(
            id=item.id,
            name=self.t(item.name),
            description="",
            owner=owner,
            effort=(),
            deliverables=(),
            milestone=True,
            gate=item.id,
            key_node=item.key_node,
            anchor=None,
            raci=Raci(
                responsible=("project-manager",),
                accountable=owner,
                consulted=tuple(item.signoff[1:]),
            ),
            source=located.source,
            **common,  # type: ignore[arg-type]
        )
        gate = Gate(
            id=item.id,
            name=task.name,
            phase=item.phase,
            kind=item.kind,
            key_node=item.key_node,
            entry_criteria=self.ts(item.entry_criteria),
            exit_criteria=self.ts(item.exit_criteria),
            signoff=tuple(item.signoff),
            task_id=item.id,
            date=task.finish,
            source=located.source,
        )
        return task, gate

    # --- other sections -----------------------------------------------------------------
    def _roles(self) -> tuple[Role, ...]:
        rates = self.spec.day_rates
        return tuple(
            Role(
                id=r.item.id,
                name=self.t(r.item.name),
                description=self.t(r.item.description),
                side=r.item.side,
                day_rate=float(rates.get(r.item.id, r.item.day_rate)),
                competencies=profile(r.item.competencies),
            )
            for r in _selected(self.pack.roles, self.scope)
        )

    def _ceremonies(
        self, phases: Sequence[Phase], anchors: dict[str, date], project_finish: date
    ) -> tuple[Ceremony, ...]:
        out = []
        first_phase = phases[0] if phases else None
        starts = {p.id: p.start for p in phases}
        for located in _selected(self.pack.ceremonies, self.scope):
            item = located.item
            begin = starts.get(item.from_phase or "", first_phase.start if first_phase else None)
            if begin is None:
                continue
            weekday = WEEKDAYS.index(item.weekday)
            first = begin + timedelta(days=(weekday - begin.weekday()) % 7)
            until = {
                "go-live": anchors.get("go-live"),
                "hypercare-end": anchors.get("hypercare-end"),
            }.get(item.until) or project_finish
            out.append(
                Ceremony(
                    id=item.id,
                    name=self.t(item.name),
                    purpose=self.t(item.purpose),
                    cadence=item.cadence,
                    weekday=weekday,
                    time=item.time,
                    minutes=item.minutes,
                    attendees=tuple(item.attendees),
                    chair=item.chair,
                    first=first,
                    until=max(until, first),
                    source=located.source,
                )
            )
        return tuple(out)

    def _risks(self) -> tuple[Risk, ...]:
        risks = [
            Risk(
                id=r.item.id,
                title=self.t(r.item.title),
                description=self.t(r.item.description),
                category=r.item.category,
                category_name=display.risk_category(r.item.category, self.lang),
                phase=r.item.phase,
                likelihood=r.item.likelihood,
                impact=r.item.impact,
                owner=r.item.owner,
                trigger=self.t(r.item.trigger),
                mitigation=self.t(r.item.mitigation),
                contingency=self.t(r.item.contingency),
                source=r.source,
            )
            for r in _selected(self.pack.risks, self.scope)
        ]
        return tuple(sorted(risks, key=lambda r: (-r.score, r.id)))

    def _stakeholders(self) -> tuple[Stakeholder, ...]:
        return tuple(
            Stakeholder(
                id=s.item.id,
                name=self.t(s.item.name),
                department=self.t(s.item.department),
                interest=s.item.interest,
                influence=s.item.influence,
                expectations=self.t(s.item.expectations),
                engagement=self.t(s.item.engagement),
                interface_person=s.item.interface_person,
                role=s.item.role,
                source=s.source,
            )
            for s in _selected(self.pack.stakeholders, self.scope)
        )

    def _migration(self, anchors: dict[str, date]) -> tuple[MigrationObject, ...]:
        every = {m.item.id: m for m in self.pack.migration}
        selected = _selected(self.pack.migration, self.scope)
        kept = {m.item.id for m in selected}
        bridged: dict[str, list[str]] = {}

        def deps_of(object_id: str, trail: tuple[str, ...] = ()) -> list[str]:
            if object_id in bridged:
                return bridged[object_id]
            out: list[str] = []
            for dep in every[object_id].item.depends_on if object_id in every else []:
                if dep in kept:
                    out.append(dep)
                elif dep in every and dep not in trail:
                    out.extend(deps_of(dep, (*trail, object_id)))
            bridged[object_id] = list(dict.fromkeys(out))
            return bridged[object_id]

        ids = [m.item.id for m in selected]
        order = load_order(ids, [deps_of(i) for i in ids])
        lang = self.lang
        out = []
        for sequence, (object_id, wave) in enumerate(order, start=1):
            located = every[object_id]
            item = located.item
            rec = item.reconciliation
            tolerance = rec.tolerance
            tolerance_text = (
                _number(tolerance) if isinstance(tolerance, (int, float)) else self.t(tolerance)
            )
            out.append(
                MigrationObject(
                    id=item.id,
                    name=self.t(item.name),
                    description=self.t(item.description),
                    kind=item.kind,
                    wave=wave,
                    sequence=sequence,
                    depends_on=tuple(deps_of(object_id)),
                    source_system=self.t(item.source.system),
                    source_table=self.t(item.source.table),
                    target=self.t(item.target),
                    tool=self.t(item.approach.tool),
                    load_mode=item.approach.mode,
                    source_name=display.source(
                        (self.t(item.source.system), self.t(item.source.table))
                    ),
                    approach_name=display.approach(
                        self.t(item.approach.tool), item.approach.mode, lang
                    ),
                    volume=self.t(item.volume),
                    cleansing=self.ts(item.cleansing),
                    reconciliation=Reconciliation(
                        method=rec.method,
                        method_name=RECONCILIATION[lang][rec.method],
                        sample_percent=rec.sample_percent,
                        tolerance=tolerance_text,
                    ),
                    owner=item.owner,
                    signoff=tuple(item.signoff),
                    sensitive=item.sensitive,
                    fields=tuple(
                        MigrationField(
                            name=self.t(f.name),
                            technical=f.technical,
                            type=f.type,
                            type_name=display.field_type(f.type, lang),
                            length=f.length,
                            decimals=f.decimals,
                            mandatory=f.mandatory,
                            default="" if f.default is None else str(f.default),
                            mapping=self.t(f.mapping),
                            transformation=self.t(f.transformation),
                            validation=self.t(f.validation),
                        )
                        for f in item.fields
                    ),
                    mock_1=anchors.get("mock-load-1"),
                    mock_2=anchors.get("mock-load-2"),
                    dress_rehearsal=anchors.get("dress-rehearsal"),
                    source=located.source,
                )
            )
        return tuple(out)

    def _cutover(self, go_live: date | None) -> tuple[CutoverStep, ...]:
        steps = sorted(
            enumerate(_selected(self.pack.cutover, self.scope)),
            key=lambda s: (s[1].item.order, s[0]),
        )
        out = []
        for sequence, (_, located) in enumerate(steps, start=1):
            item = located.item
            planned, planned_date = _relative_time(item.offset_hours, go_live)
            out.append(
                CutoverStep(
                    id=item.id,
                    sequence=sequence,
                    name=self.t(item.name),
                    owner=item.owner,
                    backup_owner=item.backup_owner or "",
                    planned=planned,
                    planned_date=planned_date,
                    hours=item.hours,
                    verification=self.t(item.verification),
                    rollback=self.t(item.rollback),
                    source=located.source,
                )
            )
        return tuple(out)

    def _audiences(self) -> tuple[Audience, ...]:
        out = []
        for located in _selected(self.pack.audiences, self.scope):
            item = located.item
            if item.headcount is not None:
                headcount = item.headcount
            else:
                headcount = math.floor(self.spec.users * item.share + 0.5)
                if item.share > 0:
                    headcount = max(1, headcount)
            out.append(
                Audience(
                    id=item.id,
                    name=self.t(item.name),
                    description=self.t(item.description),
                    uses_system=item.uses_system,
                    headcount=headcount,
                    hours_min=item.hours[0],
                    hours_max=item.hours[1],
                    source=located.source,
                )
            )
        return tuple(out)

    def _courses(self, audience_ids: set[str]) -> tuple[Course, ...]:
        selected = [c for c in _selected(self.pack.courses, self.scope)]
        course_ids = {c.item.id for c in selected}
        names = MATERIALS[self.lang]
        return tuple(
            Course(
                id=c.item.id,
                code=c.item.code,
                title=self.t(c.item.title),
                tier=c.item.tier,
                audiences=tuple(a for a in c.item.audiences if a in audience_ids),
                mode=c.item.mode,
                prerequisites=tuple(p for p in c.item.prerequisites if p in course_ids),
                objectives=self.ts(c.item.objectives),
                modules=tuple(
                    CourseModule(topic=self.t(m.topic), minutes=m.minutes, method=self.t(m.method))
                    for m in c.item.modules
                ),
                environment=self.t(c.item.environment),
                materials=tuple(names[m] for m in c.item.materials),
                assessment=self.t(c.item.assessment),
                pass_mark=c.item.pass_mark,
                evaluation_level=c.item.evaluation_level,
                source=c.source,
            )
            for c in selected
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _relative_time(offset_hours: float, go_live: date | None) -> tuple[str, date | None]:
    """Display text ``T-2d 18:00`` (relative to go-live 00:00) and the calendar date."""
    minutes = round(offset_hours * 60)
    days, rest = divmod(minutes, 24 * 60)
    clock = f"{rest // 60:02d}:{rest % 60:02d}"
    text = f"T{days:+d}d {clock}" if days else f"T {clock}"
    if go_live is None:
        return text, None
    moment = datetime(go_live.year, go_live.month, go_live.day) + timedelta(minutes=minutes)
    return text, moment.date()


def build_kit(pack: ResolvedPack, spec: ProjectSpec, *, generator_version: str) -> Kit:
    """The Kit for ``spec`` from ``pack``: selected, language-resolved and scheduled.

    The cyclic garbage collector is paused while the Kit is built: the build makes
    many small objects and no cycles, and collections would double the time of a
    10,000-task plan.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(pack, spec, generator_version).build()
    finally:
        if enabled:
            gc.enable()

"""The Kit builder: select, train, size, schedule, assemble — and reschedule.

:class:`KitBuilder` runs the steps of one build in order, each a method of its own:

* **select** (:mod:`.network`): the items whose ``when:`` holds, the rollout waves'
  copies, the network wired (bridged links, WBS order, phase sequencing, gates that
  gate);
* **train**: the audiences and courses the training timetable plans (before sizing:
  the end-user windows grow to what the rooms and trainers can seat);
* **size**: each node's duration in whole working days after its ``scale`` rules;
* **schedule**: the one scheduling pass (:func:`generator.planning.scheduler.schedule_pass`)
  with the project's date rules;
* **assemble**: the Kit's tasks, gates and phases on the pass's dates, every section,
  and every date derived from the tasks (:mod:`.dating`).

The builder stays attached to the Kit (``Kit.scheduler``): :meth:`reschedule` is the
forecast on a status date — the same scheduling pass with the actuals and the status
date as constraints, and the same derivation of every dependent date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from generator.calendar import WorkingCalendar
from generator.competency import skill_order, staffing_rows
from generator.conditions import Scope, holds
from generator.kit.dating import Dating, task_dates
from generator.kit.network import Selection, select_items, selected, wire
from generator.kit_model import Gate, Kit, PackInfo, Phase, ProjectInfo, Raci, Task
from generator.packs.model import GateDef, TaskDef
from generator.packs.resolved import Located, ResolvedPack
from generator.planning.build import Planner
from generator.planning.scheduler import (
    Fact,
    FreezeRule,
    Network,
    Rules,
    Scheduled,
    Status,
    schedule_pass,
)
from generator.project import ProjectSpec
from generator.schedule import whole_days


class KitBuilder(Dating):
    """One build: the inputs, the language, the calendar, and the steps' results."""

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
        self.anchor_task: dict[str, str] = {}
        self.rules = Rules(lang=self.lang)
        self.placed: dict[str, int] = {}
        self.planned: dict[str, int] = {}

    def build(self) -> Kit:
        """The Kit: every step once (see the module docstring)."""
        selection = self.select()
        self.train()
        network = self.size(selection)
        scheduled = self.schedule(network)
        self.placed = dict(scheduled.placed)
        self.planned = {n: scheduled.schedule.es[i] for n, i in scheduled.schedule.index.items()}
        return self.assemble(selection, scheduled)

    # --- steps ----------------------------------------------------------------------------
    def select(self) -> Selection:
        """The kept items and the wired network, with the rollout waves' copies."""
        pack = self.pack
        selection = select_items(pack, self.scope)
        self.planner = Planner(
            pack,
            self.spec,
            lambda when: holds(when, self.scope),
            self.lang,
            self.cal,
            len(selected(pack.migration, self.scope)),
        )
        self.planner.expand(
            selection.all_tasks,
            selection.tasks,
            selection.raw,
            selection.kept,
            selection.all_gates,
            selection.gates,
        )
        wire(selection)
        self.selection = selection
        self.anchor_task = selection.anchor_task
        return selection

    def train(self) -> None:
        """Audiences and courses, and who learns what where (it sizes the windows)."""
        self.audiences = self._audiences()
        self.courses = self._courses({a.id for a in self.audiences})
        self.planner.set_training(
            self.courses, self.audiences, {a.item.id: a.item for a in self.pack.audiences}
        )

    def size(self, selection: Selection) -> Network:
        """Each node's whole working days (milestones and gates 0) and its links."""
        durations: dict[str, int] = {}
        for node in selection.nodes:
            located = selection.all_tasks.get(node)
            if located is None or located.item.milestone:
                durations[node] = 0
            else:
                durations[node] = whole_days(self.planner.duration(node, located.item))
        return Network(
            tuple(selection.nodes),
            durations,
            {n: tuple(selection.links[n]) for n in selection.nodes},
            {n: tuple(deps) for n, deps in selection.implied.items()},
        )

    def schedule(self, network: Network) -> Scheduled:
        """The plan: the scheduling pass under the project's rules, no status."""
        self.network = network
        self.rules = self._rules(network)
        return schedule_pass(network, self.rules, self.cal)

    def _rules(self, network: Network) -> Rules:
        all_tasks = self.selection.all_tasks
        items = [(n, all_tasks[n].item) for n in network.nodes if n in all_tasks]
        go_lives = tuple(n for n, item in items if item.anchor == "go-live")
        avoid = [n for n, item in items if item.avoid_blackouts]
        signoff = self.anchor_task.get("prototype-signoff")
        develop = self.anchor_task.get("development-start")
        freeze = None
        if signoff and develop and self.spec.freeze_days > 0:
            freeze = FreezeRule(signoff, develop, self.spec.freeze_days)
        planner = self.planner
        return Rules(
            freeze=freeze,
            windows=tuple(planner.windows),
            go_live=planner.rule,
            avoid=(*avoid, *(n for n in go_lives if n not in avoid)),
            go_lives=go_lives,
            wave_of=planner.wave_of,
            group_of={
                n: planner.waves[planner.wave_of.get(n, 1) - 1].suffix
                for n, item in items
                if item.per_wave
            },
            lang=self.lang,
        )

    def assemble(self, selection: Selection, scheduled: Scheduled) -> Kit:
        """The Kit on ``scheduled``'s dates with every section."""
        tasks, gates, phases = self._network_items(selection, scheduled)
        meta, start = self.pack.meta, self.cal.day(0)
        roles = self._roles()
        kit = Kit(
            generator_version=self.version,
            lang=self.lang,
            pack=PackInfo(
                id=meta.id,
                name=self.t(meta.name),
                description=self.t(meta.description),
                version=meta.version,
                industry=meta.industry,
                chain=self.pack.chain,
                chain_names=tuple(self.t(name) for name in self.pack.names),
            ),
            project=self._project(start),
            calendar=self.cal.to_model(date(start.year, 1, 1), date(start.year, 12, 31)),
            roles=roles,
            phases=phases,
            tasks=tasks,
            gates=gates,
            freeze=None,
            anchors=(),
            ceremonies=(),
            risks=self._risks(),
            stakeholders=self._stakeholders(),
            migration=self._migration({}),
            cutover=(),
            audiences=self.audiences,
            courses=self.courses,
            training_window=None,
            sessions=(),
            support=self._support(),
            lessons=self._lessons(),
            staffing=staffing_rows(
                phases,
                tasks,
                roles,
                {x.item.id: x.item.competencies for x in self.pack.tasks},
                skill_order(self._skills()),
            ),
            skills=self._skills(),
            skipped_templates=tuple(
                sorted(
                    {t.item.path for t in self.pack.templates}
                    - {t.item.path for t in self._selected(self.pack.templates)}
                )
            ),
            scheduler=self,
        )
        kit = self.derive(kit, scheduled)
        return replace(kit, scaled=self.planner.scaled(kit.tasks))

    def reschedule(self, kit: Kit, facts: Mapping[str, Fact], as_of: date) -> Kit:
        """The forecast: ``kit`` (this builder's Kit, entries attached) on the dates of the
        scheduling pass with ``facts`` and the status date ``as_of`` as constraints."""
        status = Status(as_of, facts, self.planned, self.placed)
        scheduled = schedule_pass(self.network, self.rules, self.cal, status)
        return replace(self.derive(kit, scheduled), as_of=as_of)

    # --- assembly helpers --------------------------------------------------------------------
    def _project(self, start: date) -> ProjectInfo:
        spec = self.spec
        return ProjectInfo(
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
            start=start,
            finish=start,  # derived from the tasks
            go_live=None,
            freeze_days=spec.freeze_days,
            class_size=spec.class_size,
            author=spec.author,
            uid=spec.uid or "",
            start_asked=spec.start if spec.start and spec.start < start else None,
            timezone=spec.timezone or "",
        )

    def _network_items(
        self, selection: Selection, scheduled: Scheduled
    ) -> tuple[tuple[Task, ...], tuple[Gate, ...], tuple[Phase, ...]]:
        """Tasks and gate milestones phase by phase (WBS ``phase.n``), gates, phases."""
        tasks: list[Task] = []
        gates: list[Gate] = []
        phases: list[Phase] = []
        for located_phase in selection.phases:
            phase_def = located_phase.item
            entries = selection.by_phase[phase_def.id]
            if not entries:
                continue
            number = len(phases) + 1
            for n, (kind, node) in enumerate(entries, start=1):
                common = {
                    "wbs": f"{number}.{n}",
                    "outline_level": 2,
                    "phase": phase_def.id,
                    "duration": self.network.durations[node],
                    **task_dates(node, scheduled, self.cal),
                }
                if kind == "task":
                    tasks.append(self._task(selection.all_tasks[node], common))
                else:
                    task, gate = self._gate(selection.all_gates[node], common)
                    tasks.append(task)
                    gates.append(gate)
            phase_tasks = tasks[-len(entries) :]
            phases.append(
                Phase(
                    id=phase_def.id,
                    number=number,
                    name=self.t(phase_def.name),
                    description=self.t(phase_def.description),
                    task_ids=tuple(node for _, node in entries),
                    start=min(x.start for x in phase_tasks),
                    finish=max(x.finish for x in phase_tasks),
                    source=located_phase.source,
                )
            )
        return tuple(tasks), tuple(gates), tuple(phases)

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
            name=self.planner.label(item.id, self.t(item.name)),
            description="",
            owner=owner,
            effort=(),
            deliverables=(),
            milestone=True,
            gate=item.id,
            key_node=item.key_node,
            anchor=None,
            wave=self.planner.wave(item.id),
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

"""Rollout waves: the pilot and the waves of sites, and the per-wave copies of pack items.

Waves come from the ``waves:`` answer or, for a phased rollout of several sites,
from the pack's rule (``pack.rollout``: ``pilot_sites`` first, then waves of
``wave_size``). A big bang, or a single site, is one wave and copies nothing.

A task with ``per_wave: true`` stays as it is for wave 1 (the pilot: its id
does not change, so progress typed against it carries) and is copied for every
later wave as ``<id>@w<n>`` (``base.go-live@w2``). In a copy, a link to another
per-wave task points to that task's copy in the same wave; links to shared
tasks stay. A copy with no per-wave predecessor also waits for the previous
wave's stabilisation: ``next_wave_after`` (default: 10 working days after the
previous wave's go-live). A shared task that follows a per-wave task follows
every wave's copy of it (the project closes after the last wave), unless a
per-wave task itself waits on it (then it belongs to the pilot's chain and
follows the pilot only); gates judge the pilot only.
"""

from __future__ import annotations

from collections.abc import MutableMapping, MutableSequence, MutableSet, Sequence
from dataclasses import dataclass
from typing import Any

from generator.errors import InputError
from generator.i18n import D_, DC_, TextTable, translator
from generator.packs.model import GateDef, NextWaveDef, RolloutDef, TaskDef, resolve_text
from generator.packs.resolved import Located
from generator.planning.gating import ancestors
from generator.schedule import Dep

WAVE_NAMES = TextTable(
    {"pilot": DC_("wave", "Pilot"), "wave": D_("Wave {n}"), "all": D_("All sites")}
)


@dataclass(frozen=True)
class WavePlan:
    """One wave before scheduling: number (1 = pilot), name, sites, end users, id suffix."""

    number: int
    name: str
    sites: tuple[str, ...]
    users: int
    suffix: str  # "" for wave 1, "@w2"...

    def label(self, lang: str) -> str:
        """``Wave 2 (Plant 2, Plant 3)`` / ``第2批（工厂2、工厂3）``."""
        tr = translator(lang)
        return self.name + tr.paren(tr.join(self.sites))


def site_names(count: int, rollout: RolloutDef, lang: str) -> list[str]:
    """Default site names: ``Plant 1``.. / ``工厂1``.. from the pack's ``rollout.site``."""
    tr = translator(lang)
    term = resolve_text(rollout.site, lang) or tr("site")
    term = term[:1].upper() + term[1:]  # "Plant 1"; a script without case is unchanged
    return [tr.p("site name", "{term} {n}").format(term=term, n=i) for i in range(1, count + 1)]


def plan_waves(spec: Any, rollout: RolloutDef, lang: str) -> list[WavePlan]:
    """The waves of ``spec`` (a resolved ProjectSpec); InputError when the answers disagree."""
    names = WAVE_NAMES[lang]
    groups: list[tuple[str, list[str]]]
    if spec.waves is not None:
        groups = [(w.name, list(w.sites)) for w in spec.waves]
        total = sum(len(sites) for _, sites in groups)
        if len(groups) > 1 and spec.strategy != "phased":
            raise InputError(
                f"project.yaml: waves lists {len(groups)} waves but strategy is "
                f"{spec.strategy}; write strategy: phased (or list one wave)"
            )
        if spec.sites not in (1, total):
            raise InputError(
                f"project.yaml: sites is {spec.sites} but waves list {total} sites; "
                "make them agree (or leave sites out)"
            )
        every = [s for _, sites in groups for s in sites]
        if len(set(every)) != len(every):
            twice = next(s for s in every if every.count(s) > 1)
            raise InputError(f"project.yaml: waves list site {twice!r} twice; list it once")
    else:
        sites = site_names(spec.sites, rollout, lang)
        if spec.strategy != "phased" or spec.sites <= 1:
            groups = [("", sites)]
        else:
            pilot = min(rollout.pilot_sites, len(sites))
            groups = [("", sites[:pilot])]
            for at in range(pilot, len(sites), rollout.wave_size):
                groups.append(("", sites[at : at + rollout.wave_size]))
    total = sum(len(sites) for _, sites in groups)
    waves: list[WavePlan] = []
    given = 0
    for number, (name, sites) in enumerate(groups, start=1):
        seen = sum(len(s) for _, s in groups[:number])
        users = round(spec.users * seen / total) - given  # shares add up to the answer
        given += users
        default = names["pilot"] if number == 1 else names["wave"].format(n=number)
        if len(groups) == 1:
            default = names["all"]
        waves.append(
            WavePlan(
                number=number,
                name=name or default,
                sites=tuple(sites),
                users=users,
                suffix="" if number == 1 else f"@w{number}",
            )
        )
    return waves


def expand_per_wave(
    all_tasks: MutableMapping[str, Located[TaskDef]],
    selected: MutableSequence[Located[TaskDef]],
    raw: MutableMapping[str, list[Dep]],
    kept: MutableSet[str],
    waves: Sequence[WavePlan],
    next_wave: NextWaveDef,
    all_gates: MutableMapping[str, Located[GateDef]] | None = None,
    selected_gates: MutableSequence[Located[GateDef]] | None = None,
) -> dict[str, int]:
    """Copy per-wave tasks (and gates) for waves 2.. in place; returns id -> wave number.

    ``all_tasks``/``all_gates``/``raw`` get every copy (dropped ones too, so links bridge
    through them); ``selected``/``selected_gates`` and ``kept`` get the copies of selected
    items, wave by wave. A per-wave gate is copied like a task: after the same wave's
    copies of what it waits on.
    """
    if len(waves) <= 1:
        return {}
    gates: MutableMapping[str, Located[Any]] = all_gates if all_gates is not None else {}
    per_gates = [g for g, located in gates.items() if getattr(located.item, "per_wave", False)]
    per = [task_id for task_id, located in all_tasks.items() if located.item.per_wave]
    if per_gates:
        per += per_gates
    per_set = set(per)
    if not per:
        return {}
    owners: dict[str, MutableMapping[str, Located[Any]]] = {
        item_id: (gates if item_id in gates and item_id not in all_tasks else all_tasks)
        for item_id in per
    }
    wave_of = dict.fromkeys(per, 1)
    feeds_a_wave = ancestors(per_set, raw)  # shared work the pilot's chain waits on
    shared_followers = [
        node
        for node, deps in raw.items()
        if node in all_tasks
        and node not in per_set
        and node not in feeds_a_wave
        and any(d.predecessor in per_set for d in deps)
    ]
    selected_per = [located for located in selected if located.item.id in per_set]
    selected_per_gates = [
        located for located in (selected_gates or []) if located.item.id in per_set
    ]
    starter = next_wave.id
    for wave, before in zip(waves[1:], waves, strict=False):
        sfx = wave.suffix
        for task_id in per:
            copy_id = task_id + sfx
            links = [
                Dep(
                    d.predecessor + sfx if d.predecessor in per_set else d.predecessor,
                    d.type,
                    d.lag,
                )
                for d in raw.get(task_id, [])
            ]
            if not any(d.predecessor in per_set for d in raw.get(task_id, [])):
                target = starter + before.suffix if starter in per_set else starter
                links.append(Dep(target, "FS", next_wave.lag))
            raw[copy_id] = links
            home = owners[task_id]
            located = home[task_id]
            home[copy_id] = Located(located.item.model_copy(update={"id": copy_id}), located.source)
            wave_of[copy_id] = wave.number
        for located in selected_per:
            copy_id = located.item.id + sfx
            selected.append(all_tasks[copy_id])
            kept.add(copy_id)
        for located in selected_per_gates:
            copy_id = located.item.id + sfx
            if selected_gates is not None:
                selected_gates.append(gates[copy_id])
            kept.add(copy_id)
        for node in shared_followers:
            raw[node] = raw[node] + [
                Dep(d.predecessor + sfx, d.type, d.lag)
                for d in raw[node]
                if d.predecessor in per_set
            ]
    return wave_of


def site_nights(
    all_tasks: MutableMapping[str, Located[TaskDef]],
    selected: MutableSequence[Located[TaskDef]],
    raw: MutableMapping[str, list[Dep]],
    kept: MutableSet[str],
    waves: Sequence[WavePlan],
    sites_per_night: int,
) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Per-site cutover nights as milestones: for each wave, the night groups after the
    first (``sites_per_night`` sites each) become copies of its go-live milestone,
    ``<go-live>@w2/2``, ``@w2/3`` ..., each one working day after the previous. They keep
    the ``go-live`` anchor, so the scheduling pass puts each on the next night the go-live
    rules allow. Returns node -> (wave number, the sites of its night); the wave's own
    go-live holds the first group.
    """
    go_live = next((i for i, loc in all_tasks.items() if loc.item.anchor == "go-live"), None)
    if go_live is None:
        return {}
    out: dict[str, tuple[int, tuple[str, ...]]] = {}
    for wave in waves:
        first = go_live + wave.suffix
        if first not in all_tasks:
            continue
        groups = [
            wave.sites[at : at + sites_per_night]
            for at in range(0, len(wave.sites), sites_per_night)
        ]
        out[first] = (wave.number, tuple(groups[0]) if groups else ())
        previous = first
        for number, sites in enumerate(groups[1:], start=2):
            node = f"{first}/{number}"
            located = all_tasks[first]
            all_tasks[node] = Located(located.item.model_copy(update={"id": node}), located.source)
            raw[node] = [Dep(previous, "FS", 1)]
            if first in kept:
                selected.append(all_tasks[node])
                kept.add(node)
            out[node] = (wave.number, tuple(sites))
            previous = node
    return out

"""Synthetic packs for scale runs: N tasks, M migration objects of F fields.

``write_pack(folder, tasks=10_000, objects=200, fields=30)`` writes a pack that
``extends: base`` and validates like a real one: tasks spread over the base
phases with random-but-acyclic predecessor links (seeded, so every run builds
the same pack), migration objects with ``depends_on`` chains, bilingual texts.

The tasks run in parallel lanes of about :data:`LANE_LENGTH` tasks (a task waits on one
to three of the five tasks before it in its lane), as a big programme's workstreams do:
the schedule stays about two years long at any size (50,000 tasks in one chain would
run past the calendar's last year, 2099, and no real plan is a single chain).

The loader refuses pack files over 2 MiB (and over 200,000 YAML nodes), so the
items are split over several files, ``tasks-0000.yaml``, ``tasks-0001.yaml``,
... and ``migration-0000.yaml``, ...; the loader reads them in name order, which
keeps the WBS order.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

PHASES = ("prepare", "explore", "realize", "deploy", "run")
LANE_LENGTH = 100  # tasks per lane: a lane's chain is at most this long
ROLES = ("project-manager", "functional-consultant", "technical-consultant", "key-user")


def _text(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def pack_data(tasks: int, objects: int, fields: int, seed: int = 7) -> dict[str, object]:
    """The pack as one YAML mapping (tasks, migration objects)."""
    rng = random.Random(seed)
    per_phase = max(1, tasks // len(PHASES))
    lanes = max(1, tasks // LANE_LENGTH)
    task_items: list[dict[str, object]] = []
    for n in range(tasks):
        phase = PHASES[min(n // per_phase, len(PHASES) - 1)]
        item: dict[str, object] = {
            "id": f"syn.t{n}",
            "name": _text(f"Synthetic task {n}", f"合成任务 {n}"),
            "phase": phase,
            "duration": rng.randint(1, 10),
            "owner": ROLES[n % len(ROLES)],
            "effort": {ROLES[n % len(ROLES)]: rng.randint(1, 10)},
        }
        earlier = [n - lanes * k for k in range(1, 6) if n - lanes * k >= 0]
        if earlier:
            links = {rng.choice(earlier) for _ in range(rng.randint(1, 3))}
            item["after"] = [f"syn.t{p}" for p in sorted(links)]
        else:  # the first task of each lane
            item["after"] = ["base.kickoff"]
        task_items.append(item)
    objects_items: list[dict[str, object]] = []
    for n in range(objects):
        deps = sorted({rng.randrange(0, n) for _ in range(rng.randint(0, 2))}) if n else []
        objects_items.append(
            {
                "id": f"syn.o{n}",
                "name": _text(f"Synthetic object {n}", f"合成对象 {n}"),
                "kind": "master",
                "source": {"system": "legacy", "table": f"T{n:05d}"},
                "depends_on": [f"syn.o{d}" for d in deps],
                "owner": "data-migration-lead",
                "fields": [
                    {
                        "name": _text(f"Field {f}", f"字段 {f}"),
                        "technical": f"F{f:03d}",
                        "type": "text",
                        "length": 40,
                        "mandatory": "yes" if f % 3 == 0 else "no",
                    }
                    for f in range(fields)
                ],
            }
        )
    return {"tasks": task_items, "migration": objects_items}


TASKS_PER_FILE = 2_000
OBJECTS_PER_FILE = 100


def _dump(path: Path, data: dict[str, object]) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )


def write_pack(
    folder: Path, *, tasks: int, objects: int = 0, fields: int = 30, pack_id: str = "synthetic"
) -> Path:
    """Write a synthetic pack folder that extends base; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "pack": {
            "id": pack_id,
            "name": _text("Synthetic scale pack", "合成规模测试包"),
            "version": "1.0.0",
            "extends": "base",
            "systems": ["ERP"],
        }
    }
    (folder / "pack.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    data = pack_data(tasks, objects, fields)
    for section, per_file in (("tasks", TASKS_PER_FILE), ("migration", OBJECTS_PER_FILE)):
        items = data[section]
        assert isinstance(items, list)
        for n, first in enumerate(range(0, len(items), per_file)):
            _dump(folder / f"{section}-{n:04d}.yaml", {section: items[first : first + per_file]})
    return folder

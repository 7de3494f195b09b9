"""Azure Boards CSV export for each process: ``render_ado_process(kit, path, process=...)``.

What Azure Boards' "Import work items" page reads (Boards > Queries > Import work
items): a ``Work Item Type`` and a title per row, parent-child links through
indented ``Title 1`` / ``Title 2`` / ``Title 3`` columns, HTML descriptions,
``;``-separated tags, an empty ``ID`` for new items, at most 1,000 work items a
file and titles of at most 255 characters (cut as in :mod:`.trackers_csv`).

The work item types follow the project's process:

=========  ===================  ============  ==========================
process    project              phase         plan task (effort field)
=========  ===================  ============  ==========================
agile      Epic                 Feature       User Story (Story Points)
scrum      Epic                 Feature       Product Backlog Item (Effort)
cmmi       Epic                 Feature       Requirement (Size)
basic      (none: no level)     Epic          Issue (Effort)
=========  ===================  ============  ==========================

The effort field holds the task's effort in person-days. Start and target
dates go on Epics and Features (the types that have them); a task's planned
dates are in its description.

Identity (:mod:`generator.trackers.identity`): every row carries the tag ``ik:<id>``
of its task or phase (the project's Epic ``ik:_project``); project and phase rows also
``ik-kit:<project uid>``. A row whose item ``implkit import`` has linked carries its
Azure Boards ``ID``, so importing the file again updates that work item (Microsoft's
"update existing work items": rows with an ID update, rows without create) and writes
its State (a phase's and the project's rolled up from their tasks): the item's own state
at the last import ("Resolved") while the kit's status still maps to it, so a re-import
never moves an item back (:func:`~generator.tracking.exports.kept_state`). A row without an ID
is a new item and carries no State: the import creates every new item in its process's
first state and refuses any other.

Splitting: a kit with more than 1,000 work items is written as
``azure-boards.csv``, ``azure-boards-2.csv``... by whole phases (a phase's item
with all its tasks). Every further file repeats the project's Epic (and, when
one phase is longer than a file, that phase's row) as its first rows so the
children keep their parent: after importing the first file, put the new
items' IDs in those rows' ``ID`` column and the import links the children to
the existing items instead of creating new ones (Microsoft's documented
"add child items to an existing parent" form). The kit README says so.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.kit_model import Kit
from generator.render.trackers_csv import csv_bytes, task_flags, task_text, titled
from generator.trackers.identity import PROJECT_KEY, kit_tag, project_tag
from generator.tracking.exports import TaskProgressOut, ado_state, task_progress

Process = Literal["agile", "scrum", "basic", "cmmi"]
PROCESSES: tuple[Process, ...] = ("agile", "scrum", "basic", "cmmi")
ADO_MAX_ITEMS = 1000


@dataclass(frozen=True)
class Levels:
    """Work item types of one process: project, phase and task level, and the effort field."""

    project: str | None
    phase: str
    task: str
    effort: str


LEVELS: dict[Process, Levels] = {
    "agile": Levels("Epic", "Feature", "User Story", "Story Points"),
    "scrum": Levels("Epic", "Feature", "Product Backlog Item", "Effort"),
    "cmmi": Levels("Epic", "Feature", "Requirement", "Size"),
    "basic": Levels(None, "Epic", "Issue", "Effort"),
}


def header(process: Process) -> tuple[str, ...]:
    """The CSV header for ``process`` (title columns as deep as its hierarchy)."""
    depth = 3 if LEVELS[process].project else 2
    titles = tuple(f"Title {n}" for n in range(1, depth + 1))
    return (
        "ID",
        "Work Item Type",
        *titles,
        "Description",
        "Start Date",
        "Target Date",
        LEVELS[process].effort,
        "Tags",
        "State",  # empty on new items (no ID): Azure Boards creates them in the first state
    )


def _html(lines: Iterable[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def _row(
    depth: int,
    level: int,
    kind: str,
    title: str,
    description: str,
    dates: tuple[str, str],
    effort: object,
    tags: str,
    state: str = "",
    item_id: str = "",
) -> list[object]:
    titles: list[object] = [""] * depth
    titles[level] = title
    return [item_id, kind, *titles, description, dates[0], dates[1], effort, tags, state]


def rolled_up(entries: Iterable[TaskProgressOut]) -> str:
    """The progress state of a group of tasks: done when every task is done or cancelled
    (at least one done), active when any started, else open."""
    states = [entry.state for entry in entries]
    if states and all(s in ("done", "cancelled") for s in states) and "done" in states:
        return "done"
    if any(s in ("active", "done") for s in states):
        return "active"
    return "open"


def ado_groups(
    kit: Kit, process: Process = "agile"
) -> tuple[list[object] | None, list[list[list[object]]]]:
    """``(project row or None, one row group per phase: the phase row, then its tasks)``."""
    from generator.render.ics import project_uid
    from generator.tracking.exports import ado_state_name, kept_state

    levels = LEVELS[process]
    depth = 3 if levels.project else 2
    top = 1 if levels.project else 0
    pack_tag = kit.pack.id
    kit_mark = project_tag(project_uid(kit))
    links = kit.trackers.of("ado")
    linked = {key: link.tracker_id for key, link in links.items()}
    same_process = kit.trackers.fact("ado", "process") in ("", process)

    def state_of(key: str, state: str, mapped: str) -> str:
        # a state from the last import belongs to its process: kept only in that one
        return kept_state(links.get(key) if same_process else None, state, mapped)

    progress = task_progress(kit)  # each task's state in this process
    project_row = None
    if levels.project:
        title, lines = titled(kit.project.name, [kit.pack.name, ", ".join(kit.project.systems)])
        item_id = linked.get(PROJECT_KEY, "")
        project_row = _row(
            depth,
            0,
            levels.project,
            title,
            _html(lines),
            (kit.project.start.isoformat(), kit.project.finish.isoformat()),
            "",
            f"{pack_tag}; {kit_tag(PROJECT_KEY)}; {kit_mark}",
            state_of(
                PROJECT_KEY,
                top_state := rolled_up(progress.values()),
                ado_state_name(top_state, process),
            )
            if item_id
            else "",
            item_id,
        )
    groups: list[list[list[object]]] = []
    by_id = {task.id: task for task in kit.tasks}
    for phase in kit.phases:
        title, lines = titled(phase.name, [phase.description])
        item_id = linked.get(phase.id, "")
        group = [
            _row(
                depth,
                top,
                levels.phase,
                title,
                _html(lines),
                (phase.start.isoformat(), phase.finish.isoformat()),
                "",
                f"{pack_tag}; phase-{phase.id}; {kit_tag(phase.id)}; {kit_mark}",
                state_of(
                    phase.id,
                    phase_state := rolled_up(progress[t] for t in phase.task_ids),
                    ado_state_name(phase_state, process),
                )
                if item_id
                else "",
                item_id,
            )
        ]
        for tid in phase.task_ids:
            task = by_id[tid]
            tags = [pack_tag, f"phase-{phase.id}", *task_flags(kit, task), kit_tag(task.id)]
            title, lines = titled(task.name, task_text(kit, task))
            effort = f"{task.effort_days:g}" if task.effort_days > 0 else ""
            item_id = linked.get(task.id, "")
            group.append(
                _row(
                    depth,
                    top + 1,
                    levels.task,
                    title,
                    _html(lines),
                    ("", ""),
                    effort,
                    "; ".join(tags),
                    state_of(
                        task.id,
                        progress[task.id].state,
                        ado_state(progress[task.id], task, process)[0],
                    )
                    if item_id
                    else "",
                    item_id,
                )
            )
        groups.append(group)
    return project_row, groups


def ado_rows(kit: Kit, process: Process = "agile") -> list[list[object]]:
    """Every row in tree order (one file, however long)."""
    project_row, groups = ado_groups(kit, process)
    return ([project_row] if project_row else []) + [row for group in groups for row in group]


def ado_files(kit: Kit, process: Process = "agile", max_items: int = ADO_MAX_ITEMS) -> list[bytes]:
    """The CSV files, each at most ``max_items`` work items, phases kept whole where they fit."""
    project_row, groups = ado_groups(kit, process)
    lead = [project_row] if project_row else []
    files: list[list[list[object]]] = [list(lead)]
    for group in groups:
        if len(files[-1]) > len(lead) and len(files[-1]) + len(group) > max_items:
            files.append(list(lead))
        parent = group[0]
        for row in group:
            if len(files[-1]) >= max_items:  # the phase continues: repeat its row
                files.append(list(lead) if row is parent else [*lead, parent])
            files[-1].append(row)
    return [csv_bytes(header(process), rows) for rows in files if len(rows) > len(lead)]


def render_ado_process(kit: Kit, path: Path, *, process: Process = "agile") -> list[Path]:
    """Write ``path`` (and ``<stem>-2.csv``... over 1,000 work items); return the files."""
    written = []
    for number, data in enumerate(ado_files(kit, process), start=1):
        target = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        target.write_bytes(data)
        written.append(target)
    return written

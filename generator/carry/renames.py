"""Move the team's entries from renamed items to their new ids, before they are carried.

A pack version that renames an item says so with ``replaces: [old-id]``
(:mod:`generator.packs.renames`). :func:`move_renamed` rewrites the workbooks as
read: every row keyed by an old id (or by a key built from it) gets the new key, a
per-object sheet of an old migration object gets the new object's instance, and
the cells of the team's own rows that hold ids (the role of an effort-log row, the
predecessors of a task the team added) name the new ids. The carry then finds
every entry under the new id, as if the pack had always used it.

Which item sections a sheet's row keys are made of is declared once, in
:data:`KEY_SECTIONS`; sheets whose rows are the team's own (change requests,
defects...) are in :data:`TEAM_ROWS`; a test fails for a declared sheet in neither.
A row whose key is a live id of the new pack is never moved (a rename never takes a
row from an item that exists).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.packs.model import KIT_SECTIONS
from generator.packs.renames import Renames, rename_key

# the kit's saved state keyed by task ids (generator/tracking/baseline.py, snapshots.py)
BASELINES = Path(".implkit") / "baselines"
SNAPSHOTS = Path(".implkit") / "snapshots"

if TYPE_CHECKING:
    from generator.carry.read import WorkbookRead
    from generator.kit_model import BaselineView
    from generator.packs.resolved import ResolvedPack

# sheet key -> the item sections its row keys are made of
KEY_SECTIONS: dict[str, tuple[str, ...]] = {
    "plan.tasks": ("tasks", "phases"),
    "plan.gantt": ("tasks", "phases"),
    "plan.gates": ("tasks",),
    "plan.raci": ("tasks", "phases"),
    "plan.risks": ("risks",),
    "plan.stakeholders": ("stakeholders",),
    "plan.interfaces": ("stakeholders",),
    "plan.meetings": ("ceremonies",),
    "plan.budget": ("roles",),
    "plan.staffing": ("phases", "roles"),
    "plan.lessons": ("lessons",),
    "plan.acceptance": ("tasks",),
    "plan.surveys": ("tasks",),
    "plan.removed": ("tasks",),
    "migration.overview": ("migration",),
    "migration.cutover": ("cutover",),
    "training.sessions": ("courses", "audiences"),
    "training.attendance": ("courses", "audiences"),
}
# sheets keyed by something else than item ids: the team's numbered rows, dates, field
# names (a field sheet's instance is its object: see PER_OBJECT), course codes
TEAM_ROWS: frozenset[str] = frozenset(
    {
        "plan.changes",
        "plan.defects",
        "plan.team",
        "plan.calendar",
        "plan.effort",
        "plan.rates",
        "plan.expenses",
        "migration.fields",
        "training.matrix",
    }
)
# per-object sheets: sheet key -> the section of the object in its instance key
PER_OBJECT: dict[str, str] = {"migration.fields": "migration"}
# the team's cells that hold ids: (sheet key, column) -> sections; several ids may be
# written in one cell, separated by commas or spaces (predecessors)
ID_CELLS: dict[tuple[str, str], tuple[str, ...]] = {
    ("plan.tasks", "owner"): ("roles",),
    ("plan.tasks", "predecessors"): ("tasks",),
    ("plan.team", "role"): ("roles",),
    ("plan.effort", "role"): ("roles",),
    ("plan.effort", "task"): ("tasks",),
    ("plan.rates", "role"): ("roles",),
    ("plan.expenses", "phase"): ("phases",),
}
_ID_IN_TEXT = re.compile(r"[a-z0-9][a-z0-9._-]*(?:@w\d+)?")


@dataclass(frozen=True)
class Moved:
    """One row (or per-object sheet) moved to a new key, and how many of the team's
    cells on it hold an entry."""

    sheet: str  # the sheet's instance key before the move
    title: str  # the sheet's title in the workbook
    row: int  # 1-based row number (0: the whole per-object sheet)
    old: str
    new: str
    entries: int


def move_renamed(
    reads: Iterable[WorkbookRead],
    renames: Renames,
    live: Mapping[str, Iterable[str]],
    written: object = None,
) -> list[Moved]:
    """Rewrite ``reads`` in place (see the module docstring); returns every move.

    ``live``: section -> the ids of the new pack (a key that is a live id stays).
    ``written``: the last build's digest of its generated cells
    (:mod:`generator.carry.written`): a generated cell holding ids on a row that build
    wrote is left as read — the build writes it again from the new pack, and a renamed
    value would read as the team's edit of a generated cell.
    """
    if not renames:
        return []
    alive = {section: set(ids) for section, ids in live.items()}
    digest = written if isinstance(written, dict) else {}
    moved: list[Moved] = []
    for book in reads:
        for sheet in book.sheets:
            generated_rows = digest.get(sheet.instance)
            if not isinstance(generated_rows, dict):
                generated_rows = {}
            mine = {c.key for c in sheet.spec.consultant_columns}
            base, _, obj = sheet.instance.partition(":")
            if base in PER_OBJECT and obj:
                section = PER_OBJECT[base]
                new_obj = renames.of((section,)).get(obj)
                if new_obj is not None and obj not in alive.get(section, set()):
                    entries = sum(_entries(sheet, row.values) for row in sheet.rows)
                    moved.append(Moved(sheet.instance, sheet.title, 0, obj, new_obj, entries))
                    sheet.instance = f"{base}:{new_obj}"
            sections = KEY_SECTIONS.get(base, ())
            table = renames.of(sections)
            current = set().union(*(alive.get(s, set()) for s in sections)) if sections else set()
            for row in sheet.rows:
                ours = bool(row.key) and row.key in generated_rows  # the last build wrote it
                if table and row.key and row.key not in current:
                    new = rename_key(row.key, table)
                    if new != row.key:
                        moved.append(
                            Moved(
                                sheet.instance,
                                sheet.title,
                                row.number,
                                row.key,
                                new,
                                _entries(sheet, row.values),
                            )
                        )
                        if sheet.spec.key_column in row.values:
                            row.values[sheet.spec.key_column] = new
                        row.key = new
                for column in list(row.values):
                    cell_sections = ID_CELLS.get((base, column))
                    value = row.values[column]
                    if ours and column not in mine:
                        continue  # a generated cell: written again, never the team's
                    if cell_sections and isinstance(value, str) and value:
                        row.values[column] = _rename_ids_in(value, renames.of(cell_sections))
    return moved


def _rename_ids_in(text: str, table: Mapping[str, str]) -> str:
    """``text`` (ids separated by commas or spaces) with every old id of ``table`` renamed."""

    def one(match: re.Match[str]) -> str:
        return rename_key(match.group(0), table)

    return _ID_IN_TEXT.sub(one, text)


def live_ids(pack: ResolvedPack) -> dict[str, set[str]]:
    """Section -> the ids of ``pack`` (``tasks`` with the gates: they share the Plan sheet)."""
    live = {
        section: {located.item.id for located in getattr(pack, section)} for section in KIT_SECTIONS
    }
    live["tasks"] |= live.get("gates", set())
    return live


def _entries(sheet: object, values: Mapping[str, object]) -> int:
    """The team's cells of a row that hold something."""
    spec = getattr(sheet, "spec", None)
    if spec is None:
        return 0
    mine = {c.key for c in spec.consultant_columns}
    return sum(1 for key, value in values.items() if key in mine and value not in (None, ""))


def renamed_view(view: BaselineView, renames: Renames) -> BaselineView:
    """``view`` with its task ids renamed (the baseline of the build that applies them)."""
    from dataclasses import replace

    table = renames.of(("tasks",))
    tasks = tuple(replace(t, task_id=rename_key(t.task_id, table)) for t in view.tasks)
    return replace(view, tasks=tasks)


def renamed_state(target: Path, renames: Renames) -> dict[str, bytes]:
    """The kit's saved baselines and status snapshots with renamed task ids, as
    ``.implkit/...`` path -> new bytes (only the files that change), to install with the
    build: a renamed task keeps its baseline dates and its milestone trend.

    Unreadable files (a link, beyond the reading limits, not JSON) are left alone: their
    own readers report them. A linked baselines or snapshots folder raises InputError."""
    table = renames.of(("tasks",))
    if not table:
        return {}
    from generator.errors import InputError
    from generator.kitfs import contained, read_kit_json

    out: dict[str, bytes] = {}
    for folder, kind in ((BASELINES, "baseline"), (SNAPSHOTS, "snapshot")):
        here = contained(target, folder)  # a linked folder: refused (InputError), never read
        if not here.is_dir():
            continue
        for path in sorted(here.glob("*.json")):
            if path.name == "index.json":
                continue
            try:  # bounded, never through a link
                data = read_kit_json(target, folder / path.name, fix="")
            except InputError:
                continue
            if not isinstance(data, dict):
                continue
            changed = False
            if kind == "baseline":
                for key in ("tasks", "milestones"):
                    for entry in data.get(key) or []:
                        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                            new = rename_key(entry["id"], table)
                            changed |= new != entry["id"]
                            entry["id"] = new
            elif isinstance(data.get("milestones"), dict):
                moved = {rename_key(k, table): v for k, v in data["milestones"].items()}
                changed = moved != data["milestones"]
                data["milestones"] = moved
            if changed:
                text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
                out[(folder / path.name).as_posix()] = text.encode("utf-8")
    return out

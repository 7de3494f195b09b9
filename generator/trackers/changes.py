"""What an import changes in the kit: matching, the change list, new and removed items.

``plan_import(files, plan, known, *, add_new, removable) -> ImportPlan`` works on the
Plan sheet as read back (:class:`~generator.carry.read.SheetRead`), never on a second
copy of the kit: the same plan serves ``--dry-run`` (listed, nothing written) and the
import (applied to the read rows by :func:`apply_plan`, then rebuilt and installed by
the kit's own rebuild).

Matching: an item is a kit task or phase when its ``ik:`` tag / label / Plan-id field
names one, else when ``.implkit/trackers.json`` links its tracker id to one. A file whose
``ik-kit:`` tag names another kit, whose tracker project differs from the one the kit's
ids came from, or whose items match nothing of this kit is refused (exit 2).

The tracker is the source of the fields it carries on linked tasks (see
:mod:`generator.trackers.states` for the states):

* status: the tracker's state; a kit entry "Blocked" or "On hold" is kept while the
  tracker says not started or in progress (the kit's finer word for the same state);
* % complete: from the tracker's work figures when it has them; a done item is 100 %;
* actual start / actual finish: the tracker's dates when it has them;
* a kit value the tracker's state contradicts (an actual finish or 100 % on an item the
  tracker has open, % complete or an actual start on one it has not started) is
  cleared, and the clearing is listed like every other change.

Every change is listed (sheet, row, id, column, old -> new, source file:line). Items
the kit does not have are listed; with ``add_new`` an item whose parent is a phase of
the kit becomes a task of that phase (``project.<tool>-<tracker id>``, lifted into
project.yaml like a task typed on the Plan sheet); an item whose parent is a kit task is
a sub-item (its work belongs to that task; never added). A linked task the tracker
removed (Azure Boards Removed, Jira closed as Won't Do..., MS Project inactive) becomes
Cancelled; so does a task deleted from an MS Project plan (absent from the file though
the kit's previous build had it), whose link stays in the id map marked deleted so the
next MSPDI export leaves it out (:mod:`generator.trackers.deleted`). Importing the same
file twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.kit_model import TrackerLink
from generator.trackers.deleted import Uids, cancel_deleted
from generator.trackers.identity import PROJECT_KEY, kit_of
from generator.trackers.model import TrackerFile, TrackerItem

if TYPE_CHECKING:
    from generator.carry.read import RowRead, SheetRead
    from generator.kit_model import CellValue

PROGRESS_COLUMNS = ("status", "pct", "actual_start", "actual_finish")
KEEP_WHILE_OPEN = ("blocked", "on-hold")
TOOL_PREFIX = {"ado": "ado", "jira": "jira", "mspdi": "msp", "mpp": "msp"}
PHASE_TYPES = ("phase", "阶段")


@dataclass(frozen=True)
class Change:
    """One cell the import changes: where (sheet title, row), what (id, column), old -> new."""

    sheet: str
    row: int
    item: str
    column: str
    old: CellValue
    new: CellValue
    source: str  # "file:line" of the tracker item


@dataclass(frozen=True)
class NewItem:
    """A tracker item the kit does not have: added as ``task_id`` under ``phase`` or not."""

    source: str
    tool: str
    tracker_id: str
    title: str
    phase: str  # the kit phase of its parent ("" when the parent is not a kit phase)
    task_id: str  # the id it gets (or got) as a project task
    added: bool
    duration: float  # working days
    item: TrackerItem


@dataclass
class ImportPlan:
    """Everything one import does, computed before anything is written."""

    changes: list[Change] = field(default_factory=list)
    new_items: list[NewItem] = field(default_factory=list)
    sub_items: list[tuple[str, str, str]] = field(default_factory=list)  # source, title, task
    links: list[TrackerLink] = field(default_factory=list)
    meta: dict[str, dict[str, str]] = field(default_factory=dict)
    matched: int = 0  # items matched to a kit task or phase
    unchanged: int = 0  # matched tasks whose entries already agree

    @property
    def added(self) -> list[NewItem]:
        return [item for item in self.new_items if item.added]


@dataclass(frozen=True)
class KitRows:
    """The Plan sheet's rows by id: tasks (with their phase), phases, and the sheet."""

    sheet: SheetRead
    tasks: dict[str, tuple[RowRead, str]]  # task id -> (row, phase id)
    phases: dict[str, RowRead]
    project_uid: str


def kit_rows(sheet: SheetRead, project_uid: str) -> KitRows:
    """Index the Plan sheet as read: every phase row and the task rows below each."""
    tasks: dict[str, tuple[RowRead, str]] = {}
    phases: dict[str, RowRead] = {}
    current = ""
    for row in sheet.rows:
        if not row.key:
            continue
        kind = str(row.values.get("type") or "").strip().lower()
        if kind in PHASE_TYPES:
            phases[row.key] = row
            current = row.key
        elif row.key not in tasks:
            tasks[row.key] = (row, current)
    return KitRows(sheet, tasks, phases, project_uid)


def _source(tracker: TrackerFile, item: TrackerItem) -> str:
    return f"{tracker.path.name}:{item.row}"


def _tool(tracker: TrackerFile) -> str:
    return "mspdi" if tracker.format in ("mspdi", "mpp") else tracker.format


def _status_of(row: RowRead) -> str:
    return str(row.values.get("status") or "")


def _wanted(item: TrackerItem, row: RowRead) -> dict[str, CellValue]:
    """The progress cells the tracker asks for on ``row`` (only the ones it decides)."""
    values = row.values
    current = _status_of(row)
    status = item.status
    want: dict[str, CellValue] = {}
    if status == "cancelled":
        want["status"] = "cancelled"
        return want
    if status == "done":
        want["status"] = "done"
        want["pct"] = 1.0
        if item.actual_start is not None:
            want["actual_start"] = item.actual_start
        if item.actual_finish is not None:
            want["actual_finish"] = item.actual_finish
        return want
    if status == "in-progress":
        want["status"] = current if current in KEEP_WHILE_OPEN else "in-progress"
        if item.percent is not None:
            want["pct"] = round(min(max(item.percent, 0.0), 0.99), 4)
        elif isinstance(pct := values.get("pct"), (int, float)) and float(pct) >= 1:
            want["pct"] = None  # 100 % would make the kit call it finished
        if item.actual_start is not None:
            want["actual_start"] = item.actual_start
        want["actual_finish"] = None
        return want
    # not started (a blank status already says so)
    if current and current not in KEEP_WHILE_OPEN:
        want["status"] = "not-started"
    want["pct"] = None if not item.percent else round(min(item.percent, 0.99), 4)
    want["actual_start"] = None
    want["actual_finish"] = None
    return want


def _same(old: CellValue, new: CellValue) -> bool:
    """Equal as the kit reads them ("" is blank; percentages to 0.01 %)."""
    old = None if old == "" else old
    new = None if new == "" else new
    if old is None or new is None:
        return old is None and new is None
    numbers = (int, float)
    if isinstance(old, numbers) and isinstance(new, numbers) and not isinstance(old, bool):
        return abs(float(old) - float(new)) < 5e-5
    return old == new


def _check_project(
    tracker: TrackerFile, rows: KitRows, meta: dict[str, dict[str, str]]
) -> list[Problem]:
    """A file of another kit or another tracker project (exit 2)."""
    problems: list[Problem] = []
    for item in tracker.items:
        other = kit_of(item.tags)
        if other and other != rows.project_uid.lower():
            problems.append(
                Problem(
                    str(tracker.path),
                    item.row,
                    0,
                    _(
                        "this item belongs to another kit (ik-kit:{other}; this kit is "
                        "{mine}): the file was exported from another project; export this "
                        "project's items and import that file"
                    ).format(other=other, mine=rows.project_uid),
                )
            )
            return problems
    known = meta.get(_tool(tracker), {}).get("project", "")
    if known and tracker.project and known.lower() != tracker.project.lower():
        problems.append(
            Problem(
                str(tracker.path),
                0,
                0,
                _(
                    "the file is from tracker project {found}, but this kit's items are in "
                    "{known}; import an export of {known} (or delete .implkit/trackers.json "
                    "if the kit really moved)"
                ).format(found=repr(tracker.project), known=repr(known)),
            )
        )
    return problems


def plan_import(
    files: list[TrackerFile],
    rows: KitRows,
    links: tuple[TrackerLink, ...],
    meta: dict[str, dict[str, str]],
    *,
    add_new: bool,
    removable: set[str] | None,
    exported: Uids | None = None,
) -> ImportPlan:
    """The import of ``files`` into the kit whose Plan sheet is ``rows`` (see the module doc).

    ``removable``: task ids the kit's previous build had (an MS Project plan without
    one of them deleted it); ``None``: not known (nothing is taken for deleted).
    ``exported``: kit id -> (UID, GUID) in the kit's last MSPDI build
    (:func:`generator.trackers.deleted.exported_uids`), the UID a deleted task had.
    Raises InputError for a file of another project or one matching nothing.
    """
    plan = ImportPlan(meta={tool: dict(values) for tool, values in meta.items()})
    problems: list[Problem] = []
    kept: dict[tuple[str, str], TrackerLink] = {(k.tool, k.kit_id): k for k in links}
    sheet_title = rows.sheet.title
    seen_tasks: set[str] = set()
    for tracker in files:
        tool = _tool(tracker)
        problems += _check_project(tracker, rows, meta)
        # a deleted task's UID names no item: MS Project may give it to a new task
        by_tracker = {k.tracker_id: k.kit_id for k in links if k.tool == tool and not k.deleted}
        matched: dict[str, str] = {}  # tracker id -> kit id
        for item in tracker.items:
            kit_id = item.kit_id
            if kit_id and kit_id not in rows.tasks and kit_id not in rows.phases:
                kit_id = kit_id if kit_id == PROJECT_KEY else ""
            kit_id = kit_id or by_tracker.get(item.tracker_id, "")
            if kit_id and (kit_id in rows.tasks or kit_id in rows.phases or kit_id == PROJECT_KEY):
                matched[item.tracker_id] = kit_id
        if tracker.items and not matched:
            problems.append(
                Problem(
                    str(tracker.path),
                    0,
                    0,
                    _(
                        "no item of this file is a task of this kit (no ik: tag, Plan id or "
                        "tracker id it knows): the file is from another project, or the items "
                        "were not created from this kit's export; import the kit's export "
                        "into the tracker first (see README, Importing the exports)"
                    ),
                )
            )
            continue
        if tracker.project:
            plan.meta.setdefault(tool, {})["project"] = tracker.project
        if tracker.process:
            plan.meta.setdefault(tool, {})["process"] = tracker.process
        if tool == "mspdi":
            uids = [int(i.tracker_id) for i in tracker.items if i.tracker_id.isdigit()]
            old_max = int(plan.meta.get(tool, {}).get("max_uid") or 0)
            plan.meta.setdefault(tool, {})["max_uid"] = str(max([old_max, *uids]))
        items = {item.tracker_id: item for item in tracker.items}
        for item in tracker.items:
            found = matched.get(item.tracker_id)
            if found is None:
                continue
            kit_id = found
            plan.matched += 1
            kept[(tool, kit_id)] = _link(tool, kit_id, item)
            if kit_id not in rows.tasks or item.summary:
                continue  # a phase or the project: linked, its progress is rolled up
            seen_tasks.add(kit_id)
            row, _phase = rows.tasks[kit_id]
            before = len(plan.changes)
            for column, value in _wanted(item, row).items():
                old = row.values.get(column)
                if not _same(old, value):
                    plan.changes.append(
                        Change(
                            sheet_title,
                            row.number,
                            kit_id,
                            column,
                            old,
                            value,
                            _source(tracker, item),
                        )
                    )
            if len(plan.changes) == before:
                plan.unchanged += 1
        _new_items(plan, tracker, items, matched, rows, add_new)
        if tool == "mspdi":
            cancel_deleted(plan, tracker, rows, matched, removable, kept, exported or {})
    if problems:
        raise InputError(problems)
    for new in plan.added:
        kept.setdefault(
            (new.tool, new.task_id),
            _link(new.tool, new.task_id, new.item),
        )
    plan.links = sorted(kept.values(), key=lambda k: (k.tool, k.kit_id))
    return plan


def _link(tool: str, kit_id: str, item: TrackerItem) -> TrackerLink:
    """The id map's entry for ``item``: its ids and, when its state maps to a kit status,
    that state (the next export writes it back while the kit's status is unchanged)."""
    state = item.state if item.status and tool in ("ado", "jira") else ""
    return TrackerLink(
        tool, kit_id, item.tracker_id, item.alt_id, state, item.status if state else ""
    )


def new_task_id(tool: str, tracker_id: str) -> str:
    """The project task id a tracker item gets when added: ``project.ado-1234``,
    ``project.jira-erp-12``, ``project.msp-57`` (the same item always gets the same id)."""
    clean = re.sub(r"[^a-z0-9]+", "-", tracker_id.lower()).strip("-")
    return f"project.{TOOL_PREFIX.get(tool, tool)}-{clean}"


def _phase_of(
    item: TrackerItem, items: dict[str, TrackerItem], matched: dict[str, str], rows: KitRows
) -> tuple[str, str]:
    """``(phase id, task id)`` of the nearest matched ancestor: a phase, or a task (sub-item)."""
    parent = item.parent
    for _depth in range(64):
        if not parent:
            return "", ""
        kit_id = matched.get(parent)
        if kit_id in rows.phases:
            return kit_id or "", ""
        if kit_id in rows.tasks:
            return rows.tasks[kit_id][1], kit_id or ""
        if kit_id == PROJECT_KEY:
            return "", ""
        up = items.get(parent)
        if up is None:
            return "", ""
        parent = up.parent
    return "", ""


def _duration(item: TrackerItem) -> float:
    """Working days a new item is planned for: the tool's duration, else its work (8 h a
    day), else its planned dates (Monday to Friday), else 1; in half days."""
    if item.days:
        return max(0.5, round(item.days * 2) / 2)
    hours = (item.work_done or 0.0) + (item.work_left or 0.0)
    if hours > 0:
        return max(1.0, round(hours / 8 * 2) / 2)
    start, finish = item.planned
    if start and finish and finish >= start:
        days = sum(
            1 for n in range((finish - start).days + 1) if (start.toordinal() + n) % 7 not in (6, 0)
        )
        return float(max(1, days))
    return 1.0


def _new_items(
    plan: ImportPlan,
    tracker: TrackerFile,
    items: dict[str, TrackerItem],
    matched: dict[str, str],
    rows: KitRows,
    add_new: bool,
) -> None:
    tool = _tool(tracker)
    for item in tracker.items:
        if item.tracker_id in matched or item.summary or item.kit_id == PROJECT_KEY:
            continue
        if tool == "mspdi" and item.tracker_id == "0":
            continue  # the project summary task
        phase, task = _phase_of(item, items, matched, rows)
        if task:
            plan.sub_items.append((_source(tracker, item), item.title, task))
            continue
        direct = matched.get(item.parent) in rows.phases
        task_id = new_task_id(tool, item.tracker_id)
        plan.new_items.append(
            NewItem(
                _source(tracker, item),
                tool,
                item.tracker_id,
                item.title,
                phase if direct else "",
                task_id,
                bool(add_new and direct and phase and item.title and task_id not in rows.tasks),
                _duration(item),
                item,
            )
        )


def apply_plan(plan: ImportPlan, rows: KitRows) -> None:
    """Write ``plan`` into the Plan sheet as read: changed cells, and a row per added task
    (below its phase's last task, so the rebuild lifts it into project.yaml like a task
    typed there; its owner is the owner of the phase's first task)."""
    from generator.carry.read import RowRead

    for change in plan.changes:
        row, _phase = rows.tasks[change.item]
        row.values[change.column] = change.new
        row.problems = [p for p in row.problems if p.column != change.column]
    sheet = rows.sheet
    next_number = max((row.number for row in sheet.rows), default=0) + 1
    for new in plan.added:
        item = new.item
        values: dict[str, CellValue] = {
            "name": item.title,
            "duration": new.duration,
            "owner": _phase_owner(rows, new.phase),
        }
        values.update(_wanted(item, RowRead(0, new.task_id, {})))
        added = RowRead(
            next_number, new.task_id, {k: v for k, v in values.items() if v is not None}
        )
        next_number += 1
        position = _after_phase(sheet, new.phase)
        sheet.rows.insert(position, added)


def _phase_owner(rows: KitRows, phase: str) -> str:
    """The owner (as the Plan sheet shows it) of the phase's first task, else of any task."""
    owners = [
        (found == phase, str(row.values.get("owner") or ""))
        for row, found in rows.tasks.values()
        if row.values.get("owner")
    ]
    return next((o for same, o in owners if same), owners[0][1] if owners else "")


def _after_phase(sheet: SheetRead, phase: str) -> int:
    """Index after the last row of ``phase`` on the sheet."""
    position = len(sheet.rows)
    inside = False
    for index, row in enumerate(sheet.rows):
        kind = str(row.values.get("type") or "").strip().lower()
        if kind in PHASE_TYPES:
            if inside:
                return index
            inside = row.key == phase
    return position

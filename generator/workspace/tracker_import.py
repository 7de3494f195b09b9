"""``implkit import``: read the exports, list what changes, write it through the rebuild.

``import_files(target, paths, ...) -> ImportResult``:

1. read and check every file before anything else (:func:`generator.trackers.detect.
   read_export`, :func:`generator.trackers.timesheet_read.read_timesheet`): any problem
   stops the import with exit 2, nothing written;
2. on the Plan sheet and the effort log as read back, work out the change list
   (:mod:`.changes`, :mod:`.effort`) — ``--dry-run`` stops here and lists it;
3. otherwise rebuild the kit with those entries applied (``amend`` of the kit's own
   rebuild: the same carry, lift, build and install transaction as ``implkit build``;
   the previous workbook goes to ``.implkit/backups/``), and install the tracker id
   map (``.implkit/trackers.json``) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.trackers.changes import (
    Change,
    ImportPlan,
    NewItem,
    apply_plan,
    kit_rows,
    plan_import,
)
from generator.trackers.effort import EFFORT_SHEET, EffortChange, EffortPlan, apply_effort
from generator.trackers.model import TrackerFile

if TYPE_CHECKING:
    from generator.carry.read import SheetRead, WorkbookRead
    from generator.trackers.completions import CompletionPlan, CourseInfo
    from generator.trackers.dates import Order
    from generator.trackers.lms import Completions
    from generator.trackers.model import Status
    from generator.trackers.timesheet_read import Timesheet

PLAN_SHEET = "plan.tasks"
MAX_FILES = 200


@dataclass
class ImportResult:
    """What an import read, changed and wrote (``outcome`` None for a dry run)."""

    target: Path
    dry_run: bool
    files: list[dict[str, Any]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    effort: list[EffortChange] = field(default_factory=list)
    new_items: list[NewItem] = field(default_factory=list)
    sub_items: list[tuple[str, str, str]] = field(default_factory=list)
    effort_skipped: list[tuple[str, str]] = field(default_factory=list)
    effort_unrecorded: bool = False  # no effort log in this implkit: work not recorded
    matched: int = 0
    unchanged: int = 0
    outcome: dict[str, Any] | None = None
    # LMS completions (generator.trackers.completions): the Attendance cells they change,
    # learners put on a free seat (--add-new), learners and courses matched nowhere
    completions: list[Change] = field(default_factory=list)
    learners_placed: list[tuple[str, str, str]] = field(default_factory=list)
    learners_unmatched: list[tuple[str, str, str]] = field(default_factory=list)
    courses_unknown: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The ``--json`` form (dates ISO, values as stored)."""

        def value(v: Any) -> Any:
            return v.isoformat() if isinstance(v, date) else v

        return {
            "target": str(self.target),
            "dry_run": self.dry_run,
            "files": self.files,
            "matched": self.matched,
            "unchanged": self.unchanged,
            "changes": [
                {
                    "sheet": c.sheet,
                    "row": c.row,
                    "id": c.item,
                    "column": c.column,
                    "old": value(c.old),
                    "new": value(c.new),
                    "source": c.source,
                }
                for c in self.changes
            ],
            "effort": [
                {"id": e.row_id, "old_days": e.old, "new_days": e.new, "source": e.source}
                for e in self.effort
            ],
            "new_items": [
                {
                    "source": n.source,
                    "tracker_id": n.tracker_id,
                    "title": n.title,
                    "phase": n.phase,
                    "task_id": n.task_id,
                    "added": n.added,
                }
                for n in self.new_items
            ],
            "sub_items": [{"source": s, "title": t, "task": k} for s, t, k in self.sub_items],
            "effort_left_to_timesheets": [{"task": t, "source": s} for t, s in self.effort_skipped],
            "effort_unrecorded": self.effort_unrecorded,
            "completions": [
                {
                    "sheet": c.sheet,
                    "row": c.row,
                    "id": c.item,
                    "column": c.column,
                    "old": value(c.old),
                    "new": value(c.new),
                    "source": c.source,
                }
                for c in self.completions
            ],
            "learners_placed": [
                {"source": s, "learner": n, "seat": k} for s, n, k in self.learners_placed
            ],
            "learners_unmatched": [
                {"source": s, "learner": n, "course": c} for s, n, c in self.learners_unmatched
            ],
            "courses_unknown": [{"source": s, "course": c} for s, c in self.courses_unknown],
            "written": self.outcome,
        }


@dataclass
class _Inputs:
    """The files read and checked, and what the kit folder says, before any change."""

    trackers: list[TrackerFile]
    timesheets: list[Timesheet]
    links: Any
    meta: dict[str, dict[str, str]]
    project_uid: str
    removable: set[str] | None
    day: date
    completions: list[Completions] = field(default_factory=list)  # LMS results (Moodle)
    exported: dict[str, tuple[str, str]] = field(default_factory=dict)  # last MSPDI build's UIDs


def _read_inputs(
    target: Path,
    paths: list[Path],
    *,
    fmt: str | None,
    states: dict[str, Status] | None,
    date_order: Order | None,
    as_of: date | None,
) -> _Inputs:
    from generator.carry.packdiff import previous_ids, read_snapshot
    from generator.project import PROJECT_FILE, load_project
    from generator.trackers import idmap
    from generator.trackers.detect import read_export, sniff
    from generator.trackers.tabular import read_bytes
    from generator.trackers.timesheet_read import read_timesheet

    spec = load_project(target / PROJECT_FILE)
    day = as_of or date.today()
    start = spec.start or date(2000, 1, 1)
    first, last = start - timedelta(days=31), max(day, start) + timedelta(days=1)

    def plausible(when: date) -> bool:
        return first <= when <= last

    if len(paths) > MAX_FILES:
        raise InputError(_("more than 200 files in one import; import them in batches"))
    trackers: list[TrackerFile] = []
    sheets: list[Timesheet] = []
    completions: list[Completions] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            found = sniff(path, read_bytes(path)[:65536])
            if found == "timesheet":
                sheets.append(read_timesheet(path))
            elif found == "lms":
                from generator.trackers import lms
                from generator.trackers.tabular import decode, read_table

                data = read_bytes(path)
                completions.append(lms.parse(path, read_table(path, decode(data, path))))
            else:
                chosen = fmt if fmt in ("ado", "jira", "mspdi") else None
                trackers.append(
                    read_export(
                        path,
                        fmt=chosen,  # type: ignore[arg-type]
                        plausible=plausible,
                        order=date_order,
                        extra_states=states,
                    )
                )
        except InputError as err:
            problems += err.problems
    from generator.trackers.identity import project_uid_of

    uid = project_uid_of(spec)
    seen: dict[tuple[str, str], Path] = {}
    for sheet in sheets:
        if sheet.kit.lower() != uid.lower():
            problems.append(
                Problem(
                    str(sheet.path),
                    0,
                    0,
                    _(
                        "this timesheet belongs to another kit ({other}; this kit is {mine}); "
                        "import it into the kit that wrote it"
                    ).format(other=sheet.kit, mine=uid),
                )
            )
        key = (sheet.prefix, sheet.week)
        if key in seen:
            problems.append(
                Problem(
                    str(sheet.path),
                    0,
                    0,
                    _(
                        "{person}'s timesheet for {week} is given twice ({other}); import one of them"
                    ).format(person=sheet.person, week=sheet.week, other=seen[key].name),
                )
            )
        seen[key] = sheet.path
    if problems:
        raise InputError(problems)
    links, meta = idmap.load(target)
    old = read_snapshot(target)
    removable = previous_ids(old, "tasks")
    exported: dict[str, tuple[str, str]] = {}
    if any(tracker.format in ("mspdi", "mpp") for tracker in trackers):
        from generator.registry import path_of
        from generator.trackers.deleted import exported_uids

        exported = exported_uids(target.joinpath(*path_of("mspdi").split("/")))
    return _Inputs(trackers, sheets, links, meta, uid, removable, day, completions, exported)


def _effort_log(book: WorkbookRead) -> SheetRead | None:
    """The plan's effort log as read; an empty one when the workbook predates the sheet
    (the rebuild writes it), None when this implkit declares no effort log."""
    from generator.carry.read import SheetRead
    from generator.sheets import spec

    found = book.sheet(EFFORT_SHEET)
    if found is not None:
        return found
    try:
        declared = spec(EFFORT_SHEET)
    except KeyError:
        return None
    empty = SheetRead(EFFORT_SHEET, declared, declared.title("en"), 0, {}, "import")
    book.sheets.append(empty)
    return empty


def _plan(
    reads: list[WorkbookRead], inputs: _Inputs, *, add_new: bool
) -> tuple[ImportPlan, EffortPlan, SheetRead, SheetRead | None]:
    """The import's change list, worked out on the workbooks as read."""
    from generator.trackers import effort
    from generator.trackers.timesheet_read import effort_rows

    plan_book = next((wb for wb in reads if wb.kind == "plan"), None)
    sheet = plan_book.sheet(PLAN_SHEET) if plan_book else None
    if sheet is None:
        raise InputError(
            _(
                "the kit has no project plan workbook with its Plan sheet to import into; "
                "run implkit build first (it writes plan/project-plan.xlsx)"
            )
        )
    rows = kit_rows(sheet, inputs.project_uid)
    plan = plan_import(
        inputs.trackers,
        rows,
        inputs.links,
        inputs.meta,
        add_new=add_new,
        removable=inputs.removable,
        exported=inputs.exported,
    )
    log = _effort_log(plan_book) if plan_book else None
    work = EffortPlan()
    task_ids = set(rows.tasks)
    for timesheet in inputs.timesheets:
        effort.timesheet_rows(
            work,
            log,
            timesheet.prefix,
            effort_rows(timesheet, timesheet.role, task_ids),
            timesheet.path.name,
        )
    for tracker in inputs.trackers:
        tool = "mspdi" if tracker.format in ("mspdi", "mpp") else tracker.format
        linked = {k.tracker_id: k.kit_id for k in plan.links if k.tool == tool and not k.deleted}
        items = []
        for item in tracker.items:
            task_id = linked.get(item.tracker_id, "")
            if task_id in rows.tasks and item.work_done is not None and not item.summary:
                row, _phase = rows.tasks[task_id]
                role = str(row.values.get("owner") or "")
                items.append(
                    (
                        item.tracker_id,
                        task_id,
                        item.work_done,
                        role,
                        f"{tracker.path.name}:{item.row}",
                    )
                )
        effort.tracker_rows(work, log, tool, items, inputs.day)
    if log is None and (work.rows or work.removed):
        if inputs.timesheets:
            raise InputError(
                _(
                    "this implkit has no Actual effort log to record timesheets in; "
                    "update implkit and run implkit build, then import again"
                )
            )
        work.unrecorded = True  # the tracker's work is listed, not recorded
        work.rows.clear()
        work.removed.clear()
        work.changes.clear()
    return plan, work, sheet, log


def _course_info(target: Path, packs_dir: Path | None) -> CourseInfo:
    """The kit's LMS courses and course codes (built from project.yaml, as ``build`` does)."""
    from generator.trackers.completions import course_info
    from generator.workspace.load import kit_from_project_dir

    kit, _pack, _answers = kit_from_project_dir(target, packs_dir)
    return course_info(kit)


def import_files(
    target: Path,
    paths: list[Path],
    *,
    dry_run: bool = False,
    add_new: bool = False,
    fmt: str | None = None,
    states: dict[str, Status] | None = None,
    date_order: Order | None = None,
    as_of: date | None = None,
    packs_dir: Path | None = None,
    force: bool = False,
    trust: bool = False,
    progress: Any = None,
    notice: Any = None,
) -> ImportResult:
    """Import ``paths`` into the kit at ``target`` (absolute); see the module docstring.

    ``states``: extra state mappings (``--state``); ``date_order``: "mdy"/"dmy" for
    numeric dates (``--date-order``); ``as_of``: the day the tracker's work is recorded
    on (default today). Raises InputError (exit 2, nothing written) for any bad file, a
    file of another kit or tracker project, or a kit without a plan.
    """
    from generator.i18n import use_language
    from generator.project import PROJECT_FILE
    from generator.trackers import idmap

    use_language(project=target / PROJECT_FILE)
    if not (target / PROJECT_FILE).is_file():
        from generator.workspace.load import require_project_file

        require_project_file(target)
    inputs = _read_inputs(target, paths, fmt=fmt, states=states, date_order=date_order, as_of=as_of)
    result = ImportResult(target, dry_run)
    for tracker in inputs.trackers:
        result.files.append(
            {
                "path": str(tracker.path),
                "format": tracker.format,
                "process": tracker.process,
                "project": tracker.project,
                "items": len(tracker.items),
            }
        )
    for sheet in inputs.timesheets:
        result.files.append(
            {
                "path": str(sheet.path),
                "format": "timesheet",
                "person": sheet.person,
                "week": sheet.week,
                "hours": round(sum(r.total for r in sheet.rows), 2),
            }
        )
    for completions in inputs.completions:
        result.files.append(
            {
                "path": str(completions.path),
                "format": "lms",
                "layout": completions.layout,
                "items": len(completions.rows),
            }
        )
    info = _course_info(target, packs_dir) if inputs.completions else None

    def learners(reads: list[WorkbookRead]) -> tuple[CompletionPlan, SheetRead | None] | None:
        """The LMS results' plan on the training workbook's Attendance sheet as read."""
        if info is None:
            return None
        from generator.trackers.completions import ATTENDANCE_SHEET, plan_completions

        book = next((wb for wb in reads if wb.kind == "training-matrix"), None)
        sheet = book.sheet(ATTENDANCE_SHEET) if book else None
        if sheet is None:
            raise InputError(
                _(
                    "the kit has no training workbook with its Attendance sheet to import "
                    "completions into; run implkit build first (it writes "
                    "training/training-matrix.xlsx)"
                )
            )
        found = plan_completions(inputs.completions, sheet, info, add_new=add_new)
        result.completions = found.changes
        result.learners_placed = found.placed
        result.learners_unmatched = found.unmatched
        result.courses_unknown = found.unknown_courses
        return found, sheet

    def record(plan: ImportPlan, work: EffortPlan) -> None:
        result.changes = plan.changes
        result.effort = work.changes
        result.new_items = plan.new_items
        result.sub_items = plan.sub_items
        result.effort_skipped = work.skipped
        result.effort_unrecorded = work.unrecorded
        result.matched = plan.matched
        result.unchanged = plan.unchanged

    if dry_run:
        from generator.carry import WORKBOOKS
        from generator.carry.read import read_workbook

        plan_path = target.joinpath(*WORKBOOKS["plan"].split("/"))
        reads = [read_workbook(plan_path, "plan")] if plan_path.is_file() else []
        if inputs.completions:
            training = target.joinpath(*WORKBOOKS["training-matrix"].split("/"))
            if training.is_file():
                reads.append(read_workbook(training, "training-matrix"))
        learners(reads)
        plan, work, _sheet, _log = _plan(reads, inputs, add_new=add_new)
        record(plan, work)
        return result

    state: dict[str, bytes] = {}

    def amend(reads: list[WorkbookRead]) -> None:
        seated = learners(reads)
        if seated is not None:
            from generator.trackers.completions import apply_completions

            apply_completions(*seated)
        plan, work, sheet, log = _plan(reads, inputs, add_new=add_new)
        apply_plan(plan, kit_rows(sheet, inputs.project_uid))
        if log is not None:
            apply_effort(work, log)
        record(plan, work)
        state[idmap.FILE.as_posix()] = idmap.dumps(tuple(plan.links), plan.meta)

    from generator.workspace.rebuild import rebuild_folder

    options: dict[str, Any] = {}
    if progress is not None:
        options["progress"] = progress
    if notice is not None:
        options["notice"] = notice
    _kit, _pack, outcome, _carried = rebuild_folder(
        target,
        packs_dir=packs_dir,
        as_of=None,
        force=force,
        trust=trust,
        docx_template=None,
        amend=amend,
        state_files=state,
        **options,
    )
    result.outcome = outcome.as_dict()
    return result

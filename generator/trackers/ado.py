"""Azure Boards: a query's "Export to CSV" read into :class:`TrackerItem` rows.

The export writes the query's columns with their field names as headers, every value
quoted, dates in the exporting user's format, tags separated by ``;``. A tree query
writes ``Title 1``, ``Title 2``... (the title sits in the column of its level); a flat
query ``Title`` and, when chosen as a column, ``Parent`` (the parent's ID). See
Microsoft Learn, "Import, update, and export bulk work items with CSV files"
(learn.microsoft.com/azure/devops/boards/queries/import-work-items-from-csv).

Columns read (English field names, or the Chinese names of a Chinese-language Azure
DevOps Server): ID, Work Item Type, Title / Title n, State, Reason, Tags, Parent,
Activated Date, Closed Date, Completed Work, Remaining Work, Start Date, Target Date,
Iteration Path, Area Path, Team Project. Only ID, Work Item Type, a title and State
are required.

* percent complete = Completed Work / (Completed Work + Remaining Work) when both are
  given; a Completed-category state is 100 %;
* actual start = Activated Date (in progress or done); actual finish = Closed Date
  (done);
* the process (agile, scrum, cmmi, basic) is told from the work item types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.i18n import _
from generator.trackers.dates import Order
from generator.trackers.fields import (
    Problems,
    cell,
    check_ids,
    date_column,
    number_column,
    work_percent,
)
from generator.trackers.identity import kit_id_of
from generator.trackers.model import Status, TrackerFile, TrackerItem
from generator.trackers.states import ado_status
from generator.trackers.tabular import Table, normal

NAMES = {
    "id": ("ID",),
    "type": ("Work Item Type", "工作项类型"),
    "title": ("Title", "标题"),
    "state": ("State", "状态"),
    "reason": ("Reason", "原因"),
    "tags": ("Tags", "标记", "标签"),
    "parent": ("Parent", "父级", "父项"),
    "activated": ("Activated Date", "激活日期"),
    "closed": ("Closed Date", "关闭日期"),
    "done_work": ("Completed Work", "已完成工作"),
    "left_work": ("Remaining Work", "剩余工作"),
    "start": ("Start Date", "开始日期"),
    "target": ("Target Date", "目标日期"),
    "iteration": ("Iteration Path", "迭代路径"),
    "area": ("Area Path", "区域路径"),
    "project": ("Team Project", "团队项目"),
}
TITLE_LEVEL = ("title ", "标题 ")

# work item type -> process (the task-level type of each process, en and zh)
_PROCESS_OF_TYPE = {
    "user story": "agile",
    "用户情景": "agile",
    "用户故事": "agile",
    "product backlog item": "scrum",
    "产品积压工作项": "scrum",
    "requirement": "cmmi",
    "要求": "cmmi",
    "需求": "cmmi",
    "issue": "basic",
    "问题": "basic",
}


def is_ado(header: list[str]) -> bool:
    """A header an Azure Boards export has: ID, Work Item Type and a title column."""
    names = {normal(cell) for cell in header}
    has_title = any(n in ("title", "标题") or n.startswith(TITLE_LEVEL) for n in names)
    return "id" in names and bool(names & {"work item type", "工作项类型"}) and has_title


def _title_columns(table: Table) -> list[int]:
    """Indices of Title 1, Title 2... in level order (or the one Title column)."""
    levels: list[tuple[int, int]] = []
    for index, text in enumerate(table.header):
        clean = normal(text)
        for prefix in TITLE_LEVEL:
            rest = clean[len(prefix) :].strip()
            if clean.startswith(prefix) and rest.isdigit():
                levels.append((int(rest), index))
    if levels:
        return [index for _, index in sorted(levels)]
    found = table.column(*NAMES["title"])
    return [found] if found is not None else []


def _tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("；", ";").split(";") if part.strip())


def parse(
    path: Path,
    table: Table,
    *,
    plausible: Callable[[date], bool],
    order: Order | None = None,
    extra_states: dict[str, Status] | None = None,
) -> TrackerFile:
    """The items of an Azure Boards CSV (problems of the whole file raised together)."""
    problems = Problems(path)
    col = {key: table.column(*names) for key, names in NAMES.items()}
    titles = _title_columns(table)
    if col["state"] is None:
        problems.add(
            1,
            _(
                "the export has no State column; add State to the query's columns "
                "(Column options) and export again"
            ),
        )
    problems.raise_any()
    activated = date_column(table, col["activated"], problems, plausible, order)
    closed = date_column(table, col["closed"], problems, plausible, order)
    starts = date_column(table, col["start"], problems, plausible, order)
    targets = date_column(table, col["target"], problems, plausible, order)
    done_work = number_column(table, col["done_work"], problems)
    left_work = number_column(table, col["left_work"], problems)
    items: list[TrackerItem] = []
    parents_by_level: dict[int, str] = {}
    unknown: dict[str, int] = {}
    ids: list[tuple[str, int]] = []
    kit_ids: list[tuple[str, int]] = []
    project = ""
    processes: set[str] = set()
    for n, (line, record) in enumerate(table.records):
        item_id = cell(record, col["id"])
        level, title = next(
            ((lvl, cell(record, idx)) for lvl, idx in enumerate(titles) if cell(record, idx)),
            (0, ""),
        )
        if not item_id:
            problems.add(
                line,
                _(
                    "no ID: this row was not exported from Azure Boards (a new item typed into "
                    "the file?); create it in Azure Boards and export the query again"
                ),
            )
            continue
        if not item_id.isdigit():
            problems.add(
                line, _("ID {value} is not a work item number").format(value=repr(item_id))
            )
            continue
        ids.append((item_id, line))
        kind = cell(record, col["type"])
        processes.add(_PROCESS_OF_TYPE.get(kind.strip().lower(), ""))
        tags = _tags(cell(record, col["tags"]))
        kit_id = kit_id_of(tags)
        if kit_id:
            kit_ids.append((kit_id, line))
        state = cell(record, col["state"])
        status = ado_status(state, cell(record, col["reason"]), extra_states)
        if state and not status:
            unknown.setdefault(state, line)
        parent = cell(record, col["parent"])
        if len(titles) > 1:
            parents_by_level[level] = item_id
            parent = parent or (parents_by_level.get(level - 1, "") if level else "")
            for deeper in [lvl for lvl in parents_by_level if lvl > level]:
                del parents_by_level[deeper]
        if not project:
            project = cell(record, col["project"]) or _root(
                cell(record, col["iteration"]) or cell(record, col["area"])
            )
        done, left = done_work[n], left_work[n]
        percent = work_percent(status, done, left)
        items.append(
            TrackerItem(
                tracker_id=item_id,
                row=line,
                title=title,
                kind=kind,
                kit_id=kit_id,
                parent=parent,
                state=state,
                status=status,  # type: ignore[arg-type]
                percent=percent,
                actual_start=activated[n] if status in ("in-progress", "done") else None,
                actual_finish=closed[n] if status == "done" else None,
                work_done=done,
                work_left=left,
                planned=(starts[n], targets[n]),
                tags=tags,
            )
        )
    for state, line in sorted(unknown.items(), key=lambda pair: pair[1]):
        problems.add(
            line,
            _(
                "state {state} is not one this import knows; map it for this run with "
                '--state "{state}=in-progress" (or not-started, done, cancelled)'
            ).format(state=state),
        )
    check_ids(
        problems,
        ids,
        kit_ids,
        _("ID"),
        (
            _("an item must be exported once; export the query again"),
            _(
                "two items carry the same ik: tag; remove it from the item that is not the kit's task"
            ),
        ),
    )
    process = next((p for p in ("agile", "scrum", "cmmi", "basic") if p in processes), "")
    return TrackerFile(path, "ado", items, process=process, project=project)


def _root(path_text: str) -> str:
    """The team project of an iteration or area path (``Fabrikam\\Sprint 1`` -> Fabrikam)."""
    return path_text.replace("/", "\\").split("\\", 1)[0].strip()

"""Jira: an issue search's "Export > CSV (all fields / current fields)" read into items.

Jira writes one header per field with a repeated header for every value of a
multi-value field (``Labels,Labels,Labels``), time tracking in seconds, and dates in
the instance's format, by default ``dd/MMM/yy h:mm a`` (``03/Apr/26 9:30 AM``; a
Chinese profile writes ``03/四月/26 9:30 上午``). See Atlassian Support, "Export issues"
(support.atlassian.com/jira-software-cloud/docs/export-issues/) and "Import data from a
CSV file" (support.atlassian.com/jira-cloud-administration/docs/import-data-from-a-csv-file/).

Columns read (English or Chinese UI): Issue key, Issue id, Summary, Issue Type, Status,
Status Category, Resolution, Resolved, Time Spent, Remaining Estimate, Labels, Parent
(the parent's issue id or key; older exports: Epic Link), Status Category Changed,
Start date, Due date, Project key. Only Issue key, Summary and Status are required.

* percent complete = Time Spent / (Time Spent + Remaining Estimate) when both are
  given; a Done-category status is 100 %;
* actual finish = Resolved (done); actual start = Status Category Changed while the
  issue is in progress (the day it entered In Progress).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.i18n import _
from generator.trackers.dates import Order
from generator.trackers.fields import Problems, cell, check_ids, date_column, number, work_percent
from generator.trackers.identity import kit_id_of
from generator.trackers.model import Status, TrackerFile, TrackerItem
from generator.trackers.states import jira_status
from generator.trackers.tabular import Table, normal

NAMES = {
    "key": ("Issue key", "问题关键字", "关键字", "工作项关键字", "Work item key"),
    "id": ("Issue id", "问题ID", "问题 ID", "工作项 ID", "Work item id"),
    "summary": ("Summary", "概要", "摘要"),
    "type": ("Issue Type", "问题类型", "工作类型", "Work type"),
    "status": ("Status", "状态"),
    "category": ("Status Category", "状态类别"),
    "resolution": ("Resolution", "解决结果", "解决方案"),
    "resolved": ("Resolved", "已解决", "解决日期"),
    "spent": ("Time Spent", "耗费时间", "已用时间"),
    "left": ("Remaining Estimate", "剩余的估算", "剩余估算"),
    "parent": ("Parent", "Parent id", "父级", "父项", "父级 ID"),
    "epic": ("Epic Link", "史诗链接"),
    "changed": ("Status Category Changed", "状态类别已更改"),
    "start": ("Start date", "Start Date", "开始日期"),
    "due": ("Due date", "Due Date", "到期日", "到期日期"),
    "project": ("Project key", "项目关键字", "项目密钥"),
}
LABELS = ("Labels", "标签")
_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(w|d|h|m|周|天|小时|分钟|分)", re.IGNORECASE)
_UNIT_HOURS = {"w": 40.0, "周": 40.0, "d": 8.0, "天": 8.0, "h": 1.0, "小时": 1.0}


def is_jira(header: list[str]) -> bool:
    """A header a Jira issue export has: an issue key and a summary column."""
    names = {normal(cell) for cell in header}
    keys = {normal(n) for n in NAMES["key"]}
    summaries = {normal(n) for n in NAMES["summary"]}
    return bool(names & keys) and bool(names & summaries)


def hours(text: str) -> float | None:
    """Jira time tracking in hours: seconds (the CSV export) or ``1w 2d 3h 30m`` (8 h days,
    5-day weeks, Jira's defaults). ValueError when neither."""
    clean = text.strip()
    if not clean:
        return None
    try:
        seconds = number(clean)
    except ValueError:
        seconds = None
    if seconds is not None:
        return seconds / 3600
    parts = _DURATION.findall(clean)
    if not parts or _DURATION.sub("", clean).strip(" ,"):
        raise ValueError(text)
    total = 0.0
    for amount, unit in parts:
        value = float(amount.replace(",", "."))
        total += value * _UNIT_HOURS.get(unit.lower(), 1 / 60)
    return total


def parse(
    path: Path,
    table: Table,
    *,
    plausible: Callable[[date], bool],
    order: Order | None = None,
    extra_states: dict[str, Status] | None = None,
) -> TrackerFile:
    """The issues of a Jira CSV export (problems of the whole file raised together)."""
    problems = Problems(path)
    col = {key: table.column(*names) for key, names in NAMES.items()}
    labels = table.columns(*LABELS)
    if col["status"] is None:
        problems.add(
            1, _("the export has no Status column; export with all fields (or add Status)")
        )
    problems.raise_any()
    resolved = date_column(table, col["resolved"], problems, plausible, order)
    changed = date_column(table, col["changed"], problems, plausible, order)
    starts = date_column(table, col["start"], problems, plausible, order)
    dues = date_column(table, col["due"], problems, plausible, order)
    key_of_id: dict[str, str] = {}
    for _line, record in table.records:
        if cell(record, col["id"]):
            key_of_id[cell(record, col["id"])] = cell(record, col["key"])
    items: list[TrackerItem] = []
    unknown: dict[str, int] = {}
    keys: list[tuple[str, int]] = []
    kit_ids: list[tuple[str, int]] = []
    project = ""
    for n, (line, record) in enumerate(table.records):
        key = cell(record, col["key"])
        if not key:
            problems.add(
                line,
                _(
                    "no issue key: this row was not exported from Jira (a new issue typed into "
                    "the file?); create it in Jira and export again"
                ),
            )
            continue
        if not _KEY.match(key):
            problems.add(line, _("{value} is not a Jira issue key").format(value=repr(key)))
            continue
        keys.append((key, line))
        project = project or cell(record, col["project"]) or key.rsplit("-", 1)[0]
        tags = tuple(cell(record, i) for i in labels if cell(record, i))
        kit_id = kit_id_of(tags)
        if kit_id:
            kit_ids.append((kit_id, line))
        state = cell(record, col["status"])
        status = jira_status(
            state, cell(record, col["category"]), cell(record, col["resolution"]), extra_states
        )
        if state and not status:
            unknown.setdefault(state, line)
        spent = _hours_cell(table, record, col["spent"], line, problems)
        left = _hours_cell(table, record, col["left"], line, problems)
        parent = cell(record, col["parent"]) or cell(record, col["epic"])
        parent = key_of_id.get(parent, parent)
        percent = work_percent(status, spent, left)
        items.append(
            TrackerItem(
                tracker_id=key,
                row=line,
                title=cell(record, col["summary"]),
                kind=cell(record, col["type"]),
                kit_id=kit_id,
                alt_id=cell(record, col["id"]),
                parent=parent,
                state=state,
                status=status,  # type: ignore[arg-type]
                percent=percent,
                actual_start=changed[n] if status == "in-progress" else None,
                actual_finish=resolved[n] if status == "done" else None,
                work_done=spent,
                work_left=left,
                planned=(starts[n], dues[n]),
                tags=tags,
            )
        )
    for state, line in sorted(unknown.items(), key=lambda pair: pair[1]):
        problems.add(
            line,
            _(
                "status {state} has no status category in the file and is not a status of "
                "Jira's default workflows; export with all fields (Status Category), or map "
                'it for this run with --state "{state}=in-progress" (or not-started, done, '
                "cancelled)"
            ).format(state=state),
        )
    check_ids(
        problems,
        keys,
        kit_ids,
        _("issue key"),
        (
            _("an issue must be exported once; export again"),
            _(
                "two issues carry the same ik: label; remove it from the issue that is not "
                "the kit's task"
            ),
        ),
    )
    return TrackerFile(path, "jira", items, project=project)


def _hours_cell(
    table: Table, record: list[str], index: int | None, line: int, problems: Problems
) -> float | None:
    text = cell(record, index)
    try:
        return hours(text)
    except ValueError:
        problems.add(
            line,
            _("column {column}: {value} is not a time Jira writes (seconds, or like 1d 4h)").format(
                column=repr(table.header[index or 0]), value=repr(text)
            ),
        )
        return None

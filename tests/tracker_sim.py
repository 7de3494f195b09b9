"""Azure Boards and Jira as their CSV import and export behave, for round-trip tests.

Neither service runs here, so each is modelled on its documented behaviour, and every
rule the kit depends on fails loudly when broken:

* Azure Boards (Microsoft Learn, "Import, update, and export bulk work items with CSV
  files", learn.microsoft.com/azure/devops/boards/queries/import-work-items-from-csv):
  a row without an ID creates a work item, in its process's first state only ("All work
  items you import are created in a new state": another State is refused); a row with
  an ID updates that work item (an unknown ID is refused, TF401232); ``Title 1``,
  ``Title 2``... make the parent-child tree; at most 1,000 work items per file. A query
  export writes the chosen columns, every value quoted, dates in the user's format.
* Jira (Atlassian Support, "Import data from a CSV file" and "Export issues"): the
  external-system CSV import creates an issue per row, or updates the issue whose key is
  in the ``Issue key`` column; ``Parent`` names another row's ``Issue Id``; labels come
  from every ``Labels`` column. An export writes repeated ``Labels`` headers, time in
  seconds and ``dd/MMM/yy h:mm a`` dates.
* MS Project: MPXJ (the library MS Project importers are built on) reads the MSPDI file,
  the test changes it as a planner would, and MPXJ's MSPDI writer saves it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

FIRST_STATE = {"agile": "New", "scrum": "New", "cmmi": "Proposed", "basic": "To Do"}
ACTIVE = {"agile": "Active", "scrum": "Committed", "cmmi": "Active", "basic": "Doing"}
DONE = {"agile": "Closed", "scrum": "Done", "cmmi": "Closed", "basic": "Done"}


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return header, rows


def _quoted(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class WorkItem:
    id: int
    type: str
    title: str
    parent: int | None
    state: str
    tags: list[str] = field(default_factory=list)
    activated: datetime | None = None
    closed: datetime | None = None
    completed: float | None = None
    remaining: float | None = None


class AzureBoards:
    """One Azure Boards team project (see the module docstring)."""

    def __init__(self, process: str = "agile", name: str = "Fabrikam") -> None:
        self.process = process
        self.name = name
        self.items: dict[int, WorkItem] = {}
        self.next_id = 1001

    def import_csv(self, data: bytes) -> dict[str, int]:
        """Import one file as the web portal does; returns counts created/updated."""
        header, rows = _rows(data)
        assert len(rows) <= 1000, "Azure Boards imports at most 1,000 work items a file"
        titles = [i for i, h in enumerate(header) if h.startswith("Title ")]
        col = {h: i for i, h in enumerate(header)}
        stack: dict[int, int] = {}
        counts = {"created": 0, "updated": 0}
        for row in rows:
            level = next(n for n, i in enumerate(titles) if row[i])
            title = row[titles[level]]
            tags = [t.strip() for t in row[col["Tags"]].split(";") if t.strip()]
            state = row[col["State"]] if "State" in col else ""
            if row[col["ID"]]:
                item_id = int(row[col["ID"]])
                if item_id not in self.items:
                    raise ValueError(f"TF401232: Work item {item_id} does not exist")
                item = self.items[item_id]
                item.title, item.tags = title, tags
                if state:
                    self.move(item_id, state, None)
                counts["updated"] += 1
            else:
                if state and state != FIRST_STATE[self.process]:
                    raise ValueError(
                        f"new work items are created in {FIRST_STATE[self.process]!r}; "
                        f"State {state!r} cannot be imported"
                    )
                item_id = self.next_id
                self.next_id += 1
                parent = stack.get(level - 1) if level else None
                self.items[item_id] = WorkItem(
                    item_id, row[col["Work Item Type"]], title, parent,
                    FIRST_STATE[self.process], tags,
                )  # fmt: skip
                counts["created"] += 1
            stack[level] = item_id
        return counts

    def by_tag(self, tag: str) -> WorkItem:
        (found,) = [i for i in self.items.values() if tag in i.tags]
        return found

    def move(self, item_id: int, state: str, when: datetime | None) -> None:
        """A state change as the service records it (Activated/Closed Date set and cleared)."""
        item = self.items[item_id]
        if state == item.state:
            return
        item.state = state
        if state == ACTIVE[self.process] and item.activated is None:
            item.activated = when
        if state == DONE[self.process]:
            item.closed = when
            item.activated = item.activated or when
        elif item.closed is not None:
            item.closed = None

    def add(self, kind: str, title: str, parent: int, tags: list[str] | None = None) -> int:
        item_id = self.next_id
        self.next_id += 1
        self.items[item_id] = WorkItem(
            item_id, kind, title, parent, FIRST_STATE[self.process], tags or []
        )
        return item_id

    def export_csv(self, *, tree: bool = True) -> bytes:
        """A query's Export to CSV: a tree query (Title 1..3) or a flat one with Parent;
        dates as an en-US profile shows them (``3/2/2026 5:00:00 PM``)."""

        def depth(item: WorkItem) -> int:
            n = 0
            while item.parent is not None:
                item = self.items[item.parent]
                n += 1
            return n

        def when(value: datetime | None) -> str:
            if value is None:
                return ""
            hour = value.hour % 12 or 12
            noon = "PM" if value.hour >= 12 else "AM"
            return f"{value.month}/{value.day}/{value.year} {hour}:{value:%M:%S} {noon}"

        def number(value: float | None) -> str:
            return "" if value is None else f"{value:g}"

        order: list[WorkItem] = []

        def walk(parent: int | None) -> None:
            for item in sorted(self.items.values(), key=lambda i: i.id):
                if item.parent == parent:
                    order.append(item)
                    walk(item.id)

        walk(None)
        tail = ["State", "Tags", "Activated Date", "Closed Date", "Completed Work",
                "Remaining Work", "Iteration Path"]  # fmt: skip
        rows: list[list[Any]] = []
        if tree:
            header = ["ID", "Work Item Type", "Title 1", "Title 2", "Title 3", *tail]
            for item in order:
                titles = ["", "", ""]
                titles[depth(item)] = item.title
                rows.append([item.id, item.type, *titles, *self._tail(item, when, number)])
        else:
            header = ["ID", "Work Item Type", "Title", "Parent", *tail]
            for item in order:
                rows.append(
                    [item.id, item.type, item.title, item.parent or "",
                     *self._tail(item, when, number)]
                )  # fmt: skip
        return _quoted(header, rows)

    def _tail(self, item: WorkItem, when: Any, number: Any) -> list[Any]:
        return [
            item.state,
            "; ".join(item.tags),
            when(item.activated),
            when(item.closed),
            number(item.completed),
            number(item.remaining),
            f"{self.name}\\Sprint 1",
        ]


@dataclass
class Issue:
    key: str
    id: int
    type: str
    summary: str
    parent: str  # parent key
    status: str
    labels: list[str]
    created: datetime
    resolved: datetime | None = None
    resolution: str = ""
    spent: int | None = None  # seconds
    remaining: int | None = None
    category_changed: datetime | None = None


JIRA_CATEGORY = {"To Do": "To Do", "In Progress": "In Progress", "In Review": "In Progress",
                 "Done": "Done"}  # fmt: skip


class JiraProject:
    """One Jira project (see the module docstring)."""

    def __init__(self, key: str = "ERP") -> None:
        self.key = key
        self.issues: dict[str, Issue] = {}
        self.next = 1

    def import_csv(self, data: bytes, now: datetime) -> dict[str, int]:
        header, rows = _rows(data)
        col = {h: i for i, h in enumerate(header)}
        labels = [i for i, h in enumerate(header) if h == "Labels"]
        local: dict[str, str] = {}  # Issue Id in the file -> key
        counts = {"created": 0, "updated": 0}
        for row in rows:
            found = [row[i] for i in labels if row[i]]
            key = row[col["Issue key"]] if "Issue key" in col else ""
            parent = local.get(row[col["Parent"]], "") if row[col["Parent"]] else ""
            if key:
                if key not in self.issues:
                    raise ValueError(f"issue {key} does not exist")
                issue = self.issues[key]
                issue.summary, issue.labels = row[col["Summary"]], found
                counts["updated"] += 1
            else:
                key = f"{self.key}-{self.next}"
                self.issues[key] = Issue(
                    key, 10000 + self.next, row[col["Issue Type"]], row[col["Summary"]],
                    parent, "To Do", found, now,
                )  # fmt: skip
                self.next += 1
                counts["created"] += 1
            local[row[col["Issue Id"]]] = key
        return counts

    def by_label(self, label: str) -> Issue:
        (found,) = [i for i in self.issues.values() if label in i.labels]
        return found

    def transition(self, key: str, status: str, when: datetime, resolution: str = "") -> None:
        issue = self.issues[key]
        if JIRA_CATEGORY.get(status) != JIRA_CATEGORY.get(issue.status):
            issue.category_changed = when
        issue.status = status
        if JIRA_CATEGORY.get(status) == "Done":
            issue.resolved, issue.resolution = when, resolution or "Done"
        else:
            issue.resolved, issue.resolution = None, ""

    def export_csv(self) -> bytes:
        def when(value: datetime | None) -> str:
            return value.strftime("%d/%b/%y %I:%M %p") if value else ""

        width = max([len(i.labels) for i in self.issues.values()] + [1])
        header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key",
                  "Resolution", "Created", "Resolved", *["Labels"] * width,
                  "Remaining Estimate", "Time Spent", "Parent", "Status Category",
                  "Status Category Changed"]  # fmt: skip
        rows = []
        for issue in self.issues.values():
            parent = self.issues[issue.parent].id if issue.parent else ""
            labels = issue.labels + [""] * (width - len(issue.labels))
            rows.append(
                [issue.summary, issue.key, issue.id, issue.type, issue.status, self.key,
                 issue.resolution, when(issue.created), when(issue.resolved), *labels,
                 "" if issue.remaining is None else issue.remaining,
                 "" if issue.spent is None else issue.spent, parent,
                 JIRA_CATEGORY.get(issue.status, "To Do"), when(issue.category_changed)]
            )  # fmt: skip
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
        return out.getvalue().encode("utf-8")


def msproject_edit(source: Path, target: Path, edit: Any) -> None:
    """Read ``source`` with MPXJ, let ``edit(project, by_kit_id)`` change it, write MSPDI."""
    from tests.mpxj_reader import _require

    jpype = _require()
    from org.mpxj.mspdi import MSPDIWriter  # type: ignore[import-not-found]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    project = UniversalProjectReader().read(str(source))
    by_kit = {str(t.getText(1)): t for t in project.getTasks() if t.getText(1) is not None}
    edit(project, by_kit, jpype)
    project.getTasks().synchronizeTaskIDToHierarchy()
    MSPDIWriter().write(project, str(target))


def java_day(jpype: Any, day: date, hour: int = 8) -> Any:
    return jpype.JClass("java.time.LocalDateTime").of(day.year, day.month, day.day, hour, 0)


def msproject_add(project: Any, parent: Any, name: str, days: int, start: date, jpype: Any) -> Any:
    """A task added under ``parent`` as a planner adds one (MS Project gives it the next
    unique ID; MPXJ leaves that to the caller)."""
    Duration = jpype.JClass("org.mpxj.Duration")
    TimeUnit = jpype.JClass("org.mpxj.TimeUnit")
    uid = max(int(t.getUniqueID()) for t in project.getTasks() if t.getUniqueID() is not None)
    task = parent.addTask()
    task.setUniqueID(jpype.java.lang.Integer(uid + 1))
    task.setName(name)
    task.setDuration(Duration.getInstance(days, TimeUnit.DAYS))
    task.setStart(java_day(jpype, start))
    return task

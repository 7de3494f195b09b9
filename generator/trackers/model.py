"""What a tracker export says about one item, whatever the tool: :class:`TrackerItem`.

Every parser (:mod:`.ado`, :mod:`.jira`, :mod:`.msproject`) returns a
:class:`TrackerFile` whose items carry the same fields, so matching, mapping and the
change list never look at the format again.

Units: ``work_done`` and ``work_left`` are hours (Azure Boards' Completed/Remaining
Work, Jira's Time Spent/Remaining Estimate converted from seconds, MS Project's
ActualWork/RemainingWork); ``percent`` is 0..1; dates are calendar days in the
tracker's (the exporting user's) time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

Format = Literal["ado", "jira", "mspdi", "mpp", "timesheet", "lms"]
FORMATS: tuple[Format, ...] = ("ado", "jira", "mspdi", "mpp", "timesheet", "lms")

# the kit's statuses an item can map to (the Plan sheet's status keys)
Status = Literal["not-started", "in-progress", "done", "cancelled"]


@dataclass(frozen=True)
class TrackerItem:
    """One work item / issue / task of a tracker export.

    ``tracker_id``: the tool's own id (Azure Boards ID, Jira issue key, MS Project UID);
    ``alt_id``: a second id the tool keeps (Jira issue id, MS Project GUID);
    ``kit_id``: the kit's task or phase id the export wrote into it (an ``ik:`` tag or
    label, the "Plan id" task field of MS Project), "" when the item has none;
    ``parent``: the parent's ``tracker_id`` ("" for none or unknown); ``row``: the
    1-based line of the item in the file (the CSV record's first line, the XML
    ``<Task>`` line); ``state``: the state as written; ``status``: the kit status it
    maps to ("" when the state is not known: reported, never guessed).
    ``planned``: (start, finish) the tool plans the item for, when it has them.
    """

    tracker_id: str
    row: int
    title: str
    kind: str = ""
    kit_id: str = ""
    alt_id: str = ""
    parent: str = ""
    state: str = ""
    status: Status | Literal[""] = ""
    percent: float | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    work_done: float | None = None  # hours
    work_left: float | None = None  # hours
    planned: tuple[date | None, date | None] = (None, None)
    days: float | None = None  # planned duration in working days, when the tool has one
    summary: bool = False  # a summary/parent-only row (MS Project summary task)
    tags: tuple[str, ...] = ()


@dataclass
class TrackerFile:
    """One parsed export: its path, format, process and items in file order.

    ``process``: the Azure Boards process the work item types and states belong to
    (agile, scrum, cmmi, basic; "" for other tools); ``project``: the tracker's
    project as the file names it (Azure Boards team project or iteration root, Jira
    project key, MS Project title), "" when the file does not say.
    """

    path: Path
    format: Format
    items: list[TrackerItem] = field(default_factory=list)
    process: str = ""
    project: str = ""

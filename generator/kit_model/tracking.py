"""What the team recorded: progress, baselines, event stamps, the calendar's history,
the tracker ids and the entries of every sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property


@dataclass(frozen=True)
class TaskProgress:
    """What the consultant filled in on the plan sheet, carried into a rebuilt plan by task id."""

    task_id: str
    status: str = ""
    percent_complete: float | None = None  # 0..1
    actual_start: date | None = None
    actual_finish: date | None = None
    notes: str = ""
    name: str = ""  # the task's name in the previous plan (for removed tasks)


@dataclass(frozen=True)
class BaselineTask:
    """One task (or milestone) as saved in a baseline.

    ``duration`` in working days, ``effort`` in person-days, ``cost`` in
    ``ProjectInfo.currency`` (effort x day rate).
    """

    task_id: str
    start: date
    finish: date
    duration: int
    effort: float
    cost: float
    milestone: bool = False


@dataclass(frozen=True)
class BaselineView:
    """The current baseline of a tracked kit (``.implkit/baselines/``), read by renderers."""

    name: str
    taken: date
    tasks: tuple[BaselineTask, ...] = ()

    def task(self, task_id: str) -> BaselineTask | None:
        """The baselined task, or None when the task was added after the baseline (O(1))."""
        return self._by_id.get(task_id)

    @cached_property
    def _by_id(self) -> dict[str, BaselineTask]:
        return {entry.task_id: entry for entry in self.tasks}


@dataclass(frozen=True)
class EventStamp:
    """One calendar event as the previous build wrote it (``.implkit/calendar-history.json``)."""

    uid: str
    fingerprint: str  # sha256 hex of the event's content lines (dates, rules, texts)
    sequence: int  # the SEQUENCE written
    dtstamp: str  # the DTSTAMP written, UTC "YYYYMMDDTHHMMSSZ"


@dataclass(frozen=True)
class CalendarHistory:
    """What the iCalendar export needs from earlier builds.

    An event whose content differs from its stamp gets ``sequence + 1`` and ``now`` as
    DTSTAMP; an unchanged one keeps both, so an unchanged rebuild gives the same bytes.
    Read and written by the CLI (``generator.render.ics_history``), empty for a new kit.
    """

    events: tuple[EventStamp, ...] = ()
    now: str = ""  # UTC "YYYYMMDDTHHMMSSZ" of this build; "" = the project's start day


DELETED = "deleted"  # TrackerLink.state of a task the planner deleted in MS Project


@dataclass(frozen=True)
class TrackerLink:
    """A kit task (or phase) as a tracker knows it, learnt by ``implkit import``.

    ``tool``: "ado", "jira" or "mspdi"; ``tracker_id``: Azure Boards ID, Jira issue key,
    MS Project UID; ``alt_id``: Jira issue id, MS Project GUID ("" when not known);
    ``state``: the item's state as the tracker wrote it at the last import ("Resolved",
    "In Review"; "" when not known) and ``status``: the kit status it mapped to
    ("in-progress"...): while the kit's status still maps to the same, the exports write
    the tracker's own ``state`` back instead of a coarser one that would move it back.
    Kept in ``.implkit/trackers.json`` (:mod:`generator.trackers.idmap`); the exports
    write them so a re-import into the tracker updates the items instead of adding them.

    A task the planner deleted in MS Project has ``state`` :data:`DELETED` and ``status``
    "cancelled" (MS Project's "state" for it is its absence, which the kit maps to
    Cancelled): while the kit keeps it Cancelled the MSPDI export leaves it out; once the
    team reactivates it, the export writes it again under ``tracker_id``, its old UID
    ("" when MS Project has since given that UID to another task: then a new one).
    """

    tool: str
    kit_id: str
    tracker_id: str
    alt_id: str = ""
    state: str = ""
    status: str = ""

    @property
    def deleted(self) -> bool:
        """The item was deleted in the tracker (MS Project) after the kit exported it."""
        return self.state == DELETED


@dataclass(frozen=True)
class TrackerIds:
    """Everything ``implkit import`` learnt about the trackers (``.implkit/trackers.json``).

    ``links``: kit task/phase -> tracker item, per tool; ``meta``: (tool, key, value)
    facts per tool: ``project`` (the tracker project), ``process`` (Azure Boards),
    ``max_uid`` (the highest MS Project UID seen).
    """

    links: tuple[TrackerLink, ...] = ()
    meta: tuple[tuple[str, str, str], ...] = ()

    def of(self, tool: str) -> dict[str, TrackerLink]:
        """Kit id -> the tool's link for it."""
        return {link.kit_id: link for link in self.links if link.tool == tool}

    def fact(self, tool: str, key: str) -> str:
        """One meta value ("" when unknown)."""
        return next((v for t, k, v in self.meta if t == tool and k == key), "")


CellValue = str | int | float | bool | date | None


@dataclass(frozen=True)
class SheetEntries:
    """The consultant's cells of one declared workbook sheet, carried by ``implkit build``.

    ``sheet`` is the declared sheet key (``"plan.risks"``, ``"migration.fields:mfg.routing"``...).
    ``rows`` maps a row key (the sheet's key column: task id, risk id, CR id...) to the
    consultant columns' values by column key; list values are stored as the list's
    canonical key (never a language's label) so a kit can switch between en and zh.
    ``added`` holds rows the consultant typed in that have no generated counterpart
    (new risks, change requests, sessions...), each as column key -> value, generated
    columns included, in the order they stood in the sheet.
    """

    sheet: str
    rows: tuple[tuple[str, tuple[tuple[str, CellValue], ...]], ...] = ()
    added: tuple[tuple[tuple[str, CellValue], ...], ...] = ()

    def row(self, key: str) -> dict[str, CellValue]:
        """Consultant values of one row (empty dict when the row has none)."""
        for row_key, values in self.rows:
            if row_key == key:
                return dict(values)
        return {}

"""MS Project XML (MSPDI) export: ``render_mspdi(kit, path)``.

What MS Project, ProjectLibre and every MPXJ-based importer read:

* project properties (name, title, company, author, start/finish, currency);
* one base calendar that is the project's working calendar: the weekend as
  non-working week days, each holiday as a non-working exception and each
  make-up workday as a working exception (08:00-12:00, 13:00-17:00);
* phases as summary tasks (outline level 1), tasks and gates below them
  (outline level 2) with WBS and outline numbers, durations (``PT40H0M0S``:
  8 hours a working day), start/finish, milestone flags, total slack;
* predecessor links with their type (1 = finish-to-start, 3 = start-to-start)
  and lag in tenths of minutes;
* every task a planning rule MS Project cannot know holds on a date (a blackout
  window or the go-live rule pushed it, the requirements freeze, the status date,
  its planned start in a forecast: ``Task.constraint``) carries a "start no earlier
  than" constraint at that date, so a reschedule in MS Project keeps it there; the
  development-start task always does when the kit has a freeze;
* roles as work resources (standard rate = day rate / 8 per hour, group in the
  kit's language, names without list separators or square brackets, maximum
  units sized to the role's peak load) and assignments carrying each task's
  effort per role as units = person-days / working days;
* the currency's ISO code and its symbol (``¥`` for CNY);
* identity that survives the round trip: every task and phase carries a GUID and the
  kit id in the text field Text1 aliased "Plan id" / 计划编号 (defined under
  ``ExtendedAttributes``); tasks ``implkit import`` has linked to an MS Project file keep
  that file's UID and GUID, and tasks the kit adds get UIDs above the highest the file
  had (:mod:`generator.trackers.identity`), so "merge into the active project" by UID
  updates instead of duplicating;
* a task the planner deleted in MS Project (an import marked its link deleted,
  :mod:`generator.trackers.deleted`) is left out while the kit keeps it Cancelled, so the
  merge never adds it back (its links and assignments go with it; every other task and
  assignment keeps its UID); reactivated in the kit, it is written again under its old
  UID, or under a new one when MS Project has since given that UID to another task.
  :func:`left_out` names the tasks left out.

Elements follow the order of Microsoft's MSPDI schema (checked in the tests
against tests/schemas/mspdi-subset.xsd). The file is deterministic: element
order is fixed, dates come from the Kit.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection
from datetime import date, time
from pathlib import Path

from generator.calendar import workdays_between
from generator.i18n import translator
from generator.kit_model import Kit, Task
from generator.kit_model.tracking import DELETED
from generator.render.mspdi_resources import _resources_and_assignments, currency_symbol
from generator.render.mspdi_resources import peak_units as peak_units
from generator.render.mspdi_resources import resource_name as resource_name
from generator.render.mspdi_xml import (
    CALENDAR_UID,
    DAY_FINISH,
    DAY_START,
    HOURS_PER_DAY,
    LINK_TYPES,
    TENTHS_OF_MINUTES_PER_DAY,
    WORKING_TIMES,
    _bool,
    _dt,
    _hours,
    _sub,
    _task_times,
)
from generator.render.mspdi_xml import NS as NS
from generator.trackers.identity import MSPDI_ALIAS, MSPDI_FIELD_ID, MSPDI_FIELD_NAME, task_guid
from generator.tracking.exports import TaskProgressOut, kept_state, task_progress


def _working_times(parent: ET.Element) -> None:
    times = ET.SubElement(parent, "WorkingTimes")
    for start, finish in WORKING_TIMES:
        slot = ET.SubElement(times, "WorkingTime")
        _sub(slot, "FromTime", start)
        _sub(slot, "ToTime", finish)


def _calendar(kit: Kit, parent: ET.Element) -> None:
    calendars = ET.SubElement(parent, "Calendars")
    cal = ET.SubElement(calendars, "Calendar")
    _sub(cal, "UID", CALENDAR_UID)
    calendar_name = translator(kit.lang)("{name} working calendar")
    _sub(cal, "Name", calendar_name.format(name=kit.project.name))
    _sub(cal, "IsBaseCalendar", "1")
    _sub(cal, "BaseCalendarUID", "-1")
    week = ET.SubElement(cal, "WeekDays")
    for day_type in range(1, 8):  # MSPDI: 1 = Sunday ... 7 = Saturday
        python_weekday = (day_type + 5) % 7  # Monday = 0
        working = python_weekday not in kit.calendar.weekend
        week_day = ET.SubElement(week, "WeekDay")
        _sub(week_day, "DayType", day_type)
        _sub(week_day, "DayWorking", _bool(working))
        if working:
            _working_times(week_day)
    exceptions = ET.SubElement(cal, "Exceptions")
    days = [(d, False) for d in kit.calendar.holidays] + [(d, True) for d in kit.calendar.workdays]
    for entry, working in sorted(days, key=lambda pair: pair[0].day):
        exc = ET.SubElement(exceptions, "Exception")
        _sub(exc, "EnteredByOccurrences", "0")
        period = ET.SubElement(exc, "TimePeriod")
        _sub(period, "FromDate", _dt(entry.day, time(0, 0)))
        _sub(period, "ToDate", _dt(entry.day, time(23, 59)))
        _sub(exc, "Occurrences", "1")
        _sub(exc, "Name", entry.name)
        _sub(exc, "Type", "1")  # daily
        _sub(exc, "DayWorking", _bool(working))
        if working:
            _working_times(exc)


def _task_element(
    tasks_el: ET.Element,
    *,
    uid: int,
    guid: str,
    kit_id: str,
    task_id: int,
    name: str,
    wbs: str,
    level: int,
    start: str,
    finish: str,
    duration_days: int,
    milestone: bool,
    summary: bool,
    critical: bool,
    slack_days: int,
    created: str,
    constraint_date: str | None = None,
    notes: str = "",
    links: list[tuple[int, str, int]] | None = None,
    progress: TaskProgressOut | None = None,
    baseline_of: tuple[date, date, int, float] | None = None,
) -> None:
    task = ET.SubElement(tasks_el, "Task")
    _sub(task, "UID", uid)
    _sub(task, "GUID", guid)
    _sub(task, "ID", task_id)
    _sub(task, "Name", name)
    if progress is not None and progress.state == "cancelled":
        # MS Project's own word for work dropped from scope: an inactive task keeps its
        # row (and UID) but takes no time and holds no successor, as the kit schedules it
        _sub(task, "Active", "0")
    _sub(task, "Type", "1")  # fixed duration
    _sub(task, "IsNull", "0")
    _sub(task, "CreateDate", created)
    _sub(task, "WBS", wbs)
    _sub(task, "OutlineNumber", wbs)
    _sub(task, "OutlineLevel", level)
    _sub(task, "Priority", "500")
    _sub(task, "Start", start)
    _sub(task, "Finish", finish)
    _sub(task, "Duration", _hours(duration_days * HOURS_PER_DAY))
    _sub(task, "DurationFormat", "7")  # days
    _sub(task, "Milestone", _bool(milestone))
    _sub(task, "Summary", _bool(summary))
    _sub(task, "Critical", _bool(critical))
    _sub(task, "TotalSlack", slack_days * TENTHS_OF_MINUTES_PER_DAY)
    _sub(task, "PercentComplete", progress.percent if progress else 0)
    if progress is not None:  # actuals in schema order
        if progress.actual_start:
            _sub(task, "ActualStart", _dt(progress.actual_start, DAY_START))
        if progress.actual_finish:
            _sub(task, "ActualFinish", _dt(progress.actual_finish, DAY_FINISH))
        if progress.actual_start and not milestone:
            _sub(task, "RemainingDuration", _hours(progress.remaining_days * HOURS_PER_DAY))
    if constraint_date:
        _sub(task, "ConstraintType", "4")  # start no earlier than
        _sub(task, "ConstraintDate", constraint_date)
    else:
        _sub(task, "ConstraintType", "0")  # as soon as possible
    if notes:
        _sub(task, "Notes", notes)
    for pred_uid, link_type, lag in links or []:
        link = ET.SubElement(task, "PredecessorLink")
        _sub(link, "PredecessorUID", pred_uid)
        _sub(link, "Type", LINK_TYPES[link_type])
        _sub(link, "CrossProject", "0")
        _sub(link, "LinkLag", lag * TENTHS_OF_MINUTES_PER_DAY)
        _sub(link, "LagFormat", "7")
    attribute = ET.SubElement(task, "ExtendedAttribute")  # the kit id: identity on re-import
    _sub(attribute, "FieldID", MSPDI_FIELD_ID)
    _sub(attribute, "Value", kit_id)
    if baseline_of is not None:  # baseline 0: dates, the working days between, the work
        base_start, base_finish, base_days, base_effort = baseline_of
        baseline = ET.SubElement(task, "Baseline")
        _sub(baseline, "Number", 0)
        at = (base_finish, DAY_FINISH) if milestone else (base_start, DAY_START)
        _sub(baseline, "Start", _dt(*at))
        _sub(baseline, "Finish", _dt(base_finish, DAY_FINISH))
        _sub(baseline, "Duration", _hours(base_days * HOURS_PER_DAY))
        _sub(baseline, "DurationFormat", "7")
        if base_effort:
            _sub(baseline, "Work", _hours(base_effort * HOURS_PER_DAY))


def _baseline_of(
    kit: Kit, task: Task, progress: TaskProgressOut | None, effort: dict[str, float]
) -> tuple[date, date, int, float] | None:
    """A task's baseline 0: start, finish, the working days from start to finish on the
    kit's calendar (so duration and dates agree, whatever an older baseline file says)
    and the work in person-days."""
    if progress is None or progress.baseline is None:
        return None
    start, finish, _ = progress.baseline
    days = 0 if task.milestone else workdays_between(kit, start, finish)
    return start, finish, max(days, 0), effort.get(task.id, 0.0)


def left_out(kit: Kit, tracked: dict[str, TaskProgressOut] | None = None) -> list[str]:
    """Ids of the tasks the export leaves out, in plan order: deleted in MS Project (their
    link marked deleted by an import) while the kit keeps them Cancelled; the state MS
    Project has them in, its absence, is kept as an Azure Boards "Resolved" is
    (:func:`~generator.tracking.exports.kept_state`). ``tracked``: the kit's
    :func:`~generator.tracking.exports.task_progress` when already computed."""
    deleted = {k: link for k, link in kit.trackers.of("mspdi").items() if link.deleted}
    if not deleted:
        return []
    states = tracked if tracked is not None else task_progress(kit)
    return [
        task.id
        for task in kit.tasks
        if task.id in deleted
        and task.id in states
        and kept_state(deleted[task.id], states[task.id].state, "") == DELETED
    ]


def task_uids(kit: Kit, omit: Collection[str] = ()) -> tuple[dict[str, int], dict[str, str]]:
    """UID and GUID per phase (``"phase:<id>"``) and task id, the tasks ``omit`` (left
    out of the export) excepted.

    Without links (a kit never imported from MS Project) the UIDs are 1, 2, 3... in WBS
    order and the GUIDs derived from the project uid and the id. A linked task keeps the
    UID and GUID of the MS Project file it was imported from (a task deleted there and
    reactivated in the kit yields it to a task MS Project still has); the others get the
    next UIDs above the highest that file had or any link holds, so a new task never
    takes the UID of a task left out.
    """
    from generator.render.ics import project_uid

    linked = kit.trackers.of("mspdi")
    uids: dict[str, int] = {}
    guids: dict[str, str] = {}
    order = [
        entry
        for phase in kit.phases
        for entry in [(f"phase:{phase.id}", phase.id), *((t, t) for t in phase.task_ids)]
        if entry[0] not in omit
    ]
    taken: set[int] = set()
    for key, item_id in sorted(order, key=lambda e: e[1] in linked and linked[e[1]].deleted):
        link = linked.get(item_id)
        if link is not None and link.tracker_id.isdigit() and int(link.tracker_id) not in taken:
            uids[key] = int(link.tracker_id)
            taken.add(uids[key])
            guids[key] = link.alt_id or task_guid(project_uid(kit), item_id)
    held = [int(k.tracker_id) for k in linked.values() if k.tracker_id.isdigit()]
    floor = max([*held, int(kit.trackers.fact("mspdi", "max_uid") or 0)], default=0)
    next_uid = floor + 1 if linked else 1
    for key, item_id in order:
        if key not in uids:
            uids[key] = next_uid
            link = linked.get(item_id)
            # a deleted task whose UID went to another task keeps its GUID (unique anyway)
            kept_guid = link.alt_id if link is not None and link.deleted else ""
            guids[key] = kept_guid or task_guid(project_uid(kit), item_id)
            next_uid += 1
    return uids, guids


def mspdi_tree(kit: Kit) -> ET.ElementTree:
    """Build the MSPDI document for ``kit``."""
    project = ET.Element("Project", {"xmlns": NS})
    p = kit.project
    created = _dt(p.start, DAY_START)
    _sub(project, "SaveVersion", "14")
    _sub(project, "Name", f"{p.slug}.xml")
    _sub(project, "Title", p.name)
    _sub(project, "Subject", kit.pack.name)
    _sub(project, "Company", p.client)
    if p.author:  # the consultant; never the tool's name
        _sub(project, "Author", p.author)
    _sub(project, "CreationDate", created)
    _sub(project, "LastSaved", created)
    _sub(project, "ScheduleFromStart", "1")
    _sub(project, "StartDate", created)
    _sub(project, "FinishDate", _dt(p.finish, DAY_FINISH))
    # schema order: the currency comes before the calendar and the working-time settings
    _sub(project, "CurrencyDigits", "2")
    _sub(project, "CurrencySymbol", currency_symbol(p.currency, kit.lang))
    _sub(project, "CurrencyCode", p.currency[:3])
    _sub(project, "CurrencySymbolPosition", "0")  # before the amount
    _sub(project, "CalendarUID", CALENDAR_UID)
    _sub(project, "DefaultStartTime", "08:00:00")
    _sub(project, "DefaultFinishTime", "17:00:00")
    _sub(project, "MinutesPerDay", HOURS_PER_DAY * 60)
    _sub(project, "MinutesPerWeek", HOURS_PER_DAY * 60 * (7 - len(kit.calendar.weekend)))
    _sub(project, "DaysPerMonth", "20")
    if kit.as_of is not None:  # the status date the progress is reported at
        _sub(project, "StatusDate", _dt(kit.as_of, DAY_FINISH))
    attributes = ET.SubElement(ET.SubElement(project, "ExtendedAttributes"), "ExtendedAttribute")
    _sub(attributes, "FieldID", MSPDI_FIELD_ID)
    _sub(attributes, "FieldName", MSPDI_FIELD_NAME)
    _sub(attributes, "Alias", translator(kit.lang)(MSPDI_ALIAS))

    _calendar(kit, project)

    tracked = task_progress(kit) if kit.progress or kit.baseline else {}
    omitted = set(left_out(kit, tracked))
    uids, guids = task_uids(kit, omitted)

    snet_task = kit.freeze.development_task if kit.freeze else None
    tasks_el = ET.SubElement(project, "Tasks")
    base_effort = {b.task_id: b.effort for b in kit.baseline.tasks} if kit.baseline else {}
    by_id = {task.id: task for task in kit.tasks}  # Kit.task() scans: O(n) per look-up
    row_id = 1
    for phase in kit.phases:
        phase_tasks = [by_id[tid] for tid in phase.task_ids if tid not in omitted]
        _task_element(
            tasks_el,
            uid=uids[f"phase:{phase.id}"],
            guid=guids[f"phase:{phase.id}"],
            kit_id=phase.id,
            task_id=row_id,
            name=phase.name,
            wbs=str(phase.number),
            level=1,
            start=_dt(phase.start, DAY_START),
            finish=_dt(phase.finish, DAY_FINISH),
            duration_days=workdays_between(kit, phase.start, phase.finish),
            milestone=False,
            summary=True,
            critical=any(t.critical for t in phase_tasks),
            slack_days=min((t.total_float for t in phase_tasks), default=0),
            created=created,
        )
        row_id += 1
        for task in phase_tasks:
            start, finish = _task_times(task)
            _task_element(
                tasks_el,
                uid=uids[task.id],
                guid=guids[task.id],
                kit_id=task.id,
                task_id=row_id,
                name=task.name,
                wbs=task.wbs,
                level=2,
                start=start,
                finish=finish,
                duration_days=task.duration,
                milestone=task.milestone,
                summary=False,
                critical=task.critical,
                slack_days=task.total_float,
                created=created,
                # a date a planning rule holds the task on: MS Project keeps it there
                constraint_date=(
                    start if task.constraint is not None or task.id == snet_task else None
                ),
                notes=task.description,
                links=[
                    (uids[link.predecessor], link.type, link.lag)
                    for link in task.predecessors
                    if link.predecessor in uids
                ],
                progress=tracked.get(task.id),
                baseline_of=_baseline_of(kit, task, tracked.get(task.id), base_effort),
            )
            row_id += 1

    _resources_and_assignments(kit, project, uids)
    ET.indent(project, space=" ")
    return ET.ElementTree(project)


def render_mspdi(kit: Kit, path: Path) -> list[Path]:
    """Write the kit's plan as MS Project XML to ``path``."""
    tree = mspdi_tree(kit)
    with path.open("wb") as handle:
        tree.write(handle, encoding="utf-8", xml_declaration=True)
    return [path]

"""Working calendar and task states shared by the forecast and the earned-value figures.

A task's state comes from the Plan sheet's entries (:class:`~generator.kit_model.TaskProgress`):
``finished`` when an actual finish is entered, % complete is 100 % or the status is
"Done"; ``started`` when an actual start is entered, % complete is above 0 or the status
is "In progress"; ``cancelled`` for the status "Cancelled"; else ``not-started``.
Status texts are matched in English and Chinese and as canonical keys.

A milestone is also finished when its row on the Milestones & gates sheet
(``Kit.entries_of("plan.gates")``, keyed by the milestone's task id or its gate's id) is
signed off: status passed, passed with conditions or waived; it is finished on the
"Signed on" date (none entered: as a finished task without an actual finish).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.calendar import WorkingCalendar
    from generator.kit_model import Kit, Task, TaskProgress

State = Literal["not-started", "started", "finished", "cancelled"]

# canonical status keys in the order of the Plan sheet's status list
STATUS_KEYS = ("not-started", "in-progress", "done", "blocked", "on-hold", "cancelled")
_STATUS_TEXTS = {
    "not started": "not-started",
    "未开始": "not-started",
    "in progress": "in-progress",
    "进行中": "in-progress",
    "done": "done",
    "已完成": "done",
    "blocked": "blocked",
    "受阻": "blocked",
    "on hold": "on-hold",
    "暂停": "on-hold",
    "cancelled": "cancelled",
    "已取消": "cancelled",
}


def status_key(text: str) -> str:
    """Canonical status key of a status text in either language ("" when unknown or empty)."""
    clean = text.strip().lower()
    if clean in STATUS_KEYS:
        return clean
    return _STATUS_TEXTS.get(clean, "")


@dataclass(frozen=True)
class Actual:
    """A task's progress, normalised: state, fraction complete 0..1 and actual dates."""

    state: State
    percent: float  # 0..1; 1 when finished
    start: date | None
    finish: date | None


def actual_of(task: Task, entry: TaskProgress | None) -> Actual:
    """Normalise the consultant's entry for ``task`` (None: nothing entered)."""
    if entry is None:
        return Actual("not-started", 0.0, None, None)
    key = status_key(entry.status)
    pct = entry.percent_complete
    pct = min(max(pct, 0.0), 1.0) if pct is not None else None
    if key == "cancelled":
        return Actual("cancelled", 0.0, entry.actual_start, entry.actual_finish)
    if entry.actual_finish is not None or (pct is not None and pct >= 1.0) or key == "done":
        return Actual("finished", 1.0, entry.actual_start, entry.actual_finish)
    if task.milestone:
        return Actual("not-started", 0.0, None, None)
    if entry.actual_start is not None or (pct is not None and pct > 0) or key == "in-progress":
        return Actual("started", pct or 0.0, entry.actual_start, None)
    return Actual("not-started", 0.0, None, None)


SIGNED_OFF = ("passed", "passed-with-conditions", "waived")  # gate-status list keys


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def gate_signoffs(kit: Kit) -> dict[str, date | None]:
    """Milestone task id -> sign-off date (None: signed off without a date) of every
    milestone whose Milestones & gates row is passed, passed with conditions or waived."""
    sheet = kit.entries_of("plan.gates")
    if not sheet.rows:
        return {}
    gate_of = {gate.task_id: gate.id for gate in kit.gates}
    out: dict[str, date | None] = {}
    for task in kit.tasks:
        if not task.milestone:
            continue
        row = sheet.row(task.id) or sheet.row(gate_of.get(task.id, task.id))
        key = status_key_of_gate(row.get("status"))
        if key in SIGNED_OFF:
            out[task.id] = _as_date(row.get("signed_on"))
    return out


def status_key_of_gate(value: object) -> str:
    """Canonical gate-status key of a carried value (keys, or en/zh labels read back)."""
    text = str(value or "").strip().lower()
    labels = {
        "passed": "passed",
        "通过": "passed",
        "passed with conditions": "passed-with-conditions",
        "有条件通过": "passed-with-conditions",
        "waived": "waived",
        "豁免": "waived",
    }
    return labels.get(text, text)


def actuals(kit: Kit) -> dict[str, Actual]:
    """Every task's :class:`Actual` by task id (tasks with no entry: not started; a
    signed-off milestone: finished on its sign-off date, see the module docstring)."""
    entries = {entry.task_id: entry for entry in kit.progress}
    out = {task.id: actual_of(task, entries.get(task.id)) for task in kit.tasks}
    for task_id, signed in gate_signoffs(kit).items():
        if out[task_id].state != "finished":
            out[task_id] = Actual("finished", 1.0, signed, signed)
    return out


def working_calendar(kit: Kit) -> WorkingCalendar:
    """The kit's working calendar with working-day indices from the project start.

    The Kit's calendar model is the truth within its years (holidays and make-up
    workdays); beyond them the country's rules apply. One calendar per Kit calendar
    (:func:`generator.calendar.model_calendar`), shared with the renderers' counts.
    """
    from generator.calendar import model_calendar

    return model_calendar(kit.calendar, kit.project.start, lang=kit.lang)


def points_through(cal: WorkingCalendar, day: date) -> int:
    """Working days from the calendar origin up to and including ``day`` (a time point)."""
    return cal.index(day + timedelta(days=1))

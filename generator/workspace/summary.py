"""The summary of a ``new`` or ``build`` run: what ``--json`` prints and the CLI words.

``kit_summary(kit, outcome, seconds, rebuilt=...)`` -> the files written/kept/removed
(:meth:`Outcome.as_dict`), the project's dates, the tasks removed with progress, the
planning figures (:func:`generator.planning.report.planning_summary`) and the run's
wall time. ``start_note(kit)``: the sentence saying the plan starts later than asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.workspace.install import Outcome


def start_note(kit: Kit) -> str | None:
    """Say so when the asked start date is not a working day and the plan starts later."""
    asked = kit.project.start_asked
    if asked is None:
        return None
    holiday = next((d.name for d in kit.calendar.holidays if d.day == asked), "")
    reason = holiday or (_("weekend") if asked.weekday() in kit.calendar.weekend else _("day off"))
    return _(
        "Note: the start date {asked} is not a working day ({reason}); "
        "the plan starts on the next working day, {start}."
    ).format(asked=asked.isoformat(), reason=reason, start=kit.project.start.isoformat())


def kit_summary(
    kit: Kit, outcome: Outcome, seconds: float, *, rebuilt: bool, as_of_given: bool = False
) -> dict[str, Any]:
    """The JSON-ready summary of one run (see the module docstring); ``seconds`` rounded
    to the millisecond. ``status_date``: the date the dates are forecast at (null: the
    plan's dates); ``status_date_from``: ``as-of`` (given) or ``status-report`` (the last
    status report's); ``progress_entered``: whether any progress or sign-off is entered."""
    from generator.planning.report import planning_summary
    from generator.workspace.tracked import tracking_started

    data = outcome.as_dict()
    data.update(
        {
            "pack": kit.pack.id,
            "pack_version": kit.pack.version,
            "lang": kit.lang,
            "client": kit.project.client,
            "project": kit.project.name,
            "tasks": len(kit.tasks),
            "start": kit.project.start.isoformat(),
            "start_asked": (
                kit.project.start_asked.isoformat() if kit.project.start_asked else None
            ),
            "start_note": start_note(kit),
            "go_live": kit.project.go_live.isoformat() if kit.project.go_live else None,
            "finish": kit.project.finish.isoformat(),
            "removed_tasks": [{"id": r.task_id, "name": r.name} for r in kit.removed],
            "seconds": round(seconds, 3),
            "rebuilt": rebuilt,
            "status_date": kit.as_of.isoformat() if kit.as_of else None,
            "status_date_from": (
                ("as-of" if as_of_given else "status-report") if kit.as_of else None
            ),
            "progress_entered": tracking_started(kit),
        }
    )
    data.update(planning_summary(kit))  # waves, effort, date pushes, sizing
    return data

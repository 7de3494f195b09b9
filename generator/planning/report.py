"""What the planning rules did, for ``implkit new/build`` (``--json`` and the printed summary).

``planning_summary(kit)`` gives the keys the JSON summary carries:

* ``waves``: each wave with its number, name, sites, end users, go-live,
  hypercare end and end-user training window (ISO dates or null);
* ``effort_person_days``: the plan's effort, all roles, rounded to 0.1;
* ``pushes``: every date the blackouts or go-live rules moved (task id, its display
  ``name`` with the wave when the kit has several, wave, from, to, why, ``met``: false
  when no date clears the rule and the item stays where it breaks it);
* ``scaled``: every task sizing grew (task, driver, value, duration and effort from/to).

``planning_lines(data)`` turns them into the lines printed under the summary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.i18n import _, language, translator
from generator.kit_model import Kit


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def push_name(kit: Kit, task_id: str, wave: int) -> str:
    """The task's name as the plan shows it, with its wave's name when the kit has several
    (a wave copy's name already holds it); the id when the kit has no such task."""
    task = next((t for t in kit.tasks if t.id == task_id), None)
    name = task.name if task and task.name else task_id
    wave_name = next((w.name for w in kit.waves if w.number == wave), "")
    if len(kit.waves) > 1 and wave_name and wave_name not in name:
        name += translator(kit.lang).paren(wave_name)
    return name


def planning_summary(kit: Kit) -> dict[str, Any]:
    """The planning keys of the ``new``/``build`` JSON summary."""
    return {
        "waves": [
            {
                "number": w.number,
                "name": w.name,
                "sites": list(w.sites),
                "users": w.users,
                "go_live": _iso(w.go_live),
                "hypercare_end": _iso(w.hypercare_end),
                "training": [_iso(w.training_start), _iso(w.training_finish)],
            }
            for w in kit.waves
        ],
        "effort_person_days": round(sum(t.effort_days for t in kit.tasks), 1),
        "pushes": [
            {
                "task": p.task_id,
                "name": push_name(kit, p.task_id, p.wave),
                "wave": p.wave,
                "from": p.before.isoformat(),
                "to": p.after.isoformat(),
                "reason": p.reason,
                "met": p.met,
            }
            for p in kit.pushes
        ],
        "scaled": [
            {
                "task": s.task_id,
                "driver": s.driver,
                "value": s.value,
                "duration": [s.duration_from, s.duration_to],
                "effort": [s.effort_from, s.effort_to],
            }
            for s in kit.scaled
        ],
    }


def planning_lines(data: dict[str, Any]) -> list[str]:
    """Printed lines: the waves (when more than one), the effort, every date pushed."""
    lines = []
    waves = data.get("waves") or []
    if len(waves) > 1:
        for wave in waves:
            lines.append(
                _("  {wave} ({sites}): go-live {go_live}").format(
                    wave=wave["name"],
                    sites=translator(language()).join(wave["sites"]),
                    go_live=wave["go_live"] or "-",
                )
            )
    if "effort_person_days" in data:
        lines.append(
            _("  effort: {days} person-days").format(days=f"{data['effort_person_days']:,.1f}")
        )
    for push in data.get("pushes") or []:
        if not push.get("met", True):  # a rule no date can meet: a warning, never silence
            lines.append(
                _("  warning: {task} breaks a planning rule on {day}: {reason}").format(
                    task=push.get("name") or push["task"], day=push["from"], reason=push["reason"]
                )
            )
            continue
        lines.append(
            _("  {task}: moved from {before} to {after} ({reason})").format(
                task=push.get("name") or push["task"],
                before=push["from"],
                after=push["to"],
                reason=push["reason"],
            )
        )
    return lines

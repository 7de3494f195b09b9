"""Baselines: the plan as agreed, saved as plain JSON under ``.implkit/baselines/``.

Layout::

    .implkit/baselines/index.json      {"current": "initial", "baselines": [{"name", "taken", "file"}]}
    .implkit/baselines/initial.json    one baseline (below)

A baseline file::

    {"name": "initial", "taken": "2026-03-02", "currency": "CNY",
     "tasks": [{"id", "start", "finish", "duration", "effort", "cost", "milestone"}...],
     "milestones": [{"id", "date", "gate"}...]}

``duration`` in working days from ``start`` to ``finish`` on the kit's calendar (a
baseline taken from a forecast stores the span of its dates, not the planned duration:
a task that runs late is baselined with the days it now takes), ``effort`` in
person-days, ``cost`` = effort x the role's day rate in ``currency``. ``implkit new`` saves ``initial``; ``implkit baseline`` saves
another one and makes it current; earlier ones stay. Files are written with sorted,
indented JSON so the same plan gives the same bytes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import BaselineView, Kit

BASELINES = Path(".implkit") / "baselines"
_NAME = re.compile(r"^\w[\w.-]{0,63}$")  # letters of any script (变更后), digits, _ . -
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(10)),
    *(f"lpt{n}" for n in range(10)),
}


def task_cost(kit: Kit, effort: tuple[tuple[str, float], ...]) -> float:
    """Planned cost of an effort list: sum of person-days x the role's day rate."""
    rates = {role.id: role.day_rate for role in kit.roles}
    return round(sum(days * rates.get(role, 0.0) for role, days in effort), 2)


def baseline_data(kit: Kit, name: str, taken: date) -> dict[str, Any]:
    """The JSON-ready baseline of ``kit``'s current dates (durations from those dates)."""
    from generator.calendar import workdays_between

    return {
        "name": name,
        "taken": taken.isoformat(),
        "currency": kit.project.currency,
        "tasks": [
            {
                "id": task.id,
                "start": task.start.isoformat(),
                "finish": task.finish.isoformat(),
                "duration": 0 if task.milestone else workdays_between(kit, task.start, task.finish),
                "effort": round(task.effort_days, 2),
                "cost": task_cost(kit, task.effort),
                "milestone": task.milestone,
            }
            for task in kit.tasks
        ],
        "milestones": [
            {"id": task.id, "date": task.finish.isoformat(), "gate": task.gate is not None}
            for task in kit.tasks
            if task.milestone
        ],
    }


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _read_json(project_dir: Path, path: Path) -> Any:
    from generator.kitfs import read_kit_json

    return read_kit_json(project_dir, path, fix=_("restore it or remove it"))


def _index(project_dir: Path) -> dict[str, Any]:
    from generator.kitfs import contained

    path = contained(project_dir, BASELINES / "index.json")  # no link on the way
    if not path.exists() and not path.is_symlink():
        return {"current": None, "baselines": []}
    data = _read_json(project_dir, path)
    if not isinstance(data, dict) or not isinstance(data.get("baselines"), list):
        raise InputError.at(path, 0, 0, _("is not a baseline index; restore it or remove it"))
    return data


def save_baseline(project_dir: Path, kit: Kit, *, name: str, taken: date) -> Path:
    """Write baseline ``name`` of ``kit`` and make it current; earlier ones are kept.

    ``name``: letters, digits, ``.``, ``_``, ``-`` (InputError otherwise, or when the
    name is taken). Returns the file written.
    """
    stem = name.split(".")[0].lower()
    if not _NAME.match(name) or name == "index" or stem in _RESERVED or name.endswith("."):
        raise InputError(
            _("baseline name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)").format(
                name=name
            )
        )
    folder = project_dir / BASELINES
    index = _index(project_dir)
    if any(entry.get("name") == name for entry in index["baselines"]):
        raise InputError(
            _("a baseline named {name!r} exists already; choose another --name").format(name=name)
        )
    from generator.kitfs import write_atomic

    # each file written whole (a full disk leaves the old one); the index last, so an
    # interrupted save leaves at most an unlisted file, never an index naming a half one
    path = write_atomic(
        project_dir, folder / f"{name}.json", _dump(baseline_data(kit, name, taken)).encode()
    )
    index["baselines"].append({"name": name, "taken": taken.isoformat(), "file": path.name})
    index["current"] = name
    write_atomic(project_dir, folder / "index.json", _dump(index).encode("utf-8"))
    return path


def next_name(project_dir: Path) -> str:
    """A free default name: ``baseline-2``, ``baseline-3``... (``initial`` is the first)."""
    taken = {entry.get("name") for entry in _index(project_dir)["baselines"]}
    if "initial" not in taken:
        return "initial"
    number = 2
    while f"baseline-{number}" in taken:
        number += 1
    return f"baseline-{number}"


def list_baselines(project_dir: Path) -> list[dict[str, Any]]:
    """The index entries, oldest first."""
    return list(_index(project_dir)["baselines"])


def load_baseline(project_dir: Path) -> BaselineView | None:
    """The current baseline of the kit in ``project_dir`` (None when none was saved)."""
    index = _index(project_dir)
    current = index.get("current")
    if not current:
        return None
    entry = next((e for e in index["baselines"] if e.get("name") == current), None)
    if entry is None:
        raise InputError.at(
            project_dir / BASELINES / "index.json",
            0,
            0,
            _("names current baseline {current!r} that it does not list; restore it").format(
                current=current
            ),
        )
    path = project_dir / BASELINES / Path(str(entry.get("file", ""))).name
    try:
        return baseline_view(_read_json(project_dir, path))
    except (KeyError, TypeError, ValueError) as err:
        raise InputError.at(
            path,
            0,
            0,
            _("is not a baseline ({error}); restore it").format(
                error=f"{type(err).__name__}: {err}"
            ),
        ) from None


def baseline_view(data: Any) -> BaselineView:
    """A baseline file's JSON (:func:`baseline_data`'s shape) as a :class:`BaselineView`.

    Raises KeyError, TypeError or ValueError when ``data`` does not have that shape.
    """
    from generator.kit_model import BaselineTask, BaselineView

    tasks = tuple(
        BaselineTask(
            task_id=str(t["id"]),
            start=date.fromisoformat(t["start"]),
            finish=date.fromisoformat(t["finish"]),
            duration=int(t["duration"]),
            effort=float(t["effort"]),
            cost=float(t["cost"]),
            milestone=bool(t.get("milestone", False)),
        )
        for t in data["tasks"]
    )
    return BaselineView(
        name=str(data["name"]), taken=date.fromisoformat(data["taken"]), tasks=tasks
    )


def plan_as_baseline(kit: Kit) -> BaselineView:
    """The kit's plan dates as a baseline (for a kit with no saved baseline)."""
    from generator.calendar import workdays_between
    from generator.kit_model import BaselineTask, BaselineView

    return BaselineView(
        name="plan",
        taken=kit.project.start,
        tasks=tuple(
            BaselineTask(
                task.id,
                task.start,
                task.finish,
                0 if task.milestone else workdays_between(kit, task.start, task.finish),
                round(task.effort_days, 2),
                task_cost(kit, task.effort),
                task.milestone,
            )
            for task in kit.tasks
        ),
    )

"""Tasks the planner deleted in MS Project: what an import records so they stay deleted.

A kit task the kit's previous build had that an MS Project plan no longer has was
deleted there (MS Project keeps every task of the merged export, inactive ones too, so
absence is a deletion). The import:

* makes it Cancelled on the Plan sheet (listed like every change; no line to cite);
* keeps its link in ``.implkit/trackers.json`` marked deleted
  (:data:`~generator.kit_model.tracking.DELETED`, status "cancelled") with the UID and
  GUID it had in MS Project: the link's own when the kit had one, else the ones of the
  kit's last MSPDI build (``exports/project-plan.mspdi.xml``), trusted only when that
  file and the plan agree on the UID of every task both have (the plan descends from it);
* never takes a later plan's absence of it for a second deletion: when the team has
  reactivated it in the kit since, the kit's newer decision stands (the next export
  brings it back);
* retires the recorded UID when a later plan has given it to another task (MS Project
  may hand out the highest UIDs again after a delete, save and reopen): the link keeps
  the mark but no UID, so the task can only come back under a new one;
* drops the mark when the task is back in the plan (the planner merged it again).

The MSPDI export (:func:`generator.render.mspdi.left_out`) leaves out every task marked
deleted while the kit keeps it Cancelled, so "Merge the data into the active project"
never adds back a task the planner deleted; reactivated, it is written under its old UID.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.i18n import ngettext
from generator.kit_model import TrackerLink
from generator.kit_model.tracking import DELETED

if TYPE_CHECKING:
    from generator.trackers.changes import ImportPlan, KitRows
    from generator.trackers.model import TrackerFile

_WAVE = re.compile(r"@w\d+$")  # a wave's instance of a task: base.uat@w2

Uids = dict[str, tuple[str, str]]  # kit id -> (MS Project UID, GUID)


def left_out_message(path: str, ids: list[str]) -> str:
    """What ``build`` and ``export`` say of the tasks the MS Project plan at ``path`` (its
    name or kit path) leaves out, ``ids`` in plan order."""
    return ngettext(
        "{path}: {n} task deleted in MS Project left out (Cancelled in the kit; set "
        "another status on the Plan sheet to bring it back): {ids}",
        "{path}: {n} tasks deleted in MS Project left out (Cancelled in the kit; set "
        "another status on the Plan sheet to bring them back): {ids}",
        len(ids),
    ).format(path=path, n=len(ids), ids=", ".join(ids))


def exported_uids(path: Path) -> Uids:
    """Kit id -> (UID, GUID) of the tasks in the MSPDI file the kit's last build wrote at
    ``path``; empty when it is missing, a link, too large or damaged (then a deleted
    task's UID is known only from its link)."""
    from generator.trackers.msproject import parse
    from generator.trackers.tabular import read_bytes

    try:
        found = parse(path, read_bytes(path))
    except InputError:
        return {}
    return {
        item.kit_id: (item.tracker_id, item.alt_id)
        for item in found.items
        if item.kit_id and not item.summary
    }


def trusted(exported: Uids, tracker: TrackerFile, matched: dict[str, str]) -> bool:
    """Whether the plan descends from the kit's last MSPDI build: every task both have
    carries the same UID (a plan of an older export numbers the kit's tasks otherwise)."""
    both = [(uid, kit_id) for uid, kit_id in matched.items() if kit_id in exported]
    return bool(exported) and all(exported[kit_id][0] == uid for uid, kit_id in both)


def record_deleted(
    kept: dict[tuple[str, str], TrackerLink],
    tracker: TrackerFile,
    matched: dict[str, str],
    gone: list[str],
    exported: Uids,
) -> None:
    """Mark the tasks ``gone`` from the plan deleted in ``kept`` (see the module doc) and
    retire the UID of every deleted task the plan now gives to another task."""
    uids = {item.tracker_id for item in tracker.items}
    source = exported if trusted(exported, tracker, matched) else {}
    for task_id in gone:
        link = kept.get(("mspdi", task_id))
        if link is not None and link.deleted:
            continue  # recorded by an earlier import
        uid, guid = (link.tracker_id, link.alt_id) if link else source.get(task_id, ("", ""))
        kept[("mspdi", task_id)] = TrackerLink("mspdi", task_id, uid, guid, DELETED, "cancelled")
    for key, link in list(kept.items()):
        taken = link.tracker_id in uids and matched.get(link.tracker_id) != link.kit_id
        if link.tool == "mspdi" and link.deleted and taken:
            kept[key] = replace(link, tracker_id="")


def cancel_deleted(
    plan: ImportPlan,
    tracker: TrackerFile,
    rows: KitRows,
    matched: dict[str, str],
    removable: set[str] | None,
    kept: dict[tuple[str, str], TrackerLink],
    exported: Uids,
) -> None:
    """Kit tasks the plan ``tracker`` no longer has though the previous build had them
    (``removable``; None: not known, nothing is taken for deleted): a Cancelled change on
    ``plan`` unless already Cancelled or already recorded deleted, and their links marked
    in ``kept`` (:func:`record_deleted`)."""
    from generator.trackers.changes import Change

    present = set(matched.values())
    gone = [
        task_id
        for task_id in rows.tasks
        if removable is not None and task_id not in present and _WAVE.sub("", task_id) in removable
    ]
    for task_id in gone:
        row, _phase = rows.tasks[task_id]
        link = kept.get(("mspdi", task_id))
        if str(row.values.get("status") or "") == "cancelled" or (link and link.deleted):
            continue  # a reactivation in the kit after a recorded deletion stands
        plan.changes.append(
            Change(
                rows.sheet.title,
                row.number,
                task_id,
                "status",
                row.values.get("status"),
                "cancelled",
                tracker.path.name,  # no line: the task is not in the file
            )
        )
    record_deleted(kept, tracker, matched, gone, exported)

"""Tasks typed into the Plan sheet become tasks of the project (project.yaml's overlay).

``find_new_tasks(sheet, pack, previous_ids, lang) -> NewTasks``: every task row of the
Plan sheet whose id the pack does not know (and never knew: ``previous_ids`` are the
item ids of the pack the kit was last built from, so a task the pack dropped is not
taken for a new one) and which has a name. Its phase is the phase row above it, its
owner a role id or name (either language), its predecessors the ids written like the
generated ones (``base.kickoff FS+2; base.uat SS``, commas work too). A row without
an id gets ``project.task-N``. Values that cannot be used are reported (and the
task keeps a safe default: 1 working day, the project manager, no predecessor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.i18n import D_
from generator.overlay import LiftedTask, next_task_id

if TYPE_CHECKING:
    from generator.carry.read import SheetRead
    from generator.packs.resolved import ResolvedPack

_WAVE = re.compile(r"@w\d+$")  # a wave copy of a task: "<task id>@w2" (generated, never lifted)
_LINK = re.compile(r"^\s*([a-z0-9][a-z0-9._-]*)\s*(FS|SS)?\s*([+-]\s*\d+)?\s*[dD天]?\s*$")


@dataclass
class NewTasks:
    """What :func:`find_new_tasks` found: tasks to lift, ids it gave, unusable values."""

    tasks: list[LiftedTask] = field(default_factory=list)
    assigned: dict[int, str] = field(default_factory=dict)  # sheet row -> id given
    problems: list[tuple[int, str, str, str, str]] = field(
        default_factory=list
    )  # (row, id, column, text, reason)


def _text_ids(pack: ResolvedPack, section: str, lang: str) -> dict[str, str]:
    """Id, English and Chinese name (lower case) -> id, for roles or phases."""
    from generator.packs.model import resolve_text

    found: dict[str, str] = {}
    for located in getattr(pack, section):
        item = located.item
        found[item.id.lower()] = item.id
        for code in ("en", "zh", lang):
            name = resolve_text(item.name, code)
            if name:
                found.setdefault(name.strip().lower(), item.id)
    return found


def _default_owner(pack: ResolvedPack, role_ids: set[str]) -> str:
    """The owner of a lifted task whose row names none: the project manager, else the role
    owning most of the pack's tasks (a pack without a "project-manager" role, such as
    one whose manager is "pm", must not get a task without an owner)."""
    if "project-manager" in role_ids:
        return "project-manager"
    from collections import Counter

    owners = Counter(t.item.owner for t in pack.tasks if getattr(t.item, "owner", ""))
    if owners:
        return owners.most_common(1)[0][0]
    return min(role_ids) if role_ids else ""


def find_new_tasks(
    sheet: SheetRead, pack: ResolvedPack, previous_ids: set[str] | None, lang: str
) -> NewTasks:
    """The Plan sheet's new tasks (see the module docstring)."""
    result = NewTasks()
    known = {t.item.id for t in pack.tasks} | {g.item.id for g in pack.gates}
    phases = {p.item.id for p in pack.phases}
    phase_names = _text_ids(pack, "phases", lang)
    roles = _text_ids(pack, "roles", lang)
    chain = tuple(f"{pack_id}." for pack_id in pack.chain)
    taken = set(known) | phases
    default_owner = _default_owner(pack, set(roles.values()))
    current_phase = ""
    for row in sheet.rows:
        kind = str(row.values.get("type") or "").strip().lower()
        if row.key in phases or kind in ("phase", "阶段"):
            current_phase = (
                row.key
                if row.key in phases
                else phase_names.get(
                    str(row.values.get("name") or "").strip().lower(), current_phase
                )
            )
            continue
        if row.key in known or _WAVE.sub("", row.key) in known:
            continue  # a generated task or a wave copy of one: its progress is carried by id
        name = str(row.values.get("name") or "").strip()
        if not name:
            continue
        if row.key:
            base_id = _WAVE.sub("", row.key)
            was_pack_item = (
                base_id in previous_ids if previous_ids is not None else base_id.startswith(chain)
            )
            if was_pack_item:
                continue  # a task the pack dropped: its progress goes to "Removed tasks"
            if not re.match(r"^[a-z0-9][a-z0-9._-]*$", row.key) or len(row.key) > 80:
                result.problems.append(
                    (row.number, row.key, "id", row.key, D_("not a valid id (a-z, 0-9, . _ -)"))
                )
                continue
            if row.key in taken:  # typed twice: the first row is the task
                result.problems.append(
                    (
                        row.number,
                        row.key,
                        "id",
                        row.key,
                        D_("the id is already used by another row"),
                    )
                )
                continue
            task_id = row.key
        else:
            task_id = next_task_id(taken)
            result.assigned[row.number] = task_id
        taken.add(task_id)
        phase = current_phase or (next(iter(sorted(phases))) if phases else "")
        owner_text = str(row.values.get("owner") or "").strip()
        owner = roles.get(owner_text.lower(), "")
        if owner_text and not owner:
            result.problems.append(
                (row.number, task_id, "owner", owner_text, D_("not a role of the pack"))
            )
        duration_value = row.values.get("duration")
        duration = float(duration_value) if isinstance(duration_value, (int, float)) else 1.0
        if duration < 0 or duration > 2000:
            result.problems.append(
                (
                    row.number,
                    task_id,
                    "duration",
                    str(duration_value),
                    D_("not 0..2000 working days"),
                )
            )
            duration = 1.0
        after: list[tuple[str, str, int]] = []
        text = str(row.values.get("predecessors") or "")
        for part in re.split(r"[;,，；\n]", text):
            if not part.strip():
                continue
            match = _LINK.match(part)
            if match is None or match.group(1) not in taken | known:
                result.problems.append(
                    (
                        row.number,
                        task_id,
                        "predecessors",
                        part.strip(),
                        D_("not a task id of the plan"),
                    )
                )
                continue
            lag = int(match.group(3).replace(" ", "")) if match.group(3) else 0
            after.append((match.group(1), match.group(2) or "FS", lag))
        result.tasks.append(
            LiftedTask(task_id, name, phase, duration, owner or default_owner, tuple(after))
        )
    return result

"""What ``implkit packs validate`` checks about a pack's meaning.

Form is checked by the model; these checks look at what a plan built from the
pack would get wrong, each with the file and line of the item and the fix:

* the audiences' ``share`` of the users adds up past 1 (more learners than users);
* a course's prerequisite is a course the audience never takes (it could not
  be scheduled first);
* cutover steps whose ``order`` runs against their ``offset_hours`` (a runbook
  out of time order);
* an audience whose courses add up to fewer hours than its target
  (``hours: [min, max]``) - reported as a warning even with ``--strict``.

``meaning_problems`` returns ``(errors, warnings)``; ``--strict`` makes the
errors fail, otherwise they are warnings too. Conditions (``when:``) are not
evaluated: the check reads the pack as a whole.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.packs.model import resolve_text
from generator.packs.resolved import Located, ResolvedPack


def _where(pack: ResolvedPack, located: Located[Any]) -> tuple[str, int]:
    folders = dict(zip(pack.chain, pack.dirs, strict=False))
    folder = folders.get(located.source.pack)
    path = (folder / located.source.file) if folder else Path(located.source.file)
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown, located.source.line


def planned_hours(pack: ResolvedPack) -> dict[str, float]:
    """Hours of all courses an audience takes, by audience id."""
    out: dict[str, float] = {}
    for located in pack.courses:
        hours = sum(m.minutes for m in located.item.modules) / 60
        for audience_id in located.item.audiences:
            out[audience_id] = out.get(audience_id, 0.0) + hours
    return out


def meaning_problems(pack: ResolvedPack) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the pack's meaning (see the module docstring)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    share = sum(a.item.share for a in pack.audiences if a.item.headcount is None)
    if share > 1 + 1e-9 and pack.audiences:
        file, line = _where(pack, pack.audiences[-1])
        errors.append(
            Problem(
                file,
                line,
                1,
                f"the audiences' shares add up to {share:.2f} of the users (more than 1): "
                "lower the shares so they add up to 1 or less",
            )
        )
    takes: dict[str, set[str]] = {}
    for located in pack.courses:
        for audience_id in located.item.audiences:
            takes.setdefault(audience_id, set()).add(located.item.id)
    known = {c.item.id for c in pack.courses}
    for located in pack.courses:
        course = located.item
        for pre in course.prerequisites:
            if pre not in known:
                continue
            missing = [a for a in course.audiences if pre not in takes.get(a, set())]
            if missing:
                file, line = _where(pack, located)
                errors.append(
                    Problem(
                        file,
                        line,
                        1,
                        f"course {course.id!r} needs {pre!r} first, but audience "
                        f"{', '.join(repr(a) for a in missing)} never takes {pre!r}: add the "
                        f"audience to {pre!r} or drop the prerequisite",
                    )
                )
    steps = sorted(pack.cutover, key=lambda s: s.item.order)
    for before, after in pairwise(steps):
        if after.item.offset_hours < before.item.offset_hours:
            file, line = _where(pack, after)
            errors.append(
                Problem(
                    file,
                    line,
                    1,
                    f"cutover step {after.item.id!r} (order {after.item.order}, "
                    f"offset_hours {after.item.offset_hours:g}) runs before "
                    f"{before.item.id!r} (order {before.item.order}, offset_hours "
                    f"{before.item.offset_hours:g}): give it a later offset or an earlier order",
                )
            )
    hours = planned_hours(pack)
    for entry in pack.audiences:
        audience = entry.item
        if not audience.uses_system or audience.id not in hours:
            continue
        low, high = audience.hours
        if hours[audience.id] + 1e-9 < low:
            file, line = _where(pack, entry)
            name = resolve_text(audience.name, "en")
            warnings.append(
                Problem(
                    file,
                    line,
                    1,
                    f"audience {audience.id!r} ({name}) has {hours[audience.id]:.1f} h of courses, "
                    f"below its target of {low}-{high} h: add courses or modules, or lower the target",
                )
            )
    return errors, warnings

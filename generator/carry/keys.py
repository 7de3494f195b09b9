"""Which row keys each declared sheet's writer generates: the rest are the team's rows.

The carry keeps a keyed row whose key the writer generates as a generated row (its
consultant cells are carried onto the row of the same key); a row with any other key
is a row the team added (kept on a sheet that ``accepts_added_rows``, reported
elsewhere). :data:`ROW_KEYS` has one entry per declared sheet key; the registry
(:mod:`generator.registry`) names this table for every workbook, and
tests/test_registry.py fails when a declared sheet has no entry here.

An entry is ``rows(kit, obj) -> set[str] | None``: ``obj`` is the object id of a
per-object sheet (``migration.fields:<object id>``), ``""`` otherwise; ``None`` means
the sheet's keys are the Kit's own and every key read is trusted (no added rows).
"""

from __future__ import annotations

from collections.abc import Callable

from generator.kit_model import Kit

RowKeys = Callable[[Kit, str], "set[str] | None"]


def _trusted(_kit: Kit, _obj: str) -> set[str] | None:
    """Keyed by the Kit's own ids (days, roles, removed tasks): every key is trusted."""
    return None


def _team_rows(_kit: Kit, _obj: str) -> set[str]:
    """Every row is the team's (defect log, consultants): none is generated."""
    return set()


def _changes(_kit: Kit, _obj: str) -> set[str]:
    """The change log's pre-numbered rows CR-001..: keyed rows, kept in place."""
    from generator.render.workbook.plan_registers import CR_ROWS

    return {f"CR-{n:03d}" for n in range(1, CR_ROWS + 1)}


def _fields(kit: Kit, obj: str) -> set[str]:
    for item in kit.migration:
        if item.id == obj:
            return {f.technical for f in item.fields} | {f.name for f in item.fields}
    return set()


ROW_KEYS: dict[str, RowKeys] = {
    "plan.tasks": lambda kit, _: {t.id for t in kit.tasks} | {p.id for p in kit.phases},
    "plan.gantt": _trusted,
    "plan.gates": lambda kit, _: (
        {g.id for g in kit.gates} | {t.id for t in kit.tasks if t.milestone}
    ),
    "plan.raci": _trusted,
    "plan.risks": lambda kit, _: {r.id for r in kit.risks},
    "plan.stakeholders": lambda kit, _: {s.id for s in kit.stakeholders},
    "plan.interfaces": lambda kit, _: {s.id for s in kit.stakeholders},
    "plan.changes": _changes,
    "plan.meetings": lambda kit, _: {c.id for c in kit.ceremonies},
    # a role that left the pack keeps its row ("Removed from scope"): every key is trusted
    "plan.budget": _trusted,
    # keyed rows the team added are added rows (a week in the life adds some)
    "plan.staffing": lambda kit, _: {row.id for row in kit.staffing},
    "plan.lessons": lambda kit, _: {lesson.id for lesson in kit.lessons},
    "plan.defects": _team_rows,
    "plan.acceptance": lambda kit, _: {g.id for g in kit.gates},
    "plan.surveys": lambda kit, _: {g.id for g in kit.gates if g.kind == "phase-gate"},
    "plan.team": _team_rows,
    "plan.effort": _team_rows,
    "plan.rates": _team_rows,
    "plan.expenses": _team_rows,
    "plan.calendar": _trusted,
    "plan.removed": _trusted,
    "migration.overview": lambda kit, _: {m.id for m in kit.migration},
    "migration.cutover": lambda kit, _: {s.id for s in kit.cutover},
    "migration.fields": _fields,
    "training.matrix": _trusted,
    "training.sessions": lambda kit, _: {s.id for s in kit.sessions},
    # one row per planned seat: "<session id>/<seat>"
    "training.attendance": lambda kit, _: {
        f"{s.id}/{n}" for s in kit.sessions for n in range(1, s.enrolled + 1)
    },
}


def generated_keys(kit: Kit, instance: str) -> set[str] | None:
    """Row keys the writer generates on sheet ``instance`` (``None``: trust every key).

    ``instance`` is a declared sheet key, or ``<key>:<object id>`` for a per-object sheet.
    A sheet missing from :data:`ROW_KEYS` is trusted (tests/test_registry.py keeps the
    table complete).
    """
    base, _, obj = instance.partition(":")
    rows = ROW_KEYS.get(base)
    return rows(kit, obj) if rows is not None else None


def sheet_exists(kit: Kit, instance: str) -> bool:
    """False for a per-object sheet whose object is gone from the rebuilt kit."""
    base, _, obj = instance.partition(":")
    if base == "migration.fields" and obj:
        return any(item.id == obj for item in kit.migration)
    return True

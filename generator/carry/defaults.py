"""The values the writers put into consultant cells by themselves (generated defaults).

Some consultant columns start filled from the Kit: a role's day rate on the Budget
sheet, a risk's likelihood and impact, a stakeholder's interest and influence, a
session's room, an open cutover step. Such a value is the team's only once they
change it: carried unchanged, it would freeze the default (a new day rate in
project.yaml, a re-rated risk in a new pack version, a session's new room would
never show). So every build saves the defaults it generated (``.implkit/`` via
:mod:`generator.carry.packdiff`), and the next build carries a cell only when it
differs from the default that was generated for it.

``kit_defaults(kit) -> {sheet key: {row key: {column key: value}}}`` (JSON-safe
values: numbers and text; list values as canonical keys).
"""

from __future__ import annotations

from typing import Any

from generator.kit_model import Kit

Defaults = dict[str, dict[str, dict[str, Any]]]


def kit_defaults(kit: Kit) -> Defaults:
    """What the writers put into consultant cells from ``kit`` (see the module docstring)."""
    fields: Defaults = {
        f"migration.fields:{item.id}": {
            f.technical: {
                key: value
                for key, value in (("mapping", f.mapping), ("transformation", f.transformation))
                if value
            }
            for f in item.fields
        }
        for item in kit.migration
    }
    return {
        **fields,
        "plan.budget": {role.id: {"rate": float(role.day_rate)} for role in kit.roles},
        "plan.risks": {r.id: {"likelihood": r.likelihood, "impact": r.impact} for r in kit.risks},
        "plan.stakeholders": {
            s.id: {"interest": s.interest, "influence": s.influence} for s in kit.stakeholders
        },
        "migration.cutover": {step.id: {"done": "open"} for step in kit.cutover},
        "training.sessions": {
            s.id: {
                key: value
                for key, value in (("location", s.location), ("trainer", s.trainer))
                if value
            }
            for s in kit.sessions
        },
    }


def is_default(defaults: Defaults, sheet: str, row: str, column: str, value: Any) -> bool:
    """True when ``value`` is the default generated for that cell."""
    known = defaults.get(sheet, {}).get(row, {})
    if column not in known:
        return False
    default = known[column]
    if isinstance(value, (int, float)) and isinstance(default, (int, float)):
        return abs(float(value) - float(default)) < 1e-9
    return bool(value == default)


def merged(previous: Defaults | None, current: Defaults) -> Defaults:
    """The last build's defaults, with ``current`` for the sheets it did not record (a kit
    built before a column became the consultant's: its pack text is still a default)."""
    out = dict(current)
    out.update(previous or {})
    return out

"""The plan's values for the "planned" column of the post-project-evaluation template.

``cookiecutter.planned`` in pack templates (see :func:`generator.templates.template_context`):
a mapping of display texts, already formatted — ``effort_<phase>`` (person-days),
``duration_<phase>`` (working days), ``days_<role>`` (person-days; role id with ``_``
for ``-``), ``effort_total``, ``duration_total``, ``cost_services`` (vendor-side roles'
effort x day rate), ``cost_client`` (client-side and joint roles), ``cost_changes``
("0": none planned) and ``cost_total``, in the project currency. A key the plan does not
have (another pack's phase or role) reads as an empty text, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.kit_model import Kit


class Planned(dict[str, str]):
    """A dict whose missing keys read as ""."""

    def __missing__(self, key: str) -> str:
        return ""


def _days(value: float) -> str:
    return f"{value:,.1f}"


def _money(value: float) -> str:
    return f"{value:,.0f}"


def planned_values(kit: Kit) -> Planned:
    """The planned figures of ``kit`` as template texts (see the module docstring)."""
    from generator.calendar import workdays_between

    out = Planned()
    by_role: dict[str, float] = {}
    for phase in kit.phases:
        effort = 0.0
        for task in kit.tasks:
            if task.phase != phase.id:
                continue
            effort += task.effort_days
            for role, days in task.effort:
                by_role[role] = by_role.get(role, 0.0) + days
        key = phase.id.replace("-", "_")
        out[f"effort_{key}"] = _days(effort)
        out[f"duration_{key}"] = str(workdays_between(kit, phase.start, phase.finish))
    rates = {r.id: (r.day_rate, r.side) for r in kit.roles}
    services = client = 0.0
    for role, days in by_role.items():
        out[f"days_{role.replace('-', '_')}"] = _days(days)
        rate, side = rates.get(role, (0.0, "vendor"))
        if side == "vendor":
            services += days * rate
        else:
            client += days * rate
    out["effort_total"] = _days(sum(by_role.values()))
    out["duration_total"] = str(workdays_between(kit, kit.project.start, kit.project.finish))
    out["cost_services"] = _money(services)
    out["cost_client"] = _money(client)
    out["cost_changes"] = "0"
    out["cost_total"] = _money(services + client)
    return out


def sample_planned() -> dict[str, Any]:
    """Values shaped like :func:`planned_values`'s, to check templates without a project."""
    out = Planned()
    for phase in ("prepare", "explore", "realize", "deploy", "run"):
        out[f"effort_{phase}"] = "120.0"
        out[f"duration_{phase}"] = "30"
    for role in ("project_manager", "functional_consultant", "technical_consultant", "key_user"):
        out[f"days_{role}"] = "60.0"
    out.update(
        effort_total="600.0",
        duration_total="150",
        cost_services="1,200,000",
        cost_client="300,000",
        cost_changes="0",
        cost_total="1,500,000",
    )
    return out

"""A worked EVM example: three tasks, two roles, figures checked by hand.

Roles: pm (vendor, 2,000 CNY/day), ku (client, 500 CNY/day). March 2026 has no
holidays in China.

* A  phase p1, 2026-03-02..03-06, 5 days, pm 5 pd          -> 10,000 CNY
* B  phase p2, 2026-03-09..03-18, 8 days, pm 4 pd + ku 8 pd -> 12,000 CNY
* M  phase p2, milestone after B, 2026-03-18                ->      0

Status 2026-03-12: A done on plan, B started 03-09 and 25 % complete; Budget sheet:
pm 8 pd, ku 2 pd spent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.kit_model import Kit, Link, Phase, Raci, Role, Task, TaskProgress
from generator.tracking.evm import RoleActual
from tests.sample_kit import SRC, sample_kit

AS_OF = date(2026, 3, 12)
SPENT = {
    "pm": RoleActual("pm", effort=8.0),
    "ku": RoleActual("ku", effort=2.0),
}


def _task(
    task_id: str,
    phase: str,
    wbs: str,
    start: date,
    finish: date,
    duration: int,
    effort: tuple[tuple[str, float], ...],
    preds: tuple[Link, ...],
) -> Task:
    return Task(
        id=task_id,
        wbs=wbs,
        outline_level=2,
        name=f"Task {task_id}",
        description="",
        phase=phase,
        owner="pm",
        duration=duration,
        effort=effort,
        predecessors=preds,
        deliverables=(),
        milestone=duration == 0,
        gate=None,
        key_node=None,
        anchor="go-live" if task_id == "M" else None,
        raci=Raci(("pm",), "pm"),
        start=start,
        finish=finish,
        early_start=start,
        early_finish=finish,
        late_start=start,
        late_finish=finish,
        total_float=0,
        critical=True,
        source=SRC,
    )


def example_kit(*, tracked: bool = True) -> Kit:
    """The example's Kit; with ``tracked`` the progress at :data:`AS_OF`."""
    base = sample_kit("en")
    d = date
    tasks = (
        _task("A", "p1", "1.1", d(2026, 3, 2), d(2026, 3, 6), 5, (("pm", 5.0),), ()),
        _task(
            "B",
            "p2",
            "2.1",
            d(2026, 3, 9),
            d(2026, 3, 18),
            8,
            (("pm", 4.0), ("ku", 8.0)),
            (Link("A"),),
        ),
        _task("M", "p2", "2.2", d(2026, 3, 18), d(2026, 3, 18), 0, (), (Link("B"),)),
    )
    phases = (
        Phase("p1", 1, "Prepare", "", d(2026, 3, 2), d(2026, 3, 6), ("A",), SRC),
        Phase("p2", 2, "Realize", "", d(2026, 3, 9), d(2026, 3, 18), ("B", "M"), SRC),
    )
    roles = (
        Role("pm", "Project manager", "", "vendor", 2000.0),
        Role("ku", "Key user", "", "client", 500.0),
    )
    progress = (
        (
            TaskProgress("A", "Done", 1.0, d(2026, 3, 2), d(2026, 3, 6)),
            TaskProgress("B", "In progress", 0.25, d(2026, 3, 9), None),
        )
        if tracked
        else ()
    )
    project = replace(
        base.project, start=d(2026, 3, 2), finish=d(2026, 3, 18), go_live=d(2026, 3, 18)
    )
    return replace(
        base,
        project=project,
        tasks=tasks,
        phases=phases,
        roles=roles,
        gates=(),
        anchors=(("go-live", d(2026, 3, 18)),),
        progress=progress,
        risks=base.risks,
    )

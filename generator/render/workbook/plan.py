"""The project-plan workbook (project-plan.xlsx) from a Kit, written with XlsxWriter.

Sheets (declared in :mod:`generator.sheets.plan`, one module per group here):
Plan, Gantt (:mod:`.plan_tasks`), Milestones & gates, RACI (:mod:`.plan_gates`),
Risks, Stakeholders, Interface persons, Change requests, Meetings
(:mod:`.plan_registers`), Budget, Calendar (:mod:`.plan_budget`), Removed tasks
(only after a rebuild dropped tasks that had progress), plus the hidden Lists and
the very hidden ``_implkit`` sheet.

Decisions worth knowing:

* Generated cells are locked (sheet protection without a password); the columns
  the consultant fills in are light yellow and unlocked, and carried from
  ``Kit.progress`` / ``Kit.entries`` on every build.
* Every formula (phase roll-ups, working days, risk score and rating, heat map,
  stakeholder strategy, freeze check, budget) stores the value computed here from
  the Kit, equal to what Excel or LibreOffice computes.
* The Gantt is weekly, or daily when the plan spans at most ten weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.kit_model import Kit, Task
from generator.render.workbook.book import Book, SheetBuilder
from generator.render.workbook.plan_labels import LABELS
from generator.sheets import SheetSpec
from generator.sheets import plan as decl


class PlanContext:
    """One plan being written: the Kit, its labels and look-ups, the book and its sheets."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.L = LABELS[kit.lang]
        self.roles = {r.id: r.name for r in kit.roles}
        self.phase_names = {p.id: p.name for p in kit.phases}
        self.gates_by_task = {g.task_id: g for g in kit.gates}
        self.tasks_by_id = {t.id: t for t in kit.tasks}
        # sheet key -> (title, first row, last row) of a register other sheets' formulas read
        self.ranges: dict[str, tuple[str, int, int]] = {}
        # look-ups worked out once per plan (e.g. the Budget's role rows, which every
        # formula of the effort and rate registers points into)
        self.memo: dict[str, Any] = {}
        L = self.L
        self.book = Book(
            kit.lang,
            when=kit.project.start,
            title=f"{L['doc_title']} — {kit.project.name}",
            subject=kit.project.name,
            description=f"{kit.pack.name} {kit.pack.version}",
            keywords=kit.project.client,
            page_header=f"{kit.project.client} — {kit.project.name}",
            currency=kit.project.currency,
        )
        # sheet order is fixed up front; the sheets are filled in any order
        self.sheets: dict[str, SheetBuilder] = {}
        for spec in decl.PLAN_SHEETS:
            if spec.optional and not self._wanted(spec):
                continue
            self.sheets[spec.key] = self.book.sheet(spec.title(kit.lang), spec=spec)

    def _wanted(self, spec: SheetSpec) -> bool:
        if spec.key == "plan.removed":
            return bool(self.kit.removed)
        return True

    def role(self, role_id: str) -> str:
        return self.roles.get(role_id, role_id)

    def roles_text(self, ids: Sequence[str]) -> str:
        return ", ".join(self.role(r) for r in ids)

    def task_type(self, task: Task) -> str:
        if task.gate or task.id in self.gates_by_task:
            return self.L["t_gate"]
        return self.L["t_milestone"] if task.milestone else self.L["t_task"]

    def title(self, sb: SheetBuilder, text: str, note: str | None = None) -> None:
        """The two lines above a sheet's header: title and a note (or the client)."""
        sb.add([f"{text} — {self.kit.project.name}"], style="title", height=22)
        sb.add([note or self.kit.project.client], style="note")


def render_plan(kit: Kit, path: Path) -> None:
    """Write the project-plan workbook for ``kit`` to ``path`` (same Kit, same bytes)."""
    from generator.render.workbook import (
        plan_budget,
        plan_cost,
        plan_gates,
        plan_knowledge,
        plan_quality,
        plan_registers,
        plan_tasks,
    )

    ctx = PlanContext(kit)
    plan_budget.calendar(ctx)  # first: the other sheets' formulas use its defined names
    plan_tasks.plan(ctx)
    plan_tasks.gantt(ctx)
    plan_gates.milestones(ctx)
    plan_gates.raci(ctx)
    plan_registers.risks(ctx)
    plan_registers.stakeholders(ctx)
    plan_registers.interfaces(ctx)
    plan_registers.changes(ctx)
    plan_registers.meetings(ctx)
    plan_cost.rates(ctx)  # before the effort log and the Budget: their formulas read these
    plan_cost.effort(ctx)
    plan_cost.expenses(ctx)
    plan_budget.budget(ctx)
    plan_knowledge.staffing(ctx)
    plan_knowledge.lessons(ctx)
    plan_quality.defects(ctx)
    plan_quality.acceptance(ctx)
    plan_quality.surveys(ctx)
    plan_quality.team(ctx)
    plan_tasks.removed(ctx)
    ctx.book.save(path)

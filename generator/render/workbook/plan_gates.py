"""The Milestones & gates sheet (sign-off columns) and the RACI matrix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from generator.kit_model import Gate, Task
from generator.lessons.checks import lessons_at_gates
from generator.render.workbook.cells import S, col_letter, text_width
from generator.render.workbook.common import bullets, carried, cells_of, list_of, unique
from generator.render.workbook.plan import PlanContext
from generator.render.workbook.styles import ROTATED_CHAR
from generator.sheets import plan as decl


def _gate_values(ctx: PlanContext, key: str, gate: Gate, name: str) -> dict[str, Any]:
    L = ctx.L
    kind = L["k_key_node"] if gate.kind == "key-node" else L["k_phase_gate"]
    return {
        "id": key,
        "name": name,
        "kind": kind,
        "phase": ctx.phase_names.get(gate.phase, gate.phase),
        "date": gate.date,
        "entry": bullets(gate.entry_criteria),
        "exit": bullets(gate.exit_criteria),
        "signoff": ctx.roles_text(gate.signoff),
        "lessons": bullets([x.title for x in lessons_at_gates(ctx.kit).get(gate.id, ())]),
    }


def _milestone_values(ctx: PlanContext, task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "name": task.name,
        "kind": ctx.L["k_milestone"],
        "phase": ctx.phase_names.get(task.phase, task.phase),
        "date": task.finish,
        "entry": "",
        "exit": "",
        "signoff": ctx.role(task.owner),
    }


def milestones(ctx: PlanContext) -> None:
    """Milestones and quality gates with entry/exit criteria and the sign-off columns."""
    kit, L, spec = ctx.kit, ctx.L, decl.GATES
    sb = ctx.sheets[spec.key]
    ctx.title(sb, L["s_milestones"])
    cols = ctx.book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for task in kit.tasks:
        if not task.milestone and task.id not in ctx.gates_by_task:
            continue
        gate = ctx.gates_by_task.get(task.id) or next(
            (g for g in kit.gates if g.id == task.gate), None
        )
        if gate is not None:
            seen.add(gate.id)
            rows.append(_gate_values(ctx, task.id, gate, gate.name or task.name))
        else:
            rows.append(_milestone_values(ctx, task))
    for gate in kit.gates:
        if gate.id not in seen:
            rows.append(_gate_values(ctx, gate.task_id or gate.id, gate, gate.name))
    for values in rows:
        values.update(carried(kit, spec, spec.key, values["id"]))
        sb.add(cells_of(cols, values))
    last = max(sb.next_row - 1, header + 1)
    first = header + 1
    sb.freeze(f"C{first}")
    sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
    st = sb.col("status")
    sb.validation(f"{st}{first}:{st}{last}", ctx.book.list_validation(list_of(spec, "status")))
    so = sb.col("signed_on")
    sb.validation(
        f"{so}{first}:{so}{last}", {"validate": "date", "criteria": ">", "value": date(2000, 1, 1)}
    )


def _vertical_height(labels: Sequence[str], font: str) -> float:
    """Row height (points) for rotated header labels written in ``font``."""
    longest = max((text_width(x) for x in labels), default=8)
    per_char = ROTATED_CHAR.get(font, ROTATED_CHAR["Calibri"])
    return float(min(max(longest * per_char + 10, 40), 260))


def raci(ctx: PlanContext) -> None:
    """Tasks down, roles across: A/R/C/I marks, accountable and responsible shaded."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.RACI, ctx.book
    sb = ctx.sheets[spec.key]
    ctx.title(sb, L["s_raci"], L["raci_note"])
    roles = list(kit.roles)
    cols = book.columns(spec)
    role_headers = unique([r.name for r in roles])
    sb.columns(cols)
    for i in range(len(roles)):
        sb.width(len(cols) + 1 + i, 5.5)
    header = sb.header(
        [*[S(c.header, "header") for c in cols], *[S(h, "header_vertical") for h in role_headers]],
        height=_vertical_height(role_headers, book.font),
    )
    index = {r.id: i for i, r in enumerate(roles)}
    for phase in kit.phases:
        sb.add([str(phase.number), phase.name, "", *[""] * len(roles)], style="summary")
        for tid in phase.task_ids:
            task = ctx.tasks_by_id.get(tid)
            if task is None:
                continue
            marks: dict[int, list[str]] = {}
            for letter, ids in (
                ("A", (task.raci.accountable,) if task.raci.accountable else ()),
                ("R", task.raci.responsible),
                ("C", task.raci.consulted),
                ("I", task.raci.informed),
            ):
                for rid in ids:
                    if rid in index and letter not in marks.setdefault(index[rid], []):
                        marks[index[rid]].append(letter)
            cells: list[Any] = [S("", "center")] * len(roles)
            for i, letters in marks.items():
                cells[i] = S("/".join(letters), "center")
            sb.add([task.wbs, task.name, "; ".join(task.deliverables), *cells], outline=1)
    last = max(sb.next_row - 1, header + 1)
    lastcol = col_letter(len(cols) + len(roles))
    first_role = col_letter(len(cols) + 1)
    area = f"{first_role}{header + 1}:{lastcol}{last}"
    sb.freeze(f"{first_role}{header + 1}")
    sb.autofilter(f"A{header}:{lastcol}{last}")
    r = header + 1
    for letter, colour in (("A", "#F8CBAD"), ("R", "#C6EFCE")):
        sb.conditional(
            area,
            {
                "type": "formula",
                "criteria": f'=ISNUMBER(SEARCH("{letter}",{first_role}{r}))',
                "format": book.dxf(colour),
                "stop_if_true": True,
            },
        )

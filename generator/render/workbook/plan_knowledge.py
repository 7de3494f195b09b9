"""The plan workbook's knowledge sheets: Staffing and Lessons.

Declared in :mod:`generator.sheets.knowledge`; carried like every declared sheet
(``Kit.entries_of("plan.staffing")`` / ``("plan.lessons")``: the consultant's columns of
generated rows by key, then the rows the team added).

* Staffing: one row per phase and role (:attr:`Kit.staffing`), the competencies needed
  and the required level; the PM fills the person and their level. The gap column is a
  formula (``required - assigned`` levels, or OK) with its value stored, and a red fill
  where the assigned level is below the need.
* Lessons: the pack's lessons (phase, early warning sign, what went wrong, what to do,
  the gate of the lesson's phase to check it at, where it came from), the team's added
  rows, and spare yellow rows to add more; "Share with pack" is a yes/no dropdown read
  by ``implkit lessons harvest``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from generator.competency import needs_text
from generator.i18n import D_, TextTable
from generator.lessons.checks import closing_gates
from generator.render.workbook.cells import Formula, S, col_letter, qtext
from generator.render.workbook.common import (
    ADDED_ROOM,
    added_cells,
    added_rows,
    carried,
    cells_of,
)
from generator.render.workbook.plan import PlanContext
from generator.render.workbook.styles import style_for
from generator.sheets import SheetSpec
from generator.sheets.knowledge import LESSONS, SHARE, STAFFING

SPARE_LESSON_ROWS = 15
Y2K = date(2000, 1, 1)
LABELS = TextTable(
    {
        "staffing": D_("Staffing and competencies"),
        "staffing_note": D_(
            "Per phase the roles and the competency level they need (1 aware, 2 works under guidance, 3 independent, 4 expert who coaches). Name the person and their level: the gap column turns red where the level is below the need."
        ),
        "lessons": D_("Lessons from projects like this one"),
        "lessons_note": D_(
            "Watch for the early warning sign, follow the advice, check at the gate. Add your own lessons in the empty rows and set 'Share with pack' to Yes for those the know-how pack should keep for the next project."
        ),
        "ok": D_("OK"),
        "gap": D_("Gap"),
        "vendor": D_("Vendor"),
        "client": D_("Client"),
        "joint": D_("Joint"),
        "all_phases": D_("All phases"),
        "projects": D_("projects"),
    }
)


def _spare_row(spec: SheetSpec, cols: list[Any]) -> list[Any]:
    """A spare row: every non-formula cell in the yellow input look."""
    out: list[Any] = []
    for col in cols:
        d = spec.column(col.key)
        out.append(None if d.formula else S(None, style_for("consultant", d.type, d.center)))
    return out


def _gap_value(required: Any, level: Any, lab: Mapping[str, str]) -> str:
    if not isinstance(level, (int, float)) or isinstance(level, bool):
        return ""
    if not isinstance(required, (int, float)) or not required:
        return ""
    missing = int(required) - int(level)
    return f"{lab['gap']} {missing}" if missing > 0 else lab["ok"]


def staffing(ctx: PlanContext) -> None:
    """The Staffing sheet: phase x role, needed competencies, assigned person, gap."""
    kit, spec, book = ctx.kit, STAFFING, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["staffing"], lab["staffing_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    sides = {r.id: r.side for r in kit.roles}
    rows: list[list[Any]] = []
    for row in kit.staffing:
        values: dict[str, Any] = {
            "id": row.id,
            "phase": ctx.phase_names.get(row.phase, row.phase),
            "role": ctx.role(row.role),
            "side": lab.get(sides.get(row.role, ""), ""),
            "effort": row.effort,
            "needs": needs_text(row, kit.lang, kit.skills),
            "required": row.required_level or None,
        }
        values.update(carried(kit, spec, spec.key, row.id))
        rows.append(cells_of(cols, values))
    for added in added_rows(kit, spec):
        rows.append(added_cells(spec, cols, added))
    if not rows:
        rows.append(_spare_row(spec, cols))
    rq, lv, gp = sb.col("required"), sb.col("level"), sb.col("gap")
    i_rq, i_lv, i_gp = spec.index("required"), spec.index("level"), spec.index("gap")
    first = header + 1
    for n, cells in enumerate(rows):
        r = first + n
        required = cells[i_rq].value if isinstance(cells[i_rq], S) else cells[i_rq]
        level = cells[i_lv].value if isinstance(cells[i_lv], S) else cells[i_lv]
        cells[i_gp] = Formula(
            f'=IF(OR(NOT(ISNUMBER({lv}{r})),NOT(ISNUMBER({rq}{r})),{rq}{r}=0),"",'
            f"IF({lv}{r}<{rq}{r},{qtext(lab['gap'] + ' ')}&({rq}{r}-{lv}{r}),{qtext(lab['ok'])}))",
            _gap_value(required, level, lab),
        )
        sb.add(cells)
    last = sb.next_row - 1
    vlast = last + ADDED_ROOM
    sb.table("Staffing", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"D{first}")
    sb.validation(
        f"{lv}{first}:{lv}{vlast}",
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 4},
    )
    sb.conditional(
        f"{gp}{first}:{gp}{vlast}",
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER(${lv}{first}),ISNUMBER(${rq}{first}),${lv}{first}<${rq}{first})",
            "format": book.dxf("#FFC7CE", "#9C0006"),
        },
    )


def lessons(ctx: PlanContext) -> None:
    """The lessons register: the pack's lessons, the team's rows, spare rows to add more."""
    kit, spec, book = ctx.kit, LESSONS, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["lessons"], lab["lessons_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    gate_of = {phase: gate.name for phase, gate in closing_gates(kit).items()}
    for lesson in kit.lessons:
        source = kit.pack.name_of(lesson.source.pack)  # the pack as its users name it
        if lesson.projects:
            source = f"{source} · {len(lesson.projects)} {lab['projects']}"
        values: dict[str, Any] = {
            "id": lesson.id,
            "phase": ctx.phase_names.get(lesson.phase, lesson.phase)
            if lesson.phase
            else lab["all_phases"],
            "title": lesson.title,
            "trigger": lesson.trigger,
            "pitfall": lesson.pitfall,
            "advice": lesson.advice,
            "gate": gate_of.get(lesson.phase, "") if lesson.phase else "",
            "source": source,
        }
        values.update(carried(kit, spec, spec.key, lesson.id))
        sb.add(cells_of(cols, values))
    for added in added_rows(kit, spec):
        sb.add(added_cells(spec, cols, added))
    for _ in range(SPARE_LESSON_ROWS):
        sb.add(_spare_row(spec, cols))
    last = sb.next_row - 1
    first = header + 1
    vlast = last + ADDED_ROOM
    sb.table("Lessons", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"C{first}")
    share = sb.col("share")
    sb.validation(f"{share}{first}:{share}{vlast}", book.list_validation(SHARE))
    recorded = sb.col("recorded")
    sb.validation(
        f"{recorded}{first}:{recorded}{vlast}", {"validate": "date", "criteria": ">", "value": Y2K}
    )

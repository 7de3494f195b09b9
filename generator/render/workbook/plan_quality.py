"""The plan workbook's quality and acceptance sheets: Defect log, Acceptance,
Satisfaction (NPS) and Project team.

Declared in :mod:`generator.sheets.quality`; carried like every declared sheet. The
formulas store the value computed here (days to close, responses, NPS, utilisation),
equal to what Excel or LibreOffice computes. Rows the team typed are written back in
their order (rows keyed by the team first, then key-less ones), then spare yellow rows.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from generator.i18n import D_, TextTable
from generator.render.workbook.cells import Formula, S, col_letter
from generator.render.workbook.common import ADDED_ROOM, added_rows, carried, cells_of, display
from generator.render.workbook.plan import PlanContext
from generator.render.workbook.styles import style_for
from generator.sheets import SheetSpec
from generator.sheets.quality import (
    ACCEPTANCE,
    DEFECTS,
    SEVERITY,
    SURVEYS,
    TEAM,
    TEST_CYCLE,
    YES_NO,
)

SPARE_ROWS = 20
Y2K = date(2000, 1, 1)
LABELS = TextTable(
    {
        "defects": D_("Defect log (SIT, UAT and after go-live)"),
        "defects_note": D_(
            "One row per defect: test cycle, severity, found and closed dates. Defects found after go-live count as escaped. The evaluation and the portfolio read this log."
        ),
        "acceptance": D_("Acceptance per gate"),
        "acceptance_note": D_(
            "For each gate: when the deliverables were submitted, whether the client accepted them the first time, how often they were sent back, and the acceptance date."
        ),
        "surveys": D_("Customer satisfaction (NPS) by milestone"),
        "surveys_note": D_(
            "Ask 'How likely are you to recommend this implementation team to a peer?' (0-10) at each gate. NPS = % promoters (9-10) - % detractors (0-6). Add rows for more groups."
        ),
        "team": D_("Consultants on this project"),
        "team_note": D_(
            "Everyone who worked on the project with their planned, actual and available person-days; utilisation = actual / available."
        ),
    }
)


def excel_round(value: float, digits: int = 0) -> float:
    """ROUND as Excel computes it: halves away from zero."""
    factor = 10.0**digits
    scaled = abs(value) * factor
    out = math.floor(scaled + 0.5 + 1e-9) / factor
    return math.copysign(out, value) if out else 0.0


def _spare(spec: SheetSpec, cols: list[Any]) -> list[Any]:
    out: list[Any] = []
    for col in cols:
        d = spec.column(col.key)
        out.append(None if d.formula else S(None, style_for("consultant", d.type, d.center)))
    return out


def _team_rows(ctx: PlanContext, spec: SheetSpec, generated: set[str]) -> list[dict[str, Any]]:
    """The team's rows: keyed rows that are not generated (in their order), then key-less ones."""
    kit = ctx.kit
    out: list[dict[str, Any]] = []
    for key, values in kit.entries_of(spec.key).rows:
        if key in generated:
            continue
        row = {k: display(spec, k, v, kit.lang) for k, v in values}
        row[spec.key_column] = key
        out.append(row)
    out.extend(added_rows(kit, spec))
    return out


def _numbered(
    spec: SheetSpec, cols: list[Any], rows: list[dict[str, Any]], prefix: str, digits: int
) -> list[list[Any]]:
    """The team's rows as they stood, then :data:`SPARE_ROWS` spare rows numbered on from
    the highest ``<prefix><number>`` in use (``D-001``, ``C-01``...)."""
    used = 0
    for row in rows:
        text = str(row.get(spec.key_column) or "")
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            used = max(used, int(text[len(prefix) :]))
    out = [_input_cells(spec, cols, row) for row in rows]
    i_key = spec.index(spec.key_column)
    for n in range(used + 1, used + 1 + SPARE_ROWS):
        cells = _spare(spec, cols)
        cells[i_key] = f"{prefix}{n:0{digits}d}"
        out.append(cells)
    return out


def _input_cells(spec: SheetSpec, cols: list[Any], values: dict[str, Any]) -> list[Any]:
    cells: list[Any] = []
    for col in cols:
        d = spec.column(col.key)
        if d.formula:
            cells.append(None)
        elif col.key == spec.key_column:
            cells.append(values.get(col.key))  # the row's id: generated, locked
        elif d.owner == "consultant" or col.key in values:
            cells.append(S(values.get(col.key), style_for("consultant", d.type, d.center)))
        else:
            cells.append(None)
    return cells


def _value(cell: Any) -> Any:
    return cell.value if isinstance(cell, S) else cell


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def defects(ctx: PlanContext) -> None:
    """The defect log: the team's defects, spare rows; days to close by formula."""
    kit, spec, book = ctx.kit, DEFECTS, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["defects"], lab["defects_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    rows = _numbered(spec, cols, _team_rows(ctx, spec, set()), "D-", 3)
    fo, cl = sb.col("found"), sb.col("closed")
    i_fo, i_cl, i_d = spec.index("found"), spec.index("closed"), spec.index("days")
    for cells in rows:
        r = sb.next_row
        found, closed = _value(cells[i_fo]), _value(cells[i_cl])
        value: Any = ""
        if isinstance(found, date) and isinstance(closed, date):
            value = (closed - found).days
        cells[i_d] = Formula(
            f'=IF(AND(ISNUMBER({fo}{r}),ISNUMBER({cl}{r})),{cl}{r}-{fo}{r},"")', value
        )
        sb.add(cells)
    last = sb.next_row - 1
    first = header + 1
    vlast = last + ADDED_ROOM
    sb.table("Defect_log", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"B{first}")
    for key, lst in (("cycle", TEST_CYCLE), ("severity", SEVERITY)):
        c = sb.col(key)
        sb.validation(f"{c}{first}:{c}{vlast}", book.list_validation(lst))
    for key in ("found", "closed"):
        c = sb.col(key)
        sb.validation(f"{c}{first}:{c}{vlast}", {"validate": "date", "criteria": ">", "value": Y2K})


def acceptance(ctx: PlanContext) -> None:
    """One row per gate: planned date, then the team's submission and acceptance entries."""
    kit, spec, book = ctx.kit, ACCEPTANCE, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["acceptance"], lab["acceptance_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    for gate in kit.gates:
        values: dict[str, Any] = {
            "id": gate.id,
            "gate": gate.name,
            "phase": ctx.phase_names.get(gate.phase, gate.phase),
            "planned": gate.date,
        }
        values.update(carried(kit, spec, spec.key, gate.id))
        sb.add(cells_of(cols, values))
    if not kit.gates:
        sb.add(_spare(spec, cols))
    last = sb.next_row - 1
    first = header + 1
    sb.table("Acceptance", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"C{first}")
    fp = sb.col("first_pass")
    sb.validation(f"{fp}{first}:{fp}{last}", book.list_validation(YES_NO))
    rt = sb.col("returns")
    sb.validation(
        f"{rt}{first}:{rt}{last}",
        {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 99},
    )
    for key in ("submitted", "accepted"):
        c = sb.col(key)
        sb.validation(f"{c}{first}:{c}{last}", {"validate": "date", "criteria": ">", "value": Y2K})


def nps_of(promoters: Any, passives: Any, detractors: Any) -> tuple[Any, Any]:
    """(responses, NPS) as the sheet's formulas compute them ("" where they show nothing).

    NPS = (promoters - detractors) / responses x 100, rounded to a whole number.
    """
    counts = [_num(v) for v in (promoters, passives, detractors)]
    if all(c is None for c in counts):
        return "", ""
    responses = sum(c or 0.0 for c in counts)
    whole: Any = int(responses) if responses == int(responses) else responses
    if not responses:
        return whole, ""
    p, d = counts[0] or 0.0, counts[2] or 0.0
    return whole, excel_round((p - d) / responses * 100)


def surveys(ctx: PlanContext) -> None:
    """NPS surveys: one row per phase gate, the team's added surveys, spare rows."""
    kit, spec, book = ctx.kit, SURVEYS, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["surveys"], lab["surveys_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    rows: list[list[Any]] = []
    gates = [g for g in kit.gates if g.kind == "phase-gate"]
    for gate in gates:
        values: dict[str, Any] = {"id": gate.id, "milestone": gate.name, "planned": gate.date}
        values.update(carried(kit, spec, spec.key, gate.id))
        rows.append(cells_of(cols, values))
    rows += [_input_cells(spec, cols, r) for r in _team_rows(ctx, spec, {g.id for g in gates})]
    rows += [_spare(spec, cols) for _ in range(5)]
    pr, pa, de, rs = (
        sb.col("promoters"),
        sb.col("passives"),
        sb.col("detractors"),
        sb.col("responses"),
    )
    i_pr, i_pa, i_de = spec.index("promoters"), spec.index("passives"), spec.index("detractors")
    i_rs, i_np = spec.index("responses"), spec.index("nps")
    for cells in rows:
        r = sb.next_row
        responses, nps = nps_of(_value(cells[i_pr]), _value(cells[i_pa]), _value(cells[i_de]))
        cells[i_rs] = Formula(f'=IF(COUNT({pr}{r}:{de}{r})=0,"",SUM({pr}{r}:{de}{r}))', responses)
        cells[i_np] = Formula(
            f'=IF(N({rs}{r})=0,"",ROUND(({pr}{r}-{de}{r})/{rs}{r}*100,0))',
            nps,
        )
        sb.add(cells)
    last = sb.next_row - 1
    first = header + 1
    vlast = last + ADDED_ROOM
    sb.table("Satisfaction", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"C{first}")
    for c in (pr, pa, de):
        sb.validation(
            f"{c}{first}:{c}{vlast}",
            {"validate": "integer", "criteria": ">=", "value": 0},
        )
    c = sb.col("surveyed")
    sb.validation(f"{c}{first}:{c}{vlast}", {"validate": "date", "criteria": ">", "value": Y2K})


def team(ctx: PlanContext) -> None:
    """The consultants who worked on the project: days planned, actual, available; utilisation."""
    kit, spec, book = ctx.kit, TEAM, ctx.book
    lab = LABELS[kit.lang]
    sb = ctx.sheets[spec.key]
    ctx.title(sb, lab["team"], lab["team_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    rows = _numbered(spec, cols, _team_rows(ctx, spec, set()), "C-", 2)
    ac, av = sb.col("actual"), sb.col("available")
    i_ac, i_av, i_ut = spec.index("actual"), spec.index("available"), spec.index("utilisation")
    for cells in rows:
        r = sb.next_row
        actual, available = _num(_value(cells[i_ac])), _num(_value(cells[i_av]))
        value: Any = actual / available if actual is not None and available else ""
        cells[i_ut] = Formula(
            f'=IF(AND(ISNUMBER({ac}{r}),ISNUMBER({av}{r}),N({av}{r})>0),{ac}{r}/{av}{r},"")',
            value,
        )
        sb.add(cells)
    last = sb.next_row - 1
    first = header + 1
    sb.table("Project_team", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.freeze(f"B{first}")

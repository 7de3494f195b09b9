"""The registers the team keeps: Risks (+ heat map), Stakeholders, Interface persons,
Change requests and Meetings. All accept added rows (kept by ``implkit build``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from generator.render.workbook.cells import Formula, S, col_letter, date_literal, qtext, serial
from generator.render.workbook.common import (
    ADDED_ROOM,
    added_cells,
    added_rows,
    carried,
    cells_of,
)
from generator.render.workbook.plan import PlanContext
from generator.render.workbook.styles import style_for
from generator.sheets import ListSpec, SheetSpec
from generator.sheets import plan as decl

CR_ROWS = 50
RISK_SPARE_ROWS = 20
Y2K = date(2000, 1, 1)


def _num(value: Any) -> float | None:
    """A number as ISNUMBER sees it (``None`` for blank or text)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _list(spec: SheetSpec, key: str) -> ListSpec:
    found = spec.column(key).list
    assert found is not None, key
    return found


def _blank_input_row(spec: SheetSpec, cols: list[Any]) -> list[Any]:
    """A spare row: every non-formula cell in the yellow input look."""
    out: list[Any] = []
    for col in cols:
        d = spec.column(col.key)
        out.append(None if d.formula else S(None, style_for("consultant", d.type, d.center)))
    return out


def risks(ctx: PlanContext) -> None:
    """The risk register (score and rating by formula), spare rows, and the 5x5 heat map."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.RISKS, ctx.book
    sb = ctx.sheets[spec.key]
    ctx.title(sb, L["s_risks"], L["risk_note"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    first = header + 1
    rows: list[list[Any]] = []
    for risk in kit.risks:
        values: dict[str, Any] = {
            "id": risk.id,
            "risk": risk.title,
            "category": risk.category_name or risk.category,
            "phase": ctx.phase_names.get(risk.phase, risk.phase),
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "owner": ctx.role(risk.owner),
            "trigger": risk.trigger,
            "mitigation": risk.mitigation,
            "contingency": risk.contingency,
        }
        values.update(carried(kit, spec, spec.key, risk.id))
        rows.append(cells_of(cols, values))
    for row in added_rows(kit, spec):
        rows.append(added_cells(spec, cols, row))
    rows += [_blank_input_row(spec, cols) for _ in range(RISK_SPARE_ROWS)]
    last = first + len(rows) - 1
    lk, im, sc = sb.col("likelihood"), sb.col("impact"), sb.col("score")
    i_l, i_i = spec.index("likelihood"), spec.index("impact")
    i_s, i_r = spec.index("score"), spec.index("rating")
    pairs: list[tuple[float | None, float | None]] = []
    for n, cells in enumerate(rows):
        r = first + n
        lv = _num(cells[i_l].value if isinstance(cells[i_l], S) else cells[i_l])
        iv = _num(cells[i_i].value if isinstance(cells[i_i], S) else cells[i_i])
        pairs.append((lv, iv))
        score: Any = lv * iv if lv is not None and iv is not None else ""
        if isinstance(score, float) and score.is_integer():
            score = int(score)
        cells[i_s] = Formula(
            f'=IF(AND(ISNUMBER({lk}{r}),ISNUMBER({im}{r})),{lk}{r}*{im}{r},"")', score
        )
        rating = ""
        if score != "":
            rating = L["r_high"] if score >= 15 else L["r_medium"] if score >= 8 else L["r_low"]
        cells[i_r] = Formula(
            f'=IF({sc}{r}="","",IF({sc}{r}>=15,{qtext(L["r_high"])},'
            f"IF({sc}{r}>=8,{qtext(L['r_medium'])},{qtext(L['r_low'])})))",
            rating,
        )
        sb.add(cells)
    # heat map beside the register: likelihood 5..1 down, impact 1..5 across
    hc = len(cols) + 2  # one empty column between register and heat map
    title_cells = sb.rows[header - 2][0]
    title_cells += [None] * (hc - 1 - len(title_cells))
    title_cells.append(S(L["heat_title"], "label"))
    head_cells = sb.rows[header - 1][0]
    head_cells += [None] * (hc - 1 - len(head_cells))
    head_cells += [S(L["heat_corner"], "header"), *[S(str(i), "header") for i in range(1, 6)]]
    for k, likelihood in enumerate(range(5, 0, -1)):
        target = sb.rows[first - 1 + k][0]
        target += [None] * (hc - 1 - len(target))
        target.append(S(str(likelihood), "header"))
        for impact in range(1, 6):
            count = sum(1 for a, b in pairs if a == likelihood and b == impact)
            formula = f"=COUNTIFS(${lk}${first}:${lk}${last},{likelihood},${im}${first}:${im}${last},{impact})"
            target.append(S(Formula(formula, count), "heat"))
    sb.width(hc, 16)
    for i in range(1, 6):
        sb.width(hc + i, 6)
    heat = f"{col_letter(hc + 1)}{first}:{col_letter(hc + 5)}{first + 4}"
    sb.conditional(
        heat,
        {
            "type": "2_color_scale",
            "min_type": "num",
            "min_value": 0,
            "min_color": "#FFFFFF",
            "max_type": "max",
            "max_color": "#C00000",
        },
    )
    sb.freeze(f"C{first}")
    sb.table("Risks", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    vlast = last + ADDED_ROOM
    sb.validation(
        f"{lk}{first}:{im}{vlast}",
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5},
    )
    st = sb.col("status")
    sb.validation(f"{st}{first}:{st}{vlast}", book.list_validation(_list(spec, "status")))


def _strategy(L: Mapping[str, str], interest: Any, influence: Any) -> str:
    """The stakeholder-grid quadrant the strategy formula computes."""
    if interest in (None, "") or influence in (None, ""):
        return ""
    i, f = _num(interest), _num(influence)
    if i is None or f is None:
        return ""
    if i >= 3 and f >= 3:
        return L["q_manage"]
    if f >= 3:
        return L["q_satisfied"]
    if i >= 3:
        return L["q_informed"]
    return L["q_monitor"]


def stakeholders(ctx: PlanContext) -> None:
    """The stakeholder register with the interest/influence strategy by formula."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.STAKEHOLDERS, ctx.book
    sb = ctx.sheets[spec.key]
    ctx.title(sb, L["s_stakeholders"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    it, inf = sb.col("interest"), sb.col("influence")
    i_st = spec.index("strategy")
    rows: list[list[Any]] = []
    for sh in kit.stakeholders:
        values: dict[str, Any] = {
            "id": sh.id,
            "stakeholder": sh.name,
            "department": sh.department,
            "interest": sh.interest,
            "influence": sh.influence,
            "interface": L["yes"] if sh.interface_person else "",
            "role": ctx.role(sh.role) if sh.role else "",
            "expectations": sh.expectations,
            "engagement": sh.engagement,
        }
        values.update(carried(kit, spec, spec.key, sh.id))
        rows.append(cells_of(cols, values))
    for row in added_rows(kit, spec):
        rows.append(added_cells(spec, cols, row))
    if not rows:
        rows.append(_blank_input_row(spec, cols))
    for cells in rows:
        r = sb.next_row
        raw = [c.value if isinstance(c, S) else c for c in cells]
        value = _strategy(L, raw[spec.index("interest")], raw[spec.index("influence")])
        cells[i_st] = Formula(
            f'=IF(OR({it}{r}="",{inf}{r}=""),"",IF(AND({it}{r}>=3,{inf}{r}>=3),{qtext(L["q_manage"])},'
            f"IF({inf}{r}>=3,{qtext(L['q_satisfied'])},IF({it}{r}>=3,{qtext(L['q_informed'])},{qtext(L['q_monitor'])}))))",
            value,
        )
        sb.add(cells)
    last = sb.next_row - 1
    sb.table("Stakeholders", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols])
    sb.validation(
        f"{it}{header + 1}:{inf}{last + ADDED_ROOM}",
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5},
    )
    sb.freeze(f"C{header + 1}")


def interfaces(ctx: PlanContext) -> None:
    """The joint working group: the business interface person of each department."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.INTERFACES, ctx.book
    sb = ctx.sheets[spec.key]
    ctx.title(sb, spec.title(kit.lang), L["jwg_title"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    departments: dict[str, dict[str, Any]] = {}
    for sh in kit.stakeholders:
        row = departments.get(sh.department)
        if row is None or (sh.interface_person and not row["stakeholder"]):
            departments[sh.department] = {
                "id": sh.id,
                "department": sh.department,
                "stakeholder": sh.name if sh.interface_person else "",
            }
    for values in departments.values():
        values.update(carried(kit, spec, spec.key, values["id"]))
        sb.add(cells_of(cols, values))
    for row in added_rows(kit, spec):
        sb.add(added_cells(spec, cols, row))
    if sb.next_row == header + 1:
        sb.add(_blank_input_row(spec, cols))
    last = sb.next_row - 1
    sb.table(
        "Interface_persons", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols]
    )
    sb.freeze(f"C{header + 1}")


def changes(ctx: PlanContext) -> None:
    """The change-request log for the CCB: numbered rows, all the consultant's but the freeze check."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.CHANGES, ctx.book
    sb = ctx.sheets[spec.key]
    fz = kit.freeze
    note = (
        L["cr_note"].format(fs=fz.start.isoformat(), fe=fz.end.isoformat())
        if fz
        else L["cr_note_nofreeze"]
    )
    ctx.title(sb, L["s_changes"], note)
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    ro = sb.col("raised_on")
    i_f = spec.index("in_freeze")
    rows: list[list[Any]] = []
    for n in range(1, CR_ROWS + 1):
        key = f"CR-{n:03d}"
        cells = _blank_input_row(spec, cols)
        for k, v in carried(kit, spec, spec.key, key).items():
            cells[spec.index(k)] = S(v, cols[spec.index(k)].style)
        cells[0] = key
        rows.append(cells)
    for row in added_rows(kit, spec):
        rows.append(added_cells(spec, cols, row))
    for cells in rows:
        r = sb.next_row
        raised = cells[spec.index("raised_on")]
        raised = raised.value if isinstance(raised, S) else raised
        if fz:
            if isinstance(raised, date):
                value = L["yes"] if fz.start <= raised <= fz.end else L["no"]
            elif raised in (None, ""):
                value = ""
            elif isinstance(raised, (int, float)) and not isinstance(raised, bool):
                inside = serial(fz.start) <= raised <= serial(fz.end)
                value = L["yes"] if inside else L["no"]
            else:
                value = L["no"]  # text sorts after every number: never inside the window
            cells[i_f] = Formula(
                f'=IF({ro}{r}="","",IF(AND({ro}{r}>={date_literal(fz.start)},{ro}{r}<={date_literal(fz.end)}),'
                f"{qtext(L['yes'])},{qtext(L['no'])}))",
                value,
            )
        else:
            cells[i_f] = S(None, "center")
        sb.add(cells)
    last = sb.next_row - 1
    first = header + 1
    vlast = last + ADDED_ROOM
    sb.table(
        "Change_requests", f"A{header}:{col_letter(len(cols))}{last}", [c.header for c in cols]
    )
    sb.freeze(f"B{first}")
    for key in ("impact", "decision"):
        c = sb.col(key)
        sb.validation(f"{c}{first}:{c}{vlast}", book.list_validation(_list(spec, key)))
    for key in ("raised_on", "decided_on"):
        c = sb.col(key)
        sb.validation(f"{c}{first}:{c}{vlast}", {"validate": "date", "criteria": ">", "value": Y2K})


def meetings(ctx: PlanContext) -> None:
    """The recurring ceremonies (cadence, chair, attendees) and the team's own meetings."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.MEETINGS, ctx.book
    sb = ctx.sheets[spec.key]
    ctx.title(sb, L["s_meetings"])
    cols = book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    wd = L["weekdays"].split("|")
    for c in kit.ceremonies:
        values: dict[str, Any] = {
            "id": c.id,
            "meeting": c.name,
            "purpose": c.purpose,
            "cadence": L.get(f"c_{c.cadence}", c.cadence),
            "weekday": wd[c.weekday % 7],
            "time": c.time,
            "minutes": c.minutes,
            "chair": ctx.role(c.chair),
            "attendees": ctx.roles_text(c.attendees),
            "first": c.first,
            "until": c.until,
        }
        values.update(carried(kit, spec, spec.key, c.id))
        sb.add(cells_of(cols, values))
    for row in added_rows(kit, spec):
        sb.add(added_cells(spec, cols, row))
    if sb.next_row == header + 1:
        sb.add(_blank_input_row(spec, cols))
    sb.table(
        "Meetings", f"A{header}:{col_letter(len(cols))}{sb.next_row - 1}", [c.header for c in cols]
    )
    sb.freeze(f"C{header + 1}")

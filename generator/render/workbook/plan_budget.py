"""The Budget (planned vs actual effort and cost by role and phase) and the Calendar sheet."""

from __future__ import annotations

from typing import Any

from generator.render.workbook.book import Col
from generator.render.workbook.cells import Formula, S, col_letter
from generator.render.workbook.common import carried, cells_of, number, unique
from generator.render.workbook.plan import PlanContext
from generator.sheets import plan as decl


def calendar(ctx: PlanContext) -> None:
    """Holidays and make-up workdays the schedule used; each block is one defined name."""
    kit, L, spec = ctx.kit, ctx.L, decl.CALENDAR
    sb = ctx.sheets[spec.key]
    cal = kit.calendar
    note = L["cal_note"].format(
        country=cal.country,
        official=", ".join(str(y) for y in cal.official_years) or L["none"],
        estimated=", ".join(str(y) for y in cal.estimated_years) or L["none"],
    )
    ctx.title(sb, L["s_calendar"], note)
    cols = ctx.book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    wd = L["weekdays"].split("|")
    first = sb.next_row
    hol_last = first + len(cal.holidays) - 1
    for days, kind in ((cal.holidays, L["holiday"]), (cal.workdays, L["workday"])):
        for day in sorted(days, key=lambda d: d.day):
            values = {
                "date": day.day,
                "weekday": wd[day.day.weekday()],
                "type": kind,
                "name": day.name,
                "source": L["official"] if day.official else L["estimated"],
            }
            sb.add(cells_of(cols, values))
    last = sb.next_row - 1
    if cal.holidays:
        ctx.book.define_name("cal_holidays", sb.title, f"$A${first}:$A${hol_last}")
    if cal.workdays:
        ctx.book.define_name("cal_workdays", sb.title, f"$A${hol_last + 1}:$A${last}")
    sb.freeze(f"A{header + 1}")
    sb.autofilter(f"A{header}:{col_letter(len(cols))}{max(last, header)}")


def budget(ctx: PlanContext) -> None:
    """Effort by role and phase from the plan; cost, utilisation and variance by formula."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.BUDGET, ctx.book
    sb = ctx.sheets[spec.key]
    cur = kit.project.currency
    ctx.title(sb, L["s_budget"], L["budget_note"].format(cur=cur))
    phases = list(kit.phases)
    effort: dict[tuple[str, str], float] = {}
    for task in kit.tasks:
        for rid, days in task.effort:
            effort[(rid, task.phase)] = effort.get((rid, task.phase), 0.0) + days
    role_ids = [r.id for r in kit.roles if any(effort.get((r.id, p.id)) for p in phases)]
    known = {r.id for r in kit.roles}
    role_ids += sorted({rid for rid, _ in effort} - known)
    rates = {r.id: r.day_rate for r in kit.roles}
    sides = {r.id: r.side for r in kit.roles}
    declared = book.columns(spec)
    split = spec.index(spec.dynamic_after) + 1
    phase_cols = [
        Col(h, "number", min_width=9, max_width=14) for h in unique([p.name for p in phases])
    ]
    cols = [*declared[:split], *phase_cols, *declared[split:]]
    sb.columns(cols)
    header = sb.header()
    np_ = len(phases)
    p0, pn = col_letter(split + 1), col_letter(split + np_)
    rt, pe, pc = sb.col("rate"), sb.col("planned_effort"), sb.col("planned_cost")
    ae, ac, ut, va = (
        sb.col(k) for k in ("actual_effort", "actual_cost", "utilisation", "variance")
    )
    first = header + 1
    totals: dict[str, float] = {}
    any_actual = False
    phase_totals = [0.0] * np_
    for rid in role_ids:
        r = sb.next_row
        side = sides.get(rid, "vendor")
        mine = carried(kit, spec, spec.key, rid)
        rate = mine.get("rate", rates.get(rid, 0.0))
        actual = mine.get("actual_effort")
        any_actual = any_actual or isinstance(actual, (int, float))
        per_phase = [round(effort.get((rid, p.id), 0.0), 2) for p in phases]
        planned = sum(per_phase)
        p_cost = planned * number(rate)
        a_cost = number(actual) * number(rate)
        values: dict[str, Any] = {
            "id": rid,
            "role": ctx.role(rid),
            "side": L.get(f"s_{side}", side),
            "rate": rate,
            "planned_effort": Formula(f"=SUM({p0}{r}:{pn}{r})" if np_ else "=0", planned),
            "planned_cost": Formula(f"={pe}{r}*{rt}{r}", p_cost),
            "actual_effort": actual,
            # actual cost and utilisation: blank until the role's actual effort is entered
            "actual_cost": Formula(
                f'=IF({ae}{r}="","",{ae}{r}*{rt}{r})', "" if actual in (None, "") else a_cost
            ),
            "utilisation": Formula(
                f'=IF(OR({ae}{r}="",{pe}{r}<=0),"",{ae}{r}/{pe}{r})',
                number(actual) / planned if planned > 0 and actual not in (None, "") else "",
            ),
            # blank until an actual is entered (a fresh kit shows no "-planned cost")
            "variance": Formula(
                f'=IF({ae}{r}="","",{ac}{r}-{pc}{r})',
                "" if actual in (None, "") else a_cost - p_cost,
            ),
        }
        cells = cells_of(cols, values)
        cells[split : split + np_] = per_phase
        sb.add(cells)
        for i, v in enumerate(per_phase):
            phase_totals[i] += v
        for key, v in (("pe", planned), ("pc", p_cost), ("ae", number(actual)), ("ac", a_cost)):
            totals[key] = totals.get(key, 0.0) + v
        if actual not in (None, ""):
            totals["var"] = totals.get("var", 0.0) + a_cost - p_cost
    last = max(sb.next_row - 1, first)
    if not role_ids:
        sb.add([S(None, "text")] * len(cols))
    t = sb.next_row
    total: dict[str, Any] = {
        "role": L["total"],
        "planned_effort": S(
            Formula(f"=SUM({pe}{first}:{pe}{last})", totals.get("pe", 0.0)), "summary_number"
        ),
        "planned_cost": S(
            Formula(f"=SUM({pc}{first}:{pc}{last})", totals.get("pc", 0.0)), "summary_money"
        ),
        "actual_effort": S(
            Formula(
                f'=IF(COUNT({ae}{first}:{ae}{last})=0,"",SUM({ae}{first}:{ae}{last}))',
                totals.get("ae", 0.0) if any_actual else "",
            ),
            "summary_number",
        ),
        "actual_cost": S(
            Formula(
                f'=IF(COUNT({ae}{first}:{ae}{last})=0,"",SUM({ac}{first}:{ac}{last}))',
                totals.get("ac", 0.0) if any_actual else "",
            ),
            "summary_money",
        ),
        "utilisation": S(
            Formula(
                f'=IF(OR(COUNT({ae}{first}:{ae}{last})=0,{pe}{t}<=0),"",{ae}{t}/{pe}{t})',
                totals.get("ae", 0.0) / totals["pe"]
                if any_actual and totals.get("pe", 0.0) > 0
                else "",
            ),
            "summary_percent",
        ),
        "variance": S(
            Formula(
                # the roles that recorded actuals only: a role not yet reported is no saving
                f'=IF(COUNT({ae}{first}:{ae}{last})=0,"",SUM({va}{first}:{va}{last}))',
                totals.get("var", 0.0) if any_actual else "",
            ),
            "summary_money",
        ),
    }
    row = [total.get(c.key, S(None, "summary")) if c.key else None for c in cols]
    for i in range(np_):
        c = col_letter(split + 1 + i)
        row[split + i] = S(
            Formula(f"=SUM({c}{first}:{c}{last})", phase_totals[i]), "summary_number"
        )
    sb.add([v if v is not None else S(None, "summary") for v in row], style="summary")
    sb.freeze(f"C{first}")
    sb.autofilter(f"A{header}:{va}{last}")
    sb.validation(f"{ae}{first}:{ae}{last}", {"validate": "decimal", "criteria": ">=", "value": 0})
    sb.validation(f"{rt}{first}:{rt}{last}", {"validate": "decimal", "criteria": ">=", "value": 0})
    del ut

"""The Budget (planned vs actual effort and cost by role and phase) and the Calendar sheet."""

from __future__ import annotations

from typing import Any

from generator.render.workbook.book import Col
from generator.render.workbook.cells import Formula, S, col_letter, quote_sheet
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


def _log_sum(ctx: PlanContext, key: str, r: int) -> str:
    """SUMIFS of the effort log's column ``key`` over the rows recognised as the role of
    Budget row ``r`` (the log's role id column equals the id in column A)."""
    from generator.sheets.cost import EFFORT

    title, first, last = ctx.ranges[EFFORT.key]
    sheet = quote_sheet(title)

    def rng(k: str) -> str:
        letter = col_letter(EFFORT.index(k) + 1)
        return f"{sheet}!${letter}${first}:${letter}${last}"

    return f'SUMIFS({rng(key)},{rng("role_id")},"="&$A{r})'


def budget(ctx: PlanContext) -> None:
    """Planned and actual effort and cost by role; the removed-from-scope section; totals.

    Planned effort by phase comes from the plan; planned cost = effort x day rate. The
    actuals follow :mod:`generator.tracking.cost`: the role's undated effort priced at
    its day rate plus its effort-log rows (Actual effort sheet) priced when worked, or
    the cost typed over them. Needs the cost sheets' ranges (``ctx.ranges``): write
    :mod:`.plan_cost`'s sheets first.
    """
    from generator.render.workbook.plan_cost import budget_rows, labels
    from generator.sheets.cost import EXPENSES
    from generator.tracking.cost import ledger_of

    kit, L, spec, book = ctx.kit, ctx.L, decl.BUDGET, ctx.book
    lab = labels(kit.lang)
    sb = ctx.sheets[spec.key]
    cur = kit.project.currency
    ctx.title(sb, L["s_budget"], L["budget_note"].format(cur=cur))
    phases = list(kit.phases)
    effort: dict[tuple[str, str], float] = {}
    for task in kit.tasks:
        for rid, days in task.effort:
            effort[(rid, task.phase)] = effort.get((rid, task.phase), 0.0) + days
    main, removed = budget_rows(ctx)
    ledger = ledger_of(kit)
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
    ae, le, ec, ce = (
        sb.col(k) for k in ("actual_effort", "logged_effort", "effort_cost", "cost_entered")
    )
    ac, va = sb.col("actual_cost"), sb.col("variance")
    first = header + 1
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    phase_totals = [0.0] * np_

    def add(key: str, value: Any) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            totals[key] = totals.get(key, 0.0) + float(value)
            counts[key] = counts.get(key, 0) + 1

    def role_row(rid: str) -> None:
        r = sb.next_row
        mine = carried(kit, spec, spec.key, rid)
        rate = mine.get("rate", rates.get(rid, 0.0))
        actual = mine.get("actual_effort")
        entered = mine.get("cost_entered")
        name = ctx.role(rid)
        per_phase = [round(effort.get((rid, p.id), 0.0), 2) for p in phases]
        planned = sum(per_phase)
        p_cost = planned * number(rate)
        lines = [x for x in ledger.effort if x.role == rid]
        logged = sum(x.days for x in lines)
        log_cost = sum(x.days * (ledger.rate_on(rid, x.day) or 0.0) for x in lines)
        has_effort = actual not in (None, "") or logged != 0
        e_cost: Any = number(actual) * number(rate) + log_cost if has_effort else ""
        typed = isinstance(entered, (int, float)) and not isinstance(entered, bool)
        a_cost: Any = entered if typed else e_cost
        values: dict[str, Any] = {
            "id": rid,
            "role": name,
            "side": L.get(f"s_{sides.get(rid, 'vendor')}", sides.get(rid, "vendor")),
            "rate": rate,
            "planned_effort": Formula(f"=SUM({p0}{r}:{pn}{r})" if np_ else "=0", planned),
            "planned_cost": Formula(f"={pe}{r}*{rt}{r}", p_cost),
            "actual_effort": actual,
            "logged_effort": Formula(f"={_log_sum(ctx, 'days', r)}", logged),
            "effort_cost": Formula(
                f'=IF(AND({ae}{r}="",{le}{r}=0),"",N({ae}{r})*{rt}{r}+{_log_sum(ctx, "cost", r)})',
                e_cost,
            ),
            "cost_entered": entered,
            "actual_cost": Formula(f"=IF(ISNUMBER({ce}{r}),{ce}{r},{ec}{r})", a_cost),
            "utilisation": Formula(
                f'=IF(OR(AND({ae}{r}="",{le}{r}=0),{pe}{r}<=0),"",(N({ae}{r})+{le}{r})/{pe}{r})',
                (number(actual) + logged) / planned if has_effort and planned > 0 else "",
            ),
            "variance": Formula(
                f'=IF({ac}{r}="","",{ac}{r}-{pc}{r})', "" if a_cost == "" else a_cost - p_cost
            ),
        }
        cells = cells_of(cols, values)
        cells[split : split + np_] = per_phase
        sb.add(cells)
        for i, v in enumerate(per_phase):
            phase_totals[i] += v
        for key in (
            "planned_effort",
            "planned_cost",
            "actual_effort",
            "logged_effort",
            "effort_cost",
            "cost_entered",
            "actual_cost",
            "variance",
        ):
            value = values[key]
            add(key, value.value if isinstance(value, Formula) else value)

    for rid in main:
        role_row(rid)
    if not main:
        sb.add([S(None, "text")] * len(cols))
    if removed:
        heading = [S(None, "summary")] * len(cols)
        heading[spec.index("role")] = S(lab["removed"], "summary")
        sb.add(heading, style="summary")
        for rid in removed:
            role_row(rid)
    last = max(sb.next_row - 1, first)
    t = sb.next_row

    def total(key: str, style: str, text: str) -> S:
        c = sb.col(key)
        rng = f"{c}{first}:{c}{last}"
        if key in ("planned_effort", "planned_cost", "logged_effort"):
            return S(Formula(f"=SUM({rng})", totals.get(key, 0.0)), style)
        return S(
            Formula(
                f'=IF(COUNT({rng})=0,"",SUM({rng}))',
                totals.get(key, 0.0) if counts.get(key) else "",
            ),
            style,
        )

    row_values: dict[str, Any] = {"role": L["total"]}
    for key in ("planned_effort", "actual_effort", "logged_effort"):
        row_values[key] = total(key, "summary_number", "")
    for key in ("planned_cost", "effort_cost", "cost_entered", "actual_cost", "variance"):
        row_values[key] = total(key, "summary_money", "")
    any_effort = counts.get("actual_effort", 0) > 0 or totals.get("logged_effort", 0.0) != 0
    row_values["utilisation"] = S(
        Formula(
            f'=IF(OR(AND({ae}{t}="",{le}{t}=0),{pe}{t}<=0),"",(N({ae}{t})+{le}{t})/{pe}{t})',
            (totals.get("actual_effort", 0.0) + totals.get("logged_effort", 0.0))
            / totals["planned_effort"]
            if any_effort and totals.get("planned_effort", 0.0) > 0
            else "",
        ),
        "summary_percent",
    )
    row = [row_values.get(c.key, S(None, "summary")) if c.key else None for c in cols]
    for i in range(np_):
        c = col_letter(split + 1 + i)
        row[split + i] = S(
            Formula(f"=SUM({c}{first}:{c}{last})", phase_totals[i]), "summary_number"
        )
    sb.add([v if v is not None else S(None, "summary") for v in row], style="summary")
    # expenses and the actual cost with them (the project's AC, every date)
    title, e_first, e_last = ctx.ranges[EXPENSES.key]
    amount = col_letter(EXPENSES.index("amount") + 1)
    spent = sum(x.amount for x in ledger.expenses)
    x_row = sb.next_row
    extra = [S(None, "summary")] * len(cols)
    extra[spec.index("role")] = S(lab["expenses_total"], "summary")
    extra[spec.index("actual_cost") + np_] = S(
        Formula(f"=SUM({quote_sheet(title)}!${amount}${e_first}:${amount}${e_last})", spent),
        "summary_money",
    )
    sb.add(extra, style="summary")
    grand = [S(None, "summary")] * len(cols)
    grand[spec.index("role")] = S(lab["ac_total"], "summary")
    roles_ac = totals.get("actual_cost", 0.0) if counts.get("actual_cost") else 0.0
    grand[spec.index("actual_cost") + np_] = S(
        Formula(f"=N({ac}{t})+N({ac}{x_row})", roles_ac + spent), "summary_money"
    )
    sb.add(grand, style="summary")
    sb.freeze(f"C{first}")
    sb.autofilter(f"A{header}:{va}{last}")
    sb.validation(f"{ae}{first}:{ae}{last}", {"validate": "decimal", "criteria": ">=", "value": 0})
    sb.validation(f"{rt}{first}:{rt}{last}", {"validate": "decimal", "criteria": ">=", "value": 0})

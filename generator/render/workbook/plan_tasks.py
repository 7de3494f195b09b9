"""The Plan sheet (WBS with phase roll-ups), the Gantt and the Removed-tasks sheet."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from generator.calendar import workdays_between
from generator.kit_model import Kit, Link, Task, TaskProgress
from generator.render.workbook.cells import Formula, S, col_letter
from generator.render.workbook.common import (
    ADDED_ROOM,
    added_cells,
    added_rows,
    carried,
    cells_of,
    display,
    list_of,
    number,
    working_days_formula,
)
from generator.render.workbook.plan import PlanContext
from generator.sheets import plan as decl

DAILY_MAX_DAYS = 70
MARK_PHASE = "▬"
MARK_MILESTONE = "◆"
MARK_GATE = "◈"
MARK_CRITICAL = "●"
FREEZE_FILL = "#E4DFEC"
BASELINE_LINE = "#404040"  # the Gantt's baseline bar: a thick bottom border
SLIP_FILL, SLIP_FONT = "#FFC7CE", "#9C0006"  # a late finish on the Plan sheet


def slip_days(kit: Kit, baseline_finish: date, finish: date) -> int:
    """Working days from ``baseline_finish`` to ``finish`` on the kit's calendar.

    Positive: late (the working days after the baseline finish up to ``finish``);
    negative: early; 0: on the baseline finish.
    """
    one = timedelta(days=1)
    if finish > baseline_finish:
        return workdays_between(kit, baseline_finish + one, finish)
    if finish < baseline_finish:
        return -workdays_between(kit, finish + one, baseline_finish)
    return 0


def baseline_span(kit: Kit, task_ids: Any) -> tuple[date, date] | None:
    """Baseline (start, finish) over ``task_ids`` (earliest start, latest finish).

    None when the kit has no baseline or none of the tasks is in it.
    """
    if kit.baseline is None:
        return None
    found = [b for b in (kit.baseline.task(t) for t in task_ids) if b is not None]
    if not found:
        return None
    return min(b.start for b in found), max(b.finish for b in found)


def _baseline_values(kit: Kit, task_ids: Any, finish: date) -> dict[str, Any]:
    """The Plan sheet's baseline columns (empty when there is no baseline for the row)."""
    span = baseline_span(kit, task_ids)
    if span is None:
        return {}
    return {
        "baseline_start": span[0],
        "baseline_finish": span[1],
        "slip": slip_days(kit, span[1], finish),
    }


def predecessor_text(links: tuple[Link, ...] | list[Link]) -> str:
    """``base.kickoff FS+2; base.uat SS`` (type always shown, lag when not zero)."""
    parts = []
    for link in links:
        lag = f"{link.lag:+d}" if link.lag else ""
        parts.append(f"{link.predecessor} {link.type}{lag}")
    return "; ".join(parts)


def _progress_values(ctx: PlanContext, entry: TaskProgress | None, task_id: str) -> dict[str, Any]:
    """The consultant's columns of a task: ``Kit.progress`` first, else ``Kit.entries``."""
    spec = decl.TASKS
    if entry is None:
        return carried(ctx.kit, spec, spec.key, task_id)
    values = {
        "status": display(spec, "status", entry.status, ctx.kit.lang) if entry.status else None,
        "pct": entry.percent_complete,
        "actual_start": entry.actual_start,
        "actual_finish": entry.actual_finish,
        "notes": entry.notes or None,
    }
    return {k: v for k, v in values.items() if v is not None}


def _task_values(ctx: PlanContext, task: Task) -> dict[str, Any]:
    L = ctx.L
    return {
        "id": task.id,
        "wbs": task.wbs,
        "level": task.outline_level,
        "type": ctx.task_type(task),
        "name": task.name,
        "owner": ctx.role(task.owner),
        "duration": task.duration,
        "effort": round(task.effort_days, 2),
        "start": task.start,
        "finish": task.finish,
        "predecessors": predecessor_text(task.predecessors),
        "deliverables": "; ".join(task.deliverables),
        "critical": L["yes"] if task.critical else "",
        "float": task.total_float,
        **_baseline_values(ctx.kit, (task.id,), task.finish),
    }


def plan(ctx: PlanContext) -> None:
    """The Plan sheet: phase summary rows (roll-up formulas) with their tasks below."""
    kit, L, spec = ctx.kit, ctx.L, decl.TASKS
    sb = ctx.sheets[spec.key]
    note = L["note_plan"].format(
        pack=kit.pack.name, version=kit.pack.version, gen=kit.generator_version
    )
    ctx.title(sb, L["doc_title"], note)
    cols = ctx.book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    c = {k: sb.col(k) for k in ("effort", "start", "finish", "pct")}
    progress = {p.task_id: p for p in kit.progress}
    for phase in kit.phases:
        tasks = [ctx.tasks_by_id[t] for t in phase.task_ids if t in ctx.tasks_by_id]
        rows = [
            (t, _task_values(ctx, t), _progress_values(ctx, progress.get(t.id), t.id))
            for t in tasks
        ]
        prow = sb.next_row
        a, b = prow + 1, prow + len(tasks)
        start_v: date = phase.start
        finish_v: date = phase.finish
        effort: Any = 0.0
        pct: Any = None
        if tasks:
            start_v = min(t.start for t in tasks)
            finish_v = max(t.finish for t in tasks)
            efforts = [number(v["effort"]) for _, v, _ in rows]
            total = sum(efforts)
            weighted = sum(e * number(p.get("pct")) for e, (_, _, p) in zip(efforts, rows))
            effort = Formula(f"=SUM({c['effort']}{a}:{c['effort']}{b})", total)
            pct = Formula(
                f"=IF({c['effort']}{prow}>0,SUMPRODUCT({c['effort']}{a}:{c['effort']}{b},"
                f'{c["pct"]}{a}:{c["pct"]}{b})/{c["effort"]}{prow},"")',
                weighted / total if total > 0 else "",
            )
            start: Any = Formula(f"=MIN({c['start']}{a}:{c['start']}{b})", start_v)
            finish: Any = Formula(f"=MAX({c['finish']}{a}:{c['finish']}{b})", finish_v)
        else:
            start, finish = start_v, finish_v
        days = Formula(
            working_days_formula(kit, f"{c['start']}{prow}", f"{c['finish']}{prow}"),
            workdays_between(kit, start_v, finish_v),
        )
        summary = {
            "id": phase.id,
            "wbs": str(phase.number),
            "level": S(1, "summary_int"),
            "type": L["t_phase"],
            "name": phase.name,
            "owner": "",
            "duration": S(days, "summary_int"),
            "effort": S(effort, "summary_number"),
            "start": S(start, "summary_date"),
            "finish": S(finish, "summary_date"),
            "pct": S(pct, "summary_percent"),
            **{
                k: S(v, "summary_int" if k == "slip" else "summary_date")
                for k, v in _baseline_values(kit, phase.task_ids, finish_v).items()
            },
            # the team's note on a phase row is carried; the rest is rolled up
            "notes": S(carried(kit, spec, spec.key, phase.id).get("notes"), "summary"),
        }
        sb.add(
            [summary.get(col.key, S(None, "summary")) for col in cols],
            style="summary",
        )
        for task, values, mine in rows:
            sb.add(cells_of(cols, {**values, **mine}), outline=max(1, task.outline_level - 1))
    for row in added_rows(kit, spec):
        sb.add(added_cells(spec, cols, row))
    last = sb.next_row - 1
    first = header + 1
    vlast = max(last, first) + ADDED_ROOM
    sb.freeze(f"{sb.col('owner')}{first}")
    sb.autofilter(f"A{header}:{col_letter(len(cols))}{max(last, header)}")
    sb.validation(
        f"{sb.col('status')}{first}:{sb.col('status')}{vlast}",
        ctx.book.list_validation(list_of(spec, "status")),
    )
    pc = sb.col("pct")
    sb.validation(
        f"{pc}{first}:{pc}{vlast}",
        {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
    )
    sb.validation(
        f"{sb.col('actual_start')}{first}:{sb.col('actual_finish')}{vlast}",
        {"validate": "date", "criteria": ">", "value": date(2000, 1, 1)},
    )
    sc = sb.col("slip")
    sb.conditional(
        f"{sc}{first}:{sc}{max(last, first)}",
        {
            "type": "cell",
            "criteria": ">",
            "value": 0,
            "format": ctx.book.dxf(SLIP_FILL, SLIP_FONT),
        },
    )


def removed(ctx: PlanContext) -> None:
    """Tasks that had progress and left the plan (only written when there are some)."""
    kit, L, spec = ctx.kit, ctx.L, decl.REMOVED
    sb = ctx.sheets.get(spec.key)
    if sb is None:
        return
    ctx.title(sb, L["s_removed"], L["note_removed"])
    cols = ctx.book.columns(spec)
    sb.columns(cols)
    header = sb.header()
    for entry in kit.removed:
        values = {"id": entry.task_id, "name": entry.name}
        values.update(_progress_values(ctx, entry, entry.task_id))
        sb.add(cells_of(cols, values))
    last = max(sb.next_row - 1, header + 1)
    sb.freeze(f"A{header + 1}")
    sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
    st = sb.col("status")
    sb.validation(f"{st}{header + 1}:{st}{last}", ctx.book.list_validation(list_of(spec, "status")))


def gantt(ctx: PlanContext) -> None:
    """The Gantt: one row per phase and task, a weekly (or daily) conditional-format timeline."""
    kit, L, spec, book = ctx.kit, ctx.L, decl.GANTT, ctx.book
    sb = ctx.sheets[spec.key]
    first_day = min([kit.project.start, *[t.start for t in kit.tasks]])
    last_day = max([kit.project.finish, *[t.finish for t in kit.tasks]])
    span = (last_day - first_day).days + 1
    daily = span <= DAILY_MAX_DAYS
    if daily:
        step = 1
        periods = [first_day + timedelta(days=i) for i in range(span)]
    else:
        step = 7
        monday = first_day - timedelta(days=first_day.weekday())
        count = (last_day - monday).days // 7 + 1
        periods = [monday + timedelta(days=7 * i) for i in range(count)]
    fz = kit.freeze
    sb.add([f"{L['s_gantt']} — {kit.project.name}"], style="title", height=22)
    period = L["gantt_day"] if daily else L["gantt_week"]
    # row 2: the freeze window as real dates (the shading reads them)
    legend_row = sb.add(
        [
            None,
            S(f"{L['freeze']}:", "label") if fz else None,
            S(fz.start, "date") if fz else None,
            S(fz.end, "date") if fz else None,
            S(period, "note"),
        ]
    )
    base = book.columns(spec)
    ncol = len(base)
    sb.columns(base)
    for i in range(len(periods)):
        sb.width(ncol + 1 + i, 3.2)
    header = sb.header(
        [*[S(col.header, "header") for col in base], *[S(p, "header_date") for p in periods]],
        style="header",
        height=58,
    )
    for i, col in enumerate(base, start=1):
        if col.key.startswith("baseline_"):
            sb.hide(i)
    for phase in kit.phases:
        tasks = [ctx.tasks_by_id[t] for t in phase.task_ids if t in ctx.tasks_by_id]
        pspan = baseline_span(kit, phase.task_ids)
        sb.add(
            [
                str(phase.number),
                phase.name,
                S(phase.start, "summary_date"),
                S(phase.finish, "summary_date"),
                MARK_PHASE,
                "",
                *[S(d, "summary_date") for d in (pspan or (None, None))],
            ],
            style="summary",
        )
        for task in tasks:
            mark = ""
            if task.gate or task.id in ctx.gates_by_task:
                mark = MARK_GATE
            elif task.milestone:
                mark = MARK_MILESTONE
            sb.add(
                [
                    task.wbs,
                    task.name,
                    task.start,
                    task.finish,
                    S(mark, "center"),
                    S(MARK_CRITICAL if task.critical else "", "center"),
                    *(baseline_span(kit, (task.id,)) or (None, None)),
                ],
                outline=1,
            )
    last = max(sb.next_row - 1, header + 1)
    first = header + 1
    c0 = col_letter(ncol + 1)
    cn = col_letter(ncol + len(periods))
    area = f"{c0}{first}:{cn}{last}"
    p = f"{c0}${header}"
    end = f"{p}+{step}"
    sb.freeze(f"{c0}{first}")
    sb.autofilter(f"A{header}:{col_letter(ncol)}{last}")
    r = first
    on_bar = f"$C{r}<{end},$D{r}>={p}"
    rules = [
        (f'AND($E{r}="{MARK_PHASE}",{on_bar})', "#808080"),
        (f'AND($E{r}="{MARK_GATE}",$D{r}>={p},$D{r}<{end})', "#C9A227"),
        (f'AND($E{r}="{MARK_MILESTONE}",$D{r}>={p},$D{r}<{end})', "#1A1A1A"),
        (f'AND($F{r}<>"",{on_bar})', "#C00000"),
        (f"AND({on_bar})", "#5B9BD5"),
        (f"AND(TODAY()>={p},TODAY()<{end})", "#F4B183"),
    ]
    if fz:
        rules.append((f"AND({p}<=$D${legend_row},{end}>$C${legend_row})", FREEZE_FILL))
    line = {"bottom": 5, "bottom_color": BASELINE_LINE}
    drawn: list[tuple[str, str | None, bool]] = [(f, c, False) for f, c in rules]
    if kit.baseline is not None:
        # the baseline bar: a thick line under the cells of the baselined period. Each
        # fill gets a twin with the line before it, and the line alone comes last, since
        # LibreOffice (unlike Excel) applies only the first true rule of a cell.
        bs, bf = sb.col("baseline_start"), sb.col("baseline_finish")
        on_base = f'${bs}{r}<>"",${bs}{r}<{end},${bf}{r}>={p}'
        drawn = [
            item
            for formula, colour in rules
            for item in ((f"AND({on_base},{formula})", colour, True), (formula, colour, False))
        ]
        drawn.append((f"AND({on_base})", None, True))
    for formula, colour, with_line in drawn:
        props: dict[str, Any] = dict(line) if with_line else {}
        if colour:
            props.update({"bg_color": colour, "pattern": 1})
        sb.conditional(
            area,
            {
                "type": "formula",
                "criteria": "=" + formula,
                "format": book.wb.add_format(props),
                "stop_if_true": True,
            },
        )
    # legend below the chart: a colour swatch and what it means
    sb.add([])
    sb.add([None, S(L["legend"], "label")])
    items = [
        (L["lg_phase"], "#808080"),
        (L["lg_task"], "#5B9BD5"),
        (L["lg_critical"], "#C00000"),
        (f"{MARK_MILESTONE} {L['lg_milestone']}", "#1A1A1A"),
        (f"{MARK_GATE} {L['lg_gate']}", "#C9A227"),
        (L["lg_today"], "#F4B183"),
    ]
    baseline_item = None
    if kit.baseline is not None:
        from generator.render.status_text import baseline_label

        # `initial` (saved by `new`) reads "Initial baseline" / 「初始基线」, never the key
        name = kit.baseline.name
        shown = baseline_label(name, kit.lang) if name == "initial" else f"{L['baseline']} {name}"
        baseline_item = L["lg_baseline"].format(name=shown)
    if fz:
        items.append(
            (L["lg_freeze"].format(fs=fz.start.isoformat(), fe=fz.end.isoformat()), FREEZE_FILL)
        )
    for label, colour in items:
        row_no = sb.add([S("", "center"), S(label, "note")])
        sb.conditional(
            f"A{row_no}", {"type": "formula", "criteria": "=TRUE", "format": book.dxf(colour)}
        )
    if baseline_item:
        row_no = sb.add([S("", "center"), S(baseline_item, "note")])
        fmt = book.wb.add_format(line)
        sb.conditional(f"A{row_no}", {"type": "formula", "criteria": "=TRUE", "format": fmt})
    # today and the freeze also mark the header dates
    hdr_area = f"{c0}{header}:{cn}{header}"
    sb.conditional(
        hdr_area,
        {
            "type": "formula",
            "criteria": f"=AND(TODAY()>={c0}{header},TODAY()<{c0}{header}+{step})",
            "format": book.dxf("#F4B183", "#000000"),
            "stop_if_true": True,
        },
    )
    if fz:
        sb.conditional(
            hdr_area,
            {
                "type": "formula",
                "criteria": f"=AND({c0}{header}<=$D${legend_row},{c0}{header}+{step}>$C${legend_row})",
                "format": book.dxf("#B4A7D6", "#000000"),
            },
        )

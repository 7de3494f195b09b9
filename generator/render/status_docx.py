"""The monthly steering-committee status report (Word), one to two A4 pages.

Sections (the order a Chinese PMO's monthly report uses): overview with the RAG per
area and the headline figures, charts (S-curve, milestone trend), 本月完成 completed
this month, 下月计划 planned next month, 里程碑 milestones (baseline, forecast, slip),
风险与问题 risks and issues, 需协调事项 decisions and support needed, 变更 change
requests. The look is :class:`generator.render.docx_common.DocWriter`'s.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.i18n import translator
from generator.render.status_text import (
    LABELS,
    baseline_label,
    changes_pending,
    cost_problems,
    coverage_text,
    tasks_behind,
)

if TYPE_CHECKING:
    from generator.tracking.status import Status, TaskLine

_LIST_MAX = 5


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _shade(cell: Any, colour: str, white: bool = True) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    tc_pr.append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>')
    )
    if white:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                from docx.shared import RGBColor

                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                run.bold = True


def _rows(items: tuple[TaskLine, ...], *, planned: bool) -> list[list[str]]:
    """Table rows of task lines: WBS, task, owner, dates (and % complete when planned)."""
    rows = []
    for line in items[:_LIST_MAX]:
        when = (
            f"{line.start.isoformat()} – {line.finish.isoformat()}"
            if planned
            else line.finish.isoformat()
        )
        row = [line.wbs, line.name, line.owner, when]
        if planned:
            row.append(f"{line.percent:.0%}" if line.percent else "")
        rows.append(row)
    if len(items) > _LIST_MAX:
        rows.append(["", f"… +{len(items) - _LIST_MAX}", "", "", *([""] if planned else [])])
    return rows


def write_status_docx(status: Status, path: Path, lang: str) -> Path:
    """Write the Word status report of ``status`` in ``lang`` to ``path``; returns ``path``."""
    from dataclasses import replace

    from docx.shared import Cm

    from generator.render import status_charts as charts
    from generator.render.docx_common import DocWriter
    from generator.tracking.status import key_milestones

    L, tr = LABELS[lang], translator(lang)

    def heading(text: str) -> None:
        from docx.shared import Pt

        paragraph = doc.heading(text, 1)
        paragraph.paragraph_format.space_before = Pt(5)
        paragraph.paragraph_format.space_after = Pt(2)

    kit = replace(status.kit, lang=lang)  # type: ignore[arg-type]
    kit = replace(kit, project=replace(kit.project, start=status.as_of))  # document dates
    doc = DocWriter(
        kit,
        title=f"{L['title']} {status.as_of.isoformat()}",
        subject=L["subject"],
        category=L["category"],
    )
    p = status.evm.project
    from generator.render.docx_common import ACCENT

    doc.para(f"{L['title']}", size=20, bold=True, color=ACCENT, space_after=2)
    doc.para(f"{kit.project.client} · {kit.project.name}", bold=True, space_after=2)
    colon = tr.colon
    doc.para(
        f"{L['as_of']}{colon}{status.as_of.isoformat()}  ·  "
        f"{L['baseline']}{colon}{baseline_label(status.baseline_name, lang)}",
        size=9,
    )

    heading(L["h_overview"])
    unit = L["person_days"] if status.evm.unit == "person-days" else status.evm.unit
    slip = status.slip
    facts = [
        (
            L["go_live_baseline"],
            status.go_live_baseline.isoformat() if status.go_live_baseline else "",
        ),
        (
            L["go_live_forecast"],
            status.go_live_forecast.isoformat() if status.go_live_forecast else "",
        ),
        (L["slip"], "" if slip is None else f"{slip:+d}"),
        (L["percent"], "" if p.percent_complete is None else f"{p.percent_complete:.1%}"),
        (
            f"{L['pv']} / {L['ev']} / {L['ac']} ({unit})",
            f"{_money(p.pv)} / {_money(p.ev)} / {_money(p.ac) or '–'}",
        ),
        (f"{L['spi']} / {L['cpi']}", f"{_ratio(p.spi) or '–'} / {_ratio(p.cpi) or '–'}"),
        (f"{L['eac']} ({unit})", _money(p.eac) or "–"),
    ]
    rag_headers = [L[f"a_{area}"] for area, _ in status.rag]
    table = doc.table(rag_headers, [[L[rag] for _, rag in status.rag]], [1] * len(status.rag))
    for cell, (_, rag) in zip(table.rows[1].cells, status.rag, strict=True):
        _shade(cell, charts.rag_colour(rag))
    coverage = coverage_text(status, lang, short=True)
    if coverage:  # beside CPI, which it qualifies
        label, value = facts[-2]
        facts[-2] = (label, value + tr.paren(coverage))
    problems = cost_problems(status, lang)
    if problems:
        facts.append((L["cost_records"], L["cost_records_n"].format(n=len(problems))))
    cost = status.evm.cost
    if cost is not None and cost.money and cost.expenses:
        facts.append((f"{L['expenses']} ({unit})", _money(cost.expenses)))
    doc.kv_table(facts, (1.3, 2))

    images = doc.doc.add_table(rows=1, cols=2)
    for cell, png in zip(
        images.rows[0].cells,
        (charts.s_curve(status, lang), charts.trend(status, lang)),
        strict=True,
    ):
        cell.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Cm(8.2))
    doc.para(L["forecast_note"], size=8, italic=True)

    heading(L["h_done"])
    if status.done_this_month:
        doc.table(
            [L["wbs"], L["task"], L["owner"], L["finish"]],
            _rows(status.done_this_month, planned=False),
            [0.5, 4, 1.6, 1.1],
            size=8,
        )
    else:
        doc.para(L["none"])
    heading(L["h_next"])
    if status.next_month:
        doc.table(
            [L["wbs"], L["task"], L["owner"], f"{L['start']} – {L['finish']}", "%"],
            _rows(status.next_month, planned=True),
            [0.5, 3.4, 1.5, 1.9, 0.5],
            size=8,
        )
    else:
        doc.para(L["none"])

    heading(L["h_milestones"])
    rows = [
        [
            m.name,
            m.baseline.isoformat() if m.baseline else "",
            m.forecast.isoformat(),
            "" if m.slip is None else f"{m.slip:+d}",
            L["done"] if m.done else "",
        ]
        for m in key_milestones(status, 8)
    ]
    doc.table(
        [L["milestone"], L["baseline"], L["forecast"], L["slip"], L["status"]],
        rows,
        [3.4, 1.1, 1.1, 0.9, 0.8],
        size=8,
        align_right=(3,),
    )

    heading(L["h_risks"])
    ranked = sorted(status.risks, key=lambda r: not r.assessed)  # stable: by score within
    risk_rows = [
        [
            r.title,
            f"{r.likelihood}×{r.impact}={r.score}"
            + ("" if r.assessed else f" ({L['unassessed_short']})"),
            r.owner,
            r.mitigation,
        ]
        for r in ranked[:3]
    ]
    if risk_rows:
        doc.table(
            [L["risk"], L["score"], L["owner"], L["mitigation"]],
            risk_rows,
            [2.4, 0.8, 1.1, 3.2],
            size=8,
        )
    else:
        doc.para(L["none"])

    heading(L["h_attention"])
    needs: list[str] = []
    ratings = dict(status.rag)
    if ratings.get("schedule") == "red":
        needs.append(L["need_spi"])
    if ratings.get("cost") == "red":
        needs.append(L["need_cost"])
    pending = dict(status.changes).get("pending", 0)
    if pending:
        needs.append(changes_pending(tr, pending))
    stuck = [line for line in status.attention if not line.note.startswith("+")]
    behind = [line for line in status.attention if line.note.startswith("+")]
    sep = tr.colon
    for line in stuck[:3]:
        needs.append(f"{line.wbs} {line.name}{sep}{L.get(line.note, line.note)}")
    if behind:
        names = tr.p("clause separator", "; ").join(f"{x.wbs} {x.name}" for x in behind[:3])
        more = f" … +{len(behind) - 3}" if len(behind) > 3 else ""
        needs.append(tasks_behind(tr, len(behind)) + sep + names + more)
    doc.bullets(needs) if needs else doc.para(L["none"])

    heading(L["h_changes"])
    if status.change_lines:
        doc.table(
            [L["id"], L["change"], L["decision"]],
            [
                [c["id"], c["change"], L.get(c["decision"], c["decision"])]
                for c in status.change_lines[:_LIST_MAX]
            ],
            [0.8, 4.2, 1.2],
            size=8,
        )
    else:
        doc.para(L["none"])
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path

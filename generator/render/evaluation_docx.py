"""The post-project evaluation report (Word), ``reports/evaluation-YYYY-MM-DD.docx``.

Follows the sections of the pack's post-project-evaluation template
(industry_packs/base/templates/05-run/post-project-evaluation.md) with both columns
filled: planned values from the baseline plan, actuals from the kit's entries —
summary, milestones and go-live, effort and cost by role, effort and duration by
phase, consultants and utilisation, change requests, defects, first-pass acceptance
per gate, training, NPS, lessons. The look is :class:`DocWriter`'s.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.evaluation.labels import labels
from generator.render.evaluation_xlsx import summary_pairs
from generator.render.report_tables import figure_text

if TYPE_CHECKING:
    from generator.kit_model import Kit


def _text(kind: str, value: Any, L: dict[str, str]) -> str:
    """A figure as the report prints it (blank as an en dash; numbers grouped)."""
    return figure_text(kind, value, L)


def write_evaluation_docx(data: dict[str, Any], kit: Kit, path: Path, lang: str) -> Path:
    """Write the Word evaluation of ``data`` (from ``kit``) in ``lang`` to ``path``."""
    from generator.render.docx_common import ACCENT, DocWriter

    L = labels(lang)
    p = data["project"]
    as_of = date.fromisoformat(p["as_of"])
    doc_kit = replace(kit, lang=lang)  # type: ignore[arg-type]
    doc_kit = replace(doc_kit, project=replace(doc_kit.project, start=as_of))
    doc = DocWriter(
        doc_kit,
        title=f"{L['eval_title']} — {p['name']}",
        subject=L["eval_subject"],
        category=L["category"],
    )
    doc.para(L["eval_title"], size=20, bold=True, color=ACCENT, space_after=2)
    doc.para(f"{p['client']} · {p['name']}", bold=True, space_after=2)
    baseline = L["initial_baseline"] if p["baseline"] == "initial" else p["baseline"]
    doc.para(f"{L['as_of']}: {p['as_of']} · {L['baseline']}: {baseline}", size=9)

    doc.para(L["template_note"], size=9, italic=True)

    doc.heading(L["h_summary"], 1)
    doc.kv_table(
        [(label, _text(kind, v, L)) for label, kind, v in summary_pairs(data, L)], (1.4, 1)
    )

    doc.heading(L["h_milestones"], 1)
    rows = [
        [
            m["name"],
            _text("date", m["baseline"], L),
            _text("date", m["actual"] or "", L),
            _text("date", m["forecast"], L),
            _text("int", m["slip_working_days"], L),
        ]
        for m in data["milestones"]
    ]
    _table(
        doc,
        [L["milestone"], L["baseline"], L["actual"], L["forecast"], L["slip"]],
        rows,
        (3, 1.2, 1.2, 1.2, 1),
        L,
    )

    doc.heading(L["h_roles"], 1)
    rows = [
        [
            r["name"],
            _text("num", r["planned_days"], L),
            _text("num", r["actual_days"], L),
            _text("num", r["variance_days"], L),
            _text("money", r["planned_cost"], L),
            _text("money", r["actual_cost"], L),
        ]
        for r in data["roles"]
    ]
    headers = [
        L["role"],
        L["planned_days"],
        L["actual_days"],
        L["variance_days"],
        L["planned_cost"],
        L["actual_cost"],
    ]
    _table(doc, headers, rows, (2.4, 1, 1, 1, 1.2, 1.2), L)

    doc.heading(L["h_phases"], 1)
    rows = [
        [
            ph["name"],
            _text("num", ph["planned_days"], L),
            _text("int", ph["planned_duration"], L),
            _text("int", ph["actual_duration"], L),
        ]
        for ph in data["phases"]
    ]
    _table(
        doc,
        [L["phase"], L["planned_days"], L["planned_duration"], L["actual_duration"]],
        rows,
        (2, 1, 1, 1),
        L,
    )

    doc.heading(L["h_team"], 1)
    t = data["team"]
    rows = [
        [
            c["id"],
            c["role"],
            _text("num", c["planned"], L),
            _text("num", c["actual"], L),
            _text("num", c["available"], L),
            _text("pct", c["utilisation"], L),
        ]
        for c in t["consultants"]
    ]
    headers = [
        L["consultant"],
        L["role"],
        L["planned_days"],
        L["actual_days"],
        L["available_days"],
        L["utilisation"],
    ]
    _table(doc, headers, rows, (1.6, 1.6, 1, 1, 1, 1), L)

    _quality(doc, data, L)
    doc.save(path)
    return path


def _table(
    doc: Any,
    headers: list[str],
    rows: list[list[str]],
    widths: tuple[float, ...],
    L: dict[str, str],
) -> None:
    if rows:
        doc.table(headers, rows, widths)
    else:
        doc.para(L["none"], size=9, italic=True)


def _quality(doc: Any, data: dict[str, Any], L: dict[str, str]) -> None:
    c, d, a, s, tr = (
        data["changes"],
        data["defects"],
        data["acceptance"],
        data["satisfaction"],
        data["training"],
    )
    doc.heading(L["h_changes"], 1)
    doc.kv_table(
        [
            (L["requests"], _text("int", c["requests"], L)),
            (
                f"{L['approved']} / {L['rejected']} / {L['open_crs']}",
                f"{c['approved']} / {c['rejected']} / {c['open']}",
            ),
            (L["days_added"], _text("num", c["days_added"], L)),
            (L["cost_added"], _text("money", c["cost_added"], L)),
        ],
        (1.6, 1),
    )
    doc.heading(L["h_quality"], 1)
    sev = d["by_severity"]
    doc.kv_table(
        [
            (L["defects"], str(d["defects"])),
            (
                f"{L['critical']} / {L['major']} / {L['minor']}",
                f"{sev['critical']} / {sev['major']} / {sev['minor']}",
            ),
            (L["escaped"], f"{d['escaped']} ({_text('pct', d['escaped_rate'], L)})"),
            (L["open_defects"], str(d["open"])),
            (L["closure_days"], _text("num", d["closure_days"], L)),
            (L["density"], _text("ratio", d["density"], L)),
        ],
        (1.6, 1),
    )
    doc.heading(L["h_acceptance"], 1)
    rows = [
        [
            g["name"],
            _text("bool", g["first_pass"], L),
            str(g["returns"]),
            _text("date", g["accepted"], L),
        ]
        for g in a["gates"]
    ]
    if rows:
        rows.append(
            [L["first_pass_rate"], _text("pct", a["first_pass_rate"], L), str(a["returns"]), ""]
        )
    _table(
        doc, [L["gate"], L["first_pass"], L["returns"], L["accepted_on"]], rows, (3, 1, 1, 1.2), L
    )
    doc.heading(L["h_training"], 1)
    doc.kv_table(
        [
            (f"{L['held']} / {L['sessions']}", f"{tr.get('held', 0)} / {tr.get('sessions', 0)}"),
            (L["hours"], f"{tr.get('hours_delivered', 0):g} / {tr.get('hours_planned', 0):g}"),
            (L["attendance"], _text("pct", tr.get("attendance"), L)),
            (L["pass_rate"], _text("pct", tr.get("pass_rate"), L)),
            (L["kirkpatrick_1"], _text("num", tr.get("reaction"), L)),
            (
                L["kirkpatrick_2"],
                _text("pct", tr.get("learning_pass_rate"), L)
                + f" ({tr.get('assessed_passed', 0)} / {tr.get('assessed', 0)})",
            ),
        ],
        (1.6, 1),
    )
    doc.heading(L["h_nps"], 1)
    rows = [
        [x["name"], _text("date", x["surveyed"], L), str(x["responses"]), _text("num", x["nps"], L)]
        for x in s["surveys"]
    ]
    if rows:
        rows.append([L["nps"], "", str(s["responses"]), _text("num", s["nps"], L)])
    _table(doc, [L["survey"], L["surveyed"], L["responses"], L["nps"]], rows, (3, 1.2, 1, 1), L)
    doc.heading(L["h_lessons"], 1)
    rows = [[x["phase"], x["title"], x["notes"]] for x in data["lessons"]]
    _table(doc, [L["phase"], L["lesson"], L["notes"]], rows, (1, 2, 3), L)

"""The post-project evaluation workbook ``reports/evaluation-YYYY-MM-DD.xlsx`` (XlsxWriter).

Sheets: Summary (project, go-live baseline vs actual, SPI/CPI, headline quality
figures), Milestones (baseline, actual, forecast, slip), Effort and cost (by role:
planned, actual, variance; by phase: planned effort and duration, actual duration),
Quality (change requests, defects by severity and cycle, first-pass acceptance per
gate, training, NPS per survey, consultants and utilisation, lessons).
Input: the dict of :func:`generator.evaluation.report.evaluation_of`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.evaluation.labels import labels
from generator.render.report_tables import TableBook


def summary_pairs(data: dict[str, Any], L: dict[str, str]) -> list[tuple[str, str, Any]]:
    """(label, kind, value) of the summary table (shared with the Word report)."""
    p = data["project"]
    d, a, s, c = data["defects"], data["acceptance"], data["satisfaction"], data["changes"]
    t = data["team"]
    return [
        (L["client"], "text", p["client"]),
        (L["project"], "text", p["name"]),
        (L["pack"], "text", p["pack_name"]),
        (
            L["baseline"],
            "text",
            L["initial_baseline"] if p["baseline"] == "initial" else p["baseline"],
        ),
        (L["baseline_go_live"], "date", p["baseline_go_live"]),
        (L["go_live"], "date", p["go_live"]),
        (L["slip"], "int", p["slip_working_days"]),
        (L["on_time"], "bool", p["on_time"]),
        (L["early"], "bool", p["early"]),
        (L["delayed_by_changes"], "bool", p["delayed_by_changes"]),
        (L["spi"], "ratio", p["spi"]),
        (L["cpi"], "ratio", p["cpi"]),
        (L["requests"], "int", c["requests"]),
        (L["days_added"], "num", c["days_added"]),
        (L["defects"], "int", d["defects"]),
        (L["density"], "ratio", d["density"]),
        (L["escaped"], "int", d["escaped"]),
        (L["closure_days"], "num", d["closure_days"]),
        (L["first_pass_rate"], "pct", a["first_pass_rate"]),
        (L["nps"], "num", s["nps"]),
        (L["utilisation"], "pct", t["utilisation"]),
        (L["attendance"], "pct", data["training"].get("attendance")),
        (L["pass_rate"], "pct", data["training"].get("pass_rate")),
        (L["kirkpatrick_1"], "num", data["training"].get("reaction")),
        (L["kirkpatrick_2"], "pct", data["training"].get("learning_pass_rate")),
    ]


def write_evaluation_xlsx(data: dict[str, Any], path: Path, lang: str) -> Path:
    """Write the evaluation workbook of ``data`` in ``lang`` to ``path``; returns ``path``."""
    L = labels(lang)
    p = data["project"]
    book = TableBook(
        path,
        lang,
        title=f"{L['eval_title']} — {p['name']}",
        subject=L["eval_subject"],
        company=p["client"],
        when=date.fromisoformat(p["as_of"]),
    )
    head = f"{L['eval_title']} — {p['client']} · {p['name']}"
    ws = book.sheet(L["h_summary"], head, f"{L['as_of']}: {p['as_of']}. {L['template_note']}")
    pairs = summary_pairs(data, L)
    ws.table([L["figure"], L["value"]], ["text", "text"], [], widths=(42, 24))
    ws.row -= 2
    for n, (label, kind, value) in enumerate(pairs, start=ws.row + 1):
        ws.cell(n, 0, "text", label)
        ws.cell(n, 1, kind, value)
    ws.row += len(pairs) + 2

    ws = book.sheet(L["sh_milestones"], L["h_milestones"])
    ws.table(
        [L["milestone"], L["gate"], L["baseline"], L["actual"], L["forecast"], L["slip"]],
        ["text", "bool", "date", "date", "date", "int"],
        [
            [
                m["name"],
                m["gate"],
                m["baseline"],
                m["actual"],
                m["forecast"],
                m["slip_working_days"],
            ]
            for m in data["milestones"]
        ],
        widths=(40, 8, 12, 12, 12, 12),
    )

    ws = book.sheet(L["sh_effort"], L["h_roles"], p["unit"])
    ws.table(
        [
            L["role"],
            L["planned_days"],
            L["actual_days"],
            L["variance_days"],
            L["planned_cost"],
            L["actual_cost"],
            L["variance_cost"],
        ],
        ["text", "num", "num", "num", "money", "money", "money"],
        [
            [
                r["name"],
                r["planned_days"],
                r["actual_days"],
                r["variance_days"],
                r["planned_cost"],
                r["actual_cost"],
                r["variance_cost"],
            ]
            for r in data["roles"]
        ],
        widths=(34, 14, 14, 14, 16, 16, 16),
    )
    ws.table(
        [L["phase"], L["planned_days"], L["planned_duration"], L["actual_duration"]],
        ["text", "num", "int", "int"],
        [
            [ph["name"], ph["planned_days"], ph["planned_duration"], ph["actual_duration"]]
            for ph in data["phases"]
        ],
        caption=L["h_phases"],
    )
    ws.table(
        [
            L["consultant"],
            L["role"],
            L["planned_days"],
            L["actual_days"],
            L["available_days"],
            L["utilisation"],
        ],
        ["text", "text", "num", "num", "num", "pct"],
        [
            [c["id"], c["role"], c["planned"], c["actual"], c["available"], c["utilisation"]]
            for c in data["team"]["consultants"]
        ],
        caption=L["h_team"],
    )
    _quality(book, data, L)
    book.close()
    return path


def _quality(book: TableBook, data: dict[str, Any], L: dict[str, str]) -> None:
    ws = book.sheet(L["sh_quality"], f"{L['h_changes']} · {L['h_quality']} · {L['h_nps']}")
    c, d = data["changes"], data["defects"]
    ws.table(
        [
            L["requests"],
            L["approved"],
            L["rejected"],
            L["open_crs"],
            L["days_added"],
            L["cost_added"],
        ],
        ["int", "int", "int", "int", "num", "money"],
        [
            [
                c["requests"],
                c["approved"],
                c["rejected"],
                c["open"],
                c["days_added"],
                c["cost_added"],
            ]
        ],
        caption=L["h_changes"],
    )
    sev = d["by_severity"]
    ws.table(
        [
            L["defects"],
            L["critical"],
            L["major"],
            L["minor"],
            L["escaped"],
            L["open_defects"],
            L["closure_days"],
            L["density"],
        ],
        ["int", "int", "int", "int", "int", "int", "num", "ratio"],
        [
            [
                d["defects"],
                sev["critical"],
                sev["major"],
                sev["minor"],
                d["escaped"],
                d["open"],
                d["closure_days"],
                d["density"],
            ]
        ],
        caption=L["h_quality"],
    )
    a = data["acceptance"]
    ws.table(
        [L["gate"], L["first_pass"], L["returns"], L["accepted_on"]],
        ["text", "bool", "int", "date"],
        [[g["name"], g["first_pass"], g["returns"], g["accepted"]] for g in a["gates"]]
        + [[L["first_pass_rate"], None, a["returns"], None]],
        caption=f"{L['h_acceptance']}: {_pct(a['first_pass_rate'])}",
    )
    t = data["training"]
    ws.table(
        [L["sessions"], L["held"], L["hours"], L["attendance"], L["pass_rate"]],
        ["int", "int", "text", "pct", "pct"],
        [
            [
                t.get("sessions"),
                t.get("held"),
                f"{t.get('hours_delivered', 0):g} / {t.get('hours_planned', 0):g}",
                t.get("attendance"),
                t.get("pass_rate"),
            ]
        ],
        caption=L["h_training"],
    )
    s = data["satisfaction"]
    ws.table(
        [L["survey"], L["surveyed"], L["responses"], L["nps"]],
        ["text", "date", "int", "num"],
        [[x["name"], x["surveyed"], x["responses"], x["nps"]] for x in s["surveys"]]
        + [[L["nps"], None, s["responses"], s["nps"]]],
        caption=L["h_nps"],
    )
    ws.table(
        [L["phase"], L["lesson"], L["notes"]],
        ["text", "text", "text"],
        [[x["phase"], x["title"], x["notes"]] for x in data["lessons"]],
        caption=L["h_lessons"],
    )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"

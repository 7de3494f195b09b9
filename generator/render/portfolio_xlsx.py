"""The portfolio workbook (XlsxWriter, native charts) from :func:`generator.portfolio.rollup.portfolio`.

Sheets: Summary (the review's headline figures), Projects (one row per kit: pack and
the version the kit was last built from, stale (highlighted) and the last entry's date,
client, phase, baseline vs forecast go-live, on time, SPI, CPI, open red risks and the
risks nobody assessed, open change requests, first-pass acceptance, NPS, defects,
consultants; a note says what stale and unassessed mean), Trend by month
(go-lives on time / late / forecast, stacked column chart), By industry pack (planned
vs actual duration, clustered bar chart) and Not read (kits that could not be read,
with the reason). Same figures, same bytes (document date = the status date).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.evaluation.labels import labels
from generator.portfolio.summary import STALE_DAYS
from generator.render.report_tables import TableBook, TableSheet

PROJECT_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    # (json key, label key, kind, width)
    ("client", "client", "text", 22),
    ("name", "project", "text", 30),
    ("pack", "pack", "text", 14),
    ("pack_version", "pack_version", "text", 10),
    ("stale", "stale", "bool", 8),
    ("last_entry", "last_entry", "date", 13),
    ("phase", "phase_now", "text", 14),
    ("baseline_go_live", "baseline_go_live", "date", 13),
    ("forecast_go_live", "go_live", "date", 13),
    ("on_time", "on_time", "bool", 8),
    ("spi", "spi", "ratio", 8),
    ("cpi", "cpi", "ratio", 8),
    ("open_red_risks", "red_risks", "int", 10),
    ("unassessed_risks", "unassessed", "int", 11),
    ("open_change_requests", "open_crs", "int", 10),
    ("first_pass_rate", "fpa", "pct", 11),
    ("nps", "nps", "num", 8),
    ("defects", "defects", "int", 8),
    ("path", "path", "text", 40),
)


def project_value(project: dict[str, Any], key: str) -> Any:
    """A project row's cell: the pack by its display name (``pack_name``, set by
    :func:`generator.portfolio.names.localise`), else by its id."""
    if key == "pack":
        return project.get("pack_name") or project.get("pack")
    return project.get(key)


def summary_rows(summary: dict[str, Any], L: dict[str, str]) -> list[tuple[str, str, str, Any]]:
    """(json key, label, kind, value) of the headline figures (shared with the HTML)."""
    spec = (
        ("projects", "projects", "int"),
        ("on_time_rate", "on_time_rate", "pct"),
        ("early", "early_n", "int"),
        ("delayed_by_changes", "delayed_n", "int"),
        ("delayed_by_changes_rate", "delayed_rate", "pct"),
        ("defect_rate", "defect_rate", "ratio"),
        ("first_pass_acceptance", "fpa", "pct"),
        ("nps", "nps", "num"),
        ("projects_per_consultant", "per_consultant", "ratio"),
        ("mean_spi", "spi", "ratio"),
        ("mean_cpi", "cpi", "ratio"),
        ("open_red_risks", "red_risks", "int"),
        ("unassessed_risks", "unassessed", "int"),
        ("stale", "stale_n", "int"),
        ("open_change_requests", "open_crs", "int"),
    )
    return [(key, L[label], kind, summary.get(key)) for key, label, kind in spec]


def flags_note(L: dict[str, str]) -> str:
    """What "stale" and "unassessed risks" mean (the Projects sheet's note, the page's legend)."""
    return L["flags_note"].format(days=STALE_DAYS)


def _projects(ws: TableSheet, data: dict[str, Any], L: dict[str, str]) -> None:
    placed = ws.table(
        [L[label] for _k, label, _t, _w in PROJECT_COLUMNS],
        [kind for _k, _l, kind, _w in PROJECT_COLUMNS],
        [[project_value(p, key) for key, *_ in PROJECT_COLUMNS] for p in data["projects"]],
        widths=[w for *_x, w in PROJECT_COLUMNS],
    )
    ws.ws.freeze_panes(placed.first, 2)
    if placed.last >= placed.first:  # a stale kit stands out in the list
        col = next(n for n, (key, *_r) in enumerate(PROJECT_COLUMNS) if key == "stale")
        ws.ws.conditional_format(
            placed.first,
            col,
            placed.last,
            col,
            {"type": "cell", "criteria": "==", "value": f'"{L["yes"]}"', "format": ws.book.f_alert},
        )


def write_portfolio_xlsx(data: dict[str, Any], path: Path, lang: str) -> Path:
    """Write the portfolio workbook of ``data`` in ``lang`` to ``path``; returns ``path``."""
    L = labels(lang)
    book = TableBook(
        path,
        lang,
        title=L["pf_title"],
        subject=L["pf_subject"],
        company="",
        when=date.fromisoformat(data["as_of"]),
    )
    ws = book.sheet(L["s_summary"], L["pf_title"], f"{L['generated']} {data['as_of']}")
    ws.table(
        [L["figure"], L["value"]],
        ["text", "text"],
        [],
        widths=(40, 16),
    )
    ws.row -= 2
    for n, (_key, label, kind, value) in enumerate(
        summary_rows(data["summary"], L), start=ws.row + 1
    ):
        ws.cell(n, 0, "text", label)
        ws.cell(n, 1, kind, value)

    _projects(book.sheet(L["s_projects"], L["s_projects"], flags_note(L)), data, L)

    ws = book.sheet(L["s_months"], L["s_months"])
    months = data["months"]
    placed = ws.table(
        [L["month"], L["on_time_n"], L["late_n"], L["forecast"]],
        ["text", "int", "int", "int"],
        [[m["month"], m["on_time"], m["live"] - m["on_time"], m["forecast"]] for m in months],
        widths=(14, 12, 12, 12),
    )
    if months:
        chart = book.chart("column", L["chart_on_time"], "stacked")
        for col in (1, 2, 3):
            chart.add_series(
                {
                    "name": [ws.name, placed.header, col],
                    "categories": [ws.name, placed.first, 0, placed.last, 0],
                    "values": [ws.name, placed.first, col, placed.last, col],
                }
            )
        ws.ws.insert_chart(placed.header, 5, chart, {"x_scale": 1.3, "y_scale": 1.1})

    ws = book.sheet(L["s_packs"], L["s_packs"])
    packs = data["packs"]
    placed = ws.table(
        [
            L["pack"],
            L["projects"],
            L["planned_duration_avg"],
            L["actual_duration_avg"],
            L["duration_ratio"],
            L["on_time_rate"],
        ],
        ["text", "int", "num", "num", "ratio", "pct"],
        [
            [
                p.get("pack_name") or p["pack"],
                p["projects"],
                p["planned_duration_days"],
                p["actual_duration_days"],
                p["duration_ratio"],
                p["on_time_rate"],
            ]
            for p in packs
        ],
        widths=(18, 10, 16, 16, 12, 12),
    )
    if packs:
        chart = book.chart("bar", L["chart_pack"])
        chart.set_x_axis({"min": 0})  # durations from zero: the bars compare honestly
        for col in (2, 3):
            chart.add_series(
                {
                    "name": [ws.name, placed.header, col],
                    "categories": [ws.name, placed.first, 0, placed.last, 0],
                    "values": [ws.name, placed.first, col, placed.last, col],
                }
            )
        ws.ws.insert_chart(placed.header, 7, chart, {"x_scale": 1.2, "y_scale": 1.0})

    ws = book.sheet(L["s_unreadable"], L["s_unreadable"], L["unreadable_note"])
    ws.table(
        [L["path"], L["reason"]],
        ["text", "text"],
        [[u["path"], u["reason"]] for u in data["unreadable"]],
        widths=(60, 60),
    )
    book.close()
    return path

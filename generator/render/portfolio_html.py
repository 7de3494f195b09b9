"""The portfolio dashboard: one self-contained HTML file (no script, no network).

Charts are inline SVG drawn by matplotlib (text as paths, so Chinese labels show
without any font on the reader's machine; fixed ids and no date: same data, same
bytes). Every figure is in the page as text, and carries its JSON key so tests (and a
PMO's own scripts) can check it: ``<td data-figure="on_time_rate" data-value="0.5">``
in the summary, ``<tr data-path="...">`` with ``<td data-key="spi" data-value="...">``
per project. A stale kit's row has the class ``stale`` and a marked cell (amber,
"⚠ Stale"); a legend under the table says what stale and unassessed risks mean. Every
user text is escaped.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from typing import Any

from generator.evaluation.labels import labels
from generator.i18n import locale_data
from generator.render.portfolio_xlsx import (
    PROJECT_COLUMNS,
    flags_note,
    project_value,
    summary_rows,
)
from generator.render.report_tables import figure_text
from generator.render.status_charts import chart_figure

CSS = """
body{font-family:"Segoe UI","Microsoft YaHei","Noto Sans CJK SC",Arial,sans-serif;margin:24px;color:#222}
h1{color:#1F4E79;font-size:22px;margin:0 0 4px}
h2{color:#1F4E79;font-size:16px;margin:24px 0 8px}
.note{color:#595959;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:150px}
.card .label{font-size:11px;color:#595959}
.card .value{font-size:20px;font-weight:600;color:#1F4E79}
table{border-collapse:collapse;font-size:12px}
th{background:#1F4E79;color:#fff;padding:4px 6px;text-align:left;position:sticky;top:0}
td{border:1px solid #d0d7de;padding:3px 6px}
td.num{text-align:right}
tr.late td{background:#FFF4F4}
tr.stale td{background:#FFF8E1}
.flag{background:#FFE699;color:#7F4F00;font-weight:600;border-radius:3px;padding:0 4px;white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.charts svg{max-width:560px;height:auto}
"""


def shown(kind: str, value: Any, L: dict[str, str]) -> str:
    """A figure as the page shows it ("–" for none; ``num`` without thousands separators)."""
    return figure_text(kind, value, L, grouped=False)


def _raw(value: Any) -> str:
    """The figure's exact value for ``data-value`` (JSON text; "" for none)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text[text.index("<svg") :], flags=re.S)
    return text


def _charts(data: dict[str, Any], L: dict[str, str]) -> list[str]:
    out = []
    months = data["months"]
    if months:
        fig, ax = chart_figure(6, 3)
        names = [m["month"] for m in months]
        on_time = [m["on_time"] for m in months]
        late = [m["live"] - m["on_time"] for m in months]
        ahead = [m["forecast"] for m in months]
        ax.bar(names, on_time, color="#2E7D32", label=L["on_time_n"])
        ax.bar(names, late, bottom=on_time, color="#C62828", label=L["late_n"])
        ax.bar(
            names,
            ahead,
            bottom=[a + b for a, b in zip(on_time, late, strict=True)],
            color="#90A4AE",
            label=L["forecast"],
        )
        ax.set_title(L["chart_on_time"], fontsize=10)
        ax.legend(fontsize=7, loc="upper left")
        ax.tick_params(axis="x", rotation=45)
        out.append(_svg(fig))
    packs = [p for p in data["packs"] if p["planned_duration_days"] is not None]
    if packs:
        fig, ax = chart_figure(6, 0.6 + 0.5 * len(packs))
        ys = list(range(len(packs)))
        ax.barh(
            [y + 0.2 for y in ys],
            [p["planned_duration_days"] for p in packs],
            0.4,
            color="#1F4E79",
            label=L["planned_duration_avg"],
        )
        ax.barh(
            [y - 0.2 for y in ys],
            [p["actual_duration_days"] or 0 for p in packs],
            0.4,
            color="#F9A825",
            label=L["actual_duration_avg"],
        )
        ax.set_yticks(ys, [p.get("pack_name") or p["pack"] for p in packs])
        ax.set_title(L["chart_pack"], fontsize=10)
        ax.legend(fontsize=7, loc="lower right")
        out.append(_svg(fig))
    scored = [p for p in data["projects"] if p["nps"] is not None]
    if scored:
        fig, ax = chart_figure(6, 3)
        ax.bar([p["client"] for p in scored], [p["nps"] for p in scored], color="#1565C0")
        ax.axhline(0, color="#555", linewidth=0.6)
        ax.set_title(L["chart_nps"], fontsize=10)
        ax.tick_params(axis="x", rotation=45)
        out.append(_svg(fig))
    return out


def render_html(data: dict[str, Any], lang: str) -> str:
    """The dashboard page of ``data`` (from :func:`generator.portfolio.rollup.portfolio`)."""
    L = labels(lang)
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{locale_data(lang).page_tag}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(L['pf_title'])} {e(data['as_of'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(L['pf_title'])}</h1>",
        f'<p class="note">{e(L["generated"])} {e(data["as_of"])}</p>',
        f"<h2>{e(L['s_summary'])}</h2>",
        '<div class="cards" id="summary">',
    ]
    for key, label, kind, value in summary_rows(data["summary"], L):
        parts.append(
            f'<div class="card"><div class="label">{e(label)}</div>'
            f'<div class="value" data-figure="{key}" data-value="{e(_raw(value))}">{e(shown(kind, value, L))}</div></div>'
        )
    parts.append("</div>")
    charts = _charts(data, L)
    if charts:
        parts.append('<div class="charts">' + "".join(charts) + "</div>")
    parts.append(f"<h2>{e(L['s_projects'])}</h2>")
    parts.append('<table id="projects"><thead><tr>')
    parts += [f"<th>{e(L[label])}</th>" for _k, label, _t, _w in PROJECT_COLUMNS]
    parts.append("</tr></thead><tbody>")
    for p in data["projects"]:
        classes = " ".join(
            c for c, on in (("late", p["on_time"] is False), ("stale", p.get("stale"))) if on
        )
        parts.append(
            f'<tr data-path="{e(p["path"])}"' + (f' class="{classes}"' if classes else "") + ">"
        )
        for key, _label, kind, _w in PROJECT_COLUMNS:
            css = ' class="num"' if kind in ("int", "num", "ratio", "pct") else ""
            value = project_value(p, key)
            text = e(shown(kind, value, L))
            if key == "stale" and value:  # the marker a PMO scans the list for
                text = f'<span class="flag">⚠ {e(L["stale"])}</span>'
            parts.append(f'<td data-key="{key}" data-value="{e(_raw(value))}"{css}>{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    parts.append(f'<p class="note" id="flags-note">{e(flags_note(L))}</p>')
    parts.append(f"<h2>{e(L['s_months'])}</h2><table id='months'><thead><tr>")
    parts += [
        f"<th>{e(L[k])}</th>" for k in ("month", "live_n", "on_time_n", "early_n", "forecast")
    ]
    parts.append("</tr></thead><tbody>")
    for m in data["months"]:
        row = (m["month"], m["live"], m["on_time"], m["early"], m["forecast"])
        parts.append("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>")
    parts.append("</tbody></table>")
    parts.append(f"<h2>{e(L['s_packs'])}</h2><table id='packs'><thead><tr>")
    heads = (
        "pack",
        "projects",
        "planned_duration_avg",
        "actual_duration_avg",
        "duration_ratio",
        "on_time_rate",
    )
    parts += [f"<th>{e(L[k])}</th>" for k in heads]
    parts.append("</tr></thead><tbody>")
    for p in data["packs"]:
        cells = (
            p.get("pack_name") or p["pack"],
            str(p["projects"]),
            shown("num", p["planned_duration_days"], L),
            shown("num", p["actual_duration_days"], L),
            shown("ratio", p["duration_ratio"], L),
            shown("pct", p["on_time_rate"], L),
        )
        parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    parts.append("</tbody></table>")
    parts.append(f"<h2>{e(L['s_unreadable'])}</h2>")
    if data["unreadable"]:
        parts.append(
            f"<table id='unreadable'><thead><tr><th>{e(L['path'])}</th><th>{e(L['reason'])}</th></tr></thead><tbody>"
        )
        for u in data["unreadable"]:
            parts.append(
                f'<tr data-path="{e(u["path"])}"><td>{e(u["path"])}</td><td>{e(u["reason"])}</td></tr>'
            )
        parts.append("</tbody></table>")
    else:
        parts.append(f'<p class="note">{e(L["none"])}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_portfolio_html(data: dict[str, Any], path: Path, lang: str) -> Path:
    """Write the dashboard to ``path`` (UTF-8); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(data, lang), encoding="utf-8", newline="\n")
    return path

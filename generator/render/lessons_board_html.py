"""The lessons board page (``implkit lessons board -o FILE``): one self-contained HTML file.

The portfolio dashboard's style and rules (:mod:`generator.render.portfolio_html`): no
script, nothing loaded from the network (a Content-Security-Policy says so), the same
CSS. At the top the period and the totals (contributions, people named, distinct lessons,
projects, packs on the board); then By person, By pack and Contributions, the workbook's
three sheets (:mod:`generator.render.lessons_board_xlsx`, whose texts it shows). Every
figure is in the page as text and carries its JSON key, so tests and a reviewer's own
scripts can check it: ``<div data-figure="total" data-value="5">``, ``<tr data-person=...>``
/ ``<tr data-pack=...>`` with ``<td data-key="contributions" data-value="2">``.

Names, projects, clients and titles are typed by people into kits and packs: every one is
escaped (``& < > " '``), and the line separators U+2028/U+2029 are written as character
references, so no text becomes markup. No date of writing: same board, same bytes.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from generator.i18n import D_, DC_, TextTable, locale_data
from generator.render.lessons_board_xlsx import LABELS
from generator.render.portfolio_html import CSS

PAGE = TextTable(
    {
        "n_packs": DC_("count", "Packs"),
        "rule": D_(
            "A contribution is one project sharing one lesson into a pack on one date "
            "(recorded in the kit's Lessons sheet, Shared by, and harvested into the pack); "
            "names match ignoring case and extra spaces."
        ),
        "nothing": D_("No contributions in this period."),
    }
)

BOARD_CSS = (
    CSS
    + """
td.bar{min-width:120px}
.bar span{display:inline-block;height:10px;background:#1F4E79;border-radius:2px}
"""
)


def _e(text: object) -> str:
    """``text`` escaped for HTML text and quoted attributes."""
    return html.escape(str(text)).replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;")


def totals(data: dict[str, Any]) -> list[tuple[str, int]]:
    """The figures at the top: (key, value) for ``total`` contributions, ``people`` named,
    distinct ``lessons`` (a lesson per pack), ``projects`` and ``packs`` on the board."""
    items = data["contributions"]
    return [
        ("total", data["total"]),
        ("people", sum(1 for p in data["people"] if p["person"])),
        ("lessons", len({(c["pack"], c["lesson"]) for c in items})),
        ("projects", len({c["project"] for c in items})),
        ("packs", len(data["packs"])),
    ]


def _cell(key: str, value: Any, shown: str | None = None, css: str = "") -> str:
    raw = value if isinstance(value, str) else str(value)
    text = _e(raw if shown is None else shown)
    klass = f' class="{css}"' if css else ""
    return f'<td data-key="{key}" data-value="{_e(raw)}"{klass}>{text}</td>'


def _table(ident: str, heads: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    return (
        f'<table id="{ident}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_board_html(data: dict[str, Any], lang: str) -> str:
    """The board page of ``data`` (:meth:`generator.lessons.board.Board.as_dict`) in ``lang``."""
    L = LABELS[lang]
    P = PAGE[lang]
    names = {p["pack"]: p["name"] for p in data["packs"]}
    period = L["period"].format(start=data["from"] or L["open"], end=data["to"] or L["open"])
    heads = {
        "total": L["n_contributions"],
        "people": L["n_people"],
        "lessons": L["n_lessons"],
        "projects": L["n_projects"],
        "packs": P["n_packs"],
    }
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{locale_data(lang).page_tag}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(L['title'])} · {_e(period)}</title><style>{BOARD_CSS}</style></head><body>",
        f"<h1>{_e(L['title'])}</h1>",
        f'<p class="note" id="period">{_e(period)}</p>',
        f'<p class="note">{_e(L["subject"])}</p>',
        '<div class="cards" id="totals">',
    ]
    for key, value in totals(data):
        parts.append(
            f'<div class="card"><div class="label">{_e(heads[key])}</div>'
            f'<div class="value" data-figure="{key}" data-value="{value}">{value}</div></div>'
        )
    parts.append("</div>")

    parts.append(f"<h2>{_e(L['people'])}</h2>")
    if data["people"]:
        most = max(p["contributions"] for p in data["people"])
        rows = []
        for p in data["people"]:
            width = round(100 * p["contributions"] / most)
            rows.append(
                f'<tr data-person="{_e(p["person"])}">'
                + _cell("person", p["person"], p["person"] or L["not_named"])
                + _cell("contributions", p["contributions"], css="num")
                + '<td class="bar" aria-hidden="true">'
                + f'<span style="width:{width}%"></span></td>'
                + _cell("lessons", p["lessons"], css="num")
                + _cell("projects", p["projects"], css="num")
                + _cell(
                    "packs", ",".join(p["packs"]), ", ".join(names.get(k, k) for k in p["packs"])
                )
                + "</tr>"
            )
        people_heads = [L["person"], L["n_contributions"], "", L["n_lessons"], L["n_projects"]]
        parts.append(_table("people", [*people_heads, L["pack_list"]], rows))
    else:
        parts.append(f'<p class="note" id="people-none">{_e(P["nothing"])}</p>')

    parts.append(f"<h2>{_e(L['packs'])}</h2>")
    rows = [
        f'<tr data-pack="{_e(p["pack"])}">'
        + _cell("name", p["name"])
        + "".join(
            _cell(k, p[k], css="num") for k in ("contributions", "lessons", "people", "projects")
        )
        + "</tr>"
        for p in data["packs"]
    ]
    pack_heads = [L["pack"], L["n_contributions"], L["n_lessons"], L["n_people"], L["n_projects"]]
    parts.append(_table("packs", pack_heads, rows))

    parts.append(f"<h2>{_e(L['contributions'])}</h2>")
    if data["contributions"]:
        rows = [
            "<tr>"
            + _cell("date", c["date"])
            + _cell("person", c["person"], c["person"] or L["not_named"])
            + _cell("pack", c["pack"], names.get(c["pack"], c["pack"]))
            + "".join(_cell(k, c[k]) for k in ("project", "client", "lesson", "title"))
            + "</tr>"
            for c in data["contributions"]
        ]
        keys = ("date", "person", "pack", "project", "client", "lesson", "lesson_title")
        parts.append(_table("contributions", [L[k] for k in keys], rows))
    else:
        parts.append(f'<p class="note" id="contributions-none">{_e(P["nothing"])}</p>')
    parts.append(f'<p class="note" id="rule">{_e(P["rule"])}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_board_html(data: dict[str, Any], path: Path, lang: str) -> Path:
    """Write the board page of ``data`` in ``lang`` to ``path`` (UTF-8); returns ``path``."""
    path.write_text(render_board_html(data, lang), encoding="utf-8", newline="\n")
    return path

"""The lessons board workbook (``implkit lessons board -o FILE.xlsx``) in the portfolio's style.

Sheets: By person (contributions, distinct lessons, projects, packs), By pack (the same per
pack given, also packs without contributions in the period) and Contributions (one row per
provenance entry: date, person, pack, project, client, lesson id and title). Written
through :class:`generator.render.report_tables.TableBook`: the reports' fonts, the formula
guard on every text (a name typed as ``=1+1`` stays text), fixed document date (the end of
the period, else the newest contribution): same board, same bytes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.i18n import D_, DC_, TextTable

LABELS = TextTable(
    {
        "title": D_("Lessons board"),
        "subject": D_("Lessons contributed to the industry packs, per person and per pack"),
        "period": D_("Period: {start} to {end}"),
        "open": D_("(open)"),
        "people": D_("By person"),
        "packs": D_("By pack"),
        "contributions": D_("Contributions"),
        "person": DC_("person", "Person"),
        "not_named": D_("(not named)"),
        "n_contributions": DC_("count", "Contributions"),
        "n_lessons": DC_("count", "Lessons"),
        "n_projects": D_("Projects"),
        "n_people": DC_("count", "People"),
        "pack_list": D_("Packs"),
        "pack": D_("Industry pack"),
        "date": D_("Recorded on"),
        "project": D_("Project"),
        "client": DC_("client name", "Client"),
        "lesson": D_("Lesson id"),
        "lesson_title": D_("Lesson"),
    }
)


def write_board_xlsx(data: dict[str, Any], path: Path, lang: str) -> Path:
    """Write the board ``data`` (:meth:`generator.lessons.board.Board.as_dict` plus the
    pack names) in ``lang`` to ``path``; returns ``path``."""
    from generator.render.report_tables import TableBook

    L = LABELS[lang]
    names = {p["pack"]: p["name"] for p in data["packs"]}
    newest = data["contributions"][0]["date"] if data["contributions"] else "2000-01-01"
    when = date.fromisoformat(data["to"] or newest)
    period = L["period"].format(start=data["from"] or L["open"], end=data["to"] or L["open"])
    book = TableBook(path, lang, title=L["title"], subject=L["subject"], company="", when=when)

    ws = book.sheet(L["people"], L["title"], period)
    placed = ws.table(
        [L["person"], L["n_contributions"], L["n_lessons"], L["n_projects"], L["pack_list"]],
        ["text", "int", "int", "int", "text"],
        [
            [
                p["person"] or L["not_named"],
                p["contributions"],
                p["lessons"],
                p["projects"],
                ", ".join(names.get(k, k) for k in p["packs"]),
            ]
            for p in data["people"]
        ],
        widths=(24, 14, 10, 10, 36),
    )
    ws.ws.freeze_panes(placed.first, 1)

    ws = book.sheet(L["packs"], L["packs"], period)
    ws.table(
        [L["pack"], L["n_contributions"], L["n_lessons"], L["n_people"], L["n_projects"]],
        ["text", "int", "int", "int", "int"],
        [
            [p["name"], p["contributions"], p["lessons"], p["people"], p["projects"]]
            for p in data["packs"]
        ],
        widths=(28, 14, 10, 10, 10),
    )

    ws = book.sheet(L["contributions"], L["contributions"], period)
    placed = ws.table(
        [
            L["date"],
            L["person"],
            L["pack"],
            L["project"],
            L["client"],
            L["lesson"],
            L["lesson_title"],
        ],
        ["date", "text", "text", "text", "text", "text", "text"],
        [
            [
                c["date"],
                c["person"] or L["not_named"],
                names.get(c["pack"], c["pack"]),
                c["project"],
                c["client"],
                c["lesson"],
                c["title"],
            ]
            for c in data["contributions"]
        ],
        widths=(12, 20, 20, 24, 20, 32, 48),
    )
    ws.ws.freeze_panes(placed.first, 0)
    ws.ws.autofilter(placed.header, 0, max(placed.last, placed.header), placed.cols - 1)
    book.close()
    return path

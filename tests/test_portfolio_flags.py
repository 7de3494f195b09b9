"""The portfolio's stale flag and unassessed risks reach the workbook and the dashboard.

Three kits of the base pack as ``new`` writes them (tests/kits.py), at AS_OF:
- fresh: started 2026-03-02, ``status`` run at AS_OF (its snapshot is an entry that day);
- stale: started 2026-03-02, nothing entered in the 9 months since;
- next year: starts 2027-03-01, nothing entered (too young to be stale, not live).
No risk is assessed in any kit, so each has every risk of its risk register unassessed
and none red. The workbook is read back after LibreOffice has opened and saved it; the
page is read as written and as chromium renders it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.evaluation.labels import labels
from tests.kits import pristine
from tests.portfolio_fixtures import AS_OF, baseline_go_live, run

START = "2026-03-02"
CLIENTS = {"fresh": "Fresh Foods", "stale": "Stale Steel", "next": "Next Year Retail"}


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("flags")
    made = {
        "fresh": pristine(root / "kit-fresh", "base", "--start", START),
        "stale": pristine(root / "kit-stale", "base", "--start", START),
        "next": pristine(root / "kit-next", "base", "--start", "2027-03-01"),
    }
    for name, kit in made.items():  # the client as a consultant would set it in project.yaml
        yaml = kit / "project.yaml"
        text = yaml.read_text(encoding="utf-8")
        text, n = re.subn(r"(?m)^client: .*$", f"client: {CLIENTS[name]}", text)
        assert n == 1
        yaml.write_text(text, encoding="utf-8")
    run("status", str(made["fresh"]), "--as-of", AS_OF.isoformat())
    return made


def _portfolio(kits: dict[str, Path], out: Path, lang: str) -> dict[str, Any]:
    return run(
        "portfolio",
        str(kits["fresh"].parent),
        "--as-of",
        AS_OF.isoformat(),
        "--lang",
        lang,
        "-o",
        str(out),
    )


@pytest.fixture(scope="module")
def rolled(kits: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("pf")
    return {lang: _portfolio(kits, out / f"pf-{lang}.xlsx", lang) for lang in ("en", "zh")}


def _register_risks(kit: Path) -> int:
    """Risks in the kit's plan workbook as ``new`` wrote them: rows of its Risks sheet below
    the header with an id and a risk text (the spare rows for new risks have neither)."""
    book = load_workbook(kit / "plan" / "project-plan.xlsx", read_only=True)
    try:
        rows = list(book["Risks"].iter_rows(values_only=True))
    finally:
        book.close()
    header = next(n for n, row in enumerate(rows) if row[:2] == ("Id", "Risk"))
    return sum(1 for row in rows[header + 1 :] if row[0] and row[1])


def _by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(p["path"]).name.removeprefix("kit-"): p for p in data["projects"]}


def test_json_flags_the_stale_kit_only_and_counts_unassessed_risks(
    kits: dict[str, Path], rolled: dict[str, Any]
) -> None:
    rows = _by_name(rolled["en"])
    assert set(rows) == {"fresh", "stale", "next"}
    fresh, stale, nxt = rows["fresh"], rows["stale"], rows["next"]
    assert stale["stale"] is True and stale["last_entry"] is None
    assert fresh["stale"] is False and fresh["last_entry"] == AS_OF.isoformat()
    # a kit that starts next year: not stale (not 5 weeks old), not live, no "on time" yet
    assert nxt["stale"] is False and nxt["live"] is False
    assert nxt["on_time"] is None and nxt["early"] is None
    assert nxt["forecast_go_live"] == baseline_go_live(kits["next"]).isoformat()
    assert nxt["forecast_go_live"] > AS_OF.isoformat()
    for name, row in rows.items():  # nothing assessed: every register risk is unassessed
        assert row["open_red_risks"] == 0
        assert row["unassessed_risks"] == _register_risks(kits[name]) > 0, name
    summary = rolled["en"]["summary"]
    assert summary["stale"] == 1
    assert summary["unassessed_risks"] == sum(r["unassessed_risks"] for r in rows.values())


WORDS = {
    "en": {"stale": "Stale", "last": "Last entry", "unassessed": "Unassessed risks"},
    "zh": {"stale": "停滞", "last": "最近记录日期", "unassessed": "未评估风险"},
}
SUMMARY = {"en": ("Stale projects", "Unassessed risks"), "zh": ("停滞项目", "未评估风险")}
YES_NO = {"en": ("Yes", "No"), "zh": ("是", "否")}


@pytest.fixture(scope="module")
def recalculated(
    rolled: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[Path, Path]:
    """Each language's portfolio workbook -> its copy LibreOffice opened and saved: both
    in one soffice run (each start costs ~2.5 CPU-s before it converts)."""
    from tests.office import recalculated_copies

    books = [Path(rolled[lang]["files"][0]) for lang in ("en", "zh")]
    return recalculated_copies(books, tmp_path_factory.mktemp("pf-recalc"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_workbook_read_back_by_libreoffice_has_the_flags(
    rolled: dict[str, Any], lang: str, recalculated: dict[Path, Path]
) -> None:
    data = rolled[lang]
    xlsx = Path(data["files"][0])
    copy = recalculated[xlsx]  # LibreOffice opened and saved it
    book = load_workbook(copy, data_only=True)
    names = book.sheetnames
    projects, summary = book[names[1]], book[names[0]]
    header_row = next(
        n
        for n, row in enumerate(projects.iter_rows(values_only=True), 1)
        if WORDS[lang]["unassessed"] in row
    )
    header = [c.value for c in projects[header_row]]
    col = {k: header.index(w) for k, w in WORDS[lang].items()}
    # the flags sit beside the pack version, the unassessed risks beside the red ones
    assert header[col["stale"] - 1 : col["last"] + 1] == [
        labels(lang)["pack_version"],
        WORDS[lang]["stale"],
        WORDS[lang]["last"],
    ]
    assert header[col["unassessed"] - 1] == labels(lang)["red_risks"]
    yes, no = YES_NO[lang]
    by_client = {
        row[0]: row
        for row in projects.iter_rows(min_row=header_row + 1, values_only=True)
        if row[0]
    }
    want = _by_name(data)
    for name, client in CLIENTS.items():
        row, p = by_client[client], want[name]
        assert row[col["stale"]] == (yes if p["stale"] else no), (lang, name)
        assert row[col["unassessed"]] == p["unassessed_risks"] > 0
        last = row[col["last"]]
        if p["last_entry"] is None:
            assert last is None
        else:
            assert isinstance(last, datetime) and last.date() == date.fromisoformat(p["last_entry"])
    # the note says what the flags mean, with the threshold in days
    note = projects.cell(2, 1).value
    assert "35" in str(note) and WORDS[lang]["unassessed"] in str(note)
    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    stale_label, unassessed_label = SUMMARY[lang]
    assert figures[stale_label] == 1
    assert figures[unassessed_label] == data["summary"]["unassessed_risks"]
    book.close()
    # the stale column is highlighted where it says Yes (a conditional format on the file)
    source = load_workbook(xlsx)
    rules = [
        (str(rng), rule.formula)
        for rng, group in source[names[1]].conditional_formatting._cf_rules.items()
        for rule in group
    ]
    source.close()
    assert any(f'"{yes}"' in (formula or [""])[0] for _r, formula in rules), rules


NOTE = {"en": "no status in the 35 days", "zh": "35 天内"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dashboard_marks_the_stale_kit(rolled: dict[str, Any], lang: str, tmp_path: Path) -> None:
    from tests.test_portfolio import _cells
    from tests.test_site import _browser

    data = rolled[lang]
    page = Path(data["files"][1])
    dom = _browser(["--dump-dom", page.as_uri()], tmp_path)  # as chromium renders it
    summary, cells = _cells(dom)
    assert summary["stale"] == "1"
    assert summary["unassessed_risks"] == str(data["summary"]["unassessed_risks"])
    marker = f"⚠ {WORDS[lang]['stale']}"
    rows = {
        Path(path).name.removeprefix("kit-"): (attrs, body)
        for path, attrs, body in re.findall(
            r'<tr data-path="([^"]+)"([^>]*)>(.*?)</tr>', dom, flags=re.S
        )
    }
    for name, p in _by_name(data).items():
        attrs, body = rows[name]
        shown = cells[p["path"]]
        assert shown["stale"] == ("true" if p["stale"] else "false")
        assert shown["unassessed_risks"] == str(p["unassessed_risks"])
        assert shown["last_entry"] == (p["last_entry"] or "")
        # the stale kit's row is marked (class and the flag in its cell); the others are not
        assert ("stale" in attrs) is p["stale"], (name, attrs)
        assert (marker in body) is p["stale"], name
    headers = re.findall(r"<th>([^<]*)</th>", dom)
    assert {WORDS[lang]["stale"], WORDS[lang]["last"], WORDS[lang]["unassessed"]} <= set(headers)
    legend = re.search(r'<p class="note" id="flags-note">([^<]*)</p>', dom)
    assert legend and NOTE[lang] in legend.group(1)

"""The lessons board page (``implkit lessons board -o``) opened in headless chromium: the
visible totals and tables equal the ``--json`` figures in English and Chinese, a hostile
"Shared by" name and project name stay text, the page goes beside the workbook (either way
round, nothing else written), same board same bytes, and a screenshot per language."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.i18n import translator
from generator.lessons.harvest import harvest
from generator.render.lessons_board_xlsx import LABELS
from tests.lessons_fixtures import RECORDED, add_register
from tests.test_lessons_board import PARAMS, harvested  # noqa: F401  (the shared fixture)
from tests.test_lessons_harvest import TODAY

HOSTILE = "<img src=x onerror=alert(1)> & \"Bob\" 'O'"
HOSTILE_PROJECT = "Tom & Jerry </td><script>alert(2)</script>\u2028line two"


class Page(HTMLParser):
    """The DOM's cards (figure -> shown text), tables (id -> header texts, rows of cell
    texts with their row attributes) and every start tag met."""

    def __init__(self, dom: str) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: dict[str, str] = {}
        self.tables: dict[str, dict[str, Any]] = {}
        self.tags: list[str] = []
        self.notes: dict[str, str] = {}
        self._table: str | None = None
        self._row: dict[str, Any] | None = None
        self._text: list[str] | None = None
        self._sink: tuple[str, str] | None = None
        self.feed(dom)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "table":
            self._table = a["id"]
            self.tables[a["id"]] = {"heads": [], "rows": []}
        elif tag == "tr" and self._table:
            self._row = {"attrs": a, "cells": []}
        elif tag in ("td", "th"):
            self._text = []
        elif "data-figure" in a:
            self._sink, self._text = ("card", a["data-figure"]), []
        elif tag == "p" and "id" in a:
            self._sink, self._text = ("note", a["id"]), []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or [])
        if tag in ("td", "th") and self._row is not None:
            self._row["cells"].append(text)
            self._text = None
        elif tag == "tr" and self._row is not None and self._table:
            if self._row["cells"] and not self._row["attrs"] and self._table_heads_missing():
                self.tables[self._table]["heads"] = self._row["cells"]
            else:
                self.tables[self._table]["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif self._sink and tag in ("div", "p"):
            kind, key = self._sink
            (self.cards if kind == "card" else self.notes)[key] = text
            self._sink, self._text = None, None

    def _table_heads_missing(self) -> bool:
        return self._table is not None and not self.tables[self._table]["heads"]


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, ["lessons", "board", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def _page(page: Path, tmp: Path) -> Page:
    from tests.test_site import _browser

    text = page.read_text(encoding="utf-8")
    assert "<script" not in text  # readable without a script, and none to inject into
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//""", text)
    assert "default-src 'none'" in text  # nothing loads from the network
    return Page(_browser(["--dump-dom", page.as_uri()], tmp))


def _rows(page: Page, table: str) -> list[list[str]]:
    return [row["cells"] for row in page.tables[table]["rows"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_in_a_real_browser_equals_the_json(
    harvested: dict[str, Path],  # noqa: F811
    tmp_path: Path,
    lang: str,
) -> None:
    folders = [harvested["base"], harvested["mfg"]]
    out = tmp_path / "out" / "board.xlsx"
    output = _run(*folders, "--lang", lang, "-o", out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["board.html", "board.xlsx"]
    assert str(out.with_suffix(".html")) in output
    data = json.loads(_run(*folders, "--lang", lang, "--json"))
    L = LABELS[lang]
    page = _page(out.with_suffix(".html"), tmp_path)

    items = data["contributions"]
    assert page.cards == {
        "total": str(data["total"]),
        "people": str(len({c["person"].casefold() for c in items if c["person"]})),
        "lessons": str(len({(c["pack"], c["lesson"]) for c in items})),
        "projects": str(len({c["project"] for c in items})),
        "packs": str(len(data["packs"])),
    }
    assert page.cards["total"] == "5" and page.cards["people"] == "2"
    assert page.notes["period"] == L["period"].format(start=L["open"], end=L["open"])

    names = {p["pack"]: p["name"] for p in data["packs"]}
    assert page.tables["people"]["heads"][0] == L["person"]
    assert _rows(page, "people") == [
        [
            p["person"] or L["not_named"],
            str(p["contributions"]),
            "",  # the bar
            str(p["lessons"]),
            str(p["projects"]),
            ", ".join(names[k] for k in p["packs"]),
        ]
        for p in data["people"]
    ]
    assert _rows(page, "packs") == [
        [p["name"], *(str(p[k]) for k in ("contributions", "lessons", "people", "projects"))]
        for p in data["packs"]
    ]
    assert _rows(page, "contributions") == [
        [
            c["date"],
            c["person"] or L["not_named"],
            names[c["pack"]],
            c["project"],
            c["client"],
            c["lesson"],
            c["title"],
        ]
        for c in items
    ]
    if lang == "zh":
        assert page.tables["people"]["heads"][0] == "分享人"
        assert all(
            label in out.with_suffix(".html").read_text("utf-8") for label in ("知识包数", "人数")
        )
        assert all(not re.search(r"[A-Za-z]{4,}", h) for h in page.tables["packs"]["heads"])
    # the machine-readable values beside the shown ones
    first = page.tables["people"]["rows"][0]["attrs"]
    assert first["data-person"] == data["people"][0]["person"]


def test_a_hostile_name_renders_as_text(
    harvested: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    kit = tmp_path / "kits" / "gamma"
    shutil.copytree(harvested["acme"], kit)
    spec = (kit / "project.yaml").read_text(encoding="utf-8")
    spec = spec.replace(
        '"Acme Motors ERP+MES Implementation"', json.dumps(HOSTILE_PROJECT, ensure_ascii=True)
    )
    (kit / "project.yaml").write_text(spec, encoding="utf-8")
    later = RECORDED.replace(day=25)
    add_register(
        kit / "plan" / "project-plan.xlsx",
        [{**PARAMS, "recorded": later, "shared_by": HOSTILE}],
    )
    pack = tmp_path / "packs" / "manufacturing"
    shutil.copytree(harvested["mfg"], pack)
    harvest([kit], pack, today=TODAY)

    out = tmp_path / "out" / "board.html"  # the page named: the workbook goes beside it
    _run(pack, "--from", later.isoformat(), "-o", out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["board.html", "board.xlsx"]
    raw = out.read_text(encoding="utf-8")
    assert "<img" not in raw and "\u2028" not in raw
    page = _page(out, tmp_path)
    assert "img" not in page.tags and "script" not in page.tags
    assert _rows(page, "people")[0][0] == HOSTILE
    assert page.tables["people"]["rows"][0]["attrs"]["data-person"] == HOSTILE
    (row,) = _rows(page, "contributions")
    assert row[1] == HOSTILE and row[3] == HOSTILE_PROJECT


def test_writes_beside_the_workbook_only_and_the_same_bytes(
    harvested: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    first = tmp_path / "a" / "board.xlsx"
    second = tmp_path / "b" / "board.xlsx"
    _run(harvested["mfg"], "-o", first)
    _run(harvested["mfg"], "-o", second)
    assert first.with_suffix(".html").read_bytes() == second.with_suffix(".html").read_bytes()
    assert sorted(p.name for p in first.parent.iterdir()) == ["board.html", "board.xlsx"]
    before = first.with_suffix(".html").read_bytes()

    runner = CliRunner()
    link = tmp_path / "c" / "board.html"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "elsewhere.html")
    for target, message in (
        (link.with_suffix(".xlsx"), "is a link"),
        (tmp_path / "d" / "board.csv", "-o FILE.xlsx"),
    ):
        result = runner.invoke(cli, ["lessons", "board", str(harvested["mfg"]), "-o", str(target)])
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output
    assert sorted(p.name for p in link.parent.iterdir()) == ["board.html"]
    assert not (tmp_path / "elsewhere.html").exists() and not (tmp_path / "d").exists()
    folder = tmp_path / "e" / "board.html"  # where the page would go is a folder
    folder.mkdir(parents=True)
    book = folder.with_suffix(".xlsx")
    result = runner.invoke(cli, ["lessons", "board", str(harvested["mfg"]), "-o", str(book)])
    assert result.exit_code == 2 and "is a folder" in result.output
    assert sorted(p.name for p in folder.parent.iterdir()) == ["board.html"]
    # a failed render keeps the earlier board whole: bad input writes nothing
    result = runner.invoke(
        cli, ["lessons", "board", str(harvested["mfg"]), "--from", "x", "-o", str(first)]
    )
    assert result.exit_code == 2 and first.with_suffix(".html").read_bytes() == before


def test_an_empty_period_says_so(
    harvested: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "board.xlsx"
    _run(harvested["mfg"], "--from", "2030-01-01", "--lang", "zh", "-o", out)
    page = _page(out.with_suffix(".html"), tmp_path)
    nothing = translator("zh")("No contributions in this period.")
    assert page.notes["people-none"] == nothing == page.notes["contributions-none"]
    assert page.cards["total"] == "0" and _rows(page, "packs")[0][1:] == ["0"] * 4


def test_screenshots_en_and_zh(
    harvested: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    from tests.test_site import _browser

    for lang in ("en", "zh"):
        out = tmp_path / lang / "board.xlsx"
        _run(harvested["base"], harvested["mfg"], "--lang", lang, "-o", out)
        shot = tmp_path / f"board-{lang}.png"
        page = out.with_suffix(".html")
        _browser(["--window-size=1400,1000", f"--screenshot={shot}", page.as_uri()], tmp_path)
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank one

"""The portfolio's figures come from the kit, not from what a tool last stored in it.

Two ways a PMO's roll-up used to go quietly wrong: a plan saved by a tool that drops the
stored results of formulas (openpyxl, some online editors) and a pack edited after the
kit's last build. The first must give the same row (the kit computes every figure
itself); the second must be read again (the cache is keyed by the pack's files too).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from generator import api
from generator.portfolio.rollup import CACHE
from industry_packs import __file__ as packs_init
from tests import kits
from tests.portfolio_fixtures import PLAN, fill, run

AS_OF = date(2026, 9, 14)
PACKS = Path(packs_init).parent
SAME = (
    "phase",
    "forecast_go_live",
    "live",
    "on_time",
    "spi",
    "cpi",
    "open_red_risks",
    "unassessed_risks",
    "first_pass_rate",
    "pack_version",
)


def _row(folder: Path, out: Path) -> dict[str, Any]:
    result = api.portfolio([folder], as_of=AS_OF, out=out)
    assert not result.data["unreadable"], result.data["unreadable"]
    (row,) = result.data["projects"]
    return dict(row)


def _stored_results(path: Path) -> int:
    """How many formula cells of the Plan sheet's XML hold a stored result."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return len(re.findall(r"</f><v>[^<]+</v>", sheet))


def test_dropped_formula_results_change_no_figure(tmp_path: Path) -> None:
    kit = tmp_path / "kits" / "kit"
    kit.parent.mkdir()
    kits.pristine_api(kit, "base", client="Acme", start="2026-03-02", users="40")
    fill(kit, live=None, gates=["Yes", "No"], survey=None, defects=[], team=[("wang", 5, 10)])
    api.rebuild_kit(kit, as_of=AS_OF)  # implkit writes the plan again, results stored
    assert _stored_results(kit / PLAN) > 0
    with_results = _row(kit.parent, tmp_path / "a.xlsx")
    book = load_workbook(kit / PLAN)  # a tool that keeps the formulas, not their results
    book.save(kit / PLAN)
    book.close()
    assert _stored_results(kit / PLAN) == 0
    (kit / CACHE).unlink()
    without = _row(kit.parent, tmp_path / "b.xlsx")
    assert {k: without[k] for k in SAME} == {k: with_results[k] for k in SAME}
    assert with_results["phase"] and with_results["forecast_go_live"]


def _damage_sheet(path: Path, name: str) -> None:
    """Break the XML of the sheet called ``name`` (an undefined entity in a row)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    book = parts["xl/workbook.xml"].decode("utf-8")
    rid = re.search(rf'<sheet name="{name}" sheetId="\d+" r:id="(rId\d+)"', book)
    assert rid is not None, name
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels
    )
    assert target is not None
    part = "xl/" + target.group(1).removeprefix("/xl/")
    parts[part] = parts[part].replace(b"</sheetData>", b'<row r="99999" &bogus;></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, data in parts.items():
            archive.writestr(filename, data)


def test_a_kit_status_refuses_is_not_a_project_of_the_portfolio(tmp_path: Path) -> None:
    """A damaged sheet without consultant columns (Gantt) makes ``status`` refuse the
    kit: the portfolio lists it as not read, with the same sheet named, never rolls up
    figures for it."""
    from generator.errors import InputError

    kit = tmp_path / "kits" / "kit"
    kit.parent.mkdir()
    kits.pristine_api(kit, "base", client="Acme", start="2026-03-02", users="40")
    _damage_sheet(kit / PLAN, "Gantt")
    try:
        api.status(kit, as_of=AS_OF)
    except InputError as err:
        refused = str(err)
    else:
        raise AssertionError("status read a kit whose Gantt sheet is damaged")
    assert "Gantt" in refused
    rolled = api.portfolio([kit.parent], as_of=AS_OF, out=tmp_path / "p.xlsx").data
    assert rolled["projects"] == []
    (unread,) = rolled["unreadable"]
    assert "Gantt" in unread["reason"]


def test_an_edited_pack_is_read_again(tmp_path: Path) -> None:
    """A risk added to the pack after the kit's last build: the next roll-up counts it
    (unassessed), instead of serving the cached row."""
    packs = tmp_path / "packs"
    shutil.copytree(PACKS / "base", packs / "base")
    kit = tmp_path / "kits" / "kit"
    kit.parent.mkdir()
    run("new", "base", "--out", str(kit), "--packs-dir", str(packs), "--start", "2026-03-02")
    first = _row(kit.parent, tmp_path / "a.xlsx")
    key = (kit / CACHE).read_bytes()
    assert _row(kit.parent, tmp_path / "b.xlsx") == first  # unchanged: the cached row
    assert (kit / CACHE).read_bytes() == key
    risks = packs / "base" / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    one = text[text.index("  - id: base.scope-creep") : text.index("  - id: base.key-user")]
    risks.write_text(text + one.replace("base.scope-creep", "base.added-later"), "utf-8")
    edited = _row(kit.parent, tmp_path / "c.xlsx")
    assert (kit / CACHE).read_bytes() != key
    assert edited["unassessed_risks"] == first["unassessed_risks"] + 1

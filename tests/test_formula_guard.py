"""Formula on edit: no text the product writes into any workbook can become a formula.

A pack, a client name or a consultant's entry that starts with a formula character
(``=``, ``+``, ``-``, ``@``, their full-width forms, after blanks too) is written as a
text cell *with Excel's quote prefix*, so pressing F2 and Enter on it in Excel or WPS
keeps it text. Checked in every workbook the product writes: the plan, the migration
checklist, the training matrix, the status report, the evaluation and the portfolio.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.render.workbook.cells import is_risky_text
from tests.mini_packs import MINI_MORE, MINI_PACK, MINI_TASKS, write_pack

START = "2026-03-02"
RISKY_NAMES = {
    "Plan the project": '=HYPERLINK("http://evil.example","Plan")',
    "Build the system": " +1+2 build",
    "Dirty data": "@SUM(1)",
    "Materials": "－1＋2",
    "Basics": "-2+3+cmd|' /C calc'!A0",
}
CLIENT = " =Acme"


@pytest.mark.parametrize(
    "text",
    ["=1", "+1", "-1", "@A", " =1", "\u3000=1", "\u00a0@x", "\t=1", "\r=1", "\n=1", "＝1", "＠1"],
)
def test_formula_starts_are_risky(text: str) -> None:
    assert is_risky_text(text)


@pytest.mark.parametrize("text", ["plain", "计划", "Go-live", "1-2", "a=b", "", " ", "(=1)"])
def test_ordinary_texts_are_not(text: str) -> None:
    assert not is_risky_text(text)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def risky_kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("formulas")
    tasks, more = MINI_TASKS, MINI_MORE
    for plain, risky in RISKY_NAMES.items():
        quoted = "'" + risky.replace("'", "''") + "'"  # a YAML single-quoted text
        tasks = tasks.replace(f"en: {plain},", f"en: {quoted},")
        more = more.replace(f"en: {plain},", f"en: {quoted},")
    packs = root / "packs"
    write_pack(packs, "mini", {"pack.yaml": MINI_PACK, "tasks.yaml": tasks, "more.yaml": more})
    kit = root / "kits" / "kit"
    kit.parent.mkdir()
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(kit), "--start", START,
        "--client", CLIENT,
    )  # fmt: skip
    assert code == 0, output
    for command, extra in (("status", ["--as-of", "2026-03-10"]), ("evaluate", [])):
        code, output = run(command, str(kit), "--packs-dir", str(packs), *extra)
        assert code == 0, output
    code, output = run(
        "portfolio", str(kit.parent), "--as-of", "2026-03-10", "-o", str(root / "pf.xlsx"),
        "--workers", "1",
    )  # fmt: skip
    assert code == 0, output
    return kit, root / "pf.xlsx"


def _risky_cells(path: Path) -> tuple[list[str], list[str]]:
    """(risky texts with the quote prefix, risky texts without it) of the workbook."""
    guarded, bare = [], []
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "s" and isinstance(value, str) and is_risky_text(value):
                    where = f"{sheet.title}!{cell.coordinate}={value!r}"
                    (guarded if cell.quotePrefix else bare).append(where)
    return guarded, bare


WORKBOOKS = [
    "plan/project-plan.xlsx",
    "migration/data-migration-checklist.xlsx",
    "training/training-matrix.xlsx",
    "reports/status-2026-03-10.xlsx",
    "reports/evaluation-*.xlsx",
    "portfolio",
]


@pytest.mark.parametrize("which", WORKBOOKS)
def test_every_risky_text_in_every_workbook_has_the_quote_prefix(
    risky_kit: tuple[Path, Path], which: str
) -> None:
    kit, portfolio = risky_kit
    if which == "portfolio":
        path = portfolio
    elif "*" in which:
        (path,) = sorted(kit.glob(which))
    else:
        path = kit / which
    guarded, bare = _risky_cells(path)
    assert not bare, f"{path.name}: formula-like texts without the quote prefix: {bare[:10]}"
    assert guarded, f"{path.name} holds none of the risky names: the test proves nothing"


def test_the_plan_keeps_the_text_as_typed(risky_kit: tuple[Path, Path]) -> None:
    kit, _portfolio = risky_kit
    values = {
        cell.value
        for sheet in load_workbook(kit / "plan/project-plan.xlsx").worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert '=HYPERLINK("http://evil.example","Plan")' in values  # shown as typed, not run
    assert " +1+2 build" in values


def test_a_rebuild_keeps_the_prefix_on_carried_entries(
    risky_kit: tuple[Path, Path], tmp_path: Path
) -> None:
    """A consultant types `=2+5`-like text into a note: the rebuilt plan guards it too."""
    kit = tmp_path / "kit"
    shutil.copytree(risky_kit[0], kit)
    plan = kit / "plan/project-plan.xlsx"
    book = load_workbook(plan)
    sheet = book["Plan"]
    header = next(
        r for r in sheet.iter_rows(min_row=1, max_row=10) if any(c.value == "Notes" for c in r)
    )
    notes = next(c.column for c in header if c.value == "Notes")
    sheet.cell(header[0].row + 2, notes).value = "'@cmd typed in Excel"[1:]
    book.save(plan)
    packs = risky_kit[0].parent.parent / "packs"
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 0, output
    guarded, bare = _risky_cells(plan)
    assert not bare and any("@cmd typed in Excel" in g for g in guarded), (guarded, bare)

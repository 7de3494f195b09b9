"""The report workbooks' table writer (portfolio, evaluation): user text stays text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.render.report_tables import TableBook


def test_text_that_looks_like_a_formula_keeps_the_quote_prefix(tmp_path: Path) -> None:
    """A project, client or person named ``=...``, ``+...``, ``-...`` or ``@...`` is written
    as text with Excel's quote prefix (an edit of the cell in Excel keeps it text); other
    text and numbers are written plainly."""
    from openpyxl import load_workbook

    path = tmp_path / "report.xlsx"
    book = TableBook(path, "en", title="t", subject="s", company="c", when=date(2027, 1, 4))
    sheet = book.sheet("Kits", "Kits")
    risky = ['=HYPERLINK("http://x","y")', "+86 21 5555", "-2", "@SUM(A1)"]
    plain = ["Acme Motors", "Li Wei"]
    placed = sheet.table(["name", "figure"], ["text", "num"], [[t, 1.5] for t in risky + plain])
    book.close()

    ws = load_workbook(path)["Kits"]
    cells = [ws.cell(placed.first + 1 + i, 1) for i in range(len(risky + plain))]
    assert [c.value for c in cells] == risky + plain
    assert {c.data_type for c in cells} == {"s"}
    assert [c.quotePrefix for c in cells] == [True] * len(risky) + [False] * len(plain)
    assert ws.cell(placed.first + 1, 2).value == 1.5

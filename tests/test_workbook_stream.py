"""Rows streamed by RowStream.write_cells are the bytes XlsxWriter writes for the same cells.

Each case writes the same rows twice into a ``constant_memory`` GuardedWorkbook: once
through XlsxWriter's public methods (``write_string``, ``write_number``, ...), once
through ``write_cells`` as the sheet builder does (every row streamed but the last,
which is held). The two files must be equal byte for byte, styles.xml included (the
order in which formats are first used numbers them).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.render.workbook.guarded import GuardedWorkbook
from generator.render.workbook.stream import BLANK, BOOL, FORMULA, LINK, NUMBER, TEXT

OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
TEXTS = [
    "plain",
    "计划与实施",
    "a & b < c > d \"quoted\" 'single'",
    " leading blank",
    "trailing blank ",
    "line\nbreak",
    "carriage\rreturn",
    "tab\there",
    "literal _x0041_ escape",
    "under_score",
    "\u3000ideographic space",
    '=HYPERLINK("http://x")',
    " +1",
    "－1＋2",
    "@SUM(1)",
    "x" * 20000,  # past half of Excel's limit: XlsxWriter counts its UTF-16 units
]
NUMBERS: list[float] = [0, 1, -7, 46000, 0.1, 1 / 3, 1e-9, 12345678901234567890, 2.5e300]
FORMULAS: list[tuple[str, Any]] = [
    ("=A1+1", 2),
    ("=A1/3", 0.3333333333333333),
    ('=IF(A1>0,"yes & <no>","")', "yes & <no>"),
    ('=""', ""),
    ("=1/0", "#DIV/0!"),
    ("=TRUE()", True),
    ("=FALSE()", False),
    ('=SUM(A1:A3)&"<x>"', "6<x>"),
    ("=UNIQUE(A1:A3)", 1),  # a dynamic array formula: XlsxWriter's own path
]


def _rows(seed: int) -> list[tuple[float | None, int, list[tuple[int, int, Any, str]]]]:
    """(height in points or None, outline level, cells) per row; some rows empty."""
    import random

    rng = random.Random(seed)
    rows = []
    for n in range(60):
        height = rng.choice([None, None, 25.5, 40.0, 12.75])
        level = rng.choice([0, 0, 1, 2])
        cells = []
        col = rng.randrange(0, 3)
        if n % 17 == 5:  # a row with a height or a level only, no cell
            rows.append((height or 30.0, level, cells))
            continue
        while col < 30:
            kind = rng.choice([TEXT, TEXT, NUMBER, NUMBER, BLANK, FORMULA, LINK, BOOL])
            if kind in (LINK, BOOL) and rng.random() < 0.7:
                kind = TEXT
            style = rng.choice(["a", "b", "c", "d", "e"])
            if kind == TEXT:
                value: Any = rng.choice(TEXTS)
            elif kind == NUMBER:
                value = rng.choice(NUMBERS)
            elif kind == FORMULA:
                value = rng.choice(FORMULAS)
            elif kind == LINK:
                value = ("internal:'Sheet1'!A1", rng.choice(TEXTS[:6]))
            elif kind == BOOL:
                value = rng.random() < 0.5
            else:
                value = None
            cells.append((col, kind, value, style))
            col += rng.randrange(1, 4)
        rows.append((height, level, cells))
    if seed % 2:
        rows.insert(0, (33.0, 1, []))  # row 1: a height only (XlsxWriter writes it)
    return rows


STYLES = {
    "a": {"bold": True},
    "b": {"num_format": "yyyy-mm-dd", "border": 1},
    "c": {"text_wrap": True, "valign": "top", "locked": False},
    "d": {"italic": True, "font_color": "#595959"},
    "e": {"bg_color": "#FFF2CC", "pattern": 1},
}


def _book(rows: list[Any], streamed: bool) -> bytes:
    buffer = io.BytesIO()
    wb = GuardedWorkbook(buffer, dict(OPTIONS))
    wb.set_properties({"created": datetime(2026, 3, 2)})
    formats: dict[str, Any] = {}

    def fmt(name: str) -> Any:  # made on first use, as the sheet builder makes them
        if name not in formats:
            formats[name] = wb.add_format(STYLES[name])
        return formats[name]

    for sheet in range(2):  # formats first used on the second sheet number after the first
        ws = wb.add_worksheet()
        mine = rows[sheet::2] if sheet else rows
        for n, (height, level, cells) in enumerate(mine):
            if height is not None or level:
                ws.set_row(n, height, None, {"level": level} if level else None)
            if streamed:
                made = [(col, kind, value, fmt(style)) for col, kind, value, style in cells]
                ws.write_cells(n, made, hold=n == len(mine) - 1)
                continue
            for col, kind, value, style in cells:
                if kind == TEXT:
                    ws.write_string(n, col, value, fmt(style))
                elif kind == NUMBER:
                    ws.write_number(n, col, value, fmt(style))
                elif kind == FORMULA:
                    ws.write_formula(n, col, value[0], fmt(style), value[1])
                elif kind == LINK:
                    ws.write_url(n, col, value[0], fmt(style), value[1])
                elif kind == BOOL:
                    ws.write_boolean(n, col, value, fmt(style))
                else:
                    ws.write_blank(n, col, None, fmt(style))
    wb.close()
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("seed", range(6))
def test_streamed_rows_are_xlsxwriters_bytes(seed: int) -> None:
    rows = _rows(seed)
    plain, streamed = _parts(_book(rows, False)), _parts(_book(rows, True))
    assert plain.keys() == streamed.keys()
    for name in plain:
        assert streamed[name] == plain[name], name
    assert b"inlineStr" in plain["xl/worksheets/sheet1.xml"]  # the rows were written


def test_streamed_formula_like_text_keeps_the_quote_prefix(tmp_path: Any) -> None:
    wb = GuardedWorkbook(str(tmp_path / "q.xlsx"), dict(OPTIONS))
    plain = wb.add_format({"bold": True})
    ws = wb.add_worksheet()
    for n, text in enumerate(["=1+1", "ok", " @x", "－1"]):
        ws.write_cells(n, [(0, TEXT, text, plain), (1, NUMBER, n, plain)])
    ws.write_cells(4, [(0, TEXT, "last", plain)], hold=True)
    wb.close()
    sheet = load_workbook(tmp_path / "q.xlsx").active
    assert [sheet.cell(n + 1, 1).value for n in range(4)] == ["=1+1", "ok", " @x", "－1"]
    assert [sheet.cell(n + 1, 1).data_type for n in range(4)] == ["s"] * 4
    assert [sheet.cell(n + 1, 1).quotePrefix for n in range(4)] == [True, False, True, True]
    assert all(sheet.cell(n + 1, 1).font.b for n in range(4))


def test_a_row_written_twice_is_refused() -> None:
    wb = GuardedWorkbook(io.BytesIO(), dict(OPTIONS))
    fmt = wb.add_format({"bold": True})
    ws = wb.add_worksheet()
    ws.write_cells(0, [(0, TEXT, "a", fmt)])
    ws.write_string(0, 1, "again", fmt)  # into the row already streamed
    with pytest.raises(RuntimeError, match="row 1 was written twice"):
        ws.write_string(1, 0, "next", fmt)


@pytest.mark.parametrize("future", [False, True])
def test_formulas_are_prepared_as_xlsxwriter_prepares_them(future: bool) -> None:
    from xlsxwriter.worksheet import Worksheet

    options = {**OPTIONS, "use_future_functions": future}
    sheet = GuardedWorkbook(io.BytesIO(), options).add_worksheet("S")
    plain = Worksheet()
    plain.use_future_functions = future
    formulas = [
        "=SUM(A1:A9)",
        "{=SUM(A1:A9*B1:B9)}",
        '=IF(C2="","",NETWORKDAYS(D2,E2,Calendar!$A:$A))',
        "=FILTER(A1:A9,B1:B9>0)",
        "=SORTBY(A1:A3,B1:B3)",
        "=_xlfn.XLOOKUP(1,A:A,B:B)",
        "=JINGLE(1)+SINGLE(A1)",
        "=CONCAT(A1,B1)&IFS(A1>1,1,TRUE,0)",
        "={1,2,3}",
        "=xlookup(1,A:A,B:B)",
        "",
    ]
    for formula in formulas:
        for expand in (False, True):
            assert sheet._prepare_formula(formula, expand) == plain._prepare_formula(
                formula, expand
            ), (formula, expand)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_workbook_packaged_in_memory_is_the_one_packaged_through_files(
    lang: str, tmp_path: Any, monkeypatch: Any
) -> None:
    """Small workbooks are zipped from parts held in memory, large ones from XlsxWriter's
    temporary files: the bytes are the same either way."""
    from generator.render.workbook import book
    from generator.render.workbook.plan import render_plan
    from tests.sample_kit import sample_kit

    kit = sample_kit(lang)
    render_plan(kit, tmp_path / "memory.xlsx")
    monkeypatch.setattr(book, "PARTS_IN_MEMORY", -1)
    render_plan(kit, tmp_path / "files.xlsx")
    assert (tmp_path / "memory.xlsx").read_bytes() == (tmp_path / "files.xlsx").read_bytes()


def test_rows_moved_from_memory_to_a_file_give_the_same_workbook(
    tmp_path: Any, monkeypatch: Any
) -> None:
    """A sheet's rows wait in memory up to ROWS_IN_MEMORY characters, then in a temporary
    file (gone after packaging): the workbook is the same bytes."""
    import tempfile

    from generator.render.workbook import stream
    from generator.render.workbook.plan import render_plan
    from tests.sample_kit import sample_kit

    kit = sample_kit("en")
    render_plan(kit, tmp_path / "memory.xlsx")
    rolled: list[int] = []
    original = tempfile.SpooledTemporaryFile.rollover

    def rollover(self: Any) -> None:
        rolled.append(self.tell())
        original(self)

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(stream, "ROWS_IN_MEMORY", 100)
    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", rollover)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    render_plan(kit, tmp_path / "files.xlsx")
    assert rolled, "no sheet went past 100 characters"
    assert (tmp_path / "memory.xlsx").read_bytes() == (tmp_path / "files.xlsx").read_bytes()
    assert not list(scratch.iterdir()), "a row file was left behind"

"""The streaming sheet reader gives openpyxl read-only's values, cell for cell.

Differential: every sheet of real kit workbooks (en and zh), as written and after a
LibreOffice round trip, and hand-made sheets with every cell form the format allows
(shared and inline strings, runs, booleans, errors, ISO dates, date and elapsed-time
styles in the 1900 and 1904 date systems, out-of-range serials, rows and cells without
references, gaps, rows out of order).
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from generator.carry.read import read_workbook
from generator.carry.sheetxml import BookStream
from generator.render.xlsx_migration import render_migration
from generator.render.xlsx_plan import render_plan
from generator.render.xlsx_training import render_training_matrix
from tests.office import require_office, soffice_convert
from tests.sample_kit import sample_kit

RENDERERS = (
    ("plan", render_plan),
    ("migration", render_migration),
    ("training-matrix", render_training_matrix),
)
WINDOWS = (  # (min_row, max_row, max_col) as the readers ask
    (None, None, None),
    (None, 40, None),
    (3, None, 4),
    (2, 7, 12),
)


def _same_as_openpyxl(path: Path) -> int:
    """Compare every sheet through every window; the number of values compared."""
    compared = 0
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        fast = BookStream(book)
        for title in book.sheetnames:
            for reset in (False, True):
                for min_row, max_row, max_col in WINDOWS:
                    ours = fast[title]
                    theirs = book[title]
                    if reset:
                        ours.reset_dimensions()
                    expected = list(
                        theirs.iter_rows(
                            min_row=min_row, max_row=max_row, max_col=max_col, values_only=True
                        )
                    )
                    got = list(ours.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col))
                    assert got == expected, (path.name, title, min_row, max_row, max_col)
                    assert [tuple(map(type, r)) for r in got] == [
                        tuple(map(type, r)) for r in expected
                    ]
                    compared += sum(len(r) for r in got)
                if reset:
                    book[title].reset_dimensions()
    finally:
        book.close()
    return compared


def _lived_in(path: Path, tmp: Path) -> Path:
    """A copy of ``path`` with typed values of every kind in its first sheets (openpyxl)."""
    book = load_workbook(path)
    for ws in book.worksheets[:3]:
        for n in range(1, 8):
            row = ws.max_row + n
            ws.cell(row=row, column=1, value=f"typed {n} 完成")
            ws.cell(row=row, column=2, value=n * 1.25)
            ws.cell(row=row, column=3, value=date(2026, 3, n))
            ws.cell(row=row, column=4, value=n % 2 == 0)
            ws.cell(row=row, column=5, value=datetime(2026, 4, n, 9, 30))
            ws.cell(row=row, column=6, value=f"=B{row}*2")
            ws.cell(row=row, column=7, value=n)
    copy = tmp / f"lived-{path.name}"
    book.save(copy)
    return copy


@pytest.fixture(scope="module")
def kit_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Path, Path]]]:
    """Language -> (each kit workbook of the sample kit as written, its lived-in copy):
    written once for the tests that read them and the LibreOffice round trip."""
    tmp = tmp_path_factory.mktemp("kit-books")
    books: dict[str, list[tuple[Path, Path]]] = {}
    for lang in ("en", "zh"):
        kit = sample_kit(lang)
        for kind, render in RENDERERS:
            path = tmp / "src" / f"{kind}-{lang}.xlsx"
            path.parent.mkdir(exist_ok=True)
            render(kit, path)  # type: ignore[operator]
            books.setdefault(lang, []).append((path, _lived_in(path, tmp)))
    return books


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kit_workbooks_as_written_and_lived_in(
    kit_books: dict[str, list[tuple[Path, Path]]], lang: str
) -> None:
    for path, lived in kit_books[lang]:
        assert _same_as_openpyxl(path) > 100
        assert _same_as_openpyxl(lived) > 100


@pytest.fixture(scope="module")
def round_tripped(kit_books: dict[str, list[tuple[Path, Path]]]) -> dict[str, list[Path]]:
    """Language -> the lived-in kit workbooks re-saved by LibreOffice (one soffice run for
    both languages)."""
    require_office()
    sources = {lang: [lived for _, lived in pairs] for lang, pairs in kit_books.items()}
    everything = [*sources["en"], *sources["zh"]]
    out = everything[0].parent / "lo"
    saved = dict(
        zip(
            everything,
            soffice_convert(everything, "xlsx:Calc MS Excel 2007 XML", out),
            strict=True,
        )
    )
    return {lang: [saved[path] for path in paths] for lang, paths in sources.items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kit_workbooks_after_a_libreoffice_round_trip(
    round_tripped: dict[str, list[Path]], lang: str
) -> None:
    require_office()
    assert len(round_tripped[lang]) == len(RENDERERS)
    for saved in round_tripped[lang]:
        assert _same_as_openpyxl(saved) > 100


def test_read_workbook_equals_the_openpyxl_rows(tmp_path: Path) -> None:
    """The reader's rows through the stream equal those of plain openpyxl sheets."""
    import generator.carry.sheetxml as sheetxml

    path = tmp_path / "plan.xlsx"
    render_plan(sample_kit("zh"), path)
    lived = _lived_in(path, tmp_path)
    fast = read_workbook(lived, "plan")

    class Plain:
        def __init__(self, book: Any) -> None:
            self._book = book

        def __getitem__(self, title: str) -> Any:
            return self._book[title]

        def __getattr__(self, name: str) -> Any:
            return getattr(self._book, name)

    original = sheetxml.BookStream
    sheetxml.BookStream = Plain  # type: ignore[assignment,misc]
    try:
        slow = read_workbook(lived, "plan")
    finally:
        sheetxml.BookStream = original  # type: ignore[misc]
    assert [(s.instance, s.header_row, s.columns) for s in fast.sheets] == [
        (s.instance, s.header_row, s.columns) for s in slow.sheets
    ]
    assert [s.rows for s in fast.sheets] == [s.rows for s in slow.sheets]
    assert sum(len(s.rows) for s in fast.sheets) > 20
    # and the stream knows which of those values a formula gave (the risk rating, say)
    risks = next(s for s in fast.sheets if s.instance == "plan.risks")
    assert all("rating" in row.formulas for row in risks.rows if row.key)


# --- hand-made sheets ----------------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _styled_book(tmp: Path, epoch_1904: bool) -> Path:
    """A workbook whose styles 1..5 are: date, date-time, [h]:mm, time, a plain number."""
    book = Workbook()
    if epoch_1904:
        from openpyxl.utils.datetime import MAC_EPOCH

        book.epoch = MAC_EPOCH
    ws = book.active
    ws.title = "Data"
    for column, fmt in enumerate(("yyyy-mm-dd", "yyyy-mm-dd hh:mm", "[h]:mm", "hh:mm", "0.00"), 1):
        ws.cell(row=1, column=column, value=1).number_format = fmt
    path = tmp / f"styled-{int(epoch_1904)}.xlsx"
    book.save(path)
    return path


def _style_ids(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    import re

    return re.findall(r'<c r="[A-E]1" s="(\d+)"', sheet)


def _with_sheet(path: Path, rows_xml: str, strings: list[str], out: Path) -> Path:
    """``path`` with sheet1's data replaced by ``rows_xml`` and a shared-string table."""
    sst = "".join(strings)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start, end = text.index("<sheetData"), text.index("</sheetData>") + 12
                text = text[:start] + f"<sheetData>{rows_xml}</sheetData>" + text[end:]
                data = text.encode()
            target.writestr(info, data)
        names = source.namelist()
        if "xl/sharedStrings.xml" not in names:
            target.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>{sst}</sst>',
            )
    if "xl/sharedStrings.xml" not in names:
        _register_strings(out)
    return out


def _register_strings(path: Path) -> None:
    """Add the shared-strings part to the content types and the workbook's relations."""
    rebuilt = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            target.writestr(info, data)
    shutil.move(rebuilt, path)


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_every_cell_form(tmp_path: Path, epoch_1904: bool) -> None:
    base = _styled_book(tmp_path, epoch_1904)
    date_s, stamp_s, hours_s, clock_s, plain_s = _style_ids(base)
    strings = [
        "<si><t>plain</t></si>",
        '<si><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">run </t></r></si>',
        "<si><t>漢字</t><rPh sb='0' eb='1'><t>かんじ</t></rPh></si>",
        "<si><t/></si>",
        "<si><t>code_x005F_x0041_</t></si>",
        "<si><t>  spaced  </t></si>",
    ]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>5</v></c></row>'
        f'<row r="2"><c r="A2" s="{date_s}"><v>46083</v></c>'
        f'<c r="B2" s="{stamp_s}"><v>46083.395833333336</v></c>'
        f'<c r="C2" s="{hours_s}"><v>1.5</v></c><c r="D2" s="{clock_s}"><v>0.25</v></c>'
        f'<c r="E2" s="{plain_s}"><v>3.5</v></c><c r="F2"><v>12</v></c>'
        f'<c r="G2" s="{date_s}"><v>99999999</v></c><c r="H2" s="{date_s}"/>'
        '<c r="I2"><v>1E3</v></c><c r="J2"><v>-0</v></c></row>'
        '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c>'
        '<c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>A1</f><v>from formula</v></c>'
        '<c r="E4" t="d"><v>2026-03-02T00:00:00</v></c><c r="F4"><f>1+1</f></c>'
        '<c r="G4" t="inlineStr"><is><t>inline</t></is></c>'
        '<c r="H4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>'
        '<c r="I4" t="inlineStr"/><c r="J4" t="s"><v></v></c></row>'
        '<row><c t="s"><v>0</v></c><c><v>7</v></c><c r="E5"><v>8</v></c><c><v>9</v></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c></row>'
        '<row r="9" spans="1:3" ht="20" customHeight="1"><c r="C9" t="s"><v>1</v></c>'
        '<c r="A9"><v>5</v></c></row>'
        '<row r="11"/>'
        '<row r="12.0"><c r="AA12"><v>1</v></c></row>'
    )
    path = _with_sheet(base, rows, strings, tmp_path / f"forms-{int(epoch_1904)}.xlsx")
    assert _same_as_openpyxl(path) > 30
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = BookStream(book)["Data"]
        sheet.reset_dimensions()  # the hand-made data lies outside the written dimension
        got = list(sheet.iter_rows(max_col=10))
    finally:
        book.close()
    assert got[0][:3] == ("plain", "rich run ", "漢字")
    assert got[0][3:6] == ("", "code_x0041_", "  spaced  ")
    assert isinstance(got[1][0], datetime) and got[1][0].date() == (
        date(2030, 3, 3) if epoch_1904 else date(2026, 3, 2)
    )
    assert got[1][2] == timedelta(hours=36) and isinstance(got[1][3], time)
    assert got[1][4:7] == (3.5, 12, "#VALUE!")
    assert got[3][:4] == (True, False, "#N/A", "from formula")
    assert got[3][6:8] == ("inline", "ab")
    assert got[4][:6] == ("plain", 7, None, None, 8, 9)
    assert got[2] == (None,) * 10  # the gap row; row 3 written after row 5 is skipped
    # the cells that hold a formula are known (a result is never taken for an entry)
    assert sheet.formulas == {4: frozenset({4, 6})}


def test_a_damaged_sheet_fails_as_openpyxl_does(tmp_path: Path) -> None:
    base = _styled_book(tmp_path, False)
    for rows in (
        '<row r="1"><c r="A1" t="s"><v>7</v></c></row>',  # no such shared string
        '<row r="x"><c r="A1"><v>1</v></c></row>',  # a row number that is not one
        '<row r="1"><c r="A1"><v>1,5</v></c></row>',  # not a number
    ):
        path = _with_sheet(base, rows, ["<si><t>a</t></si>"], tmp_path / "bad.xlsx")
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            with pytest.raises(Exception) as theirs:
                list(book["Data"].iter_rows(values_only=True))
            with pytest.raises(type(theirs.value)):
                list(BookStream(book)["Data"].iter_rows())
        finally:
            book.close()


def test_a_default_style_that_is_a_date(tmp_path: Path) -> None:
    """A cell without a style uses the workbook's first cell format: when a workbook makes
    that one a date, a number written without ``s`` is a date, as openpyxl reads it."""
    import re

    base = _styled_book(tmp_path, False)
    dated = tmp_path / "dated-default.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(dated, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/styles.xml":
                text = data.decode()
                start = text.index("<cellXfs")
                head, tail = text[:start], text[start:]
                tail = re.sub(r'<xf numFmtId="\d+"', '<xf numFmtId="14"', tail, count=1)
                data = (head + tail).encode()
            target.writestr(info, data)
    rows = '<row r="1"><c r="A1"><v>46083</v></c><c r="B1" s="0"><v>46083</v></c></row>'
    path = _with_sheet(dated, rows, [], tmp_path / "dated-forms.xlsx")
    assert _same_as_openpyxl(path) > 0
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = BookStream(book)["Data"]
        sheet.reset_dimensions()
        got = next(sheet.iter_rows(max_col=2))
    finally:
        book.close()
    assert [type(v) for v in got] == [datetime, datetime]


def test_each_damaged_sheet_is_named_with_its_own_error(tmp_path: Path) -> None:
    """Two damaged plans read in turn in one process (a portfolio worker): the second
    message names its own parse error, not the first one's (lxml keeps one error log
    per thread, which used to hold the first plan's error still)."""
    from generator.errors import InputError
    from tests.hostile import rewrite_zip, sheet_part

    plan = tmp_path / "plan.xlsx"
    render_plan(sample_kit("en"), plan)
    damages = (
        ("Risks", b"</sheetData>", b'<row r="999"><c r="A999"><v>1</v></c></row<</sheetData>'),
        ("Stakeholders", b"<sheetViews>", b"<sheetViews><<"),
    )
    messages = []
    for n, (title, old, new) in enumerate(damages):
        damaged = tmp_path / f"bad{n}.xlsx"
        shutil.copy(plan, damaged)
        part = sheet_part(damaged, title)

        def change(
            name: str, data: bytes, part: str = part, old: bytes = old, new: bytes = new
        ) -> bytes | None:
            return data.replace(old, new, 1) if name == part else None

        rewrite_zip(damaged, change)
        with pytest.raises(InputError) as caught:
            read_workbook(damaged, "plan", every_sheet=True)
        messages.append(str(caught.value))
    assert "sheet 'Risks' cannot be read (expected '>'" in messages[0]
    assert "sheet 'Stakeholders' cannot be read (StartTag: invalid element name" in messages[1]


def test_a_header_read_parses_the_head_and_the_full_read_finds_the_damage(
    tmp_path: Path,
) -> None:
    """The header row is read from the sheet's head in small pieces (lxml would parse the
    first 32 KiB, most sheets whole); a sheet damaged below its header is still refused,
    by the full read that follows, with the error a whole parse of the part gives."""
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    from generator.errors import InputError
    from tests.hostile import rewrite_zip, sheet_part

    plan = tmp_path / "plan.xlsx"
    render_plan(sample_kit("en"), plan)
    part = sheet_part(plan, "Plan")

    def damage(name: str, data: bytes) -> bytes | None:
        if name != part:
            return None
        cut = min(int(len(data) * 0.6), 24_000)  # below the header, in lxml's first 32 KiB
        return data[:cut] + b"<<" + data[cut:]

    rewrite_zip(plan, damage)
    with zipfile.ZipFile(plan) as archive:
        whole = archive.read(part)
    etree.clear_error_log()  # one log per thread: only this parse's errors in it
    with pytest.raises(etree.XMLSyntaxError) as parsed:
        etree.fromstring(whole)
    first = parsed.value.error_log[0]
    book = load_workbook(plan, read_only=True, data_only=True)
    try:
        sheet = BookStream(book)["Plan"]
        sheet.reset_dimensions()
        header = next(sheet.head().iter_rows(min_row=1, max_row=6))
        assert any(cell is not None for cell in header)  # the head parses cleanly
        with pytest.raises(etree.XMLSyntaxError):
            list(sheet.iter_rows())
    finally:
        book.close()
    with pytest.raises(InputError) as caught:
        read_workbook(plan, "plan", every_sheet=True)
    assert f"{first.message}, line {first.line}, column {first.column}" in str(caught.value)

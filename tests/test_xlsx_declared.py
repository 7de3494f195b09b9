"""All three workbooks against their declarations: names, carried cells, protection, values.

Table-driven from :mod:`generator.sheets`: every consultant column of every declared
sheet is filled through ``Kit.entries`` and must come back in the written cell; every
formula's stored value must equal LibreOffice's recalculation.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.kit_model import CellValue, Kit, SheetEntries
from generator.registry import resolve, workbooks
from generator.render.workbook.book import Book, restamp_zip
from generator.sheets import META_SHEET, VERSION, ColumnSpec, ListSpec, SheetSpec, spec
from tests.office import recalculated_copies, require_office
from tests.sample_kit import sample_kit
from tests.test_xlsx_plan import real_kit
from tests.xlsx_lint import assert_clean, assert_same_bytes_and_fixed_stamps, opened

Render = Callable[[Kit, Path], None]
# every workbook the registry declares (a new one is checked here without a new line)
RENDERERS: dict[str, Render] = {item.kind: resolve(item.writer) for item in workbooks()}
FILLED_DATE = date(2026, 10, 5)


def declared_sheets(path: Path) -> dict[str, tuple[str, int, dict[str, int]]]:
    """Sheet key -> (sheet title, header row, header text -> 1-based column), via the names."""
    wb = opened(path)
    meta = wb[META_SHEET]
    out = {}
    for name, key, version in meta.iter_rows(min_row=2, values_only=True):
        assert version == VERSION
        dest = next(iter(wb.defined_names[name].destinations))
        title, ref = dest
        first = ref.split(":")[0].replace("$", "")
        row = int("".join(ch for ch in first if ch.isdigit()))
        ws = wb[title]
        headers = {
            str(c.value): c.column for c in ws[row] if c.value is not None and c.column is not None
        }
        out[str(key)] = (title, row, headers)
    return out


def header_of(col: ColumnSpec, lang: str, currency: str) -> str:
    return col.header(lang, currency)


def generated_keys(path: Path, key: str, lang: str, currency: str) -> list[str]:
    """The key-column values of a declared sheet's generated rows (phase rows left out)."""
    title, row, headers = declared_sheets(path)[key]
    sheet = spec(key)
    ws = opened(path)[title]
    kcol = headers[header_of(sheet.column(sheet.key_column), lang, currency)]
    tcol = headers.get(header_of(sheet.columns[3], lang, currency)) if key == "plan.tasks" else None
    keys = []
    for r in range(row + 1, ws.max_row + 1):
        value = ws.cell(r, kcol).value
        if value in (None, ""):
            continue
        if tcol and ws.cell(r, tcol).value in ("Phase", "阶段"):
            continue  # computed roll-up rows
        keys.append(str(value))
    return keys


def filled_value(sheet: SheetSpec, col: ColumnSpec, row_key: str) -> CellValue:
    """A value of the column's type, recognisable per sheet/row/column."""
    if col.list is not None:
        return col.list.options[1][0]
    return {
        "int": 3,
        "number": 2.5,
        "person-days": 4.5,
        "hours": 1.5,
        "currency": 1234.5,
        "percent": 0.25,
        "date": FILLED_DATE,
        "bool": True,
    }.get(col.type, f"{sheet.key}|{row_key}|{col.key}")


def fill_everything(kit: Kit, books: dict[str, Path]) -> tuple[Kit, dict[str, dict[str, dict]]]:
    """``kit`` with every consultant cell of every generated row filled, and one added row
    on every sheet that accepts them; also returns what was filled, by sheet and row."""
    entries: list[SheetEntries] = []
    filled: dict[str, dict[str, dict]] = {}
    cur = kit.project.currency
    for kind, path in books.items():
        for key in declared_sheets(path):
            sheet = spec(key)
            rows = []
            filled[key] = {}
            for row_key in generated_keys(path, key, kit.lang, cur):
                values = {c.key: filled_value(sheet, c, row_key) for c in sheet.consultant_columns}
                filled[key][row_key] = values
                rows.append((row_key, tuple(values.items())))
            added: tuple[tuple[tuple[str, CellValue], ...], ...] = ()
            if sheet.accepts_added_rows:
                row = {
                    c.key: filled_value(sheet, c, "added") for c in sheet.columns if not c.formula
                }
                row[sheet.key_column] = f"added.{key}"
                added = (tuple(row.items()),)
                filled[key]["added." + key] = row
            entries.append(SheetEntries(sheet=key, rows=tuple(rows), added=added))
        del kind
    return replace(kit, entries=tuple(entries)), filled


def render_all(kit: Kit, folder: Path, tag: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for kind, render in RENDERERS.items():
        path = folder / f"{kind}-{tag}-{kit.lang}.xlsx"
        render(kit, path)
        out[kind] = path
    return out


@pytest.fixture(scope="module")
def filled_by_lang(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Language -> (the sample kit with every cell filled, what was filled, its workbooks)."""
    out = {}
    for lang in ("en", "zh"):
        folder = tmp_path_factory.mktemp(f"declared-{lang}")
        kit = sample_kit(lang)
        fresh = render_all(kit, folder, "fresh")
        kit2, values = fill_everything(kit, fresh)
        out[lang] = (kit2, values, render_all(kit2, folder, "filled"))
    return out


@pytest.fixture(scope="module", params=["en", "zh"])
def filled(request: pytest.FixtureRequest, filled_by_lang: dict[str, Any]) -> Any:
    return filled_by_lang[request.param]


@pytest.fixture(scope="module")
def recalculated_by_lang(
    filled_by_lang: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[list[Path], dict[Path, Path]]]:
    """Language -> every workbook the LibreOffice tests read (filled, fresh, and the
    manufacturing pack's) and its copy re-saved and recalculated by LibreOffice: both
    languages in one soffice run (each start costs ~2.5 CPU-s before it converts)."""
    require_office()
    tmp = tmp_path_factory.mktemp("recalc")
    paths: dict[str, list[Path]] = {}
    for lang, (kit, _, books) in filled_by_lang.items():
        fresh = [p.with_name(p.name.replace("-filled-", "-fresh-")) for p in books.values()]
        real = render_all(real_kit("manufacturing", kit.lang), tmp / "real", "real")
        paths[lang] = [*books.values(), *fresh, *real.values()]
    copies = recalculated_copies([path for each in paths.values() for path in each], tmp)
    return {lang: (each, {p: copies[p] for p in each}) for lang, each in paths.items()}


@pytest.fixture(scope="module")
def recalculated(
    filled: Any, recalculated_by_lang: dict[str, tuple[list[Path], dict[Path, Path]]]
) -> tuple[list[Path], dict[Path, Path]]:
    """The workbooks of ``filled``'s language and their LibreOffice copies."""
    return recalculated_by_lang[filled[0].lang]


def expected_cell(col: ColumnSpec, value: CellValue, lang: str) -> Any:
    if col.list is not None and isinstance(value, str):
        return col.list.label(value, lang)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def test_every_consultant_cell_is_written_from_the_entries(filled: Any) -> None:
    kit, values, books = filled
    cur = kit.project.currency
    counted = 0
    for kind, path in books.items():
        wb = opened(path)  # declared_sheets reads this same load
        for key, (title, row, headers) in declared_sheets(path).items():
            sheet = spec(key)
            ws = wb[title]
            kcol = headers[sheet.column(sheet.key_column).header(kit.lang, cur)]
            rows = {
                str(ws.cell(r, kcol).value): r
                for r in range(row + 1, ws.max_row + 1)
                if ws.cell(r, kcol).value is not None
            }
            for row_key, cols in values[key].items():
                assert row_key in rows, (key, row_key)
                for ckey, value in cols.items():
                    col = sheet.column(ckey)
                    cell = ws.cell(rows[row_key], headers[col.header(kit.lang, cur)])
                    assert cell.value == expected_cell(col, value, kit.lang), (key, row_key, ckey)
                    if col.owner == "consultant":
                        assert cell.protection.locked is False, (key, row_key, ckey)
                    counted += 1
        del kind
    assert counted > 300


def test_declared_sheets_are_named_and_listed(filled: Any) -> None:
    kit, _, books = filled
    for kind, path in books.items():
        found = declared_sheets(path)
        expected = {s.key for s in __import__("generator.sheets").sheets.declared(kind)}
        bases = {k.split(":")[0] for k in found}
        optional = {s.key for s in spec_list(kind) if s.optional}
        assert expected - optional <= bases <= expected, kind
        for key, (_, _, headers) in found.items():
            for col in spec(key).columns:
                assert col.header(kit.lang, kit.project.currency) in headers, (key, col.key)
        assert_clean(path)


def spec_list(kind: str) -> tuple[SheetSpec, ...]:
    from generator.sheets import declared

    return declared(kind)


@pytest.mark.office
def test_names_and_declarations_survive_a_libreoffice_resave(
    filled: Any, recalculated: tuple[list[Path], dict[Path, Path]]
) -> None:
    """A workbook re-saved by LibreOffice still leads the reader to every declared header."""
    require_office()
    _, _, books = filled
    _, copies = recalculated
    for path in books.values():
        before = declared_sheets(path)
        after = declared_sheets(copies[path])
        assert after == before, path.name
        assert opened(path)[META_SHEET].sheet_state == "veryHidden"


def test_protection_locks_what_is_computed_and_lets_the_team_work(filled: Any) -> None:
    kit, _, books = filled
    for path in books.values():
        wb = load_workbook(path)  # its own: it reads a cell below the last row, which adds one
        for key, (title, row, headers) in declared_sheets(path).items():
            sheet = spec(key)
            ws = wb[title]
            prot = ws.protection
            assert prot.sheet and not prot.password, title
            # False means "allowed" in the file format's protection flags
            assert prot.autoFilter is False and prot.sort is False, title
            assert prot.formatColumns is False and prot.formatRows is False, title
            assert (prot.insertRows is False) == sheet.accepts_added_rows, title
            kcol = headers[sheet.column(sheet.key_column).header(kit.lang, kit.project.currency)]
            first_key = str(ws.cell(row + 1, kcol).value)
            for col in sheet.columns:
                c = headers[col.header(kit.lang, kit.project.currency)]
                cell = ws.cell(row + 1, c)
                if first_key.startswith("added."):
                    break  # no generated row: the first row is one the team added (unlocked)
                if col.owner == "generated" and cell.value is not None:
                    assert cell.protection.locked is not False, (key, col.key)
            if sheet.accepts_added_rows:
                # below everything written, every declared column takes new entries
                for col in sheet.columns:
                    c = headers[col.header(kit.lang, kit.project.currency)]
                    dims = [d for d in ws.column_dimensions.values() if d.min <= c <= d.max]
                    assert dims and dims[0].protection.locked is False, (key, col.key)
                below = ws.cell(ws.max_row + 1, headers[sheet.columns[0].header(kit.lang)])
                assert below.value is None


@pytest.mark.office
def test_every_stored_formula_value_equals_libreoffice(
    recalculated: tuple[list[Path], dict[Path, Path]],
) -> None:
    """Protected View, phone previews and pandas show stored values: they must be right."""
    require_office()
    paths, copies = recalculated
    assert len(paths) == 3 * len(RENDERERS)  # filled, fresh and a real pack's, every workbook
    checked = 0
    for path in paths:
        checked += _compare_formula_values(path, copies[path])
    assert checked > 500


def _norm(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if value == "":
        return None
    return value


def _compare_formula_values(path: Path, copy: Path) -> int:
    formulas = opened(path)
    stored = load_workbook(path, data_only=True)
    recalculated = load_workbook(copy, data_only=True)
    n = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                n += 1
                mine = _norm(stored[ws.title][cell.coordinate].value)
                theirs = _norm(recalculated[ws.title][cell.coordinate].value)
                if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
                    assert abs(mine - theirs) < 1e-6, (path.name, ws.title, cell.coordinate)
                else:
                    assert mine == theirs, (path.name, ws.title, cell.coordinate, cell.value)
    return n


def test_every_formula_stores_a_value(filled: Any) -> None:
    _, _, books = filled
    for path in books.values():
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    xml = zf.read(name).decode("utf-8")
                    assert xml.count("<f>") == xml.count("</f><v>"), (path.name, name)


@pytest.mark.parametrize("kind", ["plan", "migration", "training-matrix"])
def test_same_kit_same_bytes_with_the_project_date(kind: str, tmp_path: Path) -> None:
    assert_same_bytes_and_fixed_stamps(
        RENDERERS[kind], lambda: sample_kit("zh"), tmp_path, datetime(2026, 9, 1)
    )


def test_restamp_zip_changes_only_the_dates(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "hello")
        zf.writestr("b/c.xml", "<x/>" * 100)
    data = restamp_zip(path.read_bytes(), date(2027, 3, 4))
    out = tmp_path / "b.zip"
    out.write_bytes(data)
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        assert {i.date_time for i in zf.infolist()} == {(2027, 3, 4, 0, 0, 0)}
        assert zf.read("b/c.xml") == b"<x/>" * 100


def test_long_lists_go_to_the_hidden_lists_sheet(tmp_path: Path) -> None:
    long = ListSpec("long", tuple((f"k{i}", f"Option number {i}") for i in range(30)))
    short = ListSpec("short", (("a", "A, with comma"), ("b", "B")))
    book = Book("en", when=date(2026, 9, 1), title="t")
    sb = book.sheet("S")
    sb.add(["x"])
    sb.validation("A1:A9", book.list_validation(long))
    sb.validation("B1:B9", book.list_validation(short))
    sb.validation("C1:C9", book.list_validation(ListSpec("tiny", (("y", "Yes"),))))

    path = tmp_path / "lists.xlsx"
    book.save(path)
    assert_clean(path)
    wb = load_workbook(path)
    assert wb["Lists"].sheet_state == "hidden"
    formulas = sorted(dv.formula1 for dv in wb["S"].data_validations.dataValidation)
    assert formulas == ['"Yes"', "lst_long", "lst_short"]
    values = [c.value for c in wb["Lists"]["A"]][1:]
    assert values == [f"Option number {i}" for i in range(30)]

"""Lint for generated workbooks: the traps that open fine here and make Excel "repair" a file.

Every workbook test calls :func:`assert_clean`. It reads the file with openpyxl and
the raw XML and returns (or asserts on) a list of problems:

* sheet names valid (1-31 characters, none of ``[]:*?/\\``, no leading/trailing
  apostrophe, not "History") and unique ignoring case;
* defined names valid (letters, digits, ``_ . \\``; not shaped like a cell reference
  such as ``AB12`` or ``R1C1``; not ``R``/``C``), unique, and pointing at a
  sheet-qualified range of an existing sheet;
* table names valid, not cell-reference shaped, unique across the workbook (and not
  clashing with defined names); table headers non-empty unique strings that match
  the header cells;
* list validations: formula at most 255 characters; a name it uses exists;
* an autofilter never overlaps a table on the same sheet;
* no cell text starting with ``=`` stored as a formula when it came from text (checked by
  the tests that plant such text; here: every formula parses as a formula string).
"""

from __future__ import annotations

import hashlib
import re
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from generator.kit_model import Kit

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NAME_OK = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.\\]*$")
A1_SHAPED = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
R1C1_SHAPED = re.compile(r"^[Rr]([0-9]*)[Cc]?([0-9]*)$|^[Cc][0-9]*$")
SHEET_REF = re.compile(
    r"^(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!\$?[A-Z]+\$?[0-9]+(?::\$?[A-Z]+\$?[0-9]+)?$"
)


def _cell_ref_shaped(name: str) -> bool:
    if A1_SHAPED.match(name):
        letters = re.match(r"[A-Za-z]+", name)
        assert letters is not None
        col = 0
        for ch in letters.group(0).upper():
            col = col * 26 + ord(ch) - 64
        return col <= 16384
    return bool(R1C1_SHAPED.match(name))


def valid_name(name: str) -> bool:
    """A defined name or table name Excel accepts."""
    return (
        0 < len(name) <= 255
        and bool(NAME_OK.match(name))
        and not _cell_ref_shaped(name)
        and name.upper() not in {"R", "C", "TRUE", "FALSE"}
    )


def sheet_name_problems(names: list[str]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for name in names:
        if not 1 <= len(name) <= 31:
            problems.append(f"sheet name length {len(name)}: {name!r}")
        if FORBIDDEN.search(name):
            problems.append(f"sheet name has a forbidden character: {name!r}")
        if name.startswith("'") or name.endswith("'"):
            problems.append(f"sheet name starts/ends with an apostrophe: {name!r}")
        if name.lower() == "history":
            problems.append("sheet name 'History' is reserved")
        if name.lower() in seen:
            problems.append(f"duplicate sheet name: {name!r}")
        seen.add(name.lower())
    return problems


def _overlap(a: str, b: str) -> bool:
    a1, a2, a3, a4 = range_boundaries(a)
    b1, b2, b3, b4 = range_boundaries(b)
    assert None not in (a1, a2, a3, a4, b1, b2, b3, b4)
    return not (a3 < b1 or b3 < a1 or a4 < b2 or b4 < a2)  # type: ignore[operator]


NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _raw_tables(zf: zipfile.ZipFile) -> list[tuple[str, str, str, list[str]]]:
    """(sheet name, table name, ref, column names) read from the XML, not through openpyxl."""
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): _resolve("xl/workbook.xml", r.get("Target", "")) for r in rels}
    out = []
    for sheet in book.iterfind("m:sheets/m:sheet", NS):
        part = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        rel_part = part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[-1] + ".rels"
        if rel_part not in zf.namelist():
            continue
        for rel in ET.fromstring(zf.read(rel_part)):
            if not rel.get("Type", "").endswith("/table"):
                continue
            table = ET.fromstring(zf.read(_resolve(part, rel.get("Target", ""))))
            columns = [
                c.get("name", "") for c in table.iterfind("m:tableColumns/m:tableColumn", NS)
            ]
            name = table.get("displayName") or table.get("name") or ""
            out.append((sheet.get("name", ""), name, table.get("ref", ""), columns))
    return out


_OPENED: OrderedDict[tuple[str, str], Workbook] = OrderedDict()
_OPENED_KEPT = 10  # a module's generated workbooks (test_xlsx_plan lints 8)
_OPENED_BYTES = 4 << 20  # a larger file is loaded each time: memory over CPU


def opened(path: Path) -> Workbook:
    """``path`` loaded by openpyxl in full mode, once per content in a test process.

    For tests and helpers that only READ a workbook: several tests of a module read the
    same generated plan, and :func:`lint` reads it again (a full load costs 0.2-1 CPU-s).
    The key is the file's path and bytes, so a file written again is loaded again. The
    workbook returned is shared with the next reader: never change it (use
    ``load_workbook`` for a workbook a test edits)."""
    data = path.read_bytes()
    if len(data) > _OPENED_BYTES:
        return load_workbook(path)
    key = (str(path.resolve()), hashlib.sha256(data).hexdigest())
    if key in _OPENED:
        _OPENED.move_to_end(key)
        return _OPENED[key]
    book = load_workbook(path)
    _OPENED[key] = book
    while len(_OPENED) > _OPENED_KEPT:
        _OPENED.popitem(last=False)
    return book


def lint(path: Path, book: Workbook | None = None) -> list[str]:
    """All problems found in the workbook at ``path`` (empty list: clean).

    ``book``: the same file already loaded by openpyxl in full mode (:func:`opened`, or a
    test's own load of a large file), read instead of loading it again."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        if bad:
            problems.append(f"corrupt zip entry {bad}")
        names = zf.namelist()
        if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
            problems.append("not an xlsx package")
            return problems
        raw_tables = _raw_tables(zf)

    seen_tables: set[str] = set()
    for sheet, tname, _, headers in raw_tables:
        if not valid_name(tname):
            problems.append(f"invalid table name {tname!r} on {sheet!r}")
        if tname.lower() in seen_tables:
            problems.append(f"duplicate table name {tname!r}")
        seen_tables.add(tname.lower())
        if any(not h.strip() for h in headers):
            problems.append(f"table {tname!r} has an empty header")
        if len({h.lower() for h in headers}) != len(headers):
            problems.append(f"table {tname!r} has duplicate headers: {headers}")
    try:
        wb = book if book is not None else load_workbook(path)
    except Exception as err:  # openpyxl refuses some broken files outright
        problems.append(f"openpyxl cannot read the workbook: {err}")
        return problems

    sheets = wb.sheetnames
    problems += sheet_name_problems(sheets)
    lower_sheets = {s.lower() for s in sheets}

    defined = {}
    for name, dn in wb.defined_names.items():
        defined[name.lower()] = dn
        if not valid_name(name):
            problems.append(f"invalid defined name {name!r}")
        text = dn.attr_text or ""
        m = SHEET_REF.match(text)
        if not m:
            problems.append(f"defined name {name!r} is not a sheet-qualified range: {text!r}")
        else:
            sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
            if sheet.lower() not in lower_sheets:
                problems.append(f"defined name {name!r} points at a missing sheet {sheet!r}")
    for ws in wb.worksheets:
        for name in ws.defined_names:
            problems.append(f"sheet-scoped defined name {name!r} on {ws.title!r}")
    for tname in seen_tables:
        if tname in defined:
            problems.append(f"table name {tname!r} clashes with a defined name")

    for ws in wb.worksheets:
        table_refs = []
        for sheet, tname, ref, headers in raw_tables:
            if sheet != ws.title:
                continue
            min_col, min_row, max_col, _ = range_boundaries(ref)
            assert min_col is not None and min_row is not None and max_col is not None
            cells = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
            if any(not isinstance(c, str) for c in cells):
                problems.append(f"table {tname!r} header cells must be text: {cells}")
            elif cells != headers:
                problems.append(f"table {tname!r} headers {headers} differ from cells {cells}")
            table_refs.append(ref)
        if ws.auto_filter.ref:
            for ref in table_refs:
                if _overlap(ws.auto_filter.ref, ref):
                    problems.append(
                        f"autofilter {ws.auto_filter.ref} overlaps table {ref} on {ws.title!r}"
                    )
        for dv in ws.data_validations.dataValidation:
            formula = dv.formula1 or ""
            if dv.type == "list":
                if len(formula) > 255:
                    problems.append(f"list validation over 255 characters on {ws.title!r}")
                named = not formula.startswith('"') and "!" not in formula
                if named and formula.lstrip("=").lower() not in defined:
                    problems.append(f"list validation uses unknown name {formula!r}")
    return problems


def assert_clean(path: Path) -> None:
    """Fail with every problem :func:`lint` finds (the workbook loaded once per content)."""
    try:
        book: Workbook | None = opened(path)
    except Exception:  # lint reports why openpyxl cannot read it
        book = None
    problems = lint(path, book)
    assert not problems, f"{path.name}: " + "; ".join(problems)


def assert_same_bytes_and_fixed_stamps(
    render: Callable[[Kit, Path], object], kit: Callable[[], Kit], folder: Path, stamp: datetime
) -> None:
    """Two renders a second apart are the same bytes, stamped ``stamp``, never the clock.

    Checks the workbook's creator, created and modified dates and every zip entry's date.
    """
    first, second = folder / "a.xlsx", folder / "b.xlsx"
    render(kit(), first)
    time.sleep(1.1)  # a clock-stamped file would differ now
    render(kit(), second)
    assert first.read_bytes() == second.read_bytes()
    wb = load_workbook(first)
    assert wb.properties.creator == "implkit"
    assert wb.properties.created == stamp == wb.properties.modified
    with zipfile.ZipFile(first) as zf:
        assert {i.date_time for i in zf.infolist()} == {stamp.timetuple()[:6]}


def assert_every_workbook_clean(paths: Iterable[Path], count: int) -> None:
    """Exactly ``count`` workbooks, each passing :func:`assert_clean`."""
    paths = list(paths)
    assert len(paths) == count
    for path in paths:
        assert_clean(path)

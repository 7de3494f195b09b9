"""Renamed or deleted sheets (fresh-user finding): never lose the consultant's entries silently.

openpyxl renames a sheet without following the rename into the ``_ik_<n>`` defined names,
so neither the names nor the declared title find it; the reader then finds it by its header
signature. A declared sheet with consultant columns that still cannot be found is named
in the build's report (title in the kit's language, workbook path, the backup).

Real components: kits written by ``implkit new``, edited with openpyxl, rebuilt by ``build``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from generator.carry import WORKBOOKS
from generator.carry.read import SheetRead, WorkbookRead, read_workbook
from generator.cli import cli
from tests.kits import pristine

KINDS = ("plan", "migration", "training-matrix")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def new_kit(tmp_path: Path, *extra: str) -> Path:
    """A fresh manufacturing kit (a copy of one made once per test process)."""
    return pristine(tmp_path / "kit", "manufacturing", "--start", "2026-03-02", *extra)


_READ: dict[tuple[str, str, str], WorkbookRead] = {}


def _sheets(target: Path, kind: str) -> dict[str, SheetRead]:
    """Instance -> sheet as the kit's reader reads them, read once per workbook content:
    a table-driven test asks for every sheet of a built workbook in turn (a migration
    workbook has dozens); the key is the file's bytes, so a workbook written again is
    read again."""
    path = target / WORKBOOKS[kind]
    key = (str(path), kind, hashlib.sha256(path.read_bytes()).hexdigest())
    if key not in _READ:
        _READ.clear()  # only the workbook a test is reading now
        _READ[key] = read_workbook(path, kind)
    return {sheet.instance: sheet for sheet in _READ[key].sheets}


def _entry(sheet: SheetRead, row: int, n: int) -> tuple[str, Any, Any]:
    """(column key, value to type, value read back) for a consultant column the sheet
    shows: a text, a small number or a list label, differing from the row's current value."""
    current = next((r.values for r in sheet.rows if r.number == row), {})
    for c in sheet.spec.consultant_columns:
        if c.key not in sheet.columns or c.formula:
            continue
        if c.type in ("text", "long-text"):
            return c.key, f"entry {n}", f"entry {n}"
        if c.type in ("int", "number", "currency", "person-days"):
            value = 2 if current.get(c.key) == 3 else 3
            return c.key, value, value
        if c.list is not None:
            key, _msgid = next(o for o in c.list.options if o[0] != current.get(c.key))
            return c.key, c.list.label(key, "en") or key, key
    raise AssertionError(f"{sheet.instance}: no consultant column to test with")


def _row(sheet: SheetRead) -> tuple[int, str]:
    """(row number, key) of the first keyed row, or a new added row below the last one."""
    for row in sheet.rows:
        kind = str(row.values.get("type") or "").lower()
        if row.key and kind not in ("phase", "阶段"):
            return row.number, row.key
    last = max((row.number for row in sheet.rows), default=sheet.header_row)
    return last + 1, ""


def _rename_and_fill(target: Path, kind: str, only: set[str] | None = None) -> dict[str, Any]:
    """Rename every declared sheet with consultant columns of ``kind`` (or ``only`` these
    instances) with openpyxl and type an entry into one of its consultant columns.

    Returns instance -> (key of the row, column key, value read back)."""
    from openpyxl import load_workbook

    path = target / WORKBOOKS[kind]
    book = load_workbook(path)
    typed: dict[str, Any] = {}
    for n, (instance, sheet) in enumerate(_sheets(target, kind).items()):
        if only is not None and instance not in only:
            continue
        number, key = _row(sheet)
        column, value, text = _entry(sheet, number, n)
        ws = book[sheet.title]
        ws.cell(number, sheet.columns[column] + 1, value)
        if not key:  # an added row needs its key to be carried as one
            ws.cell(number, sheet.columns[sheet.spec.key_column] + 1, f"ADDED-{n}")
            key = f"ADDED-{n}"
        ws.title = f"Renamed {n}"
        typed[instance] = (key, column, text)
    book.save(path)
    return typed


def _build(target: Path) -> dict[str, Any]:
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    return json.loads(out[out.index("{") :])


def _carried(target: Path, kind: str, instance: str, key: str, column: str, text: Any) -> bool:
    sheet = _sheets(target, kind).get(instance)
    if sheet is None:
        return False
    return any(row.key == key and row.values.get(column) == text for row in sheet.rows)


def test_every_renamed_sheet_is_carried_or_reported(tmp_path: Path) -> None:
    """Table-driven over every declared sheet with consultant columns of the three
    workbooks: each renamed by openpyxl (names left pointing at the old title) with an
    entry typed; after the build each entry is carried, or its sheet is reported."""
    target = new_kit(tmp_path)
    typed = {kind: _rename_and_fill(target, kind) for kind in KINDS}
    assert {"plan.tasks", "migration.cutover", "training.sessions"} <= {
        i for kind in KINDS for i in typed[kind]
    }
    data = _build(target)["carry"]["workbooks"]
    for kind in KINDS:
        lost = set(data[kind].get("lost", ()))
        for instance, (key, column, text) in typed[kind].items():
            carried = _carried(target, kind, instance, key, column, text)
            assert carried or instance in lost, f"{instance}: entry lost silently"
            if ":" not in instance:  # one sheet per declaration: found by its headers
                assert carried, f"{instance} renamed: not found by its header signature"
            else:  # many renamed sheets of one declaration: which object is a guess
                assert instance in lost and not carried


def test_one_renamed_per_object_sheet_is_found(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    instance = next(i for i in _sheets(target, "migration") if i.startswith("migration.fields:"))
    typed = _rename_and_fill(target, "migration", only={instance})
    data = _build(target)["carry"]["workbooks"]
    assert "lost" not in data["migration"]
    key, column, text = typed[instance]
    assert _carried(target, "migration", instance, key, column, text)


def test_the_fresh_users_renamed_plan_keeps_its_status(tmp_path: Path) -> None:
    """The finding as reported: 'Plan' renamed 'My plan' with openpyxl, a status set."""
    from openpyxl import load_workbook

    target = new_kit(tmp_path)
    sheet = _sheets(target, "plan")["plan.tasks"]
    number, key = _row(sheet)
    path = target / WORKBOOKS["plan"]
    book = load_workbook(path)
    ws = book[sheet.title]
    ws.cell(number, sheet.columns["status"] + 1, "Done")
    ws.title = "My plan"
    book.save(path)
    code, out = run("build", str(target))
    assert code == 0, out
    assert "was not found" not in out
    again = _sheets(target, "plan")["plan.tasks"]
    assert next(row for row in again.rows if row.key == key).values["status"] == "done"


def test_a_deleted_sheet_is_named_in_the_kits_language(tmp_path: Path) -> None:
    """A sheet with consultant columns that is gone: the build names it (zh title), the
    workbook and the backups folder."""
    from openpyxl import load_workbook

    from generator.sheets import spec

    target = new_kit(tmp_path, "--lang", "zh")
    sheet = _sheets(target, "plan")["plan.risks"]
    path = target / WORKBOOKS["plan"]
    book = load_workbook(path)
    del book[sheet.title]
    book.save(path)
    code, out = run("build", str(target))
    assert code == 0, out
    line = next(line for line in out.splitlines() if spec("plan.risks").title("zh") in line)
    assert WORKBOOKS["plan"] in line and ".implkit/backups/" in line
    assert "was not found" not in line  # in Chinese
    code, out = run("build", str(target), "--json")  # the rebuilt sheet is found again
    assert "lost" not in json.loads(out[out.index("{") :])["carry"]["workbooks"]["plan"]

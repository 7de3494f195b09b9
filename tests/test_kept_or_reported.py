"""Kept or reported: every row the team types into any declared sheet survives a build or
is named in its report — never dropped without a word.

A property test: for each seed, random subsets of the declared columns (generated ones
too: a team types a risk's id, title and owner before its status) are filled in the
blank rows below every declared sheet of the plan, the migration checklist and the
training matrix, with values of each column's type (and some that are not); then the
kit is rebuilt and every typed row must be found in the rebuilt workbook (its values, or
its text in the row's notes) or named in the build's report (its sheet and row number).

``IMPLKIT_KEPT_SEEDS`` (default 2) sets how many seeds run; each is one build.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.carry import WORKBOOKS
from generator.carry.read import read_workbook
from generator.carry.values import as_text, convert
from generator.sheets import ColumnSpec
from tests.hostile import mini_kit, run_cli

START = "2026-03-02"
SEEDS = int(os.environ.get("IMPLKIT_KEPT_SEEDS", "0") or 0) or 2
ROWS_PER_SHEET = 2
UNIQUE_TYPES = ("text", "long-text", "number", "currency", "person-days", "hours", "date", "int")


run = run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return mini_kit(tmp_path_factory.mktemp("kept"), then="build")


@dataclass
class Typed:
    """One row typed into a blank row of a declared sheet."""

    kind: str
    instance: str
    title: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # column key -> what was typed

    def unique_texts(self, columns: dict[str, ColumnSpec]) -> set[str]:
        return {
            as_text(v)
            for k, v in self.values.items()
            if columns[k].type in UNIQUE_TYPES and not isinstance(v, bool)
        }


def _value(column: ColumnSpec, n: int, rng: random.Random) -> Any:
    """A value of the column's type (unique where the type allows), now and then a wrong one."""
    if rng.random() < 0.15:
        return f"junk-{n}"  # a value the column cannot use: kept in the notes or reported
    kind = column.type
    if kind in ("text", "long-text"):
        return f"typed-{n}"
    if kind == "int":
        return 1 + n % 5 if rng.random() < 0.5 else 100 + n
    if kind in ("number", "currency", "person-days", "hours"):
        return 1000.5 + n
    if kind == "percent":
        return 0.25
    if kind == "date":
        return date(2026, 5, 1) + timedelta(days=n)
    if kind == "bool":
        return "yes"
    if kind == "list" and column.list is not None and column.list.options:
        key = rng.choice(column.list.options)[0]
        return column.list.label(key, "en")  # as the dropdown shows it in English
    return f"typed-{n}"


def _type_rows(kit: Path, rng: random.Random) -> list[Typed]:
    typed: list[Typed] = []
    counter = 0
    for kind, relative in WORKBOOKS.items():
        path = kit / relative
        read = read_workbook(path, kind, every_sheet=True)
        book = load_workbook(path)
        for sheet in read.sheets:
            present = [c for c in sheet.spec.columns if c.key in sheet.columns]
            if not present:
                continue
            ws = book[sheet.title]
            last = max([sheet.header_row, *(r.number for r in sheet.rows)])
            for offset in range(1, ROWS_PER_SHEET + 1):
                chosen = rng.sample(present, rng.randint(1, min(4, len(present))))
                entry = Typed(kind, sheet.instance, sheet.title, last + offset)
                for column in chosen:
                    counter += 1
                    value = _value(column, counter, rng)
                    ws.cell(entry.row, sheet.columns[column.key] + 1).value = value
                    entry.values[column.key] = value
                typed.append(entry)
        book.save(path)
    return typed


def _texts_of_row(values: dict[str, Any]) -> set[str]:
    texts = {as_text(v) for v in values.values() if v not in (None, "")}
    notes = str(values.get("notes") or "")
    return texts | ({notes} if notes else set())


def _kept(entry: Typed, rebuilt: dict[str, list[dict[str, Any]]], columns: dict[str, Any]) -> bool:
    rows = rebuilt.get(entry.instance, [])
    unique = entry.unique_texts(columns)
    wanted = set()
    for key, typed in entry.values.items():  # as the rebuilt sheet stores it (list keys...)
        stored, _problem = convert(typed, columns[key])
        wanted.add(as_text(stored if stored is not None else typed))
    for values in rows:
        texts = _texts_of_row(values)
        blob = " ".join(texts)
        if unique and any(u in texts or u in blob for u in unique):
            return True
        if not unique and wanted <= texts:
            return True
    return False


@pytest.mark.parametrize("seed", range(SEEDS))
def test_every_typed_row_is_kept_or_reported(
    pristine: tuple[Path, Path], tmp_path: Path, seed: int
) -> None:
    source, packs = pristine
    kit = tmp_path / "kit"
    shutil.copytree(source, kit)
    rng = random.Random(26_000 + seed)
    typed = _type_rows(kit, rng)
    assert len(typed) > 20
    code, output = run("build", str(kit), "--packs-dir", str(packs), "--json")
    assert code == 0, output
    report = json.loads(output[output.index("{") :])
    carried = report["carry"]
    named = {(u["sheet"], u["row"]) for u in carried["unused"]}
    lifted = {text for item in carried["lifted"] for text in (item["id"], item["name"])}
    rebuilt: dict[str, list[dict[str, Any]]] = {}
    specs: dict[str, dict[str, Any]] = {}
    for kind, relative in WORKBOOKS.items():
        for sheet in read_workbook(kit / relative, kind, every_sheet=True).sheets:
            rebuilt[sheet.instance] = [dict(r.values) for r in sheet.rows]
            specs[sheet.instance] = {c.key: c for c in sheet.spec.columns}
    lost = []
    for entry in typed:
        columns = specs.get(entry.instance) or {}
        if (entry.instance, entry.row) in named:
            continue
        if columns and _kept(entry, rebuilt, columns):
            continue
        if {as_text(v) for v in entry.values.values()} & lifted:
            continue
        lost.append(entry)
    assert not lost, "typed rows neither kept nor reported:\n" + "\n".join(
        f"{e.title} row {e.row}: {e.values}" for e in lost[:15]
    )


def _risks_header(book: Any) -> tuple[Any, dict[str, int]]:
    sheet = book["Risks"]
    for row in sheet.iter_rows(min_row=1, max_row=12):
        names = {str(c.value or "").strip(): c.column for c in row}
        if "Id" in names and "Risk" in names:
            return sheet, names
    raise AssertionError("no Risks header")


def test_a_risk_typed_without_a_status_is_kept(pristine: tuple[Path, Path], tmp_path: Path) -> None:
    """The team types a risk's id, title and owner into the blank rows, no status yet."""
    source, packs = pristine
    kit = tmp_path / "kit"
    shutil.copytree(source, kit)
    plan = kit / "plan" / "project-plan.xlsx"
    book = load_workbook(plan)
    sheet, names = _risks_header(book)
    row = sheet.max_row + 1
    for header, value in (("Id", "R-99"), ("Risk", "Key user leaves"), ("Owner", "Li Lei")):
        sheet.cell(row, names[header]).value = value
    book.save(plan)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 0, output
    risks = read_workbook(plan, "plan").sheet("plan.risks")
    assert risks is not None
    kept = [r for r in risks.rows if r.key == "R-99"]
    assert kept and kept[0].values.get("risk") == "Key user leaves", [r.values for r in risks.rows]
    assert kept[0].values.get("owner") == "Li Lei"
    code, output = run("build", str(kit), "--packs-dir", str(packs))  # and it stays
    assert code == 0, output
    risks = read_workbook(plan, "plan").sheet("plan.risks")
    assert risks is not None and [r for r in risks.rows if r.key == "R-99"]


def test_without_the_last_build_record_such_a_row_is_reported(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    """A kit built before every sheet was recorded: the row cannot be told from the last
    build's, so it is named in the report (kept in the backup), not dropped unseen."""
    source, packs = pristine
    kit = tmp_path / "kit"
    shutil.copytree(source, kit)
    snapshot = kit / ".implkit" / "last-build.json"
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    data.pop("written", None)
    snapshot.write_text(json.dumps(data), encoding="utf-8")
    plan = kit / "plan" / "project-plan.xlsx"
    book = load_workbook(plan)
    sheet, names = _risks_header(book)
    row = sheet.max_row + 1
    sheet.cell(row, names["Id"]).value = "R-98"
    sheet.cell(row, names["Risk"]).value = "Budget cut"
    book.save(plan)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 0, output
    assert f"Risks row {row} (R-98)" in output and "Budget cut" in output, output

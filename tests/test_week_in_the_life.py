"""A week in the life of a kit: every consultant cell survives a rebuild.

Table-driven from the sheet declarations (:mod:`generator.sheets`): for every sheet of
the plan, the migration checklist and the training matrix, every consultant column of
every generated row is filled with openpyxl as a consultant would (values of the
column's type, list values as the kit language's labels), rows are added on every
sheet that accepts them, a task is added on the Plan sheet (one with an id, one
without), the answers change (start, users, systems), and the kit is rebuilt. Every
filled cell must come back at the same row key (added rows: in their sheet), 100 %.
One run re-saves the workbooks with LibreOffice first.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.carry import WORKBOOKS
from generator.carry.read import SheetRead, read_workbook
from generator.carry.values import convert
from generator.cli import cli
from generator.sheets import ColumnSpec, SheetSpec
from tests.kits import pristine
from tests.office import soffice_convert

NEW_TASK = "project.label-printers"
NEW_TASK_NAMES = {
    "en": ("Label printer roll-out", "Scanner pairing"),
    "zh": ("标签打印机部署", "扫码枪配对"),
}


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output[result.output.index("{") :]))


def sample(column: ColumnSpec, lang: str, n: int, marker: str) -> Any:
    """A value a consultant could type into ``column`` (valid for its type)."""
    kind = column.type
    if kind in ("text", "long-text"):
        return f"{marker}-{column.key}"
    if kind == "int":
        return 3
    if kind == "percent":
        return 0.4
    if kind == "date":
        return date(2026, 4, 1) + timedelta(days=n % 20)
    if kind == "list":
        assert column.list is not None
        labels = column.list.labels(lang)
        return labels[n % len(labels)]
    if kind == "bool":
        return True
    return 2.5  # number, currency, person-days, hours


@dataclass
class Filled:
    """What the test typed: expected (instance, key, column) -> value, added rows by sheet."""

    cells: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def count(self, kind: str, specs: dict[str, str]) -> int:
        own = sum(1 for (inst, _, _) in self.cells if specs.get(inst) == kind)
        rows = sum(
            len(r) for inst, rows in self.added.items() if specs.get(inst) == kind for r in rows
        )
        return own + rows


def _expected(column: ColumnSpec, value: Any) -> Any:
    converted, problem = convert(value, column)
    assert problem is None, (column.key, value, problem)
    return converted


def _fill_sheet(ws: Any, sheet: SheetRead, lang: str, filled: Filled, kind: str) -> None:
    spec: SheetSpec = sheet.spec
    consultant = spec.consultant_columns
    if not consultant:
        return
    last = sheet.header_row
    for n, row in enumerate(sheet.rows):
        last = max(last, row.number)
        if not row.key:
            continue
        if spec.key == "plan.tasks" and str(row.values.get("type", "")).lower() in (
            "phase",
            "阶段",
        ):
            continue
        for column in consultant:
            index = sheet.columns.get(column.key)
            if index is None:
                continue
            value = sample(column, lang, n, f"{kind}{row.number}")
            if column.key == "actual_finish":
                value = date(2026, 4, 25)  # after every actual start above
            ws.cell(row=row.number, column=index + 1, value=value)
            filled.cells[(sheet.instance, row.key, column.key)] = _expected(column, value)
    if not spec.accepts_added_rows or spec.key == "plan.tasks":
        return
    added: dict[str, Any] = {}
    for column in spec.columns:
        index = sheet.columns.get(column.key)
        if index is None or column.formula:
            continue
        if column.key == spec.key_column:
            value = f"zz-added-{spec.key.replace('.', '-')}"
        else:
            value = sample(column, lang, 1, f"added-{sheet.instance}")
        ws.cell(row=last + 1, column=index + 1, value=value)
        added[column.key] = _expected(column, value)
    filled.added.setdefault(sheet.instance, []).append(added)


def _add_tasks(ws: Any, sheet: SheetRead, lang: str) -> None:
    """Two new tasks under the last task of the Realize phase: one with an id, one without."""
    last = max(row.number for row in sheet.rows)
    cols = sheet.columns
    owner = "Technical consultant / developer" if lang == "en" else "技术顾问（开发）"
    for offset, (task_id, name) in enumerate(
        zip((NEW_TASK, None), NEW_TASK_NAMES[lang], strict=True)
    ):
        row = last + 1 + offset
        values = {
            "id": task_id,
            "name": name,
            "owner": owner,
            "duration": 3,
            "predecessors": "base.kickoff",
            "status": "In progress" if lang == "en" else "进行中",
            "pct": 0.25,
            "notes": f"new task {offset}",
        }
        for key, value in values.items():
            if key in cols and value is not None:
                ws.cell(row=row, column=cols[key] + 1, value=value)


def fill_kit(target: Path, lang: str) -> Filled:
    """Fill every consultant cell of every workbook of the kit at ``target``."""
    filled = Filled()
    for kind, relative in WORKBOOKS.items():
        path = target / relative
        read = read_workbook(path, kind)
        assert read.sheets, f"no declared sheet found in {relative}"
        book = load_workbook(path)
        for sheet in read.sheets:
            _fill_sheet(book[sheet.title], sheet, lang, filled, kind)
            if sheet.spec.key == "plan.tasks":
                _add_tasks(book[sheet.title], sheet, lang)
        book.save(path)
        book.close()
    return filled


def check_carried(target: Path, filled: Filled) -> dict[str, tuple[int, int]]:
    """(carried, expected) cells per workbook; asserts nothing was lost."""
    reads = {kind: read_workbook(target / rel, kind) for kind, rel in WORKBOOKS.items()}
    kinds = {s.instance: kind for kind, r in reads.items() for s in r.sheets}
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for read in reads.values():
        for sheet in read.sheets:
            found[sheet.instance] = {row.key: row.values for row in sheet.rows if row.key}
    lost: list[str] = []
    counts: dict[str, list[int]] = {kind: [0, 0] for kind in WORKBOOKS}
    for (instance, key, column), value in filled.cells.items():
        kind = kinds.get(instance) or _kind_of(instance)
        counts[kind][1] += 1
        got = found.get(instance, {}).get(key, {}).get(column)
        if got == value or (isinstance(value, float) and got == pytest.approx(value)):
            counts[kind][0] += 1
        else:
            lost.append(f"{instance} {key} {column}: wrote {value!r}, got {got!r}")
    for instance, rows in filled.added.items():
        kind = kinds.get(instance) or _kind_of(instance)
        sheet = next(s for r in reads.values() for s in r.sheets if s.instance == instance)
        for added in rows:
            counts[kind][1] += len(added)
            match = [
                r.values
                for r in sheet.rows
                if all(r.values.get(k) == v for k, v in added.items() if isinstance(v, str))
            ]
            if not match:
                lost.append(f"{instance}: added row {added} not found")
                continue
            counts[kind][0] += sum(
                1
                for k, v in added.items()
                if match[0].get(k) == v
                or (isinstance(v, float) and match[0].get(k) == pytest.approx(v))
            )
    summary = {kind: (c[0], c[1]) for kind, c in counts.items()}
    print(f"carried cells per workbook (carried, typed): {summary}")
    assert not lost, (
        "\n".join(lost[:40])
        + f"\n{len(lost)} lost: "
        + str(sorted({item.split(" ")[0] for item in lost}))
    )
    for kind, (carried, typed) in summary.items():
        assert typed > 0, f"nothing typed into the {kind} workbook"
        assert carried == typed, kind
    return summary


def _kind_of(instance: str) -> str:
    return {"plan": "plan", "migration": "migration", "training": "training-matrix"}[
        instance.split(".")[0]
    ]


def _change_answers(target: Path) -> None:
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    text = text.replace("start: 2026-03-02", "start: 2026-03-16")
    text = text.replace("users: 200", "users: 260")
    text = text.replace('systems: ["ERP"]', 'systems: ["ERP", "MES"]')
    answers.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_week_in_the_life_carries_every_cell(tmp_path: Path, lang: str) -> None:
    target = tmp_path / f"kit-{lang}"
    pristine(target, "manufacturing", "--start", "2026-03-02", "--lang", lang,
             "--systems", "ERP", "--users", "200")  # fmt: skip
    filled = fill_kit(target, lang)
    _change_answers(target)
    data = run("build", str(target))
    carry = data["carry"]
    lifted = {item["id"]: item for item in carry["lifted"]}
    assert NEW_TASK in lifted and not lifted[NEW_TASK]["assigned_id"]
    assigned = [item for item in carry["lifted"] if item["assigned_id"]]
    assert len(assigned) == 1
    assert carry["unused"] == [], json.dumps(carry["unused"], ensure_ascii=False)
    text = (target / "project.yaml").read_text(encoding="utf-8")
    assert NEW_TASK in text and assigned[0]["id"] in text
    assert "start: 2026-03-16" in text
    plan = read_workbook(target / WORKBOOKS["plan"], "plan").sheet("plan.tasks")
    assert plan is not None
    rows = {row.key: row for row in plan.rows}
    assert rows[NEW_TASK].values["status"] == "in-progress"
    assert rows[NEW_TASK].values.get("start") is not None  # scheduled with the rest
    check_carried(target, filled)
    # a second rebuild with nothing changed: same bytes
    before = {rel: (target / rel).read_bytes() for rel in WORKBOOKS.values()}
    run("build", str(target))
    assert {rel: (target / rel).read_bytes() for rel in WORKBOOKS.values()} == before


def test_switching_language_and_a_libreoffice_resave_carry_everything(tmp_path: Path) -> None:
    target = tmp_path / "kit"
    pristine(target, "manufacturing", "--start", "2026-03-02", "--systems", "ERP")
    filled = fill_kit(target, "en")
    # the consultant opened and saved them in LibreOffice (one soffice run for the three)
    paths = [target / relative for relative in WORKBOOKS.values()]
    for path, out in zip(paths, soffice_convert(paths, "xlsx", tmp_path / "lo"), strict=True):
        shutil.copyfile(out, path)
    answers = target / "project.yaml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace("lang: en", "lang: zh"), encoding="utf-8"
    )
    data = run("build", str(target))
    assert data["carry"]["unused"] == [], data["carry"]["unused"]
    summary = check_carried(target, filled)
    assert all(carried > 0 for carried, _ in summary.values())
    book = load_workbook(target / WORKBOOKS["plan"], read_only=True)
    assert "计划" in book.sheetnames  # rebuilt in Chinese
    book.close()


def test_renamed_workbook_is_rebuilt_fresh_and_said_so(tmp_path: Path) -> None:
    target = tmp_path / "kit"
    pristine(target, "manufacturing", "--start", "2026-03-02")
    moved = target / "migration" / "checklist-old.xlsx"
    (target / WORKBOOKS["migration"]).rename(moved)
    data = run("build", str(target))
    assert data["carry"]["workbooks"]["migration"]["status"] == "missing"
    assert (target / WORKBOOKS["migration"]).is_file()
    assert moved.is_file()  # the user's file is never touched
    assert not list(target.rglob("*.new.xlsx"))

"""A rename in a new pack version moves 100 % of a live kit's entries on the renamed items.

Real components: a kit built by ``implkit new`` from the ``acme`` pack (one item of every
kind that carries a team's entries: a task repeated per wave, a gate, a phase, a role, a
risk, a stakeholder who is an interface person, a meeting, a lesson, a migration object
with its field sheet, a cutover step, a course and an audience of training sessions).
Every consultant cell on every row of those items is typed with openpyxl; version 2.0.0
of the pack renames every one of them (``replaces:``); ``implkit build --pack-update``
applies it. Every entry is read back under the new id, none on "Removed tasks".
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.carry import WORKBOOKS
from generator.carry.read import SheetRead, read_workbook
from generator.carry.renames import KEY_SECTIONS, PER_OBJECT
from generator.cli import cli
from generator.packs.renames import rename_key

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "packs" / "renames" / "acme"
KINDS = ("plan", "migration", "training-matrix")
# old id -> new id, section: every item of the acme pack
RENAMES: dict[str, tuple[str, str]] = {
    "acme-analyst": ("acme-store-analyst", "roles"),
    "acme-stabilize": ("acme-stabilise", "phases"),
    "acme.gate-stabilize": ("acme.gate-stabilise", "tasks"),
    "acme.store-check": ("acme.store-readiness", "tasks"),
    "acme.stabilize-review": ("acme.stabilise-review", "tasks"),
    "acme.ops-call": ("acme.store-ops-call", "ceremonies"),
    "acme.risk-tills": ("acme.risk-till-outage", "risks"),
    "acme.sh-ops": ("acme.sh-store-ops", "stakeholders"),
    "acme.stores": ("acme.store-master", "migration"),
    "acme.co-till-test": ("acme.co-till-check", "cutover"),
    "acme-cashiers": ("acme-checkout-staff", "audiences"),
    "acme.till": ("acme.till-basics", "courses"),
    "acme.lesson-tills": ("acme.lesson-till-test", "lessons"),
}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    return result.exit_code, result.output


def _version_2(folder: Path) -> None:
    """Rename every item of the pack in place and list each old id under replaces:."""
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 2.0.0")
        for old, (new, _section) in sorted(RENAMES.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"(?<![\w.-]){re.escape(old)}(?![\w-])", new, text)
        for old, (new, _section) in RENAMES.items():
            text = text.replace(f"  - id: {new}\n", f"  - id: {new}\n    replaces: [{old}]\n")
        path.write_text(text, encoding="utf-8")


def _sheets(target: Path, kind: str) -> dict[str, SheetRead]:
    read = read_workbook(target / WORKBOOKS[kind], kind)
    return {sheet.instance: sheet for sheet in read.sheets}


def _value(column: Any, current: Any, lang: str, n: int) -> Any:
    """A value to type into a consultant column, unlike the current one."""
    if column.type in ("text", "long-text"):
        return f"entry {n}"
    if column.type == "date":
        return date(2027, 5, 5)
    if column.type == "percent":
        return 0.5
    if column.type == "bool":
        return "yes"
    if column.type in ("int", "number", "currency", "person-days", "hours"):
        return 2 if current == 3 else 3
    if column.list is not None:
        key = next(option for option, _label in column.list.options if option != current)
        return column.list.label(key, lang)
    raise AssertionError(column.type)


def _table(base: str) -> dict[str, str]:
    sections = KEY_SECTIONS.get(base, ())
    return {old: new for old, (new, section) in RENAMES.items() if section in sections}


def _fill(target: Path, lang: str) -> int:
    """Type every consultant cell of every row keyed by a renamed item; returns the count."""
    from openpyxl import load_workbook

    typed = 0
    for kind in KINDS:
        path = target / WORKBOOKS[kind]
        book = load_workbook(path)
        for instance, sheet in _sheets(target, kind).items():
            base, _, obj = instance.partition(":")
            whole = base in PER_OBJECT and obj in RENAMES
            table = _table(base)
            ws = book[sheet.title]
            for row in sheet.rows:
                kind_of_row = str(row.values.get("type") or "").lower()
                if kind_of_row in ("phase", "阶段"):
                    continue  # phase rows are computed: never an entry
                moved = row.key and rename_key(row.key, table) != row.key
                if not (whole and row.key) and not moved:
                    continue
                for n, column in enumerate(sheet.spec.consultant_columns):
                    if column.key not in sheet.columns or column.formula:
                        continue
                    value = _value(column, row.values.get(column.key), lang, typed + n)
                    ws.cell(row.number, sheet.columns[column.key] + 1, value)
                    typed += 1
        book.save(path)
    return typed


def _entries(target: Path, *, renamed: bool) -> dict[tuple[str, str, str], Any]:
    """(sheet, row key, column) -> value of every consultant cell on the renamed items'
    rows, as the carry reads them; keys given as they will be after the rename."""
    found: dict[tuple[str, str, str], Any] = {}
    news = {new: old for old, (new, _s) in RENAMES.items()}
    for kind in KINDS:
        for instance, sheet in _sheets(target, kind).items():
            base, _, obj = instance.partition(":")
            if base in PER_OBJECT and not renamed and obj in RENAMES:
                instance = f"{base}:{RENAMES[obj][0]}"
            mine = {c.key for c in sheet.spec.consultant_columns if not c.formula}
            table = _table(base)
            for row in sheet.rows:
                if not row.key:
                    continue
                key = row.key if renamed else rename_key(row.key, table)
                in_scope = (base in PER_OBJECT and instance.partition(":")[2] in news) or (
                    rename_key(key, {n: o for n, o in news.items()}) != key
                )
                if not in_scope:
                    continue
                for column, value in row.values.items():
                    if column in mine and value not in (None, ""):
                        found[(instance, key, column)] = value
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_rename_moves_every_entry_of_every_kind_of_item(tmp_path: Path, lang: str) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(FIXTURE, packs / "acme")
    target = tmp_path / "kit"
    code, out = run(
        "new", "acme", "--packs-dir", str(packs), "--out", str(target), "--start", "2027-03-01",
        "--strategy", "phased", "--sites", "3", "--users", "90", "--lang", lang,
    )  # fmt: skip
    assert code == 0, out
    typed = _fill(target, lang)
    before = _entries(target, renamed=False)
    assert len(before) == typed > 200  # every typed cell is an entry the carry reads
    kinds = {RENAMES[old][1] for old in RENAMES}
    touched = {
        section
        for (instance, key, _c) in before
        for old, (new, section) in RENAMES.items()
        if new in re.split(r"[#@/:]|-\d+$", key) or instance.endswith(f":{new}")
    }
    assert touched == kinds, kinds - touched  # entries on every kind of item
    assert any("@w2" in key for (_i, key, _c) in before)  # and on a wave's copy
    _version_2(packs / "acme")
    files = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    code, out = run("build", str(target))
    assert code == 2 and "2.0.0" in out and "1.0.0" in out and "--pack-update --dry-run" in out
    assert ("13 renamed" if lang == "en" else "改名 13 项") in out
    code, out = run("build", str(target), "--pack-update", "--dry-run", "--json")
    assert code == 0, out
    preview = json.loads(out[out.index("{") :])
    assert preview["dry_run"] is True
    assert sum(m["entries"] for m in preview["carry"]["moved"]) == len(before)
    assert preview["removed_tasks"] == []
    code, out = run("build", str(target), "--pack-update", "--dry-run")
    assert code == 0
    if lang == "en":
        assert "Dry run: nothing was written" in out
        assert f"{len(before)} entries moved to the new ids of renamed items" in out
    else:
        assert "试运行：未写入任何文件" in out and f"{len(before)} 项填写内容随改名" in out
    assert "acme.store-check → acme.store-readiness" in out
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == files
    code, out = run("build", str(target), "--pack-update", "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])
    after = _entries(target, renamed=True)
    lost = {k: v for k, v in before.items() if after.get(k) != v}
    assert lost == {}, f"{len(lost)} of {len(before)} entries did not move"
    moved = data["carry"]["moved"]
    assert sum(m["entries"] for m in moved) == len(before)
    # the generated cells naming a renamed item (a successor's predecessors) are written
    # again from the new pack, never reported as the team's edit of a generated cell
    assert [u for u in data["carry"]["unused"] if u["column"] == "predecessors"] == []
    renamed = {
        (old, new)
        for section in data["carry"]["pack_changes"]["sections"].values()
        for old, new in section.get("renamed", [])
    }
    assert renamed == {(old, new) for old, (new, _s) in RENAMES.items()}
    # the saved baseline follows the renamed tasks (their baseline dates and slip stay)
    baseline = json.loads((target / ".implkit" / "baselines" / "initial.json").read_text("utf-8"))
    ids = {t["id"] for t in baseline["tasks"]}
    assert {"acme.store-readiness", "acme.store-readiness@w2", "acme.gate-stabilise"} <= ids
    assert not {old for old in RENAMES} & ids
    removed = _sheets(target, "plan").get("plan.removed")
    assert removed is None or not [r for r in removed.rows if r.key]

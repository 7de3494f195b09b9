"""The registry of deliverables: every reference resolves, every declared sheet has its
carry (row keys) and is written and lint-clean, every export has its import guide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.carry.keys import ROW_KEYS, generated_keys
from generator.i18n import LANGUAGES, translations
from generator.registry import (
    DELIVERABLES,
    Deliverable,
    deliverable,
    exports,
    manifest_kinds,
    path_of,
    resolve,
    workbooks,
)
from generator.render.import_guide import import_guide
from generator.sheets import META_SHEET, SheetSpec, declared
from tests.sample_kit import sample_kit
from tests.xlsx_lint import assert_clean


def missing_row_keys(
    items: Iterable[Deliverable],
    *,
    declared_sheets: Mapping[str, Iterable[SheetSpec]] | None = None,
) -> list[str]:
    """Declared sheets of the registered workbooks that have no row-key entry."""
    missing = []
    for item in items:
        if item.sheets is None:
            continue
        table = resolve(item.row_keys) if item.row_keys else {}
        found = declared_sheets[item.sheets] if declared_sheets else declared(item.sheets)
        missing += [f"{item.kind}: {s.key}" for s in found if s.key not in table]
    return missing


def test_every_reference_resolves() -> None:
    for item in DELIVERABLES:
        assert callable(resolve(item.writer)), item.writer
        if item.row_keys is not None:
            assert isinstance(resolve(item.row_keys), dict), item.row_keys
        if item.export is not None and item.export.guide is not None:
            assert isinstance(resolve(item.export.guide), Mapping), item.export.guide
        if item.export is not None and item.export.left_out is not None:
            assert callable(resolve(item.export.left_out)), item.export.left_out


def test_kinds_paths_and_formats_are_unique() -> None:
    kinds = [d.kind for d in DELIVERABLES]
    paths = [d.path for d in DELIVERABLES]
    names = [d.export.name for d in DELIVERABLES if d.export]
    assert len(set(kinds)) == len(kinds) and len(set(paths)) == len(paths)
    assert len(set(names)) == len(names)
    assert set(kinds) <= set(manifest_kinds())
    assert all(d.path.startswith("exports/") for d in DELIVERABLES if d.export)
    assert deliverable("plan").path == path_of("plan") == "plan/project-plan.xlsx"
    with pytest.raises(KeyError):
        deliverable("nope")


def test_every_declared_sheet_has_its_row_keys() -> None:
    """Forgetting the carry of a new sheet fails here (its rows would all look added)."""
    assert missing_row_keys(DELIVERABLES) == []
    every = {s.key for item in workbooks() for s in declared(item.sheets or "")}
    assert set(ROW_KEYS) <= every, (
        f"row keys of sheets no workbook declares: {set(ROW_KEYS) - every}"
    )


def test_the_check_finds_a_sheet_without_row_keys() -> None:
    plan = deliverable("plan")
    extra = replace(declared("plan")[0], key="plan.new-register")
    sheets = {"plan": (*declared("plan"), extra)}
    assert missing_row_keys([plan], declared_sheets=sheets) == ["plan: plan.new-register"]


def test_generated_keys_reads_the_table() -> None:
    kit = sample_kit("en")
    assert generated_keys(kit, "plan.risks") == {r.id for r in kit.risks}
    assert generated_keys(kit, "plan.defects") == set()  # every row is the team's
    assert generated_keys(kit, "plan.calendar") is None  # the Kit's own keys: trusted
    assert generated_keys(kit, "plan.unknown") is None
    obj = kit.migration[0]
    assert generated_keys(kit, f"migration.fields:{obj.id}") == {
        f.technical for f in obj.fields
    } | {f.name for f in obj.fields}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_workbook_writes_its_declared_sheets_lint_clean(tmp_path: Path, lang: str) -> None:
    kit = sample_kit(lang)
    for item in workbooks():
        path = tmp_path / Path(item.path).name
        resolve(item.writer)(kit, path)
        assert_clean(path)
        book = load_workbook(path, read_only=True)
        written = {
            str(key).partition(":")[0]
            for _n, key, _v in book[META_SHEET].iter_rows(min_row=2, values_only=True)
        }
        book.close()
        wanted = {s.key for s in declared(item.sheets or "") if not s.optional}
        assert wanted <= written, f"{item.kind}: declared but not written: {wanted - written}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_export_has_its_import_guide(lang: str) -> None:
    guide = import_guide(lang)
    for name, item in exports().items():
        assert item.export is not None and item.export.name == name
        if not item.built:  # written only by ``implkit export``: not in the kit's README
            assert item.export.guide is None
            continue
        assert item.export.guide is not None, f"{name}: a built export needs its guide"
        entry = resolve(item.export.guide)
        assert set(entry) >= set(LANGUAGES), f"{name}: guide lacks {set(LANGUAGES) - set(entry)}"
        assert entry[lang] in guide
        assert f"`{item.path}`" in entry[lang]  # the bullet names the file


def test_titles_are_translated() -> None:
    zh = translations("zh")
    for item in DELIVERABLES:
        assert item.title_in("en") == item.title
        assert item.title in zh, f"add a zh translation of {item.title!r}"
        assert item.title_in("zh") == zh[item.title]

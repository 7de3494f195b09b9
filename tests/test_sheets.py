"""The sheet declarations (generator/sheets): the contract writers and readers share."""

from __future__ import annotations

import pytest

from generator.sheets import declared, spec
from generator.sheets.lists import ALL_LISTS

WORKBOOKS = ("plan", "migration", "training-matrix")


def all_specs():
    return [s for w in WORKBOOKS for s in declared(w)]


def test_sheet_keys_unique_and_known_workbooks() -> None:
    keys = [s.key for s in all_specs()]
    assert len(keys) == len(set(keys))
    assert {s.workbook for s in all_specs()} == set(WORKBOOKS)
    with pytest.raises(KeyError):
        declared("nope")


@pytest.mark.parametrize("sheet", all_specs(), ids=lambda s: s.key)
def test_columns_well_formed(sheet) -> None:
    keys = [c.key for c in sheet.columns]
    assert len(keys) == len(set(keys))
    assert sheet.key_column in keys
    assert sheet.column(sheet.key_column).owner == "generated"
    for lang in ("en", "zh"):
        headers = [c.header(lang, "CNY").strip().lower() for c in sheet.columns]
        assert len(headers) == len(set(headers)), (sheet.key, lang)
        assert sheet.title(lang)
    for col in sheet.columns:
        assert (col.type == "list") == (col.list is not None), (sheet.key, col.key)
        assert not (col.formula and col.owner == "consultant")
    if sheet.dynamic_after:
        assert sheet.dynamic_after in keys


def test_titles_unique_per_workbook_and_language() -> None:
    for w in WORKBOOKS:
        for lang in ("en", "zh"):
            titles = [s.title(lang) for s in declared(w)]
            assert len(titles) == len(set(titles))


def test_spec_resolves_instance_keys() -> None:
    assert spec("migration.fields:mfg.routing").key == "migration.fields"
    assert spec("plan.risks").accepts_added_rows
    with pytest.raises(KeyError):
        spec("plan.nope")


@pytest.mark.parametrize("lst", ALL_LISTS, ids=lambda x: x.key)
def test_lists_map_both_languages_to_keys(lst) -> None:
    keys = [o[0] for o in lst.options]
    assert len(keys) == len(set(keys))
    for key, _msgid in lst.options:
        en, zh = lst.label(key, "en"), lst.label(key, "zh")
        assert en and zh
        assert lst.key_of(en) == key
        assert lst.key_of(f"  {zh} ") == key
        assert lst.key_of(key) == key
    assert lst.key_of("certainly not an option") is None
    assert lst.label("certainly not a key", "en") is None


def test_consultant_cells_cover_the_issue_list() -> None:
    """Every consultant cell is declared (a forgotten one would not be carried)."""
    mine = {s.key: {c.key for c in s.consultant_columns} for s in all_specs()}
    assert {"status", "pct", "actual_start", "actual_finish", "notes"} <= mine["plan.tasks"]
    assert {"status", "notes"} <= mine["plan.risks"]
    assert {"rate", "actual_effort"} <= mine["plan.budget"]
    assert {"interest", "influence"} <= mine["plan.stakeholders"]
    assert {"status", "signed_on", "signed_by"} <= mine["plan.gates"]
    assert {"status", "signed_by", "signed_on", "actual_records"} <= mine["migration.overview"]
    assert {"done", "actual_start", "actual_end", "notes"} <= mine["migration.cutover"]
    assert {"source_field", "notes"} <= mine["migration.fields"]
    assert {"trainer", "status", "attended", "passed"} <= mine["training.sessions"]
    assert {"participant", "presence", "result", "score"} <= mine["training.attendance"]
    added = {s.key for s in all_specs() if s.accepts_added_rows}
    assert {
        "plan.tasks",
        "plan.risks",
        "plan.changes",
        "plan.meetings",
        "migration.fields",
        "training.sessions",
    } <= added

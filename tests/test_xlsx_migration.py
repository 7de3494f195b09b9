"""The data-migration checklist workbook: overview, field mappings, cutover, safety, scale."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.kit_model import Kit, MigrationField, MigrationObject
from generator.render.xlsx_migration import DONE_MARKS, LABELS, render_migration
from tests.office import office_text, recalculated_copy, require_office
from tests.sample_kit import sample_kit
from tests.scale_probe import probe_render
from tests.test_xlsx_plan import PACKS, real_kit
from tests.xlsx_lint import (
    assert_clean,
    assert_every_workbook_clean,
    assert_same_bytes_and_fixed_stamps,
    lint,
    opened,
)

HEADER = 3


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Kit, Path]]:
    out = tmp_path_factory.mktemp("migration")
    result: dict[str, tuple[Kit, Path]] = {}
    for lang in ("en", "zh"):
        kits = {"sample": sample_kit(lang), **{p: real_kit(p, lang) for p in PACKS}}
        for name, kit in kits.items():
            path = out / f"migration-{name}-{lang}.xlsx"
            render_migration(kit, path)
            result[f"{name}-{lang}"] = (kit, path)
    return result


def header_row(ws, first_label: str) -> int:  # type: ignore[no-untyped-def]
    for r in range(1, 20):
        if ws.cell(r, 1).value == first_label:
            return r
    raise AssertionError(f"no header row on {ws.title}")


@pytest.mark.parametrize("key", ["sample-en", "sample-zh", "manufacturing-en", "healthcare-zh"])
def test_overview_lists_objects_in_load_order_and_links_both_ways(
    books: dict[str, tuple[Kit, Path]], key: str
) -> None:
    kit, path = books[key]
    L = LABELS[kit.lang]
    wb = opened(path)
    assert wb.sheetnames[:2] == [L["s_overview"], L["s_cutover"]]
    assert wb.sheetnames[-1] == "_implkit" and wb["_implkit"].sheet_state == "veryHidden"
    assert len(wb.sheetnames) == 3 + len(kit.migration)
    ws = wb[L["s_overview"]]
    assert [c.value for c in ws[HEADER]][:4] == [L["seq"], L["wave"], L["object"], L["id"]]
    assert ws.freeze_panes == f"D{HEADER + 1}"
    rows = list(ws.iter_rows(min_row=HEADER + 1, max_row=HEADER + len(kit.migration)))
    assert [r[3].value for r in rows] == [o.id for o in kit.migration]
    assert [r[0].value for r in rows] == [o.sequence for o in kit.migration]
    assert [r[1].value for r in rows] == [o.wave for o in kit.migration]
    seqs = [o.sequence for o in kit.migration]
    assert seqs == sorted(seqs)
    for n, (row, obj) in enumerate(zip(rows, kit.migration)):
        if obj.mock_1:
            assert row[17].value == datetime.combine(obj.mock_1, datetime.min.time())
            assert row[17].number_format == "yyyy-mm-dd"
        link = row[2].hyperlink
        assert link is not None and row[2].value == obj.name
        sheet = link.location.split("!")[0].strip("'").replace("''", "'")
        target = wb[sheet]
        assert target.cell(2, 1).value == f"#{obj.sequence} {obj.name}"
        back = target.cell(1, 1).hyperlink  # row 1 is outside the print area
        assert target.print_area == f"{quote(target.title)}!$A$2:$M${target.max_row}"
        assert back is not None and back.location == f"{ws.title!r}!C{HEADER + 1 + n}".replace(
            '"', "'"
        )
    statuses = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert [dv.formula1 for dv in statuses] == ['"' + ",".join(L["statuses"].split("|")) + '"']


@pytest.mark.parametrize("key", ["sample-en", "sample-zh", "education-en", "manufacturing-zh"])
def test_object_sheets_hold_source_target_and_fields(
    books: dict[str, tuple[Kit, Path]], key: str
) -> None:
    kit, path = books[key]
    L = LABELS[kit.lang]
    wb = load_workbook(path)  # its own: header_row's probing may add cells, never shared
    titles = wb.sheetnames[2:-1]
    for obj, title in zip(kit.migration, titles):
        ws = wb[title]
        labels = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(3, 10)}
        source = " / ".join(x for x in (obj.source_system, obj.source_table) if x)
        assert labels[L["obj_source"]] == (source or None)
        assert labels[L["obj_target"]] == (obj.target or None)
        h = header_row(ws, L["n"])
        assert [c.value for c in ws[h]][1:4] == [L["business"], L["technical"], L["type"]]
        assert ws.freeze_panes == f"C{h + 1}"
        assert ws.auto_filter.ref.startswith(f"A{h}:")
        for n, f in enumerate(obj.fields, start=1):
            row = [c.value for c in ws[h + n]]
            assert row[0] == n and row[1] == f.name and row[2] == (f.technical or None)
            assert row[4] == f.length and row[6] == L[f.mandatory]
        assert ws.print_title_rows == f"${h}:${h}"


def test_cutover_runbook_with_done_dropdown_and_running_hours(
    books: dict[str, tuple[Kit, Path]], tmp_path: Path
) -> None:
    kit, path = books["sample-en"]
    wb = opened(path)
    ws = wb["Cutover runbook"]
    rows = list(ws.iter_rows(min_row=HEADER + 1, max_row=HEADER + len(kit.cutover)))
    assert [r[1].value for r in rows] == [s.id for s in kit.cutover]
    assert [r[2].value for r in rows] == [s.name for s in kit.cutover]
    assert [r[4].value for r in rows] == [kit.role_name(s.backup_owner) for s in kit.cutover]
    assert all(r[11].value == DONE_MARKS[0] for r in rows)
    dvs = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"' + ",".join(DONE_MARKS) + '"' in dvs
    assert rows[1][8].value == f"=SUM($H${HEADER + 1}:H{HEADER + 2})"


@pytest.mark.office
def test_running_hours_recalculated_by_libreoffice(
    books: dict[str, tuple[Kit, Path]], tmp_path: Path
) -> None:
    require_office()
    kit, path = books["manufacturing-en"]
    wb = load_workbook(recalculated_copy(path, tmp_path), data_only=True)
    ws = wb["Cutover runbook"]
    running = 0.0
    for n, step in enumerate(kit.cutover):
        running += step.hours
        assert abs(ws.cell(HEADER + 1 + n, 9).value - running) < 1e-6
    # the last running total is the cutover's length (no total row the team could type under)
    assert ws.cell(HEADER + 1 + len(kit.cutover), 1).value is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_formula_like_text_stays_text(books: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = books[f"sample-{lang}"]
    wb = opened(path)
    planted = {kit.migration[0].fields[2].name, "=SUM(A1)", "+unique"}
    assert all(p[0] in "=+-@" for p in planted)
    found = {
        c.value: c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value in planted
    }
    assert set(found) == planted
    for cell in found.values():
        assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(path) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>SUM(A1)" not in xml and "<f>unique" not in xml


def _messy_kit() -> Kit:
    kit = sample_kit("en")
    names = [
        "Plants/Sites: main*",
        "Plants/Sites: main*",
        "x" * 45,
        "Overview",
        "History",
        "'Quoted'",
    ]
    base = kit.migration[0]
    objs = tuple(
        replace(base, id=f"m.{i}", name=name, sequence=i + 1, depends_on=())
        for i, name in enumerate(names)
    )
    return replace(kit, migration=objs)


def test_sheet_names_are_valid_unique_and_linked(tmp_path: Path) -> None:
    kit = _messy_kit()
    path = tmp_path / "messy.xlsx"
    render_migration(kit, path)
    assert_clean(path)
    wb = opened(path)
    titles = wb.sheetnames[2:-1]
    assert titles[0] == "PlantsSites main"
    assert titles[1] == "PlantsSites main (2)"
    assert titles[2] == "x" * 31
    assert titles[3] == "Overview (2)"
    assert titles[4].lower() != "history" and titles[5] == "Quoted"
    ws = wb["Overview"]
    for n, title in enumerate(titles):
        link = ws.cell(HEADER + 1 + n, 3).hyperlink
        assert link.location == "'" + title.replace("'", "''") + "'!A2"


def quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def test_objects_of_one_name_are_told_apart_by_system(
    books: dict[str, tuple[Kit, Path]],
) -> None:
    """「工艺路线与工序 (2)」 says nothing; the sheet title names the system instead."""
    kit, path = books["manufacturing-zh"]
    names = [o.name for o in kit.migration]
    assert names.count("工艺路线与工序") == 2
    sheetnames = load_workbook(path, read_only=True).sheetnames
    assert "工艺路线与工序 (ERP)" in sheetnames and "工艺路线与工序 (MES)" in sheetnames
    assert not any(re.search(r" \(\d+\)$", name) for name in sheetnames)


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    assert_same_bytes_and_fixed_stamps(
        render_migration, lambda: sample_kit("zh"), tmp_path, datetime(2026, 9, 1)
    )


def test_every_workbook_passes_the_lint(books: dict[str, tuple[Kit, Path]]) -> None:
    assert_every_workbook_clean((path for _, path in books.values()), count=8)


@pytest.mark.office
def test_libreoffice_reads_objects_and_fields_in_both_languages(
    books: dict[str, tuple[Kit, Path]], tmp_path: Path
) -> None:
    require_office()
    paths = [path for _, path in books.values()]
    texts = office_text(paths, tmp_path)
    for key, (kit, path) in books.items():
        flat = "".join(texts[path].split())
        assert "###" not in texts[path], key
        for obj in kit.migration:
            assert "".join(obj.name.split())[:12] in flat, (key, obj.name)
            for f in obj.fields[:3]:
                assert "".join(f.name.split())[:10] in flat, (key, f.name)
        if kit.lang == "zh":
            assert "迁移对象总览" in texts[path] and "切换执行手册" in texts[path]


def big_migration_kit(n: int, fields: int = 12) -> Kit:
    kit = sample_kit("en")
    base = kit.migration[1]
    field = base.fields[0]
    objs = []
    for i in range(n):
        objs.append(
            replace(
                base,
                id=f"m.obj{i:05d}",
                name=f"Object {i:05d} customers and vendors",
                sequence=i + 1,
                wave=i // 100 + 1,
                depends_on=(f"m.obj{i - 1:05d}",) if i else (),
                fields=tuple(
                    replace(field, name=f"Field {k}", technical=f"FLD{k}") for k in range(fields)
                ),
            )
        )
    return replace(kit, migration=tuple(objs))


@pytest.mark.slow
def test_two_thousand_objects_render_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big-migration.xlsx"
    probe = probe_render(
        "tests.test_xlsx_migration:big_migration_kit",
        2000,
        "generator.render.xlsx_migration:render_migration",
        path,
    )
    print("\n" + probe.summary("2,000 objects"))
    assert probe.growth_mib < 400
    wb = load_workbook(path, read_only=True)
    assert len(wb.sheetnames) == 2003
    wb.close()


def test_fields_and_dates_survive_empty_values(tmp_path: Path) -> None:
    kit = sample_kit("en")
    obj: MigrationObject = replace(
        kit.migration[0],
        fields=(MigrationField("Only", "", "text", None, None, "no", "", "", "", ""),),
        mock_1=None,
        source_table="",
    )
    kit = replace(kit, migration=(obj,), cutover=())
    path = tmp_path / "empty.xlsx"
    render_migration(kit, path)
    assert_clean(path)
    wb = opened(path)
    assert wb["Overview"].cell(HEADER + 1, 18).value is None
    assert not lint(path)
    assert date(2026, 9, 1) == kit.project.start


def test_a_kit_without_migration_or_cutover_gives_a_clean_workbook(tmp_path: Path) -> None:
    kit = replace(sample_kit("zh"), migration=(), cutover=())
    path = tmp_path / "none.xlsx"
    render_migration(kit, path)
    assert_clean(path)
    assert load_workbook(path).sheetnames == ["迁移对象总览", "切换执行手册", "_implkit"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_object_sheet_titles_end_on_a_whole_word(
    books: dict[str, tuple[Kit, Path]], lang: str
) -> None:
    """31 characters cut "Chart of accounts and GL accoun": a title ends where a word does."""
    cut = 0
    for pack in PACKS:
        kit, path = books[f"{pack}-{lang}"]
        titles = load_workbook(path, read_only=True).sheetnames[2:-1]
        assert len({t.lower() for t in titles}) == len(titles)
        for obj, title in zip(kit.migration, titles, strict=True):
            assert len(title) <= 31
            name = re.sub(r"[\[\]:*?/\\]", "", obj.name)  # characters no sheet name holds
            base = re.sub(r" \([A-Za-z0-9 ./-]+\)$", "", title)  # a system or " (2)" suffix
            shown = title if name.startswith(title) else base
            assert name.startswith(shown), f"{pack}: {title!r} is not a cut of {name!r}"
            rest = name[len(shown) :]
            cut += bool(rest)
            assert not (rest[:1].isascii() and rest[:1].isalnum()), (pack, title, name)
            assert not re.search(r"[(（][^)）]*$", shown), (pack, title)  # no open bracket
    if lang == "en":
        assert cut  # the real packs do hold names longer than 31 characters

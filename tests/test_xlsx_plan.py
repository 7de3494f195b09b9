"""The project-plan workbook: structure, safety, determinism, real readers, scale."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from generator.kit_model import Kit, Link
from generator.render.xlsx_common import A3_FROM_WIDTH, safe_sheet_title, text_width
from generator.render.xlsx_plan import LABELS, predecessor_text, render_plan
from generator.sheets import declared
from tests.office import (
    office_text,
    pdf_fonts,
    pdf_pages,
    recalculated_copies,
    require_office,
)
from tests.sample_kit import sample_kit
from tests.scale_probe import probe_render
from tests.xlsx_lint import (
    assert_clean,
    assert_every_workbook_clean,
    assert_same_bytes_and_fixed_stamps,
    lint,
    opened,
)

PACKS = ("manufacturing", "healthcare", "education")
HEADER = 3  # title, note, header


def real_kit(pack: str, lang: str) -> Kit:
    from generator import __version__
    from generator.kit import build_kit
    from generator.project import ProjectSpec
    from generator.workspace.load import loaded_pack

    spec = ProjectSpec(pack=pack, lang=lang, start=date(2026, 9, 1))  # type: ignore[arg-type]
    return build_kit(loaded_pack(pack, None), spec, generator_version=__version__)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Kit, Path]]:
    """Sample kits (en, zh) and every real pack in both languages, rendered once."""
    out = tmp_path_factory.mktemp("plans")
    result: dict[str, tuple[Kit, Path]] = {}
    for lang in ("en", "zh"):
        kit = sample_kit(lang)
        path = out / f"plan-sample-{lang}.xlsx"
        render_plan(kit, path)
        result[f"sample-{lang}"] = (kit, path)
        for pack in PACKS:
            kit = real_kit(pack, lang)
            path = out / f"plan-{pack}-{lang}.xlsx"
            render_plan(kit, path)
            result[f"{pack}-{lang}"] = (kit, path)
    return result


def rows_by_id(ws, first: int = HEADER + 1) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {
        row[0]: row
        for row in ws.iter_rows(min_row=first, values_only=True)
        if row and isinstance(row[0], str)
    }


def working_days(kit: Kit, start: date, finish: date) -> int:
    holidays = {d.day for d in kit.calendar.holidays}
    workdays = {d.day for d in kit.calendar.workdays}
    n, day = 0, start
    while day <= finish:
        if day in workdays or (day.weekday() not in kit.calendar.weekend and day not in holidays):
            n += 1
        day += timedelta(days=1)
    return n


# --- structure ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["sample-en", "sample-zh", "manufacturing-zh", "education-en"])
def test_sheets_headers_freeze_and_print_setup(
    books: dict[str, tuple[Kit, Path]], key: str
) -> None:
    kit, path = books[key]
    L = LABELS[kit.lang]
    wb = opened(path)
    expected = [s.title(kit.lang) for s in declared("plan") if not s.optional]
    assert expected[:2] == [L["s_plan"], L["s_gantt"]] and L["s_calendar"] in expected
    assert wb.sheetnames == [*expected, "_implkit"]  # short lists are inline: no Lists sheet
    assert wb["_implkit"].sheet_state == "veryHidden"
    plan = wb[L["s_plan"]]
    header = [c.value for c in plan[HEADER]]
    assert header[:5] == [L["id"], L["wbs"], L["level"], L["type"], L["name"]]
    assert header[-5:] == [L["status"], L["pct"], L["actual_start"], L["actual_finish"], L["notes"]]
    for ws in wb.worksheets[:-1]:
        assert ws.protection.sheet, ws.title
        assert ws.freeze_panes is not None and ws.freeze_panes[-1] != "1", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0, (
            ws.title
        )  # 1 is the schema default
        widths = sum((d.width or 0) * (d.max - d.min + 1) for d in ws.column_dimensions.values())
        assert int(ws.page_setup.paperSize) == (8 if widths > A3_FROM_WIDTH else 9), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.auto_filter.ref or ws.tables, ws.title
    assert plan.auto_filter.ref == f"A{HEADER}:V{plan.max_row}"
    assert plan.print_title_rows == "$3:$3"
    assert int(wb[L["s_calendar"]].page_setup.paperSize) == 9  # A4 for a narrow sheet
    # the consultant's columns look editable: yellow and unlocked; generated ones do not
    first_task = kit.tasks[0]
    row = next(r for r in plan.iter_rows(min_row=HEADER + 1) if r[0].value == first_task.id)
    for cell in row[17:22]:
        assert cell.fill.fgColor.rgb.endswith("FFF2CC") and cell.protection.locked is False
    assert not row[4].fill.fgColor.rgb.endswith("FFF2CC")
    assert row[8].number_format == "yyyy-mm-dd" and isinstance(row[8].value, datetime)


@pytest.mark.parametrize("key", ["sample-en", "sample-zh", "healthcare-en", "manufacturing-zh"])
def test_plan_rows_match_the_kit(books: dict[str, tuple[Kit, Path]], key: str) -> None:
    kit, path = books[key]
    L = LABELS[kit.lang]
    ws = opened(path)[L["s_plan"]]
    rows = rows_by_id(ws)
    for task in kit.tasks:
        row = rows[task.id]
        assert row[1] == task.wbs and row[4] == task.name
        assert row[6] == task.duration and row[16] == task.total_float
        assert row[8] == datetime.combine(task.start, datetime.min.time())
        assert row[9] == datetime.combine(task.finish, datetime.min.time())
        assert row[13] == (predecessor_text(task.predecessors) or None)
        assert row[15] == (L["yes"] if task.critical else None)
        assert abs(row[7] - task.effort_days) < 0.01
    for phase in kit.phases:
        assert rows[phase.id][3] == L["t_phase"] and rows[phase.id][4] == phase.name
    assert len(rows) == len(kit.tasks) + len(kit.phases)


def test_predecessor_text_shows_type_and_lag() -> None:
    assert predecessor_text([Link("base.kickoff", "FS", 2), Link("a.b", "SS")]) == (
        "base.kickoff FS+2; a.b SS"
    )
    assert predecessor_text([Link("x", "FS", -1)]) == "x FS-1"


def test_phase_rows_roll_up_with_a_collapsible_outline(books: dict[str, tuple[Kit, Path]]) -> None:
    kit, path = books["sample-en"]
    ws = opened(path)["Plan"]
    assert ws.sheet_properties.outlinePr.summaryBelow is False
    phase_rows = [r for r in range(HEADER + 1, ws.max_row + 1) if ws.cell(r, 3).value == 1]
    task_rows = [r for r in range(HEADER + 1, ws.max_row + 1) if ws.cell(r, 3).value == 2]
    assert len(phase_rows) == len(kit.phases) and len(task_rows) == len(kit.tasks)
    assert all(ws.row_dimensions[r].outlineLevel == 1 for r in task_rows)
    assert all(not ws.row_dimensions[r].outlineLevel for r in phase_rows)
    first = phase_rows[1]
    assert ws.cell(first, 9).value.startswith("=MIN(I")
    assert ws.cell(first, 10).value.startswith("=MAX(J")
    assert ws.cell(first, 8).value.startswith("=SUM(H")
    assert "NETWORKDAYS(" in ws.cell(first, 7).value and "cal_holidays" in ws.cell(first, 7).value


# --- safety -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_formula_like_text_lands_as_text(books: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = books[f"sample-{lang}"]
    L = LABELS[lang]
    wb = opened(path)
    evil = '=HYPERLINK("http://evil")'
    found = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value in (evil, kit.risks[1].title)
    ]
    assert {c.value for c in found} == {evil, kit.risks[1].title}
    assert kit.risks[1].title.startswith("-1+2")
    for cell in found:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.parent.title, cell.coordinate)
    with zipfile.ZipFile(path) as zf:
        xml = "".join(
            zf.read(n).decode("utf-8")
            for n in zf.namelist()
            if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"
        )
    assert "<f>HYPERLINK" not in xml and "evil" in xml
    assert not re.search(r"<f>[^<]*-1\+2", xml)
    # every formula in the workbook is one the renderer wrote on purpose
    formulas = [
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas and not any("HYPERLINK" in f for f in formulas)
    assert L["s_plan"] in wb.sheetnames


def test_dropdowns_show_the_declared_lists_in_the_kit_language(
    books: dict[str, tuple[Kit, Path]],
) -> None:
    _, path = books["sample-zh"]
    L = LABELS["zh"]
    wb = opened(path)
    plan = wb[L["s_plan"]]
    status = [dv for dv in plan.data_validations.dataValidation if dv.type == "list"]
    assert len(status) == 1 and status[0].formula1 == '"' + ",".join(L["statuses"].split("|")) + '"'
    assert str(status[0].sqref).startswith(f"R{HEADER + 1}:R")
    changes = wb[L["s_changes"]]
    formulas = {dv.formula1 for dv in changes.data_validations.dataValidation if dv.type == "list"}
    assert formulas == {
        '"' + ",".join(L["impacts"].split("|")) + '"',
        '"' + ",".join(L["decisions"].split("|")) + '"',
    }
    ids = [changes.cell(r, 1).value for r in range(HEADER + 1, changes.max_row + 1)]
    assert ids[0] == "CR-001" and ids[-1] == "CR-050" and len(ids) == 50


def test_sheet_titles_are_made_valid_and_unique() -> None:
    assert safe_sheet_title("a/b:c*d?[e]\\f") == "abcdef"
    assert safe_sheet_title("x" * 40) == "x" * 31
    assert safe_sheet_title("Plan", ["plan"]) == "Plan (2)"
    assert len(safe_sheet_title("y" * 40, ["y" * 31])) == 31
    assert safe_sheet_title("History").lower() != "history"
    assert safe_sheet_title("'quoted'") == "quoted"
    assert text_width("物料ab") == 6


# --- Gantt ------------------------------------------------------------------------------------


def test_gantt_draws_bars_milestones_today_and_freeze_by_formula(
    books: dict[str, tuple[Kit, Path]],
) -> None:
    kit, path = books["sample-en"]
    ws = opened(path)["Gantt"]
    assert kit.freeze is not None
    assert ws["C2"].value == datetime(2026, 9, 16) and ws["D2"].value == datetime(2026, 10, 15)
    periods = [ws.cell(HEADER, c).value for c in range(9, ws.max_column + 1)]
    assert all(isinstance(p, datetime) for p in periods)
    assert periods[0].weekday() == 0 and (periods[1] - periods[0]).days == 7  # weekly
    assert periods[0].date() <= kit.project.start and periods[
        -1
    ].date() >= kit.project.finish - timedelta(days=6)
    formulas = [rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules]
    text = " ".join(formulas)
    assert "TODAY()" in text and "$D$2" in text and "$C$2" in text
    assert any('"◆"' in f for f in formulas) and any('"◈"' in f for f in formulas)
    assert any("$F4<>" in f for f in formulas)  # critical path
    names = []
    for r in range(HEADER + 1, ws.max_row + 1):
        if ws.cell(r, 2).value is None:
            break  # the legend follows after an empty row
        names.append(ws.cell(r, 2).value)
    legend = [ws.cell(r, 2).value for r in range(HEADER + len(names) + 2, ws.max_row + 1)]
    assert legend[0] == "Legend" and any("2026-09-16" in x for x in legend[1:])
    assert [t.name for t in kit.tasks] == [
        n for n in names if n not in {p.name for p in kit.phases}
    ]


def test_short_plans_get_a_daily_gantt(tmp_path: Path) -> None:
    kit = sample_kit("en")
    short = tuple(t for t in kit.tasks if t.phase in ("prepare", "explore"))
    phases = tuple(p for p in kit.phases if p.id in ("prepare", "explore"))
    kit = replace(
        kit, tasks=short, phases=phases, project=replace(kit.project, finish=date(2026, 9, 15))
    )
    path = tmp_path / "short.xlsx"
    render_plan(kit, path)
    ws = opened(path)["Gantt"]
    periods = [ws.cell(HEADER, c).value for c in range(9, ws.max_column + 1)]
    assert (periods[1] - periods[0]).days == 1 and len(periods) == 15
    assert_clean(path)


# --- determinism and lint ----------------------------------------------------------------------


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    assert_same_bytes_and_fixed_stamps(
        render_plan, lambda: sample_kit("zh"), tmp_path, datetime(2026, 9, 1)
    )


def test_every_plan_passes_the_lint(books: dict[str, tuple[Kit, Path]]) -> None:
    assert_every_workbook_clean((path for _, path in books.values()), count=8)


def test_the_lint_catches_the_traps(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["A", "A", 3])
    ws.append([1, 2, 3])
    ws.add_table(Table(displayName="AB12", ref="A1:C2"))
    ws.auto_filter.ref = "A1:C5"
    dv = DataValidation(type="list", formula1='"' + ",".join(["x" * 20] * 15) + '"')
    dv.add("D1")
    ws.data_validations.append(dv)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    problems = " | ".join(lint(path))
    assert "invalid table name 'AB12'" in problems
    assert "duplicate headers" in problems
    assert "header cells must be text" in problems
    assert "overlaps table" in problems
    assert "over 255 characters" in problems
    # two tables of one name: openpyxl itself cannot read the file back; the lint says why
    ws2 = wb.create_sheet("Other")
    ws2.append(["h"])
    ws2._tables.add(
        Table(displayName="ab12", ref="A1:A2")
    )  # openpyxl refuses; a buggy writer might not
    wb.save(path)
    assert "duplicate table name 'ab12'" in " | ".join(lint(path))


# --- real readers: LibreOffice ---------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def _head(text: str, width: int = 36) -> str:
    """The start of a text up to ``width`` display columns (a wrapped cell's first line)."""
    out = ""
    for ch in text:
        if text_width(out + ch) > width:
            break
        out += ch
    return _squash(out)


@pytest.fixture(scope="module")
def book_texts(
    books: dict[str, tuple[Kit, Path]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[Path, str]]:
    """Every plan of ``books`` printed to PDF by LibreOffice (one soffice run for all):
    the PDF folder and each workbook's text."""
    require_office()
    tmp = tmp_path_factory.mktemp("plan-pdf")
    return tmp / "pdf", office_text([path for _, path in books.values()], tmp)


@pytest.fixture(scope="module")
def variants(
    books: dict[str, tuple[Kit, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Kit, Path]]:
    """Two plans one test each reads recalculated: sample-en on a Friday-Saturday weekend
    (``fri-sat``), and manufacturing-en with an actual effort of 10 days on the first
    role of its Budget sheet (``actual``: the role id is the Budget sheet's first row)."""
    from generator.kit_model import SheetEntries

    out = tmp_path_factory.mktemp("plan-variants")
    kit = sample_kit("en")
    fri_sat = replace(kit, calendar=replace(kit.calendar, weekend=(4, 5)))
    render_plan(fri_sat, out / "fri-sat.xlsx")
    kit, path = books["manufacturing-en"]
    stored = opened(path)[LABELS[kit.lang]["s_budget"]]
    rid = str(next(stored.iter_rows(min_row=HEADER + 1, max_row=HEADER + 1))[0].value)
    entries = SheetEntries(sheet="plan.budget", rows=((rid, (("actual_effort", 10.0),)),))
    actual = replace(kit, entries=(*kit.entries, entries))
    render_plan(actual, out / "plan-actual.xlsx")
    return {
        "fri-sat": (fri_sat, out / "fri-sat.xlsx"),
        "actual": (actual, out / "plan-actual.xlsx"),
    }


@pytest.fixture(scope="module")
def recalculated_books(
    books: dict[str, tuple[Kit, Path]],
    variants: dict[str, tuple[Kit, Path]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[Path, Path]:
    """The plans the formula tests read (three of ``books``, both ``variants``),
    recalculated by LibreOffice in one soffice run."""
    require_office()
    paths = [books[key][1] for key in ("sample-en", "manufacturing-zh", "manufacturing-en")]
    paths += [path for _, path in variants.values()]
    return recalculated_copies(paths, tmp_path_factory.mktemp("plan-recalc"))


@pytest.mark.office
def test_libreoffice_shows_every_task_name_in_english_and_chinese(
    books: dict[str, tuple[Kit, Path]], book_texts: tuple[Path, dict[Path, str]]
) -> None:
    require_office()
    pdfs, texts = book_texts
    for key, (kit, path) in books.items():
        text = texts[path]
        flat = _squash(text)
        assert "###" not in text, f"{key}: a column is too narrow"
        missing = [t.name for t in kit.tasks if _head(t.name) not in flat]
        assert not missing, f"{key}: not in the PDF: {missing[:5]}"
        assert _squash(kit.project.name) in flat
        if kit.lang == "zh":
            assert "里程碑" in text and "风险" in text
    for key in ("sample-zh", "manufacturing-zh"):
        pdf = pdfs / f"{books[key][1].stem}.pdf"
        fonts = pdf_fonts(pdf)
        assert "CJK" in fonts or "Noto" in fonts, fonts


@pytest.mark.office
def test_a_plan_prints_one_page_wide(
    books: dict[str, tuple[Kit, Path]], book_texts: tuple[Path, dict[Path, str]]
) -> None:
    """Fit to width: each sheet's pages are never split across (so far fewer pages than rows)."""
    require_office()
    _, path = books["sample-en"]
    pdf = book_texts[0] / f"{path.stem}.pdf"
    visible = [s for s in declared("plan") if not s.optional]
    assert pdf_pages(pdf) == len(visible)  # small sheets, one page each


@pytest.mark.office
@pytest.mark.parametrize("key", ["sample-en", "manufacturing-zh"])
def test_formulas_recalculated_by_libreoffice_match_python(
    books: dict[str, tuple[Kit, Path]], key: str, recalculated_books: dict[Path, Path]
) -> None:
    require_office()
    kit, path = books[key]
    L = LABELS[kit.lang]
    wb = load_workbook(recalculated_books[path], data_only=True)
    # risk scores and the heat map
    risks = wb[L["s_risks"]]
    rows = rows_by_id(risks)
    for risk in kit.risks:
        assert rows[risk.id][6] == risk.score, risk.id
    heat = {
        (lk, im): risks.cell(HEADER + 1 + (5 - lk), 16 + im).value
        for lk in range(1, 6)
        for im in range(1, 6)
    }
    for lk in range(1, 6):
        for im in range(1, 6):
            expected = sum(1 for r in kit.risks if r.likelihood == lk and r.impact == im)
            assert heat[(lk, im)] == expected, (lk, im)
    # phase roll-ups: dates, effort and working-day durations on the kit's calendar
    plan = rows_by_id(wb[L["s_plan"]])
    for phase in kit.phases:
        tasks = [kit.task(t) for t in phase.task_ids]
        row = plan[phase.id]
        start = min(t.start for t in tasks)
        finish = max(t.finish for t in tasks)
        assert row[8].date() == start and row[9].date() == finish
        assert row[6] == working_days(kit, start, finish), phase.id
        assert abs(row[7] - sum(t.effort_days for t in tasks)) < 0.01
    # budget: planned effort and cost per role and in total
    budget = wb[L["s_budget"]]
    rates = {r.id: r.day_rate for r in kit.roles}
    total_effort = sum(t.effort_days for t in kit.tasks)
    total_cost = sum(days * kit_rate(kit, rid) for t in kit.tasks for rid, days in t.effort)
    values = list(budget.iter_rows(min_row=HEADER + 1, values_only=True))
    total = next(v for v in values if v[1] == L["total"])
    ncol = 4 + len(kit.phases)  # id, role, side, day rate, phases..., planned effort
    assert abs(total[ncol] - total_effort) < 0.01
    assert abs(total[ncol + 1] - total_cost) < 0.01
    for v in values:
        if v[0] in rates:
            assert abs(v[ncol + 1] - v[ncol] * rates[v[0]]) < 0.01


def kit_rate(kit: Kit, role_id: str) -> float:
    return next((r.day_rate for r in kit.roles if r.id == role_id), 0.0)


# --- scale ---------------------------------------------------------------------------------------


def big_kit(n_tasks: int) -> Kit:
    """The sample kit with ``n_tasks`` tasks (chained, spread over its four phases)."""
    kit = sample_kit("en")
    per_phase = n_tasks // len(kit.phases)
    tasks = []
    phases = []
    prev: str | None = None
    for pi, phase in enumerate(kit.phases):
        ids = []
        for k in range(per_phase):
            src = kit.tasks[k % len(kit.tasks)]
            tid = f"{phase.id}.t{k:05d}"
            preds = (Link(prev, "FS", 1),) if prev else ()
            tasks.append(
                replace(
                    src,
                    id=tid,
                    wbs=f"{pi + 1}.{k + 1}",
                    phase=phase.id,
                    predecessors=preds,
                    name=f"{src.name} #{k}",
                )
            )
            ids.append(tid)
            prev = tid
        phases.append(replace(phase, task_ids=tuple(ids)))
    return replace(kit, tasks=tuple(tasks), phases=tuple(phases))


@pytest.mark.slow
def test_ten_thousand_tasks_render_in_bounded_memory(tmp_path: Path) -> None:
    """Streamed sheets: peak memory stays near the Kit's own size (measured in a fresh process)."""
    path = tmp_path / "big.xlsx"
    probe = probe_render(
        "tests.test_xlsx_plan:big_kit", 10_000, "generator.render.xlsx_plan:render_plan", path
    )
    print("\n" + probe.summary("10,000 tasks"))
    assert probe.growth_mib < 300
    kit = big_kit(10_000)
    wb = load_workbook(path)  # one load for the ids and the lint (~10 CPU-s each at this size)
    ids = [row[0] for row in wb["Plan"].iter_rows(min_row=HEADER + 1, values_only=True)]
    assert len(ids) == 10_000 + len(kit.phases) and ids[-1] == kit.tasks[-1].id
    assert not lint(path, wb)


def test_a_bare_kit_still_gives_a_clean_workbook(tmp_path: Path) -> None:
    """No risks, stakeholders, meetings, gates, freeze, holidays or effort: nothing breaks."""
    kit = sample_kit("en")
    cal = replace(kit.calendar, holidays=(), workdays=(), weekend=(4, 5))  # Friday/Saturday weekend
    tasks = tuple(replace(t, effort=()) for t in kit.tasks)
    kit = replace(
        kit,
        calendar=cal,
        tasks=tasks,
        risks=(),
        stakeholders=(),
        ceremonies=(),
        gates=(),
        freeze=None,
    )
    path = tmp_path / "bare.xlsx"
    render_plan(kit, path)
    assert_clean(path)
    wb = opened(path)
    duration = wb["Plan"].cell(HEADER + 1, 7).value
    assert duration.startswith("=NETWORKDAYS.INTL(") and '"0000110"' in duration  # ECMA-376 name
    assert "cal_holidays" not in duration and "cal_workdays" not in duration
    assert "cal_holidays" not in wb.defined_names
    formulas = " ".join(r.formula[0] for cf in wb["Gantt"].conditional_formatting for r in cf.rules)
    assert "TODAY()" in formulas and "$C$2" not in formulas


@pytest.mark.office
def test_a_friday_saturday_weekend_is_counted_by_libreoffice(
    variants: dict[str, tuple[Kit, Path]], recalculated_books: dict[Path, Path]
) -> None:
    require_office()
    kit, path = variants["fri-sat"]
    assert kit.calendar.weekend == (4, 5)
    plan = rows_by_id(load_workbook(recalculated_books[path], data_only=True)["Plan"])
    for phase in kit.phases:
        tasks = [kit.task(t) for t in phase.task_ids]
        start, finish = min(t.start for t in tasks), max(t.finish for t in tasks)
        assert plan[phase.id][6] == working_days(kit, start, finish), phase.id


@pytest.mark.office
def test_cost_variance_is_blank_until_an_actual_is_entered(
    books: dict[str, tuple[Kit, Path]],
    variants: dict[str, tuple[Kit, Path]],
    recalculated_books: dict[Path, Path],
) -> None:
    """A fresh kit shows no "-planned cost" variance; one actual makes its row and the total show."""
    kit, path = books["manufacturing-en"]
    L = LABELS[kit.lang]
    from generator.sheets.plan import BUDGET

    def at(key: str) -> int:  # 0-based column of a declared Budget column (phases follow rate)
        return BUDGET.index(key) + len(kit.phases)

    col, cost, planned = at("variance"), at("actual_cost"), at("planned_cost")

    def priced(row: Any) -> bool:  # a role's row or the total (not the expense lines below)
        return bool(row[1].value) and (bool(row[0].value) or row[1].value == L["total"])

    stored = list(opened(path)[L["s_budget"]].iter_rows(min_row=HEADER + 1))
    formulas = [r[col].value for r in stored if priced(r)]
    assert formulas and all(str(f).startswith("=IF(") for f in formulas), formulas
    cached = list(load_workbook(path, data_only=True)[L["s_budget"]].iter_rows(min_row=HEADER + 1))
    assert [r[col].value for r in cached if priced(r)] == [None] * len(formulas)
    # one actual: its row and the total show actual cost - planned cost
    rid = str(stored[0][0].value)
    kit2, path2 = variants["actual"]  # the plan of ``kit`` with 10 days of actual on ``rid``
    assert kit2.entries[-1].rows == ((rid, (("actual_effort", 10.0),)),)
    require_office()
    for wb in (
        load_workbook(path2, data_only=True),
        load_workbook(recalculated_books[path2], data_only=True),
    ):
        rows = [
            r for r in wb[L["s_budget"]].iter_rows(min_row=HEADER + 1, values_only=True) if r[1]
        ]
        mine = next(r for r in rows if r[0] == rid)
        assert abs(mine[col] - (mine[cost] - mine[planned])) < 0.01
        assert mine[col] != 0
        others = [
            (r[cost], r[col - 1], r[col]) for r in rows if r[0] and r[0] != rid
        ]  # every other role
        # roles without an actual: no actual cost, utilisation or variance yet
        assert all(v in (None, "") for row in others for v in row), others
        total = next(r for r in rows if r[1] == L["total"])
        # the total variance counts the roles that recorded actuals only (a fresh user saw
        # the whole project's planned cost as the variance of one reported role)
        assert abs(total[col] - mine[col]) < 0.01
        assert abs(total[cost] - mine[cost]) < 0.01
    fresh = load_workbook(recalculated_books[path], data_only=True)
    rows = list(fresh[L["s_budget"]].iter_rows(min_row=HEADER + 1, values_only=True))
    assert all(r[col] in (None, "") for r in rows if r[1]), [r[col] for r in rows]

"""The training workbook: matrix values, schedule, fill-in columns, dropdowns, safety, bytes."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.errors import InputError
from generator.render.xlsx_training import LABELS, render_training_matrix
from generator.workspace.load import loaded_pack
from tests.office import office_text
from tests.sample_kit import sample_kit


def header_row(ws: Any, first: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value == first:
            return int(row[0].row)
    raise AssertionError(f"no header row starting with {first!r} on {ws.title}")


def rows_after(ws: Any, header: int) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=header + 1, values_only=True) if any(r)]


@pytest.fixture
def workbook(tmp_path: Path) -> tuple[Path, Any]:
    path = tmp_path / "training-matrix.xlsx"
    render_training_matrix(sample_kit("en"), path)
    return path, openpyxl.load_workbook(path)


def test_sheets_and_the_declaration_sheet(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    lab = LABELS["en"]
    assert wb.sheetnames == [lab["matrix"], lab["sessions"], lab["attendance"], "_implkit"]
    assert wb["_implkit"].sheet_state == "veryHidden"
    keys = [row[1] for row in wb["_implkit"].iter_rows(min_row=2, values_only=True)]
    assert keys == ["training.matrix", "training.sessions", "training.attendance"]


def test_matrix_hours_per_course_and_audience(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    kit = sample_kit("en")
    ws = wb[LABELS["en"]["matrix"]]
    head = header_row(ws, "Code")
    headers = [c.value for c in ws[head]]
    assert headers[5:] == [a.name for a in kit.audiences]
    rows = rows_after(ws, head)
    by_code = {r[0]: r for r in rows}
    for course in kit.courses:
        row = by_code[course.code]
        assert row[4] == course.hours
        for n, audience in enumerate(kit.audiences):
            expected = course.hours if audience.id in course.audiences else None
            assert row[5 + n] == expected
    per_person = by_code["Hours per person"]
    operators = sum(c.hours for c in kit.courses if "operators" in c.audiences)
    assert per_person[5] == pytest.approx(operators)
    assert by_code["Users"][5] == kit.audiences[0].headcount
    assert ws.freeze_panes == f"C{head + 1}"
    assert ws.auto_filter.ref.startswith(f"A{head}:")


def test_sessions_schedule_and_trainer_columns(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    kit = sample_kit("en")
    ws = wb[LABELS["en"]["sessions"]]
    head = header_row(ws, "Session")
    headers = [c.value for c in ws[head]]
    for label in (
        "Date",
        "Room or online link",
        "Trainer",
        "Capacity",
        "Enrolled",
        "Status",
        "Attended",
        "Passed",
    ):
        assert label in headers
    rows = rows_after(ws, head)
    assert len(rows) == len(kit.sessions)
    first = rows[0]
    assert first[0] == kit.sessions[0].id
    assert first[1] == datetime(2026, 11, 23)
    assert ws.cell(head + 1, 2).number_format == "yyyy-mm-dd"
    assert first[headers.index("Capacity")] == 12
    status_col = headers.index("Status") + 1
    letter = openpyxl.utils.get_column_letter(status_col)
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    status = next(dv for ref, dv in validations.items() if ref.startswith(letter))
    # a short list is written inline (Excel's limit is 255 characters)
    assert status.type == "list" and status.formula1 == '"Planned,Held,Moved,Cancelled"'
    # the input columns look editable (unlocked, filled)
    trainer = ws.cell(head + 1, headers.index("Trainer") + 1)
    assert trainer.protection.locked is False and trainer.fill.fgColor.rgb.endswith("FFF2CC")


def test_attendance_has_one_row_per_planned_seat(workbook: tuple[Path, Any]) -> None:
    _, wb = workbook
    kit = sample_kit("en")
    ws = wb[LABELS["en"]["attendance"]]
    head = header_row(ws, "Seat id")
    rows = rows_after(ws, head)
    assert len(rows) == sum(s.enrolled for s in kit.sessions)
    assert rows[0][0] == f"{kit.sessions[0].id}/1" and rows[0][6] == 1
    headers = [c.value for c in ws[head]]
    result_letter = openpyxl.utils.get_column_letter(headers.index("Assessment result") + 1)
    refs = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
    assert any(ref.startswith(result_letter) for ref in refs)
    lists = " ".join(dv.formula1 for s in wb.worksheets for dv in s.data_validations.dataValidation)
    assert all(x in lists for x in ("Pass", "Fail", "Present", "Absent", "Held", "Cancelled"))


def test_filters_narrow_matrix_and_sessions(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "m.xlsx"
    render_training_matrix(kit, path, audiences=["managers"])
    wb = openpyxl.load_workbook(path)
    ws = wb[LABELS["en"]["matrix"]]
    head = header_row(ws, "Code")
    assert [c.value for c in ws[head]][5:] == ["Managers"]
    codes = {r[0] for r in rows_after(ws, head)}
    assert kit.courses[0].code not in codes and kit.courses[1].code in codes
    sessions = rows_after(
        wb[LABELS["en"]["sessions"]], header_row(wb[LABELS["en"]["sessions"]], "Session")
    )
    assert sessions == []  # all sample sessions are for operators
    with pytest.raises(InputError, match="valid tiers: basic, advanced, self-support"):
        render_training_matrix(kit, tmp_path / "x.xlsx", tiers=["expert"])


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from dataclasses import replace

    kit = sample_kit("en")
    courses = (replace(kit.courses[0], title='=HYPERLINK("http://evil")'), *kit.courses[1:])
    kit = replace(kit, courses=courses)
    path = tmp_path / "m.xlsx"
    render_training_matrix(kit, path)
    ws = openpyxl.load_workbook(path)[LABELS["en"]["matrix"]]
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://evil")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    render_training_matrix(sample_kit("zh"), first)
    render_training_matrix(sample_kit("zh"), second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.office
def test_libreoffice_reads_both_languages(tmp_path: Path) -> None:
    files = []
    for lang in ("en", "zh"):
        path = tmp_path / f"training-matrix-{lang}.xlsx"
        render_training_matrix(sample_kit(lang), path)
        files.append(path)
    texts = office_text(files, tmp_path)
    for lang, path in zip(("en", "zh"), files):
        text = re.sub(r"\s+", "", texts[path])
        kit = sample_kit(lang)
        for course in kit.courses:
            assert re.sub(r"\s+", "", course.title) in text
        assert re.sub(r"\s+", "", LABELS[lang]["sessions_title"]) in text
        assert "2026-11-23" in text


def test_real_pack_sessions_and_seats(tmp_path: Path) -> None:
    from datetime import date

    kit_module = pytest.importorskip("generator.kit")
    project = pytest.importorskip("generator.project")
    spec = project.ProjectSpec(pack="manufacturing", lang="zh", start=date(2026, 9, 1), users=400)
    kit = kit_module.build_kit(loaded_pack("manufacturing", None), spec, generator_version="test")
    path = tmp_path / "m.xlsx"
    render_training_matrix(kit, path)
    wb = openpyxl.load_workbook(path)
    lab = LABELS["zh"]
    sessions = wb[lab["sessions"]]
    assert len(rows_after(sessions, header_row(sessions, lab["session"]))) == len(kit.sessions)
    attendance = wb[lab["attendance"]]
    seats = rows_after(attendance, header_row(attendance, "席位编号"))
    assert len(seats) == min(sum(s.enrolled for s in kit.sessions), 20000)
    matrix = wb[lab["matrix"]]
    codes = {r[0] for r in rows_after(matrix, header_row(matrix, lab["code"]))}
    assert {c.code for c in kit.courses} <= codes


def test_sessions_show_site_trainer_and_last_day_of_the_timetable(tmp_path: Path) -> None:
    """The timetable: where a session runs, who teaches it, when a multi-day course ends."""
    from dataclasses import replace
    from datetime import date

    kit = sample_kit("zh")
    first = replace(
        kit.sessions[0], site="苏州工厂", trainer="Trainer 2", last_day=date(2026, 11, 25)
    )
    kit = replace(kit, sessions=(first, *kit.sessions[1:]))
    path = tmp_path / "m.xlsx"
    render_training_matrix(kit, path)
    ws = openpyxl.load_workbook(path)[LABELS["zh"]["sessions"]]
    head = header_row(ws, LABELS["zh"]["session"])
    headers = [c.value for c in ws[head]]
    row = {h: ws.cell(head + 1, n + 1) for n, h in enumerate(headers)}
    assert row["地点"].value == "苏州工厂"
    assert row["结束日期"].value == datetime(2026, 11, 25)
    assert row["讲师"].value == "Trainer 2" and row["讲师"].protection.locked is False

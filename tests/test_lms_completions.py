"""LMS completions back into the training workbook: ``implkit import`` reads Moodle's grade
export ("Grades > Export > Plain text file": First name, Last name, ..., Email address,
the grade items, Course total) and a completion report with a course column, matches the
learners to the Attendance seats by name or email and course code, lists every change,
writes nothing on --dry-run, and the rebuilt workbook holds the results; the evaluation
report then counts them (Kirkpatrick level 2: the pass rate).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator import api
from generator.cli import cli
from generator.errors import InputError
from generator.render.lms import lms_courses
from generator.sheets.training import ATTENDANCE
from generator.trackers.lms import completed_of, is_lms, parse, percent_of
from generator.trackers.tabular import read_table
from tests import kits

GRADES_HEADER = (
    "First name,Last name,ID number,Institution,Department,Email address,"
    "Quiz: Module test (Real),Course total (Real),Course total (Percentage),"
    "Last downloaded from this course"
)


def test_reads_both_moodle_layouts(tmp_path: Path) -> None:
    grades = tmp_path / "ACME-OPERATORS-BASIC Grades.csv"
    grades.write_text(
        GRADES_HEADER
        + "\nWei,Wang,,,Production,wang.wei@example.com,8.00,72.00,72.00 %,1718000000\n"
        "Min,Li,,,Quality,li.min@example.com,-,-,-,1718000000\n"
        "强,张,,,二车间,,10.00,100.00,100.00 %,1718000000\n",
        encoding="utf-8-sig",
    )
    table = read_table(grades, grades.read_text(encoding="utf-8-sig"))
    assert is_lms(table.header)
    found = parse(grades, table)
    assert found.layout == "grades"
    assert [(r.course, r.name, r.percent) for r in found.rows] == [
        ("ACME-OPERATORS-BASIC", "Wei Wang", 72.0),
        ("ACME-OPERATORS-BASIC", "Min Li", None),
        # a Chinese name in an English Moodle's two columns: family name first, no space
        ("ACME-OPERATORS-BASIC", "张强", 100.0),
    ]
    report = tmp_path / "completions.csv"
    report.write_text(
        "Course short name,Full name,Email address,Course completion status,Grade\n"
        "MES-101,王伟,wang.wei@example.com,已完成,90 %\n"
        "MES-101,李敏,,Not completed,\n",
        encoding="utf-8",
    )
    rows = parse(report, read_table(report, report.read_text(encoding="utf-8"))).rows
    assert [(r.course, r.completed, r.percent) for r in rows] == [
        ("MES-101", True, 90.0),
        ("MES-101", False, None),
    ]
    assert percent_of("85,5 %") == 85.5 and percent_of("-") is None and percent_of("120") is None
    assert completed_of("2026-10-03 14:00") is True and completed_of("") is None
    # not an LMS export: no learner column
    assert not is_lms(["Course short name", "Grade"])


def test_a_grade_export_without_its_course_name_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / " Grades.csv"
    bad.write_text(GRADES_HEADER + "\nWei,Wang,,,,w@example.com,1,80,80 %,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="which course"):
        parse(bad, read_table(bad, bad.read_text(encoding="utf-8")))


def _attendance(path: Path) -> tuple[object, dict[str, int], int]:
    book = load_workbook(path)
    sheet = next(
        ws for ws in book.worksheets if ws.title in (ATTENDANCE.title("en"), ATTENDANCE.title("zh"))
    )
    for header in range(1, 12):
        cells = [str(c.value or "") for c in sheet[header]]
        if ATTENDANCE.column("seat_id").header("zh") in cells or "Seat id" in cells:
            break
    columns = {
        c.key: next(
            i
            for i, text in enumerate(cells)
            if text.rstrip(" *") in (c.header("en"), c.header("zh"))
        )
        for c in ATTENDANCE.columns
    }
    return book, columns, header


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return kits.pristine_api(tmp_path / "kit", "manufacturing", lang="zh", start="2026-03-02")


def _seat_names(folder: Path, names: dict[str, str]) -> None:
    """Type participants on the first seats of course ``code`` (code -> name), as a trainer."""
    path = folder / "training" / "training-matrix.xlsx"
    book, col, header = _attendance(path)
    sheet = next(
        ws for ws in book.worksheets if ws.title in (ATTENDANCE.title("en"), ATTENDANCE.title("zh"))
    )
    for code, name in names.items():
        for row in sheet.iter_rows(min_row=header + 1):
            if row[col["code"]].value == code and not row[col["participant"]].value:
                row[col["participant"]].value = name
                break
    book.save(path)


def test_import_moodle_grades_into_attendance_and_keep_them_on_rebuild(kit: Path) -> None:
    loaded = api.load_kit(kit).kit
    course = next(
        c
        for c in lms_courses(loaded)
        if c.audience.id == "shop-floor-operator" and c.tier == "basic"
    )
    code = course.codes[0]
    pass_mark = next(c.pass_mark for c in loaded.courses if c.code == code)
    _seat_names(kit, {code: "王伟"})
    export = kit.parent / f"{course.shortname} Grades.csv"
    export.write_text(
        GRADES_HEADER
        + f"\n伟,王,,,生产部,wang.wei@example.com,9,{pass_mark - 5},{pass_mark - 5} %,0\n"
        f"敏,李,,,质量部,li.min@example.com,10,{pass_mark},{pass_mark} %,0\n",
        encoding="utf-8-sig",
    )
    dry = api.import_files(kit, [export], dry_run=True)
    changed = {(c.column, c.new) for c in dry.completions}
    # the seated learner: present, score, and fail (below the pass mark)
    assert {("presence", "present"), ("score", float(pass_mark - 5)), ("result", "fail")} <= changed
    assert [u[1] for u in dry.learners_unmatched] == ["李敏"] * len(
        course.codes
    ) or dry.learners_unmatched
    before = (kit / "training" / "training-matrix.xlsx").read_bytes()
    assert dry.outcome is None
    # --add-new seats the second learner on a free seat of each course of the LMS course
    done = api.import_files(kit, [export], add_new=True)
    assert (kit / "training" / "training-matrix.xlsx").read_bytes() != before
    # seated as a Chinese name is written: family name first (李 + 敏), no space
    assert {p[1] for p in done.learners_placed} == {"李敏"}
    book, col, header = _attendance(kit / "training" / "training-matrix.xlsx")
    sheet = next(
        ws for ws in book.worksheets if ws.title in (ATTENDANCE.title("en"), ATTENDANCE.title("zh"))
    )
    rows = {
        str(r[col["participant"]].value): r
        for r in sheet.iter_rows(min_row=header + 1)
        if r[col["participant"]].value and r[col["code"]].value == code
    }
    wang, li = rows["王伟"], rows["李敏"]
    assert wang[col["presence"]].value == "出勤" and wang[col["result"]].value == "未通过"
    assert wang[col["score"]].value == pass_mark - 5
    assert li[col["result"]].value == "通过" and li[col["score"]].value == pass_mark
    # importing the same file again changes nothing
    again = api.import_files(kit, [export], add_new=True)
    assert again.completions == [] and again.learners_placed == []
    # a rebuild keeps them; the evaluation counts the assessed learners (Kirkpatrick 2)
    api.rebuild_kit(kit)
    book, col, header = _attendance(kit / "training" / "training-matrix.xlsx")
    sheet = next(
        ws for ws in book.worksheets if ws.title in (ATTENDANCE.title("en"), ATTENDANCE.title("zh"))
    )
    kept = [
        r[col["result"]].value
        for r in sheet.iter_rows(min_row=header + 1)
        if r[col["participant"]].value
    ]
    assert sorted(kept) == ["未通过", "通过"]
    report = api.evaluate(kit, as_of="2026-12-31")
    training = report.data["training"]
    assert (training["assessed"], training["assessed_passed"]) == (2, 1)
    assert training["learning_pass_rate"] == 0.5 and training["mean_score"] == pass_mark - 2.5


def test_cli_lists_the_changes_and_the_unmatched(kit: Path) -> None:
    loaded = api.load_kit(kit).kit
    course = lms_courses(loaded)[0]
    report = kit.parent / "completions.csv"
    report.write_text(
        "Course short name,Full name,Email address,Course completion status,Grade\n"
        f"{course.shortname},Nobody Here,,Completed,88\nNOT-A-COURSE,Someone,,Completed,88\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", str(kit), str(report), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Nobody Here" in result.output and "NOT-A-COURSE" in result.output
    bad = kit.parent / "bad.csv"
    bad.write_text("Course short name,Full name,Grade\nX,,90\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["import", str(kit), str(bad)])
    assert refused.exit_code == 2 and "bad.csv:2" in refused.output

"""Weekly timesheets: who gets one, which tasks and days, and the filled file read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.errors import InputError
from generator.kit_model import Kit, SheetEntries, TaskProgress
from generator.render.timesheet_xlsx import render_timesheet
from generator.sheets.timesheet import HOURS
from generator.trackers.timesheet_read import effort_rows, read_timesheet
from generator.trackers.timesheets import (
    Person,
    parse_week,
    people_file,
    person_slug,
    team_people,
    timesheet_tasks,
    week_of,
)
from tests.office import require_office, soffice_convert
from tests.sample_kit import sample_kit

WEEK = "2026-W40"  # Mon 2026-09-28 .. Sun 2026-10-04: China's National Day from 10-01


def _architect(kit: Kit, name: str = "Li Wei") -> Person:
    return Person(name, kit.task("s.fit").owner)


def _write(kit: Kit, person: Person, path: Path, weeks: int = 4) -> list[str]:
    week, monday = parse_week(WEEK)
    tasks = timesheet_tasks(kit, person, monday, weeks)
    render_timesheet(kit, person, week, monday, tasks, path)
    return [t.id for t in tasks]


def _fill(path: Path, cells: dict[tuple[str, str], object]) -> None:
    """Type values as a person would: (task id, column key) -> value."""
    book = load_workbook(path)
    sheet = book[book.sheetnames[0]]
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=12) if r[0].value == "WBS")
    columns = {}
    for cell in header:
        for column in HOURS.columns:
            if cell.value in column.spellings():
                columns[column.key] = cell.column
    rows = {
        sheet.cell(row=r, column=columns["task"]).value: r
        for r in range(header[0].row + 1, sheet.max_row + 1)
    }
    for (task, key), value in cells.items():
        sheet.cell(row=rows[task], column=columns[key]).value = value
    book.save(path)


def test_week_and_person_ids() -> None:
    assert parse_week("2026-W14") == ("2026-W14", date(2026, 3, 30))
    assert parse_week("2026w5") == ("2026-W05", date(2026, 1, 26))
    with pytest.raises(ValueError):
        parse_week("2026-W54")
    assert week_of(date(2026, 4, 5)) == "2026-W14"
    assert person_slug("Li Wei") == "li-wei"
    assert person_slug("李伟") != person_slug("李玮")  # one reading, two people
    assert person_slug("李伟").startswith("li-wei-")


def test_open_tasks_of_the_persons_role_in_the_weeks(tmp_path: Path) -> None:
    kit = sample_kit("en")
    person = _architect(kit)
    _week, monday = parse_week(WEEK)
    ids = [t.id for t in timesheet_tasks(kit, person, monday, 4)]
    for task in kit.tasks:
        mine = task.owner == person.role or any(r == person.role for r, d in task.effort if d)
        in_window = task.start <= date(2026, 10, 25) and task.finish >= monday
        assert (task.id in ids) == (mine and in_window and not task.milestone), task.id
    # a finished task drops out; a started one stays whatever its dates
    progress = (
        TaskProgress(ids[0], status="done"),
        TaskProgress("s.fit", status="in-progress", percent_complete=0.5),
    )
    later = timesheet_tasks(replace(kit, progress=progress), person, monday, 4)
    assert ids[0] not in {t.id for t in later} and "s.fit" in {t.id for t in later}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_filled_timesheet_read_back_as_effort_rows(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    person = _architect(kit, "李伟" if lang == "zh" else "Li Wei")
    path = tmp_path / f"ts-{lang}.xlsx"
    tasks = _write(kit, person, path)
    assert tasks
    first = tasks[0]
    _fill(
        path,
        {
            (first, "d1"): 4,
            (first, "d2"): 3.5,
            (first, "notes"): '=HYPERLINK("x") travel day',
            ("other", "d4"): 2,  # 10-01: a holiday, still worked
        },
    )
    sheet = read_timesheet(path)
    assert (sheet.person, sheet.role, sheet.week) == (person.name, person.role, WEEK)
    rows = effort_rows(sheet, kit.role_name(person.role), {t.id for t in kit.tasks})
    prefix = f"ts:{person.slug}:{WEEK}:"
    assert set(rows) == {prefix + first, prefix + "other"}
    assert rows[prefix + first]["days"] == pytest.approx(7.5 / 8)
    assert rows[prefix + first]["date"] == date(2026, 9, 29)
    assert rows[prefix + first]["task"] == first
    assert rows[prefix + "other"]["task"] is None
    assert rows[prefix + "other"]["date"] == date(2026, 10, 1)
    assert rows[prefix + first]["source"] == f"timesheet {WEEK}"


def test_timesheet_layout_days_and_protection(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    path = tmp_path / "ts.xlsx"
    _write(kit, _architect(kit, "李伟"), path)
    book = load_workbook(path)
    sheet = book[book.sheetnames[0]]
    assert sheet.title == "工时表" and sheet.protection.sheet
    texts = [c.value for row in sheet.iter_rows(max_row=8) for c in row if c.value]
    assert "10-01 国庆节" in texts  # the kit calendar's holiday named above its day
    header = next(r for r in sheet.iter_rows(max_row=10) if r[0].value == "WBS")
    days = [
        c for c in header if c.value in ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
    ]
    assert len(days) == 7
    body = sheet.cell(row=header[0].row + 1, column=days[0].column)
    assert not body.protection.locked  # the hours cells are open
    holiday = sheet.cell(row=header[0].row + 1, column=days[3].column)
    assert holiday.fill.fgColor.rgb.endswith("E7E6E6") and not holiday.protection.locked
    assert sheet.cell(row=header[0].row + 1, column=1).protection.locked  # the WBS is not
    assert book.sheetnames[1] == "说明"


@pytest.mark.office
def test_timesheet_resaved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    require_office()
    kit = sample_kit("en")
    person = _architect(kit)
    path = tmp_path / "lo-ts.xlsx"
    tasks = _write(kit, person, path)
    _fill(path, {(tasks[0], "d3"): 6})
    (resaved,) = soffice_convert([path], "xlsx", tmp_path / "out")
    sheet = read_timesheet(resaved)
    row = next(r for r in sheet.rows if r.task == tasks[0])
    assert row.hours == ((date(2026, 9, 30), 6.0),)


def test_bad_hours_are_refused_with_row_and_fix(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "bad.xlsx"
    tasks = _write(kit, _architect(kit), path)
    _fill(
        path,
        {(tasks[0], "d1"): "lots", (tasks[0], "d2"): 30, ("other", "d5"): 20, (tasks[0], "d5"): 6},
    )
    with pytest.raises(InputError) as caught:
        read_timesheet(path)
    message = str(caught.value)
    assert "bad.xlsx:" in message
    assert "'lots': not a number of hours" in message
    assert "30 hours is not between 0 and 24" in message
    assert "2026-10-02: 26 hours in one day" in message


def test_a_workbook_that_is_no_timesheet_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(InputError, match="not a timesheet written by implkit timesheets"):
        read_timesheet(path)


def test_people_from_the_team_sheet_and_a_people_file(tmp_path: Path) -> None:
    kit = sample_kit("en")
    architect = kit.role_name(kit.task("s.fit").owner)
    team = SheetEntries(
        "plan.team",
        added=(
            (("person", "Li Wei"), ("role", architect)),
            (("person", "Anna"), ("role", "nobody")),
        ),
    )
    people, problems = team_people(replace(kit, entries=(team,)))
    assert [p.name for p in people] == ["Li Wei"] and people[0].role == kit.task("s.fit").owner
    assert len(problems) == 1 and "'Anna'" in problems[0].message
    file = tmp_path / "people.csv"
    file.write_text(f"姓名,角色\n王芳,{kit.task('s.fit').owner}\n", encoding="utf-8")
    assert [p.name for p in people_file(kit, file)] == ["王芳"]
    file.write_text("who,what\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="person column and a role column"):
        people_file(kit, file)


def test_timesheet_workbook_is_clean_and_the_same_bytes(tmp_path: Path) -> None:
    """Excel's traps (names, validations, formulas) absent; same inputs, same bytes, the
    week's Monday as the document date (never the clock)."""
    from datetime import datetime

    from tests.xlsx_lint import assert_clean, assert_same_bytes_and_fixed_stamps

    def render(kit: Kit, path: Path) -> None:
        _write(kit, _architect(kit, "李伟"), path)

    assert_same_bytes_and_fixed_stamps(
        render, lambda: sample_kit("zh"), tmp_path, datetime(2026, 9, 28)
    )
    assert_clean(tmp_path / "a.xlsx")

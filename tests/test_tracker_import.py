"""``implkit import`` with real clients: MS Project through MPXJ, Azure Boards and Jira as
their CSV import and export behave (tests/tracker_sim.py), three weeks each; the command
line, bad input (exit 2, nothing written), and ``export -o -`` / ``--json``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import api
from generator.carry.read import read_workbook
from generator.cli import cli
from tests import kits
from tests.tracker_sim import AzureBoards, JiraProject, java_day, msproject_add, msproject_edit

START = "2026-03-02"

# the worked example of docs/tracking.md as a pack: pm 2,000 CNY/day, ku 500 CNY/day;
# A 03-02..03-06 pm 5 pd (10,000); B 03-09..03-18 pm 4 + ku 8 pd (12,000); D 03-19..03-20
# pm 1 pd (2,000); M go-live after D
EV_PACK = """\
pack:
  id: evx
  name: {en: EV example, zh: 挣值示例}
  version: 1.0.0
  systems: [ERP]
roles:
  - {id: pm, name: {en: Project manager, zh: 项目经理}, side: vendor, day_rate: 2000}
  - {id: ku, name: {en: Key user, zh: 关键用户}, side: client, day_rate: 500}
phases:
  - {id: p1, order: 1, name: {en: Phase 1, zh: 阶段一}}
  - {id: p2, order: 2, name: {en: Phase 2, zh: 阶段二}}
tasks:
  - {id: evx.a, name: {en: Task A, zh: 任务A}, phase: p1, duration: 5, owner: pm,
     effort: {pm: 5}, anchor: kickoff}
  - {id: evx.b, name: {en: Task B, zh: 任务B}, phase: p2, after: [evx.a], duration: 8,
     owner: pm, effort: {pm: 4, ku: 8}}
  - {id: evx.d, name: {en: Task D, zh: 任务D}, phase: p2, after: [evx.b], duration: 2,
     owner: pm, effort: {pm: 1}}
  - {id: evx.m, name: {en: Go-live, zh: 上线}, phase: p2, after: [evx.d], duration: 0,
     milestone: true, owner: pm, anchor: go-live}
"""


def _plan(kit: Path) -> dict[str, dict[str, Any]]:
    sheet = read_workbook(kit / "plan" / "project-plan.xlsx", "plan").sheet("plan.tasks")
    assert sheet is not None
    return {row.key: dict(row.values) for row in sheet.rows if row.key}


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.mpxj
@pytest.mark.slow
def test_ms_project_changed_through_mpxj_imported_status_equals_hand_calculation(
    tmp_path: Path,
) -> None:
    from tests.mpxj_reader import _require

    _require()
    kit, packs = _ev_kit(tmp_path)
    saved = tmp_path / "from-ms-project.xml"
    msproject_edit(kit / "exports" / "project-plan.mspdi.xml", saved, _week_in_ms_project)
    result = api.import_files(kit, [saved], add_new=True, as_of="2026-03-12", packs_dir=packs)
    got = {(c.item, c.column): c.new for c in result.changes}
    assert got[("evx.a", "status")] == "done" and got[("evx.a", "actual_finish")] == date(
        2026, 3, 6
    )
    assert got[("evx.b", "pct")] == 0.25 and got[("evx.b", "actual_start")] == date(2026, 3, 9)
    assert got[("evx.d", "status")] == "cancelled"
    (added,) = [n for n in result.new_items if n.added]
    assert added.title == "Data cleansing" and added.phase == "p2" and added.duration == 3
    assert "project.msp-" in (kit / "project.yaml").read_text(encoding="utf-8")
    report = api.status(kit, as_of="2026-03-12", packs_dir=packs).data
    # by hand (PMBOK definitions, docs/tracking.md): BAC = 10,000 + 12,000 + 2,000;
    # PV = A 10,000 + B 12,000 x 4/8 days by 03-12; EV = 10,000 + 12,000 x 25 %
    # (D cancelled earns nothing; the added task has no baseline budget)
    assert report["bac"] == pytest.approx(24_000)
    assert report["pv"] == pytest.approx(16_000)
    assert report["ev"] == pytest.approx(13_000)
    assert report["sv"] == pytest.approx(-3_000)
    assert report["spi"] == pytest.approx(0.8125)
    assert report["percent_complete"] == pytest.approx(13_000 / 24_000, abs=1e-4)
    # B has 8 x 75 % = 6 days left from 03-13: 13, 16, 17, 18, 19, 20; D is cancelled
    assert report["forecast_go_live"] == "2026-03-20"
    # AC from MS Project's actual work, on the effort log at the owner's rate on the
    # import day: A 40 h = 5 pd x 2,000 + B 16 h = 2 pd x 2,000
    assert report["ac"] == pytest.approx(14_000)
    # CPI over the work whose cost is recorded (docs/tracking.md): only pm has actuals, so
    # EV of pm's work = A 10,000 + B's pm budget 8,000 x 25 % = 12,000
    assert report["cpi"] == pytest.approx(12_000 / 14_000, abs=1e-4)
    # importing the same file again changes nothing
    again = api.import_files(kit, [saved], dry_run=True, add_new=True, as_of="2026-03-12",
                             packs_dir=packs)  # fmt: skip
    assert again.changes == [] and not [n for n in again.new_items if not n.added]


def _ev_kit(tmp_path: Path) -> tuple[Path, Path]:
    """The EV example's pack (``packs``) and a kit made from it (``ev``), made once per
    process and copied: (kit, packs folder)."""
    folder = kits.cached_tree(tmp_path / "ev-example", "ev-example", _make_ev_kit)
    return folder / "ev", folder / "packs"


def _make_ev_kit(folder: Path) -> None:
    packs = folder / "packs"
    (packs / "evx").mkdir(parents=True)
    (packs / "evx" / "pack.yaml").write_text(EV_PACK, encoding="utf-8")
    api.new_kit("evx", folder / "ev", answers={"client": "Acme", "start": START, "country": "CN",
                                               "packs_dir": packs})  # fmt: skip


def _week_in_ms_project(project: Any, by_kit: dict[str, Any], jpype: Any) -> None:
    """What the planner records in MS Project by 2026-03-12 (the docs' worked example)."""
    pct = jpype.java.lang.Double
    hours = jpype.JClass("org.mpxj.Duration").getInstance
    unit = jpype.JClass("org.mpxj.TimeUnit").HOURS
    a, b = by_kit["evx.a"], by_kit["evx.b"]
    a.setPercentageComplete(pct(100.0))
    a.setActualStart(java_day(jpype, date(2026, 3, 2)))
    a.setActualFinish(java_day(jpype, date(2026, 3, 6), 17))
    a.setActualWork(hours(40, unit))
    b.setPercentageComplete(pct(25.0))
    b.setActualStart(java_day(jpype, date(2026, 3, 9)))
    b.setActualWork(hours(16, unit))
    project.removeTask(by_kit["evx.d"])  # dropped from scope in MS Project
    msproject_add(project, by_kit["p2"], "Data cleansing", 3, date(2026, 3, 16), jpype)


@pytest.mark.mpxj
@pytest.mark.slow
def test_timesheets_and_ms_project_work_feed_ac_once_and_a_second_week_replaces(
    tmp_path: Path,
) -> None:
    """Hours from a timesheet and from MS Project land in the effort log without double
    counting; the same person and week imported again replaces, never adds."""
    from openpyxl import load_workbook

    from tests.mpxj_reader import _require

    _require()
    kit, packs = _ev_kit(tmp_path)
    saved = tmp_path / "from-ms-project.xml"
    msproject_edit(kit / "exports" / "project-plan.mspdi.xml", saved, _week_in_ms_project)
    written = api.timesheets(kit, "2026-W11", people=["Li Wei=pm"], packs_dir=packs)
    (sheet,) = [Path(f["path"]) for f in written.files]

    def fill(hours: dict[str, float]) -> None:
        book = load_workbook(sheet)
        ws = book[book.sheetnames[0]]
        head = next(r for r in ws.iter_rows(max_row=10) if r[0].value == "WBS")
        cols = {c.value: c.column for c in head}
        row = next(r[0].row for r in ws.iter_rows(min_row=head[0].row + 1)
                   if r[cols["Task id"] - 1].value == "evx.b")  # fmt: skip
        for day, value in hours.items():
            ws.cell(row=row, column=cols[day]).value = value
        book.save(sheet)

    fill({"Mon": 8, "Tue": 8, "Wed": 8})  # B: 3 person-days in week 11
    result = api.import_files(kit, [saved, sheet], as_of="2026-03-12", packs_dir=packs)
    assert [t for t, _s in result.effort_skipped] == ["evx.b"], "B's hours come from the sheet"
    report = api.status(kit, as_of="2026-03-12", packs_dir=packs).data
    # A: 40 h from MS Project = 5 pd; B: 24 h from the timesheet = 3 pd; pm at 2,000
    assert report["ac"] == pytest.approx(16_000)
    fill({"Wed": 4})  # the corrected sheet comes back: Wednesday was half a day
    api.import_files(kit, [sheet], as_of="2026-03-12", packs_dir=packs)
    assert api.status(kit, as_of="2026-03-12", packs_dir=packs).data["ac"] == pytest.approx(15_000)
    again = api.import_files(kit, [sheet], dry_run=True, as_of="2026-03-12", packs_dir=packs)
    assert again.effort == [] and again.changes == []


def _kit_id(tags: list[str]) -> str:
    return next((t[3:] for t in tags if t.startswith("ik:")), "")


@pytest.mark.slow
def test_a_week_in_the_life_with_azure_boards(tmp_path: Path) -> None:
    """export → tracker changes → import → build → status → export, three times: 0 entries
    lost, 0 items duplicated in the board."""
    kit = kits.pristine_api(tmp_path / "acme", "base", client="Acme", start=START)
    board = AzureBoards("agile", "Fabrikam")
    (first,) = api.export(kit, "ado", output=tmp_path / "ado.csv").files
    board.import_csv(first.read_bytes())
    total = len(board.items)
    stories = [i for i in board.items.values() if i.type == "User Story"]
    note = "sponsor late: started at 10:00"
    _type_cell(kit, "base.kickoff", "Notes", note)
    expected = {"New": None, "Active": "in-progress", "Closed": "done"}
    weeks = [
        (date(2026, 3, 6), stories[0:3], "Closed"),
        (date(2026, 3, 13), stories[3:6], "Active"),
        (date(2026, 3, 20), stories[3:5], "Closed"),
    ]
    added = 0
    for n, (day, items, state) in enumerate(weeks, start=1):
        when = datetime(day.year, day.month, day.day, 17)
        for item in items:
            board.move(item.id, state, when)
            item.completed, item.remaining = 8.0 * n, (0.0 if state == "Closed" else 8.0)
        if n == 2:
            feature = next(i for i in board.items.values() if "ik:realize" in i.tags)
            board.add("User Story", "Label printer rollout", feature.id)
            added = 1
        query = tmp_path / f"query-{n}.csv"
        query.write_bytes(board.export_csv(tree=n != 2))  # a flat query in week 2
        result = api.import_files(kit, [query], add_new=True, as_of=day)
        assert result.outcome is not None and result.changes
        again = api.import_files(kit, [query], dry_run=True, add_new=True, as_of=day)
        assert again.changes == [] and again.effort == [], "the same file twice: no change"
        api.rebuild_kit(kit)
        api.status(kit, as_of=day)
        rows = _plan(kit)
        for item in board.items.values():
            kit_id = _kit_id(item.tags) or f"project.ado-{item.id}"
            if item.type == "User Story" and kit_id in rows:
                assert rows[kit_id].get("status") == expected[item.state], (n, kit_id)
        assert rows["base.kickoff"]["notes"] == note, "the consultant's note survives"
        (data,) = api.export(kit, "ado", output=tmp_path / f"ado-{n}.csv").files
        counts = board.import_csv(data.read_bytes())
        assert counts["created"] == 0, "the export updates the board's items, adds none"
        assert len(board.items) == total + added
    assert f"project.ado-{max(board.items)}" in _plan(kit)


def _type_cell(kit: Path, task_id: str, header: str, value: object) -> None:
    from openpyxl import load_workbook

    path = kit / "plan" / "project-plan.xlsx"
    book = load_workbook(path)
    sheet = book[book.sheetnames[0]]
    head = next(r for r in sheet.iter_rows(max_row=10) if r[0].value in ("Id", "编号"))
    column = next(c.column for c in head if c.value == header)
    for row in sheet.iter_rows(min_row=head[0].row + 1):
        if row[0].value == task_id:
            sheet.cell(row=row[0].row, column=column).value = value
    book.save(path)


@pytest.mark.slow
def test_a_week_in_the_life_with_jira_in_chinese(tmp_path: Path) -> None:
    kit = kits.pristine_api(tmp_path / "acme-zh", "base", client="艾克米", start=START, lang="zh")
    jira = JiraProject("ERP")
    (first,) = api.export(kit, "jira", output=tmp_path / "jira.csv").files
    jira.import_csv(first.read_bytes(), datetime(2026, 3, 2, 9))
    total = len(jira.issues)
    keys = [k for k, i in jira.issues.items() if i.type == "Task"]
    for n, day in enumerate((date(2026, 3, 6), date(2026, 3, 13), date(2026, 3, 20)), start=1):
        when = datetime(day.year, day.month, day.day, 17)
        jira.transition(keys[n - 1], "Done", when)
        jira.issues[keys[n - 1]].spent = 8 * 3600 * n
        jira.transition(keys[n + 2], "In Review", when)
        export = tmp_path / f"jira-{n}.csv"
        export.write_bytes(jira.export_csv())
        api.import_files(kit, [export], as_of=day)
        assert api.import_files(kit, [export], dry_run=True, as_of=day).changes == []
        api.rebuild_kit(kit)
        api.status(kit, as_of=day)
        (back,) = api.export(kit, "jira", output=tmp_path / f"jira-back-{n}.csv").files
        counts = jira.import_csv(back.read_bytes(), when)
        assert counts["created"] == 0 and len(jira.issues) == total, "no duplicate issues"
        rows = _plan(kit)
        for key in keys[:n]:
            assert rows[_kit_id(jira.issues[key].labels)]["status"] == "done"
        for key in keys[3 : n + 3]:
            assert rows[_kit_id(jira.issues[key].labels)]["status"] == "in-progress"
    header, *rows_ = list(csv.reader(io.StringIO(back.read_text(encoding="utf-8-sig"))))
    assert "Epic Name" not in header and "Epic Link" not in header
    assert all(r[header.index("Issue key")] for r in rows_), "every issue carries its key"


@pytest.fixture(scope="module")
def small_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kits.pristine_api(
        tmp_path_factory.mktemp("cli") / "acme", "base", client="Acme", start=START
    )


def test_cli_dry_run_lists_the_changes_and_writes_nothing(small_kit: Path, tmp_path: Path) -> None:
    board = AzureBoards()
    (first,) = api.export(small_kit, "ado", output=tmp_path / "ado.csv").files
    board.import_csv(first.read_bytes())
    story = next(i for i in board.items.values() if "ik:base.kickoff" in i.tags)
    board.move(story.id, "Closed", datetime(2026, 3, 2, 17))
    query = tmp_path / "q.csv"
    query.write_bytes(board.export_csv())
    before = _digest(small_kit)
    result = CliRunner().invoke(
        cli, ["import", str(small_kit), str(query), "--dry-run", "--as-of", "2026-03-03"]
    )
    assert result.exit_code == 0, result.output
    assert "base.kickoff" in result.output and "Done" in result.output
    assert "Dry run: nothing written." in result.output
    result = CliRunner().invoke(
        cli, ["import", str(small_kit), str(query), "--dry-run", "--json", "--as-of", "2026-03-03"]
    )
    data = json.loads(result.output)
    assert {"id": "base.kickoff", "column": "status", "old": None, "new": "done"}.items() <= next(
        c for c in data["changes"] if c["id"] == "base.kickoff" and c["column"] == "status"
    ).items()
    assert _digest(small_kit) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG" + bytes(range(256)) * 4000, "not a text file"),
        (b'"ID","Work Item Type","Title","State"\r\n"9","User Story","x","Waiting"\r\n', "Waiting"),
        (b"Summary,Issue key,Status\r\nx,ERP-1,Done\r\ny,ERP-1,Done\r\n", "also on line 2"),
        (b"Summary,Issue key,Status\r\nx,ERP-1,Done\r\n", "no item of this file is a task"),
    ],
)
def test_cli_bad_input_exit_2_with_file_row_and_fix_nothing_written(
    small_kit: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = _digest(small_kit)
    result = CliRunner().invoke(cli, ["import", str(small_kit), str(path)])
    assert result.exit_code == 2, result.output
    assert "bad.csv" in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert _digest(small_kit) == before


def test_export_to_stdout_and_json(small_kit: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(small_kit), "--format", "mspdi", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"<?xml") and b"<Project" in result.stdout_bytes
    result = CliRunner().invoke(cli, ["export", str(small_kit), "--format", "ics", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (written,) = data["files"]
    assert data["format"] == "ics" and written["items"] > 0
    path = Path(written["path"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == written["sha256"]


def test_timesheets_command_writes_one_workbook_per_person(small_kit: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("姓名,角色\n李伟,Project manager (vendor)\nAnna Schmidt,functional-consultant\n",
                      encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(
        cli, ["timesheets", str(small_kit), "--week", "2026-W11", "--people", str(people), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    names = sorted(Path(f["path"]).name for f in data["files"])
    assert names == ["Anna Schmidt.xlsx", "李伟.xlsx"]
    assert all(f["tasks"] > 0 for f in data["files"])
    bad = CliRunner().invoke(cli, ["timesheets", str(small_kit), "--week", "2026-14"])
    assert bad.exit_code == 2 and "2026-W14" in bad.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kit_readme_says_how_a_re_import_updates_each_tracker(lang: str) -> None:
    from generator.render.import_guide import import_guide

    text = import_guide(lang)
    assert "ik:" in text and "Issue key" in text and "implkit import" in text
    assert ("Merge the data into the" in text) if lang == "en" else ("将数据合并到活动项目" in text)
    assert ("carry no *State*" in text) if lang == "en" else ("不带 *State*" in text)

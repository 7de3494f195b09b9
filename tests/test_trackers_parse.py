"""Tracker exports read back: Azure Boards and Jira CSV (en and zh UI), MSPDI, bad input.

The CSV fixtures follow the tools' own export layouts as their documentation shows them:

* Azure Boards: Microsoft Learn, "Import, update, and export bulk work items with CSV
  files" (learn.microsoft.com/azure/devops/boards/queries/import-work-items-from-csv):
  a query's "Export to CSV" writes the query's columns with their field names, every
  value quoted; a tree query writes ``Title 1``, ``Title 2``... States and state
  categories per process: "Workflow states and state categories"
  (learn.microsoft.com/azure/devops/boards/work-items/workflow-and-state-categories).
* Jira: Atlassian Support, "Export issues" (support.atlassian.com/jira-software-cloud/
  docs/export-issues/) and "Import data from a CSV file" (support.atlassian.com/
  jira-cloud-administration/docs/import-data-from-a-csv-file/): repeated headers for
  multi-value fields (Labels), time tracking in seconds, dates ``dd/MMM/yy h:mm a``.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.render.mspdi import render_mspdi
from generator.trackers.dates import parse_column, parse_fixed
from generator.trackers.detect import read_export
from generator.trackers.jira import hours
from generator.trackers.states import ado_status, jira_status, parse_state_option
from tests.sample_kit import sample_kit

ADO_EN = (
    '"ID","Work Item Type","Title","State","Reason","Assigned To","Tags","Activated Date",'
    '"Closed Date","Completed Work","Remaining Work","Parent","Iteration Path"\r\n'
    '"101","Feature","Explore","Active","Implementation started","","sample; ik:explore; '
    'ik-kit:eca55807752c","9/2/2026 9:12:44 AM","","","","","Fabrikam\\Sprint 3"\r\n'
    '"102","User Story","Fit-to-standard workshops","Active","Implementation started",'
    '"Li Wei <li.wei@example.com>","sample; ik:s.workshops","9/2/2026 9:12:44 AM","","24",'
    '"40","101","Fabrikam\\Sprint 3"\r\n'
    '"103","User Story","Project kickoff meeting","Closed","Acceptance tests pass","",'
    '"ik:s.kickoff; critical-path","9/1/2026 8:00:00 AM","9/1/2026 5:30:00 PM","12","0","101",'
    '"Fabrikam\\Sprint 3"\r\n'
    '"104","User Story","Label printers","New","New","","","","","","","101",'
    '"Fabrikam\\Sprint 3"\r\n'
    '"105","User Story","Legacy report","Removed","Removed from the backlog","",'
    '"ik:s.legacy","","","","","101","Fabrikam\\Sprint 3"\r\n'
)

# a tree query exported from a Chinese-language Azure DevOps Server (field and state names
# as its Chinese process templates show them), dates in the zh-CN profile format
ADO_ZH_TREE = (
    '"ID","工作项类型","标题 1","标题 2","状态","标记","激活日期","关闭日期","已完成工作",'
    '"剩余工作","迭代路径"\r\n'
    '"201","功能","探索","","活动","ik:explore","2026/9/2 9:12:44","","","","制造\\迭代 3"\r\n'
    '"202","用户情景","","标准流程研讨会","活动","ik:s.workshops","2026/9/2 9:12:44","","8",'
    '"24","制造\\迭代 3"\r\n'
    '"203","用户情景","","项目启动会","已关闭","ik:s.kickoff","2026/9/1 8:00:00",'
    '"2026/9/1 17:30:00","12","0","制造\\迭代 3"\r\n'
)

JIRA_EN = (
    "Summary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Priority,"
    "Resolution,Assignee,Created,Updated,Resolved,Due date,Labels,Labels,Labels,"
    "Original Estimate,Remaining Estimate,Time Spent,Parent,Parent summary,Status Category,"
    "Status Category Changed\r\n"
    "Explore,ERP-1,10001,Epic,In Progress,ERP,ERP rollout,Medium,,,01/Sep/26 9:00 AM,"
    "02/Sep/26 9:12 AM,,,ik:explore,ik-kit:eca55807752c,,,,,,,In Progress,02/Sep/26 9:12 AM\r\n"
    "Fit-to-standard workshops,ERP-2,10002,Task,In Review,ERP,ERP rollout,Medium,,Li Wei,"
    "01/Sep/26 9:00 AM,03/Sep/26 4:00 PM,,15/Sep/26,ik:s.workshops,sample,,230400,144000,"
    "86400,10001,Explore,In Progress,02/Sep/26 9:12 AM\r\n"
    "Project kickoff meeting,ERP-3,10003,Task,Done,ERP,ERP rollout,High,Done,,"
    "01/Sep/26 9:00 AM,01/Sep/26 5:30 PM,01/Sep/26 5:30 PM,01/Sep/26,ik:s.kickoff,"
    "critical-path,,43200,0,43200,10001,Explore,Done,01/Sep/26 5:30 PM\r\n"
    "Legacy report,ERP-4,10004,Task,Done,ERP,ERP rollout,Low,Won't Do,,01/Sep/26 9:00 AM,"
    "04/Sep/26 10:00 AM,04/Sep/26 10:00 AM,,ik:s.legacy,,,,,,10001,Explore,Done,"
    "04/Sep/26 10:00 AM\r\n"
)

# the same issues from a Chinese-language Jira: headers, status category, month names and
# the AM/PM marker in Chinese
JIRA_ZH = (
    "概要,问题关键字,问题ID,问题类型,状态,项目关键字,解决结果,创建日期,已解决,标签,标签,"
    "剩余的估算,耗费时间,父级,状态类别\r\n"
    "探索,ERP-1,10001,史诗,进行中,ERP,,01/九月/26 9:00 上午,,ik:explore,,,,,进行中\r\n"
    "标准流程研讨会,ERP-2,10002,任务,评审中,ERP,,01/九月/26 9:00 上午,,ik:s.workshops,,"
    "144000,86400,10001,进行中\r\n"
    "项目启动会,ERP-3,10003,任务,完成,ERP,完成,01/九月/26 9:00 上午,01/九月/26 5:30 下午,"
    "ik:s.kickoff,,0,43200,10001,完成\r\n"
)


def _project_dates(day: date) -> bool:
    """As an import judges an actual date: from a month before the project start (the
    sample kit starts 2026-09-01) to the status date (here 2026-09-30)."""
    return date(2026, 8, 1) <= day <= date(2026, 9, 30)


def _wide(day: date) -> bool:
    return date(2026, 1, 1) <= day <= date(2027, 12, 31)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_ado_flat_query_export_en(tmp_path: Path) -> None:
    parsed = read_export(_write(tmp_path, "q.csv", ADO_EN), plausible=_project_dates)
    assert (parsed.format, parsed.process, parsed.project) == ("ado", "agile", "Fabrikam")
    by_id = {item.tracker_id: item for item in parsed.items}
    story = by_id["102"]
    assert story.kit_id == "s.workshops" and story.parent == "101"
    assert story.status == "in-progress"
    assert story.percent == pytest.approx(24 / 64)
    assert story.actual_start == date(2026, 9, 2) and story.actual_finish is None
    assert (story.work_done, story.work_left) == (24.0, 40.0)
    done = by_id["103"]
    assert (done.status, done.percent) == ("done", 1.0)
    assert (done.actual_start, done.actual_finish) == (date(2026, 9, 1), date(2026, 9, 1))
    assert by_id["104"].kit_id == "" and by_id["104"].status == "not-started"
    assert by_id["105"].status == "cancelled"
    assert by_id["101"].kit_id == "explore" and "ik-kit:eca55807752c" in by_id["101"].tags


def test_ado_tree_query_export_zh(tmp_path: Path) -> None:
    parsed = read_export(_write(tmp_path, "树.csv", ADO_ZH_TREE), plausible=_project_dates)
    assert (parsed.format, parsed.process, parsed.project) == ("ado", "agile", "制造")
    by_id = {item.tracker_id: item for item in parsed.items}
    assert by_id["202"].parent == "201" and by_id["203"].parent == "201"
    assert by_id["202"].title == "标准流程研讨会"
    assert by_id["202"].status == "in-progress" and by_id["202"].percent == pytest.approx(0.25)
    assert by_id["203"].status == "done" and by_id["203"].actual_finish == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("process", "state", "reason", "status"),
    [
        ("agile", "New", "", "not-started"),
        ("agile", "Resolved", "", "in-progress"),
        ("agile", "Removed", "", "cancelled"),
        ("scrum", "Approved", "", "not-started"),
        ("scrum", "Committed", "", "in-progress"),
        ("scrum", "Done", "", "done"),
        ("cmmi", "Proposed", "", "not-started"),
        ("cmmi", "Closed", "Rejected", "cancelled"),
        ("cmmi", "Closed", "Validation test passed", "done"),
        ("basic", "To Do", "", "not-started"),
        ("basic", "Doing", "", "in-progress"),
        ("basic", "Done", "", "done"),
    ],
)
def test_ado_states_of_every_process(process: str, state: str, reason: str, status: str) -> None:
    assert ado_status(state, reason) == status, process


@pytest.mark.parametrize(
    ("status", "category", "resolution", "expected"),
    [
        ("Selected for Development", "", "", "not-started"),
        ("QA review", "In Progress", "", "in-progress"),  # a custom status: its category
        ("Closed", "", "Fixed", "done"),
        ("Done", "Done", "Duplicate", "cancelled"),
        ("验收中", "进行中", "", "in-progress"),
        ("Blocked", "", "", ""),  # unknown without a category: reported, never guessed
    ],
)
def test_jira_status_category_decides(
    status: str, category: str, resolution: str, expected: str
) -> None:
    assert jira_status(status, category, resolution) == expected


def test_jira_export_en_labels_time_in_seconds_and_dd_mmm_yy(tmp_path: Path) -> None:
    parsed = read_export(_write(tmp_path, "jira.csv", JIRA_EN, "utf-8"), plausible=_project_dates)
    assert (parsed.format, parsed.project) == ("jira", "ERP")
    by_key = {item.tracker_id: item for item in parsed.items}
    task = by_key["ERP-2"]
    assert task.kit_id == "s.workshops" and task.parent == "ERP-1" and task.alt_id == "10002"
    assert task.status == "in-progress"  # "In Review": a default-workflow status
    assert (task.work_done, task.work_left) == (24.0, 40.0)  # 86,400 s and 144,000 s
    assert task.percent == pytest.approx(24 / 64)
    assert task.actual_start == date(2026, 9, 2)  # entered In Progress
    assert task.planned == (None, date(2026, 9, 15))
    done = by_key["ERP-3"]
    assert (done.status, done.actual_finish) == ("done", date(2026, 9, 1))
    assert by_key["ERP-4"].status == "cancelled"  # Done, resolution Won't Do


def test_jira_export_zh(tmp_path: Path) -> None:
    parsed = read_export(_write(tmp_path, "问题.csv", JIRA_ZH, "utf-8"), plausible=_project_dates)
    by_key = {item.tracker_id: item for item in parsed.items}
    assert by_key["ERP-2"].status == "in-progress" and by_key["ERP-2"].parent == "ERP-1"
    assert by_key["ERP-2"].percent == pytest.approx(24 / 64)
    assert by_key["ERP-3"].actual_finish == date(2026, 9, 1)
    assert by_key["ERP-1"].kit_id == "explore"


def test_excel_resaved_gbk_with_semicolons(tmp_path: Path) -> None:
    """A zh Excel re-save: GBK and, in some locales, ';' as the separator."""
    text = ADO_ZH_TREE.replace('","', '";"')
    parsed = read_export(_write(tmp_path, "gbk.csv", text, "gbk"), plausible=_project_dates)
    assert [item.tracker_id for item in parsed.items] == ["201", "202", "203"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-02T09:12:44Z", date(2026, 9, 2)),
        ("2026/9/2 9:12:44", date(2026, 9, 2)),
        ("2026年9月2日", date(2026, 9, 2)),
        ("02/Sep/26 9:12 AM", date(2026, 9, 2)),
        ("02/九月/26 9:12 上午", date(2026, 9, 2)),
        ("2/9月/26", date(2026, 9, 2)),
        ("", None),
    ],
)
def test_dates_every_reader_agrees_on(text: str, expected: date | None) -> None:
    assert parse_fixed(text) == expected


def test_day_month_order_from_the_column_and_the_project_dates() -> None:
    us = ["9/2/2026 9:00 AM", "9/15/2026 5:00 PM"]
    assert parse_column(us, _project_dates)[0] == [date(2026, 9, 2), date(2026, 9, 15)]
    uk = ["02/09/2026 09:00", "15/09/2026 17:00"]
    assert parse_column(uk, _project_dates)[0] == [date(2026, 9, 2), date(2026, 9, 15)]
    # both readings fit the project: refused, never guessed
    _days, problems, order = parse_column(["4/3/2026"], _wide)
    assert problems == [(-1, "ambiguous")] and order is None
    # one reading falls outside the project: the other one is taken
    late = lambda d: date(2026, 4, 1) <= d <= date(2026, 4, 30)  # noqa: E731
    assert parse_column(["4/3/2026"], late)[0] == [date(2026, 4, 3)]
    assert parse_column(["4/3/2026"], _wide, "dmy")[0] == [date(2026, 3, 4)]


def test_jira_time_tracking_text() -> None:
    assert hours("86400") == 24
    assert hours("1w 2d 3h 30m") == pytest.approx(40 + 16 + 3.5)
    assert hours("2天 4小时") == 20
    with pytest.raises(ValueError):
        hours("soon")


def _problems(path: Path, plausible: Callable[[date], bool] = _project_dates) -> str:
    with pytest.raises(InputError) as caught:
        read_export(path, plausible=plausible)
    return str(caught.value)


def test_bad_input_truncated_file_names_file_and_row(tmp_path: Path) -> None:
    cut = ADO_EN[: ADO_EN.index("Acceptance tests")]
    message = _problems(_write(tmp_path, "cut.csv", cut))
    assert "cut.csv:" in message and "cut off" in message and "export it again" in message


def test_bad_input_last_row_cut_without_quotes(tmp_path: Path) -> None:
    text = "Summary,Issue key,Status\r\nKickoff,ERP-3,Done\r\nWorkshops,ERP-2"
    message = _problems(_write(tmp_path, "cut.csv", text, "utf-8"))
    assert "cut.csv:3:" in message and "cut off" in message


def test_bad_input_ten_megabytes_of_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(os.urandom(10 * 1024 * 1024))
    message = _problems(path)
    assert "junk.csv" in message and "not a text file" in message and "export" in message


def test_bad_input_text_that_is_no_export(tmp_path: Path) -> None:
    message = _problems(_write(tmp_path, "notes.csv", "name,amount\r\nrent,1200\r\n"))
    assert "notes.csv:1:" in message and "Work Item Type" in message and "Issue key" in message


def test_bad_input_duplicated_ids_and_unknown_states(tmp_path: Path) -> None:
    text = ADO_EN + ADO_EN.splitlines(keepends=True)[2].replace('"Active"', '"Waiting"', 1)
    message = _problems(_write(tmp_path, "dup.csv", text))
    assert "dup.csv:7:0: ID 102 is also on line 3" in message
    assert "kit id s.workshops is also on line 3" in message
    assert "state Waiting" in message and '--state "Waiting=in-progress"' in message


def test_unknown_state_mapped_with_the_state_option(tmp_path: Path) -> None:
    text = ADO_EN.replace('"Active","Implementation started","Li Wei', '"Waiting","","Li Wei')
    extra = parse_state_option(["Waiting=in-progress"])
    parsed = read_export(
        _write(tmp_path, "q.csv", text), plausible=_project_dates, extra_states=extra
    )
    assert {i.tracker_id: i.status for i in parsed.items}["102"] == "in-progress"
    with pytest.raises(ValueError):
        parse_state_option(["Waiting=soon"])


def test_bad_input_ambiguous_dates_name_the_fix(tmp_path: Path) -> None:
    # 24-hour times (en-GB, de-DE write day first, en-US month first): nothing tells them apart
    text = (
        ADO_EN.replace("9/2/2026 9:12:44 AM", "09/08/2026 09:12")
        .replace("9/1/2026 8:00:00 AM", "09/07/2026 08:00")
        .replace("9/1/2026 5:30:00 PM", "09/07/2026 17:30")
    )
    message = _problems(_write(tmp_path, "amb.csv", text), lambda d: d.year == 2026)
    assert "amb.csv:2:" in message and "--date-order" in message
    # an upper-case AM/PM is Azure DevOps' en-US profile: month first
    text = ADO_EN.replace("9/2/2026", "9/8/2026").replace("9/1/2026", "9/7/2026")
    parsed = read_export(_write(tmp_path, "us.csv", text), plausible=lambda d: d.year == 2026)
    assert {i.tracker_id: i.actual_start for i in parsed.items}["102"] == date(2026, 9, 8)


def test_mspdi_export_read_back_with_kit_ids(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    (path,) = render_mspdi(kit, tmp_path / "plan.xml")
    parsed = read_export(path)
    assert parsed.format == "mspdi" and parsed.project == kit.project.name
    by_kit = {item.kit_id: item for item in parsed.items}
    assert set(by_kit) == {t.id for t in kit.tasks} | {p.id for p in kit.phases}
    first = kit.phases[0]
    assert by_kit[first.id].summary and all(
        by_kit[t].parent == by_kit[first.id].tracker_id for t in first.task_ids
    )
    assert all(item.status == "not-started" and item.alt_id for item in parsed.items)


def test_mspdi_refuses_entities_and_broken_xml(tmp_path: Path) -> None:
    kit = sample_kit("en")
    (path,) = render_mspdi(kit, tmp_path / "plan.xml")
    data = path.read_bytes()
    bomb = data.replace(b"<Project", b'<!DOCTYPE Project [<!ENTITY a "aaaa">]>\n<Project', 1)
    (tmp_path / "bomb.xml").write_bytes(bomb)
    assert "document type" in _problems(tmp_path / "bomb.xml")
    (tmp_path / "cut.xml").write_bytes(data[: len(data) // 2])
    message = _problems(tmp_path / "cut.xml")
    assert "cut.xml:" in message and "cut off" in message


def test_mpp_without_mpxj_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real = builtins.__import__

    def no_mpxj(name: str, *args: object, **kwargs: object) -> object:
        if name in ("mpxj", "jpype"):
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_mpxj)
    path = tmp_path / "plan.mpp"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    message = _problems(path)
    assert 'pip install "implkit[mpp]"' in message and "Save As > XML" in message


@pytest.mark.mpxj
def test_mpp_path_converts_through_mpxj(tmp_path: Path) -> None:
    """The .mpp path is MPXJ's reader + MSPDI writer; MPXJ reads the kit's XML the same way."""
    from generator.trackers.msproject import mpp_to_mspdi, parse
    from tests.mpxj_reader import _require

    _require()
    kit = sample_kit("en")
    (path,) = render_mspdi(kit, tmp_path / "plan.xml")
    converted = parse(path, mpp_to_mspdi(path))
    direct = read_export(path)
    assert [(i.tracker_id, i.kit_id, i.title) for i in converted.items if i.tracker_id != "0"] == [
        (i.tracker_id, i.kit_id, i.title) for i in direct.items
    ]


def _mutations(data: bytes, rng: random.Random) -> bytes:
    """One careless or hostile edit of an export: a cut, flipped bytes, a line doubled or
    dropped, a quote or separator inserted, a header renamed, text in another encoding."""
    kind = rng.randrange(7)
    if kind == 0:
        return data[: rng.randrange(len(data))]
    if kind == 1:
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    lines = data.split(b"\n")
    if kind == 2:
        n = rng.randrange(len(lines))
        lines.insert(n, lines[n])
    elif kind == 3 and len(lines) > 2:
        del lines[rng.randrange(1, len(lines))]
    elif kind == 4:
        n = rng.randrange(len(lines))
        at = rng.randrange(len(lines[n]) + 1)
        lines[n] = lines[n][:at] + rng.choice([b'"', b",", b";", b"\t", b"\r"]) + lines[n][at:]
    elif kind == 5:
        lines[0] = lines[0].replace(
            rng.choice([b"State", b"Status", b"ID", b"Issue key", b"UID"]), b"X"
        )
    else:
        return data.decode("utf-8", errors="replace").encode("utf-16")
    return b"\n".join(lines)


def test_fuzzed_exports_end_in_a_result_or_an_input_error(tmp_path: Path) -> None:
    """Seeded mutations of every format: each read gives items or an InputError (exit 2)
    with the file named; never another exception."""
    (mspdi,) = render_mspdi(sample_kit("en"), tmp_path / "plan.xml")
    sources = [ADO_EN.encode("utf-8"), ADO_ZH_TREE.encode("utf-8"), JIRA_EN.encode("utf-8"),
               JIRA_ZH.encode("utf-8"), mspdi.read_bytes()]  # fmt: skip
    rng = random.Random(24)
    outcomes: Counter[str] = Counter()
    for n in range(300):
        data = _mutations(rng.choice(sources), rng)
        path = tmp_path / f"m{n}.dat"
        path.write_bytes(data)
        try:
            read_export(path, plausible=_project_dates)
            outcomes["read"] += 1
        except InputError as err:
            assert f"m{n}.dat" in str(err), str(err)
            outcomes["refused"] += 1
    assert outcomes["read"] and outcomes["refused"], outcomes

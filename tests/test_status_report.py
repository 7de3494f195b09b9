"""``implkit new`` saves a baseline; ``implkit status`` and ``implkit baseline`` end to end.

The scenario: the manufacturing pack from 2026-03-02, progress entered on plan up to
2026-06-30 except the prototype demo (a critical task) that finished 6 working days
late, and the Budget sheet's actual effort for five roles.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.kit_model import TaskProgress
from generator.tracking.forecast import forecast_kit, on_plan_progress
from generator.tracking.states import points_through, working_calendar
from tests.office import pdf_pages, pdf_text, recalculated_copy, require_office, soffice_convert
from tests.test_tracking_forecast import finish_critical, late_finish
from tests.tracking_fill import fill_plan

AS_OF = date(2026, 6, 30)
GO_LIVE: dict[str, str] = {}  # baseline and expected forecast (+6 working days), ISO dates
LATE_TASK = "base.prototype-demo"  # critical through its finish in the manufacturing pack
SPENT = {
    "project-manager": 70.0,
    "solution-architect": 60.0,
    "functional-consultant": 200.0,
    "key-user": 150.0,
    "technical-consultant": 40.0,
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def tracked_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new kit with a month of progress and actual effort typed into its plan workbook."""
    from generator import api

    target = tmp_path_factory.mktemp("kits") / "acme"
    api.new_kit("manufacturing", target, answers={"client": "Acme", "start": "2026-03-02"})
    kit = api.load_kit(target).kit
    cal = working_calendar(kit)
    driving = finish_critical(kit)
    explore = {t.id for t in kit.tasks if t.phase == "explore"}
    late = LATE_TASK if LATE_TASK in driving else min(driving & explore)
    tracked, finish = late_finish(kit, late, 6)
    moved = forecast_kit(tracked, finish)
    done = {p.task_id for p in tracked.progress}
    progress = list(tracked.progress)
    for task in moved.tasks:  # the work after the late task, entered on its new dates
        if task.id in done:
            continue
        if task.finish <= AS_OF:
            progress.append(TaskProgress(task.id, "Done", 1.0, task.start, task.finish))
        elif not task.milestone and task.start <= AS_OF:
            elapsed = points_through(cal, AS_OF) - cal.index(task.start)
            progress.append(
                TaskProgress(task.id, "In progress", elapsed / task.duration, task.start, None)
            )
    assert kit.project.go_live is not None
    GO_LIVE["baseline"] = kit.project.go_live.isoformat()
    GO_LIVE["forecast"] = cal.add_working_days(kit.project.go_live, 6).isoformat()
    names = {role.id: role.name for role in kit.roles}
    fill_plan(
        target / "plan" / "project-plan.xlsx",
        progress,
        {names[r]: days for r, days in SPENT.items() if r in names},
    )
    return target


def copy_of(kit: Path, tmp_path: Path) -> Path:
    target = tmp_path / "acme"
    shutil.copytree(kit, target)
    return target


@pytest.fixture(scope="module")
def reported_en(
    tracked_kit: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    """A copy of ``tracked_kit`` after ``status --as-of 2026-06-30 --json`` (English), and
    the JSON it printed: the tests that only read this report share one status run."""
    target = copy_of(tracked_kit, tmp_path_factory.mktemp("reported-en"))
    code, output = run("status", str(target), "--as-of", AS_OF.isoformat(), "--json")
    assert code == 0, output
    return target, json.loads(output)


@pytest.fixture(scope="module")
def reported_zh(tracked_kit: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of ``tracked_kit`` after ``status --as-of 2026-06-30 --lang zh`` and what it
    printed."""
    target = copy_of(tracked_kit, tmp_path_factory.mktemp("reported-zh"))
    code, output = run("status", str(target), "--as-of", AS_OF.isoformat(), "--lang", "zh")
    assert code == 0, output
    return target, output


@pytest.fixture(scope="module")
def report_pdfs(
    reported_en: tuple[Path, dict[str, Any]],
    reported_zh: tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """The Word reports of ``reported_en`` and ``reported_zh`` printed to PDF by
    LibreOffice, both in one soffice run (copied under names that tell them apart)."""
    require_office()
    tmp = tmp_path_factory.mktemp("report-pdfs")
    docx = {}
    for lang, target in (("en", reported_en[0]), ("zh", reported_zh[0])):
        docx[lang] = tmp / f"status-{lang}.docx"
        shutil.copyfile(target / "reports/status-2026-06-30.docx", docx[lang])
    pdfs = soffice_convert(list(docx.values()), "pdf", tmp / "pdf")
    return dict(zip(docx, pdfs, strict=True))


def test_new_saves_the_initial_baseline(tracked_kit: Path) -> None:
    index = json.loads((tracked_kit / ".implkit/baselines/index.json").read_text("utf-8"))
    assert index["current"] == "initial"
    data = json.loads((tracked_kit / ".implkit/baselines/initial.json").read_text("utf-8"))
    go_live = [m for m in data["milestones"] if m["id"] == "base.go-live"]
    assert go_live and go_live[0]["date"] == GO_LIVE["baseline"]
    assert {"id", "start", "finish", "duration", "effort", "cost"} <= set(data["tasks"][0])
    assert sum(t["cost"] for t in data["tasks"]) > 0


def test_status_json_forecast_slip_and_earned_value(
    reported_en: tuple[Path, dict[str, Any]],
) -> None:
    target, data = reported_en
    assert data["as_of"] == "2026-06-30" and data["baseline"] == "initial"
    assert data["baseline_go_live"] == GO_LIVE["baseline"]
    assert data["slip_working_days"] == 6  # a critical task 6 working days late
    assert data["forecast_go_live"] == GO_LIVE["forecast"]
    assert 0 < data["ev"] < data["pv"] <= data["bac"]
    assert data["spi"] == pytest.approx(data["ev"] / data["pv"], abs=1e-4)
    # cost over the work whose cost is recorded (5 roles of the kit's): CPI = EV(rec) / AC
    assert 0 < data["ev_recorded"] < data["ev"]
    assert data["ac"] is not None and data["cpi"] == pytest.approx(
        data["ev_recorded"] / data["ac"], abs=1e-4
    )
    assert data["eac"] == pytest.approx(data["bac"] / (data["ev_recorded"] / data["ac"]), rel=1e-6)
    coverage = data["cost_coverage"]
    assert coverage["roles_recorded"] == len(SPENT) < coverage["roles"]
    assert coverage["ev_share"] == pytest.approx(data["ev_recorded"] / data["ev"], abs=1e-4)
    assert data["percent_complete"] == pytest.approx(data["ev"] / data["bac"], abs=1e-4)
    go_live = next(m for m in data["milestones"] if m["id"] == "base.go-live")
    assert (go_live["baseline"], go_live["forecast"]) == (GO_LIVE["baseline"], GO_LIVE["forecast"])
    assert data["rag"]["schedule"] == "red"  # SPI below 0.9
    sides = {s["side"]: s for s in data["effort_by_side"]}
    assert sides["total"]["actual"] == pytest.approx(sum(SPENT.values()))
    assert (target / "reports/status-2026-06-30.xlsx").is_file()
    assert (target / "reports/status-2026-06-30.docx").is_file()
    assert (target / ".implkit/snapshots/2026-06-30.json").is_file()


def test_status_workbook_formulas_recalculated_equal_the_json(
    reported_en: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    require_office()
    target, data = reported_en
    recalculated = recalculated_copy(target / "reports/status-2026-06-30.xlsx", tmp_path)
    book = openpyxl.load_workbook(recalculated, data_only=True)
    sheet = book["Summary"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Project")
    keys = ("bac", "pv", "ev", "ev_recorded", "ac", "sv", "cv", "spi", "cpi", "eac", "etc", "vac")
    for key, value in zip(keys, row[1:13], strict=True):
        assert value == pytest.approx(data[key], abs=0.01), key
    pct = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "% complete (EV / BAC)")
    assert pct[1] == pytest.approx(data["percent_complete"], abs=1e-4)
    phases = book["Earned value"]
    rows = {r[0]: r for r in phases.iter_rows(values_only=True) if r and r[0]}
    for phase in data["phases"]:
        name = next(p for p in rows if p not in ("Project",) and rows[p][1] == phase["bac"])
        assert (
            rows[name][8] in (None, "")
            if phase["spi"] is None
            else rows[name][8] == (pytest.approx(phase["spi"], abs=1e-4))
        )


def test_status_report_reads_in_chinese(
    reported_zh: tuple[Path, str], report_pdfs: dict[str, Path]
) -> None:
    require_office()
    (target, output), pdf = reported_zh, report_pdfs["zh"]
    assert "偏差+6个工作日" in output and "已写入" in output  # headline and message in zh
    text = pdf_text(pdf)
    for heading in ("本月完成", "下月计划", "里程碑", "风险与问题", "需协调事项", "变更"):
        assert heading in text
    assert GO_LIVE["forecast"] in text and "Completed this month" not in text
    # the baseline by its display name, not the stored key "initial"
    assert "基线：初始基线" in text and "initial" not in text
    wb = openpyxl.load_workbook(target / "reports/status-2026-06-30.xlsx")
    cells = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "初始基线" in cells and "initial" not in cells


def test_status_twice_gives_the_same_bytes(
    reported_en: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    names = ["reports/status-2026-06-30.xlsx", "reports/status-2026-06-30.docx"]
    first = [(reported_en[0] / name).read_bytes() for name in names]
    target = copy_of(reported_en[0], tmp_path)  # the second run, over the first one's kit
    assert run("status", str(target), "--as-of", "2026-06-30")[0] == 0
    assert [(target / name).read_bytes() for name in names] == first


def test_trend_reads_earlier_snapshots(tracked_kit: Path, tmp_path: Path) -> None:
    target = copy_of(tracked_kit, tmp_path)
    for day in ("2026-04-30", "2026-05-29", "2026-06-30"):
        assert run("status", str(target), "--as-of", day)[0] == 0
    book = openpyxl.load_workbook(target / "reports/status-2026-06-30.xlsx")
    sheet = book["Milestone trend"]
    status_dates = [r[0] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    assert [d.date().isoformat() for d in status_dates] == [
        "2026-04-30",
        "2026-05-29",
        "2026-06-30",
    ]
    assert len(sheet._charts) == 1 and len(book["S-curve"]._charts) == 1


def test_baseline_command_keeps_earlier_baselines(tracked_kit: Path, tmp_path: Path) -> None:
    target = copy_of(tracked_kit, tmp_path)
    code, output = run("baseline", str(target), "--name", "after-cr-1", "--as-of", "2026-06-30")
    assert code == 0, output
    index = json.loads((target / ".implkit/baselines/index.json").read_text("utf-8"))
    assert [b["name"] for b in index["baselines"]] == ["initial", "after-cr-1"]
    assert index["current"] == "after-cr-1"
    assert (target / ".implkit/baselines/initial.json").is_file()
    code, output = run("status", str(target), "--as-of", "2026-06-30", "--json")
    data = json.loads(output)
    assert data["baseline"] == "after-cr-1" and data["slip_working_days"] == 0
    code, output = run("baseline", str(target), "--name", "after-cr-1")
    assert code == 2 and "exists already" in output
    assert run("baseline", str(target), "--name", "变更后")[0] == 0  # names in Chinese too
    for bad in ("../x", "NUL", "a/b", "x."):
        code, output = run("baseline", str(target), "--name", bad)
        assert code == 2 and "Traceback" not in output, bad
    assert not (target / ".implkit" / "x.json").exists()


def test_bad_status_date_exits_2_and_writes_nothing(tracked_kit: Path, tmp_path: Path) -> None:
    target = copy_of(tracked_kit, tmp_path)
    code, output = run("status", str(target), "--as-of", "30.06.2026")
    assert code == 2 and "YYYY-MM-DD" in output and "Traceback" not in output
    assert not (target / "reports").exists()
    assert not (target / ".implkit/snapshots").exists()


def test_build_as_of_moves_the_plan_and_appends_a_snapshot(
    tracked_kit: Path, tmp_path: Path
) -> None:
    target = copy_of(tracked_kit, tmp_path)
    code, output = run("build", str(target), "--as-of", "2026-06-30", "--json")
    assert code == 0, output
    assert (target / ".implkit/snapshots/2026-06-30.json").is_file()
    snap = json.loads((target / ".implkit/snapshots/2026-06-30.json").read_text("utf-8"))
    assert snap["go_live"] == GO_LIVE["forecast"]


def test_on_plan_helper_is_consistent_with_the_forecast() -> None:
    """The fixture's premise: on-plan progress leaves the plan as it is (checked again here)."""
    from tests.test_tracking_forecast import plan

    kit = plan()
    moved = forecast_kit(on_plan_progress(kit, AS_OF), AS_OF)
    assert moved.project.go_live == kit.project.go_live
    assert [(a.start, a.finish) for a in moved.tasks] == [(b.start, b.finish) for b in kit.tasks]


def test_status_outside_a_kit_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    code, output = run("status", str(tmp_path), "--as-of", "2026-06-30")
    assert code == 2 and "project.yaml" in output and "Traceback" not in output
    assert list(tmp_path.iterdir()) == []


def test_word_report_fits_on_two_pages(report_pdfs: dict[str, Path]) -> None:
    require_office()
    for pdf in (report_pdfs["en"], report_pdfs["zh"]):  # English and Chinese
        assert 1 <= pdf_pages(pdf) <= 2, pdf


def test_dry_run_saves_no_baseline(tmp_path: Path) -> None:
    target = tmp_path / "dry"
    code, output = run(
        "new", "manufacturing", "--out", str(target), "--start", "2026-03-02", "--dry-run"
    )
    assert code == 0, output
    assert not (target / ".implkit" / "baselines").exists()


def test_counts_read_as_plain_language_in_en_and_zh() -> None:
    """No "task(s)": 1 task / 2 tasks in English, one form in Chinese."""
    from generator.i18n import translator
    from generator.render import docx_knowledge, status_text
    from generator.render.status_text import changes_pending, tasks_behind

    for labels in (status_text.LABELS, docx_knowledge.LABELS):
        for lang, texts in labels.items():
            assert not [t for t in texts.values() if "(s)" in t], lang
    en, zh = translator("en"), translator("zh")
    assert tasks_behind(en, 1) == "1 critical task behind the baseline"
    assert tasks_behind(en, 2) == "2 critical tasks behind the baseline"
    assert changes_pending(en, 1) == "1 change request awaits a CCB decision."
    assert changes_pending(en, 3) == "3 change requests await a CCB decision."
    assert changes_pending(zh, 1) == "有1项变更申请等待CCB决议。"

    def seen(lang: str, n: int) -> str:
        tr = translator(lang)
        return tr.n("Recorded in {n} project", "Recorded in {n} projects", n).format(n=n)

    assert seen("en", 1) == "Recorded in 1 project"
    assert seen("en", 4) == "Recorded in 4 projects"
    assert seen("zh", 1) == "已有 1 个项目记录"

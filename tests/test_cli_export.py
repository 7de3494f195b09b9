"""``implkit export`` and the build flow's calendar history, through the real CLI."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from generator.cli import cli


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-export") / "kit"
    _run("new", "manufacturing", "--client", "华东精密制造", "--lang", "zh",
         "--start", "2026-09-01", "--out", str(folder))  # fmt: skip
    return folder


@pytest.mark.parametrize(
    ("process", "task_type"), [("basic", "Issue"), ("scrum", "Product Backlog Item")]
)
def test_export_ado_for_the_chosen_process(
    kit_dir: Path, process: str, task_type: str, tmp_path: Path
) -> None:
    out = tmp_path / f"ado-{process}.csv"
    _run("export", str(kit_dir), "--format", "ado", "--process", process, "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    kinds = {r["Work Item Type"] for r in rows}
    assert task_type in kinds
    assert ("Feature" in kinds) == (process != "basic")


def test_export_rejects_an_unknown_process(kit_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", str(kit_dir), "--format", "ado", "--process", "kanban"]
    )
    assert result.exit_code == 2 and "kanban" in result.output


def _sequences(ics: Path) -> dict[str, int]:
    calendar = Calendar.from_ical(ics.read_bytes().decode("utf-8"))
    return {str(e["UID"]): int(str(e["SEQUENCE"])) for e in calendar.walk() if e.name == "VEVENT"}


def test_rebuild_raises_sequence_of_moved_events_only(kit_dir: Path, tmp_path: Path) -> None:
    ics = kit_dir / "exports" / "project-calendar.ics"
    history = kit_dir / ".implkit" / "calendar-history.json"
    assert history.is_file()
    first = ics.read_bytes()
    _run("build", str(kit_dir))
    assert ics.read_bytes() == first, "an unchanged rebuild gives the same calendar bytes"
    answers = kit_dir / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    # a longer requirements freeze moves development start and everything after it
    answers.write_text(re.sub(r"(?m)^freeze_days: 30", "freeze_days: 60", text), encoding="utf-8")
    _run("build", str(kit_dir))
    after = _sequences(ics)
    assert set(after) == set(_sequences_from(first)), "UIDs stay: a re-import updates events"
    assert max(after.values()) == 1 and min(after.values()) == 0, "only moved events rise"
    assert after[next(u for u in after if u.startswith("base.gate-prepare@"))] == 0
    assert after[next(u for u in after if u.startswith("base.go-live@"))] == 1
    stamps = re.findall(rb"DTSTAMP:(\d{8}T\d{6}Z)", ics.read_bytes())
    assert len(set(stamps)) == 2  # the first build's stamp and this build's
    # export --format ics continues from the same history
    out = tmp_path / "again.ics"
    _run("export", str(kit_dir), "--format", "ics", "-o", str(out))
    assert _sequences(out) == after


def _sequences_from(data: bytes) -> dict[str, int]:
    calendar = Calendar.from_ical(data.decode("utf-8"))
    return {str(e["UID"]): int(str(e["SEQUENCE"])) for e in calendar.walk() if e.name == "VEVENT"}


def test_readme_says_how_to_import_each_export(kit_dir: Path) -> None:
    readme = (kit_dir / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 导入导出文件") :]
    for tool in ("MS Project", "ProjectLibre", "Jira", "Azure Boards", "Outlook", "Google"):
        assert tool in section, tool
    named = set(re.findall(r"`(exports/[^`]+)`", section))
    assert named == {
        "exports/project-plan.mspdi.xml",
        "exports/jira-issues.csv",
        "exports/azure-boards.csv",
        "exports/project-calendar.ics",
    }
    for name in named:
        assert (kit_dir / name).is_file(), name
    assert "U+2060" in section and "--process" in section


def test_readme_import_section_in_english() -> None:
    from generator.workspace.stage import readme_text
    from tests.sample_kit import sample_kit

    text = readme_text(sample_kit("en"))
    section = text[text.index("## Importing the exports") :]
    assert "Import work items" in section and "iCalendar" in section
    assert not re.search(r"[\u4e00-\u9fff]", section)


def test_calendar_expands_to_the_meetings_sheet(kit_dir: Path) -> None:
    """Every row of the plan's Meetings sheet is one .ics event expanding to its meetings."""
    from dataclasses import replace

    from openpyxl import load_workbook

    from generator import api
    from tests.test_ics import _expand, _expected_meetings

    kit = api.load_kit(kit_dir).kit
    ceremonies = {c.id: c for c in kit.ceremonies}
    book = load_workbook(kit_dir / "plan" / "project-plan.xlsx", read_only=True)
    rows = [
        row
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        if row and row[0] in ceremonies
    ]
    assert {r[0] for r in rows} == set(ceremonies), "the sheet lists every ceremony"
    calendar = Calendar.from_ical((kit_dir / "exports" / "project-calendar.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk() if e.name == "VEVENT"}
    for row in rows:
        first, until = [v.date() for v in row if isinstance(v, datetime)][:2]  # first, until
        sheet_row = replace(ceremonies[str(row[0])], first=first, until=until)
        got = _expand(events[str(row[0])])
        assert got == _expected_meetings(kit, sheet_row), row[0]
        assert got and first <= got[0] and got[-1] <= until + timedelta(days=14)


def test_rebuilt_kit_mspdi_is_schema_valid(kit_dir: Path) -> None:
    """After `build` (progress, baseline, status date carried in) the MSPDI still validates."""
    from tests.mpxj_reader import subset_schema

    schema = subset_schema()
    _run("build", str(kit_dir))
    path = kit_dir / "exports" / "project-plan.mspdi.xml"
    errors = [f"{e.reason} at {e.path}" for e in schema.iter_errors(str(path))]
    assert not errors, errors[:5]

"""Carry: cell values, the project overlay, lifting tasks, pack changes, the build.

Real components only: workbooks written by the renderers, edited with openpyxl as a
consultant would, read back by ``generator.carry``; project.yaml edited as text.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.carry.values import as_date, as_percent, convert
from generator.cli import cli
from generator.errors import InputError
from generator.overlay import LiftedTask, lift_tasks, overlay_from_text
from generator.sheets import spec
from generator.sheets.lists import TASK_STATUS
from tests.kits import pristine


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def new_kit(tmp_path: Path, *extra: str, name: str = "kit") -> Path:
    """A fresh manufacturing kit (a copy of one made once per test process)."""
    return pristine(tmp_path / name, "manufacturing", "--start", "2026-03-02", *extra)


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2026/3/2", date(2026, 3, 2)),
        ("2026.3.2", date(2026, 3, 2)),
        ("2026年3月2日", date(2026, 3, 2)),
        ("28/02/2026", date(2026, 2, 28)),
        ("02/28/2026", date(2026, 2, 28)),
        ("2026-03-02T09:00", date(2026, 3, 2)),
        (46083, date(2026, 3, 2)),
    ],
)
def test_dates_read_from_text_and_serials(text: object, expected: date) -> None:
    assert as_date(text) == expected


@pytest.mark.parametrize("text", ["03/04/2026", "2026/13/45", "next Monday", "2026-02-30", 12])
def test_ambiguous_or_impossible_dates_are_refused(text: object) -> None:
    assert as_date(text) is None


def test_percent_and_list_conversion() -> None:
    assert as_percent("40%") == pytest.approx(0.4)
    assert as_percent(40) == pytest.approx(0.4)
    assert as_percent(0.4) == pytest.approx(0.4)
    status = spec("plan.tasks").column("status")
    assert convert("进行中", status) == ("in-progress", None)
    assert convert("In progress", status) == ("in-progress", None)
    assert convert("in-progress", status) == ("in-progress", None)
    value, problem = convert("Halfway", status)
    assert value is None and problem == "not one of the list's values"
    pct = spec("plan.tasks").column("pct")
    assert convert("150%", pct)[1] == "not between 0 % and 100 %"
    assert TASK_STATUS.key_of("已完成") == "done"


# --- overlay -------------------------------------------------------------------------------


def test_lift_keeps_comments_and_layout(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    text = (target / "project.yaml").read_text(encoding="utf-8")
    lifted = lift_tasks(
        text,
        [
            LiftedTask(
                "project.task-1",
                "Label printer set-up",
                "realize",
                3,
                "technical-consultant",
                (("base.kickoff", "FS", 2),),
            )
        ],
    )
    comments = [line for line in text.splitlines() if "#" in line]
    for line in comments:
        assert line in lifted.splitlines()
    layer = overlay_from_text(lifted, "project.yaml")
    assert layer is not None
    (task,) = [raw for _, raw in layer.items["tasks"]]
    assert task["id"] == "project.task-1"
    assert task["after"] == [{"id": "base.kickoff", "lag": 2}]


def test_overlay_tasks_are_scheduled_and_bad_ones_point_at_project_yaml(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(
        text
        + "tasks:\n"
        + "  - id: project.label-printers\n"
        + "    name: Label printers\n"
        + "    phase: realize\n"
        + "    duration: 4\n"
        + "    owner: technical-consultant\n"
        + "    after: [base.development-start]\n"
        + "risks:\n"
        + "  - id: project.label-stock\n"
        + "    title: Label stock runs out at go-live\n"
        + "    phase: deploy\n"
        + "    likelihood: 3\n"
        + "    impact: 4\n"
        + "    owner: project-manager\n"
        + "    mitigation: Order three months of labels\n"
        + "remove: [mfg.shift-cover-roster]\n",
        encoding="utf-8",
    )
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])
    assert data["tasks"] >= 1
    from openpyxl import load_workbook

    book = load_workbook(target / "plan" / "project-plan.xlsx", read_only=True)
    ids = {row[0] for row in book.worksheets[0].iter_rows(values_only=True)}
    book.close()
    assert "project.label-printers" in ids
    assert "mfg.shift-cover-roster" not in ids
    from generator.carry.read import read_workbook

    risks = read_workbook(target / "plan" / "project-plan.xlsx", "plan").sheet("plan.risks")
    assert risks is not None and "project.label-stock" in {row.key for row in risks.rows}
    # a bad overlay item: exit 2 at project.yaml:line, nothing written
    before = (target / "plan" / "project-plan.xlsx").read_bytes()
    answers.write_text(
        text + "tasks:\n  - id: project.bad\n    name: Bad\n    phase: nowhere\n"
        "    duration: 1\n    owner: technical-consultant\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(target)])
    assert result.exit_code == 2
    line = len(text.splitlines()) + 4  # the "phase: nowhere" line
    assert re.search(rf"project\.yaml:{line}:\d+", result.output), result.output
    assert "Traceback" not in result.output
    assert (target / "plan" / "project-plan.xlsx").read_bytes() == before


def test_overlay_section_of_wrong_shape_is_refused() -> None:
    with pytest.raises(InputError) as err:
        overlay_from_text("pack: manufacturing\ntasks: 3\n", "project.yaml")
    assert "project.yaml:2" in str(err.value)


# --- reading back what users do ------------------------------------------------------------


def _plan(target: Path) -> Path:
    return target / "plan" / "project-plan.xlsx"


def _task_rows(target: Path) -> tuple[object, dict[str, int], dict[str, int]]:
    """(sheet read, column key -> 1-based column, task id -> row) of the Plan sheet."""
    from generator.carry.read import read_workbook

    sheet = read_workbook(_plan(target), "plan").sheet("plan.tasks")
    assert sheet is not None
    columns = {key: index + 1 for key, index in sheet.columns.items()}
    rows = {row.key: row.number for row in sheet.rows if row.key}
    return sheet, columns, rows


def test_unusable_values_are_reported_and_kept_in_notes(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    book = load_workbook(_plan(target))
    ws = book[sheet.title]  # type: ignore[attr-defined]
    ws.cell(rows["base.kickoff"], cols["actual_start"], "2026/3/2")  # text date: read
    ws.cell(rows["base.kickoff"], cols["status"], "Halfway")  # outside the list
    ws.cell(rows["base.uat"], cols["actual_start"], "2026/13/45")  # not a date
    ws.cell(rows["base.uat"], cols["notes"], "UAT notes")
    ws.cell(rows["base.cutover"], cols["actual_start"], "2026-05-04")
    ws.cell(rows["base.cutover"], cols["actual_finish"], "2026-05-01")  # finish before start
    ws.cell(rows["realize"], cols["status"], "Done")  # on a computed phase row
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    seen = {(u["id"], u["column"], u["reason"]) for u in unused}
    assert ("base.kickoff", "status", "not one of the list's values") in seen
    assert ("base.uat", "actual_start", "not a date (write YYYY-MM-DD)") in seen
    assert ("base.cutover", "actual_finish", "finish before start") in seen
    assert any(u["id"] == "realize" and u["column"] == "status" for u in unused)
    _, cols, rows = _task_rows(target)
    from generator.carry.read import read_workbook

    again = read_workbook(_plan(target), "plan").sheet("plan.tasks")
    assert again is not None
    by_id = {row.key: row.values for row in again.rows}
    assert by_id["base.kickoff"]["actual_start"] == date(2026, 3, 2)
    assert "Halfway" in str(by_id["base.kickoff"]["notes"])
    assert "UAT notes" in str(by_id["base.uat"]["notes"])
    assert "2026/13/45" in str(by_id["base.uat"]["notes"])
    assert "2026-05-01" in str(by_id["base.cutover"]["notes"])
    assert by_id["base.cutover"]["actual_start"] == date(2026, 5, 4)
    # the next build finds nothing new to complain about, and the notes do not grow
    code, out = run("build", str(target), "--json")
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    assert [u for u in unused if u["sheet"] == "plan.tasks"] == []
    third = read_workbook(_plan(target), "plan").sheet("plan.tasks")
    assert third is not None
    assert {r.key: r.values.get("notes") for r in third.rows} == {
        r.key: r.values.get("notes") for r in again.rows
    }


def test_sorted_rows_inserted_and_hidden_columns_renamed_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    book = load_workbook(_plan(target))
    ws = book[sheet.title]  # type: ignore[attr-defined]
    ws.cell(rows["base.uat"], cols["status"], "Done")
    ws.cell(rows["base.uat"], cols["pct"], 1)
    ws.cell(rows["base.kickoff"], cols["notes"], "kick-off held")
    a, b = rows["base.uat"], rows["base.kickoff"]  # sorted: the two rows trade places
    for column in range(1, ws.max_column + 1):
        first, second = ws.cell(a, column), ws.cell(b, column)
        first.value, second.value = second.value, first.value
    ws.row_dimensions[a].hidden = True  # filtered out of view
    ws.insert_cols(3)  # a column of the consultant's own
    ws.column_dimensions["H"].hidden = True
    old_title = ws.title
    ws.title = "My plan"
    for defined in book.defined_names.values():  # Excel and LibreOffice follow a rename
        defined.attr_text = defined.attr_text.replace(f"'{old_title}'!", "'My plan'!")
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    from generator.carry.read import read_workbook

    again = read_workbook(_plan(target), "plan").sheet("plan.tasks")
    assert again is not None
    by_id = {row.key: row.values for row in again.rows}
    assert by_id["base.uat"]["status"] == "done"
    assert by_id["base.uat"]["pct"] == 1
    assert by_id["base.kickoff"]["notes"] == "kick-off held"


# --- remembering how the kit was made --------------------------------------------------------


def _own_pack(folder: Path, version: str, extra_task: bool) -> Path:
    pack = folder / "acme-mfg"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text(
        "pack:\n  id: acme-mfg\n  name: ACME manufacturing\n"
        f"  version: {version}\n  extends: manufacturing\n",
        encoding="utf-8",
    )
    tasks = (
        "tasks:\n  - id: acme.andon-boards\n    name: Andon boards\n    phase: realize\n"
        "    duration: 5\n    owner: technical-consultant\n"
    )
    if extra_task:
        tasks += (
            "  - id: acme.kanban-cards\n    name: Kanban cards\n    phase: realize\n"
            "    duration: 2\n    owner: technical-consultant\n"
        )
    (pack / "tasks.yaml").write_text(tasks, encoding="utf-8")
    return pack


def test_own_pack_is_remembered_and_a_new_version_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = tmp_path / "packs"
    _own_pack(packs, "1.0.0", extra_task=False)
    monkeypatch.setenv("IMPLKIT_PACKS_DIR", str(packs))
    target = tmp_path / "kit"
    code, out = run("new", "acme-mfg", "--out", str(target), "--start", "2026-03-02")
    assert code == 0, out
    text = (target / "project.yaml").read_text(encoding="utf-8")
    assert 'pack_dir: "../packs/acme-mfg"' in text
    monkeypatch.delenv("IMPLKIT_PACKS_DIR")
    _own_pack(packs, "1.1.0", extra_task=True)
    # a new pack version is applied when the consultant says so
    refused = CliRunner().invoke(cli, ["build", str(target)])
    assert refused.exit_code == 2
    assert "is now 1.1.0; this kit was built with 1.0.0" in refused.output
    assert "--pack-update --dry-run" in refused.output
    code, out = run("build", str(target), "--pack-update", "--json")  # project.yaml knows
    assert code == 0, out
    changes = json.loads(out[out.index("{") :])["carry"]["pack_changes"]
    assert changes["old_version"] == "1.0.0" and changes["new_version"] == "1.1.0"
    assert changes["sections"]["tasks"]["added"] == ["acme.kanban-cards"]
    code, out = run("build", str(target))
    assert code == 0 and "1.0.0" not in out  # reported once


def test_docx_template_is_remembered(tmp_path: Path) -> None:
    from docx import Document

    template = tmp_path / "corporate.docx"
    Document().save(str(template))
    target = new_kit(tmp_path, "--docx-template", str(template))
    assert 'docx_template: "../corporate.docx"' in (target / "project.yaml").read_text(
        encoding="utf-8"
    )
    code, out = run("build", str(target))
    assert code == 0, out
    template.unlink()
    result = CliRunner().invoke(cli, ["build", str(target)])
    assert result.exit_code == 2
    assert "docx_template" in result.output and "Traceback" not in result.output


def test_read_progress_is_the_plan_sheet_view_of_the_same_reader(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from generator.progress import read_progress, with_progress
    from tests.sample_kit import sample_kit

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    book = load_workbook(_plan(target))
    ws = book[sheet.title]  # type: ignore[attr-defined]
    ws.cell(rows["base.kickoff"], cols["status"], "已完成")
    ws.cell(rows["base.kickoff"], cols["actual_start"], "2026年3月2日")
    book.save(_plan(target))
    (entry,) = read_progress(_plan(target))
    assert (entry.task_id, entry.status, entry.actual_start) == (
        "base.kickoff",
        "Done",
        date(2026, 3, 2),
    )
    kit = sample_kit("zh")
    moved = with_progress(kit, [entry])
    assert [p.status for p in moved.progress + moved.removed] == ["已完成"]


def test_project_changes_are_not_pack_changes_and_a_task_taken_out_stays_out(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    book = load_workbook(_plan(target))
    ws = book[sheet.title]  # type: ignore[attr-defined]
    row = max(rows.values()) + 1
    for key, value in {
        "id": "project.hmi-screens",
        "name": "HMI screens",
        "duration": 2,
        "status": "In progress",
    }.items():
        ws.cell(row, cols[key], value)
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    assert "project.hmi-screens" in text
    answers.write_text(
        text.replace("tasks:\n", "tasks:\n  - id: base.uat\n    override: true\n    duration: 9\n"),
        encoding="utf-8",
    )
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])
    assert data["carry"]["pack_changes"] is None  # the project's own override
    lines = answers.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: project.hmi-screens")
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines)
    )
    answers.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])
    assert data["carry"]["lifted"] == []
    assert "project.hmi-screens" in {item["id"] for item in data["removed_tasks"]}
    assert "project.hmi-screens" not in answers.read_text(encoding="utf-8")


def test_generated_defaults_follow_the_answers_and_the_teams_values_stay(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    target = new_kit(tmp_path)
    budget = read_workbook(_plan(target), "plan").sheet("plan.budget")
    assert budget is not None
    rows = {row.key: row.number for row in budget.rows if row.key}
    book = load_workbook(_plan(target))
    ws = book[budget.title]
    ws.cell(rows["solution-architect"], budget.columns["rate"] + 1, 3333)  # the team's rate
    book.save(_plan(target))
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    assert "day_rates: {}" in text
    answers.write_text(
        text.replace(
            "day_rates: {}", "day_rates:\n  project-manager: 4321\n  solution-architect: 100"
        ),
        encoding="utf-8",
    )
    code, out = run("build", str(target))
    assert code == 0, out
    again = read_workbook(_plan(target), "plan").sheet("plan.budget")
    assert again is not None
    rates = {row.key: row.values.get("rate") for row in again.rows}
    assert rates["project-manager"] == 4321  # the new answer, not the old generated rate
    assert rates["solution-architect"] == 3333  # the team's own value wins


def test_every_packs_dir_option_reads_implkit_packs_dir() -> None:
    import click

    def commands(group: click.Command, path: str = "") -> list[tuple[str, click.Command]]:
        found = [(path, group)]
        if isinstance(group, click.Group):
            for name, sub in group.commands.items():
                found += commands(sub, f"{path} {name}".strip())
        return found

    checked = 0
    for name, command in commands(cli):
        for param in command.params:
            if isinstance(param, click.Option) and "--packs-dir" in param.opts:
                assert param.envvar == "IMPLKIT_PACKS_DIR", name
                checked += 1
    assert checked >= 8  # new, build, plan, migration, curriculum, charter, export, packs ...


def test_a_note_on_a_phase_row_is_carried(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    book = load_workbook(_plan(target))
    book[sheet.title].cell(rows["realize"], cols["notes"], "realize starts late")  # type: ignore[attr-defined]
    book.save(_plan(target))
    code, out = run("build", str(target))
    assert code == 0, out
    again = read_workbook(_plan(target), "plan").sheet("plan.tasks")
    assert again is not None
    assert {r.key: r.values.get("notes") for r in again.rows}["realize"] == "realize starts late"


def test_a_damaged_workbook_stops_the_build_and_nothing_is_written(tmp_path: Path) -> None:
    target = new_kit(tmp_path)
    checklist = target / "migration" / "data-migration-checklist.xlsx"
    checklist.write_bytes(b"not a workbook")
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["build", str(target)])
    assert result.exit_code == 2
    assert "data-migration-checklist.xlsx" in result.output
    assert ".implkit/backups/" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_copied_rows_are_added_or_reported_never_dropped(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    target = new_kit(tmp_path)
    read = read_workbook(_plan(target), "plan")
    risks, gates = read.sheet("plan.risks"), read.sheet("plan.gates")
    assert risks is not None and gates is not None
    book = load_workbook(_plan(target))
    for sheet, notes in ((risks, "a copied risk"), (gates, "a copied gate")):
        ws = book[sheet.title]
        source = sheet.rows[0].number
        below = max(row.number for row in sheet.rows) + 1
        for column in range(1, ws.max_column + 1):
            ws.cell(below, column, ws.cell(source, column).value)
        ws.cell(below, sheet.columns["notes"] + 1, notes)
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    data = json.loads(out[out.index("{") :])["carry"]
    again = read_workbook(_plan(target), "plan").sheet("plan.risks")
    assert again is not None
    assert "a copied risk" in [row.values.get("notes") for row in again.rows]
    reported = [u for u in data["unused"] if u["sheet"] == "plan.gates"]
    assert [
        (u["value"], u["reason"], u["kept_in"]) for u in reported if u["column"] == "notes"
    ] == [("a copied gate", "the id is already used by another row", "report")]


PHASED = ("--sites", "5", "--strategy", "phased", "--users", "2000")


@pytest.mark.parametrize(
    ("lang", "extra"),
    [("en", ()), ("zh", ()), ("en", PHASED), ("zh", PHASED)],
    ids=["en", "zh", "en-phased", "zh-phased"],
)
def test_an_untouched_kit_carries_nothing_and_keeps_its_bytes(
    tmp_path: Path, lang: str, extra: tuple[str, ...]
) -> None:
    """Generated ids (wave copies ``<task>@w2`` too) are ids: nothing reported, same bytes."""
    target = new_kit(tmp_path, "--lang", lang, *extra)
    before = {p: p.read_bytes() for p in target.rglob("*.xlsx")}
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    carry = json.loads(out[out.index("{") :])["carry"]
    assert {kind: info["cells"] for kind, info in carry["workbooks"].items()} == {
        "plan": 0,
        "migration": 0,
        "training-matrix": 0,
    }
    assert carry["unused"] == [] and carry["lifted"] == []
    assert {p: p.read_bytes() for p in target.rglob("*.xlsx")} == before
    assert not (target / ".implkit" / "backups").exists()


def test_values_typed_where_no_row_can_take_them_are_reported(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = new_kit(tmp_path)
    sheet, cols, rows = _task_rows(target)
    from generator.carry.read import read_workbook

    gates = read_workbook(_plan(target), "plan").sheet("plan.gates")
    assert gates is not None
    book = load_workbook(_plan(target))
    ws = book[sheet.title]  # type: ignore[attr-defined]
    ws.cell(max(rows.values()) + 1, cols["notes"], "a note without a task")
    wg = book[gates.title]
    wg.cell(max(r.number for r in gates.rows) + 2, gates.columns["notes"] + 1, "a stray note")
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    seen = {(u["sheet"], u["value"], u["reason"]) for u in unused}
    assert ("plan.tasks", "a note without a task", "a new task needs a name (or an id)") in seen
    assert ("plan.gates", "a stray note", "rows cannot be added on this sheet") in seen


def test_a_value_typed_over_a_formula_is_reported_a_formula_result_is_not(tmp_path: Path) -> None:
    """An added risk whose rating was typed over the formula: the typed text is reported
    (the formula is written again); the next added risk keeps the formula, whose stored
    result is the workbook's arithmetic and no entry of the team's."""
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    target = new_kit(tmp_path)
    risks = read_workbook(_plan(target), "plan").sheet("plan.risks")
    assert risks is not None
    last = max(r.number for r in risks.rows if r.key)
    book = load_workbook(_plan(target))
    ws = book[risks.title]
    for offset, risk in ((1, "R-typed"), (2, "R-kept")):
        for column, value in (("id", risk), ("risk", f"{risk} risk"), ("owner", "PM")):
            ws.cell(last + offset, risks.columns[column] + 1, value)
        ws.cell(last + offset, risks.columns["status"] + 1, "Open")
    rating = ws.cell(last + 1, risks.columns["rating"] + 1)
    assert str(rating.value).startswith("=")  # the slot below the risks holds the formula
    rating.value = "Low"
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    assert [(u["id"], u["column"], u["value"]) for u in unused if u["sheet"] == "plan.risks"] == [
        ("R-typed", "rating", "Low")
    ]
    again = read_workbook(_plan(target), "plan").sheet("plan.risks")
    assert again is not None
    kept = {r.key: r for r in again.rows}
    assert {"R-typed", "R-kept"} <= set(kept)
    assert "rating" in kept["R-kept"].formulas and "rating" in kept["R-typed"].formulas


def test_a_value_typed_over_a_generated_rows_formula_is_reported(tmp_path: Path) -> None:
    """A pack risk's score typed over its formula (20 instead of likelihood x impact): the
    build writes the formula again and names the typed value, never silently."""
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    target = new_kit(tmp_path)
    risks = read_workbook(_plan(target), "plan").sheet("plan.risks")
    assert risks is not None
    first = next(r for r in risks.rows if r.key)
    book = load_workbook(_plan(target))
    book[risks.title].cell(first.number, risks.columns["score"] + 1, 20)
    book.save(_plan(target))
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    assert [(u["id"], u["column"], u["value"]) for u in unused] == [(first.key, "score", "20")]
    again = read_workbook(_plan(target), "plan").sheet("plan.risks")
    assert again is not None
    assert "score" in next(r for r in again.rows if r.key == first.key).formulas


# --- findings of a fresh user (items 2, 3, 4, 6, 18): entries stay where they were -------


def _sheets(target: Path, kind: str) -> dict[str, object]:
    from generator.carry import WORKBOOKS
    from generator.carry.read import read_workbook

    read = read_workbook(target / WORKBOOKS[kind], kind)
    return {sheet.instance: sheet for sheet in read.sheets}


def _first_task_row(sheet: object) -> object | None:
    """The first keyed row a consultant fills (a task row, not a phase row, on the Plan)."""
    for row in sheet.rows:  # type: ignore[attr-defined]
        kind = str(row.values.get("type") or "").lower()
        if row.key and kind not in ("phase", "阶段"):
            return row
    return None


def test_entries_stay_in_place_with_their_types(tmp_path: Path) -> None:
    """Pre-numbered rows stay keyed, a datetime stays a datetime, every declared date column
    keeps a real date, an object added on the Overview and a value mapping are carried."""
    from datetime import datetime

    from openpyxl import load_workbook

    from generator.carry import WORKBOOKS

    target = new_kit(tmp_path)
    typed: dict[tuple[str, str, str, str], object] = {}  # (kind, sheet, row key, column)
    for kind in ("plan", "migration", "training-matrix"):
        path = target / WORKBOOKS[kind]
        book = load_workbook(path)
        for instance, sheet in _sheets(target, kind).items():
            ws = book[sheet.title]  # type: ignore[attr-defined]
            row = _first_task_row(sheet)
            if row is None:
                continue
            for column in sheet.spec.consultant_columns:  # type: ignore[attr-defined]
                if column.type == "date" and column.key in sheet.columns:  # type: ignore[attr-defined]
                    day = date(2026, 5, 4)
                    ws.cell(row.number, sheet.columns[column.key] + 1, day)  # type: ignore[attr-defined]
                    typed[(kind, instance, row.key, column.key)] = day  # type: ignore[attr-defined]
        if kind == "plan":
            changes = _sheets(target, kind)["plan.changes"]
            ws = book[changes.title]  # type: ignore[attr-defined]
            text = next(
                c.key
                for c in changes.spec.consultant_columns  # type: ignore[attr-defined]
                if c.type in ("text", "long-text")
            )
            for row in changes.rows[:2]:  # type: ignore[attr-defined]
                assert row.key in ("CR-001", "CR-002")
                ws.cell(row.number, changes.columns[text] + 1, f"change {row.key}")  # type: ignore[attr-defined]
                typed[(kind, "plan.changes", row.key, text)] = f"change {row.key}"
        if kind == "migration":
            sheets = _sheets(target, kind)
            cutover, overview = sheets["migration.cutover"], sheets["migration.overview"]
            step = cutover.rows[0]  # type: ignore[attr-defined]
            when = datetime(2027, 7, 20, 8, 0)
            ws = book[cutover.title]  # type: ignore[attr-defined]
            ws.cell(step.number, cutover.columns["actual_start"] + 1, when)  # type: ignore[attr-defined]
            typed[(kind, "migration.cutover", step.key, "actual_start")] = when
            ws = book[overview.title]  # type: ignore[attr-defined]
            below = overview.rows[-1].number + 1  # type: ignore[attr-defined]
            ws.cell(below, overview.columns["id"] + 1, "acme.tooling")  # type: ignore[attr-defined]
            ws.cell(below, overview.columns["notes"] + 1, "added by consultant")  # type: ignore[attr-defined]
            fields = next(s for i, s in sheets.items() if i.startswith("migration.fields:"))
            ws = book[fields.title]  # type: ignore[attr-defined]
            field = fields.rows[0]  # type: ignore[attr-defined]
            ws.cell(field.number, fields.columns["mapping"] + 1, "HQ01 -> 1000")  # type: ignore[attr-defined]
            typed[(kind, fields.instance, field.key, "mapping")] = "HQ01 -> 1000"  # type: ignore[attr-defined]
        book.save(path)
    assert any(k[3] == "actual_start" for k in typed) and len(typed) > 8
    numbers = {
        (kind, instance): {row.key: row.number for row in sheet.rows}  # type: ignore[attr-defined]
        for kind in ("plan", "migration", "training-matrix")
        for instance, sheet in _sheets(target, kind).items()
    }
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    assert json.loads(out[out.index("{") :])["carry"]["unused"] == []
    for kind in ("plan", "migration", "training-matrix"):
        book = load_workbook(target / WORKBOOKS[kind])
        sheets = _sheets(target, kind)
        for (k, instance, key, column), value in typed.items():
            if k != kind:
                continue
            sheet = sheets[instance]
            rows = [row for row in sheet.rows if row.key == key]  # type: ignore[attr-defined]
            assert len(rows) == 1, (instance, key)  # one row per id, never a second CR-001
            assert rows[0].number == numbers[(kind, instance)][key], (instance, key)
            cell = book[sheet.title].cell(rows[0].number, sheet.columns[column] + 1)  # type: ignore[attr-defined]
            if isinstance(value, datetime):
                assert cell.value == value and "hh:mm" in cell.number_format
            elif isinstance(value, date):
                assert cell.value == datetime.combine(value, datetime.min.time()), (
                    instance,
                    column,
                )
                assert cell.number_format == "yyyy-mm-dd", (instance, column)
            else:
                assert cell.value == value, (instance, key, column)
        if kind == "migration":
            overview = sheets["migration.overview"]
            added = [row for row in overview.rows if row.key == "acme.tooling"]  # type: ignore[attr-defined]
            assert [row.values.get("notes") for row in added] == ["added by consultant"]


def test_shrinking_the_scope_keeps_only_rows_with_entries(tmp_path: Path) -> None:
    """Systems [ERP, MES] -> [ERP]: the MES rows nobody touched go; one holding an entry
    stays, as an added row marked in its notes, and is reported."""
    from openpyxl import load_workbook

    from generator.carry import WORKBOOKS

    target = new_kit(tmp_path, "--systems", "ERP,MES")
    fresh = new_kit(tmp_path, "--systems", "ERP", name="fresh")
    sheets = _sheets(target, "migration")
    cutover = sheets["migration.cutover"]
    fresh_steps = {row.key for row in _sheets(fresh, "migration")["migration.cutover"].rows}  # type: ignore[attr-defined]
    dropped = [row for row in cutover.rows if row.key and row.key not in fresh_steps]  # type: ignore[attr-defined]
    assert dropped, "the MES kit has MES cutover steps"
    path = target / WORKBOOKS["migration"]
    book = load_workbook(path)
    book[cutover.title].cell(dropped[0].number, cutover.columns["notes"] + 1, "MES step done")  # type: ignore[attr-defined]
    book.save(path)
    answers = target / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    assert 'systems: ["ERP", "MES"]' in text
    answers.write_text(text.replace('systems: ["ERP", "MES"]', 'systems: ["ERP"]'), "utf-8")
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    carry = json.loads(out[out.index("{") :])["carry"]
    after = _sheets(target, "migration")["migration.cutover"]
    keys = [row.key for row in after.rows if row.key]  # type: ignore[attr-defined]
    assert set(keys) - fresh_steps == {dropped[0].key}
    kept = next(row for row in after.rows if row.key == dropped[0].key)  # type: ignore[attr-defined]
    assert "MES step done" in str(kept.values.get("notes"))
    assert [
        (u["id"], u["reason"], u["kept_in"])
        for u in carry["unused"]
        if u["sheet"] == "migration.cutover"
    ] == [(dropped[0].key, "the row is no longer generated", "added")]
    for kind in ("training-matrix",):  # sessions nobody touched: no added rows at all
        sheets = carry["workbooks"][kind]["sheets"]
        assert sum(s["added"] for s in sheets.values()) == 0
        assert carry["workbooks"][kind]["cells"] == 0


def test_typing_over_a_generated_column_is_reported_never_silent(tmp_path: Path) -> None:
    """Table-driven over the declarations: a text typed over a generated cell of every sheet
    is named in the report (sheet, row, id, column); an untouched kit reports nothing."""
    from openpyxl import load_workbook

    from generator.carry import WORKBOOKS
    from generator.carry.apply import EDITED

    target = new_kit(tmp_path)
    typed: set[tuple[str, str, str]] = set()
    for kind in ("plan", "migration", "training-matrix"):
        path = target / WORKBOOKS[kind]
        book = load_workbook(path)
        for instance, sheet in _sheets(target, kind).items():
            spec = sheet.spec  # type: ignore[attr-defined]
            column = next(
                (
                    c.key
                    for c in spec.columns
                    if c.owner == "generated"
                    and not c.formula
                    and c.type in ("text", "long-text")
                    and c.key not in (spec.key_column, "type", "business")
                    and c.key in sheet.columns  # type: ignore[attr-defined]
                ),
                None,
            )
            row = _first_task_row(sheet)
            if column is None or row is None:
                continue
            cell = book[sheet.title].cell(row.number, sheet.columns[column] + 1)  # type: ignore[attr-defined]
            cell.value = "typed over"
            typed.add((instance, row.key, column))  # type: ignore[attr-defined]
        book.save(path)
    assert {"plan.stakeholders", "migration.cutover"} <= {i.split(":")[0] for i, _, _ in typed}
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    unused = json.loads(out[out.index("{") :])["carry"]["unused"]
    reported = {(u["sheet"], u["id"], u["column"]) for u in unused if u["reason"] == EDITED}
    assert reported == typed
    assert all(u["value"] == "typed over" for u in unused if u["reason"] == EDITED)


def test_an_unchanged_pack_mapping_is_a_default_a_changed_one_is_carried(tmp_path: Path) -> None:
    """Value mapping is the consultant's column: the pack text is not frozen as an entry."""
    from openpyxl import load_workbook

    from generator.carry import WORKBOOKS

    target = new_kit(tmp_path)
    sheets = _sheets(target, "migration")
    fields = [s for i, s in sheets.items() if i.startswith("migration.fields:")]
    prefilled = [(s, r) for s in fields for r in s.rows if r.values.get("mapping")]  # type: ignore[attr-defined]
    assert prefilled, "the pack fills some value mappings"
    sheet, row = prefilled[0]
    path = target / WORKBOOKS["migration"]
    book = load_workbook(path)
    book[sheet.title].cell(row.number, sheet.columns["mapping"] + 1, "HQ01 -> 1000")  # type: ignore[attr-defined]
    book.save(path)
    code, out = run("build", str(target), "--json")
    assert code == 0, out
    carry = json.loads(out[out.index("{") :])["carry"]
    counts = carry["workbooks"]["migration"]["sheets"]
    assert sum(c["cells"] for c in counts.values()) == 1  # only the changed mapping
    again = _sheets(target, "migration")[sheet.instance]  # type: ignore[attr-defined]
    assert {r.key: r.values.get("mapping") for r in again.rows}[row.key] == "HQ01 -> 1000"  # type: ignore[attr-defined]

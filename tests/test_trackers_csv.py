"""Jira and Azure Boards CSV: parsed back, hierarchy rebuilt and compared with the Kit."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from generator.kit_model import Kit, Phase, Task
from generator.render.ado_csv import LEVELS, PROCESSES, Process, ado_files, render_ado_process
from generator.render.trackers_csv import (
    GUARD,
    JIRA_MAX_ROWS,
    TITLE_MAX,
    csv_bytes,
    jira_files,
    neutralise,
    render_ado,
    render_jira,
    visible,
)
from generator.render.workbook.cells import is_risky_text
from tests.office import soffice_convert
from tests.sample_kit import sample_kit


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV needs a BOM so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_jira_epics_then_children_with_parent_ids(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    (path,) = render_jira(kit, tmp_path / "jira.csv")
    header, *rows = _rows(path.read_bytes())
    assert header[:4] == ["Issue Id", "Parent", "Issue Type", "Summary"]
    seen: set[str] = set()
    epics: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    types = [dict(zip(header, row))["Issue Type"] for row in rows]
    assert types == sorted(types, key=lambda t: t != "Epic"), "all epics before their tasks"
    for row in rows:
        record = dict(zip(header, row))
        if record["Parent"]:
            assert record["Parent"] in seen, "parents must come before children"
            children.setdefault(epics[record["Parent"]], []).append(record["Summary"])
        else:
            assert record["Issue Type"] == "Epic"
            epics[record["Issue Id"]] = record["Summary"]
        seen.add(record["Issue Id"])
    assert list(epics.values()) == [p.name for p in kit.phases]
    for phase in kit.phases:
        expected = [neutralise(kit.task(t).name) for t in phase.task_ids]
        assert children[phase.name] == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_formula_guard_leaves_the_visible_text_unchanged(lang: str) -> None:
    kit = sample_kit(lang)
    header, *rows = _rows(jira_files(kit)[0])
    summaries = [dict(zip(header, row))["Summary"] for row in rows]
    risky = kit.task("s.inject").name  # '=HYPERLINK("http://evil")'
    assert risky.startswith("=")
    cell = next(s for s in summaries if visible(s) == risky)
    assert cell == GUARD + risky and not is_risky_text(cell)
    text = jira_files(kit)[0].decode("utf-8-sig")
    assert "'=" not in text and "'-" not in text, "no apostrophe leaks into the tracker"
    for row in rows:
        for value in row:
            for part in re.split(r"[;,\t\r\n]", value):  # every place a cell could start
                assert not is_risky_text(part), value
            assert visible(value) == value.replace(GUARD, "")
    assert neutralise("-1+2") == GUARD + "-1+2" and visible(neutralise("@SUM")) == "@SUM"
    assert neutralise("plain") == "plain" and neutralise("计划") == "计划"
    # the guard is a Unicode default-ignorable format character (drawn as nothing)
    assert unicodedata.category(GUARD) == "Cf"


def test_spreadsheet_reads_guarded_cells_as_text(tmp_path: Path) -> None:
    """LibreOffice opens the CSV: the guarded cell is text; the same cell unguarded is a formula."""
    from openpyxl import load_workbook

    guarded = tmp_path / "guarded.csv"
    guarded.write_bytes(csv_bytes(("Summary",), [["=1+1"], ["plain"]]))
    raw = tmp_path / "raw.csv"
    raw.write_bytes(b"\xef\xbb\xbfSummary\r\n=1+1\r\nplain\r\n")
    out_guarded, out_raw = _csv_to_xlsx([guarded, raw], tmp_path / "out")
    cell = load_workbook(out_guarded).active["A2"]
    assert cell.data_type == "s" and visible(str(cell.value)) == "=1+1"
    assert load_workbook(out_raw).active["A2"].data_type == "f", "control: raw text is a formula"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_titles_cut_at_a_word_with_the_full_text_in_the_description(lang: str) -> None:
    kit = sample_kit(lang)
    long = {
        "en": "Reconcile " + " ".join(f"ledger{n}" for n in range(60)),
        "zh": "核对" + "总账科目余额与子分类账" * 40,
    }[lang]
    assert len(long) > TITLE_MAX
    tasks = tuple(replace(t, name=long) if t.id == "s.config" else t for t in kit.tasks)
    kit = replace(kit, tasks=tasks)
    header, *rows = _rows(jira_files(kit)[0])
    record = next(dict(zip(header, r)) for r in rows if r[3].startswith(long[:20]))
    summary = record["Summary"]
    assert len(summary) <= TITLE_MAX and summary.endswith("…")
    assert long.startswith(summary[:-1].rstrip())
    if lang == "en":
        assert long[len(summary[:-1].rstrip())] == " ", "cut at a word break"
    assert record["Description"].split("\n")[0] == long
    for process in PROCESSES:
        ado_header, *ado = _rows(ado_files(kit, process)[0])
        titles = [c for r in ado for k, c in zip(ado_header, r) if k.startswith("Title") and c]
        assert all(len(t) <= TITLE_MAX for t in titles)
        assert any(t.endswith("…") for t in titles)


def test_jira_estimate_is_effort_in_seconds() -> None:
    kit = sample_kit("en")
    header, *rows = _rows(jira_files(kit)[0])
    by_name = {visible(dict(zip(header, r))["Summary"]): dict(zip(header, r)) for r in rows}
    checked = 0
    for task in kit.tasks:
        estimate = by_name[visible(neutralise(task.name))]["Original Estimate"]
        if task.effort_days:
            assert int(estimate) == round(task.effort_days * 8 * 3600), task.id
            checked += task.effort_days != task.duration
        else:
            assert estimate == ""
    assert checked, "some task's effort differs from its duration"


def test_a_semicolon_spreadsheet_reads_every_part_as_text(tmp_path: Path) -> None:
    """A German or French Excel splits a comma CSV at ';': `Review;=1+2` must not give the
    cell `=1+2` (LibreOffice opening the file with ';' as the separator)."""
    from openpyxl import load_workbook

    texts = ["Review;=1+2", "a;  +cmd|' /C calc'!A0", "x\n@SUM(1)", "plain; text"]
    guarded = tmp_path / "semi.csv"
    guarded.write_bytes(csv_bytes(("Summary",), [[t] for t in texts]))
    raw = tmp_path / "semi-raw.csv"
    raw.write_bytes(b"\xef\xbb\xbfSummary\r\nReview;=1+2\r\n")
    out, out_raw = _csv_to_xlsx([guarded, raw], tmp_path / "out", separator=59)
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value]
    assert cells and all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]
    assert "Review" in [visible(str(c.value)) for c in cells]
    assert load_workbook(out_raw).active["B2"].data_type == "f", "control: unguarded is a formula"


def _csv_to_xlsx(files: list[Path], outdir: Path, separator: int = 44) -> list[Path]:
    """LibreOffice opens UTF-8 CSVs as a user would (``separator``: a character code, the
    comma by default; double quote) and saves .xlsx."""
    # separator, text delimiter ", UTF-8
    return soffice_convert(files, "xlsx", outdir, infilter=f"CSV:{separator},34,76")


def _big_kit(tasks_per_phase: int) -> Kit:
    kit = sample_kit("en")
    template = kit.tasks[1]
    tasks: list[Task] = []
    phases: list[Phase] = []
    for phase in kit.phases:
        ids = []
        for n in range(tasks_per_phase):
            tid = f"{phase.id}.t{n}"
            ids.append(tid)
            tasks.append(
                replace(
                    template,
                    id=tid,
                    name=f"{phase.name} task {n}",
                    phase=phase.id,
                    predecessors=(),
                    finish=template.start + timedelta(days=1),
                )
            )
        phases.append(replace(phase, task_ids=tuple(ids)))
    return replace(kit, tasks=tuple(tasks), phases=tuple(phases))


def test_jira_splits_at_1500_rows_keeping_parents_with_children() -> None:
    kit = _big_kit(600)  # 4 phases x 601 rows = 2404 rows
    files = jira_files(kit)
    assert len(files) == 2
    total = 0
    for data in files:
        _header, *rows = _rows(data)
        assert len(rows) <= JIRA_MAX_ROWS
        total += len(rows)
        ids = {r[0] for r in rows}
        for row in rows:
            if row[1]:
                assert row[1] in ids, "a Parent must be in the same file"
    assert total == 4 * 601


def test_jira_phase_longer_than_a_file_stays_whole_with_parent_not_epic_link() -> None:
    """A phase is never cut (its tasks would lose their Parent); no Epic Name/Link."""
    kit = _big_kit(1600)
    files = jira_files(kit)
    assert len(files) == 4, "each 1,601-row phase is a file of its own"
    for data in files:
        header, *rows = _rows(data)
        assert "Epic Name" not in header and "Epic Link" not in header
        ids = {r[0] for r in rows}
        parents = {dict(zip(header, r))["Parent"] for r in rows} - {""}
        assert len(parents) == 1 and parents <= ids, "every task's Parent is in its file"
    assert sum(len(_rows(f)) - 1 for f in files) == 4 * 1601


@pytest.mark.parametrize("process", PROCESSES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ado_hierarchy_per_process(lang: str, process: Process, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    (path,) = render_ado_process(kit, tmp_path / "ado.csv", process=process)
    header, *rows = _rows(path.read_bytes())
    levels = LEVELS[process]
    titles = [k for k in header if k.startswith("Title ")]
    assert header[:2] == ["ID", "Work Item Type"]
    assert len(titles) == (3 if levels.project else 2)
    tree: dict[str, list[str]] = {}
    current = ""
    for row in rows:
        record = dict(zip(header, row))
        assert record["ID"] == ""
        depth = next(n for n, k in enumerate(titles) if record[k])
        kind = record["Work Item Type"]
        expected = [t for t in (levels.project, levels.phase, levels.task) if t]
        assert kind == expected[depth]
        if kind == levels.project:
            assert record["Title 1"] == kit.project.name
        elif kind == levels.phase:
            current = record[titles[depth]]
            tree[current] = []
        else:
            tree[current].append(visible(record[titles[depth]]))
            assert record["Description"].startswith("<p>")
            assert kit.pack.id in record["Tags"].split("; ")
            assert record["Start Date"] == ""  # backlog items have no start/target date
    assert "Feature" not in {dict(zip(header, r))["Work Item Type"] for r in rows} or (
        process != "basic"
    )
    assert list(tree) == [p.name for p in kit.phases]
    for phase in kit.phases:
        assert tree[phase.name] == [kit.task(t).name for t in phase.task_ids]
    efforts = [dict(zip(header, r))[levels.effort] for r in rows]
    assert any(efforts)


@pytest.mark.parametrize("process", ["agile", "basic"])
def test_ado_splits_at_1000_items_keeping_phases_whole(process: Process) -> None:
    kit = _big_kit(300)  # 4 phases x 301 items (+ the project epic)
    files = ado_files(kit, process)
    assert len(files) == 2
    levels = LEVELS[process]
    total = 0
    for data in files:
        header, *rows = _rows(data)
        assert len(rows) <= 1000
        kinds = [dict(zip(header, r))["Work Item Type"] for r in rows]
        if levels.project:
            assert kinds[0] == levels.project and kinds.count(levels.project) == 1
        phases = kinds.count(levels.phase)
        assert phases and kinds.count(levels.task) == 300 * phases, "a phase stays whole"
        total += len(rows) - (1 if levels.project else 0)
    assert total == 4 * 301
    # one phase longer than a file: its row is repeated at the top of the next file
    files = ado_files(_big_kit(1200), process)
    header, *rows = _rows(files[1])
    kinds = [dict(zip(header, r))["Work Item Type"] for r in rows]
    lead = [k for k in (levels.project, levels.phase) if k]
    assert kinds[: len(lead)] == lead
    assert all(len(_rows(f)) - 1 <= 1000 for f in files)


def test_html_description_is_escaped(tmp_path: Path) -> None:
    kit = sample_kit("en")
    tasks = tuple(replace(t, description="<script>x</script>") for t in kit.tasks)
    (path,) = render_ado(replace(kit, tasks=tasks), tmp_path / "ado.csv")
    assert path.name == "ado.csv"
    text = path.read_bytes().decode("utf-8-sig")
    assert "<script>" not in text and "&lt;script&gt;" in text


@pytest.mark.parametrize(
    ("lang", "critical", "gate"), [("en", "critical-path", "gate"), ("zh", "关键路径", "质量关口")]
)
def test_labels_and_tags_in_the_kit_language(lang: str, critical: str, gate: str) -> None:
    kit = sample_kit(lang)
    header, *rows = _rows(jira_files(kit)[0])
    labels = {v for r in rows for k, v in zip(header, r) if k == "Labels" and v}
    assert critical in labels and gate in labels
    assert not any(" " in label for label in labels), "Jira labels cannot hold spaces"
    ado_header, *ado = _rows(ado_files(kit, "agile")[0])
    tags = {t for r in ado for t in dict(zip(ado_header, r))["Tags"].split("; ") if t}
    assert critical in tags and gate in tags
    if lang == "zh":
        assert not labels & {"critical-path", "gate", "milestone"}

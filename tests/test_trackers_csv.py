"""Jira and Azure Boards CSV: parsed back, hierarchy rebuilt and compared with the Kit."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from generator.kit_model import Kit, Phase, Task
from generator.render.trackers_csv import (
    JIRA_MAX_ROWS,
    jira_files,
    neutralise,
    render_ado,
    render_jira,
)
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


def test_formula_cells_are_neutralised() -> None:
    kit = sample_kit("en")
    data = jira_files(kit)[0].decode("utf-8-sig")
    assert "'=HYPERLINK" in data
    assert not any(line.startswith("=") for line in data.splitlines())
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("plain") == "plain"


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


def test_jira_phase_longer_than_a_file_links_epic_by_name() -> None:
    kit = _big_kit(1600)
    files = jira_files(kit)
    header, *rows = _rows(files[1])
    record = dict(zip(header, rows[0]))
    assert record["Parent"] == ""
    assert record["Epic Link"] == kit.phases[0].name
    assert sum(len(_rows(f)) - 1 for f in files) == 4 * 1601


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ado_hierarchy_through_title_columns(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    (path,) = render_ado(kit, tmp_path / "ado.csv")
    header, *rows = _rows(path.read_bytes())
    assert header[:5] == ["ID", "Work Item Type", "Title 1", "Title 2", "Title 3"]
    tree: dict[str, list[str]] = {}
    current_feature = ""
    types = []
    for row in rows:
        record = dict(zip(header, row))
        types.append(record["Work Item Type"])
        if record["Title 1"]:
            assert record["Work Item Type"] == "Epic"
            assert record["Title 1"] == kit.project.name
        elif record["Title 2"]:
            assert record["Work Item Type"] == "Feature"
            current_feature = record["Title 2"]
            tree[current_feature] = []
        else:
            assert record["Work Item Type"] == "Task"
            tree[current_feature].append(record["Title 3"])
            assert record["Description"].startswith("<p>")
            assert kit.pack.id in record["Tags"].split("; ")
    assert types[0] == "Epic"
    assert list(tree) == [p.name for p in kit.phases]
    for phase in kit.phases:
        assert tree[phase.name] == [neutralise(kit.task(t).name) for t in phase.task_ids]


def test_html_description_is_escaped(tmp_path: Path) -> None:
    kit = sample_kit("en")
    tasks = tuple(replace(t, description="<script>x</script>") for t in kit.tasks)
    (path,) = render_ado(replace(kit, tasks=tasks), tmp_path / "ado.csv")
    text = path.read_bytes().decode("utf-8-sig")
    assert "<script>" not in text and "&lt;script&gt;" in text

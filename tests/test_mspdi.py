"""MS Project XML: read back with MPXJ and compared value by value with the Kit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.render.mspdi import NS, render_mspdi
from tests.mpxj_reader import read_mspdi
from tests.sample_kit import sample_kit


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mpxj_reads_back_every_task_date_and_link(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    path = tmp_path / f"plan-{lang}.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)

    assert project.title == kit.project.name
    read = {t.name: t for t in project.tasks if not t.summary}
    assert len(read) == len(kit.tasks)
    for task in kit.tasks:
        got = read[task.name]
        assert got.milestone == task.milestone, task.id
        assert got.finish == task.finish, task.id
        if not task.milestone:
            assert got.start == task.start, task.id
            assert got.duration_days == task.duration, task.id
        assert got.outline_level == 2
        expected = {
            (kit.task(link.predecessor).name, link.type, float(link.lag))
            for link in task.predecessors
        }
        assert set(got.predecessors) == expected, task.id

    summaries = [t for t in project.tasks if t.summary]
    assert [t.name for t in summaries] == [p.name for p in kit.phases]
    for phase, got in zip(kit.phases, summaries):
        assert (got.start, got.finish) == (phase.start, phase.finish)


def test_calendar_exceptions_match_holidays_and_make_up_days(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    path = tmp_path / "cal.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)
    expected = {(d.day, False) for d in kit.calendar.holidays} | {
        (d.day, True) for d in kit.calendar.workdays
    }
    assert set(project.exceptions) == expected


def test_roles_become_resources_with_effort_assignments(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "res.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)
    assert set(project.resources) == {r.name for r in kit.roles}
    expected = sum(1 for t in kit.tasks if not t.milestone for _, days in t.effort if days > 0)
    assert project.assignments == expected


def test_xml_shape_namespace_lag_units_and_freeze_constraint(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "shape.xml"
    render_mspdi(kit, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{NS}}}Project"
    ns = {"p": NS}
    by_name = {t.findtext("p:Name", namespaces=ns): t for t in root.iterfind("p:Tasks/p:Task", ns)}
    ss_task = by_name[kit.task("s.inject").name]
    link = ss_task.find("p:PredecessorLink", ns)
    assert link is not None
    assert link.findtext("p:Type", namespaces=ns) == "3"  # start-to-start
    assert link.findtext("p:LinkLag", namespaces=ns) == "4800"  # 1 day in tenths of minutes
    assert kit.freeze is not None
    dev = by_name[kit.task(kit.freeze.development_task).name]
    assert dev.findtext("p:ConstraintType", namespaces=ns) == "4"
    config = by_name[kit.task("s.config").name]
    assert config.findtext("p:Duration", namespaces=ns) == "PT160H0M0S"


def test_same_kit_same_bytes(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    render_mspdi(kit, tmp_path / "a.xml")
    render_mspdi(kit, tmp_path / "b.xml")
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()

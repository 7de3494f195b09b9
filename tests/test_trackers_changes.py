"""The import's change list, worked out on a real kit's Plan sheet as read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.carry.read import read_workbook
from generator.errors import InputError
from generator.kit_model import TrackerLink
from generator.trackers.changes import KitRows, apply_plan, kit_rows, new_task_id, plan_import
from generator.trackers.model import TrackerFile, TrackerItem
from tests import kits


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kit") / "acme"
    return kits.pristine_api(target, "base", client="Acme", start="2026-03-02")


def _rows(kit_dir: Path) -> KitRows:
    from generator.project import load_project
    from generator.trackers.identity import project_uid_of

    book = read_workbook(kit_dir / "plan" / "project-plan.xlsx", "plan")
    sheet = book.sheet("plan.tasks")
    assert sheet is not None
    return kit_rows(sheet, project_uid_of(load_project(kit_dir / "project.yaml")))


def _file(*items: TrackerItem, fmt: str = "ado", project: str = "") -> TrackerFile:
    return TrackerFile(Path("q.csv"), fmt, list(items), project=project)  # type: ignore[arg-type]


def test_states_dates_and_percent_become_plan_entries(kit_dir: Path) -> None:
    rows = _rows(kit_dir)
    done = TrackerItem(
        "11", 3, "Kickoff", kit_id="base.kickoff", status="done", percent=1.0,
        actual_start=date(2026, 3, 2), actual_finish=date(2026, 3, 3),
    )  # fmt: skip
    active = TrackerItem(
        "12", 4, "Charter", kit_id="base.project-charter", status="in-progress", percent=0.4,
        actual_start=date(2026, 3, 4),
    )  # fmt: skip
    plan = plan_import([_file(done, active)], rows, (), {}, add_new=False, removable=None)
    got = {(c.item, c.column): (c.old, c.new, c.source) for c in plan.changes}
    assert got[("base.kickoff", "status")] == (None, "done", "q.csv:3")
    assert got[("base.kickoff", "actual_finish")][1] == date(2026, 3, 3)
    assert got[("base.project-charter", "pct")][1] == 0.4
    assert got[("base.project-charter", "status")][1] == "in-progress"
    assert all(c.sheet == "Plan" and c.row == rows.tasks[c.item][0].number for c in plan.changes)
    assert {(k.tool, k.kit_id, k.tracker_id) for k in plan.links} == {
        ("ado", "base.kickoff", "11"),
        ("ado", "base.project-charter", "12"),
    }
    # applied to the rows as read, the same import changes nothing more
    apply_plan(plan, rows)
    again = plan_import([_file(done, active)], rows, (), {}, add_new=False, removable=None)
    assert again.changes == [] and again.unchanged == 2


def test_tracker_state_clears_what_contradicts_it_and_keeps_blocked(kit_dir: Path) -> None:
    rows = _rows(kit_dir)
    row, _phase = rows.tasks["base.kickoff"]
    row.values.update({"status": "done", "pct": 1.0, "actual_finish": date(2026, 3, 3)})
    charter, _ = rows.tasks["base.project-charter"]
    charter.values.update({"status": "blocked"})
    reopened = TrackerItem("11", 2, "Kickoff", kit_id="base.kickoff", status="in-progress")
    open_ = TrackerItem("12", 3, "Charter", kit_id="base.project-charter", status="in-progress")
    plan = plan_import([_file(reopened, open_)], rows, (), {}, add_new=False, removable=None)
    got = {(c.item, c.column): (c.old, c.new) for c in plan.changes}
    assert got[("base.kickoff", "status")] == ("done", "in-progress")
    assert got[("base.kickoff", "pct")] == (1.0, None)  # 100 % would mean finished
    assert got[("base.kickoff", "actual_finish")] == (date(2026, 3, 3), None)
    assert ("base.project-charter", "status") not in got  # Blocked is the finer word


def test_matching_by_the_id_map_when_the_tag_is_gone(kit_dir: Path) -> None:
    rows = _rows(kit_dir)
    untagged = TrackerItem("12", 2, "Charter (renamed)", status="done")
    links = (TrackerLink("ado", "base.project-charter", "12"),)
    plan = plan_import([_file(untagged)], rows, links, {}, add_new=False, removable=None)
    assert {c.item for c in plan.changes} == {"base.project-charter"}


def test_new_items_under_a_phase_are_added_with_add_new_and_sub_items_are_not(
    kit_dir: Path,
) -> None:
    rows = _rows(kit_dir)
    phase = TrackerItem("20", 2, "Realize", kit_id="realize", summary=False)
    task = TrackerItem("21", 3, "Build", kit_id="base.kickoff", status="not-started")
    new = TrackerItem("30", 4, "Label printers", parent="20", status="in-progress", work_left=16.0)
    sub = TrackerItem("31", 5, "Book the room", parent="21", status="done")
    orphan = TrackerItem("32", 6, "Loose item", status="not-started")
    items = [phase, task, new, sub, orphan]
    plan = plan_import([_file(*items)], rows, (), {}, add_new=False, removable=None)
    assert [(n.tracker_id, n.phase, n.added) for n in plan.new_items] == [
        ("30", "realize", False),
        ("32", "", False),
    ]
    assert plan.sub_items == [("q.csv:5", "Book the room", "base.kickoff")]
    plan = plan_import([_file(*items)], rows, (), {}, add_new=True, removable=None)
    (added,) = plan.added
    assert added.task_id == new_task_id("ado", "30") == "project.ado-30"
    assert added.duration == 2.0  # 16 h of work
    assert ("ado", "project.ado-30", "30") in {(k.tool, k.kit_id, k.tracker_id) for k in plan.links}
    apply_plan(plan, rows)
    inserted = next(r for r in rows.sheet.rows if r.key == "project.ado-30")
    assert (
        inserted.values["name"] == "Label printers" and inserted.values["status"] == "in-progress"
    )
    position = rows.sheet.rows.index(inserted)
    above = [r for r in rows.sheet.rows[:position] if str(r.values.get("type")) == "Phase"]
    assert above[-1].key == "realize", "added below its parent's phase"


def test_deleted_from_ms_project_becomes_cancelled(kit_dir: Path) -> None:
    rows = _rows(kit_dir)
    kept = [
        TrackerItem(str(n), n, "t", kit_id=task_id, status="not-started")
        for n, task_id in enumerate(rows.tasks, start=1)
        if task_id != "base.risk-assessment"
    ]
    removable = set(rows.tasks)
    plan = plan_import(
        [_file(*kept, fmt="mspdi")], rows, (), {}, add_new=False, removable=removable
    )
    cancelled = [
        (c.item, c.new) for c in plan.changes if c.column == "status" and c.new == "cancelled"
    ]
    assert cancelled == [("base.risk-assessment", "cancelled")]
    # a task the kit's previous build did not have (added to the pack since) is left alone
    plan = plan_import(
        [_file(*kept, fmt="mspdi")], rows, (), {}, add_new=False,
        removable=removable - {"base.risk-assessment"},
    )  # fmt: skip
    assert not [c for c in plan.changes if c.new == "cancelled"]


def test_a_file_of_another_project_is_refused(kit_dir: Path) -> None:
    rows = _rows(kit_dir)
    stranger = TrackerItem("1", 2, "Someone else's task", status="done")
    with pytest.raises(InputError, match="no item of this file is a task of this kit"):
        plan_import([_file(stranger)], rows, (), {}, add_new=False, removable=None)
    other_kit = TrackerItem("2", 2, "Phase", kit_id="prepare", tags=("ik-kit:0123456789ab",))
    with pytest.raises(InputError, match="belongs to another kit"):
        plan_import([_file(other_kit)], rows, (), {}, add_new=False, removable=None)
    ok = TrackerItem("3", 2, "Kickoff", kit_id="base.kickoff", status="done")
    meta = {"ado": {"project": "Fabrikam"}}
    with pytest.raises(InputError, match="tracker project 'Contoso'"):
        plan_import([_file(ok, project="Contoso")], rows, (), meta, add_new=False, removable=None)

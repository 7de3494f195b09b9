"""A task the planner deleted in MS Project stays deleted there: the import marks its link
deleted, the MSPDI export leaves it out while the kit keeps it Cancelled, and brings it
back under its old UID once the team reactivates it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import cli
from generator.errors import InputError
from generator.kit_model import Kit, TaskProgress, TrackerIds, TrackerLink
from generator.kit_model.tracking import DELETED
from generator.render.mspdi import left_out, render_mspdi, task_uids
from generator.trackers import idmap
from generator.trackers.deleted import record_deleted
from generator.trackers.model import TrackerFile, TrackerItem
from tests.mpxj_reader import subset_schema
from tests.sample_kit import sample_kit
from tests.test_tracker_import import _ev_kit, _type_cell
from tests.tracker_sim import msproject_edit


def _valid(path: Path) -> list[str]:
    return [str(e.reason) for e in subset_schema().iter_errors(str(path))]


def _uids(path: Path) -> dict[str, int]:
    """Task name -> UID as MPXJ reads the file."""
    from tests.mpxj_reader import read_mspdi

    return {task.name: task.uid for task in read_mspdi(path).tasks}


def _delete_d(project: Any, by_kit: dict[str, Any], jpype: Any) -> None:
    project.removeTask(by_kit["evx.d"])  # the planner deletes Task D in MS Project


@pytest.mark.mpxj
@pytest.mark.slow
def test_a_task_deleted_in_ms_project_stays_deleted_and_comes_back_under_its_old_uid(
    tmp_path: Path,
) -> None:
    from tests.mpxj_reader import _require, read_mspdi

    _require()
    kit, packs = _ev_kit(tmp_path)
    built = kit / "exports" / "project-plan.mspdi.xml"
    before = _uids(built)
    saved = tmp_path / "from-ms-project.xml"
    msproject_edit(built, saved, _delete_d)
    assert "Task D" not in _uids(saved)

    notes: list[str] = []
    result = api.import_files(
        kit, [saved], as_of="2026-03-12", packs_dir=packs, notice=notes.append
    )
    assert any("1 task deleted in MS Project left out" in n and "evx.d" in n for n in notes)
    assert [(c.item, c.column, c.new) for c in result.changes] == [("evx.d", "status", "cancelled")]
    items = json.loads((kit / ".implkit" / "trackers.json").read_text(encoding="utf-8"))
    entry = items["mspdi"]["items"]["evx.d"]
    assert entry["id"] == str(before["Task D"]) and entry["alt"]
    assert (entry["state"], entry["status"]) == ("deleted", "cancelled")
    assert "state" not in items["mspdi"]["items"]["evx.b"]  # tasks still there: no mark

    # the export leaves it out; every other task keeps its UID; the file still validates
    second = tmp_path / "second.xml"
    out = api.export(kit, "mspdi", output=second, packs_dir=packs)
    assert out.left_out == ["evx.d"] and out.as_dict()["left_out"] == ["evx.d"]
    after = _uids(second)
    assert after == {name: uid for name, uid in before.items() if name != "Task D"}
    assert not _valid(second)
    go_live = next(t for t in read_mspdi(second).tasks if t.name == "Go-live")
    assert all(name != "Task D" for name, _type, _lag in go_live.predecessors)
    assert _uids(built) == after  # the import's rebuild wrote the kit's own file so too
    printed = CliRunner().invoke(
        cli,
        [
            "export",
            str(kit),
            "--format",
            "mspdi",
            "-o",
            str(tmp_path / "cli.xml"),
            "--packs-dir",
            str(packs),
        ],
    )
    assert printed.exit_code == 0, printed.output
    assert "1 task deleted in MS Project left out" in printed.output and "evx.d" in printed.output

    # the same plan again: nothing to change, the mark stays
    again = api.import_files(kit, [saved], dry_run=True, as_of="2026-03-12", packs_dir=packs)
    assert again.changes == []

    # the team reactivates it in the kit: it comes back under its old UID
    _type_cell(kit, "evx.d", "Status", "Not started")
    third = tmp_path / "third.xml"
    back = api.export(kit, "mspdi", output=third, packs_dir=packs)
    assert back.left_out == []
    assert _uids(third) == before
    assert not _valid(third)
    # the planner's plan still lacks it (the export is not merged yet): the recorded
    # deletion is not applied a second time over the team's newer decision
    replay = api.import_files(kit, [saved], dry_run=True, as_of="2026-03-12", packs_dir=packs)
    assert [c for c in replay.changes if c.item == "evx.d"] == []


# --- the id map and the export, without MS Project --------------------------------------


def test_an_old_id_map_without_the_mark_still_loads_and_exports_every_task(tmp_path: Path) -> None:
    old = b'{"version": 1, "mspdi": {"meta": {"max_uid": "14"}, "items": {"s.fit": {"id": "3"}}}}'
    links, meta = idmap.parse(old, tmp_path / "trackers.json")
    assert links == (TrackerLink("mspdi", "s.fit", "3"),) and not links[0].deleted
    kit = replace(sample_kit("en"), trackers=idmap.as_ids(links, meta))
    assert left_out(kit) == []
    path = tmp_path / "plan.xml"
    render_mspdi(kit, path)
    assert path.read_bytes().count(b"<Task>") == len(kit.tasks) + len(kit.phases)
    assert idmap.dumps(links, meta) == idmap.dumps(*idmap.parse(idmap.dumps(links, meta), path))


def test_the_mark_survives_the_file_and_only_a_deleted_entry_may_lack_its_id(
    tmp_path: Path,
) -> None:
    links = (
        TrackerLink("mspdi", "s.fit", "3", "GUID-3", DELETED, "cancelled"),
        TrackerLink("mspdi", "s.proto", "", "GUID-4", DELETED, "cancelled"),
    )
    data = idmap.dumps(links, {"mspdi": {"max_uid": "14"}})
    assert idmap.parse(data, tmp_path / "trackers.json")[0] == links
    broken = b'{"version": 1, "mspdi": {"items": {"s.fit": {"alt": "GUID-3"}}}}'
    with pytest.raises(InputError, match="tracker id map is damaged"):
        idmap.parse(broken, tmp_path / "trackers.json")


def _cancelled(kit: Kit, task_id: str, *links: TrackerLink) -> Kit:
    return replace(
        kit,
        progress=(TaskProgress(task_id, "Cancelled", None, None, None),),
        trackers=TrackerIds(links, (("mspdi", "max_uid", "14"),)),
    )


def test_left_out_while_cancelled_other_uids_kept_and_no_new_task_takes_its_uid() -> None:
    kit = sample_kit("en")
    plain, _guids = task_uids(kit)
    linked = tuple(TrackerLink("mspdi", k, str(u)) for k, u in plain.items() if ":" not in k)
    dropped = "s.proto"
    marked = tuple(
        replace(link, state=DELETED, status="cancelled") if link.kit_id == dropped else link
        for link in linked
    )
    gone = _cancelled(kit, dropped, *marked)
    assert left_out(gone) == [dropped]
    uids, _ = task_uids(gone, left_out(gone))
    assert dropped not in uids
    assert {k: u for k, u in uids.items() if ":" not in k} == {
        k: u for k, u in plain.items() if ":" not in k and k != dropped
    }
    # reactivated (no longer Cancelled): written again under its old UID
    back = replace(gone, progress=())
    assert left_out(back) == [] and task_uids(back)[0][dropped] == plain[dropped]
    # a deleted task's UID above everything MS Project showed is still never reused
    high = replace(
        gone,
        trackers=TrackerIds(
            tuple(replace(k, tracker_id="40") if k.kit_id == dropped else k for k in marked),
            (("mspdi", "max_uid", "14"),),
        ),
    )
    fresh, _ = task_uids(high, left_out(high))
    assert all(uid > 40 for key, uid in fresh.items() if key.startswith("phase:"))


def test_a_uid_ms_project_gave_to_another_task_is_retired() -> None:
    deleted = TrackerLink("mspdi", "s.proto", "9", "GUID-9", DELETED, "cancelled")
    kept = {("mspdi", "s.proto"): deleted}
    newcomer = TrackerItem(tracker_id="9", row=5, title="Security review", kind="task")
    plan = TrackerFile(Path("plan.xml"), "mspdi", [newcomer])
    record_deleted(kept, plan, {}, [], {})
    assert kept[("mspdi", "s.proto")] == replace(deleted, tracker_id="")
    # reactivated, it takes a new UID above every one seen, with its own GUID
    kit = replace(
        sample_kit("en"), trackers=TrackerIds(tuple(kept.values()), (("mspdi", "max_uid", "20"),))
    )
    uids, guids = task_uids(kit)
    assert uids["s.proto"] > 20 and guids["s.proto"] == "GUID-9"
    assert len(set(uids.values())) == len(uids)

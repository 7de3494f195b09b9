"""A re-export never moves a tracker item back: after ``implkit import`` the next export
writes the tracker's own state ("Resolved", "In Review") for every item whose kit status
has not changed since, and only a change made in the kit since maps to a new state.
Azure Boards and Jira as their CSV import and export behave (tests/tracker_sim.py).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from generator import api
from generator.kit_model import TrackerLink
from generator.trackers import idmap
from generator.tracking.exports import kept_state
from tests import kits
from tests.test_tracker_import import START, _plan, _type_cell
from tests.tracker_sim import AzureBoards, JiraProject


def _column(data: bytes, key_header: str, key: str, header: str) -> str:
    head, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    (row,) = [r for r in rows if r[head.index(key_header)] == key]
    return row[head.index(header)]


def test_kept_state_only_while_the_kit_status_maps_to_it() -> None:
    link = TrackerLink("ado", "base.uat", "1234", "", "Resolved", "in-progress")
    assert kept_state(link, "active", "Active") == "Resolved"
    assert kept_state(link, "done", "Closed") == "Closed", "a kit change wins"
    assert kept_state(link, "open", "New") == "New"
    assert kept_state(None, "active", "Active") == "Active"
    assert kept_state(TrackerLink("ado", "x", "1"), "active", "Active") == "Active"


def test_the_id_map_keeps_the_state_and_reads_older_files(tmp_path: Path) -> None:
    links = (
        TrackerLink("ado", "base.uat", "1234", "", "Resolved", "in-progress"),
        TrackerLink("jira", "base.uat", "ERP-12", "10012", "In Review", "in-progress"),
        TrackerLink("mspdi", "base.uat", "17", "GUID"),
    )
    data = idmap.dumps(links, {"ado": {"process": "agile"}})
    assert json.loads(data)["ado"]["items"]["base.uat"] == {
        "id": "1234",
        "state": "Resolved",
        "status": "in-progress",
    }
    back, meta = idmap.parse(data, tmp_path / "trackers.json")
    assert set(back) == set(links) and meta["ado"] == {"process": "agile"}
    old = b'{"version": 1, "ado": {"meta": {}, "items": {"base.uat": {"id": "7"}}}}'
    (link,), _meta = idmap.parse(old, tmp_path / "trackers.json")
    assert (link.state, link.status) == ("", ""), "a file of an earlier version still reads"
    assert idmap.dumps((link,), {}) == idmap.dumps((TrackerLink("ado", "base.uat", "7"),), {})


@pytest.mark.slow
def test_azure_boards_resolved_stays_resolved_until_the_kit_changes(tmp_path: Path) -> None:
    kit = tmp_path / "acme"
    kits.pristine_api(kit, "base", client="Acme", start=START)
    board = AzureBoards("agile", "Fabrikam")
    (first,) = api.export(kit, "ado", output=tmp_path / "ado.csv").files
    board.import_csv(first.read_bytes())
    resolved = board.by_tag("ik:base.kickoff")
    active = board.by_tag("ik:base.project-charter")
    board.move(resolved.id, "Resolved", datetime(2026, 3, 5, 17))
    board.move(active.id, "Active", datetime(2026, 3, 5, 17))
    query = tmp_path / "query.csv"
    query.write_bytes(board.export_csv())
    api.import_files(kit, [query], as_of=date(2026, 3, 6))
    assert _plan(kit)["base.kickoff"]["status"] == "in-progress", "Resolved (Agile) maps to it"

    (again,) = api.export(kit, "ado", output=tmp_path / "ado-2.csv").files
    data = again.read_bytes()
    assert _column(data, "ID", str(resolved.id), "State") == "Resolved"
    assert _column(data, "ID", str(active.id), "State") == "Active"
    board.import_csv(data)
    assert board.items[resolved.id].state == "Resolved", "the re-import does not reopen it"

    _type_cell(kit, "base.kickoff", "Status", "Done")  # the consultant closes it in the kit
    api.rebuild_kit(kit)
    (third,) = api.export(kit, "ado", output=tmp_path / "ado-3.csv").files
    assert _column(third.read_bytes(), "ID", str(resolved.id), "State") == "Closed"
    board.import_csv(third.read_bytes())
    assert board.items[resolved.id].state == "Closed"
    assert board.items[active.id].state == "Active"


@pytest.mark.slow
def test_jira_in_review_stays_in_review_until_the_kit_changes(tmp_path: Path) -> None:
    kit = tmp_path / "acme"
    kits.pristine_api(kit, "base", client="Acme", start=START)
    jira = JiraProject("ERP")
    (first,) = api.export(kit, "jira", output=tmp_path / "jira.csv").files
    jira.import_csv(first.read_bytes(), datetime(2026, 3, 2, 9))
    review = jira.by_label("ik:base.kickoff")
    jira.transition(review.key, "In Review", datetime(2026, 3, 5, 17))
    export = tmp_path / "jira-export.csv"
    export.write_bytes(jira.export_csv())
    api.import_files(kit, [export], as_of=date(2026, 3, 6))
    assert _plan(kit)["base.kickoff"]["status"] == "in-progress", "In Review folds into it"

    (again,) = api.export(kit, "jira", output=tmp_path / "jira-2.csv").files
    assert _column(again.read_bytes(), "Issue key", review.key, "Status") == "In Review"
    (untouched,) = [i for i in jira.issues.values() if "ik:base.project-charter" in i.labels]
    assert _column(again.read_bytes(), "Issue key", untouched.key, "Status") == "To Do"

    _type_cell(kit, "base.kickoff", "Status", "Done")
    api.rebuild_kit(kit)
    (third,) = api.export(kit, "jira", output=tmp_path / "jira-3.csv").files
    assert _column(third.read_bytes(), "Issue key", review.key, "Status") == "Done"

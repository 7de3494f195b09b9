"""Renamed items (``replaces:``): validation, the rename table, composite keys, the pack diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.carry.packdiff import compare
from generator.packs.loader import inspect_pack, load_pack
from generator.packs.renames import Renames, pack_renames, rename_key
from tests.mini_packs import child_pack, write_mini, write_pack

RENAMED = """\
remove: [t.plan, m.material]
tasks:
  - id: t.planning
    replaces: [t.plan, t.plan-old]
    name: {en: Plan the project, zh: 制定计划}
    phase: prepare
    after: [t.kickoff]
    before: [t.build]
    duration: 2
    owner: pm
migration:
  - id: m.materials
    replaces: [m.material]
    name: {en: Materials, zh: 物料}
    kind: master
    source: {system: {en: legacy, zh: 原系统}, table: MARA}
    owner: dev
"""


def test_a_child_pack_renames_by_removing_and_replacing(tmp_path: Path) -> None:
    write_mini(tmp_path)
    folder = write_pack(tmp_path, "child", child_pack(RENAMED))
    pack = load_pack(folder, tmp_path)
    renames = pack_renames(pack)
    assert renames.by_section == {
        "tasks": {"t.plan": "t.planning", "t.plan-old": "t.planning"},
        "migration": {"m.material": "m.materials"},
    }
    assert renames.pairs()[0] == ("tasks", "t.plan", "t.planning")


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        (
            RENAMED.replace("remove: [t.plan, m.material]\n", "remove: [m.material]\n"),
            5,
            "replaces 't.plan', but task 't.plan' is still in the pack",
        ),
        (RENAMED.replace("[t.plan, t.plan-old]", "[t.planning]"), 5, "replaces its own id"),
        (
            RENAMED.replace("replaces: [m.material]", "replaces: [t.plan-old]").replace(
                "    replaces: [t.plan, t.plan-old]\n", "    replaces: [t.plan]\n"
            ),
            None,
            None,
        ),
        (
            RENAMED
            + "  - id: m.stock\n    replaces: [m.material]\n    name: {en: Stock, zh: 库存}\n"
            "    kind: balance\n    source: {system: {en: legacy, zh: 原系统}}\n    owner: dev\n",
            20,
            "'m.material' is already replaced by migration object 'm.materials'",
        ),
    ],
)
def test_replaces_names_ids_that_are_gone_each_claimed_once(
    tmp_path: Path, body: str, line: int | None, says: str | None
) -> None:
    write_mini(tmp_path)
    folder = write_pack(tmp_path, "child", child_pack(body))
    problems = inspect_pack(folder, tmp_path).problems
    if says is None:  # an old id may belong to another section: sections are apart
        assert problems == []
        return
    assert [(p.line, says in p.message) for p in problems] == [(line, True)], problems


@pytest.mark.parametrize(
    ("key", "new"),
    [
        ("t.plan", "t.planning"),
        ("t.plan@w2", "t.planning@w2"),
        ("c.old#aud@w3-12", "c.new#aud@w3-12"),
        ("c.keep#a.old-2", "c.keep#a.new-2"),
        ("c.old#a.old@w2-1/14", "c.new#a.new@w2-1/14"),
        ("realize:r.old", "realize:r.new"),
        ("t.plan-old", "t.planning"),
        ("t.planner", "t.planner"),
        ("", ""),
    ],
)
def test_rename_key_rewrites_every_part_of_a_composite_key(key: str, new: str) -> None:
    table = {
        "t.plan": "t.planning",
        "t.plan-old": "t.planning",
        "c.old": "c.new",
        "a.old": "a.new",
        "r.old": "r.new",
    }
    assert rename_key(key, table) == new


def test_pack_diff_reports_a_rename_not_a_removal_and_an_addition() -> None:
    old = {
        "pack": "p",
        "version": "1.0.0",
        "items": {"tasks": {"t.plan": "a", "t.keep": "b"}, "gates": {"g.old": "c"}},
    }
    new = {
        "pack": "p",
        "version": "1.1.0",
        "items": {
            "tasks": {"t.planning": "a", "t.keep": "b", "t.new": "d"},
            "gates": {"g.new": "c"},
        },
    }
    renames = Renames({"tasks": {"t.plan": "t.planning", "g.old": "g.new", "t.never": "t.x"}})
    diff = compare(old, new, renames)
    assert diff is not None
    assert diff["sections"]["tasks"] == {
        "added": ["t.new"],
        "changed": [],
        "removed": [],
        "renamed": [["t.plan", "t.planning"]],
    }
    assert diff["sections"]["gates"]["renamed"] == [["g.old", "g.new"]]
    plain = compare(old, new)
    assert plain is not None and "renamed" not in plain["sections"]["tasks"]
    assert plain["sections"]["tasks"]["removed"] == ["t.plan"]

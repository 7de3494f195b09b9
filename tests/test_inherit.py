"""Tests for pack inheritance: override, remove, placement, sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.packs.loader import load_pack
from generator.packs.model import LocalizedText
from tests.mini_packs import child_pack, write_mini, write_pack


def _child(tmp_path: Path, body: str) -> Path:
    write_mini(tmp_path)
    return write_pack(tmp_path, "child", child_pack(body))


def _refused(folder: Path) -> str:
    with pytest.raises(InputError) as info:
        load_pack(folder)
    return str(info.value)


def test_override_merges_field_by_field(tmp_path: Path) -> None:
    body = (
        "tasks:\n"
        "  - id: t.build\n"
        "    override: true\n"
        "    name: {zh: 系统构建}\n"
        "    effort: {dev: 8}\n"
        "    deliverables: [Code]\n"
    )
    pack = load_pack(_child(tmp_path, body))
    assert pack.chain == ("mini", "child")
    build = next(t for t in pack.tasks if t.item.id == "t.build")
    assert build.item.name == LocalizedText(en="Build the system", zh="系统构建")
    assert build.item.effort == {"dev": 8, "pm": 1}  # nested mapping merged
    assert build.item.deliverables == ["Code"]  # list replaced
    assert build.item.duration == 5  # untouched field kept
    assert build.source.pack == "child"
    assert build.source.file == "items.yaml"
    assert build.source.line == 3
    kickoff = pack.tasks[0]
    assert kickoff.source.pack == "mini"


def test_reused_id_without_override_is_refused(tmp_path: Path) -> None:
    message = _refused(_child(tmp_path, "roles:\n  - {id: dev, name: Coder}\n"))
    assert "items.yaml:3:" in message
    assert "add 'override: true'" in message
    assert "pick a new id" in message
    assert "mini/pack.yaml:" in message


def test_override_of_unknown_id_is_refused(tmp_path: Path) -> None:
    message = _refused(_child(tmp_path, "roles:\n  - {id: devs, override: true, name: X}\n"))
    assert "items.yaml:3:" in message
    assert "has no role 'devs'" in message
    assert "did you mean 'dev'" in message


def test_override_in_a_pack_without_parent(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, override: true, name: QA}\n")
    message = _refused(folder)
    assert "extends no pack" in message


def test_remove_bridges_task_links(tmp_path: Path) -> None:
    pack = load_pack(_child(tmp_path, "remove: [t.plan]\n"))
    ids = [t.item.id for t in pack.tasks]
    assert "t.plan" not in ids
    build = next(t for t in pack.tasks if t.item.id == "t.build")
    assert [d.id for d in build.item.after] == ["t.kickoff"]


def test_remove_then_dangling_role_names_the_remove_line(tmp_path: Path) -> None:
    message = _refused(_child(tmp_path, "remove:\n  - trainer\n  - dev\n"))
    assert "unknown role 'dev' (removed by 'remove:' in child/items.yaml:4)" in message
    assert "mini/tasks.yaml:" in message


def test_remove_unknown_id(tmp_path: Path) -> None:
    message = _refused(_child(tmp_path, "remove: [t.biuld]\n"))
    assert "items.yaml:2:" in message
    assert "no item 't.biuld' in pack 'mini' — did you mean 't.build'?" in message


def _task(task_id: str, phase: str, extra: str = "") -> str:
    return (
        f"  - {{id: {task_id}, name: {{en: N, zh: 名}}, phase: {phase}, duration: 1, "
        f"owner: pm{extra}}}\n"
    )


def test_new_tasks_are_placed_by_after_and_before(tmp_path: Path) -> None:
    body = (
        "tasks:\n"
        + _task("c.after-kickoff-1", "prepare", ", after: [t.kickoff]")
        + _task("c.after-kickoff-2", "prepare", ", after: [t.kickoff]")
        + _task("c.before-build", "build", ", before: [t.build]")
        + _task("c.end-of-prepare", "prepare")
        + _task("c.cross-phase", "build", ", after: [t.plan]")
    )
    pack = load_pack(_child(tmp_path, body))
    assert [t.item.id for t in pack.tasks] == [
        "t.kickoff",
        "c.after-kickoff-1",
        "c.after-kickoff-2",
        "t.plan",
        "c.end-of-prepare",
        "c.before-build",
        "t.build",
        "t.golive",
        "c.cross-phase",
    ]


def test_three_level_chain(tmp_path: Path) -> None:
    write_mini(tmp_path)
    write_pack(tmp_path, "child", child_pack(_task_list("c.one", "prepare")))
    leaf = write_pack(
        tmp_path,
        "grandchild",
        child_pack(
            "tasks:\n  - {id: c.one, override: true, duration: 4}\n",
            name="grandchild",
            extends="child",
        ),
    )
    pack = load_pack(leaf)
    assert pack.chain == ("mini", "child", "grandchild")
    one = next(t for t in pack.tasks if t.item.id == "c.one")
    assert one.item.duration == 4
    assert one.source.pack == "grandchild"


def _task_list(task_id: str, phase: str) -> str:
    return "tasks:\n" + _task(task_id, phase)


def test_child_of_builtin_base_resolves(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "retail", child_pack("", name="retail", extends="base"))
    pack = load_pack(folder)
    assert pack.chain == ("base", "retail")
    assert any(t.item.id == "base.kickoff" for t in pack.tasks)


def test_override_of_plain_text_keeps_the_other_language(tmp_path: Path) -> None:
    write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, name: Quality assurance}\n")
    folder = write_pack(
        tmp_path,
        "child",
        child_pack("roles:\n  - {id: qa, override: true, name: {zh: 质量保证}}\n"),
    )
    pack = load_pack(folder)
    qa = next(r for r in pack.roles if r.item.id == "qa")
    assert qa.item.name == LocalizedText(en="Quality assurance", zh="质量保证")


def test_folder_named_like_its_parent_is_a_loop(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "base", child_pack("", name="copy", extends="base"))
    message = _refused(folder)
    assert "cannot extend itself" in message
    assert "pack.yaml:6:" in message


def test_error_in_an_override_points_at_the_child(tmp_path: Path) -> None:
    message = _refused(
        _child(tmp_path, "tasks:\n  - id: t.build\n    override: true\n    duration: -1\n")
    )
    assert "child/items.yaml:5:15" in message
    assert "task 't.build': 'duration' must be at least 0" in message
    assert "mini/tasks.yaml" not in message


def test_new_task_in_an_empty_phase_goes_after_earlier_phases(tmp_path: Path) -> None:
    write_mini(tmp_path)
    body = (
        "phases:\n  - {id: middle, order: 2, name: {en: Middle, zh: 中间}}\n"
        "  - {id: build, override: true, order: 3}\n"
        "tasks:\n" + _task("c.mid", "middle")
    )
    pack = load_pack(write_pack(tmp_path, "child", child_pack(body)))
    ids = [t.item.id for t in pack.tasks]
    assert ids.index("c.mid") == ids.index("t.plan") + 1


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["pm", "t.plan", "t.build", "build", "prepare", "", "x y"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["en", "zh", "id", "lag", "dev"]), inner, max_size=3)
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(["name", "phase", "duration", "owner", "after", "before", "effort"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    override=st.dictionaries(_KEYS, _VALUES, max_size=4),
    new=st.dictionaries(_KEYS, _VALUES, max_size=5),
    remove=st.lists(
        st.sampled_from(["t.plan", "t.kickoff", "g.build", "dev", "nope"]), max_size=2, unique=True
    ),
)
def test_any_child_loads_or_is_refused_cleanly(
    tmp_path: Path, override: dict[str, object], new: dict[str, object], remove: list[str]
) -> None:
    import json

    root = tmp_path / "fuzz"
    write_mini(root)
    body = (
        f"remove: {json.dumps(remove)}\ntasks:\n"
        f"  - {json.dumps({'id': 't.build', 'override': True, **override})}\n"
        f"  - {json.dumps({'id': 'c.new', **new})}\n"
    )
    folder = write_pack(root, "child", child_pack(body))
    try:
        pack = load_pack(folder)
    except InputError as err:
        assert err.problems
        return
    ids = [t.item.id for t in pack.tasks]
    assert len(ids) == len(set(ids))
    assert not set(remove) & set(ids)

"""Tests for generator.packs.loader: every refusal names file and line and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.pack_checks import validate_paths
from generator.packs.loader import available_packs, builtin_packs, load_pack
from tests.mini_packs import MINI_MORE, MINI_PACK, MINI_TASKS, child_pack, write_mini, write_pack


def _problems(folder: Path, packs_dir: Path | None = None) -> list[str]:
    with pytest.raises(InputError) as info:
        load_pack(folder, packs_dir)
    return [str(p) for p in info.value.problems]


def _one(folder: Path, needle: str) -> str:
    messages = [m for m in _problems(folder) if needle in m]
    assert messages, f"no problem mentions {needle!r}: {_problems(folder)}"
    return messages[0]


def test_mini_pack_loads_with_sources(tmp_path: Path) -> None:
    pack = load_pack(write_mini(tmp_path))
    assert pack.meta.id == "mini"
    assert pack.chain == ("mini",)
    assert [t.item.id for t in pack.tasks] == ["t.kickoff", "t.plan", "t.build", "t.golive"]
    assert pack.tasks[1].source.file == "tasks.yaml"
    assert pack.tasks[1].source.line == 9
    assert pack.migration[1].item.fields[0].mandatory == "yes"
    assert pack.dirs == (tmp_path / "mini",)


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    folder = write_mini(
        tmp_path,
        extra_yaml="tasks:\n  - id: t.x\n    name: X\n    phase: build\n"
        "    duraton: 3\n    owner: pm\n",
    )
    message = _one(folder, "duraton")
    assert "extra.yaml:6:5" in message
    assert "unknown key 'duraton' — did you mean 'duration'?" in message


def test_unknown_section_did_you_mean(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="taskss:\n  - id: t.x\n")
    message = _one(folder, "taskss")
    assert "extra.yaml:2:1" in message
    assert "did you mean 'tasks'" in message


def test_duplicate_key_in_pack_file(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - id: qa\n    name: QA\n    name: Q\n")
    message = _one(folder, "twice")
    assert "extra.yaml:5:5" in message
    assert "lines 4 and 5" in message


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: pm, name: {en: Again, zh: 再次}}\n")
    message = _one(folder, "already used")
    assert "extra.yaml:3:" in message
    assert "pack.yaml:8" in message


def test_task_and_gate_share_ids(tmp_path: Path) -> None:
    folder = write_mini(
        tmp_path,
        extra_yaml="gates:\n  - {id: t.plan, name: G, phase: build}\n",
    )
    message = _one(folder, "already used")
    assert "tasks.yaml:9" in message


DANGLING = """\
tasks:
  - id: t.x
    name: {en: X, zh: 叉}
    phase: buld
    duration: 1
    owner: pmm
    effort: {devv: 1}
    after: [t.plann]
    before: [t.nope]
    raci: {responsible: [dev], accountable: pmo}
gates:
  - {id: g.x, name: G, phase: build, after: [t.biuld], signoff: [pmx]}
ceremonies:
  - {id: c.sync, name: Sync, chair: pmz, attendees: [dev, devz], from_phase: prepar}
risks:
  - {id: r.x, title: T, phase: build, likelihood: 1, impact: 1, owner: pmq, mitigation: M}
stakeholders:
  - {id: s.x, name: S, department: D, interest: 1, influence: 1, role: pmw}
migration:
  - {id: m.x, name: M, kind: master, source: {system: s}, owner: pme, depends_on: [m.orgg]}
cutover:
  - {id: cut.x, name: C, order: 1, owner: pm, backup_owner: devr}
courses:
  - id: c.x
    code: X
    title: X
    tier: basic
    audiences: [userz]
    mode: self-service
    prerequisites: [c.basik]
    modules: [{topic: T, minutes: 10}]
"""


@pytest.mark.parametrize(
    ("needle", "line", "hint"),
    [
        ("unknown phase 'buld'", 5, "build"),
        ("unknown role 'pmm'", 7, "pm"),
        ("unknown role 'devv'", 8, "dev"),
        ("unknown task or gate 't.plann'", 9, "t.plan"),
        ("unknown task or gate 't.nope'", 10, ""),
        ("unknown role 'pmo'", 11, "pm"),
        ("unknown task or gate 't.biuld'", 13, "t.build"),
        ("unknown role 'pmx'", 13, "pm"),
        ("unknown role 'pmz'", 15, "pm"),
        ("unknown role 'devz'", 15, "dev"),
        ("unknown phase 'prepar'", 15, "prepare"),
        ("unknown role 'pmq'", 17, "pm"),
        ("unknown role 'pmw'", 19, "pm"),
        ("unknown role 'pme'", 21, "pm"),
        ("unknown migration object 'm.orgg'", 21, "m.org"),
        ("unknown role 'devr'", 23, "dev"),
        ("unknown audience 'userz'", 29, "users"),
        ("unknown course 'c.basik'", 31, "c.basic"),
    ],
)
def test_dangling_references(tmp_path: Path, needle: str, line: int, hint: str) -> None:
    folder = write_mini(tmp_path, extra_yaml=DANGLING)
    message = _one(folder, needle)
    assert f"extra.yaml:{line}:" in message
    if hint:
        assert f"did you mean '{hint}'" in message
    else:
        assert "known ids: " in message


def test_all_problems_in_one_run_sorted(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml=DANGLING)
    problems = _problems(folder)
    assert len(problems) >= 18
    keys = [(p.split(":")[0], int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)


CYCLES = """\
tasks:
  - {id: a, name: A, phase: build, duration: 1, owner: pm, after: [c]}
  - {id: b, name: B, phase: build, duration: 1, owner: pm, after: [a], before: [c]}
  - {id: c, name: C, phase: build, duration: 1, owner: pm}
migration:
  - {id: m.a, name: A, kind: master, source: {system: s}, owner: pm, depends_on: [m.b]}
  - {id: m.b, name: B, kind: master, source: {system: s}, owner: pm, depends_on: [m.a]}
courses:
  - {id: k.a, code: A, title: A, tier: basic, audiences: [users], mode: self-service,
     prerequisites: [k.a], modules: [{topic: T, minutes: 10}]}
"""


def test_dependency_loops_are_printed(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml=CYCLES)
    problems = _problems(folder)
    loops = [p for p in problems if "dependency loop" in p]
    assert any("task order: a → b → c → a" in p for p in loops), loops
    assert any("m.a → m.b → m.a" in p for p in loops), loops
    assert any("k.a → k.a" in p for p in loops), loops
    assert all("extra.yaml:" in p for p in loops)


def test_task_loop_through_after_only(tmp_path: Path) -> None:
    body = (
        "tasks:\n"
        "  - {id: a, name: A, phase: build, duration: 1, owner: pm, after: [c]}\n"
        "  - {id: b, name: B, phase: build, duration: 1, owner: pm, after: [a]}\n"
        "  - {id: c, name: C, phase: build, duration: 1, owner: pm, after: [b]}\n"
    )
    message = _one(write_mini(tmp_path, extra_yaml=body), "dependency loop")
    assert "a → b → c → a" in message
    assert "extra.yaml:3:" in message


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("-2", "'duration' must be at least 0 working days; got -2"),
        ("three", "'duration' must be a number of working days"),
        ("1.3", "whole or half"),
    ],
)
def test_bad_durations(tmp_path: Path, value: str, needle: str) -> None:
    body = f"tasks:\n  - id: t.x\n    name: X\n    phase: build\n    duration: {value}\n    owner: pm\n"
    message = _one(write_mini(tmp_path, extra_yaml=body), needle)
    assert "extra.yaml:6:15" in message
    assert "task 't.x'" in message


def test_bad_date_is_refused(tmp_path: Path) -> None:
    body = "lessons:\n  - {id: l.x, title: 2026-02-30, pitfall: P, advice: A}\n"
    message = _one(write_mini(tmp_path, extra_yaml=body), "not a valid date")
    assert "extra.yaml:3:" in message


def test_date_where_text_is_expected(tmp_path: Path) -> None:
    body = "lessons:\n  - {id: l.x, title: 2026-02-03, pitfall: P, advice: A}\n"
    message = _one(write_mini(tmp_path, extra_yaml=body), "read as a date")
    assert "extra.yaml:3:" in message
    assert "quotes" in message


def test_unknown_when_key(tmp_path: Path) -> None:
    body = (
        "tasks:\n  - id: t.x\n    name: X\n    phase: build\n    duration: 1\n    owner: pm\n"
        "    when: {sytems: [MES]}\n"
    )
    message = _one(write_mini(tmp_path, extra_yaml=body), "sytems")
    assert "did you mean 'systems'" in message
    assert "extra.yaml:8:" in message


def test_unknown_and_duplicate_anchor(tmp_path: Path) -> None:
    body = (
        "tasks:\n"
        "  - {id: t.x, name: X, phase: build, duration: 1, owner: pm, anchor: go-lve}\n"
        "  - {id: t.y, name: Y, phase: build, duration: 1, owner: pm, anchor: kickoff}\n"
    )
    folder = write_mini(tmp_path, extra_yaml=body)
    message = _one(folder, "unknown anchor")
    assert "did you mean 'go-live'" in message
    assert "extra.yaml:3:" in message
    duplicate = _one(folder, "anchor 'kickoff' is already on")
    assert "extra.yaml:4" in duplicate
    assert "tasks.yaml:8" in duplicate


def test_wrong_literal_did_you_mean(tmp_path: Path) -> None:
    body = "migration:\n  - {id: m.x, name: M, kind: mastr, source: {system: s}, owner: pm}\n"
    message = _one(write_mini(tmp_path, extra_yaml=body), "'kind' must be one of")
    assert "did you mean 'master'" in message


def test_missing_field_says_what_to_add(tmp_path: Path) -> None:
    body = "tasks:\n  - id: t.x\n    name: X\n    phase: build\n    duration: 1\n"
    message = _one(write_mini(tmp_path, extra_yaml=body), "'owner' is missing")
    assert "add 'owner: a role id" in message
    assert "extra.yaml:3:" in message


def test_bad_text_mapping_language(tmp_path: Path) -> None:
    body = "roles:\n  - {id: qa, name: {en: QA, fr: Qualité}}\n"
    problems = [p for p in _problems(write_mini(tmp_path, extra_yaml=body)) if "extra.yaml" in p]
    assert len(problems) == 1
    assert "unknown key 'fr'" in problems[0]


def test_unknown_extends_lists_available(tmp_path: Path) -> None:
    write_mini(tmp_path)
    folder = write_pack(tmp_path, "child", child_pack("", extends="minni"))
    message = _one(folder, "unknown pack")
    assert "did you mean 'mini'" in message
    assert "available packs:" in message
    assert "pack.yaml:6:" in message


def test_extends_loop(tmp_path: Path) -> None:
    write_pack(tmp_path, "one", child_pack("", name="one", extends="two"))
    folder = write_pack(tmp_path, "two", child_pack("", name="two", extends="one"))
    message = _one(folder, "'extends' loop")
    assert "two → one → two" in message or "one → two → one" in message


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"a: \xff\n", "save the file as UTF-8"),
        (
            (
                "x: &a [1,1,1,1,1,1,1,1,1,1]\n"
                + "".join(
                    f"x{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 10)}]\n"
                    for i in range(7)
                )
            ).encode(),
            "expands to more than",
        ),
        (b"a: " + b"x" * (2 * 1024 * 1024 + 10) + b"\n", "larger than the limit of 2.0 MiB"),
    ],
)
def test_unsafe_files_are_refused(tmp_path: Path, content: bytes, needle: str) -> None:
    folder = write_mini(tmp_path)
    (folder / "bad.yaml").write_bytes(content)
    message = _one(folder, needle)
    assert "bad.yaml" in message


def test_no_pack_section(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "p", {"tasks.yaml": MINI_TASKS, "more.yaml": MINI_MORE})
    message = _one(folder, "no file has a 'pack:' section")
    assert str(Path("p")) in message


def test_two_pack_sections(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="pack:\n  id: again\n  name: A\n  version: 1.0.0\n")
    message = _one(folder, "a second 'pack:' section")
    assert "extra.yaml:2" in message
    assert "pack.yaml:2" in message


def test_pack_meta_errors(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path, "p", {"pack.yaml": MINI_PACK.replace("version: 1.0.0", "version: one")}
    )
    message = _one(folder, "version")
    assert "pack.yaml:5:" in message
    assert "1.0.0" in message


def test_unknown_pack_name_lists_available(tmp_path: Path) -> None:
    write_mini(tmp_path)
    with pytest.raises(InputError) as info:
        load_pack("minii", tmp_path)
    assert "did you mean 'mini'" in str(info.value)
    assert "mini" in str(info.value)


def test_available_packs_user_dir_and_builtin(tmp_path: Path) -> None:
    write_mini(tmp_path)
    (tmp_path / "not-a-pack").mkdir()
    packs = available_packs(tmp_path)
    assert packs["mini"] == tmp_path / "mini"
    assert "not-a-pack" not in packs
    assert set(builtin_packs()) <= set(packs)


def test_validate_paths_translations_warn_or_fail(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, name: Quality assurance}\n")
    report = validate_paths([folder], lang="zh")
    assert report.ok
    # (the mini pack's own migration source texts are English-only too since they became Text)
    warnings = [w for w in report.warnings if w.file.endswith("extra.yaml")]
    assert len(warnings) == 1
    assert "extra.yaml:3:" in str(warnings[0])
    assert "'name' has no zh text" in str(warnings[0])
    strict = validate_paths([folder], lang="zh", strict=True)
    assert not strict.ok
    assert validate_paths([folder], lang="en", strict=True).ok


@pytest.mark.parametrize("name", sorted(builtin_packs()))
def test_builtin_pack_validates(name: str) -> None:
    report = validate_paths([builtin_packs()[name]], strict=True)
    assert report.errors == [], "\n".join(str(p) for p in report.errors)
    assert report.packs and report.packs[0].meta.id == name


def test_unreadable_file_does_not_cause_false_dangling_references(tmp_path: Path) -> None:
    folder = write_mini(tmp_path)
    (folder / "tasks.yaml").write_text("tasks:\n  - id: t.kickoff\n\tphase: x\n", encoding="utf-8")
    problems = _problems(folder)
    assert len(problems) == 1
    assert "tasks.yaml:3:1" in problems[0]
    assert "never tabs" in problems[0]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(["pm", "t.plan", "build", "x y", "", "{en: a}", "2026-02-30"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["en", "zh", "id", "lag", "type", "fr"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    [
        "name",
        "phase",
        "duration",
        "owner",
        "after",
        "before",
        "effort",
        "raci",
        "when",
        "anchor",
        "milestone",
        "override",
        "deliverables",
        "duraton",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(item=st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_any_task_item_loads_or_is_refused_cleanly(tmp_path: Path, item: dict[str, object]) -> None:
    import json

    folder = write_mini(
        tmp_path / "fuzz", extra_yaml="tasks:\n  - " + json.dumps({"id": "t.f", **item}) + "\n"
    )
    try:
        load_pack(folder)
    except InputError as err:
        assert err.problems
        assert all(p.line > 0 or "extra.yaml" not in p.file for p in err.problems)

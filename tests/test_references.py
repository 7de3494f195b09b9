"""Tests for loop finding in dependency graphs."""

from __future__ import annotations

from generator.packs.references import find_cycles


def test_no_cycle() -> None:
    assert find_cycles({"a": ["b"], "b": ["c"], "c": []}) == []


def test_cycle_starts_at_smallest_id_and_is_reported_once() -> None:
    edges = {"c": ["a"], "a": ["b"], "b": ["c"], "x": ["a"]}
    assert find_cycles(edges) == [["a", "b", "c", "a"]]


def test_self_loop_and_two_loops() -> None:
    edges = {"a": ["a"], "m": ["n"], "n": ["m"]}
    assert find_cycles(edges) == [["a", "a"], ["m", "n", "m"]]


def test_long_chain_does_not_recurse() -> None:
    size = 20000
    edges = {f"t{i:05d}": [f"t{i + 1:05d}"] for i in range(size)}
    edges[f"t{size:05d}"] = ["t00000"]
    cycles = find_cycles(edges)
    assert len(cycles) == 1
    assert len(cycles[0]) == size + 2


# --- every id reference is checked, with file:line:col and the fix ---------------------

import types  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Any, Union, get_args, get_origin  # noqa: E402

import pytest  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from generator.packs.loader import inspect_pack  # noqa: E402
from generator.packs.model import ID_PATTERN, ITEM_SECTIONS, PackMeta  # noqa: E402
from generator.packs.references import REFERENCES  # noqa: E402
from tests.mini_packs import write_mini  # noqa: E402

# fields holding ids that name no other item: the item's own id, free tags, a shift's own id
# and the ids an item had before (replaces: they name no live item, by definition)
NOT_REFERENCES = {("*", ("id",)), ("*", ("replaces", "*")), ("tasks", ("tags", "*"))}
NOT_REFERENCES |= {("pack", ("extends",))}
NOT_REFERENCES |= {("pack", ("rollout", "shifts", "*", "id"))}


def _has_id_pattern(metadata: Any) -> bool:
    """True when pydantic metadata (a list, or a FieldInfo's) carries the id pattern."""
    for meta in metadata or ():
        if getattr(meta, "pattern", None) == ID_PATTERN:
            return True
        if _has_id_pattern(getattr(meta, "metadata", None)):
            return True
    return False


def _id_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Paths (``*`` list entries, ``{}`` mapping keys) of every field of ``model`` holding ids."""
    found: set[tuple[str, ...]] = set()

    def walk(annotation: Any, path: tuple[str, ...]) -> None:
        origin = get_origin(annotation)
        if origin is Annotated:
            base, *meta = get_args(annotation)
            if base is str and _has_id_pattern(meta):
                found.add(path)
            else:
                walk(base, path)
        elif origin in (Union, types.UnionType):
            for arg in get_args(annotation):
                walk(arg, path)
        elif origin is list:
            walk(get_args(annotation)[0], (*path, "*"))
        elif origin is dict:
            key, value = get_args(annotation)
            if get_origin(key) is Annotated and _has_id_pattern(get_args(key)[1:]):
                found.add((*path, "{}"))
            walk(value, (*path, "{}"))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.update(_id_paths(annotation, path))

    for name, info in model.model_fields.items():
        if info.annotation is str and _has_id_pattern(info.metadata):
            found.add((*prefix, name))
        else:
            walk(info.annotation, (*prefix, name))
    return found


def test_every_field_that_names_an_id_is_checked() -> None:
    declared = {(r.section, r.path) for r in REFERENCES}
    fields = {("pack", path) for path in _id_paths(PackMeta)}
    for section, model in ITEM_SECTIONS.items():
        fields |= {(section, path) for path in _id_paths(model)}
    fields = {
        (s, p) for s, p in fields if ("*", p) not in NOT_REFERENCES and (s, p) not in NOT_REFERENCES
    }
    assert fields - declared == set(), "add these to REFERENCES (or NOT_REFERENCES)"
    assert declared - fields == set(), "REFERENCES names fields the model does not have"


BROKEN = {
    "pack.yaml": (
        "rollout:\n"
        "    next_wave_after: {id: t.golvie, lag: 5}\n"
        "    shifts:\n"
        '      - {id: day, name: {en: Day, zh: 白班}, slots: [["09:00", "12:00"]]}\n'
    ),
    "refs.yaml": """\
roles:
  - {id: qa, name: {en: QA, zh: 质量}, competencies: {store-operations: 3, configuraton: 2}}
cutover:
  - {id: c.step, name: {en: Step, zh: 步骤}, order: 10, owner: pm, task: t.golve}
audiences:
  - {id: store-users, name: {en: Users, zh: 用户}, shifts: [nite]}
lessons:
  - id: l.one
    title: {en: One, zh: 一}
    pitfall: {en: P, zh: 坑}
    advice: {en: A, zh: 建议}
    provenance: [{project: Acme, date: "2026-01-05", phase: buld}]
""",
}


def _broken(tmp_path: Path) -> dict[str, str]:
    folder = write_mini(tmp_path, refs_yaml=BROKEN["refs.yaml"])
    meta = folder / "pack.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "  systems: [ERP]\n", "  systems: [ERP]\n  " + BROKEN["pack.yaml"]
        ),
        encoding="utf-8",
    )
    found = inspect_pack(folder)
    assert found.pack is None
    return {f"{p.file}:{p.line}:{p.col}": p.message for p in found.problems}


@pytest.mark.parametrize(
    ("where", "says"),
    [
        (
            "pack.yaml:8:27",
            "pack: rollout.next_wave_after.id: unknown task or gate 't.golvie' — did you mean 't.golive'?",
        ),
        (
            "refs.yaml:3:53",
            "role 'qa': unknown skill 'store-operations'; skills are: method, configuration, data-migration, integration, training-delivery, communication; a skill of your own is declared under skills:",
        ),
        (
            "refs.yaml:3:74",
            "role 'qa': unknown skill 'configuraton' — did you mean 'configuration'? Skills are: method,",
        ),
        (
            "refs.yaml:5:72",
            "cutover step 'c.step': unknown task or gate 't.golve' — did you mean 't.golive'?",
        ),
        (
            "refs.yaml:7:59",
            "audience 'store-users': unknown training shift 'nite'; the pack's training shifts are: day",
        ),
        ("refs.yaml:13:61", "lesson 'l.one': unknown phase 'buld' — did you mean 'build'?"),
    ],
)
def test_unknown_ids_are_errors_at_their_line_and_column_with_the_fix(
    tmp_path: Path, where: str, says: str
) -> None:
    problems = _broken(tmp_path)
    hits = [message for place, message in problems.items() if place.endswith(where)]
    assert hits and hits[0].startswith(says), problems


def test_a_shift_in_a_pack_without_shifts_says_where_shifts_are_declared(tmp_path: Path) -> None:
    folder = write_mini(
        tmp_path,
        aud_yaml="audiences:\n  - {id: store-users, name: {en: Users, zh: 用户}, shifts: [night]}\n",
    )
    [problem] = inspect_pack(folder).problems
    assert problem.line == 3 and "none (pack: rollout: shifts: lists them)" in problem.message


@pytest.mark.parametrize(
    ("slots", "col", "says"),
    [
        (
            '[["22:00", "01:30"]]',
            56,
            'ends (01:30) before it starts (22:00): a slot lies within one day. Write one that ends by midnight, e.g. ["22:00", "23:30"], or one that starts after it, e.g. ["00:00", "01:30"]',
        ),
        ('[["09:00", "09:00"]]', 56, "starts and ends at 09:00"),
        (
            '[["13:00", "17:00"], ["09:00", "12:00"]]',
            55,
            "slot 2 ['09:00', '12:00'] starts before slot 1 ['13:00', '17:00'] ends",
        ),
    ],
)
def test_shift_slots_lie_within_a_day_in_order(
    tmp_path: Path, slots: str, col: int, says: str
) -> None:
    folder = write_mini(tmp_path)
    meta = folder / "pack.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "  systems: [ERP]\n",
            "  systems: [ERP]\n  rollout:\n    shifts:\n"
            f"      - {{id: night, name: {{en: Night, zh: 夜班}}, slots: {slots}}}\n",
        ),
        encoding="utf-8",
    )
    [problem] = inspect_pack(folder).problems
    assert (problem.line, problem.col) == (9, col), problem
    assert says in problem.message


@pytest.mark.parametrize(
    ("extra", "line", "says"),
    [
        (
            "tasks:\n  - {id: t.x, name: X, phase: build, duration: 2, owner: pm, wave_duration: 1}\n",
            3,
            "wave_duration is the duration in the waves after the pilot, so it needs per_wave: true",
        ),
        (
            "skills:\n  - {id: method, name: {en: Method, zh: 方法}}\n",
            3,
            "'method' is one of the shared skills",
        ),
        (
            "skills:\n  - {id: s.scan, name: {en: Scanning, zh: 扫描}}\n"
            "roles:\n  - {id: scanner, name: {en: Scanner, zh: 扫描员}, competencies: {s.scan: 3, s.scna: 2}}\n",
            5,
            "unknown skill 's.scna' — did you mean 's.scan'? Skills are: method, configuration",
        ),
    ],
)
def test_rollout_and_skill_rules_are_errors_with_the_fix(
    tmp_path: Path, extra: str, line: int, says: str
) -> None:
    folder = write_mini(tmp_path, extra_yaml=extra)
    problems = inspect_pack(folder).problems
    assert [(p.line, says in p.message) for p in problems] == [(line, True)], problems


@pytest.mark.parametrize(
    ("rollout", "says"),
    [
        (
            "go_live_align: week-start, go_live_weekdays: [tue, wed]",
            "week-start puts every go-live on the first working day of a week (a Monday)",
        ),
        ("sites_per_night: 2", "sites_per_night applies to sites cutting over one after another"),
    ],
)
def test_rollout_rules_that_contradict_each_other(tmp_path: Path, rollout: str, says: str) -> None:
    folder = write_mini(tmp_path)
    meta = folder / "pack.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "  systems: [ERP]\n", f"  systems: [ERP]\n  rollout: {{{rollout}}}\n"
        ),
        encoding="utf-8",
    )
    [problem] = inspect_pack(folder).problems
    assert problem.line == 7 and says in problem.message

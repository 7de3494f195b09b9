"""Checks every industry pack test runs: files, texts, ids, load order, tiers, depth, templates.

The pack test modules (base, manufacturing, healthcare, education) call these helpers and
keep only what is specific to their pack. Each helper asserts the union of what the modules
used to check on their own, so a pack never gets a weaker check than another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.kit_model import TIERS, Kit
from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from generator.packs.model import ITEM_SECTIONS, LANGS, LocalizedText, text_in
from generator.packs.resolved import ResolvedPack
from generator.templates import RenderedFile, collect_templates, render_templates
from tests import yaml_read

PACKS = Path(__file__).resolve().parents[1] / "industry_packs"
BASE = PACKS / "base"
SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/packs/pack.schema.json"
CJK = re.compile(r"[\u4e00-\u9fff]")


def has_cjk(text: str | None) -> bool:
    return bool(CJK.search(text or ""))


@cache
def base_pack() -> ResolvedPack:
    return load_pack(BASE)


def items_by_id(pack: ResolvedPack, section: str) -> dict[str, Any]:
    """The resolved items of ``section``, by id."""
    return {located.item.id: located.item for located in getattr(pack, section)}


# --- validation and files ----------------------------------------------------------


def assert_validates_strictly(folder: Path, lang: str) -> None:
    report = validate_paths([folder], lang=lang, strict=True)
    assert report.errors == [], [str(p) for p in report.errors]
    # the only warnings --strict leaves: audiences whose courses fall short of their
    # target hours (a warning, not an error: the pack content is still to be grown)
    assert [str(p) for p in report.warnings if "below its target" not in p.message] == []


def assert_small_files_with_schema_line(folder: Path, *, min_files: int) -> None:
    """At least ``min_files`` YAML files, each starting with the schema line; one pack.yaml."""
    files = sorted(folder.glob("*.yaml"))
    assert len(files) >= min_files, "the pack is split into several small files"
    with_meta = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == SCHEMA_LINE, path.name
        if "pack" in (yaml_read.safe_load(text) or {}):
            with_meta.append(path.name)
    assert with_meta == ["pack.yaml"]


def assert_extends_base(pack: ResolvedPack, name: str, systems: list[str]) -> None:
    """An industry pack: extends base, chain (base, name), offers and defaults to ``systems``."""
    meta = pack.meta
    assert meta.extends == "base"
    assert pack.chain == ("base", name)
    assert meta.systems == systems and meta.default_systems == systems


# --- raw YAML ----------------------------------------------------------------------


def raw_files(folder: Path) -> dict[str, dict[str, Any]]:
    """File name -> parsed YAML for every pack file of ``folder``."""
    return {
        path.name: yaml_read.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in sorted(folder.glob("*.yaml"))
    }


def raw_items(folder: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file name, section, raw item) for every item written in ``folder``'s files."""
    for name, data in raw_files(folder).items():
        for section in ITEM_SECTIONS:
            for item in data.get(section) or []:
                yield name, section, item


def assert_ids_apart_from_base(
    folder: Path,
    prefix: str,
    *,
    prefixed: Iterable[str] = ITEM_SECTIONS,
    overrides: set[tuple[str, str]] | None = None,
    unique_across_sections: bool = True,
) -> None:
    """Every raw item of ``folder`` is defined once and never meets base by accident.

    An ``override: true`` item overrides a base item of its section; any other item
    collides with no base id of any section and, in the ``prefixed`` sections, carries
    ``prefix``. ``remove`` names only base items. ``overrides``, when given, is the exact
    set of (section, id) the pack overrides on purpose. Ids are unique across all sections
    unless ``unique_across_sections`` is False (then within each section).
    """
    base_ids = {section: set(items_by_id(base_pack(), section)) for section in ITEM_SECTIONS}
    all_base = set().union(*base_ids.values())
    seen: dict[str, str] = {}
    found: set[tuple[str, str]] = set()
    for name, section, item in raw_items(folder):
        item_id = item["id"]
        key = item_id if unique_across_sections else f"{section}: {item_id}"
        assert key not in seen, f"{key} defined in {seen[key]} and {name}"
        seen[key] = name
        if item.get("override"):
            found.add((section, item_id))
            assert item_id in base_ids[section], f"{name}: override of unknown {section} {item_id}"
            continue
        assert item_id not in all_base, f"{name}: {item_id} collides with base"
        if section in prefixed:
            assert item_id.startswith(prefix), f"{name}: {item_id} needs the {prefix} prefix"
    if overrides is not None:
        assert found == overrides
    for name, data in raw_files(folder).items():
        for gone in data.get("remove") or []:
            assert gone in all_base, f"{name}: remove of unknown {gone}"


# --- texts -------------------------------------------------------------------------


def localized_texts(value: object) -> Iterator[LocalizedText]:
    """Every LocalizedText inside a pydantic item (through models, lists, tuples, dicts)."""
    if isinstance(value, LocalizedText):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for element in value:
            yield from localized_texts(element)
    elif isinstance(value, dict):
        for element in value.values():
            yield from localized_texts(element)


def pack_texts(pack: ResolvedPack, own: set[str] | None = None) -> Iterator[tuple[Any, Any]]:
    """(item, text) for every LocalizedText of the pack's items (only ids in ``own`` if given)."""
    for section in ITEM_SECTIONS:
        for located in getattr(pack, section):
            if own is None or located.item.id in own:
                for text in localized_texts(located.item):
                    yield located.item, text


def own_ids(pack: ResolvedPack, name: str) -> set[str]:
    """Ids whose (last) definition is in pack ``name``."""
    return {
        located.item.id
        for section in ITEM_SECTIONS
        for located in getattr(pack, section)
        if located.source.pack == name
    }


def assert_in_both_languages(text: LocalizedText, where: object) -> None:
    for lang in LANGS:
        assert text_in(text, lang), (where, lang, text)


def assert_real_chinese_and_english(text: LocalizedText, where: object) -> None:
    """The Chinese side is really Chinese, the English side really English."""
    assert has_cjk(text.zh), (where, "zh is not Chinese")
    assert not has_cjk(text.en), (where, "en has Chinese")


# --- the task network --------------------------------------------------------------


def successors(tasks: dict[str, Any]) -> dict[str, set[str]]:
    """Task id -> the ids that follow it (from ``after`` and ``before``)."""
    after: dict[str, set[str]] = {task_id: set() for task_id in tasks}
    for task_id, task in tasks.items():
        for dep in task.after:
            after[dep.id].add(task_id)
        for later in task.before:
            after[task_id].add(later)
    return after


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every task that follows ``start``, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# --- migration ---------------------------------------------------------------------


def assert_load_order_respects_dependencies(kit: Kit) -> None:
    """Objects listed in sequence 1..n; each dependency loads earlier, in an earlier wave."""
    assert [m.sequence for m in kit.migration] == list(range(1, len(kit.migration) + 1))
    by_id = {m.id: m for m in kit.migration}
    for obj in kit.migration:
        for dep in obj.depends_on:
            assert dep in by_id, (obj.id, dep)
            assert by_id[dep].sequence < obj.sequence, (dep, obj.id)
            assert by_id[dep].wave < obj.wave, (dep, obj.id)


def assert_loads_before(
    kit: Kit, pairs: Iterable[tuple[str, str]], *, skip_absent: bool = False
) -> None:
    """Each (earlier, later) pair holds in the derived order; absent pairs fail unless skipped."""
    sequence = {m.id: m.sequence for m in kit.migration}
    for earlier, later in pairs:
        if skip_absent and not (earlier in sequence and later in sequence):
            continue
        assert earlier in sequence and later in sequence, (earlier, later)
        assert sequence[earlier] < sequence[later], (earlier, later)


# --- training ----------------------------------------------------------------------


def assert_three_tiers_per_system_audience(kit: Kit, where: object = None) -> None:
    """Every audience using the system has courses in all three tiers."""
    for audience in kit.audiences:
        if not audience.uses_system:
            continue
        tiers = {c.tier for c in kit.courses if audience.id in c.audiences}
        assert tiers == set(TIERS), (where, audience.id, sorted(tiers))


def assert_courses_well_formed(kit: Kit) -> None:
    """Courses have modules and minutes; their audiences and prerequisites are in the kit."""
    audiences = {a.id for a in kit.audiences}
    courses = {c.id for c in kit.courses}
    for course in kit.courses:
        assert course.modules and course.minutes > 0, course.id
        assert set(course.audiences) <= audiences, course.id
        assert set(course.prerequisites) <= courses, course.id


# --- depth -------------------------------------------------------------------------


def assert_kit_depth(kit: Kit) -> None:
    """The minimums every industry pack's default kit meets (docs/dev/ARCHITECTURE.md, PACKS.md)."""
    plain_tasks = [t for t in kit.tasks if t.gate is None]  # gates appear as tasks too
    assert len(plain_tasks) >= 80
    milestones = {t.id for t in plain_tasks if t.milestone} | {g.id for g in kit.gates}
    assert len(milestones) >= 10
    assert len(kit.gates) + sum(1 for t in plain_tasks if t.milestone) >= 10
    assert len(kit.risks) >= 30
    assert len(kit.migration) >= 15
    assert sum(len(m.fields) for m in kit.migration) >= 120
    assert len(kit.audiences) >= 6
    assert len(kit.courses) >= 15


# --- templates ---------------------------------------------------------------------


def render_pack_templates(kit: Kit, pack: ResolvedPack) -> list[RenderedFile]:
    """The templates of the pack's whole chain, rendered for ``kit``."""
    return render_templates(kit, collect_templates(list(zip(pack.chain, pack.dirs))))


def assert_rendered_text(
    kit: Kit, text: str, where: str, *, names: str | None = None, cjk_only_in_zh: bool = True
) -> None:
    """A rendered template: no Jinja left, names the project, Chinese exactly when zh.

    ``names`` is what the text must name (the project's name unless given);
    ``cjk_only_in_zh=False`` checks only that a Chinese file has Chinese in it.
    """
    assert "{{" not in text and "{%" not in text, where
    assert (kit.project.name if names is None else names) in text, where
    if cjk_only_in_zh:
        assert has_cjk(text) == (kit.lang == "zh"), where
    elif kit.lang == "zh":
        assert has_cjk(text), where

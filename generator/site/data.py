"""The data a pack catalogue site embeds: the resolved packs, a search index, a diff.

Shapes (all JSON-ready):

``site_data(...)`` -> ``{"packs": {pack id: PACK}, "order": [pack ids], "index": [ENTRY],
"diff": DIFF | None, "systems": [names], "generator": version}``

* ``PACK`` is exactly ``implkit packs show PACK --json`` without ``dirs`` (local paths
  do not belong in a shared site), plus ``load_order`` (``[[object id, wave], ...]``,
  derived from ``depends_on`` over all the pack's objects), ``templates``
  (``[[pack id, relative path], ...]``, every file under the chain's ``templates/``) and
  ``migration_sources`` (``{object id: {system, table}}``: in ``packs show --json`` an
  object's ``source`` key holds where it was defined instead).
* ``ENTRY`` is ``[pack id, section, item id, text]``: ``text`` is every string of
  the item in both languages, lowercased, for the page's search box (built here, so
  the page needs no network and no index at run time).
* ``DIFF`` compares each pack with the same pack id under ``--diff OLD_DIR``:
  ``{"old_dir": name, "packs": {pack id: {"old_version", "new_version", "sections":
  {section: {"added": [ids], "removed": [ids], "changed": [[id, [field, ...]], ...]}}}},
  "only_new": [ids], "only_old": [ids]}``. Sources (file/line) are not compared.

Errors: an unknown pack or a pack with problems raises
:class:`~generator.errors.InputError` (exit 2) listing every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.packs.model import KIT_SECTIONS


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, sub in value.items():
            if key != "source":
                yield from _strings(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from _strings(sub)


def _templates(dirs: Sequence[Path], chain: Sequence[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for pack_id, folder in zip(chain, dirs, strict=False):
        root = folder / "templates"
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    out.append([pack_id, path.relative_to(root).as_posix()])
    return out


def pack_entry(name: str | Path, packs_dir: Path | None = None) -> dict[str, Any]:
    """One pack as the site embeds it (see the module docstring). InputError on problems."""
    from generator.load_order import load_order
    from generator.packs.dump import pack_json
    from generator.packs.loader import inspect_pack
    from generator.schedule import CycleError

    inspection = inspect_pack(name, packs_dir)
    if inspection.problems or inspection.pack is None:
        raise InputError(inspection.problems or [Problem(str(name), 0, 0, _("cannot be loaded"))])
    pack = inspection.pack
    data = pack_json(pack, inspection)
    data.pop("dirs", None)
    objects = [located.item for located in pack.migration]
    try:
        order = load_order([o.id for o in objects], [o.depends_on for o in objects])
    except CycleError:  # validation reports cycles; keep the declared order here
        order = [(o.id, 1) for o in objects]
    data["load_order"] = [[object_id, wave] for object_id, wave in order]
    data["templates"] = _templates(pack.dirs, pack.chain)
    # ``packs show --json`` puts the item's origin in "source", which hides a migration
    # object's own ``source`` (system, table); the site carries it beside.
    data["migration_sources"] = {o.id: o.source.model_dump(mode="json") for o in objects}
    return data


def _index(packs: dict[str, dict[str, Any]]) -> list[list[str]]:
    entries: list[list[str]] = []
    for pack_id, data in packs.items():
        entries.append([pack_id, "overview", pack_id, " ".join(_strings(data["meta"])).lower()])
        for section in KIT_SECTIONS:
            for item in data.get(section, []):
                text = " ".join(_strings(item)).lower()
                entries.append([pack_id, section, str(item.get("id", "")), text])
    return entries


def _strip_sources(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "source"}


def pack_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Per section the ids added, removed and changed (with the changed top-level fields)."""
    sections: dict[str, Any] = {}
    for section in KIT_SECTIONS:
        before = {i["id"]: _strip_sources(i) for i in old.get(section, [])}
        after = {i["id"]: _strip_sources(i) for i in new.get(section, [])}
        changed = []
        for item_id, item in after.items():
            if item_id in before and before[item_id] != item:
                fields = sorted(
                    k
                    for k in set(item) | set(before[item_id])
                    if item.get(k) != before[item_id].get(k)
                )
                changed.append([item_id, fields])
        entry = {
            "added": [i for i in after if i not in before],
            "removed": [i for i in before if i not in after],
            "changed": changed,
        }
        if entry["added"] or entry["removed"] or entry["changed"]:
            sections[section] = entry
    return {
        "old_version": old["meta"].get("version", ""),
        "new_version": new["meta"].get("version", ""),
        "sections": sections,
    }


def _old_packs(old_dir: Path, packs_dir: Path | None) -> dict[str, dict[str, Any]]:
    """Every pack found at ``old_dir`` (a pack folder, or a folder of pack folders)."""
    from generator.packs.loader import read_meta

    if not old_dir.is_dir():
        raise InputError(Problem(str(old_dir), 0, 0, _("--diff: no such folder")))
    folders = [old_dir] if read_meta(old_dir) else []
    if not folders:
        folders = [p for p in sorted(old_dir.iterdir()) if p.is_dir() and read_meta(p)]
    if not folders:
        raise InputError(
            Problem(
                str(old_dir),
                0,
                0,
                _("--diff: no pack here; give a pack folder or a folder of packs"),
            )
        )
    out: dict[str, dict[str, Any]] = {}
    for folder in folders:
        data = pack_entry(folder, packs_dir)
        out[data["id"]] = data
    return out


def site_data(
    names: Sequence[str],
    *,
    packs_dir: Path | None = None,
    diff_dir: Path | None = None,
    generator_version: str = "",
) -> dict[str, Any]:
    """Everything the site shows (shape in the module docstring). ``names``: pack ids or
    folders; empty means every available pack (built-in and ``packs_dir``)."""
    from generator.packs.loader import available_packs

    chosen: list[str | Path] = list(names) or list(available_packs(packs_dir))
    packs: dict[str, dict[str, Any]] = {}
    for name in chosen:
        data = pack_entry(name, packs_dir)
        packs[data["id"]] = data
    systems: set[str] = set()
    for data in packs.values():
        systems.update(data["meta"].get("systems") or [])
        for section in KIT_SECTIONS:
            for item in data.get(section, []):
                when = item.get("when") or {}
                systems.update(when.get("systems") or [])
    diff = None
    if diff_dir is not None:
        old = _old_packs(diff_dir, packs_dir)
        diff = {
            "old_dir": diff_dir.resolve().name,
            "packs": {i: pack_diff(old[i], packs[i]) for i in packs if i in old},
            "only_new": [i for i in packs if i not in old],
            "only_old": [i for i in old if i not in packs],
        }
    return {
        "generator": generator_version,
        "order": list(packs),
        "packs": packs,
        "systems": sorted(systems, key=str.upper),
        "index": _index(packs),
        "diff": diff,
    }

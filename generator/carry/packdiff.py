"""Remember the pack a kit was built from, and say what a new pack version changed.

``.implkit/last-build.json`` (written after every build and ``new``)::

    {"pack": "manufacturing", "version": "1.0.0",
     "items": {"tasks": {"base.kickoff": "<sha256 of the item, 16 hex>", ...}, ...},
     "project": [ids the project's overlay adds, overrides or removes],
     "defaults": {sheet key: {row key: {column: value}}}}

``defaults`` are the values the writers generated into consultant cells
(:mod:`generator.carry.defaults`), so the next build tells them from the team's entries.

``snapshot(pack)`` makes that mapping (the project's own overlay items left out);
``compare(old, new, renames)`` gives ``None`` when nothing changed, else
``{"pack", "old_version", "new_version", "sections": {section: {"added": [ids],
"changed": [ids], "removed": [ids], "renamed": [[old, new]] (only when there are)}}}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.overlay import OVERLAY_ID
from generator.packs.model import KIT_SECTIONS

if TYPE_CHECKING:
    from generator.packs.renames import Renames
    from generator.packs.resolved import ResolvedPack

SNAPSHOT = Path(".implkit") / "last-build.json"
SECTIONS = KIT_SECTIONS


def snapshot(pack: ResolvedPack, project_ids: set[str] | None = None) -> dict[str, Any]:
    """The pack's id, version and a hash per item id and section.

    Items the project's overlay adds, overrides or removes (``project_ids``) are left out
    and listed under ``"project"``: they are the project's changes, not the pack's.
    """
    skip = set(project_ids or ())
    items: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        found: dict[str, str] = {}
        for located in getattr(pack, section, ()):
            if located.source.pack == OVERLAY_ID or located.item.id in skip:
                continue
            found[located.item.id] = located.digest()
        items[section] = found
    return {
        "pack": pack.meta.id,
        "version": pack.meta.version,
        "items": items,
        "project": sorted(skip),
    }


def overlay_ids(layer: Any) -> set[str]:
    """Ids an overlay layer (:func:`generator.overlay.overlay_layer`) adds, overrides or removes."""
    if layer is None:
        return set()
    found = {str(raw["id"]) for entries in layer.items.values() for _, raw in entries}
    return found | {item_id for _, item_id in layer.removes}


def read_snapshot(target: Path) -> dict[str, Any] | None:
    """The snapshot saved in the kit ``target`` (``None``: none, or unreadable)."""
    from generator.i18n import _
    from generator.readers import read_json

    path = target / SNAPSHOT
    if not path.exists() and not path.is_symlink():
        return None
    data = read_json(
        path,
        fix=_("delete it and build again (the build then compares the pack from scratch)"),
    )
    return data if isinstance(data, dict) and isinstance(data.get("items"), dict) else None


def write_snapshot(target: Path, data: dict[str, Any]) -> None:
    """Save ``data`` as the kit's snapshot (sorted keys: same pack, same bytes)."""
    path = target / SNAPSHOT
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def previous_ids(old: dict[str, Any] | None, section: str) -> set[str] | None:
    """Item ids of ``section`` in the saved snapshot, and the ids the project's overlay had
    (``None`` when there is no snapshot): a Plan row with one of them is not a new task
    (a task taken out of project.yaml stays out; its progress goes to "Removed tasks")."""
    if old is None:
        return None
    return set(old["items"].get(section, {})) | set(old.get("project") or ())


def compare(
    old: dict[str, Any] | None, new: dict[str, Any], renames: Renames | None = None
) -> dict[str, Any] | None:
    """What changed between two snapshots (``None``: no previous one, or no change).

    ``renames`` (the new pack's ``replaces:``) turns a removed old id and an added new id
    into one ``renamed`` pair ``[old, new]``."""
    if old is None:
        return None
    sections: dict[str, dict[str, list[Any]]] = {}
    mine = set(old.get("project") or ()) | set(new.get("project") or ())
    for section in SECTIONS:
        before = {k: v for k, v in (old["items"].get(section) or {}).items() if k not in mine}
        after = {k: v for k, v in new["items"].get(section, {}).items() if k not in mine}
        table = (
            renames.of(("tasks",) if section in ("tasks", "gates") else (section,))
            if renames
            else {}
        )
        renamed = sorted(
            [o, n]
            for o, n in table.items()
            if o in before and o not in after and n in after and n not in before
        )
        gone = {o for o, _ in renamed}
        came = {n for _, n in renamed}
        diff: dict[str, list[Any]] = {
            "added": sorted(k for k in after if k not in before and k not in came),
            "changed": sorted(k for k in after if k in before and before[k] != after[k]),
            "removed": sorted(k for k in before if k not in after and k not in gone),
        }
        if renamed:
            diff["renamed"] = renamed
        if any(diff.values()):
            sections[section] = diff
    if not sections and old.get("version") == new["version"]:
        return None
    return {
        "pack": new["pack"],
        "old_version": str(old.get("version", "")),
        "new_version": new["version"],
        "sections": sections,
    }

"""Remember the pack a kit was built from, and say what a new pack version changed.

``.implkit/pack-items.json`` (written after every build and ``new``)::

    {"pack": "manufacturing", "version": "1.0.0",
     "items": {"tasks": {"base.kickoff": "<sha256 of the item, 16 hex>", ...}, ...}}

``snapshot(pack)`` makes that mapping (the project's own overlay items left out);
``compare(old, new)`` gives ``None`` when nothing changed, else
``{"pack", "old_version", "new_version", "sections": {section: {"added": [ids],
"changed": [ids], "removed": [ids]}}}``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.overlay import OVERLAY_ID

if TYPE_CHECKING:
    from generator.packs.resolved import ResolvedPack

SNAPSHOT = Path(".implkit") / "pack-items.json"
SECTIONS = (
    "roles",
    "phases",
    "gates",
    "tasks",
    "ceremonies",
    "risks",
    "stakeholders",
    "migration",
    "cutover",
    "audiences",
    "courses",
    "support",
    "lessons",
)


def snapshot(pack: ResolvedPack) -> dict[str, Any]:
    """The pack's id, version and a hash per item id and section (overlay items left out)."""
    items: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        found: dict[str, str] = {}
        for located in getattr(pack, section, ()):
            if located.source.pack == OVERLAY_ID:
                continue
            text = located.item.model_dump_json(exclude={"override"})
            found[located.item.id] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        items[section] = found
    return {"pack": pack.meta.id, "version": pack.meta.version, "items": items}


def read_snapshot(target: Path) -> dict[str, Any] | None:
    """The snapshot saved in the kit ``target`` (``None``: none, or unreadable)."""
    path = target / SNAPSHOT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("items"), dict) else None


def write_snapshot(target: Path, data: dict[str, Any]) -> None:
    """Save ``data`` as the kit's snapshot (sorted keys: same pack, same bytes)."""
    path = target / SNAPSHOT
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def previous_ids(old: dict[str, Any] | None, section: str) -> set[str] | None:
    """Item ids of ``section`` in the saved snapshot (``None`` when there is none)."""
    if old is None:
        return None
    return set(old["items"].get(section, {}))


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any] | None:
    """What changed between two snapshots (``None``: no previous one, or no change)."""
    if old is None:
        return None
    sections: dict[str, dict[str, list[str]]] = {}
    for section in SECTIONS:
        before = old["items"].get(section, {}) or {}
        after = new["items"].get(section, {})
        diff = {
            "added": sorted(k for k in after if k not in before),
            "changed": sorted(k for k in after if k in before and before[k] != after[k]),
            "removed": sorted(k for k in before if k not in after),
        }
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

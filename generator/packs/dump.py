"""A resolved pack as JSON-ready data: what ``implkit packs show --json`` prints and the
pack catalogue site embeds.

``pack_json(pack, inspection) -> dict``: ``id``, ``meta``, ``chain``, ``dirs``, ``counts``,
``missing_translations`` and every kit section, each item with its ``source`` (pack,
file, line). ``counts(pack, inspection) -> dict``: the numbers of each kind of item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.packs.loader import Inspection
    from generator.packs.resolved import ResolvedPack


def counts(pack: ResolvedPack, inspection: Inspection) -> dict[str, Any]:
    """Numbers a script (or a person) wants to see about a resolved pack."""
    return {
        "tasks": len(pack.tasks),
        "milestones": sum(1 for t in pack.tasks if t.item.milestone) + len(pack.gates),
        "gates": len(pack.gates),
        "phases": len(pack.phases),
        "ceremonies": len(pack.ceremonies),
        "risks": len(pack.risks),
        "stakeholders": len(pack.stakeholders),
        "migration_objects": len(pack.migration),
        "migration_fields": sum(len(m.item.fields) for m in pack.migration),
        "cutover_steps": len(pack.cutover),
        "courses": len(pack.courses),
        "audiences": len(pack.audiences),
        "roles": len(pack.roles),
        "support": len(pack.support),
        "lessons": len(pack.lessons),
        "missing_translations": {
            lang: len(inspection.missing_translations(lang, own_only=False))
            for lang in ("en", "zh")
        },
    }


def pack_json(pack: ResolvedPack, inspection: Inspection) -> dict[str, Any]:
    """The resolved pack as JSON-ready data, each item with its source."""
    from generator.packs.model import KIT_SECTIONS

    sections: dict[str, list[dict[str, Any]]] = {}
    for section in KIT_SECTIONS:
        sections[section] = [
            {
                **located.item.model_dump(mode="json", exclude={"override"}, warnings=False),
                "source": {
                    "pack": located.source.pack,
                    "file": located.source.file,
                    "line": located.source.line,
                },
            }
            for located in getattr(pack, section)
        ]
    numbers = counts(pack, inspection)
    return {
        "id": pack.meta.id,
        "meta": pack.meta.model_dump(mode="json"),
        "chain": list(pack.chain),
        "dirs": [str(d) for d in pack.dirs],
        "counts": numbers,
        "missing_translations": numbers["missing_translations"],
        **sections,
    }

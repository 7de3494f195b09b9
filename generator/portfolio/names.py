"""The portfolio's display names in the report's language (``implkit portfolio --lang``).

A kit's row stores the pack id and the phase as the kit's Plan sheet shows it (in the
kit's own language) plus the phase id. :func:`localise` puts the names in the report's
language: ``phase`` from the pack's phase of that id, ``pack_name`` the pack's display
name (``data["packs"]`` rows get ``pack_name`` too). A pack that cannot be loaded (custom
or removed) leaves the kit's own texts and the pack id: the portfolio never fails on it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from generator.packs.model import resolve_text


@cache
def _pack_names(pack: str, lang: str) -> tuple[str, dict[str, str]] | None:
    """(pack display name, phase id -> phase name) of installed pack ``pack`` in ``lang``."""
    from generator.packs.loader import load_pack

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", pack):  # an installed pack's id, never a path
        return None
    try:
        resolved = load_pack(pack)
    except Exception:  # a custom, moved or broken pack: keep the kit's texts
        return None
    phases = {p.item.id: resolve_text(p.item.name, lang) for p in resolved.phases}
    return resolve_text(resolved.meta.name, lang) or pack, phases


def localise(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """``data`` (from :func:`generator.portfolio.rollup.portfolio`) with phase and pack
    names in ``lang``; changes ``data`` in place and returns it."""
    for row in data.get("projects", []):
        names = _pack_names(str(row.get("pack") or ""), lang) if row.get("pack") else None
        if names is None:
            continue
        row["pack_name"] = names[0]
        phase = names[1].get(str(row.get("phase_id") or ""))
        if phase:
            row["phase"] = phase
    for row in data.get("packs", []):
        names = _pack_names(str(row.get("pack") or ""), lang) if row.get("pack") else None
        if names is not None:
            row["pack_name"] = names[0]
    return data

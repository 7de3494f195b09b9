"""Status snapshots: one JSON file per status date under ``.implkit/snapshots/``.

Every ``implkit build`` and ``implkit status`` writes ``<as_of>.json`` (a second run on
the same status date replaces that day's file)::

    {"as_of": "2026-06-30", "baseline": "initial", "unit": "CNY",
     "pv": 1.0, "ev": 1.0, "ac": null, "go_live": "2026-10-19",
     "milestones": {"<task id>": "2026-07-03", ...}}

The milestone trend analysis (each milestone's forecast at each status date) and the
S-curve's earned value over time are read back from these files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.tracking.evm import Evm

SNAPSHOTS = Path(".implkit") / "snapshots"


@dataclass(frozen=True)
class Snapshot:
    """One status date's headline: EVM figures, go-live and milestone forecasts."""

    as_of: date
    pv: float
    ev: float
    ac: float | None
    go_live: date | None
    milestones: tuple[tuple[str, date], ...]


def snapshot_data(kit: Kit, evm: Evm | None, baseline: str) -> dict[str, Any]:
    """JSON-ready snapshot of a forecast kit (``kit.as_of`` set) and its figures."""
    as_of = kit.as_of or kit.project.start
    return {
        "as_of": as_of.isoformat(),
        "baseline": baseline,
        "unit": evm.unit if evm else "",
        "pv": round(evm.project.pv, 2) if evm else 0.0,
        "ev": round(evm.project.ev, 2) if evm else 0.0,
        "ac": None if evm is None or evm.project.ac is None else round(evm.project.ac, 2),
        "go_live": kit.project.go_live.isoformat() if kit.project.go_live else None,
        "milestones": {t.id: t.finish.isoformat() for t in kit.tasks if t.milestone},
    }


def write_snapshot(project_dir: Path, data: dict[str, Any]) -> Path:
    """Write (or replace) the snapshot of ``data["as_of"]``; returns its path."""
    from generator.kitfs import write_atomic

    name = f"{date.fromisoformat(data['as_of']).isoformat()}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_atomic(project_dir, SNAPSHOTS / name, text.encode("utf-8"))


def read_snapshots(project_dir: Path, *, until: date | None = None) -> list[Snapshot]:
    """Snapshots on or before ``until`` (all when None), oldest first.

    A snapshot that cannot be read (not JSON, beyond the limits, through a link) raises
    InputError naming it: a trend that silently lost a point would mislead."""
    from generator.kitfs import contained, read_kit_json

    folder = contained(project_dir, SNAPSHOTS)  # a linked folder is refused, not read
    if not folder.is_dir():
        return []
    out: list[Snapshot] = []
    fix = _("restore it or delete it (the trend then lacks that date)")
    for path in sorted(folder.glob("*.json")):
        data = read_kit_json(project_dir, path, fix=fix)  # limits, links: refused, named
        try:
            as_of = date.fromisoformat(data["as_of"])
            go_live = date.fromisoformat(data["go_live"]) if data.get("go_live") else None
            milestones = tuple(
                (str(k), date.fromisoformat(v)) for k, v in sorted(data["milestones"].items())
            )
            ac = data.get("ac")
            snap = Snapshot(
                as_of,
                float(data["pv"]),
                float(data["ev"]),
                None if ac is None else float(ac),
                go_live,
                milestones,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise InputError.at(
                path, 0, 0, _("is not a status snapshot; {fix}").format(fix=fix)
            ) from None
        if until is None or snap.as_of <= until:
            out.append(snap)
    return out

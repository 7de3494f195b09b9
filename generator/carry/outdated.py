"""Which kits are behind their pack: ``implkit outdated``.

A kit remembers the pack and the version it was last built from
(``.implkit/last-build.json``, else the manifest). :func:`outdated_kits` finds every
kit under the folders given (as ``implkit portfolio`` does), finds each kit's pack the
way ``implkit build`` does (``--packs-dir``, else the folder project.yaml recorded in
``pack_dir``, else the built-in packs) and compares:

* ``outdated``: the pack found has a newer version than the kit's last build;
* ``changed``: the same version, but the pack's items differ from the last build
  (an author changed the pack without raising its version);
* ``current``: the same version and items;
* ``ahead``: the pack found is older than the one the kit was built from;
* ``missing``: the kit's pack cannot be found (or does not load).

For an outdated or changed kit, ``changes`` counts what the update brings (items
added, changed, removed, renamed), from the pack diff the build reports
(:func:`generator.carry.packdiff.compare`). Versions compare as semantic versions
(numbers, a pre-release before its release).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.errors import InputError

Status = Literal["current", "outdated", "changed", "ahead", "missing"]
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


@dataclass(frozen=True)
class KitPack:
    """One kit and its pack: the version it was built from, the one found now, the status."""

    kit: Path
    pack: str
    built_with: str  # "" when the kit does not say
    available: str  # "" when the pack is not found
    status: Status
    pack_folder: str = ""  # where the pack was found
    changes: dict[str, int] = field(default_factory=dict)  # added/changed/removed/renamed
    reason: str = ""  # why a pack is missing

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kit"] = str(self.kit)
        return data


def version_key(version: str) -> tuple[Any, ...]:
    """A sortable key of a semantic version; a text that is not one sorts first."""
    match = _SEMVER.match(version.strip())
    if match is None:
        return (-1,)
    major, minor, patch, pre = match.groups()
    # a release sorts after its pre-releases: (..., 1, ()) > (..., 0, parts)
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in (pre or "").split(".") if p)
    return (int(major), int(minor), int(patch), 0 if pre else 1, parts)


def built_with(kit: Path) -> tuple[str, str]:
    """(pack id, pack version) the kit in folder ``kit`` was last built from (``""`` for
    what the kit does not say): its last-build snapshot, else its manifest."""
    pack, version, _snapshot = _built_with(kit)
    return pack, version


def _built_with(kit: Path) -> tuple[str, str, dict[str, Any] | None]:
    """(pack id, version, last-build snapshot) the kit was last built from."""
    from generator.carry.packdiff import read_snapshot

    snapshot = read_snapshot(kit)
    if snapshot is not None:
        return str(snapshot.get("pack", "")), str(snapshot.get("version", "")), snapshot
    from generator.kitfs import read_kit_json

    try:  # bounded, never through a link; a missing or damaged manifest: not known
        data = read_kit_json(kit, Path(".implkit") / "manifest.json", fix="")
    except InputError:
        return "", "", None
    if not isinstance(data, dict):
        return "", "", None
    return str(data.get("pack", "")), str(data.get("pack_version", "")), None


def _pack_folder(kit: Path, pack: str, recorded: str | None, packs_dir: Path | None) -> Path:
    """The folder of ``pack`` as ``implkit build`` takes it: by id from ``packs_dir`` or
    the built-in packs, else the folder project.yaml recorded (InputError: not found)."""
    from generator.packs.loader import available_packs, pack_dir

    from_dir = packs_dir is not None and pack in available_packs(packs_dir)
    if recorded and not from_dir:
        folder = Path(recorded)
        folder = folder if folder.is_absolute() else kit / folder
        if folder.is_dir():
            return folder
    return pack_dir(pack, packs_dir)


def _changes(old: dict[str, Any] | None, folder: Path, packs_dir: Path | None) -> dict[str, int]:
    """Counts of what the pack at ``folder`` adds, changes, removes and renames for a kit
    last built from ``old`` (empty without a snapshot)."""
    from generator.carry.packdiff import compare, snapshot
    from generator.packs.loader import load_pack
    from generator.packs.renames import pack_renames

    if old is None:
        return {}
    pack = load_pack(folder, packs_dir)
    diff = compare(old, snapshot(pack, set(old.get("project") or ())), pack_renames(pack))
    counts = {"added": 0, "changed": 0, "removed": 0, "renamed": 0}
    for section in (diff or {}).get("sections", {}).values():
        for key in counts:
            counts[key] += len(section.get(key, []))
    return counts


def kit_pack(kit: Path, packs_dir: Path | None = None) -> KitPack:
    """The pack status of one kit folder (see the module docstring)."""
    from generator.packs.loader import read_meta
    from generator.project import load_project

    built_pack, built, old = _built_with(kit)
    try:
        spec = load_project(kit)
        pack = spec.pack
        folder = _pack_folder(kit, pack, spec.pack_dir, packs_dir)
    except InputError as err:
        return KitPack(kit, built_pack, built, "", "missing", reason=str(err))
    available = str(read_meta(folder).get("version", ""))
    if not built or version_key(available) > version_key(built):
        status: Status = "outdated" if built else "changed"
    elif version_key(available) < version_key(built):
        status = "ahead"
    else:
        status = "current"
    changes: dict[str, int] = {}
    if status in ("outdated", "current", "changed"):
        try:
            changes = _changes(old, folder, packs_dir)
        except InputError as err:
            return KitPack(kit, pack, built, available, "missing", str(folder), reason=str(err))
        if status == "current" and any(changes.values()):
            status = "changed"
    return KitPack(kit, pack, built, available, status, str(folder), changes)


def outdated_kits(folders: Iterable[Path], packs_dir: Path | None = None) -> list[KitPack]:
    """Every kit under ``folders`` with its pack status, in path order.

    Raises :class:`InputError` for a folder that does not exist.
    """
    from generator.portfolio.discover import find_kits

    return [kit_pack(kit, packs_dir) for kit in find_kits(folders)]

"""Which files make up a pack: for keying a cache by a pack's content."""

from __future__ import annotations

from pathlib import Path

from generator.packs.loader.folder import read_meta


def pack_files(folder: Path, packs: dict[str, Path]) -> list[Path]:
    """Every file of the pack in ``folder`` and of each pack it extends, wherever the
    loader may find a parent (the folder of that name beside the child, and the pack of
    that id in ``packs``, as :func:`available_packs` gives them: a superset), sorted
    within each folder. A folder whose ``pack.yaml`` cannot be read ends the chain (the
    loader reports it when it loads the pack)."""
    files: list[Path] = []
    folders = [folder]
    seen: set[Path] = set()
    while folders:
        current = folders.pop()
        if current in seen or not current.is_dir():
            continue
        seen.add(current)
        files += sorted(p for p in current.rglob("*") if p.is_file())
        try:
            parent = read_meta(current).get("extends")
        except Exception:
            parent = None
        if parent:
            folders.append(current.resolve().parent / str(parent))
            if str(parent) in packs:
                folders.append(packs[str(parent)])
    return files

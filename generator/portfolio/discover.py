"""Find every kit under the folders given to ``implkit portfolio``.

A kit is a folder holding ``project.yaml`` and ``.implkit/manifest.json``. The walk
does not follow symbolic links, does not descend into a kit (a kit's own folders are
not searched for more kits) and skips hidden folders. Results are sorted and unique.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _

PROJECT_FILE = "project.yaml"
MANIFEST = Path(".implkit") / "manifest.json"


def is_kit(folder: Path) -> bool:
    """True when ``folder`` holds project.yaml and .implkit/manifest.json."""
    return (folder / PROJECT_FILE).is_file() and (folder / MANIFEST).is_file()


def find_kits(folders: Iterable[Path]) -> list[Path]:
    """Every kit folder under ``folders`` (absolute, sorted, unique).

    Raises :class:`InputError` (exit 2) for a folder that does not exist.
    """
    found: set[Path] = set()
    for start in folders:
        root = Path(start).absolute()
        if not root.is_dir():
            raise InputError(
                _("{path}: no such folder; give folders that hold project kits").format(path=root)
            )
        if is_kit(root):
            found.add(root)
            continue
        for current, dirs, _files in os.walk(root, followlinks=False):
            here = Path(current)
            keep = []
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                child = here / name
                if child.is_symlink():
                    continue
                if is_kit(child):
                    found.add(child)
                else:
                    keep.append(name)
            dirs[:] = keep
    return sorted(found)

"""Finding packs: the built-in ones, those of ``--packs-dir`` and a pack named by id
or by folder."""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Sequence
from pathlib import Path

from generator.errors import InputError, Problem
from generator.packs.hints import did_you_mean

BUILTIN_PACKAGE = "industry_packs"
PACK_SUFFIXES = (".yaml", ".yml")


def _is_pack_dir(path: Path) -> bool:
    if not path.is_dir() or path.name.startswith((".", "_")):
        return False
    return any(child.suffix in PACK_SUFFIXES and child.is_file() for child in path.iterdir())


def builtin_packs() -> dict[str, Path]:
    """The packs shipped in the ``industry_packs`` package, id -> folder."""
    try:
        root = importlib.resources.files(BUILTIN_PACKAGE)
    except ModuleNotFoundError:
        return {}
    found: dict[str, Path] = {}
    for child in root.iterdir():
        path = Path(str(child))
        if _is_pack_dir(path):
            found.setdefault(path.name, path)
    return dict(sorted(found.items()))


def available_packs(packs_dir: Path | None = None) -> dict[str, Path]:
    """Built-in packs plus the pack folders in ``packs_dir`` (these win on a name clash)."""
    packs = builtin_packs()
    if packs_dir is not None:
        if not packs_dir.is_dir():
            raise InputError(
                Problem(
                    str(packs_dir),
                    0,
                    0,
                    "--packs-dir: no such folder; give a folder that holds pack folders",
                )
            )
        for child in sorted(packs_dir.iterdir()):
            if _is_pack_dir(child):
                packs[child.name] = child
    return dict(sorted(packs.items()))


def unknown_pack_message(name: str, known: Sequence[str]) -> str:
    """``unknown pack 'x' — did you mean 'y'? (available packs: a, b)``."""
    from generator.i18n import _

    listing = ", ".join(sorted(known)) or "-"
    return (
        _("unknown pack {name}").format(name=f"'{name}'")
        + did_you_mean(name, known)
        + _(" (available packs: {listing})").format(listing=listing)
    )


def pack_dir(name_or_path: str | Path, packs_dir: Path | None = None) -> Path:
    """The folder of a pack given by id or path; InputError with the list when unknown."""
    text = str(name_or_path)
    path = Path(text)
    if isinstance(name_or_path, Path) or os.sep in text or "/" in text or path.is_dir():
        if path.is_dir():
            return path
        raise InputError(Problem(text, 0, 0, "no such pack folder"))
    packs = available_packs(packs_dir)
    if text in packs:
        return packs[text]
    raise InputError(unknown_pack_message(text, list(packs)))


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

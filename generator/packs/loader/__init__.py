"""Find, load, merge and validate know-how packs; report every problem at once.

API
---
``available_packs(packs_dir=None) -> dict[str, Path]``
    Pack id -> folder. Built-in packs are the sub-folders of the installed
    ``industry_packs`` package (found with :mod:`importlib.resources`, so it
    works from a wheel); folders in ``packs_dir`` (``--packs-dir``) are added
    and win over a built-in pack of the same name.
``load_pack(name_or_path, packs_dir=None) -> ResolvedPack``
    A pack id or a pack folder, with its ``extends`` chain applied; raises
    :class:`~generator.errors.InputError` listing every problem found. A built-in
    pack comes from its compiled form while that is current
    (:mod:`generator.packs.compiled`), else from its YAML (:func:`.inspection.read_pack`).
``inspect_pack(name_or_path, packs_dir=None) -> Inspection``
    The same, without raising for content problems: the problems, the resolved
    pack when there were none, and what is needed for translation checks.

``implkit packs validate`` adds the checks that need the layers above the packs (the
templates, the plan's meaning): :mod:`generator.pack_checks`.

A pack is a folder of ``*.yaml`` files, each a
:class:`~generator.packs.model.PackFile`, exactly one with ``pack:``. The file
with ``pack:`` is read first, then the others in name order (this is the item
order, e.g. of tasks in the WBS); sub-folders (``templates/``, ``hooks/``) are not pack
data. A parent named in ``extends`` is looked up among the folders next to the
pack being loaded first, then in ``packs_dir``, then among the built-in packs.

Order of work: read every file (YAML problems), check sections and item shape,
merge the chain at the raw level (:mod:`generator.packs.inherit`), validate
each merged item with pydantic (errors mapped to the line where the field was
written), then check references and loops
(:mod:`generator.packs.references`). Problems of all stages are collected and
reported together, sorted by file and line. When a file cannot be read at all
(YAML syntax, encoding, size), references are not checked in that run: the
items of that file are unknown, and every link to them would be a false alarm.

Translation checks cover only the items the named pack itself defines or
overrides: a child pack's author cannot fix the parent's texts.

The package, one module per step: :mod:`.find` (finding packs), :mod:`.folder`
(reading one folder), :mod:`.meta` (the chain's pack metadata), :mod:`.resolve`
(validating and resolving the chain) and :mod:`.inspection` (inspect and load).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.packs.inherit import Layer
    from generator.packs.loader.files import pack_files
    from generator.packs.loader.find import (
        BUILTIN_PACKAGE,
        PACK_SUFFIXES,
        available_packs,
        builtin_packs,
        display,
        pack_dir,
        unknown_pack_message,
    )
    from generator.packs.loader.folder import Folder, read_folder, read_meta
    from generator.packs.loader.inspection import Inspection, inspect_pack
    from generator.packs.loader.meta import INHERITED_META
    from generator.packs.resolved import ResolvedPack

# each name is imported from its module when first used: finding a built-in pack (its
# compiled form, generator/packs/compiled.py) needs none of the YAML reader and merger
_MODULES = {
    "BUILTIN_PACKAGE": "find",
    "INHERITED_META": "meta",
    "PACK_SUFFIXES": "find",
    "Folder": "folder",
    "Inspection": "inspection",
    "available_packs": "find",
    "builtin_packs": "find",
    "display": "find",
    "inspect_pack": "inspection",
    "pack_dir": "find",
    "pack_files": "files",
    "read_folder": "folder",
    "read_meta": "folder",
    "unknown_pack_message": "find",
}

__all__ = [
    "BUILTIN_PACKAGE",
    "INHERITED_META",
    "PACK_SUFFIXES",
    "Folder",
    "Inspection",
    "available_packs",
    "builtin_packs",
    "display",
    "inspect_pack",
    "load_pack",
    "pack_dir",
    "pack_files",
    "read_folder",
    "read_meta",
    "unknown_pack_message",
]


def load_pack(
    name_or_path: str | Path, packs_dir: Path | None = None, overlay: Layer | None = None
) -> ResolvedPack:
    """A resolved pack (with the project's ``overlay`` when given), or InputError listing
    every problem found.

    A built-in pack without overlay comes from its compiled form when that is current
    (the same pack, without even importing the YAML reader); any other pack, or a stale
    compiled form, is read from its YAML (:func:`.inspection.read_pack`)."""
    if overlay is None:
        from generator.packs.compiled import load_compiled

        compiled = load_compiled(name_or_path, packs_dir)
        if compiled is not None:
            return compiled
    from generator.packs.loader.inspection import read_pack

    return read_pack(name_or_path, packs_dir, overlay)


def __getattr__(name: str) -> object:
    """A name of :data:`__all__`, imported from its module on first use."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

"""A pack with its chain inspected (every problem at once) or loaded (raising them)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, Problem
from generator.packs.formats import as_warning, enforced, is_format_1_name
from generator.packs.inherit import Layer, MergeState, Origin, merge_layer
from generator.packs.loader.find import (
    _is_pack_dir,
    available_packs,
    pack_dir,
    unknown_pack_message,
)
from generator.packs.loader.folder import read_folder
from generator.packs.loader.meta import (
    _extends_broken,
    _future_format,
    _inherit_meta,
    _meta_origin,
    _meta_problem,
    _unknown_systems,
)
from generator.packs.loader.resolve import _resolved, _validate
from generator.packs.model import CURRENT_FORMAT, ITEM_SECTIONS, PackMeta
from generator.packs.references import Checked, check_references
from generator.packs.resolved import ResolvedPack
from generator.packs.translations import missing_texts, translation_problem


@dataclass
class Inspection:
    """Everything learned while loading one pack (with its chain)."""

    name: str
    problems: list[Problem]
    pack: ResolvedPack | None
    checked: dict[str, list[Checked]] = field(default_factory=dict)
    meta: PackMeta | None = None
    meta_origin: Origin | None = None
    # pack id -> the format it declares (generator.packs.formats); 1 when it says nothing
    formats: dict[str, int] = field(default_factory=dict)
    # problems of rules newer than the format of the pack that wrote the item: warnings
    # (with the note saying so), never a reason to refuse the pack
    compat: list[Problem] = field(default_factory=list)

    def missing_translations(self, lang: str, *, own_only: bool = True) -> list[Problem]:
        """Missing ``lang`` texts (of the leaf pack's own items when ``own_only``), those a
        newer format requires included (see :meth:`translation_gaps`)."""
        binding, compat = self.translation_gaps(lang, own_only=own_only)
        return sorted(binding + compat)

    def translation_gaps(
        self, lang: str, *, own_only: bool = True
    ) -> tuple[list[Problem], list[Problem]]:
        """(gaps, compat gaps): missing ``lang`` texts; ``compat`` are the texts format 1
        read as names (a migration object's ``source.system`` ...), in an item written by a
        pack still in format 1: warnings with the upgrade note, even with ``--strict``."""
        problems: list[Problem] = []
        compat: list[Problem] = []
        leaf = self.meta.id if self.meta is not None else self.name
        if self.meta is not None and self.meta_origin is not None:
            origin = self.meta_origin
            for path in missing_texts(self.meta, lang):
                problems.append(
                    translation_problem(
                        f"pack '{leaf}'",
                        path,
                        lang,
                        lambda sub, msg, o=origin: o.problem(sub, msg),
                    )
                )
        for items in self.checked.values():
            for checked in items:
                raw = checked.raw
                if own_only and raw.where.pack != leaf:
                    continue
                for path in missing_texts(checked.item, lang):
                    author = raw.locate(path).pack
                    if own_only and author != leaf:
                        continue
                    gap = translation_problem(raw.label(), path, lang, raw.problem)
                    fmt = self.formats.get(author, CURRENT_FORMAT)
                    if is_format_1_name(raw.section, path) and not enforced("texts-of-names", fmt):
                        compat.append(as_warning(gap, "texts-of-names", author))
                    else:
                        problems.append(gap)
        return sorted(problems), sorted(compat)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a pack is read.

    Reading a pack makes hundreds of thousands of small objects that live until the
    pack is loaded (YAML nodes with positions, raw dicts, pydantic models), and none
    of them form cycles worth collecting early. Each automatic collection of the
    oldest generation walks all of them again: two thirds of the load time of a
    large pack (50,000 tasks: 15.2 s with the collector, 4.9 s without). It runs
    again, as before, once the pack is loaded.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def inspect_pack(
    name_or_path: str | Path, packs_dir: Path | None = None, overlay: Layer | None = None
) -> Inspection:
    """Load a pack and its chain, collecting every problem (raises only for an unknown pack).

    ``overlay`` (a project's project.yaml items, :mod:`generator.overlay`) is merged as
    the last link of the chain.
    """
    with _collector_paused():
        return _inspect_pack(name_or_path, packs_dir, overlay)


def _inspect_pack(
    name_or_path: str | Path, packs_dir: Path | None, overlay: Layer | None = None
) -> Inspection:
    leaf_dir = pack_dir(name_or_path, packs_dir)
    leaf = read_folder(leaf_dir)
    problems = list(leaf.problems)
    chain = [leaf]
    while chain[0].extends is not None:
        child = chain[0]
        parent_name = child.extends
        assert parent_name is not None
        where = child.meta_origin
        ids = [f.layer.id for f in chain]
        if parent_name in ids:
            loop = " → ".join([*reversed(ids[: ids.index(parent_name) + 1]), parent_name])
            message = (
                f"'extends' loop: {loop}; a pack cannot extend itself, directly or through others"
            )
            problems.append(_meta_problem(where, child, ("extends",), message))
            break
        sibling = child.path.resolve().parent / parent_name
        try:
            known = available_packs(packs_dir)
        except InputError as err:
            problems += err.problems
            break
        if _is_pack_dir(sibling):
            known[parent_name] = sibling
        if parent_name not in known:
            nearby = [p.name for p in child.path.resolve().parent.iterdir() if _is_pack_dir(p)]
            message = "extends: " + unknown_pack_message(
                parent_name, sorted({k for k in [*known, *nearby] if k not in ids})
            )
            problems.append(_meta_problem(where, child, ("extends",), message))
            break
        if known[parent_name].resolve() in [f.path.resolve() for f in chain]:
            message = (
                f"extends: '{parent_name}' is this pack's own folder (or one of its children); "
                "a pack cannot extend itself — check 'id' and 'extends'"
            )
            problems.append(_meta_problem(where, child, ("extends",), message))
            break
        parent = read_folder(known[parent_name])
        problems += parent.problems
        chain.insert(0, parent)
    future = _future_format(chain)
    if future:  # keys of a newer format would all read as mistakes: say only what to do
        return Inspection(str(name_or_path), future, None, {}, None, leaf.meta_origin)
    if len(problems) > len(leaf.problems) and _extends_broken(problems):
        # root cause first: without its parent every link to the parent's items would be
        # reported as unknown, in files that are fine
        return Inspection(
            str(name_or_path), sorted(set(problems)), None, {}, None, leaf.meta_origin
        )
    state = MergeState()
    parent_label: str | None = None
    for folder in chain:
        problems += merge_layer(state, folder.layer, parent_label)
        parent_label = folder.layer.id
    if overlay is not None:  # the project's own items (project.yaml), last
        problems += merge_layer(state, overlay, parent_label)
    meta: PackMeta | None = None
    if leaf.meta is not None and leaf.meta_origin is not None:
        meta = _validate(PackMeta, leaf.meta, leaf.meta_origin, None, "pack", problems)  # type: ignore[assignment]
    for folder in chain[:-1]:
        if folder.meta is not None and folder.meta_origin is not None:
            _validate(PackMeta, folder.meta, folder.meta_origin, None, "pack", problems)
    if meta is not None:
        meta = _inherit_meta(meta, chain)
    checked: dict[str, list[Checked]] = {}
    for section, model in ITEM_SECTIONS.items():
        checked[section] = []
        for raw in state.sections[section]:
            item = _validate(model, raw.data, raw.where, raw, section, problems)
            if item is not None:
                checked[section].append(Checked(raw, item))  # type: ignore[arg-type]
    if not any(folder.unreadable for folder in chain):
        every_id = {name: [raw.id for raw in items] for name, items in state.sections.items()}
        authors = [folder.layer.id for folder in chain]
        problems += check_references(
            checked,
            state.removed,
            every_id,
            authors,
            meta=meta,
            meta_origin=_meta_origin(chain, ("rollout", "next_wave_after", "id")),
        )
    formats = {folder.layer.id: folder.format for folder in chain}
    compat: list[Problem] = []
    for author, problem in _unknown_systems(chain, checked):
        if enforced("when-systems", formats.get(author, CURRENT_FORMAT)):
            problems.append(problem)
        else:
            compat.append(as_warning(problem, "when-systems", author))
    resolved: ResolvedPack | None = None
    if not problems and meta is not None:
        resolved = _resolved(meta, chain, checked)
    return Inspection(
        str(name_or_path),
        sorted(set(problems)),
        resolved,
        checked,
        meta,
        leaf.meta_origin,
        formats,
        sorted(set(compat)),
    )


def read_pack(
    name_or_path: str | Path, packs_dir: Path | None = None, overlay: Layer | None = None
) -> ResolvedPack:
    """A resolved pack read from its YAML (with the project's ``overlay`` when given), or
    InputError listing every problem found (:func:`generator.packs.loader.load_pack`
    takes a built-in pack's compiled form first)."""
    inspection = inspect_pack(name_or_path, packs_dir, overlay)
    if inspection.problems or inspection.pack is None:
        raise InputError(
            inspection.problems or [Problem(str(name_or_path), 0, 0, "pack could not be loaded")]
        )
    return inspection.pack

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
    :class:`~generator.errors.InputError` listing every problem found.
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
"""

from __future__ import annotations

import gc
import importlib.resources
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import InputError, Problem
from generator.kit_model import Source
from generator.packs.formats import as_warning, declared_format, enforced, is_format_1_name
from generator.packs.hints import SINGULAR, did_you_mean, explain_errors
from generator.packs.inherit import Layer, MergeState, Origin, RawItem, as_list, merge_layer
from generator.packs.model import (
    CURRENT_FORMAT,
    ITEM_SECTIONS,
    LocalizedText,
    PackFile,
    PackMeta,
    Text,
)
from generator.packs.references import Checked, check_references
from generator.packs.resolved import Located, ResolvedPack
from generator.packs.translations import missing_texts, translation_problem
from generator.packs.yamlio import YamlDoc, load_yaml

BUILTIN_PACKAGE = "industry_packs"
PACK_SUFFIXES = (".yaml", ".yml")


# --- finding packs -------------------------------------------------------------------


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


# --- reading one folder ----------------------------------------------------------------


@dataclass
class Folder:
    """One pack folder as read from disk."""

    path: Path
    layer: Layer
    meta: dict[str, Any] | None
    meta_origin: Origin | None
    problems: list[Problem]
    unreadable: bool = False  # a file could not be read: references would be guesses

    @property
    def extends(self) -> str | None:
        value = (self.meta or {}).get("extends")
        return value if isinstance(value, str) else None

    @property
    def format(self) -> int:
        """The pack format this folder declares (1 when it says nothing)."""
        return declared_format(self.meta)


def read_folder(path: Path) -> Folder:
    """Read every pack file of ``path``; collect problems instead of stopping."""
    problems: list[Problem] = []
    files = sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
    if not files:
        problems.append(
            Problem(
                display(path),
                0,
                0,
                "no .yaml files here; a pack folder holds pack.yaml and more *.yaml files",
            )
        )
    docs: list[YamlDoc] = []
    unreadable: list[Path] = []
    for file in files:
        try:
            docs.append(load_yaml(Path(display(file))))
        except InputError as err:
            problems += err.problems
            unreadable.append(file)
    docs.sort(key=lambda d: "pack" not in d.data)  # the pack: file first, then by name
    metas: list[tuple[YamlDoc, Any]] = [(d, d.data["pack"]) for d in docs if "pack" in d.data]
    pack_id = path.name
    meta: dict[str, Any] | None = None
    if metas and isinstance(metas[0][1], dict) and isinstance(metas[0][1].get("id"), str):
        pack_id = metas[0][1]["id"]
    layer = Layer(pack_id, {name: [] for name in ITEM_SECTIONS}, [])
    meta_origin: Origin | None = None
    rel = {id(d): Path(d.file).name for d in docs}
    if not metas and docs:
        problems.append(
            Problem(
                display(path),
                0,
                0,
                "no file has a 'pack:' section; add pack.yaml with 'pack:' and its id, name and version",
            )
        )
    for index, (doc, value) in enumerate(metas):
        if index == 0:
            meta_origin = Origin(doc, ("pack",), pack_id, rel[id(doc)])
            if isinstance(value, dict):
                meta = value
            else:
                problems.append(
                    doc.problem(("pack",), "'pack:' must be a mapping with id, name, version...")
                )
        else:
            first = metas[0][0]
            problems.append(
                doc.problem(
                    ("pack",),
                    f"a second 'pack:' section (the first is in {rel[id(first)]}:"
                    f"{first.where(('pack',), key=True)[0]}); a pack has exactly one — delete this one",
                    key=True,
                )
            )
    for doc in docs:
        problems += _read_doc(doc, layer, rel[id(doc)])
    return Folder(path, layer, meta, meta_origin, problems, bool(unreadable))


def _read_doc(doc: YamlDoc, layer: Layer, rel: str) -> list[Problem]:
    problems: list[Problem] = []
    sections = list(PackFile.model_fields)
    for key, value in doc.data.items():
        if key == "pack":
            continue
        if key == "remove":
            for index, entry in enumerate(as_list(value)):
                sub = ("remove", index) if isinstance(value, list) else ("remove",)
                if isinstance(entry, str):
                    layer.removes.append((Origin(doc, sub, layer.id, rel), entry))
                else:
                    problems.append(
                        doc.problem(
                            sub, "remove: list the ids to drop, e.g. remove: [base.some-task]"
                        )
                    )
            continue
        if key not in ITEM_SECTIONS:
            hint = did_you_mean(key, sections)
            tail = hint or f"; sections are: {', '.join(sections)}"
            problems.append(doc.problem((key,), f"unknown section '{key}'{tail}", key=True))
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(
                doc.problem(
                    (key,), f"'{key}' must be a list of items, each starting with '- id: ...'"
                )
            )
            continue
        for index, raw in enumerate(value):
            where = Origin(doc, (key, index), layer.id, rel)
            if not isinstance(raw, dict):
                problems.append(
                    where.problem(
                        (), f"each entry of '{key}' must be a mapping starting with '- id: ...'"
                    )
                )
                continue
            item_id = raw.get("id")
            if item_id is None:
                problems.append(
                    where.problem(
                        (), f"this {SINGULAR[key]} has no 'id'; add 'id: ...' (a short unique name)"
                    )
                )
                continue
            if not isinstance(item_id, str):
                problems.append(
                    where.problem(("id",), f"'id' must be text; put {item_id!r} in quotes")
                )
                continue
            layer.items[key].append((where, raw))
    return problems


def read_meta(path: Path) -> dict[str, Any]:
    """The raw ``pack:`` mapping of a pack folder (``pack.yaml`` first), or ``{}``.

    Cheap: for listing packs without loading them; problems are ignored here.
    """
    first = path / "pack.yaml"
    candidates = [first] if first.is_file() else []
    candidates += sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p != first)
    for file in candidates:
        try:
            data = load_yaml(file).data
        except InputError:
            continue
        if isinstance(data.get("pack"), dict):
            meta: dict[str, Any] = data["pack"]
            return meta
    return {}


# --- a whole chain ------------------------------------------------------------------------


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


# pack-level rules a child pack inherits from its parents (field by field, the child's win)
INHERITED_META = ("rollout", "status_thresholds")


def _inherit_meta(meta: PackMeta, chain: list[Folder]) -> PackMeta:
    """The leaf's ``pack:`` with the rules of :data:`INHERITED_META` merged along the chain
    (mappings merged key by key, root first; lists and values replaced). A parent whose own
    ``pack:`` is broken is reported where it is; the leaf then keeps only its own rules."""
    merged: dict[str, Any] = {}
    for folder in chain:
        for key in INHERITED_META:
            value = (folder.meta or {}).get(key)
            if isinstance(value, dict):
                merged[key] = _deep(merged.get(key, {}), value)
    if not merged:
        return meta
    try:
        return PackMeta.model_validate({**meta.model_dump(exclude=set(merged)), **merged})
    except ValidationError:
        return meta


def _deep(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    out = dict(old)
    for key, value in new.items():
        out[key] = (
            _deep(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def _meta_origin(chain: list[Folder], path: tuple[str, ...]) -> Origin | None:
    """The ``pack:`` section that last wrote ``path``; None when no pack of the chain
    wrote it (a default is not checked: it names base's task, and a pack that does not
    extend base may never roll out in waves)."""
    for folder in reversed(chain):
        value: Any = folder.meta
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and folder.meta_origin is not None:
            return folder.meta_origin
    return None


def _future_format(chain: list[Folder]) -> list[Problem]:
    """The ``format:`` lines of packs written for a newer implkit (the only problem shown)."""
    found: list[Problem] = []
    for folder in chain:
        value = (folder.meta or {}).get("format")
        if isinstance(value, int) and not isinstance(value, bool) and value > CURRENT_FORMAT:
            found.append(
                _meta_problem(
                    folder.meta_origin,
                    folder,
                    ("format",),
                    f"pack '{folder.layer.id}' is written in format {value}, newer than this "
                    f"implkit reads (formats 1 to {CURRENT_FORMAT}): update implkit "
                    "(pip install -U implkit), then run the command again",
                )
            )
    return found


def _extends_broken(problems: list[Problem]) -> bool:
    """True when one of ``problems`` is an ``extends`` loop, self-reference or unknown parent."""
    return any(p.message.startswith(("extends:", "'extends' loop")) for p in problems)


def _unknown_systems(
    chain: list[Folder], checked: dict[str, list[Checked]]
) -> list[tuple[str, Problem]]:
    """``when: {systems: [...]}`` naming a system no pack of the chain lists, as (the pack
    that wrote the condition, problem).

    Such a condition can never hold, so the item would silently never appear.
    Systems compare case-insensitively, as :mod:`generator.conditions` does.
    """
    declared: dict[str, str] = {}
    for folder in chain:
        if isinstance(folder.meta, dict):
            for name in as_list(folder.meta.get("systems")):
                declared.setdefault(str(name).upper(), str(name))
    if not declared:
        return []
    problems: list[tuple[str, Problem]] = []
    for items in checked.values():
        for entry in items:
            when = getattr(entry.item, "when", None)
            for index, name in enumerate(getattr(when, "systems", None) or []):
                if name.upper() not in declared:
                    author = entry.raw.locate(("when",)).pack
                    problems.append(
                        (
                            author,
                            entry.raw.problem(
                                ("when", "systems", index),
                                f"{entry.raw.label()}: when: systems: {name!r} is not a system of "
                                f"this pack ({', '.join(declared.values())})"
                                f"{did_you_mean(name, declared.values())}; the item would never "
                                "be in a kit — correct the name or add it to the pack's systems",
                            ),
                        )
                    )
    return problems


def _meta_problem(
    where: Origin | None, folder: Folder, sub: tuple[str, ...], message: str
) -> Problem:
    if where is None:
        return Problem(display(folder.path), 0, 0, message)
    return where.problem(sub, message)


def _validate(
    model: type[BaseModel],
    data: dict[str, Any],
    origin: Origin,
    raw: RawItem | None,
    section: str,
    problems: list[Problem],
) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        label = raw.label() if raw is not None else "pack"
        for path, message, at_key in explain_errors(err, model, data):
            if raw is not None:
                problems.append(raw.problem(path, f"{label}: {message}", key=at_key))
            else:
                problems.append(origin.problem(path, f"{label}: {message}", key=at_key))
        return None


def _resolved(
    meta: PackMeta, chain: list[Folder], checked: dict[str, list[Checked]]
) -> ResolvedPack:
    def located(section: str) -> tuple[Located[Any], ...]:
        return tuple(
            Located(c.item, Source(c.raw.where.pack, c.raw.where.rel, c.raw.where.line))
            for c in checked[section]
        )

    return ResolvedPack(
        meta=meta,
        chain=tuple(f.layer.id for f in chain),
        dirs=tuple(f.path for f in chain),
        roles=located("roles"),
        phases=located("phases"),
        gates=located("gates"),
        tasks=located("tasks"),
        ceremonies=located("ceremonies"),
        risks=located("risks"),
        stakeholders=located("stakeholders"),
        migration=located("migration"),
        cutover=located("cutover"),
        audiences=located("audiences"),
        courses=located("courses"),
        support=located("support"),
        lessons=located("lessons"),
        skills=located("skills"),
        blackouts=located("blackouts"),
        templates=located("templates"),
        names=tuple(_display_name(f) for f in chain),
    )


def _display_name(folder: Folder) -> Text:
    """The ``pack: name`` of ``folder`` as a Text (its id when the name is missing or bad)."""
    value = (folder.meta or {}).get("name")
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, dict):
        try:
            return LocalizedText.model_validate(value)
        except ValueError:
            pass
    return folder.layer.id


def load_pack(
    name_or_path: str | Path, packs_dir: Path | None = None, overlay: Layer | None = None
) -> ResolvedPack:
    """A resolved pack (with the project's ``overlay`` when given), or InputError listing
    every problem found."""
    inspection = inspect_pack(name_or_path, packs_dir, overlay)
    if inspection.problems or inspection.pack is None:
        raise InputError(
            inspection.problems or [Problem(str(name_or_path), 0, 0, "pack could not be loaded")]
        )
    return inspection.pack

"""Reading one pack folder: every YAML file with its positions, the sections and the
shape of each item checked, the ``pack:`` metadata found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.packs.formats import declared_format
from generator.packs.hints import SINGULAR, did_you_mean
from generator.packs.inherit import Layer, Origin, as_list
from generator.packs.loader.find import PACK_SUFFIXES, display
from generator.packs.model import ITEM_SECTIONS, PackFile
from generator.packs.yamlio import YamlDoc, load_yaml


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

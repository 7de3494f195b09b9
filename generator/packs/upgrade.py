"""``implkit packs upgrade``: rewrite a pack to the current format, as a person would.

What changes from format 1 to 2 (:mod:`generator.packs.formats`):

* ``format: 2`` is written into the ``pack:`` section, right after ``version:``;
* every text format 1 read as a name (a migration object's ``source.system``,
  ``source.table``, ``approach.tool``, a written ``reconciliation.tolerance``) that
  lacks a language the pack ships becomes ``{en: ..., zh: ...}``. The missing side
  comes from the translation memory: the same text written in both languages
  elsewhere in the pack, its parents or the built-in packs (``legacy ERP`` →
  ``原 ERP``). Where the memory has none, the text is written for both languages,
  as format 1 showed it in both, and the change is marked *translate*: the kit
  shows the same words as before, and the list says what a translator should look at.

Only the pack's own files change, with ruamel.yaml round trip (comments, quoting,
order, blank lines kept; :mod:`generator.packs.roundtrip`). Nothing is written unless
the rewritten pack loads without errors (checked on a copy first); ``pack.yaml`` is
written last, so an interrupted upgrade leaves a valid format-1 pack. What the upgraded
pack still lacks for ``--strict`` (a rule no rewrite can satisfy, such as audience
shares adding up past 1) is returned as ``remaining``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.pack_checks import validate_paths
from generator.packs.formats import FIRST_FORMAT, is_format_1_name
from generator.packs.loader import (
    PACK_SUFFIXES,
    Inspection,
    available_packs,
    builtin_packs,
    display,
    inspect_pack,
    pack_dir,
)
from generator.packs.model import CURRENT_FORMAT, LocalizedText, text_in
from generator.packs.roundtrip import PackFiles, flow, write_atomic
from generator.packs.translations import field_label, text_fields
from generator.packs.yamlio import load_yaml

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Change:
    """One edit: where (file, line, col as before the edit), what, and what a person should
    do about it: ``translate`` the text the upgrade copied into the other language, or
    ``check`` a translation derived from a similar one (``note`` says which)."""

    file: str
    line: int
    col: int
    what: str
    translate: bool = False
    check: str = ""

    def __str__(self) -> str:
        mark = " — translate it" if self.translate else ""
        if self.check:
            mark = f" — check it (made like {self.check})"
        return f"{self.file}:{self.line}:{self.col}: {self.what}{mark}"


@dataclass
class UpgradeResult:
    """What :func:`upgrade_pack` did (or, with ``dry_run``, would do)."""

    folder: Path
    pack: str
    old_format: int
    new_format: int
    changes: list[Change] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the files rewritten
    remaining: list[Problem] = field(default_factory=list)  # --strict errors left to fix
    written: bool = False

    @property
    def to_translate(self) -> int:
        return sum(1 for c in self.changes if c.translate)


def translation_memory(
    folders: list[Path],
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(en → (en, zh), zh → en): texts written as ``{en: ..., zh: ...}`` in the YAML files
    of ``folders``; en keys casefolded; the most frequent pairing wins, ties by text."""
    pairs: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        for file in sorted(folder.iterdir()):
            if file.suffix not in PACK_SUFFIXES or not file.is_file() or file.is_symlink():
                continue
            for en, zh in _file_pairs(file):
                pairs[(en.strip(), zh.strip())] += 1
    to_zh: dict[str, tuple[str, str]] = {}
    to_en: dict[str, str] = {}
    for (en, zh), _count in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        to_zh.setdefault(en.casefold(), (en, zh))
        to_en.setdefault(zh, en)
    return to_zh, to_en


_CODE = re.compile(r"^[A-Z0-9][A-Z0-9/&+._-]*$")  # ERP, POS, HL7, S/4


def derive(text: str, memory: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """A zh text for ``text`` from a remembered one that differs only in one code word kept
    as it is in its zh (``legacy POS`` from ``legacy ERP`` → ``原 ERP``: ``原 POS``), and the
    remembered pair it was made from; None when no such pair exists."""
    words = text.split()
    for index, word in enumerate(words):
        if not _CODE.match(word):
            continue
        for key, (other, zh) in sorted(memory.items()):
            theirs = key.split()
            if len(theirs) != len(words) or theirs[:index] + theirs[index + 1 :] != [
                w.casefold() for w in words[:index] + words[index + 1 :]
            ]:
                continue
            code = other.split()[index]
            if _CODE.match(code) and code != word and zh.count(code) == 1:
                return zh.replace(code, word), f"'{other}' → '{zh}'"
    return None


# a YAML file's content sha256 -> its (en, zh) texts: a process that upgrades several packs
# (or the test session) parses the ~210 files of the built-in packs once, not per upgrade
_FILE_PAIRS: dict[bytes, tuple[tuple[str, str], ...]] = {}


def _file_pairs(file: Path) -> tuple[tuple[str, str], ...]:
    """The ``{en: ..., zh: ...}`` texts of one YAML file, in file order; none when it
    cannot be read or parsed. Parsed once per content."""
    from generator.readers import file_digest

    try:
        key = file_digest(file)
    except InputError:
        return ()
    found = _FILE_PAIRS.get(key)
    if found is None:
        try:
            found = tuple(_pairs(load_yaml(file).data))
        except InputError:
            found = ()
        _FILE_PAIRS[key] = found
    return found


def _pairs(value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        en, zh = value.get("en"), value.get("zh")
        if isinstance(en, str) and isinstance(zh, str) and en.strip() and zh.strip():
            yield en, zh
        for child in value.values():
            yield from _pairs(child)
    elif isinstance(value, list):
        for child in value:
            yield from _pairs(child)


def upgrade_pack(
    path: str | Path, *, dry_run: bool = False, packs_dir: Path | None = None
) -> UpgradeResult:
    """Rewrite the pack at ``path`` (a folder, or a pack id) to :data:`CURRENT_FORMAT`.

    Returns what changed; with ``dry_run`` nothing is written. Raises
    :class:`~generator.errors.InputError` (exit 2, nothing written) when the pack does not
    load today (fix that first), when the rewritten pack would not load, or when a file
    that must change cannot be rewritten without reformatting it (the edits to make by
    hand are named).
    """
    folder = pack_dir(path, packs_dir)
    inspection = inspect_pack(folder, packs_dir)
    if inspection.problems or inspection.pack is None or inspection.meta is None:
        raise InputError(
            [
                Problem(p.file, p.line, p.col, f"{p.message} (fix this first, then upgrade)")
                for p in inspection.problems
            ]
            or [Problem(display(folder), 0, 0, "the pack could not be loaded")]
        )
    pack = inspection.pack
    leaf = pack.meta.id
    old = inspection.formats.get(leaf, FIRST_FORMAT)
    result = UpgradeResult(folder, leaf, old, max(old, CURRENT_FORMAT))
    files = PackFiles(folder)
    if old < 2:
        _texts_of_names(inspection, folder, files, result, packs_dir)
    if old < CURRENT_FORMAT:
        _format_line(inspection, files, result)
    changed = files.changed()
    unfaithful = [name for name in changed if not files.faithful(name)]
    if unfaithful:
        raise InputError(
            [
                Problem(
                    c.file,
                    c.line,
                    c.col,
                    f"cannot rewrite this file without changing its layout; make this edit "
                    f"by hand: {c.what}",
                )
                for c in result.changes
                if Path(c.file).name in unfaithful
            ]
        )
    result.files = [folder / name for name in changed]
    result.remaining = _check_copy(folder, changed, packs_dir)
    if not dry_run and changed:
        # pack.yaml (the format line) last: an interrupted upgrade leaves format 1
        order = sorted(changed, key=lambda name: "pack" in files.docs[name])
        for name in order:
            write_atomic(folder / name, changed[name][1], crlf=files.crlf.get(name, False))
        result.written = True
    result.changes.sort(key=lambda c: (c.file, c.line, c.col))
    return result


def _check_copy(
    folder: Path, changed: dict[str, tuple[str, str]], packs_dir: Path | None
) -> list[Problem]:
    """--strict errors of the rewritten pack (checked on a copy); InputError if it would
    not load at all."""
    with tempfile.TemporaryDirectory(prefix="implkit-upgrade-") as tmp:
        copy = Path(tmp) / folder.resolve().name
        shutil.copytree(folder, copy, symlinks=True)
        for name, (_old, new) in changed.items():
            (copy / name).write_text(new, encoding="utf-8", newline="\n")
        # the parent is looked up next to the pack first: offer the original's neighbours
        siblings = folder.resolve().parent
        lookup = packs_dir if packs_dir is not None else siblings
        loads = validate_paths([copy], packs_dir=lookup)
        strict = validate_paths([copy], strict=True, packs_dir=lookup)

        def back(problem: Problem) -> Problem:
            shown = problem.file.replace(str(copy), display(folder))
            return Problem(shown, problem.line, problem.col, problem.message)

        if not loads.ok:
            raise InputError(
                [
                    Problem(p.file, p.line, p.col, f"after the upgrade: {p.message}")
                    for p in map(back, loads.errors)
                ]
            )
        return [back(p) for p in strict.errors]


def _texts_of_names(
    inspection: Inspection,
    folder: Path,
    files: PackFiles,
    result: UpgradeResult,
    packs_dir: Path | None,
) -> None:
    """``{en: ..., zh: ...}`` for each format-1 name of the pack's own migration objects."""
    assert inspection.pack is not None and inspection.meta is not None
    leaf = inspection.meta.id
    langs = list(inspection.meta.languages)
    memory_dirs = list(inspection.pack.dirs)
    try:  # the built-in packs too, also where --packs-dir has packs of the same names
        others = [*available_packs(packs_dir).values(), *builtin_packs().values()]
    except InputError:
        others = list(builtin_packs().values())
    memory_dirs += [p for p in others if p not in memory_dirs]
    to_zh, to_en = translation_memory(memory_dirs)
    for checked in inspection.checked.get("migration", []):
        raw = checked.raw
        for path, value in text_fields(checked.item):
            if not is_format_1_name("migration", path) or not isinstance(value, str):
                continue
            origin = raw.locate(path)
            if origin.pack != leaf or not value.strip():
                continue
            missing = [lang for lang in langs if text_in(value, lang) is None]
            if not missing:
                continue
            check = ""
            found: str | None
            if _CJK.search(value):
                found = to_en.get(value.strip())
                en, zh = found or value, value
            else:
                known = to_zh.get(value.strip().casefold())
                found = known[1] if known else None
                if found is None and (made := derive(value.strip(), to_zh)) is not None:
                    found, check = made
                en, zh = value, found or value
            guessed = found is None
            name = origin.rel
            doc = files.doc(name)
            node: Any = doc
            for key in (*origin.path, *path[:-1]):
                node = node[key]
            node[path[-1]] = flow({"en": en, "zh": zh})
            line, col = origin.doc.where((*origin.path, *path))
            text = _show(LocalizedText(en=en, zh=zh))
            result.changes.append(
                Change(
                    display(folder / name),
                    line,
                    col,
                    f"{raw.label()}: {field_label(path)} {value!r} → {text}",
                    translate=guessed,
                    check=check,
                )
            )


def _show(text: LocalizedText) -> str:
    return f"{{en: {text.en}, zh: {text.zh}}}"


def _format_line(inspection: Inspection, files: PackFiles, result: UpgradeResult) -> None:
    """``format: CURRENT_FORMAT`` in the ``pack:`` section, right after ``version:``."""
    origin = inspection.meta_origin
    assert origin is not None
    doc = files.doc(origin.rel)
    meta = doc["pack"]
    keys = list(meta.keys())
    if "format" in meta:
        meta["format"] = CURRENT_FORMAT
    else:
        position = keys.index("version") + 1 if "version" in keys else len(keys)
        meta.insert(position, "format", CURRENT_FORMAT)
    line, col = origin.doc.where(("pack", "version"), key=True)
    result.changes.append(
        Change(
            display(files.folder / origin.rel),
            line + 1,
            col,
            f"pack: format: {CURRENT_FORMAT} (was {result.old_format})",
        )
    )

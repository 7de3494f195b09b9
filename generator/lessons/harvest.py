"""``implkit lessons harvest``: the lessons a project shared, back into its pack.

Input: one or more kit folders (a folder holding ``project.yaml``) or folders of
kits (each sub-folder with a ``project.yaml``). From each kit's plan workbook the
lessons register is read (:mod:`generator.lessons.register`); every row whose
"Share with pack" says yes is harvested.

Merge rules (decisions):

* A row whose id the pack already has (a pack lesson the team confirmed, or a
  lesson an earlier harvest added) is **merged**: the project is appended to the
  lesson's ``provenance`` (project, client, date, phase, the team's note) unless
  the same project and date are there already. Curated texts are never
  overwritten; a language the lesson lacks is filled from a lesson the team
  wrote itself (so a zh project can translate an en harvest).
* A lesson of a parent pack gets an ``override: true`` entry in this pack's
  lessons file carrying the provenance (parent's entries first).
* A new row becomes a new lesson: its id is the typed id, or
  ``<prefix>.lesson-<slug of the title>`` (pinyin for Chinese titles) where the
  prefix is the one the pack's lessons use; so the same lesson shared by two
  kits merges. Texts are written in the kit's language as ``{en: ...}`` or
  ``{zh: ...}``: bilingual-ready, ``packs validate --lang <other>`` lists what
  to translate.
* The file is edited with ruamel.yaml round trip: comments, quoting, order and
  layout of everything else stay as they were (CRLF files stay CRLF).
* Nothing is written unless the whole pack still validates (checked on a copy);
  ``dry_run`` only returns the unified diff.
"""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _, language
from generator.lessons.register import RecordedLesson, read_register
from generator.packs.model import ID_PATTERN, text_in
from generator.packs.roundtrip import SCHEMA_LINE, PackFiles, dq, flow, new_seq, write_atomic
from generator.registry import path_of

PLAN_FILE = Path(*path_of("plan").split("/"))
LESSONS_FILE = "lessons.yaml"
_TEXTS = ("title", "trigger", "pitfall", "advice")
_ALL_PHASES = {"all phases", "全部阶段"}  # what the register shows for a lesson without phase


@dataclass(frozen=True)
class KitLessons:
    """The shared rows of one kit and who recorded them."""

    folder: Path
    workbook: Path
    project: str
    client: str
    lang: str
    rows: tuple[RecordedLesson, ...]


@dataclass
class HarvestResult:
    """What a harvest did (or would do, with ``dry_run``)."""

    added: list[str] = field(default_factory=list)  # new lesson ids
    merged: list[str] = field(default_factory=list)  # ids that got a provenance entry
    files: list[Path] = field(default_factory=list)  # pack files changed
    diff: str = ""  # unified diff of every changed file
    kits: int = 0
    shared: int = 0  # rows marked to share
    untranslated: int = 0  # new texts written in one language only


def find_kits(paths: list[Path]) -> list[Path]:
    """Kit folders: each path itself when it holds project.yaml, else its sub-folders that do.

    Raises InputError naming every path that holds no kit.
    """
    kits: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if (path / "project.yaml").is_file():
            kits.append(path)
            continue
        found = (
            sorted(p for p in path.iterdir() if (p / "project.yaml").is_file())
            if path.is_dir()
            else []
        )
        if not found:
            problems.append(
                Problem(
                    str(path),
                    0,
                    0,
                    _(
                        "no project.yaml here or in its sub-folders; give a kit folder made by "
                        "`implkit new` or a folder of such kits"
                    ),
                )
            )
        kits.extend(found)
    if problems:
        raise InputError(problems)
    return kits


def _plan_workbook(kit: Path) -> Path:
    from generator.workspace.manifest import Manifest

    manifest = Manifest.read(kit)
    if manifest is not None:
        for entry in manifest.files:
            if entry.kind == "plan":
                return kit / Path(*entry.path.split("/"))
    return kit / PLAN_FILE


def read_kit(kit: Path) -> KitLessons:
    """The rows of a kit's register marked to share (InputError when it has no plan)."""
    from generator.project import load_project

    spec = load_project(kit / "project.yaml")
    workbook = _plan_workbook(kit)
    if not workbook.is_file():
        raise InputError(
            Problem(
                str(workbook), 0, 0, _("no plan workbook; run `implkit build` in the kit first")
            )
        )
    rows = tuple(r for r in read_register(workbook) if r.share)
    return KitLessons(
        folder=kit,
        workbook=workbook,
        project=spec.name or spec.slug or kit.name,
        client=spec.client or "",
        lang=spec.lang or "en",
        rows=rows,
    )


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-' (Chinese through pinyin), at most 48 characters."""
    if re.search(r"[\u3400-\u9fff]", text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 48:
            break
        out = f"{out}-{word}" if out else word
    return out or "lesson"


class _PackFiles(PackFiles):
    """The pack's YAML files with the lessons lists this harvest appends to."""

    def lessons(self, name: str) -> Any:
        doc = self.doc(name, new_text=SCHEMA_LINE + "lessons: []\n")
        if not doc.get("lessons"):
            doc["lessons"] = new_seq()
        return doc["lessons"]

    def append(self, name: str, seq: Any, entry: Any) -> None:
        """Append ``entry`` to a lessons list; a blank line before it when the file spaces
        its entries with blank lines (as the shipped packs do)."""
        seq.append(entry)
        if "\n\n  - id:" in self.original.get(name, "") and len(seq) > 1:
            seq.yaml_set_comment_before_after_key(len(seq) - 1, before="\n")


def _entry(seq: Any, lesson_id: str) -> Any:
    for entry in seq:
        if hasattr(entry, "get") and entry.get("id") == lesson_id:
            return entry
    return None


def _fill_language(entry: Any, key: str, lang: str, text: str) -> None:
    """Add ``lang`` to a text the entry lacks in that language (never overwrite)."""
    if not text:
        return
    current = entry.get(key)
    if current is None or current == "":
        entry[key] = flow({lang: dq(text)})
    elif hasattr(current, "get") and not current.get(lang) and text not in current.values():
        current[lang] = dq(text)


def _provenance(kit: KitLessons, row: RecordedLesson, phase: str | None, today: date) -> Any:
    item: dict[str, Any] = {"project": dq(kit.project)}
    if kit.client:
        item["client"] = dq(kit.client)
    item["date"] = dq((row.recorded or today).isoformat())
    if phase:
        item["phase"] = phase
    if row.notes:
        item["note"] = dq(row.notes)
    if row.shared_by:
        item["by"] = dq(row.shared_by)
    return flow(item)


def _add_provenance(entry: Any, new: Any, inherited: list[Any] | None = None) -> bool:
    """Append ``new`` to the entry's provenance unless that project+date is there."""
    seq = entry.get("provenance")
    if seq is None:
        seq = new_seq()
        for old in inherited or []:
            seq.append(flow({k: (dq(v) if isinstance(v, str) else v) for k, v in old.items()}))
        entry["provenance"] = seq
    for old in seq:
        if old.get("project") == new["project"] and old.get("date") == new["date"]:
            return False
    seq.append(new)
    return True


def harvest(
    paths: list[Path],
    pack_dir: Path,
    *,
    dry_run: bool = False,
    packs_dir: Path | None = None,
    today: date | None = None,
) -> HarvestResult:
    """Merge the shared lessons of the kits under ``paths`` into the pack at ``pack_dir``.

    Returns what changed (``diff`` always filled). Raises :class:`InputError` (exit 2,
    nothing written) for a folder without kits, a workbook without a register, a shared
    row that lacks its texts or has an invalid id, or a pack that would not validate.
    """
    from generator.pack_checks import validate_paths
    from generator.packs.loader import inspect_pack

    today = today or date.today()
    if not pack_dir.is_dir():
        raise InputError(
            Problem(str(pack_dir), 0, 0, _("no such pack folder; give --into PACK_DIR"))
        )
    inspection = inspect_pack(pack_dir, packs_dir)
    if inspection.problems or inspection.pack is None:
        raise InputError(inspection.problems)
    pack = inspection.pack
    own_id = pack.meta.id
    phases: dict[str, str] = {}
    for located_phase in pack.phases:
        phase_def = located_phase.item
        phases[phase_def.id.casefold()] = phase_def.id
        for lang in ("en", "zh"):
            name = text_in(phase_def.name, lang)
            if name:
                phases[name.casefold()] = phase_def.id
    phase_list = [text_in(lp.item.name, language()) or lp.item.id for lp in pack.phases]
    known = {located.item.id: located for located in pack.lessons}
    prefixes = Counter(
        i.split(".lesson-")[0] for i in known if ".lesson-" in i and known[i].source.pack == own_id
    )
    prefix = prefixes.most_common(1)[0][0] if prefixes else own_id

    files = _PackFiles(pack_dir)
    own_files = sorted({lo.source.file for lo in known.values() if lo.source.pack == own_id})
    target = LESSONS_FILE if (pack_dir / LESSONS_FILE).is_file() or not own_files else own_files[0]

    result = HarvestResult()
    problems: list[Problem] = []
    kits = [read_kit(kit) for kit in find_kits(paths)]
    result.kits = len(kits)
    for kit in kits:
        for row in kit.rows:
            result.shared += 1
            where = _("sheet '{sheet}' row {row}").format(sheet=row.sheet, row=row.row)
            lesson_id = row.id
            if lesson_id and not re.match(ID_PATTERN, lesson_id):
                problems.append(
                    Problem(
                        str(kit.workbook),
                        row.row,
                        0,
                        _(
                            "{where}: id '{id}' is not a valid id; use lowercase letters, "
                            "digits, '.', '-' (e.g. mfg.lesson-night-shift) or leave it empty"
                        ).format(where=where, id=lesson_id),
                    )
                )
                continue
            phase = phases.get(row.phase.casefold()) if row.phase else None
            if row.phase and phase is None and row.phase.casefold() not in _ALL_PHASES:
                problems.append(
                    Problem(
                        str(kit.workbook),
                        row.row,
                        0,
                        _(
                            "{where}: '{phase}' is not a phase of the pack; use one of: {known}"
                        ).format(where=where, phase=row.phase, known=", ".join(phase_list)),
                    )
                )
                continue
            if lesson_id in known or (lesson_id and _entry(files.lessons(target), lesson_id)):
                located = known.get(lesson_id)
                source_file = target
                if located is not None and located.source.pack == own_id:
                    source_file = located.source.file
                seq = files.lessons(source_file)
                entry = _entry(seq, lesson_id)
                inherited = None
                if entry is None:  # a parent's lesson: an override entry carries the provenance
                    entry = flow({"id": lesson_id, "override": True})
                    entry.fa.set_block_style()
                    files.append(source_file, seq, entry)
                    assert located is not None
                    inherited = [
                        p.model_dump(exclude_defaults=True) for p in located.item.provenance
                    ]
                phase = phase or (located.item.phase if located else None)
                if not entry.get("override"):
                    for key in _TEXTS:
                        _fill_language(entry, key, kit.lang, getattr(row, key))
                added = _add_provenance(entry, _provenance(kit, row, phase, today), inherited)
                if added and lesson_id not in result.merged:
                    result.merged.append(lesson_id)
                continue
            pitfall = row.pitfall or row.notes
            if not (row.title and pitfall and row.advice):
                problems.append(
                    Problem(
                        str(kit.workbook),
                        row.row,
                        0,
                        _(
                            "{where}: a lesson to share needs 'Lesson', 'What went wrong' and "
                            "'What to do instead' (教训标题, 问题经过, 建议做法); fill them in or "
                            "set 'Share with pack' to no"
                        ).format(where=where),
                    )
                )
                continue
            lesson_id = lesson_id or f"{prefix}.lesson-{slug(row.title)}"
            seq = files.lessons(target)
            entry = _entry(seq, lesson_id)
            if entry is None:
                entry = flow({"id": lesson_id})
                entry.fa.set_block_style()
                if phase:
                    entry["phase"] = phase
                for key in _TEXTS:
                    text = pitfall if key == "pitfall" else getattr(row, key)
                    if text:
                        entry[key] = flow({kit.lang: dq(text)})
                        result.untranslated += 1
                files.append(target, seq, entry)
                result.added.append(lesson_id)
            else:
                for key in _TEXTS:
                    _fill_language(entry, key, kit.lang, getattr(row, key))
            _add_provenance(entry, _provenance(kit, row, phase, today))
    if problems:
        raise InputError(problems)

    changed = files.changed()
    result.files = [pack_dir / name for name in changed]
    result.diff = "".join(
        "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
        for name, (old, new) in changed.items()
    )
    if not changed:
        return result
    with tempfile.TemporaryDirectory(prefix="implkit-harvest-") as tmp:
        copy = Path(tmp) / pack_dir.resolve().name
        shutil.copytree(pack_dir, copy)
        for name, (_old, new) in changed.items():
            (copy / name).write_text(new, encoding="utf-8", newline="\n")
        report = validate_paths([copy], packs_dir=packs_dir)
        if not report.ok:
            raise InputError(
                [
                    Problem(
                        p.file.replace(str(copy), str(pack_dir)),
                        p.line,
                        p.col,
                        _("after the harvest: {message}").format(message=p.message),
                    )
                    for p in report.errors
                ]
            )
    if not dry_run:
        for name, (_old, new) in changed.items():
            write_atomic(pack_dir / name, new, crlf=files.crlf.get(name, False))
    return result

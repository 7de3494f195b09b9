"""The install transaction of ``implkit new`` and ``implkit build``: staging area, lock, moves.

1. Everything is written into a staging folder beside the target (same file
   system, so the final moves are atomic renames), under the kit lock. A bad
   input, an exception or Ctrl-C removes the staging folder and leaves the
   target as it was. (:mod:`generator.workspace.stage` fills the staging folder.)
2. Install: a new (or empty) target is replaced by the staged folder in one
   rename. An existing kit is merged file by file: files the consultant has not
   touched are replaced, edited files are kept and the new version is written
   beside them as ``<name>.new.<ext>``; the plan workbook is always replaced
   (its consultant columns were carried into the Kit) and the old one is kept
   in ``.implkit/backups/``. Files the manifest does not list are never
   deleted or overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.errors import InputError, os_error
from generator.i18n import _
from generator.registry import workbooks
from generator.workspace.journal import Transaction, recover
from generator.workspace.locks import (
    check_open_files,
    kit_lock,
    remove_stale_staging,
    staging_prefix,
)
from generator.workspace.manifest import MANIFEST, Manifest, ManifestEntry, kit_path, sha256_file
from generator.workspace.notices import Notice, no_notice

# workbooks rebuilt in place (their consultant cells were carried into the Kit); backup kept
REBUILT_KINDS = tuple(item.kind for item in workbooks())
BACKUPS = Path(".implkit") / "backups"


@dataclass
class Outcome:
    """What a run wrote, for the summary and ``--json``."""

    target: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[tuple[str, str]] = field(default_factory=list)  # (edited file, .new file)
    removed: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    hooks_skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # recovered runs, --force warnings
    files: int = 0
    listing: list[str] = field(default_factory=list)  # a dry run: what it would write

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "files": self.files,
            "written": self.written,
            "unchanged": self.unchanged,
            "kept_edited": [{"file": a, "new": b} for a, b in self.kept_edited],
            "removed": self.removed,
            "backups": self.backups,
            "hooks_skipped": self.hooks_skipped,
            "notes": self.notes,
        }


# --- staging ---------------------------------------------------------------------------


@contextmanager
def staging_area(
    target: Path, *, dry_run: bool = False, notice: Notice = no_notice
) -> Iterator[Path]:
    """A scratch folder beside ``target`` (or in the temp folder for a dry run), always removed.

    Outside a dry run the kit lock (:func:`generator.workspace.locks.kit_lock`) is held
    for the body, an interrupted earlier install is finished or rolled back
    first (:func:`prepare_kit`) and staging folders of killed runs are removed.
    """
    if dry_run:
        area = Path(tempfile.mkdtemp(prefix="implkit-dry-run-"))
        try:
            yield area
        finally:
            shutil.rmtree(area, ignore_errors=True)
        return
    if not target.parent.is_dir():
        raise InputError.at(
            target.parent, 0, 0, _("the parent folder does not exist; create it first")
        )
    with kit_lock(target):
        _recover_locked(target, notice)
        area = target.parent / f"{staging_prefix(target)}{uuid.uuid4().hex[:8]}"
        try:
            area.mkdir(parents=False)
        except OSError as err:
            raise os_error(err, target.parent) from err
        try:
            yield area
        finally:
            shutil.rmtree(area, ignore_errors=True)


def _recover_locked(target: Path, notice: Notice) -> None:
    """Recovery work with the kit lock held; each action is told to ``notice``."""
    for path in remove_stale_staging(target):
        notice(_("removed {path}, the staging folder of an interrupted run").format(path=path))
    if target.is_dir():
        said = recover(target)
        if said:
            notice(f"{target}: {said}")


def prepare_kit(target: Path, notice: Notice = no_notice) -> None:
    """Before reading a kit: finish or roll back an interrupted install (under the kit lock)."""
    if target.is_dir():
        with kit_lock(target):
            _recover_locked(target, notice)


# --- install -----------------------------------------------------------------------------


def is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a target that would lose the user's files (exit 2, nothing changed)."""
    if target.exists() and not target.is_dir():
        raise InputError.at(target, 0, 0, _("exists and is not a folder; choose another --out"))
    if target.is_dir() and not is_empty_dir(target) and not force:
        message = _(
            "the folder is not empty; choose another --out, run `implkit build` on an existing "
            "kit, or pass --force (files implkit did not generate are never deleted)"
        )
        raise InputError.at(target, 0, 0, message)
    if not target.parent.is_dir():
        message = _("the parent folder does not exist; create it first")
        raise InputError.at(target.parent, 0, 0, message)


def _new_name(relative: str) -> str:
    path = Path(relative)
    return (path.parent / f"{path.stem}.new{path.suffix}").as_posix()


def _backup_name(relative: str, stamp: str) -> str:
    path = Path(relative)
    return (BACKUPS / f"{path.stem}-{stamp}{path.suffix}").as_posix()


def install(
    staged: Path,
    manifest: Manifest,
    target: Path,
    *,
    old: Manifest | None,
    outcome: Outcome,
    replace_project_yaml: bool = False,
    backup_stamp: str | None = None,
    force: bool = False,
    state: tuple[str, ...] = (),
    notice: Notice = no_notice,
) -> None:
    """Move the staged kit into ``target`` (see the module docstring for the rules).

    Into an existing kit, every move is one :class:`~generator.workspace.journal.Transaction`:
    all destinations are checked first, then all files are moved or, on any
    failure, none (exit 2 for file-system problems, naming the path).

    ``state``: POSIX paths of the kit's memory between builds (``.implkit/last-build.json``,
    ``.implkit/calendar-history.json``) staged under ``staged``; each one that differs
    from the kit's moves in the same transaction, so they never fall out of step with
    the workbooks.
    """
    outcome.files = len(manifest.files)
    if not target.exists() or is_empty_dir(target):
        try:
            if target.exists():
                target.rmdir()
            os.replace(staged, target)
        except OSError as err:
            raise os_error(err, target) from err
        outcome.written = [entry.path for entry in manifest.files]
        return

    for note in check_open_files(manifest, target, force=force):
        notice(note)
        outcome.notes.append(note)
    stamp = backup_stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    extra = staged / ".implkit" / "install"
    txn = Transaction(target)
    final: list[ManifestEntry] = []
    new_paths = {entry.path for entry in manifest.files}
    for entry in manifest.files:  # every destination is checked before anything moves
        kit_path(target, entry.path)
    for entry in manifest.files:
        source = staged.joinpath(*entry.path.split("/"))
        dest = target.joinpath(*entry.path.split("/"))
        if not dest.exists():
            txn.add(entry.path, source, entry.sha256)
            outcome.written.append(entry.path)
            final.append(entry)
            continue
        if dest.is_dir():
            raise InputError.at(dest, 0, 0, _("is a folder where implkit writes a file; move it"))
        current = sha256_file(dest)
        if current == entry.sha256:
            outcome.unchanged.append(entry.path)
            final.append(entry)
            continue
        recorded = old.entry(entry.path) if old else None
        if entry.kind in REBUILT_KINDS and recorded is not None:  # its entries were carried
            backup = _backup_name(entry.path, stamp)
            copy = extra.joinpath(*backup.split("/"))
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(dest, copy)
            txn.add(backup, copy, current)
            outcome.backups.append(backup)
            txn.add(entry.path, source, entry.sha256)
            outcome.written.append(entry.path)
            final.append(entry)
        elif recorded is not None and recorded.sha256 == current:
            txn.add(entry.path, source, entry.sha256)  # untouched since we generated it
            outcome.written.append(entry.path)
            final.append(entry)
        else:
            # edited by the consultant (or not ours): keep it, offer the new version beside it
            if recorded is not None and recorded.sha256 == entry.sha256:
                final.append(recorded)  # nothing new to offer
                outcome.unchanged.append(entry.path)
                continue
            offer = _new_name(entry.path)
            txn.add(offer, source, entry.sha256)
            outcome.kept_edited.append((entry.path, offer))
            final.append(recorded or ManifestEntry(entry.path, entry.kind, current))
    if old:
        for stale in old.files:
            if stale.path in new_paths:
                continue
            path = kit_path(target, stale.path, source=target / MANIFEST)
            if path.is_file() and sha256_file(path) == stale.sha256:
                txn.add(stale.path, None)  # generated by us and unchanged since: ours to remove
                outcome.removed.append(stale.path)
    # project.yaml is the user's input: `build` reads it and never rewrites it; `new --force`
    # replaces it with the new answers and keeps the old one in the backups folder
    staged_yaml = staged / "project.yaml"
    current_yaml = target / "project.yaml"
    if staged_yaml.exists() and (replace_project_yaml or not current_yaml.exists()):
        kit_path(target, "project.yaml")
        if current_yaml.exists() and current_yaml.read_bytes() != staged_yaml.read_bytes():
            backup = (BACKUPS / f"project-{stamp}.yaml").as_posix()
            copy = extra.joinpath(*backup.split("/"))
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(current_yaml, copy)
            txn.add(backup, copy, sha256_file(copy))
            outcome.backups.append(backup)
        txn.add("project.yaml", staged_yaml, sha256_file(staged_yaml))
    for relative in state:
        source = staged.joinpath(*relative.split("/"))
        dest = kit_path(target, relative)
        if source.is_file() and not (dest.is_file() and dest.read_bytes() == source.read_bytes()):
            txn.add(relative, source, sha256_file(source))
    manifest.files = final
    written_manifest = extra / "manifest.json"
    written_manifest.parent.mkdir(parents=True, exist_ok=True)
    written_manifest.write_text(manifest.to_json(), encoding="utf-8", newline="\n")
    txn.add(MANIFEST.as_posix(), written_manifest, sha256_file(written_manifest))
    try:
        txn.preflight()
        txn.run()
    except OSError as err:
        raise os_error(err) from err


def dry_run_listing(manifest: Manifest, target: Path) -> list[str]:
    """The files a run would write, one line each."""
    lines = [f"{target / 'project.yaml'}  (project answers)"]
    lines += [
        f"{target / entry.path}  ({entry.kind})"
        for entry in sorted(manifest.files, key=lambda e: e.path)
    ]
    return lines

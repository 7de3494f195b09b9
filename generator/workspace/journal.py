"""The final step of a build, atomic as a whole: journal, moves, rollback, recovery.

A build stages every file, then moves them into the kit. To make that last
step all-or-nothing even when the process dies half-way (an exception,
Ctrl-C, SIGKILL, power loss), :class:`Transaction`:

1. checks every destination first (:meth:`Transaction.preflight`): inside the
   kit, no symbolic link on the way, not a folder, its folder writable;
2. writes ``.implkit/journal.json`` (flushed to disk) listing each step: the
   destination (POSIX path relative to the kit), whether it existed, the
   sha256 of the new content, and the folders it will create;
3. for each step, moves the file being replaced (or removed) to
   ``.implkit/undo/<step number>`` and the staged file into place (renames
   on one file system);
4. marks the journal ``done``, deletes the undo folder and the journal.

On any failure in 3 the steps are undone from the journal and the kit is as
it was. :func:`recover` runs at the start of the next run of the kit: a
journal still ``moving`` is rolled back, one ``done`` is finished; either
way it returns a sentence saying so. Rollback only uses the journal and the
undo folder (the staging folder of a killed run may be gone); the journal is
read as untrusted input (every path is checked to stay inside the kit).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem, os_error
from generator.i18n import _
from generator.workspace.manifest import kit_path, sha256_file

JOURNAL = ".implkit/journal.json"
UNDO = ".implkit/undo"


@dataclass(frozen=True)
class Step:
    """Put ``source`` (a staged file) at ``dest``; ``source=None`` removes ``dest``."""

    dest: str  # POSIX, relative to the kit
    source: str | None  # absolute path of the staged file
    sha256: str = ""  # of the new content; "" for a removal
    existed: bool = False  # set by Transaction when the journal is written


@dataclass
class Transaction:
    """The moves that install a staged kit into an existing kit folder."""

    target: Path
    steps: list[Step] = field(default_factory=list)

    def add(self, dest: str, source: Path | None, sha256: str = "") -> None:
        self.steps.append(Step(dest, str(source) if source is not None else None, sha256))

    def preflight(self) -> None:
        """Refuse (exit 2, nothing changed) when any step could not be carried out."""
        problems: list[Problem] = []
        for relative in (JOURNAL, UNDO, *(step.dest for step in self.steps)):
            try:
                path = kit_path(self.target, relative)
            except InputError as err:
                problems.extend(err.problems)
                continue
            if path.is_dir() and relative != UNDO:
                problems.append(
                    Problem(str(path), 0, 0, _("is a folder where implkit writes a file; move it"))
                )
                continue
            folder = _existing_folder(path.parent)
            if not os.access(folder, os.W_OK | os.X_OK):
                problems.append(Problem(str(folder), 0, 0, str(os_error(PermissionError(13, "")))))
            elif os.name == "nt" and path.is_file():  # pragma: no cover - Windows sharing locks
                try:
                    with path.open("r+b"):
                        pass
                except OSError as err:
                    problems.extend(os_error(err, path).problems)
        if problems:
            raise InputError(problems)

    def run(self) -> None:
        """Carry out every step, or none: on any exception the kit is rolled back."""
        steps = [
            Step(s.dest, s.source, s.sha256, os.path.lexists(self.target / s.dest))
            for s in self.steps
        ]
        dirs = _new_folders(self.target, [s.dest for s in steps])
        journal = {
            "state": "moving",
            "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "dirs": dirs,
            "steps": [asdict(s) for s in steps],
        }
        undo = self.target / UNDO
        try:
            if undo.exists():
                shutil.rmtree(undo)
            undo.mkdir(parents=True)
            _write_journal(self.target, journal)
            for folder in dirs:
                (self.target / folder).mkdir(exist_ok=True)
            for number, step in enumerate(steps):
                dest = self.target / step.dest
                if os.path.lexists(dest):
                    os.replace(dest, undo / str(number))
                if step.source is not None:
                    os.replace(step.source, dest)
            journal["state"] = "done"
            _write_journal(self.target, journal)
        except BaseException:
            with contextlib.suppress(Exception):  # else the next run rolls back from the journal
                _rollback(self.target, journal)
            raise
        _finish(self.target)


def recover(target: Path) -> str | None:
    """Finish or roll back an interrupted install of ``target``; say what was done.

    Returns ``None`` when there was nothing to do. Raises :class:`InputError`
    when the journal cannot be read (it names the file and the fix).
    """
    path = target / JOURNAL
    if not os.path.lexists(path):
        return None
    kit_path(target, JOURNAL)
    kit_path(target, UNDO)  # a linked undo folder would move files from outside into the kit
    from generator.kitfs import read_kit_json

    fix = _("check the kit's files, then delete the journal and the .implkit/undo folder")
    journal = read_kit_json(target, JOURNAL, fix=fix)  # size, depth and numbers checked
    try:
        started = str(journal.get("started", "?"))
        state = journal["state"]
        for step in journal["steps"]:
            kit_path(target, Step(**step).dest, source=path)
        for folder in journal["dirs"]:
            kit_path(target, folder, source=path)
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as err:
        raise InputError.at(
            path,
            0,
            0,
            _(
                "the journal of an interrupted build cannot be read ({reason}); check the kit's "
                "files, then delete the journal and the .implkit/undo folder"
            ).format(reason=err),
        ) from err
    try:
        if state == "done":
            _finish(target)
            return _(
                "finished the interrupted build of {started}: its files were all in place"
            ).format(started=started)
        _rollback(target, journal)
    except OSError as err:
        raise os_error(err) from err
    return _(
        "an interrupted build (started {started}) was rolled back: the kit is as it was before it"
    ).format(started=started)


def _rollback(target: Path, journal: dict[str, Any]) -> None:
    """Undo the steps of ``journal`` (idempotent), then drop the journal and undo folder."""
    undo = target / UNDO
    failed: OSError | None = None
    for number, raw in reversed(list(enumerate(journal["steps"]))):
        step = Step(**raw)
        dest = target / step.dest
        saved = undo / str(number)
        try:  # every step is tried; the journal stays when one fails, for the next run
            if os.path.lexists(saved):
                os.replace(saved, dest)
            elif (
                not step.existed
                and step.source is not None
                and dest.is_file()
                and not dest.is_symlink()
                and sha256_file(dest) == step.sha256
            ):
                dest.unlink()
        except OSError as err:
            failed = failed or err
    if failed is not None:
        raise failed
    for folder in reversed(journal["dirs"]):
        with contextlib.suppress(OSError):  # not empty or already gone
            (target / folder).rmdir()
    _finish(target)


def _finish(target: Path) -> None:
    shutil.rmtree(target / UNDO, ignore_errors=True)
    (target / JOURNAL).unlink(missing_ok=True)


def _write_journal(target: Path, journal: dict[str, Any]) -> None:
    """Write the journal so that it is on disk before the moves it describes."""
    path = target / JOURNAL
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(journal, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _existing_folder(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _new_folders(target: Path, relatives: list[str]) -> list[str]:
    """Folders (POSIX, parents first) the steps need that do not exist yet."""
    needed: set[str] = set()
    for relative in relatives:
        parts = relative.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            folder = "/".join(parts[:end])
            if not (target / folder).is_dir():
                needed.add(folder)
    return sorted(needed, key=lambda f: (f.count("/"), f))

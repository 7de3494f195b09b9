"""Locks that keep two implkit runs on one kit apart, and stale staging of dead runs.

* :class:`FileLock` — an operating-system lock on a small file (``fcntl.flock``
  on POSIX, ``msvcrt.locking`` on Windows). The system releases it when the
  process ends, however it ends (Ctrl-C, SIGKILL, power loss), so a lock is
  never "stale": a lock that can be taken belongs to nobody.
* :func:`kit_lock` — held while a run stages and installs a kit. The lock file
  is ``<kit>/.implkit/lock`` when the kit exists, else a sibling
  ``.<kit>.implkit-lock``; it is removed when released (a run that finds the
  file replaced after locking it tries again). A second run waits up to
  ``wait`` seconds, then refuses (exit 2) saying which run holds the kit.
* :func:`check_open_files` — a generated workbook or document open in Excel,
  WPS, Word or LibreOffice (their lock files ``~$name`` / ``.~lock.name#``):
  refused unless ``--force``.
* :func:`remove_stale_staging` — staging folders beside the kit
  (``.<kit>.implkit-staging-*``) left by a run that was killed. Called with
  the kit lock held, so no live run of this kit can own one.

Errors: :class:`~generator.errors.InputError` when the lock is held by another
run after ``wait`` seconds, or when the lock file cannot be created (the path
is named).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from generator.workspace.manifest import Manifest

from generator.errors import InputError, Problem, os_error
from generator.i18n import _

STAGING_MARK = ".implkit-staging-"
LOCK_NAME = "lock"


def staging_prefix(target: Path) -> str:
    """The name prefix of ``target``'s staging folders (they live in ``target.parent``)."""
    return f".{target.name}{STAGING_MARK}"


class FileLock:
    """An exclusive, non-blocking OS lock on ``path`` (created when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        """Take the lock; ``False`` when another process (or handle) holds it.

        The lock file is opened without following a link (``O_NOFOLLOW``): a planted
        ``.implkit/lock`` link would make the lock create or truncate its target
        outside the kit; such a link is refused (InputError naming it)."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o666)
        except OSError as err:
            if self.path.is_symlink():
                from generator.kitfs import contained

                contained(self.path.parent, self.path.name)  # raises, naming the link
            raise err
        handle = os.fdopen(fd, "r+b")
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        if not self._same_file(handle):  # the holder before us removed it: take the new one
            handle.close()
            return False
        self._handle = handle
        with contextlib.suppress(OSError):  # the pid only informs; a full disk keeps the lock
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n".encode("ascii"))
            handle.flush()
        return True

    def _same_file(self, handle: IO[bytes]) -> bool:
        try:
            return os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
        except OSError:
            return False

    def holder(self) -> str:
        """The process id written by the holder, or ``"?"``."""
        try:
            return self.path.read_text(encoding="ascii", errors="replace").strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Give the lock back (closing the file releases it on every system)."""
        if self._handle is not None:
            handle, self._handle = self._handle, None
            if os.name == "nt":  # pragma: no cover - Windows cannot remove an open file
                handle.close()
            # removed while still held, so nobody can lock a file that is going away; on
            # Windows another run may have it open: harmless, it is locked again later
            with contextlib.suppress(OSError):
                self.path.unlink()
            with contextlib.suppress(OSError):  # the pid not flushed on a full disk: no matter
                handle.close()


@contextmanager
def kit_lock(target: Path, *, wait: float = 10.0) -> Iterator[None]:
    """Hold the lock of the kit at ``target`` for the body; refuse after ``wait`` seconds.

    A run that waited on the sibling lock of a kit that did not exist yet, and finds the
    kit created by the run it waited for, moves over to the kit's own lock (so it and a
    later run cannot hold different locks of one kit)."""
    inside = target / ".implkit"
    deadline = time.monotonic() + wait
    path = target.parent  # named when the folder is read-only
    try:
        while True:
            if inside.is_symlink():  # a lock written through it would land outside the kit
                from generator.workspace.manifest import kit_path

                kit_path(target, f".implkit/{LOCK_NAME}")  # raises, naming the link
            sibling = not inside.is_dir()
            path = target.parent / f".{target.name}.implkit-lock" if sibling else inside / LOCK_NAME
            lock = FileLock(path)
            if lock.try_acquire():
                if sibling and inside.is_dir():  # created while we waited: use its own lock
                    lock.release()
                    continue
                break
            if time.monotonic() >= deadline:
                raise InputError.at(
                    target,
                    0,
                    0,
                    _(
                        "another implkit run (process {pid}) is writing this kit; wait for it "
                        "to finish and run the command again"
                    ).format(pid=lock.holder()),
                )
            time.sleep(0.2)
    except OSError as err:  # a read-only output folder: name the folder, not our lock file
        raise os_error(err, path.parent) from err
    try:
        yield
    finally:
        lock.release()


def remove_stale_staging(target: Path) -> list[Path]:
    """Delete ``target``'s staging folders left by killed runs; return what was removed.

    Call with :func:`kit_lock` held: every run of this kit stages under that
    lock, so any staging folder found now belongs to a run that is gone.
    """
    removed: list[Path] = []
    prefix = staging_prefix(target)
    try:
        siblings = sorted(target.parent.iterdir())
    except OSError:
        return removed
    for path in siblings:
        if path.name.startswith(prefix) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                removed.append(path)
    return removed


# --- files open in another program --------------------------------------------------


OFFICE_SUFFIXES = (".xlsx", ".xlsm", ".docx")


def office_lock_files(path: Path) -> list[Path]:
    """Lock files Excel, WPS, Word or LibreOffice keep beside ``path`` while it is open.

    Excel/WPS write ``~$<name>``; Word replaces the first two letters of longer
    names (``~$oject-charter.docx``); LibreOffice writes ``.~lock.<name>#``.
    """
    names = {f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.with_name(name) for name in sorted(names) if path.with_name(name).is_file()]


def check_open_files(manifest: Manifest, target: Path, *, force: bool) -> list[str]:
    """Refuse (exit 2) while a generated Office file is open, unless ``force``.

    Returns the warnings to show when ``force`` lets the run go on. The lock
    file means edits may not be saved yet: they would not be carried.
    """
    problems: list[Problem] = []
    for entry in manifest.files:
        dest = target.joinpath(*entry.path.split("/"))
        if dest.suffix.lower() not in OFFICE_SUFFIXES or not dest.is_file():
            continue
        for lock in office_lock_files(dest):
            problems.append(
                Problem(
                    str(dest),
                    0,
                    0,
                    _(
                        "is open in Excel, WPS or Word (lock file {lock}); edits not yet saved "
                        "would not be carried into the rebuilt kit: save and close it and run "
                        "again, or pass --force to rebuild anyway"
                    ).format(lock=lock.name),
                )
            )
    if problems and not force:
        raise InputError(problems)
    return [str(problem) for problem in problems]

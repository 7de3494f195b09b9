"""The rules for every file in a kit: inside the kit, never through a link, written whole.

A kit is a folder a team shares for months, through zips and file servers: a link in
it may point anywhere (``.implkit/snapshots`` -> ``/etc``), a disk may fill up half-way
through a report, a process may be killed while it writes. Every command reads and
writes the kit's files through these functions (the commands' layer,
:mod:`generator.workspace.files`, groups them into transactions):

``contained(kit, path) -> Path``
    ``path`` (relative to ``kit``, or absolute) after checking that it stays inside
    ``kit`` and that no part of it below ``kit`` is a symbolic link; the path need not
    exist. :class:`~generator.errors.InputError` naming the path otherwise.
``read_kit_bytes(kit, path, *, limit, fix="") -> bytes``
    :func:`contained`, then :func:`generator.readers.read_bytes` (a regular file within
    ``limit`` bytes; never follows a link planted after the check: ``O_NOFOLLOW``).
``read_kit_json(kit, path, *, fix) -> Any``
    The same for JSON (:func:`generator.readers.read_json`'s checks).
``write_atomic(kit, path, data) -> Path``
    ``data`` written to a temporary file in the same folder, flushed to the disk,
    renamed over ``path`` (a reader sees the old file or the new one, never half of
    one) and the folder synced. Any failure (disk full, quota, read-only, permission)
    removes the temporary file and raises InputError naming ``path`` with the fix
    (exit 2); ``path`` is then as it was.
``staged(kit, path)``
    A context manager yielding a temporary path beside ``path`` for a library that
    writes by file name (XlsxWriter, python-docx): moved into place like
    :func:`write_atomic` when the block ends, removed when it fails.
``make_folders(kit, folder) -> Path``
    ``folder`` and its missing parents created, none of them a link.

Temporary files are named ``.<name>.<random>.tmp``; :func:`stale_temporaries` finds the
ones a killed run left so the next run can remove them.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import InputError, os_error
from generator.i18n import _

TEMP_SUFFIX = ".tmp"


def _link_error(path: Path) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _(
            "is a symbolic link inside the kit; implkit never reads or writes through links: "
            "replace it with the real file or folder"
        ),
    )


def contained(kit: Path, path: Path | str) -> Path:
    """``path`` inside ``kit`` with no link below ``kit`` (see the module docstring)."""
    root = Path(os.path.abspath(kit))
    full = Path(os.path.abspath(root / path))  # ".." is resolved here, before the checks
    try:
        relative = full.relative_to(root)
    except ValueError:
        raise InputError.at(
            path, 0, 0, _("{path} is outside the kit folder").format(path=full)
        ) from None
    probe = root
    for part in relative.parts:
        probe = probe / part
        try:
            info = os.lstat(probe)
        except FileNotFoundError:
            break  # the rest does not exist yet: nothing there to follow
        except OSError as err:
            raise os_error(err, probe) from None
        if stat.S_ISLNK(info.st_mode):
            raise _link_error(probe)
    return full


def read_kit_bytes(kit: Path, path: Path | str, *, limit: int, fix: str = "") -> bytes:
    """The bytes of the kit file ``path`` (see the module docstring)."""
    from generator.readers import read_bytes

    return read_bytes(contained(kit, path), limit=limit, fix=fix, follow=False)


def read_kit_json(kit: Path, path: Path | str, *, fix: str) -> Any:
    """The JSON in the kit file ``path`` (see the module docstring)."""
    from generator.readers import read_json

    return read_json(contained(kit, path), fix=fix, follow=False)


def make_folders(kit: Path, folder: Path | str) -> Path:
    """Create ``folder`` (inside ``kit``) and its missing parents; none may be a link."""
    target = contained(kit, folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError.at(
            target, 0, 0, _("is a file where a folder is needed; move it away")
        ) from None
    except OSError as err:
        raise os_error(err, target) from None
    contained(kit, target)  # a link planted while the folders were made
    if not target.is_dir():
        raise InputError.at(target, 0, 0, _("is a file where a folder is needed; move it away"))
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to the disk; not possible on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder: the rename itself is done
    finally:
        os.close(fd)


def _temporary(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def _install(kit: Path, temporary: Path, target: Path) -> None:
    """Sync ``temporary``, give it a normal file's mode, rename it over ``target``."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600
    contained(kit, target)  # again, right before the rename: a link planted meanwhile
    os.replace(temporary, target)
    _sync_folder(target.parent)


def write_atomic(kit: Path, path: Path | str, data: bytes) -> Path:
    """Write ``data`` to the kit file ``path`` whole or not at all (module docstring)."""
    with staged(kit, path) as temporary:
        temporary.write_bytes(data)
    return contained(kit, path)


@contextmanager
def staged(kit: Path, path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path``, moved into place when the block ends."""
    target = contained(kit, path)
    make_folders(kit, target.parent)
    try:
        temporary = _temporary(target)
    except OSError as err:
        raise os_error(err, target) from None
    try:
        yield temporary
        _install(kit, temporary, target)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise os_error(err, target) from None
    except Exception as err:
        temporary.unlink(missing_ok=True)
        cause = os_error_in(err)  # XlsxWriter wraps a full disk in its FileCreateError
        if cause is not None:
            raise os_error(cause, target) from None
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def os_error_in(err: BaseException) -> OSError | None:
    """The file-system error behind ``err`` (itself, its cause or context, or its first
    argument, as libraries wrap it), or ``None``."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [err]
    while todo:
        found = todo.pop()
        if found is None or id(found) in seen:
            continue
        seen.add(id(found))
        if isinstance(found, OSError) and found.errno is not None:
            return found
        todo += [found.__cause__, found.__context__]
        todo += [arg for arg in found.args[:1] if isinstance(arg, BaseException)]
    return None


def stale_temporaries(folder: Path) -> list[Path]:
    """The ``.<name>.<random>.tmp`` files a killed run left in ``folder`` (not below)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        p
        for p in entries
        if p.name.startswith(".") and p.name.endswith(TEMP_SUFFIX) and not p.is_symlink()
    )

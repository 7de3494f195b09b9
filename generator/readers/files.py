"""Plain files: regular files only (never a pipe, device or socket), bounded in size."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from generator.errors import InputError, os_error
from generator.i18n import _
from generator.limits import size_text


def open_regular(path: Path, *, follow: bool = True) -> IO[bytes]:
    """``path`` opened for binary reading; InputError unless it is a regular file.

    Opened without blocking (a named pipe with no writer would wait forever) and
    checked on the open handle, so a file swapped for a device after a check is
    still caught. ``follow=False``: a symbolic link is refused (``O_NOFOLLOW``, so
    even one planted after the caller's checks); with ``True`` links are followed (a
    file the user names, a pack's file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise _not_regular(path, _("a folder")) from None
    except OSError as err:
        if not follow and err.errno == errno.ELOOP:
            raise InputError.at(
                path,
                0,
                0,
                _(
                    "is a symbolic link inside the kit; implkit never reads or writes through "
                    "links: replace it with the real file or folder"
                ),
            ) from None
        raise os_error(err, path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, _kind_of(info.st_mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISDIR(mode):
        return _("a folder")
    return _("not a regular file")


def _not_regular(path: Path, kind: str) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _("is {kind}, not a file implkit can read; put the real file in its place").format(
            kind=kind
        ),
    )


def _too_large(path: Path, size: int | None, limit: int, fix: str) -> InputError:
    if size is None:  # the file grew while it was read
        message = _("grew beyond the limit of {limit} while it was read").format(
            limit=size_text(limit)
        )
    else:
        message = _("is {size}, more than the limit of {limit}").format(
            size=size_text(size), limit=size_text(limit)
        )
    return InputError.at(path, 0, 0, f"{message}; {fix}" if fix else message)


# while one piece of work runs (digests_once): path -> its digest, each file hashed once
_ONCE: dict[str, bytes] | None = None


@contextmanager
def digests_once() -> Iterator[None]:
    """Within the block, :func:`file_digest` hashes each path once: one kit's portfolio
    row keys its cache and its pack memo by the same pack files. The memo ends with
    the block (nothing is kept from one kit to the next); blocks do not nest."""
    global _ONCE
    _ONCE = {}
    try:
        yield
    finally:
        _ONCE = None


def file_digest(path: Path) -> bytes:
    """The sha256 of the regular file ``path``, read in 1 MiB pieces (memory stays flat),
    for keying a cache by content; a file over the largest size any reader takes
    (``archive_bytes``) is keyed by its size and time instead (a reader refuses it anyway,
    naming it). InputError when it is not a regular file or cannot be read. Inside
    :func:`digests_once`, a path already hashed there is not read again."""
    if _ONCE is None:
        return _file_digest(path)
    name = str(path)
    found = _ONCE.get(name)
    if found is None:
        found = _ONCE[name] = _file_digest(path)
    return found


def _file_digest(path: Path) -> bytes:
    import hashlib

    from generator.limits import current

    with open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > current().archive_bytes:
            return f"{info.st_size}:{info.st_mtime_ns}".encode()
        digest = hashlib.sha256()
        try:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        except OSError as err:
            raise os_error(err, path) from None
        return digest.digest()


def read_bytes(path: Path, *, limit: int, fix: str = "", follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``; InputError when above ``limit`` bytes.

    ``follow=False``: a symbolic link at ``path`` is refused (:func:`open_regular`)."""
    with open_regular(path, follow=follow) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_large(path, size, limit, fix)
        try:
            data = handle.read(limit + 1)
        except OSError as err:
            raise os_error(err, path) from None
    if len(data) > limit:  # grew while being read
        raise _too_large(path, None, limit, fix)
    return data

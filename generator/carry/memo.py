"""Remember workbook reads by content within one process (off unless turned on).

``build``, ``status`` and ``import`` read a kit's workbooks back with
:func:`generator.carry.read.read_workbook`: about a third of a build's CPU. A process
that reads the same bytes many times (the test session: most of its kits are copies of a
few pristine ones) can turn this memo on with :func:`remember_reads`; a CLI command reads
each workbook once and never turns it on, and neither do the portfolio's workers (each
reads a kit once).

- Keyed by the sha256 of the file's bytes as read, never its path or time, and by every
  argument that shapes the read (kind, ``only``, ``every_sheet``) and the limits in force
  (a smaller limit must still refuse a workbook read under a larger one). The file is
  opened once: the bytes hashed are the bytes parsed, and a read is stored only when the
  file still holds them afterwards.
- Stored pickled: every caller gets its own copy (the build changes the rows it was given:
  renamed ids, lifted tasks, a tracker's values) and nothing a caller does reaches the
  memo. The sheet declarations in a read are the registry's shared, frozen objects, as a
  fresh read gives them; they are kept aside by reference, not copied.
- Errors are never stored: a damaged workbook is parsed again and raises the same message.
- Bounded: :data:`ENTRIES` reads and :data:`BYTES` pickled bytes, the least recently used
  dropped first; a file larger than the workbook size limit is never hashed here (the
  reader refuses it with its own message).

``remember_reads()``, ``forget_reads()``, ``active() -> bool``,
``read(path, shape, parse) -> WorkbookRead``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.carry.read import WorkbookRead

ENTRIES = 256
"""Reads remembered at most (a test worker meets a few dozen distinct workbooks)."""
BYTES = 128 * 1024 * 1024
"""Pickled bytes remembered at most (a manufacturing plan's read is ~0.2 MB)."""

Shape = tuple[str, frozenset[str] | None, bool]
Parse = Callable[[Path, Shape, "IO[bytes] | None"], "WorkbookRead"]

_READS: OrderedDict[tuple[Any, ...], tuple[bytes, tuple[Any, ...]]] | None = None
_held = 0  # pickled bytes in _READS


def remember_reads() -> None:
    """From now on this process parses each workbook content once per read shape."""
    global _READS
    if _READS is None:
        _READS = OrderedDict()


def forget_reads() -> None:
    """Turn the memo off and drop what it holds."""
    global _READS, _held
    _READS = None
    _held = 0


def active() -> bool:
    """True while :func:`remember_reads` is on."""
    return _READS is not None


def read(path: Path, shape: Shape, parse: Parse) -> WorkbookRead:
    """``parse(path, shape, handle)`` once per content of the file at ``path``: a fresh
    copy of the remembered read (its ``path`` the one asked for) when this process read
    the same bytes with the same ``shape`` before. Raises what ``parse`` raises."""
    from generator.limits import current
    from generator.readers import open_regular

    with open_regular(path) as handle:
        limits = current()
        if os.fstat(handle.fileno()).st_size > limits.archive_bytes:
            return parse(path, shape, handle)  # refused there, with the reader's message
        digest = hashlib.sha256(handle.read()).digest()
        key = (digest, shape, limits)
        if _READS is not None and key in _READS:
            _READS.move_to_end(key)
            found = _loaded(*_READS[key])
            found.path = path
            return found
        result = parse(path, shape, handle)
        handle.seek(0)
        if hashlib.sha256(handle.read()).digest() == digest:  # unchanged while parsed
            _store(key, result)
    return result


def _store(key: tuple[Any, ...], result: WorkbookRead) -> None:
    """Remember ``result`` pickled, the least recently used dropped past the bounds. The
    sheet declarations are kept aside, not pickled: they are the registry's frozen
    objects, and a fresh read hands out those very objects too."""
    from dataclasses import replace

    global _held
    if _READS is None:
        return
    specs = tuple(sheet.spec for sheet in result.sheets)
    # pickled without them (put back by _loaded): a None where a declaration belongs
    sheets = [replace(sheet, spec=None) for sheet in result.sheets]  # type: ignore[arg-type]
    bare = replace(result, sheets=sheets)
    blob = pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL)
    if len(blob) > BYTES:
        return
    _READS[key] = (blob, specs)
    _held += len(blob)
    while len(_READS) > ENTRIES or _held > BYTES:
        _key, (dropped, _specs) = _READS.popitem(last=False)
        _held -= len(dropped)


def _loaded(blob: bytes, specs: tuple[Any, ...]) -> WorkbookRead:
    """A fresh copy of a remembered read, with its sheet declarations put back."""
    found: WorkbookRead = pickle.loads(blob)
    for sheet, spec in zip(found.sheets, specs, strict=True):
        sheet.spec = spec
    return found

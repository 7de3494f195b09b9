"""YAML texts parsed again in one process: a copy of the first parse instead.

Validating a pack reads its ~35 files at every call, and a pack edited in one file
(a curator's session, the tests' fuzzing) leaves the others as they were. A text this
process parsed twice before, with the same file name and node limit, is not parsed a
third time: the caller gets its own copy of the kept parse, a pickle, so a change to
one caller's data never reaches the next. A text is kept from its second parse on, so
a process that reads each file once (``implkit new``, ``build``) pays only a hash. An
error is never kept: the text is parsed again and refused again with the same problem.
Nothing is written to disk; the memo is bounded in entries and bytes.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.packs.yamlio import YamlDoc

KEPT_DOCS = 512
"""Texts whose parse a process remembers (least recently used dropped first)."""
KEPT_BYTES = 32 * 1024 * 1024
"""Bytes of kept pickles at most; one parse larger than an eighth of this is never kept."""

_kept: OrderedDict[bytes, bytes | None] = OrderedDict()  # key -> pickled doc (None: seen once)
_held = 0


def kept_parse(
    text: str, file: str, max_nodes: int, parse: Callable[[str, str, int], YamlDoc]
) -> YamlDoc:
    """``parse(text, file, max_nodes)``, or a copy of it when this process parsed the same
    ``text`` for the same ``file`` and ``max_nodes`` twice before. Raises what ``parse``
    raises (an InputError for a refused text)."""
    key = hashlib.sha256(
        f"{max_nodes}\0{file}\0".encode("utf-8", "surrogatepass")
        + text.encode("utf-8", "surrogatepass")
    ).digest()
    blob = _kept.get(key)
    if blob is not None:
        _kept.move_to_end(key)
        found: YamlDoc = pickle.loads(blob)
        return found
    doc = parse(text, file, max_nodes)
    seen = key in _kept
    _keep(key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) if seen else None)
    return doc


def forget() -> None:
    """Drop every kept parse."""
    global _held
    _kept.clear()
    _held = 0


def held() -> tuple[int, int]:
    """(texts remembered, bytes of kept pickles)."""
    return len(_kept), _held


def _keep(key: bytes, blob: bytes | None) -> None:
    """Remember ``blob`` under ``key``; the least recently used go past the bounds."""
    global _held
    size = len(blob) if blob is not None else 0
    if size > KEPT_BYTES // 8:
        return  # a very large text is parsed each time
    _held -= len(_kept.pop(key, None) or b"")
    _kept[key] = blob
    _held += size
    while len(_kept) > KEPT_DOCS or _held > KEPT_BYTES:
        _old, dropped = _kept.popitem(last=False)
        _held -= len(dropped or b"")

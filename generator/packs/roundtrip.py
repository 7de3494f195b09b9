"""Edit pack files in place the way a person would: comments, quoting, order and layout kept.

Commands that rewrite a pack (``implkit packs upgrade``, ``implkit lessons harvest``)
load its YAML files with ruamel.yaml's round-trip loader, change what they must and
dump the rest as it was. :class:`PackFiles` holds the loaded files; a file is
edited only when a round trip of the unchanged file gives back exactly its text
(two indentation styles are tried: ``  - id:`` under the section key, and ``- id:``
flush with it); :meth:`PackFiles.faithful` says whether that holds, so a caller can
refuse instead of reformatting a file it cannot reproduce. CRLF files stay CRLF; a
UTF-8 byte-order mark is dropped (as the loader does).

:func:`write_atomic` replaces one file in one step (a crash leaves the old file);
symbolic links are refused by :meth:`PackFiles.doc`.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.limits import current
from generator.readers import read_bytes

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/packs/pack.schema.json\n"
# (mapping, sequence, offset) indentations tried, most common first
_STYLES = ((2, 4, 2), (2, 2, 0))


def round_trip_yaml(style: tuple[int, int, int] = _STYLES[0]) -> Any:
    """A ruamel.yaml round-trip instance that keeps quotes and never wraps lines."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = style
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def dq(text: str) -> Any:
    """``text`` as a double-quoted scalar."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


def flow(pairs: dict[str, Any]) -> Any:
    """A one-line ``{key: value, ...}`` mapping."""
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in pairs.items():
        out[key] = value
    out.fa.set_flow_style()
    return out


def new_seq() -> Any:
    """An empty block-style YAML list."""
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()


def _dump(yaml: Any, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


class PackFiles:
    """The YAML files of one pack folder, loaded for round-trip editing, by file name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.original: dict[str, str] = {}
        self.docs: dict[str, Any] = {}
        self.crlf: dict[str, bool] = {}
        self.yamls: dict[str, Any] = {}
        self._faithful: dict[str, bool] = {}

    def doc(self, name: str, *, new_text: str = "") -> Any:
        """The loaded document of file ``name`` (``new_text`` when the file does not exist).

        Raises InputError for a symbolic link (never followed out of the pack folder).
        """
        if name not in self.docs:
            path = self.folder / name
            if path.is_symlink():
                raise InputError(
                    Problem(
                        str(path),
                        0,
                        0,
                        "is a symbolic link; implkit edits only real files inside the pack "
                        "folder — replace the link with the file",
                    )
                )
            if path.is_file():
                raw = read_bytes(path, limit=current().yaml_bytes).decode("utf-8-sig")
                self.crlf[name] = "\r\n" in raw
                text = raw.replace("\r\n", "\n")
            else:
                self.crlf[name] = False
                text = new_text
            self.original[name] = text if path.is_file() else ""
            chosen = None
            for style in _STYLES:
                yaml = round_trip_yaml(style)
                doc = yaml.load(text)
                if _dump(yaml, doc) == text or not text.strip():
                    chosen = (yaml, doc)
                    break
            self._faithful[name] = chosen is not None
            if chosen is None:
                yaml = round_trip_yaml()
                chosen = (yaml, yaml.load(text))
            self.yamls[name], self.docs[name] = chosen
        return self.docs[name]

    def faithful(self, name: str) -> bool:
        """True when ``name`` can be rewritten without changing anything else in it."""
        self.doc(name)
        return self._faithful[name]

    def text(self, name: str) -> str:
        """The current text of ``name`` (LF line ends)."""
        return _dump(self.yamls[name], self.docs[name])

    def changed(self) -> dict[str, tuple[str, str]]:
        """file name -> (old text, new text) for every file whose text changes."""
        result = {}
        for name in sorted(self.docs):
            new = self.text(name)
            if new != self.original[name]:
                result[name] = (self.original[name], new)
        return result


def write_atomic(path: Path, text: str, *, crlf: bool) -> None:
    """Replace ``path`` in one step (a crash leaves the old file); refuse a symbolic link."""
    if path.is_symlink():
        raise InputError(
            Problem(str(path), 0, 0, "is a symbolic link; replace the link with the file")
        )
    data = text.replace("\n", "\r\n") if crlf else text
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

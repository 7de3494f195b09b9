"""Write a wiki's pages into ``--out`` by the safe-write rules: ``write_tree(wiki, out, ...)``.

* Nothing is written outside ``out``: every path is checked to stay below it, and no
  folder or file on the way may be a symbolic link (a link planted in an earlier tree is
  refused, never followed: InputError naming it, exit 2).
* Nothing is half written: the whole tree is written into a staging folder beside
  ``out`` first. A new ``out`` is that folder renamed into place in one step. An ``out``
  written by an earlier run (it holds :data:`MARKER`) gets each file renamed over the old
  one (a reader sees the old page or the new one), then the pages the pack no longer has
  are removed (only files the marker lists: a page or note the team added stays), then
  the marker. A failure removes the staging folder and leaves ``out`` as it was.
* A folder that exists, is not empty and holds no marker is refused: it is not a wiki
  this command wrote (choose a new or empty folder).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.errors import InputError, os_error
from generator.i18n import _

MARKER = ".implkit-wiki.json"


def _check_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ValueError(f"not a path inside the wiki: {path}")
    return rel


def _no_link_below(root: Path, rel: PurePosixPath) -> None:
    """InputError when ``root`` or a component of ``rel`` below it is a symbolic link."""
    current = root
    for part in (None, *rel.parts):
        if part is not None:
            current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(info.st_mode):
            raise InputError.at(
                current,
                0,
                0,
                _(
                    "is a symbolic link; the wiki is never written through a link: remove it "
                    "or choose another --out folder"
                ),
            )


def _previous(out: Path) -> list[str] | None:
    """The files an earlier run wrote (None: ``out`` holds no marker)."""
    marker = out / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        files = data.get("files", []) if isinstance(data, dict) else []
    except (OSError, ValueError):
        return []
    return [f for f in files if isinstance(f, str)][:100_000]


def write_tree(
    out: Path, files: Mapping[str, bytes], *, marker: Mapping[str, object]
) -> list[Path]:
    """Write ``files`` (POSIX path below ``out`` -> bytes) into ``out``; return the paths
    written. ``marker``: what the marker file records besides the list of files.

    Raises InputError (exit 2, ``out`` unchanged) for a link on the way, an ``out`` that
    is a file, or a non-empty folder this command did not write.
    """
    out = out.absolute()
    for path in files:
        _check_relative(path)
    if out.is_symlink():
        _no_link_below(out, PurePosixPath("."))
    if out.exists() and not out.is_dir():
        raise InputError.at(out, 0, 0, _("is a file; give a folder for --out"))
    if not out.parent.is_dir():
        raise InputError.at(
            out.parent, 0, 0, _("the output folder's parent does not exist; create it first")
        )
    previous = _previous(out) if out.is_dir() else None
    if out.is_dir() and previous is None and any(out.iterdir()):
        raise InputError.at(
            out,
            0,
            0,
            _(
                "is not empty and was not written by implkit packs wiki; choose a new or "
                "empty folder for --out"
            ),
        )
    names = sorted(files)
    record = json.dumps({**marker, "files": names}, ensure_ascii=False, indent=1) + "\n"
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.implkit-wiki-", dir=out.parent))
    try:
        for name in names:
            target = staging.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as stream:
                stream.write(files[name])
        (staging / MARKER).write_text(record, encoding="utf-8")
        if not out.exists():
            os.rename(staging, out)
            return [out.joinpath(*PurePosixPath(n).parts) for n in names]
        for name in [*names, MARKER]:
            rel = PurePosixPath(name)
            _no_link_below(out, rel)
        for name in names:
            rel = PurePosixPath(name)
            target = out.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            _no_link_below(out, rel)  # again: a folder made just now is ours
            os.replace(staging.joinpath(*rel.parts), target)
        for old in previous or []:
            if old in files or old == MARKER:
                continue
            try:
                rel = _check_relative(old)
            except ValueError:
                continue
            gone = out.joinpath(*rel.parts)
            try:
                _no_link_below(out, rel)
            except InputError:
                continue  # a link where a page was: left alone, never followed
            if gone.is_file():
                gone.unlink()
        os.replace(staging / MARKER, out / MARKER)
    except OSError as err:  # disk full, read-only, permission: exit 2 naming the file
        raise os_error(err) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out.joinpath(*PurePosixPath(n).parts) for n in names]

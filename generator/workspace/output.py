"""Writing single-file outputs (``-o FILE``) safely for the document commands.

Every file is rendered into a temporary sibling in the target folder and moved
into place with ``os.replace`` only when all of a command's files rendered, so
an error never leaves half a file and an existing file stays as it was. An
existing file keeps its permissions.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _

Render = Callable[[Path], None]


def paired(out: Path) -> tuple[Path, Path] | None:
    """(workbook, page) for a report written as both (``portfolio -o``, ``lessons board
    -o``): ``FILE.xlsx`` puts ``FILE.html`` beside it, ``FILE.html`` (or ``.htm``) puts
    ``FILE.xlsx`` beside it; absolute paths. None for another suffix (each command says
    what it does with one)."""
    out = out.absolute()
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        return out.with_suffix(".xlsx"), out
    if suffix == ".xlsx":
        return out, out.with_suffix(".html")
    return None


def plain_targets(paths: Sequence[Path], example: str) -> None:
    """Refuse, before anything is written, a target that is a link (the file would go
    where it points, outside the folder the user named) or a folder (``example``: the file
    name the message suggests). Raises InputError."""
    from generator.errors import Problem

    for path in paths:
        if path.is_symlink():
            raise InputError(
                Problem(str(path), 0, 0, _("is a link; give the path of a plain file to write"))
            )
        if path.is_dir():
            raise InputError(
                _("-o {path}: is a folder; give a file name, e.g. -o {example}").format(
                    path=path, example=path / example
                )
            )


def output_target(path: Path, default_name: str) -> Path:
    """The absolute target path; InputError when its folder is missing or it is a folder."""
    target = path.expanduser()
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(
            _("-o {path}: the folder {parent} does not exist; create it first").format(
                path=path, parent=parent
            )
        )
    if target.is_dir():
        raise InputError(
            _("-o {path}: is a folder; give a file name, e.g. -o {example}").format(
                path=path, example=path / default_name
            )
        )
    return parent.resolve() / target.name


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_files(jobs: Sequence[tuple[Path, Render]]) -> None:
    """Render every ``(target, render)`` into a temporary sibling, then move them all into place."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, render in jobs:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            tmp = Path(name)
            temps.append((tmp, target))
            render(tmp)
            os.chmod(tmp, _file_mode(target))
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _target in temps:
            tmp.unlink(missing_ok=True)


def write_atomically(target: Path, render: Render) -> None:
    """One file: see :func:`write_files`."""
    write_files([(target, render)])

"""A pack's template files, as the wiki shows them: found under the chain's
``templates/`` folders with their entries, read without following links and cut at
:data:`MAX_TEMPLATE_BYTES`, shown as text or kept as an attachment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.packs.model import Condition
from generator.packs.resolved import ResolvedPack

MAX_TEMPLATE_BYTES = 2_000_000  # a template larger than this is listed, not copied


@dataclass(frozen=True)
class TemplateFile:
    """A file of a pack's templates/ folder: the pack, its path below templates/, the
    template entry's id ("" for a file without an entry) and the tasks it names."""

    pack: str
    path: str
    folder: Path
    entry: str = ""
    tasks: tuple[str, ...] = ()
    when: Condition | None = None


def template_files(pack: ResolvedPack) -> list[TemplateFile]:
    """Every file under the chain's ``templates/`` folders with its entry, chain order."""
    entries = {(t.source.pack, t.item.path): t.item for t in pack.templates}
    by_path = {t.item.path: t.item for t in pack.templates}
    out: list[TemplateFile] = []
    for pack_id, folder in zip(pack.chain, pack.dirs, strict=False):
        root = folder / "templates"
        if not root.is_dir() or root.is_symlink():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.name.startswith("."):
                continue
            rel = path.relative_to(root).as_posix()
            entry = entries.get((pack_id, rel)) or by_path.get(rel)
            out.append(
                TemplateFile(
                    pack_id,
                    rel,
                    path,
                    entry.id if entry else "",
                    tuple(entry.tasks) if entry else (),
                    entry.when if entry else None,
                )
            )
    return out


def attachment_name(path: str) -> str:
    """``path`` with the characters attachment uploads refuse (``: * ? " < > | #``, control
    characters) replaced by "-", and no name starting or ending with a period."""
    import re

    parts = [
        re.sub(r'[:*?"<>|#\\\x00-\x1f\x7f]', "-", part).strip(".") or "-"
        for part in path.split("/")
    ]
    return "/".join(parts)


def read_template(path: Path) -> bytes:
    """The file's bytes (a regular file, never through a link; a larger one than
    :data:`MAX_TEMPLATE_BYTES` is cut there)."""
    import os

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as stream:
        return stream.read(MAX_TEMPLATE_BYTES)


def as_text(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None

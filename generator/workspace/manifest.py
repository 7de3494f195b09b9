"""The kit's manifest, ``.implkit/manifest.json``.

It records the generator version, the pack (id, version, chain) and, for each
generated file, its path, kind (:func:`generator.registry.manifest_kinds`) and sha256. ``implkit build`` uses it to tell
generated files from files the consultant changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _

MANIFEST = Path(".implkit") / "manifest.json"


_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BAD_NAME_CHARS = set('\\:*?"<>|')


def relative_problem(relative: object) -> str | None:
    """Why ``relative`` is not a safe POSIX path below a kit folder, or ``None`` when it is.

    Refused: anything but a non-empty string; absolute paths, ``~``, drive
    letters, backslashes and the characters Windows forbids; ``.``/``..``/empty
    parts; control characters.
    """
    if not isinstance(relative, str) or not relative.strip():
        return _("is not a file path")
    pure = PurePosixPath(relative)
    if (
        pure.is_absolute()
        or relative.startswith("~")
        or any(part in ("", ".", "..") for part in relative.split("/"))
        or any(ch in _BAD_NAME_CHARS or ord(ch) < 32 for ch in relative)
    ):
        return _("leaves the kit folder or is not a valid file name")
    return None


def kit_path(kit: Path, relative: str, *, source: Path | str | None = None) -> Path:
    """``kit / relative`` after checking it stays inside ``kit``, symbolic links included.

    ``relative`` is untrusted (read from a manifest, a journal, project.yaml):
    raises :class:`InputError` naming ``source`` (the file it was read from, or
    the path itself) when it is not a safe relative path, when one of its
    folders is a symbolic link, or when it resolves outside ``kit``.
    """
    where = str(source if source is not None else kit / str(relative))
    why = relative_problem(relative)
    if why is not None:
        raise InputError.at(where, 0, 0, f"{relative!r} {why}")
    path = kit.joinpath(*relative.split("/"))
    probe = path
    while probe != kit and probe != probe.parent:
        if probe.is_symlink():
            raise InputError.at(
                str(probe),
                0,
                0,
                _(
                    "is a symbolic link inside the kit; implkit never reads or writes through "
                    "links: replace it with the real file or folder"
                ),
            )
        probe = probe.parent
    root = kit.resolve()
    if not path.resolve().is_relative_to(root):
        raise InputError.at(where, 0, 0, _("{path} is outside the kit folder").format(path=path))
    return path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # POSIX, relative to the project folder
    kind: str
    sha256: str


@dataclass
class Manifest:
    generator_version: str
    pack: str
    pack_version: str
    chain: list[str]
    lang: str
    files: list[ManifestEntry] = field(default_factory=list)

    def entry(self, path: str) -> ManifestEntry | None:
        for item in self.files:
            if item.path == path:
                return item
        return None

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = sorted(data["files"], key=lambda item: item["path"])
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def read(cls, project_dir: Path) -> Manifest | None:
        """The manifest of a kit folder, or None when there is none."""
        path = project_dir / MANIFEST
        if not path.is_file() and not path.is_symlink():
            return None
        kit_path(project_dir, MANIFEST.as_posix())
        fix = _(
            "delete it to treat every file as the consultant's own, then run `implkit build` again"
        )
        from generator.kitfs import read_kit_json
        from generator.limits import current

        data = read_kit_json(project_dir, MANIFEST, fix=fix)  # size, depth, numbers, links
        limit = current().manifest_entries
        files = data.get("files") if isinstance(data, dict) else None
        if isinstance(files, list) and len(files) > limit:
            raise InputError.at(
                path,
                0,
                0,
                _("lists {n} files, more than the {limit} a kit can have; {fix}").format(
                    n=len(files), limit=limit, fix=fix
                ),
            )
        try:
            if not isinstance(data, dict) or not isinstance(data.get("files", []), list):
                raise ValueError("not a manifest object")
            problems = [
                Problem(str(path), 0, 0, f"files[{index}]: {why}; {fix}")
                for index, item in enumerate(data.get("files", []))
                if (why := _entry_problem(item)) is not None
            ]
            if len(problems) > 100:  # the first ones say it; thousands of lines would not
                more = _("{n} more entries like these; {fix}").format(
                    n=len(problems) - 100, fix=fix
                )
                problems = [*problems[:100], Problem(str(path), 0, 0, more)]
            if problems:
                raise InputError(problems)
            files = [ManifestEntry(**item) for item in data.pop("files", [])]
            return cls(files=files, **data)
        except (ValueError, TypeError, RecursionError) as err:
            raise InputError.at(
                path,
                0,
                0,
                _("the manifest cannot be read ({reason}); {fix}").format(reason=err, fix=fix),
            ) from err


def _entry_problem(item: Any) -> str | None:
    """Why a manifest ``files`` entry is unusable, or ``None``."""
    if not isinstance(item, dict) or set(item) != {"path", "kind", "sha256"}:
        return _("an entry needs exactly path, kind and sha256")
    why = relative_problem(item["path"])
    if why is not None:
        return f"path {item['path']!r} {why}"
    if not isinstance(item["kind"], str):
        return _("kind is not a text")
    if not isinstance(item["sha256"], str) or not _SHA256.match(item["sha256"]):
        return _("sha256 is not a SHA-256 hex digest")
    return None

"""The kit's manifest, ``.implkit/manifest.json``.

It records the generator version, the pack (id, version, chain) and, for each
generated file, its path, kind and sha256. ``implkit build`` uses it to tell
generated files from files the consultant changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.errors import InputError

MANIFEST = Path(".implkit") / "manifest.json"
KINDS = (
    "plan",
    "migration",
    "curriculum",
    "training-matrix",
    "charter",
    "mspdi",
    "jira",
    "ado",
    "ics",
    "scaffold",
    "project",
    "readme",
)


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
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = [ManifestEntry(**item) for item in data.pop("files", [])]
            return cls(files=files, **data)
        except (ValueError, TypeError) as err:
            raise InputError.at(
                path,
                0,
                0,
                f"the manifest cannot be read ({err}); delete it to treat every file as the "
                "consultant's own, then run `implkit build` again",
            ) from err

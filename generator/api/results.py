"""The result dataclasses of :mod:`generator.api` (import them from there).

One per kind of command: what a script reads instead of the printed summary. The
``as_dict()`` / ``data`` of each is exactly what the command's ``--json`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.carry.outdated import KitPack
    from generator.kit_model import Kit
    from generator.packs.loader import Inspection
    from generator.packs.resolved import ResolvedPack
    from generator.tracking.evm import RoleActual
    from generator.workspace.install import Outcome


@dataclass
class KitResult:
    """What ``new`` or ``build`` did: the Kit written, the files, the carry report.

    ``outcome``: the files written, kept, backed up and removed (``outcome.listing``
    for a dry run); ``carry``: the carry report of a rebuild (``None`` for ``new``);
    ``seconds``: wall time of the call.
    """

    kit: Kit
    pack: ResolvedPack
    outcome: Outcome
    seconds: float
    rebuilt: bool
    dry_run: bool = False
    carry: dict[str, Any] | None = None
    as_of_given: bool = False  # build --as-of (else the last status report's date)

    def as_dict(self) -> dict[str, Any]:
        """The summary ``--json`` prints (the dry run of ``new``: ``{"dry_run": true,
        "files": [...]}``; of ``build``: the summary and carry report of the build it would
        do, with ``"dry_run": true``)."""
        if self.dry_run and not self.rebuilt:
            return {"dry_run": True, "files": list(self.outcome.listing)}
        from generator.workspace.summary import kit_summary

        data = kit_summary(
            self.kit, self.outcome, self.seconds, rebuilt=self.rebuilt, as_of_given=self.as_of_given
        )
        if self.carry is not None:
            data["carry"] = self.carry
        if self.dry_run:
            data["dry_run"] = True
        return data


@dataclass
class LoadedKit:
    """A kit folder read back: the Kit, its pack, project.yaml's path and, with
    ``entries=True``, the actual effort and cost per role (``spent``, from the Budget)."""

    kit: Kit
    pack: ResolvedPack
    project_file: Path
    spent: dict[str, RoleActual] = field(default_factory=dict)


@dataclass
class ReportResult:
    """A written report (``status``, ``evaluate``): its figures and files.

    ``data``: the figures ``--json`` prints, with ``data["files"]`` the report files
    relative to the kit (``reports/NAME``); ``folder``: the kit's reports folder;
    ``lang``: the report's language.
    """

    data: dict[str, Any]
    folder: Path
    lang: str
    kit: Kit


@dataclass
class PortfolioResult:
    """The portfolio figures (``data``, with ``data["files"]``) in ``lang``."""

    data: dict[str, Any]
    lang: str
    files: list[Path]


@dataclass
class ExportResult:
    """The export files written (an Azure Boards export may be several) and the
    format's name as the user knows it (``MS Project XML``); for ``-o -`` the bytes
    instead (``stdout``). ``details``: per file its path, bytes, sha256 and items.
    ``left_out``: ids of the tasks the MS Project export left out because the planner
    deleted them there and the kit keeps them Cancelled (:func:`generator.render.mspdi.
    left_out`; empty for every other format)."""

    label: str
    files: list[Path]
    fmt: str = ""
    stdout: bytes | None = None
    details: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """What ``export --json`` prints: the format, its label, each file written and the
        tasks left out."""
        return {
            "format": self.fmt,
            "label": self.label,
            "files": self.details,
            "left_out": self.left_out,
        }


@dataclass
class BaselineResult:
    """The baseline saved: its name, the status date it was taken at, its file."""

    name: str
    taken: date
    path: Path


@dataclass
class SiteResult:
    """The pack catalogue written: ``index.html`` and the pack ids it shows."""

    path: Path
    packs: list[str]


@dataclass
class WikiResult:
    """The pack wiki written: its folder, the pack id, the language, the pages and the
    attachments (paths relative to ``path``, POSIX)."""

    path: Path
    pack: str
    lang: str
    pages: list[str]
    attachments: list[str]


@dataclass
class OutdatedResult:
    """``implkit outdated``: every kit found and its pack status (``KitPack``)."""

    kits: list[KitPack]

    @property
    def behind(self) -> list[KitPack]:
        """Kits a newer pack version waits for, or whose pack cannot be found."""
        return [k for k in self.kits if k.status in ("outdated", "missing")]

    def as_dict(self) -> list[dict[str, Any]]:
        """What ``outdated --json`` prints: one entry per kit."""
        return [k.as_dict() for k in self.kits]


@dataclass
class PackInfo:
    """One pack ``packs list`` shows: its id, name in the asked language, version, parent,
    systems and folder (from its ``pack.yaml`` only; the pack is not loaded)."""

    id: str
    name: str
    version: str
    extends: str | None
    systems: list[str]
    path: Path

    def as_dict(self) -> dict[str, Any]:
        """One row of what ``packs list --json`` prints."""
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "extends": self.extends,
            "systems": list(self.systems),
            "path": str(self.path),
        }


@dataclass
class PackShown:
    """A pack loaded as ``packs show`` shows it: the resolved pack (inheritance applied,
    every item with its source file:line) and what loading it found (``inspection``)."""

    pack: ResolvedPack
    inspection: Inspection

    def counts(self) -> dict[str, Any]:
        """Tasks, milestones, gates, phases, ... and ``missing_translations`` per language."""
        from generator.packs.dump import counts

        return counts(self.pack, self.inspection)

    def as_dict(self) -> dict[str, Any]:
        """What ``packs show --json`` prints: the resolved pack, each item with its source."""
        from generator.packs.dump import pack_json

        return pack_json(self.pack, self.inspection)


@dataclass
class DocumentResult:
    """One document (or workbook) written from a pack and the answers.

    ``counts``: what it holds, by name (``tasks``, ``risks``; ``objects``, ``steps``;
    ``audiences``, ``courses``, ``sessions``; ``phases``, ``gates``, ``risks``).
    """

    kit: Kit
    files: list[Path]
    counts: dict[str, int]


@dataclass
class BoardResult:
    """``implkit lessons board``: the figures (``data``, what ``--json`` prints: ``from``,
    ``to``, ``total``, ``people``, ``packs``, ``contributions``), the language, the
    workbook (``path``) and the page (``page``) written (None without ``out``)."""

    data: dict[str, Any]
    lang: str
    path: Path | None = None
    page: Path | None = None

"""Carry every consultant cell of a kit's workbooks into the rebuilt kit.

``implkit build`` reads the plan, the migration checklist and the training matrix
back by their sheet declarations (:mod:`generator.sheets`), lifts tasks typed into
the Plan sheet into project.yaml (:mod:`generator.carry.lift`,
:mod:`generator.overlay`), puts every other entry into ``Kit.entries`` /
``Kit.progress`` / ``Kit.removed`` (:mod:`generator.carry.apply`) and reports what it
carried and what it could not use (:mod:`generator.carry.report`).

API
---
``WORKBOOKS``: workbook kind -> its path in the kit (the registry's carried workbooks).
``read_kit(target, manifest) -> (reads, report)``: every workbook of the kit folder
that is there (a workbook the manifest lists but that is gone is reported as
rebuilt fresh).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.registry import workbooks

if TYPE_CHECKING:
    from generator.carry.apply import carry_into
    from generator.carry.read import WorkbookRead, read_workbook
    from generator.carry.report import CarryReport
    from generator.workspace.manifest import Manifest

# imported when first used: ``new`` needs only carry.written (the digest) of this package
_LAZY = {
    "carry_into": "generator.carry.apply",
    "WorkbookRead": "generator.carry.read",
    "read_workbook": "generator.carry.read",
    "CarryReport": "generator.carry.report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


WORKBOOKS: dict[str, str] = {item.kind: item.path for item in workbooks()}


def read_kit(target: Path, manifest: Manifest | None) -> tuple[list[WorkbookRead], CarryReport]:
    """Read every workbook of the kit at ``target``; the report says which were found.

    The sheets without consultant columns (Gantt, RACI, Calendar) are read too: a row
    typed there is named, and a damaged one makes the kit unreadable for every reader."""
    from generator.carry.read import read_workbook
    from generator.carry.report import CarryReport

    report = CarryReport()
    reads: list[WorkbookRead] = []
    for kind, default in WORKBOOKS.items():
        listed = (
            next((e.path for e in manifest.files if e.kind == kind), None) if manifest else None
        )
        relative = listed or default
        path = target.joinpath(*relative.split("/"))
        if path.is_file():
            read = read_workbook(path, kind, every_sheet=True)
            reads.append(read)
            report.workbooks[kind] = {"file": relative, "status": "carried"}
            if read.lost:
                report.workbooks[kind]["lost"] = list(read.lost)
        elif listed is not None:
            report.workbooks[kind] = {"file": relative, "status": "missing"}
        else:
            report.workbooks[kind] = {"file": relative, "status": "fresh"}
    return reads, report


__all__ = ["WORKBOOKS", "CarryReport", "WorkbookRead", "carry_into", "read_kit", "read_workbook"]

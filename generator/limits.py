"""The limits on everything implkit reads, in one place (docs/refuses.md states them).

A kit and a pack are data a colleague or a client sends: a workbook may be a zip
bomb, a JSON file nested 50,000 levels, ``project.yaml`` a named pipe. Each input
is checked against these limits *before* it is parsed (:mod:`generator.readers`),
and refused with exit 2 naming the file and the fix. The values are far above
anything a real kit or pack holds (a 5,000-task plan is a 2 MB workbook that
inflates to 30 MB) and low enough that any command on any refused input stays
under 500 MB of memory and 30 seconds (``benchmarks/bench_refusals.py``).

API
---
``current() -> Limits``
    The limits in force.
``overridden(**changes)``
    A context manager that lowers (or raises) some limits for its block: tests use
    it to try a limit with a small file instead of a gigabyte one.

Units: bytes for sizes, counts for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every limit a reader enforces (bytes or counts)."""

    #: one pack file (YAML or a template)
    yaml_bytes: int = 2 * MiB
    #: project.yaml: the answers and the project's own tasks and risks
    answers_bytes: int = 512 * 1024
    #: one JSON file of the kit's memory (.implkit/: manifest, baselines, snapshots...)
    json_bytes: int = 32 * MiB
    #: lists in lists / objects in objects in one JSON file (the kit's files need 4)
    json_depth: int = 64
    #: values (numbers, texts, lists, objects) in one JSON file
    json_values: int = 2_000_000
    #: entries in the manifest (a kit has some hundreds of generated files)
    manifest_entries: int = 50_000
    #: an .xlsx or .docx file on disk
    archive_bytes: int = 100 * MiB
    #: parts (members) of one .xlsx/.docx
    archive_members: int = 10_000
    #: one part, inflated
    member_bytes: int = 256 * MiB
    #: all parts of one file, inflated
    inflated_bytes: int = 512 * MiB
    #: inflated / compressed size of a part above :attr:`ratio_floor` bytes; real
    #: workbooks stay below 30 (a zip bomb reaches 1,000)
    compression_ratio: int = 200
    ratio_floor: int = 4 * MiB
    #: rows holding any value in one sheet (Excel's grid has 1,048,576)
    sheet_rows: int = 200_000
    #: the last row number a sheet may use (Excel's grid); beyond it is not an Excel sheet
    sheet_last_row: int = 1_048_576
    #: columns read in one row (Excel's grid has 16,384)
    sheet_columns: int = 16_384
    #: a number a consultant types into a cell (effort, money, counts): ±10^12
    cell_number: float = 1e12
    #: the text one template renders, counted while it renders
    template_output: int = 2 * MiB
    #: seconds one template may take to render
    template_seconds: float = 10.0
    #: lines one template executes, its loops together (the shipped ones need at most 60)
    template_steps: int = 100_000


_current = Limits()


def current() -> Limits:
    """The limits in force now."""
    return _current


@contextmanager
def overridden(**changes: float) -> Iterator[Limits]:
    """Use ``changes`` (field=value) for the block, then the previous limits again."""
    global _current
    before = _current
    _current = replace(before, **changes)  # type: ignore[arg-type]
    try:
        yield _current
    finally:
        _current = before


def size_text(size: float) -> str:
    """``1536`` -> ``"1.5 KiB"``: a byte count as people read it."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if abs(size) < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"  # pragma: no cover

"""Bounded readers: every file implkit parses is checked against :mod:`generator.limits` first.

A kit is sent around as a zip, synced through file servers and opened by other tools,
so what a command reads may be anything: a named pipe or a device where
``project.yaml`` should be, a workbook that inflates to gigabytes or declares XML
entities, a sheet with twelve million rows, JSON nested 50,000 levels or holding
``NaN``. Each reader here refuses such input with :class:`~generator.errors.InputError`
(exit 2) naming the file, what is wrong and what to do, before the parser sees it.

API
---
``open_regular(path) -> BinaryIO``
    The file opened for reading if it is a regular file (never blocks on a FIFO;
    a device, socket or folder is refused).
``file_digest(path) -> bytes``
    The sha256 of a file read in pieces, for a cache key (a huge file: size and time).
``digests_once() -> context manager``
    Within it, ``file_digest`` hashes each path once (one kit's portfolio row).
``read_bytes(path, *, limit, fix="") -> bytes``
    The whole file, refused when larger than ``limit`` bytes.
``read_json(path, *, fix) -> Any``
    A JSON file of the kit's memory: size, UTF-8, syntax (line:col), nesting depth,
    number of values and finite numbers checked; ``fix`` ends every message.
``check_archive(handle, path, *, kind) -> None``
    An .xlsx/.docx zip: member count, inflated sizes, compression ratio, and no
    ``<!DOCTYPE``/``<!ENTITY`` in any XML part (entities are never needed by Office).
``open_workbook(path, *, fix, handle=None) -> context manager of an openpyxl workbook``
    Read-only, values only, after :func:`check_archive` (``handle``: the file already
    opened with :func:`open_regular`).
``sheet_rows(sheet, path, *, min_row=1, max_row=None, max_col=None) -> Iterator[tuple]``
    ``sheet.iter_rows(values_only=True)`` bounded by the row limits, with parser
    errors turned into an InputError naming the file and the sheet.
``open_document(path) -> docx.Document``
    A Word file (a ``--docx-template``) after :func:`check_archive`.
"""

from generator.readers.files import digests_once, file_digest, open_regular, read_bytes
from generator.readers.jsonfile import read_json
from generator.readers.office import check_archive, open_document, open_workbook, sheet_rows

__all__ = [
    "check_archive",
    "digests_once",
    "file_digest",
    "open_document",
    "open_regular",
    "open_workbook",
    "read_bytes",
    "read_json",
    "sheet_rows",
]

"""Office files (zip archives of XML parts): sizes, zip bombs, entities, sheet rows."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path
from typing import IO, Any

from generator.errors import InputError
from generator.i18n import _
from generator.limits import current, size_text
from generator.readers.files import _too_large, open_regular

_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_PROLOG_SCAN = 64 * 1024  # bytes of a part searched for the end of its prolog


def check_archive(handle: IO[bytes], path: Path, *, kind: str, fix: str = "") -> None:
    """Refuse an .xlsx/.docx zip that is too large when inflated or declares XML entities.

    ``handle``: the open file (positioned anywhere; left at 0); ``kind``: what the file
    should be, for messages ("Excel workbook", "Word document"); ``fix``: what to do
    (default: save it again from an Office program or use another copy). Sizes are the ones
    the zip's directory declares, which Python's zip reader enforces while inflating
    (a part that inflates to more than declared fails its CRC check).
    """
    limits = current()
    fix = fix or _("open it in Excel, WPS or Word and save it again, or use another copy")
    size = os.fstat(handle.fileno()).st_size
    if size > limits.archive_bytes:
        raise _too_large(path, size, limits.archive_bytes, fix)
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        # the zip reader's own words are English: say what it found in the user's language
        reason = _("not a zip archive") if isinstance(err, zipfile.BadZipFile) else str(err)
        raise InputError.at(
            path,
            0,
            0,
            _("is not a valid {kind} ({reason}); {fix}").format(kind=kind, reason=reason, fix=fix),
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.archive_members:
            raise InputError.at(
                path,
                0,
                0,
                _("holds {n} parts, more than the limit of {limit}; {fix}").format(
                    n=len(members), limit=limits.archive_members, fix=fix
                ),
            )
        total = 0
        for info in members:
            _check_member(info, path, fix)
            total += info.file_size
            if total > limits.inflated_bytes:
                raise _bomb(
                    path,
                    _("its parts inflate to more than {limit}").format(
                        limit=size_text(limits.inflated_bytes)
                    ),
                    fix,
                )
        for info in members:
            if _XML_PART.search(info.filename) and info.file_size:
                _check_prolog(archive, info, path, fix)
    handle.seek(0)


def _bomb(path: Path, why: str, fix: str) -> InputError:
    return InputError.at(
        path, 0, 0, _("looks like a zip bomb: {why}; {fix}").format(why=why, fix=fix)
    )


def _check_member(info: zipfile.ZipInfo, path: Path, fix: str) -> None:
    limits = current()
    if info.file_size > limits.member_bytes:
        raise _bomb(
            path,
            _("the part {name} inflates to {size}, more than the limit of {limit}").format(
                name=info.filename,
                size=size_text(info.file_size),
                limit=size_text(limits.member_bytes),
            ),
            fix,
        )
    if info.file_size > limits.ratio_floor:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.compression_ratio:
            raise _bomb(
                path,
                _("the part {name} inflates {ratio:.0f} times (at most {limit})").format(
                    name=info.filename, ratio=ratio, limit=limits.compression_ratio
                ),
                fix,
            )


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, fix: str) -> None:
    """Refuse a part whose prolog (before the root element) declares a DTD or entities."""
    try:
        with archive.open(info) as part:
            head = part.read(_PROLOG_SCAN)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise InputError.at(
            path,
            0,
            0,
            _("the part {name} cannot be read ({reason}); {fix}").format(
                name=info.filename, reason=err, fix=fix
            ),
        ) from None
    if _declares_dtd(head):
        raise InputError.at(
            path,
            0,
            0,
            _(
                "the part {name} declares a DTD or XML entities, which no Office program "
                "writes (an entity can expand to gigabytes or read other files); {fix}"
            ).format(name=info.filename, fix=fix),
        )


_PROLOG_TOKEN = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _declares_dtd(head: bytes) -> bool:
    """True when ``head`` reaches ``<!DOCTYPE``/``<!ENTITY`` before its root element, or
    when its prolog does not end within the scanned bytes."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: scan the ASCII bytes
        head = head[2:].replace(b"\x00", b"")
    position = 0
    while True:
        match = _PROLOG_TOKEN.match(head, position)
        if match is None:
            break
        position = match.end()
    rest = head[position:].lstrip()
    if rest.startswith(b"<!"):
        return True  # <!DOCTYPE, <!ENTITY (or another declaration no Office part has)
    return not rest and len(head) >= _PROLOG_SCAN - 4


@contextmanager
def open_workbook(path: Path, *, fix: str, handle: IO[bytes] | None = None) -> Iterator[Any]:
    """An openpyxl workbook (read-only, cached values) of the checked file ``path``.

    InputError naming ``path`` when it is not a regular file, breaks a limit of
    :func:`check_archive`, or openpyxl cannot open it (``fix`` then says what to do).
    Iterate its sheets with :func:`sheet_rows`. ``handle``: ``path`` already opened by
    :func:`~generator.readers.files.open_regular` (positioned anywhere; the caller closes
    it), so a caller that hashed its bytes parses the very file it hashed.
    """
    with open_regular(path) if handle is None else nullcontext(handle) as file:
        check_archive(file, path, kind=_("Excel workbook"), fix=fix)
        try:
            book = load_read_only(file)
        except Exception as err:  # openpyxl raises many types for a damaged file
            raise InputError.at(
                path,
                0,
                0,
                _("the workbook cannot be read ({error}); {fix}").format(
                    error=type(err).__name__, fix=fix
                ),
            ) from err
        try:
            yield book
        finally:
            book.close()


HEAD_PIECE = 2048
"""Bytes of a sheet part fed to a parser at a time where only its head is wanted (its
``<dimension>``, its header row)."""


class InPieces:
    """A sheet part handed out at most ``size`` bytes a read (:data:`HEAD_PIECE`).

    openpyxl's dimension scan stops at the sheet's ``<dimension>`` (in its first few
    hundred bytes) but feeds its parser 16 KiB at a time, and lxml's ``iterparse`` takes
    32 KiB: most of the cost of a read that stops at the head of a sheet. In smaller
    pieces the parser sees the same bytes in the same order and stops at the same element
    or error, after a fraction of the work."""

    def __init__(self, part: Any, size: int = HEAD_PIECE) -> None:
        self._part = part
        self._size = size

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return bytes(self._part.read())
        return bytes(self._part.read(min(size, self._size)))


def load_read_only(handle: IO[bytes]) -> Any:
    """``openpyxl.load_workbook(handle, read_only=True, data_only=True)``, each sheet's
    dimensions read in small pieces (:class:`InPieces`): the same workbook, the same
    parts parsed in the same order, the same errors for a damaged part."""
    reader = _reader_class()(handle, read_only=True, data_only=True)
    reader.read()
    return reader.wb


@cache  # made once, on first use: openpyxl is imported only then
def _reader_class() -> Any:
    """openpyxl's ExcelReader whose read-only worksheets scan their dimensions in pieces."""
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:  # openpyxl 3.1's, reading the part in pieces
            src = self._get_source()
            dimensions = WorkSheetParser(InPieces(src), []).parse_dimensions()
            src.close()
            if dimensions is not None:
                self._min_column, self._min_row, self._max_column, self._max_row = dimensions

    class Reader(ExcelReader):
        def read_worksheets(self) -> None:  # openpyxl 3.1's read-only branch, with Sheet
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                rels_path = get_rels_path(rel.target)
                if rels_path in self.valid_files:
                    get_dependents(self.archive, rels_path)  # parsed (and refused) as openpyxl does
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    return Reader


def _parse_error(err: Exception) -> str:
    """What an XML parser found, short: lxml's first logged error ("Entity 'a' not
    defined, line 1, column 151"), not its summary ("no element found")."""
    log: Any = getattr(err, "error_log", None)
    entry: Any = log[0] if log else None
    if entry is not None and entry.message:
        text = f"{entry.message}, line {entry.line}, column {entry.column}"
    else:
        text = str(err) or type(err).__name__
    return text[:200]


def sheet_rows(
    sheet: Any,
    path: Path,
    *,
    min_row: int = 1,
    max_row: int | None = None,
    max_col: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The value tuples of ``sheet`` (openpyxl, read-only) from ``min_row``, bounded.

    Stops with InputError naming ``path`` and the sheet when the sheet holds more than
    ``sheet_rows`` rows with a value, uses a row number beyond ``sheet_last_row``, or
    its XML cannot be parsed (an undefined entity, a broken file). Empty rows cost
    nothing but count towards the last row number.
    """
    limits = current()
    fix = _("delete the extra rows in Excel (or restore the file from .implkit/backups/)")
    if hasattr(sheet, "reset_dimensions"):
        # the rows the sheet holds, not the ones its <dimension> claims: a row beyond a
        # stale dimension is read (never dropped) and a claimed A1:Z12000000 costs nothing
        sheet.reset_dimensions()
    rows = sheet.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col, values_only=True)
    number = min_row - 1
    filled = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except InputError:
            raise
        except Exception as err:  # the XML parser's errors (ParseError, ValueError...)
            raise InputError.at(
                path,
                0,
                0,
                _("sheet '{sheet}' cannot be read ({error}); {fix}").format(
                    sheet=sheet.title,
                    error=_parse_error(err),
                    fix=_("open the file in Excel or WPS and save it again"),
                ),
            ) from None
        number += 1
        if number > limits.sheet_last_row:
            raise InputError.at(
                path,
                0,
                0,
                _(
                    "sheet '{sheet}' goes beyond row {n}, the last row of an Excel sheet; {fix}"
                ).format(sheet=sheet.title, n=limits.sheet_last_row, fix=fix),
            )
        if cells and cells.count(None) != len(cells):  # a value (no cell type equals None)
            filled += 1
            if filled > limits.sheet_rows:
                raise InputError.at(
                    path,
                    0,
                    0,
                    _("sheet '{sheet}' holds more than {n} rows; {fix}").format(
                        sheet=sheet.title, n=limits.sheet_rows, fix=fix
                    ),
                )
        yield cells


def open_document(path: Path) -> Any:
    """A python-docx Document of the checked Word file ``path`` (a customer template).

    InputError naming ``path`` when it is not a regular file, breaks a limit of
    :func:`check_archive`, or is not a .docx.
    """
    from docx import Document

    with open_regular(path) as handle:
        check_archive(handle, path, kind=_("Word document"))
        try:
            return Document(handle)
        except Exception as err:  # python-docx raises several types for a non-docx file
            raise InputError.at(
                path,
                0,
                0,
                _("is not a Word .docx document ({error}); save it as .docx and try again").format(
                    error=type(err).__name__
                ),
            ) from err

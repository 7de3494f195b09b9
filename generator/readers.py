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
``read_bytes(path, *, limit, fix="") -> bytes``
    The whole file, refused when larger than ``limit`` bytes.
``read_json(path, *, fix) -> Any``
    A JSON file of the kit's memory: size, UTF-8, syntax (line:col), nesting depth,
    number of values and finite numbers checked; ``fix`` ends every message.
``check_archive(handle, path, *, kind) -> None``
    An .xlsx/.docx zip: member count, inflated sizes, compression ratio, and no
    ``<!DOCTYPE``/``<!ENTITY`` in any XML part (entities are never needed by Office).
``open_workbook(path, *, fix) -> context manager of an openpyxl workbook``
    Read-only, values only, after :func:`check_archive`.
``sheet_rows(sheet, path, *, min_row=1, max_row=None, max_col=None) -> Iterator[tuple]``
    ``sheet.iter_rows(values_only=True)`` bounded by the row limits, with parser
    errors turned into an InputError naming the file and the sheet.
``open_document(path) -> docx.Document``
    A Word file (a ``--docx-template``) after :func:`check_archive`.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from generator.errors import InputError, os_error
from generator.i18n import _
from generator.limits import current, size_text

_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_PROLOG_SCAN = 64 * 1024  # bytes of a part searched for the end of its prolog


# --- plain files -------------------------------------------------------------------------


def open_regular(path: Path, *, follow: bool = True) -> IO[bytes]:
    """``path`` opened for binary reading; InputError unless it is a regular file.

    Opened without blocking (a named pipe with no writer would wait forever) and
    checked on the open handle, so a file swapped for a device after a check is
    still caught. ``follow=False``: a symbolic link is refused (``O_NOFOLLOW``, so
    even one planted after the caller's checks); with ``True`` links are followed (a
    file the user names, a pack's file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise _not_regular(path, _("a folder")) from None
    except OSError as err:
        if not follow and err.errno == errno.ELOOP:
            raise InputError.at(
                path,
                0,
                0,
                _(
                    "is a symbolic link inside the kit; implkit never reads or writes through "
                    "links: replace it with the real file or folder"
                ),
            ) from None
        raise os_error(err, path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, _kind_of(info.st_mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISDIR(mode):
        return _("a folder")
    return _("not a regular file")


def _not_regular(path: Path, kind: str) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _("is {kind}, not a file implkit can read; put the real file in its place").format(
            kind=kind
        ),
    )


def _too_large(path: Path, size: int | None, limit: int, fix: str) -> InputError:
    if size is None:  # the file grew while it was read
        message = _("grew beyond the limit of {limit} while it was read").format(
            limit=size_text(limit)
        )
    else:
        message = _("is {size}, more than the limit of {limit}").format(
            size=size_text(size), limit=size_text(limit)
        )
    return InputError.at(path, 0, 0, f"{message}; {fix}" if fix else message)


def read_bytes(path: Path, *, limit: int, fix: str = "", follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``; InputError when above ``limit`` bytes.

    ``follow=False``: a symbolic link at ``path`` is refused (:func:`open_regular`)."""
    with open_regular(path, follow=follow) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_large(path, size, limit, fix)
        try:
            data = handle.read(limit + 1)
        except OSError as err:
            raise os_error(err, path) from None
    if len(data) > limit:  # grew while being read
        raise _too_large(path, None, limit, fix)
    return data


# --- JSON ----------------------------------------------------------------------------------


class _Refused(Exception):
    """A number the JSON hooks refuse: the text as written and why."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(text)
        self.text = text
        self.why = why


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(text, _("is not a finite number"))
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise _Refused(text, _("is a number with more than 18 digits"))
    return int(text)


def _constant(text: str) -> Any:
    raise _Refused(text, _("is not a number JSON allows"))


def read_json(path: Path, *, fix: str, follow: bool = True) -> Any:
    """The JSON value in ``path``, every limit checked; InputError naming the file otherwise.

    Refused: a file above ``json_bytes``; bytes that are not UTF-8; a syntax error
    (line:col); ``NaN``, ``Infinity``, ``1e400`` and integers above 18 digits;
    nesting deeper than ``json_depth``; more than ``json_values`` values. ``fix`` (what
    the user should do, e.g. "delete it and run `implkit build`") ends each message.
    """
    limits = current()
    raw = read_bytes(path, limit=limits.json_bytes, fix=fix, follow=follow)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError.at(path, line, 0, _("is not UTF-8 text; {fix}").format(fix=fix)) from None
    try:
        data = json.loads(
            text, parse_float=_finite, parse_int=_bounded_int, parse_constant=_constant
        )
    except _Refused as err:
        line, col = _locate(text, err.text)
        raise InputError.at(path, line, col, f"{err.text[:40]} {err.why}; {fix}") from None
    except json.JSONDecodeError as err:
        raise InputError.at(
            path,
            err.lineno,
            err.colno,
            _("is not valid JSON ({reason}); {fix}").format(reason=err.msg, fix=fix),
        ) from None
    except RecursionError:
        raise _too_deep(path, limits.json_depth, fix) from None
    except ValueError as err:  # an integer too long for Python's conversion limit
        raise InputError.at(path, 0, 0, f"{err}; {fix}") from None
    _check_shape(data, path, fix)
    return data


def _locate(text: str, token: str) -> tuple[int, int]:
    """1-based (line, col) of the first ``token`` standing as a value in ``text``."""
    match = re.search(r"(?<![\w.])" + re.escape(token) + r"(?![\w.])", text)
    if match is None:
        return 0, 0
    start = match.start()
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def _too_deep(path: Path, depth: int, fix: str) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _("is nested more than {depth} levels deep (lists in lists); {fix}").format(
            depth=depth, fix=fix
        ),
    )


def _check_shape(data: Any, path: Path, fix: str) -> None:
    """Depth and value count of parsed JSON, walked without recursion."""
    limits = current()
    count = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > limits.json_values:
            raise InputError.at(
                path,
                0,
                0,
                _("holds more than {n} values; {fix}").format(n=limits.json_values, fix=fix),
            )
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limits.json_depth:
            raise _too_deep(path, limits.json_depth, fix)
        stack.extend((child, depth + 1) for child in children)


# --- Office files (zip archives of XML parts) ----------------------------------------------


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
        raise InputError.at(
            path,
            0,
            0,
            _("is not a valid {kind} ({reason}); {fix}").format(kind=kind, reason=err, fix=fix),
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
def open_workbook(path: Path, *, fix: str) -> Iterator[Any]:
    """An openpyxl workbook (read-only, cached values) of the checked file ``path``.

    InputError naming ``path`` when it is not a regular file, breaks a limit of
    :func:`check_archive`, or openpyxl cannot open it (``fix`` then says what to do).
    Iterate its sheets with :func:`sheet_rows`.
    """
    from openpyxl import load_workbook

    with open_regular(path) as handle:
        check_archive(handle, path, kind=_("Excel workbook"), fix=fix)
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
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
        if cells and any(cell is not None for cell in cells):
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

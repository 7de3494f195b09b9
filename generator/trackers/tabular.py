"""Read a tracker's CSV export safely: bounded, any of the encodings the tools write.

``read_table(path, data) -> Table``: the header and every record with the line it
starts on. Azure Boards and Jira write UTF-8 (Azure Boards with a byte-order mark);
a file re-saved by Excel may be UTF-16 or, on a Chinese Windows, GBK (read as
GB 18030, its superset), with ``;`` or a tab as the separator in some locales. The
separator is taken from the header line.

Refused with :class:`~generator.errors.InputError` (file and line, and the fix):
a file over :data:`MAX_BYTES`, text that is none of those encodings (binary junk), a
quoted cell that never ends or a last record with fewer cells than the header (a cut
off file), and a cell over :data:`MAX_CELL` characters.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _

MAX_BYTES = 64 * 1024 * 1024  # a 10,000-item Azure Boards export with descriptions: ~10 MB
MAX_CELL = 1024 * 1024
MAX_COLUMNS = 2000  # Jira's "all fields" export of a big instance: several hundred


@dataclass
class Table:
    """A CSV file read: header cells and ``(line, cells)`` per record (line 1-based)."""

    header: list[str]
    records: list[tuple[int, list[str]]] = field(default_factory=list)

    def columns(self, *names: str) -> list[int]:
        """Indices of every header cell equal to one of ``names`` (case and spaces ignored)."""
        wanted = {normal(name) for name in names}
        return [i for i, cell in enumerate(self.header) if normal(cell) in wanted]

    def column(self, *names: str) -> int | None:
        """The first column named one of ``names`` (in the order given), or None."""
        for name in names:
            found = self.columns(name)
            if found:
                return found[0]
        return None


def normal(text: str) -> str:
    """Header text compared loosely: case, spaces, a Jira "Custom field (...)" wrapper."""
    clean = " ".join(text.replace("\ufeff", "").split()).lower()
    for wrapper in ("custom field (", "自定义字段 ("):
        if clean.startswith(wrapper) and clean.endswith(")"):
            clean = clean[len(wrapper) : -1].strip()
    return clean


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB 18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                if "\x00" not in text:
                    return text
    raise InputError.at(
        path,
        0,
        0,
        _(
            "this is not a text file (not UTF-8, UTF-16 or GBK): it is not a tracker export; "
            "export the query or filter again as CSV, or give the .xml/.mpp file of MS Project"
        ),
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused above :data:`MAX_BYTES` (a file, not a folder or link)."""
    try:
        if path.is_symlink():
            raise InputError.at(
                path, 0, 0, _("is a symbolic link; give the file itself (links are not followed)")
            )
        if not path.is_file():
            raise InputError.at(path, 0, 0, _("no such file; check the path"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.at(
                path,
                0,
                0,
                _(
                    "the file is {size} MB, more than the {limit} MB an export can be; "
                    "export fewer items (a query per phase or per iteration)"
                ).format(size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
            )
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as err:
        from generator.errors import os_error

        raise os_error(err, path) from err


def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_table(path: Path, text: str) -> Table:
    """Header and records of the CSV ``text`` (see the module docstring for what is refused)."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_separator(first_line), strict=True
    )
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    table: Table | None = None
    try:
        line = 1
        for cells in reader:
            if table is None:
                if len(cells) > MAX_COLUMNS:
                    raise InputError.at(
                        path, 1, 0, _("the header has more than 2,000 columns: not an export")
                    )
                table = Table([cell.strip() for cell in cells])
            elif any(cell.strip() for cell in cells):
                table.records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as err:
        raise InputError.at(
            path,
            reader.line_num,
            0,
            _(
                "the file ends inside a quoted cell or holds a broken one ({reason}): it looks "
                "cut off; export it again and import the whole file"
            ).format(reason=str(err)),
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    if table is None:
        raise InputError.at(path, 0, 0, _("the file is empty; export the query again"))
    if table.records:
        last_line, last = table.records[-1]
        width = len(table.header)
        if len(last) < width and not text.endswith(("\n", "\r")):
            raise InputError.at(
                path,
                last_line,
                0,
                _(
                    "the last row has {n} of {width} cells and no line end: the file is cut off; "
                    "export it again and import the whole file"
                ).format(n=len(last), width=width),
            )
    return table

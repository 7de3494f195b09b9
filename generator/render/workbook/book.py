"""One workbook written with XlsxWriter: styles, hidden lists, declared sheets, same bytes.

Usage (the sheet modules of :mod:`generator.render.workbook`)::

    book = Book("zh", when=kit.project.start, title="项目计划", page_header="...")
    sb = book.sheet("计划", spec=TASKS)            # valid, unique sheet name; declared sheet
    sb.columns(book.columns(TASKS))                # header labels + styles from the declaration
    sb.add(["计划 — ..."], style="title")          # lines above the header
    sb.header()                                    # frozen, printed on every page, defined name
    sb.add(["base.kickoff", date(2026, 9, 1), Formula("=MIN(I5:I9)", date(2026, 9, 1))])
    sb.validation("O5:O99", book.list_validation(TASK_STATUS))
    book.save(path)                                # closes every sheet; fixed dates; same bytes

Rules it enforces so sheet modules cannot get them wrong:

* **Text is text**: plain ``str`` values are written with ``write_string`` (the workbook
  is opened with ``strings_to_formulas``/``strings_to_urls``/``strings_to_numbers`` off)
  and text starting with ``= + - @`` gets the quote prefix, so Excel keeps it text after
  an edit. Only :class:`Formula` values become formulas, always with their value.
* Sheet names valid and unique; dropdown lists inline when they fit Excel's 255
  characters, else on the hidden ``Lists`` sheet behind a defined name.
* Declared sheets (:mod:`generator.sheets`): a defined name ``_ik_<n>`` on the header row
  and a row on the very hidden ``_implkit`` sheet; protection without a password, the
  consultant's cells unlocked; filter, sort, column/row formatting always allowed, row
  insertion where the declaration accepts added rows.
* Print: landscape, one page wide (A3 when very wide), header row repeated.
* Same inputs, same bytes: document times and zip entry dates are the project's date.
"""

from __future__ import annotations

import io
import os
import re
import struct
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from xlsxwriter.format import Format  # type: ignore[import-untyped]

from generator.i18n import locale_data
from generator.render.workbook.cells import (
    clean_text,
    col_letter,
    quote_sheet,
    safe_sheet_title,
)
from generator.render.workbook.guarded import GuardedWorkbook
from generator.render.workbook.sheet import A3_FROM_WIDTH, Col, SheetBuilder
from generator.render.workbook.styles import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FONT_SIZE,
    style_for,
    style_specs,
)
from generator.sheets import META_SHEET, VERSION, ListSpec, SheetSpec

__all__ = ["A3_FROM_WIDTH", "LISTS_SHEET", "Book", "Col", "SheetBuilder", "restamp_zip"]

LISTS_SHEET = "Lists"
INLINE_LIST_MAX = 255
PARTS_IN_MEMORY = 8 * 1024 * 1024
"""Sheet data (characters of row XML) up to which a workbook's parts are packaged in memory.

XlsxWriter writes every part of the package (each sheet, styles, the workbook...) to a
temporary file before zipping it, about a hundred files for a kit's three workbooks:
their creation, copying and removal cost about 40 ms of CPU and, on a busy disk, a few
tenths of a second of ``new``. Packaged in memory the zip is the same (its entries'
file attributes are set to those of the temporary files: :func:`restamp_zip`); a larger
workbook keeps the files, so a 50,000-task plan is never held whole in memory."""
_TEMP_FILE_ATTRIBUTES = 0o100600 << 16  # a regular file, read-write for its owner (mkstemp)


def restamp_zip(data: bytes, when: date, *, attributes: int | None = None) -> bytes:
    """``data`` (a zip) with every entry's date set to ``when`` 00:00, in place (no re-zip).

    Patches the DOS date/time fields of each local header and central-directory record,
    and with ``attributes`` the external file attributes of each central record.
    """
    stamp_date = ((max(when.year, 1980) - 1980) << 9) | (when.month << 5) | when.day
    packed = struct.pack("<HH", 0, stamp_date)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        out[info.header_offset + 10 : info.header_offset + 14] = packed
    end = data.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack("<I", data[end + 16 : end + 20])
    pos = cd_offset
    for _ in infos:
        if out[pos : pos + 4] != b"PK\x01\x02":
            raise ValueError("unexpected zip layout")
        out[pos + 12 : pos + 16] = packed
        if attributes is not None:
            out[pos + 38 : pos + 42] = struct.pack("<I", attributes)
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        pos += 46 + name_len + extra_len + comment_len
    return bytes(out)


class Book:
    """One workbook being written (XlsxWriter, in memory until :meth:`save`).

    ``when`` (the project's start date) becomes the document's created/modified time and
    the zip entry dates, so the same Kit always gives the same bytes.
    """

    def __init__(
        self,
        lang: str,
        *,
        when: date,
        title: str,
        subject: str = "",
        description: str = "",
        keywords: str = "",
        page_header: str = "",
        currency: str = "",
    ) -> None:
        self.lang = lang
        self.font = locale_data(lang).font
        self.when = when
        self.page_header = page_header
        self.currency = currency
        self._buffer = io.BytesIO()
        default: dict[str, Any] = {"font_name": self.font, "font_size": FONT_SIZE}
        if locale_data(lang).charset:  # 134 = GB2312: Excel picks a Chinese face
            default["font_charset"] = locale_data(lang).charset
        self.wb = GuardedWorkbook(
            self._buffer,
            {
                # every sheet streams its rows to a temporary file as it is written (a
                # sheet is written once, top to bottom, when it closes): a 50,000-task plan
                # stays small in memory; the zip itself goes to memory, then to the file
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": default,
            },
        )
        self.wb.set_properties(
            {
                "title": clean_text(title),
                "subject": clean_text(subject),
                "author": "implkit",
                "comments": clean_text(description),
                "keywords": clean_text(keywords),
                "created": datetime(when.year, when.month, when.day),
            }
        )
        self.wb.set_calc_mode("auto")
        self._specs = style_specs()
        self._formats: dict[tuple[str, bool, bool, bool], Format] = {}
        self._lists: list[tuple[str, list[str]]] = []
        self._list_names: dict[str, str] = {}
        self.sheets: list[SheetBuilder] = []
        self.table_names: set[str] = set()
        self.declared: list[tuple[str, str]] = []  # (defined name, sheet key)
        # the generated cells of the carried sheets, hashed as they are written
        # (generator.carry.written); False when a value's read-back is not modelled
        self.digests: dict[str, dict[str, str]] = {}
        self.digest_ok = True

    # --- formats ---------------------------------------------------------------------
    def fmt(
        self, style: str, *, quote: bool = False, as_date: bool = False, as_datetime: bool = False
    ) -> Format:
        """The (cached) format of a named style; ``quote``: text kept as text on edit;
        ``as_date``/``as_datetime``: shown as yyyy-mm-dd / yyyy-mm-dd hh:mm."""
        key = (style, quote, as_date, as_datetime)
        found = self._formats.get(key)
        if found is None:
            props = dict(self._specs[style])
            if quote:
                props["quote_prefix"] = True
            if as_date:
                props["num_format"] = DATE_FORMAT
            if as_datetime:
                props["num_format"] = DATETIME_FORMAT
            found = self.wb.add_format(props)
            self._formats[key] = found
        return found

    def dxf(self, fill: str, font_color: str | None = None) -> Format:
        """A conditional-format (differential) format: a fill and optionally a font colour."""
        props: dict[str, Any] = {"bg_color": fill, "pattern": 1}
        if font_color:
            props["font_color"] = font_color
        return self.wb.add_format(props)

    # --- declarations ----------------------------------------------------------------------
    def columns(self, spec: SheetSpec, keys: Sequence[str] | None = None) -> list[Col]:
        """The :class:`Col` list of a declared sheet (all its columns, or ``keys`` in order)."""
        wanted = [spec.column(k) for k in keys] if keys is not None else list(spec.columns)
        return [
            Col(
                c.header(self.lang, self.currency),
                style_for(c.owner, c.type, c.center),
                min_width=c.min_width,
                max_width=c.max_width,
                width=c.width,
                key=c.key,
            )
            for c in wanted
        ]

    # --- sheets ----------------------------------------------------------------------------
    def sheet(
        self, name: str, *, spec: SheetSpec | None = None, instance: str = ""
    ) -> SheetBuilder:
        """Add a sheet (name made valid and unique) and return its builder.

        ``spec``: the sheet's declaration; ``instance``: the instance key of a per-object
        sheet (``"migration.fields:mfg.routing"``), else the declaration's key.
        """
        taken = [s.title for s in self.sheets] + [LISTS_SHEET, META_SHEET]
        title = safe_sheet_title(name, taken)
        ws = self.wb.add_worksheet(title)
        sb = SheetBuilder(self, ws, title, spec, instance or (spec.key if spec else ""))
        self.sheets.append(sb)
        return sb

    def table_name(self, wanted: str) -> str:
        """A valid, unique table name from ``wanted`` (letters, digits, underscore)."""
        base = re.sub(r"[^A-Za-z0-9_]", "_", wanted) or "Table"
        base = "tbl_" + base if not base.lower().startswith("tbl_") else base
        name = base
        n = 2
        while name.lower() in {t.lower() for t in self.table_names}:
            name = f"{base}_{n}"
            n += 1
        self.table_names.add(name)
        return name

    # --- dropdown lists ----------------------------------------------------------------------
    def list_name(self, key: str, values: Sequence[str]) -> str:
        """Put a dropdown list on the hidden Lists sheet; return its defined name."""
        if key in self._list_names:
            return self._list_names[key]
        name = "lst_" + re.sub(r"[^A-Za-z0-9_]", "_", key)
        col = len(self._lists) + 1
        self._lists.append((key, [clean_text(str(v)) for v in values]))
        letter = col_letter(col)
        last = max(len(values), 1) + 1
        self.wb.define_name(name, f"={quote_sheet(LISTS_SHEET)}!${letter}$2:${letter}${last}")
        self._list_names[key] = name
        return name

    def list_validation(self, lst: ListSpec) -> dict[str, Any]:
        """XlsxWriter validation options for a declared list in the book's language.

        Inline when the labels fit Excel's 255 characters (and hold no comma or quote),
        else a defined name on the hidden Lists sheet.
        """
        labels = list(lst.labels(self.lang))
        inline = ",".join(labels)
        source: Any
        if len(inline) <= INLINE_LIST_MAX and not any("," in x or '"' in x for x in labels):
            source = labels
        else:
            source = "=" + self.list_name(lst.key, labels)
        return {"validate": "list", "source": source, "ignore_blank": True}

    def define_name(self, name: str, sheet: str, ref: str) -> str:
        """A workbook-level defined name pointing at ``ref`` (absolute) on ``sheet``."""
        self.wb.define_name(name, f"={quote_sheet(sheet)}!{ref}")
        return name

    def _write_lists(self) -> None:
        if not self._lists:
            return
        ws = self.wb.add_worksheet(LISTS_SHEET)
        ws.hide()
        label = self.fmt("label")
        text = self.fmt("text")
        for idx, (key, _) in enumerate(self._lists):  # row by row: the rows stream
            ws.set_column(idx, idx, 24)
            ws.write_string(0, idx, key, label)
        height = max(len(values) for _, values in self._lists)
        for row in range(height):
            for idx, (_, values) in enumerate(self._lists):
                if row < len(values):
                    ws.write_string(row + 1, idx, values[row], text)

    def _write_meta(self) -> None:
        """The very hidden ``_implkit`` sheet: defined name, sheet key, declaration version."""
        if not self.declared:
            return
        ws = self.wb.add_worksheet(META_SHEET)
        ws.very_hidden()
        for col, head in enumerate(("name", "sheet", "version")):
            ws.write_string(0, col, head)
        for row, (name, key) in enumerate(self.declared, start=1):
            ws.write_string(row, 0, name)
            ws.write_string(row, 1, key)
            ws.write_number(row, 2, VERSION)

    # --- saving ------------------------------------------------------------------------------
    def _sheet_data_bytes(self) -> int:
        """Size of the row XML the sheets have streamed so far (characters in memory,
        bytes in a file: :func:`~generator.render.workbook.stream.row_spool`, written
        front to back, so its position is its size)."""
        total = 0
        for sheet in self.wb.worksheets():
            handle = getattr(sheet, "row_data_fh", None)
            if isinstance(handle, tempfile.SpooledTemporaryFile) and not handle.closed:
                total += handle.tell()
        return total

    def save(self, path: Path) -> None:
        """Close open sheets and write the workbook atomically (fixed dates, same bytes)."""
        for sb in self.sheets:
            sb.close()
        if self.sheets:
            self.sheets[0].ws.activate()
        self._write_lists()
        self._write_meta()
        in_memory = self._sheet_data_bytes() <= PARTS_IN_MEMORY
        self.wb.in_memory = in_memory  # the sheets were made streaming: only the packaging
        self.wb.close()
        data = restamp_zip(
            self._buffer.getvalue(),
            self.when,
            attributes=_TEMP_FILE_ATTRIBUTES if in_memory else None,
        )
        if self.digest_ok:
            from generator.carry.written import remember

            remember(data, self.digests)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

"""Stream a worksheet's cell values straight from its XML, as openpyxl read-only gives them.

The rebuild and the portfolio read thousands of rows of a few columns each. openpyxl's
read-only parser turns every cell of every row into a dictionary (coordinate, style,
type) before the caller throws most of them away; on a 10,000-task plan that is most
of the time a rebuild spends reading. This module keeps openpyxl for the workbook
itself — sheet list, defined names, shared strings, the styles that make a number a
date, the 1900/1904 date system — and replaces only the per-row loop: one ``lxml``
pass over the sheet part that converts just the cells left of ``max_col``.

The values are openpyxl's, cell for cell (``tests/test_carry_sheetxml.py`` compares the
two on real kits in English and Chinese, as written and after a LibreOffice round trip,
and on hand-made hostile sheets):

- ``t="n"`` (or no type): ``int`` unless the text holds ``.``, ``e`` or ``E`` (then
  ``float``); a cell whose style's number format is a date becomes a ``datetime``
  (``timedelta`` for an elapsed-time format such as ``[h]:mm``) in the workbook's date
  system, ``"#VALUE!"`` when the serial is out of range;
- ``t="s"``: the shared string; ``t="inlineStr"``: the text of ``<is>`` (runs joined,
  phonetic runs left out); ``t="str"``: the formula's text result; ``t="b"``: ``bool``;
  ``t="e"``: the error text (``"#N/A"``); ``t="d"``: the ISO 8601 date;
- formula cells give the value stored beside the formula (``data_only``); an empty
  ``<v>`` is ``None``; which cells hold a formula is noted beside the values (openpyxl's
  values-only mode cannot tell), so the rebuild never takes a result Excel or
  LibreOffice computed on save for something the team typed;
- rows are numbered by their ``r`` attribute (else one after the previous), missing
  rows come back empty, a row out of order is skipped, cells are placed by their
  ``r`` column (else one after the previous cell).

Every other check stays in front of it: the file is opened and its workbook parts
parsed by openpyxl (and whatever bounded-reader checks wrap that) before a sheet is
streamed; entities are never resolved and no network is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW = _MAIN + "row"
_CELL = _MAIN + "c"
_FORMULA = _MAIN + "f"
_VALUE = _MAIN + "v"
_INLINE = _MAIN + "is"
_TEXT = _MAIN + "t"
_RUN = _MAIN + "r"

_COLUMNS: dict[str, int] = {}  # "AB" -> 28, filled as letters are met
_NOT_SEEN = object()
_DIGITS = "0123456789"


def _column(reference: str) -> int:
    """1-based column of a cell reference ("AB12" -> 28); ValueError when malformed."""
    end = 0
    for char in reference:
        if "A" <= char <= "Z" or "a" <= char <= "z":
            end += 1
        else:
            break
    letters = reference[:end]
    found = _COLUMNS.get(letters)
    if found is None:
        from openpyxl.utils.cell import coordinate_to_tuple

        found = coordinate_to_tuple(reference)[1]  # raises as openpyxl would
        _COLUMNS[letters] = found
    return found


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if value.is_integer():
            return int(value)
        raise ValueError(f"{text} is not a valid row number") from None


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _child(cell: Any, tag: str) -> Any:
    """``cell.find(tag)`` for a direct child: lxml's ``find`` walks a path (about 10 µs a
    call, most of a cell's cost); a cell has one to three children."""
    for child in cell:
        if child.tag == tag:
            return child
    return None


def _text(cell: Any) -> str | None:
    """``cell.findtext(<v>)``: the text of the cell's first ``<v>`` ("" when empty), None
    when it has none."""
    for child in cell:
        if child.tag == _VALUE:
            return child.text or ""
    return None


def _inline(element: Any) -> str:
    """openpyxl's ``Text.from_tree(is).content``: the last plain ``<t>``, then each run's."""
    plain: str | None = None
    runs: list[str] = []
    for child in element:
        if child.tag == _TEXT:
            plain = child.text
        elif child.tag == _RUN:
            text = None
            for part in child:
                if part.tag == _TEXT:
                    text = part.text
            if text is not None:
                runs.append(text)
    return (plain if plain is not None else "") + "".join(runs)


class SheetStream:
    """A read-only worksheet of an openpyxl workbook whose rows come from :func:`rows`.

    Stands in for ``openpyxl``'s ``ReadOnlyWorksheet`` where the readers use it
    (``iter_rows(..., values_only=True)``, ``reset_dimensions()``, ``title``)."""

    def __init__(self, book: Any, sheet: Any, piece: int | None = None) -> None:
        self._book = book
        self._sheet = sheet
        self._piece = piece
        self.title: str = sheet.title
        # row number -> 1-based columns whose cell holds a formula, for the rows read so
        # far: a formula's stored result is the workbook's own arithmetic, not an entry
        self.formulas: dict[int, frozenset[int]] = {}

    def head(self) -> SheetStream:
        """This sheet for a read of its first rows (a header row): its part is fed to the
        parser in small pieces (:class:`~generator.readers.office.InPieces`), so a read
        that stops after row 3 parses about row 3, not the first 32 KiB. The caller reads
        the sheet whole after it: an error further down is found there, the same error."""
        from generator.readers.office import HEAD_PIECE

        view = SheetStream(self._book, self._sheet, HEAD_PIECE)
        view.formulas = self.formulas
        return view

    def reset_dimensions(self) -> None:
        """Ignore the ``<dimension>`` the file claims (rows below a stale one are read)."""
        self._sheet.reset_dimensions()

    @property
    def max_row(self) -> int | None:
        return self._sheet.max_row

    @property
    def max_column(self) -> int | None:
        return self._sheet.max_column

    def iter_rows(
        self,
        min_row: int | None = None,
        max_row: int | None = None,
        min_col: int | None = None,
        max_col: int | None = None,
        values_only: bool = True,
    ) -> Iterator[tuple[Any, ...] | list[Any]]:
        """Rows of values exactly as ``ReadOnlyWorksheet.iter_rows(values_only=True)``."""
        if not values_only:
            raise ValueError("SheetStream gives values only")
        return rows(
            self._book,
            self._sheet,
            min_row=min_row or 1,
            max_row=max_row or self._sheet.max_row,
            min_col=min_col or 1,
            max_col=max_col or self._sheet.max_column,
            formulas=self.formulas,
            piece=self._piece,
        )


class BookStream:
    """An openpyxl read-only workbook whose sheets stream through :class:`SheetStream`;
    everything else (``sheetnames``, ``defined_names``, ``close()``) is the workbook's."""

    def __init__(self, book: Any) -> None:
        self._book = book

    def __getitem__(self, title: str) -> SheetStream:
        return SheetStream(self._book, self._book[title])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._book, name)


def rows(
    book: Any,
    sheet: Any,
    *,
    min_row: int = 1,
    max_row: int | None = None,
    min_col: int = 1,
    max_col: int | None = None,
    formulas: dict[int, frozenset[int]] | None = None,
    piece: int | None = None,
) -> Iterator[tuple[Any, ...] | list[Any]]:
    """The value rows ``min_row``..``max_row`` of ``sheet`` (a ``ReadOnlyWorksheet`` of
    the read-only, values-only openpyxl ``book``), cells ``min_col``..``max_col``
    (1-based; None: up to the dimension, else to each row's last cell).

    ``formulas``: when given, filled with row number -> the 1-based columns (of those
    read) whose cell holds a formula, each row's entry set before the row is yielded.
    ``piece``: bytes fed to the parser at a time (None: lxml's 32 KiB; a read that stops
    early parses less in smaller pieces).

    Raises what openpyxl raises for the same malformed part (``ValueError``,
    ``IndexError``, ``KeyError``, an XML syntax error)."""
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    strings = sheet._shared_strings
    epoch = book.epoch
    dates = book._date_formats
    durations = book._timedelta_formats
    # a missing row: as wide as asked, or (no width asked) an empty list, as openpyxl gives
    empty: tuple[Any, ...] | None = (None,) * (max_col + 1 - min_col) if max_col else None
    counter = min_row
    number = 0
    # a cell without a style has the first cell format, which a workbook may make a date
    plain: set[str | None] = set() if 0 in dates else {None, ""}
    seen: dict[tuple[str, bool], Any] = {}  # a date cell's (text, elapsed time) -> its value
    # lxml logs a parse error in a log kept per thread: emptied first, so the message of a
    # damaged sheet (generator.readers) names its own error, not one an earlier sheet logged
    etree.clear_error_log()
    with book._archive.open(sheet._worksheet_path) as part:
        source = part
        if piece is not None:
            from generator.readers.office import InPieces

            source = InPieces(part, piece)
        parser = etree.iterparse(
            source,
            events=("end",),
            tag=_ROW,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )
        for _event, element in parser:
            position = element.get("r")
            number = _row_number(position) if position is not None else number + 1
            if max_row is not None and number > max_row:
                break
            while counter < number:
                counter += 1
                yield empty if empty is not None else []
            if counter <= number:
                counter += 1
                found: list[int] | None = [] if formulas is not None else None
                values = _values(
                    element, strings, epoch, dates, durations, min_col, max_col, plain, found, seen
                )
                if found and formulas is not None:
                    formulas[number] = frozenset(found)
                yield values
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    if max_row is not None and max_row < number:
        for _ in range(counter, max_row + 1):
            yield empty if empty is not None else []


def _values(
    element: Any,
    strings: list[str],
    epoch: Any,
    dates: Any,
    durations: Any,
    min_col: int,
    max_col: int | None,
    plain: set[str | None],
    found: list[int] | None,
    seen: dict[tuple[str, bool], Any],
) -> tuple[Any, ...]:
    """One row's values; ``plain``: ``s`` texts known not to be date styles (grows);
    ``found``: when given, the columns whose cell holds a formula are appended to it;
    ``seen``: the date cells converted so far in this sheet, (text, elapsed time) -> value
    (grows: a sheet repeats its dates, and each conversion is openpyxl's ``from_excel``).

    The hot loop of every workbook read: the common cells (a shared string, a plain
    number, an inline string) are converted inline, their children found by looking
    (:func:`_child`), the rest through :func:`_value`."""
    cells: list[tuple[int, Any]] = []
    add = cells.append
    column = 0
    columns = _COLUMNS
    digits = _DIGITS
    value_tag = _VALUE
    inline_tag = _INLINE
    text_tag = _TEXT
    last = max_col if max_col is not None else 1 << 30
    for cell in element.iterchildren(_CELL):
        reference = cell.get("r")
        if reference:
            column = columns.get(reference.rstrip(digits)) or _column(reference)
        else:
            column += 1
        if column < min_col or column > last:
            continue  # the last cell's column still sets the width when max_col is None
        size = len(cell)
        if not size:
            continue  # no value, no formula: None whatever its type (a styled empty cell)
        if size == 1:
            only = cell[0]
            tag = only.tag
            if tag == value_tag:
                text = only.text or ""
            elif tag == inline_tag:
                if cell.get("t") == "inlineStr":
                    if len(only) == 1:  # one <t>: its text (no runs)
                        part = only[0]
                        if part.tag == text_tag:
                            add((column, part.text or ""))
                            continue
                    add((column, _inline(only)))
                    continue
                text = None
            else:
                if tag == _FORMULA and found is not None:  # a formula without a stored result
                    found.append(column)
                text = None
        else:
            if found is not None and cell[0].tag == _FORMULA:
                found.append(column)  # <f> comes first in a cell (CT_Cell: f, v, is)
            text = _text(cell)
        kind = cell.get("t")
        if kind == "s":  # the common cases inline: a shared string, a plain number, text
            add((column, strings[int(text)] if text else None))
        elif kind is None or kind == "n":
            if not text:
                add((column, None))
                continue
            raw = cell.get("s")
            if raw in plain:
                add((column, _number(text)))
                continue
            style = int(raw) if raw else 0
            if style in dates:
                key = (text, style in durations)
                day = seen.get(key, _NOT_SEEN)
                if day is _NOT_SEEN:
                    day = seen[key] = _date(_number(text), epoch, key[1])
                add((column, day))
            else:
                plain.add(raw)
                add((column, _number(text)))
        elif kind == "inlineStr":
            child = _child(cell, inline_tag)
            add((column, _inline(child) if child is not None else None))
        else:
            add((column, _value(cell, kind or "n", strings, epoch, dates, durations)))
    if not max_col:
        if not column:  # a row without cells
            return ()
        max_col = column  # openpyxl: as wide as the row's last cell
    values: list[Any] = [None] * (max_col + 1 - min_col)
    for place, value in cells:
        if place <= max_col:
            values[place - min_col] = value
    return tuple(values)


def _date(value: int | float, epoch: Any, duration: bool) -> Any:
    """A serial of a date-styled cell: openpyxl's ``from_excel`` ("#VALUE!" out of range)."""
    from openpyxl.utils.datetime import from_excel

    try:
        return from_excel(value, epoch, timedelta=duration)
    except (OverflowError, ValueError):
        return "#VALUE!"


def _value(cell: Any, kind: str, strings: list[str], epoch: Any, dates: Any, durations: Any) -> Any:
    if kind == "inlineStr":
        child = _child(cell, _INLINE)
        return _inline(child) if child is not None else None
    text = _text(cell) or None
    if text is None:
        return None
    if kind == "n":
        value = _number(text)
        style = cell.get("s", 0)
        if style:
            style = int(style)
        return _date(value, epoch, style in durations) if style in dates else value
    if kind == "s":
        return strings[int(text)]
    if kind == "b":
        return bool(int(text))
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(text)
    return text  # "str" (a formula's text result), "e" (an error), anything else as is

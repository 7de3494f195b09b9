"""Which tool wrote a file, told from its content (never its name): :func:`read_export`.

* MSPDI: XML whose root element is in the MS Project namespace;
* ``.mpp``: an OLE compound file (converted by MPXJ, then read as MSPDI);
* a timesheet: an .xlsx workbook written by ``implkit timesheets`` (its hidden
  ``_implkit`` sheet says so);
* Azure Boards: a CSV whose header has ID, Work Item Type and a title column;
* Jira: a CSV whose header has Issue key and Summary;
* an LMS's completions or grades (Moodle): a CSV with learners and a course total, a
  completion or a grade column (:mod:`generator.trackers.lms`).

Anything else is refused (exit 2) with what the file looks like and what to export.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _
from generator.trackers.dates import Order
from generator.trackers.model import Format, Status, TrackerFile
from generator.trackers.tabular import Table, decode, read_bytes, read_table


def sniff(path: Path, data: bytes) -> Format:
    """The format of ``data`` (see the module docstring); InputError when none fits."""
    from generator.trackers import ado, jira, lms, msproject

    if msproject.is_mspdi(data):
        return "mspdi"
    if msproject.is_mpp(data):
        return "mpp"
    if data[:4] == b"PK\x03\x04":
        return "timesheet"
    header = _first_line(path, data)
    table = Table(header)
    if ado.is_ado(table.header):
        return "ado"
    if jira.is_jira(table.header):
        return "jira"
    if lms.is_lms(table.header):
        return "lms"
    raise InputError.at(
        path,
        1,
        0,
        _(
            "not an export this import reads: the first line has neither Azure Boards' ID, "
            "Work Item Type and Title, nor Jira's Issue key and Summary, nor an LMS's learners and "
            "grades or completions; export a query from "
            "Azure Boards (Export to CSV), an issue search from Jira (Export > CSV), the plan "
            "from MS Project as XML, Moodle's grades (Export > Plain text file), or give a "
            "timesheet written by implkit timesheets"
        ),
    )


def _first_line(path: Path, data: bytes) -> list[str]:
    """The header cells of a CSV (the first line, any of the encodings and separators)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        end = head.find(b"\n")
        text = decode(head if end < 0 else head[:end], path)
    first = text.splitlines()[0] if text.strip() else ""
    separator = max((",", ";", "\t"), key=first.count)
    try:
        cells = next(csv.reader([first], delimiter=separator))
    except (csv.Error, StopIteration):
        cells = []
    return [cell.strip() for cell in cells]


def read_export(
    path: Path,
    *,
    fmt: Format | None = None,
    plausible: Callable[[date], bool] = lambda _day: True,
    order: Order | None = None,
    extra_states: dict[str, Status] | None = None,
) -> TrackerFile:
    """Read and parse one export (``fmt`` forces the format: ``--format``)."""
    data = read_bytes(path)
    found = sniff(path, data)
    if fmt is not None and fmt != found and not (fmt == "mspdi" and found == "mpp"):
        raise InputError.at(
            path,
            0,
            0,
            _("--format {given} was given but the file is {found}; drop --format").format(
                given=fmt, found=found
            ),
        )
    if found in ("mspdi", "mpp"):
        from generator.trackers import msproject

        xml = msproject.mpp_to_mspdi(path) if found == "mpp" else data
        parsed = msproject.parse(path, xml)
        parsed.format = found
        return parsed
    if found == "timesheet":
        raise InputError.at(path, 0, 0, "timesheet")  # handled by the caller (timesheets)
    text = decode(data, path)
    table = read_table(path, text)
    if found == "ado":
        from generator.trackers import ado

        return ado.parse(path, table, plausible=plausible, order=order, extra_states=extra_states)
    from generator.trackers import jira

    return jira.parse(path, table, plausible=plausible, order=order, extra_states=extra_states)

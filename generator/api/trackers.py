"""The round-trip calls: progress from trackers, MS Project and LMSs back into the kit,
and timesheets out (``implkit import``, ``timesheets``); import them from
:mod:`generator.api`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.api.common import Progress, start_call
from generator.workspace.notices import Notice, no_notice

if TYPE_CHECKING:
    from generator.trackers.model import Status
    from generator.workspace.timesheets import TimesheetsResult
    from generator.workspace.tracker_import import ImportResult


def import_files(
    folder: Path,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    add_new: bool = False,
    fmt: str | None = None,
    states: Mapping[str, Status] | None = None,
    date_order: str | None = None,
    as_of: str | date | None = None,
    packs_dir: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> ImportResult:
    """``implkit import``: bring the progress recorded in Azure Boards / Jira CSV exports,
    MS Project XML (.mpp with MPXJ) and filled timesheets into the kit in ``folder``, and
    an LMS's completions and grades (Moodle's exports) into its training workbook's
    Attendance sheet (:mod:`generator.trackers.completions`).

    ``dry_run``: list the changes, write nothing; ``add_new``: tracker items the kit does
    not have become tasks of their phase; ``states``: extra state mappings (``--state``);
    ``date_order``: "mdy" or "dmy" for numeric dates a file cannot tell; ``as_of``: the
    day the tracker's work is recorded on (default today). The write is the kit's own
    rebuild (:mod:`generator.workspace.tracker_import`); the change list is
    ``result.changes`` (sheet, row, id, column, old -> new, source file:line).
    """
    start_call()
    from generator.workspace.tracked import parse_as_of
    from generator.workspace.tracker_import import import_files as run_import

    day = parse_as_of(as_of) if as_of is not None else None
    order = date_order if date_order in ("mdy", "dmy") else None
    return run_import(
        folder.absolute(),
        list(files),
        dry_run=dry_run,
        add_new=add_new,
        fmt=fmt,
        states=dict(states or {}),
        date_order=order,  # type: ignore[arg-type]
        as_of=day,
        packs_dir=packs_dir,
        force=force,
        progress=progress,
        notice=notice,
    )


def timesheets(
    folder: Path,
    week: str,
    *,
    weeks: int = 2,
    people_file: Path | None = None,
    people: Sequence[str] = (),
    output: Path | None = None,
    packs_dir: Path | None = None,
) -> TimesheetsResult:
    """``implkit timesheets``: one timesheet workbook per person for ISO ``week``
    (``2026-W14``) with their open tasks of that week and the next ``weeks - 1``; people
    from ``people_file`` (CSV: person, role), ``people`` (``"NAME=ROLE"``) or the plan's
    Project team sheet; written into ``folder/timesheets/<week>/`` or ``output``."""
    start_call()
    from generator.workspace.timesheets import write_timesheets

    return write_timesheets(
        folder.absolute(),
        week,
        weeks=weeks,
        people_file=people_file,
        people=tuple(people),
        output=output,
        packs_dir=packs_dir,
    )

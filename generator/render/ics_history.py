"""The iCalendar export's memory between builds: ``.implkit/calendar-history.json``.

Calendar clients update an imported event only when its SEQUENCE rises (and
DTSTAMP moves on). The renderer takes only the Kit, so the CLI reads the
previous build's event stamps into ``Kit.calendar_history`` before rendering
(:func:`with_calendar_history`); :func:`save_calendar_history` writes this build's
stamps into the staged kit and the install moves them in the same transaction as the
files (an interrupted build leaves both as they were).

File shape (UTF-8 JSON, sorted, one object per event)::

    {"version": 1,
     "events": [{"uid": "base.steering-committee@3f2a9c1d7e4b.implkit",
                 "fingerprint": "<sha256 hex>", "sequence": 2,
                 "dtstamp": "20261130T061000Z"}, ...]}

Errors: an unreadable or malformed file is an :class:`InputError` (exit 2) that
names the file and the fix (delete it; the next build starts afresh).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.i18n import _
from generator.kit_model import CalendarHistory, EventStamp, Kit
from generator.readers import read_json

HISTORY = Path(".implkit") / "calendar-history.json"
VERSION = 1
MAX_SEQUENCE = 2**31 - 1


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def read_calendar_history(kit_dir: Path) -> tuple[EventStamp, ...]:
    """The stamps the last build of ``kit_dir`` wrote (empty when there is no file)."""
    path = kit_dir / HISTORY
    if not path.is_file():
        return ()
    problem = _(
        "the calendar history is damaged; delete the file and rebuild (calendar "
        "events are then sent again as new versions)"
    )
    data: Any = read_json(path, fix=problem)  # size, depth, NaN and 1e400 refused
    try:
        events = tuple(
            EventStamp(
                uid=str(item["uid"]),
                fingerprint=str(item["fingerprint"]),
                sequence=_sequence(item["sequence"]),
                dtstamp=str(item["dtstamp"]),
            )
            for item in data["events"]
        )
    except (ValueError, KeyError, TypeError) as err:
        raise InputError.at(path, 0, 0, problem) from err
    return events


def _sequence(value: Any) -> int:
    """A SEQUENCE number: a whole number 0..2^31-1 (RFC 5545 integers are 32-bit)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("not a number")
    if not float(value).is_integer() or not 0 <= value <= MAX_SEQUENCE:
        raise ValueError("out of range")
    return int(value)


def with_calendar_history(kit: Kit, kit_dir: Path, *, now: str | None = None) -> Kit:
    """``kit`` carrying ``kit_dir``'s calendar history and this build's UTC time stamp."""
    events = read_calendar_history(kit_dir)
    return replace(kit, calendar_history=CalendarHistory(events=events, now=now or _now()))


def save_calendar_history(kit: Kit, kit_dir: Path) -> Path:
    """Write the stamps of the calendar ``kit`` renders to ``kit_dir``; return the file.

    Written through a temporary file and an atomic rename; refuses a ``.implkit`` that is
    a symbolic link (nothing is written outside the kit).
    """
    from generator.render.ics import event_stamps

    folder = kit_dir / HISTORY.parent
    if folder.is_symlink():
        raise InputError.at(
            folder, 0, 0, _("is a symbolic link; implkit never writes through links")
        )
    folder.mkdir(parents=True, exist_ok=True)
    events = sorted(event_stamps(kit), key=lambda e: e.uid)
    body = {
        "version": VERSION,
        "events": [
            {
                "uid": e.uid,
                "fingerprint": e.fingerprint,
                "sequence": e.sequence,
                "dtstamp": e.dtstamp,
            }
            for e in events
        ],
    }
    path = kit_dir / HISTORY
    staged = path.with_name(path.name + ".tmp")
    staged.write_text(
        json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n"
    )
    os.replace(staged, path)
    return path

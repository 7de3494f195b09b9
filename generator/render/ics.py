"""iCalendar export (RFC 5545): ``render_ics(kit, path)``.

* Milestones and quality gates are all-day events on their date.
* Every ceremony (the weekly cross-department sync, the steering committee, the
  CCB...) is one recurring event with an RRULE from its first date until its
  last (go-live, hypercare end or project end), and EXDATEs for the public
  holidays it would fall on.
* UIDs are built from the project slug and the item id, so re-importing a
  rebuilt kit updates the events instead of duplicating them. DTSTAMP is the
  project's start, so an unchanged rebuild gives identical bytes.
* Chinese projects carry an ``Asia/Shanghai`` VTIMEZONE (UTC+8, no daylight
  saving); other countries use floating local times.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from generator.kit_model import Ceremony, Kit

TIMEZONES = {"CN": ("Asia/Shanghai", "+0800", 8)}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//implkit//Project kit//EN"

LABELS = {
    "en": {
        "gate": "Quality gate",
        "milestone": "Milestone",
        "chair": "Chair",
        "attendees": "Attendees",
    },
    "zh": {"gate": "质量关口", "milestone": "里程碑", "chair": "主持", "attendees": "参会人"},
}


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _uid(kit: Kit, item_id: str) -> str:
    return f"{item_id}@{kit.project.slug}.implkit"


def _occurrences(ceremony: Ceremony) -> list[date]:
    """The dates the RRULE expands to (used for EXDATEs on holidays)."""
    days: list[date] = []
    day = ceremony.first
    if ceremony.cadence == "monthly":
        while day <= ceremony.until:
            days.append(day)
            # same weekday, same ordinal (1st..4th) in the next month
            ordinal = (day.day - 1) // 7
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            first = date(year, month, 1)
            offset = (ceremony.weekday - first.weekday()) % 7
            day = first + timedelta(days=offset + 7 * ordinal)
        return days
    step = {"daily": 1, "weekly": 7, "biweekly": 14}[ceremony.cadence]
    while day <= ceremony.until:
        if ceremony.cadence != "daily" or day.weekday() < 5:
            days.append(day)
        day += timedelta(days=step)
    return days


def _rrule(ceremony: Ceremony, until: str) -> str:
    byday = WEEKDAYS[ceremony.weekday]
    if ceremony.cadence == "daily":
        return f"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL={until}"
    if ceremony.cadence == "weekly":
        return f"FREQ=WEEKLY;BYDAY={byday};UNTIL={until}"
    if ceremony.cadence == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={byday};UNTIL={until}"
    ordinal = (ceremony.first.day - 1) // 7 + 1
    return f"FREQ=MONTHLY;BYDAY={ordinal}{byday};UNTIL={until}"


def ics_text(kit: Kit) -> str:
    """The calendar as text with CRLF line ends."""
    lab = LABELS[kit.lang]
    tz = TIMEZONES.get(kit.project.country)
    stamp = f"{kit.project.start:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(kit.project.name)}",
    ]
    if tz:
        name, offset, _ = tz
        lines += [
            "BEGIN:VTIMEZONE",
            f"TZID:{name}",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            "TZNAME:CST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        lines.append(f"X-WR-TIMEZONE:{name}")

    for task in kit.tasks:
        if not task.milestone:
            continue
        kind = lab["gate"] if task.gate else lab["milestone"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(kit, task.id)}",
            f"DTSTAMP:{stamp}",
            "SEQUENCE:0",
            f"DTSTART;VALUE=DATE:{task.finish:%Y%m%d}",
            f"DTEND;VALUE=DATE:{task.finish + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(task.name)}",
            f"DESCRIPTION:{_escape(f'{kind} · {task.wbs} · {kit.project.name}')}",
            f"CATEGORIES:{_escape(kind)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]

    holidays = {d.day for d in kit.calendar.holidays}
    for ceremony in kit.ceremonies:
        hour, minute = (int(part) for part in ceremony.time.split(":"))
        start = datetime.combine(ceremony.first, datetime.min.time()).replace(
            hour=hour, minute=minute
        )
        end = start + timedelta(minutes=ceremony.minutes)
        last = datetime.combine(ceremony.until, datetime.max.time()).replace(microsecond=0)
        if tz:
            tzid = f";TZID={tz[0]}"
            until = (last - timedelta(hours=tz[2])).strftime("%Y%m%dT%H%M%SZ")
        else:
            tzid = ""
            until = last.strftime("%Y%m%dT%H%M%S")
        attendees = ", ".join(kit.role_name(r) for r in ceremony.attendees)
        description = "\n".join(
            part
            for part in (
                ceremony.purpose,
                f"{lab['chair']}: {kit.role_name(ceremony.chair)}",
                f"{lab['attendees']}: {attendees}" if attendees else "",
            )
            if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(kit, ceremony.id)}",
            f"DTSTAMP:{stamp}",
            "SEQUENCE:0",
            f"DTSTART{tzid}:{start:%Y%m%dT%H%M%S}",
            f"DTEND{tzid}:{end:%Y%m%dT%H%M%S}",
            f"RRULE:{_rrule(ceremony, until)}",
        ]
        skipped = [d for d in _occurrences(ceremony) if d in holidays]
        if skipped:
            times = ",".join(f"{d:%Y%m%d}T{start:%H%M%S}" for d in skipped)
            lines.append(f"EXDATE{tzid}:{times}")
        lines += [
            f"SUMMARY:{_escape(ceremony.name)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def render_ics(kit: Kit, path: Path) -> list[Path]:
    """Write the kit's calendar to ``path``."""
    path.write_bytes(ics_text(kit).encode("utf-8"))
    return [path]

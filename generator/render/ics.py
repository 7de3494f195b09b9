"""iCalendar export (RFC 5545): ``render_ics(kit, path)``.

* Milestones and quality gates are all-day events on their date.
* Every ceremony (the weekly cross-department sync, the steering committee, the
  CCB...) is one recurring event. Its occurrences are computed once
  (:func:`ceremony_schedule`, dateutil's rrule over the very RRULE written) and
  the exceptions are derived from them: an occurrence on a holiday (or any
  non-working day) is an EXDATE and moves to the next working day as an RDATE
  unless that day already has the meeting (a daily stand-up is not moved: the
  next working day has its own); a daily stand-up also meets on official
  make-up workdays (调休, RDATEs). A monthly meeting is "the n-th
  weekday of the month"; a first date that is the 5th such weekday becomes
  "the last" (``BYDAY=-1FR``) so the rule meets every month.
* UIDs are ``<item id>@<project uid>.implkit``: stable across rebuilds (a
  re-import updates the events) and different for two projects made from the
  same pack (two clients' calendars import side by side).
* SEQUENCE and DTSTAMP come from ``Kit.calendar_history`` (the previous build's
  event fingerprints, kept in ``.implkit/calendar-history.json`` by the CLI):
  an event whose content changed gets the next SEQUENCE and the build's time as
  DTSTAMP, an unchanged one keeps both, so an unchanged rebuild gives identical
  bytes. A first build uses SEQUENCE 0 and the project's start as DTSTAMP.
* Meeting times are in the kit's time zone: the ``timezone`` answer, else the
  country's first zone in the IANA time zone database (``zone.tab``: CN Asia/Shanghai,
  DE Europe/Berlin, US America/New_York...), written as a VTIMEZONE built by the
  icalendar library from that zone's rules (daylight saving included) for the years
  the calendar spans, so a vendor in another time zone sees the meeting at their own
  hour. A kit whose country has no zone keeps floating local times. Milestones stay
  all-day dates (a date has no time zone).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from pathlib import Path

from dateutil.rrule import rrulestr

from generator.i18n import D_, DC_, TextTable
from generator.kit_model import Ceremony, EventStamp, Kit

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//implkit//Project kit//EN"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"

LABELS = TextTable(
    {
        "gate": D_("Quality gate"),
        "milestone": D_("Milestone"),
        "chair": DC_("calendar", "Chair"),
        "attendees": D_("Attendees"),
    }
)


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


def project_uid(kit: Kit) -> str:
    """The per-project id in every UID: ``ProjectInfo.uid``, else derived from the answers.

    The derivation (sha256 of pack, client and slug, 12 hex digits) matches
    ``generator.naming.derived_uid``, so hand-built kits and older project files still
    get one id per project.
    """
    if kit.project.uid:
        return kit.project.uid
    p = kit.project
    return hashlib.sha256(f"{p.pack}\n{p.client}\n{p.slug}".encode()).hexdigest()[:12]


@cache
def _zone_table() -> dict[str, str]:
    """Country code -> its first zone in the IANA database's ``zone.tab`` (tzdata)."""
    from importlib import resources

    try:
        text = (
            resources.files("tzdata").joinpath("zoneinfo").joinpath("zone.tab").read_text("utf-8")
        )
    except (ModuleNotFoundError, OSError):  # no tzdata wheel: the system's database
        system = Path("/usr/share/zoneinfo/zone.tab")
        text = system.read_text("utf-8") if system.is_file() else ""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table.setdefault(parts[0].upper(), parts[2].strip())
    return table


def kit_timezone(kit: Kit) -> str:
    """The IANA zone of the kit's meetings ("" when none: floating local times)."""
    return kit.project.timezone or _zone_table().get(kit.project.country.upper(), "")


def _zone(kit: Kit) -> tzinfo | None:
    name = kit_timezone(kit)
    if not name:
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _uid(kit: Kit, item_id: str) -> str:
    return f"{item_id}@{project_uid(kit)}.implkit"


# --- occurrences ---------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """One ceremony's recurrence: what is written and the meetings it stands for.

    ``rule`` is the RRULE value exactly as written; ``rule_dates`` its occurrences; ``meetings`` the days the meeting is held
    (rule dates on working days, moved ones, make-up workdays); ``exdates`` =
    rule dates not held (each an occurrence of ``rule``); ``rdates`` = meetings the rule
    does not produce. Dates are local calendar days.
    """

    start: datetime  # local (floating) first occurrence, date + meeting time
    rule: str
    rule_dates: tuple[date, ...]
    meetings: tuple[date, ...]
    exdates: tuple[date, ...]
    rdates: tuple[date, ...]


def _is_working(kit: Kit) -> Callable[[date], bool]:
    """The kit calendar's working-day test (make-up workdays work, holidays and weekends not)."""
    from generator.calendar import model_calendar

    cal = model_calendar(kit.calendar, kit.project.start, lang=kit.lang, country_rules=False)
    return cal.is_working_day


def _first_on_weekday(ceremony: Ceremony) -> date:
    if ceremony.cadence == "daily":
        return ceremony.first
    return ceremony.first + timedelta(days=(ceremony.weekday - ceremony.first.weekday()) % 7)


def _rule_text(kit: Kit, ceremony: Ceremony, first: date, until: str) -> str:
    byday = WEEKDAYS[ceremony.weekday]
    if ceremony.cadence == "daily":
        days = ",".join(WEEKDAYS[n] for n in range(7) if n not in kit.calendar.weekend)
        return f"FREQ=DAILY;BYDAY={days};UNTIL={until}"
    if ceremony.cadence == "weekly":
        return f"FREQ=WEEKLY;BYDAY={byday};UNTIL={until}"
    if ceremony.cadence == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY={byday};UNTIL={until}"
    ordinal = (first.day - 1) // 7 + 1
    if ordinal == 5:  # a 5th weekday exists in few months: meet on the last one instead
        ordinal = -1
    return f"FREQ=MONTHLY;BYDAY={ordinal}{byday};UNTIL={until}"


def ceremony_schedule(kit: Kit, ceremony: Ceremony) -> Schedule:
    """Compute a ceremony's RRULE, its occurrences and the exceptions, once.

    The occurrences are dateutil's expansion of the rule text itself (with ``UNTIL`` in
    UTC for zoned calendars), so every EXDATE is an occurrence of the rule written.
    """
    zone = _zone(kit)
    first = _first_on_weekday(ceremony)
    hour, minute = (int(part) for part in ceremony.time.split(":"))
    start = datetime.combine(first, datetime.min.time()).replace(hour=hour, minute=minute)
    last = datetime.combine(ceremony.until, datetime.max.time()).replace(microsecond=0)
    if zone is not None:
        until = last.replace(tzinfo=zone).astimezone(timezone.utc).strftime(STAMP_FORMAT)
        dtstart = start.replace(tzinfo=zone)
    else:
        until = last.strftime("%Y%m%dT%H%M%S")
        dtstart = start
    rule = _rule_text(kit, ceremony, first, until)
    rule_dates = tuple(
        occurrence.date() for occurrence in rrulestr(f"RRULE:{rule}", dtstart=dtstart)
    )
    working = _is_working(kit)
    held: set[date] = set()
    in_rule = set(rule_dates)
    for day in rule_dates:
        if working(day):
            held.add(day)
            continue
        if ceremony.cadence == "daily":  # the next working day has its own stand-up
            continue
        moved = day + timedelta(days=1)
        for _ in range(60):  # the longest holiday runs are about 9 days
            if working(moved):
                break
            moved += timedelta(days=1)
        if moved not in in_rule:
            held.add(moved)
    if ceremony.cadence == "daily":
        held |= {w.day for w in kit.calendar.workdays if first <= w.day <= ceremony.until}
    meetings = tuple(sorted(held))
    return Schedule(
        start=start,
        rule=rule,
        rule_dates=rule_dates,
        meetings=meetings,
        exdates=tuple(sorted(in_rule - held)),
        rdates=tuple(sorted(held - in_rule)),
    )


# --- events ----------------------------------------------------------------------------


def _fingerprint(lines: list[str]) -> str:
    return hashlib.sha256("\r\n".join(lines).encode("utf-8")).hexdigest()


def _stamper(kit: Kit) -> Callable[[str, str], EventStamp]:
    """``stamp(uid, fingerprint)``: SEQUENCE and DTSTAMP of one event (see the module doc)."""
    history = {e.uid: e for e in kit.calendar_history.events}
    default = f"{kit.project.start:%Y%m%d}T000000Z"

    def stamp(uid: str, fingerprint: str) -> EventStamp:
        return _stamp(history.get(uid), kit.calendar_history.now, default, uid, fingerprint)

    return stamp


def _stamp(
    previous: EventStamp | None, now: str, default: str, uid: str, fingerprint: str
) -> EventStamp:
    """This build's stamp of an event given the previous build's (``None``: a new event)."""
    if previous is None:
        return EventStamp(uid, fingerprint, 0, default)
    if previous.fingerprint == fingerprint:
        return previous
    if not now or now <= previous.dtstamp:  # no clock given: one second after the last one
        before = datetime.strptime(previous.dtstamp, STAMP_FORMAT)
        now = max(now, (before + timedelta(seconds=1)).strftime(STAMP_FORMAT))
    return EventStamp(uid, fingerprint, previous.sequence + 1, now)


def _events(kit: Kit) -> list[tuple[str, list[str]]]:
    """(UID, content lines without UID/DTSTAMP/SEQUENCE) of every event, in file order."""
    lab = LABELS[kit.lang]
    zone_name = kit_timezone(kit)
    events: list[tuple[str, list[str]]] = []
    for task in kit.tasks:
        if not task.milestone:
            continue
        kind = lab["gate"] if task.gate else lab["milestone"]
        events.append(
            (
                _uid(kit, task.id),
                [
                    f"DTSTART;VALUE=DATE:{task.finish:%Y%m%d}",
                    f"DTEND;VALUE=DATE:{task.finish + timedelta(days=1):%Y%m%d}",
                    f"SUMMARY:{_escape(task.name)}",
                    f"DESCRIPTION:{_escape(f'{kind} · {task.wbs} · {kit.project.name}')}",
                    f"CATEGORIES:{_escape(kind)}",
                    "TRANSP:TRANSPARENT",
                ],
            )
        )
    tzid = f";TZID={zone_name}" if zone_name else ""
    for ceremony in kit.ceremonies:
        schedule = ceremony_schedule(kit, ceremony)
        start = schedule.start
        end = start + timedelta(minutes=ceremony.minutes)
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
        lines = [
            f"DTSTART{tzid}:{start:%Y%m%dT%H%M%S}",
            f"DTEND{tzid}:{end:%Y%m%dT%H%M%S}",
            f"RRULE:{schedule.rule}",
        ]
        if schedule.exdates:
            times = ",".join(f"{d:%Y%m%d}T{start:%H%M%S}" for d in schedule.exdates)
            lines.append(f"EXDATE{tzid}:{times}")
        if schedule.rdates:
            times = ",".join(f"{d:%Y%m%d}T{start:%H%M%S}" for d in schedule.rdates)
            lines.append(f"RDATE{tzid}:{times}")
        lines += [f"SUMMARY:{_escape(ceremony.name)}", f"DESCRIPTION:{_escape(description)}"]
        events.append((_uid(kit, ceremony.id), lines))
    return events


def event_stamps(kit: Kit) -> tuple[EventStamp, ...]:
    """What this build writes for each event: the history the next build compares with."""
    stamp = _stamper(kit)
    return tuple(stamp(uid, _fingerprint(lines)) for uid, lines in _events(kit))


def ics_text(kit: Kit) -> str:
    """The calendar as text with CRLF line ends."""
    zone_name = kit_timezone(kit)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(kit.project.name)}",
    ]
    if zone_name:
        lines += _vtimezone(kit, zone_name)
        lines.append(f"X-WR-TIMEZONE:{zone_name}")
    stamper = _stamper(kit)
    for uid, content in _events(kit):
        stamp = stamper(uid, _fingerprint(content))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp.dtstamp}",
            f"SEQUENCE:{stamp.sequence}",
            *content,
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vtimezone(kit: Kit, name: str) -> list[str]:
    """The VTIMEZONE of ``name`` from the icalendar library, covering the calendar's years."""
    days = [kit.project.start, kit.project.finish]
    days += [c.first for c in kit.ceremonies] + [c.until for c in kit.ceremonies]
    first = date(min(days).year, 1, 1)
    last = date(max(days).year + 1, 1, 1)
    return list(_vtimezone_lines(name, first, last))


@lru_cache(maxsize=16)
def _vtimezone_lines(name: str, first: date, last: date) -> tuple[str, ...]:
    """The VTIMEZONE lines of zone ``name`` from ``first`` to ``last`` (1 January each).

    Kept per process: icalendar walks every hour offset of the range (about 0.05 s of
    CPU a calendar) and the result depends only on these three values (the zone rules
    are the process' tz database); a tuple of str, so no caller can change it.
    """
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    component = Timezone.from_tzinfo(ZoneInfo(name), tzid=name, first_date=first, last_date=last)
    text = component.to_ical().decode("utf-8")
    return tuple(line for line in text.replace("\r\n ", "").split("\r\n") if line)


def render_ics(kit: Kit, path: Path) -> list[Path]:
    """Write the kit's calendar to ``path``."""
    path.write_bytes(ics_text(kit).encode("utf-8"))
    return [path]

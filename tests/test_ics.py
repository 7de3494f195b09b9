"""iCalendar: parsed back with the icalendar package."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import pytest
from dateutil.rrule import rrule, rruleset, rrulestr
from icalendar import Calendar

from generator.errors import InputError
from generator.kit_model import CalendarHistory, Ceremony, Kit
from generator.render.ics import event_stamps, ics_text, project_uid, render_ics
from generator.render.ics_history import save_calendar_history, with_calendar_history
from tests.sample_kit import sample_kit

Cadence = Literal["daily", "weekly", "biweekly", "monthly"]


def _events(text: str) -> list[Any]:
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_milestones_all_day_and_ceremonies_recurring(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    (path,) = render_ics(kit, tmp_path / "kit.ics")
    events = _events(path.read_bytes().decode("utf-8"))
    milestones = [t for t in kit.tasks if t.milestone]
    assert len(events) == len(milestones) + len(kit.ceremonies)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    for task in milestones:
        event = by_summary[task.name]
        assert event.decoded("DTSTART") == task.finish
        assert not isinstance(event.decoded("DTSTART"), datetime)
    weekly = by_summary[kit.ceremonies[0].name]
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO"]
    until = rule["UNTIL"][0]
    assert until.date() in (kit.ceremonies[0].until, date(2026, 12, 4))
    monthly = by_summary[kit.ceremonies[1].name]
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"]


def test_uids_stable_across_builds_and_unique() -> None:
    first = _events(ics_text(sample_kit("en")))
    again = _events(ics_text(sample_kit("en")))
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in again]
    # a changed date keeps the UID, so a re-import updates the event
    kit = sample_kit("en")
    moved = replace(
        kit,
        tasks=tuple(
            replace(t, finish=date(2026, 12, 11)) if t.id == "s.golive" else t for t in kit.tasks
        ),
    )
    assert {str(e["UID"]) for e in _events(ics_text(moved))} == set(uids)


def test_holidays_excluded_from_recurrence() -> None:
    kit = sample_kit("zh")
    # the weekly sync falls on Monday 2026-10-05, inside the National Day holiday
    events = _events(ics_text(kit))
    weekly = next(e for e in events if str(e["SUMMARY"]) == kit.ceremonies[0].name)
    exdates = [d.dt.date() for ex in [weekly["EXDATE"]] for d in ex.dts]
    assert date(2026, 10, 5) in exdates


def test_lines_folded_at_75_octets_and_crlf() -> None:
    text = ics_text(sample_kit("zh"))
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "\n" not in text.replace("\r\n", "")


# --- the calendar expands to exactly the meetings ------------------------------


def _expand(event: Any) -> list[date]:
    """Meeting days of a VEVENT: dateutil over its RRULE, RDATEs and EXDATEs."""
    start = event.decoded("DTSTART")
    rules = rruleset()
    rule_text = event["RRULE"].to_ical().decode()
    rule = rrulestr(rule_text, dtstart=start)
    assert isinstance(rule, rrule)
    rules.rrule(rule)
    for prop, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        values = event.get(prop, [])
        for value in values if isinstance(values, list) else [values]:
            for item in value.dts:
                add(item.dt)
    return [occurrence.date() for occurrence in rules]


def _rule_dates(event: Any) -> set[date]:
    rule_text = event["RRULE"].to_ical().decode()
    return {o.date() for o in rrulestr(rule_text, dtstart=event.decoded("DTSTART"))}


def _expected_meetings(kit: Kit, c: Ceremony) -> list[date]:
    """The meetings a ceremony stands for, from the Kit alone (the Meetings sheet's row).

    Weekly/biweekly: every 7/14 days from the first date on the ceremony's weekday;
    monthly: the same ordinal weekday of every month (the last one when the first date is
    a 5th weekday); daily: every working weekday plus official make-up workdays. A meeting
    on a non-working day moves to the next working day unless that day has the meeting
    (a stand-up is not moved).
    """
    holidays = {d.day for d in kit.calendar.holidays}
    makeup = {d.day for d in kit.calendar.workdays}
    weekend = set(kit.calendar.weekend)

    def working(day: date) -> bool:
        return day in makeup or (day.weekday() not in weekend and day not in holidays)

    if c.cadence == "daily":
        span = (c.until - c.first).days + 1
        base = [
            c.first + timedelta(days=n)
            for n in range(span)
            if (c.first + timedelta(days=n)).weekday() not in weekend
        ]
    else:
        first = c.first + timedelta(days=(c.weekday - c.first.weekday()) % 7)
        if c.cadence in ("weekly", "biweekly"):
            step = 7 if c.cadence == "weekly" else 14
            base = [
                first + timedelta(days=step * n) for n in range((c.until - first).days // step + 1)
            ]
        else:
            ordinal = (first.day - 1) // 7
            base = []
            year, month = first.year, first.month
            while date(year, month, 1) <= c.until:
                days = [
                    date(year, month, d)
                    for d in range(1, 32)
                    if _valid(year, month, d) and date(year, month, d).weekday() == c.weekday
                ]
                day = days[ordinal] if ordinal < 4 else days[-1]
                if first <= day <= c.until:
                    base.append(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    held: set[date] = set()
    for day in base:
        if working(day):
            held.add(day)
            continue
        if c.cadence == "daily":  # skipped: the next working day has its own stand-up
            continue
        moved = day + timedelta(days=1)
        while not working(moved):
            moved += timedelta(days=1)
        if moved not in base:
            held.add(moved)
    if c.cadence == "daily":
        held |= {d for d in makeup if c.first <= d <= c.until}
    return sorted(held)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _ceremony(kit: Kit, cid: str, cadence: Cadence, weekday: int, first: date, until: date) -> Kit:
    template = kit.ceremonies[0]
    extra = replace(
        template, id=cid, name=f"{template.name} {cid}", cadence=cadence, weekday=weekday,
        first=first, until=until,
    )  # fmt: skip
    return replace(kit, ceremonies=(*kit.ceremonies, extra))


def _kits() -> list[tuple[str, Kit]]:
    from tests.docx_checks import real_kit

    kits = []
    for lang in ("en", "zh"):
        kit = sample_kit(lang)
        kit = _ceremony(kit, "s.standup", "daily", 0, date(2026, 9, 28), date(2026, 10, 16))
        kit = _ceremony(kit, "s.fifth", "monthly", 4, date(2026, 10, 30), date(2027, 8, 31))
        kit = _ceremony(kit, "s.biweekly", "biweekly", 2, date(2026, 9, 2), date(2026, 12, 31))
        kits.append((f"sample-{lang}", kit))
        kits.append((f"manufacturing-{lang}", real_kit(lang)))
    return kits


@pytest.mark.parametrize("name", ["sample-en", "sample-zh", "manufacturing-en", "manufacturing-zh"])
def test_calendar_expands_to_exactly_the_meetings(name: str) -> None:
    kit = dict(_kits())[name]
    assert kit.ceremonies
    events = {str(e["UID"]): e for e in _events(ics_text(kit))}
    for c in kit.ceremonies:
        event = events[f"{c.id}@{project_uid(kit)}.implkit"]
        got = _expand(event)
        assert got == _expected_meetings(kit, c), c.id
        assert len(got) == len(set(got))
        exdates = [d.dt.date() for ex in _as_list(event.get("EXDATE")) for d in ex.dts]
        assert set(exdates) <= _rule_dates(event), f"{c.id}: EXDATEs outside the RRULE"
        rdates = [d.dt.date() for rd in _as_list(event.get("RDATE")) for d in rd.dts]
        assert not set(rdates) & _rule_dates(event)
        assert event.decoded("DTSTART").date() == min(_rule_dates(event))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_fifth_weekday_monthly_meets_every_month() -> None:
    kit = dict(_kits())["sample-en"]
    event = next(e for e in _events(ics_text(kit)) if str(e["UID"]).startswith("s.fifth@"))
    assert event["RRULE"]["BYDAY"] == ["-1FR"]
    months = {(d.year, d.month) for d in _expand(event)}
    assert len(months) == 11  # October 2026 .. August 2027, every month
    assert "5FR" not in ics_text(kit)


def test_holiday_meetings_move_to_the_next_working_day() -> None:
    kit = dict(_kits())["sample-zh"]
    events = {str(e["UID"]).split("@")[0]: e for e in _events(ics_text(kit))}
    weekly = _expand(events["s.weekly"])
    # Monday 2026-10-05 is in the National Day holiday: the sync meets Thursday 10-08
    assert date(2026, 10, 5) not in weekly and date(2026, 10, 8) in weekly
    standup = _expand(events["s.standup"])
    # the make-up Saturday 2026-10-10 is a working day: the stand-up meets
    assert date(2026, 10, 10) in standup
    assert not any(date(2026, 10, d) in standup for d in range(1, 8))
    rdates = [d.dt.date() for rd in _as_list(events["s.standup"].get("RDATE")) for d in rd.dts]
    assert date(2026, 10, 10) in rdates


def test_rebuild_that_moves_an_event_raises_sequence_and_dtstamp() -> None:
    kit = sample_kit("en")
    first = ics_text(kit)
    history = CalendarHistory(events=event_stamps(kit), now="20261101T080000Z")
    again = replace(kit, calendar_history=history)
    assert ics_text(again) == first, "an unchanged rebuild gives the same bytes"
    moved = replace(
        again,
        tasks=tuple(
            replace(t, finish=date(2026, 12, 11)) if t.id == "s.golive" else t for t in kit.tasks
        ),
    )
    by_uid = {str(e["UID"]).split("@")[0]: e for e in _events(ics_text(moved))}
    assert int(by_uid["s.golive"]["SEQUENCE"]) == 1
    assert by_uid["s.golive"]["DTSTAMP"].to_ical() == b"20261101T080000Z"
    assert int(by_uid["s.weekly"]["SEQUENCE"]) == 0
    assert by_uid["s.weekly"]["DTSTAMP"].to_ical() == b"20260901T000000Z"
    # a second move raises it again
    second = replace(
        moved,
        calendar_history=CalendarHistory(event_stamps(moved), now="20261102T080000Z"),
        tasks=tuple(
            replace(t, finish=date(2026, 12, 18)) if t.id == "s.golive" else t for t in kit.tasks
        ),
    )
    by_uid = {str(e["UID"]).split("@")[0]: e for e in _events(ics_text(second))}
    assert int(by_uid["s.golive"]["SEQUENCE"]) == 2


def test_history_file_round_trip_and_damaged_file(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    save_calendar_history(kit, tmp_path)
    loaded = with_calendar_history(kit, tmp_path, now="20261201T000000Z")
    assert set(loaded.calendar_history.events) == set(event_stamps(kit))
    assert ics_text(loaded) == ics_text(kit)
    (tmp_path / ".implkit" / "calendar-history.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError) as err:
        with_calendar_history(kit, tmp_path)
    assert "calendar-history.json" in str(err.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_clients_calendars_import_side_by_side(lang: str) -> None:
    from generator.kit import build_kit
    from generator.project import ProjectSpec
    from generator.workspace.load import loaded_pack

    pack = loaded_pack("manufacturing", None)
    uids = []
    for client in ("华东精密制造", "华南精密制造"):
        spec = ProjectSpec(pack="manufacturing", lang=lang, client=client, start=date(2026, 9, 1))
        kit = build_kit(pack, spec, generator_version="test")
        uids.append({str(e["UID"]) for e in _events(ics_text(kit))})
    assert uids[0] and uids[1] and not uids[0] & uids[1]
    # the same answers with another project id (project.yaml `uid:`) differ too
    kit = sample_kit(lang)
    one = {
        str(e["UID"])
        for e in _events(ics_text(replace(kit, project=replace(kit.project, uid="aaaa1111"))))
    }
    two = {
        str(e["UID"])
        for e in _events(ics_text(replace(kit, project=replace(kit.project, uid="bbbb2222"))))
    }
    assert not one & two and all(u.endswith("@aaaa1111.implkit") for u in one)


@pytest.mark.parametrize(
    ("country", "zone", "summer_utc", "winter_utc"),
    [
        ("DE", "Europe/Berlin", "07:30", "08:30"),  # CEST then CET
        ("US", "America/New_York", "13:30", "14:30"),  # EDT then EST
        ("CN", "Asia/Shanghai", "01:30", "01:30"),  # no daylight saving
    ],
)
def test_meetings_carry_the_kits_time_zone(
    country: str, zone: str, summer_utc: str, winter_utc: str
) -> None:
    """A vendor and a client in two time zones see the same instant: a VTIMEZONE from the
    icalendar library (with its daylight-saving rules), every meeting time zoned."""
    from datetime import timezone

    kit = sample_kit("en")
    kit = replace(kit, project=replace(kit.project, country=country))
    calendar = Calendar.from_ical(ics_text(kit))
    zones = [c for c in calendar.walk() if c.name == "VTIMEZONE"]
    assert [str(z["TZID"]) for z in zones] == [zone]
    weekly = next(e for e in _events(ics_text(kit)) if str(e["SUMMARY"]) == kit.ceremonies[0].name)
    start = weekly.decoded("DTSTART")
    assert isinstance(start, datetime) and start.tzinfo is not None
    assert str(weekly["DTSTART"].params["TZID"]) == zone
    rule = rrulestr(weekly["RRULE"].to_ical().decode(), dtstart=start)
    september = next(d for d in rule if d.month == 9)
    november = next(d for d in rule if d.month == 11)
    assert september.astimezone(timezone.utc).strftime("%H:%M") == summer_utc
    assert november.astimezone(timezone.utc).strftime("%H:%M") == winter_utc


def test_timezone_answer_overrides_the_country() -> None:
    kit = sample_kit("en")
    kit = replace(kit, project=replace(kit.project, country="US", timezone="America/Chicago"))
    text = ics_text(kit)
    assert "TZID:America/Chicago" in text and "America/New_York" not in text
    start = next(line for line in text.split("\r\n") if line.startswith("DTSTART;TZID"))
    assert start.startswith("DTSTART;TZID=America/Chicago:")


def test_a_country_without_a_zone_keeps_floating_times() -> None:
    kit = sample_kit("en")
    kit = replace(kit, project=replace(kit.project, country=""))
    text = ics_text(kit)
    assert "VTIMEZONE" not in text and "TZID" not in text


def test_the_kept_vtimezone_follows_the_zone_and_years_and_cannot_be_changed() -> None:
    """The VTIMEZONE kept per process is the one icalendar builds for that zone and span,
    another zone or another span gets its own, and a calendar editing its lines leaves
    the next calendar's alone."""
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    from generator.render.ics import _vtimezone

    kit = sample_kit("en")
    berlin = replace(kit, project=replace(kit.project, country="DE"))
    first = _vtimezone(berlin, "Europe/Berlin")
    fresh = Timezone.from_tzinfo(
        ZoneInfo("Europe/Berlin"),
        tzid="Europe/Berlin",
        first_date=date(min(kit.project.start, *(c.first for c in kit.ceremonies)).year, 1, 1),
        last_date=date(max(kit.project.finish, *(c.until for c in kit.ceremonies)).year + 1, 1, 1),
    )
    assert first == [
        line for line in fresh.to_ical().decode().replace("\r\n ", "").split("\r\n") if line
    ]
    first.append("X-EDITED:1")  # a caller changing its copy
    assert _vtimezone(berlin, "Europe/Berlin")[-1] != "X-EDITED:1"
    later = replace(
        berlin,
        project=replace(berlin.project, finish=date(berlin.project.finish.year + 3, 6, 30)),
    )
    assert _vtimezone(later, "Europe/Berlin") != _vtimezone(berlin, "Europe/Berlin")
    assert "TZID:America/Chicago" in _vtimezone(berlin, "America/Chicago")

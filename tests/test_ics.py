"""iCalendar: parsed back with the icalendar package."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.render.ics import ics_text, render_ics
from tests.sample_kit import sample_kit


def _events(text: str) -> list:  # type: ignore[type-arg]
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

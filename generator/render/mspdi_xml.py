"""MSPDI building blocks: the namespace, the working day (08:00-17:00, 8 hours), dates
and durations as MS Project writes them (a task's start and finish times), text elements cut to the schema's limits."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time

from generator.kit_model import Task

NS = "http://schemas.microsoft.com/project"
HOURS_PER_DAY = 8
DAY_START = time(8, 0)
DAY_FINISH = time(17, 0)
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
LINK_TYPES = {"FS": "1", "SS": "3"}
TENTHS_OF_MINUTES_PER_DAY = HOURS_PER_DAY * 60 * 10
CALENDAR_UID = "1"


def _dt(day: date, at: time) -> str:
    return datetime.combine(day, at).strftime("%Y-%m-%dT%H:%M:%S")


def _hours(hours: float) -> str:
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    return f"PT{whole}H{minutes}M0S"


# Text elements with a length limit in the MSPDI schema (characters); "Name" is 255 on the
# project and 512 elsewhere, 255 is kept everywhere (MS Project's own limit for task names).
TEXT_LIMITS = {"Name": 255, "Title": 512, "Subject": 512, "Company": 512, "Author": 512}


def _sub(parent: ET.Element, tag: str, text: object) -> ET.Element:
    """A child element with ``text``; pack and answer texts cut to the schema's limit."""
    element = ET.SubElement(parent, tag)
    value = str(text)
    limit = TEXT_LIMITS.get(tag)
    if limit is not None and len(value) > limit:
        from generator.render.trackers_csv import short_title

        value = short_title(value, limit)[0]
    element.text = value
    return element


def _bool(value: bool) -> str:
    return "1" if value else "0"


def _task_times(task: Task) -> tuple[str, str]:
    if task.milestone:
        at = _dt(task.finish, DAY_FINISH)
        return at, at
    return _dt(task.start, DAY_START), _dt(task.finish, DAY_FINISH)

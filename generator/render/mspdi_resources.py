"""The MSPDI resources (one per role, with its day rate and peak units) and the
assignments of each task's effort per role (units = person-days / working days)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from generator.i18n import D_, LOCALES, TextTable, locale_data
from generator.kit_model import Kit
from generator.render.mspdi_xml import CALENDAR_UID, HOURS_PER_DAY, _hours, _sub, _task_times

GROUPS = TextTable(
    {
        "vendor": D_("Vendor"),
        "client": D_("Client"),
        "joint": D_("Joint"),
    }
)
# MS Project treats the list separator (",", ";" by locale) and square brackets in a
# resource name as syntax and rewrites the name; these replacements read the same.
_NAME_REPLACEMENTS = str.maketrans({"[": "(", "]": ")", "，": "、", "；": "、"})


CURRENCY_HOME = {"CNY": LOCALES["zh"].babel}
"""Currencies shown with their home locale's symbol in every kit (``¥``, not ``CN¥``)."""


def currency_symbol(code: str, lang: str) -> str:
    """The symbol MS Project shows for ``code`` (ISO 4217): ``¥`` for CNY, ``$`` for USD...

    Chinese kits and CNY use the zh-Hans-CN symbols (Babel/CLDR), other kits the English
    ones; an unknown code is its own symbol. At most 20 characters (schema limit).
    """
    from babel.numbers import get_currency_symbol

    locale = CURRENCY_HOME.get(code) or locale_data(lang).babel
    return get_currency_symbol(code, locale)[:20]


def resource_name(name: str) -> str:
    """A role name MS Project keeps as written: no list separators, no square brackets.

    ``"Key user, finance [FI]"`` -> ``"Key user / finance (FI)"``; ``"关键用户，财务"`` ->
    ``"关键用户、财务"``.
    """
    text = name.translate(_NAME_REPLACEMENTS)
    for separator in (",", ";"):
        text = " / ".join(part.strip() for part in text.split(separator))
    return text.strip()[:255] or "-"


def _units(days: float, duration: int) -> float:
    """Assignment units (1.0 = one full-time person): effort spread over the working days."""
    return round(days / duration, 4) if duration else 1.0


def peak_units(kit: Kit) -> dict[str, float]:
    """Per role id: the highest sum of assignment units on any day (sweep over start/finish)."""
    events: dict[str, list[tuple[date, float]]] = {}
    for task in kit.tasks:
        if task.milestone:
            continue
        for role_id, days in task.effort:
            if days <= 0:
                continue
            units = _units(days, task.duration)
            role_events = events.setdefault(role_id, [])
            role_events.append((task.start, units))
            role_events.append((task.finish + timedelta(days=1), -units))
    peaks: dict[str, float] = {}
    for role_id, role_events in events.items():
        load = peak = 0.0
        for _, delta in sorted(role_events, key=lambda e: (e[0], e[1])):  # ends before starts
            load += delta
            peak = max(peak, load)
        peaks[role_id] = peak
    return peaks


def _resources_and_assignments(kit: Kit, project: ET.Element, uids: dict[str, int]) -> None:
    """Roles as work resources sized to their peak load, and one assignment per task effort.

    ``Units`` = person-days / working days of the task (6 person-days over 3 days = 2.0,
    i.e. 200 %); ``MaxUnits`` = the role's peak daily load (at least 1.0), so no resource
    opens over-allocated. ``Work`` = person-days x 8 hours. A task without a UID in
    ``uids`` (left out of the export) gets no assignment.
    """
    resources_el = ET.SubElement(project, "Resources")
    resource_uids: dict[str, int] = {}
    peaks = peak_units(kit)
    groups = GROUPS[kit.lang]
    for number, role in enumerate(kit.roles, start=1):
        resource_uids[role.id] = number
        res = ET.SubElement(resources_el, "Resource")
        _sub(res, "UID", number)
        _sub(res, "ID", number)
        _sub(res, "Name", resource_name(role.name))
        _sub(res, "Type", "1")  # work
        _sub(res, "IsNull", "0")
        _sub(res, "Code", role.id)
        _sub(res, "Group", groups.get(role.side, role.side))
        max_units = max(1.0, math.ceil(peaks.get(role.id, 0.0) * 100 - 1e-6) / 100)
        _sub(res, "MaxUnits", f"{max_units:.2f}")
        _sub(res, "StandardRate", f"{role.day_rate / HOURS_PER_DAY:.2f}")
        _sub(res, "StandardRateFormat", "2")  # per hour
        _sub(res, "CalendarUID", CALENDAR_UID)

    assignments_el = ET.SubElement(project, "Assignments")
    assignment_uid = 1
    for task in kit.tasks:
        if task.milestone:
            continue
        start, finish = _task_times(task)
        for role_id, days in task.effort:
            if role_id not in resource_uids or days <= 0:
                continue
            if task.id not in uids:  # left out (deleted in MS Project): its number stays
                assignment_uid += 1  # unused, so every other assignment keeps its UID
                continue
            asg = ET.SubElement(assignments_el, "Assignment")
            _sub(asg, "UID", assignment_uid)
            _sub(asg, "TaskUID", uids[task.id])
            _sub(asg, "ResourceUID", resource_uids[role_id])
            _sub(asg, "Finish", finish)
            _sub(asg, "Start", start)
            _sub(asg, "Units", f"{_units(days, task.duration):g}")
            _sub(asg, "Work", _hours(days * HOURS_PER_DAY))
            assignment_uid += 1

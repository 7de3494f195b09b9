"""Weekly timesheets for remote consultants: who gets one, which tasks, which days.

``implkit timesheets PROJECT_DIR --week 2026-W14`` writes one small workbook per person
(:mod:`generator.render.timesheet_xlsx`); the filled workbooks come back through
``implkit import`` (:mod:`generator.trackers.timesheet_read`) as rows of the plan's
"Actual effort" log, one per person, ISO week and task, so the Budget's actual cost and
AC price them at the rate in force.

* People: the ``--people`` file (CSV with a person and a role column, en or zh headers),
  else the plan's "Project team" sheet; each person's role is a role of the kit (id or
  name in either language).
* Tasks: every task of the person's role (the owner, or a role with effort on it) that
  is open (not done, not cancelled) and either planned within the timesheet's weeks or
  already started; plus one row for other project work (meetings, travel).
* Days: Monday to Sunday of the ISO week; the days the kit's calendar does not work are
  shaded (hours there still count: a go-live weekend is work).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem
from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import Kit, Role, Task

OTHER = "other"  # the row for project work outside the plan's tasks
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_PERSON_HEADERS = ("person", "name", "consultant", "姓名", "人员", "顾问")
_ROLE_HEADERS = ("role", "project role", "角色", "项目角色")


@dataclass(frozen=True)
class Person:
    """Someone who gets a timesheet: their name as written and their kit role."""

    name: str
    role: str  # role id

    @property
    def slug(self) -> str:
        """An id-safe form of the name: ``Li Wei`` -> ``li-wei``; ``李伟`` -> ``li-wei-1a2b``
        (pinyin and 4 hex digits of the name, so two names with one reading differ)."""
        return person_slug(self.name)


def person_slug(name: str) -> str:
    """See :attr:`Person.slug`."""
    text = " ".join(name.split())
    ascii_only = text.isascii()
    if not ascii_only:
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "person"
    if not ascii_only:
        slug += "-" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:4]
    return slug


def parse_week(text: str) -> tuple[str, date]:
    """``"2026-W14"`` -> ``("2026-W14", Monday 2026-03-30)``; ValueError when not a week."""
    match = _WEEK.match(text)
    if not match:
        raise ValueError(text)
    year, week = int(match.group(1)), int(match.group(2))
    monday = date.fromisocalendar(year, week, 1)  # ValueError for week 54...
    return f"{year}-W{week:02d}", monday


def week_of(day: date) -> str:
    """The ISO week of ``day``: ``2026-W14``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _role_index(kit: Kit) -> dict[str, Role]:
    index: dict[str, Role] = {}
    for role in kit.roles:
        index[role.id.lower()] = role
        index.setdefault(" ".join(role.name.split()).lower(), role)
    return index


def people_from_rows(
    kit: Kit, rows: list[tuple[str, str, str]], where: str
) -> tuple[list[Person], list[Problem]]:
    """People from ``(person, role text, place)`` rows; unknown roles are problems."""
    roles = _role_index(kit)
    people: dict[str, Person] = {}
    problems: list[Problem] = []
    for name, role_text, place in rows:
        if not name.strip():
            continue
        role = roles.get(" ".join(role_text.split()).lower())
        if role is None:
            known = ", ".join(r.name for r in kit.roles[:8])
            problems.append(
                Problem(
                    where,
                    0,
                    0,
                    _(
                        "{place}: {person} has the role {role}, which is not a role of this kit; "
                        "write a role id or name such as {known}"
                    ).format(place=place, person=repr(name), role=repr(role_text), known=known),
                )
            )
            continue
        people.setdefault(name.strip(), Person(name.strip(), role.id))
    return list(people.values()), problems


def team_people(kit: Kit) -> tuple[list[Person], list[Problem]]:
    """The people on the plan's "Project team" sheet (keyed and added rows)."""
    sheet = kit.entries_of("plan.team")
    rows: list[tuple[str, str, str]] = []
    for key, values in sheet.rows:
        found = dict(values)
        rows.append((str(found.get("person") or ""), str(found.get("role") or ""), key))
    for number, added in enumerate(sheet.added, start=1):
        found = dict(added)
        place = str(found.get("id") or number)
        rows.append((str(found.get("person") or ""), str(found.get("role") or ""), place))
    from generator.sheets.quality import TEAM

    title = TEAM.title(kit.lang)

    return people_from_rows(kit, rows, title)


def people_file(kit: Kit, path: Path) -> list[Person]:
    """The people of a ``--people`` CSV: a person column and a role column (en or zh)."""
    from generator.trackers.tabular import decode, normal, read_bytes, read_table

    table = read_table(path, decode(read_bytes(path), path))
    person_col = table.column(*_PERSON_HEADERS)
    role_col = table.column(*_ROLE_HEADERS)
    if person_col is None or role_col is None:
        raise InputError.at(
            path,
            1,
            0,
            _(
                "the people file needs a person column and a role column (headers such as "
                "person,role or 姓名,角色); found {header}"
            ).format(header=", ".join(normal(h) for h in table.header) or "nothing"),
        )
    rows = [
        (
            record[person_col] if person_col < len(record) else "",
            record[role_col] if role_col < len(record) else "",
            f"{path.name}:{line}",
        )
        for line, record in table.records
    ]
    people, problems = people_from_rows(kit, rows, str(path))
    if problems:
        raise InputError(problems)
    return people


def timesheet_tasks(kit: Kit, person: Person, monday: date, weeks: int) -> list[Task]:
    """The person's open tasks for the weeks from ``monday`` (see the module docstring)."""
    from generator.tracking.states import actuals

    acts = actuals(kit)
    last = monday + timedelta(days=7 * weeks - 1)
    out = []
    for task in kit.tasks:
        if task.milestone:
            continue
        state = acts[task.id].state
        if state in ("finished", "cancelled"):
            continue
        mine = task.owner == person.role or any(
            role == person.role and days > 0 for role, days in task.effort
        )
        if not mine:
            continue
        if state == "started" or (task.start <= last and task.finish >= monday):
            out.append(task)
    return out

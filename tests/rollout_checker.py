"""An independent checker of a rollout plan: its own reading of the pack's rules, its own calendar
and window arithmetic — nothing from ``generator.planning`` — applied to a built Kit.

``check_rollout(kit, pack_folder)`` returns every violation as a sentence (empty: the plan
keeps every rule). It reads the rules from the pack's YAML files with PyYAML:

* go-lives (every wave's, and with ``cutover: per-site`` every site's night) fall on a
  working day of the kit's calendar, on an allowed weekday, not before ``not_before``,
  outside every blackout window, and at least ``blackout_buffer`` calendar days before the
  next window starts;
* per-site nights: one per site (``sites_per_night`` per night), the first on the wave's
  go-live, then each on the next night that keeps every rule above — none skipped, none
  repeated — and every ``per_site`` cutover step once per site, dated by that site's night;
* gates per wave: one per wave, after that wave's tasks it names, and never holding the
  next phase (the wave's hypercare starts before the gate);
* durations: a ``wave_duration`` task lasts ``duration`` in the pilot and
  ``wave_duration`` (plus its ``scale`` by the wave's sites) in the later waves;
* the pack's own skills are in the kit, named in its language, and on the staffing rows;
* every link holds: a finish-to-start successor starts after its predecessor finishes
  (lag in working days), a start-to-start one not before it starts.

Blackout windows: ``yearly`` MM-DD ranges and the days around Chinese New Year (a table of
its dates below, not the ``holidays`` package the product uses).
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.kit_model import Kit, Task
from tests import yaml_read

CHINESE_NEW_YEAR = {
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Window:
    name: str
    start: date
    end: date


def _pack(folder: Path) -> dict[str, Any]:
    """Every section of the pack's YAML files, lists concatenated; ``pack`` the mapping."""
    out: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml_read.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key == "pack":
                out["pack"] = value
            else:
                out.setdefault(key, []).extend(value or [])
    return out


class Calendar:
    """Working days from the Kit's calendar model, counted here day by day."""

    def __init__(self, kit: Kit) -> None:
        cal = kit.calendar
        self.weekend = set(cal.weekend)
        self.off = {d.day for d in cal.holidays}
        self.on = {d.day for d in cal.workdays}

    def working(self, day: date) -> bool:
        if day in self.on:
            return True
        return day.weekday() not in self.weekend and day not in self.off

    def after(self, day: date, lag: int) -> date:
        """The ``lag``-th working day after ``day`` (0: the next working day)."""
        current = day + timedelta(days=1)
        while not self.working(current):
            current += timedelta(days=1)
        for _ in range(lag):
            current += timedelta(days=1)
            while not self.working(current):
                current += timedelta(days=1)
        return current


def windows(pack: dict[str, Any], years: range) -> list[Window]:
    out: list[Window] = []
    for item in pack.get("blackouts", []):
        name = item["id"]
        for year in years:
            if "yearly" in item:
                sm, sd = (int(x) for x in item["yearly"]["start"].split("-"))
                em, ed = (int(x) for x in item["yearly"]["end"].split("-"))
                start = date(year, sm, min(sd, months.monthrange(year, sm)[1]))
                end_year = year if (em, ed) >= (sm, sd) else year + 1
                end = date(end_year, em, min(ed, months.monthrange(end_year, em)[1]))
                out.append(Window(name, start, end))
            elif "spring_festival" in item and year in CHINESE_NEW_YEAR:
                new_year = CHINESE_NEW_YEAR[year]
                sf = item["spring_festival"]
                out.append(
                    Window(
                        name,
                        new_year - timedelta(days=sf.get("before", 10)),
                        new_year + timedelta(days=sf.get("after", 10)),
                    )
                )
    return out


class Rules:
    """The go-live rules of a pack (and the project's not_before, if any)."""

    def __init__(
        self, pack: dict[str, Any], kit: Kit, project_not_before: date | None = None
    ) -> None:
        rollout = pack["pack"].get("rollout", {})
        self.weekdays = {WEEKDAYS.index(d) for d in rollout.get("go_live_weekdays", [])}
        self.buffer = int(rollout.get("blackout_buffer", 0))
        dates = [d for d in (rollout.get("not_before"), project_not_before) if d]
        self.not_before = max(dates) if dates else None
        self.cal = Calendar(kit)
        start = kit.project.start
        self.windows = windows(pack, range(start.year - 1, start.year + 8))

    def why_not(self, day: date) -> str | None:
        """Why a go-live may not fall on ``day`` (None: it may)."""
        if not self.cal.working(day):
            return "not a working day"
        if self.weekdays and day.weekday() not in self.weekdays:
            return f"a {WEEKDAYS[day.weekday()]}, not an allowed weekday"
        if self.not_before is not None and day < self.not_before:
            return f"before {self.not_before}"
        for w in self.windows:
            if w.start <= day <= w.end:
                return f"inside {w.name} ({w.start} to {w.end})"
            if day < w.start <= day + timedelta(days=self.buffer):
                return f"{(w.start - day).days} days before {w.name} starts (buffer {self.buffer})"
        return None

    def next_allowed(self, day: date) -> date:
        current = day + timedelta(days=1)
        for _ in range(2000):
            if self.why_not(current) is None:
                return current
            current += timedelta(days=1)
        raise AssertionError(f"no allowed night after {day}")


def _tasks(kit: Kit) -> dict[str, Task]:
    return {t.id: t for t in kit.tasks}


def check_links(kit: Kit, cal: Calendar) -> list[str]:
    """Every link of the plan holds, every task starts and ends on a working day."""
    out: list[str] = []
    tasks = _tasks(kit)
    for task in kit.tasks:
        if task.duration and not (cal.working(task.start) and cal.working(task.finish)):
            out.append(f"{task.id}: starts or ends on a day off ({task.start}, {task.finish})")
        for link in task.predecessors:
            pred = tasks.get(link.predecessor)
            if pred is None:
                continue
            if link.type == "SS":
                if task.start < pred.start:
                    out.append(f"{task.id} starts before {pred.id} starts (SS)")
                continue
            if link.lag < 0:
                continue  # overlaps on purpose; nothing to hold against
            earliest = pred.finish if pred.duration == 0 else cal.after(pred.finish, link.lag)
            if task.duration and task.start < earliest:
                out.append(
                    f"{task.id} starts {task.start}, before {pred.id} allows ({earliest}, "
                    f"lag {link.lag})"
                )
            if not task.duration and task.start < pred.finish:
                out.append(f"milestone {task.id} ({task.start}) before {pred.id} ends")
    return out


def check_rollout(kit: Kit, folder: Path, project_not_before: date | None = None) -> list[str]:
    """Every violation of the pack's rollout rules in ``kit`` (see the module docstring)."""
    pack = _pack(folder)
    rollout = pack["pack"].get("rollout", {})
    rules = Rules(pack, kit, project_not_before)
    out = check_links(kit, rules.cal)
    tasks = _tasks(kit)
    per_site = rollout.get("cutover") == "per-site"
    per_night = int(rollout.get("sites_per_night", 1))
    site_steps = [c["id"] for c in pack.get("cutover", []) if c.get("per_site")]
    steps = {s.id: s for s in kit.cutover}
    for wave in kit.waves:
        label = f"wave {wave.number}"
        if wave.go_live is None:
            out.append(f"{label}: no go-live")
            continue
        why = rules.why_not(wave.go_live)
        if why:
            out.append(f"{label}: go-live {wave.go_live} is {why}")
        if not per_site:
            continue
        nights = list(wave.site_go_lives)
        if [site for site, _ in nights] != list(wave.sites):
            out.append(f"{label}: site nights {nights} do not list the wave's sites {wave.sites}")
            continue
        expected: list[date] = []
        current = wave.go_live
        for k in range(len(wave.sites)):
            if k and k % per_night == 0:
                current = rules.next_allowed(current)
            expected.append(current)
        got = [day for _, day in nights]
        if got != expected:
            out.append(f"{label}: site nights {got}, the rules give {expected}")
        for day in got:
            why = rules.why_not(day)
            if why:
                out.append(f"{label}: a site's night {day} is {why}")
        for step in site_steps:
            for k, (site, day) in enumerate(nights, start=1):
                key = f"{step}{wave.suffix}/{k}"
                found = steps.get(key)
                if found is None:
                    out.append(f"{label}: no runbook step {key} for {site}")
                elif found.planned_date is not None and abs((found.planned_date - day).days) > 1:
                    out.append(f"{label}: {key} on {found.planned_date}, {site}'s night is {day}")
    # durations: the pilot's and the later waves'
    for item in pack.get("tasks", []):
        if item.get("wave_duration") is None:
            continue
        for wave in kit.waves:
            task = tasks.get(item["id"] + wave.suffix)
            if task is None:
                out.append(f"{item['id']}{wave.suffix}: missing")
                continue
            base = item["duration"] if wave.number == 1 else item["wave_duration"]
            for rule in item.get("scale", []):
                if rule["by"] == "sites":
                    steps_up = -(-max(0, len(wave.sites) - rule.get("above", 0)) // rule["per"])
                    base += steps_up * rule.get("duration", 0)
            if task.duration != base:
                out.append(f"{task.id}: {task.duration} working days, the pack gives {base}")
    # gates per wave: one per wave, after the wave's tasks, never holding the next phase
    for item in pack.get("gates", []):
        if not item.get("per_wave"):
            continue
        for wave in kit.waves:
            gate = tasks.get(item["id"] + wave.suffix)
            if gate is None:
                out.append(f"gate {item['id']}{wave.suffix}: missing")
                continue
            for after in item.get("after", []):
                pred = tasks.get(after + wave.suffix) or tasks.get(after)
                if pred is not None and gate.start < pred.finish:
                    out.append(f"gate {gate.id} ({gate.start}) before {pred.id} ends")
            care = tasks.get("base.hypercare" + wave.suffix)
            live = tasks.get("base.go-live" + wave.suffix)
            if (
                care is not None
                and live is not None
                and care.start > rules.cal.after(live.start, 0)
            ):
                out.append(f"{care.id} starts {care.start}, held after go-live {live.start}")
    # the pack's own skills
    own = [s["id"] for s in pack.get("skills", [])]
    names = {s.id: s.name for s in kit.skills}
    for skill in own:
        if skill not in names:
            out.append(f"skill {skill}: not in the kit")
    needed = {skill for row in kit.staffing for skill, _level in row.needs}
    if own and not needed & set(own):
        out.append("no staffing row needs one of the pack's own skills")
    return out

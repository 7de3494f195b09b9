"""One working-day index, no day-by-day walks: on a 50,000-task kit the calendar rule is
asked once per calendar day at most, however many tasks count working days.

The counts are of :meth:`generator.calendar.WorkingCalendar._decide` (the rule behind
every working-day answer: country holidays, make-up days, extras) and of
:meth:`~generator.calendar.WorkingCalendar.is_working_day` (what a walk would call per
day). Building the kit, forecasting it at a status date, and what the plan workbook, the
earned value and the evaluation count per task all go through the index.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from generator.calendar import WorkingCalendar, workdays_between
from generator.kit import build_kit
from generator.kit_model import Kit
from generator.packs.model import LocalizedText, TaskDef
from generator.packs.resolved import Located
from generator.project import ProjectSpec
from generator.tracking.baseline import plan_as_baseline
from generator.tracking.evm import earned_value, planned_value
from generator.tracking.forecast import forecast_kit, on_plan_progress
from generator.workspace.load import loaded_pack

TASKS = 50_000
START = date(2026, 3, 2)


def big_kit() -> Kit:
    """The base pack plus 50,000 realize-phase tasks in short random chains."""
    base = loaded_pack("base", None)
    rng = random.Random(50)
    source = base.tasks[0].source
    extra = []
    for n in range(TASKS):
        after = [{"id": "base.development-start"}]
        if n % 100:
            after = [{"id": f"big.t{n - 1 - rng.randrange(min(n % 100, 5))}"}]
        extra.append(
            Located(
                TaskDef.model_validate(
                    {
                        "id": f"big.t{n}",
                        "name": LocalizedText(en=f"Task {n}", zh=f"任务 {n}"),
                        "phase": "realize",
                        "duration": rng.randint(1, 5),
                        "owner": "functional-consultant",
                        "effort": {"functional-consultant": rng.randint(1, 5)},
                        "after": after,
                    }
                ),
                source,
            )
        )
    pack = replace(base, tasks=(*base.tasks, *extra))
    return build_kit(pack, ProjectSpec(pack="base", start=START), generator_version="test")


def test_fifty_thousand_tasks_count_working_days_without_walking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"decide": 0, "is_working_day": 0}
    for name in calls:
        original = getattr(WorkingCalendar, name if name != "decide" else "_decide")

        def counted(self: WorkingCalendar, day: date, _f: Any = original, _n: str = name) -> bool:
            calls[_n] += 1
            result: bool = _f(self, day)
            return result

        monkeypatch.setattr(WorkingCalendar, name if name != "decide" else "_decide", counted)
    kit = big_kit()
    assert len(kit.tasks) > TASKS
    as_of = kit.project.start + (kit.project.finish - kit.project.start) / 2
    moved = forecast_kit(on_plan_progress(kit, as_of), as_of)
    assert moved.project.finish >= kit.project.finish
    spans = [workdays_between(moved, t.start, t.finish) for t in moved.tasks]  # Plan sheet
    slips = [workdays_between(moved, b.finish, t.finish) for b, t in zip(kit.tasks, moved.tasks)]
    assert len(spans) == len(slips) == len(moved.tasks)
    baseline = plan_as_baseline(kit)
    earned_value(moved, as_of, baseline=baseline)
    planned_value(moved, [kit.project.start + timedelta(days=7 * k) for k in range(60)])
    days = (moved.calendar.last - moved.calendar.first).days + 1
    # the rule is asked about each calendar day a handful of times in all (the builder's
    # calendar, the kit model's calendars), never once per task
    assert calls["decide"] <= 6 * days, calls
    assert calls["is_working_day"] <= 6 * days, calls

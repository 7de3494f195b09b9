"""Sizing: task duration and effort that grow with users, sites and migration volume.

A task's ``scale:`` rules (pack) each add, per started ``per`` units of the driver
above ``above``, ``duration`` working days and ``effort`` x the task's own effort::

    scale:
      - {by: users, above: 200, per: 500, duration: 2, effort: 0.5}

With 2,000 users that is ``ceil(1800 / 500) = 4`` steps: +8 days and +200 % effort.
For a task repeated per wave the driver is the wave's users or sites. Durations
never exceed ``max_duration`` when given. The end-user training window also
grows to what the rooms and trainers can seat (:func:`training_days`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.packs.model import ScaleRule

SLOTS_PER_DAY = 2  # morning and afternoon (half-day slots)


@dataclass(frozen=True)
class Size:
    """The result for one task: working days, effort factor, the driver that grew it."""

    duration: float
    effort_factor: float
    driver: str
    value: int


def scale_task(
    duration: float, rules: tuple[ScaleRule, ...] | list[ScaleRule], drivers: Mapping[str, int]
) -> Size | None:
    """``duration`` and the effort factor after ``rules``; None when nothing grew."""
    grown, factor = duration, 1.0
    driver, value = "", 0
    for rule in rules:
        have = drivers.get(rule.by, 0)
        steps = math.ceil(max(0, have - rule.above) / rule.per)
        if not steps:
            continue
        grown += steps * rule.duration
        if rule.max_duration is not None:
            grown = min(grown, max(rule.max_duration, duration))
        factor += steps * rule.effort
        driver, value = driver or rule.by, value or have
    if grown == duration and factor == 1.0:
        return None
    return Size(duration=grown, effort_factor=factor, driver=driver, value=value)


def training_days(half_day_slots: int, parallel: int) -> int:
    """Working days a training window needs to seat ``half_day_slots`` with ``parallel`` rooms."""
    if half_day_slots <= 0:
        return 0
    return math.ceil(half_day_slots / (SLOTS_PER_DAY * max(1, parallel)))

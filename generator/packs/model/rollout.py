"""How a phased rollout runs: wave after wave, per-site shifts and the next wave's start."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from generator.packs.model.base import Id, Strict
from generator.packs.model.text import LocalizedText, Text

MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class NextWaveDef(Strict):
    """When the next rollout wave may start: lag working days after task id of the wave before."""

    id: Id = "base.go-live"
    """The task (or gate) of the previous wave the next wave waits for (default: base.go-live)."""
    lag: int = Field(default=10, ge=0, le=250)
    """Working days after that task before the next wave's work starts."""


def _slot_within_a_day(slot: list[str]) -> list[str]:
    """A slot lies within one day: a session is dated by its day, so one that crossed
    midnight would end before it starts."""
    start, end = slot
    if end < start:
        raise ValueError(
            f"this slot ends ({end}) before it starts ({start}): a slot lies within one day. "
            f'Write one that ends by midnight, e.g. ["{start}", "23:30"], or one that starts '
            f'after it, e.g. ["00:00", "{end}"]'
        )
    if end == start:
        raise ValueError(f"this slot starts and ends at {start}: give it an end after its start")
    return slot


Slot = Annotated[
    list[Annotated[str, Field(pattern=CLOCK)]],
    Field(min_length=2, max_length=2),
    AfterValidator(_slot_within_a_day),
]


class ShiftDef(Strict):
    """A training shift: the time slots a class may take each day, on working days or at weekends."""

    id: Id
    """The shift's id, named by audiences (shifts:) and by the project's answers."""
    name: Text
    """The shift's name on the timetable."""
    slots: list[Slot] = Field(min_length=1)
    """The day's time slots as [start, end] clock times ("HH:MM", quoted), in time order; a slot
    lies within one day."""
    weekend: bool = False
    """true: classes on Saturdays and Sundays (days the project does not work) instead of working
    days."""

    @field_validator("slots")
    @classmethod
    def _in_order(cls, slots: list[list[str]]) -> list[list[str]]:
        for index, (before, after) in enumerate(pairwise(slots), start=1):
            if after[0] < before[1]:
                raise ValueError(
                    f"slot {index + 1} {after} starts before slot {index} {before} ends: list "
                    "the slots of a day in time order, without overlaps"
                )
        return slots


class RolloutDef(Strict):
    """How a phased rollout is cut into waves, when go-lives may fall, and the defaults of the
    training timetable (rooms, trainers, shifts). A child pack inherits its parent's rollout and
    changes it key by key."""

    site: Text = Field(default_factory=lambda: LocalizedText(en="site", zh="站点"))
    """What one site is called in this industry (plant, hospital, campus, store): Plant 1, Plant
    2..."""
    pilot_sites: int = Field(default=1, ge=1, le=1000)
    """Sites in the pilot wave, when the answers list no waves."""
    wave_size: int = Field(default=2, ge=1, le=1000)
    """Sites per wave after the pilot, when the answers list no waves."""
    next_wave_after: NextWaveDef = Field(default_factory=NextWaveDef)
    """When the next wave's work may start."""
    go_live_align: Literal["none", "month-start", "week-start", "term-start"] = "none"
    """Every go-live falls on the first working day of a month (month-start) or week (week-start),
    on a term start (term-start), or anywhere (none)."""
    term_starts: list[Annotated[str, Field(pattern=MONTH_DAY)]] = Field(default_factory=list)
    """The usual term starts (MM-DD) for go_live_align: term-start; the project's term_start answer
    wins."""
    rooms_per_site: int = Field(default=1, ge=1, le=100)
    """Training rooms per site."""
    users_per_room: int = Field(default=200, ge=1)
    """A site opens one more training room per this many users."""
    trainers: int = Field(default=2, ge=1, le=1000)
    """Trainers teaching at the same time (end users are also taught by the certified internal
    trainers)."""
    shifts: list[ShiftDef] = Field(default_factory=list)
    """The training shifts; the first one is the default for an audience that names none. Without
    shifts: a day shift 08:30-12:00 and 13:30-17:30."""
    go_live_weekdays: list[Weekday] = Field(default_factory=list)
    """The weekdays a go-live may fall on ([mon, tue, wed]: never on a Friday); empty: any working
    day."""
    blackout_buffer: int = Field(default=0, ge=0, le=180)
    """Calendar days a go-live keeps clear before the next blackout window starts (14: two weeks
    of hypercare before a peak)."""
    not_before: date | None = None
    """No go-live before this date (YYYY-MM-DD), in every project of the pack; a project's own
    go_live: not_before may only make it later."""
    cutover: Literal["together", "per-site"] = "together"
    """together: every site of a wave cuts over on the wave's go-live night; per-site: the sites
    of a wave cut over one after another on consecutive allowed nights, each with the runbook."""
    sites_per_night: int = Field(default=1, ge=1, le=100)
    """With cutover: per-site, how many sites cut over on the same night."""

    @model_validator(mode="after")
    def _rules_agree(self) -> RolloutDef:
        days = set(self.go_live_weekdays)
        if self.go_live_align == "week-start" and days and "mon" not in days:
            raise ValueError(
                "go_live_align: week-start puts every go-live on the first working day of a week "
                f"(a Monday), which go_live_weekdays ({', '.join(self.go_live_weekdays)}) does "
                "not allow: add mon, or drop one of the two rules"
            )
        if self.sites_per_night != 1 and self.cutover != "per-site":
            raise ValueError(
                "sites_per_night applies to sites cutting over one after another: add "
                "cutover: per-site, or remove sites_per_night"
            )
        return self

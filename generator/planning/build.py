"""The planning rules as one object the Kit builder calls at four points.

``Planner`` holds what the rules decide for one build: the waves and which task
belongs to which wave, the sized durations and effort factors, the blackout
windows and the go-live rule. The builder calls :meth:`Planner.expand` on the
raw task network, :meth:`Planner.duration` / :meth:`Planner.effort_factor` /
:meth:`Planner.label` while it makes tasks, hands the windows and the go-live rule
to the scheduling pass (:mod:`.scheduler`), and reads the results back for the Kit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, MutableMapping, MutableSequence, MutableSet, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from generator.i18n import translator
from generator.kit_model import (
    Audience,
    BlackoutWindow,
    Course,
    CutoverStep,
    DatePush,
    Scaled,
    Task,
    TrainingSession,
    Wave,
)
from generator.packs.model import GateDef, TaskDef
from generator.packs.resolved import Located, ResolvedPack
from generator.planning.blackouts import GoLiveRule, pack_windows, term_starts
from generator.planning.sizing import Size, scale_task
from generator.planning.timetable import (
    DAY_SHIFT,
    CourseSpec,
    Group,
    Learners,
    Shift,
    Window,
    days_needed,
    plan_timetable,
    weekend_between,
)
from generator.planning.waves import WavePlan, expand_per_wave, plan_waves, site_nights
from generator.schedule import Dep

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
YEARS_AHEAD = 6  # blackout windows are laid out this many years past the start
# task anchor -> the training stage whose window it is
TRAINING_ANCHORS = {
    "train-the-trainer": "train-the-trainer",
    "key-user-training": "key-users",
    "training": "end-users",
}
OVERFLOW_DAYS = 120  # working days after a window that take sessions it cannot seat


class Planner:
    """Waves, sizing and date rules of one Kit build (see the module docstring)."""

    def __init__(
        self,
        pack: ResolvedPack,
        spec: Any,
        holds: Callable[[Any], bool],
        lang: str,
        cal: Any,
        migration_objects: int,
    ) -> None:
        self.pack = pack
        self.spec = spec
        self.lang = lang
        self.cal = cal
        self.rollout = pack.meta.rollout
        self.waves: list[WavePlan] = plan_waves(spec, self.rollout, lang)
        self.wave_of: dict[str, int] = {}
        self.sizes: dict[str, Size] = {}
        self.base_duration: dict[str, float] = {}
        self.wave_share: dict[str, float] = {}  # effort share of a wave's shorter copy
        self.pushes: list[DatePush] = []
        self.migration_objects = migration_objects
        self.course_specs: list[CourseSpec] = []
        self.learners: list[Learners] = []
        self.options: dict[str, Any] = {}
        start: date = spec.start
        years = range(start.year, start.year + YEARS_AHEAD)
        windows: list[BlackoutWindow] = []
        for located in pack.blackouts:
            if holds(located.item.when):
                windows += pack_windows(located.item, years, cal.is_working_day, lang)
        windows += [BlackoutWindow(b.name, b.start, b.end) for b in spec.blackouts]
        self.windows = sorted(windows, key=lambda w: (w.start, w.end, w.name))
        align = spec.go_live.align or self.rollout.go_live_align
        earliest = [d for d in (spec.go_live.not_before, self.rollout.not_before) if d is not None]
        self.rule = GoLiveRule(
            not_before=max(earliest) if earliest else None,
            weekdays=tuple(WEEKDAYS.index(d) for d in self.rollout.go_live_weekdays),
            buffer_days=self.rollout.blackout_buffer,
            align=align,
            term_starts=term_starts(spec.term_start, self.rollout.term_starts, years)
            if align == "term-start"
            else (),
        )

    # --- waves ------------------------------------------------------------------------
    def expand(
        self,
        all_tasks: MutableMapping[str, Located[TaskDef]],
        selected: MutableSequence[Located[TaskDef]],
        raw: MutableMapping[str, list[Dep]],
        kept: MutableSet[str],
        all_gates: MutableMapping[str, Located[GateDef]] | None = None,
        selected_gates: MutableSequence[Located[GateDef]] | None = None,
    ) -> None:
        """Add the per-wave copies (tasks and gates) and, with ``cutover: per-site``, the
        sites' cutover nights to the raw network (see :mod:`.waves`)."""
        self.wave_of = expand_per_wave(
            all_tasks,
            selected,
            raw,
            kept,
            self.waves,
            self.rollout.next_wave_after,
            all_gates,
            selected_gates,
        )
        self.nights: dict[str, tuple[int, tuple[str, ...]]] = {}
        if self.rollout.cutover == "per-site":
            self.nights = site_nights(
                all_tasks, selected, raw, kept, self.waves, self.rollout.sites_per_night
            )
            for node, (number, _sites) in self.nights.items():
                if "/" in node:
                    self.wave_of[node] = number

    def wave(self, task_id: str) -> int:
        return self.wave_of.get(task_id, 0)

    def label(self, task_id: str, name: str) -> str:
        night = self.nights.get(task_id) if "/" in task_id else None
        if night is not None:  # a later night of a wave's sites: name them
            number, sites = night
            wave = self.waves[number - 1]
            tr = translator(self.lang)
            return f"{name} — {wave.name}{tr.colon}{tr.join(sites)}"
        return self._wave_label(task_id, name)

    def _wave_label(self, task_id: str, name: str) -> str:
        """A per-wave task's name with its wave: ``Go-live — Wave 2 (Plant 2, Plant 3)``."""
        number = self.wave_of.get(task_id)
        if not number:
            return name
        return f"{name} — {self.waves[number - 1].label(self.lang)}"

    # --- sizing -----------------------------------------------------------------------
    def duration(self, task_id: str, item: TaskDef) -> float:
        """The task's duration after its ``scale`` rules (the wave's users/sites for copies)."""
        self.base_duration[task_id] = item.duration
        number = self.wave_of.get(task_id)
        if number:
            wave = self.waves[number - 1]
            users, sites = wave.users, len(wave.sites)
        else:
            users, sites = self.spec.users, self.spec.sites
        drivers = {"users": users, "sites": sites, "migration-objects": self.migration_objects}
        # a later wave reuses the pilot's work: its own duration where the pack gives one
        planned = item.duration
        if (number or 1) > 1 and item.wave_duration is not None:
            planned = item.wave_duration
            self.base_duration[task_id] = planned
            # the effort the pack gives is the pilot's: a shorter wave takes its share
            if item.duration:
                self.wave_share[task_id] = item.wave_duration / item.duration
        size = scale_task(planned, item.scale, drivers)
        if size is not None:
            self.sizes[task_id] = size
        grown = size.duration if size is not None else planned
        stage = TRAINING_ANCHORS.get(item.anchor or "")
        if stage and self.learners:
            which = 0 if stage != "end-users" else (number or 1)
            needed = days_needed(self.course_specs, self.learners, stage, which, **self.options)
            if needed > grown:
                factor = size.effort_factor if size is not None else 1.0
                self.sizes[task_id] = Size(needed, factor, "training-capacity", needed)
                return float(needed)
        return grown

    def effort_factor(self, task_id: str) -> float:
        size = self.sizes.get(task_id)
        share = self.wave_share.get(task_id, 1.0)
        return (size.effort_factor if size else 1.0) * share

    def scaled(self, tasks: Sequence[Task]) -> tuple[Scaled, ...]:
        out = []
        for t in tasks:
            size = self.sizes.get(t.id)
            if size is None:
                continue
            factor = size.effort_factor
            out.append(
                Scaled(
                    task_id=t.id,
                    driver=size.driver,
                    value=size.value,
                    duration_from=self.base_duration.get(t.id, t.duration),
                    duration_to=t.duration,
                    effort_from=round(t.effort_days / factor, 2),
                    effort_to=round(t.effort_days, 2),
                )
            )
        return tuple(out)

    # --- dates ------------------------------------------------------------------------
    def blackouts(self, first: date, last: date) -> tuple[BlackoutWindow, ...]:
        """The windows that touch ``first..last``."""
        return tuple(w for w in self.windows if w.end >= first and w.start <= last)

    # --- per-wave deliverables ----------------------------------------------------------
    def cutover(
        self, steps_for: Callable[[date | None], tuple[CutoverStep, ...]], tasks: Sequence[Task]
    ) -> tuple[CutoverStep, ...]:
        """The runbook: every wave's steps timed from that wave's go-live, wave by wave."""
        by_id = {t.id: t for t in tasks}
        go_live = next((t.id for t in tasks if t.anchor == "go-live" and t.wave <= 1), None)
        per_wave = {c.item.id for c in self.pack.cutover if c.item.per_wave}
        plan_task = {c.item.id: c.item.task for c in self.pack.cutover if c.item.task}
        waves = self.waves if len(self.waves) > 1 else self.waves[:1]
        out: list[CutoverStep] = []
        per_site = {c.item.id for c in self.pack.cutover if c.item.per_site and self.nights}
        for wave in waves:
            live = by_id.get(go_live + wave.suffix) if go_live else None
            steps = []
            for k, (node, sites) in enumerate(self._nights_of(wave), start=1):
                night = by_id.get(node)
                for step in steps_for(night.start if night else None):
                    if step.id not in per_site:
                        continue
                    for j, site in enumerate(sites):
                        number = (k - 1) * self.rollout.sites_per_night + j + 1
                        steps.append(
                            replace(
                                step,
                                id=f"{step.id}{wave.suffix}/{number}",
                                name=f"{step.name} — {site}",
                                wave=wave.number,
                            )
                        )
            for step in steps_for(live.start if live else None):
                if step.id in per_site:
                    continue
                if wave.number > 1 and step.id not in per_wave:
                    continue
                step = _from_plan(step, plan_task.get(step.id), wave.suffix, by_id, live)
                if len(self.waves) > 1 and step.id in per_wave:
                    step = replace(
                        step,
                        id=step.id + wave.suffix,
                        name=f"{step.name} — {wave.label(self.lang)}",
                        wave=wave.number,
                    )
                steps.append(step)
            # a step dated by its plan task may move: the runbook runs in time order
            steps.sort(key=lambda s: (s.planned_date or date.min, s.sequence))
            out += [replace(s, sequence=len(out) + i) for i, s in enumerate(steps, start=1)]
        return tuple(out)

    def _nights_of(self, wave: WavePlan) -> list[tuple[str, tuple[str, ...]]]:
        """(night node, its sites) of ``wave``'s per-site cutover nights, in order."""
        return [
            (node, sites) for node, (number, sites) in self.nights.items() if number == wave.number
        ]

    def kit_waves(self, tasks: Sequence[Task]) -> tuple[Wave, ...]:
        """The Kit's waves with the dates of their go-live, hypercare end and training."""
        by_id = {t.id: t for t in tasks}

        def anchored(name: str) -> str | None:
            return next((t.id for t in tasks if t.anchor == name and t.wave <= 1), None)

        live, care, training = anchored("go-live"), anchored("hypercare-end"), anchored("training")
        out = []
        for wave in self.waves:

            def of(task_id: str | None, wave: WavePlan = wave) -> Task | None:
                return by_id.get(task_id + wave.suffix) if task_id else None

            lt, ct, tt = of(live), of(care), of(training)
            nights: list[tuple[str, date]] = []
            for node, (number, sites) in self.nights.items():
                night = by_id.get(node)
                if number == wave.number and night is not None:
                    nights += [(site, night.start) for site in sites]
            out.append(
                Wave(
                    number=wave.number,
                    name=wave.name,
                    sites=wave.sites,
                    users=wave.users,
                    go_live=lt.start if lt else None,
                    hypercare_end=ct.start if ct else None,
                    training_start=tt.start if tt else None,
                    training_finish=tt.finish if tt else None,
                    suffix=wave.suffix,
                    site_go_lives=tuple(nights),
                )
            )
        return tuple(out)

    # --- training timetable ---------------------------------------------------------------
    def set_training(
        self, courses: Sequence[Course], audiences: Sequence[Audience], stage_of: dict[str, Any]
    ) -> None:
        """Who learns what, where and on which shifts (before the schedule: it sizes windows).

        ``stage_of``: audience id -> its pack definition (``stage``, ``shifts``).
        """
        lang = self.lang
        shifts = [
            Shift(x.id, tuple((a, b) for a, b in x.slots), x.weekend) for x in self.rollout.shifts
        ] or [DAY_SHIFT]
        if self.spec.shifts is not None:
            shifts = [x for x in shifts if x.id in self.spec.shifts] or shifts[:1]
        self.options = {
            "shifts": tuple(shifts),
            "rooms": self.spec.rooms or self._rooms(),
            "trainers": self._trainers(audiences, stage_of),
            "class_size": self.spec.class_size,
            "lang": lang,
        }
        self.course_specs = [
            CourseSpec(c.id, c.mode, c.minutes, c.prerequisites, c.audiences) for c in courses
        ]
        central = self.waves[0].sites[0] if self.waves and self.waves[0].sites else ""
        total_users = sum(w.users for w in self.waves) or 1
        learners = []
        for audience in audiences:
            definition = stage_of.get(audience.id)
            stage = definition.stage if definition is not None else "end-users"
            shift_ids = tuple(definition.shifts) if definition is not None else ()
            if stage != "end-users":
                groups: tuple[Group, ...] = (Group(0, central, audience.headcount),)
            else:
                out: list[Group] = []
                given = 0
                seen_users = 0
                for wave in self.waves:
                    seen_users += wave.users
                    share = round(audience.headcount * seen_users / total_users) - given
                    given += share
                    per_site = _split(share, len(wave.sites) or 1)
                    sites = wave.sites or ("",)
                    out += [
                        Group(wave.number, site, n) for site, n in zip(sites, per_site, strict=True)
                    ]
                groups = tuple(out)
            learners.append(Learners(audience.id, stage, shift_ids, groups))
        self.learners = learners

    def _rooms(self) -> int:
        """Training rooms per site: the pack's, or more at a site with many users."""
        busiest = max((w.users / max(1, len(w.sites)) for w in self.waves), default=0)
        return max(self.rollout.rooms_per_site, math.ceil(busiest / self.rollout.users_per_room))

    def _trainers(self, audiences: Sequence[Audience], stage_of: dict[str, Any]) -> dict[str, int]:
        """Trainers at once per stage: the answer, else the pack's consultants for trainers
        and key users and, for end users, also the internal trainers certified in
        train-the-trainer."""
        if self.spec.trainers:
            return dict.fromkeys(
                ("train-the-trainer", "key-users", "end-users"), self.spec.trainers
            )
        certified = sum(
            a.headcount
            for a in audiences
            if stage_of.get(a.id) is not None and stage_of[a.id].stage == "train-the-trainer"
        )
        base = self.rollout.trainers
        return {"train-the-trainer": base, "key-users": base, "end-users": max(base, certified)}

    def sessions(self, tasks: Sequence[Task]) -> tuple[TrainingSession, ...]:
        """The timetable in the scheduled training windows."""
        if not self.learners:
            return ()
        windows: dict[tuple[str, int], Window] = {}
        for t in tasks:
            stage = TRAINING_ANCHORS.get(t.anchor or "")
            if stage is None:
                continue
            wave = 0 if stage != "end-users" else (t.wave or 1)
            if (stage, wave) in windows:
                continue
            days = list(self.cal.working_days_between(t.start, t.finish))
            tail = self.cal.index(t.finish) + 1
            days += [self.cal.day(tail + k) for k in range(OVERFLOW_DAYS)]
            weekend = weekend_between(t.start, t.finish, days)
            windows[(stage, wave)] = Window(tuple(days), weekend)
        return tuple(plan_timetable(self.course_specs, self.learners, windows, **self.options))


def _from_plan(
    step: CutoverStep,
    task_id: str | None,
    suffix: str,
    by_id: dict[str, Task],
    live: Task | None,
) -> CutoverStep:
    """A step that is a plan task takes the task's date (one source of truth for dates):
    its display keeps the step's clock time, counted in days from the go-live."""
    if not task_id or live is None:
        return step
    task = by_id.get(task_id + suffix) or by_id.get(task_id)
    if task is None:
        return step
    days = (task.start - live.start).days
    clock = step.planned.split(" ")[-1]
    text = f"T{days:+d}d {clock}" if days else f"T {clock}"
    return replace(step, planned=text, planned_date=task.start)


def _split(total: int, count: int) -> list[int]:
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]

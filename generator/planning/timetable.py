"""A trainer-grade training timetable.

Who is trained when
    * ``train-the-trainer`` audiences in the train-the-trainer window (task anchor
      ``train-the-trainer``), before any end-user session;
    * ``key-users`` audiences in the key-user window (anchor ``key-user-training``),
      which the pack places before UAT;
    * ``end-users`` audiences per rollout wave, in that wave's end-user training window
      (anchor ``training`` and its per-wave copies: after UAT, shortly before the wave's
      go-live), at their own site. An audience's head count is split over the waves by
      their users and over a wave's sites evenly.

How sessions are placed (greedy, earliest first, deterministic)
    * courses in prerequisite order; a group (audience, wave, site) takes a course only
      on a day after its last session of every prerequisite course;
    * a session takes one slot of a shift that is long enough (day shift: morning
      08:30-12:00 = 210 min, afternoon 13:30-17:30 = 240 min, unless the pack defines
      its shifts), else a whole day, else consecutive whole days (multi-day courses);
      an audience with several shifts (night, evening, weekend) takes them in turn;
      an online recorded lesson is shown live (with Q&A) for its whole length to up to
      100 learners, so the matrix and the curriculum agree on its minutes;
    * at most ``rooms`` sessions at once per site and at most ``trainers`` sessions at
      once in all (a trainer keeps one number for all days of a session, so no trainer
      is double-booked); online sessions take a trainer but no room;
    * sessions are numbered per course in date order (``<course>#<n>``).

When a window is too short the sessions continue on the following working days;
:func:`days_needed` tells the sizing how long a window must be.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from generator.i18n import translator
from generator.kit_model import DeliveryMode, TrainingSession

ONLINE_CAPACITY = 100
STAGES = ("train-the-trainer", "key-users", "end-users")
DAY_SHIFT_SLOTS = (("08:30", "12:00"), ("13:30", "17:30"))


@dataclass(frozen=True)
class Shift:
    id: str
    slots: tuple[tuple[str, str], ...]  # (start, end) clock times
    weekend: bool = False

    def lengths(self) -> list[int]:
        return [_minutes(end) - _minutes(start) for start, end in self.slots]


DAY_SHIFT = Shift("day", DAY_SHIFT_SLOTS)


@dataclass(frozen=True)
class Group:
    """Learners of one audience who train together: their wave and site, and how many."""

    wave: int  # 0 = central (trainers, key users)
    site: str
    headcount: int


@dataclass(frozen=True)
class Learners:
    audience: str
    stage: str  # one of STAGES
    shifts: tuple[str, ...]  # shift ids (unknown ones are ignored; default: the first shift)
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class CourseSpec:
    id: str
    mode: DeliveryMode
    minutes: int
    prerequisites: tuple[str, ...]
    audiences: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    """Working days of one training window (and the weekend days between them)."""

    days: tuple[date, ...]
    weekend_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class _Placed:
    """One placed session before numbering."""

    course: str
    rank: int  # the course's position in the pack
    audience: str
    wave: int
    site: str
    day: date
    last: date
    start: str
    end: str
    room: int
    trainer: int
    mode: DeliveryMode
    capacity: int
    enrolled: int


@dataclass
class _State:
    rooms: dict[tuple[date, str, int, str], set[int]] = field(default_factory=dict)
    trainers: dict[tuple[date, str, int], set[int]] = field(default_factory=dict)


def _minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def _clock(total: int) -> str:
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def _shapes(shift: Shift, minutes: int) -> list[tuple[int, tuple[int, ...], str, str]]:
    """Ways to hold a session of ``minutes``: (days, slot indexes each day, start, end).

    Every single slot long enough (in the day's order), else one whole day (ending
    when the minutes are taught), else consecutive whole days: a multi-day session
    shows the first day's times (the whole shift; every slot of every day is held).
    """
    lengths = shift.lengths()
    single: list[tuple[int, tuple[int, ...], str, str]] = [
        (1, (i,), shift.slots[i][0], _clock(_minutes(shift.slots[i][0]) + minutes))
        for i, length in enumerate(lengths)
        if length >= minutes
    ]
    if single:
        return single
    per_day = sum(lengths)
    days = max(1, math.ceil(minutes / per_day))
    if days > 1:
        return [(days, tuple(range(len(lengths))), shift.slots[0][0], shift.slots[-1][1])]
    rest = minutes
    end = shift.slots[0][0]
    for (start, _), length in zip(shift.slots, lengths, strict=True):
        if rest <= 0:
            break
        end = _clock(_minutes(start) + min(rest, length))
        rest -= length
    return [(days, tuple(range(len(lengths))), shift.slots[0][0], end)]


def _course_order(courses: Sequence[CourseSpec]) -> list[CourseSpec]:
    """Prerequisites first; otherwise the pack's order."""
    by_id = {c.id: c for c in courses}
    done: set[str] = set()
    out: list[CourseSpec] = []

    def visit(course: CourseSpec, trail: tuple[str, ...]) -> None:
        if course.id in done or course.id in trail:
            return
        for pre in course.prerequisites:
            if pre in by_id:
                visit(by_id[pre], (*trail, course.id))
        done.add(course.id)
        out.append(course)

    for course in courses:
        visit(course, ())
    return out


def _split(total: int, count: int) -> list[int]:
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def plan_timetable(
    courses: Sequence[CourseSpec],
    learners: Sequence[Learners],
    windows: Mapping[tuple[str, int], Window],
    *,
    shifts: Sequence[Shift] = (DAY_SHIFT,),
    rooms: int = 1,
    trainers: int | Mapping[str, int] = 2,
    class_size: int = 12,
    lang: str = "en",
) -> list[TrainingSession]:
    """Sessions for every course and group (see the module docstring).

    ``windows`` maps (stage, wave) to its window; a group whose window is missing
    gets no sessions. ``trainers``: one number, or one per stage (end users are taught
    by the internal trainers certified in train-the-trainer, so they usually have more).
    Raises nothing; empty input gives ``[]``.
    """
    shift_by_id = {s.id: s for s in shifts} or {DAY_SHIFT.id: DAY_SHIFT}
    default_shift = next(iter(shift_by_id.values()))
    state = _State()
    placed: list[_Placed] = []
    # (course, audience, wave, site) -> (first learner, end learner, last day) per session
    cohorts: dict[tuple[str, str, int, str], list[tuple[int, int, date]]] = {}
    by_audience = {x.audience: x for x in learners}
    order = _course_order(courses)
    rank = {c.id: i for i, c in enumerate(courses)}
    turn: dict[str, int] = {}
    for stage in STAGES:
        teachers = trainers if isinstance(trainers, int) else trainers.get(stage, 1)
        for course in order:
            if course.mode == "self-service":
                continue
            online = course.mode == "online-recorded"
            capacity = max(class_size, ONLINE_CAPACITY) if online else class_size
            minutes = course.minutes  # an online class is held live for its whole length
            for audience in course.audiences:
                who = by_audience.get(audience)
                if who is None or who.stage != stage:
                    continue
                own = [shift_by_id[s] for s in who.shifts if s in shift_by_id] or [default_shift]
                for group in who.groups:
                    window = windows.get((stage, group.wave))
                    if window is None or group.headcount <= 0 or not window.days:
                        continue
                    count = math.ceil(group.headcount / capacity)
                    seated = 0
                    for seats in _split(group.headcount, count):
                        # the learners of this session (seats seated..seated+seats-1) must
                        # have finished the sessions of every prerequisite that held them
                        ready = _ready(
                            cohorts,
                            [
                                (pre, audience, group.wave, group.site)
                                for pre in course.prerequisites
                            ],
                            seated,
                            seated + seats,
                        )
                        seated += seats
                        k = turn.get(audience, 0)
                        turn[audience] = k + 1
                        shift = own[k % len(own)] if not online else default_shift
                        if shift.weekend and not window.weekend_days:
                            shift = default_shift
                        # the audience's own shift first, then the default one
                        tries = (shift,) if shift is default_shift else (shift, default_shift)
                        spot = None
                        for candidate in tries:
                            spot = _place(
                                state,
                                candidate,
                                minutes,
                                window,
                                ready,
                                group.site,
                                online,
                                rooms,
                                teachers,
                            )
                            if spot is not None:
                                break
                        if spot is None:
                            continue
                        first, last, start, end, room, trainer = spot
                        key = (course.id, audience, group.wave, group.site)
                        cohorts.setdefault(key, []).append((seated - seats, seated, last))
                        placed.append(
                            _Placed(
                                course=course.id,
                                rank=rank[course.id],
                                audience=audience,
                                wave=group.wave,
                                site=group.site,
                                day=first,
                                last=last,
                                start=start,
                                end=end,
                                room=room,
                                trainer=trainer,
                                mode=course.mode,
                                capacity=capacity,
                                enrolled=seats,
                            )
                        )
    return _numbered(placed, lang)


def _ready(
    cohorts: Mapping[tuple[str, str, int, str], list[tuple[int, int, date]]],
    keys: Sequence[tuple[str, str, int, str]],
    first: int,
    end: int,
) -> date | None:
    """The last day of the prerequisite sessions that held learners ``first..end-1``."""
    days = [
        last
        for key in keys
        for low, high, last in cohorts.get(key, ())
        if low < end and high > first
    ]
    return max(days, default=None)


def _place(
    state: _State,
    shift: Shift,
    minutes: int,
    window: Window,
    ready: date | None,
    site: str,
    online: bool,
    rooms: int,
    trainers: int,
) -> tuple[date, date, str, str, int, int] | None:
    """The earliest free spot: (first day, last day, start, end, room no., trainer no.)."""
    days = window.weekend_days if shift.weekend else window.days
    shapes = _shapes(shift, minutes)
    first = 0 if ready is None else bisect_left(days, ready + timedelta(days=1))
    place = "online" if online else site
    for d in range(first, len(days)):
        for ndays, slot_ids, start, end in shapes:
            span = days[d : d + ndays]
            if len(span) < ndays:
                continue
            cells = [(day, shift.id, i) for day in span for i in slot_ids]
            room = 0
            if not online:
                taken = [state.rooms.get((*cell, place), set()) for cell in cells]
                free_rooms = [r for r in range(1, rooms + 1) if not any(r in t for t in taken)]
                if not free_rooms:
                    continue
                room = free_rooms[0]
            busy: set[int] = set()
            for cell in cells:
                busy |= state.trainers.get(cell, set())
            free = [t for t in range(1, trainers + 1) if t not in busy]
            if not free:
                continue
            for cell in cells:
                if not online:
                    state.rooms.setdefault((*cell, place), set()).add(room)
                state.trainers.setdefault(cell, set()).add(free[0])
            return span[0], span[-1], start, end, room, free[0]
    return None


def _numbered(placed: list[_Placed], lang: str) -> list[TrainingSession]:
    placed.sort(key=lambda p: (p.rank, p.day, p.start, p.wave, p.site, p.audience))
    per_group: dict[tuple[str, str], int] = {}
    per_key: dict[str, int] = {}
    out = []
    for p in placed:
        g = per_group[(p.course, p.audience)] = per_group.get((p.course, p.audience), 0) + 1
        # the id names the course, the audience and the wave: the team's records on a
        # session (held, attendance, seats) stay with that audience's class when a changed
        # head count adds or removes classes of another audience (fresh-user finding)
        key = f"{p.course}#{p.audience}" + (f"@w{p.wave}" if p.wave > 1 else "")
        k = per_key[key] = per_key.get(key, 0) + 1
        out.append(
            TrainingSession(
                id=f"{key}-{k}",
                course=p.course,
                audience=p.audience,
                number=g,
                day=p.day,
                start_time=p.start,
                end_time=p.end,
                mode=p.mode,
                location=_location(p.site, p.room, p.mode == "online-recorded", lang),
                capacity=p.capacity,
                enrolled=p.enrolled,
                wave=p.wave,
                site=p.site,
                trainer=translator(lang)("Trainer {n}").format(n=p.trainer),
                last_day=p.last if p.last != p.day else None,
            )
        )
    return out


def _location(site: str, room: int, online: bool, lang: str) -> str:
    tr = translator(lang)
    if online:
        return tr.p("session place", "Online")
    if site:
        return tr("{site} · Training room {room}").format(site=site, room=room)
    return tr("Training room {room}").format(room=room)


def days_needed(
    courses: Sequence[CourseSpec],
    learners: Sequence[Learners],
    stage: str,
    wave: int,
    **options: object,
) -> int:
    """Working days the (stage, wave) window needs to seat its sessions (0 when none)."""
    origin = date(2001, 1, 1)  # a Monday; only the count of days matters
    days = tuple(origin + timedelta(days=i) for i in range(2000))
    sessions = plan_timetable(courses, learners, {(stage, wave): Window(days)}, **options)  # type: ignore[arg-type]
    used = [(s.last_day or s.day) for s in sessions if s.wave == wave]
    return (max(used) - origin).days + 1 if used else 0


def weekend_between(first: date, last: date, working: Iterable[date]) -> tuple[date, ...]:
    """Saturdays and Sundays from ``first`` to ``last`` that are not working days."""
    work = set(working)
    out = []
    day = first
    while day <= last:
        if day.weekday() >= 5 and day not in work:
            out.append(day)
        day += timedelta(days=1)
    return tuple(out)

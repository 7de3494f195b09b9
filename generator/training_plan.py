"""Training sessions placed in the plan's training window (deterministic).

For every course delivered offline hands-on and for every audience of the
course with people in it, the number of sessions is ``ceil(headcount /
class_size)``. Online recorded lessons are watched on demand; their sessions are
the live online Q&A slots that go with each lesson, seating up to
:data:`ONLINE_CAPACITY` learners (or the class size, if larger). Self-service
courses get none. Sessions take
half-day slots — morning 09:00-12:00 (180 min) and afternoon 13:30-17:00 (210
min) — on the working days of the window:

* a course of up to 180 minutes takes one slot (morning or afternoon; a
  course of 181-210 minutes an afternoon);
* a longer course takes whole days (09:00-17:00), ``ceil(minutes / 390)`` of
  them in a row; the session is dated on its first day.

Sessions fill the window course by course, audience by audience, in one room;
when the window is full the next room (or online track) is opened and filled
from the window's first day again. Ids are ``<course id>#<n>`` with ``n``
counting the course's sessions across its audiences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.kit_model import DeliveryMode, TrainingSession

MORNING = ("09:00", "12:00", 180)
AFTERNOON = ("13:30", "17:00", 210)
FULL_DAY_MINUTES = 390
ONLINE_CAPACITY = 100  # learners per live Q&A slot of an online recorded lesson


@dataclass(frozen=True)
class CourseNeed:
    """One course to place: its id, mode, length and audiences with head counts."""

    course: str
    mode: DeliveryMode
    minutes: int
    audiences: tuple[tuple[str, int], ...]  # (audience id, head count)


def _end_time(start: str, minutes: int) -> str:
    hours, mins = (int(x) for x in start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


class _Track:
    """One room (or online track): a cursor over (day index, slot) of the window."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.day = 0
        self.slot = 0  # 0 morning, 1 afternoon

    def place(self, days: int, minutes: int) -> tuple[int, str, str] | None:
        """Reserve slots for one session; (day index, start, end) or None when full."""
        if minutes > AFTERNOON[2]:  # whole days
            need = math.ceil(minutes / FULL_DAY_MINUTES)
            first = self.day + (1 if self.slot else 0)
            if first + need > days:
                return None
            self.day, self.slot = first + need, 0
            return first, MORNING[0], "17:00"
        slot, day = self.slot, self.day
        if minutes > MORNING[2] and slot == 0:
            slot = 1  # 181-210 minutes only fit the afternoon
        if day >= days:
            return None
        start = MORNING[0] if slot == 0 else AFTERNOON[0]
        if slot == 0:
            self.day, self.slot = day, 1
        else:
            self.day, self.slot = day + 1, 0
        return day, start, _end_time(start, minutes)


def plan_sessions(
    needs: Sequence[CourseNeed],
    window_days: Sequence[date],
    class_size: int,
    *,
    lang: str = "en",
) -> list[TrainingSession]:
    """Sessions for ``needs`` on ``window_days`` (working days of the training window)."""
    if not window_days:
        return []
    room_label = "培训室" if lang == "zh" else "Training room "
    online_label = "线上" if lang == "zh" else "Online"
    tracks: dict[str, list[_Track]] = {"room": [], "online": []}
    sessions: list[TrainingSession] = []
    for need in needs:
        if need.mode == "self-service":
            continue
        kind = "online" if need.mode == "online-recorded" else "room"
        capacity = max(class_size, ONLINE_CAPACITY) if kind == "online" else class_size
        counter = 0
        for audience, headcount in need.audiences:
            if headcount <= 0:
                continue
            count = math.ceil(headcount / capacity)
            base, extra = divmod(headcount, count)
            for number in range(1, count + 1):
                placed = None
                for track in tracks[kind]:
                    placed = track.place(len(window_days), need.minutes)
                    if placed:
                        chosen = track
                        break
                if placed is None:
                    label = (
                        online_label if kind == "online" else f"{room_label}{len(tracks[kind]) + 1}"
                    )
                    if kind == "online" and tracks[kind]:
                        label = f"{online_label} {len(tracks[kind]) + 1}"
                    chosen = _Track(label)
                    tracks[kind].append(chosen)
                    placed = chosen.place(len(window_days), need.minutes)
                    if placed is None:  # longer than the window: start on its first day
                        placed = (0, MORNING[0], "17:00")
                day_index, start, end = placed
                counter += 1
                sessions.append(
                    TrainingSession(
                        id=f"{need.course}#{counter}",
                        course=need.course,
                        audience=audience,
                        number=number,
                        day=window_days[day_index],
                        start_time=start,
                        end_time=end,
                        mode=need.mode,
                        location=chosen.name,
                        capacity=capacity,
                        enrolled=base + (1 if number <= extra else 0),
                    )
                )
    return sessions

"""Training: audiences, courses and their modules, sessions, self-support resources
and the skills of the competency matrix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.kit_model.project_info import Source
from generator.kit_model.terms import DeliveryMode, Tier


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    description: str
    uses_system: bool
    headcount: int  # derived from ProjectInfo.users and the audience's share
    hours_min: int
    hours_max: int
    source: Source


@dataclass(frozen=True)
class CourseModule:
    topic: str
    minutes: int
    method: str


@dataclass(frozen=True)
class Course:
    id: str
    code: str
    title: str
    tier: Tier
    audiences: tuple[str, ...]  # audience ids
    mode: DeliveryMode
    prerequisites: tuple[str, ...]  # course ids
    objectives: tuple[str, ...]
    modules: tuple[CourseModule, ...]
    environment: str
    materials: tuple[str, ...]  # display names
    assessment: str
    pass_mark: int  # percent
    evaluation_level: int  # Kirkpatrick 1-4
    source: Source

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass(frozen=True)
class TrainingSession:
    id: str  # stable: "<course id>#<audience id>[@w<wave>]-<n>" (n per course, audience, wave)
    course: str
    audience: str
    number: int  # 1-based within the course/audience
    day: date
    start_time: str  # "09:00"
    end_time: str
    mode: DeliveryMode
    location: str  # room or "online"
    capacity: int
    enrolled: int  # planned head count in this session
    wave: int = 0  # rollout wave of the learners (0 = not tied to a wave)
    site: str = ""  # where it runs, for on-site sessions
    trainer: str = ""  # "Trainer 1".. (the timetable never double-books one)
    last_day: date | None = None  # multi-day course: its last day (None: one day)


@dataclass(frozen=True)
class SupportResource:
    id: str
    name: str
    kind: str  # knowledge-base, quick-reference, super-user-network, hypercare-desk, other
    description: str
    hours: str
    source: Source


@dataclass(frozen=True)
class Skill:
    """A skill of the pack's own competency matrix (beside the six shared ones): its id,
    its name in the kit's language and the internal track's drill for it (may be "")."""

    id: str
    name: str
    drill: str = ""

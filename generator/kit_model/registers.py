"""The registers: risks, stakeholders and lessons learned."""

from __future__ import annotations

from dataclasses import dataclass

from generator.kit_model.project_info import Source


@dataclass(frozen=True)
class Risk:
    id: str
    title: str
    description: str
    category: str
    phase: str
    likelihood: int  # 1-5
    impact: int  # 1-5
    owner: str  # role id
    trigger: str
    mitigation: str
    contingency: str
    source: Source
    category_name: str = ""  # the category in the kit's language ("数据"); generator.display

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str  # the stakeholder's title / group ("Plant manager")
    department: str
    interest: int  # 1-5
    influence: int  # 1-5
    expectations: str
    engagement: str  # strategy
    interface_person: bool  # the department's business interface person in the joint working group
    role: str | None  # role id when the stakeholder is also a project role
    source: Source


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    pitfall: str
    advice: str
    phase: str
    source: Source
    trigger: str = ""  # the early warning sign
    projects: tuple[str, ...] = ()  # projects that recorded it (the pack's provenance)

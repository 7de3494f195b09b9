"""Planning answers of project.yaml: waves, blackouts, go-live rules, timetable.

These models are fields of :class:`generator.project.ProjectSpec`::

    waves:                       # phased rollout: the pilot first, then the waves
      - {name: Pilot, sites: [Suzhou]}
      - {sites: [Wuxi, Changzhou]}
    blackouts:                   # the client's own no-go-live windows
      - {name: Annual audit, start: 2027-03-01, end: 2027-03-12}
    go_live: {not_before: 2027-01-04, align: month-start}
    term_start: 2027-09-01       # education: the term the go-live aligns to
    rooms: 2                     # training rooms per site (default: the pack's)
    trainers: 3                  # trainers teaching at once (default: the pack's)
    shifts: [day, night]         # training shifts to use (default: the pack's)

:func:`yaml_lines` writes them back into project.yaml (JSON flow style, which YAML reads).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator.i18n import DC_, TextTable


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WaveAnswer(_Answer):
    """One rollout wave: its sites by name (``name`` defaults to Pilot / Wave N)."""

    name: str = ""
    sites: list[str] = Field(min_length=1)


class BlackoutAnswer(_Answer):
    """A window (inclusive) in which no go-live and no cutover may fall."""

    name: str
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> BlackoutAnswer:
        if self.end < self.start:
            raise ValueError(f"blackout {self.name!r} ends before it starts; swap start and end")
        return self


class GoLiveAnswer(_Answer):
    """Go-live rules: no go-live before ``not_before``; ``align`` overrides the pack's rule."""

    not_before: date | None = None
    align: Literal["none", "month-start", "week-start", "term-start"] | None = None


def yaml_lines(spec: Any) -> list[tuple[str, str]]:
    """``(line, comment key)`` pairs for the planning answers that differ from the default."""
    out: list[tuple[str, str]] = []

    def flow(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, default=str)

    if spec.waves is not None:
        out.append(
            (f"waves: {flow([w.model_dump(exclude_defaults=True) for w in spec.waves])}", "waves")
        )
    if spec.blackouts:
        out.append((f"blackouts: {flow([b.model_dump() for b in spec.blackouts])}", "blackouts"))
    if spec.go_live != GoLiveAnswer():
        out.append((f"go_live: {flow(spec.go_live.model_dump(exclude_none=True))}", "go_live"))
    if spec.term_start is not None:
        out.append((f"term_start: {spec.term_start.isoformat()}", "term_start"))
    for key in ("rooms", "trainers"):
        if getattr(spec, key) is not None:
            out.append((f"{key}: {getattr(spec, key)}", key))
    if spec.shifts is not None:
        out.append((f"shifts: {flow(spec.shifts)}", "shifts"))
    return out


COMMENTS = TextTable(
    {
        "waves": DC_("project.yaml", "rollout waves: the pilot first, then each wave's sites"),
        "blackouts": DC_("project.yaml", "no go-live or cutover in these windows"),
        "go_live": DC_(
            "project.yaml", "go-live rules: not_before, align (month-start, week-start, term-start)"
        ),
        "term_start": DC_("project.yaml", "first day of the term the go-live aligns to"),
        "rooms": DC_("project.yaml", "training rooms per site"),
        "trainers": DC_("project.yaml", "trainers teaching at the same time"),
        "shifts": DC_("project.yaml", "training shifts (ids from the pack)"),
    }
)

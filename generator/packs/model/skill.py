"""The competency matrix: skills and levels 1-4."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.packs.model.item import Item
from generator.packs.model.text import Text

# Competency matrix (实施工程师能力矩阵): skills and levels 1-4.
SKILLS: tuple[str, ...] = (
    "method",
    "configuration",
    "data-migration",
    "integration",
    "training-delivery",
    "communication",
)
Level = Annotated[int, Field(ge=1, le=4)]


class SkillDef(Item):
    """A skill of the competency matrix of this industry, beside the six shared ones (method,
    configuration, data-migration, integration, training-delivery, communication): roles and
    tasks name it in competencies, the staffing sheet and the internal track show it."""

    name: Text
    """The skill's name."""
    description: Text = ""
    """What a person with the skill can do."""
    drill: Text = ""
    """The exercise of the implementation team's internal track for this skill."""

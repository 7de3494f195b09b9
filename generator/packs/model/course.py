"""Courses of the three-tier curriculum and their modules."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from generator.packs.model.base import IdList, Strict, _listify
from generator.packs.model.item import Item
from generator.packs.model.text import Text, TextList


class ModuleDef(Strict):
    """One module of a course: topic, length and teaching method."""

    topic: Text
    """What the module teaches."""
    minutes: int = Field(ge=5, le=480)
    """Length in minutes (5-480)."""
    method: Text = ""
    """How it is taught (demo, hands-on exercise...)."""


class CourseDef(Item):
    """A course of the three-tier curriculum: tier, audiences, delivery mode, prerequisites,
    modules, materials, assessment and evaluation level (Kirkpatrick 1-4)."""

    code: str
    """The course code (RTL-201)."""
    title: Text
    """The course title."""
    tier: Literal["basic", "advanced", "self-support"]
    """basic (basic operations), advanced (advanced application) or self-support."""
    audiences: IdList
    """Audiences who take it."""
    mode: Literal["online-recorded", "offline-hands-on", "self-service"]
    """online-recorded, offline-hands-on or self-service."""
    prerequisites: IdList = Field(default_factory=list)
    """Courses to take first (each audience of the course must take them)."""
    objectives: TextList = Field(default_factory=list)
    """What a participant can do afterwards."""
    modules: list[ModuleDef] = Field(min_length=1)
    """The modules, at least one."""
    environment: Text = ""
    """The system and data the course runs on."""
    materials: Annotated[
        list[
            Literal[
                "slides",
                "exercise-script",
                "quick-reference-card",
                "video",
                "handbook",
                "sandbox",
                "e-learning",
            ]
        ],
        BeforeValidator(_listify),
    ] = Field(default_factory=list)
    """Any of slides, exercise-script, quick-reference-card, video, handbook, sandbox, e-learning.
    """
    assessment: Text = ""
    """How learning is checked."""
    pass_mark: int = Field(default=80, ge=0, le=100)
    """Pass mark in percent (0-100)."""
    evaluation_level: int = Field(default=2, ge=1, le=4)
    """Kirkpatrick level evaluated: 1 reaction, 2 learning, 3 behaviour, 4 results."""

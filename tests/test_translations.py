"""Tests for translation completeness checks."""

from __future__ import annotations

from generator.packs.model import CourseDef, LocalizedText, RoleDef
from generator.packs.translations import field_label, missing_texts


def test_missing_languages_in_nested_texts() -> None:
    course = CourseDef.model_validate(
        {
            "id": "c.x",
            "code": "ERP-101",  # a code is not a text: never reported
            "title": {"en": "Basics", "zh": "基础"},
            "tier": "basic",
            "audiences": ["users"],
            "mode": "self-service",
            "objectives": ["Post an invoice", "过账"],
            "modules": [{"topic": {"en": "Log on"}, "minutes": 10}],
        }
    )
    assert missing_texts(course, "zh") == [("objectives", 0), ("modules", 0, "topic")]
    assert missing_texts(course, "en") == [("objectives", 1)]


def test_neutral_strings_and_empty_defaults_are_not_missing() -> None:
    role = RoleDef.model_validate({"id": "r", "name": "SAP"})
    assert missing_texts(role, "zh") == []
    assert missing_texts(role, "en") == []
    partial = RoleDef(id="r", name=LocalizedText(en="Key user"))
    assert missing_texts(partial, "zh") == [("name",)]


def test_field_label() -> None:
    assert field_label(("modules", 2, "topic")) == "modules[2].topic"
    assert field_label(("name",)) == "name"


def test_kept_answer_is_the_walk_for_every_model_field() -> None:
    """The per-process answer for an annotation is the walk's, for every field of every
    pack model; an unhashable annotation is walked, not refused."""
    from typing import Annotated

    from pydantic import BaseModel

    from generator.packs import model as pack_model
    from generator.packs.translations import _mentions_text, _walk_mentions_text

    annotations = [
        info.annotation
        for cls in vars(pack_model).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel
        for info in cls.model_fields.values()
    ]
    assert any(_walk_mentions_text(a) for a in annotations)
    assert not all(_walk_mentions_text(a) for a in annotations)
    for annotation in annotations:
        assert _mentions_text(annotation) is _walk_mentions_text(annotation)
    unhashable = Annotated[LocalizedText | None, ["a list: unhashable metadata"]]
    assert _mentions_text(unhashable) is True
    assert _mentions_text(Annotated[int, ["x"]]) is False

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

"""Tests for the wording of validation errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.packs.hints import did_you_mean, explain_errors, model_at
from generator.packs.model import CeremonyDef, LocalizedText, TaskDef


def test_did_you_mean() -> None:
    assert did_you_mean("duraton", ["duration", "owner"]) == " — did you mean 'duration'?"
    assert did_you_mean("zzz", ["duration"]) == ""
    assert did_you_mean(3, ["duration"]) == ""


def _explain(data: dict[str, object]) -> list[tuple[tuple[str | int, ...], str, bool]]:
    with pytest.raises(ValidationError) as info:
        TaskDef.model_validate(data)
    return explain_errors(info.value, TaskDef, data)


BASE: dict[str, object] = {"id": "t", "name": "N", "phase": "p", "duration": 1, "owner": "o"}


def test_text_union_noise_is_removed() -> None:
    errors = _explain({**BASE, "name": {"en": "A", "de": "B"}})
    assert errors == [(("name", "de"), "unknown key 'de'; allowed here: en, zh", True)]


def test_plain_text_given_a_number() -> None:
    errors = _explain({**BASE, "name": 5})
    assert len(errors) == 1
    assert errors[0][0] == ("name",)
    assert errors[0][1] == "'name' must be text; got 5"


def test_bad_id_in_list() -> None:
    errors = _explain({**BASE, "before": ["Bad Id"]})
    assert errors[0][0] == ("before", 0)
    assert "not a valid id" in errors[0][1]


def test_dependency_lag_out_of_range() -> None:
    errors = _explain({**BASE, "after": [{"id": "a", "lag": 999}]})
    assert errors == [(("after", 0, "lag"), "'lag' must be at most 250; got 999", False)]


def test_model_at_follows_unions() -> None:
    assert model_at(TaskDef, ["name", "LocalizedText"]) is LocalizedText
    assert model_at(TaskDef, ["name"]) is LocalizedText
    assert model_at(TaskDef, ["duration"]) is None


def test_bad_key_in_a_mapping_points_at_the_key() -> None:
    errors = _explain({**BASE, "effort": {"Dev Team": 2}})
    assert errors == [
        (
            ("effort", "Dev Team"),
            "'effort': key 'Dev Team' is not a valid id: use lowercase letters, digits and . _ - "
            "only, starting with a letter or digit (e.g. mfg.routing-workshop)",
            True,
        )
    ]


def test_time_read_as_a_number() -> None:
    data = {"id": "c", "name": "N", "chair": "pm", "time": 570}
    with pytest.raises(ValidationError) as info:
        CeremonyDef.model_validate(data)
    (error,) = explain_errors(info.value, CeremonyDef, data)
    assert "time: '09:30'" in error[1]


def test_every_section_has_a_singular_word() -> None:
    """Found by the fuzz test: a duplicate id in a section added later
    (templates:) crashed the duplicate-id message with KeyError."""
    from generator.packs.hints import SINGULAR
    from generator.packs.model import ITEM_SECTIONS

    for section in ITEM_SECTIONS:
        assert SINGULAR[section] and SINGULAR[section] != section, section
    assert SINGULAR["widgets"] == "widget"

"""Tests for the pack JSON Schema: committed copy is current; it accepts what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.packs.loader import builtin_packs
from generator.packs.schema import SCHEMA_FILE, pack_schema, schema_text
from generator.packs.yamlio import load_yaml, parse_yaml
from tests.mini_packs import MINI_MORE, MINI_PACK, MINI_TASKS


def _validator() -> jsonschema.Draft202012Validator:
    schema = pack_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(text: str) -> list[str]:
    data: Any = json.loads(json.dumps(parse_yaml(text, "x.yaml").data, default=str))
    return [e.message for e in _validator().iter_errors(data)]


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run: implkit packs schema > generator/packs/pack.schema.json"
    )


def test_schema_header() -> None:
    schema = pack_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("pack.schema.json")
    assert schema["title"]


@pytest.mark.parametrize("text", [MINI_PACK, MINI_TASKS, MINI_MORE])
def test_valid_pack_files_pass(text: str) -> None:
    assert _errors(text) == []


def test_override_needs_only_the_id() -> None:
    assert _errors("tasks:\n  - {id: base.kickoff, override: true, duration: 2}\n") == []


def test_full_item_is_still_checked() -> None:
    assert _errors("tasks:\n  - {id: t.x, name: X, phase: build, duraton: 3, owner: pm}\n")


def test_single_values_where_lists_go() -> None:
    text = (
        "courses:\n  - {id: c.x, code: X, title: X, tier: basic, audiences: users,"
        " mode: self-service, materials: slides, modules: [{topic: T, minutes: 10}]}\n"
    )
    assert _errors(text) == []


@pytest.mark.parametrize("name", sorted(builtin_packs()))
def test_builtin_pack_files_pass_the_schema(name: str) -> None:
    validator = _validator()
    for file in sorted(builtin_packs()[name].glob("*.yaml")):
        data: Any = json.loads(json.dumps(load_yaml(file).data, default=str))
        messages = [f"{file.name}: {e.message}" for e in validator.iter_errors(data)]
        assert messages == []


def test_schema_file_is_next_to_model() -> None:
    assert Path(__file__).parents[1] / "generator" / "packs" / "pack.schema.json" == SCHEMA_FILE

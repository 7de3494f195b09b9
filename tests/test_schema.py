"""Tests for the pack JSON Schema: committed copy is current; it accepts what the loader accepts."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.packs.loader import builtin_packs
from generator.packs.schema import SCHEMA_FILE, pack_schema, schema_text
from generator.packs.yamlio import load_yaml, parse_yaml
from tests.mini_packs import MINI_MORE, MINI_PACK, MINI_TASKS


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """The pack schema, checked against the draft once per process (~1.2 CPU-s a check; ten
    tests validate with it and none changes it: iter_errors only reads)."""
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


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(where, property schema) of every property of every object in ``node``."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{path}.{name}", prop))
        for key, value in node.items():
            found += _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _properties(value, f"{path}[{index}]")
    return found


def test_every_field_has_a_description_for_editors() -> None:
    props = _properties(pack_schema())
    assert len(props) > 200
    missing = [where for where, prop in props if not str(prop.get("description", "")).strip()]
    assert missing == []


def test_descriptions_speak_to_pack_authors_not_to_developers() -> None:

    descriptions = [
        str(value)
        for where, prop in _properties(pack_schema())
        for key, value in prop.items()
        if key == "description"
    ]
    descriptions += [str(d.get("description", "")) for d in pack_schema()["$defs"].values()]
    for leak in ("generator/", "generator.", ".py", "issue ", "pydantic", "``"):
        assert not [d for d in descriptions if leak in d], leak
    assert "\n" not in "".join(descriptions)

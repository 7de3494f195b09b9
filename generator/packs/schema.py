"""JSON Schema of a pack file, for editors (``# yaml-language-server: $schema=...``).

Generated from :class:`~generator.packs.model.PackFile` with pydantic, then
adjusted so that editors accept everything the loader accepts:

* an item with ``override: true`` needs only its ``id`` (every item list
  accepts ``anyOf: [full item, {id, override: true, ...any of the fields}]``);
* fields that take a list also take a single value (``audiences: users``);
* a task's ``after`` entries may be a plain task id or ``{id, type, lag}``;
* ``mandatory`` of a migration field also takes YAML's ``yes``/``no`` booleans.

The committed copy is ``generator/packs/pack.schema.json``; a test checks it
equals :func:`schema_text`. Regenerate with ``implkit packs schema >
generator/packs/pack.schema.json``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from generator.packs.model import ID_PATTERN, ITEM_SECTIONS, PackFile, _listify
from generator.packs.model.docs import document_fields

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://implkit.dev/schema/pack.schema.json"
SCHEMA_FILE = Path(__file__).with_name("pack.schema.json")


def _has_listify(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        args = get_args(annotation)
        if any(getattr(meta, "func", None) is _listify for meta in args[1:]):
            return True
        return _has_listify(args[0])
    return any(_has_listify(arg) for arg in get_args(annotation))


def _listified(model: type[BaseModel]) -> list[str]:
    """Fields that also accept a single value where a list is expected."""
    names = []
    for name, info in model.model_fields.items():
        if any(getattr(meta, "func", None) is _listify for meta in info.metadata) or _has_listify(
            info.annotation
        ):
            names.append(name)
    return names


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [PackFile]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            todo += _nested(info.annotation)
    return seen


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _nested(arg)
    return found


def pack_schema() -> dict[str, Any]:
    """The adjusted JSON Schema of one pack file."""
    document_fields(PackFile)
    raw = PackFile.model_json_schema(mode="validation")
    defs: dict[str, Any] = raw.setdefault("$defs", {})
    for model in _models():
        definition = defs.get(model.__name__) if model is not PackFile else raw
        if definition is None:
            continue
        for name in _listified(model):
            prop = definition.get("properties", {}).get(name)
            if prop is not None:
                definition["properties"][name] = _single_or_list(prop)
    task = defs["TaskDef"]["properties"]
    task["after"] = _single_or_list(
        {
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "string", "pattern": ID_PATTERN, "description": "a task or gate id"},
                    {"$ref": "#/$defs/Dependency"},
                ]
            },
            "title": "After",
            "description": "tasks (or gates) that must finish first: ids, or {id, type: FS|SS, lag}",
        }
    )
    field_def = defs["FieldDef"]["properties"]
    field_def["mandatory"] = {
        "anyOf": [field_def["mandatory"], {"type": "boolean"}],
        "default": "no",
        "title": "Mandatory",
        "description": field_def["mandatory"].get("description", ""),
    }
    for section, model in ITEM_SECTIONS.items():
        name = model.__name__
        full = defs[name]
        partial = copy.deepcopy(full)
        partial["title"] = f"{full.get('title', name)} (override)"
        partial["required"] = ["id", "override"]
        partial["properties"]["override"] = {
            "const": True,
            "title": "Override",
            "description": "true: change the parent's item with this id.",
        }
        partial["description"] = (
            "Change an item of the parent pack: give its id, 'override: true' and only "
            "the fields to change."
        )
        defs[f"{name}Override"] = partial
        raw["properties"][section]["items"] = {
            "anyOf": [{"$ref": f"#/$defs/{name}"}, {"$ref": f"#/$defs/{name}Override"}]
        }
    _one_line(raw)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": raw.pop("title", "implkit know-how pack file"),
        "description": (
            "One YAML file of an implkit know-how pack. Every section is optional; exactly one "
            "file of a pack has 'pack:'."
        ),
        **raw,
    }


def _one_line(node: Any) -> None:
    """Descriptions on one line: the model's docstrings are wrapped for the source."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = " ".join(value.split())
            else:
                _one_line(value)
    elif isinstance(node, list):
        for value in node:
            _one_line(value)


def _single_or_list(prop: dict[str, Any]) -> dict[str, Any]:
    if prop.get("type") != "array" or "items" not in prop:
        if "anyOf" in prop:  # optional list: [array, null]
            prop = copy.deepcopy(prop)
            for branch in list(prop["anyOf"]):
                if branch.get("type") == "array" and "items" in branch:
                    prop["anyOf"].append(copy.deepcopy(branch["items"]))
        return prop
    keep = {k: v for k, v in prop.items() if k not in ("type", "items")}
    return {"anyOf": [{"type": "array", "items": prop["items"]}, prop["items"]], **keep}


def schema_text() -> str:
    """The schema as written to pack.schema.json (stable, 2-space indent, final newline)."""
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False) + "\n"

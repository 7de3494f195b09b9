"""The pack author guide (docs/packs.md) cannot drift from implkit.

* Every YAML example is checked: together the examples form one pack (``retail``,
  extending base) that validates with ``--strict`` in English and in Chinese, without a
  warning other than base's course hours; the project.yaml examples are read as a kit's
  answers and resolved against that pack.
* The contents list names every chapter, in order, with working links.
* The field reference (section 17) is the generated one, and it has an entry for every
  field of the pack model.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from generator.packs.model import ITEM_SECTIONS, PackFile, PackMeta
from generator.packs.reference import BEGIN, END, _nested, reference_markdown
from generator.project import parse_project

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "packs.md"
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
_PROJECT_MARK = "<!-- example: project.yaml -->"


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


@cache
def _blocks() -> tuple[tuple[str, str, int], ...]:
    """(kind, yaml text, line) of every ```yaml block; kind "project" or "pack"."""
    text = _text()
    out = []
    for match in _FENCE.finditer(text):
        if match.group(1) != "yaml":
            continue
        before = text[: match.start()].rstrip().splitlines()
        kind = "project" if before and before[-1].strip() == _PROJECT_MARK else "pack"
        body = match.group(2)
        indent = min(
            (len(ln) - len(ln.lstrip()) for ln in body.splitlines() if ln.strip()), default=0
        )
        body = "\n".join(ln[indent:] for ln in body.splitlines()) + "\n"
        out.append((kind, body, text[: match.start()].count("\n") + 1))
    return tuple(out)


def _merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            _merge(old[key], value)
        else:
            old[key] = value
    return old


def _guide_pack(root: Path) -> Path:
    """The guide's pack examples as one pack folder: the `pack:` blocks merged into
    pack.yaml, every other block a file of its own (named by its line), template files
    the examples name created empty."""
    folder = root / "retail"
    folder.mkdir(parents=True)
    meta: dict[str, Any] = {}
    for kind, body, line in _blocks():
        if kind != "pack":
            continue
        data = yaml.safe_load(body)
        assert isinstance(data, dict), f"docs/packs.md:{line}: an example must be a mapping"
        if "pack" in data:
            assert set(data) == {"pack"}, f"docs/packs.md:{line}: keep pack: apart"
            _merge(meta, data["pack"])
            continue
        (folder / f"example-{line:04d}.yaml").write_text(body, encoding="utf-8")
        for entry in data.get("templates") or []:
            target = folder / "templates" / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("# {{ cookiecutter.project_name }}\n", encoding="utf-8")
    (folder / "pack.yaml").write_text(
        yaml.safe_dump({"pack": meta}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def test_the_guide_has_yaml_examples_of_every_section() -> None:
    sections: set[str] = set()
    for kind, body, _line in _blocks():
        if kind == "pack":
            sections |= set(yaml.safe_load(body))
    assert sections >= set(PackFile.model_fields), set(PackFile.model_fields) - sections
    assert any(kind == "project" for kind, _b, _l in _blocks())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pack_example_validates_strictly(tmp_path: Path, lang: str) -> None:
    folder = _guide_pack(tmp_path)
    report = validate_paths([folder], lang=lang, strict=True)
    assert report.errors == [], "\n".join(map(str, report.errors))
    others = [str(w) for w in report.warnings if "below its target" not in w.message]
    assert others == [], "\n".join(others)  # no trap in the guide's own examples
    assert {w.file.rsplit("/", 2)[-2] for w in report.warnings} <= {"base"}


def test_every_project_example_is_a_valid_kit_for_the_guide_pack(tmp_path: Path) -> None:
    folder = _guide_pack(tmp_path)
    pack = load_pack(folder)
    for kind, body, line in _blocks():
        if kind != "project":
            continue
        spec = parse_project(body, f"docs/packs.md:{line}")
        resolved = spec.resolved(pack)
        assert resolved.pack == pack.meta.id
        shifts = {s.id for s in pack.meta.rollout.shifts}
        assert set(resolved.shifts or ()) <= shifts, f"docs/packs.md:{line}: unknown shifts"


def test_contents_list_every_chapter_in_order_with_working_links() -> None:
    text = _text()
    chapters = re.findall(r"^## (\d+)\. (.+)$", text, re.M)
    contents = text[: text.index("---")]
    listed = re.findall(r"^(\d+)\. \[(.+?)\]\(#([^)]+)\)$", contents, re.M)
    assert [n for n, _t, _a in listed] == [n for n, _t in chapters]
    assert [int(n) for n, _t in chapters] == list(range(1, len(chapters) + 1))
    for (number, title), (_n, _shown, anchor) in zip(chapters, listed, strict=True):
        slug = re.sub(r"[^\w\s-]", "", f"{number}. {title}".lower()).replace(" ", "-")
        assert slug.startswith(anchor), (anchor, slug)


def test_field_reference_is_the_generated_one() -> None:
    text = _text()
    current = text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()
    assert current == reference_markdown().strip(), (
        "docs/packs.md is out of date: run  python -m generator.packs.reference --write docs/packs.md"
    )


def _model_fields() -> set[tuple[str, str]]:
    """(model name, field) of every model a pack file can hold."""
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [PackMeta, *ITEM_SECTIONS.values()]
    found: set[tuple[str, str]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            found.add((model.__name__, name))
            todo += _nested(info.annotation)
    return found


def test_field_reference_has_an_entry_for_every_model_field() -> None:
    text = _text()
    section = text[text.index(BEGIN) : text.index(END)]
    tables: dict[str, set[str]] = {}
    heading = ""
    for line in section.splitlines():
        if line.startswith("#### "):
            heading = line
            tables[heading] = set()
        elif line.startswith("| `"):
            tables[heading].add(line.split("`")[1])
    documented = {field for fields in tables.values() for field in fields}
    fields = _model_fields()
    assert {name for _model, name in fields} <= documented
    # every model has its own table, listing exactly its fields
    by_model: dict[str, set[str]] = {}
    for model, name in fields:
        by_model.setdefault(model, set()).add(name)
    assert sorted(by_model["TaskDef"]) == sorted(tables["#### `tasks:`"])
    assert sorted(by_model["PackMeta"]) == sorted(tables["#### `pack:`"])
    assert sorted(by_model["ShiftDef"]) == sorted(tables["#### `pack: rollout: shifts:`"])
    assert len([h for h in tables if h != "#### `remove:`"]) == len(by_model)

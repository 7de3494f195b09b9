"""Tests for generator.packs.yamlio: safe YAML loading with positions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.packs.yamlio import decode_utf8, load_yaml, parse_yaml


def _write(tmp_path: Path, text: str | bytes, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _refused(text: str | bytes, tmp_path: Path, **kwargs: int) -> str:
    with pytest.raises(InputError) as info:
        load_yaml(_write(tmp_path, text), **kwargs)
    return str(info.value)


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    doc = load_yaml(_write(tmp_path, "pack:\n  id: x\ntasks:\n  - id: a\n    duration: 3\n"))
    assert doc.data == {"pack": {"id": "x"}, "tasks": [{"id": "a", "duration": 3}]}
    assert doc.where(("tasks", 0, "duration")) == (5, 15)
    assert doc.where(("tasks", 0, "duration"), key=True) == (5, 5)
    # a missing path falls back to its nearest ancestor (the item)
    assert doc.where(("tasks", 0, "owner")) == (4, 5)
    problem = doc.problem(("tasks", 0, "duration"), "bad")
    assert str(problem).endswith("f.yaml:5:15: bad")


def test_keys_stay_text_and_values_are_typed() -> None:
    doc = parse_yaml("on: yes\n2026-01-01: 2026-01-05\n", "x.yaml")
    assert doc.data == {"on": True, "2026-01-01": datetime.date(2026, 1, 5)}


def test_bom_is_accepted(tmp_path: Path) -> None:
    doc = load_yaml(_write(tmp_path, "\ufeffa: 1\n".encode()))
    assert doc.data == {"a": 1}


def test_empty_file_is_an_empty_mapping() -> None:
    assert parse_yaml("# only a comment\n", "x.yaml").data == {}


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    message = _refused("tasks:\n  - id: a\n    name: x\n    name: y\n", tmp_path)
    assert "f.yaml:4:5" in message
    assert "'name'" in message
    assert "lines 3 and 4" in message


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    message = _refused("\n".join(lines) + "\n", tmp_path)
    assert "expands to more than" in message
    assert "f.yaml:" in message


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(InputError, match="refers to the item that contains it"):
        parse_yaml("a: &a [*a]\n", "x.yaml")


def test_oversize_file_says_the_limit(tmp_path: Path) -> None:
    message = _refused("a: " + "x" * 3000 + "\n", tmp_path, max_bytes=2048)
    assert "2.0 KiB" in message
    assert "split it" in message


def test_non_utf8_names_line_and_column(tmp_path: Path) -> None:
    message = _refused("a: 1\nb: caf\xe9\n".encode("latin-1"), tmp_path)
    assert "f.yaml:2:7" in message
    assert "save the file as UTF-8" in message


def test_tab_indentation_has_a_hint(tmp_path: Path) -> None:
    message = _refused("a:\n\t- b\n", tmp_path)
    assert "f.yaml:2:1" in message
    assert "never tabs" in message


def test_unquoted_colon_has_a_hint(tmp_path: Path) -> None:
    message = _refused("name: Note: this\n", tmp_path)
    assert "f.yaml:1:11" in message
    assert "quotes" in message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    message = _refused("- a\n- b\n", tmp_path)
    assert "top level must be a mapping" in message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    message = _refused("a: !!python/object/apply:os.system [echo hi]\n", tmp_path)
    assert "f.yaml:1:4" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_yaml(tmp_path / "nope.yaml")


def test_merge_keys_explicit_keys_win() -> None:
    doc = parse_yaml("d: &d {a: 1, b: 2}\ne: {<<: *d, b: 3}\n", "x.yaml")
    assert doc.data["e"] == {"a": 1, "b": 3}


def test_second_document_is_refused() -> None:
    with pytest.raises(InputError, match="remove the extra '---'"):
        parse_yaml("a: 1\n---\nb: 2\n", "x.yaml")


def test_impossible_date_is_refused_with_position(tmp_path: Path) -> None:
    message = _refused("start: 2026-13-45\n", tmp_path)
    assert "f.yaml:1:8" in message
    assert "YYYY-MM-DD" in message


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n 1.,?%@`\\\x00é中")), max_size=60)
)
def test_any_text_loads_or_is_refused_cleanly(text: str) -> None:
    try:
        doc = parse_yaml(text, "fuzz.yaml")
    except InputError as err:
        assert err.problems
        assert all(p.file == "fuzz.yaml" for p in err.problems)
        return
    assert isinstance(doc.data, dict)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=40))
def test_any_bytes_load_or_are_refused_cleanly(raw: bytes) -> None:
    try:
        text = decode_utf8(raw, "fuzz.yaml")
    except InputError as err:
        assert "UTF-8" in str(err)
        return
    try:
        parse_yaml(text, "fuzz.yaml")
    except InputError as err:
        assert err.problems


def test_large_plain_file_is_not_mistaken_for_an_alias_bomb() -> None:
    text = "a: [" + ", ".join(["x"] * 5000) + "]\n"
    assert len(parse_yaml(text, "big.yaml", max_nodes=1000).data["a"]) == 5000
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    with pytest.raises(InputError, match="expands to more than"):
        parse_yaml(bomb, "bomb.yaml", max_nodes=1000)

"""YAML texts parsed again in one process (generator.packs.yamlkept): a caller gets its own
copy of a kept parse, equal to a fresh one; refusals are never kept; the memo is bounded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.errors import InputError
from generator.packs import yamlkept
from generator.packs.yamlio import _parsed, parse_yaml

TEXT = (
    "tasks:\n  - id: t.a\n    name: {en: Kick-off, zh: 启动}\n    duration: 3\n    on: 2026-01-05\n"
)


@pytest.fixture(autouse=True)
def empty_memo() -> Iterator[None]:
    yamlkept.forget()
    yield
    yamlkept.forget()


def test_kept_from_the_second_parse_and_each_caller_gets_a_copy() -> None:
    first = parse_yaml(TEXT, "pack/tasks.yaml")
    assert yamlkept.held() == (1, 0)  # seen once: only its hash
    second = parse_yaml(TEXT, "pack/tasks.yaml")
    assert yamlkept.held()[1] > 0  # kept from the second parse on
    third = parse_yaml(TEXT, "pack/tasks.yaml")
    fresh = _parsed(TEXT, "pack/tasks.yaml", 200_000)
    for doc in (first, second, third):
        assert doc == fresh
        assert doc.where(("tasks", 0, "duration")) == (4, 15)
    third.data["tasks"][0]["name"]["en"] = "changed by a caller"
    third.data["tasks"].append({"id": "t.b"})
    third.values.clear()
    fourth = parse_yaml(TEXT, "pack/tasks.yaml")
    assert fourth == fresh
    assert fourth.data is not third.data


def test_the_file_name_and_node_limit_are_part_of_the_key() -> None:
    for _ in range(3):
        parse_yaml(TEXT, "a.yaml")
    other = parse_yaml(TEXT, "b.yaml")
    assert other.file == "b.yaml"
    assert other.problem(("tasks",), "x").file == "b.yaml"
    aliases = "a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*x, *x, *x, *x, *x, *x, *x, *x]\n"
    for _ in range(3):
        parse_yaml(aliases, "c.yaml")
    with pytest.raises(InputError, match="expands to more than"):
        parse_yaml(aliases, "c.yaml", max_nodes=10)


def test_a_refused_text_is_refused_every_time_and_never_kept() -> None:
    bad = "tasks:\n  - id: a\n  - id: b\n tasks: again\n"
    messages = []
    for _ in range(3):
        with pytest.raises(InputError) as err:
            parse_yaml(bad, "bad.yaml")
        messages.append(str(err.value))
    assert len(set(messages)) == 1
    assert yamlkept.held()[1] == 0


def test_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlkept, "KEPT_DOCS", 4)
    for n in range(10):
        for _ in range(2):
            parse_yaml(f"n: {n}\n", f"{n}.yaml")
    assert yamlkept.held()[0] <= 4
    monkeypatch.setattr(yamlkept, "KEPT_BYTES", 800)
    big = "items:\n" + "".join(f"  - text {n}\n" for n in range(40))
    for _ in range(3):
        assert parse_yaml(big, "big.yaml").data["items"][39] == "text 39"
    assert yamlkept.held()[1] <= 800

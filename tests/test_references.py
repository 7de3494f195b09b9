"""Tests for loop finding in dependency graphs."""

from __future__ import annotations

from generator.packs.references import find_cycles


def test_no_cycle() -> None:
    assert find_cycles({"a": ["b"], "b": ["c"], "c": []}) == []


def test_cycle_starts_at_smallest_id_and_is_reported_once() -> None:
    edges = {"c": ["a"], "a": ["b"], "b": ["c"], "x": ["a"]}
    assert find_cycles(edges) == [["a", "b", "c", "a"]]


def test_self_loop_and_two_loops() -> None:
    edges = {"a": ["a"], "m": ["n"], "n": ["m"]}
    assert find_cycles(edges) == [["a", "a"], ["m", "n", "m"]]


def test_long_chain_does_not_recurse() -> None:
    size = 20000
    edges = {f"t{i:05d}": [f"t{i + 1:05d}"] for i in range(size)}
    edges[f"t{size:05d}"] = ["t00000"]
    cycles = find_cycles(edges)
    assert len(cycles) == 1
    assert len(cycles[0]) == size + 2

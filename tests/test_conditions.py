"""``when:`` conditions evaluated as data."""

from __future__ import annotations

import pytest

from generator.conditions import Scope, holds
from generator.packs.model import Condition

SCOPE = Scope(systems=("ERP", "MES"), strategy="phased", sites=3, users=500, country="CN")


@pytest.mark.parametrize(
    "condition, expected",
    [
        (None, True),
        ({}, True),
        ({"systems": ["mes"]}, True),
        ({"systems": ["WMS", "ERP"]}, True),
        ({"systems": "WMS"}, False),
        ({"strategy": "phased"}, True),
        ({"strategy": "big-bang"}, False),
        ({"min_sites": 3}, True),
        ({"min_sites": 4}, False),
        ({"max_sites": 2}, False),
        ({"min_users": 500, "max_users": 500}, True),
        ({"max_users": 499}, False),
        ({"country": ["cn", "TW"]}, True),
        ({"country": "US"}, False),
        ({"systems": ["MES"], "strategy": "big-bang"}, False),  # all keys must hold
    ],
)
def test_holds(condition: dict[str, object] | None, expected: bool) -> None:
    parsed = None if condition is None else Condition.model_validate(condition)
    assert holds(parsed, SCOPE) is expected

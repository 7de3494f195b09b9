"""Scope conditions (``when:``) evaluated as data against the project's answers, never eval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.packs.model import Condition


@dataclass(frozen=True)
class Scope:
    """The answers a condition can look at."""

    systems: tuple[str, ...]
    strategy: str
    sites: int
    users: int
    country: str


def _any_of(wanted: Sequence[str], have: Sequence[str]) -> bool:
    have_upper = {h.upper() for h in have}
    return any(w.upper() in have_upper for w in wanted)


def holds(condition: Condition | None, scope: Scope) -> bool:
    """True when every given key of ``condition`` holds (lists mean any-of)."""
    if condition is None:
        return True
    if condition.systems is not None and not _any_of(condition.systems, scope.systems):
        return False
    if condition.strategy is not None and condition.strategy != scope.strategy:
        return False
    if condition.min_sites is not None and scope.sites < condition.min_sites:
        return False
    if condition.max_sites is not None and scope.sites > condition.max_sites:
        return False
    if condition.min_users is not None and scope.users < condition.min_users:
        return False
    if condition.max_users is not None and scope.users > condition.max_users:
        return False
    return condition.country is None or _any_of(condition.country, (scope.country,))

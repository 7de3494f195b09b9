"""Pack format versions: a pack valid under an earlier release keeps loading.

A pack says which format it is written in with ``format:`` in its ``pack:`` section.
A pack without that line is in format 1: every pack written before formats were
declared (the first and second releases of implkit). :data:`CURRENT_FORMAT` is
the format this implkit writes (``implkit packs new``, ``implkit packs upgrade``).

A rule that tightens what a working pack may say is introduced with a format
(:data:`RULES`). For a pack written in an older format, a problem found by such a
rule is a *warning* that names the fix and ``implkit packs upgrade``; it becomes an
error once the pack declares the format that introduced the rule. Checks that
catch what a build would refuse or get wrong (an unknown id, a shift slot that ends
before it starts) are errors in every format: such a pack was never valid, only
unchecked.

A pack in a format newer than :data:`CURRENT_FORMAT` is refused with "update
implkit" (the model's ``format`` field says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import Problem
from generator.packs.model import CURRENT_FORMAT

FIRST_FORMAT = 1


@dataclass(frozen=True)
class FormatRule:
    """A rule introduced with format ``since``; ``change`` says what changed, for authors."""

    key: str
    since: int
    change: str


RULES: dict[str, FormatRule] = {
    rule.key: rule
    for rule in (
        FormatRule(
            "texts-of-names",
            2,
            "a migration object's source.system, source.table, approach.tool and a written "
            "reconciliation.tolerance are texts a client reads: they need a zh text as well "
            "as an en one ({en: legacy ERP, zh: 原 ERP}); format 1 read them as names",
        ),
        FormatRule(
            "strict-meaning",
            2,
            "--strict checks the meaning: the audiences' shares add up to 1 or less, every "
            "prerequisite is a course the audience takes, cutover steps run in time order",
        ),
        FormatRule(
            "when-systems",
            2,
            "when: {systems: [...]} names only systems the pack lists in pack.systems",
        ),
    )
}

# Migration fields that format 1 read as plain names (str), by path inside the item.
FORMAT_1_NAMES: frozenset[tuple[str, str]] = frozenset(
    {
        ("source", "system"),
        ("source", "table"),
        ("approach", "tool"),
        ("reconciliation", "tolerance"),
    }
)


def declared_format(meta: Mapping[str, Any] | None) -> int:
    """The format a raw ``pack:`` mapping declares (1 when it says nothing usable).

    A value the model refuses (text, 0, a format from the future) is reported by the
    model's validation; here it counts as the first format, so no later rule is
    enforced on a pack whose header is broken.
    """
    value = (meta or {}).get("format")
    if isinstance(value, bool) or not isinstance(value, int):
        return FIRST_FORMAT
    return value if FIRST_FORMAT <= value <= CURRENT_FORMAT else FIRST_FORMAT


def enforced(rule: str, fmt: int) -> bool:
    """True when ``rule`` is an error for a pack written in format ``fmt``."""
    return fmt >= RULES[rule].since


def as_warning(problem: Problem, rule: str, pack: str) -> Problem:
    """``problem`` with the note that it is a warning until ``pack`` declares the rule's format."""
    since = RULES[rule].since
    note = (
        f" (allowed in format {since - 1}, the format of pack '{pack}': an error from "
        f"format {since} on; `implkit packs upgrade` rewrites the pack to format {CURRENT_FORMAT})"
    )
    return Problem(problem.file, problem.line, problem.col, problem.message + note)


def is_format_1_name(section: str, path: tuple[str | int, ...]) -> bool:
    """True for the text fields of ``section`` that format 1 read as names."""
    return section == "migration" and tuple(p for p in path if isinstance(p, str)) in FORMAT_1_NAMES

"""Checks on single answers that pydantic's types let through (fresh-user findings).

Each function returns the value when it is usable and raises ``ValueError`` with a
message that says what to write instead; :func:`generator.project.spec_from_data` turns
that into ``project.yaml:LINE:COL`` (or the ``--option``) and exit code 2.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from generator.i18n import _

# A client or project name is printed in every page header of the Word documents and in
# the workbooks' titles: 80 characters still fit on two header lines at A4.
NAME_LIMIT = 80


def check_name(value: str) -> str:
    """A client/project name: not blank, at most :data:`NAME_LIMIT` characters."""
    if not value.strip():
        raise ValueError(_("the name is empty: write it, or delete the line to use the default"))
    if len(value) > NAME_LIMIT:
        raise ValueError(
            _(
                "the name has {count} characters; at most {limit} fit in the documents' "
                "headers: shorten it (the full legal name can go into the charter by hand)"
            ).format(count=len(value), limit=NAME_LIMIT)
        )
    return value


def check_whole_number(value: Any) -> Any:
    """Refuse yes/no (YAML booleans) where a count is expected; pydantic reads ``yes`` as 1."""
    if isinstance(value, bool):
        raise ValueError(
            _("{value} is yes/no, not a number: write a whole number such as 800").format(
                value="yes" if value else "no"
            )
        )
    return value


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def check_currency(value: str) -> str:
    """An ISO 4217 currency code (CNY, EUR, USD...), as Babel's CLDR data lists them."""
    if value not in _currencies():
        import difflib

        close = difflib.get_close_matches(value, sorted(_currencies()), n=1)
        hint = _(" — did you mean {code}?").format(code=close[0]) if close else ""
        raise ValueError(
            _("{value} is not an ISO 4217 currency code (e.g. CNY, EUR, USD){hint}").format(
                value=repr(value), hint=hint
            )
        )
    return value

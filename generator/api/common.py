"""What every call of :mod:`generator.api` shares: its start and the callback types.

:func:`start_call` resets the language to the default ($IMPLKIT_LANG, else English)
so that one call's language never leaks into the next; each call then picks its own
(the kit's, or its ``lang``) as the command does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.i18n import default_language, set_language

Progress = Callable[[str], None]
"""Called with the name of each step as it starts."""

Answers = Mapping[str, Any]
"""Answer name (:data:`generator.workspace.answers.ANSWER_PARAMS`) -> value as given."""


def start_call() -> None:
    """Start a call from the default language (see the module docstring)."""
    set_language(default_language())

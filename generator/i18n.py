"""User-interface text (CLI messages, summaries) in the kit's language.

Wrap every message a person reads in ``_()`` (and counts in ``ngettext``) so the
CLI speaks English or Chinese like the deliverables do. The language is chosen
once per command with :func:`set_language` (``--lang``, or the kit's
``project.yaml``). Catalogues are gettext ``.po`` files under
``generator/locale/<lang>/LC_MESSAGES/implkit.po`` (Babel extracts and reads
them); a message with no translation is shown in English.

Deliverable texts (workbook labels, document headings) are not UI text: they
live beside their renderers.
"""

from __future__ import annotations

_language = "en"


def set_language(lang: str) -> None:
    """Use ``lang`` (``"en"`` or ``"zh"``) for every following message."""
    global _language
    _language = lang if lang in ("en", "zh") else "en"


def language() -> str:
    """The language messages are shown in now (``"en"`` or ``"zh"``)."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` (``"1 audience"`` / ``"2 audiences"``)."""
    return singular if n == 1 else plural

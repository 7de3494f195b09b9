"""User-interface text (CLI messages, summaries) in the kit's language.

Wrap every message a person reads in ``_()`` (and counts in ``ngettext``) so the
CLI speaks English or Chinese like the deliverables do. The language is chosen
once per command with :func:`set_language` (``--lang``, or the kit's
``project.yaml``: :func:`language_of_project`). Catalogues are gettext ``.po``
files under ``generator/locale/<lang>/LC_MESSAGES/implkit.po``, shipped in the
wheel and read with Babel when a command first needs them (a few milliseconds;
no compile step at build time). A message with no translation is shown in
English.

Rules for a message:

- the argument of ``_()`` / ``ngettext()`` is a plain string literal (no
  f-string) so the catalogue test can find it; fill values with
  ``.format(name=...)`` after translating: ``_("Wrote {path}").format(path=p)``;
- counts go through ``ngettext`` with ``{n}`` in both forms:
  ``ngettext("{n} audience", "{n} audiences", n).format(n=n)``; Chinese has one
  form, so the catalogue's ``msgstr[0]`` serves every count.

``tests/test_i18n.py`` checks that every such literal in ``generator/`` has a zh
translation and that the placeholders match.

Deliverable texts (workbook labels, document headings) are not UI text: they
live beside their renderers and in the Kit.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh")
DOMAIN = "implkit"
LOCALE_DIR = Path(__file__).with_name("locale")

_language = "en"


def set_language(lang: str | None) -> None:
    """Use ``lang`` (``"en"`` or ``"zh"``) for every following message; others mean English."""
    global _language
    _language = lang if lang in LANGUAGES else "en"


def default_language() -> str:
    """The language before any kit or ``--lang`` says otherwise: ``$IMPLKIT_LANG``, else English."""
    import os

    chosen = os.environ.get("IMPLKIT_LANG", "")
    return chosen if chosen in LANGUAGES else "en"


def language() -> str:
    """The language messages are shown in now (``"en"`` or ``"zh"``)."""
    return _language


def catalogue_path(lang: str) -> Path:
    """Where the ``.po`` catalogue of ``lang`` lives (it may not exist for English)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    """The catalogue of ``lang`` as ``{msgid: msgstr}``; plural ids are ``(singular, plural)``.

    Untranslated and fuzzy entries are left out, so they show in English. An
    unknown language or a missing file gives an empty catalogue.
    """
    path = catalogue_path(lang)
    if lang == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    table: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key: str | tuple[str, str] = (
            (str(message.id[0]), str(message.id[1]))
            if isinstance(message.id, (tuple, list))
            else str(message.id)
        )
        value = message.string
        if isinstance(value, (tuple, list)):
            if any(value):
                table[key] = tuple(str(v) for v in value)
        elif value:
            table[key] = str(value)
    return table


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    if _language == "en":
        return message
    found = translations(_language).get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:
    """Mark a literal for the catalogue without translating it yet (a table of texts).

    Translate it where it is shown with :func:`translate`.
    """
    return message


def translate(message: str) -> str:
    """``message`` (a text marked with :func:`N_`) in the current language."""
    if _language == "en":
        return message
    found = translations(_language).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` (``"{n} audience"`` / ``"{n} audiences"``).

    English picks by ``n == 1``; Chinese has one form (``msgstr[0]``).
    """
    english = singular if n == 1 else plural
    if _language == "en":
        return english
    found = translations(_language).get((singular, plural))
    if isinstance(found, tuple) and found:
        return found[0]
    return english


_LANG_LINE = re.compile(r"^lang\s*:\s*['\"]?(en|zh)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def language_of_project(path: Path) -> str | None:
    """The ``lang:`` of a project.yaml (or of the project.yaml in a folder), if it can be read.

    A cheap line scan, not a YAML parse: it runs before the file is validated so
    that the validation messages are already in the kit's language. ``None``
    when the file is missing, unreadable or names no language.
    """
    file = path / "project.yaml" if path.is_dir() else path
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _LANG_LINE.search(text)
    return match.group(1) if match else None


def use_language(lang: str | None = None, project: Path | None = None) -> str:
    """Set the language from ``--lang`` when given, else from ``project``'s project.yaml.

    Returns the language now in use. Without either, :func:`default_language`.
    """
    chosen = lang or (language_of_project(project) if project is not None else None)
    set_language(chosen or default_language())
    return _language

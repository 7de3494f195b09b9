"""User-interface text (CLI messages, summaries) in the kit's language.

Wrap every message a person reads in ``_()`` (and counts in ``ngettext``) so the
CLI speaks English or Chinese like the deliverables do. The language is chosen
once per command with :func:`set_language` (``--lang``, or the kit's
``project.yaml``: :func:`language_of_project`). Catalogues are gettext ``.po``
files under ``generator/locale/<lang>/LC_MESSAGES/implkit.po``, shipped in the
wheel and read with Babel when a command first needs them (a few milliseconds).
Deliverable text is read from the Babel-compiled ``.mo`` shipped beside its
``.po`` while it is current (:mod:`generator.catalogues`). A message with no translation is shown in
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

Deliverable text (workbook labels, column headers, list values, sheet titles,
document headings and sentences) is a second domain, ``deliverables``
(``generator/locale/<lang>/LC_MESSAGES/deliverables.po``), so the command line
and the documents can be translated and reviewed apart. A deliverable is
rendered in the KIT's language, whatever the command line speaks: renderers
take a :class:`Translator` from :func:`translator` (``tr = translator(kit.lang)``)
and call it, never :func:`_`:

- ``tr("Project plan")``; ``tr.n("{n} site", "{n} sites", n)`` for counts;
  ``tr.p("charter", "Attendees")`` where one English text needs two
  translations (a gettext ``msgctxt``);
- tables of texts (sheet declarations, label dictionaries) mark their
  English with :func:`D_` (or :func:`DC_` with a context) and translate where
  shown: ``tr(LABELS["doc_title"])`` or ``tr.map(LABELS)["doc_title"]``;
- what differs between languages by structure rather than by words
  (punctuation, the list separator, brackets) is also a catalogue entry with
  a context (``tr.colon``, ``tr.join``, ``tr.paren``); what is data about a
  locale (fonts, document language tags) is :func:`locale_data`.

Code never asks which language it renders (no ``lang == "zh"``); a third
language is a new catalogue plus a :data:`LOCALES` row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator import catalogues
from generator.catalogues import catalogue_from as catalogue_from

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("en", "zh")
DOMAIN = "implkit"
DELIVERABLES = "deliverables"
"""The gettext domain of deliverable text (workbooks, documents, exports)."""
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
    if _OVERRIDES:
        override = _OVERRIDES.get((DOMAIN, _language))
        if override is not None:
            return override(message)
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
    if _OVERRIDES:
        override = _OVERRIDES.get((DOMAIN, _language))
        if override is not None:
            return override(message)
    if _language == "en":
        return message
    found = translations(_language).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` (``"{n} audience"`` / ``"{n} audiences"``).

    English picks by ``n == 1``; Chinese has one form (``msgstr[0]``).
    """
    if _OVERRIDES:
        override = _OVERRIDES.get((DOMAIN, _language))
        if override is not None:
            return override.n(singular, plural, n)
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
    from generator.errors import InputError
    from generator.limits import current
    from generator.readers import read_bytes

    file = path / "project.yaml" if path.is_dir() else path
    if not file.exists():
        return None
    try:  # bounded, never blocking on a named pipe: the validation says what is wrong
        text = read_bytes(file, limit=current().answers_bytes).decode("utf-8", errors="replace")
    except InputError:
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


# --- deliverable text --------------------------------------------------------------

_CONTEXT = "\x04"  # gettext's own separator of msgctxt and msgid
K = TypeVar("K")


def D_(message: str) -> str:
    """Mark a deliverable text (English, the msgid) in a table; translate it where shown.

    Returns ``message`` unchanged: the catalogue test finds the literal, a
    :class:`Translator` translates the value.
    """
    return message


def DC_(context: str, message: str) -> str:
    """Mark a deliverable text that needs its own translation in ``context`` (a ``msgctxt``).

    Returns the gettext key ``"context\\x04message"``; :class:`Translator` shows
    its translation, or ``message`` when there is none.
    """
    return f"{context}{_CONTEXT}{message}"


def english(marked: str) -> str:
    """The English text of a marked message (drops a :func:`DC_` context)."""
    return marked.rpartition(_CONTEXT)[2]


@dataclass(frozen=True)
class LocaleData:
    """What a deliverable needs to know about a language besides its words.

    ``tag``: the BCP 47 tag written into Office documents (Word's ``w:lang``,
    the core properties); ``page_tag``: the ``<html lang>`` of a web page;
    ``babel``: the Babel (CLDR) locale for numbers, currencies and dates;
    ``font``/``charset``: the face Word, Excel and WPS render the text in
    (charset 134 = GB2312 makes Excel pick a Chinese face).
    """

    tag: str
    page_tag: str
    babel: str
    font: str
    charset: int


LOCALES: dict[str, LocaleData] = {
    "en": LocaleData(tag="en-GB", page_tag="en", babel="en", font="Calibri", charset=0),
    "zh": LocaleData(
        tag="zh-CN", page_tag="zh-CN", babel="zh_Hans_CN", font="Microsoft YaHei", charset=134
    ),
}


def locale_data(lang: str) -> LocaleData:
    """The :class:`LocaleData` of ``lang`` (English for an unknown language)."""
    return LOCALES.get(lang, LOCALES["en"])


class Translator:
    """Deliverable text in one language: a gettext catalogue bound to a kit's language.

    Call it with an English text (the msgid) to get the text in its language;
    a text the catalogue lacks is shown in English. Obtain one with
    :func:`translator`; it is immutable and cheap to share.
    """

    __slots__ = ("_gettext", "lang", "locale")

    def __init__(self, lang: str, catalogue: gettext.NullTranslations) -> None:
        self.lang = lang
        self.locale = locale_data(lang)
        self._gettext = catalogue

    def __call__(self, message: str) -> str:
        """``message`` (plain or marked with :func:`DC_`) in this language."""
        if _CONTEXT in message:
            context, _sep, text = message.partition(_CONTEXT)
            return self._gettext.pgettext(context, text)
        return self._gettext.gettext(message)

    def p(self, context: str, message: str) -> str:
        """``message`` in ``context`` (gettext ``pgettext``)."""
        return self._gettext.pgettext(context, message)

    def n(self, singular: str, plural: str, n: int) -> str:
        """The form of a counted text for ``n`` (gettext ``ngettext``); fill ``{n}`` after."""
        return self._gettext.ngettext(singular, plural, n)

    def map(self, table: Mapping[K, str]) -> dict[K, str]:
        """``table`` (values marked with :func:`D_`) with every value translated."""
        return {key: self(value) for key, value in table.items()}

    # the structural differences between languages, kept in the catalogue
    @property
    def colon(self) -> str:
        """The colon after a label (``": "``; ``"："`` in Chinese)."""
        return self.p("punctuation", ": ")

    @property
    def separator(self) -> str:
        """Between the items of a list in running text (``", "``; ``"、"`` in Chinese)."""
        return self.p("list separator", ", ")

    def join(self, items: Iterable[str]) -> str:
        """``items`` as a list in running text (:attr:`separator` between them)."""
        return self.separator.join(items)

    def paren(self, text: str) -> str:
        """``text`` as an aside after a word: ``" (text)"``; ``"（text）"`` in Chinese."""
        return self.p("parenthesis", " ({text})").format(text=text)


_OVERRIDES: dict[tuple[str, str], Translator] = {}


def catalogue_file(lang: str, domain: str) -> Path:
    """Where the ``.po`` catalogue of ``lang`` in ``domain`` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def write_compiled(lang: str, domain: str) -> Path:
    """Compile the ``.po`` of ``lang``/``domain`` to the ``.mo`` shipped beside it, with
    the ``.po``'s SHA-256 (``python -m tests.i18n_messages`` calls it); return the ``.mo``."""
    return catalogues.write_compiled(catalogue_file(lang, domain), lang, domain)


@cache
def _translator(lang: str, domain: str) -> Translator:
    """The catalogue of ``lang``/``domain``: the shipped ``.mo`` when current (reading it
    takes a few ms; Babel compiling the ``.po`` took about 60 ms of each run), else the
    ``.po`` compiled in memory."""
    import gettext as gettext_module

    path = catalogue_file(lang, domain)
    catalogue: gettext_module.NullTranslations = (
        (catalogues.shipped(path) or catalogues.compile_catalogue(path, lang, domain))
        if path.is_file()
        else gettext_module.NullTranslations()
    )
    return Translator(lang, catalogue)


def translator(lang: str, domain: str = DELIVERABLES) -> Translator:
    """The deliverable text of ``lang`` (``"en"``, ``"zh"``); an unknown language is English.

    Independent of :func:`set_language`: a zh kit built from an English shell
    renders in Chinese. The catalogue is read once per process.
    """
    code = lang if lang in LANGUAGES else "en"
    return _OVERRIDES.get((domain, code)) or _translator(code, domain)


@contextmanager
def catalogue_override(
    lang: str, catalogue: gettext.NullTranslations, domain: str = DELIVERABLES
) -> Iterator[Translator]:
    """Render ``lang`` with ``catalogue`` instead of the shipped one while the block runs.

    For tests (a pseudo-locale that shows which text escaped the catalogue) and
    for previewing a translation in progress.
    """
    key = (domain, lang)
    before = _OVERRIDES.get(key)
    _OVERRIDES[key] = made = Translator(lang, catalogue)
    _spellings.cache_clear()
    try:
        yield made
    finally:
        if before is None:
            _OVERRIDES.pop(key, None)
        else:
            _OVERRIDES[key] = before
        _spellings.cache_clear()


@cache
def _spellings(message: str) -> tuple[str, ...]:
    found = [english(message)]
    for lang in LANGUAGES:
        text = translator(lang)(message)
        if text not in found:
            found.append(text)
    return tuple(found)


def spellings(message: str) -> tuple[str, ...]:
    """``message`` in every shipped language, English first (readers match any of them).

    A workbook written in one language is read back after the kit switched to
    another, so readers look for a header or a list value in all of them.
    """
    return _spellings(message)


class TextTable(Mapping[str, dict[K, str]]):
    """A table of deliverable texts by key (values marked with :func:`D_`), read per language.

    ``LABELS[kit.lang]["doc_title"]`` is the text in the kit's language;
    ``LABELS.texts`` holds the English msgids. The translated table is made
    once per translator (cheap to index inside loops).
    """

    def __init__(self, texts: Mapping[K, str]) -> None:
        self.texts: Mapping[K, str] = texts
        self._made: dict[str, tuple[Translator, dict[K, str]]] = {}

    def __getitem__(self, lang: str) -> dict[K, str]:
        return self.using(translator(lang))

    def using(self, tr: Translator) -> dict[K, str]:
        """The table translated by ``tr``."""
        made = self._made.get(tr.lang)
        if made is None or made[0] is not tr:
            made = (tr, tr.map(self.texts))
            self._made[tr.lang] = made
        return made[1]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


class Translated(Mapping[str, str]):
    """One deliverable text (a msgid marked with :func:`D_`) by language.

    ``GUIDE[lang]`` is the catalogue's text in ``lang`` (English for a language without
    one), looked up on each access so an override (the pseudo-locale) applies; iterating
    gives the shipped languages. For a text a registry entry names as a ``{lang: text}``
    table (the README's import guide bullets).
    """

    def __init__(self, message: str) -> None:
        self.message = message

    def __getitem__(self, lang: str) -> str:
        return translator(lang)(self.message)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

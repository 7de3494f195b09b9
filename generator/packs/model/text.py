"""Texts in a pack: a plain string or ``{en: ..., zh: ...}``, and the text in a language."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator

from generator.packs.model.base import Strict, _listify

LANGS: tuple[str, ...] = ("en", "zh")

_BOTH_LANGS: tuple[Literal["en", "zh"], ...] = ("en", "zh")


class LocalizedText(Strict):
    """A text in English and Chinese: {en: ..., zh: ...}. Give both in a pack that ships; a missing
    language is a missing translation."""

    en: str | None = None
    """The English text."""
    zh: str | None = None
    """The Chinese text."""


Text = str | LocalizedText

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]{3,}")


def text_in(text: Text | None, lang: str) -> str | None:
    """The text in ``lang``, or None when that translation is missing.

    A plain string is language-neutral (used for both languages) unless it
    plainly belongs to one: a string with Chinese characters counts as ``zh``
    only; a string with a lowercase Latin word of 3+ letters counts as ``en``
    only. Codes and names such as ``SAP``, ``HL7 v2 ADT`` stay neutral.
    """
    if text is None:
        return None
    if isinstance(text, str):
        if _CJK.search(text):
            return text if lang == "zh" else None
        if _LATIN_WORD.search(text):
            return text if lang == "en" else None
        return text
    return getattr(text, lang)


def resolve_text(text: Text | None, lang: str) -> str:
    """The text in ``lang``, falling back to the other language, then to ""."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    value = getattr(text, lang)
    if value:
        return str(value)
    for other in LANGS:
        fallback = getattr(text, other)
        if fallback:
            return str(fallback)
    return ""


TextList = Annotated[list[Text], BeforeValidator(_listify)]

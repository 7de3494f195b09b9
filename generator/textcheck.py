"""Checks every text a user or a pack gives, against what every writer can hold.

Word and Excel files are XML 1.0: control characters (other than tab and line
breaks), lone surrogates and U+FFFE/U+FFFF cannot be written at all, and Word's
core properties (author, keywords) hold at most 255 characters. A text that
breaks a writer must be refused where it is typed, once, with its position,
not crash half-way through writing a kit.

API
---
``text_problem(value, limit) -> str | None``
    Why ``value`` cannot be written (the character and its position, or the
    length), in plain words with the fix; ``None`` when it is fine.
``fullwidth_hint(text) -> str``
    "" or a sentence naming the full-width characters a Chinese input method
    typed (``：`` ``，`` ``８`` U+3000 ...) and what to type instead.
``halfwidth(text) -> str``
    ``text`` with full-width digits, colon, comma, minus and ideographic
    spaces replaced by their ASCII forms.

Limits (characters): :data:`CORE_PROPERTY` 255 (Word's author/keywords);
:data:`PACK_TEXT` 10,000 (one pack text; an Excel cell holds 32,767).
"""

from __future__ import annotations

import re
import unicodedata

CORE_PROPERTY = 255
PACK_TEXT = 10_000

# full-width characters Chinese input methods type where YAML or a number needs ASCII
_FULLWIDTH: dict[str, str] = {
    "\uff1a": ":",  # ：
    "\uff0c": ",",  # ，
    "\uff0d": "-",  # －
    "\u3000": " ",  # ideographic space
    "\uff3b": "[",
    "\uff3d": "]",
    "\uff5b": "{",
    "\uff5d": "}",
    "\uff03": "#",
    "\uff0e": ".",
    "\u3002": ".",  # 。 where a decimal point was meant
    **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
}
_NAMES = {
    "\uff1a": "full-width colon",
    "\uff0c": "full-width comma",
    "\uff0d": "full-width minus",
    "\u3000": "ideographic (full-width) space",
    "\uff0e": "full-width full stop",
    "\u3002": "ideographic full stop",
}


# control characters but tab and line breaks, C1 controls, lone surrogates, U+FFFE/U+FFFF:
# one regular-expression scan (every text of every pack passes here)
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_character(value: str) -> tuple[int, str] | None:
    """``(position, character)`` of the first character no Office file can hold."""
    found = _BAD.search(value)
    return None if found is None else (found.start(), found.group())


def text_problem(value: str, limit: int = PACK_TEXT) -> str | None:
    """Why ``value`` cannot be written into the kit, with the fix; ``None`` when fine."""
    from generator.i18n import _

    found = bad_character(value)
    if found is not None:
        index, char = found
        name = unicodedata.name(char, "control character")
        return _(
            "contains the invisible character U+{code:04X} ({name}) at position {position}; "
            "delete it (retype the text if you cannot see it)"
        ).format(code=ord(char), name=name, position=index + 1)
    if len(value) > limit:
        return _(
            "is {length} characters long; at most {limit} fit (Word document properties and "
            "Excel cells have limits): shorten it"
        ).format(length=len(value), limit=limit)
    return None


def fullwidth_hint(text: str) -> str:
    """A sentence naming the full-width characters in ``text`` and their fix, or ""."""
    from generator.i18n import _

    seen: list[str] = []
    for char in text:
        if char in _FULLWIDTH and char not in seen:
            seen.append(char)
    if not seen:
        return ""
    names = ", ".join(
        f"'{char}' (U+{ord(char):04X}, {_NAMES.get(char, 'full-width digit')})" for char in seen
    )
    fixes = ", ".join(f"'{_FULLWIDTH[char]}'" for char in seen)
    return _(
        "it contains {names}, typed by a Chinese input method; switch the input method to "
        "half-width (English) and type {fixes} instead"
    ).format(names=names, fixes=fixes)


def halfwidth(text: str) -> str:
    """``text`` with the full-width forms of :func:`fullwidth_hint` made ASCII."""
    return "".join(_FULLWIDTH.get(char, char) for char in text)

"""Project names, folder slugs and the per-project id.

* :func:`default_name` — what a project is called when the user names none:
  the client and the systems in scope, 「华东精密制造 ERP+MES 实施项目」 /
  "Acme ERP+MES Implementation". Client documents name the project, never the
  tool or the pack.
* :func:`is_generated_name` — whether a name in project.yaml is one implkit
  made (this scheme, or the older ``<client><pack name>项目`` /
  ``<client> – <pack name>``); such a name follows the systems in scope on the
  next rebuild, a name the user wrote stays as written.
* :func:`make_slug` / :func:`client_slug` — folder-safe slugs (lowercase ASCII
  letters, digits, single dashes, at most 60 characters). Chinese characters
  become pinyin syllables (pypinyin), accents are dropped
  (``华东精密制造`` -> ``hua-dong-jing-mi-zhi-zao``, ``Müller`` -> ``muller``),
  so two Chinese clients get two folders.
* :func:`new_uid` / :func:`derived_uid` — the project id every exported UID
  carries (iCalendar UID, MSPDI GUIDs): 12 lowercase hex digits, random for a
  new kit and then kept in project.yaml (``uid:``); derived from pack, client and
  slug for answers that have none (one-off documents, older project.yaml), so
  the same answers give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable

from generator.i18n import LANGUAGES, translator

UID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{3,39}$")
SLUG_MAX = 60
_WORD = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def systems_label(systems: Iterable[str]) -> str:
    """``ERP+MES``: the systems in scope as one word (empty for none)."""
    return "+".join(s.strip() for s in systems if s.strip())


def default_name(client: str, systems: Iterable[str], lang: str) -> str:
    """The project name when the user gave none.

    >>> default_name("华东精密制造", ["ERP", "MES"], "zh")
    '华东精密制造 ERP+MES 实施项目'
    >>> default_name("Acme", ["ERP"], "en")
    'Acme ERP Implementation'
    """
    label = systems_label(systems)
    tr = translator(lang)
    if label:
        return tr("{client} {systems} Implementation").format(client=client, systems=label)
    return tr("{client} Implementation").format(client=client)


def is_generated_name(
    name: str, client: str, known_systems: Iterable[str], pack_names: Iterable[str] = ()
) -> bool:
    """True when ``name`` is a default implkit made for ``client`` (any language, any scope).

    ``known_systems`` are the pack's systems (any subset, any order counts);
    ``pack_names`` the pack's names in every language, for the older default
    ``<client><pack name>项目`` / ``<client> – <pack name>``.
    """
    known = {s.upper() for s in known_systems}
    # one language at a time, English first: a name that matches needs no other
    # language's catalogue read
    for lang in LANGUAGES:  # "<client> <systems> Implementation" in every language
        if name == default_name(client, (), lang):
            return True
        pattern = translator(lang)("{client} {systems} Implementation")
        head, _sep, tail = pattern.partition("{systems}")
        head = head.format(client=client)

        if name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
            parts = name[len(head) : len(name) - len(tail)].split("+")
            if all(part.strip().upper() in known for part in parts):
                return True
    for pack_name in pack_names:
        if pack_name and name in (f"{client}{pack_name}项目", f"{client} – {pack_name}"):
            return True
    return False


def _ascii_words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text``: Han characters as pinyin syllables, accents dropped.

    pypinyin (its phrase dictionary takes about half a second to load) is only
    imported for a text with Chinese characters.
    """
    pieces: list[str] = [text]
    if _HAN.search(text):
        from pypinyin import Style, lazy_pinyin

        pieces = lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=False)
    words: list[str] = []
    for piece in pieces:
        plain = unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode()
        words.extend(_WORD.findall(plain.lower()))
    return words


def _join(words: list[str]) -> str:
    """Words joined by dashes, cut at a word boundary to at most SLUG_MAX characters."""
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > SLUG_MAX:
            break
        out = candidate
    return out or "-".join(words)[:SLUG_MAX].strip("-")


def make_slug(name: str, pack_id: str) -> str:
    """A folder-safe slug from a project name (pinyin for Chinese characters).

    A name without letters (``"2026"``, ``"!!!"``) falls back to ``project-<pack>``.
    """
    slug = _join(_ascii_words(name))
    if len(slug) < 3 or not re.search(r"[a-z]", slug):
        fallback = "-".join(_WORD.findall(pack_id.lower())) or "kit"
        return f"project-{fallback}"[:SLUG_MAX].strip("-")
    return slug


def client_slug(client: str, pack_id: str) -> str:
    """``<client words>-<pack>``; ``project-<pack>`` when the client name has no letters."""
    words = _ascii_words(client)
    if not words or not re.search(r"[a-z]", "".join(words)):
        return make_slug("", pack_id)
    return make_slug(" ".join([*words, pack_id]), pack_id)


def has_han(text: str) -> bool:
    """True when ``text`` holds a Chinese character."""
    return bool(_HAN.search(text))


def new_uid() -> str:
    """A fresh random project id (12 lowercase hex digits) for a new kit."""
    return secrets.token_hex(6)


def derived_uid(pack_id: str, client: str, slug: str) -> str:
    """A stable project id from the answers, for answers without ``uid:``."""
    digest = hashlib.sha256(f"{pack_id}\n{client}\n{slug}".encode()).hexdigest()
    return digest[:12]

"""gettext catalogues on disk: a ``.po`` compiled by Babel, and the ``.mo`` shipped beside it.

A run reads the shipped ``.mo`` (a few milliseconds) while the SHA-256 recorded beside it
in ``<name>.mo.sha256`` is that of the ``.po`` next to it; an edited ``.po`` is compiled
in memory instead (Babel reading and compiling the deliverables catalogue costs about
60 ms), so a stale ``.mo`` is never shown. ``python -m tests.i18n_messages`` compiles
them (:func:`write_compiled`) and a test fails on a ``.mo`` not compiled from its ``.po``.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

# gettext and hashlib are imported where used: every command imports this module
# (through generator.i18n), most never read a catalogue
if TYPE_CHECKING:
    import gettext


def compiled_bytes(po: Path, lang: str, domain: str) -> bytes:
    """The ``.mo`` Babel compiles from the ``.po`` at ``po`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalogue(po: Path, lang: str, domain: str) -> gettext.GNUTranslations:
    """A ``.po`` file as a gettext catalogue, compiled in memory (no ``.mo`` on disk).

    Fuzzy and untranslated entries are left out (shown in English). Plural
    forms follow the file's ``Plural-Forms`` header.
    """
    import gettext

    return gettext.GNUTranslations(BytesIO(compiled_bytes(po, lang, domain)))


def catalogue_from(catalog: object) -> gettext.GNUTranslations:
    """A Babel ``Catalog`` as a :class:`gettext.GNUTranslations` (for tests and previews too)."""
    import gettext

    from babel.messages.mofile import write_mo

    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # type: ignore[arg-type]
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _digest_file(mo: Path) -> Path:
    return mo.with_suffix(".mo.sha256")


def write_compiled(po: Path, lang: str, domain: str) -> Path:
    """Compile ``po`` to the ``.mo`` beside it and record ``po``'s SHA-256 in
    ``<name>.mo.sha256``; return the ``.mo``."""
    import hashlib

    mo = po.with_suffix(".mo")
    mo.write_bytes(compiled_bytes(po, lang, domain))
    digest = hashlib.sha256(po.read_bytes()).hexdigest()
    _digest_file(mo).write_text(digest + "\n", encoding="utf-8")
    return mo


def shipped(po: Path) -> gettext.GNUTranslations | None:
    """The ``.mo`` beside ``po`` when it was compiled from this very ``.po`` (its recorded
    SHA-256), else None: an edited ``.po`` is compiled at run time."""
    import gettext
    import hashlib

    mo = po.with_suffix(".mo")
    try:
        recorded = _digest_file(mo).read_text(encoding="utf-8").strip()
        if recorded != hashlib.sha256(po.read_bytes()).hexdigest():
            return None
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        return None

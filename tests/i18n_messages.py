"""The ``_()`` / ``ngettext()`` messages of ``generator/`` and the zh catalogue's upkeep.

``extract()`` reads every module with :mod:`ast` (no import, no execution) and
returns each message with where it is used; a call whose argument is not a
plain string literal (an f-string, a variable) is reported as a problem,
because no catalogue can hold it.

Run ``python -m tests.i18n_messages`` after adding messages: it adds the new
ones to ``generator/locale/zh/LC_MESSAGES/implkit.po`` with an empty
translation (to fill in), keeps every existing translation, marks the ones no
longer used as obsolete, and writes the file sorted by message (stable diffs).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
Key = str | tuple[str, str]


@dataclass
class Extracted:
    """Messages by id (plural ids are ``(singular, plural)``) and the calls that are not literals."""

    messages: dict[Key, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract(package: Path = PACKAGE) -> Extracted:
    """Every ``_("...")`` and ``ngettext("...", "...", n)`` under ``package``."""
    out = Extracted()
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=where)
        except SyntaxError as err:
            out.problems.append(f"{where}:{err.lineno}: not Python ({err.msg})")
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name = node.func.id
            if name in ("_", "N_") and len(node.args) == 1:
                text = _literal(node.args[0])
                if text is None:
                    out.problems.append(f"{where}:{node.lineno}: _() of a non-literal")
                    continue
                out.messages.setdefault(text, []).append(f"{where}:{node.lineno}")
            elif name == "ngettext" and len(node.args) == 3:
                one, many = _literal(node.args[0]), _literal(node.args[1])
                if one is None or many is None:
                    out.problems.append(f"{where}:{node.lineno}: ngettext() of a non-literal")
                    continue
                out.messages.setdefault((one, many), []).append(f"{where}:{node.lineno}")
    return out


def update_catalogue(lang: str = "zh") -> tuple[int, int]:
    """Add new messages to the ``lang`` catalogue (empty translations); returns (added, dropped).

    Existing translations and the header are kept (Babel's ``Catalog.update``
    without fuzzy matching); messages no longer used are dropped.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from generator.i18n import DOMAIN, catalogue_path

    path = catalogue_path(lang)
    catalog: Catalog
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="implkit", fuzzy=False)
    template = Catalog(domain=DOMAIN)
    for key in extract().messages:
        template.add(key)
    before = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    after = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}
    # a stable header: the file changes only where a message does
    from datetime import datetime, timezone

    fixed = datetime(2026, 1, 1, tzinfo=timezone.utc)
    catalog.project, catalog.version = "implkit", ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "implkit maintainers"
    catalog.language_team = "Chinese (zh)"
    catalog.creation_date = catalog.revision_date = fixed
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True, no_location=True, ignore_obsolete=True)
    return len(after - before), len(before - after)


if __name__ == "__main__":
    result = update_catalogue()
    print(f"added {result[0]} messages to translate; dropped {result[1]} no longer used")

"""The translatable messages of ``generator/`` and the zh catalogues' upkeep.

Two gettext domains (see :mod:`generator.i18n`):

- ``implkit``: the command line. ``_("...")``, ``N_("...")`` and
  ``ngettext("...", "...", n)``; the argument must be a plain string literal.
- ``deliverables``: the text of the workbooks, documents and exports.
  ``D_("...")`` and ``DC_("context", "...")`` mark texts in tables; a
  translator called ``tr`` (a name or an attribute: ``tr``, ``self.tr``), or
  ``translator(lang)`` itself, translates literals in place: ``tr("...")``,
  ``tr.p("context", "...")``, ``tr.n("...", "...", n)``. ``tr(value)`` of a
  non-literal translates a marked table value and is not a message itself.


``extract()`` reads every module with :mod:`ast` (no import, no execution) and
returns each message with where it is used; a call that cannot be in a
catalogue (an f-string or a variable where a literal is required) is
reported as a problem.

Run ``python -m tests.i18n_messages`` after adding messages: it adds the new
ones to ``generator/locale/zh/LC_MESSAGES/<domain>.po`` for both domains with
an empty translation (to fill in), keeps every existing translation, drops
the ones no longer used, and writes the files sorted by message (stable
diffs).
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
CONTEXT = "\x04"
Key = str | tuple[str, str]
"""A message id: the text, ``"context\\x04text"`` with a context, ``(singular, plural)``."""

DOMAINS = ("implkit", "deliverables")


@dataclass
class Extracted:
    """Messages by id and the calls that are not literals."""

    messages: dict[Key, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_translator(node: ast.expr) -> bool:
    """``tr``, ``<anything>.tr`` or ``translator(...)``: the deliverable translator."""
    return (
        (isinstance(node, ast.Name) and node.id == "tr")
        or (isinstance(node, ast.Attribute) and node.attr == "tr")
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "translator"
        )
    )


def _cli_message(node: ast.Call, where: str, out: Extracted) -> None:
    if not isinstance(node.func, ast.Name):
        return
    name = node.func.id
    if name in ("_", "N_") and len(node.args) == 1:
        text = _literal(node.args[0])
        if text is None:
            out.problems.append(f"{where}: {name}() of a non-literal")
            return
        out.messages.setdefault(text, []).append(where)
    elif name == "ngettext" and len(node.args) == 3:
        one, many = _literal(node.args[0]), _literal(node.args[1])
        if one is None or many is None:
            out.problems.append(f"{where}: ngettext() of a non-literal")
            return
        out.messages.setdefault((one, many), []).append(where)


def _deliverable_message(node: ast.Call, where: str, out: Extracted) -> None:
    func, args = node.func, node.args
    key: Key | None = None
    if isinstance(func, ast.Name) and func.id == "D_" and len(args) == 1:
        text = _literal(args[0])
        if text is None:
            out.problems.append(f"{where}: D_() of a non-literal")
            return
        key = text
    elif isinstance(func, ast.Name) and func.id == "DC_" and len(args) == 2:
        context, text = _literal(args[0]), _literal(args[1])
        if context is None or text is None:
            out.problems.append(f"{where}: DC_() of a non-literal")
            return
        key = f"{context}{CONTEXT}{text}"
    elif _is_translator(func) and len(args) == 1:
        key = _literal(args[0])  # tr(variable) translates a marked table value
    elif isinstance(func, ast.Attribute) and _is_translator(func.value):
        if func.attr == "p" and len(args) == 2:
            context, text = _literal(args[0]), _literal(args[1])
            if context is None or text is None:
                out.problems.append(f"{where}: tr.p() of a non-literal")
                return
            key = f"{context}{CONTEXT}{text}"
        elif func.attr == "n" and len(args) == 3:
            one, many = _literal(args[0]), _literal(args[1])
            if one is None or many is None:
                out.problems.append(f"{where}: tr.n() of a non-literal")
                return
            key = (one, many)
    if key is not None:
        out.messages.setdefault(key, []).append(where)


@functools.lru_cache(maxsize=4096)
def _calls(rel: str, source: str) -> tuple[ast.Call, ...]:
    """Every call in a module's source, parsed once per content in a process: the tests
    extract both domains several times (~1.4 CPU-s a parse of the package). The visitors
    only read the nodes."""
    return tuple(
        node for node in ast.walk(ast.parse(source, filename=rel)) if isinstance(node, ast.Call)
    )


def extract(package: Path = PACKAGE, domain: str = "implkit") -> Extracted:
    """Every message of ``domain`` (``"implkit"`` or ``"deliverables"``) under ``package``."""
    visit = _cli_message if domain == "implkit" else _deliverable_message
    out = Extracted()
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        try:
            calls = _calls(rel, path.read_text(encoding="utf-8"))
        except SyntaxError as err:
            out.problems.append(f"{rel}:{err.lineno}: not Python ({err.msg})")
            continue
        for node in calls:
            visit(node, f"{rel}:{node.lineno}", out)
    if domain == "deliverables":
        _structural(out)
    return out


def _structural(out: Extracted) -> None:
    """The punctuation the :class:`generator.i18n.Translator` properties look up."""
    for context, text in (
        ("punctuation", ": "),
        ("list separator", ", "),
        ("parenthesis", " ({text})"),
    ):
        out.messages.setdefault(f"{context}{CONTEXT}{text}", []).append("generator/i18n.py")


def split_key(key: Key) -> tuple[str | tuple[str, str], str | None]:
    """(msgid, msgctxt) of an extracted key."""
    if isinstance(key, str) and CONTEXT in key:
        context, _sep, text = key.partition(CONTEXT)
        return text, context
    return key, None


def update_catalogue(lang: str = "zh", domain: str = "implkit") -> tuple[int, int]:
    """Add new messages to the ``lang`` catalogue of ``domain``; returns (added, dropped).

    Existing translations and the header are kept (Babel's ``Catalog.update``
    without fuzzy matching); messages no longer used are dropped.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from generator.i18n import catalogue_file

    path = catalogue_file(lang, domain)
    catalog: Catalog
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain)
    else:
        catalog = Catalog(locale=lang, domain=domain, project="implkit", fuzzy=False)
    template = Catalog(domain=domain)
    for key in extract(domain=domain).messages:
        msgid, context = split_key(key)
        template.add(msgid, context=context)

    def ids(source: Catalog) -> set[tuple[object, str | None]]:
        return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in source if m.id}

    before = ids(catalog)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    after = ids(catalog)
    # every message uses {placeholders}; Babel guesses python-format from a bare '%'
    # ("% complete"), and msgfmt --check and translation tools then reject the entry
    for message in catalog:
        message.flags.discard("python-format")
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
    from generator.i18n import DELIVERABLES, write_compiled

    for name in DOMAINS:
        added, dropped = update_catalogue(domain=name)
        print(f"{name}: added {added} messages to translate; dropped {dropped} no longer used")
    # deliverable text is read from the shipped .mo; the command line's .po is read as it is
    print(f"compiled {write_compiled('zh', DELIVERABLES)} (run again after translating)")

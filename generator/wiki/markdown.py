"""Markdown for wiki importers: escaped text, tables, relative links and YAML front matter.

Pack texts are data written by people: every text that lands in a page is escaped so it
renders as the words typed (``*``, ``_``, ``|``, ``[`` stay characters; ``<`` and ``>``
never open an HTML tag in a wiki engine that allows raw HTML). Links are relative between
pages (``../tasks/base.kickoff.md``), so the tree reads the same in a Git host, a static
wiki engine (MkDocs, Wiki.js, Docusaurus) and after an upload with md2cf.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)(?:([-+=>#])|(\d+)([.)]))", flags=re.MULTILINE)


def text(value: str) -> str:
    """``value`` as Markdown that shows exactly these characters (one paragraph: line
    breaks become spaces)."""
    value = " ".join(str(value).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return _LINE_START.sub(_line_start, value)


def _line_start(match: re.Match[str]) -> str:
    """A line start that would open a block (list, heading, quote) made plain text: a
    backslash before the punctuation; a digit cannot be escaped in CommonMark, so an
    ordered-list number keeps its digits and escapes the ``.`` or ``)`` after them."""
    indent, mark, number, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"


def link(label: str, source: str, target: str) -> str:
    """A Markdown link from the page at ``source`` to the page at ``target`` (both POSIX
    paths relative to the tree's root), with ``label`` escaped."""
    return f"[{text(label)}]({relative(source, target)})"


def relative(source: str, target: str) -> str:
    """``target`` as a path relative to the folder of ``source``, percent-encoded where a
    link destination needs it (spaces, non-ASCII names)."""
    from urllib.parse import quote

    folder = posixpath.dirname(source) or "."
    return quote(posixpath.relpath(target, folder), safe="/._-~")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table; cells are Markdown already (escape texts with :func:`text`)."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def bullets(items: Iterable[str]) -> list[str]:
    """A bullet list of Markdown items (empty list: no lines)."""
    return [f"- {item}" for item in items]


def front_matter(fields: Mapping[str, Any]) -> str:
    """YAML front matter (``---`` ... ``---``) in the given key order, Unicode kept."""
    import yaml

    dumped = yaml.safe_dump(
        dict(fields), allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000
    )
    return f"---\n{dumped}---\n"


def fenced(content: str, language: str = "") -> list[str]:
    """``content`` shown as it is in a fenced code block (a fence longer than any run of
    backticks inside it)."""
    longest = max((len(m.group(0)) for m in re.finditer(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", *content.rstrip("\n").split("\n"), fence]

"""A pseudo-locale for deliverable text, and the visible strings of every kind of output file.

:func:`pseudo_catalogue` turns every msgid of the ``deliverables`` domain into an
``en-XA``-style text: every ASCII letter swapped for an accented look-alike, the
whole bracketed ``⟦...⟧`` (Excel forbids ``[]`` in sheet names), placeholders
such as ``{name}`` and ``{n:,}`` kept. Rendered with it (through
:func:`generator.i18n.catalogue_override`), a deliverable shows plain ASCII
letters only where the text did not come from the catalogue: hard-coded
English, or data (ids, pack text, answers, numbers, dates), which
:class:`Allowed` removes first. Any CJK character in such an English-shell
render is hard-coded Chinese.

:func:`visible_strings` reads what a person sees in a file: workbook sheet
names, cell values (formula results as stored), dropdown lists and their
prompts, comments, headers and footers; the paragraphs, tables, headers,
footers and properties of a Word document; the text and titles of an HTML
page; CSV cells below the header row (the header names the target tool's
fields); calendar summaries, descriptions and categories; MS Project names,
notes and groups.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

_LOWER = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž"
_UPPER = "ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_ACCENTS = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", _LOWER + _UPPER)
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
OPEN, CLOSE = "⟦", "⟧"


def pseudo(text: str) -> str:
    """``text`` accented and bracketed, ``{placeholders}`` kept: ``"Plan {n}"`` -> ``"⟦Þļåñ {n}⟧"``."""
    parts = _PLACEHOLDER.split(text)
    return (
        OPEN
        + "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
        + CLOSE
    )


def pseudo_catalogue(domain: str = "deliverables") -> Any:
    """Every msgid of ``domain`` (with its context, plural pairs too) pseudo-translated, compiled.

    The command line's domain (``implkit``) too: a deliverable may quote a message
    of it (why a kit could not be read, in the portfolio).
    """
    from babel.messages.catalog import Catalog

    from generator.i18n import catalogue_from
    from tests.i18n_messages import extract, split_key

    catalog = Catalog(locale="en", domain=domain)
    for key in extract(domain=domain).messages:
        msgid, context = split_key(key)
        if isinstance(msgid, tuple):
            catalog.add(msgid, (pseudo(msgid[0]), pseudo(msgid[1])), context=context)
        else:
            catalog.add(msgid, pseudo(msgid), context=context)
    return catalogue_from(catalog)


# --- what may stay in ASCII letters -------------------------------------------------

_ID = re.compile(r"(?<![\w])[A-Za-z0-9_]+(?:[-._:/@#]+[A-Za-z0-9_]+)+(?![\w])")
_PATH = re.compile(
    r"(?:[A-Za-z]:)?(?:[/\\][\w.@-]+){2,}"
)  # a file's path (a kit that was not read)
_TOKENS = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]*>")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Allowed:
    """Data that may show in ASCII letters: pack texts, answers, ids, codes.

    First id-like tokens go (``base.go-live``, ``ik:_project``, ``CR-001``, file
    names); then ``texts`` where they occur as whole words (longest first; a
    text shortened with "…" counts as its beginning); a string that is exactly
    one of ``texts`` goes whatever its length; then ``words`` one by one
    (currency codes, the target tool's own vocabulary).
    """

    def __init__(self, texts: Iterable[str], words: Iterable[str] = ()) -> None:
        every = {t.strip() for t in texts if isinstance(t, str) and t.strip()}
        self.exact = every
        self.texts = sorted((t for t in every if len(t) >= 3), key=len, reverse=True)
        self.words = set(words)
        alternatives = "|".join(re.escape(t) for t in self.texts)
        # whole words only, and not the tail of an id ("prepare" in "ik:prepare") nor its head
        # ("base" in "base.go-live", "go" in "go-live"); a text followed by punctuation that a
        # catalogue sentence puts after it ("{gate}: signed by", "{client}.") is still the text
        self._pattern = (
            re.compile(rf"(?<![\w:@/#-])(?<!\w\.)(?:{alternatives})(?![\w@/#]|[:.-]\w)")
            if self.texts
            else None
        )

    def residue(self, text: str, words: Iterable[str] = ()) -> list[str]:
        """The ASCII words of ``text`` that are neither catalogue text nor allowed data."""
        if text.strip() in self.exact:
            return []
        text = _PATH.sub(" ", text)
        if self._pattern is not None:
            text = self._pattern.sub(" ", self._shortened(text))
        text = _ID.sub(" ", text)
        allowed = self.words | set(words)
        return [w for w in _TOKENS.findall(text) if w not in allowed]

    def begins(self, text: str) -> bool:
        """True when ``text`` is an allowed text cut after a whole word (an Excel sheet name
        holds 31 characters: a migration object's name loses its bracketed part, then words)."""
        text = text.strip()
        if len(text) < 8:
            return text in self.exact
        return any(
            t.startswith(text) and (len(t) == len(text) or not t[len(text)].isalnum())
            for t in self.texts
        )

    def _shortened(self, text: str) -> str:
        """Drop a text cut with "…" when it is the beginning of an allowed text."""
        if "…" not in text:
            return text
        head, _sep, tail = text.rpartition("…")
        for start in range(len(head)):
            if not head[start].isalnum() or (start and head[start - 1].isalnum()):
                continue
            piece = head[start:]
            if len(piece) >= 8 and any(t.startswith(piece) for t in self.texts):
                return head[:start] + " " + tail
        return text


def pack_texts(*pack_dirs: Path) -> set[str]:
    """Every string in the YAML files of the pack folders (or files): texts in both languages, ids."""
    from tests import yaml_read

    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.add(node)
            found.update(line.strip() for line in node.splitlines() if line.strip())
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for folder in pack_dirs:
        for path in sorted(folder.rglob("*.y*ml")) if folder.is_dir() else [folder]:
            for doc in yaml_read.safe_load_all(path.read_text(encoding="utf-8")):
                walk(doc)
    return found


# --- visible strings per file kind ---------------------------------------------------


def visible_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a person sees in ``path`` (by its suffix)."""
    readers = {
        ".xlsx": _xlsx,
        ".docx": _docx,
        ".html": _html,
        ".csv": _csv,
        ".ics": _ics,
        ".xml": _mspdi,
        ".md": _markdown,
        ".txt": _lines,
    }
    reader = readers.get(path.suffix.lower())
    if reader is not None:
        yield from reader(path)


def _xlsx(path: Path) -> Iterator[tuple[str, str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state == "veryHidden":
                continue
            yield f"{sheet.title} (sheet name)", sheet.title
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        yield f"{sheet.title}!{cell.coordinate}", cell.value
                    if cell.comment is not None:
                        yield f"{sheet.title}!{cell.coordinate} (comment)", cell.comment.text
            for rule in sheet.data_validations.dataValidation:
                where = f"{sheet.title}!{rule.sqref} (dropdown)"
                for text in (rule.promptTitle, rule.prompt, rule.errorTitle, rule.error):
                    if text:
                        yield where, text
                formula = rule.formula1 or ""
                if rule.type == "list" and formula.startswith('"'):
                    yield where, formula.strip('"')
            for part in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
                for side in (part.left, part.center, part.right):
                    if side.text:
                        yield f"{sheet.title} (header/footer)", _page_codes(side.text)
        props = book.properties
        for name in ("title", "subject", "description", "keywords", "category"):
            value = getattr(props, name, None)
            if value:
                yield f"properties.{name}", str(value)
    finally:
        book.close()


def _page_codes(text: str) -> str:
    """Header/footer text without Excel's &-codes (&P, &N, &D, &"font,style", &10...)."""
    return re.sub(r'&(?:"[^"]*"|\d+|[A-Za-z]|&)', " ", text)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            part = name.rsplit("/", 1)[-1]
            if not name.startswith("word/") or not re.match(
                r"(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$", part
            ):
                continue
            root = ElementTree.fromstring(package.read(name))
            for number, paragraph in enumerate(root.iter(f"{_W}p"), start=1):
                text = "".join(
                    (node.text or "")
                    if node.tag in (f"{_W}t", f"{_W}delText")
                    else "\t"
                    if node.tag == f"{_W}tab"
                    else "\n"
                    for node in paragraph.iter()
                    if node.tag in (f"{_W}t", f"{_W}delText", f"{_W}tab", f"{_W}br")
                )
                if text.strip():
                    yield f"{part} paragraph {number}", text
        if "docProps/core.xml" in package.namelist():
            core = ElementTree.fromstring(package.read("docProps/core.xml"))
            for node in core:
                local = node.tag.rsplit("}", 1)[-1]
                if (
                    local in ("title", "subject", "description", "keywords", "category")
                    and node.text
                ):
                    yield f"properties.{local}", node.text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "placeholder", "aria-label") and value:
                self.found.append((f"<{tag} {name}>", value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.found.append(("text", data))


def _html(path: Path) -> Iterator[tuple[str, str]]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    yield from parser.found


def _csv(path: Path) -> Iterator[tuple[str, str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for number, row in enumerate(rows[1:], start=2):
        for column, value in enumerate(row):
            if value.startswith("<"):  # a rich-text field (Azure Boards' Description): as shown
                value = html.unescape(_TAG.sub(" ", value))
            if value.strip():
                yield (
                    f"row {number} column {rows[0][column] if column < len(rows[0]) else column}",
                    value,
                )


_ICS_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "COMMENT", "X-WR-CALNAME")


def _ics(path: Path) -> Iterator[tuple[str, str]]:
    """The texts of the events (a VTIMEZONE's comment is the library's, not shown)."""
    text = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")
    in_event = False
    for line in text.splitlines():
        if line in ("BEGIN:VEVENT", "END:VEVENT"):
            in_event = line == "BEGIN:VEVENT"
        name, _sep, value = line.partition(":")
        if in_event and name.split(";", 1)[0] in _ICS_TEXT and value:
            yield name, value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")


_MSPDI_TEXT = {
    "Name",
    "Notes",
    "Group",
    "Title",
    "Subject",
    "Company",
    "Manager",
    "Category",
    "Alias",
}


def _mspdi(path: Path) -> Iterator[tuple[str, str]]:
    root = ElementTree.fromstring(path.read_bytes())
    for node in root.iter():
        local = node.tag.rsplit("}", 1)[-1]
        if local in _MSPDI_TEXT and node.text and node.text.strip():
            yield local, node.text


def _markdown(path: Path) -> Iterator[tuple[str, str]]:
    """The text of a Markdown page as a reader sees it: no code, link targets or escapes.

    A wiki page's front matter is read for its title only (the other keys are the wiki
    engine's metadata: id, kind, tags, lang); a fenced block shows a pack file as it is
    (a template's own text), which is the pack's, not the catalogue's.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    fence = ""
    front = bool(lines) and lines[0] == "---"
    for number, line in enumerate(lines, start=1):
        if front:
            if number > 1 and line == "---":
                front = False
            elif line.startswith("title: "):
                yield f"line {number} (title)", line.removeprefix("title: ").strip("'\"")
            continue
        marker = re.match(r"\s*(`{3,}|~{3,})", line)
        if fence:
            fence = "" if marker and marker.group(1).startswith(fence) else fence
            continue
        if marker:
            fence = marker.group(1)
            continue
        text = re.sub(r"`[^`]*`", " ", line)  # code: commands and file names
        text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's target
        text = html.unescape(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])", r"\1", text))
        if text.strip():
            yield f"line {number}", text


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            yield f"line {number}", line


def leaks(path: Path, allowed: Allowed, words: Iterable[str] = ()) -> list[str]:
    """Every visible string of ``path`` holding text that did not come from the catalogue.

    ``words``: more words this file may show (a tracker's own vocabulary).
    """
    if path.is_dir():  # a page tree (the pack wiki): every page
        return [x for page in sorted(path.rglob("*.md")) for x in leaks(page, allowed, words)]
    found = []
    for where, text in visible_strings(path):
        if where.endswith("(sheet name)") and allowed.begins(text):
            continue
        words_left = allowed.residue(text, words)
        chinese = _CJK.findall(text)
        if words_left or chinese:
            shown = " ".join(words_left + chinese)[:80]
            found.append(f"{path.name} {where}: {text[:120]!r} -> {shown}")
    return found

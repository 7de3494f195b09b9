"""Every text a client reads in a generated kit, and the English words left in it.

``kit_texts(folder)`` yields ``(where, text)`` for every client-facing paragraph,
table cell, header and footer of the Word documents (python-docx), every cell,
sheet title and print header of the visible sheets of the workbooks (openpyxl,
as generated: formulas are not text), and every line of the Markdown files.

``english_words(text, allowed)`` returns the English words of a text that a
client would notice: words of three letters or more that are not

* codes and standard names in capitals (ERP, MES, FHIR, HL7, UAT, KPI, BOM,
  table names such as ``ITEM_MASTER``);
* identifiers (``base.kickoff``, ``mfg.operator-basic#7/1``, ``T_CJ``, ``NAME1``);
* ids the Kit knows (phase, role, task ids... passed in ``allowed``);
* product and standard names in :data:`STANDARD_NAMES`;
* code spans in Markdown (`` `implkit build` ``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.kit_model import Kit

# product and standard names a Chinese document keeps in their own spelling
STANDARD_NAMES = frozenset(
    {
        "Excel",
        "Word",
        "Outlook",
        "Google",
        "Jira",
        "Azure",
        "Boards",
        "Project",
        "ProjectLibre",
        "BarTender",
        "OneRoster",
        "Common",
        "Cartridge",
        "Modbus",
        "Go",
        "No-Go",
        "Go-Live",
        "PowerPoint",
        "Teams",
        "WeChat",
        "DingTalk",
        "DataMatrix",
    }
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
_CODE_SPAN = re.compile(r"`[^`]*`")
_IDENTIFIER = re.compile(
    r"^(?:[a-z0-9][a-z0-9_-]*\.[a-z0-9._-]+(?:#\d+(?:/\d+)?)?"  # pack item ids
    r"|[A-Za-z0-9]*[_0-9][A-Za-z0-9_]*"  # table and field names (T_CJ, NAME1)
    r"|[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+"  # dotted names (OPC UA nodes L03.M02.GoodCount)
    r"|\S*/\S*|\S+\.(?:docx|xlsx|csv|xml|ics|md|yaml|pdf)"  # file paths and names
    r"|[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*-?\d*)$"  # codes (MFG-OP-101, CR-001, ERP-MES)
)


def kit_ids(kit: Kit) -> frozenset[str]:
    """Every id of the Kit's items (allowed where a sheet shows an id column)."""
    ids: set[str] = set()
    for items in (
        kit.roles,
        kit.phases,
        kit.tasks,
        kit.gates,
        kit.ceremonies,
        kit.risks,
        kit.stakeholders,
        kit.migration,
        kit.cutover,
        kit.audiences,
        kit.courses,
        kit.support,
    ):
        ids.update(item.id for item in items)
    ids.update(session.id for session in kit.sessions)
    ids.update(kit.pack.chain)  # the pack a lesson or an item came from
    return frozenset(ids)


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words of ``text`` a client would notice (see the module docstring)."""
    known = set(allowed)
    found = []
    for token in re.split(r"[\s,;=，；、（）()【】\[\]“”\"'：:|]+", _CODE_SPAN.sub(" ", text)):
        token = token.strip(".!?。")
        if not token or token in known or _IDENTIFIER.match(token):
            continue
        for word in _WORD.findall(token):
            if len(word) < 3 or word.isupper() or word in STANDARD_NAMES or word in known:
                continue
            if re.fullmatch(r"[A-Z][A-Z0-9]*s", word):  # plural of a code (KPIs)
                continue
            found.append(word)
    return found


def docx_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Paragraphs, table cells, headers, footers and core properties of a .docx."""
    import docx

    document = docx.Document(str(path))
    for number, paragraph in enumerate(document.paragraphs):
        yield f"{path.name} paragraph {number}", paragraph.text
    for t_number, table in enumerate(document.tables):
        for row in table.rows:
            for cell in row.cells:
                yield f"{path.name} table {t_number}", cell.text
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            for paragraph in part.paragraphs:
                yield f"{path.name} header/footer", paragraph.text
    core = document.core_properties
    for name in ("title", "subject", "keywords", "category", "comments"):
        yield f"{path.name} property {name}", getattr(core, name) or ""


def xlsx_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Sheet titles, print headers/footers and text cells of the visible sheets."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        yield f"{path.name} sheet title", sheet.title
        for part in (sheet.oddHeader, sheet.oddFooter):
            for side in (part.left, part.center, part.right):
                if side.text:
                    yield (
                        f"{path.name}:{sheet.title} header/footer",
                        re.sub(r"&[A-Z]", " ", side.text),
                    )
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and not value.startswith("="):
                    yield f"{path.name}:{sheet.title}!{cell.coordinate}", value


def kit_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """Every client-facing text of a generated kit folder."""
    for path in sorted(folder.rglob("*")):
        if ".implkit" in path.parts or not path.is_file():
            continue
        if path.suffix == ".docx":
            yield from docx_texts(path)
        elif path.suffix == ".xlsx" and ".implkit" not in path.name:
            yield from xlsx_texts(path)
        elif path.suffix == ".md" and path.parent != folder:  # phase templates (forms)
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield f"{path.relative_to(folder).as_posix()}:{number}", line


def english_in_kit(
    folder: Path, kit: Kit, *, suffixes: tuple[str, ...] = (".docx", ".xlsx", ".md")
) -> dict[str, list[str]]:
    """``{word: [where...]}`` for every English word left in the kit's client texts.

    Ids are allowed in the workbooks only (their ID columns); a document or a form
    shows names, never a phase or role id.
    """
    ids = kit_ids(kit)
    found: dict[str, list[str]] = {}
    for where, text in kit_texts(folder):
        name = where.split(" ")[0].split(":")[0]
        if not name.endswith(suffixes):
            continue
        allowed = ids if name.endswith(".xlsx") else frozenset()
        for word in english_words(text, allowed):
            found.setdefault(word, []).append(f"{where}: {text[:80]!r}")
    return found

"""Document properties of the Word documents: ours, never a template's leftovers.

``docProps/core.xml``: title, subject, category and language from the document, the
author and company from the project, every date the project start at 09:00 (same
inputs, same bytes), no tool or pack in the comments or keywords (a client's file).
``docProps/app.xml`` is written from our content: words as Word counts them (a Latin
word or one Chinese character each), characters, paragraphs, the client as company;
no application name, page or line count (python-docx's template says "Microsoft
Macintosh Word", 1 page, 0 words).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.i18n import locale_data
from generator.kit_model import Kit

_NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'.,:/_-]*")


def write_properties(
    doc: DocumentObject, kit: Kit, *, title: str, subject: str, category: str
) -> None:
    """Set the core properties and replace ``docProps/app.xml`` (see the module doc)."""
    start = kit.project.start
    stamp = datetime(start.year, start.month, start.day, 9, 0, 0)
    author = kit.project.author or kit.project.client
    core = doc.core_properties
    core.title = title
    core.subject = subject
    core.author = author
    core.last_modified_by = author
    core.category = category
    core.keywords = ", ".join(kit.project.systems)  # ids like the industry stay out
    core.comments = ""  # the client's document: no tool or pack internals
    core.language = locale_data(kit.lang).tag
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    core.created = stamp
    core.modified = stamp
    core.last_printed = stamp
    core.revision = 1
    _app_properties(doc, company=kit.project.client)


def _app_properties(doc: DocumentObject, company: str) -> None:
    """Replace ``docProps/app.xml`` with one written from the document's text."""
    package = doc.part.package
    old = next(
        (rel for rel in package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES),
        None,
    )
    words, characters, with_spaces, paragraphs = text_counts(doc)
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{_NS_EP}}}Properties", nsmap={None: _NS_EP, "vt": vt})
    for name, value in (
        ("TotalTime", "0"),
        ("Words", str(words)),
        ("Characters", str(characters)),
        ("DocSecurity", "0"),
        ("Paragraphs", str(paragraphs)),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("CharactersWithSpaces", str(with_spaces)),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{_NS_EP}}}{name}").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(
        PackURI("/docProps/app.xml"),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        blob,
        package,
    )
    if old is not None:
        package.rels.pop(old.rId)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def text_counts(doc: DocumentObject) -> tuple[int, int, int, int]:
    """(words, characters without spaces, characters with spaces, non-empty paragraphs)."""
    words = characters = with_spaces = paragraphs = 0
    body: Any = doc.element.body
    for paragraph in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if not text.strip():
            continue
        paragraphs += 1
        words += len(_CJK_CHAR.findall(text)) + len(_LATIN_TOKEN.findall(text))
        characters += len("".join(text.split()))  # str.split() splits where isspace()
        with_spaces += len(text)
    return words, characters, with_spaces, paragraphs

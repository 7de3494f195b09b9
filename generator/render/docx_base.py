"""The set-up of an implkit Word document: a customer template or implkit's own look,
explicit fonts (East Asian ones resolved from the theme), the document language, A4
pages, header and footer, settings.xml; and the primitives every writer uses (runs,
fields, blocks, style ids). :class:`~generator.render.docx_common.DocWriter` adds the
content on top."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.errors import InputError, Problem
from generator.i18n import D_, TextTable, translator
from generator.kit_model import Kit
from generator.render.docx_fonts import _EAST_ASIA, _VAL, DocFonts

#: Styles a customer template must define (python-docx's default has them all).
REQUIRED_STYLES: tuple[str, ...] = ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")

A4_WIDTH = Cm(21.0)
A4_HEIGHT = Cm(29.7)

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x59, 0x59, 0x59)

LABELS = TextTable(
    {
        "toc": D_("Contents"),
        "toc_placeholder": D_("Right-click and choose Update Field to fill the table of contents."),
        "yes": D_("Yes"),
        "no": D_("No"),
        "none": D_("None"),
    }
)

# CT_Settings children that come after w:updateFields in the schema sequence.
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}

_SECT_PR = qn("w:sectPr")
_STYLE, _NAME = qn("w:style"), qn("w:name")

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=1)
def _blank_document() -> DocumentObject:
    """python-docx's default template with implkit's look and fonts, made once per process.

    What :class:`DocBase` did first for every document without a customer template (open
    the template, drop its thumbnail, :meth:`DocBase._own_look`, :meth:`DocFonts._fix_fonts`,
    make the empty header and footer parts) depends on nothing of the kit: it is done once
    here and never written into again; :meth:`DocBase._open` hands each document a deep
    copy (about half the CPU of a document's set-up). Only the package and its parts' root
    elements are referenced in it, so a copy is one whole document."""
    maker = DocBase.__new__(DocBase)  # only what these steps use
    maker.doc = Document()
    maker.template = None
    maker._by_name = None
    maker._ea_cache = {}
    DocBase._drop_thumbnail(maker.doc)
    maker._own_look()
    maker._fix_fonts()
    # the empty header and footer parts python-docx makes (from its own template files)
    # when DocBase._header_footer first asks for them: made here, in the same order
    section = maker.doc.sections[0]
    _ = section.header.paragraphs, section.footer.paragraphs
    return maker.doc


class DocBase(DocFonts):
    """A python-docx document set up with implkit's look (or a customer template's): page,
    header and footer, styles, settings; and the primitives content is written with (runs,
    fields, blocks)."""

    def __init__(
        self,
        kit: Kit,
        *,
        title: str,
        subject: str,
        category: str,
        template: Path | None = None,
    ) -> None:
        self.kit = kit
        self.lang = kit.lang
        self.tr = translator(kit.lang)
        self.labels = LABELS.using(self.tr)
        self.title = title
        self.subject = subject
        self.category = category
        self.template = template
        self.doc: DocumentObject = self._open(template)
        self._ea_cache: dict[str, str] = {}
        # looked up once per document: python-docx resolves a style name (and whether it is
        # its type's default) with an XPath over styles.xml on every use
        self._style_ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self._names: set[str] | None = None
        self._by_name: dict[str, Any] | None = None
        self._width: Emu | None = None
        self._toc: tuple[Paragraph, int, int] | None = None
        if template is not None:  # the default template comes with both (_blank_document)
            self._fix_fonts()
        self._set_language()
        self._page_setup()
        self._header_footer()
        self._settings()

    # --- set-up -----------------------------------------------------------------
    def _open(self, template: Path | None) -> DocumentObject:
        if template is None:
            return copy.deepcopy(_blank_document())
        from generator.readers import open_document

        path = Path(template)
        if not path.exists():
            raise InputError(Problem(str(path), 0, 0, "Word template not found"))
        doc = open_document(path)  # checked first: a zip bomb, XML entities, a named pipe
        names = {s.name for s in doc.styles}
        missing = [name for name in REQUIRED_STYLES if name not in names]
        if missing:
            raise InputError(
                Problem(
                    str(path),
                    0,
                    0,
                    "the Word template lacks the styles "
                    + ", ".join(repr(m) for m in missing)
                    + "; define them in the template (Word: Styles pane > Manage Styles) "
                    "or use a document based on Word's Normal template",
                )
            )
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self._drop_thumbnail(doc)
        return doc

    @staticmethod
    def _drop_thumbnail(doc: DocumentObject) -> None:
        rels = doc.part.package.rels
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del rels[rid]

    def _own_look(self) -> None:
        """Colours, sizes and spacing for python-docx's default template (never a customer's)."""
        styles = self.style
        normal = styles("Normal")
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        sizes = {"Title": 26, "Subtitle": 14, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5}
        for name, size in sizes.items():
            style = styles(name)
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT if name != "Subtitle" else MUTED
            style.font.italic = False
        styles("Heading 1").paragraph_format.space_before = Pt(18)
        styles("Heading 1").paragraph_format.space_after = Pt(6)
        styles("Heading 2").paragraph_format.space_before = Pt(12)
        styles("Heading 2").paragraph_format.space_after = Pt(4)
        styles("Heading 3").paragraph_format.space_before = Pt(10)
        styles("Heading 3").paragraph_format.space_after = Pt(3)
        styles("Title").paragraph_format.space_after = Pt(12)
        for name in ("Header", "Footer"):
            styles(name).font.size = Pt(8.5)
            styles(name).font.color.rgb = MUTED

    def _page_setup(self) -> None:
        for section in self.doc.sections:
            portrait = section.orientation != WD_ORIENT.LANDSCAPE
            section.page_width = A4_WIDTH if portrait else A4_HEIGHT
            section.page_height = A4_HEIGHT if portrait else A4_WIDTH
            if self.template is None:
                section.left_margin = section.right_margin = Cm(2.0)
                section.top_margin = Cm(2.2)
                section.bottom_margin = Cm(2.0)
                section.header_distance = section.footer_distance = Cm(1.0)

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header
        if not "".join(p.text for p in header.paragraphs).strip():
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if paragraph.text:
                paragraph = header.add_paragraph()
            if "Header" in self._style_names():
                paragraph.style = self.style("Header")
            self.run(paragraph, f"{self.kit.project.client} · {self.kit.project.name}")
            self.run(paragraph, f"  |  {self.title}")
        footer = section.footer
        footer_xml = footer._element.xml
        if "PAGE" not in footer_xml:
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            if paragraph.text:
                paragraph = footer.add_paragraph()
            if "Footer" in self._style_names():
                paragraph.style = self.style("Footer")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # "Page {page} of {pages}": the words around two Word fields
            line = self.tr("Page {page} of {pages}")
            for piece in re.split(r"(\{page\}|\{pages\})", line):
                if piece == "{page}":
                    self.field(paragraph, "PAGE", "1")
                elif piece == "{pages}":
                    self.field(paragraph, "NUMPAGES", "1")
                elif piece:
                    self.run(paragraph, piece)

    def _style_names(self) -> set[str]:
        """Names of the document's styles (cached; :meth:`styles_changed` after adding one)."""
        if self._names is None:
            names = set()
            for style in self.doc.styles.element.iterchildren(_STYLE):
                first = style.find(_NAME)  # python-docx's Style.name: the first w:name
                value = first.get(_VAL) if first is not None else None
                if value and BabelFish.internal2ui(value):
                    names.add(BabelFish.internal2ui(value))
            self._names = names
        return self._names

    def style(self, name: str) -> Any:
        """``doc.styles[name]`` (a python-docx style) without an XPath over styles.xml per
        look-up: the styles are mapped by name once (:meth:`styles_changed` after adding
        one). A name not there goes to python-docx (its look-up by style id, KeyError)."""
        if self._by_name is None:
            by_name: dict[str, Any] = {}
            for style in self.doc.styles.element.iterchildren(_STYLE):
                for name_element in style.iterchildren(_NAME):  # any of its w:name, as the
                    by_name.setdefault(name_element.get(_VAL), style)  # XPath matched
            self._by_name = by_name
        element = self._by_name.get(BabelFish.ui2internal(name))
        return StyleFactory(element) if element is not None else self.doc.styles[name]

    def styles_changed(self) -> None:
        """Forget the cached style names and ids (a style was added or removed)."""
        self._names = None
        self._by_name = None
        self._style_ids.clear()

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id of the style named ``name`` (None: the default style of its type, which
        python-docx leaves unnamed in the XML); raises KeyError for an unknown name."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids[key] = self.doc.part.get_style_id(self.style(name), kind)
        return self._style_ids[key]

    def add_block(self, element: Any) -> None:
        """Append a body element (paragraph, table) before the body's closing sectPr."""
        body = self.doc.element.body
        try:
            last = body[-1]  # (lxml's len() walks every child; the last one is at hand)
        except IndexError:
            last = None
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(element)
        else:
            body.append(element)

    def paragraph(self, style: str | None = None) -> Paragraph:
        """A new body paragraph, in the paragraph style named ``style`` (what
        ``Document.add_paragraph(style=...)`` makes, without its per-call style look-ups)."""
        p = OxmlElement("w:p")
        if style is not None:
            p_pr = OxmlElement("w:pPr")
            p.append(p_pr)
            style_id = self.style_id(style)
            if style_id is not None:
                p_pr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
        self.add_block(p)
        return Paragraph(p, self.doc._body)

    def _settings(self) -> None:
        settings = self.doc.settings.element
        existing = settings.find(qn("w:updateFields"))
        if existing is None:
            existing = etree.Element(qn("w:updateFields"))
            anchor = next(
                (
                    child
                    for child in settings
                    if isinstance(child.tag, str)
                    and child.tag.startswith(f"{{{settings.nsmap['w']}}}")
                    and etree.QName(child).localname in _AFTER_UPDATE_FIELDS
                ),
                None,
            )
            if anchor is None:
                settings.append(existing)
            else:
                anchor.addprevious(existing)
        existing.set(qn("w:val"), "true")

    # --- writing ------------------------------------------------------------------
    def text_width(self, section: Any = None) -> Emu:
        """Width between the margins of ``section`` (default: the last one), EMU."""
        if section is None:
            if self._width is None:
                self._width = self.text_width(self.doc.sections[-1])
            return self._width
        return Emu(int(section.page_width - section.left_margin - section.right_margin))

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool | None = None,
        italic: bool | None = None,
        size: float | None = None,
        color: RGBColor | None = None,
    ) -> Any:
        """Add a run with the East Asian font of the paragraph's style set on it.

        The same ``w:r`` python-docx's ``add_run`` and font setters make, built directly
        (no schema-ordered child search per property): ``rFonts, b, i, color, sz``."""
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        r.append(rpr)
        p = paragraph._p
        p_pr = p.pPr
        style_id = (p_pr.style if p_pr is not None else None) or "Normal"
        rpr.append(OxmlElement("w:rFonts", {_EAST_ASIA: self.east_asian_font(style_id)}))
        for tag, value in (("w:b", bold), ("w:i", italic)):
            if value is not None:
                rpr.append(OxmlElement(tag, None if value else {_VAL: "0"}))
        if color is not None:
            rpr.append(
                OxmlElement("w:color", {_VAL: f"{color[0]:02X}{color[1]:02X}{color[2]:02X}"})
            )
        if size is not None:
            rpr.append(OxmlElement("w:sz", {_VAL: str(int(Pt(size).pt * 2))}))
        if text:
            if "\t" in text or "\n" in text or "\r" in text:
                r.text = text  # python-docx's tab and line-break elements
            else:
                t = OxmlElement("w:t")
                t.text = text
                if len(text.strip()) < len(text):
                    t.set(_XML_SPACE, "preserve")
                r.append(t)
        p.append(r)
        return Run(r, paragraph)

    def field(self, paragraph: Paragraph, instruction: str, placeholder: str) -> None:
        """A complex field (PAGE, NUMPAGES...) with a placeholder result, in one paragraph."""
        self._field_start(paragraph, instruction)
        self.run(paragraph, placeholder)
        self._field_char(paragraph, "end")

    def _field_char(self, paragraph: Paragraph, kind: str) -> None:
        char = etree.SubElement(self.run(paragraph, "")._r, qn("w:fldChar"))
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")

    def _field_start(self, paragraph: Paragraph, instruction: str) -> None:
        self._field_char(paragraph, "begin")
        instr = etree.SubElement(self.run(paragraph, "")._r, qn("w:instrText"))
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instr.text = f" {instruction} "
        self._field_char(paragraph, "separate")

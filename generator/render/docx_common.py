"""The shared Word look of implkit's documents (curriculum, charter).

:class:`DocWriter` wraps a python-docx ``Document`` and takes care of what makes a
generated file look like a professional's work rather than a script's output:

* A4 pages (python-docx starts from US Letter), sensible margins, and landscape
  sections for wide tables.
* Real heading styles (``Heading 1``-``3``) so the navigation pane works, and a
  contents list whose page numbers are PAGEREF fields on heading bookmarks, so
  LibreOffice prints them as well as Word (:mod:`generator.render.docx_layout`);
  ``w:updateFields`` in settings.xml (placed in the order CT_Settings requires) makes
  Word refresh them on open.
* Header with client and project, footer "page X of Y" from PAGE/NUMPAGES fields.
* Tables with a repeating header row (``w:tblHeader``) and fixed column widths, never
  narrower than a column's longest word (:mod:`generator.render.docx_tables`).
* Chinese: explicit East Asian fonts (``w:eastAsia``) on the document defaults,
  on every style and on every run we write; theme font attributes
  (``asciiTheme``/``eastAsiaTheme``/``hAnsiTheme``/``cstheme``) are resolved
  through the theme part into explicit names and dropped, so the East Asian font
  is not overridden by the theme; document language ``zh-CN``.
* Document properties from the Kit, app.xml written from our content
  (:mod:`generator.render.docx_props`); zip entry dates fixed and files created with
  the user's umask, so same inputs give same bytes and teammates can open them.

A customer template (``template=corp.docx``) is opened instead of python-docx's
default: its body is cleared, its section properties (headers, footers, logo)
and styles are kept. Its page size is set to A4 (margins kept). It must define
the styles in :data:`REQUIRED_STYLES`, else :class:`~generator.errors.InputError`
names the missing ones and the file. Our colours and sizes are applied only to
python-docx's default template, never to a customer's.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.errors import InputError, Problem
from generator.i18n import D_, DC_, TextTable, translator
from generator.kit_model import Kit
from generator.render.docx_layout import tuck_section_end, write_contents
from generator.render.docx_props import write_properties
from generator.render.docx_tables import TablesMixin
from generator.render.zipfix import FixedDateZipFile

#: Styles a customer template must define (python-docx's default has them all).
REQUIRED_STYLES: tuple[str, ...] = ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")

A4_WIDTH = Cm(21.0)
A4_HEIGHT = Cm(29.7)

LATIN_BODY = "Calibri"
LATIN_HEADING = "Calibri Light"
EAST_ASIAN_BODY = "Microsoft YaHei"
EAST_ASIAN_HEADING = "Microsoft YaHei"

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
_HEADING_STYLE_IDS = {
    "Title",
    "TitleChar",
    "Subtitle",
    "SubtitleChar",
    "TOCHeading",
    *(f"Heading{i}" for i in range(1, 10)),
    *(f"Heading{i}Char" for i in range(1, 10)),
}
_HEADING_NAMES = {"title", "subtitle", "toc heading", *(f"heading {i}" for i in range(1, 10))}
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SECT_PR = qn("w:sectPr")
_EAST_ASIA, _VAL = qn("w:eastAsia"), qn("w:val")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


KIRKPATRICK = TextTable(
    {
        1: DC_("Kirkpatrick level", "Reaction"),
        2: DC_("Kirkpatrick level", "Learning"),
        3: DC_("Kirkpatrick level", "Behaviour"),
        4: DC_("Kirkpatrick level", "Results"),
    }
)


def kirkpatrick(level: int, lang: str) -> str:
    """Kirkpatrick evaluation level as text ("3 - Behaviour")."""
    return f"{level} - {KIRKPATRICK[lang].get(level, '')}".rstrip(" -")


def fmt_date(day: date | None) -> str:
    """ISO date (the format both languages read without ambiguity)."""
    return day.isoformat() if day else ""


def _new_file_mode() -> int:
    """The mode a new file gets from the user's umask (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class DocWriter(TablesMixin):
    """A python-docx document with implkit's look; write content, then :meth:`save`."""

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
        self._width: Emu | None = None
        self._toc: tuple[Paragraph, int, int] | None = None
        if template is None:
            self._own_look()
        self._fix_fonts()
        self._set_language()
        self._page_setup()
        self._header_footer()
        self._settings()

    # --- set-up -----------------------------------------------------------------
    def _open(self, template: Path | None) -> DocumentObject:
        if template is None:
            doc = Document()
            self._drop_thumbnail(doc)
            return doc
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
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        sizes = {"Title": 26, "Subtitle": 14, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5}
        for name, size in sizes.items():
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT if name != "Subtitle" else MUTED
            style.font.italic = False
        styles["Heading 1"].paragraph_format.space_before = Pt(18)
        styles["Heading 1"].paragraph_format.space_after = Pt(6)
        styles["Heading 2"].paragraph_format.space_before = Pt(12)
        styles["Heading 2"].paragraph_format.space_after = Pt(4)
        styles["Heading 3"].paragraph_format.space_before = Pt(10)
        styles["Heading 3"].paragraph_format.space_after = Pt(3)
        styles["Title"].paragraph_format.space_after = Pt(12)
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(8.5)
            styles[name].font.color.rgb = MUTED

    def _theme_fonts(self) -> dict[str, str]:
        """Theme font names by theme-attribute value (majorHAnsi, minorEastAsia...)."""
        fonts: dict[str, str] = {}
        try:
            theme = self.doc.part.part_related_by(RT.THEME)
        except KeyError:
            return fonts
        root = etree.fromstring(theme.blob)
        for kind in ("major", "minor"):
            font = root.find(f".//{{{_NS_A}}}{kind}Font")
            if font is None:
                continue
            for tag, key in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                element = font.find(f"{{{_NS_A}}}{tag}")
                if element is not None and element.get("typeface"):
                    fonts[f"{kind}{key}"] = element.get("typeface", "")
            latin = fonts.get(f"{kind}HAnsi", "")
            fonts.setdefault(f"{kind}Ascii", latin)
        return fonts

    def _fix_fonts(self) -> None:
        """Resolve theme fonts into explicit names; set East Asian fonts everywhere.

        Our own template gets our fonts; a customer template keeps its Latin fonts
        (resolved from its theme) and gains an East Asian font where it has none.
        """
        theme = self._theme_fonts()
        styles_el = self.doc.styles.element
        own = self.template is None
        for fonts in styles_el.iter(qn("w:rFonts")):  # table styles' conditional runs too
            for attr, explicit in (
                ("asciiTheme", "ascii"),
                ("hAnsiTheme", "hAnsi"),
                ("eastAsiaTheme", "eastAsia"),
                ("cstheme", "cs"),
            ):
                value = fonts.get(qn(f"w:{attr}"))
                if value is None:
                    continue
                del fonts.attrib[qn(f"w:{attr}")]
                resolved = theme.get(value, "")
                if resolved and fonts.get(qn(f"w:{explicit}")) is None:
                    fonts.set(qn(f"w:{explicit}"), resolved)
        defaults = styles_el.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
            styles_el.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.SubElement(rpr_default, qn("w:rPr"))
        targets: list[tuple[Any, bool]] = [(rpr, False)]
        for style in styles_el.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            name_el = style.find(qn("w:name"))
            name = (name_el.get(qn("w:val"), "") if name_el is not None else "").lower()
            # by id (Word's English ids) or by name (localised templates use ids like "1")
            heading = style_id in _HEADING_STYLE_IDS or name.removesuffix(" char") in _HEADING_NAMES
            style_rpr = style.find(qn("w:rPr"))
            if style_rpr is None:
                if not (own and heading):
                    continue
                style_rpr = etree.SubElement(style, qn("w:rPr"))
            targets.append((style_rpr, heading))
        for target_rpr, heading in targets:
            fonts = target_rpr.find(qn("w:rFonts"))
            is_default = target_rpr is rpr
            if fonts is None:
                if not (is_default or (own and heading)):
                    continue
                fonts = etree.Element(qn("w:rFonts"))
                target_rpr.insert(0, fonts)
            if own:
                latin = LATIN_HEADING if heading else LATIN_BODY
                for attr in ("ascii", "hAnsi", "cs"):
                    fonts.set(qn(f"w:{attr}"), latin)
                fonts.set(qn("w:eastAsia"), EAST_ASIAN_HEADING if heading else EAST_ASIAN_BODY)
            elif (is_default or heading) and not fonts.get(qn("w:eastAsia")):
                fonts.set(qn("w:eastAsia"), EAST_ASIAN_HEADING if heading else EAST_ASIAN_BODY)
            if not len(fonts.attrib) and not is_default:
                target_rpr.remove(fonts)
        self._ea_cache.clear()

    def east_asian_font(self, style_id: str) -> str:
        """The effective East Asian font of a paragraph style (walks basedOn, then defaults)."""
        if style_id in self._ea_cache:
            return self._ea_cache[style_id]
        styles_el = self.doc.styles.element
        by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
        seen: set[str] = set()
        current: str | None = style_id
        found = ""
        while current and current not in seen:
            seen.add(current)
            style = by_id.get(current)
            if style is None:
                break
            fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if fonts is not None and fonts.get(qn("w:eastAsia")):
                found = fonts.get(qn("w:eastAsia"), "")
                break
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        if not found:
            fonts = styles_el.find(
                f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
            )
            found = fonts.get(qn("w:eastAsia"), "") if fonts is not None else ""
        self._ea_cache[style_id] = found or EAST_ASIAN_BODY
        return self._ea_cache[style_id]

    def _set_language(self) -> None:
        rpr = self.doc.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
        )
        assert rpr is not None  # created by _fix_fonts
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = etree.SubElement(rpr, qn("w:lang"))
        lang.set(qn("w:val"), self.tr.locale.tag)
        lang.set(qn("w:eastAsia"), "zh-CN")
        lang.set(qn("w:bidi"), "ar-SA")
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:eastAsia"), "zh-CN")

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
                paragraph.style = self.doc.styles["Header"]
            self.run(paragraph, f"{self.kit.project.client} · {self.kit.project.name}")
            self.run(paragraph, f"  |  {self.title}")
        footer = section.footer
        footer_xml = footer._element.xml
        if "PAGE" not in footer_xml:
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            if paragraph.text:
                paragraph = footer.add_paragraph()
            if "Footer" in self._style_names():
                paragraph.style = self.doc.styles["Footer"]
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
            self._names = {s.name for s in self.doc.styles if s.name}
        return self._names

    def styles_changed(self) -> None:
        """Forget the cached style names and ids (a style was added or removed)."""
        self._names = None
        self._style_ids.clear()

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id of the style named ``name`` (None: the default style of its type, which
        python-docx leaves unnamed in the XML); raises KeyError for an unknown name."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids[key] = self.doc.part.get_style_id(self.doc.styles[name], kind)
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

    def heading(self, text: str, level: int) -> Paragraph:
        paragraph = self.paragraph(f"Heading {level}")
        self.run(paragraph, text)
        return paragraph

    def para(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        size: float | None = None,
        color: RGBColor | None = None,
        align: Any = None,
        space_after: float | None = None,
    ) -> Paragraph:
        paragraph = self.paragraph(style or None)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size, color=color)
        if align is not None:
            paragraph.alignment = align
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def labelled(self, label: str, text: str) -> Paragraph:
        """A paragraph "Label: text" with the label in bold."""
        paragraph = self.paragraph()
        self.run(paragraph, label + self.tr.colon, bold=True)

        self.run(paragraph, text)
        return paragraph

    def bullets(self, items: Sequence[str]) -> None:
        listed = "List Bullet" in self._style_names()
        for item in items:
            if listed:
                self.para(item, style="List Bullet")
            else:
                self.para(f"• {item}")

    def page_break(self) -> None:
        paragraph = self.paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def section(self, landscape: bool) -> None:
        """Start a new page in a portrait or landscape section (header/footer carried over)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._width = None
        tuck_section_end(self.doc.element.body)  # no blank page after a full-page table
        section.different_first_page_header_footer = False
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = A4_HEIGHT if landscape else A4_WIDTH
        section.page_height = A4_WIDTH if landscape else A4_HEIGHT

    def toc(self, levels: int = 2) -> None:
        """The "Contents" title and a TOC field over heading levels ``1..levels``.

        The field's result lists the headings (filled in at :meth:`save`), each with a
        page number that Word (``w:updateFields``), WPS and LibreOffice compute when
        they lay the document out; no number is stored, so a viewer that computes
        nothing shows none rather than a wrong one. The dotted tab stops at the right
        margin of the contents' own section (a later landscape section is wider).
        """
        if "TOC Heading" in self._style_names():
            title = self.para(self.labels["toc"], style="TOC Heading")
        else:
            title = self.para(self.labels["toc"], bold=True, size=16, color=ACCENT)
        title.paragraph_format.keep_with_next = True
        self._toc = (self.paragraph(), levels, int(self.text_width(self.doc.sections[-1])))

    def _fill_toc(self) -> None:
        """Write the contents entries (headings up to the TOC's level) with page numbers.

        See :func:`generator.render.docx_layout.write_contents`: PAGEREF fields on
        bookmarks, so LibreOffice prints the page numbers too, not only Word.
        """
        if self._toc is None:
            return
        anchor, levels, width = self._toc
        self._toc = None
        # heading style id -> level, looked up once (python-docx's paragraph.style scans
        # every style per call, which dominated the render time of long documents)
        wanted: dict[str, int] = {}
        for n in range(1, levels + 1):
            try:
                wanted[str(self.doc.styles[f"Heading {n}"].style_id)] = n
            except KeyError:
                continue
        headings: list[tuple[int, str, Paragraph]] = []
        for paragraph in self.doc.paragraphs:
            p_pr = paragraph._p.pPr
            level = wanted.get(p_pr.style if p_pr is not None and p_pr.style else "")
            if level and paragraph.text.strip():
                headings.append((level, paragraph.text.strip(), paragraph))
        if not headings:
            self.run(anchor, self.labels["toc_placeholder"])
            return
        write_contents(anchor, headings, width, self.run, levels=levels)

    def cover(self, kicker: str, facts: Sequence[tuple[str, str]]) -> None:
        """Cover page: title, subtitle, key facts; no header/footer on it (own template)."""
        if self.template is None:
            self.doc.sections[0].different_first_page_header_footer = True
        for _ in range(5):
            self.para("")
        # capitals set a Latin-script kicker apart; scripts without case are unchanged
        self.para(kicker.upper(), bold=True, color=MUTED, size=11)
        self.para(self.title, style="Title")
        self.para(f"{self.kit.project.client}", size=16, color=ACCENT, bold=True)
        self.para(self.kit.project.name, size=13, color=MUTED, space_after=24)
        self.kv_table(facts, (1, 2.2))
        self.page_break()

    # --- properties and saving -----------------------------------------------------
    def save(self, path: Path) -> None:
        """Save atomically (temp file + os.replace) with fixed properties and zip dates."""
        self._fill_toc()
        write_properties(
            self.doc, self.kit, title=self.title, subject=self.subject, category=self.category
        )
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                _save_package(self.doc, out, self.kit.project.start)
            os.chmod(tmp, _new_file_mode())  # mkstemp makes it private (0600); honour the umask
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _save_package(doc: DocumentObject, out: Any, when: date) -> None:
    """Write the package as python-docx's ``save`` does, straight into a zip whose entries
    are all dated ``when`` (the bytes :func:`generator.render.zipfix.fixed_zip_bytes` made
    of a saved document, without zipping it twice)."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    with FixedDateZipFile(out, when) as archive:
        writer = _ZipWriter(archive)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]  # same write()


class _ZipWriter:
    """python-docx's physical package writer interface over an open zip."""

    def __init__(self, archive: FixedDateZipFile) -> None:
        self._archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._archive.writestr(pack_uri.membername, blob)

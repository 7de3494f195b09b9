"""The shared Word look of implkit's documents (curriculum, charter).

:class:`DocWriter` wraps a python-docx ``Document`` and takes care of what makes a
generated file look like a professional's work rather than a script's output:

* A4 pages (python-docx starts from US Letter), sensible margins, and landscape
  sections for wide tables.
* Real heading styles (``Heading 1``-``3``) so the navigation pane and the table of
  contents work; a TOC field plus ``w:updateFields`` in settings.xml (placed in the
  order CT_Settings requires: before ``w:hdrShapeDefaults``/``w:footnotePr``/
  ``w:compat``/...), so Word fills the TOC on open. LibreOffice ignores the flag.
* Header with client and project, footer "page X of Y" from PAGE/NUMPAGES fields.
* Tables with a repeating header row (``w:tblHeader``) and fixed column widths.
* Chinese: explicit East Asian fonts (``w:eastAsia``) on the document defaults,
  on every style and on every run we write; theme font attributes
  (``asciiTheme``/``eastAsiaTheme``/``hAnsiTheme``/``cstheme``) are resolved
  through the theme part into explicit names and dropped, so the East Asian font
  is not overridden by the theme; document language ``zh-CN``.
* Document properties from the Kit (title, subject, author, company in
  docProps/app.xml, dates from the project start, revision 1) and nothing that
  mentions python-docx; zip entry dates fixed, so same inputs give same bytes.

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
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.errors import InputError, Problem
from generator.kit_model import Kit
from generator.render.docx_layout import fit_columns, tuck_section_end, write_contents
from generator.render.zipfix import fixed_zip_bytes

#: Styles a customer template must define (python-docx's default has them all).
REQUIRED_STYLES: tuple[str, ...] = ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")

A4_WIDTH = Cm(21.0)
A4_HEIGHT = Cm(29.7)

LATIN_BODY = "Calibri"
LATIN_HEADING = "Calibri Light"
EAST_ASIAN_BODY = "Microsoft YaHei"
EAST_ASIAN_HEADING = "Microsoft YaHei"

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
HEADER_FILL = "DCE6F2"
MUTED = RGBColor(0x59, 0x59, 0x59)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "page": "Page ",
        "of": " of ",
        "page_suffix": "",
        "toc": "Contents",
        "toc_placeholder": "Right-click and choose Update Field to fill the table of contents.",
        "yes": "Yes",
        "no": "No",
        "none": "None",
    },
    "zh": {
        "page": "第 ",
        "of": " 页 共 ",
        "page_suffix": " 页",
        "toc": "目录",
        "toc_placeholder": "右键单击并选择“更新域”以生成目录。",
        "yes": "是",
        "no": "否",
        "none": "无",
    },
}

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
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

Cell = str | Sequence[str]


def kirkpatrick(level: int, lang: str) -> str:
    """Kirkpatrick evaluation level as text ("3 - Behaviour")."""
    names = {
        "en": {1: "Reaction", 2: "Learning", 3: "Behaviour", 4: "Results"},
        "zh": {1: "反应", 2: "学习", 3: "行为", 4: "结果"},
    }[lang]
    return f"{level} - {names.get(level, '')}".rstrip(" -")


def fmt_date(day: date | None) -> str:
    """ISO date (the format both languages read without ambiguity)."""
    return day.isoformat() if day else ""


def count_phrase(n: int, lang: str, english: tuple[str, str], chinese: str) -> str:
    """A count with its noun in the document's language: ``"1 site"``, ``"2 sites"``, ``"2个地点"``.

    ``english`` is (singular, plural); ``chinese`` the measure word and noun (one form).
    """
    if lang == "zh":
        return f"{n}{chinese}"
    return f"{n} {english[0] if n == 1 else english[1]}"


def _cell_text(value: Cell) -> str:
    """A table cell's text (a list cell: its items, one per line)."""
    return value if isinstance(value, str) else "\n".join(str(v) for v in value)


def _new_file_mode() -> int:
    """The mode a new file gets from the user's umask (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'.,:/_-]*")


class DocWriter:
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
        self.labels = LABELS[kit.lang]
        self.title = title
        self.subject = subject
        self.category = category
        self.template = template
        self.doc: DocumentObject = self._open(template)
        self._ea_cache: dict[str, str] = {}
        self._toc: tuple[Paragraph, int] | None = None
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
        path = Path(template)
        if not path.is_file():
            raise InputError(Problem(str(path), 0, 0, "Word template not found"))
        try:
            doc = Document(str(path))
        except Exception as err:  # python-docx raises several types for a non-docx file
            raise InputError(
                Problem(str(path), 0, 0, f"not a Word .docx document ({type(err).__name__})")
            ) from err
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
        lang.set(qn("w:val"), "zh-CN" if self.lang == "zh" else "en-GB")
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
            self.run(paragraph, self.labels["page"])
            self.field(paragraph, "PAGE", "1")
            self.run(paragraph, self.labels["of"])
            self.field(paragraph, "NUMPAGES", "1")
            if self.labels["page_suffix"]:
                self.run(paragraph, self.labels["page_suffix"])

    def _style_names(self) -> set[str]:
        return {s.name for s in self.doc.styles if s.name}

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
        section = section if section is not None else self.doc.sections[-1]
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
        """Add a run with the East Asian font of the paragraph's style set on it."""
        run = paragraph.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        style_id = paragraph._p.style or "Normal"
        rpr = run._r.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = etree.Element(qn("w:rFonts"))
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), self.east_asian_font(style_id))
        return run

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
        paragraph = self.doc.add_paragraph(style=self.doc.styles[f"Heading {level}"])
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
        paragraph = self.doc.add_paragraph(style=self.doc.styles[style] if style else None)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size, color=color)
        if align is not None:
            paragraph.alignment = align
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def labelled(self, label: str, text: str) -> Paragraph:
        """A paragraph "Label: text" with the label in bold."""
        paragraph = self.doc.add_paragraph()
        self.run(paragraph, f"{label}: " if self.lang == "en" else f"{label}：", bold=True)
        self.run(paragraph, text)
        return paragraph

    def bullets(self, items: Sequence[str]) -> None:
        names = {s.name for s in self.doc.styles}
        for item in items:
            if "List Bullet" in names:
                self.para(item, style="List Bullet")
            else:
                self.para(f"• {item}")

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def section(self, landscape: bool) -> None:
        """Start a new page in a portrait or landscape section (header/footer carried over)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        tuck_section_end(self.doc.element.body)  # no blank page after a full-page table
        section.different_first_page_header_footer = False
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = A4_HEIGHT if landscape else A4_WIDTH
        section.page_height = A4_WIDTH if landscape else A4_HEIGHT

    def toc(self, levels: int = 2) -> None:
        """The "Contents" title and a TOC field over heading levels ``1..levels``.

        Word rebuilds it with page numbers on open (``w:updateFields``); until then
        (and in viewers that ignore the flag, like LibreOffice) the field's result
        already lists the headings, filled in at :meth:`save`.
        """
        names = {s.name for s in self.doc.styles}
        if "TOC Heading" in names:
            title = self.para(self.labels["toc"], style="TOC Heading")
        else:
            title = self.para(self.labels["toc"], bold=True, size=16, color=ACCENT)
        title.paragraph_format.keep_with_next = True
        self._toc = (self.doc.add_paragraph(), levels)

    def _fill_toc(self) -> None:
        """Write the contents entries (headings up to the TOC's level) with page numbers.

        See :func:`generator.render.docx_layout.write_contents`: PAGEREF fields on
        bookmarks, so LibreOffice prints the page numbers too, not only Word.
        """
        if self._toc is None:
            return
        anchor, levels = self._toc
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
        write_contents(anchor, headings, int(self.text_width()), self.run)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        size: float = 9,
        header: bool = True,
        first_column_bold: bool = False,
        align_right: Sequence[int] = (),
        first_fill: str | None = None,
    ) -> Table:
        """A Table Grid table; ``widths`` are fractions of the text width.

        A cell value that is a sequence becomes one paragraph per item. The header
        row repeats on every page (``w:tblHeader``) and is shaded.
        """
        total = float(sum(widths)) or 1.0
        text_width = int(self.text_width())
        cols = len(widths)
        twips = fit_columns(  # EMU, despite the name; no column narrower than its longest word
            [int(text_width * w / total) for w in widths],
            [[_cell_text(r[i]) if i < len(r) else "" for r in rows] for i in range(cols)],
            size,
            bold_columns={0} if first_column_bold else set(),
            header=[str(h) for h in headers] if header else [],
        )
        table = self.doc.add_table(rows=0, cols=cols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for i, column in enumerate(table.columns):
            column.width = Emu(twips[i])
        tbl_pr = table._tbl.tblPr
        layout = tbl_pr.find(qn("w:tblLayout"))
        if layout is None:
            layout = etree.SubElement(tbl_pr, qn("w:tblLayout"))
        layout.set(qn("w:type"), "fixed")
        if tbl_pr.find(qn("w:tblCellMar")) is None:
            margins = parse_xml(
                f'<w:tblCellMar {nsdecls("w")}><w:top w:w="29" w:type="dxa"/>'
                '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="29" w:type="dxa"/>'
                '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            )
            layout.addnext(margins)  # schema order: ... tblLayout, tblCellMar, tblLook
        style_id = self._table_text_style()
        tcw = [w // 635 for w in twips]  # EMU -> twentieths of a point
        xml_rows = []
        if header:
            xml_rows.append(
                self._row_xml(
                    [headers[i] if i < len(headers) else "" for i in range(cols)],
                    tcw,
                    style_id,
                    size=size,
                    bold_columns=set(range(cols)),
                    fills={i: HEADER_FILL for i in range(cols)},
                    header=True,
                )
            )
        for values in rows:
            xml_rows.append(
                self._row_xml(
                    [values[i] if i < len(values) else "" for i in range(cols)],
                    tcw,
                    style_id,
                    size=size,
                    bold_columns={0} if first_column_bold else set(),
                    fills={0: first_fill} if first_fill else {},
                    right=set(align_right),
                )
            )
        if xml_rows:
            fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml_rows)}</w:tbl>")
            for tr in list(fragment):
                table._tbl.append(tr)
        after = self.doc.add_paragraph()
        after.paragraph_format.space_after = Pt(2)
        return table

    def kv_table(
        self, pairs: Sequence[tuple[str, Cell]], widths: tuple[float, float] = (1, 3)
    ) -> Table:
        """A two-column label/value table without a header row; labels shaded."""
        return self.table(
            ("", ""), pairs, widths, header=False, first_column_bold=True, first_fill="F2F2F2"
        )

    def _table_text_style(self) -> str:
        """Id of the compact paragraph style for table cells (added when missing; looked up once)."""
        cached: str | None = getattr(self, "_table_text_style_id", None)
        if cached is not None:
            return cached
        styles = self.doc.styles
        if "Table Text" not in {s.name for s in styles}:
            style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.size = Pt(9)
            fmt = style.paragraph_format
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(1)
            fmt.line_spacing = 1.0
        self._table_text_style_id: str = str(styles["Table Text"].style_id)
        return self._table_text_style_id

    def _row_xml(
        self,
        values: Sequence[Cell],
        tcw: Sequence[int],
        style_id: str,
        *,
        size: float,
        bold_columns: set[int],
        fills: dict[int, str],
        right: set[int] | None = None,
        header: bool = False,
    ) -> str:
        """One table row as WordprocessingML (built as text: fast for long tables)."""
        east_asian = escape(self.east_asian_font(style_id), {'"': "&quot;"})
        size_xml = (
            ""
            if size == 9
            else f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
        )
        tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        cells = []
        for i, value in enumerate(values):
            items = [value] if isinstance(value, str) else list(value) or [""]
            bullet = not isinstance(value, str) and len(items) > 1
            jc = '<w:jc w:val="right"/>' if right and i in right else ""
            bold = "<w:b/><w:bCs/>" if i in bold_columns else ""
            paragraphs = []
            for item in items:
                text = _XML_ILLEGAL.sub("", f"• {item}" if bullet else str(item))
                run = (
                    f'<w:r><w:rPr><w:rFonts w:eastAsia="{east_asian}"/>{bold}{size_xml}</w:rPr>'
                    f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                    if text
                    else ""
                )
                paragraphs.append(
                    f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>{run}</w:p>'
                )
            fill = fills.get(i)
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{tcw[i]}" w:type="dxa"/>{shade}</w:tcPr>'
                f"{''.join(paragraphs)}</w:tc>"
            )
        return f"<w:tr>{tr_pr}{''.join(cells)}</w:tr>"

    @staticmethod
    def keep_together(table: Table, *, with_next: bool = False) -> Table:
        """Keep a short table on one page (and, ``with_next``, with what follows it).

        Word keeps rows together when every paragraph but the last row's has
        keep-with-next; rows never split across pages.
        """
        rows = list(table.rows)
        for n, row in enumerate(rows):
            tr_pr = row._tr.get_or_add_trPr()
            if tr_pr.find(qn("w:cantSplit")) is None:
                tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
            if n == len(rows) - 1 and not with_next:
                continue
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        return table

    def cover(self, kicker: str, facts: Sequence[tuple[str, str]]) -> None:
        """Cover page: title, subtitle, key facts; no header/footer on it (own template)."""
        if self.template is None:
            self.doc.sections[0].different_first_page_header_footer = True
        for _ in range(5):
            self.para("")
        self.para(kicker.upper() if self.lang == "en" else kicker, bold=True, color=MUTED, size=11)
        self.para(self.title, style="Title")
        self.para(f"{self.kit.project.client}", size=16, color=ACCENT, bold=True)
        self.para(self.kit.project.name, size=13, color=MUTED, space_after=24)
        self.kv_table(facts, (1, 2.2))
        self.page_break()

    # --- properties and saving -----------------------------------------------------
    def _properties(self) -> None:
        kit = self.kit
        start = kit.project.start
        stamp = datetime(start.year, start.month, start.day, 9, 0, 0)
        author = kit.project.author or kit.project.client
        core = self.doc.core_properties
        core.title = self.title
        core.subject = self.subject
        core.author = author
        core.last_modified_by = author
        core.category = self.category
        core.keywords = ", ".join(kit.project.systems)  # ids like the industry stay out
        core.comments = ""  # the client's document: no tool or pack internals
        core.language = "zh-CN" if self.lang == "zh" else "en-GB"
        core.content_status = ""
        core.identifier = ""
        core.version = ""
        core.created = stamp
        core.modified = stamp
        core.last_printed = stamp
        core.revision = 1
        self._app_properties(company=kit.project.client)

    def _app_properties(self, company: str) -> None:
        """``docProps/app.xml`` written from our content (never the template's leftovers).

        python-docx's template says "Microsoft Macintosh Word", 1 page, 0 words. We write
        the counts we know from the text (words as Word counts them: a Latin word or one
        Chinese character each; characters without and with spaces; paragraphs), the
        client as company, and no application, page or line count (those need a layout).
        """
        package = self.doc.part.package
        old = next(
            (rel for rel in package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES),
            None,
        )
        words, characters, with_spaces, paragraphs = self._text_counts()
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

    def _text_counts(self) -> tuple[int, int, int, int]:
        """(words, characters without spaces, characters with spaces, non-empty paragraphs)."""
        words = characters = with_spaces = paragraphs = 0
        for paragraph in self.doc.element.body.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            if not text.strip():
                continue
            paragraphs += 1
            words += len(_CJK_CHAR.findall(text)) + len(_LATIN_TOKEN.findall(text))
            characters += sum(1 for c in text if not c.isspace())
            with_spaces += len(text)
        return words, characters, with_spaces, paragraphs

    def save(self, path: Path) -> None:
        """Save atomically (temp file + os.replace) with fixed properties and zip dates."""
        self._fill_toc()
        self._properties()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        import io

        buffer = io.BytesIO()
        self.doc.save(buffer)
        data = fixed_zip_bytes(buffer.getvalue(), self.kit.project.start)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(tmp, _new_file_mode())  # mkstemp makes it private (0600); honour the umask
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

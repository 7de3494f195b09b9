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
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from generator.i18n import DC_, TextTable
from generator.render.docx_base import A4_HEIGHT as A4_HEIGHT
from generator.render.docx_base import A4_WIDTH as A4_WIDTH
from generator.render.docx_base import ACCENT as ACCENT
from generator.render.docx_base import MUTED as MUTED
from generator.render.docx_base import REQUIRED_STYLES as REQUIRED_STYLES
from generator.render.docx_base import DocBase
from generator.render.docx_fonts import EAST_ASIAN_BODY as EAST_ASIAN_BODY
from generator.render.docx_fonts import EAST_ASIAN_HEADING as EAST_ASIAN_HEADING
from generator.render.docx_fonts import LATIN_BODY as LATIN_BODY
from generator.render.docx_fonts import LATIN_HEADING as LATIN_HEADING
from generator.render.docx_layout import tuck_section_end, write_contents
from generator.render.docx_package import _new_file_mode, _save_package
from generator.render.docx_props import write_properties

_P, _P_PR, _P_STYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")

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


class DocWriter(DocBase):
    """A python-docx document with implkit's look; write content, then :meth:`save`."""

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
                wanted[str(self.style(f"Heading {n}").style_id)] = n
            except KeyError:
                continue
        headings: list[tuple[int, str, Paragraph]] = []
        body = self.doc._body  # its paragraphs, read through lxml: a proxy only for headings
        for p in body._element.iterchildren(_P):
            p_pr = p.find(_P_PR)
            style = p_pr.find(_P_STYLE) if p_pr is not None else None
            level = wanted.get(style.get(_VAL) or "" if style is not None else "")
            if level:
                paragraph = Paragraph(p, body)
                if paragraph.text.strip():
                    headings.append((level, paragraph.text.strip(), paragraph))
        if not headings:
            self.run(anchor, self.labels["toc_placeholder"])
            return
        write_contents(
            anchor,
            headings,
            width,
            self.run,
            levels=levels,
            east_asian=self.east_asian_font("Normal"),
        )

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

"""Page layout helpers of the Word documents: contents, section ends, column widths.

* :func:`write_contents` — the table of contents: a ``TOC`` field whose entries carry
  ``PAGEREF`` fields on bookmarks at the headings. Word updates them on open
  (``w:updateFields``), LibreOffice computes them when it lays the document out;
  no page number is stored, so a viewer that computes nothing shows none (never a
  guess). Each entry links to its heading.
* :func:`tuck_section_end` — the paragraph that ends a section (it carries the
  ``w:sectPr``) is made 1 pt high, and the empty spacing paragraph after a table
  carries the break instead of a second paragraph: a table that fills its page
  no longer pushes an empty paragraph, hence a blank landscape page, after it.
* :func:`fit_columns` — column widths grow to the longest unbreakable word of the
  column (header included), taken from columns with room to spare: a narrow
  column never breaks "Capacity" into "Capacit|y".

Widths here are EMU (914,400 per inch; 12,700 per point).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt

EMU_PER_PT = 12_700
_BR, _BR_TYPE = qn("w:br"), qn("w:type")
_RUN_BREAKS = re.compile("[\t\n\r]")


def xml_text(text: str) -> str:
    """``text`` escaped for XML character data (``&``, ``<``, ``>``), as
    ``xml.sax.saxutils.escape`` does; ``html.escape`` because importing ``xml.sax``
    pulls in urllib.request, http.client and ssl (about 30 ms of ``new``)."""
    return html.escape(text, quote=False)


def xml_attr(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute (:func:`xml_text` plus ``"``)."""
    return xml_text(text).replace('"', "&quot;")


CELL_MARGINS = 2 * 85 * 635  # left + right cell margin (85 twips each), in EMU
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_BREAK = re.compile(
    r"(?<=-)|\s+|(?=[\u2e80-\u9fff\uf900-\ufaff])|(?<=[\u2e80-\u9fff\uf900-\ufaff])"
)


@lru_cache(maxsize=4096)
def text_points(text: str, size: float, *, bold: bool = False) -> float:
    """Rough printed width of ``text`` in points at ``size`` pt.

    Generous on purpose (the widths of DejaVu Sans, the widest common fallback for
    Calibri): a column sized by this never breaks the word in Word or LibreOffice.
    """
    width = 0.0
    for char in text:
        if _CJK.match(char):
            em = 1.0
        elif char.isupper() or char in "MWmw@%&":
            em = 0.74
        elif char in "ijlt.,:;'|!()[]{} ":
            em = 0.34
        else:
            em = 0.63
        width += em
    return width * size * (1.08 if bold else 1.0)


@lru_cache(maxsize=4096)
def longest_word(text: str) -> str:
    """The longest piece of ``text`` a line may not break (Latin words; one CJK character)."""
    pieces = [p for p in _BREAK.split(text) if p]
    return max(pieces, key=len, default="")


def fit_columns(
    widths: Sequence[int],
    columns: Sequence[Sequence[str]],
    size: float,
    *,
    bold_columns: set[int] | frozenset[int] = frozenset(),
    header: Sequence[str] = (),
) -> list[int]:
    """``widths`` (EMU) adjusted so each column holds its longest word; the total stays.

    ``columns[i]`` are the texts of column ``i``; the header row is bold. A column
    that needs more takes it from the others in proportion to their spare room; when
    nothing is spare the widths are returned as they are.
    """
    need: list[int] = []
    for i, width in enumerate(widths):
        points = 0.0
        texts = list(columns[i]) if i < len(columns) else []
        for text in texts:
            word = longest_word(text)
            points = max(points, text_points(word, size, bold=i in bold_columns))
        if i < len(header):
            points = max(points, text_points(longest_word(header[i]), size, bold=True))
        need.append(min(math.ceil(points * EMU_PER_PT) + CELL_MARGINS + 4 * EMU_PER_PT, width * 4))
    out = list(widths)
    short = {i: need[i] - out[i] for i in range(len(out)) if need[i] > out[i]}
    if not short:
        return out
    spare = {i: out[i] - need[i] for i in range(len(out)) if i not in short and out[i] > need[i]}
    available = sum(spare.values())
    wanted = sum(short.values())
    if available <= 0:
        return out
    scale = min(1.0, available / wanted)
    given = 0
    for i, missing in short.items():
        extra = int(missing * scale)
        out[i] += extra
        given += extra
    for i, room in spare.items():
        out[i] -= int(given * room / available)
    drift = sum(widths) - sum(out)
    out[max(range(len(out)), key=lambda k: out[k])] += drift  # keep the total exact
    return out


def tuck_section_end(body: Any) -> None:
    """Make the paragraph that ends the last finished section 1 pt high (see module doc)."""
    ends = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    ]
    if not ends:
        return
    end = ends[-1]
    before = end.getprevious()
    if (
        before is not None
        and before.tag == qn("w:p")
        and not "".join(before.itertext()).strip()
        and before.find(qn("w:pPr") + "/" + qn("w:sectPr")) is None
        and not before.findall(".//" + qn("w:drawing"))
        and not before.findall(".//" + qn("w:br"))
        and not "".join(end.itertext()).strip()
    ):
        sect = end.find(qn("w:pPr") + "/" + qn("w:sectPr"))
        before.get_or_add_pPr().append(sect)
        body.remove(end)
        end = before
    from docx.text.parfmt import ParagraphFormat

    fmt = ParagraphFormat(end)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)  # an exact 1 pt line
    p_pr = end.get_or_add_pPr()
    mark = p_pr.find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        p_pr.find(qn("w:sectPr")).addprevious(mark)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)


def write_contents(
    anchor: Any,
    headings: Sequence[tuple[int, str, Any]],
    text_width: int,
    run: Any,
    *,
    levels: int = 2,
    east_asian: str | None = None,
) -> None:
    """The table of contents after ``anchor`` (a python-docx Paragraph, reused for the first
    entry): a ``TOC`` field whose result is one entry per heading.

    ``headings`` are ``(level, text, paragraph)``; each heading gets a bookmark
    ``_Toc<n>`` and its entry a link to it, a dotted right tab at ``text_width`` (EMU, the
    contents' own section) and a ``PAGEREF _Toc<n>`` field. No page number is stored in
    the results: Word updates the fields on open (``w:updateFields``) and rebuilds the
    contents on "Update field", LibreOffice and WPS compute the page references when they
    lay the document out, and a viewer that computes nothing (a phone preview) shows no
    number rather than a guessed one. ``run(paragraph, text, bold=...)`` adds a run in the
    document's look; ``east_asian``, the East Asian font ``run`` gives an unstyled
    paragraph, lets the entries after the first be written as one piece of XML (the
    elements ``run`` and python-docx's paragraph-format setters make, in their order).
    """
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.text.paragraph import Paragraph

    body = anchor._p.getparent()
    used = [int(b.get(qn("w:id"), "0")) for b in body.iter(qn("w:bookmarkStart"))]
    next_id = max(used, default=0) + 1
    previous = anchor
    # entries after the first as one XML text, parsed once (a text with a tab or a line
    # break becomes python-docx's w:tab/w:br elements: those go the element way)
    as_xml = east_asian is not None and not any(_RUN_BREAKS.search(t) for _, t, _ in headings)
    entries: list[str] = []
    for n, (level, text, heading) in enumerate(headings):
        name = f"_Toc{next_id + n:06d}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(next_id + n))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(next_id + n))
        p_pr = heading._p.find(qn("w:pPr"))
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            heading._p.insert(0, start)
        heading._p.append(end)
        if n and as_xml:
            assert east_asian is not None
            entries.append(_entry_xml(level, text, name, n, text_width, east_asian))
            continue
        if n == 0:
            paragraph = anchor
        else:
            element = OxmlElement("w:p")
            previous._p.addnext(element)
            paragraph = Paragraph(element, previous._parent)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_after = Pt(2 if level > 1 else 3)
        fmt.space_before = Pt(4 if level == 1 and n else 0)
        fmt.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), name)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        holder = run(paragraph, text, bold=level == 1 or None)
        link.append(holder._r)
        run(paragraph, "\t")
        _field(paragraph, f" PAGEREF {name} \\h ", "", run)
        previous = paragraph
    if entries:
        holder = parse_xml(f"<w:body {nsdecls('w')}>{''.join(entries)}</w:body>")
        for element in reversed(list(holder)):
            anchor._p.addnext(element)


def _entry_xml(level: int, text: str, name: str, n: int, width: int, east_asian: str) -> str:
    """One contents entry after the first: the paragraph :func:`write_contents` builds with
    python-docx's setters and ``run`` (same elements, attributes and order)."""
    indent, after = Emu(Cm(0.6 * (level - 1))).twips, Emu(Pt(2 if level > 1 else 3)).twips
    before = Emu(Pt(4 if level == 1 and n else 0)).twips
    fonts = f'<w:rPr><w:rFonts w:eastAsia="{xml_attr(east_asian)}"/>'
    bold = "<w:b/>" if level == 1 else ""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    empty = f"<w:r>{fonts}</w:rPr>"
    return (
        f'<w:p><w:pPr><w:tabs><w:tab w:pos="{Emu(width).twips}" w:val="right" '
        f'w:leader="dot"/></w:tabs><w:spacing w:after="{after}" w:before="{before}"/>'
        f'<w:ind w:left="{indent}"/></w:pPr><w:hyperlink w:anchor="{name}" w:history="1">'
        + f"<w:r>{fonts}{bold}</w:rPr>"
        + (f"<w:t{space}>{xml_text(text)}</w:t>" if text else "")
        + f"</w:r></w:hyperlink>{empty}<w:tab/></w:r>"
        f'{empty}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'{empty}<w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
        f'{empty}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'{empty}<w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _field_char(paragraph: Any, kind: str, run: Any) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run(paragraph, "")._r.append(element)


def _instruction(paragraph: Any, instruction: str, run: Any) -> None:
    holder = run(paragraph, "")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    holder._r.append(text)


def _field(paragraph: Any, instruction: str, result: str, run: Any) -> None:
    _field_char(paragraph, "begin", run)
    _instruction(paragraph, instruction, run)
    _field_char(paragraph, "separate", run)
    if result:
        run(paragraph, result)
    _field_char(paragraph, "end", run)

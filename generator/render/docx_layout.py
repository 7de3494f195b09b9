"""Page layout helpers of the Word documents: contents, section ends, column widths.

* :func:`write_contents` — the table of contents as entries whose page numbers are
  ``PAGEREF`` fields on bookmarks at the headings. Word updates them on open
  (``w:updateFields``) and LibreOffice computes them when it lays the document out
  (a ``TOC`` field result is shown as stored, so LibreOffice would print no page
  numbers); the stored result is an estimate for viewers that compute nothing.
  Each entry links to its heading.
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

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

EMU_PER_PT = 12_700
_BR, _BR_TYPE = qn("w:br"), qn("w:type")
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


def estimate_pages(body: Any, first_page: int = 1) -> dict[int, int]:
    """A rough page number for each body element (by position), for cached field results.

    Counts lines of about 90 characters (45 CJK) at 46 lines a page, table rows at
    two lines each, and starts a new page at page breaks and section breaks.
    """
    pages: dict[int, int] = {}
    page, lines = first_page, 0.0
    per_page = 46.0
    tbl, tr, p_tag = qn("w:tbl"), qn("w:tr"), qn("w:p")
    for index, element in enumerate(body.iterchildren()):
        if element.tag == tbl:
            # rows at about two lines each (cells wrap); counting them is cheap, reading
            # every cell of a 3,000-session table is not, and this is only an estimate
            lines += 2.0 * len(element.findall(tr)) + 0.5
            while lines > per_page:
                page, lines = page + 1, lines - per_page
            pages[index] = page
            continue
        if element.tag != p_tag:
            continue
        if any(br.get(_BR_TYPE) == "page" for br in element.iter(_BR)):
            page, lines = page + 1, 0.0
        pages[index] = page
        # the paragraph's text nodes (python-docx's element classes redefine .text, so
        # itertext() repeats run texts; the text serialisation does not)
        text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        lines += _lines(text, 90) + 0.4
        if lines > per_page:
            page, lines = page + 1, lines - per_page
        if element.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            page, lines = page + 1, 0.0
    return pages


def _lines(text: str, width: int) -> float:
    if text.isascii():
        return max(1.0, math.ceil(len(text) / width))
    cjk = len(_CJK.findall(text))
    return max(1.0, math.ceil((len(text) + cjk) / width))


def write_contents(
    anchor: Any, headings: Sequence[tuple[int, str, Any]], text_width: int, run: Any
) -> None:
    """Contents entries after ``anchor`` (a python-docx Paragraph, reused for the first).

    ``headings`` are ``(level, text, paragraph)``; each heading gets a bookmark
    ``_Toc<n>`` and its entry a link, a dotted right tab and ``PAGEREF _Toc<n>``.
    ``run(paragraph, text, bold=...)`` adds a run in the document's look.
    """
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.text.paragraph import Paragraph

    body = anchor._p.getparent()
    used = [int(b.get(qn("w:id"), "0")) for b in body.iter(qn("w:bookmarkStart"))]
    next_id = max(used, default=0) + 1
    estimates = estimate_pages(body)
    positions = {id(el): i for i, el in enumerate(body.iterchildren())}
    previous = anchor
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
        page = estimates.get(positions.get(id(heading._p), -1), 1) + 1
        _field(paragraph, f" PAGEREF {name} \\h ", str(page), run)
        previous = paragraph


def _field(paragraph: Any, instruction: str, result: str, run: Any) -> None:
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run(paragraph, "")._r.append(element)

    char("begin")
    holder = run(paragraph, "")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    holder._r.append(text)
    char("separate")
    run(paragraph, result)
    char("end")

"""Tables of the Word documents: fixed column widths, repeated shaded header rows.

:class:`TablesMixin` is the table half of :class:`~generator.render.docx_common.DocWriter`
(split out to keep each module to one concern). Rows are built as WordprocessingML text
(fast for long tables); column widths never go below the longest word of a column
(:func:`generator.render.docx_layout.fit_columns`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table

from generator.render.docx_layout import fit_columns, xml_attr, xml_text

HEADER_FILL = "DCE6F2"
Cell = str | Sequence[str]
Keep = Literal["", "together", "with_next"]
_TR, _TR_PR, _TC, _P, _P_PR = qn("w:tr"), qn("w:trPr"), qn("w:tc"), qn("w:p"), qn("w:pPr")
_CANT_SPLIT, _KEEP_NEXT, _P_STYLE = qn("w:cantSplit"), qn("w:keepNext"), qn("w:pStyle")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_text(value: Cell) -> str:
    """A table cell's text (a list cell: its items, one per line)."""
    return value if isinstance(value, str) else "\n".join(str(v) for v in value)


class TablesMixin:
    """Table writing for a document writer that has ``doc``, ``text_width`` and fonts."""

    doc: DocumentObject

    def text_width(self, section: Any = None) -> Emu:  # provided by the writer
        raise NotImplementedError

    def east_asian_font(self, style_id: str) -> str:  # provided by the writer
        raise NotImplementedError

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        raise NotImplementedError  # provided by the writer

    def add_block(self, element: Any) -> None:  # provided by the writer
        raise NotImplementedError

    def _style_names(self) -> set[str]:  # provided by the writer
        raise NotImplementedError

    def styles_changed(self) -> None:  # provided by the writer
        raise NotImplementedError

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
        keep: Keep = "",
    ) -> Table:
        """A Table Grid table; ``widths`` are fractions of the text width.

        A cell value that is a sequence becomes one paragraph per item. The header
        row repeats on every page (``w:tblHeader``) and is shaded. ``keep``: "together"
        keeps the table on one page, "with_next" also with what follows it (see
        :meth:`keep_together`; written into the rows as they are built).
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
        style_id = self._table_text_style()
        tcw = [w // 635 for w in twips]  # EMU -> twentieths of a point
        last = len(rows) - (0 if header else 1)  # index of the last row, header included
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
                    keep=bool(keep) and (keep == "with_next" or last > 0),
                )
            )
        for n, values in enumerate(rows, start=1 if header else 0):
            xml_rows.append(
                self._row_xml(
                    [values[i] if i < len(values) else "" for i in range(cols)],
                    tcw,
                    style_id,
                    size=size,
                    bold_columns={0} if first_column_bold else set(),
                    fills={0: first_fill} if first_fill else {},
                    right=set(align_right),
                    keep=bool(keep) and (keep == "with_next" or n < last),
                )
            )
        table_style = self.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
        # what python-docx's add_table + style, alignment, autofit and column widths make
        tbl = parse_xml(
            f"<w:tbl {nsdecls('w')}><w:tblPr>"
            + (f'<w:tblStyle w:val="{_attr(table_style)}"/>' if table_style else "")
            + '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="29" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="29" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
            'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{Emu(w).twips}"/>' for w in twips)
            + f"</w:tblGrid>{''.join(xml_rows)}</w:tbl>"
        )
        self.add_block(tbl)
        after = OxmlElement("w:p")  # the spacing paragraph after the table (2 pt)
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:spacing", {qn("w:after"): "40"}))
        after.append(p_pr)
        self.add_block(after)
        return Table(tbl, self.doc._body)

    def kv_table(
        self,
        pairs: Sequence[tuple[str, Cell]],
        widths: tuple[float, float] = (1, 3),
        *,
        keep: Keep = "",
    ) -> Table:
        """A two-column label/value table without a header row; labels shaded."""
        return self.table(
            ("", ""),
            pairs,
            widths,
            header=False,
            first_column_bold=True,
            first_fill="F2F2F2",
            keep=keep,
        )

    def _table_text_style(self) -> str:
        """Id of the compact paragraph style for table cells (added when missing; looked up once)."""
        cached: str | None = getattr(self, "_table_text_style_id", None)
        if cached is not None:
            return cached
        styles = self.doc.styles
        if "Table Text" not in self._style_names():
            style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
            self.styles_changed()
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
        keep: bool = False,
    ) -> str:
        """One table row as WordprocessingML (built as text: fast for long tables).

        ``keep``: its paragraphs keep with the next (Word keeps the rows together)."""
        east_asian = xml_attr(self.east_asian_font(style_id))
        size_xml = (
            ""
            if size == 9
            else f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
        )
        tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        keep_next = "<w:keepNext/>" if keep else ""
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
                    f'<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'
                    if text
                    else ""
                )
                paragraphs.append(
                    f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep_next}{jc}</w:pPr>{run}</w:p>'
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
        keep-with-next; rows never split across pages. (Tables made by :meth:`table` get
        this cheaper with ``keep=``.)
        """
        rows = table._tbl.findall(_TR)
        for n, tr in enumerate(rows):
            tr_pr = tr.find(_TR_PR)
            if tr_pr is None:
                tr_pr = OxmlElement("w:trPr")
                tr.insert(0, tr_pr)
            if tr_pr.find(_CANT_SPLIT) is None:
                tr_pr.append(OxmlElement("w:cantSplit"))
            if n == len(rows) - 1 and not with_next:
                continue
            for tc in tr.iterchildren(_TC):
                for p in tc.iterchildren(_P):
                    _keep_next(p)
        return table


def _keep_next(p: Any) -> None:
    """Give paragraph ``p`` keep-with-next (``w:keepNext`` right after ``w:pStyle``)."""
    p_pr = p.find(_P_PR)
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p.insert(0, p_pr)
    if p_pr.find(_KEEP_NEXT) is not None:
        return
    first = p_pr[0] if len(p_pr) else None
    if first is not None and first.tag == _P_STYLE:
        first.addnext(OxmlElement("w:keepNext"))
    else:
        p_pr.insert(0, OxmlElement("w:keepNext"))


def _attr(text: str) -> str:
    return xml_attr(text)

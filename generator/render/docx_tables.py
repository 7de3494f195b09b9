"""Tables of the Word documents: fixed column widths, repeated shaded header rows.

:class:`TablesMixin` is the table half of :class:`~generator.render.docx_common.DocWriter`
(split out to keep each module to one concern). Rows are built as WordprocessingML text
(fast for long tables); column widths never go below the longest word of a column
(:func:`generator.render.docx_layout.fit_columns`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.render.docx_layout import fit_columns

HEADER_FILL = "DCE6F2"
Cell = str | Sequence[str]
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

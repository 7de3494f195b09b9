"""The default Word template kept per process (``docx_base._blank_document``): each
document gets a copy equal to a freshly made one, and nothing written into one document
reaches the kept template or the next document."""

from __future__ import annotations

from docx.oxml.ns import qn

from generator.render.docx_base import DocBase, _blank_document
from tests.sample_kit import sample_kit


def _parts(doc: object) -> dict[str, bytes]:
    package = doc.part.package  # type: ignore[attr-defined]
    return {str(part.partname): part.blob for part in package.iter_parts()}


def test_a_document_starts_from_a_copy_equal_to_a_fresh_template() -> None:
    kept = _blank_document()
    fresh = _blank_document.__wrapped__()  # made again, not the kept one
    assert _parts(kept) == _parts(fresh)
    writer = DocBase(sample_kit("en"), title="T", subject="S", category="C")
    assert writer.doc is not kept and writer.doc.part is not kept.part
    assert writer.doc.element is not kept.element


def test_writing_into_one_document_reaches_neither_the_template_nor_the_next() -> None:
    before = _parts(_blank_document())
    first = DocBase(sample_kit("zh"), title="第一", subject="S", category="C")
    first.paragraph("Normal")
    first.run(first.paragraph(), "only in the first document")
    first.style("Heading 1").font.size = None
    first.doc.styles.element.append(first.doc.styles.element[0].__copy__())
    assert _parts(_blank_document()) == before
    second = DocBase(sample_kit("zh"), title="第二", subject="S", category="C")
    body = second.doc.element.body
    texts = "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert "only in the first document" not in texts
    header = "".join(p.text for p in second.doc.sections[0].header.paragraphs)
    assert "第二" in header and "第一" not in header
    third = DocBase(sample_kit("zh"), title="第二", subject="S", category="C")
    assert _parts(second.doc) == _parts(third.doc)  # the first left nothing behind

"""Word layout as printed outside Word: contents page numbers, no blank pages,
table columns that never break a word. The documents are real (built-in pack, both
languages) and printed by LibreOffice; the pages are read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import api
from generator.render.docx_layout import fit_columns, longest_word, text_points
from tests.kits import pristine
from tests.office import pdf_pages, require_office, soffice_convert


def test_longest_word_breaks_where_a_line_may_break() -> None:
    assert longest_word("Offline hands-on") == "Offline"
    assert longest_word("Capacity") == "Capacity"
    assert longest_word("华东精密制造") == "华"  # a Chinese line breaks between characters
    assert text_points("Capacity", 9, bold=True) > text_points("Capacity", 9)


def test_fit_columns_grows_a_narrow_column_and_keeps_the_total() -> None:
    widths = [2_000_000, 500_000, 500_000]
    columns = [["a short text"], ["12"], ["100"]]
    fitted = fit_columns(widths, columns, 9, header=["Course", "Capacity", "Enrolled"])
    assert sum(fitted) == sum(widths)
    need = text_points("Capacity", 9, bold=True) * 12_700
    assert fitted[1] > need and fitted[2] > text_points("Enrolled", 9, bold=True) * 12_700
    assert fitted[0] < widths[0]
    # nothing to spare: left as it is
    assert fit_columns([100_000, 100_000], [["Capacity"], ["Enrolled"]], 9) == [100_000, 100_000]


def _page_texts(pdf: Path) -> list[str]:
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pdf_pages(pdf) + 1)
    ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Charter and curriculum of a real kit in both languages, printed by LibreOffice
    (the six documents in one soffice run)."""
    require_office()
    out: dict[str, list[str]] = {}
    root = tmp_path_factory.mktemp("layout")
    printed: list[tuple[str, Path, Path]] = []  # (language, document, its uniquely named copy)
    for lang in ("en", "zh"):
        folder = pristine(root / lang, "manufacturing", "--lang", lang, "--start", "2026-03-02")
        docs = [
            folder / "governance" / "project-charter.docx",
            folder / "training" / "training-curriculum.docx",
        ]
        # the trainer's copy: one audience, one tier (its schedule ends the document in a
        # landscape section, wider than the contents' page)
        trainer = api.write_document(
            "curriculum",
            "manufacturing",
            root / f"trainer-copy-{lang}.docx",
            answers={"lang": lang, "start": "2026-03-02"},
            audiences=["shop-floor-operator"],
            tiers=["basic"],
        )
        docs.append(trainer.files[0])
        for doc in docs:
            copy = root / "print" / f"{lang}-{doc.stem}.docx"  # soffice names PDFs by stem
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(doc, copy)
            printed.append((lang, doc, copy))
    pdfs = soffice_convert([copy for _, _, copy in printed], "pdf", root / "pdf")
    for (lang, doc, _), pdf in zip(printed, pdfs, strict=True):
        out[f"{lang}-{doc.stem}"] = _page_texts(pdf)
        out[f"docx:{lang}-{doc.stem}"] = [str(doc)]
    return out


@pytest.mark.office
def test_contents_page_numbers_are_the_pages_of_the_headings(
    printed: dict[str, list[str]],
) -> None:
    for name, pages in printed.items():
        if name.startswith("docx:"):
            continue
        entries = [
            (m.group(1).strip(), int(m.group(2)))
            for page in pages[:4]
            for m in re.finditer(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$", page, flags=re.MULTILINE)
        ]
        assert len(entries) > (5 if "trainer-copy" in name else 10), name
        last = 0
        for title, number in entries:
            found = [
                n
                for n, page in enumerate(pages, start=1)
                if n > 2 and n >= last and any(line.strip() == title for line in page.splitlines())
            ]
            assert number in found, (name, title, number, found)
            last = number


def _pageref_results(document: Path) -> list[str]:
    """The stored result of every PAGEREF field of ``document`` (the text between the
    field's separate and end marks)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(document) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    results: list[str] = []
    for paragraph in root.iter(f"{w}p"):
        state, instruction, text = "", "", ""
        for node in paragraph.iter(f"{w}fldChar", f"{w}instrText", f"{w}t"):
            if node.tag == f"{w}fldChar":
                kind = node.get(f"{w}fldCharType")
                if kind == "begin":
                    state, instruction, text = "instr", "", ""
                elif kind == "separate":
                    state = "result"
                elif kind == "end":
                    if "PAGEREF" in instruction:
                        results.append(text)
                    state = ""
            elif node.tag == f"{w}instrText" and state == "instr":
                instruction += node.text or ""
            elif node.tag == f"{w}t" and state == "result":
                text += node.text or ""
    return results


@pytest.mark.office
def test_contents_store_no_guessed_page_numbers(printed: dict[str, list[str]]) -> None:
    """A viewer that computes no fields (a phone preview) shows the stored results: they
    must be empty, never an estimate (estimates were off by up to 13 pages)."""
    documents = [Path(v[0]) for k, v in printed.items() if k.startswith("docx:")]
    assert len(documents) == 6
    for document in documents:
        results = _pageref_results(document)
        assert len(results) > 5, document.name
        assert results == [""] * len(results), (document.name, results)


@pytest.mark.office
def test_no_blank_pages(printed: dict[str, list[str]]) -> None:
    for name, pages in printed.items():
        if name.startswith("docx:"):
            continue
        for number, page in enumerate(pages, start=1):
            lines = [line for line in page.splitlines() if line.strip()]
            assert len(lines) > 3, f"{name}: page {number} holds only its header and footer"


@pytest.mark.office
def test_english_table_headers_are_not_broken_inside_a_word(
    printed: dict[str, list[str]],
) -> None:
    schedule = next(
        page
        for page in printed["en-training-curriculum"]
        if "Session schedule" in page and "Session schedule...." not in page
    )
    assert re.search(r"\bCapacity\b", schedule) and re.search(r"\bEnrolled\b", schedule)
    assert not re.search(r"\bCapacit\s*$", schedule, flags=re.MULTILINE)

"""Checks the Word document tests (charter, curriculum) share: parts, layout, properties, fonts.

Each helper asserts the union of what the document test modules checked on their own.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.kit_model import Kit
from tests.office import office_text, pdf_fonts

CJK_FONT = re.compile(r"CJK|YaHei|SimSun|WenQuanYi|Droid Sans Fallback")


def part(path: Path, name: str) -> str:
    """One part of a .docx, as text."""
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def parts(path: Path, prefix: str) -> str:
    """Every part whose name starts with ``prefix`` (all headers, all footers), joined."""
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith(prefix)
        )


def squash(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines and spaces CJK text unpredictably)."""
    return re.sub(r"[\s\-‐]+", "", text)  # pdftotext may drop a hyphen at a line end


def style_xml(styles: str, style_id: str) -> str:
    """The ``<w:style>`` element of ``style_id`` in word/styles.xml (asserts it is there)."""
    style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
    assert style, style_id
    return style.group(0)


def assert_print_layout(path: Path, kit: Kit) -> None:
    """A4 pages (portrait first, some landscape), contents page numbers, repeated table headers,
    page x of y footers (Chinese wording in zh), the project in the header, fields updated
    on open."""
    body = part(path, "word/document.xml")
    sizes = re.findall(r"<w:pgSz [^>]*/>", body)
    assert sizes and 'w:w="11906" w:h="16838"' in sizes[0]
    assert all('w:w="11906"' in s or 'w:w="16838"' in s for s in sizes)
    assert any('w:orient="landscape"' in s and 'w:w="16838"' in s for s in sizes)
    # contents: each entry a PAGEREF on a heading bookmark (LibreOffice prints the numbers)
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="(_Toc\d+)"', body))
    refs = set(re.findall(r"PAGEREF (_Toc\d+) ", body))
    assert refs and refs <= bookmarks and "<w:tblHeader/>" in body
    footers = parts(path, "word/footer")
    assert " PAGE " in footers and " NUMPAGES " in footers
    if kit.lang == "zh":
        assert "第 " in footers and " 页 共 " in footers
    assert kit.project.name in parts(path, "word/header")  # the name includes the client
    settings = part(path, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat")


def assert_fixed_properties(path: Path, kit: Kit) -> None:
    """Document properties from the kit, stamped with the project start, free of python-docx."""
    core, app = part(path, "docProps/core.xml"), part(path, "docProps/app.xml")
    assert "python-docx" not in core + app
    assert f"<dc:creator>{kit.project.author}</dc:creator>" in core
    stamp = f"{kit.project.start.isoformat()}T09:00:00Z"  # project start, not the clock
    assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}' in core
    assert "<cp:revision>1</cp:revision>" in core
    assert f"<Company>{kit.project.client}</Company>" in app
    with zipfile.ZipFile(path) as archive:
        assert "docProps/thumbnail.jpeg" not in archive.namelist()


def assert_same_bytes(
    render: Callable[[Kit, Path], object], kit: Callable[[], Kit], folder: Path
) -> None:
    first, second = folder / "a.docx", folder / "b.docx"
    render(kit(), first)
    render(kit(), second)
    assert first.read_bytes() == second.read_bytes()


def assert_embeds_cjk_font(pdf: Path) -> None:
    fonts = pdf_fonts(pdf)
    assert CJK_FONT.search(fonts), fonts


def real_kit(lang: str) -> Kit:
    """The manufacturing pack's kit (skips while the builder is not importable)."""
    kit_module = pytest.importorskip("generator.kit")
    load = pytest.importorskip("generator.workspace.load")
    project = pytest.importorskip("generator.project")
    pack = load.loaded_pack("manufacturing", None)
    spec = project.ProjectSpec(pack="manufacturing", lang=lang, start=date(2026, 9, 1))
    return kit_module.build_kit(pack, spec, generator_version="test")


def runs_slow_test(request: pytest.FixtureRequest) -> bool:
    """Whether this session selected a ``slow`` test of the requesting module.

    A module fixture that prints its documents to PDF then adds the real pack's documents to
    the same LibreOffice run (a start costs ~2.5 CPU-s); under ``-m "not slow"`` it does not
    render the real pack at all.
    """
    return any(
        isinstance(item, pytest.Function)
        and item.module is request.module
        and item.get_closest_marker("slow") is not None
        for item in request.session.items
    )


def real_pack_files(
    render: Callable[[Kit, Path], object], folder: Path, stem: str
) -> list[tuple[str, Kit, Path]]:
    """(lang, kit, .docx) of the real pack's document in both languages (skips while the
    builder is not usable)."""
    try:
        kits = {lang: real_kit(lang) for lang in ("en", "zh")}
    except (TypeError, AttributeError, FileNotFoundError) as err:  # builder API still moving
        pytest.skip(f"Kit builder not usable yet: {err}")
    files = []
    for lang, kit in kits.items():
        path = folder / f"{stem}-{lang}.docx"
        render(kit, path)
        files.append((lang, kit, path))
    return files


def real_pack_texts(
    render: Callable[[Kit, Path], object], folder: Path, stem: str
) -> list[tuple[str, Kit, str]]:
    """(lang, kit, squashed LibreOffice text) of the real pack's document in both languages."""
    files = real_pack_files(render, folder, stem)
    texts = office_text([path for _, _, path in files], folder)
    return [(lang, kit, squash(texts[path])) for lang, kit, path in files]

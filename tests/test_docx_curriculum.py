"""The training curriculum: structure in the XML, text through LibreOffice, fonts, filters."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import mammoth
import pytest
from docx import Document
from docx.shared import RGBColor

from generator.errors import InputError
from generator.kit_model import TIER_NAMES, Kit
from generator.render.docx_curriculum import render_curriculum
from tests.office import office_text, pdf_fonts, soffice_convert
from tests.sample_kit import sample_kit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def squash(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines and spaces CJK text unpredictably)."""
    return re.sub(r"[\s\-‐]+", "", text)  # pdftotext may drop a hyphen at a line end


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Curricula in both languages, full and filtered, converted to PDF in one soffice call."""
    out = tmp_path_factory.mktemp("curriculum")
    files = {
        "en": out / "curriculum-en.docx",
        "zh": out / "curriculum-zh.docx",
        "en-managers": out / "curriculum-en-managers.docx",
        "zh-basic": out / "curriculum-zh-basic.docx",
    }
    render_curriculum(sample_kit("en"), files["en"])
    render_curriculum(sample_kit("zh"), files["zh"])
    render_curriculum(sample_kit("en"), files["en-managers"], audiences=["managers"])
    render_curriculum(sample_kit("zh"), files["zh-basic"], tiers=["basic"])
    texts = office_text(list(files.values()), out)
    return {"files": files, "texts": {k: texts[v] for k, v in files.items()}, "out": out}


@pytest.mark.office
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_text_has_tiers_courses_and_sessions(rendered: dict[str, Any], lang: str) -> None:
    kit = sample_kit(lang)
    text = squash(rendered["texts"][lang])
    for tier in TIER_NAMES[lang].values():
        assert squash(tier) in text
    for course in kit.courses:
        assert squash(course.title) in text
        assert squash(course.code) in text
    for audience in kit.audiences:
        assert squash(audience.name) in text
    assert "20261127" in text  # last session date
    assert squash(kit.support[0].name) in text
    page = "Page2of" if lang == "en" else "第2页共"  # the cover has no footer
    assert page in text


@pytest.mark.office
def test_audience_filter_keeps_only_that_audience(rendered: dict[str, Any]) -> None:
    kit = sample_kit("en")
    full = squash(rendered["texts"]["en"])
    managers = squash(rendered["texts"]["en-managers"])
    with rendered["files"]["en-managers"].open("rb") as handle:
        h1 = re.findall(r"<h1>(.*?)</h1>", mammoth.convert_to_html(handle).value)
    assert kit.audiences[1].name in h1 and kit.audiences[0].name not in h1
    assert squash(kit.courses[1].title) in managers  # the managers' own course
    # the operators' sessions disappear with the operators
    assert "Trainingroom1" in full and "Trainingroom1" not in managers
    assert len(managers) < len(full)


@pytest.mark.office
def test_tier_filter_keeps_only_that_tier(rendered: dict[str, Any]) -> None:
    kit = sample_kit("zh")
    text = squash(rendered["texts"]["zh-basic"])
    assert squash(kit.courses[0].title) in text
    assert squash(kit.courses[1].title) not in text  # advanced
    assert squash(kit.courses[2].title) not in text  # self-support
    assert "8:0020:00" not in text  # self-support resources come with the self-support tier
    assert squash(kit.audiences[1].name) not in text  # managers have no basic course


@pytest.mark.office
def test_chinese_pdf_embeds_a_cjk_font(rendered: dict[str, Any]) -> None:
    (pdf,) = soffice_convert([rendered["files"]["zh"]], "pdf", rendered["out"] / "fonts")
    fonts = pdf_fonts(pdf)
    assert re.search(r"CJK|YaHei|SimSun|WenQuanYi|Droid Sans Fallback", fonts), fonts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_setup_fields_and_header_rows(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "c.docx"
    render_curriculum(sample_kit(lang), path)
    body = part(path, "word/document.xml")
    sizes = re.findall(r"<w:pgSz [^>]*/>", body)
    assert sizes and all('w:w="11906"' in s or 'w:w="16838"' in s for s in sizes)
    assert any('w:orient="landscape"' in s and 'w:w="16838"' in s for s in sizes)
    assert 'w:w="11906" w:h="16838"' in sizes[0] or 'w:h="16838"' in sizes[0]
    assert "TOC \\o" in body
    assert "<w:tblHeader/>" in body
    footers = "".join(
        part(path, n) for n in zipfile.ZipFile(path).namelist() if n.startswith("word/footer")
    )
    assert " PAGE " in footers and " NUMPAGES " in footers
    headers = "".join(
        part(path, n) for n in zipfile.ZipFile(path).namelist() if n.startswith("word/header")
    )
    assert sample_kit(lang).project.client in headers
    settings = part(path, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat")


def test_east_asian_fonts_and_language(tmp_path: Path) -> None:
    path = tmp_path / "c.docx"
    render_curriculum(sample_kit("zh"), path)
    styles = part(path, "word/styles.xml")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults and 'w:eastAsia="Microsoft YaHei"' in defaults.group(0)
    assert 'w:eastAsia="zh-CN"' in defaults.group(0)
    for style_id in ("Heading1", "Heading2", "Heading3", "Title"):
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
        assert style, style_id
        assert "Theme=" not in style.group(0) and "w:cstheme" not in style.group(0)
        assert "w:eastAsia=" in style.group(0)
    body = part(path, "word/document.xml")
    assert body.count("w:eastAsia=") > 50  # runs carry it too


def test_properties_fixed_and_free_of_python_docx(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    core = part(path, "docProps/core.xml")
    app = part(path, "docProps/app.xml")
    assert "python-docx" not in core + app
    assert "<dc:title>Three-tier training curriculum</dc:title>" in core
    assert f"<dc:creator>{kit.project.author}</dc:creator>" in core
    assert "2026-09-01T09:00:00Z" in core  # project start, not the clock
    assert "<cp:revision>1</cp:revision>" in core
    assert f"<Company>{kit.project.client}</Company>" in app
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(path).namelist()


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    render_curriculum(sample_kit("zh"), first)
    render_curriculum(sample_kit("zh"), second)
    assert first.read_bytes() == second.read_bytes()


def test_headings_are_real_headings(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    with path.open("rb") as handle:
        html = mammoth.convert_to_html(handle).value
    h1 = re.findall(r"<h1>(.*?)</h1>", html)
    h2 = re.findall(r"<h2>(.*?)</h2>", html)
    h3 = re.findall(r"<h3>(.*?)</h3>", html)
    assert all(a.name in h1 for a in kit.audiences)
    assert any("Session schedule" in h for h in h1)
    assert any(kit.tier_name("advanced") in h for h in h2)
    assert any(kit.courses[0].code in h for h in h3)


def _template(path: Path, *, drop: str | None = None) -> Path:
    doc = Document()
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    doc.sections[0].header.paragraphs[0].text = "CORP LETTERHEAD"
    doc.add_paragraph("Template body text that must not survive")
    if drop:
        style = doc.styles[drop].element
        style.getparent().remove(style)
    doc.save(str(path))
    return path


def test_corporate_template_style_and_header_carry_over(tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.docx")
    path = tmp_path / "c.docx"
    render_curriculum(sample_kit("zh"), path, template=template)
    styles = part(path, "word/styles.xml")
    heading = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S)
    assert heading and 'w:val="C00000"' in heading.group(0)
    assert "eastAsiaTheme" not in heading.group(0)
    headers = "".join(
        part(path, n) for n in zipfile.ZipFile(path).namelist() if n.startswith("word/header")
    )
    assert "CORP LETTERHEAD" in headers
    body = part(path, "word/document.xml")
    assert "Template body text" not in body
    assert 'w:w="11906"' in body  # A4 even from a Letter template


def test_template_without_needed_styles_is_an_input_error(tmp_path: Path) -> None:
    template = _template(tmp_path / "thin.docx", drop="Heading 3")
    with pytest.raises(InputError) as caught:
        render_curriculum(sample_kit("en"), tmp_path / "c.docx", template=template)
    message = str(caught.value)
    assert "Heading 3" in message and "thin.docx" in message
    assert not (tmp_path / "c.docx").exists()


def test_unknown_audience_or_tier_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        render_curriculum(
            sample_kit("en"), tmp_path / "c.docx", audiences=["pilots"], tiers=["expert"]
        )
    message = str(caught.value)
    assert "pilots" in message and "operators, managers" in message
    assert "expert" in message and "basic, advanced, self-support" in message


def _real_kit(lang: str) -> Kit:
    kit_module = pytest.importorskip("generator.kit")
    loader = pytest.importorskip("generator.packs.loader")
    project = pytest.importorskip("generator.project")
    pack = loader.load_pack("manufacturing")
    spec = project.ProjectSpec(pack="manufacturing", lang=lang, start=date(2026, 9, 1))
    return kit_module.build_kit(pack, spec, generator_version="test")  # type: ignore[no-any-return]


@pytest.mark.office
@pytest.mark.slow
def test_real_pack_in_both_languages(tmp_path: Path) -> None:
    try:
        kits = {lang: _real_kit(lang) for lang in ("en", "zh")}
    except (TypeError, AttributeError, FileNotFoundError) as err:  # builder API still moving
        pytest.skip(f"Kit builder not usable yet: {err}")
    files = []
    for lang, kit in kits.items():
        path = tmp_path / f"real-{lang}.docx"
        render_curriculum(kit, path)
        files.append(path)
    texts = office_text(files, tmp_path)
    for (lang, kit), path in zip(kits.items(), files):
        text = squash(texts[path])
        for tier in TIER_NAMES[lang].values():
            assert squash(tier) in text
        for course in kit.courses[:10]:
            assert squash(course.title) in text


def test_a_kit_without_sessions_or_window_still_renders(tmp_path: Path) -> None:
    from dataclasses import replace

    from generator.render.docx_curriculum import LABELS

    kit = replace(sample_kit("en"), sessions=(), training_window=None, support=())
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert LABELS["en"]["schedule_none"] in texts

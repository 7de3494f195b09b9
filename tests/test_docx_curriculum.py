"""The training curriculum: structure in the XML, text through LibreOffice, fonts, filters."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import mammoth
import pytest
from docx import Document
from docx.shared import RGBColor

from generator.errors import InputError
from generator.kit_model import TIER_NAMES
from generator.render.docx_curriculum import render_curriculum
from tests import docx_checks
from tests.docx_checks import part, parts, squash
from tests.office import office_text
from tests.sample_kit import sample_kit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Curricula in both languages, full and filtered (and the real pack's, when the slow test
    runs), converted to PDF in one soffice call."""
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
    real = []
    if docx_checks.runs_slow_test(request):
        with contextlib.suppress(pytest.skip.Exception):  # the slow test skips on its own
            real = docx_checks.real_pack_files(render_curriculum, out, "real")
    texts = office_text([*files.values(), *(path for _, _, path in real)], out)
    return {
        "files": files,
        "texts": {k: texts[v] for k, v in files.items()},
        "out": out,
        "real": [(lang, kit, squash(texts[path])) for lang, kit, path in real],
    }


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
        h1 = re.findall(
            r'<h1>(?:<a id="[^"]*"></a>)*(.*?)</h1>', mammoth.convert_to_html(handle).value
        )
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
    pdf = rendered["out"] / "pdf" / f"{rendered['files']['zh'].stem}.pdf"  # the fixture's PDF
    docx_checks.assert_embeds_cjk_font(pdf)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_setup_fields_and_header_rows(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "c.docx"
    kit = sample_kit(lang)
    render_curriculum(kit, path)
    docx_checks.assert_print_layout(path, kit)
    assert kit.project.client in parts(path, "word/header")


def test_east_asian_fonts_and_language(tmp_path: Path) -> None:
    path = tmp_path / "c.docx"
    render_curriculum(sample_kit("zh"), path)
    styles = part(path, "word/styles.xml")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults and 'w:eastAsia="Microsoft YaHei"' in defaults.group(0)
    assert 'w:eastAsia="zh-CN"' in defaults.group(0)
    for style_id in ("Heading1", "Heading2", "Heading3", "Title"):
        style = docx_checks.style_xml(styles, style_id)
        assert "Theme=" not in style and "w:cstheme" not in style, style_id
        assert "w:eastAsia=" in style, style_id
    body = part(path, "word/document.xml")
    assert body.count("w:eastAsia=") > 50  # runs carry it too


def test_properties_fixed_and_free_of_python_docx(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    docx_checks.assert_fixed_properties(path, kit)
    assert "<dc:title>Three-tier training curriculum</dc:title>" in part(path, "docProps/core.xml")


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    docx_checks.assert_same_bytes(render_curriculum, lambda: sample_kit("zh"), tmp_path)


def test_headings_are_real_headings(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    with path.open("rb") as handle:
        html = mammoth.convert_to_html(handle).value
    h1 = re.findall(r'<h1>(?:<a id="[^"]*"></a>)*(.*?)</h1>', html)
    h2 = re.findall(r'<h2>(?:<a id="[^"]*"></a>)*(.*?)</h2>', html)
    h3 = re.findall(r'<h3>(?:<a id="[^"]*"></a>)*(.*?)</h3>', html)
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
    heading = docx_checks.style_xml(styles, "Heading1")
    assert 'w:val="C00000"' in heading
    assert "eastAsiaTheme" not in heading
    assert "CORP LETTERHEAD" in parts(path, "word/header")
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


@pytest.mark.office
@pytest.mark.slow
def test_real_pack_in_both_languages(rendered: dict[str, Any], tmp_path: Path) -> None:
    real = rendered["real"] or docx_checks.real_pack_texts(render_curriculum, tmp_path, "real")
    for lang, kit, text in real:
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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hours_warning_only_for_the_whole_curriculum_of_an_audience(
    tmp_path: Path, lang: str
) -> None:
    """The hours target is for all tiers: a tier edition never compares one tier with it."""
    from generator.render.docx_waves import hours_warning

    kit = sample_kit(lang)  # operators: 2.5 h in basic + self-support, target 24-40 h
    lead = (hours_warning(lang, 1.0, 24, 40) or "").split("1 ")[0]

    def warnings(name: str, audiences: list[str], tiers: list[str] | None = None) -> list[str]:
        path = tmp_path / name
        render_curriculum(kit, path, audiences=audiences, tiers=tiers)
        return [p.text for p in Document(str(path)).paragraphs if p.text.startswith(lead)]

    assert len(warnings("full.docx", audiences=["operators"])) == 1
    assert warnings("basic.docx", audiences=["operators"], tiers=["basic"]) == []
    assert len(warnings("both.docx", tiers=["basic", "self-support"], audiences=["operators"])) == 1


def test_course_tables_keep_together_and_with_the_next(tmp_path: Path) -> None:
    """A course's facts table keeps with its modules table; the modules table keeps
    together (every row's paragraphs but the last row's keep with the next)."""
    kit = sample_kit("en")
    path = tmp_path / "c.docx"
    render_curriculum(kit, path)
    doc = Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def keeps(row: Any) -> list[bool]:
        return [p.find(f"{w}pPr/{w}keepNext") is not None for p in row.iter(f"{w}p")]

    checked = 0
    for table in doc.tables:
        first, second = (c.text for c in table.rows[0].cells[:2])
        rows = [r._tr for r in table.rows]
        if first == "Code" and second != "Course":  # a course's facts: all keep with the next
            assert all(all(keeps(r)) for r in rows)
            checked += 1
        elif first == "#":  # modules: all but the last row
            assert all(all(keeps(r)) for r in rows[:-1])
            assert not any(keeps(rows[-1]))
            checked += 1
        else:
            assert not any(any(keeps(r)) for r in rows)
    assert checked >= 2 * len(kit.courses) - 1

"""The project charter: content through LibreOffice, Word structure, fonts, template, bytes."""

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
from generator.render.docx_charter import LABELS, render_charter
from tests import docx_checks
from tests.docx_checks import part, parts, squash
from tests.office import pdf_text, soffice_convert
from tests.sample_kit import sample_kit


@pytest.fixture(scope="module")
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Charters in both languages (and the real pack's, when the slow test runs) printed to PDF
    in one soffice call."""
    out = tmp_path_factory.mktemp("charter")
    files = {lang: out / f"charter-{lang}.docx" for lang in ("en", "zh")}
    for lang, path in files.items():
        render_charter(sample_kit(lang), path)
    real = []
    if docx_checks.runs_slow_test(request):
        with contextlib.suppress(pytest.skip.Exception):  # the slow test skips on its own
            real = docx_checks.real_pack_files(render_charter, out, "real-charter")
    docs = [*files.values(), *(path for _, _, path in real)]
    pdfs = soffice_convert(docs, "pdf", out / "pdf")  # one soffice call
    texts = {doc: pdf_text(pdf) for doc, pdf in zip(docs, pdfs)}
    return {
        "files": files,
        "pdfs": dict(zip(files, pdfs)),
        "texts": {lang: texts[path] for lang, path in files.items()},
        "real": [(lang, kit, squash(texts[path])) for lang, kit, path in real],
    }


@pytest.mark.office
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charter_text_covers_every_section(rendered: dict[str, Any], lang: str) -> None:
    kit = sample_kit(lang)
    lab = LABELS[lang]
    text = squash(rendered["texts"][lang])
    for key in (
        "objectives",
        "scope",
        "governance",
        "steering",
        "ccb",
        "jwg",
        "timeline",
        "freeze",
        "risks",
        "communication",
        "approval",
    ):
        assert squash(lab[key]) in text, key
    assert squash(kit.project.client) in text
    for system in kit.project.systems:
        assert system in text
    for phase in kit.phases:
        assert squash(phase.name) in text
    # freeze dates and the milestones
    assert kit.freeze is not None
    assert squash(kit.freeze.start.isoformat()) in text
    assert squash(kit.freeze.end.isoformat()) in text
    # the plan's development-start milestone date is named as such (one date, both documents)
    development = kit.task(kit.freeze.development_task)
    assert squash(lab["development_milestone"]) + squash(development.finish.isoformat()) in text
    assert squash(kit.gates[0].name) in text
    assert squash(kit.tasks[2].name) in text  # prototype sign-off milestone
    # top risk, interface person, ceremonies, sign-off roles
    assert squash(kit.risks[0].title) in text
    assert squash(kit.stakeholders[0].name) in text
    for ceremony in kit.ceremonies:
        assert squash(ceremony.name) in text
    for role in ("sponsor", "client-project-manager", "project-manager"):
        assert squash(lab[role]) in text


@pytest.mark.office
def test_chinese_charter_embeds_a_cjk_font(rendered: dict[str, Any]) -> None:
    docx_checks.assert_embeds_cjk_font(rendered["pdfs"]["zh"])


def test_top_risks_are_the_ten_highest_scores(tmp_path: Path) -> None:
    from dataclasses import replace

    kit = sample_kit("en")
    base = kit.risks[0]
    risks = tuple(
        replace(
            base,
            id=f"r{i:02d}",
            title=f"Risk number {i:02d}",
            likelihood=1 + i % 5,
            impact=1 + (i * 3) % 5,
        )
        for i in range(25)
    )
    kit = replace(kit, risks=risks)
    path = tmp_path / "c.docx"
    render_charter(kit, path)
    with path.open("rb") as handle:
        html = mammoth.convert_to_html(handle).value
    shown = set(re.findall(r"Risk number (\d\d)", html))
    ranked = sorted(risks, key=lambda r: (-r.score, r.id))
    assert shown == {r.id[1:] for r in ranked[:10]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_word_structure(tmp_path: Path, lang: str) -> None:
    kit = sample_kit(lang)
    path = tmp_path / "c.docx"
    render_charter(kit, path)
    docx_checks.assert_print_layout(path, kit)
    docx_checks.assert_fixed_properties(path, kit)
    with path.open("rb") as handle:
        html = mammoth.convert_to_html(handle).value
    h1 = re.findall(r'<h1>(?:<a id="[^"]*"></a>)*(.*?)</h1>', html)
    assert LABELS[lang]["freeze"] in h1 and LABELS[lang]["approval"] in h1
    assert LABELS[lang]["jwg"] in re.findall(r'<h2>(?:<a id="[^"]*"></a>)*(.*?)</h2>', html)


def test_chinese_fonts_and_language(tmp_path: Path) -> None:
    path = tmp_path / "c.docx"
    render_charter(sample_kit("zh"), path)
    styles = part(path, "word/styles.xml")
    assert re.search(r'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"', styles)
    assert styles.count("Theme=") == 0 and styles.count("w:cstheme") == 0
    assert 'w:eastAsia="Microsoft YaHei"' in docx_checks.style_xml(styles, "Heading1")


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    docx_checks.assert_same_bytes(render_charter, lambda: sample_kit("en"), tmp_path)


def test_corporate_template(tmp_path: Path) -> None:
    template = tmp_path / "corp.docx"
    doc = Document()
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x40)
    doc.sections[0].footer.paragraphs[0].text = "Confidential - Corp"
    doc.save(str(template))
    path = tmp_path / "c.docx"
    render_charter(sample_kit("en"), path, template=template)
    styles = part(path, "word/styles.xml")
    assert 'w:val="008040"' in docx_checks.style_xml(styles, "Heading1")
    assert "Confidential - Corp" in parts(path, "word/footer")


def test_template_lacking_styles_names_them_and_the_file(tmp_path: Path) -> None:
    template = tmp_path / "bare.docx"
    doc = Document()
    for name in ("Title", "Table Grid"):
        element = doc.styles[name].element
        element.getparent().remove(element)
    doc.save(str(template))
    with pytest.raises(InputError) as caught:
        render_charter(sample_kit("en"), tmp_path / "c.docx", template=template)
    message = str(caught.value)
    assert "'Title'" in message and "'Table Grid'" in message and "bare.docx" in message


@pytest.mark.office
@pytest.mark.slow
def test_real_pack_in_both_languages(rendered: dict[str, Any], tmp_path: Path) -> None:
    real = rendered["real"] or docx_checks.real_pack_texts(render_charter, tmp_path, "real-charter")
    for lang, kit, text in real:
        top = sorted(kit.risks, key=lambda r: (-r.score, r.id))[:10]
        for risk in top:
            assert squash(risk.title) in text
        for gate in kit.gates:
            assert squash(gate.name) in text
        assert squash(LABELS[lang]["approval"]) in text


def test_sparse_template_without_optional_styles(tmp_path: Path) -> None:
    """Header, Footer, TOC Heading and List Bullet are optional: fall back, never crash."""
    template = tmp_path / "sparse.docx"
    doc = Document()
    for name in ("Header", "Footer", "Header Char", "Footer Char", "TOC Heading", "List Bullet"):
        element = doc.styles[name].element
        element.getparent().remove(element)
    doc.save(str(template))
    path = tmp_path / "c.docx"
    render_charter(sample_kit("zh"), path, template=template)
    reopened = Document(str(path))
    texts = [p.text for p in reopened.paragraphs]
    assert "目录" in texts  # the contents title without the TOC Heading style
    assert any(t.startswith("• ") for t in texts)  # bullets without List Bullet
    assert " NUMPAGES " in parts(path, "word/footer")


def test_a_kit_without_optional_parts_still_renders(tmp_path: Path) -> None:
    from dataclasses import replace

    kit = sample_kit("zh")
    kit = replace(
        kit,
        freeze=None,
        risks=(),
        ceremonies=(),
        gates=(),
        stakeholders=(),
        migration=(),
        anchors=(),
        project=replace(kit.project, go_live=None, author=""),
    )
    path = tmp_path / "c.docx"
    render_charter(kit, path)
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert LABELS["zh"]["freeze_none"] in texts

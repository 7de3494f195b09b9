"""``implkit curriculum`` and ``implkit charter`` end to end on the built-in manufacturing pack."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from docx import Document

from generator.cli import cli

ANSWERS = ["--start", "2026-09-01", "--client", "Acme", "--users", "300"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_curriculum_writes_the_document_and_the_workbook_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "training-curriculum.docx"
    code, output = run("curriculum", "manufacturing", *ANSWERS, "--lang", "zh", "-o", str(target))
    assert code == 0, output
    assert target.is_file() and (tmp_path / "training-matrix.xlsx").is_file()
    with zipfile.ZipFile(target) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "基础操作" in body and "进阶应用" in body and "自助支持" in body
    assert "已写入" in output and "training-matrix.xlsx" in output  # the summary speaks --lang
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_curriculum_filters_and_xlsx_only(tmp_path: Path) -> None:
    target = tmp_path / "managers.xlsx"
    code, output = run(
        "curriculum",
        "manufacturing",
        *ANSWERS,
        "--audiences",
        "managers",
        "--tiers",
        "basic,advanced",
        "-o",
        str(target),
    )
    assert code == 0, output
    assert [p.name for p in tmp_path.iterdir()] == ["managers.xlsx"]
    wb = openpyxl.load_workbook(target)
    matrix = wb.worksheets[0]
    header = next(r for r in matrix.iter_rows(values_only=True) if r and r[0] == "Code")
    assert header[5:] == ("Managers",)
    tiers = {r[2] for r in matrix.iter_rows(min_row=4, values_only=True) if r[0] and r[2]}
    assert tiers <= {"Basic operations", "Advanced application"}


def test_unknown_audience_and_tier_exit_2_listing_valid_ones(tmp_path: Path) -> None:
    target = tmp_path / "c.docx"
    code, output = run(
        "curriculum", "manufacturing", *ANSWERS, "--audiences", "pilots", "-o", str(target)
    )
    assert code == 2
    assert "pilots" in output and "daily-users" in output and "super-users" in output
    code, output = run(
        "curriculum", "manufacturing", *ANSWERS, "--tiers", "expert", "-o", str(target)
    )
    assert code == 2 and "basic, advanced, self-support" in output
    assert not target.exists()


def test_charter_from_a_corporate_template(tmp_path: Path) -> None:
    template = tmp_path / "corp.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "ACME CORP"
    doc.save(str(template))
    target = tmp_path / "charter.docx"
    code, output = run(
        "charter", "manufacturing", *ANSWERS, "--docx-template", str(template), "-o", str(target)
    )
    assert code == 0, output
    with zipfile.ZipFile(target) as archive:
        headers = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if "header" in n
        )
    assert "ACME CORP" in headers


def test_charter_template_missing_styles_exit_2(tmp_path: Path) -> None:
    template = tmp_path / "plain.docx"
    doc = Document()
    element = doc.styles["Heading 2"].element
    element.getparent().remove(element)
    doc.save(str(template))
    target = tmp_path / "charter.docx"
    code, output = run(
        "charter", "manufacturing", *ANSWERS, "--docx-template", str(template), "-o", str(target)
    )
    assert code == 2
    assert "Heading 2" in output and "plain.docx" in output
    assert not target.exists()


def test_missing_output_folder_is_exit_2(tmp_path: Path) -> None:
    code, output = run("charter", "manufacturing", "-o", str(tmp_path / "nope" / "c.docx"))
    assert code == 2 and "does not exist" in output

"""``implkit lessons harvest``: real kits (made by ``implkit new``), real packs, real YAML."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.lessons.harvest import harvest, slug
from generator.lessons.register import read_register
from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from tests import kits
from tests.lessons_fixtures import RECORDED, add_register

PACKS = Path(__file__).parents[1] / "industry_packs"
TODAY = date(2027, 4, 1)
NEW_LESSON = {
    "phase": "Deploy",
    "title": "Label printers need drivers on the shop-floor image",
    "trigger": "Printers missing from the image two weeks before cutover",
    "pitfall": "Labels could not print on day one.",
    "advice": "Put the printer drivers in the shop-floor PC image and print a label per line "
    "at the dress rehearsal.",
    "share": "Yes",
    "recorded": RECORDED,
}
NEW_ID = "mfg.lesson-label-printers-need-drivers-on-the-shop-floor"


@pytest.fixture(scope="module")
def kit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A manufacturing kit made as ``implkit new`` makes it (copied per test)."""
    out = tmp_path_factory.mktemp("kits") / "acme"
    return kits.pristine_api(out, "manufacturing", client="Acme Motors")


@pytest.fixture()
def kit(kit_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kits" / "acme"
    shutil.copytree(kit_template, target)
    return target


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "packs" / "manufacturing"
    shutil.copytree(PACKS / "manufacturing", target)
    return target


def _plan(kit: Path) -> Path:
    return kit / "plan" / "project-plan.xlsx"


def test_dry_run_shows_the_diff_and_writes_nothing(kit: Path, pack: Path) -> None:
    add_register(_plan(kit), [NEW_LESSON])
    before = (pack / "lessons.yaml").read_bytes()
    result = CliRunner().invoke(
        cli, ["lessons", "harvest", str(kit), "--into", str(pack), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "+++ b/lessons.yaml" in result.output
    assert f"+  - id: {NEW_ID}" in result.output
    assert (pack / "lessons.yaml").read_bytes() == before


def test_round_trip_harvest_validate_build(kit: Path, pack: Path) -> None:
    """Harvest into a copy of the pack, validate it, build a kit from it, find the lesson."""
    from generator.kit import build_kit
    from generator.project import load_project

    add_register(
        _plan(kit),
        [
            {
                "id": "mfg.lesson-params-by-production",
                "phase": "Realize",
                "title": "Process parameters belong to production",
                "notes": "Happened again on line 3",
                "share": "Yes",
                "recorded": RECORDED,
            },
            {"id": "base.lesson-data-early", "phase": "Explore", "title": "x", "share": "yes"},
            NEW_LESSON,
            {"title": "Kept in the project", "advice": "a", "pitfall": "b", "share": "No"},
        ],
    )
    original = (pack / "lessons.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(kit), "--into", str(pack)])
    assert result.exit_code == 0, result.output
    text = (pack / "lessons.yaml").read_text(encoding="utf-8")
    # round trip: every original line (comments, quoting, blank lines) is still there, in order
    lines = iter(text.splitlines())
    assert all(any(line == seen for seen in lines) for line in original.splitlines())
    assert "Kept in the project" not in text
    assert f"\n\n  - id: {NEW_ID}\n" in text  # spaced like the file's other entries

    report = validate_paths([pack])
    assert report.ok, report.errors
    resolved = load_pack(pack)
    lessons = {located.item.id: located.item for located in resolved.lessons}
    new = lessons[NEW_ID]
    assert new.phase == "deploy"
    assert new.title.en == NEW_LESSON["title"]  # type: ignore[union-attr]
    assert [p.date for p in new.provenance] == ["2027-03-15"]
    assert new.provenance[0].client == "Acme Motors"
    confirmed = lessons["mfg.lesson-params-by-production"]
    assert confirmed.provenance[0].note == "Happened again on line 3"
    inherited = lessons["base.lesson-data-early"]
    assert inherited.advice.zh  # type: ignore[union-attr]  # the parent's texts stay
    assert inherited.provenance[0].phase == "explore"
    assert "Kept in the project" not in {i.item.title for i in resolved.lessons}

    spec = load_project(kit / "project.yaml").resolved(resolved)
    built = build_kit(resolved, spec, generator_version="test")
    found = [lesson for lesson in built.lessons if lesson.id == NEW_ID]
    assert found and found[0].title == NEW_LESSON["title"]


def test_two_kits_sharing_one_lesson_merge_by_id(kit: Path, pack: Path) -> None:
    """A folder of kits: the same lesson from two projects is one entry with two provenances."""
    add_register(_plan(kit), [NEW_LESSON])
    second = kit.parent / "beta"
    shutil.copytree(kit, second)
    project = second / "project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("Acme Motors", "Beta Pumps"),
        encoding="utf-8",
    )
    result = harvest([kit.parent], pack, today=TODAY)
    assert result.kits == 2
    assert result.added == [NEW_ID]
    text = (pack / "lessons.yaml").read_text(encoding="utf-8")
    assert text.count(f"id: {NEW_ID}") == 1
    item = next(i.item for i in load_pack(pack).lessons if i.item.id == NEW_ID)
    assert sorted(p.client for p in item.provenance) == ["Acme Motors", "Beta Pumps"]

    again = harvest([kit.parent], pack, today=TODAY)  # the same projects again: no change
    assert again.files == [] and again.diff == ""
    assert (pack / "lessons.yaml").read_text(encoding="utf-8") == text


def test_a_chinese_kit_translates_an_english_harvest(kit: Path, pack: Path) -> None:
    add_register(_plan(kit), [NEW_LESSON])
    harvest([kit], pack, today=TODAY)
    zh_kit = kit.parent / "zh"
    shutil.copytree(kit, zh_kit)
    project = zh_kit / "project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8")
        .replace("lang: en", "lang: zh")
        .replace("Acme Motors", "Zhong Motors"),
        encoding="utf-8",
    )
    add_register(
        _plan(zh_kit),
        [
            {
                "id": NEW_ID,
                "phase": "部署上线",
                "title": "标签打印机驱动要装进车间电脑镜像",
                "advice": "把打印机驱动放进车间电脑镜像，切换彩排时每条线打印一张标签。",
                "share": "是",
            }
        ],
        lang="zh",
        names=False,  # found by the zh title and headers alone
    )
    result = harvest([zh_kit], pack, today=TODAY)
    assert result.merged == [NEW_ID]
    item = next(i.item for i in load_pack(pack).lessons if i.item.id == NEW_ID)
    assert item.title.en == NEW_LESSON["title"]  # type: ignore[union-attr]
    assert item.title.zh == "标签打印机驱动要装进车间电脑镜像"  # type: ignore[union-attr]
    assert item.pitfall.zh is None  # type: ignore[union-attr]  # still to translate
    assert len(item.provenance) == 2


def test_register_read_by_title_and_zh_headers(kit: Path) -> None:
    add_register(
        _plan(kit),
        [{"title": "标题", "pitfall": "经过", "advice": "建议", "share": "是"}, {"title": "b"}],
        lang="zh",
        names=False,
    )
    rows = read_register(_plan(kit))
    assert [(r.title, r.share) for r in rows] == [("标题", True), ("b", False)]
    assert rows[0].row == 4


def test_a_shared_row_without_advice_is_exit_2_and_nothing_written(kit: Path, pack: Path) -> None:
    add_register(_plan(kit), [NEW_LESSON, {"title": "Half a lesson", "share": "Yes"}])
    before = (pack / "lessons.yaml").read_bytes()
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(kit), "--into", str(pack)])
    assert result.exit_code == 2
    assert "project-plan.xlsx:5:0: sheet 'Lessons' row 5" in result.output
    assert "What to do instead" in result.output
    assert "Traceback" not in result.output
    assert (pack / "lessons.yaml").read_bytes() == before


def test_a_bad_id_and_a_folder_without_kits_are_exit_2(
    kit: Path, pack: Path, tmp_path: Path
) -> None:
    add_register(_plan(kit), [{**NEW_LESSON, "id": "Bad Id!"}])
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(kit), "--into", str(pack)])
    assert result.exit_code == 2
    assert "'Bad Id!' is not a valid id" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(empty), "--into", str(pack)])
    assert result.exit_code == 2
    assert "no project.yaml here" in result.output


def test_a_kit_without_register_is_exit_2(kit: Path, pack: Path) -> None:
    from openpyxl import load_workbook

    from generator.sheets.knowledge import LESSONS

    workbook = load_workbook(_plan(kit))
    for title in LESSONS.titles():
        if title in workbook.sheetnames:
            del workbook[title]
    workbook.save(_plan(kit))
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(kit), "--into", str(pack)])
    assert result.exit_code == 2
    assert "has no lessons register" in result.output


def test_crlf_files_stay_crlf(kit: Path, pack: Path) -> None:
    path = pack / "lessons.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    add_register(_plan(kit), [NEW_LESSON])
    harvest([kit], pack, today=TODAY)
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert NEW_ID.encode() in data


def test_slugs() -> None:
    assert slug("Label printers: drivers!") == "label-printers-drivers"
    assert slug("标签打印机") == "biao-qian-da-yin-ji"
    assert len(slug("word " * 40)) <= 48


def test_an_unknown_phase_is_exit_2_with_the_phases(kit: Path, pack: Path) -> None:
    add_register(_plan(kit), [{**NEW_LESSON, "phase": "Nowhere"}])
    result = CliRunner().invoke(cli, ["lessons", "harvest", str(kit), "--into", str(pack)])
    assert result.exit_code == 2
    assert "'Nowhere' is not a phase of the pack; use one of: Prepare, Explore" in result.output


def test_who_shared_a_lesson_survives_a_rebuild_and_reaches_the_pack(kit: Path, pack: Path) -> None:
    """The Lessons sheet has a Shared by column of the team's; a name typed there is kept by
    the rebuild and recorded by the harvest as the provenance's ``by`` (a row without a name
    records none)."""
    from openpyxl import load_workbook

    from generator.sheets.knowledge import LESSONS

    book = load_workbook(_plan(kit))
    sheet = book[LESSONS.title("en")]
    header, columns = next(
        (row[0].row, {cell.value: cell.column for cell in row})
        for row in sheet.iter_rows(max_row=10)
        if "Shared by" in [cell.value for cell in row]
    )
    first = header + 1
    lesson_id = sheet.cell(first, columns["Id"]).value
    assert lesson_id and sheet.cell(first + 1, columns["Id"]).value
    sheet.cell(first, columns["Shared by"], "Li Wei")
    for number in (first, first + 1):
        sheet.cell(number, columns["Share with pack"], "Yes")
        sheet.cell(number, columns["Recorded on"], RECORDED)
    book.save(_plan(kit))
    book.close()

    result = CliRunner().invoke(cli, ["build", str(kit)])
    assert result.exit_code == 0, result.output
    rows = {r.id: r for r in read_register(_plan(kit))}
    assert rows[lesson_id].shared_by == "Li Wei" and rows[lesson_id].share

    harvest([kit], pack, today=TODAY)
    lessons = {located.item.id: located.item for located in load_pack(pack).lessons}
    provenances = [p for item in lessons.values() for p in item.provenance]
    assert [p.by for p in lessons[lesson_id].provenance] == ["Li Wei"]
    assert sorted(p.by for p in provenances if p.date == RECORDED.isoformat()) == ["", "Li Wei"]

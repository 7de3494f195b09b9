"""``implkit lessons board``: lessons harvested from two real kits by two people, counted back
from the packs (per person, per pack, over a period), printed, as JSON and as a workbook read
back with openpyxl and LibreOffice, in English and Chinese; bad input refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import cli
from generator.errors import InputError
from generator.lessons.harvest import harvest
from tests import kits
from tests.lessons_fixtures import RECORDED, add_register
from tests.test_lessons_harvest import NEW_ID, NEW_LESSON, PACKS, TODAY

PARAMS = {
    "id": "mfg.lesson-params-by-production",
    "phase": "Realize",
    "title": "Process parameters belong to production",
    "share": "Yes",
    "recorded": RECORDED.replace(month=1, day=10),
    "shared_by": "Li Wei",
}
LATER = RECORDED.replace(day=20)


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Kit Acme (Li Wei: two lessons) and kit Beta (Zhang San: the label lesson again and
    the base pack's data lesson) harvested into copies of the manufacturing and base packs
    (made once per run, shared with test_lessons_board_html; each module gets a copy)."""
    root = kits.cached_tree(
        tmp_path_factory.mktemp("board") / "board", "lessons-board-harvested", _harvest
    )
    return {
        "root": root,
        "acme": root / "kits" / "acme",
        "mfg": root / "packs" / "manufacturing",
        "base": root / "packs" / "base",
    }


def _harvest(root: Path) -> None:
    (root / "kits").mkdir()
    acme = root / "kits" / "acme"
    kits.pristine_api(acme, "manufacturing", client="Acme Motors")
    beta = root / "kits" / "beta"
    shutil.copytree(acme, beta)
    spec = (beta / "project.yaml").read_text(encoding="utf-8")
    spec = spec.replace('"Acme Motors ERP+MES Implementation"', '"Beta Foods MES"')
    (beta / "project.yaml").write_text(spec.replace('"Acme Motors"', '"Beta Foods"'), "utf-8")
    plan = Path("plan") / "project-plan.xlsx"
    add_register(acme / plan, [{**NEW_LESSON, "shared_by": "Li Wei"}, PARAMS])
    add_register(
        beta / plan,
        [
            {**NEW_LESSON, "shared_by": " zhang san ", "recorded": LATER},
            {
                "id": "base.lesson-data-early",
                "phase": "Explore",
                "title": "x",
                "share": "yes",
                "recorded": LATER,
                "shared_by": "Zhang San",
            },
        ],
    )
    mfg = root / "packs" / "manufacturing"
    shutil.copytree(PACKS / "manufacturing", mfg)
    base = root / "packs" / "base"
    shutil.copytree(PACKS / "base", base)
    harvest([acme, beta], mfg, today=TODAY)
    # the base pack receives Beta's rows too: its own lesson and a new one
    harvest([beta], base, today=TODAY)


def _people(data: dict) -> dict[str, tuple[int, int, int]]:
    return {p["person"]: (p["contributions"], p["lessons"], p["projects"]) for p in data["people"]}


def test_counts_per_person_and_pack(harvested: dict[str, Path]) -> None:
    data = api.lessons_board([harvested["base"], harvested["mfg"]]).data
    # Li Wei: the label lesson and the parameters lesson (Acme) into manufacturing.
    # Zhang San (spelled " zhang san " once): the label lesson into manufacturing and base,
    # the data lesson into base; manufacturing's override of it repeats base's entry and
    # counts once, for the first pack given.
    assert _people(data) == {"Li Wei": (2, 2, 1), "zhang san": (3, 3, 1)}
    packs = {p["pack"]: (p["contributions"], p["lessons"], p["people"]) for p in data["packs"]}
    assert packs == {"base": (2, 2, 1), "manufacturing": (3, 2, 2)}
    assert data["total"] == 5
    label = [c for c in data["contributions"] if c["lesson"] == NEW_ID]
    assert {(c["project"], c["client"], c["date"]) for c in label} == {
        ("Acme Motors ERP+MES Implementation", "Acme Motors", RECORDED.isoformat()),
        ("Beta Foods MES", "Beta Foods", LATER.isoformat()),
    }
    # the whole folder of packs reads the same packs
    assert api.lessons_board([harvested["root"] / "packs"]).data["total"] == 5


def test_the_period_keeps_contributions_recorded_in_it(harvested: dict[str, Path]) -> None:
    data = api.lessons_board([harvested["mfg"]], start="2027-03-01", end="2027-03-15").data
    assert _people(data) == {"Li Wei": (1, 1, 1)}
    assert (data["from"], data["to"]) == ("2027-03-01", "2027-03-15")
    data = api.lessons_board([harvested["mfg"]], start=LATER).data
    assert _people(data) == {"zhang san": (2, 2, 1)}
    data = api.lessons_board([harvested["mfg"]], end="2027-01-10").data
    assert [c["lesson"] for c in data["contributions"]] == [PARAMS["id"]]


def test_console_and_json(harvested: dict[str, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["lessons", "board", str(harvested["mfg"]), "--from", "2027-03-01"])
    assert result.exit_code == 0, result.output
    assert "2027-03-01 to (open): 3 contributions." in result.output
    lines = result.output.splitlines()
    assert any(line.split()[:3] == ["Li", "Wei", "1"] for line in lines)
    result = runner.invoke(cli, ["lessons", "board", str(harvested["mfg"]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == api.lessons_board([harvested["mfg"]]).data
    assert data["total"] == 4 and data["from"] is None


def test_chinese_output(harvested: dict[str, Path]) -> None:
    result = CliRunner().invoke(
        cli, ["lessons", "board", str(harvested["mfg"]), "--lang", "zh", "--to", "2027-01-31"]
    )
    assert result.exit_code == 0, result.output
    assert "经验教训贡献榜" in result.output and "分享人" in result.output
    assert "离散与流程制造" in result.output or "制造" in result.output


@pytest.fixture(scope="module")
def boards(harvested: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Language -> (the ``lessons board`` run, the workbook it was asked to write)."""
    root = tmp_path_factory.mktemp("boards")
    runs = {}
    for lang in ("en", "zh"):
        out = root / lang / "out" / "board.xlsx"
        result = CliRunner().invoke(
            cli,
            [
                "lessons",
                "board",
                str(harvested["base"]),
                str(harvested["mfg"]),
                "-o",
                str(out),
                "--lang",
                lang,
            ],
        )
        runs[lang] = (result, out)
    return runs


@pytest.fixture(scope="module")
def board_texts(boards: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Language -> the board workbook's text as LibreOffice prints it: both languages in
    one soffice run (each start costs ~2.5 CPU-s), copied under names that tell them apart."""
    from tests.office import office_text

    root = tmp_path_factory.mktemp("board-pdf")
    copies = {}
    for lang, (_, out) in boards.items():
        copies[lang] = root / f"board-{lang}.xlsx"
        shutil.copyfile(out, copies[lang])
    texts = office_text(list(copies.values()), root)
    return {lang: texts[copy] for lang, copy in copies.items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_workbook_read_back(
    boards: dict[str, Any], lang: str, request: pytest.FixtureRequest
) -> None:
    from openpyxl import load_workbook

    from tests.office import require_office

    result, out = boards[lang]
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["board.html", "board.xlsx"]
    book = load_workbook(out)
    people, packs, contributions = book.worksheets
    rows = [r for r in people.iter_rows(values_only=True) if r[0] in ("Li Wei", "zhang san")]
    assert sorted(r[:4] for r in rows) == [("Li Wei", 2, 2, 1), ("zhang san", 3, 3, 1)]
    counts = [r[1] for r in packs.iter_rows(min_row=5, values_only=True) if r[0]]
    assert counts == [2, 3]
    dates = [r[0] for r in contributions.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(dates) == 5 and max(dates).date() == LATER
    if lang == "zh":
        assert people.title == "按人员" and people["A1"].value == "经验教训贡献榜"
    require_office()
    text = request.getfixturevalue("board_texts")[lang]
    assert "zhang san" in text and "Li Wei" in text
    assert ("分享人" if lang == "zh" else "Person") in text


def test_bad_input_is_exit_2_and_writes_nothing(harvested: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "board.xlsx"
    for args, message in (
        ([str(harvested["acme"])], "run `implkit lessons harvest"),
        ([str(tmp_path)], "no pack here or in its sub-folders"),
        ([str(harvested["mfg"]), "--from", "2027-02-30"], "'2027-02-30' is not a date"),
        ([str(harvested["mfg"]), "--from", "2027-03-02", "--to", "2027-03-01"], "after --to"),
    ):
        result = runner.invoke(cli, ["lessons", "board", *args, "-o", str(out)])
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
        assert not out.exists() and list(tmp_path.iterdir()) == []
    result = runner.invoke(cli, ["lessons", "board", str(harvested["mfg"]), "-o", "b.csv"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.output
    with pytest.raises(InputError) as err:
        api.lessons_board([harvested["acme"]])
    assert str(harvested["acme"]) in str(err.value)

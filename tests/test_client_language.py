"""Chinese kits a client can receive as they are: each kind of fault, with a test.

The kits here are real: ``implkit new`` on the built-in packs, read back with
python-docx and openpyxl as generated.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import cli
from generator.kit_model import Kit
from tests.client_text import docx_texts, english_in_kit, english_words, kit_ids
from tests.kits import pristine

START = ("--start", "2026-03-02")


def _new(folder: Path, *args: str) -> Path:
    result = CliRunner().invoke(cli, ["new", *args, *START, "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def zh_kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Kit]:
    folder = _new(
        tmp_path_factory.mktemp("zh") / "kit",
        "manufacturing",
        "--lang",
        "zh",
        "--client",
        "华东精密制造",
        "--sites",
        "2",
    )
    kit = api.load_kit(folder).kit
    return folder, kit


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{word}: {places[0]} (+{len(places) - 1})" for word, places in found.items())


def test_scanner_finds_english_and_spares_ids_and_standard_names() -> None:
    allowed = {"base.kickoff", "prepare"}
    assert english_words("migration template，全量") == ["migration", "template"]
    assert english_words("原 ERP / COMPANY / WAREHOUSE") == []
    assert english_words("base.kickoff FS; mfg.operator-basic#7/1") == []
    assert english_words("prepare", allowed) == []
    assert english_words("FHIR R4、HL7 v2、UAT、KPIs、Excel 台账、T_CJ、NAME1") == []
    assert english_words("1 audiences") == ["audiences"]


def test_zh_documents_and_phase_forms_have_no_english(zh_kit: tuple[Path, Kit]) -> None:
    folder, kit = zh_kit
    found = english_in_kit(folder, kit, suffixes=(".docx", ".md"))
    assert not found, "English in the zh documents:\n" + _report(found)


def test_zh_workbooks_have_no_english(zh_kit: tuple[Path, Kit]) -> None:
    folder, kit = zh_kit
    found = english_in_kit(folder, kit, suffixes=(".xlsx",))
    assert not found, "English in the zh workbooks:\n" + _report(found)


@pytest.mark.parametrize("pack", ["manufacturing", "healthcare", "education"])
def test_zh_kit_display_texts_are_chinese(pack: str) -> None:
    kit = api.make_kit(pack, {"lang": "zh", "start": "2026-03-02"})
    allowed = kit_ids(kit)
    texts: list[tuple[str, str]] = []
    texts += [(f"risk {r.id} category", r.category_name) for r in kit.risks]
    texts += [(f"phase {p.id}", p.name) for p in kit.phases]
    for obj in kit.migration:
        texts += [
            (f"{obj.id} source", obj.source_name),
            (f"{obj.id} approach", obj.approach_name),
            (f"{obj.id} tolerance", obj.reconciliation.tolerance),
            (f"{obj.id} method", obj.reconciliation.method_name),
        ]
        texts += [(f"{obj.id} field {f.technical} type", f.type_name) for f in obj.fields]
    bad = [(where, text) for where, text in texts if english_words(text, allowed)]
    assert not bad, bad
    assert all(r.category_name for r in kit.risks)
    assert "，全量" in "".join(o.approach_name for o in kit.migration) or pack != "manufacturing"


def test_en_kit_display_texts_are_english() -> None:
    kit = api.make_kit("manufacturing", {"lang": "en", "start": "2026-03-02"})
    categories = {r.category: r.category_name for r in kit.risks}
    assert categories["data"] == "Data" and categories["people"] == "People"
    first = kit.migration[0]
    assert first.approach_name.endswith(", full load") or first.approach_name.endswith(
        ", delta load"
    )
    types = {f.type: f.type_name for o in kit.migration for f in o.fields}
    assert types["amount"] == "Amount" and types["boolean"] == "Yes/No"


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def test_every_file_of_a_new_kit_honours_the_umask(tmp_path: Path, umask_027: None) -> None:
    folder = _new(tmp_path / "kit", "manufacturing", "--lang", "zh")
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) > 20
    modes = {p.relative_to(folder).as_posix(): p.stat().st_mode & 0o777 for p in files}
    wrong = {path: oct(mode) for path, mode in modes.items() if mode != 0o640}
    assert not wrong, wrong  # 0666 minus the umask 027: the team can read, nobody else
    for name in ("governance/project-charter.docx", "training/training-curriculum.docx"):
        assert modes[name] == 0o640


def test_word_properties_are_ours(zh_kit: tuple[Path, Kit]) -> None:
    folder, _kit = zh_kit
    for name in ("governance/project-charter.docx", "training/training-curriculum.docx"):
        with zipfile.ZipFile(folder / name) as archive:
            app = archive.read("docProps/app.xml").decode("utf-8")
            core = archive.read("docProps/core.xml").decode("utf-8")
        assert "Macintosh" not in app and "python-docx" not in app
        words = int(re.search(r"<Words>(\d+)</Words>", app).group(1))  # type: ignore[union-attr]
        assert words > 1000  # the text we wrote, not python-docx's template (0)
        assert "<Pages>" not in app  # no made-up page count
        assert "<Company>华东精密制造</Company>" in app
        assert "implkit" not in core and "manufacturing" not in core


def test_charter_names_the_project_not_the_tool_or_pack(zh_kit: tuple[Path, Kit]) -> None:
    folder, kit = zh_kit
    text = "\n".join(t for _, t in docx_texts(folder / "governance" / "project-charter.docx"))
    assert "华东精密制造 ERP+MES 实施项目" in text
    assert "制造制造" not in text
    assert "→" not in text and kit.pack.version not in text and "implkit" not in text
    assert "覆盖2个地点、200名用户" in text


def test_english_counts_are_phrased(tmp_path: Path) -> None:
    from generator.render.docx_charter import render_charter

    for sites, phrase in ((1, "at 1 site."), (3, "at 3 sites.")):
        kit = api.make_kit("manufacturing", {"lang": "en", "start": "2026-03-02", "sites": sites})
        target = tmp_path / f"charter-{sites}.docx"
        render_charter(kit, target)
        text = "\n".join(t for _, t in docx_texts(target))
        assert phrase in text
        assert "(s)" not in text and " 1 sites" not in text


@pytest.mark.parametrize(
    "systems, present, absent",
    [
        (
            "ERP",
            ["04-deploy/stock-count-freeze-checklist.md", "04-deploy/rollback-plan.md"],
            ["03-realize/plc-tag-test-sheet.md", "05-run/golden-line-scorecard.md"],
        ),
        (
            "MES",
            ["03-realize/plc-tag-test-sheet.md", "05-run/golden-line-scorecard.md"],
            ["04-deploy/stock-count-freeze-checklist.md"],
        ),
        (
            "ERP,MES",
            ["03-realize/plc-tag-test-sheet.md", "04-deploy/stock-count-freeze-checklist.md"],
            [],
        ),
    ],
)
def test_phase_templates_follow_the_systems_in_scope(
    tmp_path: Path, systems: str, present: list[str], absent: list[str]
) -> None:
    # the same arguments as test_carry's and test_week_in_the_life's kits: made once per run
    folder = pristine(tmp_path / "kit", "manufacturing", *START, "--systems", systems)
    for name in present:
        assert (folder / name).is_file(), name
    for name in absent:
        assert not (folder / name).exists(), name


def test_a_template_entry_must_name_a_template_file(tmp_path: Path) -> None:
    import shutil

    from generator.pack_checks import validate_paths

    folder = tmp_path / "manufacturing"
    shutil.copytree(
        Path(__file__).resolve().parents[1] / "industry_packs" / "manufacturing", folder
    )
    scaffold = folder / "scaffold.yaml"
    text = scaffold.read_text(encoding="utf-8")
    scaffold.write_text(text.replace("plc-tag-test-sheet.md", "plc-tags.md"), encoding="utf-8")
    report = validate_paths([folder])
    messages = [f"{p.file}:{p.line}: {p.message}" for p in report.errors]
    assert any(
        m.startswith(f"{scaffold}:") and "'03-realize/plc-tags.md' is not a file" in m
        for m in messages
    ), messages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phased_charter_does_not_put_every_site_on_the_pilot_date(
    tmp_path: Path, lang: str
) -> None:
    from generator.render.docx_charter import render_charter

    kit = api.make_kit(
        "manufacturing", {"lang": lang, "start": "2026-03-02", "sites": 3, "strategy": "phased"}
    )
    dated = [w for w in kit.waves if w.go_live]
    assert len(dated) > 1
    target = tmp_path / "charter.docx"
    render_charter(kit, target)
    text = "\n".join(t for _, t in docx_texts(target))
    first, last = (w.go_live.isoformat() for w in (dated[0], dated[-1]))  # type: ignore[union-attr]
    if lang == "en":
        assert f"{dated[0].name} on {first}, the last wave on {last}" in text
        assert "at 3 sites in all" in text
        assert f"{first} ({dated[0].name}) to {last} ({dated[-1].name})" in text  # cover
    else:
        assert f"{dated[0].name}于{first}上线，最后一批于{last}上线" in text
        assert f"{first}（{dated[0].name}）至 {last}（{dated[-1].name}）" in text

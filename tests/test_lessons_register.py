"""The Staffing and Lessons sheets of the plan workbook (XlsxWriter writer), read back.

Real packs, the real Kit builder, the real writer; LibreOffice recalculates the gap
formula; the harvest round trip ends in a rebuilt plan whose register holds the lesson.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.kit import build_kit
from generator.kit_model import Kit, SheetEntries
from generator.lessons.harvest import harvest
from generator.lessons.register import read_register
from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from generator.project import ProjectSpec
from generator.render.workbook.plan import render_plan
from generator.sheets.knowledge import LESSONS, STAFFING
from tests.kits import pristine
from tests.office import recalculated_copies

PACKS = Path(__file__).parents[1] / "industry_packs"


def _kit(lang: str, pack_dir: str | Path = "manufacturing") -> Kit:
    pack = load_pack(pack_dir)
    spec = ProjectSpec(pack="manufacturing", lang=lang, client="Acme").resolved(pack)
    return build_kit(pack, spec, generator_version="test")


def _rows(path: Path, title: str) -> tuple[list[str], list[tuple[object, ...]]]:
    wb = load_workbook(path, data_only=True)
    ws = wb[title]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(v) for v in rows[2]]
    return header, rows[3:]


def _staffing_plan(lang: str, folder: Path) -> tuple[Kit, Path]:
    """The ``lang`` kit with two staffing rows filled and one added, its plan written."""
    kit = _kit(lang)
    short = next(r for r in kit.staffing if r.required_level == 4)
    covered = next(r for r in kit.staffing if r.required_level == 3)
    entries = SheetEntries(
        sheet=STAFFING.key,
        rows=(
            (short.id, (("assigned", "Wang Wei"), ("level", 2), ("notes", "mentor: Li"))),
            (covered.id, (("assigned", "Zhao Min"), ("level", 4))),
        ),
        added=((("id", ""), ("role", "Subcontractor"), ("assigned", "Chen"), ("level", 1)),),
    )
    kit = replace(kit, entries=(entries,))
    path = folder / f"plan-{lang}.xlsx"
    render_plan(kit, path)
    return kit, path


@pytest.fixture(scope="module")
def staffing_plans(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Kit, Path, Path]]:
    """Language -> (kit, its plan, the plan recalculated by LibreOffice): both languages
    in one soffice run (each start costs ~2.5 CPU-s before it converts)."""
    folder = tmp_path_factory.mktemp("staffing")
    plans = {lang: _staffing_plan(lang, folder) for lang in ("en", "zh")}
    copies = recalculated_copies([path for _, path in plans.values()], folder)
    return {lang: (kit, path, copies[path]) for lang, (kit, path) in plans.items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_staffing_sheet_carries_the_pm_columns_and_flags_gaps(
    lang: str, staffing_plans: dict[str, tuple[Kit, Path, Path]]
) -> None:
    kit, path, recalculated = staffing_plans[lang]
    short = next(r for r in kit.staffing if r.required_level == 4)
    covered = next(r for r in kit.staffing if r.required_level == 3)
    header, rows = _rows(path, STAFFING.title(lang))
    col = {c.key: header.index(c.header(lang)) for c in STAFFING.columns}
    by_id = {r[col["id"]]: r for r in rows if r[col["id"]]}
    assert list(by_id) == [r.id for r in kit.staffing]
    gap_word = "缺口" if lang == "zh" else "Gap"
    ok_word = "满足" if lang == "zh" else "OK"
    row = by_id[short.id]
    assert (row[col["assigned"]], row[col["level"]]) == ("Wang Wei", 2)
    assert row[col["required"]] == 4
    assert row[col["notes"]] == "mentor: Li"
    assert by_id[covered.id][col["assigned"]] == "Zhao Min"
    added = rows[len(kit.staffing)]
    assert added[col["role"]] == "Subcontractor" and added[col["level"]] == 1

    # the stored gap values are what LibreOffice computes from the formulas
    stored = [(r[col["id"]], r[col["gap"]]) for r in rows]
    assert (short.id, f"{gap_word} 2") in stored
    assert (covered.id, ok_word) in stored
    _, again = _rows(recalculated, STAFFING.title(lang))
    assert [(r[col["id"]], r[col["gap"]] or None) for r in again] == [
        (i, g or None) for i, g in stored
    ]


def test_lessons_sheet_lists_the_pack_lessons_and_carries_the_team_rows(tmp_path: Path) -> None:
    kit = _kit("zh")
    first = kit.lessons[0]
    entries = SheetEntries(
        sheet=LESSONS.key,
        rows=(
            (
                first.id,
                (("notes", "本项目也出现"), ("share", "yes"), ("recorded", date(2027, 3, 1))),
            ),
        ),
        added=(
            (
                ("title", "标签打印机驱动要装进镜像"),
                ("pitfall", "首日无法打印标签"),
                ("advice", "切换彩排时每条线打印一张标签"),
                ("share", "no"),
            ),
        ),
    )
    kit = replace(kit, entries=(entries,))
    path = tmp_path / "plan.xlsx"
    render_plan(kit, path)
    rows = read_register(path)
    generated = rows[: len(kit.lessons)]
    assert [r.id for r in generated] == [lesson.id for lesson in kit.lessons]
    assert generated[0].notes == "本项目也出现" and generated[0].share
    assert generated[0].recorded == date(2027, 3, 1)
    assert generated[0].trigger == first.trigger and first.trigger
    assert all(not r.share for r in generated[1:])
    team = rows[len(kit.lessons)]
    assert team.title == "标签打印机驱动要装进镜像" and not team.share
    assert len(rows) == len(kit.lessons) + 1  # spare rows are empty
    # each lesson with a phase names its phase gate
    header, raw = _rows(path, LESSONS.title("zh"))
    gate_col = header.index("在关口检查")
    gates: dict[str, str] = {}
    for g in sorted(kit.gates, key=lambda g: (g.date, g.id)):  # the phase's closing gate
        if g.kind == "phase-gate":
            gates[g.phase] = g.name
    for lesson, values in zip(kit.lessons, raw, strict=False):
        if lesson.phase in gates:
            assert values[gate_col] == gates[lesson.phase]
    # the source names the pack as its users know it, in the kit's language, not its id
    source_col = header.index("来源")
    names = {"base": "基础实施方法论", "manufacturing": "制造业实施方法包（ERP + MES）"}
    for lesson, values in zip(kit.lessons, raw, strict=False):
        assert str(values[source_col]).startswith(names[lesson.source.pack]), values[source_col]
    assert {lesson.source.pack for lesson in kit.lessons} == set(names)
    # the share dropdown offers the zh labels
    wb = load_workbook(path)
    formulas = [dv.formula1 for dv in wb[LESSONS.title("zh")].data_validations.dataValidation]
    assert '"是,否"' in formulas


def test_round_trip_harvest_then_the_rebuilt_register_holds_the_lesson(tmp_path: Path) -> None:
    """The whole loop with the real commands: ``new`` writes the register, the team types a
    lesson and assigns a consultant, ``build`` carries both, ``lessons harvest`` puts the
    lesson into a pack copy that validates, and a kit made from that copy lists it."""
    kit_dir = tmp_path / "kit"
    runner = CliRunner()
    pristine(kit_dir, "manufacturing", "--lang", "zh")
    plan = kit_dir / "plan" / "project-plan.xlsx"
    wb = load_workbook(plan)
    staffing_ws = wb[STAFFING.title("zh")]
    s_head = [c.value for c in staffing_ws[3]]
    staffing_ws.cell(4, s_head.index("指派人员") + 1, "王伟")
    staffing_ws.cell(4, s_head.index("人员等级（1-4）") + 1, 1)
    ws = wb[LESSONS.title("zh")]
    header = [c.value for c in ws[3]]
    target = next(r for r in range(4, ws.max_row + 1) if not ws.cell(r, 1).value)
    deploy = next(p.item for p in load_pack("manufacturing").phases if p.item.id == "deploy")
    typed = {
        "阶段": deploy.name.zh,  # type: ignore[union-attr]
        "教训标题": "切换彩排时每条线打印一张标签",
        "问题经过": "车间电脑镜像里没有标签打印机驱动，上线首日无法打印。",
        "建议做法": "把驱动放进镜像，切换彩排时每条线打印一张标签。",
        "分享至知识包": "是",
    }
    for name, value in typed.items():
        ws.cell(target, header.index(name) + 1, value)
    wb.save(plan)

    result = runner.invoke(cli, ["build", str(kit_dir)])
    assert result.exit_code == 0, result.output
    rows = read_register(plan)
    mine = [r for r in rows if r.title == typed["教训标题"]]
    assert mine and mine[0].share and mine[0].advice == typed["建议做法"]  # carried by build
    _, staffing_rows = _rows(plan, STAFFING.title("zh"))
    required = staffing_rows[0][6]
    assert isinstance(required, int) and required > 1
    assert staffing_rows[0][7:10] == ("王伟", 1, f"缺口 {required - 1}")

    pack_copy = tmp_path / "packs" / "manufacturing"
    shutil.copytree(PACKS / "manufacturing", pack_copy)
    done = harvest([kit_dir], pack_copy, today=date(2027, 8, 1))
    (lesson_id,) = done.added
    assert lesson_id.startswith("mfg.lesson-qie-huan-cai-pai")  # pinyin slug of the title
    assert validate_paths([pack_copy]).ok

    second = tmp_path / "second"
    result = runner.invoke(cli, ["new", str(pack_copy), "--out", str(second), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    found = [r for r in read_register(second / "plan" / "project-plan.xlsx") if r.id == lesson_id]
    assert found and found[0].title == typed["教训标题"]
    assert found[0].phase == typed["阶段"]
    assert found[0].source.startswith("制造业实施方法包（ERP + MES） · 1 ")  # its display name


def test_each_gate_lists_the_lessons_of_the_phase_it_closes(tmp_path: Path) -> None:
    from generator.lessons.checks import closing_gates
    from generator.sheets.plan import GATES

    kit = _kit("en")
    path = tmp_path / "plan.xlsx"
    render_plan(kit, path)
    header, rows = _rows(path, GATES.title("en"))
    i_id, i_lessons = header.index("Id"), header.index("Lessons to check")
    listed = {r[i_id]: str(r[i_lessons] or "") for r in rows if r[i_id]}
    closing = closing_gates(kit)
    assert closing
    for lesson in kit.lessons:
        if lesson.phase in closing:
            assert lesson.title in listed[closing[lesson.phase].id], lesson.id
    for gate in kit.gates:
        if gate not in closing.values():
            assert listed.get(gate.id, "") == ""

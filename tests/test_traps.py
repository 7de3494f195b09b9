"""Traps: valid packs that build a plan their author did not mean are warned about, with the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pack_checks import validate_paths
from generator.packs.loader import inspect_pack
from generator.packs.traps import trap_warnings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "packs"


def _retail(tmp_path: Path) -> Path:
    target = tmp_path / "retail"
    shutil.copytree(FIXTURES / "retail-release-2" / "retail", target)
    return target


def _traps(folder: Path) -> list[str]:
    found = inspect_pack(folder)
    assert found.problems == []
    return [
        f"{p.file}:{p.line}:{p.col}: {p.message}"
        for p in trap_warnings(found.checked, found.meta, found.meta_origin)
    ]


def test_an_audience_without_shifts_in_a_short_default_shift_is_warned_with_the_fix(
    tmp_path: Path,
) -> None:
    traps = _traps(_retail(tmp_path))
    own = [t for t in traps if "retail/training.yaml" in t]
    assert own == [
        f"{tmp_path}/retail/training.yaml:8:9: audience 'head-office' names no training shifts, "
        "so it trains in the first shift 'store-evening' (18:30-22:00 on working days: 3.5 h a "
        "day) while 'office-day' gives 7.0 h a day: its classes take about 2.0 times as many "
        "days. Name the shifts it trains in — shifts: [office-day] — or list first the shift "
        "most audiences train in"
    ]
    # the parent's audiences: the fix is an override in this pack
    managers = next(t for t in traps if "audience 'managers'" in t)
    assert "base/audiences.yaml" in managers
    assert "(- id: managers, override: true, shifts: [office-day])" in managers
    # store staff name their shift: no warning
    assert not any("'store-staff'" in t for t in traps)


def test_no_trap_when_every_audience_names_its_shifts_or_the_default_is_the_longest(
    tmp_path: Path,
) -> None:
    pack = _retail(tmp_path)
    meta = pack / "pack.yaml"
    text = meta.read_text(encoding="utf-8")
    evening = '      - {id: store-evening, name: {en: After closing, zh: 闭店后}, slots: [["18:30", "22:00"]]}\n'
    day = '      - {id: office-day, name: {en: Office day, zh: 总部白班}, slots: [["09:00", "12:00"], ["13:30", "17:30"]]}\n'
    assert evening in text and day in text
    meta.write_text(text.replace(evening + day, day + evening), encoding="utf-8")
    assert _traps(pack) == []


def test_a_weekend_default_shift_is_a_trap(tmp_path: Path) -> None:
    pack = _retail(tmp_path)
    meta = pack / "pack.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace(
            'slots: [["18:30", "22:00"]]}',
            'slots: [["09:00", "12:00"], ["13:00", "17:00"]], weekend: true}',
        ),
        encoding="utf-8",
    )
    traps = _traps(pack)
    assert any(
        "'head-office'" in t
        and "on weekends" in t
        and "'office-day' trains on working days: its classes wait for weekends" in t
        for t in traps
    ), traps


def test_traps_are_warnings_even_with_strict(tmp_path: Path) -> None:
    report = validate_paths([_retail(tmp_path)], strict=True)
    assert report.ok
    assert sum("names no training shifts" in w.message for w in report.warnings) == 8


def test_a_second_phase_gate_that_holds_the_next_phase_is_found_on_the_schedule() -> None:
    """The retail pack of release 1 put a pilot exit gate after two weeks of at-the-elbow
    support: hypercare, which follows go-live, waited for it. Found on the built plan."""
    from datetime import date

    from generator.kit import build_kit
    from generator.packs.traps import gates_holding_the_next_phase
    from generator.project import ProjectSpec

    found = inspect_pack(FIXTURES / "retail-release-1" / "retail")
    assert found.pack is not None
    spec = ProjectSpec(pack="retail", start=date(2027, 3, 1)).resolved(found.pack)
    kit = build_kit(found.pack, spec, generator_version="0")
    [problem] = gates_holding_the_next_phase(kit, found.checked)
    assert problem.file.endswith("retail/gates.yaml") and problem.line == 6
    assert "'base.hypercare' starts on" in problem.message
    assert "write per_wave: true" in problem.message
    hypercare = kit.task("base.hypercare")
    gate = next(t for t in kit.tasks if t.gate == "retail.pilot-store-gate")
    assert hypercare.start > kit.task("base.go-live").start and hypercare.start > gate.finish
    for name in ("healthcare", "manufacturing", "education"):  # the shipped packs: none
        shipped = inspect_pack(name)
        assert shipped.pack is not None
        built = build_kit(
            shipped.pack,
            ProjectSpec(pack=name, start=date(2027, 3, 1)).resolved(shipped.pack),
            generator_version="0",
        )
        assert gates_holding_the_next_phase(built, shipped.checked) == []


def test_packs_validate_warns_of_a_gate_that_holds_the_next_phase(tmp_path: Path) -> None:
    """``implkit packs validate`` builds the plan of a pack whose phase has several phase
    gates and warns, at the gate, of the one that holds the next phase; the pack stays
    valid. The same pack with the fix the warning names (the gate per wave) and the
    shipped packs get no such warning."""
    held = "'base.hypercare' starts on"
    report = validate_paths([FIXTURES / "retail-release-1" / "retail"])
    assert report.ok, report.errors
    [warning] = [w for w in report.warnings if held in w.message]
    assert warning.file.endswith("retail/gates.yaml") and warning.line == 6
    assert "write per_wave: true" in warning.message
    fixed = tmp_path / "retail"
    shutil.copytree(FIXTURES / "retail-release-1" / "retail", fixed)
    gates = fixed / "gates.yaml"
    text = gates.read_text(encoding="utf-8")
    gates.write_text(
        text.replace("kind: phase-gate\n", "kind: phase-gate\n    per_wave: true\n", 1),
        encoding="utf-8",
    )
    repaired = validate_paths([fixed])
    assert repaired.ok, repaired.errors
    shipped = validate_paths(["manufacturing", "healthcare", "education"])
    assert not [w for w in repaired.warnings + shipped.warnings if held in w.message]

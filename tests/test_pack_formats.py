"""A pack valid under an earlier release keeps loading and building (pack formats).

The fixtures under ``tests/fixtures/packs/`` are packs as earlier releases shipped or
accepted them (see its README). Rules added since are warnings with the fix until a pack
declares ``format: 2``; a pack from a newer implkit is refused with "update implkit".
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.kit import build_kit
from generator.pack_checks import validate_paths
from generator.packs.loader import inspect_pack, load_pack
from generator.packs.model import CURRENT_FORMAT
from generator.project import ProjectSpec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "packs"
RELEASES = ("release-1", "release-2")
SHIPPED = ("base", "manufacturing", "healthcare", "education")
NOTE = "allowed in format 1"


def _copy(src: Path, tmp_path: Path) -> Path:
    target = tmp_path / src.name
    shutil.copytree(src, target)
    return target


@pytest.mark.parametrize("release", RELEASES)
def test_shipped_packs_of_every_earlier_release_validate_strict_without_errors(
    release: str,
) -> None:
    folder = FIXTURES / release
    report = validate_paths([folder / name for name in SHIPPED], strict=True, packs_dir=folder)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert sorted(p.meta.id for p in report.packs) == sorted(SHIPPED)


def test_release_1_texts_of_names_are_warnings_that_name_the_upgrade() -> None:
    folder = FIXTURES / "release-1"
    report = validate_paths([folder / "manufacturing"], strict=True, packs_dir=folder)
    assert report.ok
    system = [w for w in report.warnings if "'source.system' has no zh text" in w.message]
    assert system, "release 1 wrote source.system as a plain English name"
    assert all(NOTE in w.message and "implkit packs upgrade" in w.message for w in system)
    assert report.translation_warnings >= len(system)


@pytest.mark.parametrize("release", RELEASES)
def test_shipped_packs_of_earlier_releases_build_a_kit(release: str) -> None:
    folder = FIXTURES / release
    pack = load_pack(folder / "manufacturing", folder)
    spec = ProjectSpec(
        pack="manufacturing", start=date(2027, 3, 1), strategy="phased", sites=3, lang="zh"
    )
    kit = build_kit(pack, spec, generator_version="0")
    assert kit.tasks and kit.project.go_live is not None and kit.anchor("go-live")
    assert all(t.start <= t.finish for t in kit.tasks)


def test_retail_pack_of_release_1_passes_strict_with_warnings_only() -> None:
    report = validate_paths([FIXTURES / "retail-release-1" / "retail"], strict=True)
    assert report.errors == [], "\n".join(map(str, report.errors))
    gaps = [w for w in report.warnings if NOTE in w.message]
    # every plain source.system / approach.tool the pack wrote (16 of them), each once
    assert len(gaps) == 16
    assert {w.message.split("'")[3] for w in gaps} == {"source.system", "approach.tool"}


def test_retail_pack_of_release_2_passes_strict() -> None:
    report = validate_paths([FIXTURES / "retail-release-2" / "retail"], strict=True, lang="zh")
    assert report.errors == [], "\n".join(map(str, report.errors))


@pytest.mark.parametrize(
    ("fixture", "args"),
    [
        ("retail-release-1", ["--systems", "ERP,POS,CRM"]),
        (
            "retail-release-2",
            ["--systems", "ERP,POS,CRM", "--strategy", "phased", "--sites", "9", "--lang", "zh"],
        ),
    ],
)
def test_retail_packs_of_earlier_releases_build_unchanged(
    tmp_path: Path, fixture: str, args: list[str]
) -> None:
    before = {p.name: p.read_bytes() for p in (FIXTURES / fixture / "retail").iterdir()}
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "retail",
            "--packs-dir",
            str(FIXTURES / fixture),
            "--out",
            str(tmp_path / "kit"),
            "--start",
            "2027-03-01",
            *args,
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kit" / "plan" / "project-plan.xlsx").is_file()
    after = {p.name: p.read_bytes() for p in (FIXTURES / fixture / "retail").iterdir()}
    assert after == before  # building never touches the pack


def test_a_format_2_pack_must_translate_texts_format_1_read_as_names(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        text.replace("  version: 1.2.0\n", "  version: 1.2.0\n  format: 2\n"), encoding="utf-8"
    )
    report = validate_paths([pack], strict=True, lang="zh")
    system = [e for e in report.errors if "'source.system' has no zh text" in e.message]
    assert len(system) == 9
    assert not any(NOTE in e.message for e in report.errors)
    # without --strict a missing translation stays a warning, in every format
    assert validate_paths([pack], lang="zh").ok


def test_unknown_systems_are_a_warning_in_format_1_and_an_error_in_format_2(
    tmp_path: Path,
) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    tasks = (pack / "tasks.yaml").read_text(encoding="utf-8")
    (pack / "tasks.yaml").write_text(
        tasks.replace("when: {systems: [CRM]}", "when: {systems: [CMR]}"), encoding="utf-8"
    )
    old = inspect_pack(pack)
    assert old.problems == [] and old.pack is not None
    assert len(old.compat) == 1 and "'CMR' is not a system" in old.compat[0].message
    assert NOTE in old.compat[0].message
    meta = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        meta.replace("  version: 1.2.0\n", "  version: 1.2.0\n  format: 2\n"), encoding="utf-8"
    )
    new = inspect_pack(pack)
    assert [p.line for p in new.problems] == [old.compat[0].line]
    assert new.compat == []


def test_strict_meaning_rules_follow_the_format_of_the_pack_that_wrote_the_item(
    tmp_path: Path,
) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    cutover = (pack / "cutover.yaml").read_text(encoding="utf-8")
    (pack / "cutover.yaml").write_text(
        cutover.replace("offset_hours: -6", "offset_hours: -60"), encoding="utf-8"
    )
    old = validate_paths([pack], strict=True)
    assert old.ok
    assert any("retail.till-switch" in w.message and NOTE in w.message for w in old.warnings)
    meta = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        meta.replace("  version: 1.2.0\n", "  version: 1.2.0\n  format: 2\n"), encoding="utf-8"
    )
    new = validate_paths([pack], strict=True, lang="en")
    assert [e for e in new.errors if "retail.till-switch" in e.message]


def test_a_pack_from_a_newer_implkit_is_refused_with_one_problem(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-2" / "retail", tmp_path)
    meta = (pack / "pack.yaml").read_text(encoding="utf-8")
    future = CURRENT_FORMAT + 1
    (pack / "pack.yaml").write_text(
        meta.replace("  version: 2.0.0\n", f"  version: 2.0.0\n  format: {future}\n")
        + "  a_key_of_the_future: 1\n",
        encoding="utf-8",
    )
    found = inspect_pack(pack)
    assert found.pack is None
    assert len(found.problems) == 1
    problem = found.problems[0]
    assert problem.file.endswith("pack.yaml") and problem.line == 11
    assert f"format {future}" in problem.message and "update implkit" in problem.message


@pytest.mark.parametrize("value", ["0", "two"])
def test_a_format_that_does_not_exist_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    pack = _copy(FIXTURES / "retail-release-2" / "retail", tmp_path)
    meta = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        meta.replace("  version: 2.0.0\n", f"  version: 2.0.0\n  format: {value}\n"),
        encoding="utf-8",
    )
    found = inspect_pack(pack)
    assert [(p.line, "format" in p.message) for p in found.problems] == [(11, True)]

"""``implkit packs upgrade``: a pack of an earlier release rewritten to the current format.

Real files: the fixtures of earlier releases are copied, upgraded and validated with
``--strict`` in both languages; everything but the changed values stays byte for byte.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import InputError
from generator.pack_checks import validate_paths
from generator.packs.model import CURRENT_FORMAT
from generator.packs.upgrade import derive, upgrade_pack

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "packs"


def _copy(src: Path, tmp_path: Path) -> Path:
    target = tmp_path / src.name
    shutil.copytree(src, target)
    return target


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def test_upgrade_makes_a_release_1_pack_strict_clean_in_both_languages(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    before = _texts(pack)
    result = upgrade_pack(pack)
    assert result.written and (result.old_format, result.new_format) == (1, CURRENT_FORMAT)
    assert result.remaining == []
    for lang in ("en", "zh"):
        report = validate_paths([pack], strict=True, lang=lang)
        assert report.errors == [], "\n".join(map(str, report.errors))
        assert not any("allowed in format 1" in w.message for w in report.warnings)
    after = _texts(pack)
    assert sorted(n for n in after if after[n] != before[n]) == ["migration.yaml", "pack.yaml"]
    # only the changed lines differ: comments, blank lines, quoting and order are kept
    diff = [
        line
        for line in difflib.unified_diff(
            before["migration.yaml"].splitlines(), after["migration.yaml"].splitlines(), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(diff) == 2 * 16  # the 16 changed texts, each on its own line
    assert after["migration.yaml"].startswith("# Texts of source and approach were names")
    assert "  version: 1.2.0\n  format: 2\n  industry: retail\n" in after["pack.yaml"]
    assert (
        "source: {system: {en: legacy ERP, zh: 原 ERP}, table: STORE_MASTER}"
        in after["migration.yaml"]
    )


def test_upgrade_says_where_each_text_came_from(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    result = upgrade_pack(pack, dry_run=True)
    by_text = {c.what.split(" → ")[0].split(": ", 1)[1]: c for c in result.changes}
    memory = by_text["source.system 'legacy ERP'"]
    assert not memory.translate and not memory.check
    made = by_text["source.system 'legacy POS'"]
    assert "原 POS" in made.what and made.check == "'legacy ERP' → '原 ERP'"
    copied = by_text["approach.tool 'POS loader'"]
    assert copied.translate and "zh: POS loader" in copied.what
    assert str(copied).endswith("translate it")
    assert copied.file.endswith("migration.yaml") and copied.line == 61 and copied.col == 22
    assert result.to_translate == 3
    assert [c.what for c in result.changes if c.file.endswith("pack.yaml")] == [
        f"pack: format: {CURRENT_FORMAT} (was 1)"
    ]


def test_dry_run_writes_nothing_and_a_second_upgrade_changes_nothing(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    before = _texts(pack)
    dry = upgrade_pack(pack, dry_run=True)
    assert not dry.written and dry.changes and _texts(pack) == before
    upgrade_pack(pack)
    again = upgrade_pack(pack)
    assert again.changes == [] and not again.written and again.old_format == CURRENT_FORMAT


def test_upgrade_of_a_release_1_shipped_pack_takes_its_translations_from_the_built_in_packs(
    tmp_path: Path,
) -> None:
    release = _copy(FIXTURES / "release-1", tmp_path)
    result = upgrade_pack(release / "education", packs_dir=release)
    assert result.to_translate == 0  # today's education pack translates every one of them
    assert len(result.changes) > 30
    report = validate_paths([release / "education"], strict=True, packs_dir=release)
    # the parent (release-1 base, still format 1) keeps its own warnings; no errors anywhere
    assert report.errors == [], "\n".join(map(str, report.errors))


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    for name in ("migration.yaml", "pack.yaml"):
        path = pack / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    upgrade_pack(pack)
    data = (pack / "migration.yaml").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert validate_paths([pack], strict=True).ok


def test_upgrade_refuses_a_pack_that_does_not_load_and_writes_nothing(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    tasks = pack / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("duration: 3", "duraton: 3", 1), encoding="utf-8"
    )
    before = _texts(pack)
    with pytest.raises(InputError) as err:
        upgrade_pack(pack)
    assert any(
        p.file.endswith("tasks.yaml") and "duraton" in p.message and "fix this first" in p.message
        for p in err.value.problems
    )
    assert _texts(pack) == before


def test_upgrade_refuses_a_file_it_cannot_rewrite_without_reformatting_it(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    path = pack / "migration.yaml"
    odd = path.read_text(encoding="utf-8").replace(
        "source: {system: legacy ERP, table: STORE_MASTER}",
        "source: { system: legacy ERP,  table: STORE_MASTER }",  # spaces ruamel would drop
    )
    path.write_text(odd, encoding="utf-8")
    assert validate_paths([pack]).ok
    with pytest.raises(InputError) as err:
        upgrade_pack(pack)
    problems = err.value.problems
    assert problems and all("make this edit by hand" in p.message for p in problems)
    assert any("source.system 'legacy ERP'" in p.message for p in problems)
    assert path.read_text(encoding="utf-8") == odd


def test_upgrade_refuses_a_symbolic_link(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    outside = tmp_path / "outside.yaml"
    shutil.move(pack / "migration.yaml", outside)
    (pack / "migration.yaml").symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(InputError) as err:
        upgrade_pack(pack)
    assert "symbolic link" in str(err.value)
    assert outside.read_bytes() == before


def test_derive_keeps_the_code_word_and_needs_a_single_difference() -> None:
    memory = {
        "legacy erp": ("legacy ERP", "原 ERP"),
        "erp cutover team": ("ERP cutover team", "ERP 切换小组"),
    }
    assert derive("legacy POS", memory) == ("原 POS", "'legacy ERP' → '原 ERP'")
    assert derive("legacy point of sale", memory) is None
    assert derive("POS cutover team", memory) == (
        "POS 切换小组",
        "'ERP cutover team' → 'ERP 切换小组'",
    )
    assert derive("old POS", memory) is None


def test_cli_upgrade_prints_changes_and_json(tmp_path: Path) -> None:
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path)
    runner = CliRunner()
    dry = runner.invoke(cli, ["packs", "upgrade", str(pack), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "migration.yaml:6:22: migration object 'retail.store': source.system" in dry.stdout
    assert "would upgrade retail from format 1 to 2: 17 changes in 2 files (dry run)" in dry.stdout
    assert "3 texts were copied into the other language: translate them" in dry.stdout
    zh = runner.invoke(cli, ["packs", "upgrade", str(pack)], env={"IMPLKIT_LANG": "zh"})
    assert zh.exit_code == 0, zh.output
    assert "已将 retail 从格式 1 升级到 2：2 个文件中共 17 处修改" in zh.stdout
    pack = _copy(FIXTURES / "retail-release-1" / "retail", tmp_path / "second")
    as_json = runner.invoke(cli, ["packs", "upgrade", str(pack), "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["written"] and data["old_format"] == 1 and data["remaining"] == []
    assert len(data["changes"]) == 17
    again = runner.invoke(cli, ["packs", "upgrade", str(pack / "pack.yaml")])
    assert again.exit_code == 0 and "is in format 2 already" in again.stdout
    broken = runner.invoke(cli, ["packs", "upgrade", str(tmp_path / "nowhere")])
    assert broken.exit_code == 2 and "no such pack folder" in broken.output

"""Tests for ``implkit packs ...`` through click's CliRunner and ``python -m generator``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.packs.schema import schema_text
from tests.mini_packs import child_pack, write_mini, write_pack

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_json_includes_user_packs(tmp_path: Path) -> None:
    write_mini(tmp_path)
    code, out, _ = _run("packs", "list", "--json", "--packs-dir", str(tmp_path))
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["mini"]["name"] == "Mini method"
    assert rows["mini"]["version"] == "1.0.0"
    assert rows["mini"]["systems"] == ["ERP"]
    assert rows["mini"]["extends"] is None


def test_list_plain_text_when_not_a_tty(tmp_path: Path) -> None:
    write_mini(tmp_path)
    code, out, _ = _run("packs", "list", "--packs-dir", str(tmp_path), "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0] == "编号\t名称\t版本\t继承自\t系统"  # headers follow --lang
    assert "mini\t迷你方法\t1.0.0\t\tERP" in out


def test_show_json_counts_and_sources(tmp_path: Path) -> None:
    write_mini(tmp_path)
    write_pack(
        tmp_path,
        "child",
        child_pack("roles:\n  - {id: qa, name: Quality}\n"),
    )
    code, out, _ = _run("packs", "show", "child", "--json", "--packs-dir", str(tmp_path))
    assert code == 0, out
    data = json.loads(out)
    assert data["chain"] == ["mini", "child"]
    counts = data["counts"]
    assert counts["tasks"] == 4
    assert counts["milestones"] == 2  # one milestone task + one gate
    assert counts["gates"] == 1
    assert counts["risks"] == 1
    assert counts["migration_objects"] == 2
    assert counts["migration_fields"] == 1
    assert counts["courses"] == 1
    assert counts["audiences"] == 1
    assert counts["roles"] == 4
    assert counts["missing_translations"] == {"en": 0, "zh": 1}
    qa = next(r for r in data["roles"] if r["id"] == "qa")
    assert qa["source"] == {"pack": "child", "file": "items.yaml", "line": 3}


def test_show_human_summary_in_chinese(tmp_path: Path) -> None:
    write_mini(tmp_path)
    code, out, _ = _run("packs", "show", "mini", "--lang", "zh", "--packs-dir", str(tmp_path))
    assert code == 0
    assert "迷你方法 (mini 1.0.0)" in out
    assert "t.plan\t制定计划\tmini/tasks.yaml:9" in out


def test_unknown_pack_lists_available(tmp_path: Path) -> None:
    write_mini(tmp_path)
    code, _, err = _run("packs", "show", "minni", "--packs-dir", str(tmp_path))
    assert code == 2
    assert "did you mean 'mini'" in err
    assert "available packs:" in err


def test_validate_reports_file_and_line(tmp_path: Path) -> None:
    folder = write_mini(
        tmp_path, extra_yaml="tasks:\n  - {id: t.x, name: X, phase: build, duraton: 1, owner: pm}\n"
    )
    code, _, err = _run("packs", "validate", str(folder))
    assert code == 2
    assert "extra.yaml:3:" in err
    assert "did you mean 'duration'" in err
    assert "2 problems found in 1 pack folder." in err


def test_validate_ok_and_strict_translations(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, name: Quality assurance}\n")
    code, out, err = _run("packs", "validate", str(folder), "--lang", "zh")
    assert code == 0
    assert "ok: mini" in out
    assert "warning:" in err and "extra.yaml:3:" in err
    code, _, err = _run("packs", "validate", str(folder), "--lang", "zh", "--strict")
    assert code == 2
    assert "extra.yaml:3:" in err
    assert "'name' has no zh text" in err


def test_validate_child_of_builtin(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "retail", child_pack("", name="retail", extends="base"))
    code, out, err = _run("packs", "validate", str(folder), "--strict")
    assert code == 0, err
    assert "ok: retail" in out


def test_schema_prints_the_committed_schema() -> None:
    code, out, _ = _run("packs", "schema")
    assert code == 0
    assert out == schema_text()
    assert json.loads(out)["$id"].endswith("pack.schema.json")


def test_new_pack_validates_as_written(tmp_path: Path) -> None:
    target = tmp_path / "retail"
    code, out, _ = _run("packs", "new", "retail", "--out", str(tmp_path))
    assert code == 0, out
    names = sorted(p.name for p in target.iterdir())
    assert names == ["courses.yaml", "pack.schema.json", "pack.yaml", "risks.yaml", "tasks.yaml"]
    first = (target / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=pack.schema.json"
    assert (target / "pack.schema.json").read_text(encoding="utf-8") == schema_text()
    code, out, err = _run("packs", "validate", str(target), "--strict")
    assert code == 0, err
    assert "ok: retail" in out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_new_pack_from_user_parent(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    write_mini(packs)
    target = tmp_path / "out" / "shop"
    code, _, err = _run(
        "packs",
        "new",
        "shop",
        "--extends",
        "mini",
        "--out",
        str(target.parent),
        "--packs-dir",
        str(packs),
    )
    assert code == 0, err
    code, _, err = _run("packs", "show", "shop", "--packs-dir", str(target.parent), "--json")
    assert code == 2  # the parent 'mini' is in another folder: say so
    assert "unknown pack 'mini'" in err
    text = (target / "tasks.yaml").read_text(encoding="utf-8")
    assert "owner: pm" in text
    code, _, err = _run("packs", "validate", str(target), "--packs-dir", str(packs), "--strict")
    assert code == 0, err


def test_new_pack_refuses_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "retail"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _run("packs", "new", "retail", "--out", str(tmp_path))
    assert code == 2
    assert "not empty" in err
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_new_pack_unknown_parent(tmp_path: Path) -> None:
    code, _, err = _run("packs", "new", "retail", "--extends", "bas", "--out", str(tmp_path))
    assert code == 2
    assert "did you mean 'base'" in err
    assert not (tmp_path / "retail").exists()


def test_new_pack_default_folder_is_cwd(tmp_path: Path) -> None:
    code, _, err = _run("packs", "new", "retail")
    assert code == 0, err
    assert (Path.cwd() / "retail" / "pack.yaml").is_file()
    code, out, err = _run("packs", "show", "retail", "--packs-dir", str(Path.cwd()), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["chain"] == ["base", "retail"]
    assert data["counts"]["missing_translations"] == {"en": 0, "zh": 0}
    assert any(t["id"] == "retail.process-walkthrough" for t in data["tasks"])


def test_new_pack_bad_name() -> None:
    code, _, err = _run("packs", "new", "Retail Shops")
    assert code == 2
    assert "not a valid pack name" in err


def _subprocess(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_validate_through_python_m(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="risks:\n  - {id: r.y, title: T, phase: build}\n")
    result = _subprocess("packs", "validate", str(folder))
    assert result.returncode == 2
    assert "extra.yaml:3:" in result.stderr
    assert "'likelihood' is missing" in result.stderr


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from generator.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], standalone_mode=False)\n"
        "    cli.main(['packs', '--help'], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = ['openpyxl', 'docx', 'cookiecutter', 'holidays']\n"
        "    print('HEAVY=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = _subprocess(code=code)
    assert result.returncode == 0, result.stderr
    assert "HEAVY=\n" in result.stdout or result.stdout.rstrip().endswith("HEAVY=")
    assert "packs" in result.stdout


def test_validate_several_folders_and_a_file(tmp_path: Path) -> None:
    good = write_mini(tmp_path / "a")
    bad = write_mini(tmp_path / "b", extra_yaml="roles:\n  - {id: qa}\n")
    code, _, err = _run("packs", "validate", str(good / "pack.yaml"), str(bad))
    assert code == 2
    assert "b/mini/extra.yaml:3:" in err.replace("\\", "/")
    assert "'name' is missing" in err
    assert "a/mini" not in err.replace("\\", "/")


def test_validate_missing_folder(tmp_path: Path) -> None:
    code, _, err = _run("packs", "validate", str(tmp_path / "nope" / "pack"))
    assert code == 2
    assert "no such pack folder" in err


def test_validate_json_for_ci(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, nam: QA}\n")
    code, out, _ = _run("packs", "validate", str(folder), "--json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False
    (error,) = [e for e in data["errors"] if "unknown key 'nam'" in e["message"]]
    assert error["file"].endswith("extra.yaml")
    assert (error["line"], error["col"]) == (3, 14)
    assert "did you mean 'name'" in error["message"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_validate_names_each_kind_of_warning(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hours below an audience's target are no "missing translation" (--strict, base pack)."""
    monkeypatch.setenv("IMPLKIT_LANG", lang)
    base = Path(__file__).resolve().parents[1] / "industry_packs" / "base"
    code, out, err = _run("packs", "validate", str(base), "--strict")
    assert code == 0, err
    weak = err.count("below its target")
    assert weak, err  # the shipped base pack keeps its hour targets (d51d521)
    if lang == "en":
        assert f"(warnings: {weak} content check" in out and "translation" not in out, out
    else:
        assert f"（警告：{weak} 项内容检查未通过）" in out and "译文" not in out, out
    folder = write_mini(tmp_path, extra_yaml="roles:\n  - {id: qa, name: Quality assurance}\n")
    code, out, _err = _run("packs", "validate", str(folder), "--lang", "zh")
    assert code == 0
    assert ("1 missing translation)" if lang == "en" else "1 处缺少译文）") in out, out


def test_new_pack_shows_waves_blackouts_shifts_competencies_and_lessons(tmp_path: Path) -> None:
    from generator.pack_checks import validate_paths
    from generator.packs.loader import load_pack

    code, out, _ = _run("packs", "new", "retail", "--out", str(tmp_path))
    assert code == 0, out
    pack = load_pack(tmp_path / "retail")
    rollout = pack.meta.rollout
    assert rollout.wave_size == 3 and rollout.next_wave_after.id == "base.go-live"
    assert [s.id for s in rollout.shifts] == ["day", "evening"]
    assert {b.item.id for b in pack.blackouts} == {"retail.year-end", "retail.spring-festival"}
    own = {t.item.id: t.item for t in pack.tasks if t.source.pack == "retail"}
    assert own["retail.process-walkthrough"].competencies == {"method": 3, "communication": 2}
    [lesson] = [x.item for x in pack.lessons if x.source.pack == "retail"]
    assert lesson.trigger and lesson.phase
    audience = next(a.item for a in pack.audiences if a.item.id == "retail.shift-workers")
    assert audience.shifts == ["evening"]
    text = (tmp_path / "retail" / "pack.yaml").read_text(encoding="utf-8")
    assert "The FIRST shift is the default" in text and "# MM-DD, quoted" in text
    for lang in ("en", "zh"):
        report = validate_paths([tmp_path / "retail"], lang=lang, strict=True)
        assert report.ok, report.errors
        # only the base pack's course hours: no trap in the starter
        assert [w for w in report.warnings if "below its target" not in w.message] == []

"""`implkit new` / `implkit build`: layout, manifest, safety, staging, rebuild rules."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.render.docx_charter as docx_charter
from generator.cli import cli
from generator.registry import manifest_kinds
from generator.workspace.manifest import MANIFEST
from tests.hostile import mini_kit_beside
from tests.mini_packs import write_mini

START = "2026-03-02"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    write_mini(root)
    return root


def _new(packs: Path, out: Path, *extra: str) -> tuple[int, str]:
    return run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START, *extra
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_writes_layout_and_manifest(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    code, output = _new(packs, out)
    assert code == 0, output
    for relative in (
        "project.yaml",
        "README.md",
        "plan/project-plan.xlsx",
        "migration/data-migration-checklist.xlsx",
        "training/training-curriculum.docx",
        "training/training-matrix.xlsx",
        "governance/project-charter.docx",
        "exports/project-plan.mspdi.xml",
        "exports/jira-issues.csv",
        "exports/azure-boards.csv",
        "exports/project-calendar.ics",
    ):
        assert (out / relative).is_file(), relative
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["pack"] == "mini" and manifest["pack_version"] == "1.0.0"
    kinds = {entry["kind"] for entry in manifest["files"]}
    assert {
        "plan",
        "migration",
        "curriculum",
        "training-matrix",
        "charter",
        "mspdi",
        "jira",
        "ado",
        "ics",
    } <= kinds
    assert kinds <= set(manifest_kinds())
    for entry in manifest["files"]:
        assert _sha(out / entry["path"]) == entry["sha256"], entry["path"]
    assert "project.yaml" not in {entry["path"] for entry in manifest["files"]}
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_home_stays_empty(packs: Path, tmp_path: Path, isolated_home_and_cwd: Path) -> None:
    code, output = _new(packs, tmp_path / "kit")
    assert code == 0, output
    assert list(isolated_home_and_cwd.iterdir()) == []


def test_default_out_is_slug_in_cwd(packs: Path) -> None:
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--client", "Acme", "--start", START
    )
    assert code == 0, output
    folders = [p for p in Path.cwd().iterdir() if p.is_dir()]
    assert len(folders) == 1 and (folders[0] / "project.yaml").is_file()


def test_non_empty_target_refused_without_force(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "mine.txt").write_text("my notes", encoding="utf-8")
    before = _snapshot(out)
    code, output = _new(packs, out)
    assert code == 2
    assert "not empty" in output and "--force" in output
    assert _snapshot(out) == before
    # a Chinese consultant is told in Chinese
    code, output = _new(packs, out, "--lang", "zh")
    assert code == 2
    assert "文件夹不是空的" in output and "--force" in output
    assert _snapshot(out) == before


def test_force_never_deletes_or_overwrites_unlisted_files(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "mine.txt").write_text("my notes", encoding="utf-8")
    (out / "README.md").write_text("my own readme", encoding="utf-8")
    code, output = _new(packs, out, "--force")
    assert code == 0, output
    assert (out / "mine.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "README.md").read_text(encoding="utf-8") == "my own readme"
    assert (out / "README.new.md").is_file()


def test_dry_run_writes_nothing(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    code, output = _new(packs, out, "--dry-run")
    assert code == 0, output
    assert "plan/project-plan.xlsx" in output.replace(os.sep, "/")
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packs"]


def test_json_summary(packs: Path, tmp_path: Path) -> None:
    code, output = _new(packs, tmp_path / "kit", "--json")
    assert code == 0
    data = json.loads(output)
    assert data["tasks"] >= 4 and data["files"] >= 10
    assert data["go_live"] is not None


def _template(packs: Path, relative: str, text: str = "x") -> None:
    path = packs / "mini" / "templates" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_traversal_through_answers_is_refused(packs: Path, tmp_path: Path) -> None:
    _template(packs, "{{ cookiecutter.client }}.md")
    out = tmp_path / "deep" / "kit"
    out.parent.mkdir()
    code, output = _new(packs, out, "--client", "../../escaped")
    assert code == 2, output
    assert "leave the project folder" in output
    assert not out.exists()
    assert not list(tmp_path.rglob("escaped*"))


def test_traversal_through_pack_file_names_is_refused(packs: Path, tmp_path: Path) -> None:
    _template(packs, "{{ '..' }}/{{ '..' }}/outside.md")
    code, output = _new(packs, tmp_path / "kit")
    assert code == 2, output
    assert "leave the project folder" in output
    written = [p for p in tmp_path.parent.rglob("outside.md") if "templates" not in p.parts]
    assert written == []


def test_symlink_in_templates_is_refused(packs: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    _template(packs, "ok.md")
    (packs / "mini" / "templates" / "link.md").symlink_to(secret)
    code, output = _new(packs, tmp_path / "kit")
    assert code == 2 and "symbolic link" in output
    assert secret.read_text(encoding="utf-8") == "secret"
    assert not (tmp_path / "kit").exists()


def test_symlinked_folder_in_target_is_never_written_through(packs: Path, tmp_path: Path) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    outside = tmp_path / "outside"
    outside.mkdir()
    for child in (out / "exports").iterdir():
        child.unlink()
    (out / "exports").rmdir()
    (out / "exports").symlink_to(outside)
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 2 and "symbolic link" in output
    assert list(outside.iterdir()) == []


def _hook_pack(packs: Path, marker: Path) -> None:
    hooks = packs / "mini" / "hooks"
    hooks.mkdir()
    (hooks / "post_gen_project.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran', encoding='utf-8')\n",
        encoding="utf-8",
    )


def test_hooks_run_only_with_trust(packs: Path, tmp_path: Path) -> None:
    marker = tmp_path / "marker.txt"
    _hook_pack(packs, marker)
    code, output = _new(packs, tmp_path / "a")
    assert code == 0, output
    assert not marker.exists()
    assert "--trust" in output and "post_gen_project.py" in output
    code, output = _new(packs, tmp_path / "b", "--trust")
    assert code == 0, output
    assert marker.read_text(encoding="utf-8") == "ran"


def test_failure_mid_generation_leaves_target_as_it_was(
    packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    before = _snapshot(out)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full (injected)")

    monkeypatch.setattr(docx_charter, "render_charter", broken)
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "mini",
            "--packs-dir",
            str(packs),
            "--out",
            str(out),
            "--start",
            "2026-04-01",
            "--force",
        ],
    )
    assert result.exit_code == 1
    assert "Internal error" in result.output and "Traceback" not in result.output
    assert _snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_unchanged_rebuild_is_byte_identical(packs: Path, tmp_path: Path) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    before = _snapshot(out)
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 0, output
    assert _snapshot(out) == before
    assert not (out / ".implkit" / "backups").exists()


def test_edited_charter_is_kept_and_new_version_offered(packs: Path, tmp_path: Path) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    charter = out / "governance" / "project-charter.docx"
    charter.write_bytes(charter.read_bytes() + b"consultant edit")
    edited = charter.read_bytes()
    # unchanged answers: nothing new to offer, the edit stays
    assert run("build", str(out), "--packs-dir", str(packs))[0] == 0
    assert charter.read_bytes() == edited
    assert not (out / "governance" / "project-charter.new.docx").exists()
    # changed answers: the edit stays and the new version is written beside it
    yaml_path = out / "project.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(START, "2026-04-01"), encoding="utf-8"
    )
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 0, output
    assert charter.read_bytes() == edited
    assert (out / "governance" / "project-charter.new.docx").is_file()
    assert "project-charter.new.docx" in output


def test_changed_start_moves_dates_and_backs_up_plan(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    assert _new(packs, out, "--json")[0] == 0
    yaml_path = out / "project.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(START, "2026-04-01"), encoding="utf-8"
    )
    code, output = run("build", str(out), "--packs-dir", str(packs), "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["start"] == "2026-04-01"
    assert any(path.startswith(".implkit/backups/project-plan-") for path in data["backups"])
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert _sha(out / entry["path"]) == entry["sha256"], entry["path"]


@pytest.mark.parametrize(
    ("replace", "needle"),
    [
        ("users: 200", "users: many"),
        ("sites: 1", "sitez: 1"),
        (START, "2026-02-30"),
    ],
)
def test_bad_project_yaml_exit_2_with_line(
    packs: Path, tmp_path: Path, replace: str, needle: str
) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    yaml_path = out / "project.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    assert replace in text
    yaml_path.write_text(text.replace(replace, needle), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if replace in row)
    before = _snapshot(out)
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 2
    assert f"project.yaml:{line}:" in output
    assert "Traceback" not in output
    assert _snapshot(out) == before


def test_build_without_project_yaml(tmp_path: Path) -> None:
    code, output = run("build", str(tmp_path))
    assert code == 2 and "project.yaml" in output


def _fill_progress(plan: Path, task_id: str, status: str, note: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(plan)
    sheet = book.worksheets[0]
    header = next(row for row in sheet.iter_rows() if any(c.value == "Id" for c in row))
    columns = {c.value: c.column for c in header}
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[0].value == task_id:
            sheet.cell(row[0].row, columns["Status"], status)
            sheet.cell(row[0].row, columns["% complete"], 0.5)
            cell = sheet.cell(row[0].row, columns["Notes"], note)
            cell.data_type = "s"  # typed as text, as Excel stores '=... typed by a user
            break
    else:
        raise AssertionError(f"{task_id} not on the plan sheet")
    book.save(plan)


def _plan_rows(plan: Path) -> dict[str, dict[str, object]]:
    from openpyxl import load_workbook

    book = load_workbook(plan, read_only=True)
    rows: dict[str, dict[str, object]] = {}
    for sheet in book.worksheets:
        header: list[object] = []
        for row in sheet.iter_rows(values_only=True):
            if not header:
                if "Id" in row and "Status" in row:
                    header = list(row)
                continue
            if row and row[0]:
                rows[f"{sheet.title}:{row[0]}"] = dict(zip(header, row))
    book.close()
    return rows


def test_build_keeps_progress_and_moves_dates(packs: Path, tmp_path: Path) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    plan = out / "plan" / "project-plan.xlsx"
    _fill_progress(plan, "t.build", "In progress", "=cmd|' /C calc'!A0 waiting for the vendor")
    _fill_progress(plan, "t.plan", "Done", "signed")
    before = _plan_rows(plan)["Plan:t.build"]
    yaml_path = out / "project.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(START, "2026-04-01"), encoding="utf-8"
    )
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 0, output
    after = _plan_rows(plan)
    row = after["Plan:t.build"]
    assert row["Status"] == "In progress"
    assert row["% complete"] == 0.5
    assert row["Notes"] == "=cmd|' /C calc'!A0 waiting for the vendor"  # text, never a formula
    assert after["Plan:t.plan"]["Status"] == "Done"
    assert row["Start"] != before["Start"] and row["Start"] > before["Start"]


def test_removed_task_progress_kept_on_its_own_sheet(packs: Path, tmp_path: Path) -> None:
    out = mini_kit_beside(packs)  # tmp_path / "kit": `new` made it once per run
    plan = out / "plan" / "project-plan.xlsx"
    _fill_progress(plan, "t.plan", "Done", "signed by the sponsor")
    # the pack drops the task: a child pack removes it
    tasks = packs / "mini" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(
        text.replace("    after: [t.plan]\n", "    after: [t.kickoff]\n"), encoding="utf-8"
    )
    text = tasks.read_text(encoding="utf-8")
    start = text.index("  - id: t.plan")
    end = text.index("  - id: t.build")
    tasks.write_text(text[:start] + text[end:], encoding="utf-8")
    code, output = run("build", str(out), "--packs-dir", str(packs))
    assert code == 0, output
    assert "t.plan" in output and "Removed tasks" in output
    rows = _plan_rows(plan)
    assert "Plan:t.plan" not in rows
    assert rows["Removed tasks:t.plan"]["Status"] == "Done"
    assert rows["Removed tasks:t.plan"]["Notes"] == "signed by the sponsor"
    # and it survives the next rebuild too
    assert run("build", str(out), "--packs-dir", str(packs))[0] == 0
    assert _plan_rows(plan)["Removed tasks:t.plan"]["Status"] == "Done"

"""generator.api: every command as a function, the same files and figures as the CLI."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import cli
from generator.errors import InputError
from generator.registry import built, exports
from tests.mini_packs import write_mini

START = "2026-03-02"


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    write_mini(root)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".implkit" not in p.parts
    }


def _items(kind: str, path: Path) -> int:
    """Count a file's items independently of the export code."""
    if kind == "rows":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return len(list(csv.reader(stream))) - 1
    if kind == "tasks":
        return len(ElementTree.parse(path).getroot().findall("{*}Tasks/{*}Task"))
    if kind == "resources":
        with zipfile.ZipFile(path) as archive:
            manifest = ElementTree.fromstring(archive.read("imsmanifest.xml"))
        return len(manifest.findall(".//{*}resource"))
    assert kind == "events"
    return sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if line == "BEGIN:VEVENT"
    )


def test_new_kit_writes_what_the_cli_writes_and_prints_nothing(
    packs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[str] = []
    made = api.new_kit(
        "mini",
        tmp_path / "by-api",
        answers={"packs_dir": packs, "start": START, "client": "ACME"},
        progress=steps.append,
    )
    assert capsys.readouterr() == ("", "")
    args = ["new", "mini", "--packs-dir", str(packs), "--start", START, "--client", "ACME"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "by-cli"), "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    summary = made.as_dict()
    for key in ("files", "tasks", "start", "go_live", "finish", "pack", "lang", "client"):
        assert summary[key] == printed[key], key
    assert made.kit.project.client == "ACME" and not made.rebuilt and made.carry is None
    # every registered deliverable is written, each step reported once, the same bytes
    assert {d.path for d in built()} <= set(made.outcome.written)
    assert steps[:2] == ["templates", "skeleton"] and steps[-1] == "install"
    assert [d.path for d in built()] == steps[2:-1]
    by_api, by_cli = _files(tmp_path / "by-api"), _files(tmp_path / "by-cli")
    assert by_api.keys() == by_cli.keys()
    same = [p for p in by_api if not p.endswith(".ics")]  # DTSTAMP is the run's time
    assert all(by_api[p] == by_cli[p] for p in same if p != "README.md")


def test_dry_run_lists_and_writes_nothing(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    made = api.new_kit("mini", out, answers={"packs_dir": packs, "start": START}, dry_run=True)
    assert not out.exists()
    listing = made.as_dict()
    assert listing["dry_run"] is True
    assert any(
        line.startswith(str(out / "plan" / "project-plan.xlsx")) for line in listing["files"]
    )


def test_rebuild_load_status_export_baseline(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    api.new_kit("mini", out, answers={"packs_dir": packs, "start": START})
    rebuilt = api.rebuild_kit(out, packs_dir=packs)
    assert rebuilt.rebuilt and rebuilt.carry is not None
    assert rebuilt.carry["workbooks"]["plan"]["status"] == "carried"
    assert rebuilt.outcome.written == []  # nothing changed: every file byte-identical

    loaded = api.load_kit(out, packs_dir=packs)
    assert loaded.project_file == out / "project.yaml"
    assert [t.id for t in loaded.kit.tasks] == [t.id for t in rebuilt.kit.tasks]
    tracked = api.load_kit(out, packs_dir=packs, entries=True, lang="zh")
    assert tracked.kit.lang == "zh"

    report = api.status(out, as_of="2026-03-20", packs_dir=packs)
    assert report.lang == "en" and report.folder == out / "reports"
    assert report.data["files"] == [
        "reports/status-2026-03-20.xlsx",
        "reports/status-2026-03-20.docx",
    ]
    assert all((out / f).is_file() for f in report.data["files"])

    saved = api.save_baseline(out, name="re-plan", as_of="2026-03-20", packs_dir=packs)
    assert saved.name == "re-plan" and saved.path.is_file() and str(saved.taken) == "2026-03-20"

    for name, item in exports().items():
        target = tmp_path / "exports" / Path(item.path).name
        target.parent.mkdir(exist_ok=True)
        written = api.export(out, name, output=target, packs_dir=packs)
        assert written.files and all(p.is_file() for p in written.files)
        assert item.export is not None and written.label == item.export.label
        # what --json counts is what the registry says the format holds
        for detail, path in zip(written.details, written.files):
            assert detail["items"] == _items(item.export.items, path), (name, detail)
            # the mini pack plans no training session, so its roster has no seat
            assert detail["items"] > 0 or name == "roster", (name, detail)


def test_make_kit_and_write_document(packs: Path, tmp_path: Path) -> None:
    kit = api.make_kit("mini", {"packs_dir": packs, "start": START, "lang": "zh"})
    assert kit.lang == "zh" and kit.tasks
    notices: list[str] = []
    done = api.write_document(
        "plan", "mini", tmp_path / "plan.xls", answers={"packs_dir": packs}, notice=notices.append
    )
    assert done.files == [tmp_path / "plan.xls"] and done.files[0].is_file()
    assert done.counts == {"tasks": len(done.kit.tasks), "risks": len(done.kit.risks)}
    assert notices and "does not end in .xlsx" in notices[0]


def test_bad_input_raises_input_error_and_writes_nothing(packs: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no project\.yaml here"):
        api.rebuild_kit(tmp_path / "nothing", packs_dir=packs)
    with pytest.raises(InputError, match="--users"):
        api.new_kit("mini", tmp_path / "kit", answers={"packs_dir": packs, "users": "many"})
    assert not (tmp_path / "kit").exists()
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        api.export(tmp_path, "pdf")
    with pytest.raises(InputError, match="unknown document 'memo'"):
        api.write_document("memo", "mini", answers={"packs_dir": packs})


def test_the_public_api_is_the_package_and_documented() -> None:
    """Scripts import every name from ``generator.api``; the package only re-exports the
    modules that hold the calls, each call and result documented (their size is held by
    tests/test_module_size.py)."""
    import ast
    import inspect

    package = Path(api.__file__).parent
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    for name in api.__all__:
        item = getattr(api, name)
        if inspect.isfunction(item) or inspect.isclass(item):
            assert inspect.getdoc(item), f"generator.api.{name} has no docstring"
            assert item.__module__.startswith("generator.api."), (name, item.__module__)
    public = {
        name
        for module in ("kits", "reports", "packs", "trackers", "results")
        for name, item in vars(getattr(api, module)).items()
        if not name.startswith("_")
        and (inspect.isfunction(item) or inspect.isclass(item))
        and item.__module__ == f"generator.api.{module}"
    }
    assert public <= set(api.__all__), (
        f"not re-exported by generator.api: {public - set(api.__all__)}"
    )


def test_pack_calls_return_what_the_pack_commands_print(packs: Path, tmp_path: Path) -> None:
    listed = api.list_packs(packs_dir=packs)
    mini = next(p for p in listed if p.id == "mini")
    assert mini.path == packs / "mini" and isinstance(mini.systems, list)
    code, printed, _err = _cli("packs", "list", "--json", "--packs-dir", str(packs))
    assert code == 0 and printed == [p.as_dict() for p in listed]

    shown = api.show_pack("mini", packs_dir=packs)
    assert shown.pack.meta.id == "mini" and shown.counts()["tasks"] == len(shown.pack.tasks)
    code, printed, _err = _cli("packs", "show", "mini", "--json", "--packs-dir", str(packs))
    assert code == 0 and printed == json.loads(json.dumps(shown.as_dict(), ensure_ascii=False))
    with pytest.raises(InputError, match="minni"):
        api.show_pack("minni", packs_dir=packs)

    assert json.loads(api.pack_schema())["type"] == "object"
    made = api.new_pack("retail", out=tmp_path / "new")
    assert made == tmp_path / "new" / "retail" and (made / "pack.yaml").is_file()
    assert api.validate_packs([made], packs_dir=tmp_path / "new").ok
    with pytest.raises(InputError, match="not a valid pack name"):
        api.new_pack("Retail Stores", out=tmp_path / "new")


def _cli(*args: str) -> tuple[int, Any, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, json.loads(result.stdout), result.stderr

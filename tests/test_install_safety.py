"""A tampered kit never touches a file outside it; interrupted builds recover.

Real builds of the mini pack, with failures injected where they happen in the
field: a tampered manifest, a move that fails half-way, a process killed with
SIGKILL during the final moves, a workbook open in Excel, a second run on the
same kit, Ctrl-C, a full disk, a console that cannot show Chinese.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.workspace.journal import JOURNAL, UNDO
from generator.workspace.locks import FileLock, kit_lock
from generator.workspace.manifest import MANIFEST
from tests.hostile import mini_kit_beside
from tests.mini_packs import write_mini

START = "2026-03-02"
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    write_mini(root)
    return root


@pytest.fixture
def kit(packs: Path) -> Path:
    """The kit ``new`` makes from the mini pack, beside ``packs``: made once per run and
    copied (the kit names its pack folder relative to itself, ``../packs/mini``, and the
    ``packs`` fixture writes the same pack)."""
    return mini_kit_beside(packs)


@pytest.fixture
def built_kit(packs: Path) -> Path:
    """``kit`` after one ``build`` (made once per run and copied, as ``kit``)."""
    return mini_kit_beside(packs, "build")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _change_answers(kit: Path) -> None:
    """An edit of project.yaml that changes every dated deliverable."""
    path = kit / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(START, "2026-04-01"), encoding="utf-8")


def _edit_manifest(kit: Path, change: object) -> None:
    path = kit / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


# --- a tampered kit -------------------------------------------------------------------


def test_manifest_entry_outside_the_kit_is_refused_and_nothing_deleted(
    kit: Path, packs: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"")  # the sha256 below is the empty file's
    empty = hashlib.sha256(b"").hexdigest()
    _edit_manifest(
        kit,
        lambda d: d["files"].append(
            {"path": "../outside.txt", "kind": "scaffold", "sha256": empty}
        ),
    )
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "manifest.json" in output and "'../outside.txt'" in output
    assert "delete it" in output
    assert outside.exists()


@pytest.mark.parametrize("bad", [None, 7, "", "/etc/passwd", "a/../../x", "C:\\x", "~/x"])
def test_manifest_bad_paths_exit_2(kit: Path, packs: Path, bad: object) -> None:
    def change(data: dict) -> None:
        data["files"][0]["path"] = bad

    _edit_manifest(kit, change)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "manifest.json: files[0]" in output
    assert "Traceback" not in output and "Internal error" not in output


def test_manifest_that_is_not_json_object_exit_2(kit: Path, packs: Path) -> None:
    (kit / MANIFEST).write_text("[1, 2]", encoding="utf-8")
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "the manifest cannot be read" in output


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlinked_folder_inside_kit_is_never_written_through(
    kit: Path, packs: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (kit / ".implkit" / "backups").symlink_to(elsewhere, target_is_directory=True)
    _change_answers(kit)  # the plan changes, so a backup would be written
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "symbolic link" in output
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlinked_implkit_folder_is_refused_before_any_write(
    kit: Path, packs: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (kit / ".implkit").rename(elsewhere)
    (kit / ".implkit").symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.name for p in elsewhere.iterdir())
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "symbolic link" in output
    assert sorted(p.name for p in elsewhere.iterdir()) == before  # no lock, journal or backup


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlinked_manifest_is_refused(kit: Path, packs: Path, tmp_path: Path) -> None:
    real = tmp_path / "manifest-elsewhere.json"
    real.write_bytes((kit / MANIFEST).read_bytes())
    (kit / MANIFEST).unlink()
    (kit / MANIFEST).symlink_to(real)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "symbolic link" in output


# --- the final step is all or nothing ----------------------------------------------------


def test_failure_during_the_moves_rolls_everything_back(
    kit: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move that fails half-way (Windows holding a file open) leaves the kit as it was."""
    _change_answers(kit)
    before = _snapshot(kit)
    real_replace = os.replace
    calls: dict[str, int] = {"n": 0}

    def failing_replace(src: object, dst: object) -> None:
        into_kit = str(dst).startswith(str(kit) + os.sep)
        calls["n"] += into_kit
        if into_kit and "training" in str(dst) and "failed" not in calls:
            calls["failed"] = 1
            raise PermissionError(13, "Permission denied (injected)", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    monkeypatch.setattr(os, "replace", real_replace)
    assert calls["n"] > 3  # several files had moved before the failure
    assert code == 2, output
    assert "training" in output and "permission denied" in output
    assert "Traceback" not in output
    assert _snapshot(kit) == before
    assert not (kit / JOURNAL).exists() and not (kit / UNDO).exists()
    assert not [p for p in kit.parent.iterdir() if "staging" in p.name]


def test_read_only_folder_is_refused_before_anything_moves(
    kit: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`plan/` not writable: refused up front, naming the folder (root ignores chmod, so the
    check itself is made to see the folder as read-only)."""
    _change_answers(kit)
    before = _snapshot(kit)
    plan = kit / "plan"
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == plan:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert f"{plan}:" in output and "permission denied" in output
    assert _snapshot(kit) == before


def test_read_only_output_folder_names_the_folder_exit_2(
    packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` into a folder the user cannot write (root ignores chmod: the refusal is injected
    where the operating system gives it, at the first file implkit creates there)."""
    from generator.workspace.locks import FileLock

    def denied(self: FileLock) -> bool:
        raise PermissionError(13, "Permission denied", str(self.path))

    monkeypatch.setattr(FileLock, "try_acquire", denied)
    out = tmp_path / "readonly" / "kit"
    out.parent.mkdir()
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START
    )
    assert code == 2, output
    assert f"{out.parent}: cannot write" in output and "Traceback" not in output
    assert list(out.parent.iterdir()) == []


_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {root!r})
    real = os.replace
    count = [0]
    def replace(src, dst):
        real(src, dst)
        if str(dst).startswith({kit!r}) and ".implkit" not in str(dst):
            count[0] += 1
            if count[0] == 3:
                os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    from generator.cli import cli
    cli.main(["build", {kit!r}, "--packs-dir", {packs!r}], prog_name="implkit")
    """
)


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_build_killed_mid_move_is_rolled_back_by_the_next_run(
    kit: Path, packs: Path, tmp_path: Path
) -> None:
    _change_answers(kit)
    before = _snapshot(kit)
    script = tmp_path / "killer.py"
    script.write_text(
        _KILLER.format(root=str(ROOT), kit=str(kit), packs=str(packs)), encoding="utf-8"
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (kit / JOURNAL).is_file()  # killed in the middle of the moves
    assert _snapshot(kit) != before
    assert [p for p in kit.parent.iterdir() if "staging" in p.name]  # left by the killed run

    code, output = run("build", str(kit), "--packs-dir", str(packs), "--json")
    assert code == 0, output
    assert "rolled back" in output and "staging folder of an interrupted run" in output
    assert not (kit / JOURNAL).exists() and not (kit / UNDO).exists()
    assert not [p for p in kit.parent.iterdir() if "staging" in p.name]
    manifest = json.loads((kit / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        digest = hashlib.sha256((kit / entry["path"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["path"]


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX")
def test_build_terminated_mid_move_rolls_back_at_once(
    kit: Path, packs: Path, tmp_path: Path
) -> None:
    _change_answers(kit)
    before = _snapshot(kit)
    script = tmp_path / "terminator.py"
    code = _KILLER.replace("signal.SIGKILL", "signal.SIGTERM").split("from generator.cli")[0]
    code += (  # through main(), which turns SIGTERM into an interrupt
        "from generator.cli import main\n"
        "sys.argv = ['implkit', 'build', {kit!r}, '--packs-dir', {packs!r}]\n"
        "main()\n"
    )
    script.write_text(code.format(root=str(ROOT), kit=str(kit), packs=str(packs)), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=300)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.decode().strip().startswith("Interrupted")
    assert _snapshot(kit) == before
    assert not (kit / JOURNAL).exists()
    assert not [p for p in kit.parent.iterdir() if "staging" in p.name]


def test_tampered_journal_cannot_move_files_outside(kit: Path, packs: Path) -> None:
    (kit / JOURNAL).write_text(
        json.dumps(
            {
                "state": "moving",
                "dirs": [],
                "steps": [{"dest": "../victim", "source": None, "sha256": "", "existed": True}],
            }
        ),
        encoding="utf-8",
    )
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "journal.json" in output and "'../victim'" in output


# --- open workbooks, concurrent runs ------------------------------------------------------


@pytest.mark.parametrize("lock_name", ["~$project-plan.xlsx", ".~lock.project-plan.xlsx#"])
def test_workbook_open_in_excel_is_refused_unless_force(
    kit: Path, packs: Path, lock_name: str
) -> None:
    _change_answers(kit)
    (kit / "plan" / lock_name).write_bytes(b"owner")
    before = _snapshot(kit)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "project-plan.xlsx: is open in Excel" in output and "--force" in output
    assert _snapshot(kit) == before
    out = kit.parent / "kit"
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START, "--force"
    )
    assert code == 0, output
    assert "is open in Excel" in output  # said, and the run went on


def test_second_run_on_a_locked_kit_is_refused(kit: Path, packs: Path) -> None:
    holder = FileLock(kit / ".implkit" / "lock")
    assert holder.try_acquire()
    try:
        with pytest.raises(Exception) as caught, kit_lock(kit, wait=0.3):
            pass
        assert "another implkit run" in str(caught.value)
    finally:
        holder.release()
    with kit_lock(kit, wait=0.3):  # free again
        assert (kit / ".implkit" / "lock").exists()
    assert not (kit / ".implkit" / "lock").exists()


def test_build_waits_for_and_then_refuses_a_running_build(built_kit: Path, packs: Path) -> None:
    kit = built_kit
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from generator.workspace.locks import kit_lock\n"
        f"with kit_lock(Path({str(kit)!r})):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        code, output = run("build", str(kit), "--packs-dir", str(packs))
        assert code == 2, output
        assert f"another implkit run (process {proc.pid})" in output
    finally:
        proc.kill()
        proc.wait()
    code, output = run("build", str(kit), "--packs-dir", str(packs))  # the lock died with it
    assert code == 0, output


# --- exit codes and the console ---------------------------------------------------------


def test_ctrl_c_exits_130_with_one_line(
    kit: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.render.docx_charter as docx_charter

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    _change_answers(kit)
    before = _snapshot(kit)
    monkeypatch.setattr(docx_charter, "render_charter", interrupted)
    result = CliRunner().invoke(cli, ["build", str(kit), "--packs-dir", str(packs)])
    assert result.exit_code == 130
    assert result.output.strip().count("\n") == 0 and "Interrupted" in result.output
    assert _snapshot(kit) == before


def test_disk_full_names_the_path_exit_2(
    kit: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import generator.render.docx_charter as docx_charter

    def full(_kit: object, path: Path, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    _change_answers(kit)
    monkeypatch.setattr(docx_charter, "render_charter", full)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert "project-charter.docx" in output and "disk is full" in output


def test_path_too_long_names_the_path_exit_2(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / ("x" * 300)
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START
    )
    assert code == 2, output
    assert "too long" in output and "Traceback" not in output


def test_console_that_cannot_encode_chinese_does_not_fail(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "new", "mini", "--packs-dir", str(packs),
         "--out", str(out), "--start", START, "--client", "客户", "--lang", "zh"],
        capture_output=True,
        env=env,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert b"\\u" in proc.stdout or b"\\x" in proc.stdout  # shown as escapes, not a crash


@pytest.mark.parametrize("state", [".implkit/last-build.json", ".implkit/calendar-history.json"])
def test_a_failed_install_leaves_the_kits_memory_as_it_was(
    built_kit: Path, packs: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    """The pack snapshot and the calendar history move with the files, under the kit lock:
    a failure while moving them rolls the whole build back (workbooks and memory in step)."""
    kit = built_kit  # a build's snapshot
    assert (kit / state).is_file()
    _change_answers(kit)
    before = _snapshot(kit)
    real_replace = os.replace
    failed: list[str] = []

    def failing_replace(src: object, dst: object) -> None:
        if Path(str(dst)) == kit / state and not failed:
            failed.append(str(dst))
            raise PermissionError(13, "Permission denied (injected)", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    monkeypatch.setattr(os, "replace", real_replace)
    assert failed, "the file was not moved by the install"
    assert code == 2, output
    assert _snapshot(kit) == before
    assert not (kit / JOURNAL).exists() and not (kit / UNDO).exists()
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 0, output
    assert (kit / state).read_bytes() != before[state]  # the next build moves it on


_RACER = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
import generator.workspace.install as scaffold

checks = []
real = scaffold.check_target

def check_target(target, *, force):
    real(target, force=force)
    if not checks:  # both runs pass the early check before either writes anything
        Path({ready!r} + {name!r}).touch()
        deadline = time.monotonic() + 120
        while len(list(Path({ready!r}).parent.glob("ready-*"))) < 2:
            assert time.monotonic() < deadline, "the other run never came"
            time.sleep(0.05)
    checks.append(target)

scaffold.check_target = check_target
from generator.cli import main
sys.argv = ["implkit", "new", "mini", "--packs-dir", {packs!r}, "--out", {out!r},
            "--start", "2026-03-02", "--client", {name!r}]
main()
"""


def test_two_new_runs_on_one_empty_folder_one_is_refused(packs: Path, tmp_path: Path) -> None:
    """Two `implkit new` processes that both find the folder empty: the target is checked
    again under the kit lock, so the second refuses instead of merging into the first kit."""
    out = tmp_path / "shared"
    out.mkdir()
    procs = []
    for name in ("First", "Second"):
        script = tmp_path / f"{name}.py"
        script.write_text(
            _RACER.format(
                root=str(ROOT),
                ready=str(tmp_path / "ready-"),
                name=name,
                packs=str(packs),
                out=str(out),
            ),
            encoding="utf-8",
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, str(script)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [(proc.wait(timeout=300), *proc.communicate()) for proc in procs]
    codes = sorted(code for code, _out, _err in results)
    assert codes == [0, 2], results
    refused = next(err for code, _out, err in results if code == 2)
    assert "not empty" in refused or "another implkit run" in refused, refused
    assert "Traceback" not in refused
    winner = "First" if results[0][0] == 0 else "Second"
    answers = (out / "project.yaml").read_text(encoding="utf-8")
    assert winner in answers and ({"First", "Second"} - {winner}).pop() not in answers
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        digest = hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["path"]

"""Links in a kit: no command reads or writes through a symbolic link planted in it.

A kit unpacked from a colleague's zip may hold links anywhere. Each case plants one
(to a file or a folder outside the kit), runs the command a consultant runs and
asserts: exit 2 naming the link, the target outside untouched (same bytes, nothing
created next to it), nothing written beside the kit, under HOME or in TMPDIR, and the
kit as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.hostile import Watch, files_of, kit_state, mini_kit, private_tmpdir, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")

START = "2026-03-02"
AS_OF = "2026-03-10"


run = run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return mini_kit(tmp_path_factory.mktemp("links"))


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    private_tmpdir(monkeypatch, tmp_path / "tmpdir")
    folder = tmp_path / "place"
    folder.mkdir()
    return folder


@pytest.fixture
def kit(pristine: tuple[Path, Path], place: Path) -> Path:
    target = place / "kit"
    shutil.copytree(pristine[0], target, symlinks=True)
    return target


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the kit (and beside nothing the command should touch)."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.json").write_text('{"keep": true}\n', encoding="utf-8")
    return folder


def _link(kit: Path, relative: str, target: Path) -> Path:
    link = kit / relative
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=target.is_dir())
    return link


def _refused(kit: Path, packs: Path, outside: Path, link: Path, *command: str) -> str:
    before, outside_before = kit_state(kit), files_of(outside)
    victim = (outside / "victim.json").read_bytes()
    watch = Watch(kit)
    args = [command[0], str(kit), "--packs-dir", str(packs), *command[1:]]
    code, output = run(*args)
    assert code == 2, output
    assert str(link) in output and "symbolic link" in output, output
    assert "Traceback" not in output and "Internal error" not in output
    assert files_of(outside) == outside_before, "written through the link"
    assert (outside / "victim.json").read_bytes() == victim
    assert kit_state(kit) == before, "the kit changed"
    watch.assert_untouched()
    return output


def test_status_never_writes_a_linked_snapshot(
    kit: Path, pristine: tuple[Path, Path], outside: Path
) -> None:
    link = _link(kit, f".implkit/snapshots/{AS_OF}.json", outside / "victim.json")
    _refused(kit, pristine[1], outside, link, "status", "--as-of", AS_OF)


def test_status_never_writes_into_a_linked_snapshots_folder(
    kit: Path, pristine: tuple[Path, Path], outside: Path
) -> None:
    link = _link(kit, ".implkit/snapshots", outside)
    _refused(kit, pristine[1], outside, link, "status", "--as-of", AS_OF)


def test_baseline_never_writes_into_a_linked_baselines_folder(
    kit: Path, pristine: tuple[Path, Path], outside: Path
) -> None:
    shutil.copytree(kit / ".implkit" / "baselines", outside, dirs_exist_ok=True)
    link = _link(kit, ".implkit/baselines", outside)
    _refused(kit, pristine[1], outside, link, "baseline", "--as-of", AS_OF)


@pytest.mark.parametrize("command", ["build", "status"])
def test_a_linked_project_yaml_is_refused_and_its_target_never_quoted(
    kit: Path, pristine: tuple[Path, Path], outside: Path, command: str
) -> None:
    secret = outside / "victim.json"
    secret.write_text("password: hunter2\nsecond: line\n", encoding="utf-8")
    link = _link(kit, "project.yaml", secret)
    extra = ["--as-of", AS_OF] if command == "status" else []
    output = _refused(kit, pristine[1], outside, link, command, *extra)
    assert "hunter2" not in output and "second" not in output


@pytest.mark.parametrize("relative", ["reports", f"reports/status-{AS_OF}.xlsx"])
def test_status_never_writes_a_report_through_a_link(
    kit: Path, pristine: tuple[Path, Path], outside: Path, relative: str
) -> None:
    target = outside if relative == "reports" else outside / "victim.json"
    link = _link(kit, relative, target)
    _refused(kit, pristine[1], outside, link, "status", "--as-of", AS_OF)


@pytest.mark.parametrize("relative", ["exports", "exports/project-plan.mspdi.xml"])
def test_export_never_writes_through_a_link_in_the_kit(
    kit: Path, pristine: tuple[Path, Path], outside: Path, relative: str
) -> None:
    target = outside if relative == "exports" else outside / "victim.json"
    link = _link(kit, relative, target)
    _refused(kit, pristine[1], outside, link, "export", "--format", "mspdi")


def test_a_linked_lock_file_is_refused_and_never_created_outside(
    kit: Path, pristine: tuple[Path, Path], outside: Path
) -> None:
    missing = outside / "created-by-lock"
    link = _link(kit, ".implkit/lock", missing)
    link.unlink()
    link.symlink_to(missing)  # a dangling link: opening it would create its target
    _refused(kit, pristine[1], outside, link, "build")
    assert not missing.exists()


def test_a_linked_undo_folder_never_moves_files_into_the_kit(
    kit: Path, pristine: tuple[Path, Path], outside: Path
) -> None:
    """A journal of an interrupted build with a linked undo folder: the rollback would
    move files from outside into the kit."""
    import json

    (kit / ".implkit" / "journal.json").write_text(
        json.dumps(
            {
                "state": "moving",
                "started": "2026-03-10T09:00:00",
                "dirs": [],
                "steps": [{"dest": "README.md", "source": None, "sha256": "", "existed": True}],
            }
        ),
        encoding="utf-8",
    )
    (outside / "0").write_text("from outside\n", encoding="utf-8")
    link = _link(kit, ".implkit/undo", outside)
    _refused(kit, pristine[1], outside, link, "build")
    assert "from outside" not in (kit / "README.md").read_text(encoding="utf-8")


def test_renamed_ids_never_read_or_rewrite_a_linked_baselines_folder(tmp_path: Path) -> None:
    """A pack that renames a task rewrites the saved baselines and snapshots; a linked
    folder is refused, its files neither read nor returned for rewriting."""
    from generator.carry.renames import renamed_state
    from generator.errors import InputError
    from generator.packs.renames import Renames

    kit = tmp_path / "kit"
    outside = tmp_path / "outside"
    (kit / ".implkit").mkdir(parents=True)
    outside.mkdir()
    saved = b'{"tasks": [{"id": "old-task"}], "milestones": []}\n'
    (outside / "initial.json").write_bytes(saved)
    (kit / ".implkit" / "baselines").symlink_to(outside, target_is_directory=True)
    renames = Renames({"tasks": {"old-task": "new-task"}})
    with pytest.raises(InputError) as caught:
        renamed_state(kit, renames)
    assert "baselines" in str(caught.value) and "link" in str(caught.value)
    assert (outside / "initial.json").read_bytes() == saved
    assert sorted(p.name for p in outside.iterdir()) == ["initial.json"]


def test_renamed_ids_skip_a_linked_snapshot_file(tmp_path: Path) -> None:
    """A linked snapshot file is left alone (status refuses it, naming it)."""
    from generator.carry.renames import renamed_state
    from generator.packs.renames import Renames

    kit = tmp_path / "kit"
    snapshots = kit / ".implkit" / "snapshots"
    snapshots.mkdir(parents=True)
    target = tmp_path / "elsewhere.json"
    target.write_text('{"milestones": {"old-task": "2026-05-01"}}', encoding="utf-8")
    (snapshots / "2026-03-10.json").symlink_to(target)
    (snapshots / "2026-03-17.json").write_text(
        '{"milestones": {"old-task": "2026-05-04"}}', encoding="utf-8"
    )
    state = renamed_state(kit, Renames({"tasks": {"old-task": "new-task"}}))
    assert list(state) == [".implkit/snapshots/2026-03-17.json"]
    assert b"new-task" in state[".implkit/snapshots/2026-03-17.json"]

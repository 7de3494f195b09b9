"""A full disk: every command ends with exit 2 naming a file, the kit as it was.

The kit lives on a small tmpfs made by the test (it needs root: skipped with the
reason elsewhere) that is filled completely before the command runs:
``status``, ``baseline``, ``evaluate`` and ``build`` each refuse, say the disk is full,
leave every file of the kit as it was (no truncated report, baseline or snapshot) and
no temporary file, and write nothing beside the kit, under HOME or in TMPDIR.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.kitfs import stale_temporaries
from tests.hostile import (
    Watch,
    fill_disk,
    kit_state,
    mini_kit,
    mount_small_disk,
    private_tmpdir,
    run_cli,
    unmount,
)

START = "2026-03-02"
AS_OF = "2026-03-10"


run = run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return mini_kit(tmp_path_factory.mktemp("fulldisk"))


@pytest.fixture
def full_kit(
    pristine: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    private_tmpdir(monkeypatch, tmp_path / "tmpdir")
    disk = tmp_path / "disk"
    reason = mount_small_disk(disk, "8m")
    if reason:
        pytest.skip(reason)
    try:
        kit = disk / "kit"
        shutil.copytree(pristine[0], kit)
        yield kit
    finally:
        unmount(disk)


def _temporaries(kit: Path) -> list[Path]:
    folders = [kit, *(p for p in kit.rglob("*") if p.is_dir())]
    return [t for folder in folders for t in stale_temporaries(folder)]


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--as-of", "2026-03-11"),
        ("baseline", "--as-of", AS_OF, "--name", "rebaselined"),
        ("evaluate", "--as-of", AS_OF),
        ("build", "--as-of", "2026-03-11"),
    ],
    ids=["status", "baseline", "evaluate", "build"],
)
def test_a_full_disk_is_exit_2_and_the_kit_stays_whole(
    full_kit: Path, pristine: tuple[Path, Path], command: tuple[str, ...]
) -> None:
    kit = full_kit
    if command[0] == "build":  # an answer changed: every dated deliverable is rewritten
        answers = kit / "project.yaml"
        answers.write_text(
            answers.read_text(encoding="utf-8").replace(START, "2026-04-01"), encoding="utf-8"
        )
    before = kit_state(kit)
    filler = fill_disk(kit.parent, leave=0)
    watch = Watch(kit)
    code, output = run(command[0], str(kit), "--packs-dir", str(pristine[1]), *command[1:])
    assert code == 2, output
    assert "disk is full" in output and "Traceback" not in output, output
    assert str(kit) in output
    watch.assert_untouched()
    filler.unlink()
    assert kit_state(kit) == before, "a file of the kit changed"
    assert _temporaries(kit) == []

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
from click.testing import CliRunner

from generator.cli import cli
from generator.kitfs import stale_temporaries
from tests.hostile import (
    Watch,
    fill_disk,
    kit_state,
    mount_small_disk,
    private_tmpdir,
    unmount,
)
from tests.mini_packs import write_mini

START = "2026-03-02"
AS_OF = "2026-03-10"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += f"\nTraceback: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, output


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("fulldisk")
    packs = root / "packs"
    write_mini(packs)
    kit = root / "kit"
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(kit), "--start", START
    )
    assert code == 0, output
    code, output = run("status", str(kit), "--packs-dir", str(packs), "--as-of", AS_OF)
    assert code == 0, output
    return kit, packs


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

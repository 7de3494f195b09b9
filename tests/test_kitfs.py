"""The kit's file rules (generator/kitfs.py): inside the kit, never through a link, whole.

Links: a linked folder or file anywhere below the kit is refused for reading and
writing, also when planted between the check and the open. Full disk: a small tmpfs
(made by the test where it runs as root, skipped with the reason elsewhere) fills up
half-way through a write: exit-2 error naming the file, the old file intact, no
temporary file left.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.kitfs import (
    contained,
    make_folders,
    read_kit_bytes,
    read_kit_json,
    staged,
    stale_temporaries,
    write_atomic,
)
from tests.hostile import fill_disk, mount_small_disk, unmount

posix_only = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    (root / ".implkit" / "snapshots").mkdir(parents=True)
    (root / "reports").mkdir()
    return root


def _refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(caught.value)


@pytest.mark.parametrize("path", ["../outside.json", "/etc/passwd", "a/../../x"])
def test_paths_leaving_the_kit_are_refused(kit: Path, path: str) -> None:
    assert "outside the kit folder" in _refused(contained, kit, path)


@posix_only
def test_a_linked_folder_is_refused_for_reading_and_writing(kit: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2026-01-01.json").write_text("{}", encoding="utf-8")
    snapshots = kit / ".implkit" / "snapshots"
    snapshots.rmdir()
    snapshots.symlink_to(elsewhere, target_is_directory=True)
    relative = ".implkit/snapshots/2026-01-01.json"
    for call, args in (
        (write_atomic, (kit, relative, b"{}")),
        (read_kit_json, (kit, relative)),
        (make_folders, (kit, ".implkit/snapshots/x")),
    ):
        kwargs = {"fix": "x"} if call is read_kit_json else {}
        message = _refused(call, *args, **kwargs)
        assert f"{snapshots}: is a symbolic link inside the kit" in message
    assert [p.name for p in elsewhere.iterdir()] == ["2026-01-01.json"]
    assert (elsewhere / "2026-01-01.json").read_text(encoding="utf-8") == "{}"


@posix_only
def test_a_linked_file_is_refused_and_its_target_never_quoted(kit: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (kit / "project.yaml").symlink_to(secret)
    message = _refused(read_kit_bytes, kit, "project.yaml", limit=1000)
    assert "symbolic link" in message and "hunter2" not in message
    message = _refused(write_atomic, kit, "project.yaml", b"x")
    assert "symbolic link" in message
    assert secret.read_text(encoding="utf-8") == "password: hunter2\n"


@posix_only
def test_a_link_planted_after_the_check_is_not_followed(
    kit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: the path is checked, then swapped for a link before the open."""
    import generator.kitfs as kitfs

    secret = tmp_path / "secret.json"
    secret.write_text('{"a": 1}', encoding="utf-8")
    real = kitfs.contained

    def checked_then_swapped(root: Path, path: Path | str) -> Path:
        found = real(root, path)
        if found.name == "index.json":
            found.unlink(missing_ok=True)
            found.symlink_to(secret)
        return found

    monkeypatch.setattr(kitfs, "contained", checked_then_swapped)
    (kit / ".implkit" / "index.json").write_text("{}", encoding="utf-8")
    message = _refused(read_kit_json, kit, ".implkit/index.json", fix="x")
    assert "symbolic link" in message


def test_write_atomic_replaces_whole_and_leaves_no_temporary(kit: Path) -> None:
    path = write_atomic(kit, "reports/status.json", b"first")
    assert path.read_bytes() == b"first"
    write_atomic(kit, "reports/status.json", b"second")
    assert path.read_bytes() == b"second"
    assert stale_temporaries(kit / "reports") == []
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)  # a normal file, not mkstemp's


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(kit: Path) -> None:
    old = kit / "reports" / "status.xlsx"
    old.write_bytes(b"old report")
    with pytest.raises(RuntimeError), staged(kit, "reports/status.xlsx") as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the renderer failed")
    assert old.read_bytes() == b"old report"
    assert stale_temporaries(kit / "reports") == []


def test_an_os_error_while_writing_is_exit_2_naming_the_file(kit: Path) -> None:
    target = kit / "reports" / "status.docx"
    with pytest.raises(InputError) as caught, staged(kit, "reports/status.docx"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert f"{target}:" in str(caught.value) and "disk is full" in str(caught.value)
    assert stale_temporaries(kit / "reports") == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    reason = mount_small_disk(folder, "1m")
    if reason:
        pytest.skip(reason)
    try:
        yield folder
    finally:
        unmount(folder)


def test_a_full_disk_leaves_the_old_file_whole(small_disk: Path) -> None:
    kit = small_disk / "kit"
    make_folders(kit, ".implkit/baselines")
    baseline = write_atomic(kit, ".implkit/baselines/initial.json", b'{"tasks": []}')
    fill_disk(small_disk, leave=4096)
    with pytest.raises(InputError) as caught:
        write_atomic(kit, ".implkit/baselines/initial.json", b"x" * 200_000)
    assert f"{baseline}:" in str(caught.value) and "disk is full" in str(caught.value)
    assert baseline.read_bytes() == b'{"tasks": []}'
    assert stale_temporaries(baseline.parent) == []

"""A process that loads many kits (the portfolio's workers) loads each pack once per content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.workspace.load as load
from generator.project import ProjectSpec
from industry_packs import __file__ as packs_init

PACKS = Path(packs_init).parent


@pytest.fixture
def remembering(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "_PACKS", None)
    load.remember_packs()


def _spec(pack: str) -> ProjectSpec:
    return ProjectSpec.model_validate({"pack": pack, "client": "Acme", "start": "2026-03-02"})


def test_a_pack_is_loaded_once_and_again_after_an_edit(remembering: None, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(PACKS / "manufacturing", packs / "mfg-copy")
    pack_yaml = packs / "mfg-copy" / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8").replace("id: manufacturing", "id: mfg-copy"),
        encoding="utf-8",
    )
    first = load.load_project_pack(_spec("mfg-copy"), tmp_path, packs, None)
    again = load.load_project_pack(_spec("mfg-copy"), tmp_path, packs, None)
    assert again is first
    other = load.load_project_pack(_spec("healthcare"), tmp_path, None, None)
    assert other is not first and other.meta.id == "healthcare"
    # an edit to the pack (or to the base it extends) is seen by the next load
    text = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(text.replace(f"version: {first.meta.version}", "version: 9.9.9"), "utf-8")
    edited = load.load_project_pack(_spec("mfg-copy"), tmp_path, packs, None)
    assert edited is not first and edited.meta.version == "9.9.9"
    shutil.copytree(PACKS / "base", packs / "base")  # now the sibling base wins: new content
    (packs / "base" / "extra-note.txt").write_text("changed", encoding="utf-8")
    assert load.load_project_pack(_spec("mfg-copy"), tmp_path, packs, None) is not edited


def test_without_remembering_every_load_is_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "_PACKS", None)
    first = load.load_project_pack(_spec("manufacturing"), Path("."), None, None)
    assert load.load_project_pack(_spec("manufacturing"), Path("."), None, None) is not first


def test_a_large_file_in_a_pack_folder_is_keyed_not_read_whole(
    remembering: None, tmp_path: Path
) -> None:
    """The memo hashes pack files in chunks; a file over the largest size a reader takes
    (a recording someone left in the pack folder) is keyed by its size and time."""
    import os

    from generator.limits import overridden

    packs = tmp_path / "packs"
    shutil.copytree(PACKS / "manufacturing", packs / "manufacturing")
    big = packs / "manufacturing" / "kickoff-recording.mp4"
    big.write_bytes(b"\0" * 65_536)
    with overridden(archive_bytes=32_768):
        first = load.load_project_pack(_spec("manufacturing"), tmp_path, packs, None)
        assert load.load_project_pack(_spec("manufacturing"), tmp_path, packs, None) is first
        big.write_bytes(b"\1" * 65_537)  # replaced: another size (and time)
        os.utime(big, ns=(1, 1))
        again = load.load_project_pack(_spec("manufacturing"), tmp_path, packs, None)
    assert again is not first and again.meta.id == "manufacturing"

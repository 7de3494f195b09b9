"""The compiled built-in packs (generator/packs/compiled/): current, equal to a YAML load,
and never used where the YAML must be read (a user's pack, a stale file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.carry.packdiff import snapshot
from generator.errors import InputError
from generator.i18n import set_language
from generator.packs import compiled
from generator.packs.compiled import FOLDER, SUFFIX, load_compiled, pack_key
from generator.packs.loader import builtin_packs, inspect_pack, load_pack
from generator.packs.resolved import Located, item_digest

BUILTIN = sorted(builtin_packs())
REGENERATE = "stale: run `python -m generator.packs.compiled` and commit generator/packs/compiled/"


@pytest.fixture(scope="module")
def usable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of compiled packs the running Python and pydantic read back: the shipped
    one, or (under other versions, where the shipped files are not used) the packs
    compiled afresh, so the tests below see the mechanism work under any versions."""
    shipped = [compiled._header((FOLDER / f"{p}{SUFFIX}").read_bytes()) for p in BUILTIN]
    if all(h is not None and h[1] == compiled.environment() for h in shipped):
        return FOLDER
    folder = tmp_path_factory.mktemp("compiled")
    for pack_id in BUILTIN:
        (folder / f"{pack_id}{SUFFIX}").write_bytes(compiled.compiled_bytes(pack_id))
    return folder


@pytest.fixture
def compiled_folder(usable: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(compiled, "FOLDER", usable)
    return usable


def test_every_builtin_pack_is_shipped_compiled() -> None:
    shipped = sorted(p.stem for p in FOLDER.glob(f"*{SUFFIX}"))
    assert shipped == BUILTIN, REGENERATE


@pytest.mark.parametrize("pack_id", BUILTIN)
def test_compiled_pack_is_current(pack_id: str) -> None:
    data = (FOLDER / f"{pack_id}{SUFFIX}").read_bytes()
    header = compiled._header(data)
    assert header is not None
    key, _env, chain, _ = header  # the versions only decide whether it is used
    root = builtin_packs()[pack_id].resolve().parent
    assert pack_key(root, chain) == key, REGENERATE


def test_other_versions_of_python_or_pydantic_read_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "FOLDER", tmp_path)
    (tmp_path / f"manufacturing{SUFFIX}").write_bytes(compiled.compiled_bytes("manufacturing"))
    assert load_compiled("manufacturing") is not None
    monkeypatch.setattr(compiled, "environment", lambda: "python3.99-pydantic9.0")
    assert load_compiled("manufacturing") is None


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("pack_id", BUILTIN)
def test_compiled_pack_equals_its_yaml_load(pack_id: str, lang: str, compiled_folder: Path) -> None:
    set_language(lang)  # the autouse fixture sets the default back
    fresh = inspect_pack(pack_id).pack  # always the YAML
    loaded = load_compiled(pack_id)
    assert fresh is not None and loaded is not None
    assert loaded == fresh
    assert loaded.dirs == fresh.dirs
    assert snapshot(loaded) == snapshot(fresh)
    for section in ("tasks", "roles", "courses", "lessons"):
        for located in getattr(loaded, section):
            assert isinstance(located, Located)
            assert located.known_digest == item_digest(located.item)


def test_load_pack_uses_the_compiled_form(
    monkeypatch: pytest.MonkeyPatch, compiled_folder: Path
) -> None:
    def no_yaml(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the YAML was read")

    monkeypatch.setattr("generator.packs.loader.inspection.inspect_pack", no_yaml)
    assert load_pack("manufacturing").meta.id == "manufacturing"


def test_a_stale_or_broken_compiled_file_falls_back_to_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, usable: Path
) -> None:
    monkeypatch.setattr(compiled, "FOLDER", tmp_path)
    original = (usable / f"manufacturing{SUFFIX}").read_bytes()
    target = tmp_path / f"manufacturing{SUFFIX}"
    target.write_bytes(original)
    assert load_compiled("manufacturing") is not None  # so each None below is the damage
    target.write_bytes(b"not a compiled pack\n" + original)
    assert load_compiled("manufacturing") is None
    key_at = len(compiled.MAGIC) + 1
    other = b"1" if original[key_at : key_at + 1] == b"0" else b"0"
    target.write_bytes(original[:key_at] + other + original[key_at + 1 :])
    assert load_compiled("manufacturing") is None  # another key: an edited pack or model
    target.write_bytes(original[: original.index(b"\n") + 1] + b"cut short")
    assert load_compiled("manufacturing") is None  # damaged after the header
    target.unlink()
    assert load_compiled("manufacturing") is None  # none shipped
    assert load_pack("manufacturing") == inspect_pack("manufacturing").pack


def test_a_users_pack_is_always_read_from_its_yaml(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    for pack_id in ("base", "manufacturing"):
        shutil.copytree(builtin_packs()[pack_id], packs / pack_id)
    # a copy in --packs-dir, and a folder given as a path: the YAML, even when unchanged
    assert load_compiled("manufacturing", packs) is None
    assert load_compiled(packs / "manufacturing") is None
    assert load_compiled(str(packs / "manufacturing")) is None
    assert load_compiled("no-such-pack") is None
    # its problems are reported with file and line, as the loader finds them
    risks = packs / "manufacturing" / "risks.yaml"
    risks.write_text(risks.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_pack("manufacturing", packs)
    assert any("risks.yaml" in p.file and p.line > 0 for p in err.value.problems)

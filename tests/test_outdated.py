"""``implkit outdated``: which kits are behind their pack, for a person and for CI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.carry.outdated import kit_pack, outdated_kits, version_key
from generator.cli import cli

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "packs" / "renames" / "acme"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding packs/acme (1.0.0) and kits/acme-kit built from it."""
    root = tmp_path_factory.mktemp("outdated")
    shutil.copytree(FIXTURE, root / "packs" / "acme")
    (root / "kits").mkdir()
    code, out = run(
        "new", "acme", "--packs-dir", str(root / "packs"), "--out", str(root / "kits" / "acme-kit"),
        "--start", "2027-03-01",
    )  # fmt: skip
    assert code == 0, out
    return root


def _copy(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / "w")
    return tmp_path / "w"


def _bump(pack: Path, version: str, extra: str = "") -> None:
    meta = pack / "pack.yaml"
    text = meta.read_text(encoding="utf-8").replace("version: 1.0.0", f"version: {version}")
    meta.write_text(text, encoding="utf-8")
    if extra:
        (pack / "extra.yaml").write_text(extra, encoding="utf-8")


EXTRA_TASK = """\
tasks:
  - id: acme.till-audit
    name: {en: Till audit, zh: 收银稽核}
    phase: run
    after: [base.hypercare]
    duration: 1
    owner: acme-analyst
"""


def test_version_order_is_semantic() -> None:
    order = ["1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]
    assert sorted(reversed(order), key=version_key) == order
    assert version_key("not a version") < version_key("0.0.1")


def test_a_kit_built_from_the_current_pack_is_current(built: Path, tmp_path: Path) -> None:
    work = _copy(built, tmp_path)
    [found] = outdated_kits([work / "kits"], work / "packs")
    assert (found.pack, found.built_with, found.available, found.status) == (
        "acme", "1.0.0", "1.0.0", "current",
    )  # fmt: skip
    code, out = run("outdated", str(work / "kits"), "--packs-dir", str(work / "packs"))
    assert code == 0, out
    assert "acme-kit" in out and "current" in out


def test_a_newer_pack_version_makes_the_kit_outdated_and_says_what_it_brings(
    built: Path, tmp_path: Path
) -> None:
    work = _copy(built, tmp_path)
    _bump(work / "packs" / "acme", "1.1.0", EXTRA_TASK)
    found = kit_pack(work / "kits" / "acme-kit", work / "packs")
    assert found.status == "outdated" and found.available == "1.1.0"
    assert found.changes == {"added": 1, "changed": 0, "removed": 0, "renamed": 0}
    code, out = run("outdated", str(work), "--packs-dir", str(work / "packs"), "--json")
    assert code == 1  # for CI: a kit is behind its pack
    import json

    [row] = json.loads(out)
    assert row["status"] == "outdated" and row["built_with"] == "1.0.0"
    assert row["changes"]["added"] == 1


def test_changed_without_a_new_version_ahead_and_missing(built: Path, tmp_path: Path) -> None:
    work = _copy(built, tmp_path)
    pack = work / "packs" / "acme"
    (pack / "extra.yaml").write_text(EXTRA_TASK, encoding="utf-8")
    assert kit_pack(work / "kits" / "acme-kit", work / "packs").status == "changed"
    _bump(pack, "0.9.0")
    assert kit_pack(work / "kits" / "acme-kit", work / "packs").status == "ahead"
    shutil.rmtree(pack)
    missing = kit_pack(work / "kits" / "acme-kit", work / "packs")
    assert missing.status == "missing" and "acme" in missing.reason
    code, out = run("outdated", str(work / "kits"), "--packs-dir", str(work / "packs"))
    assert code == 1 and "pack not found" in out and "unknown pack" in out

"""Crash recovery: the next run after a SIGKILL finds what was left and says what it did.

``status`` killed while it writes its report leaves no truncated report (the report is
written to a temporary file and renamed); the next run removes the temporary file and
says so. ``status`` on a kit whose build was killed half-way rolls the build back first
(from its journal) and says so, instead of reporting on a half-installed kit. A plan
open in Excel (its lock file) is said: entries not saved yet are not in the report.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.kitfs import stale_temporaries
from tests.hostile import mini_kit, run_cli

START = "2026-03-02"
AS_OF = "2026-03-10"
ROOT = Path(__file__).resolve().parents[1]

posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


run = run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return mini_kit(tmp_path_factory.mktemp("crash"))


@pytest.fixture
def kit(pristine: tuple[Path, Path], tmp_path: Path) -> Path:
    target = tmp_path / "kit"
    shutil.copytree(pristine[0], target)
    return target


_KILL_WHILE_WRITING = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import generator.render.status_docx as docx
    real = docx.write_status_docx
    def killed(status, path, lang):
        real(status, path, lang)
        with open(path, "r+b") as handle:  # half of it on the disk, as a crash would leave
            handle.truncate(os.path.getsize(path) // 2)
        os.kill(os.getpid(), signal.SIGKILL)
    docx.write_status_docx = killed
    from generator.cli import main
    sys.argv = ["implkit", "status", {kit!r}, "--packs-dir", {packs!r}, "--as-of", {as_of!r}]
    main()
    """
)


@posix_only
def test_status_killed_while_writing_leaves_whole_reports_and_the_next_run_cleans_up(
    kit: Path, pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    reports = kit / "reports"
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    script = tmp_path / "killer.py"
    script.write_text(
        _KILL_WHILE_WRITING.format(
            root=str(ROOT), kit=str(kit), packs=str(pristine[1]), as_of=AS_OF
        ),
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=600)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    left = stale_temporaries(reports)
    assert left, "the killed run left its temporary files"
    assert {p.name: p.read_bytes() for p in reports.iterdir() if p not in left} == before
    code, output = run("status", str(kit), "--packs-dir", str(pristine[1]), "--as-of", AS_OF)
    assert code == 0, output
    assert "a temporary file of an interrupted run" in output
    assert stale_temporaries(reports) == []
    from docx import Document

    Document(str(reports / f"status-{AS_OF}.docx"))  # whole: opens


def test_status_rolls_back_an_interrupted_build_first_and_says_so(
    kit: Path, pristine: tuple[Path, Path]
) -> None:
    """A build killed in its moves left a journal and a half-changed kit."""
    readme = kit / "README.md"
    original = readme.read_bytes()
    undo = kit / ".implkit" / "undo"
    undo.mkdir()
    (undo / "0").write_bytes(original)
    readme.write_text("half-installed\n", encoding="utf-8")
    (kit / ".implkit" / "journal.json").write_text(
        json.dumps(
            {
                "state": "moving",
                "started": "2026-03-10T09:00:00",
                "dirs": [],
                "steps": [
                    {
                        "dest": "README.md",
                        "source": None,
                        "sha256": hashlib.sha256(b"half-installed\n").hexdigest(),
                        "existed": True,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    code, output = run("status", str(kit), "--packs-dir", str(pristine[1]), "--as-of", AS_OF)
    assert code == 0, output
    assert "was rolled back" in output, output
    assert readme.read_bytes() == original
    assert not (kit / ".implkit" / "journal.json").exists() and not undo.exists()


@pytest.mark.parametrize("lock_name", ["~$project-plan.xlsx", ".~lock.project-plan.xlsx#"])
def test_status_says_the_plan_is_open(
    kit: Path, pristine: tuple[Path, Path], lock_name: str
) -> None:
    (kit / "plan" / lock_name).write_bytes(b"owner")
    code, output = run("status", str(kit), "--packs-dir", str(pristine[1]), "--as-of", AS_OF)
    assert code == 0, output
    assert "project-plan.xlsx: is open in Excel" in output and lock_name in output
    assert "not in this report" in output

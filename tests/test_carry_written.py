"""The digest of generated cells made while writing equals the one read back from the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.carry import written
from generator.render.workbook.readback import Unreadable, as_read
from generator.render.xlsx_migration import render_migration
from generator.render.xlsx_plan import render_plan
from generator.render.xlsx_training import render_training_matrix
from tests.sample_kit import sample_kit

RENDERERS = (
    ("plan", render_plan),
    ("migration", render_migration),
    ("training-matrix", render_training_matrix),
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("kind", "render"), RENDERERS)
def test_digest_while_writing_equals_the_read_back(
    tmp_path: Path, lang: str, kind: str, render: object
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    render(sample_kit(lang), path)  # type: ignore[operator]
    made = written._WRITTEN.get(written._key(path.read_bytes()))
    assert made is not None, "the writer did not remember its digest"
    read = written._read_digest(path, kind)
    assert read, "the sample kit has carried sheets with rows"
    assert {k: v for k, v in made.items() if written._carried(k, kind)} == read


def test_written_digest_uses_the_remembered_hashes(tmp_path: Path) -> None:
    target = tmp_path / "kit"
    render_plan(sample_kit("en"), target / "plan" / "project-plan.xlsx")
    remembered = written.written_digest(target)
    written._WRITTEN.clear()  # a workbook this process did not write: read back
    assert written.written_digest(target) == remembered


def test_values_whose_round_trip_is_not_modelled_are_refused() -> None:
    from datetime import datetime

    for value in ("a\rb", "code _x0041_ here", datetime(2026, 3, 2, 9, 30)):
        with pytest.raises(Unreadable):
            as_read(value, "text")
    assert as_read("T_XNXQ", "text") == "T_XNXQ"  # not an escape
    assert as_read(2.0, "number") == 2 and isinstance(as_read(2.0, "number"), int)


def test_new_imports_neither_openpyxl_nor_numpy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from generator.cli import cli\n"
        f"cli.main(['new', 'base', '--out', {str(tmp_path / 'kit')!r}, '--start', "
        "'2026-03-02'], standalone_mode=False)\n"
        "print(sorted(m for m in ('openpyxl', 'numpy') if m in sys.modules))\n"
        "print(sum(m.startswith('holidays.countries.') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    lines = done.stdout.strip().splitlines()
    assert lines[-2] == "[]", done.stdout
    assert int(lines[-1]) <= 2, "only the kit's country (and what it extends) is loaded"

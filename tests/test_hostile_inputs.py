"""Tampered kits through the commands a consultant runs: bombs and hostile metadata.

Each case tampers with one file of a real kit (the mini pack), runs ``build`` or
``status`` in-process and asserts: exit 2, the file named, no traceback, the kit as
it was (nothing lost, nothing half-written) and nothing written beside the kit, under
HOME or in TMPDIR. Limits are lowered (:func:`generator.limits.overridden`) so a
"gigabyte" bomb is a few megabytes here; ``benchmarks/refusals.py`` runs the full sizes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.kit_model import TaskProgress
from generator.limits import overridden
from tests.hostile import (
    Watch,
    add_rows,
    declare_entity,
    fifo_in_place_of,
    inflate_part,
    kit_state,
    mini_kit,
    nested_json,
    private_tmpdir,
    run_cli,
    sheet_part,
    undefined_entity,
)
from tests.tracking_fill import fill_plan

START = "2026-03-02"
AS_OF = "2026-03-10"
PLAN = Path("plan") / "project-plan.xlsx"


run = run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return mini_kit(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(autouse=True)
def own_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR of this test alone, so that what a run leaves there is seen."""
    return private_tmpdir(monkeypatch, tmp_path / "tmpdir")


@pytest.fixture
def kit(pristine: tuple[Path, Path], tmp_path: Path) -> Path:
    target = tmp_path / "work" / "kit"
    shutil.copytree(pristine[0], target)
    return target


@pytest.fixture
def packs(pristine: tuple[Path, Path]) -> Path:
    return pristine[1]


def refused(kit: Path, packs: Path, command: str, needle: str) -> str:
    """Run ``command`` on the tampered ``kit``: exit 2 naming ``needle``, nothing changed."""
    before = kit_state(kit)
    watch = Watch(kit)
    args = [command, str(kit), "--packs-dir", str(packs)]
    if command == "status":
        args += ["--as-of", AS_OF]
    code, output = run(*args)
    assert code == 2, output
    assert needle in output, output
    assert "Traceback" not in output and "Internal error" not in output, output
    assert kit_state(kit) == before, "the kit changed"
    watch.assert_untouched()
    return output


COMMANDS = ["build", "status"]


# --- hostile workbooks ----------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_entity_declared_in_the_plan_is_refused(kit: Path, packs: Path, command: str) -> None:
    plan = kit / PLAN
    declare_entity(plan, sheet_part(plan, "Plan"))
    output = refused(kit, packs, command, str(plan))
    assert "declares a DTD or XML entities" in output


@pytest.mark.parametrize("command", COMMANDS)
def test_undefined_entity_in_a_plan_cell_is_refused(kit: Path, packs: Path, command: str) -> None:
    plan = kit / PLAN
    undefined_entity(plan, sheet_part(plan, "Plan"))
    output = refused(kit, packs, command, str(plan))
    assert "sheet 'Plan' cannot be read" in output and "Entity 'a' not defined" in output


@pytest.mark.parametrize("command", COMMANDS)
def test_plan_that_inflates_beyond_the_limit_is_refused(
    kit: Path, packs: Path, command: str
) -> None:
    plan = kit / PLAN
    inflate_part(plan, sheet_part(plan, "Plan"), 3 * 1024 * 1024)
    with overridden(member_bytes=2 * 1024 * 1024):
        output = refused(kit, packs, command, str(plan))
    assert "zip bomb" in output and ".implkit/backups/" in output


@pytest.mark.parametrize("command", COMMANDS)
def test_sheet_with_too_many_rows_is_refused(kit: Path, packs: Path, command: str) -> None:
    plan = kit / PLAN
    add_rows(plan, "Plan", 300)
    with overridden(sheet_rows=200):
        output = refused(kit, packs, command, str(plan))
    assert "sheet 'Plan' holds more than 200 rows" in output


def test_sheet_reaching_row_twelve_million_is_refused(kit: Path, packs: Path) -> None:
    plan = kit / PLAN
    add_rows(plan, "Risks", 0, last=12_000_000)
    with overridden(sheet_last_row=100_000):
        output = refused(kit, packs, "build", str(plan))
    assert "goes beyond row 100000" in output


def test_docx_template_bomb_is_refused_before_anything_is_written(
    packs: Path, tmp_path: Path
) -> None:
    from docx import Document

    template = tmp_path / "corp.docx"
    Document().save(str(template))
    inflate_part(template, "word/document.xml", 3 * 1024 * 1024)
    out = tmp_path / "place" / "new-kit"
    out.parent.mkdir()
    watch = Watch(out)
    with overridden(member_bytes=1024 * 1024):
        code, output = run(
            "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START,
            "--docx-template", str(template),
        )  # fmt: skip
    assert code == 2, output
    assert str(template) in output and "zip bomb" in output
    assert not out.exists()
    watch.assert_untouched()


# --- values a consultant types ---------------------------------------------------------------


def test_absurd_actuals_are_refused_by_cell_and_the_build_goes_on(kit: Path, packs: Path) -> None:
    fill_plan(
        kit / PLAN,
        [TaskProgress("t.kickoff", "done", 1.0, date(2026, 3, 2), date(9999, 12, 31))],
        {"pm": 1e308},
    )
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 0, output
    assert "Actual finish = '9999-12-31': a date outside 1970-2099" in output
    assert "Actual effort (person-days) = '1e+308': a number beyond" in output
    code, output = run("status", str(kit), "--packs-dir", str(packs), "--as-of", AS_OF)
    assert code == 0, output


@pytest.mark.parametrize("value", [float("inf"), 1e308, -1e300])
def test_status_never_prices_a_number_beyond_the_cell_limit(
    kit: Path, packs: Path, value: float
) -> None:
    fill_plan(kit / PLAN, [], {"pm": value})
    code, output = run("status", str(kit), "--packs-dir", str(packs), "--as-of", AS_OF, "--json")
    assert code == 0, output
    assert "Infinity" not in output and "NaN" not in output
    data = json.loads(output[output.index("{") :])
    assert data["ac"] is None  # the refused effort is not priced: no actual cost recorded


# --- hostile metadata (.implkit/) -------------------------------------------------------------

Tamper = Callable[[Path], None]


def _write(relative: str, text: str) -> Tamper:
    def tamper(kit: Path) -> None:
        path = kit / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return tamper


def _history_sequence(value: str) -> Tamper:
    def tamper(kit: Path) -> None:
        path = kit / ".implkit" / "calendar-history.json"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"sequence": 0', f'"sequence": {value}', 1), encoding="utf-8")

    return tamper


@pytest.mark.parametrize(
    ("tamper", "file", "command", "needle"),
    [
        (
            _write(".implkit/calendar-history.json", nested_json(50_000)),
            ".implkit/calendar-history.json",
            "build",
            "nested more than 64 levels",
        ),
        (_history_sequence("1e400"), ".implkit/calendar-history.json", "build", "not a finite"),
        (
            _history_sequence("99999999999"),
            ".implkit/calendar-history.json",
            "build",
            "calendar history is damaged",
        ),
        (
            _write(".implkit/last-build.json", nested_json(50_000)),
            ".implkit/last-build.json",
            "build",
            "nested more than 64 levels",
        ),
        (
            _write(".implkit/snapshots/2026-03-05.json", '{"as_of": "2026-03-05", "pv": NaN}'),
            ".implkit/snapshots/2026-03-05.json",
            "status",
            "NaN is not a number JSON allows",
        ),
        (
            _write(".implkit/snapshots/2026-03-05.json", '{"as_of": "2026-03-05", "pv": 1e400}'),
            ".implkit/snapshots/2026-03-05.json",
            "status",
            "1e400 is not a finite number",
        ),
        (
            _write(".implkit/baselines/index.json", nested_json(50_000)),
            ".implkit/baselines/index.json",
            "status",
            "nested more than 64 levels",
        ),
    ],
    ids=[
        "history-nested",
        "history-1e400",
        "history-sequence",
        "last-build-nested",
        "snapshot-nan",
        "snapshot-1e400",
        "baseline-index-nested",
    ],
)
def test_hostile_metadata_is_refused_naming_the_file(
    kit: Path, packs: Path, tamper: Tamper, file: str, command: str, needle: str
) -> None:
    tamper(kit)
    output = refused(kit, packs, command, str(kit / file))
    assert needle in output, output


# --- project.yaml that is not a file, or too large; the manifest and the journal --------


posix_only = pytest.mark.skipif(os.name == "nt", reason="named pipes are POSIX")


@posix_only
@pytest.mark.parametrize("command", COMMANDS)
def test_project_yaml_as_a_named_pipe_is_refused_at_once(
    kit: Path, packs: Path, command: str
) -> None:
    fifo_in_place_of(kit / "project.yaml")
    began = time.monotonic()
    output = refused(kit, packs, command, str(kit / "project.yaml"))
    assert "named pipe" in output and time.monotonic() - began < 60


@pytest.mark.parametrize("command", COMMANDS)
def test_project_yaml_of_two_gigabytes_is_refused_unread(
    kit: Path, packs: Path, command: str
) -> None:
    with (kit / "project.yaml").open("r+b") as handle:
        handle.truncate(2 * 1024**3)  # sparse
    output = refused(kit, packs, command, str(kit / "project.yaml"))
    assert "2.0 GiB" in output and "512.0 KiB" in output


def test_manifest_nested_50000_levels_is_refused(kit: Path, packs: Path) -> None:
    (kit / ".implkit" / "manifest.json").write_text(nested_json(50_000), encoding="utf-8")
    output = refused(kit, packs, "build", str(kit / ".implkit" / "manifest.json"))
    assert "nested more than 64 levels" in output


def test_manifest_with_too_many_entries_is_refused(kit: Path, packs: Path) -> None:
    path = kit / ".implkit" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"] = [{**data["files"][0], "path": f"f{n}.md"} for n in range(30)]
    path.write_text(json.dumps(data), encoding="utf-8")
    with overridden(manifest_entries=20):
        output = refused(kit, packs, "build", str(path))
    assert "lists 30 files, more than the 20 a kit can have" in output


def test_journal_nested_50000_levels_is_refused(kit: Path, packs: Path) -> None:
    (kit / ".implkit" / "journal.json").write_text(nested_json(50_000), encoding="utf-8")
    output = refused(kit, packs, "status", str(kit / ".implkit" / "journal.json"))
    assert "nested more than 64 levels" in output

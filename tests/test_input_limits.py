"""Every bad input is exit 2 at its file:line with the fix — packs and answers.

`packs validate` refuses everything `new` would fail on: texts no Office file can
hold, non-finite numbers, empty names, conditions that can never hold, broken
`extends`, nesting too deep for the loader, full-width punctuation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.mini_packs import MINI_MORE, MINI_PACK, MINI_TASKS, child_pack, write_mini, write_pack

START = "2027-01-04"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _validate(folder: Path) -> tuple[int, str]:
    return run("packs", "validate", str(folder))


# --- pack texts and numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "needle"),
    [
        ('{id: x, name: ""}', "name is empty"),
        ('{id: x, name: {en: "", zh: " "}}', "name is empty"),
        ("{id: x, name: {en: null, zh: null}}", "name is empty"),
        ('{id: x, name: "Bad\\a name"}', "U+0007"),
        ('{id: x, name: "Bad\\x1b name"}', "U+001B"),
        ("{id: x, name: X, day_rate: 1e309}", "finite"),
        ("{id: x, name: X, day_rate: .nan}", "finite"),
        ("{id: x, name: X, day_rate: .inf}", "finite"),
    ],
)
def test_bad_pack_texts_and_numbers_are_refused_at_their_line(
    tmp_path: Path, item: str, needle: str
) -> None:
    folder = write_mini(tmp_path, extra_yaml=f"roles:\n  - {item}\n")
    code, output = _validate(folder)
    assert code == 2, output
    assert f"{folder / 'extra.yaml'}:3:" in output, output
    assert needle in output, output


def test_over_long_pack_text_is_refused(tmp_path: Path) -> None:
    folder = write_mini(tmp_path, extra_yaml=f"roles:\n  - {{id: x, name: {'A' * 10_001}}}\n")
    code, output = _validate(folder)
    assert code == 2, output
    assert f"{folder / 'extra.yaml'}:3:" in output and "10001 characters" in output


def test_over_long_industry_is_refused_for_word_properties(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path,
        "long",
        {
            "pack.yaml": MINI_PACK.replace(
                "version: 1.0.0\n", f"version: 1.0.0\n  industry: {'i' * 300}\n"
            )
        },
    )
    code, output = _validate(folder)
    assert code == 2, output
    assert "'industry' is 300 characters long; at most 100" in output


def test_when_naming_a_system_the_pack_lacks_is_refused(tmp_path: Path) -> None:
    """From format 2 on an unknown system is an error; a format-1 pack is warned, not broken."""
    extra = "roles:\n  - {id: x, name: X, when: {systems: [ERP, EPR]}}\n"
    folder = write_pack(
        tmp_path / "v2",
        "mini",
        {
            "pack.yaml": MINI_PACK.replace("  version: 1.0.0\n", "  version: 1.0.0\n  format: 2\n"),
            "tasks.yaml": MINI_TASKS,
            "more.yaml": MINI_MORE,
            "extra.yaml": extra,
        },
    )
    code, output = _validate(folder)
    assert code == 2, output
    assert f"{folder / 'extra.yaml'}:3:" in output
    assert "'EPR' is not a system of this pack (ERP)" in output and "did you mean 'ERP'" in output

    # the same pack without a format (format 1, an earlier release): it loads, the problem is
    # a warning at the same line naming the format that refuses it and the upgrade command
    folder = write_mini(tmp_path / "v1", extra_yaml=extra)
    code, output = _validate(folder)
    assert code == 0, output
    warning = next(line for line in output.splitlines() if line.startswith("warning:"))
    assert f"{folder / 'extra.yaml'}:3:" in warning
    assert "'EPR' is not a system of this pack (ERP)" in warning
    assert "an error from format 2 on" in warning and "implkit packs upgrade" in warning


@pytest.mark.parametrize(
    ("extends", "needle"),
    [("self", "cannot extend itself"), ("nowhere", "nowhere"), ("loop", "'extends' loop")],
)
def test_broken_extends_is_reported_at_the_extends_line_only(
    tmp_path: Path, extends: str, needle: str
) -> None:
    write_mini(tmp_path)
    body = "audiences:\n  - {id: extra, name: {en: Extra, zh: 额外}}\ncourses:\n" + (
        "  - {id: c.x, code: X-1, title: {en: X, zh: X}, tier: basic, audiences: [users],"
        " mode: offline-hands-on, modules: [{topic: {en: A, zh: A}, minutes: 30}]}\n"
    )
    if extends == "loop":
        write_pack(tmp_path, "other", child_pack("", name="other", extends="self"))
        folder = write_pack(tmp_path, "self", child_pack(body, name="self", extends="other"))
    else:
        folder = write_pack(tmp_path, "self", child_pack(body, name="self", extends=extends))
    code, output = _validate(folder)
    assert code == 2, output
    lines = [line for line in output.splitlines() if line.startswith(str(tmp_path))]
    assert len(lines) == 1, output  # the root cause, not "unknown audience 'users'"
    assert "pack.yaml:6:" in lines[0] and needle in lines[0], output


def test_deep_nesting_is_refused_at_its_line(tmp_path: Path) -> None:
    deep = "roles:\n  - id: x\n    name: X\n    description: " + "[" * 900 + "]" * 900 + "\n"
    folder = write_mini(tmp_path, extra_yaml=deep)
    code, output = _validate(folder)
    assert code == 2, output
    assert f"{folder / 'extra.yaml'}:5:" in output and "nested more than 64 levels" in output


def test_deep_block_lists_are_refused(tmp_path: Path) -> None:
    deep = "roles:\n" + "".join("  " * i + "-\n" for i in range(1, 300))
    folder = write_mini(tmp_path, extra_yaml=deep)
    code, output = _validate(folder)
    assert code == 2, output
    assert "nested more than 64 levels" in output


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("roles:\n  - {id: x, name：X}\n", "U+FF1A"),
        ("roles:\n  - id： x\n    name: X\n", "U+FF1A"),
        ("roles:\n\u3000- {id: x, name: X}\n", "U+3000"),
    ],
)
def test_full_width_punctuation_is_named_with_its_fix(tmp_path: Path, text: str, char: str) -> None:
    folder = write_mini(tmp_path, extra_yaml=text)
    code, output = _validate(folder)
    assert code == 2, output
    assert char in output and "half-width" in output, output
    assert f"{folder / 'extra.yaml'}:" in output


# --- answers: options and project.yaml ----------------------------------------------------


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    write_mini(root)
    return root


def _new(packs: Path, out: Path, *extra: str) -> tuple[int, str]:
    return run("new", "mini", "--packs-dir", str(packs), "--out", str(out), *extra)


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("--client", "Acme\a", "U+0007"),
        ("--client", "A" * 256, "255"),
        ("--set", "author=" + "B" * 300, "255"),
        ("--start", "9999-12-01", "supports (1970-2099)"),
        ("--start", "1800-01-02", "supports (1970-2099)"),
    ],
)
def test_bad_answers_are_refused_before_anything_is_written(
    packs: Path, tmp_path: Path, option: str, value: str, needle: str
) -> None:
    out = tmp_path / "kit"
    extra = ("--start", START) if option != "--start" else ()
    code, output = _new(packs, out, option, value, *extra)
    assert code == 2, output
    assert needle in output, output
    assert not out.exists()


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('client: "Acme\\a"', "project.yaml:2:9: the text contains the invisible character U+0007"),
        ("start: 9999-12-01", "project.yaml:2:8:"),
        ("users: ８００", "U+FF18"),
        ("systems: [ERP, MESS]", "project.yaml:2:"),
        ("country: XX", "project.yaml:2:"),
        ("day_rates: {nobody: 100}", "project.yaml:2:"),
    ],
)
def test_project_yaml_errors_have_line_and_column(
    packs: Path, tmp_path: Path, line: str, needle: str
) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "project.yaml").write_text(
        f"pack: mini\n{line}\nstart: {START}\n"
        if not line.startswith("start")
        else f"pack: mini\n{line}\n",
        encoding="utf-8",
    )
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert needle in output, output


def test_loop_through_a_child_before_is_reported_at_the_child_author_line(
    tmp_path: Path,
) -> None:
    write_mini(tmp_path)
    body = (
        "tasks:\n  - id: z.check\n    name: {en: Check, zh: 检查}\n    phase: build\n"
        "    after: [t.golive]\n    before: [t.plan]\n    duration: 1\n    owner: pm\n"
    )
    folder = write_pack(tmp_path, "child", child_pack(body))
    code, output = _validate(folder)
    assert code == 2, output
    assert f"{folder / 'items.yaml'}:6:" in output, output  # the child's link, not mini's
    assert "dependency loop" in output and "mini" + "/tasks.yaml" not in output


# --- YAML syntax that a person can fix, a failing trusted hook ---------------------------


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("pack: mini\nsystems: [ERP]\n  users: 80\n", 3, "indentation"),
        ("risks:\n  - id: r.x\n    title: X\n   owner: pm\n", 4, "check the indentation"),
        ('pack: mini\nclient: "Acme\nstart: 2027-01-04\n', 2, "unclosed quote"),
        ("pack: mini\nclient: 'Acme\nstart: 2027-01-04\n", 2, "unclosed quote"),
    ],
)
def test_yaml_syntax_messages_say_indentation_or_unclosed_quote(
    packs: Path, tmp_path: Path, text: str, line: int, needle: str
) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "project.yaml").write_text(text, encoding="utf-8")
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2, output
    assert f"project.yaml:{line}:" in output and needle in output, output


def test_a_failing_trusted_hook_prints_no_traceback(packs: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    hooks = packs / "mini" / "hooks"
    hooks.mkdir()
    (hooks / "post_gen_project.py").write_text(
        "def check():\n    raise ValueError('the client code is missing')\n\ncheck()\n",
        encoding="utf-8",
    )
    out = tmp_path / "kit"
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "new", "mini", "--packs-dir", str(packs),
         "--out", str(out), "--start", START, "--trust"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        timeout=600,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said and 'File "' not in said, said
    assert "post_gen_project.py" in said and "ValueError: the client code is missing" in said
    assert not out.exists()

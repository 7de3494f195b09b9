"""Seeded mutations of the real packs and of a kit's project.yaml.

Every mutation is run through the command line (in-process) as a careless or
hostile user would: ``packs validate`` on a mutated pack (and ``new`` when it
validates), ``build`` on a kit whose project.yaml was mutated. Whatever the
input, the run must end with exit 0 or 2, print no traceback and no "Internal
error", write nothing outside the output folder, and leave no staging folder
or lock behind. A pack that ``packs validate`` accepts must not fail at ``new``.

Cases and seed: ``IMPLKIT_FUZZ_CASES`` (default 40 pack and 20 project.yaml
mutations, about a minute) and ``IMPLKIT_FUZZ_SEED`` (default 16). For a
longer run by hand::

    IMPLKIT_FUZZ_CASES=2000 python -m pytest tests/test_fuzz.py -q -s

The summary line (cases, exits, crashes) is printed with ``-s``.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.packs.loader import builtin_packs
from tests import kits

CASES = int(os.environ.get("IMPLKIT_FUZZ_CASES", "0") or 0)
SEED = int(os.environ.get("IMPLKIT_FUZZ_SEED", "16"))
PACK_CASES = CASES or 40
PROJECT_CASES = max(CASES // 2, 1) if CASES else 20
MAX_BUILDS = max(CASES // 10, 3) if CASES else 3  # full `new` runs of validated mutants
START = "2027-01-04"

NASTY = [
    "\x07",
    "\x1b[31m",
    "\u3000",
    "：",
    "８００",
    "，",
    "\ufeff",
    "\u202e",
    "'",
    '"',
    "{",
    "[",
    "]",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['echo x']",
    "<<: *x",
    "\t",
    "%",
    "../../outside",
    "/etc/passwd",
    "C:\\Windows",
    "~$x.xlsx",
    "1e309",
    ".nan",
    "-.inf",
    "-1",
    "0",
    "99999999999999999999",
    "9999-12-01",
    "1800-01-01",
    "2026-02-30",
    "null",
    "''",
    "yes",
    "0x10",
    "A" * 300,
    "测" * 300,
    "[" * 120,
    "- " * 80,
    "{{ cookiecutter.client }}",
    "\U0001f600",
    "\ud800",
]
JINJA = [
    "{% include '/etc/passwd' %}",
    "{{ range(10**9) | list }}",
    "{{ 10**10**10 }}",
    "{{ 'x' * 10**9 }}",
    "{{ cookiecutter.nope }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for %}",
    "{{ cookiecutter.client",
    "{% extends 'x' %}",
    "{{ lipsum(10**6) }}",
]
_VALUE = re.compile(r"(?m)(:\s+)([^\n#]+)")
_ID = re.compile(r"(?m)\bid:\s*([a-z0-9][a-z0-9._-]*)")


def mutate_yaml(text: str, rng: random.Random) -> str:
    """One random damaging edit of a YAML text (line, token, value or id level)."""
    lines = text.split("\n")
    op = rng.randrange(9)
    if op == 0 and lines:  # insert a nasty token anywhere
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(NASTY) + text[pos:]
    if op == 1:  # replace one value
        matches = list(_VALUE.finditer(text))
        if matches:
            m = rng.choice(matches)
            return text[: m.start(2)] + rng.choice(NASTY) + text[m.end(2) :]
    if op == 2 and len(lines) > 1:  # delete a line
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    if op == 3 and lines:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)
    if op == 4 and len(lines) > 1:  # swap two lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if op == 5 and lines:  # change an indentation
        i = rng.randrange(len(lines))
        lines[i] = (" " * rng.choice((0, 1, 2, 3, 4, 8))) + lines[i].lstrip(" ")
        return "\n".join(lines)
    if op == 6:  # point one id at another (loops, duplicates, dangling references)
        ids = _ID.findall(text)
        if len(ids) > 1:
            old, new = rng.sample(ids, 2)
            return re.sub(rf"\b{re.escape(old)}\b", new, text, count=rng.randint(1, 3))
    if op == 7:  # truncate
        return text[: rng.randrange(len(text) + 1)]
    return text + "\n" + rng.choice(NASTY)  # op 8 (and fall-through): append


def mutate_template(text: str, rng: random.Random) -> str:
    pos = rng.randrange(len(text) + 1)
    return text[:pos] + rng.choice(JINJA + NASTY) + text[pos:]


def write_mutant(path: Path, text: str, rng: random.Random) -> None:
    """Write ``text``; one in twelve files is saved in an encoding other than UTF-8."""
    encoding = rng.choice(["utf-8"] * 10 + ["gb18030", "utf-16"])
    try:
        path.write_bytes(text.encode(encoding, errors="surrogatepass"))
    except UnicodeEncodeError:
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))


def _snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``root`` except below ``skip``: path -> (size, mtime_ns)."""
    out: dict[str, tuple[int, int]] = {}
    for path in root.rglob("*"):
        if skip in path.parents or path == skip or not path.is_file():
            continue
        stat = path.stat()
        out[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return out


class Tally:
    """Exit codes and crashes of a fuzz run."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.exits: Counter[int] = Counter()
        self.crashes: list[str] = []

    def check(self, label: str, code: int, output: str) -> None:
        self.exits[code] += 1
        bad = code not in (0, 2) or "Traceback" in output or "Internal error" in output
        if bad:
            self.crashes.append(f"{label}: exit {code}\n{output[-1500:]}")

    def report(self) -> str:
        total = sum(self.exits.values())
        exits = ", ".join(f"{code}: {n}" for code, n in sorted(self.exits.items()))
        return f"fuzz {self.name}: {total} runs (exits {exits}), crashes {len(self.crashes)}"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += f"\nTraceback: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, output


def _assert_clean(out: Path) -> None:
    leftovers = [p.name for p in out.iterdir() if "implkit-staging" in p.name or "lock" in p.name]
    assert not leftovers, leftovers


def test_fuzz_packs(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    for name in ("base", "manufacturing"):
        shutil.copytree(builtin_packs()[name], packs / name, ignore=shutil.ignore_patterns("__*"))
    files = sorted(p for p in packs.rglob("*") if p.is_file() and p.suffix in (".yaml", ".md"))
    pristine = {p: p.read_bytes() for p in files}
    out = tmp_path / "out"
    out.mkdir()
    tally = Tally("packs")
    gaps: list[str] = []
    builds = 0
    for case in range(PACK_CASES):
        rng = random.Random(SEED * 1_000_003 + case)
        for path, data in pristine.items():
            if path.read_bytes() != data:
                path.write_bytes(data)
        for path in rng.sample(files, rng.choice((1, 1, 1, 2, 3))):
            text = pristine[path].decode("utf-8")
            mutated = mutate_template(text, rng) if path.suffix == ".md" else mutate_yaml(text, rng)
            write_mutant(path, mutated, rng)
        before = _snapshot(tmp_path, out)
        code, output = _run("packs", "validate", str(packs / "manufacturing"))
        tally.check(f"case {case} validate", code, output)
        if code == 0 and builds < MAX_BUILDS:
            builds += 1
            target = out / f"kit-{case}"
            code, new_output = _run(
                "new", "manufacturing", "--packs-dir", str(packs), "--out", str(target),
                "--start", START,
            )  # fmt: skip
            tally.check(f"case {case} new", code, new_output)
            if code != 0:
                gaps.append(f"case {case}: validate ok, new failed:\n{new_output[-800:]}")
        assert _snapshot(tmp_path, out) == before, f"case {case} wrote outside {out}"
        _assert_clean(out)
    print("\n" + tally.report() + f", validated-then-built {builds}, gaps {len(gaps)}")
    assert not tally.crashes, "\n\n".join(tally.crashes[:5])
    assert not gaps, "\n\n".join(gaps[:5])
    assert tally.exits[2] > 0  # the mutations do reach the checks


@pytest.fixture(scope="module")
def pristine_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kits.pristine(tmp_path_factory.mktemp("fuzzkit") / "kit", "manufacturing",
                         "--start", START)  # fmt: skip


def test_fuzz_project_yaml(pristine_kit: Path, tmp_path: Path) -> None:
    kit = tmp_path / "work" / "kit"
    shutil.copytree(pristine_kit, kit)
    answers = kit / "project.yaml"
    text = answers.read_text(encoding="utf-8")
    tally = Tally("project.yaml")
    for case in range(PROJECT_CASES):
        rng = random.Random(SEED * 7_000_003 + case)
        write_mutant(answers, mutate_yaml(text, rng), rng)
        before = _snapshot(tmp_path, kit)
        code, output = _run("build", str(kit))
        tally.check(f"case {case} build", code, output)
        assert _snapshot(tmp_path, kit) == before, f"case {case} wrote outside {kit}"
        _assert_clean(kit.parent)
        assert not (kit / ".implkit" / "journal.json").exists()
        if code == 0:  # start the next case from the original answers and a good kit
            answers.write_text(text, encoding="utf-8")
    print("\n" + tally.report())
    assert not tally.crashes, "\n\n".join(tally.crashes[:5])
    assert tally.exits[2] > 0

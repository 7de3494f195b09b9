"""README.md cannot drift: its walkthrough commands run, and the names it quotes are real.

Every ``implkit ...`` line of the README's ``bash`` blocks runs through the real
command line (continuation lines joined, comments dropped) in a scratch folder,
in order, and must succeed. The trainer walkthrough's prose must name the
audience and tier the way the pack and the generated document do.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.client_text import docx_texts

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands(text: str) -> list[list[str]]:
    """The ``implkit`` commands of the README's bash blocks, as argument lists."""
    commands: list[list[str]] = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if not line.startswith("implkit "):
                continue
            words = shlex.split(line, comments=True)
            commands.append(words[1:])
    return commands


def test_readme_has_walkthrough_commands() -> None:
    commands = readme_commands(README.read_text(encoding="utf-8"))
    names = [c[0] for c in commands]
    assert {"new", "build", "export", "curriculum", "packs", "import", "evaluate"} <= set(names)
    formats = {c[c.index("--format") + 1] for c in commands if "--format" in c}
    assert {"moodle", "cc", "roster"} <= formats  # the trainer's round trip through the LMS


def test_readme_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    # the example files the walkthroughs import (an LMS grade export), where a reader
    # running the commands from the repository finds them
    shutil.copytree(README.parent / "docs" / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    for args in readme_commands(README.read_text(encoding="utf-8")):
        if args[:1] == ["new"] and "--out" not in args:
            continue  # the install line's demo (same command as below, other folder)
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, f"implkit {' '.join(args)}\n{result.output}"
    # the trainer's round trip landed: the example's three learners are seated with their
    # results (pass mark 100: two passed, one failed), and the evaluation counts them
    from generator import api
    from generator.carry import WORKBOOKS
    from generator.carry.read import read_workbook

    kit = tmp_path / "acme-kit"
    book = read_workbook(kit / WORKBOOKS["training-matrix"], "training-matrix")
    attendance = next(s for s in book.sheets if s.instance == "training.attendance")
    seated = {
        str(row.values["participant"]): row.values.get("result")
        for row in attendance.rows
        if row.values.get("participant")
    }
    assert seated == {"王伟": "pass", "李敏": "fail", "张强": "pass"}
    training = api.evaluate(kit, as_of="2026-12-31").data["training"]
    assert (training["assessed"], training["assessed_passed"]) == (3, 2)


def test_trainer_walkthrough_names_what_the_pack_names(tmp_path: Path) -> None:
    from generator import api

    text = README.read_text(encoding="utf-8")
    section = text.split("## A trainer's walkthrough", 1)[1].split("\n## ", 1)[0]
    command = next(c for c in readme_commands(section) if c[0] == "curriculum")
    audience = command[command.index("--audiences") + 1]
    tier = command[command.index("--tiers") + 1]
    output = command[command.index("-o") + 1]
    kit = api.make_kit(command[1], {"lang": "zh", "start": "2026-03-02"})
    audience_name = next(a.name for a in kit.audiences if a.id == audience)
    assert f"for {audience_name} " in section, (audience, audience_name)
    from generator.kit_model import TIER_NAMES

    tier_name = TIER_NAMES["zh"][tier]
    assert f"{tier_name} courses" in section
    assert f"`{output}`" in section
    # the generated document says the same
    result = CliRunner().invoke(cli, [*command[:-1], str(tmp_path / output)])
    assert result.exit_code == 0, result.output
    body = "\n".join(t for _, t in docx_texts(tmp_path / output))
    assert audience_name in body and tier_name in body

"""The command table of the lazily registered CLI: complete, and each command found
without importing the other commands' modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

import generator.cli as cli_package
from generator.cli import COMMAND_MODULES, cli

CLI_DIR = Path(cli_package.__file__).parent


def test_every_command_module_is_in_the_table() -> None:
    registering = {
        path.stem
        for path in CLI_DIR.glob("*.py")
        if "\ndef register(" in path.read_text(encoding="utf-8")
    }
    listed = {name for names in COMMAND_MODULES.values() for name in names}
    assert listed == registering


def test_the_table_names_every_command_and_its_module() -> None:
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None or isinstance(command, click.Group)
        module = (command.callback.__module__ if command.callback else "").rsplit(".", 1)[-1]
        assert module == COMMAND_MODULES[name][0], name


def test_a_command_imports_only_its_own_module() -> None:
    code = (
        "import sys\n"
        "from generator.cli import cli\n"
        "import click\n"
        "ctx = click.Context(cli)\n"
        "assert cli.get_command(ctx, 'new') is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('generator.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['generator.cli.answers', 'generator.cli.project']"

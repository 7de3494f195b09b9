"""``implkit plan`` and ``implkit migration``: one workbook from a pack and the answers.

Both call :func:`generator.api.write_document` (a temporary sibling, then
``os.replace``, so an error never leaves half a file). A target whose folder does
not exist is refused with exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.cli.answers import answer_options
from generator.i18n import _, ngettext
from generator.workspace.documents import MIGRATION_FILE, PLAN_FILE

__all__ = ["MIGRATION_FILE", "PLAN_FILE", "register"]


def _output_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=_("File to write (default: ./{default}).").format(default=default),
    )


def _notice(message: str) -> None:
    click.echo(message, err=True)


def _run(pack: str, output: Path | None, options: dict[str, Any], kind: str) -> None:
    from generator import api
    from generator.workspace.summary import start_note

    result = api.write_document(kind, pack, output, answers=options, notice=_notice)
    n = result.counts
    if kind == "plan":
        detail = _("{tasks}, {risks}").format(
            tasks=ngettext("{n} task", "{n} tasks", n["tasks"]).format(n=n["tasks"]),
            risks=ngettext("{n} risk", "{n} risks", n["risks"]).format(n=n["risks"]),
        )
    else:
        detail = _("{objects}, {steps}").format(
            objects=ngettext("{n} object", "{n} objects", n["objects"]).format(n=n["objects"]),
            steps=ngettext("{n} cutover step", "{n} cutover steps", n["steps"]).format(
                n=n["steps"]
            ),
        )
    click.echo(_("Wrote {target} ({detail})").format(target=result.files[0], detail=detail))
    note = start_note(result.kit)
    if note:
        click.echo(note)


@click.command("plan")
@click.argument("pack")
@answer_options
@_output_option(PLAN_FILE)
def plan_command(pack: str, output: Path | None, **options: Any) -> None:
    """Write the project-plan workbook (WBS, Gantt, gates, RACI, risks, budget...) for PACK."""
    _run(pack, output, options, "plan")


@click.command("migration")
@click.argument("pack")
@answer_options
@_output_option(MIGRATION_FILE)
def migration_command(pack: str, output: Path | None, **options: Any) -> None:
    """Write the data-migration checklist workbook (load order, field mappings, cutover) for PACK."""
    _run(pack, output, options, "migration")


def register(cli: click.Group) -> None:
    """Attach ``plan`` and ``migration`` to the main command group."""
    cli.add_command(plan_command)
    cli.add_command(migration_command)

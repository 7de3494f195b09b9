"""``implkit plan`` and ``implkit migration``: one workbook from a pack and the answers.

Both write through :mod:`generator.cli.output` (a temporary sibling, then
``os.replace``), so an error never leaves half a file. A target whose folder does
not exist is refused with exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.answers import answer_options, kit_from_options, start_note
from generator.cli.output import output_target, write_atomically
from generator.i18n import _, ngettext

if TYPE_CHECKING:
    from generator.kit_model import Kit

PLAN_FILE = "project-plan.xlsx"
MIGRATION_FILE = "data-migration-checklist.xlsx"


def _output_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=_("File to write (default: ./{default}).").format(default=default),
    )


def _run(pack: str, output: Path | None, default: str, options: dict[str, Any], kind: str) -> None:
    target = output_target(output if output is not None else Path(default), default)
    if target.suffix.lower() != ".xlsx":
        click.echo(
            _("Warning: {name} does not end in .xlsx; Excel may refuse to open it.").format(
                name=target.name
            ),
            err=True,
        )
    kit: Kit = kit_from_options(pack, **options)
    if kind == "plan":
        from generator.render.xlsx_plan import render_plan

        write_atomically(target, lambda p: render_plan(kit, p))
        detail = _("{tasks}, {risks}").format(
            tasks=ngettext("{n} task", "{n} tasks", len(kit.tasks)).format(n=len(kit.tasks)),
            risks=ngettext("{n} risk", "{n} risks", len(kit.risks)).format(n=len(kit.risks)),
        )
    else:
        from generator.render.xlsx_migration import render_migration

        write_atomically(target, lambda p: render_migration(kit, p))
        objects, steps = len(kit.migration), len(kit.cutover)
        detail = _("{objects}, {steps}").format(
            objects=ngettext("{n} object", "{n} objects", objects).format(n=objects),
            steps=ngettext("{n} cutover step", "{n} cutover steps", steps).format(n=steps),
        )
    click.echo(_("Wrote {target} ({detail})").format(target=target, detail=detail))
    note = start_note(kit)
    if note:
        click.echo(note)


@click.command("plan")
@click.argument("pack")
@answer_options
@_output_option(PLAN_FILE)
def plan_command(pack: str, output: Path | None, **options: Any) -> None:
    """Write the project-plan workbook (WBS, Gantt, gates, RACI, risks, budget...) for PACK."""
    _run(pack, output, PLAN_FILE, options, "plan")


@click.command("migration")
@click.argument("pack")
@answer_options
@_output_option(MIGRATION_FILE)
def migration_command(pack: str, output: Path | None, **options: Any) -> None:
    """Write the data-migration checklist workbook (load order, field mappings, cutover) for PACK."""
    _run(pack, output, MIGRATION_FILE, options, "migration")


def register(cli: click.Group) -> None:
    """Attach ``plan`` and ``migration`` to the main command group."""
    cli.add_command(plan_command)
    cli.add_command(migration_command)

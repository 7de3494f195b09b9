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

from generator.cli.answers import answer_options, kit_from_options
from generator.cli.output import output_target, write_atomically

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
        help=f"File to write (default: ./{default}).",
    )


def _run(pack: str, output: Path | None, default: str, options: dict[str, Any], kind: str) -> None:
    target = output_target(output if output is not None else Path(default), default)
    if target.suffix.lower() != ".xlsx":
        click.echo(
            f"Warning: {target.name} does not end in .xlsx; Excel may refuse to open it.", err=True
        )
    kit: Kit = kit_from_options(pack, **options)
    if kind == "plan":
        from generator.render.xlsx_plan import render_plan

        write_atomically(target, lambda p: render_plan(kit, p))
        detail = f"{len(kit.tasks)} tasks, {len(kit.risks)} risks"
    else:
        from generator.render.xlsx_migration import render_migration

        write_atomically(target, lambda p: render_migration(kit, p))
        detail = f"{len(kit.migration)} objects, {len(kit.cutover)} cutover steps"
    click.echo(f"Wrote {target} ({detail})")


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

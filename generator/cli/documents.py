"""``implkit plan`` and ``implkit migration``: one workbook from a pack and the answers.

Both write through a temporary file in the target folder, then ``os.replace`` it
into place, so an error never leaves half a file (and an existing file stays as it
was). A target whose folder does not exist is refused with exit code 2.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.answers import answer_options, kit_from_options
from generator.errors import InputError

if TYPE_CHECKING:
    from generator.kit_model import Kit

PLAN_FILE = "project-plan.xlsx"
MIGRATION_FILE = "data-migration-checklist.xlsx"


def check_target(path: Path) -> Path:
    """The absolute target path, or InputError when it cannot be written."""
    target = path.expanduser()
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"-o {path}: the folder {parent} does not exist; create it first")
    if target.is_dir():
        raise InputError(f"-o {path}: is a folder; give a file name, e.g. -o {path / PLAN_FILE}")
    return parent.resolve() / target.name


def write_atomically(target: Path, render: Callable[[Path], None]) -> None:
    """Render into a temporary file next to ``target``, then move it into place."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        render(tmp)
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _output_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=f"File to write (default: ./{default}).",
    )


def _run(pack: str, output: Path | None, default: str, options: dict[str, Any], kind: str) -> None:
    target = check_target(output if output is not None else Path(default))
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

"""``implkit export PROJECT_DIR --format mspdi|jira|ado|ics [-o FILE]``: calls
:func:`generator.api.export` and names the files written."""

from __future__ import annotations

from pathlib import Path

import click

from generator.i18n import _
from generator.workspace.exports import FORMATS


@click.command("export")
@click.argument("project_dir", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True, help="Export format."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file."
)
@click.option(
    "--process",
    type=click.Choice(["agile", "scrum", "basic", "cmmi"]),
    default="agile",
    show_default=True,
    help="Azure Boards process of the target project (work item types of --format ado).",
)
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
def export_command(
    project_dir: Path, fmt: str, output: Path | None, process: str, packs_dir: Path | None
) -> None:
    """Export a kit's plan for MS Project, Jira, Azure Boards or a calendar."""
    from generator import api

    result = api.export(project_dir, fmt, output=output, process=process, packs_dir=packs_dir)
    for path in result.files:
        click.echo(_("Wrote {label}: {path}").format(label=result.label, path=path))


def register(cli: click.Group) -> None:
    """Attach ``export``."""
    cli.add_command(export_command)

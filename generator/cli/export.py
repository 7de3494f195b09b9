"""``implkit export PROJECT_DIR --format mspdi|jira|ado|ics [-o FILE]``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from generator.errors import InputError
from generator.i18n import _, use_language

FORMATS = {
    "mspdi": ("exports/project-plan.mspdi.xml", "MS Project XML"),
    "jira": ("exports/jira-issues.csv", "Jira CSV"),
    "ado": ("exports/azure-boards.csv", "Azure Boards CSV"),
    "ics": ("exports/project-calendar.ics", "iCalendar"),
}


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
    from generator.cli.project import kit_from_project_dir
    from generator.kit_model import Kit
    from generator.render.ado_csv import PROCESSES, render_ado_process
    from generator.render.ics import render_ics
    from generator.render.ics_history import with_calendar_history
    from generator.render.mspdi import render_mspdi
    from generator.render.trackers_csv import render_jira

    def render_ado(kit: Kit, path: Path) -> list[Path]:
        chosen = next(p for p in PROCESSES if p == process)
        return render_ado_process(kit, path, process=chosen)

    use_language(project=project_dir)
    renderers = {"mspdi": render_mspdi, "jira": render_jira, "ado": render_ado, "ics": render_ics}
    kit, _pack, _answers = kit_from_project_dir(project_dir.absolute(), packs_dir)
    if fmt == "ics":  # SEQUENCE/DTSTAMP continue from the kit's last build
        kit = with_calendar_history(kit, project_dir.absolute())
    default, label = FORMATS[fmt]
    target = (
        output if output is not None else project_dir.joinpath(*default.split("/"))
    ).absolute()
    if not target.parent.is_dir():
        if output is not None:
            raise InputError.at(
                target.parent, 0, 0, _("the output folder does not exist; create it first")
            )
        target.parent.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".implkit-export-") as scratch:
        staged = Path(scratch) / target.name
        written = renderers[fmt](kit, staged)
        final = []
        for path in written:
            dest = target.parent / path.name
            os.replace(path, dest)
            final.append(dest)
    for path in final:
        click.echo(_("Wrote {label}: {path}").format(label=label, path=path))


def register(cli: click.Group) -> None:
    """Attach ``export``."""
    cli.add_command(export_command)

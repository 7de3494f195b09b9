"""``implkit export PROJECT_DIR --format mspdi|jira|ado|ics|moodle|cc|roster [-o FILE|-] [--json]``: calls
:func:`generator.api.export` and names the files written (``-o -``: the file on standard
output; ``--json``: what was written, each file's path, bytes, sha256 and items)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.i18n import _
from generator.registry import exports


@click.command("export")
@click.argument("project_dir", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(sorted(exports())), required=True, help="Export format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Output file; - writes it to standard output.",
)
@click.option(
    "--process",
    type=click.Choice(["agile", "scrum", "basic", "cmmi"]),
    default=None,
    help="Azure Boards process of the target project (work item types of --format ado; "
    "default: the one the last import saw, else agile).",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
def export_command(
    project_dir: Path,
    fmt: str,
    output: Path | None,
    process: str | None,
    as_json: bool,
    packs_dir: Path | None,
) -> None:
    """Export a kit's plan for MS Project, Jira, Azure Boards or a calendar, and its
    courses for a learning platform (moodle, cc, roster)."""
    from generator import api

    to_stdout = output is not None and str(output) == "-"
    result = api.export(
        project_dir,
        fmt,
        output=None if to_stdout else output,
        process=process,
        packs_dir=packs_dir,
        to_stdout=to_stdout,
    )
    if result.stdout is not None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)  # bytes as written, no newline changes
        if buffer is not None:
            buffer.write(result.stdout)
            buffer.flush()
        else:
            sys.stdout.write(result.stdout.decode("utf-8"))
        if as_json:  # the file is on stdout: what was written goes to stderr
            click.echo(json.dumps(result.as_dict(), ensure_ascii=False), err=True)
        return
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    for path in result.files:
        click.echo(_("Wrote {label}: {path}").format(label=result.label, path=path))
    if result.left_out:  # the planner deleted them in MS Project; the kit keeps them Cancelled
        from generator.trackers.deleted import left_out_message

        click.echo(left_out_message(result.files[0].name, result.left_out))


def register(cli: click.Group) -> None:
    """Attach ``export``."""
    cli.add_command(export_command)

"""``implkit new`` and ``implkit build``: the consultant's main job.

Both call :mod:`generator.api` (:func:`~generator.api.new_kit`,
:func:`~generator.api.rebuild_kit`) and print the summary (or ``--json``); a
progress bar shows on a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.answers import answer_options
from generator.i18n import _, ngettext
from generator.registry import path_of

if TYPE_CHECKING:
    from generator.api import KitResult


@contextmanager
def progress_reporter(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A progress callback: a rich progress bar on a terminal, silent otherwise.

    The bar appears with the first step (the staging), so what is said before it (a
    recovered interrupted run) prints on a clean line.
    """
    if not enabled:
        yield lambda _message: None
        return
    from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from generator.workspace.write import INSTALL_STEPS

    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=None,
    )
    task: TaskID | None = None

    def step(message: str) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("implkit", total=INSTALL_STEPS)
        bar.update(task, advance=1, description=message)

    try:
        yield step
    finally:
        if task is not None:
            bar.stop()


def _notice(message: str) -> None:
    click.echo(message, err=True)


def _print_status_date(data: dict[str, Any]) -> None:
    """Say which status date the dates are forecast at, and where it came from."""
    day, source = data.get("status_date"), data.get("status_date_from")
    if source == "status-report":
        click.echo(
            _(
                "  dates forecast as of {date}, the status date of the last status report "
                "(implkit status moves it; --as-of sets another)"
            ).format(date=day)
        )
    elif source == "as-of":
        click.echo(
            _("  dates forecast as of {date} (--as-of), recorded for the trend charts").format(
                date=day
            )
        )
    elif data.get("rebuilt") and data.get("progress_entered"):
        click.echo(
            _(
                "  progress is entered but there is no status report yet: the dates are the "
                "plan's (run implkit status, or build --as-of DATE, to forecast them)"
            )
        )


def _print_summary(data: dict[str, Any]) -> None:
    target = data["target"]
    files = ngettext("{n} file", "{n} files", data["files"]).format(n=data["files"])
    tasks = ngettext("{n} task", "{n} tasks", data["tasks"]).format(n=data["tasks"])
    line = (
        _(
            "Rebuilt {target}: {files}, {tasks}, start {start}, go-live {go_live}, finish {finish} ({seconds} s)."
        )
        if data["rebuilt"]
        else _(
            "Created {target}: {files}, {tasks}, start {start}, go-live {go_live}, finish {finish} ({seconds} s)."
        )
    )
    click.echo(
        line.format(
            target=target,
            files=files,
            tasks=tasks,
            start=data["start"],
            go_live=data["go_live"] or "-",
            finish=data["finish"],
            seconds=f"{data['seconds']:.1f}",
        )
    )
    if data.get("start_note"):
        click.echo("  " + data["start_note"])
    _print_status_date(data)
    from generator.planning.report import planning_lines

    for planning_line in planning_lines(data):  # waves, effort, dates pushed
        click.echo(planning_line)
    for item in data["kept_edited"]:
        click.echo(
            _("  kept your edited {file}; the new version is {new}").format(
                file=item["file"], new=item["new"]
            )
        )
    for path in data["backups"]:
        click.echo(_("  previous version kept as {path}").format(path=path))
    for path in data["removed"]:
        click.echo(
            _("  removed {path} (generated earlier, no longer produced, unchanged)").format(
                path=path
            )
        )
    if data["removed_tasks"]:
        count = len(data["removed_tasks"])
        click.echo(
            ngettext(
                "  {n} task with progress is no longer in the plan; it is on the 'Removed tasks' sheet:",
                "  {n} tasks with progress are no longer in the plan; they are on the 'Removed tasks' sheet:",
                count,
            ).format(n=count)
        )
        for item in data["removed_tasks"]:
            click.echo(f"    {item['id']}  {item['name']}")
    for hook in data["hooks_skipped"]:
        click.echo(
            _("  did not run pack hook {hook} (pass --trust to run pack code)").format(hook=hook)
        )
    if not data["rebuilt"]:
        click.echo(
            _("Start with {plan} and README.md.").format(
                plan=Path(target).joinpath(*path_of("plan").split("/"))
            )
        )


def _kit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options ``new`` and ``build`` share."""
    for option in reversed(
        [
            click.option(
                "--trust", is_flag=True, help="Run the pack's cookiecutter hooks (pack code)."
            ),
            click.option(
                "--docx-template",
                type=click.Path(path_type=Path),
                help="Customer .docx whose styles, header and logo the Word documents start from.",
            ),
            click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON."),
        ]
    ):
        func = option(func)
    return func


def _print_result(result: KitResult, as_json: bool) -> None:
    """The run's summary, the carry report of a rebuild, or the dry run's listing."""
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if result.dry_run and result.rebuilt:  # build --dry-run: what the build would do
        from generator.carry.report import report_lines

        click.echo(_("Dry run: nothing was written. The build would:"))
        for line in report_lines(result.carry or {"workbooks": {}, "lifted": [], "unused": []}):
            click.echo(line)
        if data["removed_tasks"]:
            count = len(data["removed_tasks"])
            click.echo(
                ngettext(
                    "  move {n} task with progress to the 'Removed tasks' sheet:",
                    "  move {n} tasks with progress to the 'Removed tasks' sheet:",
                    count,
                ).format(n=count)
            )
            for item in data["removed_tasks"]:
                click.echo(f"    {item['id']}  {item['name']}")
        return
    if result.dry_run:
        lines = data["files"]
        click.echo(
            ngettext(
                "Would write {n} file (nothing written):",
                "Would write {n} files (nothing written):",
                len(lines),
            ).format(n=len(lines))
        )
        for line in lines:
            click.echo(f"  {line}")
        return
    _print_summary(data)
    if result.carry is not None:
        from generator.carry.report import report_lines

        for line in report_lines(result.carry):
            click.echo(line)


@click.command("new")
@click.argument("pack")
@answer_options
@click.option(
    "--out", "out", type=click.Path(path_type=Path), help="The project folder (default ./<slug>)."
)
@click.option(
    "--force", is_flag=True, help="Write into a non-empty folder (never deletes your files)."
)
@click.option("--dry-run", is_flag=True, help="List what would be written; write nothing.")
@_kit_options
def new_command(
    pack: str,
    out: Path | None,
    force: bool,
    dry_run: bool,
    trust: bool,
    docx_template: Path | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Create a project kit folder from PACK and the answers."""
    from generator import api

    with progress_reporter(sys.stderr.isatty() and not as_json) as step:
        result = api.new_kit(
            pack,
            out,
            answers=options,
            force=force,
            dry_run=dry_run,
            trust=trust,
            docx_template=docx_template,
            progress=step,
            notice=_notice,
        )
    _print_result(result, as_json)


@click.command("build")
@click.argument("project_dir", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
@click.option(
    "--force", is_flag=True, help="Rebuild although a workbook is open in Excel/WPS/Word."
)
@click.option(
    "--as-of", "as_of", help="Status date YYYY-MM-DD: forecast the dates from the actuals."
)
@click.option(
    "--pack-update",
    is_flag=True,
    help="Apply a newer version of the kit's pack (see it first with --dry-run).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show what the build would change and carry (pack changes, entries moved); write nothing.",
)
@_kit_options
def build_command(
    project_dir: Path,
    packs_dir: Path | None,
    force: bool,
    as_of: str | None,
    pack_update: bool,
    dry_run: bool,
    trust: bool,
    docx_template: Path | None,
    as_json: bool,
) -> None:
    """Rebuild a kit from PROJECT_DIR/project.yaml, keeping the consultant's work."""
    from generator import api

    with progress_reporter(sys.stderr.isatty() and not as_json) as step:
        result = api.rebuild_kit(
            project_dir,
            packs_dir=packs_dir,
            as_of=as_of,
            force=force,
            trust=trust,
            docx_template=docx_template,
            progress=step,
            notice=_notice,
            pack_update=pack_update,
            dry_run=dry_run,
        )
    _print_result(result, as_json)


def register(cli: click.Group) -> None:
    """Attach ``new`` and ``build``."""
    cli.add_command(new_command)
    cli.add_command(build_command)

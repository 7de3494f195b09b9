"""``implkit import`` and ``implkit timesheets``: parse, call :mod:`generator.api`, print.

``implkit import PROJECT_DIR FILE... [--dry-run] [--add-new] [--json] [--format F]
[--state "NAME=STATUS"]... [--date-order mdy|dmy] [--as-of DATE]`` reads Azure Boards
and Jira CSV exports, MS Project XML (.mpp with MPXJ), filled timesheets and an LMS's
completions and grades (Moodle) back into the kit (:func:`generator.api.import_files`); ``implkit timesheets PROJECT_DIR --week
2026-W14`` writes one timesheet per person (:func:`generator.api.timesheets`).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from generator.cli.status import echo_notice
from generator.errors import InputError
from generator.i18n import _, language, ngettext


def _shown(value: Any, column: str) -> str:
    """A Plan value as the sheet shows it: list labels, 40 %, dates; — for blank."""
    from generator.sheets.lists import TASK_STATUS

    if value is None or value == "":
        return "—"
    if column == "status":
        return TASK_STATUS.label(str(value), language()) or str(value)
    if column == "pct" and isinstance(value, (int, float)):
        return f"{value * 100:.0f} %"
    if isinstance(value, date):
        return value.isoformat()
    return f"{value:g}" if isinstance(value, float) else str(value)


def _print_import(data: dict[str, Any]) -> None:
    from generator.sheets.plan import TASKS

    lang = language()
    for item in data["files"]:
        if item["format"] == "timesheet":
            click.echo(
                _("  {path}: timesheet of {person}, {week}, {hours} h").format(
                    path=Path(item["path"]).name,
                    person=item["person"],
                    week=item["week"],
                    hours=f"{item['hours']:g}",
                )
            )
        else:
            click.echo(
                ngettext(
                    "  {path}: {format}, {n} item", "  {path}: {format}, {n} items", item["items"]
                ).format(path=Path(item["path"]).name, format=item["format"], n=item["items"])
            )
    changes = data["changes"]
    only_lms = all(item["format"] == "lms" for item in data["files"])
    if only_lms:
        _print_completions(data)
        _print_end(data)
        return
    click.echo(
        ngettext("{n} change to the plan:", "{n} changes to the plan:", len(changes)).format(
            n=len(changes)
        )
        if changes
        else _("The plan already agrees with the tracker: nothing to change.")
    )
    for change in changes:
        click.echo(
            "  {sheet} {row_label} {row}  {id}  {column}: {old} → {new}  ({source})".format(
                sheet=change["sheet"],
                row_label=_("row"),
                row=change["row"] or "+",
                id=change["id"],
                column=TASKS.column(change["column"]).header(lang),
                old=_shown(change["old"], change["column"]),
                new=_shown(change["new"], change["column"]),
                source=change["source"],
            )
        )
    if data["effort"]:
        click.echo(
            ngettext(
                "{n} row of the Actual effort log:",
                "{n} rows of the Actual effort log:",
                len(data["effort"]),
            ).format(n=len(data["effort"]))
        )
        for row in data["effort"]:
            click.echo(
                _("  {id}: {old} → {new} person-days  ({source})").format(
                    id=row["id"],
                    old="—" if row["old_days"] is None else f"{row['old_days']:g}",
                    new="—" if row["new_days"] is None else f"{row['new_days']:g}",
                    source=row["source"],
                )
            )
    new_items = data["new_items"]
    if new_items:
        click.echo(
            ngettext(
                "{n} item is not in the kit:", "{n} items are not in the kit:", len(new_items)
            ).format(n=len(new_items))
        )
        for item in new_items:
            if item["added"]:
                what = _("added as task {task}").format(task=item["task_id"])
            elif item["phase"]:
                what = _("not added (pass --add-new to add it as {task})").format(
                    task=item["task_id"]
                )
            else:
                what = _("not added: its parent is no phase of the kit; give it one in the tracker")
            click.echo(f"  {item['source']}  {item['tracker_id']} {item['title']!r}: {what}")
    if data["sub_items"]:
        click.echo(
            ngettext(
                "{n} sub-item counted on its parent task.",
                "{n} sub-items counted on their parent tasks.",
                len(data["sub_items"]),
            ).format(n=len(data["sub_items"]))
        )
    for row in data["effort_left_to_timesheets"]:
        click.echo(
            _("  work of {task} ({source}) not logged: timesheets record its effort").format(
                task=row["task"], source=row["source"]
            )
        )
    if any(item["format"] == "lms" for item in data["files"]):
        _print_completions(data)
    _print_end(data)


def _print_completions(data: dict[str, Any]) -> None:
    """The training workbook's changes from LMS completions, and who matched nowhere."""
    from generator.sheets.lists import ASSESSMENT_RESULT, PRESENCE
    from generator.sheets.training import ATTENDANCE

    lang = language()
    lists = {"presence": PRESENCE, "result": ASSESSMENT_RESULT}

    def shown(value: Any, column: str) -> str:
        if value is None or value == "":
            return "—"
        if column in lists:
            return lists[column].label(str(value), lang) or str(value)
        return f"{value:g}" if isinstance(value, float) else str(value)

    changes = data["completions"]
    click.echo(
        ngettext(
            "{n} change to the training workbook:",
            "{n} changes to the training workbook:",
            len(changes),
        ).format(n=len(changes))
        if changes
        else _("The training workbook already agrees with the LMS: nothing to change.")
    )
    for change in changes:
        click.echo(
            "  {sheet} {row_label} {row}  {id}  {column}: {old} → {new}  ({source})".format(
                sheet=change["sheet"],
                row_label=_("row"),
                row=change["row"],
                id=change["id"],
                column=ATTENDANCE.column(change["column"]).header(lang),
                old=shown(change["old"], change["column"]),
                new=shown(change["new"], change["column"]),
                source=change["source"],
            )
        )
    for placed in data["learners_placed"]:
        click.echo(
            _("  {source}  {learner}: seated at {seat}").format(
                source=placed["source"], learner=placed["learner"], seat=placed["seat"]
            )
        )
    unmatched = data["learners_unmatched"]
    if unmatched:
        click.echo(
            ngettext(
                "{n} result matched no participant:",
                "{n} results matched no participant:",
                len(unmatched),
            ).format(n=len(unmatched))
        )
        for row in unmatched:
            click.echo(
                _(
                    "  {source}  {learner} ({course}): type the name on a seat of the "
                    "Attendance sheet, or pass --add-new to seat them"
                ).format(source=row["source"], learner=row["learner"], course=row["course"])
            )
    for row in data["courses_unknown"]:
        click.echo(
            _(
                "  {source}: {course} is no course of this kit (nor an LMS course it exported)"
            ).format(source=row["source"], course=row["course"])
        )


def _print_end(data: dict[str, Any]) -> None:
    if data["dry_run"]:
        click.echo(_("Dry run: nothing written."))
        return
    written = data["written"] or {}
    for path in written.get("backups", []):
        click.echo(_("  previous version kept as {path}").format(path=path))
    click.echo(_("Imported into {target}.").format(target=data["target"]))


@click.command("import")
@click.argument("project_dir", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="List the changes; write nothing.")
@click.option(
    "--add-new", is_flag=True, help="Add items the kit does not have as tasks of their phase."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ado", "jira", "mspdi"]),
    help="The files' format (default: told from their content).",
)
@click.option(
    "--state",
    "states",
    multiple=True,
    metavar="NAME=STATUS",
    help="Map a tracker state to not-started, in-progress, done or cancelled (repeatable).",
)
@click.option(
    "--date-order",
    type=click.Choice(["mdy", "dmy"]),
    help="Order of numeric dates like 4/3/2026 when the file cannot tell.",
)
@click.option("--as-of", "as_of", help="Day the tracker's work is recorded on (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@click.option("--force", is_flag=True, help="Rebuild although a workbook is open in Excel/WPS.")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
def import_command(
    project_dir: Path,
    files: tuple[Path, ...],
    dry_run: bool,
    add_new: bool,
    fmt: str | None,
    states: tuple[str, ...],
    date_order: str | None,
    as_of: str | None,
    as_json: bool,
    force: bool,
    packs_dir: Path | None,
) -> None:
    """Bring progress back from Azure Boards, Jira, MS Project and timesheets, and
    training results from an LMS (Moodle's grade export or a completion report)."""
    from generator import api
    from generator.trackers.states import parse_state_option

    try:
        extra = parse_state_option(states)
    except ValueError as err:
        raise InputError(
            _(
                '--state {value}: write it as "NAME=STATUS" with STATUS one of not-started, '
                "in-progress, done, cancelled"
            ).format(value=str(err))
        ) from None
    result = api.import_files(
        project_dir,
        list(files),
        dry_run=dry_run,
        add_new=add_new,
        fmt=fmt,
        states=extra,
        date_order=date_order,
        as_of=as_of,
        force=force,
        packs_dir=packs_dir,
        notice=echo_notice,  # on stderr: what the rebuild says (tasks left out of MS Project)
    )
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_import(data)


@click.command("timesheets")
@click.argument("project_dir", type=click.Path(path_type=Path))
@click.option("--week", required=True, help="ISO week, e.g. 2026-W14.")
@click.option(
    "--weeks", type=int, default=2, show_default=True, help="Weeks of open tasks to list."
)
@click.option(
    "--people",
    "people_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with a person column and a role column (default: the plan's Project team sheet).",
)
@click.option(
    "--person",
    "people",
    multiple=True,
    metavar="NAME=ROLE",
    help="A person and their role (repeatable).",
)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Folder to write into."
)
@click.option("--json", "as_json", is_flag=True, help="Print the files written as JSON.")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
def timesheets_command(
    project_dir: Path,
    week: str,
    weeks: int,
    people_file: Path | None,
    people: tuple[str, ...],
    output: Path | None,
    as_json: bool,
    packs_dir: Path | None,
) -> None:
    """Write one weekly timesheet workbook per person of the project."""
    from generator import api

    result = api.timesheets(
        project_dir,
        week,
        weeks=weeks,
        people_file=people_file,
        people=people,
        output=output,
        packs_dir=packs_dir,
    )
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item in data["files"]:
        click.echo(
            ngettext(
                "Wrote {path} ({person}, {n} task)",
                "Wrote {path} ({person}, {n} tasks)",
                item["tasks"],
            ).format(path=item["path"], person=item["person"], n=item["tasks"])
        )


def register(cli: click.Group) -> None:
    """Attach ``import`` and ``timesheets``."""
    cli.add_command(import_command)
    cli.add_command(timesheets_command)

"""``implkit lessons harvest``: a project's shared lessons back into its pack.

Exit codes: 0 done (also when nothing was shared); 2 a folder holds no kit, a
workbook has no lessons register, a shared row lacks its texts, or the pack
would not validate afterwards (nothing is written then).
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.i18n import _, ngettext


@click.group("lessons")
def lessons() -> None:
    """Lessons learned: from the kits' registers back into the packs, and who shared them."""


@lessons.command("harvest", short_help="Write a kit's shared lessons into a pack.")
@click.argument(
    "project_dirs",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--into",
    "into",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The pack folder that receives the lessons.",
)
@click.option("--dry-run", is_flag=True, help="Show the diff; write nothing.")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    default=None,
    help="A folder of your own pack folders (parents of the target pack).",
)
def harvest_command(
    project_dirs: tuple[Path, ...], into: Path, dry_run: bool, packs_dir: Path | None
) -> None:
    """Merge the lessons a team marked "Share with pack" into PACK_DIR's lessons file.

    PROJECT_DIR is a kit folder (with project.yaml) or a folder of kits. Lessons the
    pack already has get the project added to their provenance; new ones are added
    in the kit's language, ready for translation. Comments and layout of the pack
    files are kept; nothing is written unless the pack still validates.
    """
    from generator import api

    result = api.harvest_lessons(project_dirs, into, dry_run=dry_run, packs_dir=packs_dir)
    if result.diff:
        click.echo(result.diff, nl=False)
    summary = _("{kits}, {shared}: {added} new, {merged} merged.").format(
        kits=ngettext("{n} kit", "{n} kits", result.kits).format(n=result.kits),
        shared=ngettext("{n} shared row", "{n} shared rows", result.shared).format(n=result.shared),
        added=len(result.added),
        merged=len(result.merged),
    )
    click.echo(summary, err=bool(result.diff))
    if not result.files:
        click.echo(_("Nothing to change in {pack}.").format(pack=into), err=bool(result.diff))
        return
    if dry_run:
        click.echo(_("Dry run: nothing was written."), err=True)
        return
    for path in result.files:
        click.echo(_("Wrote {path}").format(path=path), err=True)
    if result.untranslated:
        click.echo(
            ngettext(
                "{n} new text is in one language only; "
                "`implkit packs validate {pack} --strict` lists it.",
                "{n} new texts are in one language only; "
                "`implkit packs validate {pack} --strict` lists them.",
                result.untranslated,
            ).format(n=result.untranslated, pack=into),
            err=True,
        )


def register(cli: click.Group) -> None:
    """Attach ``lessons`` (harvest, board) to the main command."""
    from generator.cli.lessons_board import board_command

    lessons.add_command(board_command)
    cli.add_command(lessons)

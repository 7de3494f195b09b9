"""``implkit outdated``: kits whose pack has a newer version (exit 1 when any, for CI)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.i18n import _, ngettext


@click.command("outdated")
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the kits as JSON (for scripts).")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
@click.pass_context
def outdated_command(
    ctx: click.Context, folders: tuple[Path, ...], as_json: bool, packs_dir: Path | None
) -> None:
    """List the kits under FOLDERS (default: here) whose pack has a newer version.

    Exit code 1 when a kit is behind its pack or its pack cannot be found (for CI),
    0 when every kit is current. Apply an update with  implkit build KIT --pack-update.
    """
    from generator import api

    result = api.outdated_kits(list(folders), packs_dir=packs_dir)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        labels = {
            "current": _("current"),
            "outdated": _("outdated"),
            "changed": _("changed (same version)"),
            "ahead": _("built with a newer version"),
            "missing": _("pack not found"),
        }
        for kit in result.kits:
            line = f"{kit.kit}\t{kit.pack}\t{kit.built_with or '-'}\t{kit.available or '-'}"
            line += f"\t{labels[kit.status]}"
            if kit.changes and kit.status in ("outdated", "changed"):
                line += "\t" + _(
                    "{added} added, {changed} changed, {removed} removed, {renamed} renamed"
                ).format(**kit.changes)
            click.echo(line)
            if kit.reason:
                click.echo(f"  {kit.reason}", err=True)
        behind = len(result.behind)
        if behind:
            click.echo(
                ngettext(
                    "{n} kit is behind its pack: see the update with  implkit build KIT "
                    "--pack-update --dry-run",
                    "{n} kits are behind their pack: see each update with  implkit build KIT "
                    "--pack-update --dry-run",
                    behind,
                ).format(n=behind),
                err=True,
            )
        elif not result.kits:
            click.echo(_("no kits found"), err=True)
    if result.behind:
        ctx.exit(1)


def register(cli: click.Group) -> None:
    """Attach ``outdated``."""
    cli.add_command(outdated_command)

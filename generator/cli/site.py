"""``implkit packs site``: the browsable pack catalogue (attached to the ``packs`` group).

Exit codes: 0 written; 2 an unknown pack, a pack with problems, a bad --diff
folder or an --out that is a file (nothing written then).
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.i18n import _, ngettext


@click.command("site", short_help="Write a browsable, searchable catalogue of packs.")
@click.argument("packs", nargs=-1)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the site (index.html is written there).",
)
@click.option(
    "--diff",
    "diff_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Compare with the packs in this folder (an older pack folder or a folder of packs).",
)
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    default=None,
    help="A folder of your own pack folders (also $IMPLKIT_PACKS_DIR).",
)
def site_command(
    packs: tuple[str, ...], out: Path, diff_dir: Path | None, packs_dir: Path | None
) -> None:
    """Write OUT/index.html: every pack's phases, tasks, gates, risks, migration objects,
    courses, roles and competencies, templates and lessons, in English and Chinese, with
    search, filters by system and strategy, and (with --diff) the changes from an older
    version. It opens from file:// with no network. PACKS: ids or folders (default: all).
    """
    from generator import api

    site = api.pack_site(packs, out, diff_dir=diff_dir, packs_dir=packs_dir)
    click.echo(
        _("Wrote {path} ({packs}); open it in a browser.").format(
            path=site.path,
            packs=ngettext("{n} pack", "{n} packs", len(site.packs)).format(n=len(site.packs)),
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``site`` to the ``packs`` group (registered after it)."""
    group = cli.commands.get("packs")
    if isinstance(group, click.Group):
        group.add_command(site_command)

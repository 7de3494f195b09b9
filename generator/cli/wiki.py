"""``implkit packs wiki``: a pack as a Markdown wiki (attached to the ``packs`` group).

Exit codes: 0 written; 2 an unknown pack or one with problems, an --out that is a file
or a folder of other files, a symbolic link on the way (nothing written then).
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.i18n import _, ngettext


@click.command("wiki", short_help="Write a pack and its lessons as a Markdown wiki.")
@click.argument("pack")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the page tree (new, empty, or written by an earlier run).",
)
@click.option(
    "--lang", type=click.Choice(["en", "zh"]), default=None, help="Language of the pages."
)
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    default=None,
    help="A folder of your own pack folders (also $IMPLKIT_PACKS_DIR).",
)
def wiki_command(pack: str, out: Path, lang: str | None, packs_dir: Path | None) -> None:
    """Write PACK (an id or a pack folder) as Markdown pages: one per phase, task, gate,
    course, lesson, migration object and template, each with front matter (id, phase,
    tags, pack version) and relative links. Upload the folder with md2cf (Confluence) or
    serve it with a static wiki engine. Rerunning into the same folder updates it and
    removes the pages the pack no longer has; files you added there stay.
    """
    from generator import api

    result = api.packs_wiki(pack, out, lang=lang, packs_dir=packs_dir)
    click.echo(
        _("Wrote {path}: {pages} of pack {pack} ({lang}).").format(
            path=result.path,
            pages=ngettext("{n} page", "{n} pages", len(result.pages)).format(n=len(result.pages)),
            pack=result.pack,
            lang=result.lang,
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``wiki`` to the ``packs`` group (registered after it)."""
    group = cli.commands.get("packs")
    if isinstance(group, click.Group):
        group.add_command(wiki_command)

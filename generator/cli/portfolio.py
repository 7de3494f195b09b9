"""``implkit portfolio DIR... [--as-of DATE] [--lang en|zh] [--json] [-o FILE]``.

Finds every kit under the folders (:mod:`generator.portfolio.discover`), summarises each
(cached under the kit's ``.implkit/``, a process pool for the rest:
:mod:`generator.portfolio.rollup`) and writes the portfolio workbook and the HTML
dashboard. ``-o FILE``: the workbook's path (``.xlsx``; the dashboard goes beside it as
``.html``, or the other way round when FILE ends in ``.html``); without it both go to the
current folder as ``portfolio-<as-of>.xlsx`` / ``.html``. ``--json`` prints the figures
(``projects``, ``unreadable``, ``summary``, ``months``, ``packs``). A kit that cannot be
read is listed with its reason; a folder that does not exist exits 2 and writes nothing.
The work is :func:`generator.api.portfolio`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.i18n import _, ngettext


@click.command("portfolio")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", help="Status date YYYY-MM-DD (default: today).")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Report language (default en).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Workbook path (.xlsx; the .html goes beside it). Default: the current folder.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Processes that read kits (default: one per core).",
)
def portfolio_command(
    folders: tuple[Path, ...],
    as_of: str | None,
    lang: str | None,
    as_json: bool,
    out: Path | None,
    workers: int | None,
) -> None:
    """Roll every kit under FOLDERS up into a portfolio workbook and HTML dashboard."""
    from generator import api

    result = api.portfolio(folders, as_of=as_of, lang=lang, out=out, workers=workers)
    data = result.data
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    s = data["summary"]
    click.echo(
        ngettext(
            "{n} project ({bad} not read); on time {rate}; NPS {nps}.",
            "{n} projects ({bad} not read); on time {rate}; NPS {nps}.",
            s["projects"],
        ).format(
            n=s["projects"],
            bad=s["unreadable"],
            rate="–" if s["on_time_rate"] is None else f"{s['on_time_rate']:.1%}",
            nps="–" if s["nps"] is None else f"{s['nps']:.0f}",
        )
    )
    for item in data["unreadable"]:
        click.echo(_("Not read: {path}: {reason}").format(path=item["path"], reason=item["reason"]))
    click.echo(_("Wrote {files}.").format(files=", ".join(data["files"])))


def register(cli: click.Group) -> None:
    """Attach ``portfolio``."""
    cli.add_command(portfolio_command)

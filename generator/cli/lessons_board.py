"""``implkit lessons board [FOLDERS...] [--from DATE] [--to DATE] [--json] [-o FILE]``.

Lists the lessons contributed per person and per pack, read from the provenance the harvest
wrote into the packs (:func:`generator.api.lessons_board`). FOLDERS are pack folders or
folders of packs (default: every available pack). Exit codes: 0 done (also when nothing was
contributed in the period); 2 a kit folder or a folder without packs, a pack that does not
load, a bad date or ``--from`` after ``--to``, ``-o`` neither ``.xlsx`` nor ``.html``
(nothing is written). ``-o FILE.xlsx`` writes the workbook and the page ``FILE.html``
beside it (``-o FILE.html``: the other way round), as ``implkit portfolio -o`` does.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import click

from generator.i18n import _, ngettext


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Columns padded by display width (a Chinese character takes two); numbers right."""
    cells = [[str(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in [list(headers), *cells]) for i in range(len(headers))]

    def line(values: Sequence[str], numeric: bool) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - _width(value))
            right = numeric and 0 < i < len(values) - 1
            parts.append(pad + value if right else value + pad)
        return "  ".join(parts).rstrip()

    return [line(list(headers), False), *(line(r, True) for r in cells)]


@click.command("board", short_help="Contributions per person and pack over a period.")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "start", metavar="DATE", help="First day counted, YYYY-MM-DD.")
@click.option("--to", "end", metavar="DATE", help="Last day counted, YYYY-MM-DD.")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language (default en).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the board workbook (.xlsx) and its page (.html) beside it.",
)
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    default=None,
    help="A folder of your own pack folders (parents of the packs, or the packs counted).",
)
def board_command(
    folders: tuple[Path, ...],
    start: str | None,
    end: str | None,
    lang: str | None,
    as_json: bool,
    out: Path | None,
    packs_dir: Path | None,
) -> None:
    """Count the lessons each person shared into the packs under FOLDERS.

    FOLDERS are pack folders (after `implkit lessons harvest`) or folders of packs;
    without them, every available pack. A contribution is one project sharing one lesson
    on one date (the "Shared by" name of the kit's Lessons sheet); --from/--to keep
    those recorded in the period.
    """
    from generator import api

    result = api.lessons_board(
        folders, start=start, end=end, lang=lang, out=out, packs_dir=packs_dir
    )
    data = result.data
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        open_end = _("(open)")
        click.echo(
            ngettext(
                "Lessons board, {start} to {end}: {n} contribution.",
                "Lessons board, {start} to {end}: {n} contributions.",
                data["total"],
            ).format(start=data["from"] or open_end, end=data["to"] or open_end, n=data["total"])
        )
        names = {p["pack"]: p["name"] for p in data["packs"]}
        click.echo("")
        for text in _table(
            [_("Person"), _("Contributions"), _("Lessons"), _("Projects"), _("Packs")],
            [
                [
                    p["person"] or _("(not named)"),
                    p["contributions"],
                    p["lessons"],
                    p["projects"],
                    ", ".join(names.get(k, k) for k in p["packs"]),
                ]
                for p in data["people"]
            ],
        ):
            click.echo(text)
        click.echo("")
        for text in _table(
            [_("Pack"), _("Contributions"), _("Lessons"), _("People"), _("Projects"), ""],
            [
                [p["name"], p["contributions"], p["lessons"], p["people"], p["projects"], ""]
                for p in data["packs"]
            ],
        ):
            click.echo(text)
    if result.path is not None and result.page is not None:
        files = ", ".join(str(p) for p in (result.path, result.page))
        click.echo(_("Wrote {files}.").format(files=files), err=as_json)

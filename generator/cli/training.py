"""``implkit curriculum`` and ``implkit charter``: the Word documents (and the training workbook).

``curriculum`` writes the three-tier training curriculum and, beside it, the
trainer's workbook ``training-matrix.xlsx``; when ``-o`` names an ``.xlsx`` file it
writes only the workbook. ``--audiences`` and ``--tiers`` narrow both to what one
trainer needs; unknown ids exit with code 2 and list the valid ones.

``charter`` writes the project charter. Both accept ``--docx-template FILE`` to
start from the customer's own Word document (its styles, header, footer, logo).

Every file is rendered into a temporary file in the target folder and moved into
place with ``os.replace``, so a failure never leaves half a file behind
(:func:`generator.api.write_document`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.cli.answers import answer_options
from generator.i18n import _, ngettext
from generator.workspace.documents import CHARTER_FILE, CURRICULUM_FILE, MATRIX_FILE


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _notice(message: str) -> None:
    click.echo(message, err=True)


def _template_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--docx-template",
        "docx_template",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help="Start from this Word document (its styles, header, footer, logo).",
    )(func)


@click.command("curriculum")
@click.argument("pack")
@answer_options
@click.option(
    "--audiences",
    metavar="A,B",
    help="Only these audiences, comma-separated ids (e.g. daily-users,super-users).",
)
@click.option(
    "--tiers",
    metavar="T,U",
    help="Only these tiers, comma-separated: basic, advanced, self-support.",
)
@_template_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=f"File to write (default: ./{CURRICULUM_FILE}; the workbook {MATRIX_FILE} goes beside "
    "it). An .xlsx name writes only the workbook.",
)
def curriculum_command(
    pack: str,
    audiences: str | None,
    tiers: str | None,
    docx_template: Path | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Write the three-tier training curriculum (Word) and the training workbook for PACK."""
    from generator import api
    from generator.workspace.summary import start_note

    result = api.write_document(
        "curriculum",
        pack,
        output,
        answers=options,
        docx_template=docx_template,
        audiences=_split(audiences),
        tiers=_split(tiers),
        notice=_notice,
    )
    n = result.counts
    click.echo(
        _("Wrote {files} ({audiences}, {courses}, {sessions})").format(
            files=", ".join(str(p) for p in result.files),
            audiences=ngettext("{n} audience", "{n} audiences", n["audiences"]).format(
                n=n["audiences"]
            ),
            courses=ngettext("{n} course", "{n} courses", n["courses"]).format(n=n["courses"]),
            sessions=ngettext("{n} session", "{n} sessions", n["sessions"]).format(n=n["sessions"]),
        )
    )
    note = start_note(result.kit)
    if note:
        click.echo(note)


@click.command("charter")
@click.argument("pack")
@answer_options
@_template_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=f"File to write (default: ./{CHARTER_FILE}).",
)
def charter_command(
    pack: str, docx_template: Path | None, output: Path | None, **options: Any
) -> None:
    """Write the project charter (Word) for PACK."""
    from generator import api

    result = api.write_document(
        "charter", pack, output, answers=options, docx_template=docx_template, notice=_notice
    )
    n = result.counts
    click.echo(
        _("Wrote {target} ({phases}, {gates}, {risks})").format(
            target=result.files[0],
            phases=ngettext("{n} phase", "{n} phases", n["phases"]).format(n=n["phases"]),
            gates=ngettext("{n} gate", "{n} gates", n["gates"]).format(n=n["gates"]),
            risks=ngettext("{n} top risk", "{n} top risks", n["risks"]).format(n=n["risks"]),
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``curriculum`` and ``charter`` to the main command group."""
    cli.add_command(curriculum_command)
    cli.add_command(charter_command)

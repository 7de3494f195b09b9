"""``implkit curriculum`` and ``implkit charter``: the Word documents (and the training workbook).

``curriculum`` writes the three-tier training curriculum and, beside it, the
trainer's workbook ``training-matrix.xlsx``; when ``-o`` names an ``.xlsx`` file it
writes only the workbook. ``--audiences`` and ``--tiers`` narrow both to what one
trainer needs; unknown ids exit with code 2 and list the valid ones.

``charter`` writes the project charter. Both accept ``--docx-template FILE`` to
start from the customer's own Word document (its styles, header, footer, logo).

Every file is rendered into a temporary file in the target folder and moved into
place with ``os.replace``, so a failure never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.cli.answers import answer_options, kit_from_options, start_note
from generator.cli.output import output_target, write_files
from generator.i18n import _, ngettext

CURRICULUM_FILE = "training-curriculum.docx"
MATRIX_FILE = "training-matrix.xlsx"
CHARTER_FILE = "project-charter.docx"


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


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
    target = output_target(output if output is not None else Path(CURRICULUM_FILE), CURRICULUM_FILE)
    kit = kit_from_options(pack, **options)
    from generator.render.docx_curriculum import render_curriculum, select
    from generator.render.xlsx_training import render_training_matrix

    wanted_audiences, wanted_tiers = _split(audiences), _split(tiers)
    selection = select(kit, wanted_audiences, wanted_tiers)  # exit 2 on unknown ids

    def matrix(path: Path) -> None:
        render_training_matrix(kit, path, audiences=wanted_audiences, tiers=wanted_tiers)

    def document(path: Path) -> None:
        render_curriculum(
            kit, path, audiences=wanted_audiences, tiers=wanted_tiers, template=docx_template
        )

    if target.suffix.lower() == ".xlsx":
        write_files([(target, matrix)])
        written = [target]
    else:
        if target.suffix.lower() != ".docx":
            click.echo(
                _("Warning: {name} does not end in .docx; Word may refuse to open it.").format(
                    name=target.name
                ),
                err=True,
            )
        beside = target.with_name(MATRIX_FILE)
        write_files([(target, document), (beside, matrix)])
        written = [target, beside]
    n_courses = len(selection.courses(kit))
    n_audiences = len(selection.audiences)
    n_sessions = len(selection.sessions(kit))
    click.echo(
        _("Wrote {files} ({audiences}, {courses}, {sessions})").format(
            files=", ".join(str(p) for p in written),
            audiences=ngettext("{n} audience", "{n} audiences", n_audiences).format(n=n_audiences),
            courses=ngettext("{n} course", "{n} courses", n_courses).format(n=n_courses),
            sessions=ngettext("{n} session", "{n} sessions", n_sessions).format(n=n_sessions),
        )
    )
    note = start_note(kit)
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
    target = output_target(output if output is not None else Path(CHARTER_FILE), CHARTER_FILE)
    if target.suffix.lower() != ".docx":
        click.echo(
            _("Warning: {name} does not end in .docx; Word may refuse to open it.").format(
                name=target.name
            ),
            err=True,
        )
    kit = kit_from_options(pack, **options)
    from generator.render.docx_charter import render_charter

    write_files([(target, lambda p: render_charter(kit, p, template=docx_template))])
    phases, gates, risks = len(kit.phases), len(kit.gates), min(len(kit.risks), 10)
    click.echo(
        _("Wrote {target} ({phases}, {gates}, {risks})").format(
            target=target,
            phases=ngettext("{n} phase", "{n} phases", phases).format(n=phases),
            gates=ngettext("{n} gate", "{n} gates", gates).format(n=gates),
            risks=ngettext("{n} top risk", "{n} top risks", risks).format(n=risks),
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``curriculum`` and ``charter`` to the main command group."""
    cli.add_command(curriculum_command)
    cli.add_command(charter_command)

"""One deliverable from a pack and the answers, without a kit folder.

``implkit plan``, ``migration``, ``curriculum`` and ``charter`` write a single file
(the curriculum also its training workbook) through :mod:`generator.workspace.output`:
rendered into a temporary sibling, then moved into place, so an error never leaves
half a file. ``write_single(kind, pack, output, answers, ...) -> (Kit, files, counts)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _
from generator.registry import path_of
from generator.workspace.notices import Notice, no_notice
from generator.workspace.output import output_target, write_files

if TYPE_CHECKING:
    from generator.kit_model import Kit

# each file's name as the kit names it (generator.registry)
PLAN_FILE = PurePosixPath(path_of("plan")).name
MIGRATION_FILE = PurePosixPath(path_of("migration")).name
CURRICULUM_FILE = PurePosixPath(path_of("curriculum")).name
MATRIX_FILE = PurePosixPath(path_of("training-matrix")).name
CHARTER_FILE = PurePosixPath(path_of("charter")).name
DEFAULT_FILES = {
    "plan": PLAN_FILE,
    "migration": MIGRATION_FILE,
    "curriculum": CURRICULUM_FILE,
    "charter": CHARTER_FILE,
}


def _check_suffix(target: Path, suffix: str, notice: Notice) -> None:
    if target.suffix.lower() != suffix:
        if suffix == ".xlsx":
            notice(
                _("Warning: {name} does not end in .xlsx; Excel may refuse to open it.").format(
                    name=target.name
                )
            )
        else:
            notice(
                _("Warning: {name} does not end in .docx; Word may refuse to open it.").format(
                    name=target.name
                )
            )


def write_single(
    kind: str,
    pack: str,
    output: Path | None,
    answers: dict[str, Any],
    *,
    docx_template: Path | None = None,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
    notice: Notice = no_notice,
) -> tuple[Kit, list[Path], dict[str, int]]:
    """Write deliverable ``kind`` (``plan``, ``migration``, ``curriculum``, ``charter``)
    to ``output`` (default: its file name in the current folder).

    Returns the Kit, the files written and what they hold (see
    :class:`generator.api.DocumentResult`). Raises InputError for an unknown kind, a
    missing folder, an ``output`` that is a folder, bad answers or unknown audiences/tiers.
    """
    from generator.workspace.answers import kit_from_options

    if kind not in DEFAULT_FILES:
        raise InputError(
            _("unknown document {kind!r}; choose one of {kinds}").format(
                kind=kind, kinds=", ".join(DEFAULT_FILES)
            )
        )
    default = DEFAULT_FILES[kind]
    target = output_target(output if output is not None else Path(default), default)
    if kind in ("plan", "migration", "charter"):
        _check_suffix(target, ".xlsx" if kind != "charter" else ".docx", notice)
    kit = kit_from_options(pack, **answers)
    if kind == "curriculum":
        return kit, *_curriculum(kit, target, docx_template, audiences, tiers, notice)
    if kind == "plan":
        from generator.render.xlsx_plan import render_plan

        write_files([(target, lambda p: render_plan(kit, p))])
        return kit, [target], {"tasks": len(kit.tasks), "risks": len(kit.risks)}
    if kind == "migration":
        from generator.render.xlsx_migration import render_migration

        write_files([(target, lambda p: render_migration(kit, p))])
        return kit, [target], {"objects": len(kit.migration), "steps": len(kit.cutover)}
    from generator.render.docx_charter import render_charter

    write_files([(target, lambda p: render_charter(kit, p, template=docx_template))])
    counts = {"phases": len(kit.phases), "gates": len(kit.gates), "risks": min(len(kit.risks), 10)}
    return kit, [target], counts


def _curriculum(
    kit: Kit,
    target: Path,
    docx_template: Path | None,
    audiences: Sequence[str] | None,
    tiers: Sequence[str] | None,
    notice: Notice,
) -> tuple[list[Path], dict[str, int]]:
    """The curriculum and its workbook beside it (only the workbook for an .xlsx target)."""
    from generator.render.docx_curriculum import render_curriculum, select
    from generator.render.xlsx_training import render_training_matrix

    wanted_audiences = list(audiences) if audiences is not None else None
    wanted_tiers = list(tiers) if tiers is not None else None
    selection = select(kit, wanted_audiences, wanted_tiers)  # InputError on unknown ids

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
        _check_suffix(target, ".docx", notice)
        beside = target.with_name(MATRIX_FILE)
        write_files([(target, document), (beside, matrix)])
        written = [target, beside]
    counts = {
        "audiences": len(selection.audiences),
        "courses": len(selection.courses(kit)),
        "sessions": len(selection.sessions(kit)),
    }
    return written, counts

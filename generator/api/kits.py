"""The kit folder's calls: make, create, rebuild and load a kit; export from it; write
one deliverable without a kit (``implkit new``, ``build``, ``export``, ``plan``, ...).

Each is a thin call into :mod:`generator.workspace` returning a result of
:mod:`generator.api.results`; import them from :mod:`generator.api`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.api.common import Answers, Progress, start_call
from generator.api.results import DocumentResult, ExportResult, KitResult, LoadedKit
from generator.workspace.notices import Notice, no_notice

if TYPE_CHECKING:
    from generator.kit_model import Kit


def make_kit(pack: str, answers: Answers | None = None, *, today: date | None = None) -> Kit:
    """The Kit of ``pack`` for ``answers`` (nothing written): what every deliverable renders.

    ``today`` fixes the default start date (the next working day after it).
    """
    start_call()
    from generator.workspace.answers import kit_from_options

    return kit_from_options(pack, today=today, **dict(answers or {}))


def new_kit(
    pack: str,
    out: Path | None = None,
    *,
    answers: Answers | None = None,
    force: bool = False,
    dry_run: bool = False,
    trust: bool = False,
    docx_template: Path | None = None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> KitResult:
    """``implkit new``: create the kit folder ``out`` (default ``./<slug>``) from ``pack``.

    Saves baseline ``initial`` with the files. ``force`` writes into a non-empty folder
    (never deleting the user's files); ``dry_run`` lists what would be written
    (``result.outcome.listing``). InputError for a non-empty ``out`` without ``force``,
    a missing parent folder, a bad answer or template.
    """
    start_call()
    from generator.workspace.create import create_kit

    began = time.perf_counter()
    kit, resolved, outcome = create_kit(
        pack,
        out,
        dict(answers or {}),
        force=force,
        dry_run=dry_run,
        trust=trust,
        docx_template=docx_template,
        progress=progress,
        notice=notice,
    )
    seconds = time.perf_counter() - began
    return KitResult(kit, resolved, outcome, seconds, rebuilt=False, dry_run=dry_run)


def rebuild_kit(
    folder: Path,
    *,
    packs_dir: Path | None = None,
    as_of: str | date | None = None,
    force: bool = False,
    trust: bool = False,
    docx_template: Path | None = None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
    pack_update: bool = False,
    dry_run: bool = False,
) -> KitResult:
    """``implkit build``: rebuild the kit in ``folder`` from its project.yaml, keeping
    every consultant entry (the carry report is ``result.carry``).

    ``as_of``: status date to forecast the dates at, recorded as a snapshot (default:
    the last status report's status date; before the first one, the plan's dates).
    ``force``: go on although a workbook is open in Excel/WPS/Word. ``pack_update``: apply
    a newer version of the kit's pack (without it such a build raises InputError naming
    the change); ``dry_run``: write nothing, report what the build would do (``carry``:
    ``pack_changes`` added/changed/removed/renamed, ``moved`` entries of renamed items;
    ``removed_tasks``).
    """
    start_call()
    from generator.workspace.rebuild import rebuild_folder

    began = time.perf_counter()
    kit, resolved, outcome, carried = rebuild_folder(
        folder.absolute(),
        packs_dir=packs_dir,
        as_of=as_of,
        force=force,
        trust=trust,
        docx_template=docx_template,
        progress=progress,
        notice=notice,
        pack_update=pack_update,
        dry_run=dry_run,
    )
    seconds = time.perf_counter() - began
    return KitResult(
        kit,
        resolved,
        outcome,
        seconds,
        rebuilt=True,
        dry_run=dry_run,
        carry=carried,
        as_of_given=as_of is not None,
    )


def load_kit(
    folder: Path,
    *,
    packs_dir: Path | None = None,
    entries: bool = False,
    lang: str | None = None,
) -> LoadedKit:
    """The kit in ``folder``, built from its project.yaml; nothing is written.

    ``entries=True`` carries every consultant entry into it (progress, actuals,
    registers: what ``status`` reports on) and reads what was spent per role; ``lang``
    then renders its texts in that language. Without it the Kit is the plan as the
    answers give it.
    """
    start_call()
    from generator.workspace.load import kit_from_project_dir
    from generator.workspace.tracked import load_tracked_kit

    target = folder.absolute()
    if entries:
        kit, pack, spent = load_tracked_kit(target, packs_dir, lang)
        return LoadedKit(kit, pack, target / "project.yaml", spent)
    kit, pack, answers = kit_from_project_dir(target, packs_dir)
    return LoadedKit(kit, pack, answers)


def export(
    folder: Path,
    fmt: str,
    *,
    output: Path | None = None,
    process: str | None = None,
    packs_dir: Path | None = None,
    to_stdout: bool = False,
) -> ExportResult:
    """``implkit export``: write one export of the kit in ``folder`` (``fmt`` one of
    :func:`generator.registry.exports`) to ``output`` (default: its place in
    the kit's ``exports/``), or return it as bytes (``to_stdout``, ``-o -``).
    ``process``: the Azure Boards process (``--format ado``; default the one the last
    import saw, else agile). The kit is read as ``build`` writes it: progress carried,
    forecast, baseline and the tracker ids the imports learnt."""
    start_call()
    from generator.workspace.exports import export_kit

    return export_kit(
        folder, fmt, output=output, process=process, packs_dir=packs_dir, to_stdout=to_stdout
    )


def write_document(
    kind: str,
    pack: str,
    output: Path | None = None,
    *,
    answers: Answers | None = None,
    docx_template: Path | None = None,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
    notice: Notice = no_notice,
) -> DocumentResult:
    """``implkit plan | migration | curriculum | charter``: one deliverable of ``pack``
    for ``answers``, without a kit folder (``output`` default: its name in the current
    folder). ``curriculum`` also writes the training workbook beside the document (only
    the workbook when ``output`` ends in ``.xlsx``); ``audiences``/``tiers`` narrow it
    (InputError listing the valid ids for an unknown one)."""
    start_call()
    from generator.workspace.documents import write_single

    kit, files, counts = write_single(
        kind,
        pack,
        output,
        dict(answers or {}),
        docx_template=docx_template,
        audiences=audiences,
        tiers=tiers,
        notice=notice,
    )
    return DocumentResult(kit, files, counts)

"""Write a Kit into its folder in one transaction: stage, then install under the kit lock.

``write_kit(request, target, options) -> Outcome``: the skeleton and every deliverable
are staged beside the target (:mod:`generator.workspace.stage`), then moved into the
kit (:mod:`generator.workspace.install`) together with the kit's memory between builds
(the calendar history, the pack snapshot, baseline ``initial`` for a new kit), so an
interrupted run leaves files and memory as they were. A dry run stages in the temp
folder and lists what would be written (``Outcome.listing``); nothing is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _
from generator.workspace.install import Outcome
from generator.workspace.notices import Notice, no_notice

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack

Progress = Callable[[str], None]
"""Called with the name of each step as it starts (``templates``, ``skeleton``, each
deliverable's path, ``install``): :data:`INSTALL_STEPS` calls in all."""

INSTALL_STEPS = 12
"""Progress calls of one run: templates, skeleton, the 9 deliverables, install."""


@dataclass(frozen=True)
class KitWrite:
    """What one run installs.

    ``project_yaml``: the project.yaml text; it replaces the kit's when
    ``replace_project_yaml`` (``new``; ``build`` after lifting tasks or recording the
    Word template). ``pack_items``: the pack snapshot saved in ``.implkit/`` (``build``,
    and ``new`` outside a dry run). ``initial_baseline``: save baseline ``initial``
    with the files unless the kit has a baseline already.
    """

    kit: Kit
    pack: ResolvedPack
    project_yaml: str
    replace_project_yaml: bool
    pack_items: dict[str, Any] | None = None
    initial_baseline: bool = False
    state_files: Mapping[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteOptions:
    """How to write: run pack hooks (``trust``), the customer's Word template, go on
    although a workbook is open (``force``), list only (``dry_run``)."""

    trust: bool = False
    docx_template: Path | None = None
    force: bool = False
    dry_run: bool = False


def docx_template_path(path: Path | None) -> Path | None:
    """The ``--docx-template`` file, resolved; InputError when missing or not a .docx."""
    if path is None:
        return None
    if not path.is_file():
        raise InputError.at(path, 0, 0, _("the --docx-template file does not exist"))
    if path.suffix.lower() != ".docx":
        raise InputError.at(path, 0, 0, _("--docx-template must be a Word .docx file"))
    return path.resolve()


def write_kit(
    request: KitWrite,
    target: Path,
    options: WriteOptions,
    *,
    check: Callable[[], None] | None = None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> Outcome:
    """Stage the kit and install it into ``target`` (or list it for a dry run).

    ``check``: called under the kit lock before anything is staged (``new`` checks there
    that the target is still empty, so two runs on one folder cannot both pass).
    Raises InputError (bad template, a folder where a file goes, a full disk...) with
    the kit as it was.
    """
    from generator.render.ics_history import with_calendar_history
    from generator.trackers.idmap import FILE, with_tracker_ids
    from generator.workspace.install import dry_run_listing, install, staging_area
    from generator.workspace.manifest import Manifest
    from generator.workspace.stage import stage_kit

    step = progress or (lambda _message: None)
    template = docx_template_path(options.docx_template)
    # .ics SEQUENCE/DTSTAMP continue from the last build for events that moved
    kit = with_calendar_history(request.kit, target)
    # the exports write the tracker ids the kit learnt (an import installs its new map in
    # this very transaction: the exports of this build carry it already)
    kit = with_tracker_ids(kit, target, staged=request.state_files.get(FILE.as_posix()))
    old = Manifest.read(target) if target.is_dir() else None
    outcome = Outcome(target=target)
    with staging_area(target, dry_run=options.dry_run, notice=notice) as area:
        if check is not None:
            check()
        try:
            root, manifest = stage_kit(
                kit,
                project_yaml=request.project_yaml,
                pack_dirs=list(zip(request.pack.chain, request.pack.dirs)),
                area=area,
                trust=options.trust,
                docx_template=template,
                progress=step,
                outcome=outcome,
            )
        except Exception as err:  # a full disk while staging (beside the kit): name the kit
            from generator.errors import os_error
            from generator.kitfs import os_error_in

            cause = os_error_in(err)
            if cause is None or isinstance(err, InputError):
                raise
            raise os_error(cause, cause.filename or target) from None
        if options.dry_run:
            outcome.listing = dry_run_listing(manifest, target)
            return outcome
        state = _stage_memory(request, kit, root, target)
        step("install")
        install(
            root,
            manifest,
            target,
            old=old,
            outcome=outcome,
            replace_project_yaml=request.replace_project_yaml,
            force=options.force,
            state=tuple(state),
            notice=notice,
        )
    _left_out_notice(kit, notice)
    return outcome


def _left_out_notice(kit: Kit, notice: Notice) -> None:
    """Say which tasks a built export leaves out (the MS Project plan: the planner deleted
    them there and the kit keeps them Cancelled; :attr:`generator.registry.Export.left_out`)."""
    from generator.registry import built, resolve
    from generator.trackers.deleted import left_out_message

    for item in built():
        if item.export is not None and item.export.left_out is not None:
            gone = resolve(item.export.left_out)(kit)
            if gone:
                notice(left_out_message(item.path, gone))


def _stage_memory(request: KitWrite, kit: Kit, root: Path, target: Path) -> list[str]:
    """Stage the kit's memory between builds beside the files (they are installed in the
    same transaction, under the kit lock); return their POSIX paths below ``root``."""
    from generator.render.ics_history import save_calendar_history
    from generator.workspace.manifest import relative_problem

    state = [save_calendar_history(kit, root).relative_to(root).as_posix()]
    if request.pack_items is not None:
        from generator.carry.packdiff import SNAPSHOT, write_snapshot
        from generator.carry.written import written_digest

        # what this build wrote into generated columns: the next build reports edits there
        write_snapshot(root, {**request.pack_items, "written": written_digest(root, kit)})
        state.append(SNAPSHOT.as_posix())
    if request.initial_baseline:
        from generator.tracking.baseline import BASELINES, list_baselines, save_baseline

        if not list_baselines(target):
            saved = save_baseline(root, kit, name="initial", taken=kit.project.start)
            state += [saved.relative_to(root).as_posix(), (BASELINES / "index.json").as_posix()]
    for relative, data in sorted(request.state_files.items()):
        if relative_problem(relative) is not None or not relative.startswith(".implkit/"):
            raise ValueError(f"state file {relative!r} is not a path under .implkit/")
        path = root.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        state.append(relative)
    return state

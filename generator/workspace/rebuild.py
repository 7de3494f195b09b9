"""``implkit build``: rebuild a kit from its project.yaml, keeping every consultant entry.

``rebuild_folder(target, ...) -> (Kit, ResolvedPack, Outcome, carry report)`` is the
whole command: finish or roll back an interrupted install, :func:`prepare_rebuild`,
forecast at the status date (:func:`generator.workspace.tracked.track_build`), write the
kit in one transaction (:func:`generator.workspace.write.write_kit`), append the
status snapshot.

``prepare_rebuild(target, packs_dir, docx_template) -> Rebuild`` is the part up to the
rendered Kit (``status`` and ``evaluate`` read a kit through it too):

1. read project.yaml (answers and overlay) and the pack it names (``pack_dir``
   when the pack is not among the known ones);
2. read every workbook of the kit back by its declarations;
3. lift the tasks typed into the Plan sheet into the overlay (project.yaml text in
   memory: nothing is written before the install) and load the pack again with them;
4. build the Kit and carry every consultant entry into it;
5. compare the pack with the one the kit was last built from.

Any bad input raises :class:`~generator.errors.InputError` before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _, use_language
from generator.packs.renames import Renames
from generator.workspace.notices import Notice, no_notice
from generator.workspace.write import Progress

if TYPE_CHECKING:
    from generator.carry.read import WorkbookRead
    from generator.carry.report import CarryReport
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack
    from generator.workspace.install import Outcome


Amend = Callable[[list["WorkbookRead"]], None]
"""A change to the workbooks as read, before they are carried (see :func:`prepare_rebuild`)."""


@dataclass
class Rebuild:
    """Everything the install needs: the Kit, its pack, the project.yaml text to keep."""

    kit: Kit
    pack: ResolvedPack
    project_yaml: str
    yaml_changed: bool  # tasks were lifted / the template recorded: project.yaml is rewritten
    docx_template: Path | None
    report: CarryReport
    snapshot: dict[str, Any]
    renames: Renames = field(default_factory=Renames)  # the pack's replaces: old -> new ids


def _template(
    target: Path, given: Path | None, recorded: str | None
) -> tuple[Path | None, str | None]:
    """(template to use, value to record): ``--docx-template`` wins over project.yaml."""
    from generator.workspace.load import recorded_path

    if given is not None:
        return given.resolve(), recorded_path(given, target)
    if not recorded:
        return None, None
    path = Path(recorded)
    path = path if path.is_absolute() else target / path
    if not path.is_file():
        raise InputError.at(
            target / "project.yaml",
            0,
            0,
            _(
                "docx_template {path}: the Word template is not there any more; put it back, "
                "pass --docx-template, or delete the docx_template line to use the plain look"
            ).format(path=repr(recorded)),
        )
    return path, recorded


def prepare_rebuild(
    target: Path,
    packs_dir: Path | None,
    docx_template: Path | None,
    *,
    amend: Amend | None = None,
    as_read: Amend | None = None,
    compare_pack: bool = True,
) -> Rebuild:
    """Read, lift, load, build and carry (see the module docstring).

    ``amend``: called with the workbooks as read, before the lift and the carry; an
    importer puts the values recorded elsewhere (a tracker's export) into the rows
    there, so they are lifted and carried exactly like cells the team typed.
    ``as_read``: called with the workbooks exactly as the files hold them, before any
    change (renamed ids, ``amend``, lifted tasks); it must not change them (the
    portfolio takes its quality sheets from there instead of reading the plan again).
    ``compare_pack``: False for a reader that installs nothing (status, portfolio): the
    pack is not compared with the last build's (step 5; ``report.pack_changes`` stays
    None, ``snapshot`` empty).
    """
    from generator import __version__
    from generator.carry import carry_into, read_kit
    from generator.carry.defaults import kit_defaults, merged
    from generator.carry.lift import find_new_tasks
    from generator.carry.packdiff import (
        compare,
        overlay_ids,
        previous_ids,
        read_snapshot,
        snapshot,
    )
    from generator.carry.read import CellProblem
    from generator.carry.renames import live_ids, move_renamed
    from generator.carry.report import Lifted
    from generator.kit import build_kit
    from generator.overlay import lift_tasks, overlay_from_text, set_answer
    from generator.packs.renames import pack_renames
    from generator.project import PROJECT_FILE, parse_project, read_answers
    from generator.workspace.load import load_project_pack
    from generator.workspace.manifest import Manifest

    answers = target / PROJECT_FILE
    text = read_answers(answers, kit=target)  # bounded, never through a link or a pipe
    original = text
    spec = parse_project(text, str(answers))
    pack = load_project_pack(spec, target, packs_dir, overlay_from_text(text, str(answers)))
    template, record = _template(target, docx_template, spec.docx_template)
    if record != spec.docx_template and record is not None:
        text = set_answer(text, "docx_template", record)
    reads, report = read_kit(target, Manifest.read(target))
    if as_read is not None:
        as_read(reads)
    # a new pack version that renamed items (replaces:): the team's rows follow the new ids
    renames = pack_renames(pack)
    old = read_snapshot(target)
    report.moved = move_renamed(reads, renames, live_ids(pack), (old or {}).get("written"))
    if amend is not None:
        amend(reads)
    plan = next((wb for wb in reads if wb.kind == "plan"), None)
    tasks_sheet = plan.sheet("plan.tasks") if plan else None
    assigned: dict[int, str] = {}
    if tasks_sheet is not None:
        found = find_new_tasks(tasks_sheet, pack, previous_ids(old, "tasks"), spec.lang)
        rows = {row.number: row for row in tasks_sheet.rows}
        for number, _task_id, column, value, reason in found.problems:
            rows[number].problems.append(CellProblem(column, value, reason))  # reported, noted
        for number, task_id in found.assigned.items():
            rows[number].key = task_id  # reported and carried under the id it got
        if found.tasks:
            text = lift_tasks(text, found.tasks)
            pack = load_project_pack(spec, target, packs_dir, overlay_from_text(text, str(answers)))
            assigned = found.assigned
            given = set(found.assigned.values())
            report.lifted = [Lifted(t.id, t.name, t.id in given) for t in found.tasks]
    spec = spec.resolved(pack)
    kit = build_kit(pack, spec, generator_version=__version__)
    previous = (old or {}).get("defaults")
    kit = carry_into(
        kit,
        reads,
        report,
        assigned,
        merged(previous, kit_defaults(kit)),
        (old or {}).get("written"),
    )
    now: dict[str, Any] = {}
    if compare_pack:
        now = snapshot(pack, overlay_ids(overlay_from_text(text, str(answers))))
        now["defaults"] = kit_defaults(kit)
        report.pack_changes = compare(old, now, renames)
    return Rebuild(kit, pack, text, text != original, template, report, now, renames)


def newer_pack_message(changes: Mapping[str, Any], target: Path) -> str:
    """Why a build stops at a newer pack version, and the two commands that go on."""
    counts = {key: 0 for key in ("added", "changed", "removed", "renamed")}
    for section in changes.get("sections", {}).values():
        for key in counts:
            counts[key] += len(section.get(key, []))
    return _(
        "pack {pack} is now {new}; this kit was built with {old} ({added} items added, "
        "{changed} changed, {removed} removed, {renamed} renamed). See what the update does "
        "to the kit with  implkit build {kit} --pack-update --dry-run  and apply it with  "
        "implkit build {kit} --pack-update"
    ).format(
        pack=changes["pack"],
        new=changes["new_version"],
        old=changes["old_version"],
        kit=target,
        **counts,
    )


def rebuild_folder(
    target: Path,
    *,
    packs_dir: Path | None,
    as_of: str | date | None,
    force: bool,
    trust: bool,
    docx_template: Path | None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
    amend: Amend | None = None,
    state_files: Mapping[str, bytes] | None = None,
    pack_update: bool = False,
    dry_run: bool = False,
) -> tuple[Kit, ResolvedPack, Outcome, dict[str, Any]]:
    """Rebuild the kit at ``target`` (absolute); see the module docstring.

    A kit is rebuilt with a **newer version of its pack** only with ``pack_update``
    (``implkit build --pack-update``); otherwise InputError says what changed and how to
    apply it. ``dry_run`` stops before anything is written: the carry report says what
    the new version adds, changes, removes and renames, which entries move to new ids
    (``moved``) and which tasks with progress would leave the plan (``removed_tasks``).

    ``amend`` changes the workbooks as read (:func:`prepare_rebuild`); ``state_files``
    are more of the kit's memory (POSIX paths under ``.implkit/`` -> bytes) installed in
    the same transaction as the files (an importer's id map).

    Returns the Kit installed (on forecast dates when tracking has started), its pack,
    the files written and the carry report (``--json`` key ``carry``). Raises InputError
    with the kit as it was (a missing project.yaml, bad answers, a bad template...).
    """
    from generator.carry.renames import renamed_state, renamed_view
    from generator.project import PROJECT_FILE
    from generator.workspace.install import Outcome, prepare_kit
    from generator.workspace.load import require_project_file
    from generator.workspace.tracked import record_build, track_build
    from generator.workspace.write import KitWrite, WriteOptions, docx_template_path, write_kit

    docx_template_path(docx_template)
    answers = target / PROJECT_FILE
    use_language(project=answers)
    if not answers.is_file():
        require_project_file(target)  # says what is missing (exit 2)
    prepare_kit(target, notice)  # finish or roll back an interrupted build first
    rebuild = prepare_rebuild(target, packs_dir, docx_template, amend=amend)
    changes = rebuild.report.pack_changes
    if changes and changes["old_version"] != changes["new_version"] and not pack_update:
        raise InputError(newer_pack_message(changes, target))
    # saved baselines and status snapshots follow renamed task ids (installed with the build)
    state = {**renamed_state(target, rebuild.renames), **dict(state_files or {})}
    tracked = track_build(rebuild.kit, target, as_of)
    if tracked.baseline is not None and rebuild.renames:  # this build renames them on disk
        tracked = replace(tracked, baseline=renamed_view(tracked.baseline, rebuild.renames))
    carried = rebuild.report.as_dict()
    if dry_run:
        return tracked, rebuild.pack, Outcome(target), carried
    request = KitWrite(
        tracked,
        rebuild.pack,
        project_yaml=rebuild.project_yaml,
        replace_project_yaml=rebuild.yaml_changed,
        pack_items=rebuild.snapshot,
        state_files=state,
    )
    options = WriteOptions(trust=trust, docx_template=rebuild.docx_template, force=force)
    outcome = write_kit(request, target, options, progress=progress, notice=notice)
    record_build(target, tracked, as_of_given=as_of is not None)
    return tracked, rebuild.pack, outcome, carried

"""``implkit new``: a new kit folder from a pack and the answers.

``create_kit(pack, out, answers, ...) -> (Kit, ResolvedPack, Outcome)``: checks the
target (empty, or ``force``), records a pack folder or Word template project.yaml must
find again, builds the Kit with baseline ``initial`` and writes it in one transaction
(:func:`generator.workspace.write.write_kit`), checking the target again under the kit
lock so two runs on one folder cannot both pass.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.workspace.install import Outcome
from generator.workspace.notices import Notice, no_notice
from generator.workspace.write import KitWrite, Progress, WriteOptions, docx_template_path

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack


def create_kit(
    pack: str,
    out: Path | None,
    answers: dict[str, Any],
    *,
    force: bool,
    dry_run: bool,
    trust: bool,
    docx_template: Path | None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> tuple[Kit, ResolvedPack, Outcome]:
    """Create the kit ``out`` (default ``./<slug>``); see the module docstring.

    Raises InputError for a missing or non-.docx template (before any other work), a bad
    answer, or a target that is not empty (without ``force``) or has no parent folder.
    """
    from generator import __version__
    from generator.carry.defaults import kit_defaults
    from generator.carry.packdiff import snapshot
    from generator.kit import build_kit
    from generator.packs.loader import builtin_packs
    from generator.workspace import install
    from generator.workspace.answers import answers_from_options
    from generator.workspace.load import recorded_path
    from generator.workspace.tracked import initial_baseline
    from generator.workspace.write import write_kit

    docx_template_path(docx_template)  # a missing template is refused before any work
    resolved_pack, spec = answers_from_options(pack, **answers)
    target = (
        out if out is not None else Path.cwd() / (spec.slug or resolved_pack.meta.id)
    ).absolute()
    install.check_target(target, force=force)
    builtin = {path.resolve() for path in builtin_packs().values()}
    if resolved_pack.dirs and resolved_pack.dirs[-1].resolve() not in builtin:
        spec = spec.model_copy(update={"pack_dir": recorded_path(resolved_pack.dirs[-1], target)})
    if docx_template is not None:
        spec = spec.model_copy(update={"docx_template": recorded_path(docx_template, target)})
    kit = build_kit(resolved_pack, spec, generator_version=__version__)
    kit = replace(kit, baseline=initial_baseline(target, kit))  # the exports carry it
    request = KitWrite(
        kit,
        resolved_pack,
        project_yaml=spec.to_yaml(),
        replace_project_yaml=True,
        pack_items=None if dry_run else {**snapshot(resolved_pack), "defaults": kit_defaults(kit)},
        # the plan as agreed, to measure slip and earned value against
        initial_baseline=True,
    )
    outcome = write_kit(
        request,
        target,
        WriteOptions(trust=trust, docx_template=docx_template, force=force, dry_run=dry_run),
        check=lambda: install.check_target(target, force=force),  # again, under the lock
        progress=progress,
        notice=notice,
    )
    return kit, resolved_pack, outcome

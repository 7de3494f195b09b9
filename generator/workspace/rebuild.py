"""The rebuild of a kit, up to the rendered Kit: read → lift → load → build → carry.

``prepare_rebuild(target, packs_dir, docx_template) -> Rebuild``:

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

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.i18n import _

if TYPE_CHECKING:
    from generator.carry.report import CarryReport
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack


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


def _template(
    target: Path, given: Path | None, recorded: str | None
) -> tuple[Path | None, str | None]:
    """(template to use, value to record): ``--docx-template`` wins over project.yaml."""
    from generator.cli.project import recorded_path

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


def prepare_rebuild(target: Path, packs_dir: Path | None, docx_template: Path | None) -> Rebuild:
    """Read, lift, load, build and carry (see the module docstring)."""
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
    from generator.carry.report import Lifted
    from generator.cli.project import load_project_pack
    from generator.kit import build_kit
    from generator.manifest import Manifest
    from generator.overlay import lift_tasks, overlay_from_text, set_answer
    from generator.packs.yamlio import decode_utf8
    from generator.project import PROJECT_FILE, parse_project

    answers = target / PROJECT_FILE
    text = decode_utf8(answers.read_bytes(), str(answers))
    original = text
    spec = parse_project(text, str(answers))
    pack = load_project_pack(spec, target, packs_dir, overlay_from_text(text, str(answers)))
    template, record = _template(target, docx_template, spec.docx_template)
    if record != spec.docx_template and record is not None:
        text = set_answer(text, "docx_template", record)
    reads, report = read_kit(target, Manifest.read(target))
    old = read_snapshot(target)
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
    now = snapshot(pack, overlay_ids(overlay_from_text(text, str(answers))))
    now["defaults"] = kit_defaults(kit)
    report.pack_changes = compare(old, now)
    return Rebuild(kit, pack, text, text != original, template, report, now)

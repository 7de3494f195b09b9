"""Validate pack folders as ``implkit packs validate`` does: every problem at once.

``validate_paths(paths, lang=None, strict=False, packs_dir=None) -> ValidationReport``:
what the loader finds (:func:`generator.packs.loader.inspect_pack`), what ``new``
would fail on in the pack's templates (:mod:`generator.templates`), and with
``strict`` what a plan built from it would get wrong
(:mod:`generator.planning.checks`); missing translations (``lang``, or every
language the pack declares) are warnings, or errors with ``strict``.

It lives above the packs layer because those checks need the templates and the
planner; the loader itself knows neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem
from generator.packs.formats import as_warning, enforced
from generator.packs.loader import inspect_pack
from generator.packs.model import CURRENT_FORMAT, LANGS
from generator.packs.resolved import ResolvedPack
from generator.packs.traps import trap_warnings

if TYPE_CHECKING:
    from generator.packs.loader.inspection import Inspection


@dataclass
class ValidationReport:
    """Result of validating pack folders: errors fail, warnings only inform."""

    errors: list[Problem]
    warnings: list[Problem]
    packs: list[ResolvedPack]
    # how many of ``warnings`` are missing translations (the rest: --strict content checks,
    # such as an audience's course hours below its target)
    translation_warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _author(pack: ResolvedPack, problem: Problem) -> str | None:
    """The id of the pack of ``pack``'s chain whose folder holds ``problem``'s file."""
    try:
        where = Path(problem.file).resolve()
    except OSError:
        return None
    for pack_id, folder in zip(pack.chain, pack.dirs, strict=False):
        if where.parent == folder.resolve():
            return pack_id
    return None


def _schedule_traps(inspection: Inspection) -> list[Problem]:
    """Traps only the schedule shows (a second phase gate that holds the next phase),
    found on a kit built with the default answers; only built when a phase has several
    phase gates, so most packs pay nothing for it."""
    from collections import Counter
    from datetime import date

    from generator.packs.model import GateDef
    from generator.packs.traps import gates_holding_the_next_phase

    gates = [c.item for c in inspection.checked.get("gates", []) if isinstance(c.item, GateDef)]
    phases = Counter(g.phase for g in gates if g.kind == "phase-gate" and not g.per_wave)
    pack = inspection.pack
    if pack is None or not any(n > 1 for n in phases.values()):
        return []
    from generator.kit import build_kit
    from generator.project import ProjectSpec

    try:
        spec = ProjectSpec(pack=pack.meta.id, start=date(date.today().year + 1, 3, 1))
        kit = build_kit(pack, spec.resolved(pack), generator_version="validate")
    except InputError:
        return []  # a pack that cannot be scheduled is reported by `implkit new`
    return gates_holding_the_next_phase(kit, inspection.checked)


def validate_paths(
    paths: Sequence[str | Path],
    lang: str | None = None,
    strict: bool = False,
    packs_dir: Path | None = None,
) -> ValidationReport:
    """Validate pack folders. Missing translations (``lang``, or every language the
    pack declares) are warnings, or errors when ``strict``."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    untranslated: set[Problem] = set()
    packs: list[ResolvedPack] = []
    for path in paths:
        try:
            target: str | Path = Path(path) if Path(path).exists() else str(path)
            inspection = inspect_pack(target, packs_dir)
        except InputError as err:
            errors += err.problems
            continue
        errors += inspection.problems
        warnings += inspection.compat  # rules newer than the pack's format
        leaf = inspection.meta.id if inspection.meta is not None else ""
        fmt = inspection.formats.get(leaf, CURRENT_FORMAT)
        if inspection.pack is not None:
            from generator.templates import check_template_entries, check_templates

            packs.append(inspection.pack)
            # what `new` would fail on in the templates, found now with file:line
            errors += check_templates(list(zip(inspection.pack.chain, inspection.pack.dirs)))
            errors += check_template_entries(inspection.pack)  # `templates:` paths exist
            # valid, builds, but not the plan the author meant: warnings with the fix
            warnings += trap_warnings(inspection.checked, inspection.meta, inspection.meta_origin)
            warnings += _schedule_traps(inspection)
            if strict:  # --strict also checks meaning: what a plan would get wrong
                from generator.planning.checks import meaning_problems

                wrong, weak = meaning_problems(inspection.pack)
                for problem in wrong:  # by the format of the pack whose file it is in
                    author = _author(inspection.pack, problem) or leaf
                    if enforced("strict-meaning", inspection.formats.get(author, fmt)):
                        errors.append(problem)
                    else:
                        warnings.append(as_warning(problem, "strict-meaning", author))
                warnings += weak  # hours below an audience's target: a warning
        langs = [lang] if lang else list(inspection.meta.languages if inspection.meta else LANGS)
        for code in langs:
            gaps, compat = inspection.translation_gaps(code)
            (errors if strict else warnings).extend(gaps)
            warnings.extend(compat)
            untranslated.update(compat)
            if not strict:
                untranslated.update(gaps)
    unique = sorted(set(warnings))
    return ValidationReport(
        sorted(set(errors)), unique, packs, sum(1 for w in unique if w in untranslated)
    )

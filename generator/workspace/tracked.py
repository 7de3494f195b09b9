"""The kit as the team tracks it: every consultant entry, the status date, the baseline.

``build`` forecasts the schedule at a status date (:func:`track_build`: ``--as-of``, else
the last status report's) and, given ``--as-of``, appends a snapshot once the kit is
installed (:func:`record_build`); ``status``, ``evaluate`` and
``baseline`` read the kit with every entry (:func:`load_tracked_kit`). ``new`` writes
baseline ``initial`` into its exports (:func:`initial_baseline`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import BaselineView, Kit
    from generator.packs.resolved import ResolvedPack
    from generator.tracking.evm import RoleActual
    from generator.workspace.rebuild import Amend

REPORTS = "reports"
"""The kit's folder for written reports (status, evaluation)."""


def parse_as_of(value: str | date | None) -> date:
    """A status date: ``--as-of`` text YYYY-MM-DD, a date, or today when not given.

    Raises InputError for text that is not a date.
    """
    if isinstance(value, date):
        return value
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            _("--as-of {value!r}: write the status date as YYYY-MM-DD, e.g. 2026-06-30").format(
                value=value
            )
        ) from None


def tracking_started(kit: Kit) -> bool:
    """Whether any progress (actual date, % complete, a status or a gate sign-off) is entered."""
    from generator.tracking.states import gate_signoffs

    return any(
        p.actual_start or p.actual_finish or p.percent_complete or p.status for p in kit.progress
    ) or bool(gate_signoffs(kit))


def default_status_date(kit: Kit, target: Path) -> date | None:
    """``build``'s status date without ``--as-of``: the status date of the last status
    report (the latest snapshot: ``implkit status`` and ``build --as-of`` write them);
    None before the first one (the kit shows the plan's dates).

    So ``build`` and ``status`` at the same date show the same dates in every
    deliverable, an unchanged kit rebuilds to the same bytes on any later day, and only
    ``implkit status`` (or ``--as-of``) moves the status date. ``kit`` is not read (the
    entries do not move the status date); it stays for the callers' shape.
    """
    from generator.tracking.snapshots import read_snapshots

    del kit
    last = read_snapshots(target)[-1:]
    return last[0].as_of if last else None


def track_build(kit: Kit, target: Path, as_of: str | date | None) -> Kit:
    """The Kit ``build`` installs: on forecast dates at ``as_of``, with its baseline.

    Without ``as_of`` the status date is :func:`default_status_date` (the last status
    report's; none: the plan's dates). The baseline is attached either way. Writes
    nothing: :func:`record_build` appends the snapshot of a ``--as-of`` build once it is
    installed.
    """
    from generator.tracking.baseline import load_baseline
    from generator.tracking.forecast import forecast_kit

    baseline = load_baseline(target)
    when = parse_as_of(as_of) if as_of is not None else default_status_date(kit, target)
    if when is None:
        return replace(kit, baseline=baseline)
    return replace(forecast_kit(kit, when), baseline=baseline)


def record_build(target: Path, kit: Kit, *, as_of_given: bool) -> None:
    """After an installed ``build --as-of`` (``as_of_given``): append the snapshot of the
    forecast kit, with the earned value ``implkit status`` records for that date. A build
    at the last status report's date writes none: the trend charts get one point per
    status date, written by ``status`` (or by a build given its own status date)."""
    from generator.tracking.evm import earned_value
    from generator.tracking.snapshots import snapshot_data, write_snapshot

    if as_of_given and kit.as_of is not None:
        name = kit.baseline.name if kit.baseline else "plan"
        evm = (
            earned_value(kit, kit.as_of, baseline=kit.baseline, spent=spent_by_role(kit, target))
            if kit.baseline is not None
            else None
        )
        write_snapshot(target, snapshot_data(kit, evm, name))


def initial_baseline(target: Path, kit: Kit) -> BaselineView:
    """The baseline ``implkit new`` writes into the exports: the kit's current one when
    the folder has one, else ``initial`` of ``kit`` as ``implkit new``
    saves it (so ``new`` and the first ``build`` write the same MSPDI)."""
    from generator.tracking.baseline import (
        baseline_data,
        baseline_view,
        list_baselines,
        load_baseline,
    )

    saved = load_baseline(target) if list_baselines(target) else None
    return saved or baseline_view(baseline_data(kit, "initial", kit.project.start))


def load_tracked_kit(
    target: Path,
    packs_dir: Path | None,
    lang: str | None,
    notice: Callable[[str], None] = lambda _message: None,
    *,
    as_read: Amend | None = None,
) -> tuple[Kit, ResolvedPack, dict[str, RoleActual]]:
    """The kit in ``target`` with every consultant entry, its texts in ``lang``, and what
    the Budget sheet says was spent per role (read in the kit's own language).

    The entries are carried exactly as ``implkit build`` carries them
    (:func:`generator.workspace.rebuild.prepare_rebuild`); nothing is written. Each
    typed value the figures cannot use (``9999-12-31`` as a finish, ``1e308`` as effort)
    is told to ``notice`` with its sheet, row and column. ``as_read``:
    :func:`~generator.workspace.rebuild.prepare_rebuild`'s.
    """
    from generator.kit import build_kit
    from generator.project import PROJECT_FILE, load_project
    from generator.workspace.load import require_project_file
    from generator.workspace.rebuild import prepare_rebuild

    if not (target / PROJECT_FILE).is_file():
        require_project_file(target)  # says what is missing (exit 2)
    rebuild = prepare_rebuild(target, packs_dir, None, as_read=as_read, compare_pack=False)
    kit, pack = rebuild.kit, rebuild.pack
    from generator.carry.report import unused_line

    for item in rebuild.report.as_dict()["unused"]:  # a typed value no figure can use: said
        notice(unused_line(item, _("left out of these figures: correct it in the workbook")))
    spent = spent_by_role(kit, target)
    if lang and lang != kit.lang:
        from generator import __version__

        spec = load_project(target)
        spec = spec.model_copy(update={"lang": lang}).resolved(pack)
        other = build_kit(pack, spec, generator_version=__version__)
        kit = replace(other, progress=kit.progress, removed=kit.removed, entries=kit.entries)
    return kit, pack, spent


def spent_by_role(kit: Kit, target: Path) -> dict[str, RoleActual]:
    """Actual effort and cost per role: the carried Budget entries, else the Budget sheet
    of the kit's plan workbook."""
    from generator.tracking.budget import spent_from_kit, spent_from_workbook
    from generator.workspace.stage import PLAN_PATH

    spent = spent_from_kit(kit)
    if not spent:
        spent = spent_from_workbook(kit, target.joinpath(*PLAN_PATH.split("/")))
    return spent

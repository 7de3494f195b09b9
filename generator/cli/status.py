"""``implkit status`` (the monthly status report) and ``implkit baseline`` (save a baseline).

``implkit status PROJECT_DIR [--as-of DATE] [--lang en|zh] [--json]`` reads the kit's
entries (progress, Budget actuals, risks, change requests, migration and training),
forecasts the schedule at the status date, computes earned value against the current
baseline, appends a snapshot under ``.implkit/snapshots/`` and writes
``reports/status-YYYY-MM-DD.xlsx`` and ``.docx``; it prints the headline (or the JSON).

``implkit baseline PROJECT_DIR [--name NAME] [--as-of DATE]`` saves the current
schedule (the forecast, once tracking has started) as a new baseline and makes it
current; earlier baselines are kept.

:func:`track_build` and :func:`record_build` are the hooks ``implkit build`` calls:
forecast at ``--as-of`` (or today once progress is entered), attach the baseline, then
append a snapshot; ``implkit new`` saves baseline ``initial`` with the kit's files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator.errors import InputError
from generator.i18n import _, use_language

if TYPE_CHECKING:
    from generator.kit_model import BaselineView, Kit
    from generator.packs.resolved import ResolvedPack
    from generator.tracking.evm import RoleActual

REPORTS = "reports"

F = TypeVar("F", bound=Callable[..., Any])


def report_options(as_of_help: str) -> Callable[[F], F]:
    """The arguments of a report command (``status``, ``evaluate``), in this order.

    ``PROJECT_DIR`` (default ``.``), ``--as-of`` (help ``as_of_help``), ``--lang en|zh``,
    ``--json`` (``as_json``) and ``--packs-dir`` (also ``$IMPLKIT_PACKS_DIR``).
    """

    def decorate(func: F) -> F:
        func = click.option(
            "--packs-dir",
            type=click.Path(file_okay=False, path_type=Path),
            envvar="IMPLKIT_PACKS_DIR",
            help="Folder with more know-how packs (searched before the built-in ones).",
        )(func)
        func = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")(
            func
        )
        func = click.option(
            "--lang", type=click.Choice(["en", "zh"]), help="Report language (default: the kit's)."
        )(func)
        func = click.option("--as-of", "as_of", help=as_of_help)(func)
        return click.argument(
            "project_dir", required=False, type=click.Path(path_type=Path), default=Path(".")
        )(func)

    return decorate


def echo_report(
    data: dict[str, Any], folder: Path, as_json: bool, summary: Callable[[], str]
) -> None:
    """Print a written report: ``data`` as JSON, or ``summary()`` then the files written.

    ``data["files"]`` holds the report files relative to the kit (``reports/NAME``);
    ``folder`` is the kit's reports folder they are shown under.
    """
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(summary())
    click.echo(
        _("Wrote {files}.").format(
            files=", ".join(str(folder / Path(f).name) for f in data["files"])
        )
    )


def parse_as_of(value: str | None) -> date:
    """``--as-of`` as a date (today when not given); InputError for a bad date."""
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
    """``build``'s status date without ``--as-of`` (None: no progress, keep the plan).

    The latest of the actual start and finish dates on the Plan sheet, the gate sign-off
    dates and the status date of the last snapshot (``implkit status`` or an earlier
    build); today only when progress is entered and none of these dates exists (that
    build's snapshot then fixes the date). So an unchanged kit rebuilds to the same bytes
    on any later day; entering a later actual date or running ``implkit status`` moves it.
    """
    from generator.tracking.snapshots import read_snapshots
    from generator.tracking.states import gate_signoffs

    if not tracking_started(kit):
        return None
    days = [d for p in kit.progress for d in (p.actual_start, p.actual_finish) if d]
    days += [d for d in gate_signoffs(kit).values() if d]
    days += [snap.as_of for snap in read_snapshots(target)[-1:]]
    return max(days) if days else date.today()


def track_build(kit: Kit, target: Path, as_of: str | None) -> Kit:
    """The ``build`` hook: the Kit on forecast dates at ``--as-of``, with its baseline.

    Without ``--as-of`` the status date is :func:`default_status_date` (a kit nobody
    tracks keeps its planned dates). The baseline is attached either way. Writes
    nothing: :func:`record_build` appends the snapshot once the build is installed.
    """
    from generator.tracking.baseline import load_baseline
    from generator.tracking.forecast import forecast_kit

    baseline = load_baseline(target)
    when = parse_as_of(as_of) if as_of is not None else default_status_date(kit, target)
    if when is None:
        return replace(kit, baseline=baseline)
    return replace(forecast_kit(kit, when), baseline=baseline)


def record_build(target: Path, kit: Kit) -> None:
    """After an installed build: append the snapshot of a forecast kit (``kit.as_of`` set),
    with the earned value ``implkit status`` records for that date (so a build never
    blanks a status run's figures)."""
    from generator.tracking.evm import earned_value
    from generator.tracking.snapshots import snapshot_data, write_snapshot

    if kit.as_of is not None:
        name = kit.baseline.name if kit.baseline else "plan"
        evm = (
            earned_value(kit, kit.as_of, baseline=kit.baseline, spent=_spent(kit, target))
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
    target: Path, packs_dir: Path | None, lang: str | None
) -> tuple[Kit, ResolvedPack, dict[str, RoleActual]]:
    """The kit in ``target`` with every consultant entry, its texts in ``lang``, and what
    the Budget sheet says was spent per role (read in the kit's own language)."""
    from generator.cli.project import kit_from_project_dir
    from generator.kit import build_kit
    from generator.project import PROJECT_FILE, load_project

    kit: Kit
    if not (target / PROJECT_FILE).is_file():
        kit_from_project_dir(target, packs_dir)  # says what is missing (exit 2)
    try:  # every consultant entry, carried as ``implkit build`` carries it (issue 11)
        from generator.carry.build import prepare_rebuild

        rebuild = prepare_rebuild(target, packs_dir, None)
        kit, pack = rebuild.kit, rebuild.pack
    except ImportError:  # without the carry module: progress from the Plan sheet only
        from generator.progress import read_progress, with_progress
        from generator.scaffold import PLAN_PATH

        kit, pack, _answers = kit_from_project_dir(target, packs_dir)
        plan = target.joinpath(*PLAN_PATH.split("/"))
        if plan.is_file():
            kit = with_progress(kit, read_progress(plan))
    spent = _spent(kit, target)
    if lang and lang != kit.lang:
        from generator import __version__

        spec = load_project(target / PROJECT_FILE)
        spec = spec.model_copy(update={"lang": lang}).resolved(pack)
        other = build_kit(pack, spec, generator_version=__version__)
        kit = replace(other, progress=kit.progress, removed=kit.removed, entries=kit.entries)
    return kit, pack, spent


def _spent(kit: Kit, target: Path) -> dict[str, RoleActual]:
    from generator.scaffold import PLAN_PATH
    from generator.tracking.budget import spent_from_kit, spent_from_workbook

    spent = spent_from_kit(kit)
    if not spent:
        spent = spent_from_workbook(kit, target.joinpath(*PLAN_PATH.split("/")))
    return spent


def headline(data: dict[str, Any], lang: str, client: str) -> str:
    """The one-line status the command prints."""
    from generator.render.status_text import LABELS

    L = LABELS[lang]

    def ratio(value: Any) -> str:
        return "–" if value is None else f"{value:.2f}"

    pct = data["percent_complete"]
    slip = data["slip_working_days"]
    return L["headline"].format(
        client=client,
        as_of=data["as_of"],
        pct="–" if pct is None else f"{pct:.1%}",
        spi=ratio(data["spi"]),
        cpi=ratio(data["cpi"]),
        forecast=data["forecast_go_live"] or "–",
        baseline=data["baseline_go_live"] or "–",
        slip=L["on_time"] if not slip else L["slip_text"].format(n=slip),
    )


@click.command("status")
@report_options("Status date YYYY-MM-DD (default: today).")
def status_command(
    project_dir: Path, as_of: str | None, lang: str | None, as_json: bool, packs_dir: Path | None
) -> None:
    """Write the status report (reports/status-DATE.xlsx and .docx) and print the headline."""
    from generator.render.status_docx import write_status_docx
    from generator.render.status_xlsx import write_status_xlsx
    from generator.tracking.baseline import load_baseline
    from generator.tracking.snapshots import read_snapshots, snapshot_data, write_snapshot
    from generator.tracking.status import read_thresholds, status_of

    target = project_dir.absolute()
    use_language(lang, project=target)  # messages in --lang, else in the kit's language
    when = parse_as_of(as_of)
    kit, pack, spent = load_tracked_kit(target, packs_dir, lang)
    report_lang = lang or kit.lang
    baseline = load_baseline(target)
    status = status_of(
        kit,
        when,
        baseline=baseline,
        spent=spent,
        snapshots=read_snapshots(target, until=when),
        thresholds=read_thresholds(pack),
    )
    folder = target / REPORTS
    stem = f"status-{when.isoformat()}"
    write_status_xlsx(status, folder / f"{stem}.xlsx", report_lang)
    write_status_docx(status, folder / f"{stem}.docx", report_lang)
    write_snapshot(target, snapshot_data(status.kit, status.evm, status.baseline_name))
    data = status.as_json()
    data["files"] = [f"{REPORTS}/{stem}.xlsx", f"{REPORTS}/{stem}.docx"]
    use_language(report_lang)  # the console speaks the report's language
    echo_report(data, folder, as_json, lambda: headline(data, report_lang, kit.project.client))


@click.command("baseline")
@click.argument("project_dir", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--name", help="Name of the new baseline (default: baseline-2, baseline-3...).")
@click.option("--as-of", "as_of", help="Status date the schedule is taken at (default: today).")
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
def baseline_command(
    project_dir: Path, name: str | None, as_of: str | None, packs_dir: Path | None
) -> None:
    """Save the current schedule as a new baseline (earlier baselines are kept)."""
    from generator.tracking.baseline import next_name, save_baseline
    from generator.tracking.forecast import forecast_kit

    target = project_dir.absolute()
    use_language(None, project=target)
    when = parse_as_of(as_of)
    kit, _pack, _spent_by_role = load_tracked_kit(target, packs_dir, None)
    if tracking_started(kit):
        kit = forecast_kit(kit, when)
    chosen = name or next_name(target)
    path = save_baseline(target, kit, name=chosen, taken=when)
    click.echo(
        _("Saved baseline {name} ({date}) to {path}; it is now the current baseline.").format(
            name=chosen, date=when.isoformat(), path=path
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``status`` and ``baseline``."""
    cli.add_command(status_command)
    cli.add_command(baseline_command)

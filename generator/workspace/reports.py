"""The reports written from kits: the status report, the evaluation, the portfolio.

``status_report`` and ``evaluation_report`` read the kit with every consultant entry
(:func:`generator.workspace.tracked.load_tracked_kit`), compute the status at the date
(:mod:`generator.tracking`), write ``reports/<name>-DATE.xlsx`` and ``.docx`` in the kit
and return ``(figures, kit, report language)``; the figures' ``files`` are the report
paths relative to the kit. ``portfolio_report`` rolls many kits up into a workbook and an
HTML dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.i18n import _
from generator.workspace.notices import Notice, no_notice
from generator.workspace.tracked import REPORTS, load_tracked_kit, parse_as_of

if TYPE_CHECKING:
    from generator.carry.read import WorkbookRead
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack
    from generator.portfolio.summary import QualitySheets
    from generator.tracking.evm import RoleActual
    from generator.tracking.status import Status


def _status_at(
    target: Path, when: date, kit: Kit, pack: ResolvedPack, spent: dict[str, RoleActual]
) -> Status:
    from generator.tracking.baseline import load_baseline
    from generator.tracking.snapshots import read_snapshots
    from generator.tracking.status import read_thresholds, status_of

    return status_of(
        kit,
        when,
        baseline=load_baseline(target),
        spent=spent,
        snapshots=read_snapshots(target, until=when),
        thresholds=read_thresholds(pack),
    )


def kit_status(target: Path, as_of: date) -> tuple[Status, QualitySheets | None]:
    """The status of the kit at ``target`` on ``as_of``, computed as ``implkit status``
    computes it (every entry carried, the current baseline, the snapshots up to then),
    and the portfolio's quality sheets of its plan as that read found them (None when
    the plan read is not the registry's plan path); writes nothing.

    The portfolio's loader (module level, so a process pool can use it): the process
    loads each pack once (:func:`~generator.workspace.load.remember_packs`). Every
    sheet is read, those without consultant columns too (Gantt, RACI, Calendar): a kit
    that ``status`` refuses because one of them is damaged is not a project here either."""
    from generator.portfolio.summary import PLAN, SHEETS, sheet_rows_of
    from generator.workspace.load import remember_packs

    remember_packs()
    found: list[QualitySheets] = []

    def keep(reads: list[WorkbookRead]) -> None:
        for read in reads:
            if read.kind == "plan" and read.path == target / PLAN:
                found.append(sheet_rows_of(read, SHEETS))

    kit, pack, spent = load_tracked_kit(target, None, None, as_read=keep)
    return _status_at(target, as_of, kit, pack, spent), (found[0] if found else None)


def ready_for_reading(target: Path, notice: Notice = no_notice) -> None:
    """Before a report reads a kit: an interrupted build is finished or rolled back, the
    temporary files a killed run left are removed (each said to ``notice``), and an open
    plan is said: entries not saved in Excel yet are not in what is read."""
    from generator.kitfs import stale_temporaries
    from generator.workspace.install import prepare_kit
    from generator.workspace.locks import kit_lock, office_lock_files
    from generator.workspace.stage import PLAN_PATH

    prepare_kit(target, notice)  # the journal of an interrupted build: finish or roll back
    with kit_lock(target):
        for folder in (REPORTS, ".implkit", ".implkit/snapshots", ".implkit/baselines"):
            for path in stale_temporaries(target / folder):
                path.unlink(missing_ok=True)
                notice(
                    _("removed {path}, a temporary file of an interrupted run").format(path=path)
                )
    plan = target.joinpath(*PLAN_PATH.split("/"))
    for lock in office_lock_files(plan):
        notice(
            _(
                "{plan}: is open in Excel, WPS or LibreOffice (lock file {lock}); entries not "
                "saved yet are not in this report: save the workbook and run again"
            ).format(plan=plan, lock=lock.name)
        )


def status_report(
    target: Path,
    as_of: str | date | None,
    lang: str | None,
    packs_dir: Path | None,
    notice: Notice = no_notice,
) -> tuple[dict[str, Any], Kit, str]:
    """Write the status report of the kit at ``target`` and append its snapshot.

    The report files and the snapshot are written whole or not at all
    (:mod:`generator.kitfs`: never through a link, a full disk leaves the earlier ones)
    under the kit lock, after :func:`ready_for_reading`."""
    from generator.kitfs import make_folders, staged
    from generator.planning.report import push_name
    from generator.render.status_docx import write_status_docx
    from generator.render.status_xlsx import write_status_xlsx
    from generator.tracking.snapshots import snapshot_data, write_snapshot
    from generator.workspace.locks import kit_lock

    when = parse_as_of(as_of)
    ready_for_reading(target, notice)
    kit, pack, spent = load_tracked_kit(target, packs_dir, lang, notice)
    report_lang = lang or kit.lang
    status = _status_at(target, when, kit, pack, spent)
    stem = f"status-{when.isoformat()}"
    with kit_lock(target):
        make_folders(target, REPORTS)
        with (
            staged(target, f"{REPORTS}/{stem}.xlsx") as xlsx,
            staged(target, f"{REPORTS}/{stem}.docx") as docx,
        ):
            write_status_xlsx(status, xlsx, report_lang)
            write_status_docx(status, docx, report_lang)
        write_snapshot(target, snapshot_data(status.kit, status.evm, status.baseline_name))
    data = status.as_json()
    data["files"] = [f"{REPORTS}/{stem}.xlsx", f"{REPORTS}/{stem}.docx"]
    data["unmet_rules"] = [  # planning rules no date can meet on the forecast
        {
            "task": p.task_id,
            "name": push_name(status.kit, p.task_id, p.wave),
            "wave": p.wave,
            "date": p.after.isoformat(),
            "reason": p.reason,
        }
        for p in status.kit.pushes
        if not p.met
    ]
    return data, kit, report_lang


def evaluation_figures(
    target: Path,
    packs_dir: Path | None,
    lang: str | None,
    as_of: str | date | None,
    notice: Notice = no_notice,
) -> tuple[dict[str, Any], Kit]:
    """(evaluation figures, kit) of the kit at ``target``; InputError for a bad kit or date."""
    from generator.evaluation.report import evaluation_of

    when = parse_as_of(as_of)
    kit, pack, spent = load_tracked_kit(target, packs_dir, lang, notice)
    return evaluation_of(kit, _status_at(target, when, kit, pack, spent), spent), kit


def evaluation_report(
    target: Path,
    as_of: str | date | None,
    lang: str | None,
    packs_dir: Path | None,
    notice: Notice = no_notice,
) -> tuple[dict[str, Any], Kit, str]:
    """Write the post-project evaluation of the kit at ``target`` (whole or not at all,
    never through a link, under the kit lock; see :func:`status_report`)."""
    from generator.kitfs import make_folders, staged
    from generator.render.evaluation_docx import write_evaluation_docx
    from generator.render.evaluation_xlsx import write_evaluation_xlsx
    from generator.workspace.locks import kit_lock

    ready_for_reading(target, notice)
    data, kit = evaluation_figures(target, packs_dir, lang, as_of, notice)
    report_lang = lang or kit.lang
    stem = f"evaluation-{data['project']['as_of']}"
    with kit_lock(target):
        make_folders(target, REPORTS)
        with (
            staged(target, f"{REPORTS}/{stem}.xlsx") as xlsx,
            staged(target, f"{REPORTS}/{stem}.docx") as docx,
        ):
            write_evaluation_xlsx(data, xlsx, report_lang)
            write_evaluation_docx(data, kit, docx, report_lang)
    data["files"] = [f"{REPORTS}/{stem}.xlsx", f"{REPORTS}/{stem}.docx"]
    return data, kit, report_lang


def portfolio_paths(out: Path | None, as_of: str) -> tuple[Path, Path]:
    """(workbook, dashboard) paths for ``-o``: ``out`` is the workbook (``.xlsx``; the
    dashboard goes beside it as ``.html``) or the dashboard when it ends in ``.html``;
    without it both go to the current folder as ``portfolio-<as-of>.xlsx`` / ``.html``."""
    if out is None:
        stem = Path.cwd() / f"portfolio-{as_of}"
        return stem.with_suffix(".xlsx"), stem.with_suffix(".html")
    from generator.workspace.output import paired

    pair = paired(out)
    if pair is None:  # another suffix: the workbook's is added (pf.csv -> pf.csv.xlsx)
        book = out.absolute().with_name(out.name + ".xlsx")
        pair = book, book.with_suffix(".html")
    return pair


def portfolio_report(
    folders: Sequence[Path],
    as_of: str | date | None,
    lang: str | None,
    out: Path | None,
    workers: int | None,
) -> tuple[dict[str, Any], str, list[Path]]:
    """Find every kit under ``folders``, roll them up and write the workbook and the
    dashboard; return (figures with ``files``, language, the two files).

    The messages switch to the portfolio's language (``lang``, else $IMPLKIT_LANG/en).
    """
    from generator.i18n import default_language, set_language
    from generator.portfolio.discover import find_kits
    from generator.portfolio.names import localise
    from generator.portfolio.rollup import portfolio
    from generator.render.portfolio_html import write_portfolio_html
    from generator.render.portfolio_xlsx import write_portfolio_xlsx
    from generator.workspace.output import plain_targets, write_files

    when = parse_as_of(as_of)
    chosen = lang or default_language()
    set_language(chosen)
    xlsx, page = portfolio_paths(out, when.isoformat())
    plain_targets((xlsx, page), "portfolio.xlsx")  # never written through a link
    kits = find_kits(folders)
    data = localise(portfolio(kits, when, kit_status, workers), chosen)

    def workbook(path: Path) -> None:
        write_portfolio_xlsx(data, path, chosen)

    def dashboard(path: Path) -> None:
        write_portfolio_html(data, path, chosen)

    xlsx.parent.mkdir(parents=True, exist_ok=True)
    write_files([(xlsx, workbook), (page, dashboard)])  # both or neither, each whole
    data["files"] = [str(xlsx), str(page)]
    return data, chosen, [xlsx, page]

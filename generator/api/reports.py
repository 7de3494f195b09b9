"""The reporting calls: status, evaluation, baseline, portfolio (``implkit status``,
``evaluate``, ``baseline``, ``portfolio``); import them from :mod:`generator.api`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator.api.common import start_call
from generator.api.results import BaselineResult, PortfolioResult, ReportResult
from generator.i18n import use_language
from generator.workspace.notices import Notice, no_notice


def status(
    folder: Path,
    *,
    as_of: str | date | None = None,
    lang: str | None = None,
    packs_dir: Path | None = None,
    notice: Notice = no_notice,
) -> ReportResult:
    """``implkit status``: write ``reports/status-DATE.xlsx`` and ``.docx`` and append
    the status snapshot; the figures are the report's (EVM, forecast, registers).

    ``notice`` hears what was done first (an interrupted build rolled back, temporary
    files of a killed run removed), that the plan is open in Excel, and each typed value
    left out of the figures."""
    start_call()
    from generator.workspace.reports import status_report

    target = folder.absolute()
    use_language(lang, project=target)  # messages in ``lang``, else in the kit's language
    data, kit, report_lang = status_report(target, as_of, lang, packs_dir, notice)
    return ReportResult(data, target / "reports", report_lang, kit)


def evaluate(
    folder: Path,
    *,
    as_of: str | date | None = None,
    lang: str | None = None,
    packs_dir: Path | None = None,
    notice: Notice = no_notice,
) -> ReportResult:
    """``implkit evaluate``: write the post-project evaluation
    (``reports/evaluation-DATE.xlsx`` and ``.docx``) and return its figures (``notice``:
    as for :func:`status`)."""
    start_call()
    from generator.workspace.reports import evaluation_report

    target = folder.absolute()
    data, kit, report_lang = evaluation_report(target, as_of, lang, packs_dir, notice)
    return ReportResult(data, target / "reports", report_lang, kit)


def save_baseline(
    folder: Path,
    *,
    name: str | None = None,
    as_of: str | date | None = None,
    packs_dir: Path | None = None,
    notice: Notice = no_notice,
) -> BaselineResult:
    """``implkit baseline``: save the current schedule (the forecast at ``as_of`` once
    tracking has started) as a new baseline ``name`` (default ``baseline-N``) and make
    it current; earlier baselines are kept. Written whole under the kit lock (a full
    disk leaves the earlier ones as they were); ``notice`` as for :func:`status`."""
    start_call()
    from generator.tracking.baseline import next_name
    from generator.tracking.baseline import save_baseline as save
    from generator.tracking.forecast import forecast_kit
    from generator.workspace.locks import kit_lock
    from generator.workspace.reports import ready_for_reading
    from generator.workspace.tracked import load_tracked_kit, parse_as_of, tracking_started

    target = folder.absolute()
    use_language(None, project=target)
    when = parse_as_of(as_of)
    ready_for_reading(target, notice)
    kit, _pack, _spent = load_tracked_kit(target, packs_dir, None, notice)
    if tracking_started(kit):
        kit = forecast_kit(kit, when)
    with kit_lock(target):
        chosen = name or next_name(target)
        saved = save(target, kit, name=chosen, taken=when)
    return BaselineResult(chosen, when, saved)


def portfolio(
    folders: Sequence[Path],
    *,
    as_of: str | date | None = None,
    lang: str | None = None,
    out: Path | None = None,
    workers: int | None = None,
) -> PortfolioResult:
    """``implkit portfolio``: roll every kit under ``folders`` up into the portfolio
    workbook and HTML dashboard (``out``: the workbook's path; see
    :func:`generator.workspace.reports.portfolio_paths`). A kit that cannot be read is
    listed in ``data["unreadable"]``; a folder that does not exist raises InputError."""
    start_call()
    from generator.workspace.reports import portfolio_report

    data, chosen, files = portfolio_report(folders, as_of, lang, out, workers)
    return PortfolioResult(data, chosen, files)

"""``implkit evaluate PROJECT_DIR [--as-of DATE] [--lang en|zh] [--json]``.

Reads the kit with every consultant entry (as ``implkit status`` does), computes the
status at ``--as-of`` (default: today) with :mod:`generator.tracking`, derives the
post-project evaluation (:mod:`generator.evaluation.report`) and writes
``reports/evaluation-YYYY-MM-DD.xlsx`` and ``.docx``; prints a one-line summary, or
the figures as JSON. A kit that cannot be read exits 2 with the file and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from generator.cli.status import REPORTS, echo_report, report_options
from generator.i18n import use_language


def evaluate_kit(
    target: Path, packs_dir: Path | None, lang: str | None, as_of: str | None
) -> tuple[dict[str, Any], Any]:
    """(evaluation figures, kit) of the kit at ``target``; InputError for a bad kit or date."""
    from generator.cli.status import load_tracked_kit, parse_as_of
    from generator.evaluation.report import evaluation_of
    from generator.tracking.baseline import load_baseline
    from generator.tracking.snapshots import read_snapshots
    from generator.tracking.status import read_thresholds, status_of

    when = parse_as_of(as_of)
    kit, pack, spent = load_tracked_kit(target, packs_dir, lang)
    status = status_of(
        kit,
        when,
        baseline=load_baseline(target),
        spent=spent,
        snapshots=read_snapshots(target, until=when),
        thresholds=read_thresholds(pack),
    )
    return evaluation_of(kit, status, spent), kit


def summary_line(data: dict[str, Any], lang: str) -> str:
    """The line the command prints: go-live vs baseline, SPI/CPI, first-pass, NPS."""
    from generator.evaluation.labels import labels

    L = labels(lang)
    p = data["project"]

    def show(value: Any, fmt: str) -> str:
        return "–" if value is None else format(value, fmt)

    verdict = "–" if p["on_time"] is None else (L["yes"] if p["on_time"] else L["no"])
    return (
        f"{p['client']} · {L['go_live']}: {p['go_live'] or '–'} "
        f"({L['baseline_go_live']}: {p['baseline_go_live'] or '–'}; {L['on_time']}: {verdict}) · "
        f"SPI {show(p['spi'], '.2f')} · CPI {show(p['cpi'], '.2f')} · "
        f"{L['first_pass_rate']} {show(data['acceptance']['first_pass_rate'], '.0%')} · "
        f"NPS {show(data['satisfaction']['nps'], '.0f')}"
    )


@click.command("evaluate")
@report_options("Evaluation date YYYY-MM-DD (default: today).")
def evaluate_command(
    project_dir: Path, as_of: str | None, lang: str | None, as_json: bool, packs_dir: Path | None
) -> None:
    """Write the post-project evaluation (reports/evaluation-DATE.xlsx and .docx)."""
    from generator.render.evaluation_docx import write_evaluation_docx
    from generator.render.evaluation_xlsx import write_evaluation_xlsx

    target = project_dir.absolute()
    data, kit = evaluate_kit(target, packs_dir, lang, as_of)
    report_lang = lang or kit.lang
    folder = target / REPORTS
    stem = f"evaluation-{data['project']['as_of']}"
    write_evaluation_xlsx(data, folder / f"{stem}.xlsx", report_lang)
    write_evaluation_docx(data, kit, folder / f"{stem}.docx", report_lang)
    data["files"] = [f"{REPORTS}/{stem}.xlsx", f"{REPORTS}/{stem}.docx"]
    use_language(report_lang)  # the console speaks the report's language
    echo_report(data, folder, as_json, lambda: summary_line(data, report_lang))


def register(cli: click.Group) -> None:
    """Attach ``evaluate``."""
    cli.add_command(evaluate_command)

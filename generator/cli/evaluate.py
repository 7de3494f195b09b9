"""``implkit evaluate PROJECT_DIR [--as-of DATE] [--lang en|zh] [--json]``.

Reads the kit with every consultant entry (as ``implkit status`` does), computes the
status at ``--as-of`` (default: today), derives the post-project evaluation and writes
``reports/evaluation-YYYY-MM-DD.xlsx`` and ``.docx`` (:func:`generator.api.evaluate`);
prints a one-line summary, or the figures as JSON. A kit that cannot be read exits 2
with the file and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from generator.cli.status import echo_notice, echo_report, report_options
from generator.i18n import use_language


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
    from generator import api

    report = api.evaluate(
        project_dir, as_of=as_of, lang=lang, packs_dir=packs_dir, notice=echo_notice
    )
    use_language(report.lang)  # the console speaks the report's language
    echo_report(report.data, report.folder, as_json, lambda: summary_line(report.data, report.lang))


def register(cli: click.Group) -> None:
    """Attach ``evaluate``."""
    cli.add_command(evaluate_command)

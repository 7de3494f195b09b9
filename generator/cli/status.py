"""``implkit status`` (the monthly status report) and ``implkit baseline`` (save a baseline).

``implkit status PROJECT_DIR [--as-of DATE] [--lang en|zh] [--json]`` reads the kit's
entries (progress, Budget actuals, risks, change requests, migration and training),
forecasts the schedule at the status date, computes earned value against the current
baseline, appends a snapshot under ``.implkit/snapshots/`` and writes
``reports/status-YYYY-MM-DD.xlsx`` and ``.docx`` (:func:`generator.api.status`); it
prints the headline (or the JSON).

``implkit baseline PROJECT_DIR [--name NAME] [--as-of DATE]`` saves the current
schedule (the forecast, once tracking has started) as a new baseline and makes it
current; earlier baselines are kept (:func:`generator.api.save_baseline`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.i18n import _, use_language

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


def echo_notice(message: str) -> None:
    """A warning or what was done before the command's work: on stderr."""
    click.echo(message, err=True)


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
    from generator import api

    report = api.status(
        project_dir, as_of=as_of, lang=lang, packs_dir=packs_dir, notice=echo_notice
    )
    data = report.data
    use_language(report.lang)  # the console speaks the report's language
    echo_report(
        data,
        report.folder,
        as_json,
        lambda: headline(data, report.lang, report.kit.project.client),
    )
    if not as_json:
        for rule in data.get("unmet_rules") or []:
            click.echo(
                _("  warning: {task} breaks a planning rule on {day}: {reason}").format(
                    task=rule.get("name") or rule["task"], day=rule["date"], reason=rule["reason"]
                )
            )


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
    from generator import api

    saved = api.save_baseline(
        project_dir, name=name, as_of=as_of, packs_dir=packs_dir, notice=echo_notice
    )
    click.echo(
        _("Saved baseline {name} ({date}) to {path}; it is now the current baseline.").format(
            name=saved.name, date=saved.taken.isoformat(), path=saved.path
        )
    )


def register(cli: click.Group) -> None:
    """Attach ``status`` and ``baseline``."""
    cli.add_command(status_command)
    cli.add_command(baseline_command)

"""Answer options shared by ``new``, ``plan``, ``migration``, ``curriculum`` and ``charter``.

Usage in a command module::

    @cli.command()
    @click.argument("pack")
    @answer_options
    def plan(pack: str, **options: Any) -> None:
        kit = api.make_kit(pack, options)

The options are passed to :mod:`generator.api` as they are (``options`` maps the
parameter names of :data:`ANSWER_PARAMS` to the text given, or None).
Every option defaults to "not given" (None), so a value from project.yaml (the
``base`` answers) or the ProjectSpec default applies. ``--set KEY=VALUE`` sets
any answer by its project.yaml key, dotted into mappings
(``--set day_rates.project-manager=4000``); the named options win over ``--set``.
Bad values raise :class:`~generator.errors.InputError` naming the option.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.workspace.answers import ANSWER_PARAMS

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["ANSWER_PARAMS", "answer_options"]


_OPTIONS: list[Callable[[F], F]] = [
    click.option("--client", metavar="NAME", help="Client name (default: Demo Client / 示例客户)."),
    click.option(
        "--project-name", metavar="NAME", help="Project name (default: client + pack name)."
    ),
    click.option(
        "--start", metavar="DATE", help="First working day, YYYY-MM-DD (default: next working day)."
    ),
    click.option(
        "--systems",
        metavar="ERP,MES",
        help="Systems in scope, comma-separated (default: the pack's).",
    ),
    # values are checked by ProjectSpec, not by click, so a wrong one is reported in the
    # kit's language with our wording ("--users：请填写整数（当前为 'abc'）")
    click.option("--strategy", metavar="big-bang|phased", help="Go-live strategy."),
    click.option("--sites", metavar="N", help="Number of sites (default 1)."),
    click.option("--users", metavar="N", help="Number of end users (default 200)."),
    click.option("--class-size", metavar="N", help="Trainees per training session (default 12)."),
    click.option("--lang", metavar="en|zh", help="Language of the kit (default en)."),
    click.option(
        "--country", metavar="CC", help="Country for holidays, ISO code (default: the pack's)."
    ),
    click.option("--currency", metavar="CUR", help="Currency for day rates (default: the pack's)."),
    click.option(
        "--freeze-days",
        metavar="N",
        help="Requirements freeze before development (default 30).",
    ),
    click.option(
        "--packs-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="IMPLKIT_PACKS_DIR",
        help="Folder with more know-how packs (searched before the built-in ones).",
    ),
    click.option(
        "--set",
        "set_values",
        multiple=True,
        metavar="KEY=VALUE",
        help="Set any answer by its project.yaml key, e.g. --set day_rates.project-manager=4000.",
    ),
]


def answer_options(func: F) -> F:
    """Add the shared answer options to a click command."""
    for option in reversed(_OPTIONS):
        func = option(func)
    return func

"""implkit as a Python library: every command as a plain function returning a result.

The command line (:mod:`generator.cli`) parses its options, calls one of these
functions and prints the result; scripts, tests and benchmarks call them directly::

    from pathlib import Path
    from generator import api

    made = api.new_kit("manufacturing", Path("acme"), answers={"client": "ACME"})
    print(made.as_dict()["finish"])            # the summary `implkit new --json` prints
    loaded = api.load_kit(Path("acme"))         # the Kit, as `implkit build` would build it
    report = api.status(Path("acme"), as_of="2026-06-30")

Conventions, for every function here:

* Paths are :class:`~pathlib.Path`; a kit folder is the folder holding project.yaml.
* ``answers`` maps the answer names of :data:`generator.workspace.answers.ANSWER_PARAMS`
  (``client``, ``start``, ``users``, ..., ``packs_dir``, ``set_values``) to values as
  the command line gives them (text, or the typed value); missing means "not given".
* Nothing is printed. ``progress`` (optional) is called with the name of each step as
  it starts; ``notice`` (optional) with each warning a command would print on stderr
  (a recovered interrupted run, a workbook open in Excel, an odd file suffix).
* Bad input raises :class:`~generator.errors.InputError` (the CLI's exit 2): every
  problem with its file:line and the fix; nothing is written then. Messages are in
  the kit's language (or ``lang``), as the command line shows them.
* Dates are :class:`datetime.date` or ``YYYY-MM-DD`` text; ``as_of=None`` is today.
* Each call starts from the default language ($IMPLKIT_LANG, else English) and picks
  its own, as each command does: one call's language never leaks into the next.

The functions live by what they do: :mod:`.kits` (the kit folder: new, build, load,
export, single deliverables), :mod:`.reports` (status, evaluate, baseline, portfolio),
:mod:`.packs` (list, show, new, schema, validate, upgrade, outdated, lessons, site, wiki) and :mod:`.trackers`
(import, timesheets); their results in :mod:`.results`. Import them from here: this
module is the public API and the only name scripts should depend on.

A new command adds a function to the module of its kind returning a result dataclass,
re-exports it here (and in ``__all__``) and gets a thin ``cli/<name>.py``; see
docs/dev/ARCHITECTURE.md.
"""

from __future__ import annotations

from generator.api.common import Answers, Progress
from generator.api.kits import export, load_kit, make_kit, new_kit, rebuild_kit, write_document
from generator.api.packs import (
    harvest_lessons,
    lessons_board,
    list_packs,
    new_pack,
    outdated_kits,
    pack_schema,
    pack_site,
    packs_wiki,
    show_pack,
    upgrade_pack,
    validate_packs,
)
from generator.api.reports import evaluate, portfolio, save_baseline, status
from generator.api.results import (
    BaselineResult,
    BoardResult,
    DocumentResult,
    ExportResult,
    KitResult,
    LoadedKit,
    OutdatedResult,
    PackInfo,
    PackShown,
    PortfolioResult,
    ReportResult,
    SiteResult,
    WikiResult,
)
from generator.api.trackers import import_files, timesheets

__all__ = [
    "Answers",
    "BaselineResult",
    "BoardResult",
    "DocumentResult",
    "ExportResult",
    "KitResult",
    "LoadedKit",
    "OutdatedResult",
    "PackInfo",
    "PackShown",
    "PortfolioResult",
    "Progress",
    "ReportResult",
    "SiteResult",
    "WikiResult",
    "evaluate",
    "export",
    "harvest_lessons",
    "import_files",
    "lessons_board",
    "list_packs",
    "load_kit",
    "make_kit",
    "new_kit",
    "new_pack",
    "outdated_kits",
    "pack_schema",
    "pack_site",
    "packs_wiki",
    "portfolio",
    "rebuild_kit",
    "save_baseline",
    "show_pack",
    "status",
    "timesheets",
    "upgrade_pack",
    "validate_packs",
    "write_document",
]

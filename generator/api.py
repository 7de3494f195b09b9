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

New commands add a function here returning a result dataclass (and a thin
``cli/<name>.py``); see docs/dev/ARCHITECTURE.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.i18n import default_language, set_language, use_language
from generator.workspace.notices import Notice, no_notice
from generator.workspace.results import (
    BaselineResult,
    DocumentResult,
    ExportResult,
    KitResult,
    LoadedKit,
    OutdatedResult,
    PortfolioResult,
    ReportResult,
    SiteResult,
    WikiResult,
)

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.lessons.harvest import HarvestResult
    from generator.pack_checks import ValidationReport
    from generator.packs.upgrade import UpgradeResult
    from generator.trackers.model import Status
    from generator.workspace.timesheets import TimesheetsResult
    from generator.workspace.tracker_import import ImportResult

Progress = Callable[[str], None]
Answers = Mapping[str, Any]

__all__ = [
    "BaselineResult",
    "DocumentResult",
    "ExportResult",
    "KitResult",
    "LoadedKit",
    "OutdatedResult",
    "PortfolioResult",
    "ReportResult",
    "SiteResult",
    "WikiResult",
    "evaluate",
    "export",
    "harvest_lessons",
    "import_files",
    "load_kit",
    "make_kit",
    "new_kit",
    "outdated_kits",
    "pack_site",
    "packs_wiki",
    "portfolio",
    "rebuild_kit",
    "save_baseline",
    "status",
    "timesheets",
    "upgrade_pack",
    "validate_packs",
    "write_document",
]


def _fresh() -> None:
    """Start a call from the default language (see the module docstring)."""
    set_language(default_language())


# --- the kit folder --------------------------------------------------------------------


def make_kit(pack: str, answers: Answers | None = None, *, today: date | None = None) -> Kit:
    """The Kit of ``pack`` for ``answers`` (nothing written): what every deliverable renders.

    ``today`` fixes the default start date (the next working day after it).
    """
    _fresh()
    from generator.workspace.answers import kit_from_options

    return kit_from_options(pack, today=today, **dict(answers or {}))


def new_kit(
    pack: str,
    out: Path | None = None,
    *,
    answers: Answers | None = None,
    force: bool = False,
    dry_run: bool = False,
    trust: bool = False,
    docx_template: Path | None = None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> KitResult:
    """``implkit new``: create the kit folder ``out`` (default ``./<slug>``) from ``pack``.

    Saves baseline ``initial`` with the files. ``force`` writes into a non-empty folder
    (never deleting the user's files); ``dry_run`` lists what would be written
    (``result.outcome.listing``). InputError for a non-empty ``out`` without ``force``,
    a missing parent folder, a bad answer or template.
    """
    _fresh()
    from generator.workspace.create import create_kit

    began = time.perf_counter()
    kit, resolved, outcome = create_kit(
        pack,
        out,
        dict(answers or {}),
        force=force,
        dry_run=dry_run,
        trust=trust,
        docx_template=docx_template,
        progress=progress,
        notice=notice,
    )
    seconds = time.perf_counter() - began
    return KitResult(kit, resolved, outcome, seconds, rebuilt=False, dry_run=dry_run)


def rebuild_kit(
    folder: Path,
    *,
    packs_dir: Path | None = None,
    as_of: str | date | None = None,
    force: bool = False,
    trust: bool = False,
    docx_template: Path | None = None,
    progress: Progress | None = None,
    notice: Notice = no_notice,
    pack_update: bool = False,
    dry_run: bool = False,
) -> KitResult:
    """``implkit build``: rebuild the kit in ``folder`` from its project.yaml, keeping
    every consultant entry (the carry report is ``result.carry``).

    ``as_of``: status date to forecast the dates at, recorded as a snapshot (default:
    the last status report's status date; before the first one, the plan's dates).
    ``force``: go on although a workbook is open in Excel/WPS/Word. ``pack_update``: apply
    a newer version of the kit's pack (without it such a build raises InputError naming
    the change); ``dry_run``: write nothing, report what the build would do (``carry``:
    ``pack_changes`` added/changed/removed/renamed, ``moved`` entries of renamed items;
    ``removed_tasks``).
    """
    _fresh()
    from generator.workspace.rebuild import rebuild_folder

    began = time.perf_counter()
    kit, resolved, outcome, carried = rebuild_folder(
        folder.absolute(),
        packs_dir=packs_dir,
        as_of=as_of,
        force=force,
        trust=trust,
        docx_template=docx_template,
        progress=progress,
        notice=notice,
        pack_update=pack_update,
        dry_run=dry_run,
    )
    seconds = time.perf_counter() - began
    return KitResult(
        kit,
        resolved,
        outcome,
        seconds,
        rebuilt=True,
        dry_run=dry_run,
        carry=carried,
        as_of_given=as_of is not None,
    )


def load_kit(
    folder: Path,
    *,
    packs_dir: Path | None = None,
    entries: bool = False,
    lang: str | None = None,
) -> LoadedKit:
    """The kit in ``folder``, built from its project.yaml; nothing is written.

    ``entries=True`` carries every consultant entry into it (progress, actuals,
    registers: what ``status`` reports on) and reads what was spent per role; ``lang``
    then renders its texts in that language. Without it the Kit is the plan as the
    answers give it.
    """
    _fresh()
    from generator.workspace.load import kit_from_project_dir
    from generator.workspace.tracked import load_tracked_kit

    target = folder.absolute()
    if entries:
        kit, pack, spent = load_tracked_kit(target, packs_dir, lang)
        return LoadedKit(kit, pack, target / "project.yaml", spent)
    kit, pack, answers = kit_from_project_dir(target, packs_dir)
    return LoadedKit(kit, pack, answers)


# --- reports ---------------------------------------------------------------------------


def status(
    folder: Path,
    *,
    as_of: str | date | None = None,
    lang: str | None = None,
    packs_dir: Path | None = None,
) -> ReportResult:
    """``implkit status``: write ``reports/status-DATE.xlsx`` and ``.docx`` and append
    the status snapshot; the figures are the report's (EVM, forecast, registers)."""
    _fresh()
    from generator.workspace.reports import status_report

    target = folder.absolute()
    use_language(lang, project=target)  # messages in ``lang``, else in the kit's language
    data, kit, report_lang = status_report(target, as_of, lang, packs_dir)
    return ReportResult(data, target / "reports", report_lang, kit)


def evaluate(
    folder: Path,
    *,
    as_of: str | date | None = None,
    lang: str | None = None,
    packs_dir: Path | None = None,
) -> ReportResult:
    """``implkit evaluate``: write the post-project evaluation
    (``reports/evaluation-DATE.xlsx`` and ``.docx``) and return its figures."""
    _fresh()
    from generator.workspace.reports import evaluation_report

    target = folder.absolute()
    data, kit, report_lang = evaluation_report(target, as_of, lang, packs_dir)
    return ReportResult(data, target / "reports", report_lang, kit)


def save_baseline(
    folder: Path,
    *,
    name: str | None = None,
    as_of: str | date | None = None,
    packs_dir: Path | None = None,
) -> BaselineResult:
    """``implkit baseline``: save the current schedule (the forecast at ``as_of`` once
    tracking has started) as a new baseline ``name`` (default ``baseline-N``) and make
    it current; earlier baselines are kept."""
    _fresh()
    from generator.tracking.baseline import next_name
    from generator.tracking.baseline import save_baseline as save
    from generator.tracking.forecast import forecast_kit
    from generator.workspace.tracked import load_tracked_kit, parse_as_of, tracking_started

    target = folder.absolute()
    use_language(None, project=target)
    when = parse_as_of(as_of)
    kit, _pack, _spent = load_tracked_kit(target, packs_dir, None)
    if tracking_started(kit):
        kit = forecast_kit(kit, when)
    chosen = name or next_name(target)
    return BaselineResult(chosen, when, save(target, kit, name=chosen, taken=when))


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
    _fresh()
    from generator.workspace.reports import portfolio_report

    data, chosen, files = portfolio_report(folders, as_of, lang, out, workers)
    return PortfolioResult(data, chosen, files)


# --- files from a kit or a pack --------------------------------------------------------


def export(
    folder: Path,
    fmt: str,
    *,
    output: Path | None = None,
    process: str | None = None,
    packs_dir: Path | None = None,
    to_stdout: bool = False,
) -> ExportResult:
    """``implkit export``: write one export of the kit in ``folder`` (``fmt`` one of
    :func:`generator.registry.exports`) to ``output`` (default: its place in
    the kit's ``exports/``), or return it as bytes (``to_stdout``, ``-o -``).
    ``process``: the Azure Boards process (``--format ado``; default the one the last
    import saw, else agile). The kit is read as ``build`` writes it: progress carried,
    forecast, baseline and the tracker ids the imports learnt."""
    _fresh()
    from generator.workspace.exports import export_kit

    done = export_kit(
        folder, fmt, output=output, process=process, packs_dir=packs_dir, to_stdout=to_stdout
    )
    return ExportResult(done.label, done.files, done.fmt, done.stdout, done.details)


def write_document(
    kind: str,
    pack: str,
    output: Path | None = None,
    *,
    answers: Answers | None = None,
    docx_template: Path | None = None,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
    notice: Notice = no_notice,
) -> DocumentResult:
    """``implkit plan | migration | curriculum | charter``: one deliverable of ``pack``
    for ``answers``, without a kit folder (``output`` default: its name in the current
    folder). ``curriculum`` also writes the training workbook beside the document (only
    the workbook when ``output`` ends in ``.xlsx``); ``audiences``/``tiers`` narrow it
    (InputError listing the valid ids for an unknown one)."""
    _fresh()
    from generator.workspace.documents import write_single

    kit, files, counts = write_single(
        kind,
        pack,
        output,
        dict(answers or {}),
        docx_template=docx_template,
        audiences=audiences,
        tiers=tiers,
        notice=notice,
    )
    return DocumentResult(kit, files, counts)


# --- packs -----------------------------------------------------------------------------


def validate_packs(
    paths: Sequence[Path],
    *,
    lang: str | None = None,
    strict: bool = False,
    packs_dir: Path | None = None,
) -> ValidationReport:
    """``implkit packs validate``: every problem of the pack folders (``paths``), their
    templates and, with ``strict``, what a plan would get wrong. Raises nothing for a
    bad pack: the report lists it (``report.ok``)."""
    _fresh()
    from generator.pack_checks import validate_paths

    folders = [p.parent if p.is_file() else p for p in paths]
    return validate_paths(folders, lang=lang, strict=strict, packs_dir=packs_dir)


def upgrade_pack(
    path: Path, *, dry_run: bool = False, packs_dir: Path | None = None
) -> UpgradeResult:
    """``implkit packs upgrade``: rewrite the pack at ``path`` (a folder, or a file in it)
    to the current pack format, keeping comments and layout; ``dry_run`` writes nothing.
    Raises InputError (nothing written) when the pack does not load, or would not after."""
    _fresh()
    from generator.packs.upgrade import upgrade_pack as upgrade

    folder = path.parent if path.is_file() else path
    return upgrade(folder, dry_run=dry_run, packs_dir=packs_dir)


def outdated_kits(folders: Sequence[Path], *, packs_dir: Path | None = None) -> OutdatedResult:
    """``implkit outdated``: the kits under ``folders`` (the working folder when empty)
    with the version of the pack each was built from and the version found now
    (:mod:`generator.carry.outdated`). Raises InputError for a folder that does not exist."""
    _fresh()
    from generator.carry.outdated import outdated_kits as find

    return OutdatedResult(find(list(folders) or [Path.cwd()], packs_dir))


def harvest_lessons(
    kits: Sequence[Path],
    into: Path,
    *,
    dry_run: bool = False,
    packs_dir: Path | None = None,
) -> HarvestResult:
    """``implkit lessons harvest``: merge the lessons the kits under ``kits`` marked
    "Share with pack" into the pack folder ``into`` (``dry_run``: the diff only)."""
    _fresh()
    from generator.i18n import language_of_project, set_language
    from generator.lessons.harvest import harvest

    lang = language_of_project(kits[0]) if kits else None  # the (first) kit's language
    if lang:
        set_language(lang)
    return harvest(list(kits), into, dry_run=dry_run, packs_dir=packs_dir)


def pack_site(
    packs: Sequence[str],
    out: Path,
    *,
    diff_dir: Path | None = None,
    packs_dir: Path | None = None,
) -> SiteResult:
    """``implkit packs site``: write ``out/index.html``, the browsable catalogue of
    ``packs`` (ids or folders; empty: every available pack), compared with the packs
    under ``diff_dir`` when given."""
    _fresh()
    from generator import __version__
    from generator.site.data import site_data
    from generator.site.render import write_site

    data = site_data(
        list(packs), packs_dir=packs_dir, diff_dir=diff_dir, generator_version=__version__
    )
    return SiteResult(write_site(data, out), list(data["order"]))


# --- trackers and timesheets ---------------------------------------------------------------


def import_files(
    folder: Path,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    add_new: bool = False,
    fmt: str | None = None,
    states: Mapping[str, Status] | None = None,
    date_order: str | None = None,
    as_of: str | date | None = None,
    packs_dir: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    notice: Notice = no_notice,
) -> ImportResult:
    """``implkit import``: bring the progress recorded in Azure Boards / Jira CSV exports,
    MS Project XML (.mpp with MPXJ) and filled timesheets into the kit in ``folder``, and
    an LMS's completions and grades (Moodle's exports) into its training workbook's
    Attendance sheet (:mod:`generator.trackers.completions`).

    ``dry_run``: list the changes, write nothing; ``add_new``: tracker items the kit does
    not have become tasks of their phase; ``states``: extra state mappings (``--state``);
    ``date_order``: "mdy" or "dmy" for numeric dates a file cannot tell; ``as_of``: the
    day the tracker's work is recorded on (default today). The write is the kit's own
    rebuild (:mod:`generator.workspace.tracker_import`); the change list is
    ``result.changes`` (sheet, row, id, column, old -> new, source file:line).
    """
    _fresh()
    from generator.workspace.tracked import parse_as_of
    from generator.workspace.tracker_import import import_files as run_import

    day = parse_as_of(as_of) if as_of is not None else None
    order = date_order if date_order in ("mdy", "dmy") else None
    return run_import(
        folder.absolute(),
        list(files),
        dry_run=dry_run,
        add_new=add_new,
        fmt=fmt,
        states=dict(states or {}),
        date_order=order,  # type: ignore[arg-type]
        as_of=day,
        packs_dir=packs_dir,
        force=force,
        progress=progress,
        notice=notice,
    )


def timesheets(
    folder: Path,
    week: str,
    *,
    weeks: int = 2,
    people_file: Path | None = None,
    people: Sequence[str] = (),
    output: Path | None = None,
    packs_dir: Path | None = None,
) -> TimesheetsResult:
    """``implkit timesheets``: one timesheet workbook per person for ISO ``week``
    (``2026-W14``) with their open tasks of that week and the next ``weeks - 1``; people
    from ``people_file`` (CSV: person, role), ``people`` (``"NAME=ROLE"``) or the plan's
    Project team sheet; written into ``folder/timesheets/<week>/`` or ``output``."""
    _fresh()
    from generator.workspace.timesheets import write_timesheets

    return write_timesheets(
        folder.absolute(),
        week,
        weeks=weeks,
        people_file=people_file,
        people=tuple(people),
        output=output,
        packs_dir=packs_dir,
    )


def packs_wiki(
    pack: str | Path,
    out: Path,
    *,
    lang: str | None = None,
    packs_dir: Path | None = None,
) -> WikiResult:
    """``implkit packs wiki``: write ``pack`` (an id or a pack folder) and its lessons as
    a Markdown page tree into ``out`` (see :mod:`generator.wiki.pages` for the tree):
    front matter on every page, relative links, ready for md2cf or a static wiki engine.

    ``lang``: "en" or "zh" (default: English, or $IMPLKIT_LANG). InputError (nothing
    written) for an unknown pack or one with problems, a link on the way into ``out``,
    or an ``out`` that is a file or a folder of other files
    (:func:`generator.wiki.tree.write_tree`).
    """
    _fresh()
    from generator import __version__
    from generator.errors import Problem
    from generator.i18n import _, default_language
    from generator.packs.loader import inspect_pack
    from generator.wiki.pages import wiki_pages
    from generator.wiki.tree import write_tree

    chosen = lang or default_language()
    use_language(chosen)
    inspection = inspect_pack(pack, packs_dir)
    if inspection.problems or inspection.pack is None:
        from generator.errors import InputError

        raise InputError(inspection.problems or [Problem(str(pack), 0, 0, _("cannot be loaded"))])
    resolved = inspection.pack
    wiki = wiki_pages(resolved, chosen, __version__)
    files = {path: text.encode("utf-8") for path, text in wiki.pages.items()}
    files.update(wiki.attachments)
    marker = {
        "generator": "implkit " + __version__,
        "pack": resolved.meta.id,
        "pack_version": resolved.meta.version,
        "lang": chosen,
    }
    write_tree(out, files, marker=marker)
    return WikiResult(
        out.absolute(), resolved.meta.id, chosen, list(wiki.pages), list(wiki.attachments)
    )

"""The pack calls: list, show, validate, start, upgrade, kits behind their pack, lessons
harvest, the catalogue site and the wiki (``implkit packs ...``, ``outdated``,
``lessons harvest``, ``lessons board``); import them from :mod:`generator.api`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.api.common import start_call
from generator.api.results import (
    BoardResult,
    OutdatedResult,
    PackInfo,
    PackShown,
    SiteResult,
    WikiResult,
)
from generator.i18n import use_language

if TYPE_CHECKING:
    from generator.lessons.harvest import HarvestResult
    from generator.pack_checks import ValidationReport
    from generator.packs.upgrade import UpgradeResult


def list_packs(*, lang: str | None = None, packs_dir: Path | None = None) -> list[PackInfo]:
    """``implkit packs list``: the packs available (built in, then ``packs_dir``'s), each
    from its ``pack.yaml`` alone, its name in ``lang`` (default: $IMPLKIT_LANG, else
    English; a name without that language falls back to English, then Chinese)."""
    start_call()
    from generator.packs.loader import available_packs, read_meta
    from generator.packs.model import resolve_text

    code = use_language(lang)
    found = []
    for name, folder in available_packs(packs_dir).items():
        meta = read_meta(folder)
        raw_name = meta.get("name", "")
        text = resolve_text(raw_name, code) if isinstance(raw_name, str) else ""
        if isinstance(raw_name, dict):
            text = str(raw_name.get(code) or raw_name.get("en") or raw_name.get("zh") or "")
        systems = meta.get("systems") or []
        extends = meta.get("extends")
        found.append(
            PackInfo(
                name,
                text,
                str(meta.get("version", "")),
                str(extends) if extends else None,
                [str(s) for s in (systems if isinstance(systems, list) else [systems])],
                folder,
            )
        )
    return found


def show_pack(pack: str | Path, *, packs_dir: Path | None = None) -> PackShown:
    """``implkit packs show``: load ``pack`` (an id or a folder) with its parents, every
    item with the file:line it came from. Raises InputError listing every problem of a
    pack that does not load."""
    start_call()
    from generator.errors import InputError
    from generator.packs.loader import inspect_pack

    inspection = inspect_pack(str(pack), packs_dir)
    if inspection.problems or inspection.pack is None:
        raise InputError(inspection.problems)
    return PackShown(inspection.pack, inspection)


def new_pack(
    name: str, *, extends: str = "base", out: Path | None = None, packs_dir: Path | None = None
) -> Path:
    """``implkit packs new``: write the starter pack folder ``out/name`` (``out``: default
    the working folder) extending ``extends``, commented and valid as written; returns the
    folder. InputError for a name that is not an id or a folder that is not empty."""
    start_call()
    from generator.packs.starter import new_pack as start

    return start(name, extends=extends, out=out, packs_dir=packs_dir)


def pack_schema() -> str:
    """``implkit packs schema``: the JSON Schema of a pack file, as text (for editors)."""
    start_call()
    from generator.packs.schema import schema_text

    return schema_text()


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
    start_call()
    from generator.pack_checks import validate_paths

    folders = [p.parent if p.is_file() else p for p in paths]
    return validate_paths(folders, lang=lang, strict=strict, packs_dir=packs_dir)


def upgrade_pack(
    path: Path, *, dry_run: bool = False, packs_dir: Path | None = None
) -> UpgradeResult:
    """``implkit packs upgrade``: rewrite the pack at ``path`` (a folder, or a file in it)
    to the current pack format, keeping comments and layout; ``dry_run`` writes nothing.
    Raises InputError (nothing written) when the pack does not load, or would not after."""
    start_call()
    from generator.packs.upgrade import upgrade_pack as upgrade

    folder = path.parent if path.is_file() else path
    return upgrade(folder, dry_run=dry_run, packs_dir=packs_dir)


def outdated_kits(folders: Sequence[Path], *, packs_dir: Path | None = None) -> OutdatedResult:
    """``implkit outdated``: the kits under ``folders`` (the working folder when empty)
    with the version of the pack each was built from and the version found now
    (:mod:`generator.carry.outdated`). Raises InputError for a folder that does not exist."""
    start_call()
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
    start_call()
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
    start_call()
    from generator import __version__
    from generator.site.data import site_data
    from generator.site.render import write_site

    data = site_data(
        list(packs), packs_dir=packs_dir, diff_dir=diff_dir, generator_version=__version__
    )
    return SiteResult(write_site(data, out), list(data["order"]))


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
    start_call()
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


def lessons_board(
    folders: Sequence[Path] = (),
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    lang: str | None = None,
    out: Path | None = None,
    packs_dir: Path | None = None,
) -> BoardResult:
    """``implkit lessons board``: the lessons contributed per person and per pack, read from
    the provenance the harvest wrote into the packs under ``folders`` (pack folders or
    folders of packs; empty: every available pack), dated ``start``..``end`` (``YYYY-MM-DD``,
    inclusive, None: open). Decisions: :mod:`generator.lessons.board`.

    ``out``: also write the board workbook and the board page, side by side, as the
    portfolio does: ``FILE.xlsx`` writes ``FILE.html`` beside it, ``FILE.html`` writes
    ``FILE.xlsx`` beside it (both or neither, each replaced in one step; the folder is
    created). Raises InputError, writing nothing, for a kit folder (the message names the
    harvest to run), a folder without packs, a pack that does not load, a bad date,
    ``start`` after ``end``, an ``out`` that is neither ``.xlsx`` nor ``.html``, or either
    file being a link or a folder.
    """
    start_call()
    from generator.lessons.board import lessons_board as board_of
    from generator.lessons.board import parse_day

    chosen = use_language(lang)
    files = _board_paths(out) if out is not None else None
    board = board_of(
        folders,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        lang=chosen,
        packs_dir=packs_dir,
    )
    data = board.as_dict()
    if files is None:
        return BoardResult(data, chosen)
    from generator.render.lessons_board_html import write_board_html
    from generator.render.lessons_board_xlsx import write_board_xlsx
    from generator.workspace.output import write_files

    book, page = files

    def workbook(path: Path) -> None:
        write_board_xlsx(data, path, chosen)

    def web_page(path: Path) -> None:
        write_board_html(data, path, chosen)

    book.parent.mkdir(parents=True, exist_ok=True)
    write_files([(book, workbook), (page, web_page)])
    return BoardResult(data, chosen, book, page)


def _board_paths(out: Path) -> tuple[Path, Path]:
    """(workbook, page) for ``lessons board -o``, paired as ``implkit portfolio -o`` pairs
    them (:func:`generator.workspace.output.paired`).

    Raises InputError for another suffix, or when either path is a link or a folder.
    """
    from generator.errors import InputError, Problem
    from generator.i18n import _
    from generator.workspace.output import paired, plain_targets

    paths = paired(out)
    if paths is None:
        raise InputError(
            Problem(
                str(out.absolute()),
                0,
                0,
                _(
                    "the board is written as a workbook and a page; give -o FILE.xlsx "
                    "(FILE.html goes beside it) or -o FILE.html"
                ),
            )
        )
    plain_targets(paths, "board.xlsx")
    return paths

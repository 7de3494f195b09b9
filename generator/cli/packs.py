"""``implkit packs ...``: list, show, validate, schema, new.

Exit codes: 0 done; 2 a pack has problems or the request is wrong (each
problem printed as ``file:line:col: message``). Tables use rich on a terminal
and plain tab-separated text otherwise. The pack modules are imported inside
the commands so ``implkit --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.i18n import _, ngettext, use_language

F = TypeVar("F", bound=Callable[..., Any])


def _packs_dir_option(func: F) -> F:
    return click.option(
        "--packs-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="IMPLKIT_PACKS_DIR",
        default=None,
        help="A folder of your own pack folders (also $IMPLKIT_PACKS_DIR).",
    )(func)


def _lang_option(func: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["en", "zh"]), default=None, help="Language of the texts."
    )(func)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
    """A rich table on a terminal, tab-separated lines otherwise."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title or None, title_justify="left")
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))  # pack texts are not markup
        Console().print(table)
        return
    if title:
        click.echo(title)
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(row))


@click.group("packs")
def packs() -> None:
    """Industry know-how packs: list, show, validate, start a new one."""


@packs.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@_lang_option
@_packs_dir_option
def list_command(as_json: bool, lang: str | None, packs_dir: Path | None) -> None:
    """The packs you can use (built-in and from --packs-dir)."""
    from generator import api

    rows = [found.as_dict() for found in api.list_packs(lang=lang, packs_dir=packs_dir)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _table(
        [_("id"), _("name"), _("version"), _("extends"), _("systems")],
        [
            [r["id"], r["name"], r["version"], r["extends"] or "", ", ".join(r["systems"])]
            for r in rows
        ],
    )


@packs.command("show", short_help="What a pack holds, and where each item came from.")
@click.argument("pack")
@_lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the resolved pack as JSON.")
@_packs_dir_option
def show_command(pack: str, lang: str | None, as_json: bool, packs_dir: Path | None) -> None:
    """What a pack holds after inheritance, and where each item came from."""
    from generator import api
    from generator.packs.model import KIT_SECTIONS, resolve_text

    shown = api.show_pack(pack, packs_dir=packs_dir)
    resolved = shown.pack
    if as_json:
        click.echo(json.dumps(shown.as_dict(), ensure_ascii=False, indent=2))
        return
    code = use_language(lang)
    meta = resolved.meta
    click.echo(f"{resolve_text(meta.name, code)} ({meta.id} {meta.version})")
    if meta.description:
        click.echo(resolve_text(meta.description, code))
    click.echo(_("chain: {chain}").format(chain=" → ".join(resolved.chain)))
    click.echo(
        _("systems: {systems}   languages: {languages}").format(
            systems=", ".join(meta.systems) or "-", languages=", ".join(meta.languages)
        )
    )
    numbers = shown.counts()
    missing = numbers.pop("missing_translations")
    click.echo(
        _("counts: {counts}").format(
            counts=", ".join(f"{_count_label(key)} {value}" for key, value in numbers.items())
        )
    )
    click.echo(
        _("missing translations: en {en}, zh {zh}").format(en=missing["en"], zh=missing["zh"])
    )
    for section in KIT_SECTIONS:
        items = getattr(resolved, section)
        if not items:
            continue
        rows = []
        for located in items:
            item = located.item
            text = getattr(item, "name", None) or getattr(item, "title", None)
            source = located.source
            rows.append(
                [item.id, resolve_text(text, code), f"{source.pack}/{source.file}:{source.line}"]
            )
        click.echo("")
        _table(
            [_("id"), _("name"), _("from")],
            rows,
            title=f"{_count_label(section)} ({len(items)})",
        )


@packs.command("validate", short_help="Check pack folders (exit 2 on problems).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_lang_option
@click.option("--strict", is_flag=True, help="Missing translations are errors, not warnings.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (for CI).")
@_packs_dir_option
@click.pass_context
def validate_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    lang: str | None,
    strict: bool,
    as_json: bool,
    packs_dir: Path | None,
) -> None:
    """Check pack folders: every problem with file:line:col (exit 2 when any).

    Without --lang, translations are checked for every language the pack
    declares. A pack that extends a built-in pack is resolved against it.
    """
    from generator import api

    # --lang here names the translations to check, not the language of the messages
    folders = [p.parent if p.is_file() else p for p in paths]
    report = api.validate_packs(paths, lang=lang, strict=strict, packs_dir=packs_dir)
    if as_json:
        data = {
            "ok": report.ok,
            "packs": [p.meta.id for p in report.packs],
            "errors": [vars(p) for p in report.errors],
            "warnings": [vars(p) for p in report.warnings],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        if not report.ok:
            ctx.exit(2)
        return
    for problem in report.errors:
        click.echo(str(problem), err=True)
    for problem in report.warnings:
        click.echo(_("warning: {problem}").format(problem=problem), err=True)
    if report.errors:
        errors = ngettext("{n} problem", "{n} problems", len(report.errors)).format(
            n=len(report.errors)
        )
        where = ngettext("{n} pack folder", "{n} pack folders", len(folders)).format(n=len(folders))
        click.echo(
            _("{problems} found in {folders}.").format(problems=errors, folders=where), err=True
        )
        ctx.exit(2)
    # each kind of warning by its name (hours below a target are no missing translation)
    untranslated = report.translation_warnings
    other = len(report.warnings) - untranslated
    kinds = []
    if untranslated:
        kinds.append(
            ngettext("{n} missing translation", "{n} missing translations", untranslated).format(
                n=untranslated
            )
        )
    if other:
        kinds.append(
            ngettext("{n} content check failed", "{n} content checks failed", other).format(n=other)
        )
    note = _(" (warnings: {kinds})").format(kinds=_(", ").join(kinds)) if kinds else ""
    names = ", ".join(p.meta.id for p in report.packs)
    click.echo(_("ok: {names}").format(names=names) + note)


@packs.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a pack file (for editors)."""
    from generator import api

    click.echo(api.pack_schema(), nl=False)


@packs.command("new", short_help="Start a new pack from a parent pack.")
@click.argument("name")
@click.option("--extends", "extends", default="base", show_default=True, help="The parent pack.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to create the pack folder NAME (default: the current folder).",
)
@_packs_dir_option
def new_command(name: str, extends: str, out: Path | None, packs_dir: Path | None) -> None:
    """Start a new pack from a parent: a commented folder OUT/NAME that validates as written.

    Use OUT later as --packs-dir to refer to the pack by name.
    """
    from generator import api

    folder = api.new_pack(name, extends=extends, out=out, packs_dir=packs_dir)
    click.echo(_("created {folder}").format(folder=folder))
    click.echo(
        _("next: edit the files, then run  implkit packs validate {folder} --strict").format(
            folder=folder
        )
    )


@packs.command("upgrade", short_help="Rewrite a pack to the current format.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@_packs_dir_option
def upgrade_command(path: Path, dry_run: bool, as_json: bool, packs_dir: Path | None) -> None:
    """Rewrite the pack at PATH to the current format, keeping comments and layout.

    Prints every change with file:line; texts it could not translate are marked
    "translate it". Nothing is written when the rewritten pack would not load.
    """
    from generator import api

    result = api.upgrade_pack(path, dry_run=dry_run, packs_dir=packs_dir)
    if as_json:
        data = {
            "pack": result.pack,
            "folder": str(result.folder),
            "old_format": result.old_format,
            "new_format": result.new_format,
            "written": result.written,
            "files": [str(f) for f in result.files],
            "changes": [vars(c) for c in result.changes],
            "remaining": [vars(p) for p in result.remaining],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not result.changes:
        click.echo(
            _("{pack} is in format {fmt} already: nothing to change").format(
                pack=result.pack, fmt=result.old_format
            )
        )
        return
    for change in result.changes:
        click.echo(str(change))
    changes = ngettext("{n} change", "{n} changes", len(result.changes)).format(
        n=len(result.changes)
    )
    files = ngettext("{n} file", "{n} files", len(result.files)).format(n=len(result.files))
    head = (
        _("would upgrade {pack} from format {old} to {new}: {changes} in {files} (dry run)")
        if dry_run
        else _("upgraded {pack} from format {old} to {new}: {changes} in {files}")
    )
    click.echo(
        head.format(
            pack=result.pack,
            old=result.old_format,
            new=result.new_format,
            changes=changes,
            files=files,
        )
    )
    if result.to_translate:
        click.echo(
            ngettext(
                "{n} text was copied into the other language: translate it",
                "{n} texts were copied into the other language: translate them",
                result.to_translate,
            ).format(n=result.to_translate)
        )
    if result.remaining:
        for problem in result.remaining:
            click.echo(str(problem), err=True)
        click.echo(
            ngettext(
                "{n} problem is left for --strict; fix it by hand",
                "{n} problems are left for --strict; fix them by hand",
                len(result.remaining),
            ).format(n=len(result.remaining)),
            err=True,
        )


def _count_label(key: str) -> str:
    """A counts key or section name (``migration_objects``) as words in the current language."""
    labels = {
        "tasks": _("tasks"),
        "milestones": _("milestones"),
        "gates": _("gates"),
        "phases": _("phases"),
        "ceremonies": _("ceremonies"),
        "risks": _("risks"),
        "stakeholders": _("stakeholders"),
        "migration": _("migration objects"),
        "migration_objects": _("migration objects"),
        "migration_fields": _("migration fields"),
        "cutover": _("cutover steps"),
        "cutover_steps": _("cutover steps"),
        "courses": _("courses"),
        "audiences": _("audiences"),
        "roles": _("roles"),
        "support": _("support resources"),
        "lessons": _("lessons"),
        "skills": _("skills"),
    }
    return labels.get(key, key.replace("_", " "))


def register(cli: click.Group) -> None:
    """Attach ``packs`` to the main command."""
    cli.add_command(packs)

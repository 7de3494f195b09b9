"""Pack phase templates, rendered in a sandbox.

A pack's ``templates/`` folder holds files for the project folder; parents come
first in the ``extends`` chain and a child's file replaces its parent's file of
the same path. File names and contents are Jinja templates rendered in
:class:`jinja2.sandbox.SandboxedEnvironment` with one variable, ``cookiecutter``,
holding the project's answers (the same name cookiecutter templates use).

Safety rules (packs are data, not code):

* a rendered path must stay inside the project folder: no absolute paths,
  no ``..``, no drive letters or backslashes, nothing left that looks like a
  template (``{{``), which cookiecutter would render again;
* symbolic links in a template folder are refused;
* a template is one self-contained file: ``include``, ``import``, ``from`` and
  ``extends`` are refused (they would read other files, ``/etc/passwd`` say);
* the sandbox has limits (:class:`LimitedSandbox`): ``**`` and ``*`` on big
  numbers or texts, ``range`` beyond 10,000 items in one render, ``%`` widths,
  ``lipsum`` and an output above 2 MiB are refused;
* text templates are UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is
  honoured); a text file in another encoding (GB18030, UTF-16 without a mark)
  is refused with "save as UTF-8" rather than copied with its placeholders
  unrendered. Files that are not text (images, Office files) are copied;
* unknown variables, syntax errors and sandbox violations are input errors
  naming the template file and line.

:func:`check_templates` runs all of these with sample answers in both
languages; ``implkit packs validate`` calls it, so a pack that validates
renders at ``new``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.i18n import _

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.resolved import ResolvedPack

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
_FORBIDDEN_NAME_CHARS = set('\\:*?"<>|{}\0')


@dataclass(frozen=True)
class TemplateFile:
    """One file of a pack's templates folder, before rendering."""

    pack: str
    source: Path  # on disk
    relative: str  # POSIX path below templates/, unrendered


@dataclass(frozen=True)
class RenderedFile:
    path: str  # POSIX path relative to the project folder
    data: bytes
    source: TemplateFile


def template_context(kit: Kit) -> dict[str, Any]:
    """The ``cookiecutter`` variables pack templates can use."""
    from generator.evaluation.planned import planned_values

    p = kit.project
    freeze = kit.freeze
    return {
        "client": p.client,
        "project_name": p.name,
        "project_slug": p.slug,
        "slug": p.slug,
        "pack": kit.pack.id,
        "pack_name": kit.pack.name,
        "pack_version": kit.pack.version,
        "lang": kit.lang,
        "systems": ", ".join(p.systems),
        "systems_list": list(p.systems),
        "strategy": p.strategy,
        "sites": p.sites,
        "users": p.users,
        "country": p.country,
        "currency": p.currency,
        "author": p.author,
        "start": p.start.isoformat(),
        "finish": p.finish.isoformat(),
        "go_live": p.go_live.isoformat() if p.go_live else "",
        "freeze_days": p.freeze_days,
        "freeze_start": freeze.start.isoformat() if freeze else "",
        "freeze_end": freeze.end.isoformat() if freeze else "",
        "class_size": p.class_size,
        "planned": planned_values(kit),  # the evaluation template's planned column
    }


def collect_templates(pack_dirs: list[tuple[str, Path]]) -> list[TemplateFile]:
    """Every template file of the chain (root pack first); a child replaces its parent's file."""
    chosen: dict[str, TemplateFile] = {}
    problems: list[Problem] = []
    for pack_id, folder in pack_dirs:
        root = folder / "templates"
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink():
                problems.append(
                    Problem(
                        str(path),
                        0,
                        0,
                        "symbolic links are not allowed in pack templates; copy the file instead",
                    )
                )
                continue
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(root).as_posix()
            chosen[relative] = TemplateFile(pack_id, path, relative)
    if problems:
        raise InputError(problems)
    return [chosen[key] for key in sorted(chosen)]


def hook_files(pack_dirs: list[tuple[str, Path]]) -> dict[str, Path]:
    """Cookiecutter hook scripts of the chain, by file name (a child replaces its parent's)."""
    hooks: dict[str, Path] = {}
    for _pack, folder in pack_dirs:
        root = folder / "hooks"
        if root.is_dir():
            for path in sorted(root.iterdir()):
                if path.is_file() and not path.is_symlink() and path.stem.endswith("_gen_project"):
                    hooks[path.name] = path
    return hooks


def safe_relative_path(rendered: str, template: TemplateFile) -> str:
    """Check a rendered path stays inside the project folder; return it normalised."""
    where = str(template.source)
    pure = PurePosixPath(rendered)
    bad = (
        not rendered.strip()
        or rendered.startswith(("/", "~"))
        or pure.is_absolute()
        or any(part in ("..", "") for part in rendered.split("/"))
        or any(ch in _FORBIDDEN_NAME_CHARS for ch in rendered)
        or (len(pure.parts) > 0 and pure.parts[0].endswith(":"))
        or rendered.startswith(".implkit")
    )
    if bad:
        raise InputError.at(
            where,
            0,
            0,
            f"the file name renders to {rendered!r}, which would leave the project folder or is "
            "not a valid name; template file names may only use answers such as "
            "{{ cookiecutter.project_slug }} and must not contain '..', '/', '\\' or ':' from answers",
        )
    return pure.as_posix()


def render_templates(kit: Kit, templates: list[TemplateFile]) -> list[RenderedFile]:
    """Render names and contents in a sandbox; files that are not text are copied as they are.

    Files whose pack entry's ``when`` does not hold for the project
    (``Kit.skipped_templates``, from the packs' ``templates:`` section) are left out.
    """
    skipped = set(kit.skipped_templates)
    return _render_all(template_context(kit), [t for t in templates if t.relative not in skipped])


def _same_file(template: TemplateFile, relative: str, seen: dict[str, TemplateFile]) -> Problem:
    """The problem of ``template`` rendering to ``relative``, where ``seen[relative]`` did."""
    return Problem(
        str(template.source),
        0,
        0,
        f"renders to {relative!r}, the same file as {seen[relative].source}",
    )


def _render_all(context: dict[str, Any], templates: list[TemplateFile]) -> list[RenderedFile]:
    rendered: list[RenderedFile] = []
    problems: list[Problem] = []
    seen: dict[str, TemplateFile] = {}
    for template in templates:
        try:
            relative, data = render_one(template, context)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if relative in seen:
            problems.append(_same_file(template, relative, seen))
            continue
        seen[relative] = template
        rendered.append(RenderedFile(relative, data, template))
    if problems:
        raise InputError(problems)
    return rendered


def render_one(template: TemplateFile, context: dict[str, Any]) -> tuple[str, bytes]:
    """One template's rendered path and bytes; :class:`InputError` with file:line otherwise."""
    from generator.sandbox import render_text

    where = str(template.source)
    raw = _read(template)
    name = render_text(template.relative, {"cookiecutter": context}, where)
    relative = safe_relative_path(name, template)
    text = decode_template(raw, template.source)
    if text is None:
        return relative, raw  # not text (images, Office files): copied unrendered
    return relative, render_text(text, {"cookiecutter": context}, where).encode("utf-8")


def _read(template: TemplateFile) -> bytes:
    """The template's bytes: a regular file of at most :data:`MAX_TEMPLATE_BYTES`."""
    from generator.readers import read_bytes

    return read_bytes(
        template.source,
        limit=MAX_TEMPLATE_BYTES,
        fix=_("split it, or move large attachments out of the pack's templates"),
    )


TEXT_SUFFIXES = frozenset(
    [
        ".md",
        ".txt",
        ".csv",
        ".tsv",
        ".html",
        ".htm",
        ".xml",
        ".json",
        ".yaml",
        ".yml",
        ".ini",
        ".cfg",
        ".toml",
        ".rst",
        ".adoc",
        ".tex",
        ".sql",
        ".py",
        ".sh",
        ".bat",
        ".ps1",
        ".svg",
        ".css",
        ".js",
    ]
)
BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".bmp",
        ".ico",
        ".tif",
        ".tiff",
        ".webp",
        ".pdf",
        ".zip",
        ".gz",
        ".7z",
        ".xlsx",
        ".xlsm",
        ".xls",
        ".docx",
        ".doc",
        ".pptx",
        ".ppt",
        ".vsdx",
        ".mpp",
        ".odt",
        ".ods",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".mp4",
        ".mp3",
        ".wav",
    ]
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEMPLATE_MARKS = re.compile(rb"\{\x00?[{%#]|\x00\{\x00?[{%#]")


def decode_template(raw: bytes, path: Path) -> str | None:
    """The text of a template file, or ``None`` for a file that is not text.

    A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding; without one
    the file must be UTF-8. Images, PDFs and Office files (by suffix) are not
    text. A text file (by suffix, or holding ``{{``/``{%``) in another encoding raises :class:`InputError` "save as UTF-8": copying it
    would ship its placeholders unrendered.
    """
    if path.suffix.lower() in BINARY_SUFFIXES:
        return None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as err:
                raise _not_utf8(path, raw, err) from err
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if path.suffix.lower() in TEXT_SUFFIXES or _TEMPLATE_MARKS.search(raw):
            raise _not_utf8(path, raw, err) from err
        return None
    if "\x00" in text:  # valid UTF-8 but NUL bytes: UTF-16/32 without a mark, or binary
        if path.suffix.lower() in TEXT_SUFFIXES or _TEMPLATE_MARKS.search(raw):
            at = raw.index(b"\x00")
            raise _not_utf8(path, raw, UnicodeDecodeError("utf-8", raw, at, at + 1, "NUL"))
        return None
    return text


def _not_utf8(path: Path, raw: bytes, err: UnicodeDecodeError) -> InputError:
    line = raw.count(b"\n", 0, err.start) + 1
    return InputError.at(
        str(path),
        line,
        1,
        _(
            "the file is not UTF-8 (byte 0x{byte:02x}; saved as GB18030/GBK or UTF-16 without a "
            "byte-order mark?); save it as UTF-8 in your editor (Notepad: Save as > Encoding "
            "UTF-8) and run again"
        ).format(byte=raw[err.start]),
    )


# --- checking templates with the pack (packs validate) ------------------------------------


def sample_context(lang: str) -> dict[str, Any]:
    """Answers shaped like :func:`template_context`'s, to check templates without a project."""
    from generator.evaluation.planned import sample_planned

    return {
        "client": "Client 客户",
        "project_name": "Project 项目",
        "project_slug": "client-project",
        "slug": "client-project",
        "pack": "pack",
        "pack_name": "Pack",
        "pack_version": "1.0.0",
        "lang": lang,
        "systems": "ERP, MES",
        "systems_list": ["ERP", "MES"],
        "strategy": "big-bang",
        "sites": 1,
        "users": 200,
        "country": "CN",
        "currency": "CNY",
        "author": "Consultant",
        "start": "2027-01-04",
        "finish": "2027-10-06",
        "go_live": "2027-08-23",
        "freeze_days": 30,
        "freeze_start": "2027-03-01",
        "freeze_end": "2027-03-31",
        "class_size": 12,
        "planned": sample_planned(),
    }


def check_template_entries(pack: ResolvedPack) -> list[Problem]:
    """The packs' ``templates:`` entries whose ``path`` is no file of the templates folders."""
    try:
        known = {t.relative for t in collect_templates(list(zip(pack.chain, pack.dirs)))}
    except InputError:
        return []  # check_templates reports the folder's own problems
    problems = []
    for located in pack.templates:
        if located.item.path not in known:
            source = located.source
            folder = dict(zip(pack.chain, pack.dirs)).get(source.pack)
            problems.append(
                Problem(
                    str(folder / source.file) if folder else source.file,
                    source.line,
                    0,
                    _(
                        "template {id}: {path} is not a file of the templates/ folders; "
                        "write its path below templates/ with forward slashes, "
                        "e.g. 03-realize/uat-signoff.md"
                    ).format(id=f"'{located.item.id}'", path=f"'{located.item.path}'"),
                )
            )
    return problems


def check_templates(pack_dirs: list[tuple[str, Path]]) -> list[Problem]:
    """Every problem ``new`` would hit with these templates, with file:line.

    Symbolic links, encodings, syntax, ``include``/``import``/``extends``,
    ``cookiecutter.<name>`` not among the variables, sandbox limits, and
    rendered names leaving the project folder, rendered in English and
    Chinese with :func:`sample_context`.
    """
    from generator.sandbox import unknown_variables

    problems: list[Problem] = []
    try:
        templates = collect_templates(pack_dirs)
    except InputError as err:
        return list(err.problems)
    known = set(sample_context("en"))
    renderable: list[TemplateFile] = []
    for template in templates:
        try:
            raw = _read(template)
            text = decode_template(raw, template.source)
        except InputError as err:
            problems.extend(err.problems)
            continue
        unknown: list[Problem] = []
        for source in (template.relative, text) if text is not None else (template.relative,):
            unknown += unknown_variables(source, str(template.source), known)
        problems += unknown  # rendering would report the same variable again, less precisely
        if not unknown:
            renderable.append(template)
    for lang in ("en", "zh"):
        seen: dict[str, TemplateFile] = {}
        context = sample_context(lang)
        for template in renderable:
            try:
                relative, _data = render_one(template, context)
            except InputError as err:
                problems.extend(err.problems)
                continue
            if relative in seen:
                problems.append(_same_file(template, relative, seen))
            seen[relative] = template
    return sorted(set(problems))

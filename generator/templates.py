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
* unknown variables, syntax errors and sandbox violations are input errors
  naming the template file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import InputError, Problem
from generator.kit_model import Kit

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
    for _, folder in pack_dirs:
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
    """Render names and contents in a sandbox; binary files are copied as they are."""
    from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    env = SandboxedEnvironment(
        undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    context: Mapping[str, Any] = {"cookiecutter": template_context(kit)}
    rendered: list[RenderedFile] = []
    problems: list[Problem] = []
    seen: dict[str, TemplateFile] = {}
    for template in templates:
        where = str(template.source)
        try:
            if template.source.stat().st_size > MAX_TEMPLATE_BYTES:
                raise InputError.at(
                    where, 0, 0, f"template is larger than {MAX_TEMPLATE_BYTES // 1024 // 1024} MiB"
                )
            name = env.from_string(template.relative).render(context)
            relative = safe_relative_path(name, template)
            raw = template.source.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                data = raw  # binary (images, Office files): copied unrendered
            else:
                data = env.from_string(text).render(context).encode("utf-8")
        except TemplateSyntaxError as err:
            problems.append(Problem(where, err.lineno or 0, 1, f"template syntax: {err.message}"))
            continue
        except SecurityError as err:
            problems.append(Problem(where, 0, 0, f"not allowed in a pack template: {err}"))
            continue
        except TemplateError as err:
            known = ", ".join(sorted(template_context(kit)))
            problems.append(
                Problem(
                    where,
                    0,
                    0,
                    f"{err}; the variables are cookiecutter.<name> with <name> one of: {known}",
                )
            )
            continue
        except InputError as err:
            problems.extend(err.problems)
            continue
        if relative in seen:
            problems.append(
                Problem(
                    where,
                    0,
                    0,
                    f"renders to {relative!r}, the same file as {seen[relative].source}",
                )
            )
            continue
        seen[relative] = template
        rendered.append(RenderedFile(relative, data, template))
    if problems:
        raise InputError(problems)
    return rendered

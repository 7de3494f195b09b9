"""Stage a whole kit in a scratch folder: the skeleton, the deliverables, the manifest.

1. The folder skeleton comes from cookiecutter, fed with the packs' templates
   already rendered in a sandbox (:mod:`generator.templates`): cookiecutter gets
   a template whose only variable is a constant and which copies every file
   without rendering, so no answer or pack text ever reaches its (unsandboxed)
   Jinja environment. Its replay and clone folders point into the staging
   area, never at the user's HOME. Pack hooks are copied in only with
   ``--trust``.
2. The deliverables are rendered from the Kit, and the manifest lists every
   generated file with its kind and sha256.

:mod:`generator.workspace.install` then moves the staged folder into the kit.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator.errors import InputError
from generator.i18n import translator
from generator.kit_model import Kit
from generator.registry import built, path_of, resolve
from generator.templates import RenderedFile, collect_templates, hook_files, render_templates
from generator.workspace.manifest import (
    MANIFEST,
    Manifest,
    ManifestEntry,
    sha256_bytes,
    sha256_file,
)

if TYPE_CHECKING:
    from generator.workspace.install import Outcome

PLAN_PATH = path_of("plan")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class StagedFile:
    """One deliverable as this run writes it: where it goes, its manifest kind and the
    writer to call with (kit, path)."""

    path: str
    kind: str
    render: Callable[[Kit, Path], Any]


def deliverables(kit: Kit, *, docx_template: Path | None = None) -> list[StagedFile]:
    """Every deliverable a build writes (:func:`generator.registry.built`), in order, with
    its writer (imported now; Word documents get ``docx_template``)."""
    staged = []
    for item in built():
        writer = resolve(item.writer)
        render = partial(writer, template=docx_template) if item.template else writer
        staged.append(StagedFile(item.path, item.kind, render))
    return staged


def run_cookiecutter(
    files: list[RenderedFile], hooks: dict[str, Path], *, trust: bool, work: Path
) -> Path:
    """Lay out the skeleton with cookiecutter's API; return the generated folder.

    The template is ours and local, so cookiecutter's generation step is called
    directly (``generate_context`` + ``generate_files``, with the pre-prompt hook when
    trusted): ``cookiecutter.main`` would first resolve the template's location, which
    imports an HTTP client stack (requests, urllib3, http, email) ``new`` never uses."""
    from cookiecutter.exceptions import CookiecutterException, FailedHookException
    from cookiecutter.generate import generate_context, generate_files

    template = work / "template"
    root = template / "{{ cookiecutter.project_dir }}"
    root.mkdir(parents=True)
    for item in files:
        target = root.joinpath(*item.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
    context_file = template / "cookiecutter.json"
    context_file.write_text(
        json.dumps({"project_dir": "kit", "_copy_without_render": ["*"]}), encoding="utf-8"
    )
    if trust and hooks:
        (template / "hooks").mkdir()
        for name, path in hooks.items():
            shutil.copyfile(path, template / "hooks" / name)
    out = work / "out"
    out.mkdir()
    repo = template
    with _hook_output(active=trust and bool(hooks)) as said:
        try:
            if trust:
                from cookiecutter.hooks import run_pre_prompt_hook

                repo = Path(run_pre_prompt_hook(str(template)))
            context = generate_context(context_file=str(repo / "cookiecutter.json"))
            options = context["cookiecutter"]
            context["_cookiecutter"] = {k: v for k, v in options.items() if not k.startswith("_")}
            options.update(
                _template=str(template), _output_dir=str(out), _repo_dir=str(repo), _checkout=None
            )
            generate_files(
                repo_dir=str(repo),
                context=context,
                overwrite_if_exists=False,
                output_dir=str(out),
                accept_hooks=trust,
            )
        except FailedHookException as err:
            names = ", ".join(sorted(hooks)) or "hook"
            last = _last_line(said())  # "ValueError: boom", not the hook's traceback
            reason = f"{err}" + (f": {last}" if last else "")
            raise InputError(
                f"{names}: the pack hook failed ({reason}); fix the hook or run without "
                "--trust; nothing was written"
            ) from None
        except CookiecutterException as err:
            raise InputError(f"the pack templates could not be laid out: {err}") from err
        finally:
            if repo != template:  # the pre-prompt hook ran on a temporary copy
                shutil.rmtree(repo, ignore_errors=True)
    return out / "kit"


@contextlib.contextmanager
def _hook_output(*, active: bool) -> Iterator[Callable[[], str]]:
    """Capture what a trusted hook prints (its process writes to our stdout and stderr):
    shown after a hook that worked, reduced to its last line when it failed, so a hook's
    traceback never reaches the user's console. ``active``: hooks run (else a no-op)."""
    import os
    import sys
    import tempfile

    if not active:
        yield lambda: ""
        return
    with tempfile.TemporaryFile() as captured:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        saved = []
        try:
            for fd in (1, 2):
                saved.append((fd, os.dup(fd)))
                os.dup2(captured.fileno(), fd)
        except OSError:  # no file descriptors to redirect (an embedding host): run as is
            for fd, copy in saved:
                os.dup2(copy, fd)
                os.close(copy)
            saved = []
        failed = False
        try:
            yield lambda: _read(captured)
        except BaseException:
            failed = True
            raise
        finally:
            for fd, copy in saved:
                os.dup2(copy, fd)
                os.close(copy)
            if saved and not failed:
                text = _read(captured)
                if text.strip():
                    sys.stderr.write(text)


def _read(handle: Any) -> str:
    handle.flush()
    handle.seek(0)
    data: bytes = handle.read()
    return data.decode("utf-8", errors="replace")


def _last_line(text: str) -> str:
    """The hook's own error line (``ValueError: ...``; cookiecutter's lines skipped), else
    the last line it printed."""
    import re

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    error = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b")
    for line in reversed(lines):
        if error.match(line) and not line.startswith("cookiecutter."):
            return line[:300]
    return lines[-1][:300] if lines else ""


def readme_text(kit: Kit) -> str:
    """The kit folder's README (Markdown, in the kit's language): what is here and how to
    rebuild, then how to import the exports."""
    from generator.render.import_guide import import_guide

    p, tr = kit.project, translator(kit.lang)
    colon = tr.colon
    about = tr.p("readme", "Client: {client}. Pack: {pack} ({id} {version}).").format(
        client=p.client, pack=kit.pack.name, id=kit.pack.id, version=kit.pack.version
    )
    dates = tr.p("readme", "Planned start {start}, go-live {go_live}, finish {finish}.").format(
        start=f"{p.start:%Y-%m-%d}", go_live=p.go_live or "-", finish=f"{p.finish:%Y-%m-%d}"
    )
    files = (
        ("project.yaml", tr.p("readme", "every answer needed to rebuild; safe to hand-edit")),
        (
            PLAN_PATH,
            tr.p(
                "readme",
                "the project plan (WBS, Gantt, gates, RACI, risks, stakeholders, change requests, meetings, budget, calendar)",
            ),
        ),
        (path_of("migration"), tr.p("readme", "the data-migration checklist")),
        (
            "training/",
            tr.p("readme", "the three-tier training curriculum and the training matrix"),
        ),
        (path_of("charter"), tr.p("readme", "the project charter")),
        ("exports/", tr.p("readme", "MS Project, Jira, Azure Boards and calendar files")),
    )
    rebuild = tr.p(
        "readme",
        "Edit `project.yaml`, then run `implkit build .`. What you type into the yellow columns of the three workbooks (plan, migration checklist, training matrix) and the rows you add are carried over by id; the workbooks are rebuilt in place and the previous version is kept in `.implkit/backups/`. A task you add on the Plan sheet is written into `project.yaml` and scheduled; a value the build cannot use is listed and kept in the row's notes. Any other generated file you edited is kept and the new version is written beside it as `<name>.new.<ext>`.",
    )
    return (
        f"# {p.name}\n\n{about}\n\n{dates}\n\n"
        f"## {tr.p('readme', 'What is here')}\n\n"
        + "".join(f"- `{path}`{colon}{text}\n" for path, text in files)
        + f"\n## {tr.p('readme', 'Rebuild')}\n\n{rebuild}\n"
        + import_guide(kit.lang)
    )


def stage_kit(
    kit: Kit,
    *,
    project_yaml: str,
    pack_dirs: list[tuple[str, Path]],
    area: Path,
    trust: bool = False,
    docx_template: Path | None = None,
    progress: Progress | None = None,
    outcome: Outcome | None = None,
) -> tuple[Path, Manifest]:
    """Write the whole kit into ``area``; return the staged folder and its manifest."""
    say = progress or (lambda _msg: None)
    say("templates")
    rendered = render_templates(kit, collect_templates(pack_dirs))
    hooks = hook_files(pack_dirs)
    if hooks and not trust and outcome is not None:
        outcome.hooks_skipped = sorted(str(path) for path in hooks.values())
    work = area / "work"
    work.mkdir()
    say("skeleton")
    root = run_cookiecutter(rendered, hooks, trust=trust, work=work)
    manifest = Manifest(
        generator_version=__version__,
        pack=kit.pack.id,
        pack_version=kit.pack.version,
        chain=list(kit.pack.chain),
        lang=kit.lang,
    )
    for item in rendered:
        path = root.joinpath(*item.path.split("/"))
        if path.is_file():  # a trusted hook may have removed it
            manifest.files.append(ManifestEntry(item.path, "scaffold", sha256_file(path)))
    readme = readme_text(kit).encode("utf-8")
    if not (root / "README.md").exists():
        (root / "README.md").write_bytes(readme)
        manifest.files.append(ManifestEntry("README.md", "scaffold", sha256_bytes(readme)))
    (root / "project.yaml").write_text(project_yaml, encoding="utf-8", newline="\n")
    for deliverable in deliverables(kit, docx_template=docx_template):
        say(deliverable.path)
        path = root.joinpath(*deliverable.path.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        result = deliverable.render(kit, path)
        paths = result if isinstance(result, list) and result else [path]
        for written in paths:
            relative = Path(written).relative_to(root).as_posix()
            manifest.files.append(
                ManifestEntry(relative, deliverable.kind, sha256_file(Path(written)))
            )
    # the matrix is written beside the curriculum by some renderers; record it once
    unique: dict[str, ManifestEntry] = {}
    for entry in manifest.files:
        unique.setdefault(entry.path, entry)
    manifest.files = list(unique.values())
    (root / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (root / MANIFEST).write_text(manifest.to_json(), encoding="utf-8", newline="\n")
    return root, manifest

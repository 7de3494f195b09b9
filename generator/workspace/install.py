"""Write a project kit folder: cookiecutter skeleton, deliverables, manifest, atomic install.

The flow for ``implkit new`` and ``implkit build``:

1. Everything is written into a staging folder beside the target (same file
   system, so the final moves are atomic renames). A bad input, an exception or
   Ctrl-C removes the staging folder and leaves the target as it was.
2. The folder skeleton comes from cookiecutter, fed with the packs' templates
   already rendered in a sandbox (:mod:`generator.templates`): cookiecutter gets
   a template whose only variable is a constant and which copies every file
   without rendering, so no answer or pack text ever reaches its (unsandboxed)
   Jinja environment. Its replay and clone folders point into the staging
   area, never at the user's HOME. Pack hooks are copied in only with
   ``--trust``.
3. The deliverables are rendered from the Kit, and the manifest lists every
   generated file with its kind and sha256.
4. Install: a new (or empty) target is replaced by the staged folder in one
   rename. An existing kit is merged file by file: files the consultant has not
   touched are replaced, edited files are kept and the new version is written
   beside them as ``<name>.new.<ext>``; the plan workbook is always replaced
   (its consultant columns were carried into the Kit) and the old one is kept
   in ``.implkit/backups/``. Files the manifest does not list are never
   deleted or overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import InputError, os_error
from generator.i18n import _
from generator.journal import Transaction, recover
from generator.kit_model import Kit
from generator.locks import check_open_files, kit_lock, remove_stale_staging, staging_prefix
from generator.manifest import (
    MANIFEST,
    Manifest,
    ManifestEntry,
    kit_path,
    sha256_bytes,
    sha256_file,
)
from generator.templates import RenderedFile, collect_templates, hook_files, render_templates

PLAN_PATH = "plan/project-plan.xlsx"
# workbooks rebuilt in place (their consultant cells were carried into the Kit); backup kept
REBUILT_KINDS = ("plan", "migration", "training-matrix")
BACKUPS = Path(".implkit") / "backups"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Deliverable:
    """One generated file: where it goes, its manifest kind and how to render it."""

    path: str
    kind: str
    render: Callable[[Kit, Path], Any]


def deliverables(kit: Kit, *, docx_template: Path | None = None) -> list[Deliverable]:
    """Every deliverable of a kit, in the order they are rendered."""
    from generator.render.docx_charter import render_charter
    from generator.render.docx_curriculum import render_curriculum
    from generator.render.ics import render_ics
    from generator.render.mspdi import render_mspdi
    from generator.render.trackers_csv import render_ado, render_jira
    from generator.render.xlsx_migration import render_migration
    from generator.render.xlsx_plan import render_plan
    from generator.render.xlsx_training import render_training_matrix

    def curriculum(k: Kit, p: Path) -> Any:
        return render_curriculum(k, p, template=docx_template)

    def charter(k: Kit, p: Path) -> Any:
        return render_charter(k, p, template=docx_template)

    return [
        Deliverable(PLAN_PATH, "plan", render_plan),
        Deliverable("migration/data-migration-checklist.xlsx", "migration", render_migration),
        Deliverable("training/training-curriculum.docx", "curriculum", curriculum),
        Deliverable("training/training-matrix.xlsx", "training-matrix", render_training_matrix),
        Deliverable("governance/project-charter.docx", "charter", charter),
        Deliverable("exports/project-plan.mspdi.xml", "mspdi", render_mspdi),
        Deliverable("exports/jira-issues.csv", "jira", render_jira),
        Deliverable("exports/azure-boards.csv", "ado", render_ado),
        Deliverable("exports/project-calendar.ics", "ics", render_ics),
    ]


@dataclass
class Outcome:
    """What a run wrote, for the summary and ``--json``."""

    target: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[tuple[str, str]] = field(default_factory=list)  # (edited file, .new file)
    removed: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    hooks_skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # recovered runs, --force warnings
    files: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "files": self.files,
            "written": self.written,
            "unchanged": self.unchanged,
            "kept_edited": [{"file": a, "new": b} for a, b in self.kept_edited],
            "removed": self.removed,
            "backups": self.backups,
            "hooks_skipped": self.hooks_skipped,
            "notes": self.notes,
        }


# --- staging ---------------------------------------------------------------------------


@contextmanager
def staging_area(target: Path, *, dry_run: bool = False) -> Iterator[Path]:
    """A scratch folder beside ``target`` (or in the temp folder for a dry run), always removed.

    Outside a dry run the kit lock (:func:`generator.locks.kit_lock`) is held
    for the body, an interrupted earlier install is finished or rolled back
    first (:func:`prepare_kit`) and staging folders of killed runs are removed.
    """
    if dry_run:
        area = Path(tempfile.mkdtemp(prefix="implkit-dry-run-"))
        try:
            yield area
        finally:
            shutil.rmtree(area, ignore_errors=True)
        return
    if not target.parent.is_dir():
        raise InputError.at(
            target.parent, 0, 0, _("the parent folder does not exist; create it first")
        )
    with kit_lock(target):
        _recover_locked(target)
        area = target.parent / f"{staging_prefix(target)}{uuid.uuid4().hex[:8]}"
        try:
            area.mkdir(parents=False)
        except OSError as err:
            raise os_error(err, target.parent) from err
        try:
            yield area
        finally:
            shutil.rmtree(area, ignore_errors=True)


def _recover_locked(target: Path) -> None:
    """Recovery work with the kit lock held; each action is told on stderr."""
    import click

    for path in remove_stale_staging(target):
        click.echo(
            _("removed {path}, the staging folder of an interrupted run").format(path=path),
            err=True,
        )
    if target.is_dir():
        said = recover(target)
        if said:
            click.echo(f"{target}: {said}", err=True)


def prepare_kit(target: Path) -> None:
    """Before reading a kit: finish or roll back an interrupted install (under the kit lock)."""
    if target.is_dir():
        with kit_lock(target):
            _recover_locked(target)


def run_cookiecutter(
    files: list[RenderedFile], hooks: dict[str, Path], *, trust: bool, work: Path
) -> Path:
    """Lay out the skeleton with cookiecutter's API; return the generated folder."""
    from cookiecutter.exceptions import CookiecutterException, FailedHookException
    from cookiecutter.main import cookiecutter

    template = work / "template"
    root = template / "{{ cookiecutter.project_dir }}"
    root.mkdir(parents=True)
    for item in files:
        target = root.joinpath(*item.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
    context = {"project_dir": "kit", "_copy_without_render": ["*"]}
    (template / "cookiecutter.json").write_text(json.dumps(context), encoding="utf-8")
    if trust and hooks:
        (template / "hooks").mkdir()
        for name, path in hooks.items():
            shutil.copyfile(path, template / "hooks" / name)
    config = work / "cookiecutter-config.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(work / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(work / 'replay'))}\n",
        encoding="utf-8",
    )
    out = work / "out"
    out.mkdir()
    try:
        cookiecutter(
            str(template),
            no_input=True,
            output_dir=str(out),
            config_file=str(config),
            accept_hooks=trust,
            overwrite_if_exists=False,
        )
    except FailedHookException as err:
        raise InputError(f"a pack hook failed: {err}; nothing was written") from err
    except CookiecutterException as err:
        raise InputError(f"the pack templates could not be laid out: {err}") from err
    return out / "kit"


def readme_text(kit: Kit) -> str:
    """The kit folder's README: what is here and how to rebuild."""
    from generator.render.import_guide import import_guide

    p = kit.project
    if kit.lang == "zh":
        return (
            f"# {p.name}\n\n"
            f"客户：{p.client}　行业包：{kit.pack.name}（{kit.pack.id} {kit.pack.version}）\n\n"
            f"计划开始 {p.start:%Y-%m-%d}，上线 {p.go_live or '-'}，结束 {p.finish:%Y-%m-%d}。\n\n"
            "## 目录说明\n\n"
            f"- `project.yaml`：重建项目所需的全部答案，可手工修改\n"
            f"- `{PLAN_PATH}`：项目计划（WBS、甘特图、关口、RACI、风险、干系人、变更、会议、预算、日历）\n"
            "- `migration/data-migration-checklist.xlsx`：数据迁移清单\n"
            "- `training/`：三级培训课程大纲与培训矩阵\n"
            "- `governance/project-charter.docx`：项目章程\n"
            "- `exports/`：MS Project、Jira、Azure Boards 与日历导出文件\n\n"
            "## 重建\n\n"
            "修改 `project.yaml` 后运行 `implkit build .`。三个工作簿（计划、数据迁移清单、培训矩阵）中黄色列填写的内容"
            "和您新增的行会按编号保留，工作簿原地重建，旧版本备份在 `.implkit/backups/`；"
            "在计划表中新增的任务会写入 `project.yaml` 并参与排期；无法使用的值会在生成时列出并保留在该行备注中。"
            "您修改过的其他生成文件不会被覆盖，新版本另存为 `<文件名>.new.<扩展名>`。\n"
        ) + import_guide(kit.lang)  # issue 17: how to import each export
    return (
        f"# {p.name}\n\n"
        f"Client: {p.client}. Pack: {kit.pack.name} ({kit.pack.id} {kit.pack.version}).\n\n"
        f"Planned start {p.start:%Y-%m-%d}, go-live {p.go_live or '-'}, finish {p.finish:%Y-%m-%d}.\n\n"
        "## What is here\n\n"
        "- `project.yaml`: every answer needed to rebuild; safe to hand-edit\n"
        f"- `{PLAN_PATH}`: the project plan (WBS, Gantt, gates, RACI, risks, stakeholders, "
        "change requests, meetings, budget, calendar)\n"
        "- `migration/data-migration-checklist.xlsx`: the data-migration checklist\n"
        "- `training/`: the three-tier training curriculum and the training matrix\n"
        "- `governance/project-charter.docx`: the project charter\n"
        "- `exports/`: MS Project, Jira, Azure Boards and calendar files\n\n"
        "## Rebuild\n\n"
        "Edit `project.yaml`, then run `implkit build .`. What you type into the yellow columns "
        "of the three workbooks (plan, migration checklist, training matrix) and the rows you "
        "add are carried over by id; the workbooks are rebuilt in place and the previous "
        "version is kept in `.implkit/backups/`. A task you add on the Plan sheet is written "
        "into `project.yaml` and scheduled; a value the build cannot use is listed and kept in "
        "the row's notes. Any other generated file you edited is kept and the new version is "
        "written beside it as `<name>.new.<ext>`.\n"
    ) + import_guide(kit.lang)


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


# --- install -----------------------------------------------------------------------------


def is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a target that would lose the user's files (exit 2, nothing changed)."""
    from generator.i18n import _

    if target.exists() and not target.is_dir():
        raise InputError.at(target, 0, 0, _("exists and is not a folder; choose another --out"))
    if target.is_dir() and not is_empty_dir(target) and not force:
        message = _(
            "the folder is not empty; choose another --out, run `implkit build` on an existing "
            "kit, or pass --force (files implkit did not generate are never deleted)"
        )
        raise InputError.at(target, 0, 0, message)
    if not target.parent.is_dir():
        message = _("the parent folder does not exist; create it first")
        raise InputError.at(target.parent, 0, 0, message)


def _new_name(relative: str) -> str:
    path = Path(relative)
    return (path.parent / f"{path.stem}.new{path.suffix}").as_posix()


def _backup_name(relative: str, stamp: str) -> str:
    path = Path(relative)
    return (BACKUPS / f"{path.stem}-{stamp}{path.suffix}").as_posix()


def install(
    staged: Path,
    manifest: Manifest,
    target: Path,
    *,
    old: Manifest | None,
    outcome: Outcome,
    replace_project_yaml: bool = False,
    backup_stamp: str | None = None,
    force: bool = False,
    state: tuple[str, ...] = (),
) -> None:
    """Move the staged kit into ``target`` (see the module docstring for the rules).

    Into an existing kit, every move is one :class:`~generator.journal.Transaction`:
    all destinations are checked first, then all files are moved or, on any
    failure, none (exit 2 for file-system problems, naming the path).

    ``state``: POSIX paths of the kit's memory between builds (``.implkit/last-build.json``,
    ``.implkit/calendar-history.json``) staged under ``staged``; each one that differs
    from the kit's moves in the same transaction, so they never fall out of step with
    the workbooks.
    """
    outcome.files = len(manifest.files)
    if not target.exists() or is_empty_dir(target):
        try:
            if target.exists():
                target.rmdir()
            os.replace(staged, target)
        except OSError as err:
            raise os_error(err, target) from err
        outcome.written = [entry.path for entry in manifest.files]
        return

    for note in check_open_files(manifest, target, force=force):
        import click

        click.echo(note, err=True)
        outcome.notes.append(note)
    stamp = backup_stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    extra = staged / ".implkit" / "install"
    txn = Transaction(target)
    final: list[ManifestEntry] = []
    new_paths = {entry.path for entry in manifest.files}
    for entry in manifest.files:  # every destination is checked before anything moves
        kit_path(target, entry.path)
    for entry in manifest.files:
        source = staged.joinpath(*entry.path.split("/"))
        dest = target.joinpath(*entry.path.split("/"))
        if not dest.exists():
            txn.add(entry.path, source, entry.sha256)
            outcome.written.append(entry.path)
            final.append(entry)
            continue
        if dest.is_dir():
            raise InputError.at(dest, 0, 0, _("is a folder where implkit writes a file; move it"))
        current = sha256_file(dest)
        if current == entry.sha256:
            outcome.unchanged.append(entry.path)
            final.append(entry)
            continue
        recorded = old.entry(entry.path) if old else None
        if entry.kind in REBUILT_KINDS and recorded is not None:  # carried by build (issue 11b)
            backup = _backup_name(entry.path, stamp)
            copy = extra.joinpath(*backup.split("/"))
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(dest, copy)
            txn.add(backup, copy, current)
            outcome.backups.append(backup)
            txn.add(entry.path, source, entry.sha256)
            outcome.written.append(entry.path)
            final.append(entry)
        elif recorded is not None and recorded.sha256 == current:
            txn.add(entry.path, source, entry.sha256)  # untouched since we generated it
            outcome.written.append(entry.path)
            final.append(entry)
        else:
            # edited by the consultant (or not ours): keep it, offer the new version beside it
            if recorded is not None and recorded.sha256 == entry.sha256:
                final.append(recorded)  # nothing new to offer
                outcome.unchanged.append(entry.path)
                continue
            offer = _new_name(entry.path)
            txn.add(offer, source, entry.sha256)
            outcome.kept_edited.append((entry.path, offer))
            final.append(recorded or ManifestEntry(entry.path, entry.kind, current))
    if old:
        for stale in old.files:
            if stale.path in new_paths:
                continue
            path = kit_path(target, stale.path, source=target / MANIFEST)
            if path.is_file() and sha256_file(path) == stale.sha256:
                txn.add(stale.path, None)  # generated by us and unchanged since: ours to remove
                outcome.removed.append(stale.path)
    # project.yaml is the user's input: `build` reads it and never rewrites it; `new --force`
    # replaces it with the new answers and keeps the old one in the backups folder
    staged_yaml = staged / "project.yaml"
    current_yaml = target / "project.yaml"
    if staged_yaml.exists() and (replace_project_yaml or not current_yaml.exists()):
        kit_path(target, "project.yaml")
        if current_yaml.exists() and current_yaml.read_bytes() != staged_yaml.read_bytes():
            backup = (BACKUPS / f"project-{stamp}.yaml").as_posix()
            copy = extra.joinpath(*backup.split("/"))
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(current_yaml, copy)
            txn.add(backup, copy, sha256_file(copy))
            outcome.backups.append(backup)
        txn.add("project.yaml", staged_yaml, sha256_file(staged_yaml))
    for relative in state:
        source = staged.joinpath(*relative.split("/"))
        dest = kit_path(target, relative)
        if source.is_file() and not (dest.is_file() and dest.read_bytes() == source.read_bytes()):
            txn.add(relative, source, sha256_file(source))
    manifest.files = final
    written_manifest = extra / "manifest.json"
    written_manifest.parent.mkdir(parents=True, exist_ok=True)
    written_manifest.write_text(manifest.to_json(), encoding="utf-8", newline="\n")
    txn.add(MANIFEST.as_posix(), written_manifest, sha256_file(written_manifest))
    try:
        txn.preflight()
        txn.run()
    except OSError as err:
        raise os_error(err) from err


def dry_run_listing(manifest: Manifest, target: Path) -> list[str]:
    """The files a run would write, one line each."""
    lines = [f"{target / 'project.yaml'}  (project answers)"]
    lines += [
        f"{target / entry.path}  ({entry.kind})"
        for entry in sorted(manifest.files, key=lambda e: e.path)
    ]
    return lines

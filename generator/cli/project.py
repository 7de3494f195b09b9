"""``implkit new`` and ``implkit build``: the consultant's main job."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.answers import answer_options, start_note
from generator.errors import InputError
from generator.i18n import _, ngettext, use_language

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.inherit import Layer
    from generator.packs.resolved import ResolvedPack
    from generator.project import ProjectSpec
    from generator.scaffold import Outcome

STEPS = 12  # templates, skeleton, 9 deliverables, install


@contextmanager
def progress_reporter(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A progress callback: a rich progress bar on a terminal, silent otherwise."""
    if not enabled:
        yield lambda _message: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=None,
    ) as bar:
        task = bar.add_task("implkit", total=STEPS)

        def step(message: str) -> None:
            bar.update(task, advance=1, description=message)

        yield step


def _docx_template(path: Path | None) -> Path | None:
    if path is None:
        return None
    if not path.is_file():
        raise InputError.at(path, 0, 0, _("the --docx-template file does not exist"))
    if path.suffix.lower() != ".docx":
        raise InputError.at(path, 0, 0, _("--docx-template must be a Word .docx file"))
    return path.resolve()


def _summary(kit: Kit, outcome: Outcome, seconds: float, *, rebuilt: bool) -> dict[str, Any]:
    data = outcome.as_dict()
    data.update(
        {
            "pack": kit.pack.id,
            "pack_version": kit.pack.version,
            "lang": kit.lang,
            "client": kit.project.client,
            "project": kit.project.name,
            "tasks": len(kit.tasks),
            "start": kit.project.start.isoformat(),
            "start_asked": (
                kit.project.start_asked.isoformat() if kit.project.start_asked else None
            ),
            "start_note": start_note(kit),
            "go_live": kit.project.go_live.isoformat() if kit.project.go_live else None,
            "finish": kit.project.finish.isoformat(),
            "removed_tasks": [{"id": r.task_id, "name": r.name} for r in kit.removed],
            "seconds": round(seconds, 3),
            "rebuilt": rebuilt,
        }
    )
    from generator.planning.report import planning_summary

    data.update(planning_summary(kit))  # issue 12: waves, effort, date pushes, sizing
    return data


def _print_summary(data: dict[str, Any]) -> None:
    target = data["target"]
    files = ngettext("{n} file", "{n} files", data["files"]).format(n=data["files"])
    tasks = ngettext("{n} task", "{n} tasks", data["tasks"]).format(n=data["tasks"])
    line = (
        _(
            "Rebuilt {target}: {files}, {tasks}, start {start}, go-live {go_live}, finish {finish} ({seconds} s)."
        )
        if data["rebuilt"]
        else _(
            "Created {target}: {files}, {tasks}, start {start}, go-live {go_live}, finish {finish} ({seconds} s)."
        )
    )
    click.echo(
        line.format(
            target=target,
            files=files,
            tasks=tasks,
            start=data["start"],
            go_live=data["go_live"] or "-",
            finish=data["finish"],
            seconds=f"{data['seconds']:.1f}",
        )
    )
    if data.get("start_note"):
        click.echo("  " + data["start_note"])
    from generator.planning.report import planning_lines

    for planning_line in planning_lines(data):  # issue 12: waves, effort, dates pushed
        click.echo(planning_line)
    for item in data["kept_edited"]:
        click.echo(
            _("  kept your edited {file}; the new version is {new}").format(
                file=item["file"], new=item["new"]
            )
        )
    for path in data["backups"]:
        click.echo(_("  previous version kept as {path}").format(path=path))
    for path in data["removed"]:
        click.echo(
            _("  removed {path} (generated earlier, no longer produced, unchanged)").format(
                path=path
            )
        )
    if data["removed_tasks"]:
        count = len(data["removed_tasks"])
        click.echo(
            ngettext(
                "  {n} task with progress is no longer in the plan; it is on the 'Removed tasks' sheet:",
                "  {n} tasks with progress are no longer in the plan; they are on the 'Removed tasks' sheet:",
                count,
            ).format(n=count)
        )
        for item in data["removed_tasks"]:
            click.echo(f"    {item['id']}  {item['name']}")
    for hook in data["hooks_skipped"]:
        click.echo(
            _("  did not run pack hook {hook} (pass --trust to run pack code)").format(hook=hook)
        )
    if not data["rebuilt"]:
        click.echo(
            _("Start with {plan} and README.md.").format(
                plan=Path(target) / "plan" / "project-plan.xlsx"
            )
        )


def kit_from_project_dir(target: Path, packs_dir: Path | None) -> tuple[Kit, ResolvedPack, Path]:
    """Read ``target/project.yaml`` (answers and overlay), load its pack and build the Kit."""
    from generator import __version__
    from generator.kit import build_kit
    from generator.overlay import overlay_layer
    from generator.project import PROJECT_FILE, load_project

    answers = target / PROJECT_FILE
    use_language(project=answers)  # messages (even about project.yaml) in the kit's language
    if not answers.is_file():
        raise InputError.at(
            answers,
            0,
            0,
            _(
                "no project.yaml here; run the command on a folder made by `implkit new`, "
                "or create one with `implkit new PACK --out DIR`"
            ),
        )
    spec = load_project(answers)
    resolved_pack = load_project_pack(spec, target, packs_dir, overlay_layer(answers))
    spec = spec.resolved(resolved_pack)
    return build_kit(resolved_pack, spec, generator_version=__version__), resolved_pack, answers


def load_project_pack(
    spec: ProjectSpec, target: Path, packs_dir: Path | None, overlay: Layer | None
) -> ResolvedPack:
    """The project's pack: by id from ``packs_dir`` / the built-in packs, else from the
    folder project.yaml recorded (``pack_dir``, relative to the kit), with the overlay."""
    from generator.packs.loader import available_packs, load_pack

    name: str | Path = spec.pack
    from_dir = packs_dir is not None and spec.pack in available_packs(packs_dir)
    if spec.pack_dir and not from_dir:
        folder = Path(spec.pack_dir)
        folder = folder if folder.is_absolute() else target / folder
        if folder.is_dir():
            name = folder
        elif spec.pack not in available_packs(packs_dir):
            raise InputError.at(
                target / "project.yaml",
                0,
                0,
                _(
                    "pack_dir {path}: the pack folder is not there any more; "
                    "put it back, correct pack_dir, or pass --packs-dir"
                ).format(path=repr(spec.pack_dir)),
            )
    try:
        return load_pack(name, packs_dir, overlay)
    except InputError as err:  # issue 16: an unknown pack id at project.yaml:LINE:COL
        if isinstance(name, str) and any(
            p.message.startswith("unknown pack") for p in err.problems
        ):
            raise InputError(
                [
                    spec.problem_at(("pack",), p.message) if p.message.startswith("unknown") else p
                    for p in err.problems
                ]
            ) from None
        raise


def recorded_path(path: Path, target: Path) -> str:
    """``path`` as project.yaml records it: relative to the kit folder when possible
    (forward slashes, so the kit moves between Windows and Linux), else absolute."""
    import os

    absolute = path.resolve()
    try:
        relative = os.path.relpath(absolute, target.resolve())
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    return Path(relative).as_posix()


def _kit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options ``new`` and ``build`` share."""
    for option in reversed(
        [
            click.option(
                "--trust", is_flag=True, help="Run the pack's cookiecutter hooks (pack code)."
            ),
            click.option(
                "--docx-template",
                type=click.Path(path_type=Path),
                help="Customer .docx whose styles, header and logo the Word documents start from.",
            ),
            click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON."),
        ]
    ):
        func = option(func)
    return func


def _write_kit(
    kit: Kit,
    resolved_pack: ResolvedPack,
    *,
    project_yaml: str,
    target: Path,
    trust: bool,
    docx_template: Path | None,
    as_json: bool,
    began: float,
    rebuild: bool,
    dry_run: bool = False,
    replace_project_yaml: bool | None = None,
    carried: dict[str, Any] | None = None,
    pack_items: dict[str, Any] | None = None,
    force: bool = False,
    check: Callable[[], None] | None = None,
    initial_baseline: bool = False,
) -> None:
    """Stage the kit, install it into ``target`` (or list it for a dry run), print the summary.

    ``check``: called under the kit lock before anything is staged (``new`` checks there
    that the target is still empty, so two runs on one folder cannot both pass).

    ``initial_baseline``: save baseline ``initial`` (issue 13) with the files, in the same
    transaction, unless the kit has a baseline already.

    ``replace_project_yaml``: write ``project_yaml`` over the kit's (default: for ``new``
    only; ``build`` after lifting tasks); ``carried``: the carry report (``--json``
    key ``carry``); ``pack_items``: the pack snapshot saved in ``.implkit/``, installed with
    the calendar history in the same transaction as the files.
    """
    from generator.manifest import Manifest
    from generator.render.ics_history import save_calendar_history, with_calendar_history
    from generator.scaffold import Outcome, dry_run_listing, install, stage_kit, staging_area

    template = _docx_template(docx_template)
    kit = with_calendar_history(kit, target)  # issue 17: .ics SEQUENCE/DTSTAMP of moved events
    old = Manifest.read(target) if target.is_dir() else None
    outcome = Outcome(target=target)
    show = sys.stderr.isatty() and not as_json
    with staging_area(target, dry_run=dry_run) as area, progress_reporter(show) as step:
        if check is not None:
            check()
        root, manifest = stage_kit(
            kit,
            project_yaml=project_yaml,
            pack_dirs=list(zip(resolved_pack.chain, resolved_pack.dirs)),
            area=area,
            trust=trust,
            docx_template=template,
            progress=step,
            outcome=outcome,
        )
        if dry_run:
            lines = dry_run_listing(manifest, target)
            if as_json:
                click.echo(
                    json.dumps({"dry_run": True, "files": lines}, ensure_ascii=False, indent=2)
                )
            else:
                click.echo(
                    ngettext(
                        "Would write {n} file (nothing written):",
                        "Would write {n} files (nothing written):",
                        len(lines),
                    ).format(n=len(lines))
                )
                for line in lines:
                    click.echo(f"  {line}")
            return
        # the kit's memory between builds is staged beside the files and installed in the
        # same transaction, under the kit lock: an interrupted build leaves both as they were
        state = [save_calendar_history(kit, root).relative_to(root).as_posix()]
        if pack_items is not None:
            from generator.carry.packdiff import SNAPSHOT, write_snapshot
            from generator.carry.written import written_digest

            # what this build wrote into generated columns: the next build reports edits there
            write_snapshot(root, {**pack_items, "written": written_digest(root)})
            state.append(SNAPSHOT.as_posix())
        if initial_baseline:
            from generator.tracking.baseline import BASELINES, list_baselines, save_baseline

            if not list_baselines(target):
                saved = save_baseline(root, kit, name="initial", taken=kit.project.start)
                state += [
                    saved.relative_to(root).as_posix(),
                    (BASELINES / "index.json").as_posix(),
                ]
        step("install")
        replace = not rebuild if replace_project_yaml is None else replace_project_yaml
        install(
            root,
            manifest,
            target,
            old=old,
            outcome=outcome,
            replace_project_yaml=replace,
            force=force,  # issue 16: go on although a workbook is open in Excel/WPS
            state=tuple(state),
        )
    data = _summary(kit, outcome, time.perf_counter() - began, rebuilt=rebuild)
    if carried is not None:
        data["carry"] = carried
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_summary(data)
        if carried is not None:
            from generator.carry.report import report_lines

            for line in report_lines(carried):
                click.echo(line)


@click.command("new")
@click.argument("pack")
@answer_options
@click.option(
    "--out", "out", type=click.Path(path_type=Path), help="The project folder (default ./<slug>)."
)
@click.option(
    "--force", is_flag=True, help="Write into a non-empty folder (never deletes your files)."
)
@click.option("--dry-run", is_flag=True, help="List what would be written; write nothing.")
@_kit_options
def new_command(
    pack: str,
    out: Path | None,
    force: bool,
    dry_run: bool,
    trust: bool,
    docx_template: Path | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Create a project kit folder from PACK and the answers."""
    from generator import __version__
    from generator.cli.answers import answers_from_options
    from generator.kit import build_kit
    from generator.scaffold import check_target

    began = time.perf_counter()
    _docx_template(docx_template)  # a missing template is refused before any work
    resolved_pack, spec = answers_from_options(pack, **options)
    target = (
        out if out is not None else Path.cwd() / (spec.slug or resolved_pack.meta.id)
    ).absolute()
    check_target(target, force=force)
    from generator.carry.defaults import kit_defaults
    from generator.carry.packdiff import snapshot
    from generator.packs.loader import builtin_packs

    builtin = {path.resolve() for path in builtin_packs().values()}
    if resolved_pack.dirs and resolved_pack.dirs[-1].resolve() not in builtin:
        spec = spec.model_copy(update={"pack_dir": recorded_path(resolved_pack.dirs[-1], target)})
    if docx_template is not None:
        spec = spec.model_copy(update={"docx_template": recorded_path(docx_template, target)})
    kit = build_kit(resolved_pack, spec, generator_version=__version__)
    from dataclasses import replace as _with

    from generator.cli.status import initial_baseline  # the exports carry it, as build's do

    kit = _with(kit, baseline=initial_baseline(target, kit))
    _write_kit(
        kit,
        resolved_pack,
        pack_items=None if dry_run else {**snapshot(resolved_pack), "defaults": kit_defaults(kit)},
        project_yaml=spec.to_yaml(),
        target=target,
        trust=trust,
        docx_template=docx_template,
        as_json=as_json,
        began=began,
        rebuild=False,
        dry_run=dry_run,
        force=force,
        check=lambda: check_target(target, force=force),  # again under the lock
        initial_baseline=True,  # issue 13: the plan as agreed, to measure slip and EV against
    )


@click.command("build")
@click.argument("project_dir", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--packs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="IMPLKIT_PACKS_DIR",
    help="Folder with more know-how packs (searched before the built-in ones).",
)
@click.option(
    "--force", is_flag=True, help="Rebuild although a workbook is open in Excel/WPS/Word."
)
@click.option(
    "--as-of", "as_of", help="Status date YYYY-MM-DD: forecast the dates from the actuals."
)
@_kit_options
def build_command(
    project_dir: Path,
    packs_dir: Path | None,
    force: bool,
    as_of: str | None,
    trust: bool,
    docx_template: Path | None,
    as_json: bool,
) -> None:
    """Rebuild a kit from PROJECT_DIR/project.yaml, keeping the consultant's work."""
    from generator.carry.build import prepare_rebuild
    from generator.project import PROJECT_FILE
    from generator.scaffold import prepare_kit

    began = time.perf_counter()
    target = project_dir.absolute()
    _docx_template(docx_template)
    answers = target / PROJECT_FILE
    use_language(project=answers)
    if not answers.is_file():
        kit_from_project_dir(target, packs_dir)  # says what is missing (exit 2)
    prepare_kit(target)  # issue 16: finish or roll back an interrupted build first
    rebuild = prepare_rebuild(target, packs_dir, docx_template)
    from generator.cli.status import record_build, track_build  # issue 13: forecast, baseline

    tracked = track_build(rebuild.kit, target, as_of)
    _write_kit(
        tracked,
        rebuild.pack,
        project_yaml=rebuild.project_yaml,
        target=target,
        trust=trust,
        docx_template=rebuild.docx_template,
        as_json=as_json,
        began=began,
        rebuild=True,
        replace_project_yaml=rebuild.yaml_changed,
        carried=rebuild.report.as_dict(),
        pack_items=rebuild.snapshot,
        force=force,
    )
    record_build(target, tracked)


def register(cli: click.Group) -> None:
    """Attach ``new`` and ``build``."""
    cli.add_command(new_command)
    cli.add_command(build_command)

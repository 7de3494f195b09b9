"""Find and load the kit in a folder: project.yaml, its pack (with the project's overlay), the Kit.

``kit_from_project_dir(target, packs_dir) -> (Kit, ResolvedPack, project.yaml path)`` builds
the Kit from the answers alone (no consultant entries: :mod:`generator.workspace.tracked`
adds those). ``load_project_pack`` finds the pack project.yaml names, ``loaded_pack`` loads a
pack (once per content after ``remember_packs``); ``recorded_path`` is how project.yaml
records a path (the pack folder, the Word template).

Errors: :class:`~generator.errors.InputError` (exit 2) for a folder without project.yaml,
a bad project.yaml, an unknown pack (at project.yaml:LINE:COL) or a recorded pack folder
that is gone.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.i18n import _, use_language

if TYPE_CHECKING:
    from generator.kit_model import Kit
    from generator.packs.inherit import Layer
    from generator.packs.resolved import ResolvedPack
    from generator.project import ProjectSpec


def require_project_file(target: Path) -> Path:
    """``target/project.yaml``; InputError (what to run instead) when the folder has none.

    Also switches the messages to the kit's language, so even errors about project.yaml
    speak it.
    """
    from generator.project import PROJECT_FILE

    answers = target / PROJECT_FILE
    use_language(project=answers)
    if not answers.exists() and not answers.is_symlink():  # a pipe or a link: the reader says
        raise InputError.at(
            answers,
            0,
            0,
            _(
                "no project.yaml here; run the command on a folder made by `implkit new`, "
                "or create one with `implkit new PACK --out DIR`"
            ),
        )
    return answers


def kit_from_project_dir(target: Path, packs_dir: Path | None) -> tuple[Kit, ResolvedPack, Path]:
    """Read ``target/project.yaml`` (answers and overlay), load its pack and build the Kit."""
    from generator import __version__
    from generator.kit import build_kit
    from generator.overlay import overlay_layer
    from generator.project import load_project

    answers = require_project_file(target)
    spec = load_project(target)  # the folder: a linked project.yaml is refused, not followed
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
        if overlay is None:
            return loaded_pack(name, packs_dir)
        return load_pack(name, packs_dir, overlay)
    except InputError as err:
        # the loader names the pack id; the user wrote it in project.yaml: point there
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


# pack content digest -> the pack loaded from it, while remember_packs() is on
_PACKS: dict[str, ResolvedPack] | None = None


def remember_packs() -> None:
    """From now on this process loads each pack once per content (a process that loads
    many kits of a few packs: the portfolio's workers, the test session). A kit whose
    project.yaml has an overlay still gets its own load (the overlay's items point into
    that file). Every user shares the one ResolvedPack: nothing may change it."""
    global _PACKS
    if _PACKS is None:
        _PACKS = {}


def loaded_pack(name: str | Path, packs_dir: Path | None) -> ResolvedPack:
    """``load_pack(name, packs_dir)`` (no overlay): once per content while
    :func:`remember_packs` is on, else a fresh load. Same errors as ``load_pack``."""
    if _PACKS is None:
        from generator.packs.loader import load_pack

        return load_pack(name, packs_dir, None)
    return _remembered(name, packs_dir)


def _remembered(name: str | Path, packs_dir: Path | None) -> ResolvedPack:
    """The pack ``name`` loaded once per content: keyed by the sha256 of every file of its
    folder and of the folders it extends (an edited pack is loaded again). A pack whose
    files cannot be keyed (an unknown pack, an unreadable file) is loaded uncached, so
    the loader's own message names the problem."""
    import hashlib

    from generator.packs.loader import available_packs, load_pack, pack_dir, pack_files
    from generator.readers import file_digest

    assert _PACKS is not None
    try:
        folder = pack_dir(name, packs_dir)
        # the loaded pack keeps the folders as found: a relative one is keyed by the cwd too
        relative = not folder.is_absolute() or (
            packs_dir is not None and not packs_dir.is_absolute()
        )
        digest = hashlib.sha256(f"{name}|{packs_dir}|{Path.cwd() if relative else ''}".encode())
        for path in pack_files(folder, available_packs(packs_dir)):
            digest.update(str(path).encode("utf-8"))
            digest.update(file_digest(path))
    except InputError:
        return load_pack(name, packs_dir, None)
    key = digest.hexdigest()
    found = _PACKS.get(key)
    if found is None:
        found = _PACKS[key] = load_pack(name, packs_dir, None)
    return found


def recorded_path(path: Path, target: Path) -> str:
    """``path`` as project.yaml records it: relative to the kit folder when possible
    (forward slashes, so the kit moves between Windows and Linux), else absolute."""
    absolute = path.resolve()
    try:
        relative = os.path.relpath(absolute, target.resolve())
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    return Path(relative).as_posix()

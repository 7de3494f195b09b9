"""``implkit export``: one export of a kit, written on its own.

``export_kit(folder, fmt, output=None, process=None, packs_dir=None, to_stdout=False)
-> ExportResult`` (the API's own result, :mod:`generator.api.results`): reads the kit as
``build`` does (entries carried, forecast, baseline, tracker ids), renders the export
into a scratch folder beside the target and moves the file(s) into place (an Azure
Boards export may be several files), or returns its bytes for standard output
(``-o -``). The formats, their paths, labels and writers are the exports declared in
:mod:`generator.registry`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import kitfs
from generator.api.results import ExportResult
from generator.errors import InputError
from generator.i18n import _, use_language
from generator.registry import Items, exports, resolve

if TYPE_CHECKING:
    from generator.kit_model import Kit


def _details(items: Items, name: str, data: bytes) -> dict[str, Any]:
    """What a file holds: its size, checksum and items (what the registry says its
    format counts: rows, tasks, events or a package's resources)."""
    if items == "rows":
        import csv
        import io

        count = max(len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) - 1, 0)
    elif items == "tasks":
        count = data.count(b"<Task>")
    elif items == "resources":  # the overview and one page per module
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            count = archive.read("imsmanifest.xml").count(b"<resource ")
    else:
        count = data.count(b"BEGIN:VEVENT")
    return {
        "path": name,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "items": count,
    }


def export_kit(
    folder: Path,
    fmt: str,
    *,
    output: Path | None = None,
    process: str | None = None,
    packs_dir: Path | None = None,
    to_stdout: bool = False,
) -> ExportResult:
    """Write export ``fmt`` of the kit in ``folder`` (or return its bytes, ``to_stdout``).

    The Kit is the one ``implkit build`` writes: every entry carried, dates forecast at
    the kit's status date, the current baseline, the tracker ids the imports learnt (so a
    re-import into the tracker updates its items) and, for the calendar, the events'
    history. ``process``: Azure Boards process; default the one the last import saw,
    else agile. Raises InputError for an unknown format, a folder without a kit, an
    ``output`` whose folder does not exist, or ``to_stdout`` for an export of several
    files.
    """
    from generator.render.ics_history import with_calendar_history
    from generator.trackers.idmap import with_tracker_ids
    from generator.workspace.tracked import load_tracked_kit, track_build

    formats = exports()
    if fmt not in formats:
        raise InputError(
            _("unknown export format {fmt!r}; choose one of {formats}").format(
                fmt=fmt, formats=", ".join(sorted(formats))
            )
        )
    item = formats[fmt]
    assert item.export is not None
    use_language(project=folder)
    target_kit = folder.absolute()
    kit, _pack, _spent = load_tracked_kit(target_kit, packs_dir, None)
    kit = with_tracker_ids(track_build(kit, target_kit, None), target_kit)
    # the calendar's SEQUENCE/DTSTAMP continue from the kit's last build
    kit = with_calendar_history(kit, target_kit)
    writer = resolve(item.writer)
    options = _options(item.export.options, process, kit)

    def render(kit: Kit, path: Path) -> list[Path]:
        return list(writer(kit, path, **options) or [path])

    default, label = item.path, item.export.label
    result = ExportResult(label, [], fmt)
    if item.export.left_out is not None:  # tasks deleted in the tool stay deleted there
        result.left_out = resolve(item.export.left_out)(kit)
    if to_stdout:
        with tempfile.TemporaryDirectory(prefix="implkit-export-") as scratch:
            written = render(kit, Path(scratch) / Path(default).name)
            if len(written) > 1:
                raise InputError(
                    _(
                        "-o - writes one file, but this export is {n} files (a tracker takes at "
                        "most so many items a file); write it to a file or a folder instead"
                    ).format(n=len(written))
                )
            result.stdout = written[0].read_bytes()
        result.details.append(_details(item.export.items, "-", result.stdout))
        return result
    target = (output if output is not None else folder.joinpath(*default.split("/"))).absolute()
    # inside the kit (its exports/ folder, or an -o there) no folder on the way may be a
    # link: a linked exports/ would carry the files out of the kit
    inside = target.is_relative_to(target_kit)
    if inside:
        kitfs.contained(target_kit, target)
    if not target.parent.is_dir():
        if output is not None:
            raise InputError.at(
                target.parent, 0, 0, _("the output folder does not exist; create it first")
            )
        kitfs.make_folders(target_kit, target.parent)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".implkit-export-") as scratch:
        staged = Path(scratch) / target.name
        written = render(kit, staged)
        for path in written:
            dest = target.parent / path.name
            if inside:
                kitfs.contained(target_kit, dest)  # a link planted while it rendered
            result.details.append(_details(item.export.items, str(dest), path.read_bytes()))
            os.replace(path, dest)
            result.files.append(dest)
    return result


def _options(names: tuple[str, ...], process: str | None, kit: Kit) -> dict[str, Any]:
    """The writer options an export declares, from the command's (``--process``: given,
    else the Azure Boards process the last import saw, else agile)."""
    options: dict[str, Any] = {}
    if "process" in names:
        from generator.render.ado_csv import PROCESSES

        chosen = process or kit.trackers.fact("ado", "process") or "agile"
        options["process"] = next((p for p in PROCESSES if p == chosen), PROCESSES[0])
    return options

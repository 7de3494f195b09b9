"""``implkit export``: one export of a kit, written on its own.

``export_kit(folder, fmt, output=None, process="agile", packs_dir=None) ->
(label, files)``: builds the Kit from the folder's project.yaml, renders the export
into a scratch folder beside the target and moves the file(s) into place (an Azure
Boards export may be several files). ``FORMATS``: format -> (path in the kit, label).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.i18n import _, use_language

if TYPE_CHECKING:
    from generator.kit_model import Kit

FORMATS = {
    "mspdi": ("exports/project-plan.mspdi.xml", "MS Project XML"),
    "jira": ("exports/jira-issues.csv", "Jira CSV"),
    "ado": ("exports/azure-boards.csv", "Azure Boards CSV"),
    "ics": ("exports/project-calendar.ics", "iCalendar"),
}


def export_kit(
    folder: Path,
    fmt: str,
    *,
    output: Path | None = None,
    process: str = "agile",
    packs_dir: Path | None = None,
) -> tuple[str, list[Path]]:
    """Write export ``fmt`` of the kit in ``folder``; return (label, files written).

    Raises InputError for an unknown format, a folder without a kit, or an ``output``
    whose folder does not exist.
    """
    from generator.render.ado_csv import PROCESSES, render_ado_process
    from generator.render.ics import render_ics
    from generator.render.ics_history import with_calendar_history
    from generator.render.mspdi import render_mspdi
    from generator.render.trackers_csv import render_jira
    from generator.workspace.load import kit_from_project_dir

    def render_ado(kit: Kit, path: Path) -> list[Path]:
        chosen = next(p for p in PROCESSES if p == process)
        return render_ado_process(kit, path, process=chosen)

    if fmt not in FORMATS:
        raise InputError(
            _("unknown export format {fmt!r}; choose one of {formats}").format(
                fmt=fmt, formats=", ".join(sorted(FORMATS))
            )
        )
    use_language(project=folder)
    renderers = {"mspdi": render_mspdi, "jira": render_jira, "ado": render_ado, "ics": render_ics}
    kit, _pack, _answers = kit_from_project_dir(folder.absolute(), packs_dir)
    if fmt == "ics":  # SEQUENCE/DTSTAMP continue from the kit's last build
        kit = with_calendar_history(kit, folder.absolute())
    default, label = FORMATS[fmt]
    target = (output if output is not None else folder.joinpath(*default.split("/"))).absolute()
    if not target.parent.is_dir():
        if output is not None:
            raise InputError.at(
                target.parent, 0, 0, _("the output folder does not exist; create it first")
            )
        target.parent.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".implkit-export-") as scratch:
        staged = Path(scratch) / target.name
        written = renderers[fmt](kit, staged)
        final = []
        for path in written:
            dest = target.parent / path.name
            os.replace(path, dest)
            final.append(dest)
    return label, final

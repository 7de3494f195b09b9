"""``implkit timesheets``: one timesheet workbook per person for an ISO week.

``write_timesheets(target, week, ...) -> TimesheetsResult``: the kit as ``status`` reads
it (every entry carried, so finished tasks drop out), the people (``--people`` file,
``--person NAME=ROLE``, else the plan's "Project team" sheet), each person's open tasks
(:mod:`generator.trackers.timesheets`), one workbook each
(:mod:`generator.render.timesheet_xlsx`) into ``PROJECT_DIR/timesheets/<week>/`` (or
``output``), named after the person. All files are rendered first and moved into place
together (nothing half-written); a link or a file where the folder should be is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _, use_language

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class TimesheetsResult:
    """The timesheets written: per person the file, role and number of tasks."""

    week: str
    folder: Path
    files: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.week, "folder": str(self.folder), "files": self.files}


def file_name(name: str, taken: set[str]) -> str:
    """``李伟.xlsx`` (characters Windows refuses in a name replaced; a second person of the
    same name gets ``李伟-2.xlsx``)."""
    stem = _UNSAFE.sub("-", " ".join(name.split())).strip(" .-")[:80] or "person"
    candidate, n = f"{stem}.xlsx", 2
    while candidate.lower() in taken:
        candidate, n = f"{stem}-{n}.xlsx", n + 1
    taken.add(candidate.lower())
    return candidate


def write_timesheets(
    target: Path,
    week: str,
    *,
    weeks: int = 2,
    people_file: Path | None = None,
    people: tuple[str, ...] = (),
    output: Path | None = None,
    packs_dir: Path | None = None,
) -> TimesheetsResult:
    """Write the week's timesheets (see the module docstring). InputError (exit 2,
    nothing written) for a bad week, unknown roles, no people, a bad output folder."""
    from generator.render.timesheet_xlsx import render_timesheet
    from generator.trackers.timesheets import (
        parse_week,
        people_from_rows,
        team_people,
        timesheet_tasks,
    )
    from generator.trackers.timesheets import (
        people_file as read_people,
    )
    from generator.workspace.output import write_files
    from generator.workspace.tracked import load_tracked_kit

    use_language(project=target / "project.yaml")
    try:
        week_text, monday = parse_week(week)
    except ValueError:
        raise InputError(
            _("--week {week}: not an ISO week; write it like 2026-W14").format(week=week)
        ) from None
    if not 1 <= weeks <= 12:
        raise InputError(_("--weeks must be between 1 and 12"))
    kit, _pack, _spent = load_tracked_kit(target, packs_dir, None)
    problems: list[Problem] = []
    if people_file is not None:
        chosen = read_people(kit, people_file)
    elif people:
        rows = []
        for value in people:
            name, sep, role = value.rpartition("=")
            if not sep or not name.strip():
                problems.append(
                    Problem(
                        "", 0, 0, _('--person {value}: write it as "NAME=ROLE"').format(value=value)
                    )
                )
                continue
            rows.append((name, role, "--person"))
        chosen, found = people_from_rows(kit, rows, "--person")
        problems += found
    else:
        chosen, found = team_people(kit)
        problems += found
    if problems:
        raise InputError(problems)
    if not chosen:
        raise InputError(
            _(
                "no people to write timesheets for: fill in the Project team sheet of the plan "
                "(consultant and role), or pass --people FILE (columns person, role) or "
                '--person "NAME=ROLE"'
            )
        )
    folder = (output if output is not None else target / "timesheets" / week_text).absolute()
    for part in (folder, *folder.parents):
        if part.is_symlink():
            raise InputError.at(part, 0, 0, _("is a symbolic link; choose a real folder"))
        if part == target:
            break
    if folder.exists() and not folder.is_dir():
        raise InputError.at(folder, 0, 0, _("is a file; give a folder for the timesheets"))
    folder.mkdir(parents=True, exist_ok=True)
    result = TimesheetsResult(week_text, folder)
    taken: set[str] = set()
    jobs = []
    for person in chosen:
        tasks = timesheet_tasks(kit, person, monday, weeks)
        path = folder / file_name(person.name, taken)

        def render(tmp: Path, person: Any = person, tasks: Any = tasks) -> None:
            render_timesheet(kit, person, week_text, monday, tasks, tmp)

        jobs.append((path, render))
        result.files.append(
            {
                "person": person.name,
                "role": person.role,
                "tasks": len(tasks),
                "path": str(path),
            }
        )
    write_files(jobs)
    return result

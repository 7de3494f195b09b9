"""Jira and Azure Boards CSV exports.

Both are written as UTF-8 with a byte-order mark (Excel then opens Chinese
correctly).

Formula guard: a tracker CSV is read by the tracker's importer, which keeps
every character, so the spreadsheet habit of a leading apostrophe would show
up in the imported Summary and Description. Instead, every place where a
spreadsheet could start a cell gets U+2060 WORD JOINER before a formula
character (the product's one test, :func:`~generator.render.workbook.cells.is_risky_text`:
``= + - @`` and their full-width forms, after blanks): the start of the field,
and the start of every part after a ``;`` or ``,`` (a German or French Excel
splits a comma file at ``;``: ``Review;=1+2`` would give the cell ``=1+2``), a
tab or a line break (a quote in the middle of a ``;``-split field is kept as a
character, so the field's next line starts a row). The word joiner is a Unicode
"default ignorable" character that renderers draw as nothing and word
segmentation (UAX #29, which search indexes follow) skips, so the text users see
and search in Jira/Azure Boards is unchanged; a spreadsheet sees a cell that does
not start with a formula character and keeps it as text. (A description line a
pack starts with ``- `` is then not a Jira bullet: safety first.)

Titles: Jira summaries and Azure Boards titles hold at most 255 characters. A
longer one is cut at the last word break (or at 254 characters for text
without spaces, such as Chinese) and ends with "…"; the full text then opens
the description.

Jira (``render_jira``): one epic per phase, the phase's tasks below it
through an ``Issue Id`` / ``Parent`` pair (Jira's ``Parent`` field; the deprecated
``Epic Name`` / ``Epic Link`` are not written). Each file lists all its epics first,
then their tasks (the layout Atlassian's CSV guide asks for, so every ``Parent`` is
already created). ``Original Estimate`` is the task's effort in seconds (person-days x
8 h x 3600), not its duration. Atlassian recommends at most 1,500 issues a file, so the
export is split by whole phases; a phase is never cut (its tasks would lose their
parent), so a single phase longer than that is a file of its own.

Identity (:mod:`generator.trackers.identity`): every issue carries the label
``ik:<task or phase id>``, epics also ``ik-kit:<project uid>``; an issue ``implkit
import`` has linked carries its ``Issue key``, so Jira's CSV import (External System
Import, with Issue key mapped) updates that issue instead of creating another.

Azure Boards (``render_ado``, :mod:`generator.render.ado_csv`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.i18n import D_, DC_, TextTable
from generator.kit_model import Kit, Task
from generator.render.workbook.cells import BLANKS, is_risky_text
from generator.trackers.identity import kit_tag, project_tag
from generator.tracking.exports import jira_status, kept_state, task_progress

_SEPARATORS = re.compile(r"[;,\t\r\n]")  # where a spreadsheet may start a cell
GUARD = "\u2060"  # WORD JOINER: default-ignorable, invisible, no word break
TITLE_MAX = 255
ELLIPSIS = "…"
JIRA_MAX_ROWS = 1500
HOURS_PER_DAY = 8
SECONDS_PER_DAY = HOURS_PER_DAY * 3600

LABELS = TextTable(
    {
        "deliverables": D_("Deliverables"),
        "owner": D_("Owner"),
        "effort": D_("Effort (person-days)"),
        "dates": DC_("tracker", "Planned"),
        "criteria_entry": D_("Entry criteria"),
        "criteria_exit": D_("Exit criteria"),
        "signoff": D_("Sign-off"),
        "milestone": D_("Milestone"),
        "gate": D_("Quality gate"),
        "phase": D_("Phase"),
    }
)


FLAGS = TextTable(
    {
        "gate": D_("gate"),
        "milestone": D_("milestone"),
        "critical": D_("critical-path"),
    }
)


def task_flags(kit: Kit, task: Task) -> list[str]:
    """The task's gate/milestone and critical-path flags, as labels without spaces."""
    words = FLAGS[kit.lang]
    flags = []
    if task.milestone:
        flags.append(words["gate"] if task.gate else words["milestone"])
    if task.critical:
        flags.append(words["critical"])
    return flags


def neutralise(value: object) -> str:
    """Cell text a spreadsheet never runs as a formula and a tracker shows unchanged.

    ``"=HYPERLINK(...)"`` -> ``"\\u2060=HYPERLINK(...)"``, ``"Review;=1+2"`` ->
    ``"Review;\\u2060=1+2"``; other text is returned as is (see the module docstring).
    """
    text = "" if value is None else str(value)
    if not text:
        return text
    parts: list[str] = []
    start = 0
    for separator in [*_SEPARATORS.finditer(text), None]:
        end = separator.start() if separator is not None else len(text)
        part = text[start:end]
        if is_risky_text(part):
            at = len(part) - len(part.lstrip(BLANKS))
            part = part[:at] + GUARD + part[at:]
        parts.append(part)
        if separator is not None:
            parts.append(separator.group())
            start = separator.end()
    return "".join(parts)


def visible(text: str) -> str:
    """The text as a tracker shows it: the guard character removed."""
    return text.replace(GUARD, "")


def short_title(text: str, limit: int = TITLE_MAX) -> tuple[str, bool]:
    """``(title, cut)``: ``text`` within ``limit`` characters, cut at a word break.

    A cut title ends with "…" and is at most ``limit`` characters including it; text
    without a break in its last quarter (Chinese, long identifiers) is cut at
    ``limit - 1`` characters.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= (limit * 3) // 4:
        head = head[:space]
    return head.rstrip() + ELLIPSIS, True


def titled(text: str, description: list[str]) -> tuple[str, list[str]]:
    """Title within the limit and the description lines, led by the full text when cut."""
    title, cut = short_title(text)
    return title, ([text, *description] if cut else description)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a BOM and CRLF line ends, every cell through :func:`neutralise`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _label(text: str) -> str:
    """Jira labels cannot hold spaces."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)


def task_text(kit: Kit, task: Task) -> list[str]:
    """Plain-text description lines for a task (shared by both trackers)."""
    lab = LABELS[kit.lang]
    lines = []
    if task.description:
        lines.append(task.description)
    lines.append(f"{lab['dates']}: {task.start.isoformat()} – {task.finish.isoformat()}")
    lines.append(f"{lab['owner']}: {kit.role_name(task.owner)}")
    if task.effort:
        effort = ", ".join(f"{kit.role_name(r)} {d:g}" for r, d in task.effort)
        lines.append(f"{lab['effort']}: {effort}")
    if task.deliverables:
        lines.append(f"{lab['deliverables']}: " + "; ".join(task.deliverables))
    if task.gate:
        gate = next((g for g in kit.gates if g.id == task.gate), None)
        if gate:
            if gate.entry_criteria:
                lines.append(f"{lab['criteria_entry']}: " + "; ".join(gate.entry_criteria))
            if gate.exit_criteria:
                lines.append(f"{lab['criteria_exit']}: " + "; ".join(gate.exit_criteria))
            if gate.signoff:
                lines.append(
                    f"{lab['signoff']}: " + ", ".join(kit.role_name(r) for r in gate.signoff)
                )
    return lines


def effort_seconds(task: Task) -> int | str:
    """Jira ``Original Estimate``: the task's effort in seconds ("" for none)."""
    seconds = round(task.effort_days * SECONDS_PER_DAY)
    return seconds if seconds > 0 else ""


# --- Jira -----------------------------------------------------------------------------

JIRA_HEADER = (
    "Issue Id",
    "Parent",
    "Issue Type",
    "Summary",
    "Description",
    "Start date",
    "Due date",
    "Original Estimate",
    "Labels",
    "Labels",
    "Labels",
    "Labels",
    "Labels",
    "Status",  # progress, Jira's default workflow states
    "Remaining Estimate",
    "Issue key",  # linked issues only: the import then updates them
)


def jira_rows(kit: Kit) -> list[list[list[object]]]:
    """Rows grouped per phase: the epic row first, then its tasks."""
    from generator.render.ics import project_uid

    groups: list[list[list[object]]] = []
    issue_id = 0
    pack_label = _label(kit.pack.id)
    kit_mark = project_tag(project_uid(kit))
    links = kit.trackers.of("jira")
    keys = {key: link.tracker_id for key, link in links.items()}
    progress = task_progress(kit)  # status and remaining estimate per task
    by_id = {task.id: task for task in kit.tasks}
    for phase in kit.phases:
        issue_id += 1
        epic_id = issue_id
        summary, lines = titled(phase.name, [phase.description] if phase.description else [])
        group: list[list[object]] = [
            [
                epic_id,
                "",
                "Epic",
                summary,
                "\n".join(lines),
                phase.start.isoformat(),
                phase.finish.isoformat(),
                "",
                pack_label,
                _label(f"phase-{phase.id}"),
                kit_tag(phase.id),
                kit_mark,
                "",
                "",
                "",
                keys.get(phase.id, ""),
            ]
        ]
        for tid in phase.task_ids:
            task = by_id[tid]
            issue_id += 1
            flags = task_flags(kit, task)
            status, remaining = jira_status(progress[task.id], task)
            summary_text, lines = titled(task.name, task_text(kit, task))
            group.append(
                [
                    issue_id,
                    epic_id,
                    "Task",
                    summary_text,
                    "\n".join(lines),
                    task.start.isoformat(),
                    task.finish.isoformat(),
                    effort_seconds(task),
                    pack_label,
                    _label(f"phase-{phase.id}"),
                    kit_tag(task.id),
                    flags[0] if flags else "",
                    flags[1] if len(flags) > 1 else "",
                    kept_state(links.get(task.id), progress[task.id].state, status),
                    remaining,
                    keys.get(task.id, ""),
                ]
            )
        groups.append(group)
    return groups


def _epics_first(rows: list[list[object]]) -> list[list[object]]:
    """One file's rows with every epic before every task (order kept within each)."""
    return [r for r in rows if r[2] == "Epic"] + [r for r in rows if r[2] != "Epic"]


def jira_files(kit: Kit, max_rows: int = JIRA_MAX_ROWS) -> list[bytes]:
    """The Jira CSV split into files of at most ``max_rows`` data rows by whole phases,
    epics first in each (a phase longer than ``max_rows`` is a file of its own)."""
    files: list[list[list[object]]] = [[]]
    for group in jira_rows(kit):
        if files[-1] and len(files[-1]) + len(group) > max_rows:
            files.append([])
        files[-1].extend(group)
    return [csv_bytes(JIRA_HEADER, _epics_first(rows)) for rows in files if rows]


def render_jira(kit: Kit, path: Path) -> list[Path]:
    """Write ``path`` (and ``<stem>-2.csv``... when over 1,500 rows); return the files."""
    written = []
    for number, data in enumerate(jira_files(kit), start=1):
        target = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        target.write_bytes(data)
        written.append(target)
    return written


def render_ado(kit: Kit, path: Path) -> list[Path]:
    """Write the Azure Boards CSV (Agile process) to ``path``; see :mod:`.ado_csv`."""
    from generator.render.ado_csv import render_ado_process

    return render_ado_process(kit, path, process="agile")

"""Moodle's course upload CSV (Site administration > Courses > Upload courses,
``admin/tool/uploadcourse``): one course per audience and tier, a section per module.

The columns are the documented course information fields of the upload-course tool
(MoodleDocs "Upload courses", https://docs.moodle.org/en/Upload_courses):
``shortname``, ``fullname`` and a category field are required; the others are optional.

=================== ===================================================================
column              value
=================== ===================================================================
shortname           ``<PROJECT>-<AUDIENCE>-<TIER>`` (:func:`generator.render.lms.lms_courses`);
                    Moodle matches an existing course by it ("Update existing courses")
fullname            "Daily users · Basic operations" in the kit's language
idnumber            ``implkit:<project uid>:<audience>:<tier>``
category_idnumber   the project's slug: create one course category with that ID number
                    first (the tool does not create categories)
summary             HTML: who it is for, then each course with its modules and minutes,
                    objectives, assessment, pass mark and Kirkpatrick level
format              ``topics``
numsections         the number of modules (one section each)
startdate, enddate  the first and last day of the audience's sessions (YYYY-MM-DD, which
                    the tool reads with strtotime); without sessions the training window
visible             1
lang                ``en`` or ``zh_cn`` (Moodle's language packs)
enablecompletion    1 (completion tracking on: the completion report goes back to the kit
                    with ``implkit import``)
=================== ===================================================================

UTF-8 with a BOM (Moodle's CSV reader drops it; Excel then reads Chinese right), CRLF,
comma-separated; a cell starting with ``= + - @`` gets the invisible guard of
:func:`generator.render.trackers_csv.neutralise` so a spreadsheet never runs it.
"""

from __future__ import annotations

import html
from pathlib import Path

from generator.kit_model import Kit
from generator.render.lms import LABELS, MOODLE_LANG, LmsCourse, lms_courses

COLUMNS: tuple[str, ...] = (
    "shortname",
    "fullname",
    "idnumber",
    "category_idnumber",
    "summary",
    "format",
    "numsections",
    "startdate",
    "enddate",
    "visible",
    "lang",
    "enablecompletion",
)


def summary_html(kit: Kit, course: LmsCourse) -> str:
    """The course summary as HTML (every text escaped)."""
    lab = LABELS[kit.lang]
    e = html.escape
    parts = [
        f"<p>{e(lab['for'].format(audience=course.audience.name, project=kit.project.name))}</p>"
    ]
    for item in course.courses:
        minutes = lab["minutes"].format(n=item.minutes)
        parts.append(
            f"<h4>{e(item.code)} {e(item.title)}</h4>"
            f"<p>{e(lab['mode'])}: {e(lab[item.mode])} · {e(minutes)}</p>"
        )
        if item.objectives:
            parts.append(
                f"<p>{e(lab['objectives'])}</p><ul>"
                + "".join(f"<li>{e(o)}</li>" for o in item.objectives)
                + "</ul>"
            )
        parts.append(
            f"<p>{e(lab['modules'])}</p><ol>"
            + "".join(
                f"<li>{e(m.topic)} ({e(lab['minutes'].format(n=m.minutes))})</li>"
                for m in item.modules
            )
            + "</ol>"
        )
        checks = [
            lab["pass_mark"].format(n=item.pass_mark),
            lab["evaluation"].format(n=item.evaluation_level),
        ]
        if item.assessment:
            checks.insert(0, f"{lab['assessment']}: {item.assessment}")
        parts.append(f"<p>{e(' · '.join(checks))}</p>")
    return "".join(parts)


def moodle_rows(kit: Kit) -> list[list[str]]:
    """The upload file's rows (after the header), one per LMS course."""
    window = kit.training_window
    rows = []
    for course in lms_courses(kit):
        start = course.start or (window[0] if window else kit.project.start)
        end = course.end or (window[1] if window else None)
        rows.append(
            [
                course.shortname,
                course.fullname,
                course.idnumber,
                kit.project.slug,
                summary_html(kit, course),
                "topics",
                str(len(course.sections)),
                start.isoformat(),
                end.isoformat() if end else "",
                "1",
                MOODLE_LANG[kit.lang],
                "1",
            ]
        )
    return rows


def render_moodle(kit: Kit, path: Path) -> list[Path]:
    """Write the Moodle course upload CSV of ``kit`` to ``path``; returns ``[path]``."""
    from generator.render.trackers_csv import csv_bytes

    Path(path).write_bytes(csv_bytes(COLUMNS, moodle_rows(kit)))
    return [Path(path)]

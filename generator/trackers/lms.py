"""Completions and grades from a learning management system (Moodle's exports):
``is_lms(header)`` and ``parse(path, table) -> Completions``.

Two layouts are read, told apart by their header (English or Chinese Moodle UI):

* **Grades > Export > Plain text file** (``grade/export/txt``): one row per learner —
  ``First name``, ``Last name`` (older Moodle: ``Surname``), ``ID number``,
  ``Institution``, ``Department``, ``Email address``, a column per grade item and
  ``Course total (Real)`` / ``(Percentage)``. The file does not name the course: Moodle
  names the download ``<course short name> Grades.csv``, and that short name (the one
  ``implkit export --format moodle`` gave the course) is taken from the file name.
* **A custom report / course completion download** with a course column (``Course short
  name``, ``Course``, ``Course code``), a learner (``Full name`` or first and last name,
  ``Email address``), and any of a completion column (``Course completion status``,
  ``Completed``, ``Time completed``, ``Status``) and a grade (``Grade``, ``Final grade``,
  ``Course total``): one row per learner and course.

A grade is read as a percentage: ``85.00 %``, ``85%`` or a ``(Percentage)`` column as
given; a ``(Real)`` course total is out of 100 unless ``Course total (Real)`` comes with
its ``(Percentage)`` twin (which then wins). A completion says yes with a date, "Yes",
"Complete(d)", "已完成", "是"; "-" or empty is no answer. Refused (exit 2, the file and
line): a file naming no course and a row with neither a learner's name nor email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _
from generator.trackers.tabular import Table, normal

FIRST = ("First name", "名")
LAST = ("Last name", "Surname", "姓")
FULL = ("Full name", "User full name", "User", "Name", "全名", "姓名", "用户全名")
EMAIL = ("Email address", "Email", "User email address", "Email地址", "电子邮件", "电子邮件地址")
COURSE = (
    "Course short name",
    "Course shortname",
    "Course code",
    "Course",
    "Course: Course short name",
    "课程简称",
    "课程短名称",
    "课程",
)
COMPLETED = (
    "Course completion status",
    "Completion status",
    "Completed",
    "Course complete",
    "Time completed",
    "Course completion: Time completed",
    "Status",
    "完成状态",
    "课程完成状态",
    "完成时间",
)
GRADE = ("Grade", "Final grade", "Course total", "Course grade", "成绩", "总成绩", "课程总分")
TOTAL = re.compile(
    r"^(course total|课程总分|总分)\s*[(（](real|percentage|实际分数|百分比)[)）]$", re.I
)
_YES = {"yes", "y", "complete", "completed", "done", "true", "1", "是", "已完成", "完成"}
_NO = {
    "no",
    "n",
    "not completed",
    "incomplete",
    "in progress",
    "false",
    "0",
    "否",
    "未完成",
    "进行中",
}


@dataclass(frozen=True)
class Completion:
    """One learner's result in one LMS course: ``course`` as the file names it (an LMS
    short name or a course code), ``completed`` (None: the file does not say),
    ``percent`` 0-100 (None: no grade), ``row`` the 1-based line."""

    row: int
    course: str
    name: str
    email: str
    completed: bool | None
    percent: float | None


@dataclass
class Completions:
    """One LMS export read: its path, the layout and the learners' results."""

    path: Path
    layout: str  # "grades" (Moodle's plain-text grade export) or "report"
    rows: list[Completion] = field(default_factory=list)


def _total_columns(table: Table) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(table.header):
        match = TOTAL.match(normal(cell))
        if match:
            kind = match.group(2).lower()
            found["percent" if kind in ("percentage", "百分比") else "real"] = index
    return found


def is_lms(header: list[str]) -> bool:
    """Whether ``header`` is one of the LMS layouts (see the module docstring)."""
    table = Table(header)
    person = table.column(*FULL) is not None or (
        table.column(*FIRST) is not None and table.column(*LAST) is not None
    )
    if not person:
        return False
    grades = bool(_total_columns(table)) and table.column(*EMAIL) is not None
    report = table.column(*COURSE) is not None and (
        table.column(*COMPLETED) is not None or table.column(*GRADE) is not None
    )
    return grades or report


def percent_of(text: str) -> float | None:
    """A grade as a percentage (None for "-", empty or not a number)."""
    cleaned = text.strip().replace("％", "%").replace(",", ".")
    match = re.match(r"^(-?\d+(?:\.\d+)?)\s*%?$", cleaned)
    if not match:
        return None
    value = float(match.group(1))
    return value if 0 <= value <= 100 else None


def completed_of(text: str) -> bool | None:
    """A completion cell: True, False, or None when it says nothing."""
    cleaned = normal(text)
    if not cleaned or cleaned in ("-", "—"):
        return None
    if cleaned in _YES or re.search(r"\d{4}", cleaned):  # a completion date
        return True
    if cleaned in _NO:
        return False
    return None


def _course_from_name(path: Path) -> str:
    """Moodle's download name ``<short name> Grades.csv`` (any language's "Grades")."""
    stem = path.stem
    for suffix in (" Grades", " grades", " 成绩", "_Grades", "-grades"):
        if stem.endswith(suffix):
            return stem[: -len(suffix)].strip()
    return stem.strip()


_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·]+$")


def full_name(first: str, last: str) -> str:
    """A learner's name from a grade export's two columns, as the trainer writes it on a
    seat: a Chinese name family name first, without a space (王 + 伟: 王伟), any other
    name first name first (Anna Schmidt)."""
    if first and last and _HAN.match(first) and _HAN.match(last):
        return last + first
    return " ".join(p for p in (first, last) if p)


def parse(path: Path, table: Table) -> Completions:
    """The learners' results of one LMS export (see the module docstring)."""
    first, last, full = table.column(*FIRST), table.column(*LAST), table.column(*FULL)
    email = table.column(*EMAIL)
    course_col = table.column(*COURSE)
    totals = _total_columns(table)
    grade_col = totals.get("percent", totals.get("real"))
    if grade_col is None:
        grade_col = table.column(*GRADE)
    done_col = table.column(*COMPLETED)
    layout = "report" if course_col is not None else "grades"
    file_course = _course_from_name(path) if course_col is None else ""
    if layout == "grades" and not file_course:
        raise InputError.at(
            path,
            1,
            0,
            _(
                "this grade export does not say which course it is; keep the name Moodle "
                "gave the download (<course short name> Grades.csv) or export a report with "
                "a Course short name column"
            ),
        )
    out = Completions(path, layout)
    problems = []
    for line, cells in table.records:

        def cell(index: int | None, cells: list[str] = cells) -> str:
            return cells[index].strip() if index is not None and index < len(cells) else ""

        name = cell(full) or full_name(cell(first), cell(last))
        mail = cell(email)
        if not name and not mail:
            if any(c.strip() for c in cells):
                problems.append(
                    InputError.at(
                        path,
                        line,
                        0,
                        _("this row names no learner (no name, no email); fill it in or delete it"),
                    ).problems[0]
                )
            continue
        out.rows.append(
            Completion(
                row=line,
                course=cell(course_col) or file_course,
                name=name,
                email=mail,
                completed=completed_of(cell(done_col)) if done_col is not None else None,
                percent=percent_of(cell(grade_col)),
            )
        )
    if problems:
        raise InputError(problems)
    return out

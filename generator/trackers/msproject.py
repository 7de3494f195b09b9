"""MS Project: an MSPDI file (File > Save As > XML) read into items; ``.mpp`` through MPXJ.

Read per task (Microsoft's MSPDI schema, learn.microsoft.com/office-project/xml-data-
interchange/task-elements-and-xml-structure): UID, GUID, Name, OutlineLevel, Summary,
Active, PercentComplete, ActualStart, ActualFinish, ActualWork, RemainingWork, Start,
Finish and the extended attributes; the kit id is the task text field whose alias is
"Plan id" / 计划编号 (the export defines it on Text1; MS Project keeps it through every
save).

Status: inactive (Active 0) -> cancelled; 100 % or an actual finish -> done; above
0 % or an actual start -> in progress; else not started. A task's parent is the
nearest task above it with a lower outline level. Summary tasks and the project
summary task (UID 0) are kept as items (phases) but never carry progress.

Safety: a document type declaration or entity is refused (no entity expansion, no
external files); the file size is bounded like every import.

``.mpp`` (MS Project's binary format) is converted by MPXJ (Java) to MSPDI first:
``pip install "implkit[mpp]"`` and Java 11+. Without them the import stops with that
advice; saving the plan as XML in MS Project needs neither.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from generator.errors import InputError
from generator.i18n import _, spellings
from generator.trackers.fields import Problems, duplicates
from generator.trackers.identity import MSPDI_ALIAS, MSPDI_FIELD_NAME
from generator.trackers.model import TrackerFile, TrackerItem

NS = "{http://schemas.microsoft.com/project}"
_TASK_START = re.compile(rb"<(?:[\w.-]+:)?Task[\s>]")
_DURATION = re.compile(r"^-?PT(\d+(?:\.\d+)?)H(\d+(?:\.\d+)?)M(\d+(?:\.\d+)?)S$")


def is_mspdi(data: bytes) -> bool:
    """MSPDI: XML whose root is ``Project`` in the MS Project namespace."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"schemas.microsoft.com/project" in head


def is_mpp(data: bytes) -> bool:
    """An OLE compound file (``.mpp`` and other Office binary formats)."""
    return data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _text(task: ET.Element, tag: str) -> str:
    found = task.find(NS + tag)
    return (found.text or "").strip() if found is not None else ""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _hours(text: str) -> float | None:
    match = _DURATION.match(text)
    if not match:
        return None
    return float(match.group(1)) + float(match.group(2)) / 60 + float(match.group(3)) / 3600


def _days(text: str) -> float | None:
    """A duration in working days (MSPDI durations count 8 hours a day)."""
    hours = _hours(text)
    return None if hours is None else hours / 8


def _refuse_entities(path: Path, data: bytes) -> None:
    upper = data[:65536].upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise InputError.at(
            path,
            0,
            0,
            _(
                "the XML declares a document type or entities, which MS Project never writes; "
                "save the plan from MS Project again (File > Save As > XML)"
            ),
        )


def _alias_field(root: ET.Element) -> str:
    """The FieldID of the task text field aliased "Plan id" / 计划编号 (else Text1's; "")."""
    for attribute in root.iter(NS + "ExtendedAttribute"):
        alias = _text(attribute, "Alias")
        if alias.lower() in {a.lower() for a in spellings(MSPDI_ALIAS)} or (
            not alias and _text(attribute, "FieldName") == MSPDI_FIELD_NAME
        ):
            return _text(attribute, "FieldID")
    return ""


def parse(path: Path, data: bytes) -> TrackerFile:
    """The tasks of an MSPDI file (see the module docstring)."""
    _refuse_entities(path, data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        line = err.position[0] if err.position else 0
        raise InputError.at(
            path,
            line,
            0,
            _(
                "not well-formed XML ({reason}): the file is cut off or damaged; save it "
                "from MS Project again (File > Save As > XML)"
            ).format(reason=str(err)),
        ) from None
    if root.tag != NS + "Project":
        raise InputError.at(path, 0, 0, _("not an MS Project XML file (no Project element)"))
    problems = Problems(path)
    lines = [data.count(b"\n", 0, m.start()) + 1 for m in _TASK_START.finditer(data)]
    field_id = _alias_field(root)
    tasks_el = root.find(NS + "Tasks")
    tasks = list(tasks_el.findall(NS + "Task")) if tasks_el is not None else []
    items: list[TrackerItem] = []
    stack: list[tuple[int, str]] = []  # (outline level, uid) of the open summary chain
    uids: list[tuple[str, int]] = []
    kit_ids: list[tuple[str, int]] = []
    for position, task in enumerate(tasks):
        line = lines[position] if position < len(lines) else 0
        uid = _text(task, "UID")
        if _text(task, "IsNull") == "1" or not uid:
            continue
        uids.append((uid, line))
        try:
            level = int(_text(task, "OutlineLevel") or "1")
        except ValueError:
            level = 1
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack and uid != "0" else ""
        stack.append((level, uid))
        kit_id = ""
        if field_id:
            for attribute in task.findall(NS + "ExtendedAttribute"):
                if _text(attribute, "FieldID") == field_id:
                    kit_id = _text(attribute, "Value").lower()
        if kit_id:
            kit_ids.append((kit_id, line))
        try:
            percent_text = _text(task, "PercentComplete")
            percent = float(percent_text) / 100 if percent_text else 0.0
        except ValueError:
            problems.add(line, _("PercentComplete is not a number"))
            percent = 0.0
        actual_start = _day(_text(task, "ActualStart"))
        actual_finish = _day(_text(task, "ActualFinish"))
        summary = _text(task, "Summary") == "1" or uid == "0"
        if _text(task, "Active") == "0":
            status = "cancelled"
        elif percent >= 1.0 or actual_finish is not None:
            status = "done"
        elif percent > 0 or actual_start is not None:
            status = "in-progress"
        else:
            status = "not-started"
        items.append(
            TrackerItem(
                tracker_id=uid,
                row=line,
                title=_text(task, "Name"),
                kind="summary"
                if summary
                else ("milestone" if _text(task, "Milestone") == "1" else "task"),
                kit_id=kit_id,
                alt_id=_text(task, "GUID").upper(),
                parent=parent,
                state=f"{round(percent * 100)} %",
                status=status,  # type: ignore[arg-type]
                percent=min(max(percent, 0.0), 1.0),
                actual_start=actual_start if status in ("in-progress", "done") else None,
                actual_finish=actual_finish if status == "done" else None,
                work_done=_hours(_text(task, "ActualWork")),
                work_left=_hours(_text(task, "RemainingWork")),
                planned=(_day(_text(task, "Start")), _day(_text(task, "Finish"))),
                days=_days(_text(task, "Duration")),
                summary=summary,
            )
        )
    duplicates(uids, problems, _("task UID"), _("save the plan from MS Project again"))
    duplicates(
        kit_ids,
        problems,
        _("kit id"),
        _(
            "two tasks carry the same Plan id (Text1); clear it on the task that is not the kit's "
            "(a copied task)"
        ),
    )
    problems.raise_any()
    title = (root.findtext(NS + "Title") or root.findtext(NS + "Name") or "").strip()
    return TrackerFile(path, "mspdi", items, project=title)


def mpp_to_mspdi(path: Path) -> bytes:
    """MSPDI bytes of a ``.mpp`` file, converted by MPXJ (needs ``implkit[mpp]`` and Java)."""
    try:
        import jpype
        import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)
    except ImportError:
        raise InputError.at(
            path,
            0,
            0,
            _(
                'reading .mpp files needs MPXJ: run pip install "implkit[mpp]" and install '
                "Java 11 or later; or save the plan in MS Project as XML (File > Save As > "
                "XML) and import that"
            ),
        ) from None
    try:
        if not jpype.isJVMStarted():
            jpype.startJVM()
        reader = jpype.JClass("org.mpxj.reader.UniversalProjectReader")()
        writer = jpype.JClass("org.mpxj.mspdi.MSPDIWriter")()
        stream = jpype.JClass("java.io.ByteArrayOutputStream")()
        project = reader.read(str(path))
        if project is None:
            raise ValueError("MPXJ does not recognise the file")
        writer.write(project, stream)
        return bytes(stream.toByteArray())
    except (jpype.JException, OSError, ValueError, RuntimeError) as err:
        raise InputError.at(
            path,
            0,
            0,
            _(
                "MPXJ could not read the .mpp file ({reason}); save it in MS Project as XML "
                "(File > Save As > XML) and import that"
            ).format(reason=str(err)[:200]),
        ) from None

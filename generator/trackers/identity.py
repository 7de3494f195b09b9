"""The kit's ids as the exports write them into each tool, and read them back.

* Azure Boards tags and Jira labels: ``ik:<task or phase id>`` (``ik:base.uat``,
  ``ik:base.uat@w2`` for a wave's copy). Jira labels hold no spaces and the kit's ids
  have none. Matching ignores case, and a tool (or a person) that turned the colon into
  a dash (``ik-base.uat``) still matches.
* The project: the project's own item (Azure Boards' top Epic) is ``ik:_project`` (no
  kit id starts with "_"); it and every phase's item also carry ``ik-kit:<project
  uid>``, so a file exported from another kit of the same pack is told apart.
* MS Project: the task's GUID (:func:`task_guid`, stable: derived from the project uid
  and the task id) and the task text field Text1, aliased "Plan id" (计划编号 in a Chinese
  kit, :data:`MSPDI_ALIAS`), holding the id. The file names no tool: it is the
  consultant's plan.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.i18n import D_

if TYPE_CHECKING:
    from generator.project import ProjectSpec

PREFIX = "ik:"
PROJECT_KEY = "_project"  # the project's own item (Azure Boards' top Epic); never a task id
KIT_PREFIX = "ik-kit:"
MSPDI_ALIAS = D_("Plan id")
"""The alias of the id field in MS Project (msgid; shown in the kit's language)."""

MSPDI_FIELD_ID = 188743731  # Task Text1 (MSPDI FieldID); the alias names it
MSPDI_FIELD_NAME = "Text1"
_NAMESPACE = uuid.UUID("6f1c3f4e-2f0b-5d1e-9a57-6b1f7d0c4e21")


def kit_tag(item_id: str) -> str:
    """The tag/label carrying a kit id: ``ik:base.uat``."""
    return f"{PREFIX}{item_id}"


def project_tag(project_uid: str) -> str:
    """The tag naming the kit (project uid) on project and phase items: ``ik-kit:3f2a…``."""
    return f"{KIT_PREFIX}{project_uid}"


def kit_id_of(tags: Iterable[str]) -> str:
    """The kit id among ``tags`` ("" when none); ``ik:x``, ``IK:x`` and ``ik-x`` all give ``x``."""
    for tag in tags:
        clean = tag.strip()
        low = clean.lower()
        if low.startswith(KIT_PREFIX):
            continue
        for prefix in (PREFIX, "ik-", "ik："):
            if low.startswith(prefix) and len(clean) > len(prefix):
                return clean[len(prefix) :].strip().lower()
    return ""


def kit_of(tags: Iterable[str]) -> str:
    """The project uid a ``ik-kit:`` tag names ("" when none)."""
    for tag in tags:
        clean = tag.strip()
        if clean.lower().startswith(KIT_PREFIX):
            return clean[len(KIT_PREFIX) :].strip().lower()
    return ""


def task_guid(project_uid: str, item_id: str) -> str:
    """A stable GUID for a kit task in MS Project (upper case, as MS Project writes them)."""
    return str(uuid.uuid5(_NAMESPACE, f"{project_uid}/{item_id}")).upper()


def project_uid_of(spec: ProjectSpec) -> str:
    """The project's uid as the exports write it (:func:`generator.render.ics.project_uid`):
    the ``uid`` answer, else derived from the pack, client and slug."""
    if spec.uid:
        return spec.uid
    text = f"{spec.pack}\n{spec.client or ''}\n{spec.slug or ''}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]

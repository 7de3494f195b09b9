"""The tracker ids a kit has learnt: ``.implkit/trackers.json``.

After an import the kit remembers, per tool, which tracker item each task is (Azure
Boards ID, Jira issue key and id, MS Project UID and GUID) and the tracker project the
file came from. The next export writes those ids (Azure Boards ``ID`` column, Jira
``Issue key``, MSPDI ``UID``/``GUID``), so importing the export into the tracker
updates the items instead of creating them again.

File (plain, sorted JSON a person can read)::

    {"version": 1,
     "ado":   {"meta": {"project": "Fabrikam", "process": "agile"},
               "items": {"base.uat": {"id": "1234", "state": "Resolved",
                                      "status": "in-progress"}}},
     "jira":  {"meta": {"project": "ERP"},
               "items": {"base.uat": {"id": "ERP-12", "alt": "10012"}}},
     "mspdi": {"meta": {"project": "ERP rollout", "max_uid": "212"},
               "items": {"base.uat": {"id": "17", "alt": "4A6A…"},
                         "base.ccb-setup": {"id": "21", "alt": "9C1E…",
                                            "state": "deleted", "status": "cancelled"}}}}

``meta`` per tool: ``project`` (the tracker project the ids belong to: a file from
another project is refused), ``process`` (Azure Boards: the next export's work item
types), ``max_uid`` (MS Project: the highest UID the file had, so a task the kit adds
never takes the UID of a task added in MS Project).

``state``/``status`` per item (optional): the tracker's state at the last import and the
kit status it mapped to; the next export writes that state back while the kit's status
still maps to the same (:func:`generator.tracking.exports.kept_state`). For MS Project
the only state kept is ``deleted``: the planner deleted the task in MS Project and the
kit cancelled it; the MSPDI export leaves it out while the kit keeps it Cancelled and
writes it under its old UID (``id``) once the team reactivates it. Such an entry may have
no ``id`` (MS Project has since given its UID to another task). Files written before
these fields existed load unchanged (no state: nothing kept).

``load(target) -> (links, meta)`` (empty when there is no file; a damaged one raises
:class:`~generator.errors.InputError` naming it and the fix); ``dumps(links, meta) ->
bytes``; :func:`with_tracker_ids` puts the links into a Kit.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.i18n import _
from generator.kit_model import Kit, TrackerIds, TrackerLink
from generator.kit_model.tracking import DELETED

FILE = Path(".implkit") / "trackers.json"
TOOLS = ("ado", "jira", "mspdi")
MAX_BYTES = 16 * 1024 * 1024


Meta = dict[str, dict[str, str]]


def load(target: Path) -> tuple[tuple[TrackerLink, ...], Meta]:
    """``(links, meta per tool)`` of the kit at ``target``."""
    path = target / FILE
    if not path.is_file() or path.is_symlink():
        return (), {}
    from generator.readers import read_bytes

    data = read_bytes(
        path, limit=MAX_BYTES, fix=_("restore it from .implkit/backups/ or delete it")
    )
    return parse(data, path)


def _damaged(path: Path, err: Exception) -> InputError:
    return InputError.at(
        path,
        0,
        0,
        _(
            "the tracker id map is damaged ({reason}); restore it from .implkit/backups/ "
            "or delete it (the next import matches items by their ik: tags again)"
        ).format(reason=str(err) or type(err).__name__),
    )


def parse(data: bytes, path: Path) -> tuple[tuple[TrackerLink, ...], Meta]:
    """``(links, meta)`` of the file's bytes (``path`` names it in messages)."""
    try:
        loaded = json.loads(data.decode("utf-8"))
        links: list[TrackerLink] = []
        meta: Meta = {}
        for tool in TOOLS:
            section = loaded.get(tool) or {}
            meta[tool] = {str(k): str(v) for k, v in (section.get("meta") or {}).items()}
            for kit_id, entry in sorted((section.get("items") or {}).items()):
                state = str(entry.get("state") or "")
                links.append(
                    TrackerLink(
                        tool,
                        str(kit_id),
                        # a deleted task whose UID MS Project gave to another task has none
                        str(entry.get("id") or "") if state == DELETED else str(entry["id"]),
                        str(entry.get("alt") or ""),
                        state,
                        str(entry.get("status") or ""),
                    )
                )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise _damaged(path, err) from None  # RecursionError: JSON nested thousands deep
    return tuple(links), meta


def dumps(links: tuple[TrackerLink, ...], meta: Meta) -> bytes:
    """The file's bytes for ``links`` (sorted; the same links give the same bytes)."""
    data: dict[str, Any] = {"version": 1}
    for tool in TOOLS:
        items = {
            link.kit_id: _entry(link)
            for link in sorted(links, key=lambda k: k.kit_id)
            if link.tool == tool
        }
        info = {k: v for k, v in sorted((meta.get(tool) or {}).items()) if v}
        if items or info:
            data[tool] = {"meta": info, "items": items}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _entry(link: TrackerLink) -> dict[str, str]:
    """One item's JSON object: only the fields known (older files stay as they were)."""
    entry = {"id": link.tracker_id, "alt": link.alt_id, "state": link.state}
    if link.state:
        entry["status"] = link.status
    return {key: value for key, value in entry.items() if value}


def as_ids(links: tuple[TrackerLink, ...], meta: Meta) -> TrackerIds:
    """The Kit's view of ``links`` and ``meta``."""
    facts = tuple(
        (tool, key, value)
        for tool in TOOLS
        for key, value in sorted((meta.get(tool) or {}).items())
        if value
    )
    return TrackerIds(tuple(sorted(links, key=lambda k: (k.tool, k.kit_id))), facts)


def with_tracker_ids(kit: Kit, target: Path, staged: bytes | None = None) -> Kit:
    """``kit`` with the tracker ids of the kit folder at ``target`` (or of ``staged``, the
    id map an import is installing with this very build)."""
    links, meta = parse(staged, target / FILE) if staged is not None else load(target)
    return replace(kit, trackers=as_ids(links, meta)) if links or meta else kit

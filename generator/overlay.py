"""The project-level overlay: project.yaml as the last link of the pack's ``extends`` chain.

project.yaml may hold, beside the answers, items in the pack syntax
(:mod:`generator.packs.model`): ``tasks:``, ``risks:``, ``migration:``... added
with a new id, changed with ``override: true``, and ``remove: [id, ...]``. They
are merged after the pack (:func:`generator.packs.inherit.merge_layer`),
validated like a pack, and errors point at ``project.yaml:line:col``.

API
---
``OVERLAY_KEYS``
    The top-level keys of project.yaml that belong to the overlay, not the answers.
``overlay_layer(path) -> Layer | None``
    The overlay of the project.yaml at ``path`` (``None`` when it has none).
``overlay_from_text(text, file) -> Layer | None``
    The same for text in memory (``file`` is used in messages).
``lift_tasks(text, tasks) -> str``
    project.yaml text with ``tasks`` appended to its ``tasks:`` list, by a
    ruamel.yaml round trip (comments, order and layout of the rest kept).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.packs.model import KIT_SECTIONS

if TYPE_CHECKING:
    from generator.packs.inherit import Layer

OVERLAY_KEYS: tuple[str, ...] = (*KIT_SECTIONS, "remove")
OVERLAY_ID = "project"  # the layer's name in the chain (after the pack's own id)


@dataclass(frozen=True)
class LiftedTask:
    """A task typed into the Plan sheet, as it goes into project.yaml's ``tasks:``.

    ``duration`` in working days (whole or half); ``after`` the predecessor task ids
    (finish-to-start, with an optional lag in working days); ``owner`` a role id.
    """

    id: str
    name: str
    phase: str
    duration: float
    owner: str
    after: tuple[tuple[str, str, int], ...] = ()  # (task id, "FS"/"SS", lag)

    def as_yaml_data(self) -> dict[str, Any]:
        """The task as a plain mapping in the pack syntax."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "phase": self.phase,
            "duration": int(self.duration) if float(self.duration).is_integer() else self.duration,
            "owner": self.owner,
        }
        if self.after:
            data["after"] = [
                pred if (kind, lag) == ("FS", 0) else _dep(pred, kind, lag)
                for pred, kind, lag in self.after
            ]
        return data


def _dep(pred: str, kind: str, lag: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": pred}
    if kind != "FS":
        entry["type"] = kind
    if lag:
        entry["lag"] = lag
    return entry


def overlay_layer(path: Path) -> Layer | None:
    """The overlay held by the project.yaml at ``path``; ``None`` when it holds none.

    Raises :class:`InputError` (``project.yaml:line:col``) for a section that is not a
    list of items with ids, as a pack would.
    """
    from generator.packs.yamlio import load_yaml

    return _layer(load_yaml(path))


def overlay_from_text(text: str, file: str) -> Layer | None:
    """:func:`overlay_layer` for project.yaml text already in memory."""
    from generator.packs.yamlio import parse_yaml

    return _layer(parse_yaml(text, file))


def _layer(doc: Any) -> Layer | None:
    from generator.packs.inherit import Layer, Origin, as_list
    from generator.packs.model import ITEM_SECTIONS

    keys = [key for key in OVERLAY_KEYS if key in doc.data and doc.data[key] is not None]
    if not keys:
        return None
    layer = Layer(OVERLAY_ID, {name: [] for name in ITEM_SECTIONS}, [])
    rel = Path(doc.file).name
    problems: list[Problem] = []
    for key in keys:
        value = doc.data[key]
        if key == "remove":
            for index, entry in enumerate(as_list(value)):
                sub = ("remove", index) if isinstance(value, list) else ("remove",)
                if isinstance(entry, str):
                    layer.removes.append((Origin(doc, sub, OVERLAY_ID, rel), entry))
                else:
                    problems.append(
                        doc.problem(sub, _("remove: list the ids to drop, e.g. remove: [base.uat]"))
                    )
            continue
        if not isinstance(value, list):
            problems.append(
                doc.problem(
                    (key,),
                    _("'{key}' must be a list of items, each starting with '- id:'").format(
                        key=key
                    ),
                )
            )
            continue
        for index, raw in enumerate(value):
            origin = Origin(doc, (key, index), OVERLAY_ID, rel)
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                problems.append(
                    origin.problem(
                        (), _("each entry of '{key}' needs an 'id: ...' (text)").format(key=key)
                    )
                )
                continue
            layer.items[key].append((origin, raw))
    if problems:
        raise InputError(problems)
    return layer


def lift_tasks(text: str, tasks: Sequence[LiftedTask]) -> str:
    """project.yaml ``text`` with ``tasks`` appended to its ``tasks:`` list.

    A ruamel.yaml round trip: the answers, comments and layout stay as the user
    wrote them; a ``tasks:`` list is added at the end when there is none.
    """
    if not tasks:
        return text
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    if data is None:
        data = CommentedMap()
    existing = data.get("tasks")
    if not isinstance(existing, list):
        existing = CommentedSeq()
        data["tasks"] = existing
    for task in tasks:
        existing.append(CommentedMap(task.as_yaml_data()))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def next_task_id(taken: set[str], prefix: str = "project.task-") -> str:
    """The first ``project.task-N`` (N = 1, 2...) not in ``taken``."""
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def set_answer(text: str, key: str, value: str) -> str:
    """project.yaml ``text`` with the top-level answer ``key`` set to ``value`` (added at
    the end of the answers when missing), by a ruamel.yaml round trip."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    if key in data:
        data[key] = value
    else:
        keys = list(data)
        position = next((i for i, k in enumerate(keys) if k in OVERLAY_KEYS), len(keys))
        data.insert(position, key, value)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()

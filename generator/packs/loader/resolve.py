"""A whole chain validated item by item with pydantic and resolved into a
:class:`~generator.packs.resolved.ResolvedPack`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem
from generator.kit_model import Source
from generator.packs.hints import explain_errors
from generator.packs.inherit import Origin, RawItem
from generator.packs.loader.folder import Folder
from generator.packs.model import LocalizedText, PackMeta, Text
from generator.packs.references import Checked
from generator.packs.resolved import Located, ResolvedPack


def _validate(
    model: type[BaseModel],
    data: dict[str, Any],
    origin: Origin,
    raw: RawItem | None,
    section: str,
    problems: list[Problem],
) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        label = raw.label() if raw is not None else "pack"
        for path, message, at_key in explain_errors(err, model, data):
            if raw is not None:
                problems.append(raw.problem(path, f"{label}: {message}", key=at_key))
            else:
                problems.append(origin.problem(path, f"{label}: {message}", key=at_key))
        return None


def _resolved(
    meta: PackMeta, chain: list[Folder], checked: dict[str, list[Checked]]
) -> ResolvedPack:
    def located(section: str) -> tuple[Located[Any], ...]:
        return tuple(
            Located(c.item, Source(c.raw.where.pack, c.raw.where.rel, c.raw.where.line))
            for c in checked[section]
        )

    return ResolvedPack(
        meta=meta,
        chain=tuple(f.layer.id for f in chain),
        dirs=tuple(f.path for f in chain),
        roles=located("roles"),
        phases=located("phases"),
        gates=located("gates"),
        tasks=located("tasks"),
        ceremonies=located("ceremonies"),
        risks=located("risks"),
        stakeholders=located("stakeholders"),
        migration=located("migration"),
        cutover=located("cutover"),
        audiences=located("audiences"),
        courses=located("courses"),
        support=located("support"),
        lessons=located("lessons"),
        skills=located("skills"),
        blackouts=located("blackouts"),
        templates=located("templates"),
        names=tuple(_display_name(f) for f in chain),
    )


def _display_name(folder: Folder) -> Text:
    """The ``pack: name`` of ``folder`` as a Text (its id when the name is missing or bad)."""
    value = (folder.meta or {}).get("name")
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, dict):
        try:
            return LocalizedText.model_validate(value)
        except ValueError:
            pass
    return folder.layer.id

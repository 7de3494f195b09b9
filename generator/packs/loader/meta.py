"""The pack metadata of a chain: the rules a child inherits from its parents, a pack
format newer than this implkit, systems a pack does not declare."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.errors import Problem
from generator.packs.hints import did_you_mean
from generator.packs.inherit import Origin, as_list
from generator.packs.loader.find import display
from generator.packs.loader.folder import Folder
from generator.packs.model import CURRENT_FORMAT, PackMeta
from generator.packs.references import Checked

# pack-level rules a child pack inherits from its parents (field by field, the child's win)
INHERITED_META = ("rollout", "status_thresholds")


def _inherit_meta(meta: PackMeta, chain: list[Folder]) -> PackMeta:
    """The leaf's ``pack:`` with the rules of :data:`INHERITED_META` merged along the chain
    (mappings merged key by key, root first; lists and values replaced). A parent whose own
    ``pack:`` is broken is reported where it is; the leaf then keeps only its own rules."""
    merged: dict[str, Any] = {}
    for folder in chain:
        for key in INHERITED_META:
            value = (folder.meta or {}).get(key)
            if isinstance(value, dict):
                merged[key] = _deep(merged.get(key, {}), value)
    if not merged:
        return meta
    try:
        return PackMeta.model_validate({**meta.model_dump(exclude=set(merged)), **merged})
    except ValidationError:
        return meta


def _deep(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    out = dict(old)
    for key, value in new.items():
        out[key] = (
            _deep(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def _meta_origin(chain: list[Folder], path: tuple[str, ...]) -> Origin | None:
    """The ``pack:`` section that last wrote ``path``; None when no pack of the chain
    wrote it (a default is not checked: it names base's task, and a pack that does not
    extend base may never roll out in waves)."""
    for folder in reversed(chain):
        value: Any = folder.meta
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and folder.meta_origin is not None:
            return folder.meta_origin
    return None


def _future_format(chain: list[Folder]) -> list[Problem]:
    """The ``format:`` lines of packs written for a newer implkit (the only problem shown)."""
    found: list[Problem] = []
    for folder in chain:
        value = (folder.meta or {}).get("format")
        if isinstance(value, int) and not isinstance(value, bool) and value > CURRENT_FORMAT:
            found.append(
                _meta_problem(
                    folder.meta_origin,
                    folder,
                    ("format",),
                    f"pack '{folder.layer.id}' is written in format {value}, newer than this "
                    f"implkit reads (formats 1 to {CURRENT_FORMAT}): update implkit "
                    "(pip install -U implkit), then run the command again",
                )
            )
    return found


def _extends_broken(problems: list[Problem]) -> bool:
    """True when one of ``problems`` is an ``extends`` loop, self-reference or unknown parent."""
    return any(p.message.startswith(("extends:", "'extends' loop")) for p in problems)


def _unknown_systems(
    chain: list[Folder], checked: dict[str, list[Checked]]
) -> list[tuple[str, Problem]]:
    """``when: {systems: [...]}`` naming a system no pack of the chain lists, as (the pack
    that wrote the condition, problem).

    Such a condition can never hold, so the item would silently never appear.
    Systems compare case-insensitively, as :mod:`generator.conditions` does.
    """
    declared: dict[str, str] = {}
    for folder in chain:
        if isinstance(folder.meta, dict):
            for name in as_list(folder.meta.get("systems")):
                declared.setdefault(str(name).upper(), str(name))
    if not declared:
        return []
    problems: list[tuple[str, Problem]] = []
    for items in checked.values():
        for entry in items:
            when = getattr(entry.item, "when", None)
            for index, name in enumerate(getattr(when, "systems", None) or []):
                if name.upper() not in declared:
                    author = entry.raw.locate(("when",)).pack
                    problems.append(
                        (
                            author,
                            entry.raw.problem(
                                ("when", "systems", index),
                                f"{entry.raw.label()}: when: systems: {name!r} is not a system of "
                                f"this pack ({', '.join(declared.values())})"
                                f"{did_you_mean(name, declared.values())}; the item would never "
                                "be in a kit — correct the name or add it to the pack's systems",
                            ),
                        )
                    )
    return problems


def _meta_problem(
    where: Origin | None, folder: Folder, sub: tuple[str, ...], message: str
) -> Problem:
    if where is None:
        return Problem(display(folder.path), 0, 0, message)
    return where.problem(sub, message)

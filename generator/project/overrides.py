"""``--set KEY=VALUE`` overrides: dotted keys into the answers."""

from __future__ import annotations

from typing import Any

from generator.errors import InputError
from generator.project.read import _field_names
from generator.project.values import _did_you_mean


def apply_overrides(data: dict[str, Any], assignments: list[str]) -> dict[str, Any]:
    """Apply ``KEY=VALUE`` strings (dotted keys) to answer data; returns a new dict.

    Values are read as YAML scalars (``800`` -> int, ``2026-03-02`` -> date,
    ``ERP,MES`` stays text and is split where a list is expected).
    """
    import yaml

    result: dict[str, Any] = {**data}
    fields = _field_names()
    for assignment in assignments:
        key, sep, raw = assignment.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--set {assignment!r}: write KEY=VALUE, e.g. --set users=800")
        parts = key.split(".")
        if parts[0] not in fields:
            hint = _did_you_mean(parts[0], fields)
            raise InputError(f"--set {key}: unknown answer {parts[0]!r}{hint}")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except (yaml.YAMLError, ValueError):
            value = raw
        target = result
        for part in parts[:-1]:
            inner = target.get(part)
            inner = dict(inner) if isinstance(inner, dict) else {}
            target[part] = inner
            target = inner
        target[parts[-1]] = value
    return result

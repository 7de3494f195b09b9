"""The base of every pack model: strict models (unknown keys are errors), ids, the
pack format and the validators shared by the sections."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
SEMVER = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$"

# The pack format this implkit writes; a pack says which one it is written in with
# ``format:`` (none: format 1). See generator/packs/formats.py.
CURRENT_FORMAT = 2


class Strict(BaseModel):
    """Base: unknown keys are errors (the loader turns them into did-you-mean hints)."""

    # allow_inf_nan=False: `offset_hours: 1e309` is infinity, which no writer can hold
    # the docstring under each field is its description (JSON Schema, docs/packs.md),
    # read only when they are shown: generator.packs.model.docs
    # defer_build=True: a model's validator is made when it first validates; 18 of the 38
    # (the file model, items nested in others) never validate on their own in a load, and
    # making them was about a quarter of creating the models (new: ~50 ms)
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        defer_build=True,
    )


def _listify(value: Any) -> Any:
    """Accept a single value where a list is expected (``audiences: operator``)."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


def _yes_no(value: Any) -> Any:
    """YAML 1.1 turns ``yes``/``no`` into booleans; map them back."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


IdList = Annotated[list[Id], BeforeValidator(_listify)]

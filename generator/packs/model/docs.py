"""The descriptions of the pack fields, read from the docstring under each field.

Only the JSON Schema (:mod:`generator.packs.schema`) and the field reference of
docs/packs.md (:mod:`generator.packs.reference`) show them. pydantic's
``use_attribute_docstrings`` would read them when each model class is created, which
re-reads and parses the source of every class on every run of every command (about
0.15 s CPU, half of what creating the pack models costs); validation never uses them.
:func:`document_fields` gives the models the same descriptions when they are asked
for, once per process.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel


def document_fields(root: type[BaseModel]) -> None:
    """Give each field of ``root`` and of every model nested in it the docstring written
    under it as its description (a description set in ``Field()`` wins), as
    ``use_attribute_docstrings=True`` would have at class creation; then rebuild the
    models, inner ones first, so their JSON Schema shows them. Idempotent."""
    _document(root)


@cache
def _document(root: type[BaseModel]) -> None:
    for model in _inner_first(root):
        for name, info in model.model_fields.items():
            if info.description is None:
                info.description = _docstring_of(model, name)
        model.model_rebuild(force=True)


def _docstring_of(model: type[BaseModel], name: str) -> str | None:
    """The docstring under field ``name`` in the class that declares it (a field a model
    inherits keeps its parent's, as pydantic copies it at class creation)."""
    for klass in model.__mro__:
        if name in inspect.get_annotations(klass):
            return _docstrings(klass).get(name)
    return None


@cache
def _docstrings(klass: type) -> dict[str, str]:
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    # from the source (the class statement's frame is gone by now)
    return extract_docstrings_from_cls(klass, use_inspect=True)


def _inner_first(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and the models its fields hold, each after every model it holds."""
    order: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                visit(inner)
        order.append(model)

    visit(root)
    return order


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]

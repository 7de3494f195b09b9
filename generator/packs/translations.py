"""Translation completeness: every text a user reads, in every language a pack ships.

A text field is one typed :data:`~generator.packs.model.Text` (a plain string
or ``{en: ..., zh: ...}``). It is missing in a language when
:func:`~generator.packs.model.text_in` returns None for it (an empty optional
text is not missing). Each gap is a :class:`~generator.errors.Problem` at the
line of the field, naming the item and the field path.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.errors import Problem
from generator.packs.model import LocalizedText, text_in

Sub = tuple[str | int, ...]


def _mentions_text(annotation: Any) -> bool:
    """True when ``annotation`` is Text or contains it (a list of texts...).

    Asked for every field of every item of a pack (tens of thousands of times a
    validation) about the few dozen annotations the pack models declare: the answer is
    kept per process, keyed by the annotation itself (a bool: nothing a caller holds can
    change it). An annotation that cannot be hashed is walked each time."""
    try:
        return _kept_mentions_text(annotation)
    except TypeError:  # unhashable (an Annotated with unhashable metadata)
        return _walk_mentions_text(annotation)


@lru_cache(maxsize=1024)
def _kept_mentions_text(annotation: Any) -> bool:
    return _walk_mentions_text(annotation)


def _walk_mentions_text(annotation: Any) -> bool:
    if annotation is LocalizedText:
        return True
    origin = get_origin(annotation)
    if origin is Annotated:
        return _mentions_text(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple):
        return any(_mentions_text(arg) for arg in get_args(annotation))
    return False


def text_fields(model: BaseModel, sub: Sub = ()) -> Iterator[tuple[Sub, Any]]:
    """``(path, text)`` for every Text value in ``model``, nested models included."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        path: Sub = (*sub, name)
        if _mentions_text(info.annotation):
            if isinstance(value, list):
                for index, entry in enumerate(value):
                    yield (*path, index), entry
            else:
                yield path, value
        elif isinstance(value, BaseModel):
            yield from text_fields(value, path)
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from text_fields(entry, (*path, index))


def missing_texts(model: BaseModel, lang: str) -> list[Sub]:
    """Paths of the texts in ``model`` that have no ``lang`` version."""
    missing: list[Sub] = []
    for path, value in text_fields(model):
        if value is None or value == "" or not isinstance(value, (str, LocalizedText)):
            continue  # empty, or a number where a field takes a number or a text
        if isinstance(value, LocalizedText) and not (value.en or value.zh):
            continue
        if not text_in(value, lang):
            missing.append(path)
    return missing


def field_label(path: Sub) -> str:
    """``modules[2].topic`` style label of a field path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def translation_problem(label: str, path: Sub, lang: str, make: Any) -> Problem:
    """A Problem saying which text lacks ``lang``; ``make(path, message)`` places it."""
    field = field_label(path)
    other = "en" if lang == "zh" else "zh"
    message = f"{label}: '{field}' has no {lang} text; write it as {{{other}: ..., {lang}: ...}}"
    problem: Problem = make(path, message)
    return problem

"""Safe YAML loading that keeps positions and refuses dangerous or broken input.

API
---
``load_yaml(path, *, max_bytes=MAX_BYTES, max_nodes=MAX_NODES) -> YamlDoc``
    Read one YAML file. Returns plain Python data (``dict``/``list``/scalars)
    plus the position of every key and value.
``parse_yaml(text, file, *, max_nodes=MAX_NODES) -> YamlDoc``
    The same for text already in memory (``file`` is only used in messages).

A :class:`YamlDoc` has ``file`` (str, as given), ``data`` (the top-level
mapping; an empty file gives ``{}``) and :meth:`YamlDoc.where`: ``where(("tasks",
3, "duration"))`` -> ``(line, col)``, 1-based, of that value (``key=True``: of
its key). Paths use mapping keys (str) and 0-based list indexes (int), the same
shape as a pydantic error ``loc``. A path that does not exist falls back to its
nearest existing ancestor, so a "missing field" error points at the item.
:meth:`YamlDoc.problem` builds a :class:`~generator.errors.Problem` at a path.

Every refusal raises :class:`~generator.errors.InputError` with a
``Problem(file, line, col, message)`` that says what to do:

* files larger than ``max_bytes`` (default 2 MiB);
* bytes that are not UTF-8 (line and column of the first bad byte; a UTF-8
  BOM is accepted);
* YAML syntax errors, tabs used for indentation, more than one document,
  unknown ``!tags`` (YAML's line/column plus a hint in plain words);
* a key given twice in one mapping (both lines named);
* aliases that expand to more than ``max_nodes`` nodes (or one node per
  character of a larger file: "billion laughs") or that refer to themselves;
* a top level that is not a mapping;
* values nested more than ``MAX_DEPTH`` (64) levels deep — lists in lists or
  mappings in mappings; a pack item needs fewer than ten. The problem is
  reported at the line where the limit is crossed, however deep the file goes
  (no RecursionError).

Decisions: loading uses ``yaml.CSafeLoader`` (libyaml; ``yaml.SafeLoader``
when libyaml is missing, and to word syntax errors) to compose a node tree and
builds the Python data itself (never ``yaml.load`` with an unsafe loader). Mapping keys
are always strings, exactly as written (``on:``/``yes:``/``2026-01-01:`` stay
text); values follow YAML 1.1 as PyYAML's safe loader reads them (``yes`` ->
True, ``2026-01-05`` -> ``datetime.date``). Merge keys (``<<: *defaults``) are
supported; keys written in the mapping win over merged ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError, Problem
from generator.i18n import N_, _, translate
from generator.textcheck import fullwidth_hint, text_problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]
# libyaml (C) composes ~10x faster; same nodes, marks and safe constructors.
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


@dataclass(frozen=True)
class YamlDoc:
    """A loaded YAML file: data plus the positions of every key and value."""

    file: str
    data: dict[str, Any]
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict, repr=False)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict, repr=False)

    def where(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at ``path`` (``key=True``: of its key).

        Falls back to the nearest existing ancestor; ``(1, 1)`` when nothing matches.
        """
        probe: PathKey = tuple(path)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
            if probe in self.keys:
                return self.keys[probe]
        return self.values.get((), (1, 1))

    def problem(self, path: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A Problem at ``path`` in this file."""
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message)


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES) -> YamlDoc:
    """Read ``path`` safely (see module docstring); raise InputError on any problem."""
    file = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError.at(file, 0, 0, "file not found") from None
    except OSError as err:
        raise InputError.at(file, 0, 0, f"cannot read the file: {err.strerror}") from None
    if size > max_bytes:
        raise InputError.at(
            file,
            0,
            0,
            f"file is {_size(size)}, larger than the limit of {_size(max_bytes)}; "
            "split it into several smaller files in the same folder",
        )
    from generator.readers import open_regular

    with open_regular(path) as handle:  # a named pipe or a device is refused, never waited on
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:  # grew while we looked
        raise InputError.at(file, 0, 0, f"file is larger than the limit of {_size(max_bytes)}")
    return parse_yaml(decode_utf8(raw, file), file, max_nodes=max_nodes)


def decode_utf8(raw: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is dropped); name line/column of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        start = err.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8-sig", errors="replace")) + 1
        raise InputError.at(
            file,
            line,
            col,
            f"byte 0x{raw[start]:02x} is not UTF-8 text; save the file as UTF-8 "
            "(in most editors: File > Save with encoding > UTF-8)",
        ) from None


def parse_yaml(text: str, file: str, *, max_nodes: int = MAX_NODES) -> YamlDoc:
    """Parse YAML text (see module docstring); raise InputError on any problem.

    A text parsed twice before in this process is handed out as a copy of that parse
    (:func:`generator.packs.yamlkept.kept_parse`)."""
    from generator.packs.yamlkept import kept_parse

    return kept_parse(text, file, max_nodes, _parsed)


def _parsed(text: str, file: str, max_nodes: int) -> YamlDoc:
    """:func:`parse_yaml` of ``text``, parsed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _FastLoader(text)
    try:
        try:
            try:
                root = loader.get_single_node()
            except yaml.YAMLError:
                if _FastLoader is yaml.SafeLoader:
                    raise
                # libyaml's messages are terse: let the Python parser explain the problem.
                yaml.SafeLoader(text).get_single_node()
                raise
        except yaml.MarkedYAMLError as err:
            raise InputError([_syntax_problem(err, file, text)]) from None
        except yaml.reader.ReaderError as err:
            line, col = _offset_to_line_col(text, err.position)
            raise InputError.at(
                file,
                line,
                col,
                f"character {err.character!r} is not allowed in YAML; delete it "
                "(it is often invisible: retype the line)",
            ) from None
        except yaml.YAMLError as err:
            raise InputError.at(file, 0, 0, f"not valid YAML: {err}") from None
        except RecursionError:
            raise _too_deep(text, file) from None
        if root is None:
            return YamlDoc(file, {}, {(): (1, 1)}, {})
        # Without aliases a node takes at least two characters, so a large plain file
        # never reaches len(text) nodes; only alias expansion can.
        builder = _Builder(loader, file, max(max_nodes, len(text)))
        try:
            data = builder.build(root, ())
        except RecursionError:
            raise _too_deep(text, file) from None
        if not isinstance(data, dict):
            line, col = _mark(root)
            kind = "a list" if isinstance(data, list) else f"the single value {data!r}"
            hint = fullwidth_hint(str(data)[:200])
            raise InputError.at(
                file,
                line,
                col,
                f"the file holds {kind}; the top level must be a mapping of "
                "'section: ...' lines (for example 'tasks:')" + (f" — {hint}" if hint else ""),
            )
        return YamlDoc(file, data, builder.values, builder.keys)
    finally:
        loader.dispose()


class _Builder:
    """Turn a composed node tree into Python data, recording positions."""

    def __init__(self, loader: Any, file: str, max_nodes: int) -> None:
        self.loader = loader
        self.file = file
        self.max_nodes = max_nodes
        self.count = 0
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.active: set[int] = set()  # nodes being built: an alias to one of them is a loop

    def build(self, node: Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            line, col = _mark(node)
            raise InputError.at(
                self.file,
                line,
                col,
                f"the file expands to more than {self.max_nodes} values (aliases '*name' "
                "repeating anchors '&name'); write the content out instead of nesting aliases",
            )
        ident = id(node)
        if ident in self.active:
            line, col = _mark(node)
            raise InputError.at(
                self.file, line, col, "an alias refers to the item that contains it; remove it"
            )
        self.values.setdefault(path, _mark(node))
        if len(path) > MAX_DEPTH:
            line, col = _mark(node)
            raise InputError.at(self.file, line, col, _depth_message())
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if node.tag not in _PLAIN_TAGS:
            line, col = _mark(node)
            raise InputError.at(
                self.file,
                line,
                col,
                f"tag {node.tag!r} is not allowed; remove the '!' tag and write a plain value",
            )
        self.active.add(ident)
        try:
            if isinstance(node, SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
        finally:
            self.active.discard(ident)
        raise InputError.at(self.file, *_mark(node), "unsupported YAML node")  # pragma: no cover

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            why = text_problem(node.value)  # "\a" escapes, 40,000-character texts
            if why is not None:
                line, col = _mark(node)
                raise InputError.at(self.file, line, col, f"the text {why}")
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError as err:  # 2026-13-45: looks like a date, is not one
            line, col = _mark(node)
            what = "date" if node.tag.endswith(":timestamp") else "value"
            raise InputError.at(
                self.file,
                line,
                col,
                f"{node.value!r} is not a valid {what} ({err}); write a real date as "
                "YYYY-MM-DD, or put the value in quotes if it is text",
            ) from None
        except yaml.constructor.ConstructorError as err:
            line, col = _mark(node)
            detail = (err.problem or "").split(" for the tag")[0] or "cannot read this value"
            raise InputError.at(
                self.file,
                line,
                col,
                f"{detail} (tag {node.tag!r}); remove the '!' tag and write a plain value",
            ) from None

    def _key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            line, col = _mark(node)
            raise InputError.at(
                self.file, line, col, "a key must be a plain name, not a list or a mapping"
            )
        return str(node.value)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, tuple[int, int]] = {}
        merges: list[tuple[Node, PathKey]] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merges.append((value_node, path))
                continue
            key = self._key(key_node)
            where = _mark(key_node)
            if key in first_line:
                raise InputError.at(
                    self.file,
                    where[0],
                    where[1],
                    f"key '{key}' is given twice in the same block (lines "
                    f"{first_line[key][0]} and {where[0]}); keep one and delete the other",
                )
            first_line[key] = where
            child: PathKey = (*path, key)
            self.keys[child] = where
            result[key] = self.build(value_node, child)
        for merge_node, merge_path in merges:
            sources = merge_node.value if isinstance(merge_node, SequenceNode) else [merge_node]
            for source in sources:
                merged = self.build(source, (*merge_path, "<<"))
                if not isinstance(merged, dict):
                    line, col = _mark(source)
                    raise InputError.at(
                        self.file, line, col, "'<<' merges a mapping; point it at a '&name' mapping"
                    )
                for key, value in merged.items():
                    result.setdefault(key, value)
        return result


def _depth_message() -> str:
    return (
        f"values are nested more than {MAX_DEPTH} levels deep here (lists in lists or "
        "mappings in mappings); a pack item needs only a few levels: check the indentation "
        "and the brackets"
    )


def _too_deep(text: str, file: str) -> InputError:
    """Where ``text`` first nests deeper than MAX_DEPTH, found without recursion (events)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
                    return InputError.at(file, line, col, _depth_message())
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        if mark is not None:
            return InputError.at(file, mark.line + 1, mark.column + 1, _depth_message())
    return InputError.at(file, 0, 0, _depth_message())


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", N_("use spaces to indent, never tabs (set your editor to insert spaces)")),
    (
        "while scanning a quoted scalar",
        N_(
            "unclosed quote: the quote that starts here is never closed; close it on the same "
            "line, or remove it"
        ),
    ),
    (
        "expected <block end>",
        N_(
            "check the indentation: this line is indented differently from the lines above it; "
            "indent it with the same number of spaces as the other items at its level"
        ),
    ),
    (
        "mapping values are not allowed",
        N_("a value that contains ': ' must be put in quotes, or the line is indented wrongly"),
    ),
    (
        "could not find expected ':'",
        N_(
            "each line of a block needs 'key: value'; check for a missing colon or wrong indentation"
        ),
    ),
    (
        "did not find expected key",
        N_("this line's indentation does not match the lines above it; align it with its siblings"),
    ),
    (
        "did not find expected '-' indicator",
        N_("list items must all start with '-' at the same indentation"),
    ),
    (
        "found undefined alias",
        N_("an alias '*name' needs a matching anchor '&name' earlier in the file"),
    ),
    ("expected a single document", N_("a file holds one document; remove the extra '---' line")),
    (
        "found unexpected end of stream",
        N_("a quote or bracket is opened but never closed; close it on the same item"),
    ),
    (
        "while scanning a quoted scalar",
        N_("a quote is opened but never closed; close it or remove it"),
    ),
    (
        "found character '@' that cannot start any token",
        N_("a value starting with '@' or '`' must be put in quotes"),
    ),
    (
        "found character '`' that cannot start any token",
        N_("a value starting with '@' or '`' must be put in quotes"),
    ),
    (
        "while parsing a flow",
        N_(
            "check the brackets '[...]' / '{...}': every opened one must be closed, items separated by ','"
        ),
    ),
    ("found duplicate anchor", N_("each anchor '&name' may be defined once; rename one of them")),
)


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, source: str = "") -> Problem:
    """A YAML syntax error as a Problem with a hint a non-programmer can follow.

    Full-width punctuation typed by a Chinese input method (``：`` for ``:``) on
    the line of the error or the two before it is named first: it is the cause.
    """
    mark = err.problem_mark or err.context_mark
    if "quoted scalar" in (err.context or "") and err.context_mark is not None:
        mark = err.context_mark  # where the quote was opened, not the end of the file
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    what = " ".join(part for part in (err.context, err.problem) if part)
    text = f"{err.context or ''} {err.problem or ''}"
    hint = next((translate(h) for needle, h in _HINTS if needle in text), "")
    if line and source:
        lines = source.splitlines()
        for index in reversed(range(max(line - 3, 0), min(line, len(lines)))):
            wide = fullwidth_hint(lines[index])
            if wide:
                line, col, hint = index + 1, 1, wide
                break
    message = _("YAML syntax error: {what}").format(what=what) + (f" — {hint}" if hint else "")
    return Problem(file, line, col, message)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MiB"
    if count >= 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count} bytes"

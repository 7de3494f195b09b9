"""The Jinja sandbox pack templates render in, with limits on work, size and time.

Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` stops attribute tricks
(``__class__``, ``__globals__``) and ranges above 100,000 items, but not a
template that asks for ``10**10**10``, ``"x" * 10**9``, a text doubled forty times
through a namespace, two nested loops over 2 MB texts or an include of
``/etc/passwd``. :class:`LimitedSandbox` adds those limits; :func:`render_text`
turns every failure into an :class:`~generator.errors.InputError` at the template's
file and line.

Limits (per render of one template; :mod:`generator.limits` holds the numbers):

* size, checked *before* a value is made, not after: ``*``, ``+`` and ``~`` on texts
  or lists, the filters and methods that can multiply a text (``replace``,
  ``indent``, ``join``, ``batch``, ``slice``, ``format``, ``center``, ``ljust``,
  ``zfill``, ``expandtabs``, ``extend``...) and every value a filter or method
  returns: at most ``template_output`` characters or items (2 MiB); the output is
  counted while it is produced and stops at the same limit;
* work: ``range`` at most :data:`MAX_RANGE` items in total; the lines the template
  executes (its loops together) at most ``template_steps``; at most
  ``template_seconds`` of wall time;
* numbers: ``**`` results at most :data:`MAX_POWER` digits; ``%``/``format`` widths
  at most 999; ``center``/``indent``/``wordwrap`` widths at most 1,000;
* no loader: ``include``, ``import`` and ``extends`` are refused by
  :func:`forbidden_tags` before rendering; no ``lipsum``.

The step and time limits use a trace function on the template's own frames only
(``<template>``), installed for the render and removed after it.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import CodeType, FrameType
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.limits import current

MAX_OUTPUT = 2 * 1024 * 1024  # default of limits.template_output (characters)
MAX_RANGE = 10_000  # range() items in one render
MAX_POWER = 1_000  # decimal digits of a ** result
MAX_WIDTH = 1_000  # center/indent/wordwrap widths
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\d{4,}|\*)|%[-+ #0]*\d*\.(\d{4,}|\*)")
_WIDE_SPEC = re.compile(r"\{[^{}]*:[^{}]*(\d{4,}|\{)")  # '{:>99999}' or '{:{}}'
_SIZED = (str, list, tuple, dict, set, frozenset)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


class _Checked(CodeGenerator):
    """Compiles ``a ~ b ~ c`` to a join that checks the total length first."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedSandbox(SandboxedEnvironment):
    """A sandbox whose templates cannot ask for unbounded work, memory or other files."""

    intercepted_binops = frozenset(["**", "*", "%", "+"])
    code_generator_class = _Checked

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
        limits = current()
        self.max_output = limits.template_output
        self.budget = MAX_RANGE
        self.globals.pop("lipsum", None)
        self.globals["range"] = self._range
        for name in ("center", "indent", "wordwrap"):
            self.filters[name] = _capped(self.filters[name])
        for name, function in list(self.filters.items()):
            self.filters[name] = self._sized_filter(name, function)

    # --- size ----------------------------------------------------------------------------
    def check(self, size: int, what: str) -> None:
        """Refuse making a value of ``size`` characters or items (``what`` names the step)."""
        if size > self.max_output:
            raise SecurityError(
                f"{what} would make a text or list too large (more than "
                f"{self.max_output:,} characters or items)"
            )

    def joined(self, parts: Iterable[Any]) -> str:
        """``a ~ b ~ c``: the texts joined, their total length checked first."""
        texts = [str(part) for part in parts]
        self.check(sum(len(t) for t in texts), "'~'")
        return "".join(texts)

    def _range(self, *args: int) -> range:
        items = range(*args)
        self.budget -= len(items)
        if self.budget < 0:
            raise SecurityError(
                f"range() asks for more than {MAX_RANGE} items in one template; "
                "a template is a document, not a computation"
            )
        return items

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            ints = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
            if ints and right * math.log10(abs(left)) > MAX_POWER:
                raise SecurityError(f"{left} ** {right} is too large a number")
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    self.check(len(seq) * count, "'*'")
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self.check(len(left) + len(right), "'+'")
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a %-format width above 999 (or taken from '*') is not allowed")
        return self._result(super().call_binop(context, operator, left, right), operator)

    def _result(self, value: Any, what: str) -> Any:
        self.check(_size(value), what)
        return value

    # --- filters and methods -------------------------------------------------------------
    def _sized_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        env = self

        def sized(*args: Any, **kwargs: Any) -> Any:
            env._before_filter(name, args, kwargs)
            return env._result(function(*args, **kwargs), f"the filter '{name}'")

        for attribute in ("jinja_pass_arg",):  # pass_context/pass_environment markers
            if hasattr(function, attribute):
                setattr(sized, attribute, getattr(function, attribute))
        return sized

    def _before_filter(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        values = [a for a in args if not _is_jinja_object(a)]
        value = values[0] if values else None
        rest = values[1:]
        what = f"the filter '{name}'"
        if name == "replace" and isinstance(value, str) and len(rest) >= 2:
            old, new = str(rest[0]), str(rest[1])
            count = value.count(old) if old else len(value) + 1
            self.check(len(value) + count * max(len(new) - len(old), 0), what)
        elif name == "indent" and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4)
            pad = width if isinstance(width, int) else len(str(width))
            self.check(len(value) + (value.count("\n") + 1) * pad, what)
        elif name in ("batch", "slice") and rest and isinstance(rest[0], int):
            self.check(rest[0], what)
        elif name == "join" and isinstance(value, (list, tuple)):
            self.check(sum(len(str(v)) for v in value), what)
        elif name == "format" and isinstance(value, str) and _WIDE_FORMAT.search(value):
            raise SecurityError("a %-format width above 999 (or taken from '*') is not allowed")
        elif name == "sum" and isinstance(value, (list, tuple)):
            self.check(sum(_size(v) for v in value), what)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, (str, list)):
            __self._before_method(owner, name, args)
        result = super().call(__context, __obj, *args, **kwargs)
        return __self._result(result, f"'.{name}()'" if name else "a call")

    def _before_method(self, owner: str | list[Any], name: str, args: tuple[Any, ...]) -> None:
        what = f"'.{name}()'"
        first = args[0] if args else None
        if name in ("center", "ljust", "rjust", "zfill") and isinstance(first, int):
            self.check(first, what)
        elif name == "expandtabs" and isinstance(owner, str):
            tab = first if isinstance(first, int) else 8
            self.check(len(owner) + owner.count("\t") * tab, what)
        elif name == "replace" and isinstance(owner, str) and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            count = owner.count(old) if old else len(owner) + 1
            self.check(len(owner) + count * max(len(new) - len(old), 0), what)
        elif name == "join" and isinstance(first, (list, tuple)):
            self.check(sum(len(str(v)) for v in first) + len(owner) * len(first), what)
        elif name in ("extend", "__iadd__") and isinstance(first, (list, tuple, str)):
            self.check(len(owner) + len(first), what)
        elif name in ("append", "insert"):
            self.check(len(owner) + 1, what)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        spec = str(value.__self__)
        if _WIDE_SPEC.search(spec):
            raise SecurityError("a format width above 999 (or taken from '{}') is not allowed")
        env = self

        def checked(*args: Any, **kwargs: Any) -> str:
            result: str = wrapped(*args, **kwargs)
            env.check(len(result), "'.format()'")
            return result

        return checked


def _is_jinja_object(value: Any) -> bool:
    """A context, eval context or environment a filter receives before its value."""
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(value, (Context, EvalContext, SandboxedEnvironment))


def _capped(function: Any) -> Any:
    def capped(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > MAX_WIDTH:
            raise SecurityError(f"a width above {MAX_WIDTH} is not allowed")
        return function(value, width, *args, **kwargs)

    return capped


class _Budget:
    """Counts the lines a template executes and watches the clock (a trace function)."""

    def __init__(self, steps: int, seconds: float) -> None:
        self.steps = steps
        self.left = steps
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.line = 0  # the compiled line of the template that ran last

    def outer(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == "<template>":
            return self.inner
        return None  # Jinja's runtime and Python's own frames run untraced

    def inner(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.line = frame.f_lineno
            self.left -= 1
            if self.left < 0:
                raise SecurityError(
                    f"the template runs more than {self.steps:,} steps (loops over long "
                    "texts or lists); a template is a document, not a computation"
                )
            if not self.left & 1023 and time.monotonic() > self.deadline:
                raise SecurityError(f"the template takes more than {self.seconds:g} seconds")
        return self.inner


def forbidden_tags(tree: nodes.Template) -> list[tuple[int, str]]:
    """``(line, tag)`` of every include/import/from/extends in a parsed template."""
    tags = {
        nodes.Include: "include",
        nodes.Import: "import",
        nodes.FromImport: "from ... import",
        nodes.Extends: "extends",
    }
    # one walk of the tree for the four kinds (these node classes have no subclasses)
    return sorted((node.lineno, tags[type(node)]) for node in tree.find_all(tuple(tags)))


def render_text(source: str, context: dict[str, Any], where: str) -> str:
    """Render ``source`` in a fresh :class:`LimitedSandbox`; InputError at ``where``:line.

    A text without ``{`` (no ``{{``, ``{%`` or ``{#``) and without a carriage return is
    returned as it is, which is what Jinja makes of it (a file name, a plain page): no
    sandbox is made, nothing parsed or compiled."""
    if "{" not in source and "\r" not in source and len(source) <= current().template_output:
        return source
    from generator.template_code import shipped_code

    env = LimitedSandbox()
    # a built-in pack's template comes compiled by this sandbox, its tags checked when it
    # was compiled (generator/template_code.py); any other text is parsed and checked now
    ready = shipped_code(source) or _parsed(env, source, where)
    limits = current()
    budget = _Budget(limits.template_steps, limits.template_seconds)
    previous = sys.gettrace()
    try:
        if isinstance(ready, CodeType):
            template = env.template_class.from_code(env, ready, env.make_globals(None), None)
        else:
            template = env.from_string(ready)
        size = 0
        parts: list[str] = []
        sys.settrace(budget.outer)
        try:
            for part in template.generate(context):
                size += len(part)
                if size > env.max_output:
                    break
                parts.append(part)
        finally:
            sys.settrace(previous)
        if size > env.max_output:  # at the line whose output crossed the limit
            raise InputError.at(
                where,
                template.get_corresponding_lineno(budget.line) if budget.line else 0,
                1,
                f"not allowed in a pack template: the rendered text is longer than "
                f"{env.max_output:,} characters",
            )
        return "".join(parts)
    except (SecurityError, OverflowError, MemoryError, RecursionError) as err:
        raise InputError.at(
            where, _line_of(err), 1, f"not allowed in a pack template: {err}"
        ) from err
    except TemplateError as err:
        known = ", ".join(sorted(context.get("cookiecutter", {})))
        raise InputError.at(
            where,
            _line_of(err),
            1,
            f"{err}; the variables are cookiecutter.<name> with <name> one of: {known}",
        ) from err
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as err:
        raise InputError.at(where, _line_of(err), 1, f"template error: {err}") from err


def _parsed(env: LimitedSandbox, source: str, where: str) -> nodes.Template:
    """``source`` parsed; InputError at ``where``:line for bad syntax or a forbidden tag."""
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as err:
        raise InputError.at(where, err.lineno or 0, 1, f"template syntax: {err.message}") from err
    tags = forbidden_tags(tree)
    if tags:
        raise InputError(
            [
                Problem(
                    where,
                    line,
                    1,
                    _(
                        "'{tag}' is not allowed in a pack template: a template is one "
                        "self-contained file; copy the text in instead"
                    ).format(tag=tag),
                )
                for line, tag in tags
            ]
        )
    return tree


def _line_of(err: BaseException) -> int:
    """The template line an error was raised at (Jinja rewrites tracebacks to the template)."""
    line = getattr(err, "lineno", None) or 0
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def unknown_variables(source: str, where: str, known: Iterable[str]) -> list[Problem]:
    """``cookiecutter.<name>`` (or ``cookiecutter['name']``) uses whose name is not known."""
    found = _cookiecutter_uses(source)
    if isinstance(found, _SyntaxProblem):
        return [Problem(where, found.line, 1, f"template syntax: {found.message}")]
    names = set(known)
    problems: list[Problem] = []
    for attr, line in found:
        if attr not in names:
            from generator.packs.hints import did_you_mean

            problems.append(
                Problem(
                    where,
                    line,
                    1,
                    f"unknown variable cookiecutter.{attr}{did_you_mean(str(attr), names)}; "
                    f"the variables are: {', '.join(sorted(names))}",
                )
            )
    return problems


class _SyntaxProblem(NamedTuple):
    """A template that does not parse: its line and Jinja's message."""

    line: int
    message: str | None


_KEPT_SOURCE_CHARS = 1 << 16  # templates longer than this are parsed at every check


def _cookiecutter_uses(source: str) -> tuple[tuple[object, int], ...] | _SyntaxProblem:
    """The ``cookiecutter.<name>`` uses of ``source`` in order, as (name, line), or the
    syntax problem that stops it parsing. ``implkit packs validate`` checks every
    template of a pack at each call: a text parsed before in this process is answered
    from :func:`_kept_uses` (keyed by the text; an immutable tuple)."""
    if len(source) > _KEPT_SOURCE_CHARS:
        return _walk_uses(source)
    return _kept_uses(source)


@lru_cache(maxsize=512)
def _kept_uses(source: str) -> tuple[tuple[object, int], ...] | _SyntaxProblem:
    return _walk_uses(source)


def _walk_uses(source: str) -> tuple[tuple[object, int], ...] | _SyntaxProblem:
    env = LimitedSandbox()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as err:
        return _SyntaxProblem(err.lineno or 0, err.message)
    uses: list[tuple[object, int]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        target = getattr(node, "node", None)
        if not (isinstance(target, nodes.Name) and target.name == "cookiecutter"):
            continue
        if isinstance(node, nodes.Getattr):
            attr: object = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attr = node.arg.value
        else:
            continue
        uses.append((attr, node.lineno))
    return tuple(uses)

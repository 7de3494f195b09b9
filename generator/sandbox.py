"""The Jinja sandbox pack templates render in, with limits on work and size.

Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` stops attribute tricks
(``__class__``, ``__globals__``) and ranges above 100,000 items, but not a
template that asks for ``10**10**10``, ``"x" * 10**9``, two nested
``range(100000)`` loops or an include of ``/etc/passwd``. :class:`LimitedSandbox`
adds those limits; :func:`render_text` turns every failure into an
:class:`~generator.errors.InputError` at the template's file and line.

Limits (per render of one template): the integer operands of ``**`` at most
:data:`MAX_POWER` digits of result; ``*`` and ``%`` on texts or lists at most
:data:`MAX_OUTPUT` characters or items; ``range`` at most :data:`MAX_RANGE`
items in total; ``center``/``indent``/``wordwrap`` widths at most 1,000; the
output at most :data:`MAX_OUTPUT` characters. No loader: ``include``,
``import`` and ``extends`` are refused by :func:`forbidden_tags` before
rendering.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from generator.errors import InputError, Problem
from generator.i18n import _

MAX_OUTPUT = 2 * 1024 * 1024  # characters of one rendered template
MAX_RANGE = 10_000  # range() items in one render
MAX_POWER = 1_000  # decimal digits of a ** result
MAX_WIDTH = 1_000  # center/indent/wordwrap widths
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{4,}|%[-+ #0]*\d*\.\d{4,}")


class LimitedSandbox(SandboxedEnvironment):
    """A sandbox whose templates cannot ask for unbounded work, memory or other files."""

    intercepted_binops = frozenset(["**", "*", "%"])

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
        self.budget = MAX_RANGE
        self.globals.pop("lipsum", None)
        self.globals["range"] = self._range
        for name in ("center", "indent", "wordwrap"):
            self.filters[name] = _capped(self.filters[name])

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
                sized = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                if sized and len(seq) * count > MAX_OUTPUT:
                    raise SecurityError("repeating a text or list this often is too large")
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a %-format width above 999 is not allowed")
        return super().call_binop(context, operator, left, right)


def _capped(function: Any) -> Any:
    def capped(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > MAX_WIDTH:
            raise SecurityError(f"a width above {MAX_WIDTH} is not allowed")
        return function(value, width, *args, **kwargs)

    return capped


def forbidden_tags(tree: nodes.Template) -> list[tuple[int, str]]:
    """``(line, tag)`` of every include/import/from/extends in a parsed template."""
    found: list[tuple[int, str]] = []
    for kind, tag in (
        (nodes.Include, "include"),
        (nodes.Import, "import"),
        (nodes.FromImport, "from ... import"),
        (nodes.Extends, "extends"),
    ):
        found += [(node.lineno, tag) for node in tree.find_all(kind)]
    return sorted(found)


def render_text(source: str, context: dict[str, Any], where: str) -> str:
    """Render ``source`` in a fresh :class:`LimitedSandbox`; InputError at ``where``:line."""
    env = LimitedSandbox()
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
    try:
        template = env.from_string(tree)
        size = 0
        parts: list[str] = []
        for part in template.generate(context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the rendered text is longer than {MAX_OUTPUT} characters")
            parts.append(part)
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
    env = LimitedSandbox()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as err:
        return [Problem(where, err.lineno or 0, 1, f"template syntax: {err.message}")]
    names = set(known)
    problems: list[Problem] = []
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
        if attr not in names:
            from generator.packs.hints import did_you_mean

            problems.append(
                Problem(
                    where,
                    node.lineno,
                    1,
                    f"unknown variable cookiecutter.{attr}{did_you_mean(str(attr), names)}; "
                    f"the variables are: {', '.join(sorted(names))}",
                )
            )
    return problems

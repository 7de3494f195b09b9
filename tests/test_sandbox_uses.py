"""The template variable check (generator.sandbox.unknown_variables) with each template's
``cookiecutter.<name>`` uses kept per process by its text: the same problems as a fresh
parse, for whatever names a call knows; syntax errors told every time."""

from __future__ import annotations

from generator import sandbox

SOURCE = "{{ cookiecutter.client }}\n{% if cookiecutter['industy'] %}x{% endif %}\n{{ other.x }}\n"


def test_kept_uses_give_each_call_its_own_problems() -> None:
    sandbox._kept_uses.cache_clear()
    first = sandbox.unknown_variables(SOURCE, "t.md", ["client", "industry"])
    again = sandbox.unknown_variables(SOURCE, "t.md", ["client", "industry"])
    assert sandbox._kept_uses.cache_info().hits >= 1
    assert first == again
    assert [(p.line, p.message.split(";")[0]) for p in first] == [
        (2, "unknown variable cookiecutter.industy — did you mean 'industry'?")
    ]
    other = sandbox.unknown_variables(SOURCE, "u.md", ["industy"])  # other names, other file
    assert [(p.file, p.line) for p in other] == [("u.md", 1)]
    assert sandbox._kept_uses(SOURCE) == sandbox._walk_uses(SOURCE)


def test_syntax_errors_are_told_every_time_and_long_texts_are_not_kept() -> None:
    broken = "{% if cookiecutter.x %}never closed\n"
    told = [sandbox.unknown_variables(broken, "b.md", ["x"]) for _ in range(2)]
    assert told[0] == told[1]
    assert told[0][0].message.startswith("template syntax: ")
    sandbox._kept_uses.cache_clear()
    long = SOURCE + "x" * sandbox._KEPT_SOURCE_CHARS
    assert sandbox.unknown_variables(long, "l.md", ["client"])[0].line == 2
    assert sandbox._kept_uses.cache_info().currsize == 0

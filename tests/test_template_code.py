"""The built-in templates shipped compiled (generator/template_code.py): current, complete,
rendering exactly what the sandbox renders from the text, and used for nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import template_code
from generator.errors import InputError
from generator.sandbox import LimitedSandbox, render_text
from generator.template_code import MAGIC, TABLE, builtin_texts, shipped_code, table_key
from generator.templates import sample_context

REGENERATE = "stale: run `python -m generator.template_code` and commit the table"


def test_the_table_is_current_and_has_every_builtin_template() -> None:
    head = TABLE.read_bytes().split(b"\n", 1)[0]
    assert head == MAGIC + b" " + table_key().encode("ascii"), REGENERATE
    missing = [text[:60] for text in builtin_texts() if shipped_code(text) is None]
    assert not missing, REGENERATE


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_code_renders_what_the_text_renders(lang: str) -> None:
    context = {"cookiecutter": sample_context(lang)}
    texts = builtin_texts()
    assert texts
    for text in texts:
        code = shipped_code(text)
        assert code is not None
        env = LimitedSandbox()
        shipped = env.template_class.from_code(env, code, env.make_globals(None), None)
        fresh = LimitedSandbox().from_string(text)
        assert shipped.render(context) == fresh.render(context)
        assert render_text(text, context, "x") == fresh.render(context)


def test_other_texts_are_parsed_and_checked() -> None:
    assert shipped_code("{{ cookiecutter.client }} and more") is None
    with pytest.raises(InputError) as err:
        render_text("line\n{% include 'x' %}", {"cookiecutter": {}}, "t.md")
    assert err.value.problems[0].line == 2


def test_a_stale_table_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = builtin_texts()[0]
    stale = tmp_path / "templates.code"
    data = TABLE.read_bytes()
    stale.write_bytes(data.replace(MAGIC + b" ", MAGIC + b" 0", 1))
    monkeypatch.setattr(template_code, "TABLE", stale)
    template_code._table.cache_clear()
    try:
        assert shipped_code(text) is None
        stale.unlink()
        assert shipped_code(text) is None
    finally:
        monkeypatch.undo()
        template_code._table.cache_clear()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert key in template_code._table()  # the shipped table again

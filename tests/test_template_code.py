"""The built-in templates shipped compiled (generator/template_code.py): current, complete,
rendering exactly what the sandbox renders from the text, and used for nothing else."""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path

import pytest

from generator import template_code
from generator.errors import InputError
from generator.sandbox import LimitedSandbox, render_text
from generator.template_code import MAGIC, TABLE, builtin_texts, shipped_code, table_key
from generator.templates import sample_context

REGENERATE = "stale: run `python -m generator.template_code` and commit the table"


@pytest.fixture
def usable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A table the running Python and Jinja use: the shipped one, or (under other
    versions, where the shipped table is not used) the templates compiled afresh, so the
    tests below see the mechanism work under any versions."""
    if TABLE.read_bytes().split(b"\n", 1)[0] != template_code.header():
        fresh = tmp_path / "templates.code"
        fresh.write_bytes(template_code.compiled_table())
        monkeypatch.setattr(template_code, "TABLE", fresh)
    template_code._table.cache_clear()
    yield template_code.TABLE
    monkeypatch.undo()
    template_code._table.cache_clear()


def test_the_table_is_current() -> None:
    parts = TABLE.read_bytes().split(b"\n", 1)[0].split(b" ")
    assert b" ".join(parts[:2]) == MAGIC, REGENERATE
    assert parts[2].decode("ascii") == table_key(), REGENERATE  # the versions decide use only
    shipped = set(marshal.loads(zlib.decompress(TABLE.read_bytes().split(b"\n", 1)[1])))
    missing = [
        t[:60] for t in builtin_texts() if sha256(t.encode("utf-8")).hexdigest() not in shipped
    ]
    assert not missing, REGENERATE


def test_every_builtin_template_is_used_from_the_table(usable: Path) -> None:
    missing = [text[:60] for text in builtin_texts() if shipped_code(text) is None]
    assert not missing


def test_other_versions_of_python_or_jinja_parse_the_templates(
    usable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = builtin_texts()[0]
    assert shipped_code(text) is not None
    monkeypatch.setattr(template_code, "environment", lambda: "python3.99-jinja2-9.0")
    template_code._table.cache_clear()
    assert shipped_code(text) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_code_renders_what_the_text_renders(lang: str, usable: Path) -> None:
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


def test_a_stale_or_damaged_table_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, usable: Path
) -> None:
    text = builtin_texts()[0]
    data = usable.read_bytes()
    stale = tmp_path / "stale.code"
    monkeypatch.setattr(template_code, "TABLE", stale)
    for damaged in (
        data.replace(MAGIC + b" ", MAGIC + b" 0", 1),  # another key: an edited sandbox
        data[: data.index(b"\n") + 1] + b"cut short",
    ):
        stale.write_bytes(damaged)
        template_code._table.cache_clear()
        assert shipped_code(text) is None
    stale.unlink()
    template_code._table.cache_clear()
    assert shipped_code(text) is None
    monkeypatch.setattr(template_code, "TABLE", usable)
    template_code._table.cache_clear()
    assert shipped_code(text) is not None  # the usable table again

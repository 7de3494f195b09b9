"""Template exhaustion: a pack template cannot take memory, time or loops without bound.

Each hostile template is refused while it renders (before the text or list is made),
at the template's file:line, in well under the limits' time; through the commands
(`packs validate`, `new`, `build`) it is exit 2 naming the file, nothing written, the
kit as it was and nothing beside it, under HOME or in TMPDIR.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import InputError
from generator.limits import overridden
from generator.sandbox import render_text
from tests.hostile import Watch, kit_state, private_tmpdir
from tests.mini_packs import write_mini

START = "2026-03-02"

HOSTILE = {
    "doubling through a namespace (~)": (
        "{% set ns = namespace(s='x') %}\n{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        2,
        "'~' would make a text or list too large",
    ),
    "doubling through a namespace (+)": (
        "{% set ns = namespace(s='x') %}\n{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        2,
        "'+' would make",
    ),
    "doubling a list": (
        "{% set ns = namespace(l=[1]) %}\n\n{% for i in range(64) %}"
        "{% set ns.l = ns.l + ns.l %}{% endfor %}",
        3,
        "'+' would make",
    ),
    "extend a list by itself": (
        "{% set l = [1] %}\n{% for i in range(64) %}{{ l.extend(l) }}{% endfor %}",
        2,
        "'.extend()' would make",
    ),
    "nested loops over two long texts": (
        "{% set s = 'x' * 2000000 %}\n{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        2,
        "runs more than",
    ),
    "replace multiplying a text": (
        "{% set s = 'x' * 2000000 %}\n\n{{ s|replace('x', s) }}",
        3,
        "the filter 'replace' would make",
    ),
    "str.replace multiplying a text": (
        "{% set s = 'x' * 2000000 %}\n{{ s.replace('x', s) }}",
        2,
        "'.replace()' would make",
    ),
    "indent of many lines": ("{% set s = '\\n' * 2000000 %}\n{{ s|indent(999) }}", 2, "'indent'"),
    "join": ("{% set s = 'x' * 2000000 %}\n{{ [s, s]|join }}", 2, "'join'"),
    "a long ~ chain": ("{% set s = 'x' * 1500000 %}\n{{ s ~ s ~ s }}", 2, "'~'"),
    "format width": ("x\n{{ '{:>999999999}'.format(1) }}", 2, "format width"),
    "format width from an argument": ("{{ '{:{}}'.format(1, 999999999) }}", 1, "format width"),
    "%-width from an argument": ("{{ '%*s' % (999999999, 'x') }}", 1, "%-format width"),
    "ljust": ("{{ 'x'.ljust(999999999) }}", 1, "'.ljust()'"),
    "batch padding": ("{{ 'x'|batch(999999999, 'y')|list|length }}", 1, "'batch'"),
    "slice": ("{{ 'x'|slice(999999999)|list|length }}", 1, "'slice'"),
    "output built piece by piece": (
        "{% set s = 'x' * 2000000 %}\n{{ s }}{{ s }}",
        2,
        "rendered text is longer than",
    ),
}


@pytest.mark.parametrize(("source", "line", "needle"), HOSTILE.values(), ids=HOSTILE.keys())
def test_exhausting_templates_are_refused_at_their_line(
    source: str, line: int, needle: str
) -> None:
    began = time.monotonic()
    with pytest.raises(InputError) as caught:
        render_text(source, {"cookiecutter": {"client": "Acme"}}, "/pack/templates/a.md")
    assert time.monotonic() - began < 20
    (problem,) = caught.value.problems
    assert problem.file == "/pack/templates/a.md" and problem.line == line, problem
    assert needle in problem.message, problem


def test_a_slow_template_is_stopped_by_the_clock() -> None:
    source = "a\n{% for i in range(5000) %}{{ i }}{% endfor %}"
    with overridden(template_seconds=0.0), pytest.raises(InputError) as caught:
        render_text(source, {}, "t.md")
    assert "takes more than 0 seconds" in str(caught.value) and "t.md:2:" in str(caught.value)


def test_the_step_limit_is_per_template_and_real_templates_pass() -> None:
    loop = "{% for i in range(3000) %}{{ i }}{% endfor %}"
    with overridden(template_steps=2000), pytest.raises(InputError):
        render_text(loop, {}, "t.md")
    assert len(render_text(loop, {}, "t.md")) > 3000
    assert render_text("{{ 'ab' ~ 'cd' }} {{ [1, 2]|join(',') }}", {}, "t.md") == "abcd 1,2"


@pytest.mark.parametrize(
    "text",
    [
        "01-prepare/kickoff-agenda.md",
        "# Title\n\nA line.\n",
        "two trailing newlines\n\n",
        "\n",
        "",
        "客户 · 项目\t制表符 } 右括号 %} #}\n",
        "a\x00b  trailing spaces   ",
    ],
)
def test_a_text_without_jinja_syntax_renders_to_itself_as_jinja_renders_it(text: str) -> None:
    from generator.sandbox import LimitedSandbox

    assert render_text(text, {"cookiecutter": {}}, "/pack/templates/a.md") == text
    assert LimitedSandbox().from_string(text).render(cookiecutter={}) == text


def test_tracing_is_removed_after_a_render() -> None:
    import sys

    before = sys.gettrace()
    with pytest.raises(InputError):
        render_text("{% for a in 'x' * 2000000 %}{{ a }}{% endfor %}", {}, "t.md")
    render_text("fine", {}, "t.md")
    assert sys.gettrace() is before


# --- through the commands ------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    private_tmpdir(monkeypatch, tmp_path / "tmpdir")
    root = tmp_path / "packs"
    write_mini(root)
    return root


def _hostile_template(packs: Path) -> Path:
    source, _line, _needle = HOSTILE["doubling through a namespace (~)"]
    path = packs / "mini" / "templates" / "01-prepare" / "agenda.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_validate_and_new_refuse_the_template_naming_its_line(packs: Path, tmp_path: Path) -> None:
    template = _hostile_template(packs)
    code, output = run("packs", "validate", str(packs / "mini"))
    assert code == 2 and f"{template}:2:" in output, output
    out = tmp_path / "place" / "kit"
    out.parent.mkdir()
    watch = Watch(out)
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(out), "--start", START
    )
    assert code == 2 and f"{template}:2:" in output and "Traceback" not in output, output
    assert not out.exists()
    watch.assert_untouched()


def test_build_refuses_a_template_that_turned_hostile_and_keeps_the_kit(
    packs: Path, tmp_path: Path
) -> None:
    kit = tmp_path / "place" / "kit"
    kit.parent.mkdir()
    code, output = run(
        "new", "mini", "--packs-dir", str(packs), "--out", str(kit), "--start", START
    )
    assert code == 0, output
    template = _hostile_template(packs)
    before = kit_state(kit)
    watch = Watch(kit)
    code, output = run("build", str(kit), "--packs-dir", str(packs))
    assert code == 2 and f"{template}:2:" in output, output
    assert kit_state(kit) == before
    watch.assert_untouched()
    shutil.rmtree(template.parent)

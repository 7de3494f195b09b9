"""Pack templates render in a sandbox and never leave the project folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.templates import collect_templates, hook_files, render_templates
from tests.sample_kit import sample_kit


def _pack(root: Path, name: str, files: dict[str, str | bytes]) -> tuple[str, Path]:
    folder = root / name
    for relative, content in files.items():
        path = folder / "templates" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    return name, folder


def test_child_file_replaces_parent_and_answers_render(tmp_path: Path) -> None:
    base = _pack(
        tmp_path, "base", {"01-prepare/agenda.md": "base {{ cookiecutter.client }}", "a.md": "A"}
    )
    child = _pack(
        tmp_path,
        "child",
        {"01-prepare/agenda.md": "child {{ cookiecutter.client }} {{ cookiecutter.go_live }}"},
    )
    kit = sample_kit("zh")
    files = render_templates(kit, collect_templates([base, child]))
    by_path = {f.path: f.data.decode("utf-8") for f in files}
    assert by_path["01-prepare/agenda.md"] == f"child {kit.project.client} {kit.project.go_live}"
    assert by_path["a.md"] == "A"


def test_binary_files_are_copied_unrendered(tmp_path: Path) -> None:
    blob = b"\x89PNG\r\n\x1a\n\xff\xfe{{ x }}"
    pack = _pack(tmp_path, "p", {"logo.png": blob})
    (rendered,) = render_templates(sample_kit(), collect_templates([pack]))
    assert rendered.data == blob


@pytest.mark.parametrize(
    "name",
    ["../escape.md", "{{ cookiecutter.client }}.md", "/etc/x.md", "a/../../b.md", "C:/x.md"],
)
def test_names_that_leave_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    kit = sample_kit("en")
    kit = replace(kit, project=replace(kit.project, client="../../outside"))
    pack = _pack(tmp_path, "p", {})
    target = pack[1] / "templates" / "x.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x", encoding="utf-8")
    # the template path itself is the attack: put the name in a template file name
    templates = collect_templates([pack])
    bad = [replace(templates[0], relative=name)]
    with pytest.raises(InputError) as err:
        render_templates(kit, bad)
    assert "leave the project folder" in str(err.value)
    assert not (tmp_path / "escape.md").exists()


def test_sandbox_blocks_attribute_escapes(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path, "p", {"evil.md": "{{ cookiecutter.__class__.__mro__[1].__subclasses__() }}"}
    )
    with pytest.raises(InputError) as err:
        render_templates(sample_kit(), collect_templates([pack]))
    assert "evil.md" in str(err.value)


def test_unknown_variable_names_file_and_lists_variables(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "p", {"x.md": "hello {{ cookiecutter.clent }}"})
    with pytest.raises(InputError) as err:
        render_templates(sample_kit(), collect_templates([pack]))
    text = str(err.value)
    assert "x.md" in text and "client" in text


def test_syntax_error_names_line(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "p", {"x.md": "line one\n{% if %}\n"})
    with pytest.raises(InputError) as err:
        render_templates(sample_kit(), collect_templates([pack]))
    assert err.value.problems[0].line == 2


def test_symlinks_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    pack = _pack(tmp_path, "p", {"ok.md": "ok"})
    (pack[1] / "templates" / "link.md").symlink_to(outside)
    with pytest.raises(InputError) as err:
        collect_templates([pack])
    assert "symbolic links" in str(err.value)


def test_hooks_found_child_overrides(tmp_path: Path) -> None:
    a = _pack(tmp_path, "a", {})
    b = _pack(tmp_path, "b", {})
    for folder in (a[1], b[1]):
        (folder / "hooks").mkdir()
        (folder / "hooks" / "post_gen_project.py").write_text("print(1)", encoding="utf-8")
    (a[1] / "hooks" / "notes.txt").write_text("x", encoding="utf-8")
    hooks = hook_files([a, b])
    assert list(hooks) == ["post_gen_project.py"]
    assert hooks["post_gen_project.py"].parent.parent == b[1]


# --- sandbox limits, encodings, packs validate checks templates --------------------


@pytest.mark.parametrize(
    ("source", "line", "needle"),
    [
        ("ok\n{% include '/etc/passwd' %}", 2, "'include' is not allowed"),
        ("{% import 'x.j2' as x %}", 1, "'import' is not allowed"),
        ("{% extends '/etc/hosts' %}", 1, "'extends' is not allowed"),
        ("a\nb\n{{ range(10**9) | list | length }}", 3, "not allowed in a pack template"),
        (
            "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}",
            1,
            "range",
        ),
        ("{{ 10**100000 }}", 1, "too large a number"),
        ("\n{{ 'x' * 10**9 }}", 2, "too large"),
        ("{{ '%999999999d' % 1 }}", 1, "width"),
        ("{{ 'a' | center(10**9) }}", 1, "width above"),
        ("{{ lipsum(10**6) }}", 1, "lipsum"),
        ("{{ ''.__class__.__mro__ }}", 1, "not allowed"),
        ("x\n{{ cookiecutter.nope }}", 2, "nope"),
        ("{% if %}", 1, "template syntax"),
    ],
)
def test_hostile_templates_are_refused_with_file_and_line(
    tmp_path: Path, source: str, line: int, needle: str
) -> None:
    pack = _pack(tmp_path, "p", {"a.md": source})
    with pytest.raises(InputError) as caught:
        render_templates(sample_kit(), collect_templates([pack]))
    (problem,) = caught.value.problems
    assert problem.file.endswith("a.md") and problem.line == line, problem
    assert needle in problem.message, problem


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_templates_with_a_byte_order_mark_are_decoded(tmp_path: Path, encoding: str) -> None:
    pack = _pack(tmp_path, "p", {"a.md": "客户 {{ cookiecutter.client }}".encode(encoding)})
    kit = sample_kit()
    (rendered,) = render_templates(kit, collect_templates([pack]))
    assert rendered.data.decode("utf-8") == f"客户 {kit.project.client}"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.md", "客户：{{ cookiecutter.client }}".encode("gb18030")),
        ("a.md", "{{ cookiecutter.client }}".encode("utf-16-le")),  # no byte-order mark
        ("a.unknown", "客户 {{ cookiecutter.client }}".encode("gb18030")),
    ],
)
def test_templates_not_in_utf8_are_refused_never_copied_unrendered(
    tmp_path: Path, name: str, data: bytes
) -> None:
    pack = _pack(tmp_path, "p", {name: data})
    with pytest.raises(InputError) as caught:
        render_templates(sample_kit(), collect_templates([pack]))
    assert "save it as UTF-8" in str(caught.value)


def test_packs_validate_checks_templates(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli
    from tests.mini_packs import write_mini

    folder = write_mini(tmp_path / "packs")
    templates = folder / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "good.md").write_text("{{ cookiecutter.client }}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["packs", "validate", str(folder)])
    assert result.exit_code == 0, result.output
    (templates / "bad.md").write_text("a\n\n{% include '/etc/passwd' %}", encoding="utf-8")
    (templates / "typo.md").write_text("{{ cookiecutter.cleint }}", encoding="utf-8")
    (templates / "gbk.md").write_bytes("{{ cookiecutter.client }} 客户".encode("gb18030"))
    result = CliRunner().invoke(cli, ["packs", "validate", str(folder)])
    assert result.exit_code == 2, result.output
    assert f"{templates / 'bad.md'}:3:1: 'include' is not allowed" in result.output
    assert f"{templates / 'typo.md'}:1:1: unknown variable cookiecutter.cleint" in result.output
    assert "client" in result.output.split("cleint", 1)[1]  # did you mean
    assert f"{templates / 'gbk.md'}:1:1: the file is not UTF-8" in result.output


def test_packs_validate_refuses_symlinked_templates(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli
    from tests.mini_packs import write_mini

    folder = write_mini(tmp_path / "packs")
    (folder / "templates").mkdir(exist_ok=True)
    try:
        (folder / "templates" / "passwd.md").symlink_to("/etc/passwd")
    except OSError:
        pytest.skip("symbolic links are not available")
    result = CliRunner().invoke(cli, ["packs", "validate", str(folder)])
    assert result.exit_code == 2, result.output
    assert "symbolic links are not allowed" in result.output

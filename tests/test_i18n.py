"""The command line speaks the kit's language: catalogue completeness and real commands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import catalogues, i18n
from generator.cli import cli
from tests.i18n_messages import extract
from tests.kits import pristine

_FIELD = re.compile(r"\{([a-z_]*)(?:![rsa])?(?::[^}]*)?\}")
_LATIN = re.compile(r"[A-Za-z]{4,}")
# words a Chinese message may keep: commands, options, file names, formats, placeholders
_KEEP = re.compile(
    r"`[^`]*`|'[^']*'|[\w.-]+/[\w./-]*|--?[a-z][a-z-]*|\{[^}]*\}|\b[a-z]+(?:_[a-z]+)+\b|[\w/-]*\.(?:yaml|xlsx|docx|md|json|implkit/undo)\b|"
    r"\b(?:implkit|packs|validate|build|new|Excel|WPS|Word|LibreOffice|YAML|YYYY-MM-DD|ERP|MES|SHA-256|sha256|"
    r"path|kind|true|false|day_rates|slug|uid|implkit/undo|Ctrl-C|en|zh|acme-erp-\d+)\b|"
    # the trackers and their field names, as their own Chinese UIs keep them
    r"\b(?:Azure|Boards|Jira|MS Project|Project|README|MPXJ|Java|Work Item Type|Title|State|Status|"
    r"Summary|Issue key|PercentComplete|Text1|pip install|implkit\[mpp\]|mpp|xml|XML|UTF|GBK|"
    r"not-started|in-progress|done|cancelled|timesheets|"
    # the learning platforms and package formats, names their Chinese UIs keep too
    r"Moodle|Common Cartridge|IMS)\b"
)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_every_message_is_a_literal() -> None:
    found = extract()
    not_python = [p for p in found.problems if "not Python" in p]
    assert not [p for p in found.problems if p not in not_python], found.problems
    assert len(found.messages) > 100  # the CLI modules are wrapped


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    table = i18n.translations("zh")
    missing, wrong, english = [], [], []
    for key, places in extract().messages.items():
        found = table.get(key)
        if found is None:
            missing.append(f"{places[0]}: {key!r}")
            continue
        text = found if isinstance(found, str) else found[0]
        source = key if isinstance(key, str) else key[1]
        if set(_FIELD.findall(text)) != set(_FIELD.findall(source)):
            wrong.append(f"{places[0]}: {key!r} -> {text!r}")
        if _LATIN.search(_KEEP.sub("", text)):
            english.append(f"{places[0]}: {text!r}")
    assert not missing, "add with `python -m tests.i18n_messages`, then translate:\n" + "\n".join(
        missing
    )
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)
    assert not english, "English left in the translation:\n" + "\n".join(english)


def test_no_message_claims_printf_placeholders() -> None:
    """Every message uses ``{placeholders}``: an entry flagged python-format ("% complete")
    is rejected by ``msgfmt --check`` and by translation tools checking the '%'.

    Read as text: Babel's reader guesses the flag again from a bare '%'."""
    flagged = []
    for domain in ("implkit", "deliverables"):
        path = i18n.catalogue_file("zh", domain)
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            flags = (
                {flag.strip() for flag in line[2:].split(",")} if line.startswith("#,") else set()
            )
            if "python-format" in flags:
                flagged.append(f"{path.name}:{number}")
    assert not flagged, "run `python -m tests.i18n_messages` to clear the flags:\n" + "\n".join(
        flagged
    )


def test_catalogue_lives_in_the_package() -> None:
    path = i18n.catalogue_path("zh")
    assert path.is_file()
    assert path.is_relative_to(Path(i18n.__file__).parent)


def test_gettext_and_counts_in_both_languages() -> None:
    i18n.set_language("en")
    assert i18n.ngettext("{n} audience", "{n} audiences", 1).format(n=1) == "1 audience"
    assert i18n.ngettext("{n} audience", "{n} audiences", 2).format(n=2) == "2 audiences"
    assert i18n._("Nothing was written.") == "Nothing was written."
    i18n.set_language("zh")
    assert i18n.ngettext("{n} audience", "{n} audiences", 1).format(n=1) == "1 类培训对象"
    assert i18n.ngettext("{n} audience", "{n} audiences", 5).format(n=5) == "5 类培训对象"
    assert i18n._("Nothing was written.") == "未写入任何文件。"
    assert i18n._("a message nobody translated") == "a message nobody translated"
    i18n.set_language("fr")
    assert i18n.language() == "en"


def test_language_of_a_project_file(tmp_path: Path) -> None:
    (tmp_path / "project.yaml").write_text(
        'pack: "x"\nlang: zh                # 项目包语言\n', encoding="utf-8"
    )
    assert i18n.language_of_project(tmp_path) == "zh"
    assert i18n.language_of_project(tmp_path / "missing") is None


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_project_yaml_errors_in_chinese_with_our_wording(tmp_path: Path) -> None:
    code, _out, err = _run("new", "manufacturing", "--lang", "zh", "--set", "strategy=both")
    assert code == 2, err
    assert "strategy：请填写 big-bang, phased 之一（当前为 'both'）" in err
    assert "Input should be" not in err
    assert "未写入任何文件。" in err
    code, _out, err = _run("new", "manufacturing", "--set", "strategy=both")
    assert code == 2
    assert "strategy: write one of big-bang, phased (got 'both')" in err
    assert "Nothing was written." in err


def test_new_and_build_speak_the_kits_language(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    code, out, err = _run(
        "new", "manufacturing", "--lang", "zh", "--client", "华东精密制造", "--out", str(kit)
    )
    assert code == 0, err
    assert out.startswith(f"已创建 {kit}：")
    assert "项任务" in out and "请从" in out
    assert "Created" not in out and "tasks" not in out
    # no --lang on build: the kit's project.yaml says zh
    code, out, err = _run("build", str(kit))
    assert code == 0, err
    assert out.startswith(f"已重建 {kit}：")
    # a bad answer in the zh kit's project.yaml is reported in Chinese
    text = (kit / "project.yaml").read_text(encoding="utf-8")
    (kit / "project.yaml").write_text(text.replace("sites: 1", "sites: 0"), encoding="utf-8")
    code, out, err = _run("build", str(kit))
    assert code == 2
    assert "sites 必须大于或等于 1（当前为 0）" in err and "未写入任何文件。" in err
    # the next command without a kit is English again
    code, out, err = _run("packs", "list")
    assert code == 0 and out.splitlines()[0].split("\t")[:2] == ["id", "name"]


def test_packs_list_and_show_in_chinese() -> None:
    code, out, err = _run("packs", "list", "--lang", "zh")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split("\t") == ["编号", "名称", "版本", "继承自", "系统"]
    manufacturing = next(line for line in lines if line.startswith("manufacturing\t"))
    assert re.search(r"[\u4e00-\u9fff]", manufacturing.split("\t")[1])
    code, out, err = _run("packs", "show", "manufacturing", "--lang", "zh")
    assert code == 0, err
    assert "继承链：base → manufacturing" in out
    assert "数量：任务 " in out and "migration objects" not in out


def test_document_commands_count_properly(tmp_path: Path) -> None:
    target = tmp_path / "c.docx"
    code, out, err = _run(
        "curriculum", "manufacturing", "--audiences", "executives", "-o", str(target)
    )
    assert code == 0, err
    assert "(1 audience," in out and "1 audiences" not in out
    code, out, err = _run(
        "curriculum",
        "manufacturing",
        "--lang",
        "zh",
        "--audiences",
        "executives",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert "（1 类培训对象，" in out


def test_a_start_on_a_holiday_is_reported_when_it_moves(tmp_path: Path) -> None:
    code, out, err = _run(
        "new",
        "manufacturing",
        "--lang",
        "zh",
        "--start",
        "2026-10-01",
        "--out",
        str(tmp_path / "a"),
    )
    assert code == 0, err
    assert (
        "注意：开始日期 2026-10-01 不是工作日（国庆节）；计划从下一个工作日 2026-10-08 开始。"
        in out
    )
    code, out, err = _run(
        "plan", "manufacturing", "--start", "2026-10-03", "-o", str(tmp_path / "p.xlsx")
    )
    assert code == 0, err
    assert "the start date 2026-10-03 is not a working day (weekend)" in out
    assert "next working day, 2026-10-08." in out
    code, out, err = _run(
        "plan", "manufacturing", "--start", "2026-10-09", "-o", str(tmp_path / "q.xlsx")
    )
    assert code == 0 and "not a working day" not in out  # a working day: nothing to say


def test_pack_and_yaml_errors_in_the_kits_language(tmp_path: Path) -> None:
    code, _out, err = _run("new", "nope", "--lang", "zh", "--dry-run")
    assert code == 2
    assert "未知的方法包 'nope'（可用的方法包：" in err and "unknown pack" not in err
    code, _out, err = _run("new", "manufacturing", "--lang", "zh", "--country", "ZZ")
    assert code == 2 and "未知的国家 'ZZ'" in err
    kit = pristine(tmp_path / "kit", "manufacturing", "--lang", "zh")
    with (kit / "project.yaml").open("a", encoding="utf-8") as handle:
        handle.write("systems: [ERP\n")
    code, _out, err = _run("build", str(kit))
    assert code == 2
    assert "YAML 语法错误：" in err and "请检查括号" in err
    code, _out, err = _run("new", "nope", "--dry-run")
    assert "unknown pack 'nope' (available packs: " in err  # English without --lang


def test_counts_are_never_written_as_plural_s() -> None:
    """'1 audiences' / 'site(s)': every count goes through ngettext."""
    lazy = [
        f"{places[0]}: {key!r}"
        for key, places in extract().messages.items()
        for text in ([key] if isinstance(key, str) else list(key))
        if re.search(r"\w\(s\)", text)
    ]
    assert not lazy, lazy


def test_implkit_lang_sets_the_language_of_commands_without_a_kit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IMPLKIT_LANG", "zh")
    code, out, err = _run("packs", "list")
    assert code == 0, err
    assert out.splitlines()[0].split("\t")[:2] == ["编号", "名称"]
    code, out, err = _run("packs", "list", "--lang", "en")  # --lang wins
    assert out.splitlines()[0].split("\t")[:2] == ["id", "name"]


def test_wrong_option_values_are_reported_in_the_kits_language() -> None:
    code, _out, err = _run(
        "new", "manufacturing", "--lang", "zh", "--strategy", "both", "--users", "abc"
    )
    assert code == 2
    assert "--strategy：请填写 big-bang, phased 之一（当前为 'both'）" in err
    assert "--users：请填写整数（当前为 'abc'）" in err
    assert "Invalid value" not in err and "发现 2 个问题" in err


def test_the_shipped_mo_file_is_compiled_from_the_po_file() -> None:
    """A run reads the deliverables' .mo (Babel compiling the .po took about 60 ms of each
    run); one compiled from an older .po would be ignored, every run compiling the .po again."""
    import hashlib

    po = i18n.catalogue_file("zh", i18n.DELIVERABLES)
    mo = po.with_suffix(".mo")
    recorded = mo.with_suffix(".mo.sha256").read_text(encoding="utf-8").strip()
    assert mo.read_bytes() == catalogues.compiled_bytes(po, "zh", i18n.DELIVERABLES) and (
        recorded == hashlib.sha256(po.read_bytes()).hexdigest()
    ), "run `python -m tests.i18n_messages` to compile deliverables.mo"
    assert catalogues.shipped(po) is not None


def test_a_mo_older_than_its_po_is_not_used(tmp_path: Path, monkeypatch: Any) -> None:
    import shutil

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = locale / "zh" / "LC_MESSAGES" / "deliverables.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Go-live"\nmsgstr "上线日期"' in text
    po.write_text(
        text.replace('msgid "Go-live"\nmsgstr "上线日期"', 'msgid "Go-live"\nmsgstr "正式上线"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n._translator.cache_clear()
    try:
        assert i18n._translator("zh", i18n.DELIVERABLES)("Go-live") == "正式上线"
        i18n.write_compiled("zh", i18n.DELIVERABLES)  # the .mo now matches the .po
        i18n._translator.cache_clear()
        assert catalogues.shipped(po) is not None
        assert i18n._translator("zh", i18n.DELIVERABLES)("Go-live") == "正式上线"
    finally:
        i18n._translator.cache_clear()

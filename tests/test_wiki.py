"""``implkit packs wiki``: the pack as a Markdown page tree, read back as a wiki would.

Every page is parsed by a CommonMark parser (markdown-it-py, with tables), every link
followed to a page or attachment of the tree; the front matter is read with PyYAML; the
constraints of the importers it is written for are checked with their documentation
cited beside each rule; the folder is written by the safe-write rules.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from generator import api
from generator.cli import cli
from generator.errors import InputError
from generator.wiki import markdown as md
from generator.wiki.tree import MARKER
from tests.mini_packs import write_mini

PARSER = MarkdownIt("commonmark").enable("table")


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n"), text[:80]
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]), text[end + 5 :]


def _links(body: str) -> list[str]:
    hrefs: list[str] = []
    for token in PARSER.parse(body):
        for child in token.children or []:
            if child.type == "link_open":
                hrefs.append(str(child.attrs["href"]))
    return hrefs


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.md"))
    }


@pytest.fixture(scope="module", params=["en", "zh"])
def wiki(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"wiki-{request.param}") / "manufacturing"
    result = api.packs_wiki("manufacturing", out, lang=request.param)
    assert result.lang == request.param and len(result.pages) > 200
    return out


def test_every_link_of_every_page_reaches_a_page_or_file_of_the_tree(wiki: Path) -> None:
    pages = _tree(wiki)
    followed = 0
    reached: set[str] = {"index.md"}
    for path, text in pages.items():
        _meta, body = _front_matter(text)
        for href in _links(body):
            assert "://" not in href and not href.startswith("/"), (path, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(href)))
            assert not target.startswith(".."), (path, href)
            assert (wiki / target).is_file(), f"{path}: broken link {href}"
            reached.add(target)
            followed += 1
    assert followed > 1000
    # every page is linked from some page (nothing orphaned in a wiki's navigation)
    assert set(pages) <= reached


def test_front_matter_names_id_phase_tags_and_pack_version(wiki: Path) -> None:
    pages = _tree(wiki)
    kinds: dict[str, int] = {}
    for path, text in pages.items():
        meta, body = _front_matter(text)
        assert meta["pack"] == "manufacturing" and meta["pack_version"] == "1.0.0", path
        assert meta["id"] and meta["kind"] and isinstance(meta["tags"], list), path
        assert body.lstrip().startswith(f"# {md.text(str(meta['title']))}"), path
        kinds[str(meta["kind"])] = kinds.get(str(meta["kind"]), 0) + 1
        if meta["kind"] in ("task", "gate"):
            assert meta["phase"] in meta["tags"], path
    for kind in ("pack", "phase", "task", "gate", "course", "lesson", "migration", "template"):
        assert kinds.get(kind), kind
    kickoff, _body = _front_matter(pages["tasks/base.kickoff.md"])
    assert kickoff["phase"] == "prepare" and kickoff["duration"] == 1


def test_a_task_links_its_templates_and_the_lessons_checked_at_its_gate(wiki: Path) -> None:
    pages = _tree(wiki)
    _meta, body = _front_matter(pages["tasks/base.kickoff.md"])
    links = _links(body)
    assert "../templates/base-01-prepare-kickoff-agenda-md.md" in links
    assert "../gates/base.gate-prepare.md" in links
    assert "../lessons/base.lesson-interface-person.md" in links  # a prepare-phase lesson
    # the MES template named by the manufacturing pack's entry, and back from the template
    _meta, body = _front_matter(pages["tasks/mfg.plc-tag-live-test.md"])
    assert "../templates/manufacturing-03-realize-plc-tag-test-sheet-md.md" in _links(body)
    _meta, body = _front_matter(
        pages["templates/manufacturing-03-realize-plc-tag-test-sheet-md.md"]
    )
    assert "../tasks/mfg.plc-tag-live-test.md" in _links(body)
    assert "{{" in body  # the template's own text, shown as it is (a fenced block)


def test_a_migration_field_table_shows_type_and_mandatory_in_the_wiki_language(
    wiki: Path,
) -> None:
    """The pack's keys (code, yes) show as the migration checklist shows them."""
    meta, body = _front_matter(_tree(wiki)["migration/mfg.erp-exchange-rates.md"])
    row = next(line for line in body.splitlines() if "| KURST |" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    expected = {"zh": ["代码", "4", "是"], "en": ["Code", "4", "yes"]}[meta["lang"]]
    assert cells[2:5] == expected, row


def test_confluence_style_importer_constraints(wiki: Path) -> None:
    """The constraints a wiki importer puts on pages and attachments, each with its source.

    * Page titles are unique in a Confluence space ("Wiki page names must be unique within
      a space", https://jira.atlassian.com/browse/CONFCLOUD-2524); md2cf takes the title
      from the page's first heading or front matter (https://pypi.org/project/md2cf/), so
      the front-matter title and the heading must agree and be unique, compared without
      case.
    * Page titles fit Confluence's 255-character title.
    * File and attachment names follow the Azure DevOps wiki naming conventions
      (https://learn.microsoft.com/azure/devops/project/wiki/wiki-file-structure, "Wiki
      page naming conventions"): the page path at most 235 characters; no control or
      surrogate characters; no ``/ \\ #`` in a name; a name neither starts nor ends
      with a period. Attachment file names also avoid the characters Windows and
      Confluence attachment uploads refuse (``: * ? " < > |``).
    """
    titles: dict[str, str] = {}
    for path, text in _tree(wiki).items():
        meta, _body = _front_matter(text)
        title = str(meta["title"])
        assert 0 < len(title) <= 255, path
        folded = unicodedata.normalize("NFC", title).casefold()
        assert folded not in titles, (path, titles.get(folded))
        titles[folded] = path
    files = [p for p in wiki.rglob("*") if p.is_file() and p.name != MARKER]
    attachments = [p for p in files if "_attachments" in p.parts]
    for file in files:
        rel = file.relative_to(wiki).as_posix()
        assert len(rel) <= 235, rel
        for name in rel.split("/"):
            assert not re.search(r"[\\#\x00-\x1f\x7f]", name), rel
            assert not name.startswith(".") and not name.endswith("."), rel
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in name), rel
            assert len(name.encode("utf-8")) <= 255, rel
    for file in attachments:
        assert not re.search(r'[:*?"<>|]', file.name), file


def test_binary_templates_become_attachments_with_a_link(tmp_path: Path) -> None:
    pack = write_mini(tmp_path)
    (pack / "templates" / "02-build").mkdir(parents=True)
    (pack / "templates" / "02-build" / "cutover plan.xlsx").write_bytes(b"PK\x03\x04\x00\x01binary")
    (pack / "templates.yaml").write_text(
        "templates:\n  - id: t.tpl-cutover\n    path: 02-build/cutover plan.xlsx\n"
        "    tasks: [t.build]\n",
        encoding="utf-8",
    )
    out = tmp_path / "wiki"
    result = api.packs_wiki(pack, out, lang="en")
    assert result.attachments == ["_attachments/mini/02-build/cutover plan.xlsx"]
    assert (out / result.attachments[0]).read_bytes() == b"PK\x03\x04\x00\x01binary"
    page = (out / "templates" / "mini-02-build-cutover-plan-xlsx.md").read_text(encoding="utf-8")
    _meta, body = _front_matter(page)
    assert "../_attachments/mini/02-build/cutover%20plan.xlsx" in _links(body) or (
        "../_attachments/mini/02-build/cutover plan.xlsx" in [unquote(h) for h in _links(body)]
    )
    task = (out / "tasks" / "t.build.md").read_text(encoding="utf-8")
    assert "../templates/mini-02-build-cutover-plan-xlsx.md" in _links(_front_matter(task)[1])


def test_pack_texts_render_as_typed_never_as_markup(tmp_path: Path) -> None:
    pack = write_mini(tmp_path)
    tasks = (pack / "tasks.yaml").read_text(encoding="utf-8")
    tasks = tasks.replace(
        "name: {en: Build the system, zh: 构建系统}",
        'name: {en: "Build <script>alert(1)</script> [x](https://evil.example) | *now*", zh: 构建系统}',
    )
    (pack / "tasks.yaml").write_text(tasks, encoding="utf-8")
    out = tmp_path / "wiki"
    api.packs_wiki(pack, out, lang="en")
    _meta, body = _front_matter((out / "tasks" / "t.build.md").read_text(encoding="utf-8"))
    html = PARSER.render(body)
    assert "<script>" not in html and "evil.example" not in _links(body)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](https://evil.example) | *now*" in html
    # in the phase's task table the name stays one cell
    _meta, phase = _front_matter((out / "phases" / "02-build.md").read_text(encoding="utf-8"))
    rows = [line for line in phase.splitlines() if "t.build.md" in line]
    assert rows and rows[0].count(" | ") == 2


@pytest.mark.parametrize(
    "typed", ["1.0.0", "2. Count the stock", "3) Sign", "- not a bullet", "# not a heading", "+1"]
)
def test_a_text_that_starts_like_a_block_shows_as_typed(typed: str) -> None:
    """A version or a numbered step at the start of a cell or paragraph stays plain text,
    without a stray backslash (CommonMark escapes punctuation only, never a digit)."""
    html = PARSER.render(md.text(typed))
    assert html == f"<p>{typed}</p>\n", html


def test_rerun_updates_the_tree_removes_dropped_pages_and_keeps_the_teams_files(
    tmp_path: Path,
) -> None:
    pack = write_mini(tmp_path)
    out = tmp_path / "wiki"
    api.packs_wiki(pack, out, lang="zh")
    assert (out / "courses" / "c.basic.md").is_file()
    (out / "notes.md").write_text("team notes", encoding="utf-8")
    more = (pack / "more.yaml").read_text(encoding="utf-8")
    (pack / "more.yaml").write_text(more.split("audiences:")[0], encoding="utf-8")
    result = api.packs_wiki(pack, out, lang="zh")
    assert not (out / "courses" / "c.basic.md").exists()
    assert (out / "notes.md").read_text(encoding="utf-8") == "team notes"
    assert "courses/c.basic.md" not in result.pages
    assert not [p for p in tmp_path.iterdir() if ".implkit-wiki-" in p.name]  # no staging left
    title, _body = _front_matter((out / "tasks" / "t.kickoff.md").read_text(encoding="utf-8"))
    assert title["title"] == "任务 · 启动会" and title["lang"] == "zh"


def test_refuses_links_files_and_folders_it_did_not_write(tmp_path: Path) -> None:
    pack = write_mini(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "linked"
    link.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="symbolic link"):
        api.packs_wiki(pack, link, lang="en")
    assert not any(elsewhere.iterdir())
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"x")
    with pytest.raises(InputError, match="not empty"):
        api.packs_wiki(pack, foreign, lang="en")
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    # a link planted inside an earlier tree is never written through
    out = tmp_path / "wiki"
    api.packs_wiki(pack, out, lang="en")
    victim = tmp_path / "victim"
    victim.mkdir()
    os.rename(out / "tasks", tmp_path / "old-tasks")
    (out / "tasks").symlink_to(victim, target_is_directory=True)
    with pytest.raises(InputError, match="symbolic link"):
        api.packs_wiki(pack, out, lang="en")
    assert not any(victim.iterdir())
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        api.packs_wiki(pack, afile, lang="en")


def test_cli_wiring_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "w"
    result = runner.invoke(
        cli, ["packs", "wiki", "manufacturing", "--out", str(out), "--lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    assert "manufacturing" in result.output and (out / "index.md").is_file()
    bad = runner.invoke(cli, ["packs", "wiki", "no-such-pack", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("a", encoding="utf-8")
    refused = runner.invoke(
        cli, ["packs", "wiki", "manufacturing", "--out", str(tmp_path / "full")]
    )
    assert refused.exit_code == 2 and "a.txt" not in refused.output


def test_same_pack_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    api.packs_wiki("healthcare", one, lang="en")
    api.packs_wiki("healthcare", two, lang="en")
    assert _tree(one) == _tree(two)

"""``implkit packs site``: the catalogue in a real headless browser (Debian's chromium).

Chromium is driven with ``--dump-dom`` (the DOM after the page's script ran) and
``--screenshot``. Routes in the URL hash drive navigation, language and filters; the
page's ``#selftest`` clicks its own links, the language button and types into the
search box, and writes the results into the DOM. A missing chromium skips locally and
fails in CI (like tests/office.py).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.conditions import Scope, holds
from generator.workspace.load import loaded_pack
from tests.office import IN_CI

PACKS = Path(__file__).parents[1] / "industry_packs"
PACK_IDS = ["base", "education", "healthcare", "manufacturing"]
EXTRA_KEYS = {"load_order", "templates", "migration_sources"}


def chromium() -> str:
    """The chromium binary; skip locally (fail in CI) when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "needs chromium (apt-get install chromium)"
    if IN_CI:
        pytest.fail(f"CI must run the browser tests: {message}")
    pytest.skip(message)


def _browser(args: list[str], tmp: Path) -> str:
    profile = tmp / f"chromium-{uuid.uuid4().hex}"
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, route: str, tmp: Path) -> str:
    """The DOM of ``page`` opened at ``#route`` after its script ran."""
    return _browser(["--dump-dom", f"{page.as_uri()}#{route}"], tmp)


def embedded(page: Path) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/json" id="implkit-data">(.*?)</script>', text, re.S
    )
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture(scope="module")
def old_manufacturing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An "older version" of manufacturing: one risk missing, one task shorter."""
    old = tmp_path_factory.mktemp("old") / "manufacturing"
    shutil.copytree(PACKS / "manufacturing", old)
    risks = old / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    first = text.index("  - id: mfg.process-params-unowned")
    following = text.index("  - id:", first + 10)
    risks.write_text(text[:first] + text[following:], encoding="utf-8")
    return old


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, old_manufacturing: Path) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(
        cli, ["packs", "site", "--out", str(out), "--diff", str(old_manufacturing)]
    )
    assert result.exit_code == 0, result.output
    return out / "index.html"


def test_embedded_content_equals_packs_show_json(site: Path) -> None:
    data = embedded(site)
    assert data["order"] == PACK_IDS
    for pack_id in PACK_IDS:
        shown = CliRunner().invoke(cli, ["packs", "show", pack_id, "--json"])
        assert shown.exit_code == 0, shown.output
        expected = json.loads(shown.output)
        expected.pop("dirs")
        got = {k: v for k, v in data["packs"][pack_id].items() if k not in EXTRA_KEYS}
        assert got == expected, pack_id


def test_selftest_clicks_navigation_search_and_language(site: Path, tmp_path: Path) -> None:
    dom = dump_dom(site, "selftest", tmp_path)
    found = re.search(r'<pre id="selftest">(.*?)</pre>', dom, re.S)
    assert found, "the page's self-test did not run"
    results = json.loads(html.unescape(found.group(1)))
    failed = [r for r in results if not r["ok"]]
    assert not failed, failed
    names = " | ".join(r["name"] for r in results)
    for expected in (
        "pack link manufacturing",
        "view link migration",
        "view link diff",
        "plan lists every task",
        "language switch to zh",
        "search finds the task",
        "search result opens its view",
        "language switch back to en",
        "system filter hides",
    ):
        assert expected in names


def test_every_task_rendered_in_chinese(site: Path, tmp_path: Path) -> None:
    data = embedded(site)["packs"]["manufacturing"]
    dom = dump_dom(site, "/zh/manufacturing/plan", tmp_path)
    assert '<html lang="zh-CN">' in dom
    assert dom.count('class="task"') == len(data["tasks"])
    assert "制造业实施方法包" in dom or "制造" in dom
    for task in data["tasks"][:20]:
        assert html.escape(task["name"]["zh"], quote=False) in dom
    assert "<title>implkit 知识包目录</title>" in dom


def test_search_route_lists_matches_across_packs(site: Path, tmp_path: Path) -> None:
    index = embedded(site)["index"]
    expected = [f"{e[0]} · {e[1]} · {e[2]}" for e in index if "routing" in e[3] and "工艺" in e[3]]
    dom = dump_dom(site, "/en/base/overview?q=Routing%20工艺", tmp_path)  # words in both languages
    results = re.findall(r'<li class="result">(.*?)</li>', dom, re.S)
    assert any("mfg.routing" in r for r in results)
    assert [html.unescape(re.findall(r'class="muted">([^<]*)<', r)[0]) for r in results] == expected


@pytest.mark.parametrize("pack_id", ["manufacturing", "education"])
def test_filters_give_what_the_kit_builder_selects(
    site: Path, tmp_path: Path, pack_id: str
) -> None:
    """The page's filter keeps exactly the tasks generator.conditions.holds() keeps."""
    scope = Scope(systems=("ERP", "SIS"), strategy="phased", sites=3, users=200, country="CN")
    expected = [t.item.id for t in loaded_pack(pack_id, None).tasks if holds(t.item.when, scope)]
    dom = dump_dom(site, f"/en/{pack_id}/plan?systems=ERP,SIS&strategy=phased&sites=3", tmp_path)
    shown = re.findall(r'<tr id="item-([^"]+)" data-id="[^"]+" class="task">', dom)
    assert shown
    assert sorted(shown) == sorted(expected)


def test_diff_view_shows_the_changes_from_the_old_version(site: Path, tmp_path: Path) -> None:
    data = embedded(site)
    diff = data["diff"]["packs"]["manufacturing"]
    assert diff["sections"]["risks"]["added"] == ["mfg.process-params-unowned"]
    assert "base" not in data["diff"]["packs"]
    dom = dump_dom(site, "/zh/manufacturing/diff", tmp_path)
    assert "mfg.process-params-unowned" in dom
    assert "新增" in dom


def test_screenshots_en_and_zh(site: Path, tmp_path: Path) -> None:
    for route, name in (("/en/manufacturing/migration", "en"), ("/zh/healthcare/roles", "zh")):
        shot = tmp_path / f"site-{name}.png"
        _browser(
            ["--window-size=1400,1000", f"--screenshot={shot}", f"{site.as_uri()}#{route}"],
            tmp_path,
        )
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_pack_text_stays_text(tmp_path: Path) -> None:
    """A pack text with markup cannot close the data script or become an element."""
    pack = tmp_path / "manufacturing"
    shutil.copytree(PACKS / "manufacturing", pack)
    lessons = pack / "lessons.yaml"
    lessons.write_text(
        lessons.read_text(encoding="utf-8").replace(
            'title: {en: "Process parameters belong to production"',
            'title: {en: "</script><b id=\\"evil\\">x</b>"',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["packs", "site", str(pack), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out / "index.html"
    assert page.read_text(encoding="utf-8").count("</script>") == 2  # data + app only
    dom = dump_dom(page, "/en/manufacturing/lessons", tmp_path)
    assert '<b id="evil">' not in dom
    assert "&lt;/script&gt;&lt;b" in dom


def test_same_packs_same_bytes(site: Path, tmp_path: Path, old_manufacturing: Path) -> None:
    out = tmp_path / "again"
    result = CliRunner().invoke(
        cli, ["packs", "site", "--out", str(out), "--diff", str(old_manufacturing)]
    )
    assert result.exit_code == 0
    assert (out / "index.html").read_bytes() == site.read_bytes()


def test_bad_requests_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["packs", "site", "nosuch", "--out", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "unknown pack 'nosuch'" in result.output
    assert not (tmp_path / "s").exists()
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["packs", "site", "base", "--out", str(file)])
    assert result.exit_code == 2
    assert "--out is a file" in result.output
    result = CliRunner().invoke(
        cli, ["packs", "site", "base", "--out", str(tmp_path / "s"), "--diff", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--diff: no pack here" in result.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_counts_and_extends_read_in_the_page_language(
    site: Path, tmp_path: Path, lang: str
) -> None:
    """Fresh user: the header read "Section | Name" over counts, sections were raw keys
    ("migration objects"), and the base pack said "Extends: base"."""
    expected = {
        "en": (["Section", "Count"], "Migration objects", "Cutover steps", "— (extends no pack)"),
        "zh": (["部分", "数量"], "迁移对象", "切换步骤", "—（不继承其他知识包）"),
    }[lang]
    header, objects, cutover, none = expected
    counts = embedded(site)["packs"]["manufacturing"]["counts"]
    numeric = {k: v for k, v in counts.items() if isinstance(v, int)}
    dom = html.unescape(dump_dom(site, f"/{lang}/manufacturing/overview", tmp_path))
    main = dom[dom.index('<main id="main"') :]
    table = main[main.index("<table") : main.index("</table>")]
    assert re.findall(r"<th>([^<]*)</th>", table) == header
    rows = re.findall(r'<tr><td>([^<]*)</td><td class="num">(\d+)</td></tr>', table)
    assert [int(n) for _, n in rows] == list(numeric.values())
    labels = [label for label, _ in rows]
    assert objects in labels and cutover in labels
    assert not {k.replace("_", " ") for k in numeric} & set(labels)  # no raw keys
    if lang == "zh":
        assert not [label for label in labels if re.search("[A-Za-z]", label)]
    extends = re.findall(r"<dd>([^<]*)</dd>", main)[1]
    assert extends == "base"
    base = html.unescape(dump_dom(site, f"/{lang}/base/overview", tmp_path))
    base_main = base[base.index('<main id="main"') :]
    assert re.findall(r"<dd>([^<]*)</dd>", base_main)[1] == none

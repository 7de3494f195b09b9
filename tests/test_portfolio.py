"""``implkit portfolio`` and ``implkit evaluate`` on three hand-filled kits (+ one broken).

The kits and what was typed into them: tests/portfolio_fixtures.py. Every expected
figure below is computed by hand from those entries (see the comments), with the
baseline dates and planned effort read from the kits' baseline files.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.portfolio.rollup import CACHE
from tests.kits import pristine
from tests.portfolio_fixtures import AS_OF, baseline_go_live, make_kits, planned_effort, run


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_kits(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def rolled(kits: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out") / "pf.xlsx"
    return run("portfolio", str(kits["A"].parent), "--as-of", AS_OF.isoformat(), "-o", str(out))


def test_projects_match_the_hand_computed_figures(
    kits: dict[str, Path], rolled: dict[str, Any]
) -> None:
    rows = {Path(p["path"]).name: p for p in rolled["projects"]}
    assert set(rows) == {"kit-a", "kit-b", "kit-c"}
    a, b, c = rows["kit-a"], rows["kit-b"], rows["kit-c"]
    # A went live 3 days before its baseline go-live: on time and early
    assert a["baseline_go_live"] == baseline_go_live(kits["A"]).isoformat()
    assert a["live"] and a["on_time"] is True and a["early"] is True
    # B went live 14 days late with an approved 10-day change: delayed by changes
    assert b["live"] and b["on_time"] is False and b["delayed_by_changes"] is True
    assert b["open_change_requests"] == 0 and b["change_requests"] == 1
    # C: nothing entered by AS_OF, 8 months after its start: its status as of AS_OF (the
    # forecast `implkit status` gives) has every task still open, so go-live is forecast
    # after AS_OF, later than its baseline; not live, no "on time" yet, and stale
    assert not c["live"] and c["on_time"] is None and c["early"] is None
    assert c["forecast_go_live"] > AS_OF.isoformat() > c["baseline_go_live"]
    assert c["stale"] and c["last_entry"] is None
    assert not a["stale"]  # its status run on AS_OF
    assert (a["first_pass"], a["first_pass_answered"], a["first_pass_rate"]) == (4, 5, 0.8)
    assert (b["first_pass"], b["first_pass_answered"], b["first_pass_rate"]) == (2, 4, 0.5)
    assert a["nps"] == 70.0  # (8 - 1) / 10 x 100
    assert b["nps"] == 30.0  # (5 - 2) / 10 x 100
    assert c["nps"] is None and c["first_pass_rate"] is None
    assert (a["defects"], a["escaped"], b["defects"], c["defects"]) == (3, 1, 2, 0)
    assert a["consultants"] == ["li", "wang"] and b["consultants"] == ["wang", "zhao"]
    assert a["pack"] == "base" and a["client"] == "Alpha"
    # each kit's pack version: the one its last build recorded (what `implkit outdated` reads)
    for row, kit in ((a, kits["A"]), (b, kits["B"]), (c, kits["C"])):
        built = json.loads((kit / ".implkit" / "last-build.json").read_text(encoding="utf-8"))
        assert row["pack_version"] == built["version"] != ""
    # A was rebuilt at AS_OF: SPI and CPI are the EVM figures of that status snapshot
    snap = json.loads((kits["A"] / f".implkit/snapshots/{AS_OF}.json").read_text(encoding="utf-8"))
    assert a["status_date"] == AS_OF.isoformat()
    assert snap["pv"] > 0
    assert a["spi"] == pytest.approx(snap["ev"] / snap["pv"], abs=1e-4)
    # B ran no status: its figures are computed as of AS_OF all the same (not a snapshot)
    assert b["status_date"] is None and b["spi"] is not None
    # no risk assessed in any kit: the pack's pre-scored risks are not red risks
    assert all(r["open_red_risks"] == 0 and r["unassessed_risks"] > 0 for r in (a, b, c))


def test_summary_matches_the_hand_computed_figures(
    kits: dict[str, Path], rolled: dict[str, Any]
) -> None:
    s = rolled["summary"]
    assert (s["projects"], s["unreadable"]) == (3, 1)
    assert (s["live"], s["on_time"], s["on_time_rate"], s["early"]) == (2, 1, 0.5, 1)
    assert s["delayed_by_changes"] == 1 and s["delayed_by_changes_rate"] == pytest.approx(
        1 / 3, abs=1e-4
    )
    assert s["first_pass_acceptance"] == pytest.approx(6 / 9, abs=1e-4)  # (4 + 2) / (5 + 4)
    assert s["nps"] == 50.0  # promoters 13, passives 4, detractors 3: (13 - 3) / 20 x 100
    assert s["consultants"] == 3  # wang, li, zhao
    assert s["projects_per_consultant"] == pytest.approx(5 / 3, abs=1e-4)  # 2 + 2 + 1 assignments
    effort = planned_effort(kits["A"]) + planned_effort(kits["B"])  # the kits with a defect log
    assert s["defect_rate"] == pytest.approx(5 / effort * 100, rel=1e-3)
    base = next(p for p in rolled["packs"] if p["pack"] == "base")
    assert base["projects"] == 3
    assert rolled["unreadable"] == [
        {"path": str(kits["D"]), "reason": rolled["unreadable"][0]["reason"]}
    ]
    assert rolled["unreadable"][0]["reason"]


def test_workbook_holds_every_project_and_charts(rolled: dict[str, Any]) -> None:
    xlsx = Path(rolled["files"][0])
    book = load_workbook(xlsx, read_only=False)
    assert book.sheetnames == [
        "Summary",
        "Projects",
        "Trend by month",
        "By industry pack",
        "Not read",
    ]
    clients = {row[0] for row in book["Projects"].iter_rows(min_row=4, values_only=True)}
    assert {"Alpha", "Beta", "Gamma"} <= clients
    # the header row: below the title and the note that says what stale means
    at = next(
        n
        for n, row in enumerate(book["Projects"].iter_rows(values_only=True), 1)
        if row[0] == "Client"
    )
    header = [c.value for c in book["Projects"][at]]
    versions = {
        row[0]: row[header.index("Pack version")]
        for row in book["Projects"].iter_rows(min_row=at + 1, values_only=True)
    }
    by_client = {p["client"]: p["pack_version"] for p in rolled["projects"]}
    assert {k: versions[k] for k in ("Alpha", "Beta", "Gamma")} == {
        k: by_client[k] for k in ("Alpha", "Beta", "Gamma")
    }
    assert any("kit-d" in str(row[0]) for row in book["Not read"].iter_rows(values_only=True))
    assert book["By industry pack"]._charts and book["Trend by month"]._charts
    book.close()


def test_same_kits_same_bytes_and_cache(
    kits: dict[str, Path], rolled: dict[str, Any], tmp_path: Path
) -> None:
    assert (kits["A"] / CACHE).is_file()  # summaries cached in each readable kit
    assert not (kits["D"] / CACHE).exists()  # an unreadable kit is not cached
    out = tmp_path / "again.xlsx"
    again = run("portfolio", str(kits["A"].parent), "--as-of", AS_OF.isoformat(), "-o", str(out))
    first = [Path(f).read_bytes() for f in rolled["files"]]
    second = [Path(f).read_bytes() for f in again["files"]]
    assert first == second
    # a changed workbook is read again (its cache key is the workbook's sha256)
    cached = json.loads((kits["C"] / CACHE).read_text(encoding="utf-8"))
    from tests.portfolio_fixtures import fill

    fill(kits["C"], live=None, gates=["Yes"], survey=None, defects=[], team=[("wang", 5, 10)])
    third = run(
        "portfolio", str(kits["C"]), "--as-of", AS_OF.isoformat(), "-o", str(tmp_path / "c.xlsx")
    )
    assert json.loads((kits["C"] / CACHE).read_text(encoding="utf-8"))["key"] != cached["key"]
    assert third["projects"][0]["first_pass_rate"] == 1.0


def test_missing_folder_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["portfolio", str(tmp_path / "nope"), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 2
    assert "nope" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("linked", ["pf.html", "pf.xlsx"])
def test_a_linked_output_is_refused_and_its_target_untouched(
    kits: dict[str, Path], tmp_path: Path, linked: str
) -> None:
    """-o never writes through a link: the file it points at (elsewhere) stays as it was."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / linked).symlink_to(victim)
    result = CliRunner().invoke(
        cli, ["portfolio", str(kits["A"]), "--as-of", AS_OF.isoformat(), "-o", str(out / "pf.xlsx")]
    )
    assert result.exit_code == 2, result.output
    assert "link" in result.output and "Traceback" not in result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.iterdir()) == [linked]


def test_evaluate_alpha(kits: dict[str, Path]) -> None:
    data = run("evaluate", str(kits["A"]), "--as-of", AS_OF.isoformat())
    p = data["project"]
    assert p["on_time"] is True and p["early"] is True and p["live"] is True
    assert data["acceptance"]["first_pass_rate"] == 0.8 and data["acceptance"]["returns"] == 1
    assert data["satisfaction"]["nps"] == 70.0
    d = data["defects"]
    assert (d["defects"], d["escaped"], d["open"]) == (3, 1, 1)
    assert d["by_severity"] == {"critical": 1, "major": 1, "minor": 1}
    assert d["closure_days"] == 3.0  # (4 + 2) / 2 calendar days
    assert d["density"] == pytest.approx(3 / planned_effort(kits["A"]) * 100, rel=1e-3)
    assert data["team"]["utilisation"] == pytest.approx(70 / 90, abs=1e-4)  # (40 + 30) / (50 + 40)
    roles = {r["id"]: r for r in data["roles"]}
    assert roles["project-manager"]["planned_days"] > 0
    phases = [ph["id"] for ph in data["phases"]]
    assert phases[:2] == ["prepare", "explore"]
    go_live = next(m for m in data["milestones"] if m["id"] == "base.go-live")
    assert go_live["actual"] is not None and go_live["baseline"] == p["baseline_go_live"]
    assert data["training"]["hours_planned"] > 0 and data["training"]["hours_delivered"] == 0
    first = {name: (kits["A"] / name).read_bytes() for name in data["files"]}
    assert all(len(blob) > 5_000 for blob in first.values())
    run("evaluate", str(kits["A"]), "--as-of", AS_OF.isoformat())  # same kit, same bytes
    assert {name: (kits["A"] / name).read_bytes() for name in data["files"]} == first


def test_evaluate_beta_changes_and_zh(kits: dict[str, Path]) -> None:
    data = run("evaluate", str(kits["B"]), "--as-of", AS_OF.isoformat(), "--lang", "zh")
    c = data["changes"]
    assert (c["requests"], c["approved"], c["days_added"], c["cost_added"]) == (1, 1, 10.0, 50000.0)
    assert data["project"]["delayed_by_changes"] is True
    from docx import Document

    doc = Document(str(kits["B"] / data["files"][1]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "项目后评价报告" in text and "客户满意度（NPS）" in text


def _cells(dom: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(summary figure -> data-value, project path -> {key: data-value}) from a DOM."""
    import html
    import re

    summary = {
        k: html.unescape(v)
        for k, v in re.findall(r'data-figure="([^"]+)" data-value="([^"]*)"', dom)
    }
    projects: dict[str, dict[str, str]] = {}
    for path, body in re.findall(r'<tr data-path="([^"]+)"[^>]*>(.*?)</tr>', dom, flags=re.S):
        projects[html.unescape(path)] = {
            k: html.unescape(v)
            for k, v in re.findall(r'data-key="([^"]+)" data-value="([^"]*)"', body)
        }
    return summary, projects


def _same(shown: str, value: Any) -> bool:
    if value is None:
        return shown == ""
    if isinstance(value, bool):
        return shown == json.dumps(value)
    if isinstance(value, (int, float)):
        return float(shown) == pytest.approx(float(value))
    return shown == str(value)


def test_dashboard_in_a_real_browser_equals_the_json(
    rolled: dict[str, Any], tmp_path: Path
) -> None:
    from tests.test_site import _browser

    page = Path(rolled["files"][1])
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//""", text)
    assert "default-src 'none'" in text  # nothing loads from the network
    dom = _browser(["--dump-dom", page.as_uri()], tmp_path)
    summary, projects = _cells(dom)
    for key in (
        "projects",
        "on_time_rate",
        "early",
        "delayed_by_changes",
        "nps",
        "first_pass_acceptance",
    ):
        assert _same(summary[key], rolled["summary"][key]), (key, summary[key])
    assert set(projects) >= {p["path"] for p in rolled["projects"]}
    for p in rolled["projects"]:
        shown = projects[p["path"]]
        for key in (
            "client",
            "pack",
            "pack_version",
            "baseline_go_live",
            "forecast_go_live",
            "on_time",
            "spi",
            "cpi",
            "nps",
            "first_pass_rate",
        ):
            want = p["pack_name"] if key == "pack" else p[key]  # the pack by its name
            assert _same(shown[key], want), (p["path"], key, shown[key], want)
    assert rolled["unreadable"][0]["path"] in dom  # the broken kit is listed with its reason
    assert dom.count("<svg") >= 2  # the charts (inline SVG)


def test_dashboard_screenshots_en_and_zh(
    kits: dict[str, Path], rolled: dict[str, Any], tmp_path: Path
) -> None:
    from tests.test_site import _browser

    zh = run(
        "portfolio",
        str(kits["A"].parent),
        "--as-of",
        AS_OF.isoformat(),
        "--lang",
        "zh",
        "-o",
        str(tmp_path / "zh.html"),
    )
    page_zh = Path(zh["files"][1])
    assert "按期交付率" in page_zh.read_text(encoding="utf-8")
    for name, page in (("en", Path(rolled["files"][1])), ("zh", page_zh)):
        shot = tmp_path / f"portfolio-{name}.png"
        _browser(["--window-size=1400,1200", f"--screenshot={shot}", page.as_uri()], tmp_path)
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_reports_lint_clean_and_libreoffice_reads_them(
    kits: dict[str, Path], rolled: dict[str, Any], tmp_path: Path
) -> None:
    from tests.office import office_text
    from tests.xlsx_lint import assert_clean

    data = run("evaluate", str(kits["A"]), "--as-of", AS_OF.isoformat())
    evaluation = [kits["A"] / name for name in data["files"]]
    portfolio_xlsx = Path(rolled["files"][0])
    assert_clean(portfolio_xlsx)
    assert_clean(evaluation[0])
    # soffice names outputs by stem: the Word evaluation goes as a renamed copy, so the
    # three files take one LibreOffice start
    docx = tmp_path / f"{evaluation[1].stem}-docx{evaluation[1].suffix}"
    shutil.copyfile(evaluation[1], docx)
    texts = office_text([portfolio_xlsx, evaluation[0], docx], tmp_path / "office")
    texts[evaluation[1]] = texts[docx]
    assert "Alpha" in texts[portfolio_xlsx] and "Gamma" in texts[portfolio_xlsx]
    assert "Post-project evaluation" in texts[evaluation[1]]
    assert "First-pass acceptance" in texts[evaluation[0]]


def test_zh_quality_sheets_have_no_english(tmp_path: Path) -> None:
    from tests.client_text import english_words, xlsx_texts

    # test_evaluation makes the same kit: made once per run
    kit = pristine(tmp_path / "zh", "base", "--start", "2026-03-02", "--lang", "zh")
    titles = ("缺陷记录", "验收记录", "客户满意度", "项目团队")
    found = [
        (where, words)
        for where, text in xlsx_texts(kit / "plan/project-plan.xlsx")
        if any(f"{t}!" in where or where.endswith(f"{t}") for t in titles)
        for words in [english_words(text)]
        if words
    ]
    assert not found, found[:10]


def test_zh_portfolio_names_phases_and_packs_in_chinese(
    kits: dict[str, Path], tmp_path: Path
) -> None:
    """English kits in a zh portfolio: the phase and the pack by their zh names, not en/ids."""
    from generator.packs.model import resolve_text
    from generator.workspace.load import loaded_pack

    base = loaded_pack("base", None)
    zh_phases = {p.item.id: resolve_text(p.item.name, "zh") for p in base.phases}
    pack_zh = resolve_text(base.meta.name, "zh")
    out = tmp_path / "zh.xlsx"
    data = run(
        "portfolio", str(kits["A"].parent), "--as-of", AS_OF.isoformat(), "--lang", "zh",
        "-o", str(out),
    )  # fmt: skip
    assert data["projects"]
    for p in data["projects"]:
        assert p["pack"] == "base" and p["pack_name"] == pack_zh
        assert p["phase"] == zh_phases[p["phase_id"]], p["phase"]
    assert data["packs"][0]["pack_name"] == pack_zh
    book = load_workbook(out, read_only=True)
    cells = {str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r}
    book.close()
    assert pack_zh in cells and "base" not in cells
    en_phases = {resolve_text(p.item.name, "en") for p in base.phases}
    assert not (cells & en_phases), cells & en_phases
    html = Path(data["files"][1]).read_text(encoding="utf-8")
    assert pack_zh in html and all(zh_phases[p["phase_id"]] in html for p in data["projects"])


def test_the_cache_file_honours_the_umask(kits: dict[str, Path], tmp_path: Path) -> None:
    """Like every other file the kit holds: 0644 under umask 022, never a private 0600."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        (kits["C"] / CACHE).unlink(missing_ok=True)
        run(
            "portfolio",
            str(kits["C"]),
            "--as-of",
            AS_OF.isoformat(),
            "-o",
            str(tmp_path / "u.xlsx"),
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE((kits["C"] / CACHE).stat().st_mode) == 0o644


def test_the_console_speaks_the_requested_language(kits: dict[str, Path], tmp_path: Path) -> None:
    """`--lang zh` reaches the console lines too, counts phrased (fresh user: 'Wrote …',
    '1 projects' under --lang zh)."""
    runner = CliRunner()
    out = tmp_path / "pf.xlsx"
    zh = runner.invoke(
        cli,
        ["portfolio", str(kits["A"]), "--as-of", AS_OF.isoformat(), "--lang", "zh", "-o", str(out)],
    )
    assert zh.exit_code == 0, zh.output
    assert "1 个项目" in zh.output and "Wrote" not in zh.output and "projects" not in zh.output
    en = runner.invoke(
        cli, ["portfolio", str(kits["A"]), "--as-of", AS_OF.isoformat(), "-o", str(out)]
    )
    assert en.exit_code == 0, en.output
    assert "1 project (" in en.output
    ev = runner.invoke(
        cli, ["evaluate", str(kits["A"]), "--as-of", AS_OF.isoformat(), "--lang", "zh"]
    )
    assert ev.exit_code == 0, ev.output
    assert "Wrote" not in ev.output

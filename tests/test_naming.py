"""Project names, folder slugs and the per-project id (the UID every export shares)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator import naming
from generator.cli import cli
from generator.project import load_project

START = ("--start", "2026-03-02")


def _new(*args: str) -> str:
    result = CliRunner().invoke(cli, ["new", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_default_name_reads_like_a_project_not_a_pack() -> None:
    assert (
        naming.default_name("华东精密制造", ["ERP", "MES"], "zh") == "华东精密制造 ERP+MES 实施项目"
    )
    assert naming.default_name("Acme", ["ERP"], "en") == "Acme ERP Implementation"
    assert naming.default_name("Acme", [], "en") == "Acme Implementation"
    # the old default doubled 制造 and exposed the pack name
    assert "制造制造" not in naming.default_name("华东精密制造", ["ERP", "MES"], "zh")


@pytest.mark.parametrize(
    "name, generated",
    [
        ("华东精密制造 ERP+MES 实施项目", True),
        ("华东精密制造 MES 实施项目", True),
        ("华东精密制造 ERP Implementation", True),
        ("华东精密制造制造业实施方法包（ERP + MES）项目", True),  # the older default
        ("华东精密制造 SCM 实施项目", False),  # not a system of the pack
        ("华东二期数字化工厂项目", False),  # the user's own name
    ],
)
def test_generated_names_are_recognised(name: str, generated: bool) -> None:
    result = naming.is_generated_name(
        name, "华东精密制造", ["ERP", "MES"], ["制造业实施方法包（ERP + MES）"]
    )
    assert result is generated


def test_chinese_clients_get_their_own_pinyin_slugs() -> None:
    one = naming.client_slug("华东精密制造", "manufacturing")
    two = naming.client_slug("华南精密制造", "manufacturing")
    assert one == "hua-dong-jing-mi-zhi-zao-manufacturing"
    assert two == "hua-nan-jing-mi-zhi-zao-manufacturing"
    assert naming.make_slug("Müller GmbH", "mfg") == "muller-gmbh"
    assert naming.make_slug("2026", "mfg") == "project-mfg"


@given(st.text(max_size=120))
def test_slugs_are_always_folder_safe(text: str) -> None:
    slug = naming.make_slug(text, "mfg")
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert len(slug) <= naming.SLUG_MAX


def test_two_chinese_clients_two_folders_two_uids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _new("manufacturing", "--lang", "zh", "--client", "华东精密制造", *START)
    _new("manufacturing", "--lang", "zh", "--client", "华南精密制造", *START)
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders == [
        "hua-dong-jing-mi-zhi-zao-manufacturing",
        "hua-nan-jing-mi-zhi-zao-manufacturing",
    ]
    specs = [load_project(tmp_path / f) for f in folders]
    uids = [s.uid for s in specs]
    assert all(u and naming.UID_PATTERN.match(u) for u in uids)
    assert uids[0] != uids[1]
    calendars = [
        (tmp_path / f / "exports" / "project-calendar.ics").read_text(encoding="utf-8")
        for f in folders
    ]
    event_uids = [set(re.findall(r"^UID:(.+)$", c, flags=re.MULTILINE)) for c in calendars]
    assert event_uids[0] and event_uids[1]
    assert not event_uids[0] & event_uids[1]  # importing both never merges events
    assert all(uids[0] in u for u in event_uids[0])


def test_uid_is_kept_and_the_name_follows_the_scope_on_rebuild(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    _new("manufacturing", "--lang", "zh", "--client", "华东精密制造", *START, "--out", str(kit))
    yaml_path = kit / "project.yaml"
    first = load_project(yaml_path)
    assert first.name == "华东精密制造 ERP+MES 实施项目"
    text = yaml_path.read_text(encoding="utf-8")
    assert f'uid: "{first.uid}"' in text
    yaml_path.write_text(text.replace('["ERP", "MES"]', '["ERP"]'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(kit)])
    assert result.exit_code == 0, result.output
    from generator import api

    rebuilt = api.load_kit(kit).kit
    assert rebuilt.project.name == "华东精密制造 ERP 实施项目"
    assert rebuilt.project.uid == first.uid  # the id stays: calendars update in place
    # a name the user wrote is kept whatever the scope
    text = yaml_path.read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", 'name: "华东二期数字化工厂"', text, flags=re.MULTILINE)
    yaml_path.write_text(text, encoding="utf-8")
    named = api.load_kit(kit).kit
    assert named.project.name == "华东二期数字化工厂"

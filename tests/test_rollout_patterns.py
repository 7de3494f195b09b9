"""The rollout patterns, on a pack of a domain implkit does not ship (logistics / WMS).

``tests/fixtures/packs/logistics/wms`` uses every pattern: go-live weekdays, a buffer
before the peak seasons, a pack-level earliest go-live, per-site cutover nights inside a
wave, a pilot longer than the later waves, a gate per wave, the pack's own skills. The
plan it builds, in English and in Chinese, is checked by :mod:`tests.rollout_checker` —
its own calendar and window arithmetic, nothing from the scheduler — and the checker is
shown to catch a plan built without the rules.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from generator.kit import build_kit
from generator.kit_model import Kit
from generator.pack_checks import validate_paths
from generator.packs.loader import load_pack
from generator.project import ProjectSpec
from tests.rollout_checker import check_rollout

WMS = Path(__file__).resolve().parent / "fixtures" / "packs" / "logistics" / "wms"
START = date(2026, 9, 1)


def _kit(folder: Path, lang: str, **answers: object) -> Kit:
    pack = load_pack(folder)
    values: dict[str, object] = {
        "pack": "wms",
        "start": START,
        "strategy": "phased",
        "sites": 7,
        "users": 600,
        "systems": ["WMS", "ERP"],
        "lang": lang,
        **answers,
    }
    spec = ProjectSpec(**values).resolved(pack)  # type: ignore[arg-type]
    return build_kit(pack, spec, generator_version="0")


@cache
def wms_kit(lang: str) -> Kit:
    return _kit(WMS, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_wms_pack_validates_strictly(lang: str) -> None:
    report = validate_paths([WMS], lang=lang, strict=True)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert [w for w in report.warnings if "below its target" not in w.message] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_keeps_every_rollout_rule(lang: str) -> None:
    kit = wms_kit(lang)
    assert [len(w.sites) for w in kit.waves] == [1, 3, 3]
    assert all(len(w.site_go_lives) == len(w.sites) for w in kit.waves)
    assert check_rollout(kit, WMS) == []


def test_en_and_zh_plans_have_the_same_dates() -> None:
    en, zh = wms_kit("en"), wms_kit("zh")
    assert [(t.id, t.start, t.finish) for t in en.tasks] == [
        (t.id, t.start, t.finish) for t in zh.tasks
    ]
    assert [w.site_go_lives and [d for _s, d in w.site_go_lives] for w in en.waves] == [
        w.site_go_lives and [d for _s, d in w.site_go_lives] for w in zh.waves
    ]


def test_the_rules_moved_dates_and_say_why() -> None:
    kit = wms_kit("en")
    reasons = " | ".join(p.reason for p in kit.pushes)
    assert "go-lives only on Mon, Tue, Wed" in reasons
    assert "14 days clear before" in reasons
    names = {t.id: t.name for t in kit.tasks}
    assert names["base.go-live@w2/3"].endswith("Wave 2: Warehouse 4")
    steps = {s.id: s for s in kit.cutover}
    assert steps["wms.co-rf-switch@w2/3"].name.endswith("— Warehouse 4")
    # -3.5 hours: the evening before that warehouse's go-live day
    night = kit.waves[1].site_go_lives[2][1]
    assert steps["wms.co-rf-switch@w2/3"].planned_date == night - timedelta(days=1)


def test_the_checker_catches_a_plan_built_without_the_rules(tmp_path: Path) -> None:
    """The same pack without its rollout rules: the checker, reading the real pack's rules,
    must find the plan wrong (it is not a checker that passes everything)."""
    bare = tmp_path / "wms"
    shutil.copytree(WMS, bare)
    meta = bare / "pack.yaml"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = ("go_live_weekdays", "blackout_buffer", "not_before", "cutover:", "sites_per_night")
    meta.write_text(
        "".join(
            ln
            for ln in lines
            if ln.strip().split(" ")[0].rstrip(":") + ":"
            not in [c if c.endswith(":") else c + ":" for c in cut]
        ),
        encoding="utf-8",
    )
    tasks = bare / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("    wave_duration: 3", "    # none"),
        encoding="utf-8",
    )
    gates = bare / "gates.yaml"
    gates.write_text(
        gates.read_text(encoding="utf-8").replace("    per_wave: true", ""), encoding="utf-8"
    )
    found = check_rollout(_kit(bare, "en"), WMS)
    text = "\n".join(found)
    assert "site nights" in text  # every site on the wave's night
    assert "not an allowed weekday" in text or "days before" in text
    assert "working days, the pack gives" in text  # the later waves' shorter duration
    assert "gate wms.wave-exit@w2: missing" in text


@pytest.mark.parametrize(
    ("task_id", "late"),
    [("base.uat-signoff", 12), ("wms.rf-survey@w2", 6), ("base.hypercare", 9)],
)
def test_every_rule_holds_after_a_slip(task_id: str, late: int) -> None:
    """The forecast is the plan's own pass with the actuals as constraints: a task finished
    late moves what follows, and every go-live, site night and gate still keeps the rules."""
    from generator.tracking.forecast import forecast_kit
    from tests.slips import late_finish

    kit = wms_kit("en")
    tracked, as_of = late_finish(kit, task_id, late)
    forecast = forecast_kit(tracked, as_of)
    moved = [
        (p.id, f.start)
        for p, f in zip(kit.tasks, forecast.tasks, strict=True)
        if p.start != f.start
    ]
    assert moved, "the slip moved nothing"
    assert check_rollout(forecast, WMS) == []

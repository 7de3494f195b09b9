"""MS Project XML: read back with MPXJ and compared value by value with the Kit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.kit_model import Kit
from generator.render.mspdi import NS, peak_units, render_mspdi, resource_name
from tests.mpxj_reader import SUBSET_SCHEMA, read_mspdi, subset_schema
from tests.sample_kit import sample_kit


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mpxj_reads_back_every_task_date_and_link(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    path = tmp_path / f"plan-{lang}.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)

    assert project.title == kit.project.name
    read = {t.name: t for t in project.tasks if not t.summary}
    assert len(read) == len(kit.tasks)
    for task in kit.tasks:
        got = read[task.name]
        assert got.milestone == task.milestone, task.id
        assert got.finish == task.finish, task.id
        if not task.milestone:
            assert got.start == task.start, task.id
            assert got.duration_days == task.duration, task.id
        assert got.outline_level == 2
        expected = {
            (kit.task(link.predecessor).name, link.type, float(link.lag))
            for link in task.predecessors
        }
        assert set(got.predecessors) == expected, task.id

    summaries = [t for t in project.tasks if t.summary]
    assert [t.name for t in summaries] == [p.name for p in kit.phases]
    for phase, got in zip(kit.phases, summaries):
        assert (got.start, got.finish) == (phase.start, phase.finish)


def test_calendar_exceptions_match_holidays_and_make_up_days(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    path = tmp_path / "cal.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)
    expected = {(d.day, False) for d in kit.calendar.holidays} | {
        (d.day, True) for d in kit.calendar.workdays
    }
    assert set(project.exceptions) == expected


def test_roles_become_resources_with_effort_assignments(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "res.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)
    assert set(project.resources) == {r.name for r in kit.roles}
    expected = sum(1 for t in kit.tasks if not t.milestone for _, days in t.effort if days > 0)
    assert project.assignments == expected


def test_xml_shape_namespace_lag_units_and_freeze_constraint(tmp_path: Path) -> None:
    kit = sample_kit("en")
    path = tmp_path / "shape.xml"
    render_mspdi(kit, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{NS}}}Project"
    ns = {"p": NS}
    by_name = {t.findtext("p:Name", namespaces=ns): t for t in root.iterfind("p:Tasks/p:Task", ns)}
    ss_task = by_name[kit.task("s.inject").name]
    link = ss_task.find("p:PredecessorLink", ns)
    assert link is not None
    assert link.findtext("p:Type", namespaces=ns) == "3"  # start-to-start
    assert link.findtext("p:LinkLag", namespaces=ns) == "4800"  # 1 day in tenths of minutes
    assert kit.freeze is not None
    dev = by_name[kit.task(kit.freeze.development_task).name]
    assert dev.findtext("p:ConstraintType", namespaces=ns) == "4"
    config = by_name[kit.task("s.config").name]
    assert config.findtext("p:Duration", namespaces=ns) == "PT160H0M0S"


def test_same_kit_same_bytes(tmp_path: Path) -> None:
    kit = sample_kit("zh")
    render_mspdi(kit, tmp_path / "a.xml")
    render_mspdi(kit, tmp_path / "b.xml")
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()


# --- schema-valid, resources sized, currency, names --------------------------------

XS = "{http://www.w3.org/2001/XMLSchema}"


def _kit(name: str) -> Kit:
    """``sample-en``/``sample-zh`` or ``manufacturing-en``/``manufacturing-zh``: only the
    kit a test names is built (each parameter built all four to pick one)."""
    from tests.docx_checks import real_kit

    which, lang = name.rsplit("-", 1)
    return sample_kit(lang) if which == "sample" else real_kit(lang)


def test_subset_schema_declares_without_wildcards() -> None:
    tree = ET.parse(SUBSET_SCHEMA).getroot()
    assert tree.find(f".//{XS}any") is None and tree.find(f".//{XS}anyAttribute") is None
    assert tree.get("targetNamespace") == NS


@pytest.mark.parametrize("name", ["sample-en", "sample-zh", "manufacturing-en", "manufacturing-zh"])
def test_every_mspdi_validates_against_the_schema(name: str, tmp_path: Path) -> None:
    kit = _kit(name)
    path = tmp_path / f"{name}.xml"
    render_mspdi(kit, path)
    schema = subset_schema()
    errors = [str(e.reason) + " at " + str(e.path) for e in schema.iter_errors(str(path))]
    assert not errors, errors[:5]
    # every element we emit is declared by name in the subset (no wildcard lets one through)
    declared = {el.get("name") for el in ET.parse(SUBSET_SCHEMA).getroot().iter(f"{XS}element")}
    emitted = {el.tag.split("}")[1] for el in ET.parse(path).getroot().iter()}
    assert emitted <= declared, emitted - declared


def test_schema_rejects_the_old_currency_order(tmp_path: Path) -> None:
    """The check can fail: currency after DaysPerMonth (the old layout) is invalid."""
    kit = sample_kit("en")
    path = tmp_path / "old.xml"
    render_mspdi(kit, path)
    root = ET.parse(path).getroot()
    for tag in ("CurrencySymbol", "CurrencyCode"):
        element = root.find(f"{{{NS}}}{tag}")
        assert element is not None
        root.remove(element)
        days = root.find(f"{{{NS}}}DaysPerMonth")
        assert days is not None
        root.insert(list(root).index(days) + 1, element)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    assert not subset_schema().is_valid(str(path))


def _load(root: ET.Element) -> tuple[dict[int, float], dict[int, list[tuple[date, date, float]]]]:
    ns = {"p": NS}
    max_units = {
        int(r.findtext("p:UID", namespaces=ns) or 0): float(
            r.findtext("p:MaxUnits", namespaces=ns) or 0
        )
        for r in root.iterfind("p:Resources/p:Resource", ns)
    }
    loads: dict[int, list[tuple[date, date, float]]] = {}
    for a in root.iterfind("p:Assignments/p:Assignment", ns):
        start = date.fromisoformat((a.findtext("p:Start", namespaces=ns) or "")[:10])
        finish = date.fromisoformat((a.findtext("p:Finish", namespaces=ns) or "")[:10])
        units = float(a.findtext("p:Units", namespaces=ns) or 0)
        loads.setdefault(int(a.findtext("p:ResourceUID", namespaces=ns) or 0), []).append(
            (start, finish, units)
        )
    return max_units, loads


@pytest.mark.parametrize("name", ["sample-en", "manufacturing-zh"])
def test_no_resource_over_allocated_and_units_are_effort_over_duration(
    name: str, tmp_path: Path
) -> None:
    kit = _kit(name)
    path = tmp_path / "load.xml"
    render_mspdi(kit, path)
    root = ET.parse(path).getroot()
    max_units, loads = _load(root)
    above_one = 0
    for uid, spans in loads.items():
        days = {d for s, f, _ in spans for d in _days(s, f)}
        peak = max(sum(u for s, f, u in spans if s <= d <= f) for d in days)
        assert peak <= max_units[uid] + 1e-9, (uid, peak, max_units[uid])
        assert max_units[uid] < peak + 0.01 or max_units[uid] == 1.0  # sized, not padded
        above_one += max_units[uid] > 1.0
    assert above_one, "the plan has parallel effort: some role needs more than one person"
    # Units x working days = effort (person-days) for every assignment
    ns = {"p": NS}
    by_uid = {
        int(t.findtext("p:UID", namespaces=ns) or 0): t.findtext("p:Name", namespaces=ns)
        for t in root.iterfind("p:Tasks/p:Task", ns)
    }
    tasks = {t.name: t for t in kit.tasks}
    roles = {resource_name(r.name): r.id for r in kit.roles}
    names = {
        int(r.findtext("p:UID", namespaces=ns) or 0): r.findtext("p:Name", namespaces=ns)
        for r in root.iterfind("p:Resources/p:Resource", ns)
    }
    for a in root.iterfind("p:Assignments/p:Assignment", ns):
        task = tasks[by_uid[int(a.findtext("p:TaskUID", namespaces=ns) or 0)] or ""]
        role = roles[names[int(a.findtext("p:ResourceUID", namespaces=ns) or 0)] or ""]
        effort = dict(task.effort)[role]
        units = float(a.findtext("p:Units", namespaces=ns) or 0)
        assert abs(units * task.duration - effort) < 0.01, task.id


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize(
    ("lang", "currency", "symbol", "group"),
    [
        ("zh", "CNY", "¥", "客户方"),
        ("en", "CNY", "¥", "Client"),
        ("en", "USD", "$", "Client"),
        ("en", "EUR", "€", "Client"),
    ],
)
def test_currency_symbol_and_groups_follow_the_project(
    lang: str, currency: str, symbol: str, group: str, tmp_path: Path
) -> None:
    kit = sample_kit(lang)
    kit = replace(kit, project=replace(kit.project, currency=currency))
    path = tmp_path / "cur.xml"
    render_mspdi(kit, path)
    root = ET.parse(path).getroot()
    ns = {"p": NS}
    assert root.findtext("p:CurrencySymbol", namespaces=ns) == symbol
    assert root.findtext("p:CurrencyCode", namespaces=ns) == currency
    groups = {
        r.findtext("p:Group", namespaces=ns) for r in root.iterfind("p:Resources/p:Resource", ns)
    }
    sides = {r.side for r in kit.roles}
    assert group in groups or "client" not in sides
    words = {"Vendor", "Client", "Joint"}
    assert not (groups & words) if lang == "zh" else groups <= words


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_resource_names_survive_ms_project(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    odd = {
        "en": "Key user, finance [FI]; costing",
        "zh": "关键用户，财务［FI］[CO]；成本",
    }[lang]
    roles = (replace(kit.roles[0], name=odd), *kit.roles[1:])
    kit = replace(kit, roles=roles)
    path = tmp_path / "names.xml"
    render_mspdi(kit, path)
    assert subset_schema().is_valid(str(path))
    project = read_mspdi(path)
    written = resource_name(odd)
    assert written in project.resources
    assert not any(ch in written for ch in ",;[]，；")
    expected = {"en": "Key user / finance (FI) / costing", "zh": "关键用户、财务［FI］(CO)、成本"}
    assert written == expected[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_tool_name_and_calendar_named_in_the_kit_language(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    kit = replace(kit, project=replace(kit.project, author=""))
    path = tmp_path / "props.xml"
    render_mspdi(kit, path)
    text = path.read_text(encoding="utf-8")
    assert "implkit" not in text.lower()
    ns = {"p": NS}
    name = ET.parse(path).getroot().findtext("p:Calendars/p:Calendar/p:Name", namespaces=ns)
    assert (
        name
        == {"en": f"{kit.project.name} working calendar", "zh": f"{kit.project.name} 工作日历"}[
            lang
        ]
    )
    assert subset_schema().is_valid(str(path))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mpxj_reads_sized_resources_units_and_currency(lang: str, tmp_path: Path) -> None:
    from tests.docx_checks import real_kit

    kit = real_kit(lang)
    path = tmp_path / f"units-{lang}.xml"
    render_mspdi(kit, path)
    project = read_mspdi(path)
    assert project.currency_symbol == "¥"  # the manufacturing pack's projects are in CNY
    peaks = peak_units(kit)
    max_units = dict(project.max_units)
    for role in kit.roles:
        expected = max(1.0, peaks.get(role.id, 0.0))
        assert max_units[resource_name(role.name)] == pytest.approx(expected * 100, abs=1), role.id
    assert max(max_units.values()) > 100
    tasks = {t.name: t for t in kit.tasks}
    names = {resource_name(r.name): r.id for r in kit.roles}
    for task_name, resource, units in project.units:
        task = tasks[task_name]
        effort = dict(task.effort)[names[resource]]
        assert units / 100 * task.duration == pytest.approx(effort, abs=0.01), task.id


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_texts_cut_to_the_schema_limits(lang: str, tmp_path: Path) -> None:
    kit = sample_kit(lang)
    word = {"en": "configure ", "zh": "配置工艺路线"}[lang]
    long = (word * 80).strip()
    tasks = tuple(replace(t, name=long) if t.id == "s.config" else t for t in kit.tasks)
    kit = replace(kit, tasks=tasks, project=replace(kit.project, name=long * 2))
    path = tmp_path / "long.xml"
    render_mspdi(kit, path)
    errors = [str(e.reason) for e in subset_schema().iter_errors(str(path))]
    assert not errors, errors[:3]
    names = [
        t.findtext(f"{{{NS}}}Name") or "" for t in ET.parse(path).getroot().iter(f"{{{NS}}}Task")
    ]
    cut = next(n for n in names if n.startswith(word.strip()))
    assert len(cut) <= 255 and cut.endswith("…")


# --- the planning rules survive a reschedule in MS Project: start-no-earlier-than ----------


def _phased_kit(as_of: date | None = None) -> Kit:
    """The phased, blackout-heavy test pack (pushes in every wave), forecast at ``as_of``."""
    from generator.kit import build_kit
    from generator.packs.loader import load_pack
    from generator.project import ProjectSpec
    from generator.tracking.forecast import forecast_kit, on_plan_progress

    packs = Path(__file__).parent / "fixtures" / "packs" / "scheduling"
    pack = load_pack("phased-blackouts", packs)
    spec = ProjectSpec(
        pack="phased-blackouts", start=date(2026, 3, 2), sites=4, strategy="phased", users=1200
    )
    kit = build_kit(pack, spec, generator_version="test")
    if as_of is None:
        return kit
    return forecast_kit(on_plan_progress(kit, as_of - timedelta(days=20)), as_of)


@pytest.mark.parametrize("as_of", [None, date(2026, 9, 15)])
def test_mpxj_reads_a_start_no_earlier_than_on_every_pushed_task(
    as_of: date | None, tmp_path: Path
) -> None:
    kit = _phased_kit(as_of)
    pushed = {p.task_id for p in kit.pushes if p.met}
    assert pushed, "the test pack must push some dates"
    held = {t.id for t in kit.tasks if t.constraint is not None}
    assert kit.freeze is not None  # development start always keeps the freeze's date
    held.add(kit.freeze.development_task)
    path = tmp_path / "pushed.xml"
    render_mspdi(kit, path)
    errors = [str(e.reason) for e in subset_schema().iter_errors(str(path))]
    assert not errors, errors[:5]
    read = {t.name: t for t in read_mspdi(path).tasks if not t.summary}
    for task in kit.tasks:
        got = read[task.name]
        if task.id in held:
            assert got.constraint == "START_NO_EARLIER_THAN", task.id
            assert got.constraint_date == task.start, task.id
        else:
            assert got.constraint in ("AS_SOON_AS_POSSIBLE", ""), task.id
    final = {t.id: t for t in kit.tasks}
    for task_id in pushed:  # a pushed task MS Project could move back: its date is held
        if final[task_id].start == next(
            p.after for p in reversed(kit.pushes) if p.task_id == task_id
        ):
            assert task_id in held, task_id
    if as_of is not None:  # open work waits for the status date in MS Project too
        after = [t for t in kit.tasks if t.constraint is not None and t.start > as_of]
        assert after


def test_a_cancelled_task_is_inactive_in_ms_project(tmp_path: Path) -> None:
    """A task the team cancelled is exported inactive (MS Project's word for it: no time,
    no hold on its successors, as the kit schedules it), not as open work; MPXJ reads it
    inactive and the import reads it back as cancelled, so the round trip keeps it."""
    from generator.kit_model import TaskProgress
    from generator.trackers.detect import read_export

    kit = sample_kit("en")
    dropped = next(t for t in kit.tasks if not t.milestone)
    kit = replace(kit, progress=(TaskProgress(dropped.id, "Cancelled", None, None, None),))
    path = tmp_path / "cancelled.xml"
    render_mspdi(kit, path)
    errors = [str(e.reason) for e in subset_schema().iter_errors(str(path))]
    assert not errors, errors[:5]
    read = {t.name: t for t in read_mspdi(path).tasks}
    assert not read[dropped.name].active
    assert all(read[t.name].active for t in kit.tasks if t.id != dropped.id)
    items = {item.kit_id: item for item in read_export(path).items}
    assert items[dropped.id].status == "cancelled"
    assert {items[t.id].status for t in kit.tasks if t.id != dropped.id} == {"not-started"}

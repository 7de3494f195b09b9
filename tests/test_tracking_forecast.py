"""Forecast from actuals: the properties the issue names, on the real manufacturing pack."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kit import build_kit
from generator.kit_model import Kit, Task, TaskProgress
from generator.project import ProjectSpec
from generator.tracking.forecast import (
    forecast_kit,
    on_plan_progress,
    remaining_days,
    working_days_between,
)
from generator.tracking.states import points_through, working_calendar
from generator.workspace.load import loaded_pack
from tests.slips import late_finish

START = date(2026, 3, 2)


@lru_cache(maxsize=1)
def plan() -> Kit:
    pack = loaded_pack("manufacturing", None)
    return build_kit(pack, ProjectSpec(pack="manufacturing", start=START), generator_version="0")


def finish_critical(kit: Kit) -> set[str]:
    """Critical tasks whose finish drives a critical successor through a finish-to-start link
    (successor's start point == this task's finish point + lag): finishing late moves the end.
    """
    cal = working_calendar(kit)
    by_id = {t.id: t for t in kit.tasks}

    def start_point(task: Task) -> int:
        if task.milestone:
            return 0 if task.finish <= kit.project.start else points_through(cal, task.finish)
        return cal.index(task.start)

    out = set()
    for succ in kit.tasks:
        if not succ.critical:
            continue
        for link in succ.predecessors:
            pred = by_id.get(link.predecessor)
            if pred is None or link.type != "FS" or not pred.critical or pred.milestone:
                continue
            if points_through(cal, pred.finish) + link.lag == start_point(succ):
                out.add(pred.id)
    return out


def test_no_actuals_before_start_forecast_equals_plan() -> None:
    kit = plan()
    forecast = forecast_kit(kit, START - timedelta(days=1))
    assert [(t.id, t.start, t.finish) for t in forecast.tasks] == [
        (t.id, t.start, t.finish) for t in kit.tasks
    ]
    assert forecast.project.go_live == kit.project.go_live
    assert forecast.as_of == START - timedelta(days=1)
    assert replace(forecast, as_of=None) == kit  # nothing else moves either


@settings(max_examples=8, deadline=None)
@given(st.dates(min_value=START, max_value=date(2026, 11, 20)))
def test_progress_exactly_on_plan_moves_nothing(as_of: date) -> None:
    kit = plan()
    forecast = forecast_kit(on_plan_progress(kit, as_of), as_of)
    assert [(t.start, t.finish) for t in forecast.tasks] == [(t.start, t.finish) for t in kit.tasks]


def test_nothing_unfinished_before_the_status_date() -> None:
    kit = plan()
    as_of = date(2026, 6, 30)  # nothing reported at all: open work moves after the status date
    forecast = forecast_kit(kit, as_of)
    assert all(t.finish > as_of for t in forecast.tasks if not t.milestone)
    assert all(t.finish >= as_of for t in forecast.tasks)
    assert forecast.project.go_live is not None and kit.project.go_live is not None
    assert forecast.project.go_live > kit.project.go_live


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_critical_task_late_by_k_moves_go_live_by_k(data: st.DataObject) -> None:
    """k working days late on the critical path: go-live k later, or later still when a
    rule moves it (a blackout window, the go-live rule), and then a push says why.

    Work before the requirements freeze is left out: the freeze is counted in calendar
    days from the sign-off, so a slip there reaches development start changed by the
    weekends it crosses (the planning-rule checker in test_forecast_rules covers it).
    """
    kit = plan()
    go_live = kit.project.go_live
    assert go_live is not None and kit.freeze is not None
    develop = kit.task(kit.freeze.development_task).start
    driving = finish_critical(kit)
    critical = [
        t.id for t in kit.tasks if t.id in driving and develop <= t.start and t.finish < go_live
    ]
    task_id = data.draw(st.sampled_from(critical))
    late = data.draw(st.integers(min_value=1, max_value=19))
    tracked, actual_finish = late_finish(kit, task_id, late)
    forecast = forecast_kit(tracked, actual_finish)
    cal = working_calendar(kit)
    assert forecast.task(task_id).finish == actual_finish
    assert forecast.project.go_live is not None
    slip = working_days_between(cal, go_live, forecast.project.go_live)
    lives = {t.id for t in kit.tasks if t.anchor in ("go-live", "cutover")}
    assert slip == late or (
        slip > late and any(p.task_id in lives and p.met for p in forecast.pushes)
    )


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_task_late_within_its_float_moves_nothing(data: st.DataObject) -> None:
    """Total float f: late by <= f moves no critical task, nor go-live, nor the project end."""
    kit = plan()
    floating = [t for t in kit.tasks if not t.milestone and t.total_float > 0]
    task = data.draw(st.sampled_from(floating))
    late = data.draw(st.integers(min_value=1, max_value=task.total_float))
    tracked, actual_finish = late_finish(kit, task.id, late)
    forecast = forecast_kit(tracked, actual_finish)
    moved = [
        t.id
        for t, f in zip(kit.tasks, forecast.tasks, strict=True)
        if t.id != task.id and t.critical and (t.start, t.finish) != (f.start, f.finish)
    ]
    assert moved == []
    assert forecast.project.go_live == kit.project.go_live
    assert forecast.project.finish == kit.project.finish


def test_started_task_finishes_after_its_remaining_duration_from_the_status_date() -> None:
    kit = plan()
    task = next(t for t in kit.tasks if t.duration >= 10 and t.start > START)
    as_of = task.start + timedelta(days=30)  # well past the planned progress
    tracked = on_plan_progress(kit, task.start - timedelta(days=1))
    entry = TaskProgress(task.id, "In progress", 0.5, task.start, None)
    forecast = forecast_kit(replace(tracked, progress=(*tracked.progress, entry)), as_of)
    cal = working_calendar(kit)
    first_open = cal.next_working_day(as_of + timedelta(days=1))
    expected = cal.add_working_days(first_open, remaining_days(task.duration, 0.5) - 1)
    got = forecast.task(task.id)
    assert got.start == task.start
    assert got.finish == expected


def test_remaining_days_rounds_up_and_never_below_zero() -> None:
    assert remaining_days(10, 0.55) == 5  # 4.5 working days left -> 5
    assert remaining_days(3, 2 / 3) == 1
    assert remaining_days(10, 1.0) == 0
    assert remaining_days(10, 1.2) == 0


def test_dates_derived_from_anchors_follow_a_late_critical_task() -> None:
    kit = plan()
    critical = [t for t in kit.tasks if t.critical and not t.milestone and t.phase == "explore"]
    tracked, actual_finish = late_finish(kit, critical[-1].id, 5)
    moved = forecast_kit(tracked, actual_finish)
    cal = working_calendar(kit)
    assert kit.project.go_live is not None and moved.project.go_live is not None
    shift = (moved.project.go_live - kit.project.go_live).days
    assert working_days_between(cal, kit.project.go_live, moved.project.go_live) == 5
    anchors = dict(moved.anchors)
    assert {o.mock_1 for o in moved.migration if o.mock_1} == {anchors["mock-load-1"]}
    assert {o.dress_rehearsal for o in moved.migration if o.dress_rehearsal} == {
        anchors["dress-rehearsal"]
    }
    for old, new in zip(kit.cutover, moved.cutover, strict=True):
        if old.planned_date:
            assert new.planned_date == old.planned_date + timedelta(days=shift)
    assert moved.training_window is not None and kit.training_window is not None
    assert moved.training_window[0] == anchors["training"]
    delta = cal.index(moved.training_window[0]) - cal.index(kit.training_window[0])
    assert [cal.add_working_days(s.day, delta) for s in kit.sessions] == [
        s.day for s in moved.sessions
    ]
    assert moved.freeze is not None and kit.freeze is not None
    develop = moved.task(moved.freeze.development_task)
    # as in the plan: the freeze ends the day before development work begins (the
    # working day after the development-start milestone's date)
    for k in (kit, moved):
        assert k.freeze is not None
        begins = cal.next_working_day(k.task(k.freeze.development_task).start + timedelta(days=1))
        assert k.freeze.end == begins - timedelta(days=1)
    assert develop.start > kit.task(develop.id).start


# --- generated networks: FS and SS links with lags, on the sample kit's calendar --------


def network_kit(draw: st.DrawFn) -> Kit:
    """A Kit of 2-10 random tasks (FS/SS links, lags 0-2) plus an END milestone (go-live)."""
    from generator.kit_model import Link
    from generator.schedule import Activity, Dep, finish_day, schedule, start_day
    from tests.sample_kit import SRC, sample_kit
    from tests.tracking_example import _task

    base = sample_kit("en")
    start = date(2026, 9, 1)
    base = replace(base, project=replace(base.project, start=start))
    cal = working_calendar(base)
    n = draw(st.integers(min_value=2, max_value=10))
    durations = [draw(st.integers(min_value=1, max_value=6)) for _ in range(n)]
    links: list[list[Dep]] = []
    for i in range(n):
        preds = (
            draw(st.lists(st.integers(min_value=0, max_value=i - 1), max_size=2, unique=True))
            if i
            else []
        )
        links.append(
            [
                Dep(f"T{p}", draw(st.sampled_from(["FS", "SS"])), draw(st.integers(0, 2)))
                for p in preds
            ]
        )
    followed = {d.predecessor for deps in links for d in deps if d.type == "FS"}
    end_links = [Dep(f"T{i}") for i in range(n) if f"T{i}" not in followed]
    acts = [Activity(f"T{i}", durations[i], tuple(links[i])) for i in range(n)]
    acts.append(Activity("END", 0, tuple(end_links)))
    result = schedule(acts)
    tasks: list[Task] = []
    for act in acts:
        t = result[act.id]
        d = int(act.duration)
        task = _task(
            act.id,
            "p1",
            f"1.{len(tasks) + 1}",
            start_day(t.es, d, cal.day),
            finish_day(t.ef, d, cal.day),
            d,
            (("pm", float(d)),) if d else (),
            tuple(Link(x.predecessor, x.type, x.lag) for x in act.deps),  # type: ignore[arg-type]
        )
        task = replace(
            task,
            anchor="go-live" if act.id == "END" else None,
            late_start=start_day(t.ls, d, cal.day),
            late_finish=finish_day(t.lf, d, cal.day),
            total_float=t.total_float,
            critical=t.critical,
            source=SRC,
        )
        tasks.append(task)
    from generator.kit_model import Phase, Role

    go_live = tasks[-1].finish
    return replace(
        base,
        tasks=tuple(tasks),
        phases=(
            Phase(
                "p1",
                1,
                "P",
                "",
                tasks[0].start,
                max(t.finish for t in tasks),
                tuple(t.id for t in tasks),
                SRC,
            ),
        ),
        roles=(Role("pm", "PM", "", "vendor", 1000.0),),
        gates=(),
        anchors=(("go-live", go_live),),
        project=replace(base.project, go_live=go_live, finish=go_live),
        progress=(),
        migration=(),
        cutover=(),
        sessions=(),
        training_window=None,
        freeze=None,
    )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_networks_no_actuals_forecast_is_the_plan(data: st.DataObject) -> None:
    kit = data.draw(st.composite(network_kit)())
    forecast = forecast_kit(kit, kit.project.start - timedelta(days=1))
    assert [(t.start, t.finish, t.total_float) for t in forecast.tasks] == [
        (t.start, t.finish, t.total_float) for t in kit.tasks
    ]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_networks_late_critical_finish_moves_go_live_by_k(data: st.DataObject) -> None:
    kit = data.draw(st.composite(network_kit)())
    candidates = sorted(finish_critical(kit))
    if not candidates:
        return
    task_id = data.draw(st.sampled_from(candidates))
    late = data.draw(st.integers(min_value=1, max_value=5))
    tracked, actual_finish = late_finish(kit, task_id, late)
    forecast = forecast_kit(tracked, actual_finish)
    cal = working_calendar(kit)
    assert kit.project.go_live is not None and forecast.project.go_live is not None
    assert working_days_between(cal, kit.project.go_live, forecast.project.go_live) == late


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_networks_late_within_float_keeps_go_live(data: st.DataObject) -> None:
    kit = data.draw(st.composite(network_kit)())
    floating = [t for t in kit.tasks if not t.milestone and t.total_float > 0]
    if not floating:
        return
    task = data.draw(st.sampled_from(floating))
    late = data.draw(st.integers(min_value=1, max_value=task.total_float))
    tracked, actual_finish = late_finish(kit, task.id, late)
    forecast = forecast_kit(tracked, actual_finish)
    assert forecast.project.go_live == kit.project.go_live


def test_wave_dates_and_their_cutover_follow_the_forecast() -> None:
    """A late project moves every wave's go-live; the waves (build summary, charter) and
    each wave's cutover steps read the forecast, never the plan (fresh-user finding)."""
    answers = {"sites": 5, "strategy": "phased", "systems": ["ERP", "MES"], "users": 2000}
    pack = loaded_pack("manufacturing", None)
    kit = build_kit(
        pack, ProjectSpec(pack="manufacturing", start=START, **answers), generator_version="0"
    )
    assert len(kit.waves) == 3
    as_of = START + timedelta(days=120)  # nothing entered: unfinished work waits for as_of
    forecast = forecast_kit(
        replace(
            kit,
            progress=(
                TaskProgress(
                    "base.kickoff",
                    status="done",
                    percent_complete=1.0,
                    actual_start=START,
                    actual_finish=START,
                ),
            ),
        ),
        as_of,
    )
    live = next(t.id for t in kit.tasks if t.anchor == "go-live" and t.wave <= 1)
    assert {s.id for s in forecast.cutover} == {s.id for s in kit.cutover}
    for planned, moved in zip(kit.waves, forecast.waves, strict=True):
        go_live = forecast.task(live + moved.suffix).start
        assert moved.go_live == go_live
        assert planned.go_live is not None and go_live > planned.go_live
        steps = [s for s in forecast.cutover if s.wave == planned.number]
        assert steps
        for step in steps:  # timed from this wave's forecast go-live, as its text says
            days = int(step.planned.split()[0][1:-1] or 0) if step.planned[1:2] != " " else 0
            assert step.planned_date == go_live + timedelta(days=days)

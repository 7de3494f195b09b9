"""Training sessions: counts, slots, rooms, stable ids."""

from __future__ import annotations

from datetime import date, timedelta

from generator.training_plan import CourseNeed, plan_sessions

DAYS = [date(2026, 3, 2) + timedelta(days=i) for i in range(5)]


def test_counts_and_even_split() -> None:
    sessions = plan_sessions([CourseNeed("c", "offline-hands-on", 120, (("users", 25),))], DAYS, 12)
    assert [s.enrolled for s in sessions] == [9, 8, 8]
    assert [s.id for s in sessions] == ["c#1", "c#2", "c#3"]
    assert [(s.day, s.start_time, s.end_time) for s in sessions] == [
        (DAYS[0], "09:00", "11:00"),
        (DAYS[0], "13:30", "15:30"),
        (DAYS[1], "09:00", "11:00"),
    ]


def test_full_window_opens_another_room() -> None:
    need = CourseNeed("long", "offline-hands-on", 390, (("users", 12 * 7),))
    sessions = plan_sessions([need], DAYS, 12, lang="zh")
    assert len(sessions) == 7
    rooms = sorted({s.location for s in sessions})
    assert rooms == ["培训室1", "培训室2"]
    assert all(s.start_time == "09:00" and s.end_time == "17:00" for s in sessions)
    assert len({(s.day, s.location) for s in sessions}) == 7


def test_afternoon_only_for_210_minutes_and_self_service_skipped() -> None:
    sessions = plan_sessions(
        [
            CourseNeed("a", "online-recorded", 200, (("x", 5),)),
            CourseNeed("s", "self-service", 60, (("x", 500),)),
        ],
        DAYS,
        12,
    )
    assert [(s.id, s.start_time, s.end_time, s.location) for s in sessions] == [
        ("a#1", "13:30", "16:50", "Online")
    ]


def test_deterministic_and_empty_window() -> None:
    needs = [CourseNeed("c", "offline-hands-on", 90, (("a", 40), ("b", 7)))]
    assert plan_sessions(needs, DAYS, 10) == plan_sessions(needs, DAYS, 10)
    assert plan_sessions(needs, [], 10) == []


def test_online_recorded_lessons_get_live_qa_slots_of_up_to_100() -> None:
    need = CourseNeed("rec", "online-recorded", 60, (("students", 250),))
    sessions = plan_sessions([need], DAYS, 12)
    assert len(sessions) == 3
    assert {s.capacity for s in sessions} == {100}
    assert sum(s.enrolled for s in sessions) == 250
    assert all(s.location.startswith("Online") for s in sessions)
    # a class size above the online capacity wins
    assert {s.capacity for s in plan_sessions([need], DAYS, 150)} == {150}

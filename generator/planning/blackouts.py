"""Blackout windows and go-live rules, and pushing dates past them.

Windows come from the pack (``blackouts:``, each recurring every year: a
``yearly`` MM-DD range, days around the Spring Festival, the month-end close)
and from project.yaml (``blackouts: [{name, start, end}]``). Tasks and
milestones marked ``avoid_blackouts`` may not touch a window with any of their
days. Go-live milestones (anchor ``go-live``, every wave's copy) also obey the
go-live rules: ``not_before`` and ``align`` (``month-start``, ``week-start``:
the first working day of the month/week; ``term-start``: the last working day
before the term starts, so that the cutover runs in the holidays).

:func:`push_past_blackouts` reschedules until nothing marked sits in a window:
each time the earliest offending item gets a start-no-earlier-than constraint
at the first start that clears every rule. An item no start within
``SEARCH_DAYS`` working days clears stays where it is and is reported (a push
with ``met=False``), never silently left in a window. A milestone is moved with the tasks
that end right before it (a go-live drags its cutover along), so no empty
days open between a cutover and its go-live. Every move is returned as a
:class:`~generator.kit_model.DatePush` with the reason.
"""

from __future__ import annotations

import calendar as _months
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from generator.i18n import DC_, TextTable, translator
from generator.kit_model import BlackoutWindow, DatePush
from generator.packs.model import BlackoutDef, resolve_text
from generator.planning.gating import ancestors
from generator.schedule import Dep, Schedule

MAX_PUSHES = 200
SEARCH_DAYS = 800  # working days searched for a free slot before giving up


@cache
def spring_festival(year: int) -> date | None:
    """Chinese New Year's day of ``year`` (from the ``holidays`` lunisolar tables)."""
    from generator.holiday_tables import country_holidays

    days = country_holidays("China", years=year, language="en_US")
    hits = sorted(d for d, name in days.items() if "Spring Festival" in name)
    return hits[0] if hits else None


def _month_day(year: int, text: str) -> date:
    month, day = (int(x) for x in text.split("-"))
    return date(year, month, min(day, _months.monthrange(year, month)[1]))


def pack_windows(
    item: BlackoutDef,
    years: Iterable[int],
    is_working: Callable[[date], bool],
    lang: str,
) -> list[BlackoutWindow]:
    """The windows of one pack blackout in ``years`` (inclusive dates)."""
    name = resolve_text(item.name, lang)
    out: list[BlackoutWindow] = []
    for year in years:
        if item.yearly is not None:
            start = _month_day(year, item.yearly.start)
            end = _month_day(year, item.yearly.end)
            if end < start:
                end = _month_day(year + 1, item.yearly.end)
            out.append(BlackoutWindow(f"{name} {year}", start, end))
        elif item.spring_festival is not None:
            day = spring_festival(year)
            if day is not None:
                sf = item.spring_festival
                start, end = day - timedelta(days=sf.before), day + timedelta(days=sf.after)
                out.append(BlackoutWindow(f"{name} {year}", start, end))
        elif item.month_end is not None:
            for month in range(1, 13):
                last = date(year, month, _months.monthrange(year, month)[1])
                start = last
                for _ in range(item.month_end.last):
                    while not is_working(start):
                        start -= timedelta(days=1)
                    start -= timedelta(days=1)
                start += timedelta(days=1)
                end = last
                for _ in range(item.month_end.first):
                    end += timedelta(days=1)
                    while not is_working(end):
                        end += timedelta(days=1)
                if end >= start:
                    out.append(BlackoutWindow(f"{name} {year}-{month:02d}", start, end))
        elif item.start is not None and item.end is not None and year == item.start.year:
            out.append(BlackoutWindow(name, item.start, item.end))
    return out


@dataclass(frozen=True)
class GoLiveRule:
    """What a go-live must respect besides the windows."""

    not_before: date | None = None
    align: str = "none"  # none, month-start, week-start, term-start
    term_starts: tuple[date, ...] = ()  # sorted
    weekdays: tuple[int, ...] = ()  # allowed weekdays (Monday = 0); empty: any
    buffer_days: int = 0  # calendar days a go-live keeps clear before a window starts

    def binds(self) -> bool:
        """True when the rule can move a go-live at all."""
        return bool(
            self.not_before is not None or self.align != "none" or self.weekdays or self.buffer_days
        )


def _aligned(day: date, rule: GoLiveRule, first_working: Callable[[date], date]) -> bool:
    if rule.align == "month-start":
        return day == first_working(day.replace(day=1))
    if rule.align == "week-start":
        return day == first_working(day - timedelta(days=day.weekday()))
    return True  # none; term-start is checked against the term dates


Problem = Callable[[str, int], str | None]  # why a node starting at a point breaks a rule


def push_past_blackouts(
    result: Schedule,
    *,
    avoid: Sequence[str],
    go_lives: Sequence[str],
    windows: Sequence[BlackoutWindow],
    rule: GoLiveRule,
    durations: Mapping[str, int],
    links: Mapping[str, Sequence[Dep]],
    day: Callable[[int], date],
    index: Callable[[date], int],
    run: Callable[[dict[str, int], Sequence[str]], Schedule],
    wave_of: Mapping[str, int],
    group_of: Mapping[str, str],
    lang: str,
) -> tuple[Schedule, list[DatePush]]:
    """Reschedule until no ``avoid`` item touches a window and go-lives obey ``rule``.

    ``group_of`` maps each per-wave task to its wave (the id suffix): a pushed item
    takes the per-wave tasks of its wave that lead to it along (a go-live pushed by
    a month moves that wave's end-user training with it, so the users are still
    trained shortly before their go-live).
    """
    live = set(go_lives)
    problem = _rules_check(windows, rule, live, durations, day, index, lang)
    if problem is None:
        return result, []
    snet: dict[str, int] = {}
    pushes: list[DatePush] = []
    unmet: set[str] = set()
    for _ in range(MAX_PUSHES):
        offenders = sorted(
            (result[n].es, n)
            for n in avoid
            if n in result.index and n not in unmet and problem(n, result[n].es)
        )
        if not offenders:
            break
        es, node = offenders[0]
        target, reasons = _first_clear(node, es, problem)
        if target is None:  # no free slot within the horizon: leave it, and say so
            unmet.add(node)
            at = _dated(node, es, durations, day)
            why = _reason("unmet", lang, days=SEARCH_DAYS, rules="; ".join(reasons[:3]))
            pushes.append(DatePush(node, wave_of.get(node, 0), at, at, why, met=False))
            continue
        delta = target - es
        moved = _moved_with(node, es, result, links, durations, group_of)
        for n in moved:
            snet[n] = result[n].es + delta
        before = _dated(node, es, durations, day)
        result = run(dict(snet), moved)
        pushes.append(
            DatePush(
                task_id=node,
                wave=wave_of.get(node, 0),
                before=before,
                after=_dated(node, result[node].es, durations, day),
                reason="; ".join(reasons[:3]),
            )
        )
    else:  # out of attempts: whatever still breaks a rule is reported, not left silently
        for n in avoid:
            broken = problem(n, result[n].es) if n in result.index and n not in unmet else None
            if broken is not None:
                at = _dated(n, result[n].es, durations, day)
                text = _reason("unmet", lang, days=SEARCH_DAYS, rules=broken)
                pushes.append(DatePush(n, wave_of.get(n, 0), at, at, text, met=False))
    return result, pushes


def _rules_check(
    windows: Sequence[BlackoutWindow],
    rule: GoLiveRule,
    live: set[str],
    durations: Mapping[str, int],
    day: Callable[[int], date],
    index: Callable[[date], int],
    lang: str,
) -> Problem | None:
    """``problem(node, start)``: why ``node`` starting at point ``start`` breaks a window
    or, for a go-live, the go-live rule (None: it breaks none). None when nothing binds."""
    blocked: dict[date, BlackoutWindow] = {}
    for window in windows:
        current = window.start
        while current <= window.end:
            blocked.setdefault(current, window)
            current += timedelta(days=1)
    if not blocked and not rule.binds():
        return None
    term_days = _term_targets(rule, day, index)

    def first_working(d: date) -> date:
        return day(index(d))

    def problem(node: str, start: int) -> str | None:
        d = durations[node]
        days = [day(max(start - 1, 0))] if d == 0 else [day(start + k) for k in range(d)]
        for x in days:
            if x in blocked:
                w = blocked[x]
                return _reason("window", lang, name=w.name, start=w.start, end=w.end)
        if node in live:
            when = days[0]
            if rule.not_before is not None and when < rule.not_before:
                return _reason("not_before", lang, day=rule.not_before)
            if rule.weekdays and when.weekday() not in rule.weekdays:
                return _reason("weekday", lang, days=_weekday_names(rule.weekdays, lang))
            if rule.buffer_days:
                for w in windows:
                    if when < w.start <= when + timedelta(days=rule.buffer_days):
                        return _reason(
                            "buffer", lang, days=rule.buffer_days, name=w.name, start=w.start
                        )
            if rule.align == "term-start":
                if when not in term_days:
                    return _reason("term-start", lang)
            elif not _aligned(when, rule, first_working):
                return _reason(rule.align, lang)
        return None

    return problem


def _first_clear(node: str, es: int, problem: Problem) -> tuple[int | None, list[str]]:
    """The first start from ``es`` within SEARCH_DAYS that breaks no rule (None: none),
    and the distinct reasons the starts before it broke."""
    reasons: list[str] = []
    for candidate in range(es, es + SEARCH_DAYS):
        why = problem(node, candidate)
        if why is None:
            return candidate, reasons
        if why not in reasons:
            reasons.append(why)
    return None, reasons


def _moved_with(
    node: str,
    es: int,
    result: Schedule,
    links: Mapping[str, Sequence[Dep]],
    durations: Mapping[str, int],
    group_of: Mapping[str, str],
) -> list[str]:
    """``node`` and what moves with it: its wave's per-wave tasks that lead to it and, for
    a milestone, the tasks that end right before it (a go-live drags its cutover along)."""
    moved = [node, *_same_wave_ancestors(node, links, group_of)]
    if durations[node] == 0:
        moved += [
            x.predecessor
            for x in links[node]
            if x.type == "FS"
            and x.lag == 0
            and durations.get(x.predecessor, 0) > 0
            and result[x.predecessor].ef == es
            and x.predecessor not in moved
        ]
    return moved


def _same_wave_ancestors(
    node: str, links: Mapping[str, Sequence[Dep]], group_of: Mapping[str, str]
) -> list[str]:
    """Per-wave tasks of ``node``'s wave that ``node`` waits on (through any tasks)."""
    group = group_of.get(node)
    if group is None:
        return []
    return sorted(n for n in ancestors([node], links) if group_of.get(n) == group)


def _dated(node: str, es: int, durations: Mapping[str, int], day: Callable[[int], date]) -> date:
    return day(max(es - 1, 0)) if durations[node] == 0 else day(es)


def _term_targets(
    rule: GoLiveRule, day: Callable[[int], date], index: Callable[[date], int]
) -> set[date]:
    """Go-live dates that align to a term start: the last working day before each term."""
    out = set()
    for term in rule.term_starts:
        at = index(term)  # first working day on/after the term start
        out.add(day(max(at - 1, 0)))
    return out


def term_starts(
    answer: date | None, yearly: Sequence[str], years: Iterable[int]
) -> tuple[date, ...]:
    """Term starts: the answer (and its anniversaries) or the pack's yearly MM-DD list."""
    out: set[date] = set()
    for year in years:
        if answer is not None:
            out.add(_month_day(year, f"{answer.month:02d}-{answer.day:02d}"))
        else:
            out.update(_month_day(year, text) for text in yearly)
    return tuple(sorted(out))


_WEEKDAYS = TextTable(
    {
        0: DC_("weekday", "Mon"),
        1: DC_("weekday", "Tue"),
        2: DC_("weekday", "Wed"),
        3: DC_("weekday", "Thu"),
        4: DC_("weekday", "Fri"),
        5: DC_("weekday", "Sat"),
        6: DC_("weekday", "Sun"),
    }
)


def _weekday_names(days: Sequence[int], lang: str) -> str:
    names = _WEEKDAYS[lang]
    return translator(lang).join(names[d] for d in sorted(days))


REASONS = TextTable(
    {
        "window": DC_("go-live rule", "{name} ({start} to {end})"),
        "not_before": DC_("go-live rule", "not before {day} (project.yaml go_live.not_before)"),
        "month-start": DC_("go-live rule", "aligned to the first working day of a month"),
        "week-start": DC_("go-live rule", "aligned to the first working day of a week"),
        "term-start": DC_("go-live rule", "aligned to the term start (cutover in the holidays)"),
        "unmet": DC_(
            "go-live rule",
            "no date in the next {days} working days clears {rules}: left where the network puts it (move the window or the answer)",
        ),
        "weekday": DC_("go-live rule", "go-lives only on {days}"),
        "buffer": DC_("go-live rule", "{days} days clear before {name} (from {start})"),
    }
)


def _reason(kind: str, lang: str, **values: object) -> str:
    return REASONS[lang][kind].format(**values)

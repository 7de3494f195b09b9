"""Quality, acceptance, satisfaction, team and change figures from sheet rows.

Every function takes the rows of one declared plan sheet as plain dicts (column key ->
value, list columns as canonical keys, dates as :class:`datetime.date`, the row's key
under the sheet's key column), so the evaluation (rows from ``Kit.entries``,
:func:`rows_of_kit`) and the portfolio (rows read straight from the workbook in
read-only mode) compute the same figures. Definitions with formulas: docs/metrics.md.

Ratios are 0..1 floats, ``None`` when nothing is recorded (never 0 for "unknown").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.kit_model import Kit

Rows = Sequence[Mapping[str, Any]]
SEVERITIES = ("critical", "major", "minor")
APPROVED = ("approved", "approved-with-conditions")
OPEN_CR = ("pending", "deferred")
CLOSED_RISK = ("closed",)
RED_RISK_SCORE = 15  # tracking.status THRESHOLDS["risk_red_score"]


def rows_of_kit(kit: Kit, sheet: str, key_column: str = "id") -> list[dict[str, Any]]:
    """The consultant rows of ``sheet`` in ``kit.entries``: keyed rows then added ones."""
    entries = kit.entries_of(sheet)
    out = [dict(values) | {key_column: key} for key, values in entries.rows]
    out += [dict(values) for values in entries.added]
    return out


def number(value: Any) -> float | None:
    """A number cell as a float (``None`` for blank, text, bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def ratio(part: float, whole: float) -> float | None:
    """``part / whole`` rounded to 4 places; ``None`` when ``whole`` is 0."""
    return round(part / whole, 4) if whole else None


def _filled(row: Mapping[str, Any], keys: Iterable[str]) -> bool:
    return any(row.get(k) not in (None, "") for k in keys)


def defects(rows: Rows, planned_effort: float) -> dict[str, Any]:
    """Defect figures: count, by severity and cycle, escaped, open, closure time, density.

    * ``escaped`` = defects found in the ``production`` cycle (after go-live);
      ``escaped_rate`` = escaped / defects.
    * ``closure_days`` = mean calendar days from found to closed over closed defects.
    * ``density`` = defects per 100 planned person-days (``planned_effort``).
    """
    logged = [r for r in rows if _filled(r, ("severity", "cycle", "title", "found"))]
    severity = {s: sum(1 for r in logged if r.get("severity") == s) for s in SEVERITIES}
    cycles: dict[str, int] = {}
    for r in logged:
        cycle = str(r.get("cycle") or "")
        if cycle:
            cycles[cycle] = cycles.get(cycle, 0) + 1
    escaped = cycles.get("production", 0)
    spans = [
        (r["closed"] - r["found"]).days
        for r in logged
        if isinstance(r.get("found"), date) and isinstance(r.get("closed"), date)
    ]
    closed = sum(1 for r in logged if isinstance(r.get("closed"), date))
    total = len(logged)
    return {
        "defects": total,
        "by_severity": severity,
        "by_cycle": dict(sorted(cycles.items())),
        "escaped": escaped,
        "escaped_rate": ratio(escaped, total),
        "closed": closed,
        "open": total - closed,
        "closure_days": round(sum(spans) / len(spans), 2) if spans else None,
        "density": round(total / planned_effort * 100, 4) if planned_effort and total else None,
    }


def acceptance(rows: Rows, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """First-pass acceptance per gate: yes / (yes + no) over the gates with an answer."""
    gates = []
    yes = no = returns = 0
    for r in rows:
        answer = r.get("first_pass")
        if answer not in ("yes", "no"):
            continue
        yes += answer == "yes"
        no += answer == "no"
        back = int(number(r.get("returns")) or 0)
        returns += back
        key = str(r.get("id") or "")
        gates.append(
            {
                "id": key,
                "name": (names or {}).get(key, key),
                "first_pass": answer == "yes",
                "returns": back,
                "accepted": r["accepted"].isoformat()
                if isinstance(r.get("accepted"), date)
                else None,
            }
        )
    return {
        "gates": gates,
        "answered": yes + no,
        "first_pass": yes,
        "first_pass_rate": ratio(yes, yes + no),
        "returns": returns,
    }


def nps_score(promoters: float, passives: float, detractors: float) -> float | None:
    """NPS = (promoters - detractors) / responses x 100 (``None`` without responses)."""
    responses = promoters + passives + detractors
    if not responses:
        return None
    return round((promoters - detractors) / responses * 100, 2)


def surveys(rows: Rows, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """NPS per survey row and overall (pooled responses), plus the latest survey's NPS."""
    out = []
    totals = [0.0, 0.0, 0.0]
    for r in rows:
        counts = [number(r.get(k)) for k in ("promoters", "passives", "detractors")]
        if all(c is None for c in counts):
            continue
        p, pa, d = (c or 0.0 for c in counts)
        totals = [totals[0] + p, totals[1] + pa, totals[2] + d]
        key = str(r.get("id") or "")
        out.append(
            {
                "id": key,
                "name": (names or {}).get(key, key) or str(r.get("group") or ""),
                "surveyed": r["surveyed"].isoformat()
                if isinstance(r.get("surveyed"), date)
                else None,
                "responses": int(p + pa + d),
                "nps": nps_score(p, pa, d),
            }
        )
    dated = sorted((s for s in out if s["surveyed"]), key=lambda s: str(s["surveyed"]))
    return {
        "surveys": out,
        "responses": int(sum(totals)),
        "promoters": int(totals[0]),
        "passives": int(totals[1]),
        "detractors": int(totals[2]),
        "nps": nps_score(*totals),
        "latest_nps": dated[-1]["nps"] if dated else None,
    }


def team(rows: Rows) -> dict[str, Any]:
    """Consultants with their days; utilisation = sum(actual) / sum(available)."""
    people: list[dict[str, Any]] = []
    actual = available = planned = used = 0.0
    for r in rows:
        person = str(r.get("person") or "").strip()
        if not person:
            continue
        a, v, p = (number(r.get(k)) for k in ("actual", "available", "planned"))
        actual += a or 0.0
        planned += p or 0.0
        if a is not None and v:
            available += v
            used += a
        people.append(
            {
                "id": person,
                "role": str(r.get("role") or ""),
                "planned": p,
                "actual": a,
                "available": v,
                "utilisation": ratio(a, v) if a is not None and v else None,
            }
        )
    return {
        "consultants": people,
        "planned_days": round(planned, 2),
        "actual_days": round(actual, 2),
        "utilisation": ratio(used, available),
    }


def changes(rows: Rows) -> dict[str, Any]:
    """Change requests with an entry: count, by decision, open, days and cost the approved added."""
    logged = [r for r in rows if _filled(r, ("change", "raised_on", "decision"))]
    decisions: dict[str, int] = {}
    days = cost = 0.0
    for r in logged:
        decision = str(r.get("decision") or "pending")
        decisions[decision] = decisions.get(decision, 0) + 1
        if decision in APPROVED:
            days += number(r.get("schedule_days")) or 0.0
            cost += number(r.get("cost_impact")) or 0.0
    approved = sum(decisions.get(k, 0) for k in APPROVED)
    return {
        "requests": len(logged),
        "approved": approved,
        "rejected": decisions.get("rejected", 0),
        "open": sum(decisions.get(k, 0) for k in OPEN_CR),
        "by_decision": dict(sorted(decisions.items())),
        "days_added": round(days, 2),
        "cost_added": round(cost, 2),
    }


def red_risks(rows: Rows, defaults: Mapping[str, tuple[int, int]]) -> int:
    """Open risks scoring ``RED_RISK_SCORE`` or more (likelihood x impact).

    ``defaults``: risk id -> (likelihood, impact) from the pack for rows without entries.
    """
    count = 0
    seen: set[str] = set()
    for r in rows:
        key = str(r.get("id") or "")
        seen.add(key)
        if str(r.get("status") or "open") in CLOSED_RISK:
            continue
        base = defaults.get(key, (3, 3))
        lik = number(r.get("likelihood")) or base[0]
        imp = number(r.get("impact")) or base[1]
        if not key and not r.get("risk"):
            continue
        count += lik * imp >= RED_RISK_SCORE
    count += sum(1 for k, (lik, imp) in defaults.items() if k not in seen and lik * imp >= 15)
    return count

"""The areas of the status report besides schedule and cost: risks, change requests,
data migration readiness and training completion, from the consultant's entries.

Entries come from ``Kit.entries_of(sheet key)`` (the declared sheets of :mod:`generator.sheets`):
``plan.risks`` (likelihood, impact, status per risk id; added risks), ``plan.changes``
(CR rows: raised_on, change, decision...), ``migration.overview`` (status per object id),
``training.sessions`` (status, attended, passed per session id). List values are the
lists' canonical keys.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.kit_model import Kit

MIGRATION_BINS = (
    "not-started",
    "in-progress",
    "mock-1-passed",
    "mock-2-passed",
    "rehearsed",
    "signed-off",
    "blocked",
)
_MIGRATION_BIN = {
    "not-started": "not-started",
    "extracting": "in-progress",
    "cleansing": "in-progress",
    "mapped": "in-progress",
    "mock-1-passed": "mock-1-passed",
    "mock-2-passed": "mock-2-passed",
    "rehearsed": "rehearsed",
    "signed-off": "signed-off",
    "blocked": "blocked",
}
_PASSED_MOCK_1 = {"mock-1-passed", "mock-2-passed", "rehearsed", "signed-off"}
CR_STATES = ("pending", "approved", "approved-with-conditions", "rejected", "deferred")
_CLOSED_RISK = {"closed", "已关闭"}


@dataclass(frozen=True)
class RiskLine:
    id: str
    title: str
    likelihood: int
    impact: int
    owner: str
    status: str
    mitigation: str
    # the team rated it (a status, or a likelihood or impact other than the pack's), or
    # added it; an unassessed risk carries the pack's pre-scoring and counts in no RAG
    assessed: bool = True

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def _int(value: Any, default: int) -> int:
    try:
        return min(max(int(float(value)), 1), 5)
    except (TypeError, ValueError):
        return default


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def open_risks(kit: Kit) -> list[RiskLine]:
    """Open risks (pack risks with the sheet's ratings, and added ones), highest score first.

    A pack risk the team has not touched (no status, the pack's likelihood and impact) is
    ``assessed=False``: its score is the pack's guess, not the project's (docs/tracking.md).
    """
    sheet = kit.entries_of("plan.risks")
    lines: list[RiskLine] = []
    for risk in kit.risks:
        cells = sheet.row(risk.id)
        status = str(cells.get("status") or "open")
        assessed = any(cells.get(k) not in (None, "") for k in ("status", "likelihood", "impact"))
        lines.append(
            RiskLine(
                risk.id,
                risk.title,
                _int(cells.get("likelihood"), risk.likelihood),
                _int(cells.get("impact"), risk.impact),
                kit.role_name(risk.owner),
                status,
                risk.mitigation,
                assessed,
            )
        )
    for number, values in enumerate(sheet.added, start=1):
        cells = dict(values)
        title = str(cells.get("risk") or "").strip()
        if not title:
            continue
        lines.append(
            RiskLine(
                str(cells.get("id") or f"R+{number}"),
                title,
                _int(cells.get("likelihood"), 3),
                _int(cells.get("impact"), 3),
                str(cells.get("owner") or ""),
                str(cells.get("status") or "open"),
                str(cells.get("mitigation") or ""),
            )
        )
    open_ = [r for r in lines if r.status not in _CLOSED_RISK]
    return sorted(open_, key=lambda r: (-r.score, r.id))


def change_requests(kit: Kit) -> list[dict[str, Any]]:
    """Change requests with any entry: id, change, decision key, raised_on, impacts."""
    sheet = kit.entries_of("plan.changes")
    rows = [dict(values) | {"cr_id": key} for key, values in sheet.rows] + [
        dict(values) for values in sheet.added
    ]
    out = []
    for cells in rows:
        if not (cells.get("change") or cells.get("raised_on") or cells.get("decision")):
            continue
        decision = str(cells.get("decision") or "pending")
        out.append(
            {
                "id": str(cells.get("cr_id") or ""),
                "change": str(cells.get("change") or ""),
                "decision": decision if decision in CR_STATES else "pending",
                "raised_on": cells.get("raised_on")
                if isinstance(cells.get("raised_on"), date)
                else None,
                "schedule_days": _number(cells.get("schedule_days")),
                "cost_impact": _number(cells.get("cost_impact")),
            }
        )
    return out


def migration_bins(kit: Kit, as_of: date) -> tuple[Counter[str], bool, bool]:
    """Objects per readiness bin, whether one missed mock load 1 (red), one is blocked (amber)."""
    rows = {key: dict(values) for key, values in kit.entries_of("migration.overview").rows}
    bins: Counter[str] = Counter()
    red = amber = False
    for obj in kit.migration:
        state = str(rows.get(obj.id, {}).get("status") or "not-started")
        bin_ = _MIGRATION_BIN.get(state, "not-started")
        bins[bin_] += 1
        amber |= bin_ == "blocked"
        red |= bool(obj.mock_1 and obj.mock_1 < as_of and state not in _PASSED_MOCK_1)
    return bins, red, amber


def training_completion(kit: Kit) -> dict[str, float | int | None]:
    """Sessions held, attendance (attended / enrolled in held sessions), pass rate (passed /
    attended), from the Sessions sheet; ratios 0..1, None while nothing is recorded."""
    rows = {key: dict(values) for key, values in kit.entries_of("training.sessions").rows}
    held = attended = passed = enrolled = 0
    for session in kit.sessions:
        cells = rows.get(session.id, {})
        if str(cells.get("status") or "") == "held":
            held += 1
            enrolled += session.enrolled
            attended += int(_number(cells.get("attended")) or 0)
            passed += int(_number(cells.get("passed")) or 0)
    return {
        "sessions": len(kit.sessions),
        "held": held,
        "enrolled_in_held": enrolled,
        "attended": attended,
        "passed": passed,
        "completion": round(held / len(kit.sessions), 4) if kit.sessions else None,
        "attendance": round(attended / enrolled, 4) if enrolled else None,
        "pass_rate": round(passed / attended, 4) if attended else None,
        **kirkpatrick_levels(kit),
    }


def kirkpatrick_levels(kit: Kit) -> dict[str, float | int | None]:
    """Kirkpatrick levels 1 and 2 from the learners' rows of the training workbook's
    Attendance sheet (typed by the trainer or imported from the LMS with ``implkit
    import``): ``reaction`` the mean satisfaction (1-5) over ``reaction_responses``
    answers; ``learning_pass_rate`` the learners who passed over those assessed (pass or
    fail) and ``mean_score`` their mean score (%); None while nothing is recorded."""
    entries = kit.entries_of("training.attendance")
    rows = [dict(values) for _key, values in entries.rows] + [dict(row) for row in entries.added]
    ratings = [
        value
        for row in rows
        if (value := _number(row.get("satisfaction"))) is not None and 1 <= value <= 5
    ]
    results = [str(row.get("result") or "") for row in rows]
    assessed = sum(1 for r in results if r in ("pass", "fail"))
    passed = sum(1 for r in results if r == "pass")
    scores = [v for row in rows if (v := _number(row.get("score"))) is not None and 0 <= v <= 100]
    return {
        "reaction": round(sum(ratings) / len(ratings), 2) if ratings else None,
        "reaction_responses": len(ratings),
        "assessed": assessed,
        "assessed_passed": passed,
        "learning_pass_rate": round(passed / assessed, 4) if assessed else None,
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
    }

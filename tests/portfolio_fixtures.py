"""Three small kits filled by hand (openpyxl, as a consultant would) for the evaluation and
portfolio tests, and the figures computed by hand from what was typed.

Kit A "Alpha" (base): went live 3 calendar days before its baseline go-live (early);
  acceptance 4 gates yes, 1 no (1 time sent back); survey 8 promoters, 1 passive,
  1 detractor; defects: 1 critical in UAT cycle 1 (found 2026-07-01, closed 2026-07-05),
  1 minor in UAT cycle 1 (2026-07-02 .. 2026-07-04), 1 major after go-live (open);
  consultants wang (actual 40 of 50 available) and li (30 of 40). Rebuilt and its
  status taken at AS_OF.
Kit B "Beta" (base): went live 14 calendar days after its baseline go-live (late);
  CR-001 approved, 10 days, 50,000 added; acceptance 2 yes, 2 no; survey 5 / 3 / 2;
  defects: 2 minor in SIT; consultants wang and zhao.
Kit C "Gamma" (base): nothing entered (not live, on its planned dates); consultant wang.
Kit D: project.yaml and manifest, but its plan workbook is not a workbook.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from openpyxl import load_workbook

from generator import api
from generator.cli import cli

AS_OF = date(2026, 11, 30)
PLAN = Path("plan") / "project-plan.xlsx"


def run(*args: str) -> dict[str, Any]:
    """Run the CLI with --json; the parsed answer (asserts exit code 0)."""
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output[result.output.index("{") :]))


def baseline_go_live(kit: Path) -> date:
    """The go-live date in the kit's initial baseline file (independent of the portfolio code)."""
    data = json.loads((kit / ".implkit/baselines/initial.json").read_text(encoding="utf-8"))
    return date.fromisoformat(
        next(m["date"] for m in data["milestones"] if m["id"] == "base.go-live")
    )


def planned_effort(kit: Path) -> float:
    """Sum of the baselined tasks' effort (person-days), from the baseline file."""
    data = json.loads((kit / ".implkit/baselines/initial.json").read_text(encoding="utf-8"))
    return float(sum(t["effort"] for t in data["tasks"]))


class Sheet:
    """A plan sheet found by title; cells addressed by row key and header text."""

    def __init__(self, book: Any, title: str, key_header: str) -> None:
        self.ws = book[title]
        for row in self.ws.iter_rows(min_row=1, max_row=40):
            texts = [str(c.value).strip() if c.value is not None else "" for c in row]
            if key_header in texts:
                self.header = row[0].row
                self.cols = {t: n + 1 for n, t in enumerate(texts) if t}
                self.key_col = self.cols[key_header]
                return
        raise AssertionError(f"{title}: no header {key_header!r}")

    def row_of(self, key: str) -> int:
        for r in range(self.header + 1, self.ws.max_row + 1):
            if str(self.ws.cell(r, self.key_col).value or "") == key:
                return r
        raise AssertionError(f"{self.ws.title}: no row {key!r}")

    def put(self, key: str, values: dict[str, Any]) -> None:
        r = self.row_of(key)
        for header, value in values.items():
            self.ws.cell(r, self.cols[header], value)

    def keys(self) -> list[str]:
        out = []
        for r in range(self.header + 1, self.ws.max_row + 1):
            value = self.ws.cell(r, self.key_col).value
            if value:
                out.append(str(value))
        return out


def fill(
    kit: Path,
    *,
    live: date | None,
    gates: list[str],
    survey: tuple[int, int, int] | None,
    defects: list[tuple[str, str, date, date | None]],
    team: list[tuple[str, float, float]],
    change: tuple[str, float, float] | None = None,
) -> None:
    """Type the entries of one kit into its plan workbook (English headers and labels)."""
    path = kit / PLAN
    book = load_workbook(path)
    if live is not None:
        Sheet(book, "Plan", "Id").put(
            "base.go-live", {"Status": "Done", "Actual start": live, "Actual finish": live}
        )
    acceptance = Sheet(book, "Acceptance", "Id")
    for gate_id, answer in zip(acceptance.keys(), gates, strict=False):
        acceptance.put(
            gate_id, {"Accepted first time": answer, "Times sent back": 0 if answer == "Yes" else 1}
        )
    if survey is not None:
        surveys = Sheet(book, "Satisfaction", "Id")
        p, pa, d = survey
        surveys.put(
            surveys.keys()[0],
            {
                "Surveyed on": date(2026, 6, 1),
                "Promoters (9-10)": p,
                "Passives (7-8)": pa,
                "Detractors (0-6)": d,
            },
        )
    log = Sheet(book, "Defect log", "Defect id")
    for n, (cycle, severity, found, closed) in enumerate(defects, start=1):
        log.put(
            f"D-{n:03d}",
            {
                "Test cycle": cycle,
                "Severity": severity,
                "Defect": f"defect {n}",
                "Found on": found,
                "Closed on": closed,
            },
        )
    people = Sheet(book, "Project team", "No.")
    for n, (person, actual, available) in enumerate(team, start=1):
        people.put(
            f"C-{n:02d}",
            {
                "Consultant (id or name)": person,
                "Project role": "Consultant",
                "Actual days": actual,
                "Available days": available,
            },
        )
    if change is not None:
        crs = Sheet(book, "Change requests", "CR id")
        decision, days, cost = change
        crs.put(
            "CR-001",
            {
                "Raised on": date(2026, 5, 4),
                "Change requested": "extra report",
                "CCB decision": decision,
                "Schedule impact (days)": days,
                "Cost impact": cost,
            },
        )
    book.save(path)
    book.close()


def make_kits(root: Path) -> dict[str, Path]:
    """Kits A-D under ``root`` (see the module docstring); returns them by letter."""
    kits = {letter: root / f"kit-{letter.lower()}" for letter in "ABCD"}
    for letter, client in (("A", "Alpha"), ("B", "Beta"), ("C", "Gamma"), ("D", "Delta")):
        api.new_kit(
            "base", kits[letter], answers={"client": client, "start": "2026-03-02", "users": "40"}
        )
    a, b = kits["A"], kits["B"]
    fill(
        a,
        live=baseline_go_live(a) - timedelta(days=3),
        gates=["Yes", "Yes", "Yes", "Yes", "No"],
        survey=(8, 1, 1),
        defects=[
            ("UAT cycle 1", "1 Critical", date(2026, 7, 1), date(2026, 7, 5)),
            ("UAT cycle 1", "3 Minor", date(2026, 7, 2), date(2026, 7, 4)),
            ("After go-live", "2 Major", date(2026, 10, 20), None),
        ],
        team=[("wang", 40, 50), ("li", 30, 40)],
    )
    run("build", str(a), "--as-of", AS_OF.isoformat())
    run("status", str(a), "--as-of", AS_OF.isoformat())  # the snapshot with EVM figures
    fill(
        b,
        live=baseline_go_live(b) + timedelta(days=14),
        gates=["Yes", "Yes", "No", "No"],
        survey=(5, 3, 2),
        defects=[
            ("SIT", "3 Minor", date(2026, 6, 1), date(2026, 6, 3)),
            ("SIT", "3 Minor", date(2026, 6, 2), date(2026, 6, 2)),
        ],
        team=[("wang", 20, 20), ("zhao", 10, 20)],
        change=("Approved", 10, 50000),
    )
    fill(kits["C"], live=None, gates=[], survey=None, defects=[], team=[("wang", 5, 10)])
    (kits["D"] / PLAN).write_bytes(b"this is not a workbook")
    return kits

"""The status workbook ``reports/status-YYYY-MM-DD.xlsx`` (XlsxWriter, native charts).

Sheets: Summary (headline figures, derived figures as formulas with their values
stored, RAG per area), Earned value (per phase and project, effort by side),
S-curve (PV/EV/AC by date, line chart), Milestones (baseline, forecast, slip),
Milestone trend (forecast of each key milestone at each status date, line chart),
Risks (heat map and top risks), Change requests (by decision and by month, charts),
Migration (objects by status, chart), Training (sessions held, attendance, pass rate).

Every formula has its value stored, so a reader that does not recalculate (a
preview, openpyxl) shows the same figures; LibreOffice recalculating gives the
numbers of ``implkit status --json``. User text is written as strings, never as
formulas. Same status, same bytes (fixed document dates).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render.status_book import StatusBook
from generator.render.status_text import baseline_label, cost_problems, coverage_text
from generator.sheets.lists import RISK_STATUS

if TYPE_CHECKING:
    from generator.tracking.status import Status


_TREND_MAX = 8  # milestones in the trend chart (gates and anchors first)


class _Book(StatusBook):
    # --- sheets -------------------------------------------------------------------
    def summary(self) -> None:
        s, L = self.status, self.L
        p = s.evm.project
        ws = self.sheet("s_summary", f"{s.kit.project.name} – {L['title']}", L["forecast_note"])
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 18)
        ws.set_column(2, 3, 14)
        unit = L["person_days"] if s.evm.unit == "person-days" else s.evm.unit
        rows: list[tuple[str, Any, str]] = [
            (L["as_of"], s.as_of, "date"),
            (L["baseline"], baseline_label(s.baseline_name, self.lang), "text"),
            (L["go_live_baseline"], s.go_live_baseline, "date"),
            (L["go_live_forecast"], s.go_live_forecast, "date"),
            (L["slip"], s.slip, "int"),
            (L["unit"], unit, "text"),
        ]
        r = 3
        for label, value, kind in rows:
            ws.write_string(r, 0, label, self.f_label)
            if kind == "date":
                self.day(ws, r, 1, value)
            elif kind == "int":
                self.num(ws, r, 1, value, self.f_int)
            else:
                ws.write_string(r, 1, str(value), self.f_cell)
            r += 1
        r += 1
        self.evm_head(ws, r, bac_width=18)
        self.evm_row(ws, r + 1, L["project"], p)
        self.summary_row = r + 1
        pct_row = r + 2
        ws.write_string(pct_row, 0, L["percent"], self.f_label)
        n = r + 2
        ws.write_formula(
            pct_row,
            1,
            f'=IF(B{n}>0,D{n}/B{n},"")',
            self.f_pct,
            "" if p.percent_complete is None else round(p.percent_complete, 6),
        )
        coverage = coverage_text(s, self.lang)
        if coverage:
            ws.merge_range(pct_row + 1, 0, pct_row + 1, 9, coverage, self.f_note)
            ws.set_row(pct_row + 1, 30)
        r = pct_row + 3
        self.head(ws, r, [L["area"], L["rag"]], [30, 18])
        for i, (area, rag) in enumerate(s.rag, start=1):
            ws.write_string(r + i, 0, L[f"a_{area}"], self.f_cell)
            ws.write_string(r + i, 1, L[rag], self.f_rag[rag])
        ws.activate()

    def evm(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_evm", L["s_evm"], L["evm_note"])
        self.evm_head(ws, 3, bac_width=16)
        r = 4
        for figures in s.evm.phases:
            self.evm_row(ws, r, figures.name, figures)
            r += 1
        self.evm_row(ws, r, L["project"], s.evm.project)
        r += 2
        self.head(
            ws,
            r,
            [L["side"], L["planned_effort"], L["pv"], L["ev"], L["actual_effort"]],
            [30, 16, 14, 14, 14],
        )
        ws.set_row(r, 30)
        for i, side in enumerate(s.evm.sides, start=1):
            ws.write_string(r + i, 0, L[side.side], self.f_cell)
            for col, value in enumerate((side.planned, side.pv, side.ev, side.actual), start=1):
                self.num(ws, r + i, col, value, self.f_num)
        r += len(s.evm.sides) + 2
        cost = s.evm.cost
        if cost is not None and cost.money:
            ws.write_string(r, 0, L["expenses"], self.f_label)
            self.num(ws, r, 1, cost.expenses, self.f_money)
            r += 1
        coverage = coverage_text(s, self.lang)
        if coverage:
            ws.merge_range(r, 0, r, 9, coverage, self.f_note)
            ws.set_row(r, 30)
            r += 2
        problems = cost_problems(s, self.lang)
        if problems:
            self.head(ws, r, [L["cost_records"]], [30])
            for i, line in enumerate(problems, start=1):
                ws.merge_range(r + i, 0, r + i, 9, line, self.f_cell)

    def curve(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_curve", L["c_curve"])
        self.head(ws, 2, [L["date"], L["pv"], L["ev"], L["ac"]], [12, 16, 16, 16])
        for i, (day, pv, ev, ac) in enumerate(s.curve, start=3):
            self.day(ws, i, 0, day)
            self.num(ws, i, 1, pv, self.f_money)
            self.num(ws, i, 2, ev, self.f_money)
            self.num(ws, i, 3, ac, self.f_money)
        last = 2 + len(s.curve)
        name = self.L["s_curve"]
        chart = self.chart("line", L["c_curve"])
        for col, colour in ((1, "#1F4E79"), (2, "#2E7D32"), (3, "#C62828")):
            chart.add_series(
                {
                    "name": [name, 2, col],
                    "categories": [name, 3, 0, last, 0],
                    "values": [name, 3, col, last, col],
                    "line": {"color": colour, "width": 2.25},
                    "marker": {
                        "type": "circle",
                        "size": 4,
                        "fill": {"color": colour},
                        "border": {"color": colour},
                    },
                }
            )
        chart.set_x_axis(
            {
                "date_axis": True,
                "num_format": "yyyy-mm",
                "num_font": {"name": self.font, "size": 8, "rotation": -45},
            }
        )
        chart.set_y_axis(
            {
                "num_format": "#,##0",
                "num_font": {"name": self.font, "size": 8},
                "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}},
            }
        )
        chart.show_blanks_as("gap")
        chart.set_size({"width": 760, "height": 400})
        ws.insert_chart("F3", chart)

    def milestones(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_milestones", L["s_milestones"])
        self.head(
            ws,
            2,
            [
                L["id"],
                L["milestone"],
                L["gate"],
                L["baseline"],
                L["forecast"],
                L["slip"],
                L["done"],
            ],
            [26, 44, 8, 12, 12, 12, 8],
        )
        for i, m in enumerate(s.milestones, start=3):
            ws.write_string(i, 0, m.id, self.f_cell)
            ws.write_string(i, 1, m.name, self.f_cell)
            ws.write_string(i, 2, L["yes"] if m.gate else "", self.f_cell)
            self.day(ws, i, 3, m.baseline)
            self.day(ws, i, 4, m.forecast)
            self.num(ws, i, 5, m.slip, self.f_int)  # working days on the project calendar
            ws.write_string(i, 6, L["yes"] if m.done else "", self.f_cell)
        ws.freeze_panes(3, 0)

    def trend(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_trend", L["c_trend"])
        from generator.tracking.status import trend_milestones

        chosen = trend_milestones(s, _TREND_MAX)
        points = [(snap.as_of, dict(snap.milestones)) for snap in s.trend if snap.as_of < s.as_of]
        points.append((s.as_of, {m.id: m.forecast for m in s.milestones}))
        self.head(ws, 2, [L["as_of"], *[m.name for m in chosen]], [12.0] + [16.0] * len(chosen))
        ws.set_row(2, 75)
        for i, (day, dates) in enumerate(points, start=3):
            self.day(ws, i, 0, day)
            for j, m in enumerate(chosen, start=1):
                self.day(ws, i, j, dates.get(m.id))
        last = 2 + len(points)
        if not chosen:  # a chart without a series is no chart: say so instead
            ws.write_string(last + 2, 0, L["no_chart"].format(what=L["c_trend"]), self.f_note)
            return
        name = L["s_trend"]
        chart = self.chart("line", L["c_trend"])
        for j in range(1, len(chosen) + 1):
            chart.add_series(
                {
                    "name": [name, 2, j],
                    "categories": [name, 3, 0, last, 0],
                    "values": [name, 3, j, last, j],
                    "marker": {"type": "diamond", "size": 6},
                }
            )
        chart.set_x_axis(
            {
                "text_axis": True,  # one point per status date, labelled by its date
                "num_format": "yyyy-mm-dd",
                "num_font": {"name": self.font, "size": 8, "rotation": -45},
            }
        )
        chart.set_y_axis({"num_format": "yyyy-mm-dd", "num_font": {"name": self.font, "size": 8}})
        chart.set_legend({"position": "right", "font": {"name": self.font, "size": 8}})
        chart.set_size({"width": 860, "height": 440})
        ws.insert_chart(f"A{last + 3}", chart)

    def risks(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_risks", L["s_risks"], L["heat"])
        ws.write_string(3, 0, f"{L['impact']} \\ {L['likelihood']}", self.f_label)
        for k in range(5):
            ws.write_number(3, k + 1, k + 1, self.f_label)
        for impact in range(5, 0, -1):
            r = 4 + (5 - impact)
            ws.write_number(r, 0, impact, self.f_label)
            for likelihood in range(1, 6):
                count = s.heat[impact - 1][likelihood - 1]
                band = min(4, (impact * likelihood - 1) // 5)
                ws.write_number(r, likelihood, count, self.f_heat[band])
        unassessed = sum(1 for risk in s.risks if not risk.assessed)
        if unassessed:
            ws.write_string(10, 0, L["unassessed_n"].format(n=unassessed), self.f_note)
        r = 11
        self.head(
            ws,
            r,
            [
                L["id"],
                L["risk"],
                L["likelihood"],
                L["impact"],
                L["score"],
                L["owner"],
                L["status"],
                L["mitigation"],
            ],
            [22, 44, 10, 10, 10, 18, 12, 50],
        )
        ranked = sorted(s.risks, key=lambda risk: not risk.assessed)  # the team's first
        for i, risk in enumerate(ranked[:10], start=r + 1):
            ws.write_string(i, 0, risk.id, self.f_cell)
            ws.write_string(i, 1, risk.title, self.f_cell)
            ws.write_number(i, 2, risk.likelihood, self.f_int)
            ws.write_number(i, 3, risk.impact, self.f_int)
            ws.write_formula(i, 4, f"=C{i + 1}*D{i + 1}", self.f_int, risk.score)
            ws.write_string(i, 5, risk.owner, self.f_cell)
            status = RISK_STATUS.label(risk.status, self.lang) or risk.status
            ws.write_string(i, 6, status if risk.assessed else L["unassessed"], self.f_cell)
            ws.write_string(i, 7, risk.mitigation, self.f_cell)

    def counts(self, key: str, title: str, rows: list[tuple[str, int]], header: str) -> Any:
        ws = self.sheet(key, title)
        self.head(ws, 2, [header, self.L["count"]], [28, 10])
        for i, (label, count) in enumerate(rows, start=3):
            ws.write_string(i, 0, label, self.f_cell)
            ws.write_number(i, 1, count, self.f_int)
        if rows:
            chart = self.chart("bar", title)
            chart.add_series(
                {
                    "name": self.L["count"],
                    "categories": [self.L[key], 3, 0, 2 + len(rows), 0],
                    "values": [self.L[key], 3, 1, 2 + len(rows), 1],
                    "fill": {"color": "#1F4E79"},
                    "data_labels": {"value": True},
                }
            )
            chart.set_legend({"none": True})
            chart.set_x_axis({"num_font": {"name": self.font, "size": 8}})
            chart.set_y_axis({"num_font": {"name": self.font, "size": 9}, "reverse": True})
            chart.set_size({"width": 560, "height": 300})
            ws.insert_chart("D3", chart)
        return ws

    def changes(self) -> None:
        s, L = self.status, self.L
        ws = self.counts(
            "s_changes", L["c_changes"], [(L[k], n) for k, n in s.changes], L["decision"]
        )
        r = 4 + max(len(s.changes), 1) + 16
        self.head(ws, r, [L["month"], L["raised"]], [28, 10])
        for i, (month, n) in enumerate(s.changes_by_month, start=r + 1):
            ws.write_string(i, 0, month, self.f_cell)
            ws.write_number(i, 1, n, self.f_int)
        if s.changes_by_month:
            chart = self.chart("column", f"{L['s_changes']} – {L['month']}")
            chart.add_series(
                {
                    "name": L["raised"],
                    "categories": [L["s_changes"], r + 1, 0, r + len(s.changes_by_month), 0],
                    "values": [L["s_changes"], r + 1, 1, r + len(s.changes_by_month), 1],
                    "fill": {"color": "#2E7D32"},
                }
            )
            chart.set_legend({"none": True})
            ws.insert_chart(f"D{r + 1}", chart)

    def migration(self) -> None:
        s, L = self.status, self.L
        self.counts(
            "s_migration", L["c_migration"], [(L[f"m_{k}"], n) for k, n in s.migration], L["status"]
        )

    def training(self) -> None:
        s, L = self.status, self.L
        ws = self.sheet("s_training", L["s_training"])
        t = s.training
        rows = [
            (L["sessions"], t.get("sessions"), self.f_int),
            (L["held"], t.get("held"), self.f_int),
            (L["attended"], t.get("attended"), self.f_int),
            (L["passed"], t.get("passed"), self.f_int),
            (L["completion"], t.get("completion"), self.f_pct),
            (L["attendance"], t.get("attendance"), self.f_pct),
            (L["pass_rate"], t.get("pass_rate"), self.f_pct),
        ]
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 14)
        for i, (label, value, fmt) in enumerate(rows, start=2):
            ws.write_string(i, 0, label, self.f_label)
            self.num(ws, i, 1, None if value is None else float(value), fmt)

    def write(self) -> None:
        self.summary()
        self.evm()
        self.curve()
        self.milestones()
        self.trend()
        self.risks()
        self.changes()
        self.migration()
        self.training()
        self.wb.close()


def write_status_xlsx(status: Status, path: Path, lang: str) -> Path:
    """Write the status workbook of ``status`` in ``lang`` to ``path``; returns ``path``.

    Written into a temporary sibling and moved into place only when complete, so a
    failure leaves no partial file (and an earlier report of that date as it was).
    """
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        _Book(tmp, status, lang).write()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path

"""Texts of the status report (workbook and Word): msgids of the deliverables catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.i18n import D_, DC_, TextTable, Translator, translator

if TYPE_CHECKING:
    from generator.tracking.status import Status

LABELS = TextTable(
    {
        "title": D_("Project status report"),
        "subject": D_("Monthly steering-committee status report"),
        "category": D_("Status report"),
        "as_of": D_("Status date"),
        "baseline": D_("Baseline"),
        "initial_baseline": D_("Initial baseline"),
        "go_live_baseline": D_("Go-live (baseline)"),
        "go_live_forecast": D_("Go-live (forecast)"),
        "slip": D_("Slip (working days)"),
        "percent": D_("% complete (EV / BAC)"),
        "unit": D_("Unit"),
        "person_days": D_("person-days"),
        "s_summary": D_("Summary"),
        "s_evm": D_("Earned value"),
        "s_curve": D_("S-curve"),
        "s_milestones": D_("Milestones"),
        "s_trend": D_("Milestone trend"),
        "s_risks": D_("Risks"),
        "s_changes": D_("Change requests"),
        "s_migration": D_("Migration"),
        "s_training": D_("Training"),
        "scope": D_("Scope"),
        "project": D_("Project"),
        "bac": D_("BAC"),
        "pv": D_("PV"),
        "ev": D_("EV"),
        "ac": D_("AC"),
        "sv": D_("SV"),
        "cv": D_("CV"),
        "spi": D_("SPI"),
        "cpi": D_("CPI"),
        "eac": D_("EAC"),
        "etc": D_("ETC"),
        "vac": D_("VAC"),
        "evm_note": D_(
            "PMBOK: SV = EV − PV, SPI = EV / PV over all work; CV = EV(rec) − AC, CPI = EV(rec) / AC over the work whose cost is recorded (EV(rec): the earned value of the roles with recorded cost); EAC = BAC / CPI, ETC = (BAC − EV) / CPI, VAC = BAC − EAC. Blank: no actual recorded yet. AC (Budget, effort log, expenses) is recorded per role, so it is shown for the project only."
        ),
        "coverage": D_("Cost recorded for {n} of {m} roles, {share} of EV"),
        "coverage_no_ev": D_("Cost recorded for {n} of {m} roles (no earned value yet)"),
        "partial": D_("partial: CPI, EAC and the cost colour cover that work only"),
        "partial_short": D_("partial"),
        "unassessed": D_("(not assessed: the pack's estimate)"),
        "unassessed_short": D_("not assessed"),
        "unassessed_n": D_(
            "{n} open risks not assessed by the team yet (the pack's estimates): not in the heat map nor the risk colour"
        ),
        "coverage_short": D_("cost of {n}/{m} roles, {share} of EV"),
        "cost_records_n": D_("{n} cost records not used as typed: see the status workbook"),
        "removed_roles": D_("removed from scope, still counted in AC: {roles}"),
        "expenses": D_("Expenses (in AC)"),
        "ev_rec": D_("EV (cost recorded)"),
        "cost_records": D_("Cost records not used as typed"),
        "p_unknown-role": D_(
            "{sheet} {id}: role “{text}” is not on the Budget: not priced (rate change: not applied)"
        ),
        "p_no-date": D_(
            "{sheet} {id}: no date: effort and expenses are priced at the Budget day rate and counted at every status date; a rate change is not applied"
        ),
        "p_no-rate": D_("{sheet} {id}: no new day rate: not applied"),
        "p_no-rates": D_(
            "{sheet} {id}: not counted: the kit has no day rates, so AC is in person-days"
        ),
        "p_undated-after-change": D_(
            "{sheet} {id}: the actual effort typed on the Budget is priced at its day rate; record effort worked after a rate change on the Actual effort sheet"
        ),
        "side": D_("Side"),
        "vendor": D_("Vendor"),
        "client": D_("Client"),
        "joint": D_("Joint"),
        "total": D_("Total"),
        "planned_effort": D_("Planned effort (person-days)"),
        "actual_effort": D_("Actual effort (person-days)"),
        "date": D_("Date"),
        "milestone": D_("Milestone"),
        "forecast": D_("Forecast"),
        "done": D_("Done"),
        "yes": D_("Yes"),
        "no": D_("No"),
        "gate": D_("Gate"),
        "id": D_("Id"),
        "risk": D_("Risk"),
        "likelihood": D_("Likelihood"),
        "impact": DC_("status report", "Impact"),
        "score": DC_("risk", "Score"),
        "owner": D_("Owner"),
        "mitigation": D_("Mitigation"),
        "status": D_("Status"),
        "heat": D_("Open risks by likelihood (across) and impact (down)"),
        "month": D_("Month"),
        "raised": D_("Raised"),
        "count": D_("Count"),
        "decision": D_("Decision"),
        "change": D_("Change"),
        "objects": D_("Objects"),
        "sessions": D_("Sessions"),
        "held": D_("Held"),
        "attended": D_("Attended"),
        "passed": D_("Passed"),
        "completion": DC_("rate", "Sessions held"),
        "attendance": D_("Attendance"),
        "pass_rate": D_("Pass rate"),
        "area": D_("Area"),
        "rag": D_("Status"),
        "a_schedule": D_("Schedule"),
        "a_cost": D_("Cost"),
        "a_risks": D_("Risks"),
        "a_migration": D_("Data migration"),
        "a_training": D_("Training"),
        "green": D_("Green"),
        "amber": D_("Amber"),
        "red": D_("Red"),
        "grey": D_("No data"),
        "h_done": D_("Completed this month"),
        "h_next": D_("Planned next month"),
        "h_milestones": D_("Milestones"),
        "h_risks": D_("Risks and issues"),
        "h_attention": D_("Decisions and support needed"),
        "h_changes": DC_("heading", "Change requests"),
        "h_overview": D_("Overview"),
        "h_charts": D_("Charts"),
        "none": D_("None."),
        "wbs": D_("WBS"),
        "task": D_("Task"),
        "finish": D_("Finish"),
        "start": D_("Start"),
        "blocked": D_("blocked"),
        "on-hold": D_("on hold"),
        "late": D_("{n} working days behind the baseline"),
        "headline": D_(
            "{client} – status {as_of}: {pct} complete, SPI {spi}, CPI {cpi}; go-live {forecast} (baseline {baseline}, {slip})."
        ),
        "slip_text": D_("{n:+d} working days"),
        "on_time": D_("on time"),
        "c_curve": D_("Planned, earned value and actual cost"),
        "c_trend": D_("Milestone trend analysis"),
        "no_chart": D_("Nothing to chart: {what} has no data yet."),
        "c_changes": D_("Change requests by decision"),
        "c_migration": D_("Migration objects by status"),
        "c_heat": D_("Open risks"),
        "pending": D_("Pending"),
        "approved": D_("Approved"),
        "approved-with-conditions": D_("Approved with conditions"),
        "rejected": D_("Rejected"),
        "deferred": D_("Deferred"),
        "m_not-started": D_("Not started"),
        "m_in-progress": D_("In progress"),
        "m_mock-1-passed": D_("Mock 1 passed"),
        "m_mock-2-passed": D_("Mock 2 passed"),
        "m_rehearsed": D_("Rehearsed"),
        "m_signed-off": D_("Signed off"),
        "m_blocked": D_("Blocked"),
        "forecast_note": D_(
            "Forecast from the actuals entered by the status date: finished tasks on their actual dates, started tasks finish after their remaining duration, nothing open before the status date."
        ),
        "need_spi": D_(
            "Schedule is red (SPI or go-live slip beyond the threshold): agree recovery actions."
        ),
        "need_cost": D_("Cost is red (CPI below the threshold): review the remaining budget."),
    }
)


def tasks_behind(tr: Translator, n: int) -> str:
    """ "2 critical tasks behind the baseline" in ``tr``'s language (plural forms: ngettext)."""
    return tr.n(
        "{n} critical task behind the baseline", "{n} critical tasks behind the baseline", n
    ).format(n=n)


def changes_pending(tr: Translator, n: int) -> str:
    """ "3 change requests await a CCB decision." in ``tr``'s language."""
    return tr.n(
        "{n} change request awaits a CCB decision.", "{n} change requests await a CCB decision.", n
    ).format(n=n)


def baseline_label(name: str, lang: str) -> str:
    """A baseline's display name: ``initial`` (saved by ``new``) reads "Initial baseline"
    / 「初始基线」; a name the team gave (``implkit baseline NAME``) is shown as typed."""
    if name == "initial":
        return LABELS[lang]["initial_baseline"]
    return name


RAG_COLOURS = {"green": "#2E7D32", "amber": "#F9A825", "red": "#C62828", "grey": "#9E9E9E"}


def coverage_text(status: Status, lang: str, *, short: bool = False) -> str:
    """How much of the work has its cost recorded, and whether the cost figures are partial
    ("" while no cost is recorded); ``short``: a compact form without the explanation and
    the removed roles (the one-page Word overview)."""
    L = LABELS[lang]
    cov = status.evm.coverage
    if cov is None:
        return ""
    share = "–" if cov.ev_share is None else f"{cov.ev_share:.0%}"
    if short:
        text = L["coverage_short"].format(n=cov.recorded, m=cov.roles, share=share)
    elif cov.ev_share is None:
        text = L["coverage_no_ev"].format(n=cov.recorded, m=cov.roles)
    else:
        text = L["coverage"].format(n=cov.recorded, m=cov.roles, share=share)
    parts = [text]
    if cov.partial:
        parts.append(L["partial_short"] if short else L["partial"])
    if cov.removed and not short:
        names = ", ".join(status.kit.role_name(r) for r in cov.removed)
        parts.append(L["removed_roles"].format(roles=names))
    return translator(lang).p("clause separator", "; ").join(parts)


def cost_problems(status: Status, lang: str) -> list[str]:
    """The cost records the figures could not use as typed, one line each."""
    from generator.sheets import spec

    L = LABELS[lang]
    cost = status.evm.cost
    out = []
    for problem in cost.problems if cost else ():
        sheet = spec(problem.sheet).title(lang)
        out.append(L[f"p_{problem.kind}"].format(sheet=sheet, id=problem.id, text=problem.text))
    return out

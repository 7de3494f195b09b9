"""Rollout waves and dates the planning rules moved, as a Word section.

``waves_section(writer, kit)`` writes, for a kit with more than one wave, a table of
every wave: its sites, end users, end-user training window, go-live and hypercare
end (so a phased charter shows each wave's go-live, not the pilot's for all), then
the dates that blackout windows and go-live rules pushed, with the reason. A kit
with one wave and nothing pushed gets nothing.
"""

from __future__ import annotations

from generator.i18n import D_, DC_, TextTable, translator
from generator.kit_model import Kit
from generator.render.docx_common import DocWriter, fmt_date

LABELS = TextTable(
    {
        "waves": D_("Rollout waves"),
        "waves_text": D_(
            "The sites go live in {n} waves; each wave starts preparing once the wave before has run stably."
        ),
        "wave": D_("Wave"),
        "sites": D_("Sites"),
        "users": D_("End users"),
        "training": D_("End-user training"),
        "go_live": D_("Go-live"),
        "hypercare": D_("Hypercare ends"),
        "pushes": D_("Dates moved by the planning rules"),
        "pushes_text": D_(
            "These dates were moved out of blackout windows or onto the go-live rule:"
        ),
        "task": D_("Task"),
        "from": DC_("rollout waves", "Planned"),
        "to": D_("Moved to"),
        "why": D_("Why"),
    }
)


def waves_section(writer: DocWriter, kit: Kit) -> None:
    """The waves table (more than one wave) and the moved dates (if any)."""
    lab, tr = LABELS[kit.lang], translator(kit.lang)
    if len(kit.waves) > 1:
        writer.heading(lab["waves"], 2)
        writer.para(lab["waves_text"].format(n=len(kit.waves)))
        writer.table(
            (
                lab["wave"],
                lab["sites"],
                lab["users"],
                lab["training"],
                lab["go_live"],
                lab["hypercare"],
            ),
            [
                (
                    w.name,
                    tr.join(w.sites),
                    str(w.users),
                    f"{fmt_date(w.training_start)} – {fmt_date(w.training_finish)}"
                    if w.training_start
                    else "",
                    fmt_date(w.go_live),
                    fmt_date(w.hypercare_end),
                )
                for w in kit.waves
            ],
            (0.9, 1.6, 0.8, 1.9, 1.0, 1.0),
            align_right=(2,),
        )
    if kit.pushes:
        names = {t.id: t.name for t in kit.tasks}
        writer.heading(lab["pushes"], 2)
        writer.para(lab["pushes_text"])
        writer.table(
            (lab["task"], lab["from"], lab["to"], lab["why"]),
            [
                (names.get(p.task_id, p.task_id), fmt_date(p.before), fmt_date(p.after), p.reason)
                for p in kit.pushes
            ],
            (2.4, 0.9, 0.9, 2.6),
        )


def hours_warning(lang: str, planned: float, low: int, high: int) -> str | None:
    """The curriculum's warning for planned hours below the target (None when on target)."""
    if planned + 1e-9 >= low:
        return None
    text = translator(lang)(
        "Warning: the planned {planned} h are below this audience's target of {low}–{high} h; "
        "add courses or modules, or agree the lower figure with the client."
    )
    return text.format(planned=f"{planned:g}", low=low, high=high)

"""Rollout waves and dates the planning rules moved, as a Word section (issue 12).

``waves_section(writer, kit)`` writes, for a kit with more than one wave, a table of
every wave: its sites, end users, end-user training window, go-live and hypercare
end (so a phased charter shows each wave's go-live, not the pilot's for all), then
the dates that blackout windows and go-live rules pushed, with the reason. A kit
with one wave and nothing pushed gets nothing.
"""

from __future__ import annotations

from generator.kit_model import Kit
from generator.render.docx_common import DocWriter, fmt_date

LABELS = {
    "en": {
        "waves": "Rollout waves",
        "waves_text": "The sites go live in {n} waves; each wave starts preparing once the wave before has run stably.",
        "wave": "Wave",
        "sites": "Sites",
        "users": "End users",
        "training": "End-user training",
        "go_live": "Go-live",
        "hypercare": "Hypercare ends",
        "pushes": "Dates moved by the planning rules",
        "pushes_text": "These dates were moved out of blackout windows or onto the go-live rule:",
        "task": "Task",
        "from": "Planned",
        "to": "Moved to",
        "why": "Why",
    },
    "zh": {
        "waves": "推广批次",
        "waves_text": "各站点分{n}批上线；上一批稳定运行后，下一批开始准备。",
        "wave": "批次",
        "sites": "站点",
        "users": "最终用户",
        "training": "最终用户培训",
        "go_live": "上线日期",
        "hypercare": "上线支持结束",
        "pushes": "按计划规则调整的日期",
        "pushes_text": "以下日期为避开禁止上线窗口或符合上线规则而调整：",
        "task": "任务",
        "from": "原计划",
        "to": "调整为",
        "why": "原因",
    },
}


def waves_section(writer: DocWriter, kit: Kit) -> None:
    """The waves table (more than one wave) and the moved dates (if any)."""
    lab = LABELS["zh" if kit.lang == "zh" else "en"]
    sep = "、" if kit.lang == "zh" else ", "
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
                    sep.join(w.sites),
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


HOURS_WARNING = {
    "en": "Warning: the planned {planned} h are below this audience's target of {low}–{high} h; "
    "add courses or modules, or agree the lower figure with the client.",
    "zh": "提示：计划学时 {planned} 小时低于该受众 {low}–{high} 小时的目标，请补充课程或模块，"
    "或与客户确认较低的学时。",
}


def hours_warning(lang: str, planned: float, low: int, high: int) -> str | None:
    """The curriculum's warning for planned hours below the target (None when on target)."""
    if planned + 1e-9 >= low:
        return None
    text = HOURS_WARNING["zh" if lang == "zh" else "en"]
    return text.format(planned=f"{planned:g}", low=low, high=high)

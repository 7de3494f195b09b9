"""Tracker states -> the kit's task statuses, per tool and process (the documented table).

Azure Boards (state categories from Microsoft Learn, "Workflow states and state
categories", learn.microsoft.com/azure/devops/boards/work-items/workflow-and-state-categories;
the Chinese names as Azure DevOps Server's Chinese process templates show them):

=================  =========================================  ====================
kit status         Azure Boards state (any work item type)    state category
=================  =========================================  ====================
Not started        New, To Do, Approved, Proposed, Design      Proposed
                   (新建, 待办, 已批准, 已建议)
In progress        Active, Committed, Doing, In Progress,      In Progress,
                   Open, Resolved (活动, 已提交, 正在进行,         Resolved
                   进行中, 已解决)
Done               Closed, Done, Completed, Inactive           Completed
                   (已关闭, 完成, 已完成)
Cancelled          Removed (已删除); Closed with the reason     Removed
                   Abandoned, Obsolete, Cut, Rejected,
                   Duplicate or Removed from the backlog
=================  =========================================  ====================

Jira: the status category decides (To Do / In Progress / Done, 待办 / 进行中 / 完成),
so every workflow's own statuses map without a table; without a Status Category column
the status names of Jira's default workflows are known (To Do, Open, Backlog, Selected
for Development, Reopened -> not started; In Progress, In Review, Under Review ->
in progress; Done, Closed, Resolved -> done; Cancelled, Won't Do, Declined ->
cancelled). A Done item whose resolution is Won't Do, Won't Fix, Duplicate, Declined,
Cannot Reproduce or Cancelled (不做, 不会修复, 重复, 拒绝, 无法重现, 已取消) was closed as
removed: Cancelled.

MS Project: 100 % complete or an actual finish -> Done; above 0 % or an actual start ->
In progress; else Not started. A task deleted in MS Project (absent from the file) that
the kit had linked becomes Cancelled.

Any other state is reported (file, row, state) with the fix: ``--state "NAME=STATUS"``
maps a custom workflow's state for one run (STATUS one of not-started, in-progress,
done, cancelled).
"""

from __future__ import annotations

from generator.trackers.model import Status

STATUSES: tuple[Status, ...] = ("not-started", "in-progress", "done", "cancelled")

_ADO: dict[str, Status] = {
    **dict.fromkeys(
        ("new", "to do", "approved", "proposed", "design", "新建", "待办", "已批准", "已建议"),
        "not-started",
    ),
    **dict.fromkeys(
        (
            "active",
            "committed",
            "doing",
            "in progress",
            "open",
            "resolved",
            "活动",
            "已提交",
            "正在进行",
            "进行中",
            "已解决",
        ),
        "in-progress",
    ),
    **dict.fromkeys(
        ("closed", "done", "completed", "inactive", "已关闭", "完成", "已完成"), "done"
    ),
    **dict.fromkeys(("removed", "已删除", "已移除"), "cancelled"),
}

_ADO_REMOVED_REASONS = {
    "abandoned",
    "obsolete",
    "cut",
    "rejected",
    "duplicate",
    "removed from the backlog",
    "已放弃",
    "已过时",
    "已拒绝",
    "重复",
    "已从积压工作中删除",
}

_JIRA_CATEGORY: dict[str, Status] = {
    "to do": "not-started",
    "new": "not-started",
    "待办": "not-started",
    "in progress": "in-progress",
    "indeterminate": "in-progress",
    "进行中": "in-progress",
    "处理中": "in-progress",
    "done": "done",
    "complete": "done",
    "完成": "done",
    "已完成": "done",
}

_JIRA_STATUS: dict[str, Status] = {
    **dict.fromkeys(
        (
            "to do",
            "open",
            "backlog",
            "selected for development",
            "reopened",
            "待办",
            "打开",
            "待办事项",
            "选择开发",
            "重新打开",
        ),
        "not-started",
    ),
    **dict.fromkeys(
        ("in progress", "in review", "under review", "进行中", "处理中", "审核中", "评审中"),
        "in-progress",
    ),
    **dict.fromkeys(("done", "closed", "resolved", "完成", "已完成", "已关闭", "已解决"), "done"),
    **dict.fromkeys(
        ("cancelled", "canceled", "won't do", "declined", "已取消", "不做", "拒绝"), "cancelled"
    ),
}

_JIRA_REMOVED_RESOLUTIONS = {
    "won't do",
    "won't fix",
    "duplicate",
    "declined",
    "cannot reproduce",
    "cancelled",
    "canceled",
    "不做",
    "不会修复",
    "重复",
    "拒绝",
    "无法重现",
    "已取消",
}


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def ado_status(state: str, reason: str = "", extra: dict[str, Status] | None = None) -> str:
    """The kit status of an Azure Boards state ("" when unknown); see the module table."""
    key = _key(state)
    if extra and key in extra:
        return extra[key]
    status = _ADO.get(key, "")
    if status == "done" and _key(reason) in _ADO_REMOVED_REASONS:
        return "cancelled"
    return status


def jira_status(
    status: str, category: str = "", resolution: str = "", extra: dict[str, Status] | None = None
) -> str:
    """The kit status of a Jira status (its category first); see the module docstring."""
    key = _key(status)
    if extra and key in extra:
        return extra[key]
    found = _JIRA_CATEGORY.get(_key(category), "") if category.strip() else ""
    found = found or _JIRA_STATUS.get(key, "")
    if found == "done" and _key(resolution) in _JIRA_REMOVED_RESOLUTIONS:
        return "cancelled"
    return found


def parse_state_option(values: tuple[str, ...] | list[str]) -> dict[str, Status]:
    """``--state "Blocked=in-progress"`` values -> {normalised state: status}.

    Raises ``ValueError`` with the bad value when a value is not ``NAME=STATUS`` with a
    known status.
    """
    out: dict[str, Status] = {}
    for value in values:
        name, sep, status = value.rpartition("=")
        wanted = status.strip().lower()
        chosen = next((s for s in STATUSES if s == wanted), None)
        if not sep or not name.strip() or chosen is None:
            raise ValueError(value)
        out[_key(name)] = chosen
    return out

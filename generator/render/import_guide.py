"""How to import each export: the kit README's "Importing the exports" section.

``import_guide(lang)`` returns Markdown (en or zh) that
:func:`generator.workspace.stage.readme_text` appends: a heading, one bullet per export
declared in :mod:`generator.registry` (its ``Export.guide``: a ``{lang: Markdown}``
dict, in the registry's order), then how progress comes back (``implkit import``) and
what the exports do that a user may notice (invisible formula guard, shortened titles,
split files, calendar updates). Each bullet names the files under ``exports/`` and the
menu path of the tool.
"""

from __future__ import annotations

HEADING = {
    "en": """
## Importing the exports

""",
    "zh": """
## 导入导出文件

""",
}

MSPDI = {
    "en": """- **MS Project / ProjectLibre** — `exports/project-plan.mspdi.xml`. MS Project: *File >
  Open*, file type *XML Format (\\*.xml)*, then *Import as a new project*. ProjectLibre:
  *File > Open*. Roles are work resources; a role's maximum units are the most people it
  needs at once, so nobody shows as over-allocated on opening. Once the plan lives in MS
  Project, open a new export with the plan open and choose *Merge the data into the
  active project*: tasks keep their unique ID (UID) and GUID, so MS Project updates them
  instead of adding copies; every task carries its kit id in the *Plan id* field (Text1).
""",
    "zh": """- **MS Project / ProjectLibre**：`exports/project-plan.mspdi.xml`。MS Project：*文件 >
  打开*，文件类型选 *XML 格式 (\\*.xml)*，再选 *作为新项目导入*。ProjectLibre：*文件 > 打开*。
  角色为工时资源，最大单位为该角色同时所需的最多人数，打开时不会出现资源过度分配。计划已在
  MS Project 中维护后，先打开该计划，再打开新的导出文件并选择 *将数据合并到活动项目*：任务保留
  唯一标识号（UID）和 GUID，MS Project 会更新原有任务而不会添加副本；每个任务的“计划编号”字段
  （文本1）记录其套件编号。
""",
}
"""MS Project / ProjectLibre (``exports/project-plan.mspdi.xml``)."""

JIRA = {
    "en": """- **Jira** — `exports/jira-issues.csv` (and `jira-issues-2.csv`... above 1,500 rows,
  split by whole phases). *Settings > System > External system import > CSV*. Map
  *Issue Id*, *Parent* (each task's epic), *Issue Type*, *Summary*, *Description*, *Start
  date*, *Due date*, *Original Estimate* (the effort, in seconds), *Labels* and *Issue
  key*. Import the files in order; each lists its epics before their tasks. Every issue
  carries the label `ik:<task id>`; after `implkit import` the export gives each issue
  Jira already has its *Issue key*, and the import updates that issue instead of adding
  one.
""",
    "zh": """- **Jira**：`exports/jira-issues.csv`（超过 1,500 行时按整阶段拆分为 `jira-issues-2.csv` 等）。
  *设置 > 系统 > 外部系统导入 > CSV*。映射 *Issue Id*、*Parent*（任务所属史诗）、*Issue Type*、
  *Summary*、*Description*、*Start date*、*Due date*、*Original Estimate*（工作量，单位为秒）、
  *Labels* 和 *Issue key*。按顺序导入各文件；每个文件先列史诗再列其任务。每个问题带有标签
  `ik:<任务编号>`；运行 `implkit import` 后，导出文件为 Jira 中已有的问题写入 *Issue key*，
  导入时更新该问题而不会新建。
""",
}
"""Jira (``exports/jira-issues.csv``)."""

ADO = {
    "en": """- **Azure Boards** — `exports/azure-boards.csv` uses the Agile process (Epic > Feature >
  User Story). For another process run `implkit export . --format ado --process
  scrum|basic|cmmi`. *Boards > Queries > Import work items*, choose the file, *Import*,
  then *Save items*. Above 1,000 work items the export is split: after importing the
  first file, type the new Epic's ID (and the Feature's, when its row is repeated) in the
  *ID* column of the first rows of the next file, so its items join the same parents.
  New items carry no *State* (Azure Boards creates them in the process's first state and
  refuses another); every item carries the tag `ik:<task id>`. After `implkit import`
  the rows of items Azure Boards already has carry their *ID* and State, and importing
  the file updates those work items instead of creating them again.
""",
    "zh": """- **Azure Boards**：`exports/azure-boards.csv` 按 Agile 流程（Epic > Feature > User Story）。
  其他流程请运行 `implkit export . --format ado --process scrum|basic|cmmi`。*Boards > Queries >
  Import work items*，选择文件，*Import*，再 *Save items*。超过 1,000 个工作项时拆分为多个文件：
  导入第一个文件后，把新建 Epic（以及重复出现的 Feature）的 ID 填入下一个文件前几行的 *ID* 列，
  其工作项即挂到同一父项下。新建工作项不带 *State*（Azure Boards 以流程的初始状态创建，不接受其他
  状态）；每个工作项带有标记 `ik:<任务编号>`。运行 `implkit import` 后，Azure Boards 中已有的工作项
  在导出文件中带有 *ID* 和状态，再次导入即更新这些工作项而不会重复创建。
""",
}
"""Azure Boards (``exports/azure-boards.csv``)."""

ICS = {
    "en": """- **Outlook / Google Calendar** — `exports/project-calendar.ics`. Outlook: *File > Open &
  Export > Import/Export > Import an iCalendar (.ics) file*. Google Calendar: *Settings >
  Import & export > Import*; pick a calendar of its own for the project. Importing the
  file again after `implkit build` updates the events that moved. Meetings that would
  fall on a public holiday are moved to the next working day.
""",
    "zh": """- **Outlook / Google 日历**：`exports/project-calendar.ics`。Outlook：*文件 > 打开和导出 >
  导入/导出 > 导入 iCalendar (.ics) 文件*。Google 日历：*设置 > 导入和导出 > 导入*，建议为本项目
  单独建一个日历。`implkit build` 之后再次导入，会更新日期有变化的事件；落在法定节假日的会议顺延到下一个工作日。
""",
}
"""Outlook / Google Calendar (``exports/project-calendar.ics``)."""

NOTES = {
    "en": """
Progress comes back the same way: export a query from Azure Boards or the issues from
Jira as CSV, save the plan from MS Project as XML, and run `implkit import . FILE`
(`--dry-run` first lists what would change). Import the tracker's latest export before
exporting again, so the states you send back are the tracker's.

Titles longer than 255 characters are shortened with "…" and given in full at the top of
the description. A cell that starts with `=`, `+`, `-` or `@` begins with an invisible
word joiner (U+2060) so that a spreadsheet opening the CSV keeps it as text; Jira and
Azure Boards show the text unchanged.
""",
    "zh": """
进度按同样的方式取回：从 Azure Boards 导出查询结果、从 Jira 导出问题为 CSV，或在 MS Project 中
另存为 XML，然后运行 `implkit import . 文件`（先加 `--dry-run` 查看将要更改的内容）。再次导出前
先导入跟踪工具的最新导出文件，使发回的状态与跟踪工具一致。

超过 255 个字符的标题以"…"截短，完整标题放在描述开头。以 `=`、`+`、`-` 或 `@` 开头的单元格前加了
不可见的连接符（U+2060），用电子表格打开 CSV 时仍按文本处理；Jira 与 Azure Boards 中显示的文字不变。
""",
}
"""How progress comes back, and what every export does that a user may notice."""


def import_guide(lang: str) -> str:
    """The "Importing the exports" README section in ``lang`` ("en" or "zh"), Markdown.

    A language without its own text gets the English one.
    """
    from generator.registry import exports, resolve

    code = lang if lang in HEADING else "en"
    bullets = []
    for item in exports().values():
        assert item.export is not None
        if item.export.guide is None:  # not in the kit: ``implkit export`` only
            continue
        guide = resolve(item.export.guide)
        bullets.append(guide.get(code) or guide["en"])
    return HEADING[code] + "".join(bullets) + NOTES[code]

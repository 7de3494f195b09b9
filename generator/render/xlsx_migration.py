"""The data-migration checklist workbook (data-migration-checklist.xlsx) from a Kit.

Sheets: an Overview of the migration objects in the derived load order (wave,
sequence, dependencies, owner, volume, approach, reconciliation and tolerance,
mock-load and dress-rehearsal dates from the plan, status dropdown, sign-off),
a Cutover runbook (step, owner, backup owner, planned time, hours with a running
total, verification, rollback, a checkbox-like "done" dropdown), then one
field-mapping sheet per object with its source and target on top. The overview
links to every object sheet and each object sheet links back.

Object sheets are named after the object (made valid: 31 characters, no
``[]:*?/\\``, unique with a " (2)" suffix). Everything is streamed (write-only
mode), so thousands of objects stay small in memory.
"""

from __future__ import annotations

from pathlib import Path

from generator.kit_model import Kit, MigrationObject
from generator.render.xlsx_common import (
    Book,
    Col,
    Formula,
    Link,
    S,
    SheetBuilder,
    col_letter,
    quote_sheet,
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "doc_title": "Data-migration checklist",
        "s_overview": "Overview",
        "s_cutover": "Cutover runbook",
        "overview_note": "Objects in the derived load order (a wave loads after every object it depends on). Yellow columns are yours to fill in. Click an object to open its field mapping.",
        "seq": "Seq",
        "wave": "Wave",
        "object": "Object",
        "id": "Id",
        "kind": "Kind",
        "depends": "Depends on",
        "source": "Source (system / table)",
        "target": "Target",
        "approach": "Approach",
        "volume": "Volume",
        "cleansing": "Cleansing rules",
        "recon": "Reconciliation",
        "tolerance": "Tolerance",
        "owner": "Owner",
        "signoff": "Sign-off roles",
        "sensitive": "Sensitive data",
        "mock1": "Mock load 1",
        "mock2": "Mock load 2",
        "dress": "Dress rehearsal",
        "status": "Status",
        "signed_by": "Signed off by",
        "signed_on": "Signed off on",
        "notes": "Notes",
        "fields": "Fields",
        "statuses": "Not started|Extracting|Cleansing|Mapped|Mock 1 passed|Mock 2 passed|Rehearsed|Signed off|Blocked",
        "k_configuration": "Configuration",
        "k_master": "Master data",
        "k_transactional": "Transactional",
        "k_balance": "Balance",
        "k_history": "History",
        "full": "full load",
        "delta": "delta load",
        "sample": "sample {pct}%",
        "yes": "Yes",
        "no": "No",
        "conditional": "Conditional",
        "back": "← Overview",
        "obj_source": "Source",
        "obj_target": "Target",
        "obj_approach": "Approach",
        "obj_recon": "Reconciliation",
        "obj_deps": "Depends on",
        "obj_owner": "Owner / sign-off",
        "obj_dates": "Mock 1 / 2 / rehearsal",
        "n": "#",
        "business": "Business name",
        "technical": "Technical name",
        "type": "Type",
        "length": "Length",
        "decimals": "Decimals",
        "mandatory": "Mandatory",
        "default": "Default",
        "mapping": "Value mapping",
        "transformation": "Transformation",
        "validation": "Validation",
        "source_field": "Source field",
        "step": "Step",
        "backup": "Backup owner",
        "planned": "Planned",
        "planned_date": "Planned date",
        "hours": "Hours",
        "cumulative": "Cumulative hours",
        "verification": "Verification",
        "rollback": "Rollback",
        "done": "Done",
        "actual_start": "Actual start",
        "actual_end": "Actual end",
        "total": "Total",
        "cutover_note": "Tick each step when done; the running total shows how long the cutover takes.",
    },
    "zh": {
        "doc_title": "数据迁移检查表",
        "s_overview": "迁移对象总览",
        "s_cutover": "切换执行手册",
        "overview_note": "迁移对象按推导出的加载顺序排列（每一批次在其依赖的对象之后加载）。黄色列由顾问填写。点击对象名称可打开其字段映射表。",
        "seq": "顺序",
        "wave": "批次",
        "object": "迁移对象",
        "id": "编号",
        "kind": "类别",
        "depends": "依赖对象",
        "source": "来源（系统/表）",
        "target": "目标",
        "approach": "迁移方式",
        "volume": "数据量",
        "cleansing": "清洗规则",
        "recon": "核对方法",
        "tolerance": "容差",
        "owner": "负责人",
        "signoff": "签字确认角色",
        "sensitive": "敏感数据",
        "mock1": "第一次模拟导入",
        "mock2": "第二次模拟导入",
        "dress": "切换演练",
        "status": "状态",
        "signed_by": "签字人",
        "signed_on": "签字日期",
        "notes": "备注",
        "fields": "字段数",
        "statuses": "未开始|抽取中|清洗中|映射完成|模拟1通过|模拟2通过|演练通过|已签字确认|受阻",
        "k_configuration": "配置数据",
        "k_master": "主数据",
        "k_transactional": "业务数据",
        "k_balance": "余额数据",
        "k_history": "历史数据",
        "full": "全量",
        "delta": "增量",
        "sample": "抽样 {pct}%",
        "yes": "是",
        "no": "否",
        "conditional": "有条件",
        "back": "← 返回总览",
        "obj_source": "来源",
        "obj_target": "目标",
        "obj_approach": "迁移方式",
        "obj_recon": "核对方法",
        "obj_deps": "依赖对象",
        "obj_owner": "负责人/签字确认",
        "obj_dates": "模拟导入/演练日期",
        "n": "序号",
        "business": "业务名称",
        "technical": "技术名称",
        "type": "类型",
        "length": "长度",
        "decimals": "小数位",
        "mandatory": "必填",
        "default": "默认值",
        "mapping": "值映射",
        "transformation": "转换规则",
        "validation": "校验规则",
        "source_field": "来源字段",
        "step": "步骤",
        "backup": "备岗负责人",
        "planned": "计划时间",
        "planned_date": "计划日期",
        "hours": "时长（小时）",
        "cumulative": "累计时长（小时）",
        "verification": "验证方法",
        "rollback": "回退方案",
        "done": "完成",
        "actual_start": "实际开始",
        "actual_end": "实际结束",
        "total": "合计",
        "cutover_note": "每完成一步请勾选；累计时长显示切换所需的总时间。",
    },
}

DONE_MARKS = ("☐", "☑")


def _labels(kit: Kit) -> dict[str, str]:
    return LABELS.get(kit.lang, LABELS["en"])


class _MigrationWriter:
    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.L = L = _labels(kit)
        self.roles = {r.id: r.name for r in kit.roles}
        self.book = Book(
            kit.lang,
            when=kit.project.start,
            title=f"{L['doc_title']} — {kit.project.name}",
            subject=kit.project.name,
            description=f"{kit.pack.name} {kit.pack.version}",
            keywords=kit.project.client,
            page_header=f"{kit.project.client} — {kit.project.name}",
        )
        self.overview = self.book.sheet(L["s_overview"])
        self.cutover_sheet = self.book.sheet(L["s_cutover"])
        self.object_sheets: dict[str, SheetBuilder] = {}
        for obj in kit.migration:
            self.object_sheets[obj.id] = self.book.sheet(obj.name or obj.id)
        self.overview_rows: dict[str, int] = {}

    def role(self, rid: str) -> str:
        return self.roles.get(rid, rid)

    def approach(self, obj: MigrationObject) -> str:
        mode = self.L.get(obj.load_mode, obj.load_mode)
        return f"{obj.tool}, {mode}" if obj.tool else mode

    def recon(self, obj: MigrationObject) -> str:
        rec = obj.reconciliation
        text = rec.method_name or rec.method
        if rec.sample_percent:
            pct = f"{rec.sample_percent:g}"
            text += "; " + self.L["sample"].format(pct=pct)
        return text

    def source(self, obj: MigrationObject) -> str:
        return " / ".join(x for x in (obj.source_system, obj.source_table) if x)

    # --- overview -------------------------------------------------------------------
    def write_overview(self) -> None:
        kit, L = self.kit, self.L
        sb = self.overview
        sb.add([f"{L['doc_title']} — {kit.project.name}"], style="title", height=22)
        sb.add([L["overview_note"]], style="note")
        cols = [
            Col(L["seq"], "int", max_width=6),
            Col(L["wave"], "int", max_width=6),
            Col(L["object"], "link", min_width=18, max_width=32),
            Col(L["id"], max_width=20),
            Col(L["kind"], max_width=14),
            Col(L["depends"], "wrap", max_width=22),
            Col(L["source"], "wrap", max_width=20),
            Col(L["target"], "wrap", max_width=18),
            Col(L["approach"], max_width=22),
            Col(L["volume"], "wrap", max_width=18),
            Col(L["fields"], "int", max_width=8),
            Col(L["cleansing"], "wrap", max_width=28),
            Col(L["recon"], "wrap", max_width=22),
            Col(L["tolerance"], "center", max_width=12),
            Col(L["owner"], max_width=22),
            Col(L["signoff"], "wrap", max_width=18),
            Col(L["sensitive"], "center", max_width=10),
            Col(L["mock1"], "date", min_width=12),
            Col(L["mock2"], "date", min_width=12),
            Col(L["dress"], "date", min_width=12),
            Col(L["status"], "input", min_width=14),
            Col(L["signed_by"], "input", min_width=12),
            Col(L["signed_on"], "input_date", min_width=12),
            Col(L["notes"], "input", width=26),
        ]
        sb.columns(cols)
        header = sb.header()
        names = {o.id: f"#{o.sequence} {o.name}" for o in kit.migration}
        for obj in kit.migration:
            target = self.object_sheets[obj.id]
            self.overview_rows[obj.id] = sb.next_row
            sb.add(
                [
                    obj.sequence,
                    obj.wave,
                    Link(obj.name or obj.id, f"{quote_sheet(target.title)}!A1"),
                    obj.id,
                    L.get(f"k_{obj.kind}", obj.kind),
                    "\n".join(names.get(d, d) for d in obj.depends_on),
                    self.source(obj),
                    obj.target,
                    self.approach(obj),
                    obj.volume,
                    len(obj.fields),
                    "\n".join(obj.cleansing),
                    self.recon(obj),
                    obj.reconciliation.tolerance,
                    self.role(obj.owner),
                    ", ".join(self.role(r) for r in obj.signoff),
                    L["yes"] if obj.sensitive else "",
                    obj.mock_1,
                    obj.mock_2,
                    obj.dress_rehearsal,
                    None,
                    None,
                    None,
                    None,
                ]
            )
        last = max(sb.next_row - 1, header + 1)
        first = header + 1
        sb.freeze(f"D{first}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        sb.validation(
            self.book.list_name("mig_status", L["statuses"].split("|")), f"U{first}:U{last}"
        )
        sb.validation("DATE(2000,1,1)", f"W{first}:W{last}", kind="date", operator="greaterThan")

    # --- one sheet per object ------------------------------------------------------------
    def write_object(self, obj: MigrationObject) -> None:
        L = self.L
        sb = self.object_sheets[obj.id]
        back_row = self.overview_rows.get(obj.id, 1)
        sb.add(
            [
                f"#{obj.sequence} {obj.name}",
                None,
                None,
                Link(L["back"], f"{quote_sheet(self.overview.title)}!C{back_row}"),
            ],
            style="title",
            height=22,
        )
        dates = " / ".join(
            d.isoformat() if d else "—" for d in (obj.mock_1, obj.mock_2, obj.dress_rehearsal)
        )
        info = [
            (L["obj_source"], self.source(obj)),
            (L["obj_target"], obj.target),
            (L["obj_approach"], self.approach(obj)),
            (
                L["obj_recon"],
                f"{self.recon(obj)}; {L['tolerance']}: {obj.reconciliation.tolerance}",
            ),
            (L["obj_deps"], ", ".join(obj.depends_on)),
            (
                L["obj_owner"],
                f"{self.role(obj.owner)} / {', '.join(self.role(r) for r in obj.signoff)}",
            ),
            (L["obj_dates"], dates),
        ]
        for label, value in info:
            sb.add([S(label, "label"), None, S(value, "note")])
        cols = [
            Col(L["n"], "int", max_width=6),
            Col(L["business"], "wrap", min_width=16, max_width=30),
            Col(L["technical"], max_width=22),
            Col(L["type"], "center", max_width=10),
            Col(L["length"], "int", max_width=8),
            Col(L["decimals"], "int", max_width=8),
            Col(L["mandatory"], "center", max_width=12),
            Col(L["default"], max_width=16),
            Col(L["mapping"], "wrap", max_width=30),
            Col(L["transformation"], "wrap", max_width=30),
            Col(L["validation"], "wrap", max_width=32),
            Col(L["source_field"], "input", min_width=14, max_width=20),
            Col(L["notes"], "input", width=24),
        ]
        sb.columns(cols)
        header = sb.header()
        for n, f in enumerate(obj.fields, start=1):
            sb.add(
                [
                    n,
                    f.name,
                    f.technical,
                    f.type,
                    f.length,
                    f.decimals,
                    L.get(f.mandatory, f.mandatory),
                    f.default,
                    f.mapping,
                    f.transformation,
                    f.validation,
                    None,
                    None,
                ]
            )
        if not obj.fields:
            sb.add([None] * len(cols))
        last = max(sb.next_row - 1, header + 1)
        sb.freeze(f"C{header + 1}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        sb.close()

    # --- cutover runbook ------------------------------------------------------------------
    def write_cutover(self) -> None:
        kit, L = self.kit, self.L
        sb = self.cutover_sheet
        sb.add([f"{L['s_cutover']} — {kit.project.name}"], style="title", height=22)
        sb.add([L["cutover_note"]], style="note")
        cols = [
            Col(L["seq"], "int", max_width=6),
            Col(L["step"], "wrap", min_width=20, max_width=40),
            Col(L["owner"], max_width=22),
            Col(L["backup"], max_width=22),
            Col(L["planned"], "center", max_width=16),
            Col(L["planned_date"], "date", min_width=12),
            Col(L["hours"], "number", max_width=10),
            Col(L["cumulative"], "number", max_width=12),
            Col(L["verification"], "wrap", max_width=36),
            Col(L["rollback"], "wrap", max_width=36),
            Col(L["done"], "input_center", min_width=7, max_width=8),
            Col(L["actual_start"], "input", min_width=12),
            Col(L["actual_end"], "input", min_width=12),
            Col(L["notes"], "input", width=24),
        ]
        sb.columns(cols)
        header = sb.header()
        first = header + 1
        for step in kit.cutover:
            r = sb.next_row
            sb.add(
                [
                    step.sequence,
                    step.name,
                    self.role(step.owner),
                    self.role(step.backup_owner),
                    step.planned,
                    step.planned_date,
                    step.hours,
                    Formula(f"=SUM($G${first}:G{r})"),
                    step.verification,
                    step.rollback,
                    DONE_MARKS[0],
                    None,
                    None,
                    None,
                ]
            )
        if not kit.cutover:
            sb.add([None] * len(cols))
        last = sb.next_row - 1
        sb.add(
            [
                S(L["total"], "summary"),
                S("", "summary"),
                S("", "summary"),
                S("", "summary"),
                S("", "summary"),
                S(None, "summary"),
                S(Formula(f"=SUM(G{first}:G{last})"), "summary_number"),
            ]
        )
        sb.freeze(f"C{first}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        sb.validation(self.book.list_name("done", list(DONE_MARKS)), f"K{first}:K{last}")

    def write(self, path: Path) -> None:
        self.write_overview()
        self.overview.close()
        self.write_cutover()
        self.cutover_sheet.close()
        for obj in self.kit.migration:
            self.write_object(obj)
        self.book.save(path)


def render_migration(kit: Kit, path: Path) -> None:
    """Write the data-migration checklist workbook for ``kit`` to ``path`` (same bytes for the same Kit)."""
    _MigrationWriter(kit).write(path)

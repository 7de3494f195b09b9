"""Declarations of the data-migration checklist's sheets (data-migration-checklist.xlsx)."""

from __future__ import annotations

from generator.sheets import SheetSpec
from generator.sheets.lists import MIGRATION_STATUS, STEP_DONE
from generator.sheets.plan import gen, mine

OVERVIEW = SheetSpec(
    key="migration.overview",
    workbook="migration",
    en="Overview",
    zh="迁移对象总览",
    key_column="id",
    columns=(
        gen("seq", "Seq", "顺序", "int", max_width=6),
        gen("wave", "Wave", "批次", "int", max_width=6),
        gen("object", "Object", "迁移对象", "long-text", min_width=18, max_width=32),
        gen("id", "Id", "编号", min_width=14, max_width=34),
        gen("kind", "Kind", "类别", max_width=14),
        gen("depends", "Depends on", "依赖对象", "long-text", max_width=22),
        gen("source", "Source (system / table)", "来源（系统/表）", "long-text", max_width=20),
        gen("target", "Target", "目标", "long-text", max_width=18),
        gen("approach", "Approach", "迁移方式", "long-text", max_width=22),
        gen("volume", "Volume", "数据量", "long-text", max_width=18),
        gen("fields", "Fields", "字段数", "int", max_width=8),
        gen("cleansing", "Cleansing rules", "清洗规则", "long-text", max_width=28),
        gen("recon", "Reconciliation", "核对方法", "long-text", max_width=22),
        gen("tolerance", "Tolerance", "容差", center=True, max_width=12),
        gen("owner", "Owner", "负责人", "long-text", min_width=12, max_width=22),
        gen("signoff", "Sign-off roles", "签字确认角色", "long-text", max_width=18),
        gen("sensitive", "Sensitive data", "敏感数据", "bool", center=True, max_width=10),
        gen("mock1", "Mock load 1", "第一次模拟导入", "date", min_width=12),
        gen("mock2", "Mock load 2", "第二次模拟导入", "date", min_width=12),
        gen("dress", "Dress rehearsal", "切换演练", "date", min_width=12),
        mine("status", "Status", "状态", "list", list=MIGRATION_STATUS, min_width=14),
        mine("actual_records", "Records loaded", "已导入记录数", "int", min_width=10),
        mine("signed_by", "Signed off by", "签字人", min_width=12),
        mine("signed_on", "Signed off on", "签字日期", "date", min_width=12),
        mine("notes", "Notes", "备注", "long-text", width=26),
    ),
    accepts_added_rows=True,  # an object the team adds (kept as an added row, issue 11b)
)

CUTOVER = SheetSpec(
    key="migration.cutover",
    workbook="migration",
    en="Cutover runbook",
    zh="切换执行手册",
    key_column="id",
    columns=(
        gen("seq", "Seq", "顺序", "int", max_width=6),
        gen("id", "Id", "编号", max_width=22),
        gen("step", "Step", "步骤", "long-text", min_width=20, max_width=40),
        gen("owner", "Owner", "负责人", "long-text", max_width=22),
        gen("backup", "Backup owner", "备岗负责人", "long-text", max_width=22),
        gen("planned", "Planned", "计划时间", center=True, max_width=16),
        gen("planned_date", "Planned date", "计划日期", "date", min_width=12),
        gen("hours", "Hours", "时长（小时）", "hours", max_width=10),
        gen(
            "cumulative",
            "Cumulative hours",
            "累计时长（小时）",
            "hours",
            formula=True,
            max_width=12,
        ),
        gen("verification", "Verification", "验证方法", "long-text", max_width=36),
        gen("rollback", "Rollback", "回退方案", "long-text", max_width=36),
        mine("done", "Done", "完成", "list", list=STEP_DONE, center=True, min_width=7, max_width=8),
        mine("actual_start", "Actual start", "实际开始", min_width=12),
        mine("actual_end", "Actual end", "实际结束", min_width=12),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

FIELDS = SheetSpec(
    key="migration.fields",
    workbook="migration",
    en="Fields",
    zh="字段映射",
    key_column="technical",
    columns=(
        gen("n", "#", "序号", "int", max_width=6),
        gen("business", "Business name", "业务名称", "long-text", min_width=16, max_width=30),
        gen("technical", "Technical name", "技术名称", "long-text", min_width=12, max_width=24),
        gen("type", "Type", "类型", center=True, max_width=10),
        gen("length", "Length", "长度", "int", max_width=8),
        gen("decimals", "Decimals", "小数位", "int", max_width=8),
        gen("mandatory", "Mandatory", "必填", center=True, max_width=12),
        gen("default", "Default", "默认值", max_width=16),
        mine("mapping", "Value mapping", "值映射", "long-text", max_width=30),
        mine("transformation", "Transformation", "转换规则", "long-text", max_width=30),
        gen("validation", "Validation", "校验规则", "long-text", max_width=32),
        mine("source_field", "Source field", "来源字段", min_width=14, max_width=20),
        mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
    per_object=True,
)

MIGRATION_SHEETS: tuple[SheetSpec, ...] = (OVERVIEW, CUTOVER, FIELDS)

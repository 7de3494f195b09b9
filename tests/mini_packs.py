"""Small packs written inline for loader/inheritance/CLI tests (no built-in pack needed)."""

from __future__ import annotations

from pathlib import Path

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/packs/pack.schema.json\n"

MINI_PACK = """\
pack:
  id: mini
  name: {en: Mini method, zh: 迷你方法}
  version: 1.0.0
  systems: [ERP]
roles:
  - {id: pm, name: {en: Project manager, zh: 项目经理}}
  - {id: dev, name: {en: Developer, zh: 开发人员}}
  - {id: trainer, name: {en: Trainer, zh: 培训师}}
phases:
  - {id: prepare, order: 1, name: {en: Prepare, zh: 准备}}
  - {id: build, order: 2, name: {en: Build, zh: 构建}}
"""

MINI_TASKS = """\
tasks:
  - id: t.kickoff
    name: {en: Kickoff, zh: 启动会}
    phase: prepare
    duration: 1
    owner: pm
    anchor: kickoff
  - id: t.plan
    name: {en: Plan the project, zh: 制定计划}
    phase: prepare
    after: [t.kickoff]
    duration: 2
    owner: pm
    deliverables: [{en: Plan, zh: 计划}]
  - id: t.build
    name: {en: Build the system, zh: 构建系统}
    phase: build
    after: [t.plan]
    duration: 5
    owner: dev
    effort: {dev: 5, pm: 1}
  - id: t.golive
    name: {en: Go-live, zh: 上线}
    phase: build
    after: [t.build]
    duration: 0
    milestone: true
    owner: pm
    anchor: go-live
gates:
  - id: g.build
    name: {en: Build gate, zh: 构建关口}
    phase: build
    after: [t.build]
    signoff: [pm]
"""

MINI_MORE = """\
risks:
  - id: r.data
    title: {en: Dirty data, zh: 数据质量差}
    phase: build
    likelihood: 3
    impact: 4
    owner: pm
    mitigation: {en: Clean early, zh: 尽早清洗}
migration:
  - id: m.org
    name: {en: Organisation, zh: 组织结构}
    kind: configuration
    source: {system: {en: legacy, zh: 原系统}}
    owner: dev
  - id: m.material
    name: {en: Materials, zh: 物料}
    kind: master
    source: {system: {en: legacy, zh: 原系统}, table: MARA}
    depends_on: [m.org]
    owner: dev
    fields:
      - {name: {en: Material, zh: 物料编码}, technical: MATNR, length: 40, mandatory: yes}
audiences:
  - {id: users, name: {en: Daily users, zh: 日常用户}}
courses:
  - id: c.basic
    code: ERP-101
    title: {en: Basics, zh: 基础}
    tier: basic
    audiences: [users]
    mode: offline-hands-on
    modules:
      - {topic: {en: Log on, zh: 登录}, minutes: 30}
"""


def write_pack(root: Path, name: str, files: dict[str, str]) -> Path:
    """Write a pack folder ``root/name`` with the given files (schema line added); return it."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file, text in files.items():
        (folder / file).write_text(SCHEMA_LINE + text, encoding="utf-8")
    return folder


def write_mini(root: Path, name: str = "mini", **extra: str) -> Path:
    """The mini pack (valid, both languages) plus any extra files ``file_name=text``."""
    files = {"pack.yaml": MINI_PACK, "tasks.yaml": MINI_TASKS, "more.yaml": MINI_MORE}
    files.update({key.replace("_yaml", ".yaml"): value for key, value in extra.items()})
    return write_pack(root, name, files)


def child_pack(body: str, *, name: str = "child", extends: str = "mini") -> dict[str, str]:
    """Files of a child pack: pack.yaml extending ``extends`` plus ``items.yaml``."""
    meta = (
        f"pack:\n  id: {name}\n  name: {{en: Child, zh: 子包}}\n  version: 0.1.0\n"
        f"  extends: {extends}\n"
    )
    return {"pack.yaml": meta, "items.yaml": body}

"""A small hand-built Kit for renderer tests, in English or Chinese.

It does not go through packs or the scheduler: the dates are written out so a
renderer test checks the renderer alone. It holds one of everything, including
texts that look like formulas (formula-injection checks) and a freeze window.
"""

from __future__ import annotations

from datetime import date, timedelta

from generator.competency import staffing_rows
from generator.kit_model import (
    Audience,
    CalendarDay,
    Ceremony,
    Course,
    CourseModule,
    CutoverStep,
    FreezeWindow,
    Gate,
    Kit,
    Lesson,
    Link,
    MigrationField,
    MigrationObject,
    PackInfo,
    Phase,
    ProjectInfo,
    Raci,
    Reconciliation,
    Risk,
    Role,
    Source,
    Stakeholder,
    SupportResource,
    Task,
    TrainingSession,
    WorkCalendar,
)

SRC = Source("sample", "sample.yaml", 1)

_T = {
    "en": {
        "client": "Acme Precision Ltd",
        "project": "Acme ERP + MES rollout",
        "pack": "Sample manufacturing",
        "phases": ["Prepare", "Explore", "Realize", "Deploy"],
        "tasks": [
            "Project kickoff meeting",
            "Fit-to-standard workshops",
            "Prototype demo signed off",
            "Formal development starts",
            "Configure routings and work centres",
            '=HYPERLINK("http://evil")',
            "Mock load 1",
            "End-user training",
            "Go-live",
        ],
        "roles": ["Project manager", "Solution architect", "Key user", "Executive sponsor"],
        "gate": "Explore quality gate",
        "entry": "Workshops held for every process area",
        "exit": "Business blueprint signed by the sponsor",
        "risk": ["Production does not own process parameters", "-1+2 key users unavailable"],
        "mitigation": "Production engineer signs each routing's parameters",
        "stakeholder": ["Plant manager", "Finance director"],
        "dept": ["Production", "Finance"],
        "mig": ["Plants and storage locations", "Materials", "Routings and operations"],
        "field": ["Material", "Operation number", "@base unit"],
        "aud": ["Shop-floor operators", "Managers"],
        "course": [
            "Reporting production at the workstation",
            "Approving orders",
            "Using the knowledge base",
        ],
        "module": ["Log on and pick the work order", "Report quantity and scrap"],
        "objective": "Report a work order without help",
        "ceremony": ["Weekly cross-department sync", "Steering committee"],
        "support": ["Knowledge base", "Hypercare desk"],
        "lesson": "Parameter sheets left blank",
        "cut": ["Stock count freeze", "Load opening stock"],
        "holiday": ["National Day", "Spring Festival"],
        "workday": "Make-up workday",
    },
    "zh": {
        "client": "艾克米精密制造有限公司",
        "project": "艾克米 ERP + MES 实施项目",
        "pack": "示例制造业",
        "phases": ["项目准备", "需求探索", "系统实现", "部署上线"],
        "tasks": [
            "项目启动会",
            "标准功能匹配研讨会",
            "原型演示并经业务签字确认",
            "正式开发启动（需求冻结）",
            "配置工艺路线与工作中心",
            '=HYPERLINK("http://evil")',
            "第一次模拟导入",
            "最终用户培训",
            "系统正式上线",
        ],
        "roles": ["项目经理", "解决方案架构师", "关键用户", "项目发起人"],
        "gate": "需求探索阶段质量关口",
        "entry": "各业务领域研讨会均已召开",
        "exit": "业务蓝图经发起人签字确认",
        "risk": ["生产部未充分参与工艺参数设置", "-1+2 关键用户无法全职投入"],
        "mitigation": "生产部工程师加入联合工作组，逐条工艺路线签字确认参数",
        "stakeholder": ["工厂厂长", "财务总监"],
        "dept": ["生产部", "财务部"],
        "mig": ["工厂与库存地点", "物料主数据", "工艺路线与工序"],
        "field": ["物料编码", "工序号", "@基本计量单位"],
        "aud": ["车间操作工", "部门经理"],
        "course": ["工位报工操作", "订单审批", "知识库使用"],
        "module": ["登录与选取工单", "报工与报废"],
        "objective": "独立完成工单报工",
        "ceremony": ["跨部门周例会", "项目指导委员会会议"],
        "support": ["知识库", "上线支持服务台"],
        "lesson": "工艺参数表迟迟未填",
        "cut": ["盘点冻结", "导入期初库存"],
        "holiday": ["国庆节", "春节"],
        "workday": "调休上班",
    },
}

ROLE_IDS = ("project-manager", "solution-architect", "key-user", "sponsor")


def _task(
    i: int,
    tid: str,
    name: str,
    phase: str,
    phase_no: int,
    n: int,
    start: date,
    finish: date,
    duration: int,
    preds: tuple[Link, ...] = (),
    milestone: bool = False,
    critical: bool = True,
    total_float: int = 0,
    anchor: str | None = None,
    gate: str | None = None,
) -> Task:
    return Task(
        id=tid,
        wbs=f"{phase_no}.{n}",
        outline_level=2,
        name=name,
        description="",
        phase=phase,
        owner=ROLE_IDS[i % 3],
        duration=duration,
        effort=() if milestone else ((ROLE_IDS[0], float(duration)), (ROLE_IDS[1], duration / 2)),
        predecessors=preds,
        deliverables=() if milestone else (f"D{i}",),
        milestone=milestone,
        gate=gate,
        key_node=None,
        anchor=anchor,
        raci=Raci(responsible=(ROLE_IDS[1],), accountable=ROLE_IDS[i % 3], informed=(ROLE_IDS[3],)),
        start=start,
        finish=finish,
        early_start=start,
        early_finish=finish,
        late_start=start + timedelta(days=total_float),
        late_finish=finish + timedelta(days=total_float),
        total_float=total_float,
        critical=critical,
        source=SRC,
    )


def sample_kit(lang: str = "en") -> Kit:
    """A small, complete Kit in ``lang`` ("en" or "zh")."""
    t = _T[lang]
    d = date
    tasks = (
        _task(
            0,
            "s.kickoff",
            t["tasks"][0],
            "prepare",
            1,
            1,
            d(2026, 9, 1),
            d(2026, 9, 1),
            1,
            anchor="kickoff",
        ),
        _task(
            1,
            "s.fit",
            t["tasks"][1],
            "explore",
            2,
            1,
            d(2026, 9, 2),
            d(2026, 9, 15),
            10,
            (Link("s.kickoff"),),
        ),
        _task(
            2,
            "s.proto",
            t["tasks"][2],
            "explore",
            2,
            2,
            d(2026, 9, 15),
            d(2026, 9, 15),
            0,
            (Link("s.fit"),),
            milestone=True,
            anchor="prototype-signoff",
        ),
        _task(
            3,
            "s.gate-explore",
            t["gate"],
            "explore",
            2,
            3,
            d(2026, 9, 15),
            d(2026, 9, 15),
            0,
            (Link("s.proto"),),
            milestone=True,
            gate="s.gate-explore",
        ),
        _task(
            4,
            "s.devstart",
            t["tasks"][3],
            "realize",
            3,
            1,
            d(2026, 10, 16),
            d(2026, 10, 16),
            0,
            (Link("s.proto"),),
            milestone=True,
            anchor="development-start",
        ),
        _task(
            5,
            "s.config",
            t["tasks"][4],
            "realize",
            3,
            2,
            d(2026, 10, 19),
            d(2026, 11, 13),
            20,
            (Link("s.devstart"),),
        ),
        _task(
            6,
            "s.inject",
            t["tasks"][5],
            "realize",
            3,
            3,
            d(2026, 10, 19),
            d(2026, 10, 23),
            5,
            (Link("s.devstart", "SS", 1),),
            critical=False,
            total_float=15,
        ),
        _task(
            7,
            "s.mock1",
            t["tasks"][6],
            "realize",
            3,
            4,
            d(2026, 11, 16),
            d(2026, 11, 20),
            5,
            (Link("s.config"),),
            anchor="mock-load-1",
        ),
        _task(
            8,
            "s.training",
            t["tasks"][7],
            "deploy",
            4,
            1,
            d(2026, 11, 23),
            d(2026, 12, 4),
            10,
            (Link("s.mock1"),),
            anchor="training",
        ),
        _task(
            9,
            "s.golive",
            t["tasks"][8],
            "deploy",
            4,
            2,
            d(2026, 12, 4),
            d(2026, 12, 4),
            0,
            (Link("s.training"),),
            milestone=True,
            anchor="go-live",
        ),
    )
    phase_ids = ("prepare", "explore", "realize", "deploy")
    phases = tuple(
        Phase(
            id=pid,
            number=i + 1,
            name=t["phases"][i],
            description="",
            start=min(x.start for x in tasks if x.phase == pid),
            finish=max(x.finish for x in tasks if x.phase == pid),
            task_ids=tuple(x.id for x in tasks if x.phase == pid),
            source=SRC,
        )
        for i, pid in enumerate(phase_ids)
    )
    roles = tuple(
        Role(
            rid,
            t["roles"][i],
            "",
            "client" if rid in ("key-user", "sponsor") else "vendor",
            (3500.0, 4000.0, 0.0, 0.0)[i],
            competencies=(("method", 4 - i % 2), ("configuration", 2 + i % 2)),
        )
        for i, rid in enumerate(ROLE_IDS)
    )
    fields = tuple(
        MigrationField(
            name=name,
            technical=("MATNR", "VORNR", "MEINS")[i],
            type=("text", "text", "code")[i],
            length=(40, 4, 3)[i],
            decimals=None,
            mandatory=("yes", "yes", "conditional")[i],
            default="",
            mapping="",
            transformation="",
            validation="+unique" if i == 1 else "",
        )
        for i, name in enumerate(t["field"])
    )
    migration = tuple(
        MigrationObject(
            id=oid,
            name=t["mig"][i],
            description="",
            kind=("configuration", "master", "master")[i],
            wave=i + 1,
            sequence=i + 1,
            depends_on=deps,
            source_system="legacy ERP",
            source_table=("T001W", "MARA", "PLKO / PLPO")[i],
            target=("Plant", "Material", "Routing")[i],
            tool="LSMW",
            load_mode="full",
            volume=("12", "~40,000", "~4,000")[i],
            cleansing=("Remove obsolete",) if i else (),
            reconciliation=Reconciliation("record-count", "Record count", 0.0, "0"),
            owner="key-user",
            signoff=("sponsor",),
            sensitive=False,
            fields=fields,
            mock_1=d(2026, 11, 16),
            mock_2=None,
            dress_rehearsal=None,
            source=SRC,
        )
        for i, (oid, deps) in enumerate(
            (("s.plant", ()), ("s.material", ("s.plant",)), ("s.routing", ("s.material",)))
        )
    )
    audiences = (
        Audience("operators", t["aud"][0], "", True, 120, 24, 40, SRC),
        Audience("managers", t["aud"][1], "", True, 15, 16, 24, SRC),
    )
    modules = (
        CourseModule(t["module"][0], 30, "demo"),
        CourseModule(t["module"][1], 45, "hands-on"),
    )
    courses = tuple(
        Course(
            id=cid,
            code=code,
            title=t["course"][i],
            tier=tier,  # type: ignore[arg-type]
            audiences=aud,
            mode=mode,  # type: ignore[arg-type]
            prerequisites=() if i == 0 else ("s.c-basic",),
            objectives=(t["objective"],),
            modules=modules,
            environment="TRN client 300",
            materials=("slides", "exercise-script"),
            assessment="100%",
            pass_mark=100 if i == 0 else 80,
            evaluation_level=3,
            source=SRC,
        )
        for i, (cid, code, tier, aud, mode) in enumerate(
            (
                ("s.c-basic", "MES-B01", "basic", ("operators",), "offline-hands-on"),
                ("s.c-adv", "ERP-A01", "advanced", ("managers",), "online-recorded"),
                ("s.c-self", "GEN-S01", "self-support", ("operators", "managers"), "self-service"),
            )
        )
    )
    sessions = tuple(
        TrainingSession(
            id=f"s.c-basic#{n}",
            course="s.c-basic",
            audience="operators",
            number=n,
            day=d(2026, 11, 23) + timedelta(days=(n - 1) // 2),
            start_time="09:00" if n % 2 else "13:30",
            end_time="12:00" if n % 2 else "16:30",
            mode="offline-hands-on",
            location="Training room 1",
            capacity=12,
            enrolled=12,
        )
        for n in range(1, 11)
    )
    return Kit(
        generator_version="0.1.0",
        lang=lang,  # type: ignore[arg-type]
        pack=PackInfo("sample", t["pack"], "", "1.0.0", "manufacturing", ("base", "sample")),
        project=ProjectInfo(
            client=t["client"],
            name=t["project"],
            slug="acme-erp-mes",
            pack="sample",
            systems=("ERP", "MES"),
            strategy="big-bang",
            sites=1,
            users=135,
            country="CN",
            currency="CNY",
            start=d(2026, 9, 1),
            finish=d(2026, 12, 4),
            go_live=d(2026, 12, 4),
            freeze_days=30,
            class_size=12,
            author="Li Lei",
        ),
        calendar=WorkCalendar(
            country="CN",
            weekend=(5, 6),
            holidays=(
                *tuple(
                    CalendarDay(d(2026, 10, 1) + timedelta(days=k), t["holiday"][0], True)
                    for k in range(7)
                ),
                CalendarDay(d(2027, 2, 8), t["holiday"][1], False),
            ),
            workdays=(CalendarDay(d(2026, 10, 10), t["workday"], True),),
            official_years=(2026,),
            estimated_years=(2027,),
            first=d(2026, 1, 1),
            last=d(2027, 12, 31),
        ),
        roles=roles,
        phases=phases,
        tasks=tasks,
        gates=(
            Gate(
                id="s.gate-explore",
                name=t["gate"],
                phase="explore",
                kind="phase-gate",
                key_node=None,
                entry_criteria=(t["entry"],),
                exit_criteria=(t["exit"],),
                signoff=("sponsor", "project-manager"),
                task_id="s.gate-explore",
                date=d(2026, 9, 15),
                source=SRC,
            ),
        ),
        freeze=FreezeWindow(d(2026, 9, 16), d(2026, 10, 15), 30, "s.proto", "s.devstart"),
        anchors=(
            ("kickoff", d(2026, 9, 1)),
            ("prototype-signoff", d(2026, 9, 15)),
            ("development-start", d(2026, 10, 16)),
            ("mock-load-1", d(2026, 11, 16)),
            ("training", d(2026, 11, 23)),
            ("go-live", d(2026, 12, 4)),
        ),
        ceremonies=tuple(
            Ceremony(
                id=cid,
                name=t["ceremony"][i],
                purpose="",
                cadence=cad,  # type: ignore[arg-type]
                weekday=wd,
                time="09:30",
                minutes=60,
                attendees=("project-manager", "key-user"),
                chair="project-manager",
                first=d(2026, 9, 7),
                until=d(2026, 12, 4),
                source=SRC,
            )
            for i, (cid, cad, wd) in enumerate(
                (("s.weekly", "weekly", 0), ("s.steer", "monthly", 3))
            )
        ),
        risks=tuple(
            Risk(
                id=rid,
                title=t["risk"][i],
                description="",
                category="people",
                phase="realize",
                likelihood=lk,
                impact=im,
                owner="key-user",
                trigger="",
                mitigation=t["mitigation"],
                contingency="",
                source=SRC,
            )
            for i, (rid, lk, im) in enumerate((("s.r1", 4, 4), ("s.r2", 3, 2)))
        ),
        stakeholders=tuple(
            Stakeholder(
                id=f"s.sh{i}",
                name=t["stakeholder"][i],
                department=t["dept"][i],
                interest=5 - i,
                influence=5,
                expectations="",
                engagement="",
                interface_person=i == 0,
                role="key-user" if i == 0 else None,
                source=SRC,
            )
            for i in range(2)
        ),
        migration=migration,
        cutover=tuple(
            CutoverStep(
                id=f"s.cut{i}",
                sequence=i + 1,
                name=t["cut"][i],
                owner="key-user",
                backup_owner="project-manager",
                planned=("T-48h", "T-24h")[i],
                planned_date=d(2026, 12, 2) + timedelta(days=i),
                hours=4.0,
                verification="=SUM(A1)" if i else "",
                rollback="",
                source=SRC,
            )
            for i in range(2)
        ),
        audiences=audiences,
        courses=courses,
        training_window=(d(2026, 11, 23), d(2026, 12, 4)),
        sessions=sessions,
        support=tuple(
            SupportResource(f"s.sup{i}", t["support"][i], kind, "", "8:00-20:00", SRC)
            for i, kind in enumerate(("knowledge-base", "hypercare-desk"))
        ),
        lessons=(
            Lesson(
                "s.l1",
                t["lesson"],
                t["lesson"],
                t["mitigation"],
                "realize",
                SRC,
                trigger=t["lesson"],
            ),
        ),
        staffing=staffing_rows(phases, tasks, roles, {}),
    )

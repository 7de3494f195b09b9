"""The Kit's sections that do not depend on dates: roles, risks, stakeholders, the
migration objects, the cutover steps, audiences, courses, support and lessons, each
selected by its ``when:`` and resolved to the project's language."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TypeVar

from generator import display
from generator.competency import profile, skill_order
from generator.conditions import Scope
from generator.kit.network import selected
from generator.kit.texts import MATERIALS, RECONCILIATION
from generator.kit_model import (
    Audience,
    Course,
    CourseModule,
    CutoverStep,
    Lang,
    Lesson,
    MigrationField,
    MigrationObject,
    Reconciliation,
    Risk,
    Role,
    Skill,
    Stakeholder,
    SupportResource,
)
from generator.load_order import load_order
from generator.packs.model import Item, MigrationDef, Text, resolve_text
from generator.packs.resolved import Located, ResolvedPack
from generator.project import ProjectSpec

T = TypeVar("T", bound=Item)


class Sections:
    """Section makers shared by the builder (``pack``, ``spec``, ``scope``, ``lang`` set)."""

    pack: ResolvedPack
    spec: ProjectSpec
    scope: Scope
    lang: Lang

    def t(self, text: Text | None) -> str:
        """``text`` in the project's language."""
        return resolve_text(text, self.lang)

    def ts(self, texts: Iterable[Text]) -> tuple[str, ...]:
        """Each of ``texts`` in the project's language."""
        return tuple(self.t(x) for x in texts)

    def _selected(self, items: Iterable[Located[T]]) -> list[Located[T]]:
        return selected(items, self.scope)

    def _roles(self) -> tuple[Role, ...]:
        rates = self.spec.day_rates
        return tuple(
            Role(
                id=r.item.id,
                name=self.t(r.item.name),
                description=self.t(r.item.description),
                side=r.item.side,
                day_rate=float(rates.get(r.item.id, r.item.day_rate)),
                competencies=profile(r.item.competencies, skill_order(self._skills())),
            )
            for r in self._selected(self.pack.roles)
        )

    def _skills(self) -> tuple[Skill, ...]:
        """The pack's own skills of the competency matrix, in the kit's language."""
        return tuple(
            Skill(s.item.id, self.t(s.item.name), self.t(s.item.drill))
            for s in self._selected(self.pack.skills)
        )

    def _risks(self) -> tuple[Risk, ...]:
        risks = [
            Risk(
                id=r.item.id,
                title=self.t(r.item.title),
                description=self.t(r.item.description),
                category=r.item.category,
                category_name=display.risk_category(r.item.category, self.lang),
                phase=r.item.phase,
                likelihood=r.item.likelihood,
                impact=r.item.impact,
                owner=r.item.owner,
                trigger=self.t(r.item.trigger),
                mitigation=self.t(r.item.mitigation),
                contingency=self.t(r.item.contingency),
                source=r.source,
            )
            for r in self._selected(self.pack.risks)
        ]
        return tuple(sorted(risks, key=lambda r: (-r.score, r.id)))

    def _stakeholders(self) -> tuple[Stakeholder, ...]:
        return tuple(
            Stakeholder(
                id=s.item.id,
                name=self.t(s.item.name),
                department=self.t(s.item.department),
                interest=s.item.interest,
                influence=s.item.influence,
                expectations=self.t(s.item.expectations),
                engagement=self.t(s.item.engagement),
                interface_person=s.item.interface_person,
                role=s.item.role,
                source=s.source,
            )
            for s in self._selected(self.pack.stakeholders)
        )

    def _fields(self, item: MigrationDef) -> tuple[MigrationField, ...]:
        """A migration object's fields in the project's language."""
        return tuple(
            MigrationField(
                name=self.t(f.name),
                technical=f.technical,
                type=f.type,
                type_name=display.field_type(f.type, self.lang),
                length=f.length,
                decimals=f.decimals,
                mandatory=f.mandatory,
                default="" if f.default is None else str(f.default),
                mapping=self.t(f.mapping),
                transformation=self.t(f.transformation),
                validation=self.t(f.validation),
            )
            for f in item.fields
        )

    def _migration(self, anchors: dict[str, date]) -> tuple[MigrationObject, ...]:
        every = {m.item.id: m for m in self.pack.migration}
        chosen = self._selected(self.pack.migration)
        kept = {m.item.id for m in chosen}
        bridged: dict[str, list[str]] = {}

        def deps_of(object_id: str, trail: tuple[str, ...] = ()) -> list[str]:
            if object_id in bridged:
                return bridged[object_id]
            out: list[str] = []
            for dep in every[object_id].item.depends_on if object_id in every else []:
                if dep in kept:
                    out.append(dep)
                elif dep in every and dep not in trail:
                    out.extend(deps_of(dep, (*trail, object_id)))
            bridged[object_id] = list(dict.fromkeys(out))
            return bridged[object_id]

        ids = [m.item.id for m in chosen]
        order = load_order(ids, [deps_of(i) for i in ids])
        lang = self.lang
        out = []
        for sequence, (object_id, wave) in enumerate(order, start=1):
            located = every[object_id]
            item = located.item
            rec = item.reconciliation
            tolerance = rec.tolerance
            tolerance_text = (
                _number(tolerance) if isinstance(tolerance, (int, float)) else self.t(tolerance)
            )
            out.append(
                MigrationObject(
                    id=item.id,
                    name=self.t(item.name),
                    description=self.t(item.description),
                    kind=item.kind,
                    wave=wave,
                    sequence=sequence,
                    depends_on=tuple(deps_of(object_id)),
                    source_system=self.t(item.source.system),
                    source_table=self.t(item.source.table),
                    target=self.t(item.target),
                    tool=self.t(item.approach.tool),
                    load_mode=item.approach.mode,
                    source_name=display.source(
                        (self.t(item.source.system), self.t(item.source.table))
                    ),
                    approach_name=display.approach(
                        self.t(item.approach.tool), item.approach.mode, lang
                    ),
                    volume=self.t(item.volume),
                    cleansing=self.ts(item.cleansing),
                    reconciliation=Reconciliation(
                        method=rec.method,
                        method_name=RECONCILIATION[lang][rec.method],
                        sample_percent=rec.sample_percent,
                        tolerance=tolerance_text,
                    ),
                    owner=item.owner,
                    signoff=tuple(item.signoff),
                    sensitive=item.sensitive,
                    fields=self._fields(item),
                    mock_1=anchors.get("mock-load-1"),
                    mock_2=anchors.get("mock-load-2"),
                    dress_rehearsal=anchors.get("dress-rehearsal"),
                    source=located.source,
                )
            )
        return tuple(out)

    def _cutover(self, go_live: date | None) -> tuple[CutoverStep, ...]:
        steps = sorted(
            enumerate(self._selected(self.pack.cutover)),
            key=lambda s: (s[1].item.order, s[0]),
        )
        out = []
        for sequence, (_, located) in enumerate(steps, start=1):
            item = located.item
            planned, planned_date = _relative_time(item.offset_hours, go_live)
            out.append(
                CutoverStep(
                    id=item.id,
                    sequence=sequence,
                    name=self.t(item.name),
                    owner=item.owner,
                    backup_owner=item.backup_owner or "",
                    planned=planned,
                    planned_date=planned_date,
                    hours=item.hours,
                    verification=self.t(item.verification),
                    rollback=self.t(item.rollback),
                    source=located.source,
                )
            )
        return tuple(out)

    def _audiences(self) -> tuple[Audience, ...]:
        out = []
        for located in self._selected(self.pack.audiences):
            item = located.item
            if item.headcount is not None:
                headcount = item.headcount
            else:
                headcount = math.floor(self.spec.users * item.share + 0.5)
                if item.share > 0:
                    headcount = max(1, headcount)
            out.append(
                Audience(
                    id=item.id,
                    name=self.t(item.name),
                    description=self.t(item.description),
                    uses_system=item.uses_system,
                    headcount=headcount,
                    hours_min=item.hours[0],
                    hours_max=item.hours[1],
                    source=located.source,
                )
            )
        return tuple(out)

    def _courses(self, audience_ids: set[str]) -> tuple[Course, ...]:
        chosen = self._selected(self.pack.courses)
        course_ids = {c.item.id for c in chosen}
        names = MATERIALS[self.lang]
        return tuple(
            Course(
                id=c.item.id,
                code=c.item.code,
                title=self.t(c.item.title),
                tier=c.item.tier,
                audiences=tuple(a for a in c.item.audiences if a in audience_ids),
                mode=c.item.mode,
                prerequisites=tuple(p for p in c.item.prerequisites if p in course_ids),
                objectives=self.ts(c.item.objectives),
                modules=tuple(
                    CourseModule(topic=self.t(m.topic), minutes=m.minutes, method=self.t(m.method))
                    for m in c.item.modules
                ),
                environment=self.t(c.item.environment),
                materials=tuple(names[m] for m in c.item.materials),
                assessment=self.t(c.item.assessment),
                pass_mark=c.item.pass_mark,
                evaluation_level=c.item.evaluation_level,
                source=c.source,
            )
            for c in chosen
        )

    def _support(self) -> tuple[SupportResource, ...]:
        return tuple(
            SupportResource(
                id=s.item.id,
                name=self.t(s.item.name),
                kind=s.item.kind,
                description=self.t(s.item.description),
                hours=self.t(s.item.hours),
                source=s.source,
            )
            for s in self._selected(self.pack.support)
        )

    def _lessons(self) -> tuple[Lesson, ...]:
        return tuple(
            Lesson(
                id=x.item.id,
                title=self.t(x.item.title),
                pitfall=self.t(x.item.pitfall),
                advice=self.t(x.item.advice),
                phase=x.item.phase or "",
                source=x.source,
                trigger=self.t(x.item.trigger),
                projects=tuple(p.project for p in x.item.provenance),
            )
            for x in self._selected(self.pack.lessons)
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _relative_time(offset_hours: float, go_live: date | None) -> tuple[str, date | None]:
    """Display text ``T-2d 18:00`` (relative to go-live 00:00) and the calendar date."""
    minutes = round(offset_hours * 60)
    days, rest = divmod(minutes, 24 * 60)
    clock = f"{rest // 60:02d}:{rest % 60:02d}"
    text = f"T{days:+d}d {clock}" if days else f"T {clock}"
    if go_live is None:
        return text, None
    moment = datetime(go_live.year, go_live.month, go_live.day) + timedelta(minutes=minutes)
    return text, moment.date()

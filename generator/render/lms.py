"""The curriculum as a learning management system sees it: one LMS course per audience and
tier, one section per module (shared by the Moodle, Common Cartridge and roster exports).

``lms_courses(kit) -> list[LmsCourse]``: for every audience (kit order) and tier (basic,
advanced, self-support) with at least one course, an LMS course holding the kit's
courses of that tier the audience takes (curriculum order) and, as its sections, their
modules in order. Its ``shortname`` (``<PROJECT SLUG>-<AUDIENCE>-<TIER>``, upper-case
ASCII) is what Moodle matches courses by on a later upload and what a completion export
names, so ``implkit import`` maps a learner's completion back to the kit's course codes;
``idnumber`` (``implkit:<project uid>:<audience>:<tier>``) is the stable id for
integrations. Dates: the first and last day of the audience's sessions of those courses
(None when the timetable has none, e.g. self-service courses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.i18n import DC_, TextTable
from generator.kit_model import TIERS, Audience, Course, CourseModule, Kit

MOODLE_LANG = {"en": "en", "zh": "zh_cn"}  # Moodle's language pack codes
LABELS = TextTable(
    {
        "fullname": DC_("lms", "{audience} · {tier}"),
        "objectives": DC_("lms", "Objectives"),
        "modules": DC_("lms", "Modules"),
        "minutes": DC_("lms", "{n} min"),
        "assessment": DC_("lms", "Assessment"),
        "pass_mark": DC_("lms", "Pass mark {n} %"),
        "evaluation": DC_("lms", "Evaluation: Kirkpatrick level {n}"),
        "mode": DC_("lms", "Delivery"),
        "overview": DC_("lms", "Course overview"),
        "for": DC_("lms", "For {audience}, {project}"),
        "online-recorded": DC_("lms", "Online recorded"),
        "offline-hands-on": DC_("lms", "Offline hands-on"),
        "self-service": DC_("lms", "Self-service"),
        "method": DC_("lms", "Method"),
        "environment": DC_("lms", "Environment"),
        "materials": DC_("lms", "Materials"),
    }
)


@dataclass(frozen=True)
class LmsCourse:
    """One LMS course: an audience's courses of one tier (see the module docstring)."""

    shortname: str
    idnumber: str
    fullname: str
    audience: Audience
    tier: str
    courses: tuple[Course, ...]
    start: date | None
    end: date | None

    @property
    def sections(self) -> tuple[tuple[Course, CourseModule], ...]:
        """(course, module) of every module, in order: one LMS section each."""
        return tuple((course, module) for course in self.courses for module in course.modules)

    @property
    def codes(self) -> tuple[str, ...]:
        """The kit's course codes the LMS course holds."""
        return tuple(course.code for course in self.courses)


def ascii_key(text: str) -> str:
    """Upper-case ASCII letters and digits joined by '-' (Moodle short names, file names)."""
    return "-".join(re.findall(r"[A-Z0-9]+", text.upper())) or "X"


def shortname_of(kit: Kit, audience_id: str, tier: str) -> str:
    """The LMS short name of ``audience_id``'s ``tier`` courses in ``kit``."""
    return f"{ascii_key(kit.project.slug)}-{ascii_key(audience_id)}-{ascii_key(tier)}"


def lms_courses(kit: Kit) -> list[LmsCourse]:
    """The LMS courses of ``kit`` (see the module docstring)."""
    from generator.render.ics import project_uid

    uid = project_uid(kit)
    out: list[LmsCourse] = []
    for audience in kit.audiences:
        for tier in TIERS:
            courses = tuple(c for c in kit.courses if c.tier == tier and audience.id in c.audiences)
            if not courses:
                continue
            ids = {c.id for c in courses}
            days = [
                day
                for s in kit.sessions
                if s.audience == audience.id and s.course in ids
                for day in (s.day, s.last_day or s.day)
            ]
            out.append(
                LmsCourse(
                    shortname=shortname_of(kit, audience.id, tier),
                    idnumber=f"implkit:{uid}:{audience.id}:{tier}",
                    fullname=LABELS[kit.lang]["fullname"].format(
                        audience=audience.name, tier=kit.tier_name(tier)
                    ),
                    audience=audience,
                    tier=tier,
                    courses=courses,
                    start=min(days) if days else None,
                    end=max(days) if days else None,
                )
            )
    return out

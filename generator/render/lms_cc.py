"""IMS Common Cartridge 1.1 packages (``.imscc``): one per LMS course (an audience's
courses of one tier, :func:`generator.render.lms.lms_courses`), for any LMS that imports
Common Cartridge (Moodle: Restore, or Import into the course the upload CSV made).

A package is a zip holding ``imsmanifest.xml`` (IMS Content Packaging 1.2 as profiled
by CC 1.1: namespace ``http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1``, metadata
schema "IMS Common Cartridge" version "1.1.0", the title, language, description and
keywords as IEEE LOM ``lomimscc:lom``) and one HTML page per resource:

* ``overview.html``: who the course is for and its courses (objectives, modules,
  assessment, pass mark, Kirkpatrick level), a learning object directly under the root
  item (an LMS puts it in the course's general section);
* ``modules/<nn>.html`` per module: a section item titled "<code> · <topic>" holding one
  learning object (a ``webcontent`` resource): the topic, minutes, method, the course's
  environment and materials. A section has no resource of its own and a learning object
  no child item (CC 1.1 rule 8b), each resource lists its own file (rule 10).

Identifiers are stable (derived from the course short name and the module's position),
zip entries are dated the project start: the same kit gives the same bytes. Every text
is escaped in the XML and in the HTML.
"""

from __future__ import annotations

import html
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.i18n import locale_data
from generator.kit_model import Course, CourseModule, Kit
from generator.render.lms import LABELS, LmsCourse, lms_courses

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd "
    f"{LOMR} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd"
)


def _page(lang: str, title: str, body: list[str]) -> bytes:
    head = (
        f'<!DOCTYPE html>\n<html lang="{locale_data(lang).page_tag}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
    )
    return (head + "\n".join(body) + "\n</body>\n</html>\n").encode("utf-8")


def _course_block(kit: Kit, course: Course) -> list[str]:
    lab, e = LABELS[kit.lang], html.escape
    lines = [f"<h2>{e(course.code)} {e(course.title)}</h2>"]
    lines.append(
        f"<p>{e(lab['mode'])}: {e(lab[course.mode])} · {e(lab['minutes'].format(n=course.minutes))}</p>"
    )
    if course.objectives:
        lines.append(f"<h3>{e(lab['objectives'])}</h3>")
        lines.append("<ul>" + "".join(f"<li>{e(o)}</li>" for o in course.objectives) + "</ul>")
    lines.append(f"<h3>{e(lab['modules'])}</h3>")
    lines.append(
        "<ol>"
        + "".join(
            f"<li>{e(m.topic)} ({e(lab['minutes'].format(n=m.minutes))})</li>"
            for m in course.modules
        )
        + "</ol>"
    )
    checks = [
        lab["pass_mark"].format(n=course.pass_mark),
        lab["evaluation"].format(n=course.evaluation_level),
    ]
    if course.assessment:
        checks.insert(0, f"{lab['assessment']}: {course.assessment}")
    lines.append(f"<p>{e(' · '.join(checks))}</p>")
    return lines


def _module_page(kit: Kit, course: Course, module: CourseModule, title: str) -> bytes:
    lab, e = LABELS[kit.lang], html.escape
    body = [
        f"<p>{e(course.code)} {e(course.title)}</p>",
        f"<p>{e(lab['minutes'].format(n=module.minutes))}</p>",
    ]
    if module.method:
        body.append(f"<p>{e(lab['method'])}: {e(module.method)}</p>")
    if course.environment:
        body.append(f"<p>{e(lab['environment'])}: {e(course.environment)}</p>")
    if course.materials:
        body.append(f"<p>{e(lab['materials'])}: {e(', '.join(course.materials))}</p>")
    return _page(kit.lang, title, body)


def _lang_string(tag: str, text: str, lang: str) -> str:
    return (
        f"<lomimscc:{tag}><lomimscc:string language={quoteattr(lang)}>"
        f"{escape(text)}</lomimscc:string></lomimscc:{tag}>"
    )


def cartridge_files(kit: Kit, course: LmsCourse) -> dict[str, bytes]:
    """The files of ``course``'s package, ``imsmanifest.xml`` first (name -> bytes)."""
    lab = LABELS[kit.lang]
    lang = locale_data(kit.lang).page_tag  # the page's and the LOM strings' language
    key = course.shortname
    files: dict[str, bytes] = {}
    overview_body = [
        f"<p>{html.escape(lab['for'].format(audience=course.audience.name, project=kit.project.name))}</p>"
    ]
    for item in course.courses:
        overview_body += _course_block(kit, item)
    files["overview.html"] = _page(kit.lang, course.fullname, overview_body)
    items: list[str] = [
        f'<item identifier="I_{key}_OVERVIEW" identifierref="R_{key}_OVERVIEW">'
        f"<title>{escape(lab['overview'])}</title></item>"
    ]
    resources: list[str] = [
        f'<resource identifier="R_{key}_OVERVIEW" type="webcontent" href="overview.html">'
        '<file href="overview.html"/></resource>'
    ]
    for number, (item, module) in enumerate(course.sections, start=1):
        title = f"{item.code} · {module.topic}"
        name = f"modules/{number:02d}.html"
        files[name] = _module_page(kit, item, module, title)
        items.append(
            f'<item identifier="S_{key}_{number:02d}"><title>{escape(title)}</title>'
            f'<item identifier="I_{key}_{number:02d}" identifierref="R_{key}_{number:02d}">'
            f"<title>{escape(module.topic)}</title></item></item>"
        )
        resources.append(
            f'<resource identifier="R_{key}_{number:02d}" type="webcontent" href="{name}">'
            f'<file href="{name}"/></resource>'
        )
    description = lab["for"].format(audience=course.audience.name, project=kit.project.name)
    keywords = "".join(_lang_string("keyword", code, lang) for code in course.codes)
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="M_{key}" xmlns="{CP}" xmlns:lomimscc="{LOMM}" '
        f'xmlns:lom="{LOMR}" xmlns:xsi="{XSI}" xsi:schemaLocation="{SCHEMA_LOCATION}">\n'
        "<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>"
        "<lomimscc:lom><lomimscc:general>"
        + _lang_string("title", course.fullname, lang)
        + f"<lomimscc:language>{lang}</lomimscc:language>"
        + _lang_string("description", description, lang)
        + keywords
        + "</lomimscc:general></lomimscc:lom></metadata>\n"
        f'<organizations><organization identifier="O_{key}" structure="rooted-hierarchy">'
        f'<item identifier="ROOT_{key}">\n'
        + "\n".join(items)
        + "\n</item></organization></organizations>\n<resources>\n"
        + "\n".join(resources)
        + "\n</resources>\n</manifest>\n"
    )
    return {"imsmanifest.xml": manifest.encode("utf-8"), **files}


def render_cc(kit: Kit, path: Path) -> list[Path]:
    """Write one ``.imscc`` per LMS course beside ``path``, named
    ``<path stem>-<short name>.imscc`` (lower case); returns the files in course order."""
    from generator.render.zipfix import FixedDateZipFile

    path = Path(path)
    written: list[Path] = []
    for course in lms_courses(kit):
        target = path.with_name(f"{path.stem}-{course.shortname.lower()}.imscc")
        with FixedDateZipFile(target, kit.project.start) as archive:
            for name, data in cartridge_files(kit, course).items():
                archive.writestr(name, data)
        written.append(target)
    return written

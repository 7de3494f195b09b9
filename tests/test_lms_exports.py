"""The LMS exports: Moodle's course upload CSV, IMS Common Cartridge 1.1 packages and the
plain roster, from real kits in English and Chinese, read back as the platforms read them.

Moodle's columns are checked against the upload-course tool's documented fields
(MoodleDocs, "Upload courses", https://docs.moodle.org/en/Upload_courses — "Course
information fields"; shortname, fullname and a category field are required). The
cartridges are validated with lxml against the structural CC 1.1 schemas in
tests/schemas/imscc-v1p1/ (why not the IMS files: that folder's README), the CC 1.1
schematron rules XSD cannot express are checked in Python, and — when
$IMPLKIT_IMSCC_XSD_DIR names a folder with the official IMS schemas — against those too.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from generator import api
from generator.cli import cli
from generator.kit_model import Kit, SheetEntries
from generator.render.lms import lms_courses
from generator.render.lms_cc import CP, render_cc
from generator.render.lms_moodle import COLUMNS, render_moodle
from generator.render.lms_roster import render_roster
from generator.sheets.training import ATTENDANCE

SCHEMAS = Path(__file__).parent / "schemas" / "imscc-v1p1"
# MoodleDocs "Upload courses", course information fields (and the format option numsections)
MOODLE_FIELDS = {
    "shortname",
    "fullname",
    "idnumber",
    "category",
    "category_idnumber",
    "category_path",
    "visible",
    "startdate",
    "enddate",
    "relativedatesmode",
    "summary",
    "format",
    "theme",
    "lang",
    "newsitems",
    "showgrades",
    "showreports",
    "legacyfiles",
    "maxbytes",
    "groupmode",
    "groupmodeforce",
    "enablecompletion",
    "tags",
    "numsections",
}
CATEGORY_FIELDS = {"category", "category_idnumber", "category_path"}


@pytest.fixture(scope="module", params=["en", "zh"])
def kit(request: pytest.FixtureRequest) -> Kit:
    return api.make_kit("manufacturing", {"lang": request.param, "start": "2026-03-02"})


def _csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_moodle_csv_follows_the_documented_upload_course_columns(kit: Kit, tmp_path: Path) -> None:
    path = tmp_path / "moodle.csv"
    render_moodle(kit, path)
    rows = _csv(path)
    header = list(rows[0])
    assert header == list(COLUMNS)
    assert set(header) <= MOODLE_FIELDS, set(header) - MOODLE_FIELDS
    assert {"shortname", "fullname"} <= set(header) and CATEGORY_FIELDS & set(header)
    courses = {c.shortname: c for c in lms_courses(kit)}
    # one LMS course per audience and tier that has courses, a section per module
    expected = {
        (a.id, t)
        for a in kit.audiences
        for t in ("basic", "advanced", "self-support")
        if any(c.tier == t and a.id in c.audiences for c in kit.courses)
    }
    assert len(rows) == len(expected) == len(courses)
    assert len({r["shortname"] for r in rows}) == len(rows)
    for row in rows:
        course = courses[row["shortname"]]
        assert row["shortname"].isascii() and len(row["shortname"]) <= 255
        assert 0 < len(row["fullname"]) <= 254 and course.audience.name in row["fullname"]
        assert int(row["numsections"]) == sum(len(c.modules) for c in course.courses) > 0
        assert row["format"] == "topics" and row["enablecompletion"] == "1"
        assert row["lang"] == {"en": "en", "zh": "zh_cn"}[kit.lang]
        assert row["startdate"] <= row["enddate"] and len(row["startdate"]) == 10
        summary = html.fromstring(row["summary"])
        text = summary.text_content()
        for item in course.courses:
            assert item.code in text and item.modules[0].topic in text


def test_moodle_summary_escapes_pack_text(kit: Kit, tmp_path: Path) -> None:
    first = kit.courses[0]
    hostile = replace(first, title="<script>alert(1)</script> =cmd|' /C calc'!A0")
    path = tmp_path / "moodle.csv"
    render_moodle(replace(kit, courses=(hostile, *kit.courses[1:])), path)
    summary = next(r["summary"] for r in _csv(path) if "alert(1)" in r["summary"])
    assert "<script>" not in summary and "&lt;script&gt;alert(1)&lt;/script&gt;" in summary


def _manifest_checks(archive: zipfile.ZipFile) -> etree._Element:
    """The CC 1.1 rules XSD cannot express, on one package; returns the manifest."""
    root = etree.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": CP}
    names = set(archive.namelist())
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    for item in root.iterfind(".//cp:item[@identifierref]", ns):  # rule 8b
        assert item.find("cp:item", ns) is None
    for resource in root.iterfind(".//cp:resource", ns):
        files = [f.get("href") for f in resource.iterfind("cp:file", ns)]
        assert len(files) == len(set(files))  # rule 9a
        if resource.get("href"):  # rules 10a, 10b
            assert resource.get("href") in files
        assert set(files) <= names  # every file the manifest lists is in the package
    return root


def test_cartridges_validate_and_hold_a_section_per_module(kit: Kit, tmp_path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp-subset.xsd")))
    files = render_cc(kit, tmp_path / "cc.imscc")
    courses = lms_courses(kit)
    assert len(files) == len(courses)
    for path, course in zip(files, courses, strict=True):
        with zipfile.ZipFile(path) as archive:
            assert archive.namelist()[0] == "imsmanifest.xml"
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            assert schema.validate(manifest), (path.name, schema.error_log)
            root = _manifest_checks(archive)
            sections = root.findall(
                f"{{{CP}}}organizations/{{{CP}}}organization/{{{CP}}}item/{{{CP}}}item"
            )
            titled = [s for s in sections if s.get("identifierref") is None]
            assert len(titled) == len(course.sections)
            for section, (item, module) in zip(titled, course.sections, strict=True):
                assert section.findtext(f"{{{CP}}}title") == f"{item.code} · {module.topic}"
            title = manifest.find(".//{http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest}string")
            assert title is not None and title.text == course.fullname
            page = html.fromstring(archive.read("modules/01.html"))
            assert course.sections[0][1].topic in page.text_content()
            assert page.get("lang") == {"en": "en", "zh": "zh-CN"}[kit.lang]
    # same kit, same bytes
    again = render_cc(kit, tmp_path / "again.imscc")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in files]


def test_manifest_validates_against_the_official_ims_schemas(kit: Kit, tmp_path: Path) -> None:
    folder = os.environ.get("IMPLKIT_IMSCC_XSD_DIR", "")
    official = Path(folder) / "ccv1p1_imscp_v1p2_v1p0.xsd" if folder else None
    if official is None or not official.is_file():
        pytest.skip(
            "the official IMS CC 1.1 schemas are not in this repository (see "
            "tests/schemas/imscc-v1p1/README.md); set IMPLKIT_IMSCC_XSD_DIR to a folder "
            "holding them to run this check"
        )
    schema = etree.XMLSchema(etree.parse(str(official)))
    for path in render_cc(kit, tmp_path / "cc.imscc"):
        with zipfile.ZipFile(path) as archive:
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        assert schema.validate(manifest), (path.name, schema.error_log)


def test_roster_lists_every_planned_seat_with_the_typed_participants(
    kit: Kit, tmp_path: Path
) -> None:
    session = kit.sessions[0]
    entries = SheetEntries(
        sheet=ATTENDANCE.key,
        rows=((f"{session.id}/1", (("participant", "=Wang Wei"), ("department", "生产部"))),),
        added=((("session", session.id), ("code", "BAS-101"), ("participant", "Late Joiner")),),
    )
    path = tmp_path / "roster.csv"
    render_roster(replace(kit, entries=(entries,)), path)
    rows = _csv(path)
    assert len(rows) == sum(s.enrolled for s in kit.sessions) + 1
    first = rows[0]
    assert first["seat_id"] == f"{session.id}/1" and first["department"] == "生产部"
    # a formula-looking name is guarded (invisible U+2060 first), the text kept
    assert first["participant"] == "\u2060=Wang Wei"
    assert rows[-1]["participant"] == "Late Joiner"
    courses = {c.shortname for c in lms_courses(kit)}
    assert {r["lms_course"] for r in rows[:-1]} <= courses


def test_export_command_writes_each_lms_format(tmp_path: Path) -> None:
    folder = tmp_path / "kit"
    api.new_kit("manufacturing", folder, answers={"lang": "zh", "start": "2026-03-02"})
    runner = CliRunner()
    for fmt, first in (("moodle", "moodle-courses.csv"), ("roster", "training-roster.csv")):
        result = runner.invoke(cli, ["export", str(folder), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert (folder / "exports" / "lms" / first).is_file()
    result = api.export(folder, "cc")
    assert len(result.files) == len(lms_courses(api.load_kit(folder).kit)) > 5
    refused = runner.invoke(cli, ["export", str(folder), "--format", "cc", "-o", "-"])
    assert refused.exit_code == 2

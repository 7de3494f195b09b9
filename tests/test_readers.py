"""The bounded readers refuse hostile files before any parser sees them (generator/readers/).

Unit level: named pipes, devices and folders; sizes; JSON depth, size, value count and
non-finite numbers; zip bombs, XML entities and sheets with millions of rows. Limits
are lowered with :func:`generator.limits.overridden` so every case is a small file.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter  # type: ignore[import-untyped]

from generator.errors import InputError
from generator.limits import current, overridden
from generator.readers import (
    check_archive,
    digests_once,
    file_digest,
    open_regular,
    open_workbook,
    read_bytes,
    read_json,
    sheet_rows,
)
from tests.hostile import (
    add_rows,
    declare_entity,
    fifo_in_place_of,
    inflate_part,
    nested_json,
    sheet_part,
    undefined_entity,
)

posix_only = pytest.mark.skipif(os.name == "nt", reason="named pipes and /dev are POSIX")


def _refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(caught.value)


# --- plain files ---------------------------------------------------------------------------


@posix_only
def test_named_pipe_is_refused_at_once_never_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "project.yaml"
    fifo_in_place_of(pipe)
    began = time.monotonic()
    message = _refused(read_bytes, pipe, limit=100)
    assert time.monotonic() - began < 5
    assert str(pipe) in message and "named pipe" in message


@posix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "project.yaml"
    link.symlink_to("/dev/zero")
    message = _refused(read_bytes, link, limit=100)
    assert str(link) in message and "a device" in message


def test_a_folder_is_refused_naming_it(tmp_path: Path) -> None:
    message = _refused(open_regular, tmp_path)
    assert str(tmp_path) in message and "a folder" in message


def test_a_file_above_the_limit_is_refused_with_sizes_and_fix(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 5000)
    message = _refused(read_bytes, big, limit=4096, fix="split it")
    assert str(big) in message and "4.9 KiB" in message and "4.0 KiB" in message
    assert message.endswith("split it")
    assert read_bytes(big, limit=5000) == b"x" * 5000


def test_a_sparse_file_of_two_gigabytes_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "project.yaml"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk used, 2 GiB reported
    message = _refused(read_bytes, huge, limit=current().answers_bytes)
    assert "2.0 GiB" in message


# --- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ('{"pv": NaN}', "NaN is not a number JSON allows", 1),
        ('{"pv": Infinity}', "Infinity is not a number JSON allows", 1),
        ('{"pv": -Infinity}', "is not a number JSON allows", 1),
        ('{\n "ev": 1e400}', "1e400 is not a finite number", 2),
        ('{"ev": -1E+999}', "-1E+999 is not a finite number", 1),
        ('{"sequence": 1' + "0" * 30 + "}", "more than 18 digits", 1),
        ('{"a": 1,\n "b": }', "is not valid JSON", 2),
    ],
)
def test_json_numbers_and_syntax_are_refused_at_their_line(
    tmp_path: Path, text: str, needle: str, line: int
) -> None:
    path = tmp_path / "snap.json"
    path.write_text(text, encoding="utf-8")
    message = _refused(read_json, path, fix="delete it")
    assert f"{path}:{line}:" in message and needle in message and message.endswith("delete it")


@pytest.mark.parametrize("levels", [65, 900, 50_000])
def test_json_nested_deeper_than_the_limit_is_refused(tmp_path: Path, levels: int) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(nested_json(levels), encoding="utf-8")
    message = _refused(read_json, path, fix="delete it")
    assert str(path) in message and "nested more than 64 levels" in message


def test_json_at_the_depth_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(nested_json(64), encoding="utf-8")
    assert read_json(path, fix="") is not None


def test_json_with_too_many_values_or_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("[" + ",".join("1" for _ in range(1000)) + "]", encoding="utf-8")
    with overridden(json_values=500):
        assert "more than 500 values" in _refused(read_json, path, fix="x")
    with overridden(json_bytes=1000):
        assert "more than the limit of" in _refused(read_json, path, fix="x")
    assert len(read_json(path, fix="")) == 1000


@pytest.mark.parametrize(
    "text",
    [
        "[" * 70 + "]" * 70,  # too deep only
        "[" + ",".join("1" for _ in range(600)) + "]",  # too many values only
        "["
        + ",".join("1" for _ in range(600))
        + ","
        + "[" * 70
        + "]" * 70
        + "]",  # both, deep last
        "["
        + "[" * 70
        + "]" * 70
        + ","
        + ",".join("1" for _ in range(600))
        + "]",  # both, deep first
        '{"a": [' + ",".join("{}" for _ in range(300)) + '], "b": ' + "[" * 66 + "]" * 66 + "}",
    ],
)
def test_json_beyond_a_limit_names_the_limit_the_value_walk_meets_first(
    tmp_path: Path, text: str
) -> None:
    """The level count finds a broken limit; which one the message names is what the
    value-by-value walk meets first, as before the level count was added."""
    import json

    from generator.readers.jsonfile import _walk_shape

    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with overridden(json_values=500):
        walked = _refused(lambda: _walk_shape(json.loads(text), path, "fix it"))
        assert _refused(read_json, path, fix="fix it") == walked


def test_digests_once_reads_each_file_once_within_the_block_only(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("id: a\n", encoding="utf-8")
    first = file_digest(path)
    with digests_once():
        assert file_digest(path) == first
        path.write_text("id: b\n", encoding="utf-8")
        assert file_digest(path) == first  # hashed once in the block: one kit, one key
    assert file_digest(path) != first  # after the block every call reads the file again
    missing = tmp_path / "gone.yaml"
    with digests_once():
        assert "gone.yaml" in _refused(file_digest, missing)  # a failure is never kept
        missing.write_text("id: c\n", encoding="utf-8")
        assert file_digest(missing) == file_digest(missing)


def test_json_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "index.json"
    path.write_bytes(b'{\n"a": "\xff"}')
    assert f"{path}:2:" in _refused(read_json, path, fix="x")


# --- Office files ----------------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Plan")
    for row in range(20):
        sheet.write_row(row, 0, [f"t{row}", row, "text"])
    book.add_worksheet("Other").write(0, 0, "x")
    book.close()
    return path


def _check(path: Path) -> str:
    with path.open("rb") as handle:
        return _refused(check_archive, handle, path, kind="Excel workbook")


def test_a_real_workbook_passes_every_check(workbook: Path) -> None:
    with workbook.open("rb") as handle:
        check_archive(handle, workbook, kind="Excel workbook")
    with open_workbook(workbook, fix="") as book:
        rows = list(sheet_rows(book["Plan"], workbook))
    assert len(rows) == 20 and rows[3][0] == "t3"


def test_the_workbook_opens_as_openpyxl_opens_it(workbook: Path) -> None:
    """Each sheet's dimensions are scanned in small pieces: the same sheets, states and
    dimensions as openpyxl's own read-only load, a sheet far longer than one piece too."""
    from openpyxl import load_workbook

    from generator.readers.office import load_read_only

    add_rows(workbook, "Plan", 3000)  # a sheet part of many pieces, dimension at the top

    def shape(book: object) -> list[tuple[object, ...]]:
        return [
            (s.title, s.sheet_state, s.min_row, s.max_row, s.min_column, s.max_column)
            for s in book.worksheets  # type: ignore[attr-defined]
        ]

    with workbook.open("rb") as handle:
        ours = shape(load_read_only(handle))
    with workbook.open("rb") as handle:
        theirs = shape(load_workbook(handle, read_only=True, data_only=True))
    assert ours == theirs and ours[0][0] == "Plan"


@pytest.mark.parametrize(
    "damage",
    [
        (b"<dimension", b"<<dimension"),  # broken XML before the dimension
        (b'<dimension ref="A1"/>', b'<dimension ref="1A"/>'),  # a range that is not one
    ],
)
def test_a_sheet_broken_before_its_dimension_is_refused_on_opening(
    workbook: Path, damage: tuple[bytes, bytes]
) -> None:
    """Refused when the workbook is opened, as openpyxl's load refuses it, even for a
    sheet nothing reads (Other)."""
    from openpyxl import load_workbook

    from tests.hostile import rewrite_zip

    other = sheet_part(workbook, "Other")
    old, new = damage

    def change(name: str, data: bytes) -> bytes | None:
        if name != other:
            return None
        assert old in data
        return data.replace(old, new)

    rewrite_zip(workbook, change)
    with workbook.open("rb") as handle, pytest.raises(Exception) as theirs:
        load_workbook(handle, read_only=True, data_only=True)
    message = _refused(lambda: open_workbook(workbook, fix="fix it").__enter__())
    assert f"the workbook cannot be read ({type(theirs.value).__name__}); fix it" in message


def test_a_part_inflating_beyond_the_limit_is_a_bomb(workbook: Path) -> None:
    inflate_part(workbook, sheet_part(workbook, "Plan"), 3 * 1024 * 1024)
    with overridden(member_bytes=2 * 1024 * 1024):
        message = _check(workbook)
    assert "zip bomb" in message and "xl/worksheets/sheet1.xml" in message
    with overridden(ratio_floor=1024 * 1024, compression_ratio=50):
        assert "inflates" in _check(workbook) and "times" in _check(workbook)
    with overridden(inflated_bytes=2 * 1024 * 1024):
        assert "parts inflate to more than 2.0 MiB" in _check(workbook)


def test_too_many_parts_or_bytes_on_disk_are_refused(workbook: Path) -> None:
    with overridden(archive_members=3):
        assert "parts, more than the limit of 3" in _check(workbook)
    with overridden(archive_bytes=1000):
        assert "more than the limit of 1000 bytes" in _check(workbook)


def test_not_a_zip_is_refused_naming_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("hello", encoding="utf-8")
    assert "is not a valid Excel workbook" in _check(path)


def test_a_dtd_or_entity_in_any_part_is_refused(workbook: Path) -> None:
    declare_entity(workbook, sheet_part(workbook, "Other"))
    message = _check(workbook)
    assert "declares a DTD or XML entities" in message and "sheet2.xml" in message


def test_a_dtd_hidden_behind_comments_and_a_byte_order_mark_is_found(workbook: Path) -> None:
    def change(name: str, data: bytes) -> bytes | None:
        if name != "xl/workbook.xml":
            return None
        rest = data.split(b"?>", 1)[1]
        return (
            b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- a -->\n<?pi x?>'
            + b"<!-- "
            + b"y" * 1000
            + b" -->"
            + b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            + rest
        )

    from tests.hostile import rewrite_zip

    rewrite_zip(workbook, change)
    assert "xl/workbook.xml declares a DTD" in _check(workbook)


def test_an_undefined_entity_in_a_cell_names_file_and_sheet(workbook: Path) -> None:
    undefined_entity(workbook, sheet_part(workbook, "Plan"))
    with open_workbook(workbook, fix="") as book:
        message = _refused(lambda: list(sheet_rows(book["Plan"], workbook)))
    assert str(workbook) in message and "sheet 'Plan' cannot be read" in message


def test_rows_beyond_the_limit_are_refused_while_reading(workbook: Path) -> None:
    add_rows(workbook, "Plan", 50)
    with open_workbook(workbook, fix="") as book:
        assert len([r for r in sheet_rows(book["Plan"], workbook) if any(r)]) == 70
        with overridden(sheet_rows=60):
            message = _refused(lambda: list(sheet_rows(book["Plan"], workbook)))
    assert "sheet 'Plan' holds more than 60 rows" in message


def test_a_row_far_beyond_excel_grid_is_refused_without_reading_the_gap(workbook: Path) -> None:
    add_rows(workbook, "Plan", 0, last=12_000_000)
    began = time.monotonic()
    with open_workbook(workbook, fix="") as book, overridden(sheet_last_row=200_000):
        message = _refused(lambda: list(sheet_rows(book["Plan"], workbook)))
    assert "goes beyond row 200000" in message
    assert time.monotonic() - began < 20


def test_a_workbook_that_is_a_named_pipe_is_refused(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("named pipes are POSIX")
    path = tmp_path / "plan.xlsx"
    fifo_in_place_of(path)
    with pytest.raises(InputError) as caught, open_workbook(path, fix=""):
        pass
    assert "named pipe" in str(caught.value)


def test_a_docx_template_bomb_is_refused(tmp_path: Path) -> None:
    from docx import Document

    from generator.readers import open_document

    path = tmp_path / "corp.docx"
    Document().save(str(path))
    inflate_part(path, "word/document.xml", 3 * 1024 * 1024)
    with overridden(member_bytes=1024 * 1024):
        message = _refused(open_document, path)
    assert str(path) in message and "zip bomb" in message and "word/document.xml" in message
    with zipfile.ZipFile(path) as archive:  # the file itself is a valid zip
        assert archive.testzip() is None

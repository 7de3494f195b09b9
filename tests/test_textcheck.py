"""The characters no Office file can hold are found wherever they are in a text."""

from __future__ import annotations

from generator.textcheck import bad_character


def _unwritable(code: int) -> bool:
    """XML 1.0 and Office: no controls but tab and line breaks, no C1 controls, no lone
    surrogates, no U+FFFE/U+FFFF."""
    return (
        (code < 0x20 and chr(code) not in "\t\n\r")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )


def test_every_code_point_is_judged_by_the_rule() -> None:
    fine = "".join(chr(code) for code in range(0x110000) if not _unwritable(code))
    assert len(fine) > 1_000_000
    assert bad_character(fine) is None
    bad = [code for code in range(0x110000) if _unwritable(code)]
    assert len(bad) == 29 + 33 + 2048 + 2
    assert all(bad_character("ok" + chr(code)) == (2, chr(code)) for code in bad)


def test_the_first_bad_character_and_its_position() -> None:
    assert bad_character("plain\ttext\r\n中文") is None
    assert bad_character("ab\x07c\x00") == (2, "\x07")
    assert bad_character("x" * 5000 + "\ud800") == (5000, "\ud800")
    assert bad_character("\x85") == (0, "\x85")

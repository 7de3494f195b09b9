"""Cell helpers of the workbook writer: the display width of a text, kept per process
for short non-ASCII texts, is the width counted character by character."""

from __future__ import annotations

import unicodedata

from generator.render.workbook.cells import _KEPT_WIDTH_CHARS, text_width


def _counted(value: str) -> int:
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in value.split("\n")
    )


def test_text_width_counts_wide_characters_twice_kept_or_not() -> None:
    texts = [
        "Plan",
        "a\nlonger line",
        "华东精密制造",
        "阶段 1 – 蓝图\n验收",
        "Café · naïve",
        "全角ＡＢＣ",
        "字" * (_KEPT_WIDTH_CHARS + 5),  # longer than the kept ones
        "",
    ]
    for _ in range(2):  # the second time from the per-process memo
        assert [text_width(t) for t in texts] == [_counted(t) if t else 0 for t in texts]
    assert text_width("华东") == 4 and text_width("Ab") == 2

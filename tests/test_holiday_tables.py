"""One country's holidays without loading the library's 250 country modules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.holiday_tables import country_class, country_holidays


def test_same_table_as_the_library() -> None:
    import holidays

    for country, language in (("CN", "zh_CN"), ("DE", None), ("US", None)):
        options = {"years": [2026, 2027]} | ({"language": language} if language else {})
        ours = country_holidays(country, **options)
        theirs = holidays.country_holidays(country, **options)
        assert dict(ours) == dict(theirs)
        assert type(ours) is type(theirs)


def test_unknown_country() -> None:
    with pytest.raises(NotImplementedError):
        country_class("XX")


def test_only_the_asked_country_is_loaded() -> None:
    code = (
        "import sys\n"
        "from generator.holiday_tables import country_holidays\n"
        "country_holidays('CN', years=[2026])\n"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['holidays.countries.china']"

"""The ``holidays`` library's tables of one country, without importing all 250.

``holidays.country_holidays("CN")`` imports ``holidays.countries``, whose package module
imports every country module (about 0.2 s, most of the library's import time) although
the library's own lazy loader needs only one. :func:`country_holidays` loads just the
module of the country asked for, from the library's registry, and builds the same
table; any other use of the library still works (a later import of
``holidays.countries`` finds the already-loaded module).

``country_holidays(country, **options) -> HolidayBase`` (raises NotImplementedError for
an unknown country, as the library does).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from typing import Any


@cache
def country_class(country: str) -> Any:
    """The holidays class of ``country`` (ISO 3166 alpha-2 or alpha-3 code, or the
    library's class name); NotImplementedError when the library has none."""
    from holidays.registry import COUNTRIES

    for module, names in COUNTRIES.items():
        if country in names:
            return getattr(_load(f"holidays.countries.{module}"), country)
    raise NotImplementedError(f"Country {country} not available")


def _load(name: str) -> Any:
    """Import one module of the ``holidays.countries`` package without the package's
    ``__init__`` (which imports every country)."""
    if name in sys.modules:
        return sys.modules[name]
    if "holidays.countries" in sys.modules:  # the whole package is loaded already
        return importlib.import_module(name)
    import holidays

    folder = holidays.__path__[0] + "/countries/"
    spec = importlib.util.spec_from_file_location(name, folder + name.rsplit(".", 1)[1] + ".py")
    if spec is None or spec.loader is None:
        return importlib.import_module(name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def country_holidays(country: str, **options: Any) -> Any:
    """``holidays.country_holidays(country, **options)``, loading only that country."""
    return country_class(country)(**options)

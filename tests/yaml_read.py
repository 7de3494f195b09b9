"""``yaml.safe_load`` for the tests that read pack files raw, with libyaml's parser.

PyYAML's pure-Python parser costs about five times the CPU of libyaml's: a pack module
parsed every YAML file of its pack three times (~2 CPU-s), the pseudo-locale test twice.
Both loaders build with the same safe constructor; on every YAML file of the repository
they give equal documents (checked when this was written). Without libyaml (a PyYAML
built without it), the pure-Python loader is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """The one YAML document of ``text``, as ``yaml.safe_load`` reads it."""
    return yaml.load(text, Loader=_LOADER)


def safe_load_all(text: str) -> Iterator[Any]:
    """Every YAML document of ``text``, as ``yaml.safe_load_all`` reads them."""
    return yaml.load_all(text, Loader=_LOADER)

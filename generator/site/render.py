"""Write the catalogue: one self-contained ``index.html`` in the output folder.

The page is ``assets/app.css`` + ``assets/app.js`` inlined around the site data
(:func:`generator.site.data.site_data`) embedded as ``<script type="application/json">``.
The JSON is escaped so no pack text can close the script element (``<``, ``>``,
``&`` as ``\\u003c``...); the script puts every pack text into the page with
``textContent``. Same data, same bytes (sorted nothing, no dates). Only
``OUT/index.html`` is written, replaced in one step.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _

ASSETS = Path(__file__).with_name("assets")
INDEX = "index.html"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="implkit {version}">
<title>implkit pack catalogue</title>
<style>
{css}</style>
</head>
<body>
<header><h1 id="title">implkit pack catalogue</h1>
<input id="search" type="search" autocomplete="off" aria-label="search">
<button id="lang-switch" type="button">中文</button></header>
<div id="layout"><aside id="nav"></aside><main id="main"></main></div>
<pre id="selftest" hidden></pre>
<noscript>This catalogue needs JavaScript. 本目录需要启用 JavaScript。</noscript>
<script type="application/json" id="implkit-data">{data}</script>
<script>
{js}</script>
</body>
</html>
"""


_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def embedded_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are escaped (no pack text can close the element or open a
    comment), and so are U+2028/U+2029 (line terminators to a JavaScript parser before
    ES2019, so a page that evaluates the text instead of ``JSON.parse`` still works).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def page(data: dict[str, Any]) -> str:
    """The whole page as text."""
    css = (ASSETS / "app.css").read_text(encoding="utf-8")
    js = (ASSETS / "app.js").read_text(encoding="utf-8")
    return _PAGE.format(
        version=str(data.get("generator", "")), css=css, js=js, data=embedded_json(data)
    )


def write_site(data: dict[str, Any], out: Path) -> Path:
    """Write ``out/index.html`` (the folder is created). Returns its path.

    Raises InputError (exit 2) when ``out`` is a file.
    """
    if out.exists() and not out.is_dir():
        raise InputError(Problem(str(out), 0, 0, _("--out is a file; give a folder for the site")))
    out.mkdir(parents=True, exist_ok=True)
    target = out / INDEX
    handle, tmp = tempfile.mkstemp(prefix=".index.", suffix=".html", dir=out)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(page(data))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a site is for reading
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

"""The built-in packs' templates, shipped compiled by the sandbox's own compiler.

Jinja parses each template and compiles it to Python before it renders (about 3 ms a
template, 16 of them in a manufacturing kit). The templates of the packs shipped in the
``industry_packs`` package are compiled ahead by :class:`generator.sandbox.LimitedSandbox`
(with its checks, exactly as a run would) and shipped in
``generator/packs/compiled/templates.code``: a table from the SHA-256 of a template's
text to its code (``marshal``, as Jinja's own bytecode cache stores it; zlib-compressed).
The code still runs inside a fresh sandbox, with the run's limits: only the parse and compile
steps are skipped, and only for a text whose SHA-256 is in the table.

The table is used while the key in its first line is the SHA-256 of the sandbox's code
(``generator/sandbox.py``) and the Python and Jinja versions recorded beside it are the
running ones (Jinja's generated code and ``marshal`` are both version-bound); otherwise
every template is parsed and compiled as before, which only costs the speed. The tests
check the key alone, so a new Jinja release does not make them fail. Nothing is written
at run time;
``python -m generator.template_code`` regenerates the table (after editing a built-in
template or the sandbox), and a test fails while it is stale or misses a template.

Why ``marshal`` is safe here: the file is part of this package (never a user's pack or
any other folder), read after its key matched; a user's template text is looked up only
by its SHA-256, so it runs the code compiled from that very text.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from types import CodeType

TABLE = Path(__file__).parent / "packs" / "compiled" / "templates.code"
MAGIC = b"implkit-template-code 2"
SANDBOX = Path(__file__).parent / "sandbox.py"


def table_key() -> str:
    """The SHA-256 (hex) of the code the table was compiled by: the sandbox's."""
    import hashlib

    return hashlib.sha256(MAGIC + b"|" + SANDBOX.read_bytes()).hexdigest()


def environment() -> str:
    """The Python and Jinja versions the table's code runs under, as recorded beside its
    key (``python3.11-jinja2-3.1.6``)."""
    import jinja2

    return f"python{sys.version_info[0]}.{sys.version_info[1]}-jinja2-{jinja2.__version__}"


def header() -> bytes:
    """The first line the table must have to be used now (without its newline)."""
    return b" ".join([MAGIC, table_key().encode("ascii"), environment().encode("ascii")])


@cache
def _table() -> dict[str, bytes]:
    """The shipped table when its key is current, else empty."""
    import marshal
    import zlib

    try:
        data = TABLE.read_bytes()
    except OSError:
        return {}
    end = data.find(b"\n")
    if end < 0 or data[:end] != header():
        return {}
    try:
        table = marshal.loads(zlib.decompress(data[end + 1 :]))  # our own file: see above
    except Exception:  # a damaged installation: the templates are parsed instead
        return {}
    return table if isinstance(table, dict) else {}


def shipped_code(source: str) -> CodeType | None:
    """The code the sandbox compiles ``source`` to, when the text is one of the built-in
    packs' templates and the table is current; else None (parse and compile it)."""
    table = _table()
    if not table:
        return None
    import hashlib
    import marshal

    found = table.get(hashlib.sha256(source.encode("utf-8")).hexdigest())
    if found is None:
        return None
    code = marshal.loads(found)
    return code if isinstance(code, CodeType) else None


def builtin_texts() -> list[str]:
    """Every text of the built-in packs' templates that the sandbox renders (file names
    and contents with a ``{``), each once."""
    from generator.packs.loader import builtin_packs
    from generator.templates import collect_templates, decode_template

    texts: dict[str, None] = {}
    for pack_id, folder in builtin_packs().items():
        for template in collect_templates([(pack_id, folder)]):
            text = decode_template(template.source.read_bytes(), template.source)
            for candidate in (template.relative, text):
                if candidate is not None and "{" in candidate:
                    texts[candidate] = None
    return list(texts)


def compiled_table() -> bytes:
    """The table of the built-in templates, compiled now (refuses a template the sandbox
    would refuse)."""
    import hashlib
    import marshal
    import zlib

    from generator.sandbox import LimitedSandbox, forbidden_tags

    env = LimitedSandbox()
    table: dict[str, bytes] = {}
    for text in builtin_texts():
        tree = env.parse(text)
        if forbidden_tags(tree):
            raise ValueError(f"a built-in template uses a forbidden tag: {text[:60]!r}")
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        table[key] = marshal.dumps(env.compile(tree))
    return header() + b"\n" + zlib.compress(marshal.dumps(table), 9)


if __name__ == "__main__":  # python -m generator.template_code
    TABLE.write_bytes(compiled_table())
    print(TABLE)

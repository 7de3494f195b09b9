"""A bare cookiecutter template with the same folders and files as a generated kit.

``make_template(kit_dir, template_dir)`` walks a kit made by ``implkit new`` and
writes a cookiecutter template whose ``{{ cookiecutter.project_slug }}`` folder
holds the same relative paths:

* text files (UTF-8 that is not an Office zip) become templates: every place
  the kit's client or project name appears is replaced by
  ``{{ cookiecutter.client }}`` / ``{{ cookiecutter.project_name }}``, the rest
  is protected with ``{% raw %}`` where it holds Jinja markers, and a file with
  neither name gets the client on a first line of its own (so every text file
  renders at least one variable);
* binaries (.xlsx, .docx, anything not UTF-8) are listed in
  ``_copy_without_render`` and copied as they are.

The peer run is then ``cookiecutter --no-input TEMPLATE -o OUT``: the cost of a
plain "copy a folder tree and render its text files" tool on the same tree.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

BINARY_SUFFIXES = {".xlsx", ".docx", ".pptx", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".zip"}
MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")


def _protect(text: str) -> str:
    if any(marker in text for marker in MARKERS):
        return "{% raw %}" + text + "{% endraw %}"
    return text


def _templated(text: str, names: dict[str, str]) -> str:
    """``text`` with the names replaced by variables and everything else literal."""
    parts: list[tuple[str, str | None]] = [(text, None)]
    for variable, value in names.items():
        if not value:
            continue
        split: list[tuple[str, str | None]] = []
        for chunk, var in parts:
            if var is not None:
                split.append((chunk, var))
                continue
            pieces = chunk.split(value)
            for n, piece in enumerate(pieces):
                if n:
                    split.append((value, variable))
                split.append((piece, None))
        parts = split
    if not any(var for _, var in parts):
        parts.insert(0, ("", "client"))
        parts.insert(1, ("\n", None))
    return "".join(
        f"{{{{ cookiecutter.{var} }}}}" if var else _protect(chunk) for chunk, var in parts
    )


def make_template(
    kit_dir: Path, template_dir: Path, *, client: str, project: str
) -> dict[str, int]:
    """Write the template for ``kit_dir`` into ``template_dir``; counts of files."""
    if template_dir.exists():
        shutil.rmtree(template_dir)
    root = template_dir / "{{ cookiecutter.project_slug }}"
    root.mkdir(parents=True)
    names = {"project_name": project, "client": client}
    binaries: list[str] = []
    texts = 0
    for path in sorted(kit_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(kit_dir)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        text: str | None = None
        if path.suffix.lower() not in BINARY_SUFFIXES:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = None
        if text is None:
            shutil.copyfile(path, target)
            binaries.append(f"{{{{ cookiecutter.project_slug }}}}/{relative.as_posix()}")
            continue
        target.write_text(_templated(text, names), encoding="utf-8", newline="")
        texts += 1
    context = {
        "project_slug": "kit",
        "client": client,
        "project_name": project,
        "_copy_without_render": binaries,
    }
    (template_dir / "cookiecutter.json").write_text(
        json.dumps(context, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return {"text": texts, "binary": len(binaries)}

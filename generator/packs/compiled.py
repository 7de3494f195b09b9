"""The built-in packs, loaded and shipped in compiled form beside the code.

Loading a pack from YAML (parsing with positions, merging the chain, validating every
item with pydantic, building the models' validators) is about a third of a second of
each ``implkit new``. The packs shipped in the ``industry_packs`` package never change
between two runs of one installation, so the loaded ``ResolvedPack`` of each is shipped
as a pickle in ``generator/packs/compiled/<id>.pack`` (zlib-compressed), with each
item's digest for ``.implkit/last-build.json`` computed ahead.

A compiled pack is used only when all of this holds, else the pack is read from its
YAML exactly as before (so every message about a pack, with its file and line, is the
loader's own):

* the pack asked for is a built-in pack, found in the installed package (never a
  folder of ``--packs-dir`` or a path given by the user, even one holding a copy), with
  no project overlay;
* the key recorded in the file is the SHA-256 of what the pack was loaded from: every
  file of the pack's folder and of the folders of its ``extends`` chain (paths relative
  to the package, and contents), the code that loads and models a pack
  (``generator/packs/``, ``generator/kit_model/project_info.py`` with the items'
  positions, ``generator/textcheck.py``). An edited pack or model makes the key differ;
* the Python and pydantic versions recorded beside the key are the running ones (a
  pickle of pydantic models is read back only by the pydantic that wrote it). Another
  version only costs the speed: the YAML is read. The tests check the key alone, so a
  new pydantic release does not make them fail; what they need to see used they
  compile afresh for the running versions.

Nothing is written at run time. The files are regenerated with ``python -m
generator.packs.compiled`` (after editing a built-in pack or the pack model); a test
fails while one is stale, and another holds each compiled pack equal to its YAML load.

Why pickle is safe here: the only files unpickled are ``<id>.pack`` files of this very
package, named by the id of a built-in pack folder (never by user input), after their
key matched. They are as trusted as the package's own code; a user's pack is always
read as YAML.
"""

from __future__ import annotations

import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.packs.resolved import ResolvedPack

FOLDER = Path(__file__).parent / "compiled"
SUFFIX = ".pack"
MAGIC = b"implkit-compiled-pack 2"
PACKAGE = Path(__file__).resolve().parents[1]  # generator/
# the code whose change makes a compiled pack stale (relative to the generator package):
# the pack model and loader, the item positions (Source) and the text checks of the loader
CODE = ("packs", "kit_model/project_info.py", "textcheck.py")


def _code_files() -> list[Path]:
    files: list[Path] = []
    for name in CODE:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def _folder_files(folder: Path) -> list[Path]:
    # what the loader and pack_files see of a pack folder; compiled files of Python (a
    # checkout's __pycache__) are no part of a pack
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def environment() -> str:
    """The Python and pydantic versions a compiled pack is read back by, as recorded
    beside its key (``python3.11-pydantic2.14.4``)."""
    import pydantic

    return f"python{sys.version_info[0]}.{sys.version_info[1]}-pydantic{pydantic.VERSION}"


def pack_key(root: Path, chain: tuple[str, ...]) -> str:
    """The SHA-256 (hex) of what the built-in pack with the ``extends`` chain ``chain``
    (pack ids, root first) is loaded from: every file of the folders ``root/<id>``
    (path relative to ``root`` and contents) and the pack code (:data:`CODE`)."""
    import hashlib

    digest = hashlib.sha256(MAGIC)
    for pack_id in chain:
        for path in _folder_files(root / pack_id):
            digest.update(b"|" + path.relative_to(root).as_posix().encode("utf-8") + b"|")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in _code_files():
        digest.update(b"|" + path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"|")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _header(data: bytes) -> tuple[str, str, tuple[str, ...], int] | None:
    """(key, environment, chain, length of the header) of a compiled pack's bytes, None
    if malformed."""
    end = data.find(b"\n")
    parts = data[:end].split(b" ") if end > 0 else []
    if len(parts) != 5 or b" ".join(parts[:2]) != MAGIC:
        return None
    key, env, chain = (part.decode("ascii", "replace") for part in parts[2:])
    return key, env, tuple(chain.split(",")), end + 1


def _builtin(name_or_path: str | Path, packs_dir: Path | None) -> tuple[Path, Path] | None:
    """(the folder the loader would read, the built-in packs' root) when ``name_or_path``
    names a built-in pack as installed, else None."""
    from generator.packs.loader.find import available_packs, builtin_packs

    text = str(name_or_path)
    builtin = builtin_packs()
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text:
        return None  # a path given by the user: read as it is
    try:
        folder = available_packs(packs_dir).get(text)
    except Exception:  # an unreadable --packs-dir: the loader says what is wrong
        return None
    if folder is None or builtin.get(text) != folder or Path(text).is_dir():
        return None  # unknown, shadowed by --packs-dir, or a folder of that name here
    return folder, folder.resolve().parent


def load_compiled(name_or_path: str | Path, packs_dir: Path | None = None) -> ResolvedPack | None:
    """The built-in pack ``name_or_path`` from its compiled form, or None when there is
    none to use (not a built-in pack, no compiled file, a stale key): then load the YAML.

    The result equals :func:`generator.packs.loader.load_pack` of the same pack (its
    ``dirs`` are the folders as found now)."""
    found = _builtin(name_or_path, packs_dir)
    if found is None:
        return None
    folder, root = found
    try:
        data = (FOLDER / f"{folder.name}{SUFFIX}").read_bytes()
    except OSError:
        return None
    header = _header(data)
    if header is None:
        return None
    key, env, chain, start = header
    if chain[-1] != folder.name or env != environment() or pack_key(root, chain) != key:
        return None
    import pickle
    import zlib

    try:
        pack: ResolvedPack = pickle.loads(zlib.decompress(data[start:]))  # our own file
    except Exception:  # a damaged installation: the YAML is still there
        return None
    return replace(pack, dirs=_dirs(folder, pack.chain))


def _dirs(folder: Path, chain: tuple[str, ...]) -> tuple[Path, ...]:
    """The pack folders as the loader finds them: the leaf as given, each parent the
    folder of its id beside its child (``child.resolve().parent / id``)."""
    dirs = [folder]
    for parent in reversed(chain[:-1]):
        dirs.insert(0, dirs[0].resolve().parent / parent)
    return tuple(dirs)


def compiled_bytes(pack_id: str) -> bytes:
    """The compiled form of the built-in pack ``pack_id``, loaded from its YAML now."""
    import pickle
    import zlib

    from generator.packs.loader import builtin_packs
    from generator.packs.loader.inspection import read_pack
    from generator.packs.resolved import Located

    folder = builtin_packs()[pack_id]
    pack = read_pack(pack_id)  # always the YAML, never an earlier compiled form
    changes: dict[str, Any] = {"dirs": ()}  # folders are where the package is installed
    for spec in fields(pack):
        value = getattr(pack, spec.name)
        if isinstance(value, tuple) and value and isinstance(value[0], Located):
            changes[spec.name] = tuple(replace(loc, known_digest=loc.digest()) for loc in value)
    stored = replace(pack, **changes)
    key = pack_key(folder.resolve().parent, pack.chain)
    head = b" ".join(
        [MAGIC, key.encode("ascii"), environment().encode("ascii"), ",".join(pack.chain).encode()]
    )
    return head + b"\n" + zlib.compress(pickle.dumps(stored, protocol=4), 9)


def write_all() -> list[Path]:
    """Write the compiled form of every built-in pack (and remove those of packs that are
    gone); return the files written."""
    from generator.packs.loader import builtin_packs

    FOLDER.mkdir(exist_ok=True)
    packs = builtin_packs()
    for old in FOLDER.glob(f"*{SUFFIX}"):
        if old.stem not in packs:
            old.unlink()
    written = []
    for pack_id in packs:
        target = FOLDER / f"{pack_id}{SUFFIX}"
        target.write_bytes(compiled_bytes(pack_id))
        written.append(target)
    return written


if __name__ == "__main__":  # python -m generator.packs.compiled
    for path in write_all():
        print(path)

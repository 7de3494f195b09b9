"""Writing a Word package straight into a zip with fixed entry dates, the file created
with the user's umask."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from docx.document import Document as DocumentObject

from generator.render.zipfix import FixedDateZipFile


def _new_file_mode() -> int:
    """The mode a new file gets from the user's umask (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _save_package(doc: DocumentObject, out: Any, when: date) -> None:
    """Write the package as python-docx's ``save`` does, straight into a zip whose entries
    are all dated ``when`` (the bytes :func:`generator.render.zipfix.fixed_zip_bytes` made
    of a saved document, without zipping it twice)."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    with FixedDateZipFile(out, when) as archive:
        writer = _ZipWriter(archive)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]  # same write()


class _ZipWriter:
    """python-docx's physical package writer interface over an open zip."""

    def __init__(self, archive: FixedDateZipFile) -> None:
        self._archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._archive.writestr(pack_uri.membername, blob)

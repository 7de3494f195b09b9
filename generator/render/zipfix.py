"""Same inputs, same bytes: rewrite an Office zip with fixed entry dates.

openpyxl and python-docx stamp the wall-clock time into every zip entry. Office
files are zips, so after saving we rewrite the archive with each entry's date
set to the project's own date, in the original entry order, with the same
compression. Document-property times are the renderers' job (set them from the
project, not the clock) before saving.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path


def fixed_zip_bytes(data: bytes, when: date) -> bytes:
    """Return ``data`` (a zip) rewritten with every entry dated ``when`` 00:00:00."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def fix_zip_dates(path: Path, when: date) -> None:
    """Rewrite the zip at ``path`` in place with fixed entry dates."""
    path.write_bytes(fixed_zip_bytes(path.read_bytes(), when))

"""Same inputs, same bytes: Office zips with fixed entry dates.

openpyxl and python-docx stamp the wall-clock time into every zip entry. The
workbooks are written through :class:`FixedDateZipFile` (one streamed pass,
every entry dated with the project's own date); the Word documents are saved to
memory and rewritten with :func:`fixed_zip_bytes`. Document-property times are
the renderers' job (set them from the project, not the clock) before saving.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from datetime import date
from typing import IO, Any


def _stamp(when: date) -> tuple[int, int, int, int, int, int]:
    return (max(when.year, 1980), when.month, when.day, 0, 0, 0)


def _entry(name: str, when: date) -> zipfile.ZipInfo:
    """A zip entry dated ``when`` 00:00:00 with fixed attributes."""
    entry = zipfile.ZipInfo(name, date_time=_stamp(when))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o600 << 16
    entry.create_system = 0
    return entry


class FixedDateZipFile(zipfile.ZipFile):
    """A zip opened for writing whose every entry is dated ``when`` (streams, no second pass).

    Writers that add entries by name (openpyxl's ``ExcelWriter``) get the same
    fixed entries as :func:`fixed_zip_bytes`, without zipping the whole
    workbook in memory and re-zipping it.
    """

    def __init__(self, file: str | os.PathLike[str] | IO[bytes], when: date) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._when = when

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = _entry(zinfo_or_arcname, self._when)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        name = str(arcname) if arcname is not None else os.path.basename(str(filename))
        with open(filename, "rb") as src, self.open(_entry(name, self._when), "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def fixed_zip_bytes(data: bytes, when: date) -> bytes:
    """Return ``data`` (a zip) rewritten with every entry dated ``when`` 00:00:00."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, FixedDateZipFile(out, when) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()

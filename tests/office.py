"""Real readers for generated files: LibreOffice headless, poppler, MPXJ.

Tests call :func:`require_office` (skips locally with a reason when LibreOffice
or poppler is missing; in CI, where ``CI`` is set, a missing tool is a failure,
never a skip).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

IN_CI = bool(os.environ.get("CI"))


def _missing(tools: list[str]) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def require_office() -> None:
    """Skip (locally) or fail (in CI) when soffice/pdftotext are not installed."""
    missing = _missing(["soffice", "pdftotext", "pdffonts"])
    if missing:
        message = f"needs {', '.join(missing)} (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk)"
        if IN_CI:
            pytest.fail(f"CI must run the real-client tests: {message}")
        pytest.skip(message)


_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _recalc_on_load(profile: Path) -> None:
    """Make the fresh profile recalculate every formula on load.

    LibreOffice trusts the stored values of a file whose app.xml says "Microsoft Excel"
    (XlsxWriter writes that): without this a "recalculated" copy only echoes them.
    """
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")


def _started_profile() -> Path | None:
    """Where the test run keeps a profile LibreOffice has started with (None outside a
    test session): in the run's shared folder (:mod:`tests.kits`), never reused by a
    later run."""
    from tests import kits

    root = kits.shared_root()
    return None if root is None else root / "libreoffice-profile"


def _new_profile(profile: Path) -> None:
    """A profile of its own for one soffice call.

    A copy of a profile LibreOffice already started with when the run has one: a fresh
    profile makes it set itself up, restart once and run its graphics self-test, ~0.4
    of a ~2 CPU-s start. The profile holds no absolute path (its folder is
    ``$UserInstallation``), only the settings below and LibreOffice's own set-up.
    """
    started = _started_profile()
    if started is not None and started.is_dir():
        shutil.copytree(started, profile, symlinks=True)
    else:
        _recalc_on_load(profile)


def _keep_started(profile: Path) -> None:
    """Offer the profile of a call that succeeded as the run's started profile (the
    first one wins; renamed into place whole, so a worker never copies half of it)."""
    started = _started_profile()
    if started is None or started.exists():
        return
    staging = started.with_name(f"{started.name}.{uuid.uuid4().hex}")
    shutil.copytree(profile, staging, symlinks=True)
    try:
        staging.rename(started)
    except OSError:  # another worker kept its profile first
        shutil.rmtree(staging, ignore_errors=True)


def soffice_convert(
    files: list[Path], fmt: str, outdir: Path, *, infilter: str | None = None
) -> list[Path]:
    """Convert files with LibreOffice headless in one call; return the outputs in order.

    ``infilter`` is LibreOffice's ``--infilter`` (how to open the files, e.g. a CSV's
    separator and encoding), None to let it detect them.

    Each call uses its own profile folder so parallel runs never collide (a copy of
    the run's started profile, :func:`_new_profile`). Base names must be unique (the
    output is named after them).
    """
    require_office()
    outdir.mkdir(parents=True, exist_ok=True)
    stems = [f.stem for f in files]
    assert len(set(stems)) == len(stems), (
        "soffice names outputs after the base name: make them unique"
    )
    profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
    try:
        _new_profile(profile)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                *[str(f) for f in files],
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        _keep_started(profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    outputs = [outdir / f"{f.stem}.{ext}" for f in files]
    for out in outputs:
        assert out.exists() and out.stat().st_size > 0, f"LibreOffice did not convert {out.name}"
    return outputs


def pdf_text(pdf: Path) -> str:
    """The text of a PDF (pdftotext, layout-free, UTF-8)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    )
    return result.stdout.decode("utf-8")


def pdf_fonts(pdf: Path) -> str:
    """``pdffonts`` listing: which fonts LibreOffice embedded."""
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True).stdout.decode(
        "utf-8", "replace"
    )


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True).stdout.decode()
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")


def office_text(files: list[Path], tmp: Path) -> dict[Path, str]:
    """Convert .docx/.xlsx files to PDF through LibreOffice and read their text back."""
    pdfs = soffice_convert(files, "pdf", tmp / "pdf")
    return {f: pdf_text(p) for f, p in zip(files, pdfs)}


def recalculated_copy(xlsx: Path, tmp: Path) -> Path:
    """An .xlsx recalculated by LibreOffice (read it with openpyxl ``data_only=True``)."""
    return recalculated_copies([xlsx], tmp)[xlsx]


def recalculated_copies(files: list[Path], tmp: Path) -> dict[Path, Path]:
    """Each .xlsx recalculated by LibreOffice, all in ONE soffice process.

    Starting LibreOffice costs ~2.5 CPU-seconds; a test (or a module fixture) with
    several workbooks to check converts them together. Returns source -> copy.
    """
    tag = uuid.uuid4().hex[:8]
    sources = []
    for xlsx in files:
        src = tmp / "recalc-src" / f"{xlsx.stem}-{tag}.xlsx"
        src.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(xlsx, src)
        sources.append(src)
    outs = soffice_convert(sources, "xlsx:Calc MS Excel 2007 XML", tmp / "recalc")
    return dict(zip(files, outs, strict=True))

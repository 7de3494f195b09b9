"""Time and peak memory of one render, measured in a fresh Python process.

The scale tests build a large Kit and render it; measuring in a subprocess keeps the
test runner's own memory (other fixtures, earlier tests) out of the peak RSS.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import importlib, resource, sys, time
from pathlib import Path

def named(spec):
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)

build, size, render, out = named(sys.argv[1]), int(sys.argv[2]), named(sys.argv[3]), sys.argv[4]
kit = build(size)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
render(kit, Path(out))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{seconds:.2f} {before / 1024:.0f} {peak / 1024:.0f}")
"""


@dataclass(frozen=True)
class RenderProbe:
    """One measured render: seconds, RSS (MiB) with the Kit built and at the peak, file size."""

    seconds: float
    before_mib: float
    peak_mib: float
    file_mib: float

    @property
    def growth_mib(self) -> float:
        """What the render itself added to the peak RSS."""
        return self.peak_mib - self.before_mib

    def summary(self, what: str) -> str:
        return (
            f"{what}: {self.seconds:.1f} s, RSS {self.before_mib:.0f} MiB with the Kit, "
            f"peak {self.peak_mib:.0f} MiB, file {self.file_mib:.1f} MiB"
        )


def probe_render(build: str, size: int, render: str, path: Path) -> RenderProbe:
    """Run ``render(build(size), path)`` in a fresh process and measure it.

    ``build`` and ``render`` are ``module:function`` names, importable from the checkout.
    """
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, build, str(size), render, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    seconds, before, peak = (float(x) for x in result.stdout.split())
    return RenderProbe(seconds, before, peak, path.stat().st_size / 2**20)

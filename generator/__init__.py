"""implkit: turn an industry know-how pack into a ready project kit."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

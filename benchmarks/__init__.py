"""Scale and speed runs of implkit with peers side by side (not part of pytest).

Run ``python -m benchmarks`` (see :mod:`benchmarks.__main__` and
``docs/performance.md``).
"""

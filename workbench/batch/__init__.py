"""Run one parameterised notebook many times, fast (``workbench batch``).

See ``docs/batch.md``. The public entry point is :func:`run_batch`; engines
live in :mod:`workbench.batch.engines`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["run_batch", "BatchResult", "bench_engines"]


def __getattr__(name: str) -> Any:  # keep `import workbench.batch` cheap
    if name in ("run_batch", "BatchResult"):
        from workbench.batch import run

        return getattr(run, name)
    if name == "bench_engines":
        from workbench.batch.bench import bench_engines

        return bench_engines
    raise AttributeError(name)

"""Run one parameterised notebook many times, fast (``workbench batch``); see ``docs/batch.md``.

A generic engine that knows notebooks, jobs and folders, never a domain: what lives here is
the jobs table (``jobs``: ``Job``, ``read_jobs``), the notebook template and its
``parameters`` cell (``notebook``), the translation of plain values into an injected cell
(``translate``), the engines (``engines/``: ``warm``, ``papermill``, ``dask``, a registry),
atomic job folders (``staging``), ``--resume`` (``resume``), progress and the summary
(``progress``, ``run``) and the benchmark (``bench``). The public entry point is
:func:`run_batch`.

May import: neutral modules (``errors``, ``limits``, ``csvtext``, ``text``, ``atomic``,
``paths``, ``manifest``, ``kernels``, ``runner``, ``notebook_params``). Imports no domain
package (``rakor``, ``bakohumas``; ``tests/test_import_contract.py``): a domain builds its
``Job`` objects and calls :func:`run_batch` (``bakohumas.run.run_office_reports``), never the
other way round. ``import workbench.batch`` stays cheap (names resolved on first use).
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

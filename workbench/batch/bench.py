"""Benchmark helper: the same batch on several engines, and in-process as a floor.

``bench/batch.py`` calls :func:`bench_engines`; nothing here runs at import.
"""

from __future__ import annotations

import ast
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from workbench.batch.jobs import Job


def bench_engines(
    notebook: str | Path,
    jobs: str | Path | Sequence[dict[str, Any]],
    *,
    engines: Sequence[tuple[str, int | None]] = (("papermill", 1), ("warm", 2)),
    in_process: bool = True,
    out_dir: str | Path | None = None,
) -> dict[str, float]:
    """Wall-clock seconds of each ``(engine, workers)`` on the same jobs.

    ``jobs`` is a jobs table or a list of parameter dicts. With ``in_process``
    the notebook's code cells are also run serially in this process (fresh
    namespace per job, no kernel, no notebook saved): the floor the warm
    engine is compared with. Returns ``{"papermill x1": s, "warm x2": s,
    "in-process": s}``; every engine's jobs must succeed.
    """
    from workbench.batch.run import run_batch

    root = Path(out_dir or tempfile.mkdtemp(prefix="wb-bench-"))
    timings: dict[str, float] = {}
    for engine, workers in engines:
        started = time.perf_counter()
        result = run_batch(
            notebook,
            _jobs(jobs),
            root / f"{engine}-{workers}",
            engine=engine,
            workers=workers,
            progress=False,
        )
        timings[f"{engine} x{workers}"] = time.perf_counter() - started
        if not result.ok:
            raise RuntimeError(f"{engine}: ada pekerjaan gagal, lihat {result.summary_path}")
    if in_process:
        timings["in-process"] = run_in_process(notebook, _jobs(jobs), root / "in-process")
    return timings


def _jobs(jobs: str | Path | Sequence[dict[str, Any]]) -> Any:
    if isinstance(jobs, (str, Path)):
        return jobs
    return [Job(name=f"{i:03d}", parameters=dict(p), row=i) for i, p in enumerate(jobs, 1)]


def run_in_process(notebook: str | Path, jobs: Any, out_dir: Path) -> float:
    """Seconds to exec the notebook's code cells for every job in this process."""
    import os

    from workbench.batch.jobs import read_jobs
    from workbench.batch.notebook import load_notebook

    template = load_notebook(notebook)
    job_list = read_jobs(jobs, template.parameters) if isinstance(jobs, (str, Path)) else jobs
    code = [
        compile(_without_magics(c.source), f"<cell {i}>", "exec")
        for i, c in enumerate(template.node.cells)
        if c.cell_type == "code" and c.source.strip()
    ]
    cwd = os.getcwd()
    started = time.perf_counter()
    try:
        os.chdir(template.folder)
        for job in job_list:
            folder = out_dir / job.name
            folder.mkdir(parents=True, exist_ok=True)
            namespace: dict[str, Any] = {"__name__": "__main__"}
            exec(code[0], namespace)  # the parameters cell
            namespace.update(job.parameters, output_dir=str(folder))
            for block in code[1:]:
                exec(block, namespace)
    finally:
        os.chdir(cwd)
    return time.perf_counter() - started


def _without_magics(source: str) -> str:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    text = "\n".join(lines)
    ast.parse(text)
    return text


def job_overhead(
    notebook: str | Path, jobs: Sequence[dict[str, Any]], *, out_dir: str | Path | None = None
) -> dict[str, float]:
    """What the warm engine adds to each job, measured on one worker (milliseconds per job).

    The batch runs twice (the first run pays the imports); of the second run it returns
    ``wall`` (a job's seconds as the engine reports them: parameters injected, cells run,
    notebook saved), ``kernel`` (the cells' own run time, from the kernel's timestamps
    that nbclient records in each cell's ``execution`` metadata), ``overhead`` (median of
    ``wall - kernel``: message round trips, output handling, saving) and ``parent_cpu``
    (CPU time of this process per job: engine, staging and summary; one kernel start
    spread over the jobs).
    """
    import statistics

    import nbformat

    from workbench.batch.run import run_batch

    root = Path(out_dir or tempfile.mkdtemp(prefix="wb-bench-overhead-"))
    for attempt in ("warm-up", "measured"):
        cpu = time.process_time()
        result = run_batch(notebook, _jobs(jobs), root / attempt, workers=1, progress=False)
        cpu = time.process_time() - cpu
        if not result.ok:
            raise RuntimeError(f"ada pekerjaan gagal, lihat {result.summary_path}")
    walls = [r.seconds for r in result.results]
    kernels = [_kernel_seconds(nbformat.read(r.notebook, as_version=4)) for r in result.results]
    n = len(walls)
    return {
        "jobs": n,
        "wall": 1000 * sum(walls) / n,
        "kernel": 1000 * sum(kernels) / n,
        "overhead": 1000 * statistics.median(w - k for w, k in zip(walls, kernels)),
        "parent_cpu": 1000 * cpu / n,
    }


def _kernel_seconds(nb: Any) -> float:
    """Seconds the kernel spent running ``nb``'s cells (execute_input to execute_reply)."""
    from datetime import datetime

    total = 0.0
    for cell in nb.cells:
        timing = cell.metadata.get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            start, end = (
                datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                for k in ("iopub.execute_input", "shell.execute_reply")
            )
            total += (end - start).total_seconds()
    return total

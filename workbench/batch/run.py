"""Run a parameterised notebook once per row of a jobs table.

``run_batch`` reads and validates everything first (notebook, jobs table,
engine, and the Dask scheduler's address by connecting to it), then runs the
jobs on an engine (``warm`` by default), each into a staging folder swapped
in whole on success (:mod:`workbench.batch.staging`), writes
``DIR/batch-summary.csv`` and returns a :class:`BatchResult`.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from workbench.atomic import write_text
from workbench.batch import resume as resume_state
from workbench.batch import staging
from workbench.batch.engines import FAILED, SKIPPED, JobResult, engine_names, get_engine
from workbench.batch.jobs import Job, read_jobs
from workbench.batch.notebook import NotebookTemplate, load_notebook
from workbench.batch.progress import Progress
from workbench.errors import InputError, did_you_mean

SUMMARY_FILE = "batch-summary.csv"
KERNEL_LOG = ".batch-kernel.log"


@dataclass
class BatchResult:
    """What a batch did: one result per job, in the jobs table's order."""

    out_dir: Path
    results: list[JobResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        return self.count(FAILED) == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    @property
    def summary_path(self) -> Path:
        return self.out_dir / SUMMARY_FILE


def run_batch(
    notebook: str | Path,
    jobs: str | Path | Sequence[Job],
    out_dir: str | Path,
    *,
    engine: str = "warm",
    workers: int | None = None,
    timeout: float | None = None,
    resume: bool = False,
    scheduler: str | None = None,
    progress: bool | None = None,
    extra_inputs: Iterable[str | Path] = (),
) -> BatchResult:
    """Run ``notebook`` once per job into ``out_dir/<job>/``.

    Parameters
    ----------
    notebook:
        The parameterised notebook (must have a cell tagged ``parameters``).
    jobs:
        A jobs table (CSV/XLSX/YAML) or already-built :class:`Job` objects.
    out_dir:
        Output folder; each job writes to ``out_dir/<job>/``.
    engine:
        Registered engine name (``warm``, ``papermill``, ``dask``).
    workers:
        Jobs at once (``None``: one per CPU for ``warm``; 1 for ``papermill``).
    timeout:
        Seconds allowed per job.
    resume:
        Skip jobs whose inputs and outputs are unchanged since their last success.
    scheduler:
        Address of a Dask scheduler; implies ``engine="dask"``.
    progress:
        Progress bar on stderr: ``None`` when stderr is a terminal.
    extra_inputs:
        Further files every job depends on (e.g. Word templates), for ``resume``.

    Raises
    ------
    InputError
        Invalid notebook, jobs table or engine (nothing has run).
    """
    started = time.perf_counter()
    template = load_notebook(notebook)
    engine_cls = _engine_class("dask" if scheduler else engine)
    out = Path(out_dir).resolve()
    job_list = _prepare_jobs(template, jobs, out)
    extra = [Path(p).resolve() for p in extra_inputs]
    hashes: dict[Path, str] = {}  # inputs shared by the jobs are hashed once
    todo, skipped = (_split_resumable(template, job_list, extra, hashes) if resume
                     else (job_list, []))
    options: dict[str, object] = {"kernel_log": out / KERNEL_LOG}
    if scheduler:
        options["scheduler"] = scheduler
    by_job = {r.job: r for r in skipped}
    if todo:
        final = {job.name: job for job in todo}

        def on_result(result: JobResult) -> None:
            job = final[result.job]
            try:
                result = staging.finish(template, job, result, lambda folder: resume_state.record(
                    template, job, extra, hashes, folder=folder))
            except OSError as e:  # e.g. the output folder is open elsewhere (Windows) or full
                result = JobResult(job.name, FAILED, result.seconds,
                                   error=f"OSError: hasil tidak dapat dipindahkan: {e}")
            by_job[result.job] = result
            bar.update(result)

        # the engine connects (Dask) before anything is written: a bad address writes nothing
        with engine_cls(template, workers=workers, timeout=timeout, **options) as runner:
            try:
                staged = [staging.staged(template, job) for job in todo]
                with Progress(len(todo), progress) as bar:
                    runner.run(staged, on_result)
            finally:
                staging.discard(todo)
    for job in job_list:  # an engine that lost a job without reporting it
        by_job.setdefault(job.name, JobResult(job.name, FAILED, error="pekerjaan tidak dijalankan"))
    result = BatchResult(out, [by_job[j.name] for j in job_list], time.perf_counter() - started)
    write_summary(result)
    return result


def _engine_class(name: str):
    try:
        return get_engine(name)
    except KeyError:
        raise InputError(f"mesin '{name}' tidak dikenal{did_you_mean(name, engine_names())}.",
                         field="--engine", fix="Pilih salah satu: " + ", ".join(engine_names()) + ".") from None


def _prepare_jobs(template: NotebookTemplate, jobs: str | Path | Sequence[Job],
                  out_dir: Path) -> list[Job]:
    """Read the jobs table (or take the jobs given); set folders and ``output_dir``."""
    job_list = list(jobs) if not isinstance(jobs, (str, Path)) else read_jobs(jobs, template.parameters)
    for job in job_list:
        job.out_dir = out_dir / job.name
        if "output_dir" in template.parameters:
            job.parameters = {**job.parameters, "output_dir": str(job.out_dir)}
    return job_list


def _split_resumable(template: NotebookTemplate, jobs: list[Job], extra: list[Path],
                     hashes: dict[Path, str]) -> tuple[list[Job], list[JobResult]]:
    todo, skipped = [], []
    for job in jobs:
        if resume_state.is_current(template, job, extra, hashes):
            skipped.append(JobResult(job.name, SKIPPED, notebook=job.out_dir / f"{template.stem}.ipynb"))
        else:
            todo.append(job)
    return todo, skipped


def write_summary(result: BatchResult) -> Path:
    """Write ``batch-summary.csv`` (job, status, seconds, error) atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["job", "status", "seconds", "error"])
    for r in result.results:
        writer.writerow([r.job, r.status, f"{r.seconds:.2f}", r.message])
    return write_text(result.summary_path, buffer.getvalue())

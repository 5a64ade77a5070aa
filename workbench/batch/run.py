"""Run a parameterised notebook once per row of a jobs table.

``run_batch`` reads and validates everything first (notebook, jobs table,
engine, and the Dask scheduler's address by connecting to it), then runs the
jobs on an engine (``warm`` by default), each into a staging folder swapped
in whole on success (:mod:`workbench.batch.staging`), writes
``DIR/batch-summary.csv`` and returns a :class:`BatchResult`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from workbench.atomic import folder_lock, open_regular, refuse_link, sweep_stale, write_text
from workbench.batch import resume as resume_state
from workbench.batch import staging
from workbench.batch.engines import FAILED, RUNNING, SKIPPED, JobResult, engine_names, get_engine
from workbench.batch.jobs import FOLDER_NAME_FIX, JOB_COLUMN, Job, folder_name_problem, read_jobs
from workbench.batch.notebook import NotebookTemplate, load_notebook
from workbench.batch.progress import Progress
from workbench.batch.translate import PLAIN_FIX, UnsafeValue, injectable
from workbench.csv_write import csv_text
from workbench.errors import InputError, InputErrors, did_you_mean
from workbench.limits import finite_number

if TYPE_CHECKING:
    from workbench.batch.engines.warm import Prestarted
from workbench.notebook_params import check_parameters

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
    html: bool = False,
    notebooks: bool = True,
    chunk: int | None = None,
    kernels: "Prestarted | None" = None,
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
    html:
        Also write each successful job's HTML twin, ``<stem>.html`` beside its executed
        notebook (:mod:`workbench.html_export`); ``workbench batch`` and ``reports`` ask for it.
    notebooks:
        Keep each successful job's executed notebook, ``<stem>.ipynb`` (``False``: only its
        HTML twin, with ``html``; a failed job's notebook is always kept). ``workbench
        reports`` keeps them on request (``--simpan-notebook``).
    chunk:
        Jobs per request to a ``warm`` kernel (``None``: chosen from the number of jobs,
        :func:`workbench.batch.engines.warm.chunk_size`; 1: one job at a time, cell by cell).
    kernels:
        Warm kernels the caller started ahead (:class:`workbench.batch.engines.warm.Prestarted`,
        still the caller's to close); the ``warm`` engine adopts them, other engines ignore them.

    Raises
    ------
    InputError
        Invalid notebook, jobs table or engine (nothing has run).
    """
    started = time.perf_counter()
    if timeout is not None:  # nan/inf: every comparison false, the bound silently gone
        timeout = finite_number(timeout, field="--timeout", fix="tulis jumlah detik, mis. 600")
    template = load_notebook(notebook)
    engine_cls = _engine_class("dask" if scheduler else engine)
    out = Path(out_dir).resolve()
    job_list = _prepare_jobs(template, jobs, out)
    extra = [Path(p).resolve() for p in extra_inputs]
    hashes: dict[Path, str] = {}  # inputs shared by the jobs are hashed once
    table = Path(jobs).resolve() if isinstance(jobs, (str, Path)) else None
    allowed = resume_state.allowed_folders(template, table)  # where --resume may hash
    options: dict[str, object] = {"kernel_log": out / KERNEL_LOG}
    if chunk is not None:
        options["chunk"] = chunk
    if scheduler:
        options["scheduler"] = scheduler
    if kernels is not None and engine_cls.name == "warm":
        options["prestarted"] = kernels
    with folder_lock(out):  # one run per output folder; released by the OS if we die
        for job in job_list:  # never written through a link planted as a job's folder
            refuse_link(job.folder)
        if out.is_dir():
            sweep_stale(out)  # staging folders of a killed run (no live run owns them now)
        todo, skipped = (
            _split_resumable(template, job_list, extra, hashes, allowed)
            if resume
            else (job_list, [])
        )
        by_job = {r.job: r for r in skipped}
        if not todo:
            return _finish(out, job_list, by_job, started)
        _check_kernel_log(out / KERNEL_LOG)
        # the engine connects (Dask) before anything is written: a bad address writes nothing
        with engine_cls(template, workers=workers, timeout=timeout, **options) as runner:
            _write_running(out, job_list, by_job)
            try:
                _run_staged(
                    runner,
                    template,
                    todo,
                    extra,
                    hashes,
                    by_job,
                    progress,
                    html,
                    allowed,
                    notebooks,
                )
            finally:  # also when interrupted: the summary says what happened
                result = _finish(out, job_list, by_job, started)
    return result


def _check_kernel_log(log: Path) -> None:
    """Refuse (exit 2) a kernel log that is a link or not a regular file, before any kernel
    starts; nothing is created here (each kernel opens it the same way, creating it:
    :func:`workbench.kernels.kernel_manager`)."""
    import os

    if os.path.lexists(log):
        os.close(open_regular(log, os.O_WRONLY | os.O_APPEND))


def _run_staged(
    runner,
    template: NotebookTemplate,
    todo: list[Job],
    extra: list[Path],
    hashes: dict[Path, str],
    by_job: dict[str, JobResult],
    progress: bool | None,
    html: bool = False,
    allowed: list[Path] | None = None,
    notebooks: bool = True,
) -> None:
    """Run ``todo`` on ``runner``, each job in its staging folder, filling ``by_job``.

    Any exception while finishing a job fails that job only; an engine that
    raises fails the jobs it had not reported (the summary is still written).
    """
    run_id = staging.new_run_id()
    final = {job.name: job for job in todo}

    def on_result(result: JobResult) -> None:
        job = final[result.job]
        try:
            result = staging.finish(
                template,
                job,
                run_id,
                result,
                lambda folder, written: resume_state.record(
                    template, job, extra, hashes, folder=folder, allowed=allowed, written=written
                ),
                html=html,
                notebooks=notebooks,
            )
        except Exception as e:  # e.g. the output folder is open elsewhere (Windows) or full
            result = JobResult(
                job.name,
                FAILED,
                result.seconds,
                error=f"{type(e).__name__}: hasil tidak dapat dipindahkan: {e}",
            )
        by_job[result.job] = result
        bar.update(result)

    try:
        staged = [staging.staged(template, job, run_id) for job in todo]
        with Progress(len(todo), progress) as bar:
            runner.run(staged, on_result)
    except Exception as e:  # an engine bug or lost cluster: the jobs it did not report fail
        for job in todo:
            by_job.setdefault(
                job.name, JobResult(job.name, FAILED, error=f"{type(e).__name__}: {e}")
            )
    finally:
        staging.discard(todo, run_id)


def _finish(
    out: Path, job_list: list[Job], by_job: dict[str, JobResult], started: float
) -> BatchResult:
    """The batch's result, in the jobs table's order, written to ``batch-summary.csv``."""
    for job in job_list:  # an engine that lost a job without reporting it
        by_job.setdefault(job.name, JobResult(job.name, FAILED, error="pekerjaan tidak dijalankan"))
    result = BatchResult(out, [by_job[j.name] for j in job_list], time.perf_counter() - started)
    write_summary(result)
    return result


def _write_running(out: Path, job_list: list[Job], by_job: dict[str, JobResult]) -> None:
    """The summary as the run starts: jobs to run are ``running`` until the end rewrites it,
    so a killed batch leaves no earlier run's ``ok`` behind for jobs it never finished."""
    write_summary(
        BatchResult(out, [by_job.get(j.name) or JobResult(j.name, RUNNING) for j in job_list])
    )


def _engine_class(name: str):
    try:
        return get_engine(name)
    except KeyError:
        raise InputError(
            f"mesin '{name}' tidak dikenal{did_you_mean(name, engine_names())}.",
            field="--engine",
            fix="Pilih salah satu: " + ", ".join(engine_names()) + ".",
        ) from None


def _prepare_jobs(
    template: NotebookTemplate, jobs: str | Path | Sequence[Job], out_dir: Path
) -> list[Job]:
    """Read the jobs table (or take the jobs given); set folders and ``output_dir``."""
    job_list = (
        list(jobs) if not isinstance(jobs, (str, Path)) else read_jobs(jobs, template.parameters)
    )
    _check_jobs(job_list)
    check_parameters(
        template.path, (k for j in job_list for k in j.parameters), declared=template.parameters
    )  # caller-built jobs (a table is checked)
    return [job.into(out_dir / job.name, template.parameters) for job in job_list]


def _check_jobs(job_list: list[Job]) -> None:
    """Jobs built by a caller get the checks a jobs table gets: safe, unique folder names
    and plain parameter values (see :func:`workbench.batch.translate.plain_value`)."""
    errors, seen = [], set()
    for job in job_list:
        problem = folder_name_problem(job.name) or (
            f"nama folder pekerjaan '{job.name}' dipakai dua kali." if job.name in seen else None
        )
        seen.add(job.name)
        if problem:
            errors.append(InputError(problem, row=job.row, field=JOB_COLUMN, fix=FOLDER_NAME_FIX))
        for name, value in job.parameters.items():
            try:
                injectable({name: value})
            except UnsafeValue as e:
                errors.append(InputError(f"{e}.", row=job.row, field=name, fix=PLAIN_FIX))
    if errors:
        raise InputErrors(errors)


def _split_resumable(
    template: NotebookTemplate,
    jobs: list[Job],
    extra: list[Path],
    hashes: dict[Path, str],
    allowed: list[Path] | None = None,
) -> tuple[list[Job], list[JobResult]]:
    todo, skipped = [], []
    for job in jobs:
        if resume_state.is_current(template, job, extra, hashes, allowed):
            notebook = job.folder / f"{template.stem}.ipynb"
            kept = notebook if notebook.is_file() else None  # none unless kept on request
            skipped.append(JobResult(job.name, SKIPPED, notebook=kept))
        else:
            todo.append(job)
    return todo, skipped


def write_summary(result: BatchResult) -> Path:
    """Write ``batch-summary.csv`` (job, status, seconds, error, notebook) atomically.

    ``notebook`` is where the job's executed notebook is: ``DIR/<job>/<stem>.ipynb``, or
    for a failed job the kept ``DIR/<job>.gagal.ipynb`` with the failing cell marked.
    """
    rows = (
        [r.job, r.status, f"{r.seconds:.2f}", r.message, r.notebook or ""] for r in result.results
    )
    header = ["job", "status", "seconds", "error", "notebook"]
    # an error message quotes cell values: no cell may run as a formula (workbench.csv_write)
    return write_text(result.summary_path, csv_text(rows, header, lineterminator="\n"))

"""The ``papermill`` engine: one fresh kernel per job (the slow, fully isolated reference).

Each job is ``papermill.execute_notebook`` into ``<job.out_dir>/<stem>.ipynb``
(also when it failed: the executed notebook keeps the error); ``job.out_dir``
is the job's staging folder, swapped in whole afterwards, so the notebook
papermill saves cell by cell is never seen half-written. ``workers`` jobs run at once
on threads (each job has its own kernel process).

``timeout`` is per job, as with the other engines: nbclient asks for each
cell's timeout (``timeout_func``) and gets what is left of the job's time,
counted from its first cell (the kernel's start is not counted).

The kernels' stdout/stderr go to the ``kernel_log`` file, and so do the
messages papermill and nbclient log while running (``Timeout waiting for
execute reply``, unknown parameters) instead of reaching the terminal.
"""

from __future__ import annotations

import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from workbench.batch.engines import FAILED, OK, Engine, JobResult
from workbench.batch.engines.warm import cell_error, first_line
from workbench.batch.jobs import Job
from workbench.batch.translate import injectable, register


class PapermillEngine(Engine):
    """``papermill.execute_notebook`` per job; ``workers`` default 1 (serial)."""

    name = "papermill"

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        from workbench.kernels import kernel_manager

        register()  # only plain values and dates are injected (workbench.batch.translate)
        kernel_log = self.kernel_log
        manager = kernel_manager(kernel_log)  # one class for the batch
        results = []
        with _log_to(kernel_log), ThreadPoolExecutor(max(1, self.workers or 1)) as pool:
            futures = {pool.submit(self.run_one, job, manager): job for job in jobs}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as e:  # run_one catches everything; this is a last guard
                    result = JobResult(
                        futures[future].name, FAILED, error=f"{type(e).__name__}: {first_line(e)}"
                    )
                results.append(result)
                on_result(result)
        return results

    def run_one(self, job: Job, manager: type) -> JobResult:
        """Execute ``job`` in a fresh kernel started by ``manager`` (a kernel manager class)."""
        import papermill as pm
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        target = job.folder / f"{self.template.stem}.ipynb"
        job.folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        error, cell, failure = "", None, None
        try:
            pm.execute_notebook(
                str(self.template.path),
                str(target),
                parameters=injectable(job.parameters, self.template.defaults),
                # the kernel starts in the notebook's folder (nbclient's resources path);
                # papermill's cwd= would chdir this whole process, which races between
                # the worker threads and can leave the process in the wrong folder
                resources={"metadata": {"path": str(self.template.folder)}},
                progress_bar=False,
                log_output=False,
                kernel_name=self.template.kernel_name,
                kernel_manager_class=manager,
                **({"timeout_func": _JobDeadline(self.timeout)} if self.timeout else {}),
            )
        except pm.PapermillExecutionError as e:
            error, cell = f"{e.ename}: {first_line(e.evalue)}", e.cell_index
            failure = cell_error(self.template.path, e.exec_count, e.ename, e.evalue)
        except CellTimeoutError:
            error = f"TimeoutError: waktu habis setelah {self.timeout:g} detik"
        except DeadKernelError:
            error = "DeadKernelError: kernel berhenti mendadak"
        except Exception as e:  # anything else fails this job only (its kernel is gone anyway)
            error = f"{type(e).__name__}: {first_line(e)}"
        seconds = time.perf_counter() - started
        status = FAILED if error else OK
        return JobResult(
            job.name,
            status,
            seconds,
            error=error,
            cell=cell,
            notebook=target if target.is_file() else None,
            failure=failure,
        )


class _JobDeadline:
    """nbclient ``timeout_func``: each cell gets what is left of the job's ``seconds``.

    The clock starts at the first cell. nbclient treats ``0`` as "no limit",
    so an exhausted budget gives the next cell a token millisecond instead.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline: float | None = None

    def __call__(self, _cell: Any) -> float:
        now = time.monotonic()
        if self.deadline is None:
            self.deadline = now + self.seconds
        return max(self.deadline - now, 0.001)


@contextlib.contextmanager
def _log_to(path: Path | None) -> Iterator[None]:
    """While a batch runs, papermill's log records go to ``path`` (not the terminal).

    nbclient logs through papermill's logger (papermill hands it to the client).
    """
    if path is None:
        yield
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("papermill")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        handler.close()

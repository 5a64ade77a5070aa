"""The ``papermill`` engine: one fresh kernel per job (the slow, fully isolated reference).

Each job is ``papermill.execute_notebook`` into a hidden temporary file that
is renamed to ``DIR/<job>/<stem>.ipynb`` when the run ends (also when it
failed: the executed notebook keeps the error). ``workers`` jobs run at once
on threads (each job has its own kernel process). ``timeout`` is passed to
papermill as its per-cell ``execution_timeout``.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, Callable, Sequence

from workbench.batch.engines import FAILED, OK, Engine, JobResult
from workbench.batch.engines.warm import first_line
from workbench.batch.jobs import Job, injectable


class PapermillEngine(Engine):
    """``papermill.execute_notebook`` per job; ``workers`` default 1 (serial)."""

    name = "papermill"

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        results = []
        with ThreadPoolExecutor(max(1, self.workers or 1)) as pool:
            futures = [pool.submit(self.run_one, job) for job in jobs]
            for future in as_completed(futures):
                results.append(future.result())
                on_result(results[-1])
        return results

    def run_one(self, job: Job) -> JobResult:
        import papermill as pm

        from workbench.kernels import IPCAsyncKernelManager
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        target = job.out_dir / f"{self.template.stem}.ipynb"
        job.out_dir.mkdir(parents=True, exist_ok=True)
        tmp = job.out_dir / f".{target.stem}.{os.getpid()}.tmp.ipynb"
        started = time.perf_counter()
        error, cell = "", None
        try:
            pm.execute_notebook(
                str(self.template.path), str(tmp), parameters=injectable(job.parameters),
                cwd=str(self.template.folder), progress_bar=False, log_output=False,
                execution_timeout=self.timeout, kernel_name=_kernel_name(self.template.node),
                kernel_manager_class=IPCAsyncKernelManager,
            )
        except pm.PapermillExecutionError as e:
            error, cell = f"{e.ename}: {first_line(e.evalue)}", e.cell_index
        except CellTimeoutError:
            error = f"TimeoutError: waktu habis setelah {self.timeout:g} detik"
        except DeadKernelError:
            error = "DeadKernelError: kernel berhenti mendadak"
        seconds = time.perf_counter() - started
        if tmp.exists():
            os.replace(tmp, target)
        status = FAILED if error else OK
        return JobResult(job.name, status, seconds, error=error, cell=cell, notebook=target)


def _kernel_name(node: Any) -> str:
    return node.metadata.get("kernelspec", {}).get("name", "python3")

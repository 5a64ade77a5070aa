"""The ``dask`` engine: jobs on an existing Dask distributed cluster.

Each Dask worker keeps its own :class:`WarmKernel`, created lazily by the
first job it runs and kept in a module-level dict keyed by worker address and
notebook; a worker plugin shuts the kernels down when the worker closes. The
workers must see the same filesystem as the caller (notebook, inputs and
``DIR``), and have ``workbench`` installed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from distributed.diagnostics.plugin import WorkerPlugin

from workbench.batch.engines import FAILED, Engine, JobResult
from workbench.batch.engines.warm import WarmKernel
from workbench.batch.jobs import Job
from workbench.batch.notebook import NotebookTemplate, load_notebook

_KERNELS: dict[str, tuple[str, WarmKernel]] = {}  # worker address -> (notebook sha, kernel)
_LOCK = threading.Lock()
PLUGIN_NAME = "workbench-warm-kernels"


class DaskEngine(Engine):
    """Submit each job to the cluster at ``scheduler`` (option ``scheduler=ADDRESS``)."""

    name = "dask"

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        from distributed import Client, as_completed

        address = self.options.get("scheduler")
        results = []
        with Client(address, set_as_default=False) as client:
            client.register_plugin(WarmKernelPlugin(), name=PLUGIN_NAME)
            futures = {client.submit(run_on_worker, str(self.template.path), self.template.sha256,
                                     job, self.timeout, pure=False, key=f"batch-{job.name}-{id(job)}"): job
                       for job in jobs}
            for future in as_completed(list(futures), loop=client.loop):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as e:  # the worker itself died or the task could not run
                    result = JobResult(job.name, FAILED, error=f"{type(e).__name__}: {e}")
                results.append(result)
                on_result(result)
        return results


def run_on_worker(notebook: str, sha256: str, job: Job, timeout: float | None) -> JobResult:
    """Run ``job`` on this worker's warm kernel (started on first use)."""
    return _worker_kernel(notebook, sha256).run(job, timeout)


def _worker_kernel(notebook: str, sha256: str) -> WarmKernel:
    from distributed import get_worker

    address = get_worker().address
    with _LOCK:
        current = _KERNELS.get(address)
        if current is not None and current[0] == sha256:
            return current[1]
        if current is not None:  # another notebook: this kernel is warm for the wrong one
            current[1].shutdown()
        template: NotebookTemplate = load_notebook(Path(notebook))
        kernel = WarmKernel(template)
        _KERNELS[address] = (sha256, kernel)
        return kernel


def shutdown_worker_kernel(address: str) -> None:
    with _LOCK:
        current = _KERNELS.pop(address, None)
    if current is not None:
        current[1].shutdown()


class WarmKernelPlugin(WorkerPlugin):
    """Dask worker plugin: stop the worker's warm kernel on teardown."""

    def teardown(self, worker: Any) -> None:
        shutdown_worker_kernel(worker.address)

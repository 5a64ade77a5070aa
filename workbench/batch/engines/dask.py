"""The ``dask`` engine: jobs on a Dask distributed cluster.

With a scheduler address (``--scheduler tcp://host:8786``) the jobs go to that
existing cluster; without one (``--engine dask`` alone) a local cluster is
started for the batch (``--workers`` worker processes, one thread each) and
stopped afterwards. The connection is made by :meth:`DaskEngine.open`, before
the batch writes anything: an unreachable scheduler is an ``InputError``
after :data:`CONNECT_TIMEOUT` seconds.

Each Dask worker keeps its own :class:`WarmKernel`, created lazily by the
first job it runs and kept in a module-level dict keyed by worker address and
notebook; a worker plugin shuts the kernels down when the worker closes. The
kernels write their stdout/stderr to the batch's ``DIR/.batch-kernel.log``.

Assumption: the workers share the caller's filesystem (same paths): they
read the notebook and the inputs, write each job into its staging folder
under ``DIR``, and the caller then swaps the staging folder in
(:mod:`workbench.batch.staging`). Workers need ``workbench`` installed.
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
from workbench.errors import InputError

#: Seconds to wait for the scheduler before giving up.
CONNECT_TIMEOUT = 10

# worker address -> ((notebook sha, kernel log), kernel)
_KERNELS: dict[str, tuple[tuple[str, str | None], WarmKernel]] = {}
_LOCK = threading.Lock()
PLUGIN_NAME = "workbench-warm-kernels"


class DaskEngine(Engine):
    """Submit each job to the cluster at ``scheduler`` (option ``scheduler=ADDRESS``).

    Without ``scheduler`` a local cluster of ``workers`` processes is started.
    """

    name = "dask"

    def __init__(self, template: NotebookTemplate, **kwargs: Any):
        super().__init__(template, **kwargs)
        self.client: Any = None

    def open(self) -> None:
        from distributed import Client

        address = self.options.get("scheduler")
        if not address:  # a local cluster for this batch
            self.client = Client(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                set_as_default=False,
            )
            return
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(
                f"penjadwal Dask '{address}' tidak dapat dihubungi ({_reason(e)}).",
                field="--scheduler",
                fix="Periksa alamatnya (mis. tcp://10.0.0.5:8786) dan bahwa 'dask scheduler' "
                "berjalan dan dapat dijangkau dari komputer ini; atau hilangkan --scheduler "
                "untuk memakai mesin warm di komputer ini.",
            ) from None

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            client.close()

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        from distributed import as_completed

        if self.client is None:
            self.open()
        client = self.client
        kernel_log = self.options.get("kernel_log")
        kernel_log = str(kernel_log) if kernel_log is not None else None
        results = []
        client.register_plugin(WarmKernelPlugin(), name=PLUGIN_NAME)
        futures = {
            client.submit(
                run_on_worker,
                str(self.template.path),
                self.template.sha256,
                job,
                self.timeout,
                kernel_log,
                pure=False,
                key=f"batch-{job.name}-{id(job)}",
            ): job
            for job in jobs
        }
        for future in as_completed(list(futures), loop=client.loop):
            job = futures[future]
            try:
                result = future.result()
            except Exception as e:  # the worker itself died or the task could not run
                result = JobResult(job.name, FAILED, error=f"{type(e).__name__}: {e}")
            results.append(result)
            on_result(result)
        return results


def _reason(error: BaseException) -> str:
    """Why the connection failed, in Indonesian (the library's own text is English)."""
    if isinstance(error, TimeoutError) or "timed out" in str(error).lower():
        return f"tidak ada jawaban dalam {CONNECT_TIMEOUT} detik"
    if isinstance(error, ConnectionRefusedError) or "refused" in str(error).lower():
        return "koneksi ditolak: tidak ada penjadwal di alamat itu"
    if isinstance(error, ValueError):
        return "alamat tidak sah"
    return "galat jaringan"


def run_on_worker(
    notebook: str, sha256: str, job: Job, timeout: float | None, kernel_log: str | None = None
) -> JobResult:
    """Run ``job`` on this worker's warm kernel (started on first use)."""
    return _worker_kernel(notebook, sha256, kernel_log).run(job, timeout)


def _worker_kernel(notebook: str, sha256: str, kernel_log: str | None = None) -> WarmKernel:
    from distributed import get_worker

    address = get_worker().address
    key = (sha256, kernel_log)
    with _LOCK:
        current = _KERNELS.get(address)
        if current is not None and current[0] == key:
            return current[1]
        if current is not None:  # another notebook or batch: warm for the wrong one
            current[1].shutdown()
        template: NotebookTemplate = load_notebook(Path(notebook))
        kernel = WarmKernel(template, kernel_log=Path(kernel_log) if kernel_log else None)
        _KERNELS[address] = (key, kernel)
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

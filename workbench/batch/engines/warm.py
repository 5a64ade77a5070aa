"""The ``warm`` engine: a pool of long-lived kernels, each reused across jobs.

Each :class:`WarmKernel` starts one IPython kernel (cwd = the notebook's
folder, like JupyterLab), imports what the notebook imports, and records the
clean state. A job is the notebook parameterised by Papermill
(``parameterize_notebook``) and executed cell by cell with nbclient's
``NotebookClient.execute_cell`` on the running kernel; afterwards the kernel
is reset (see ``_kernel_reset.py``) instead of restarted. A job that fails
is reported; its kernel is reset after a cell error and replaced after a
timeout, a dead kernel or any other exception (e.g. saving the notebook
failed): one bad job never stops its worker.

All kernel I/O of one WarmKernel happens on its own thread (nbclient's
asyncio loop and ZMQ sockets are bound to one thread), so a WarmKernel may be
called from any thread, e.g. a Dask worker's task threads.
"""

from __future__ import annotations

import copy
import html
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from workbench.atomic import write_text
from workbench.batch.engines import FAILED, OK, Engine, JobResult
from workbench.batch.jobs import Job
from workbench.batch.notebook import NotebookTemplate
from workbench.batch.translate import injectable, register
from workbench.errors import NotebookError

_RESET_SOURCE = (Path(__file__).with_name("_kernel_reset.py")).read_text(encoding="utf-8")
_INSTALL = (
    "import sys as _wb_sys, types as _wb_types\n"
    "_wb_mod = _wb_types.ModuleType('_workbench_batch')\n"
    "exec(compile({src!r}, '<workbench-batch-reset>', 'exec'), _wb_mod.__dict__)\n"
    "_wb_sys.modules['_workbench_batch'] = _wb_mod\n"
    "_wb_mod.warm_up({imports!r})\n"
    "del _wb_sys, _wb_types, _wb_mod\n"
)
_SNAPSHOT = "__import__('_workbench_batch').snapshot()"
_RESET = "__import__('_workbench_batch').reset()"


class WarmKernel:
    """One long-lived kernel that runs jobs of ``template`` one after another.

    Parameters
    ----------
    template:
        The notebook (read once).
    startup_timeout:
        Seconds to wait for the kernel to start.
    kernel_log:
        File that receives the kernel's own stdout/stderr (appended); ``None``
        lets it through to ours.
    warm_imports:
        Further modules to import while the kernel warms up, besides the notebook's own
        imports (e.g. the modules its first job would import lazily).
    """

    def __init__(
        self,
        template: NotebookTemplate,
        *,
        startup_timeout: float = 60,
        kernel_log: Path | None = None,
        warm_imports: Sequence[str] = (),
    ):
        self.template = template
        self.kernel_log = kernel_log
        self.warm_imports = list(warm_imports)
        self.startup_timeout = startup_timeout
        self.restarts = 0
        self.reset_seconds: list[float] = []
        self._client: Any = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="warm-kernel")
        self._lock = threading.Lock()
        try:
            self._call(self._start)
        except BaseException:  # _start stopped what it started; the thread goes too
            self._thread.shutdown(wait=True)
            raise

    # --- public: callable from any thread ------------------------------------------

    def run(self, job: Job, timeout: float | None = None) -> JobResult:
        """Execute ``job`` (its ``out_dir`` must be set) and save its notebook."""
        with self._lock:
            return self._call(self._run, job, timeout)

    def run_chunk(self, jobs: Sequence[Job], timeout: float | None = None) -> list[JobResult]:
        """Execute ``jobs`` in one request to the kernel (see :meth:`_run_chunk`); one result
        per job, in order. A successful job's executed notebook is in ``result.executed``
        (not saved); a failed one ran again alone (:meth:`run`), its notebook saved."""
        with self._lock:
            return self._call(self._run_chunk, list(jobs), timeout)

    def shutdown(self) -> None:
        """Stop the kernel (idempotent)."""
        with self._lock:
            if self._client is not None:
                self._call(self._stop)
            self._thread.shutdown(wait=True)

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._thread.submit(fn, *args).result()

    # --- kernel thread only ----------------------------------------------------------

    def _start(self) -> None:
        """Start the kernel and warm it up; on any failure stop what was started, re-raise.

        The kernel process exists from ``start_new_kernel`` on: a client that cannot
        connect or a warm-up that fails must not leave it running (nbclient's own
        ``setup_kernel`` cleans up the same way in ``finally``).
        """
        from nbclient import NotebookClient

        from workbench.kernels import kernel_manager, quick_kernel_manager

        folder = str(self.template.folder)
        client = NotebookClient(
            _scratch_notebook(),
            kernel_name=self.template.kernel_name,
            timeout=None,
            allow_errors=False,
            startup_timeout=int(self.startup_timeout),
            shutdown_kernel="immediate",
            resources={"metadata": {"path": folder}},
            kernel_manager_class=kernel_manager(self.kernel_log, base=quick_kernel_manager()),
        )
        self._client = client
        try:
            client.km = client.create_kernel_manager()
            client.start_new_kernel(cwd=folder)
            client.start_new_kernel_client()
            imports = [*self.template.imports, *self.warm_imports]
            self._silent(_INSTALL.format(src=_RESET_SOURCE, imports=imports))
            self._silent(_SNAPSHOT)
        except BaseException:
            self._stop()
            raise

    def _stop(self) -> None:
        client, self._client = self._client, None
        if client is None or client.km is None:  # never started, or nbclient cleaned up
            return
        try:
            client._cleanup_kernel()
        except Exception:  # the kernel may already be dead; resources are freed anyway
            pass

    def _restart(self) -> None:
        self._stop()
        self._start()
        self.restarts += 1

    def _silent(self, code: str) -> None:
        """Run helper code on the kernel (no history); raise when it fails."""
        scratch = _scratch_notebook(code)
        self._client.nb = scratch
        self._client.timeout_func = lambda _cell: self.startup_timeout
        self._client.execute_cell(scratch.cells[0], 0, store_history=False)

    def _run(self, job: Job, timeout: float | None) -> JobResult:
        started = time.perf_counter()
        target = job.folder / f"{self.template.stem}.ipynb"
        try:
            nb = parameterized(self.template, job)
            failure = self._execute(nb, timeout)
            seconds = time.perf_counter() - started
            finish_metadata(nb, started_at=started, seconds=seconds, failed=failure is not None)
            if failure is not None:
                mark_failure(nb, *failure)
            save_notebook(nb, target)
        except Exception as e:  # anything else (a value that cannot be sent, a full disk...)
            # fails this job only; the kernel's state is unknown, so it is replaced
            self._restart()
            return JobResult(
                job.name,
                FAILED,
                time.perf_counter() - started,
                error=f"{type(e).__name__}: {first_line(e)}",
                notebook=target if target.is_file() else None,
            )
        if failure is None:
            return JobResult(job.name, OK, seconds, notebook=target)
        index, error = failure
        return JobResult(
            job.name,
            FAILED,
            seconds,
            error=summary_line(error),
            cell=index,
            notebook=target,
            failure=error,
        )

    def _run_chunk(self, jobs: list[Job], timeout: float | None) -> list[JobResult]:
        """Run ``jobs`` in one execute request: the kernel runs each job's code cells in
        turn from the clean state (``_workbench_batch.run_jobs``) and sends one record per
        job. Each job keeps its own failure: a job that failed there, or that a chunk cut
        short (a time-out, a dead kernel) did not report, runs again alone, cell by cell
        (:meth:`_run`), in a fresh staging folder, so its notebook and error are what a
        single job gives."""
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        notebooks: list[Any] = []
        for job in jobs:
            try:
                notebooks.append(parameterized(self.template, job))
            except Exception:  # a value that cannot be injected: the job runs (fails) alone
                notebooks.append(None)
        sent = [(job, nb) for job, nb in zip(jobs, notebooks) if nb is not None]
        if not sent:
            return [self._run(job, timeout) for job in jobs]
        at = _injected_index(sent[0][1])
        chunk = {
            "cells": [
                [i, cell.source]
                for i, cell in enumerate(sent[0][1].cells)
                if cell.cell_type == "code"
            ],
            "jobs": [
                {"name": job.name, "parameters": nb.cells[at].source, "at": at} for job, nb in sent
            ],
        }
        scratch = _scratch_notebook(f"__import__('_workbench_batch').run_jobs({chunk!r})")
        client = self._client
        client.nb = scratch
        client.timeout_func = lambda _cell: timeout * len(jobs) if timeout else None
        try:
            client.execute_cell(scratch.cells[0], 0, store_history=False)
        except CellExecutionError:  # the runner itself failed: jobs not reported rerun alone
            self._reset()
        except (CellTimeoutError, DeadKernelError):
            self._restart()
        records = _job_records(scratch.cells[0].get("outputs", []))
        results = []
        for job, nb in zip(jobs, notebooks):
            record = records.get(job.name) if nb is not None else None
            if record is None or record["failed"]:
                _empty_folder(job.folder)  # what the chunk's attempt wrote goes
                results.append(self._run(job, timeout))
                continue
            fill_outputs(nb, record["cells"])
            seconds = float(record["seconds"])
            finish_metadata(nb, started_at=0.0, seconds=seconds, failed=False)
            results.append(JobResult(job.name, OK, seconds, executed=nb))
        return results

    def _execute(self, nb: Any, timeout: float | None) -> tuple[int | None, NotebookError] | None:
        """Run the cells of ``nb`` in place; return ``(cell index, error)`` on failure."""
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        client = self._client
        client.nb = nb
        client.reset_execution_trackers()
        deadline = time.monotonic() + timeout if timeout else None
        index, count = None, 0
        try:
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                count += 1
                left = _remaining(deadline)
                client.timeout_func = lambda _cell, left=left: left
                client.execute_cell(cell, index, execution_count=count)
                _fix_result_counts(cell, count)
        except CellExecutionError as e:
            _fix_result_counts(nb.cells[index], count)
            self._reset()
            return index, cell_error(self.template.path, count, e.ename, e.evalue)
        except (CellTimeoutError, _Deadline):
            self._restart()
            return index, cell_error(
                self.template.path, count, "TimeoutError", f"waktu habis setelah {timeout:g} detik"
            )
        except DeadKernelError:
            self._restart()
            return index, cell_error(
                self.template.path, count, "DeadKernelError", "kernel berhenti mendadak"
            )
        self._reset()
        return None

    def _reset(self) -> None:
        """Queue the reset on the kernel without waiting for it (saves a round trip).

        The kernel handles requests in order, so the next job's first cell runs
        after the reset; its reply is ignored (nbclient filters replies by id).
        ``reset_seconds`` records the send time; ``measure_reset`` the full cost.
        """
        t0 = time.perf_counter()
        self._client.kc.execute(_RESET, silent=True, store_history=False)
        self.reset_seconds.append(time.perf_counter() - t0)

    def measure_reset(self) -> float:
        """Seconds for one reset round trip (send, run in the kernel, reply)."""

        def timed() -> float:
            t0 = time.perf_counter()
            self._silent(_RESET)
            return time.perf_counter() - t0

        with self._lock:
            return self._call(timed)


def _scratch_notebook(code: str = "") -> Any:
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])


class _Deadline(Exception):
    """The job's time ran out between two cells."""


def _remaining(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Deadline
    return left


def _fix_result_counts(cell: Any, count: int) -> None:
    """Give ``Out[n]`` the job's own count (the warm kernel's counter runs on)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "execute_result":
            output["execution_count"] = count


def _injected_index(nb: Any) -> int:
    from papermill.utils import find_first_tagged_cell_index

    return find_first_tagged_cell_index(nb, "injected-parameters")


def _job_records(outputs: list) -> dict[str, dict]:
    """The records ``run_jobs`` sent, by job name."""
    import json

    from workbench.batch.engines import JOB_MIME

    records = {}
    for output in outputs:
        text = output.get("data", {}).get(JOB_MIME)
        if output.get("output_type") == "display_data" and text:
            record = json.loads(text)
            records[record["name"]] = record
    return records


def fill_outputs(nb: Any, cells: dict[str, dict]) -> None:
    """Put a job's outputs, execution counts and times (the kernel's record) in its cells."""
    import nbformat

    for index, done in cells.items():
        cell = nb.cells[int(index)]
        cell.outputs = [nbformat.from_dict(o) for o in done["outputs"]]
        cell.execution_count = done["count"]
        cell.metadata["execution"] = {
            "iopub.execute_input": done["start"],
            "shell.execute_reply": done["end"],
        }


def _empty_folder(folder: Path) -> None:
    """Empty a job's staging folder (kept: the engine's contract is that it exists)."""
    import shutil

    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
        folder.mkdir()


def cell_error(notebook: Path, count: int, ename: str, evalue: str) -> NotebookError:
    """The :class:`NotebookError` of a job whose cell ``In [count]`` failed (same message as
    a single run's, :func:`workbench.runner.execute`)."""
    return NotebookError(
        f"notebook {notebook.name} gagal pada sel {count}: {ename}: {evalue}",
        cell=count,
        ename=ename,
        evalue=evalue,
    )


#: papermill's tag for the cells it adds to a failed notebook: papermill removes them when
#: the notebook is run again, so the markers never pile up.
ERROR_MARKER_TAG = "papermill-error-cell-tag"
_ERROR_STYLE = (
    'style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"'
)


def mark_failure(nb: Any, index: int | None, error: NotebookError) -> None:
    """Mark the failing cell of ``nb`` as papermill does, in Indonesian.

    The failing cell's metadata says ``exception: true, status: failed`` (papermill's
    per-cell record) and a red note follows it, naming ``In [n]`` and the error. Unlike
    papermill no note is put at the top: the kept notebook's cells keep the indexes the
    batch summary counts (``sel ke-N``). Nothing is marked when no cell ran (``index``
    ``None``).
    """
    import nbformat

    if index is None:
        return
    cell = nb.cells[index]
    cell.metadata.setdefault("papermill", {}).update(exception=True, status="failed")
    note = nbformat.v4.new_markdown_cell(
        f'<span id="papermill-error-cell" {_ERROR_STYLE}>Eksekusi berhenti karena galat '
        f"pada sel di atas (In [{error.cell}]): {html.escape(summary_line(error))}</span>"
    )
    note.metadata["tags"] = [ERROR_MARKER_TAG]
    nb.cells.insert(index + 1, note)


def summary_line(error: NotebookError) -> str:
    """``ename: evalue`` on one line (the first line of the value), as the summary shows it."""
    return f"{error.ename}: {first_line(error.evalue or '')}"


def first_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


def parameterized(template: NotebookTemplate, job: Job) -> Any:
    """A copy of the template notebook with the job's parameters injected (papermill).

    Only plain values reach the notebook, written as literals; dates as dates
    (:mod:`workbench.batch.translate`; ``UnsafeValue``/``TypeError`` otherwise).
    """
    from papermill.parameterize import parameterize_notebook

    register()
    nb = copy.deepcopy(template.node)
    nb.metadata.papermill.update(
        input_path=str(template.path), output_path=str(job.folder / f"{template.stem}.ipynb")
    )
    return parameterize_notebook(
        nb, injectable(job.parameters, template.defaults), kernel_name="python3", language="python"
    )


def finish_metadata(nb: Any, *, started_at: float, seconds: float, failed: bool) -> None:
    end = datetime.now(timezone.utc)
    nb.metadata.papermill.update(
        end_time=end.isoformat(),
        duration=round(seconds, 3),
        exception=failed,
        engine="workbench-warm",
    )


def save_notebook(nb: Any, target: Path) -> Path:
    """Write ``nb`` atomically, without nbformat validation (hot path)."""
    from workbench.batch.notebook import notebook_text

    return write_text(target, notebook_text(nb))


def chunk_size(jobs: int, workers: int, chosen: object = None) -> int:
    """Jobs per request to a kernel: ``chosen`` when given (1: one job at a time, cell by
    cell), else enough for few round trips while each worker still gets several chunks
    (the last ones balance the load): ``ceil(jobs / (3 * workers))``, at most
    :data:`MAX_CHUNK`."""
    if chosen is not None:
        return max(1, int(str(chosen)))
    return max(1, min(MAX_CHUNK, -(-jobs // (3 * workers))))


#: The most jobs one request to a kernel runs (a chunk's records travel as one reply).
MAX_CHUNK = 16


class WarmEngine(Engine):
    """A pool of ``workers`` warm kernels (default: one per CPU), one thread each.

    Jobs go to the kernels in chunks (:func:`chunk_size`; option ``chunk``): one execute
    request runs a chunk's jobs one after another in the kernel, each from the clean state,
    and returns each job's record (:meth:`WarmKernel.run_chunk`); a job that fails there
    runs again alone, cell by cell, so its failure stays its own.
    """

    name = "warm"

    def __init__(self, template: NotebookTemplate, **kwargs: Any):
        super().__init__(template, **kwargs)
        self.kernels: list[WarmKernel] = []

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        import os

        pending: queue.SimpleQueue[list[Job]] = queue.SimpleQueue()
        workers = max(1, min(self.workers or os.cpu_count() or 1, len(jobs)))
        size = chunk_size(len(jobs), workers, self.options.get("chunk"))
        for start in range(0, len(jobs), size):
            pending.put(list(jobs[start : start + size]))
        results: list[JobResult] = []
        with ThreadPoolExecutor(workers, thread_name_prefix="warm-worker") as pool:
            futures = [pool.submit(self._work, pending, results, on_result) for _ in range(workers)]
            errors = [f.exception() for f in futures]
        first = next((e for e in errors if e is not None), None)
        while not pending.empty():  # every worker lost its kernel: report what is left
            for job in pending.get():
                result = JobResult(
                    job.name, FAILED, error=f"KernelError: kernel gagal dijalankan: {first}"
                )
                results.append(result)
                on_result(result)
        return results

    def _work(
        self,
        pending: queue.SimpleQueue,
        results: list[JobResult],
        on_result: Callable[[JobResult], None],
    ) -> None:
        kernel = None
        try:  # a kernel that fails to start has stopped itself (WarmKernel._start)
            prestarted = self.options.get("prestarted")
            if isinstance(prestarted, Prestarted):  # started while the caller validated
                kernel = prestarted.take(self.template, self.kernel_log)
            if kernel is None:
                kernel = WarmKernel(self.template, kernel_log=self.kernel_log)
            self.kernels.append(kernel)
            while True:
                try:
                    chunk = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    if self.options.get("chunk") == 1:  # cell by cell, one request per cell
                        done = [kernel.run(chunk[0], self.timeout)]
                    else:
                        done = kernel.run_chunk(chunk, self.timeout)
                except Exception as e:  # only when no kernel could be started: stop this worker
                    for job in chunk:
                        result = JobResult(job.name, FAILED, error=f"{type(e).__name__}: {e}")
                        results.append(result)
                        on_result(result)
                    raise
                for result in done:
                    results.append(result)
                    on_result(result)
        finally:
            if kernel is not None:
                kernel.shutdown()


class Prestarted:
    """Warm kernels started ahead of a batch, while the caller still validates its input.

    ``workbench reports`` starts them before it evaluates the table: each kernel's start
    (~2 CPU-seconds: the interpreter, IPython, the notebook's imports and ``warm_imports``)
    then overlaps the caller's own setup instead of following it. The batch adopts them
    (``run_batch(kernels=...)``: :meth:`take`, with the warm engine); what is not adopted
    is stopped by :meth:`close` (also when the input turns out invalid: nothing is
    written then).

    The output folder is not known yet when they start, so the kernels write their
    stdout/stderr to a temporary file; :meth:`close` appends it to the batch's kernel log
    (``DIR/.batch-kernel.log``, the file given to :meth:`take`) and removes it. A kernel
    restarted during the batch logs there directly.

    Use as a context manager. A kernel that failed to start is not adopted (the engine
    starts its own, and reports its failure as without prestarting).
    """

    def __init__(self, notebook: str | Path, count: int, *, warm_imports: Sequence[str] = ()):
        import os
        import tempfile

        from workbench.kernels import skip_slow_optional_import

        skip_slow_optional_import()  # before the threads import nbclient (-1.3 s)
        fd, name = tempfile.mkstemp(prefix="workbench-kernel-", suffix=".log")
        os.close(fd)
        self.log = Path(name)
        self._target: Path | None = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(count + 1, thread_name_prefix="warm-prestart")
        self._template = self._pool.submit(_load, notebook)
        self._kernels = [
            self._pool.submit(self._start, list(warm_imports)) for _ in range(max(0, count))
        ]

    def _start(self, warm_imports: list[str]) -> WarmKernel:
        return WarmKernel(self._template.result(), kernel_log=self.log, warm_imports=warm_imports)

    def take(self, template: NotebookTemplate, kernel_log: Path | None) -> WarmKernel | None:
        """A started kernel of ``template`` (same file, same bytes), now logging to
        ``kernel_log`` when restarted; None when none is left."""
        with self._lock:
            while self._kernels:
                try:
                    kernel = self._kernels.pop(0).result()
                except Exception:  # the engine starts its own (and reports why it fails)
                    continue
                same = kernel.template.path == template.path
                if not same or kernel.template.sha256 != template.sha256:
                    kernel.shutdown()  # the notebook changed since: start afresh
                    continue
                kernel.template, kernel.kernel_log = template, kernel_log
                if kernel_log is not None:
                    self._target = kernel_log
                return kernel
        return None

    def close(self) -> None:
        """Stop the kernels not adopted; move their log (and that of the adopted ones, which
        the engine stopped) into the batch's kernel log."""
        with self._lock:
            kernels, self._kernels = self._kernels, []
        for future in kernels:
            try:
                future.result().shutdown()
            except Exception:  # it never started: nothing to stop
                pass
        self._pool.shutdown(wait=True)
        try:
            _append_log(self.log, self._target)
        except OSError:  # e.g. a link planted meanwhile: refused; the log is only diagnostic
            pass
        finally:
            self.log.unlink(missing_ok=True)

    def __enter__(self) -> "Prestarted":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load(notebook: str | Path) -> NotebookTemplate:
    from workbench.batch.notebook import peek_notebook

    return peek_notebook(notebook)


def _append_log(source: Path, target: Path | None) -> None:
    """Append ``source`` to ``target`` (never through a link: ``open_regular``)."""
    import os
    import shutil

    from workbench.atomic import open_regular

    if target is None:
        return
    # created even when empty, as the kernels started by the engine create it
    fd = open_regular(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    with os.fdopen(fd, "ab") as dst, open(source, "rb") as src:
        shutil.copyfileobj(src, dst)

"""Batch engines: a small registry of ways to run many jobs of one notebook.

Modelled on papermill's engine registry: a name maps to a class; other code
adds its own with :func:`register_engine`. An engine is built with the
notebook template and options; it is used as a context manager
(:meth:`Engine.open` connects to whatever it needs, before the batch writes
anything; :meth:`Engine.close` lets go), and :meth:`Engine.run` executes jobs,
calling ``on_result`` (from any thread) as each job finishes.

Each job an engine receives runs into ``job.out_dir`` (a staging folder, see
:mod:`workbench.batch.staging`): the executed notebook goes to
``job.out_dir/<notebook-stem>.ipynb``, also when the job failed. ``timeout``
is per job (all cells together). The kernels' own stdout/stderr go to the
``kernel_log`` option's file (``DIR/.batch-kernel.log``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Sequence

from workbench.batch.jobs import Job
from workbench.batch.notebook import NotebookTemplate
from workbench.errors import NotebookError

OK, FAILED, SKIPPED = "ok", "failed", "skipped"
#: The MIME type of the job records a warm kernel sends for a chunk of jobs (the same text as
#: ``JOB_MIME`` in ``_kernel_reset.py``, the code that runs in the kernel).
JOB_MIME = "application/x-workbench-batch-job+json"
#: In ``batch-summary.csv`` while a batch runs (a batch killed before its end leaves it).
RUNNING = "running"


@dataclass
class JobResult:
    """The outcome of one job.

    ``cell`` is the 0-based index of the failing cell in the executed notebook
    (``None`` when the job succeeded or failed outside a cell); ``error`` is
    ``"ename: evalue"`` (first line). :attr:`message` (used in the summary)
    prefixes it with the cell counted from 1: ``"sel ke-4: ValueError: ..."``.
    """

    job: str
    status: str
    seconds: float = 0.0
    error: str = ""
    cell: int | None = None
    notebook: Path | None = None
    #: The failure as a :class:`~workbench.errors.NotebookError` (execution count, error
    #: name and value; the kept notebook once :mod:`workbench.batch.staging` kept it) when
    #: a cell failed; ``None`` otherwise (success, or a failure outside the cells).
    failure: NotebookError | None = None
    #: A successful job's executed notebook (``nbformat.NotebookNode``) when the engine kept
    #: it in memory instead of saving it (the warm engine's chunks): staging writes its HTML
    #: twin from it, and the notebook itself only when asked (``run_batch(notebooks=True)``).
    executed: Any = None

    @property
    def message(self) -> str:
        """The error as shown in the summary (``sel N: ename: evalue``)."""
        if not self.error:
            return ""
        if self.cell is None:
            return self.error
        return f"sel ke-{self.cell + 1}: {self.error}"


class Engine:
    """Base class of batch engines.

    Parameters
    ----------
    template:
        The notebook, read once.
    workers:
        How many jobs run at once (engine-specific meaning; ``None``: engine default).
    timeout:
        Seconds allowed per job (``None``: no limit).
    """

    name: ClassVar[str] = ""

    def __init__(
        self,
        template: NotebookTemplate,
        *,
        workers: int | None = None,
        timeout: float | None = None,
        **options: object,
    ):
        self.template = template
        self.workers = workers
        self.timeout = timeout
        self.options = options

    @property
    def kernel_log(self) -> Path | None:
        """The file receiving the kernels' stdout/stderr (option ``kernel_log``), if any."""
        log = self.options.get("kernel_log")
        return Path(str(log)) if log is not None else None

    def open(self) -> None:
        """Connect to what the engine needs (e.g. a cluster); raise ``InputError`` if
        unreachable."""

    def close(self) -> None:
        """Release what :meth:`open` or :meth:`run` acquired."""

    def __enter__(self) -> "Engine":
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, jobs: Sequence[Job], on_result: Callable[[JobResult], None]) -> list[JobResult]:
        """Execute ``jobs`` (each has ``out_dir`` set); return one result per job."""
        raise NotImplementedError


# name -> class, or "module:Class" loaded on first use (keeps imports cheap)
_ENGINES: dict[str, type[Engine] | str] = {
    "warm": "workbench.batch.engines.warm:WarmEngine",
    "papermill": "workbench.batch.engines.papermill:PapermillEngine",
    "dask": "workbench.batch.engines.dask:DaskEngine",
}


def register_engine(name: str, engine: type[Engine] | str) -> None:
    """Register ``engine`` (a class or ``"module:Class"``) under ``name``."""
    _ENGINES[name] = engine


def engine_names() -> list[str]:
    return list(_ENGINES)


def get_engine(name: str) -> type[Engine]:
    """The engine class registered as ``name`` (``KeyError`` when unknown)."""
    engine = _ENGINES[name]
    if isinstance(engine, str):
        module, attr = engine.split(":")
        engine = getattr(importlib.import_module(module), attr)
        _ENGINES[name] = engine
    return engine

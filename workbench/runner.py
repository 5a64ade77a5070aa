"""Run a parameterised notebook with Papermill into a staged output folder.

The CLI validates inputs first (bad input: exit 2, nothing written), then
calls :func:`run_to_folder`: the notebook runs with ``output_dir`` pointing at
a hidden staging folder; the executed notebook's HTML twin (``<stem>.html``,
:mod:`workbench.html_export`), PDFs and ``manifest.json`` are added; the staging
folder then replaces the target folder whole. A failed run leaves the
previous output untouched and keeps the executed notebook (with the failing
cell marked) beside it as ``<target>.gagal.ipynb`` for inspection, with the
kernel process's own output as ``<target>.gagal.log`` when it printed anything
(it goes to a temporary log, not the user's terminal).

One run at a time writes a target folder: :func:`workbench.atomic.staged_dir`
holds its lock (a second run gets an ``InputError``, exit 2, naming the
first) and removes staging folders a killed run left beside it. Parameters
reach the notebook only as plain literals (:mod:`workbench.batch.translate`).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from workbench.atomic import staged_dir, write_bytes, write_text
from workbench.errors import NotebookError
from workbench.html_export import warm_up, write_html_twin
from workbench.manifest import OWNER_KEY, check_owner, write_manifest
from workbench.notebook_params import check_parameters
from workbench.paths import NOTEBOOKS_DIR

FAILED_SUFFIX = ".gagal.ipynb"
FAILED_LOG_SUFFIX = ".gagal.log"
#: Bytes of a failed run's kernel log kept beside its folder at most (its end).
MAX_KEPT_LOG = 1 << 20


def execute(
    notebook: Path,
    output_notebook: Path,
    parameters: dict[str, Any],
    *,
    cwd: Path = NOTEBOOKS_DIR,
    kernel_log: Path | None = None,
    kernel: StartedKernel | None = None,
) -> None:
    """Execute ``notebook`` with Papermill (a real kernel), kernel started in ``cwd``.

    The kernel's own stdout/stderr go to ``kernel_log`` when given. ``kernel`` is a
    kernel started earlier (:class:`StartedKernel`; ``cwd`` and ``kernel_log`` were given
    to it); without one a kernel is started here. Either way the kernel is stopped when
    the notebook has run or failed: papermill is given the kernel manager (nbclient does
    not own it, so it leaves it alive) and this function stops it in ``finally``.
    """
    from workbench.kernels import skip_slow_optional_import

    owned = kernel is None
    if kernel is None:
        kernel = StartedKernel(cwd=cwd, log=kernel_log)
    skip_slow_optional_import()  # before papermill imports nbformat (-1.3 s)
    import papermill as pm

    from workbench.batch.translate import injectable, register

    register()  # parameters are injected as plain literals (workbench.batch.translate)
    try:
        pm.execute_notebook(
            str(notebook),
            str(output_notebook),
            parameters=injectable(parameters),
            # no cwd=: papermill would chdir this whole process (racy with other threads);
            # the kernel already runs in its folder
            progress_bar=False,
            kernel_name="python3",
            km=kernel.manager,
        )
    except pm.PapermillExecutionError as e:
        raise NotebookError(
            f"notebook {notebook.name} gagal pada sel {e.exec_count}: {e.ename}: {e.evalue}",
            cell=e.exec_count,
            ename=e.ename,
            evalue=e.evalue,
        ) from e
    finally:
        kernel.stop()
        if owned:
            kernel.close()


class StartedKernel:
    """A kernel process started now, for one notebook run; it boots while the caller works.

    Starting a kernel (a new Python process importing ipykernel) takes about a second
    of the other CPU; a caller that validates its inputs meanwhile gets that second back::

        with StartedKernel() as kernel:
            meeting, table = load_inputs(...)        # the kernel boots meanwhile
            run_to_folder(..., kernel=kernel)

    The kernel is the warm engine's quick one (:func:`workbench.kernels.quick_kernel_manager`:
    ready as soon as it answers, killed without the graceful shutdown, which only waits
    for a kernel that has nothing left to do). Its own stdout/stderr go to ``log`` (a new
    temporary file when not given; removed by :meth:`close` only then). Like nbclient's
    ``owns_km``: whoever starts it stops it, in ``finally`` -- :meth:`stop` after the
    run, :meth:`close` (also by ``with``) whatever happened.

    Private API of jupyter_client used: none here (``start_kernel``, ``shutdown_kernel``,
    ``cleanup_resources``, ``client`` are public); see :mod:`workbench.kernels`.
    """

    #: ipykernel's history in memory, as nbclient starts kernels (no history.sqlite written)
    EXTRA_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]

    def __init__(
        self,
        *,
        cwd: Path = NOTEBOOKS_DIR,
        log: Path | None = None,
        kernel_name: str = "python3",
        preload: Sequence[str] = (),
    ):
        from jupyter_core.utils import run_sync

        from workbench.kernels import kernel_manager, quick_kernel_manager

        self.cwd = Path(cwd)
        self._own_log = log is None
        self.log = _kernel_log() if log is None else Path(log)
        self.manager: Any = None
        self.stopped = False
        manager_class = kernel_manager(self.log, base=quick_kernel_manager())
        self.manager = manager = manager_class(kernel_name=kernel_name)
        try:  # launches the process and returns; nbclient waits for it to be ready
            run_sync(manager.start_kernel)(
                cwd=str(self.cwd),
                extra_arguments=[*self.EXTRA_ARGUMENTS, *preload_arguments(preload)],
            )
        except BaseException:
            self.close()
            raise

    def stop(self) -> None:
        """Kill the kernel and free its sockets and connection file (idempotent)."""
        from jupyter_core.utils import run_sync

        if self.stopped:
            return
        self.stopped = True
        manager = self.manager
        try:
            if manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)
        except Exception:  # already dead: only its resources are left to free
            pass
        finally:
            for client in manager.clients_made:  # nbclient leaves its client to the owner
                client.stop_channels()
            manager.clients_made.clear()
            run_sync(manager.cleanup_resources)()

    def close(self) -> None:
        """:meth:`stop`, and remove the kernel's log when it was created here."""
        try:
            if self.manager is not None:
                self.stop()
        finally:
            if self._own_log:
                self.log.unlink(missing_ok=True)

    def __enter__(self) -> StartedKernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_PRELOAD = (
    "import importlib\n"
    "for name in {modules!r}:\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except BaseException:\n"
    "        pass  # the notebook reports a real import error itself\n"
)


def preload_arguments(modules: Sequence[str]) -> list[str]:
    """Kernel arguments that import ``modules`` while the kernel starts (before it is ready).

    IPython's ``exec_lines``: the code runs in a namespace of its own (nothing appears in
    the notebook's namespace, no execution count is used) and a failing import is ignored
    (the notebook meets it again and reports it). Only the import cost moves: into the
    time the kernel boots while the caller is busy, instead of the notebook's first cells.
    """
    if not modules:
        return []
    code = _PRELOAD.format(modules=tuple(modules))
    line = f"exec(compile({code!r}, '<workbench-preload>', 'exec'), {{}})"
    return [f"--IPKernelApp.exec_lines={line}"]


def run_to_folder(
    notebook: Path,
    target: Path,
    parameters: dict[str, Any],
    *,
    command: str,
    inputs: Iterable[Path],
    after: Callable[[Path], None] | None = None,
    keep: tuple[str, ...] = (),
    kernel: StartedKernel | None = None,
    manifest_extra: Mapping[str, Any] | None = None,
    owner: Mapping[str, str] | None = None,
) -> Path:
    """Run ``notebook`` so that its outputs land in ``target`` atomically.

    ``parameters`` get ``output_dir`` set to the staging folder. The executed notebook
    gets its HTML twin (:func:`workbench.html_export.write_html_twin`: ``<stem>.html``,
    no code cells, readable offline) in the staging folder, so it swaps in with the
    rest. ``after`` is
    called on the staging folder once the notebook succeeded (e.g. PDF export).
    ``keep`` names entries of the previous ``target`` to carry over (see
    :func:`workbench.atomic.staged_dir`). ``kernel``: a kernel the caller started
    earlier (:class:`StartedKernel`, started in the notebooks folder), used and stopped
    here; the caller still closes it. Without one, a kernel is started here.
    ``manifest_extra``: entries added to ``manifest.json`` (written in the staging folder).
    ``owner``: what this run's output is made from (:func:`workbench.manifest.owner`),
    recorded in ``manifest.json``; a ``target`` another input made is refused (exit 2,
    :func:`workbench.manifest.check_owner`), checked under the folder's lock.
    Returns ``target``.
    """
    check_parameters(notebook, [*parameters, "output_dir"])  # before anything is written
    timings: dict[str, float] = {}
    with staged_dir(target, keep=keep) as stage:
        if owner is not None:
            check_owner(target, owner)
            manifest_extra = {**(manifest_extra or {}), OWNER_KEY: dict(owner)}
        params = {**parameters, "output_dir": str(stage)}
        executed = stage / notebook.name
        t0 = time.perf_counter()
        started = kernel or StartedKernel()
        html = warm_up()  # nbconvert loads while the kernel runs the notebook
        try:
            execute(notebook, executed, params, kernel=started)
        except NotebookError as e:
            e.kept_at(keep_failed(executed, target, started.log))
            raise
        finally:
            html.join()
            if kernel is None:
                started.close()
        timings["notebook"] = time.perf_counter() - t0
        retarget(executed, stage, target)
        if after is not None:
            t1 = time.perf_counter()
            after(stage)
            timings["pasca"] = time.perf_counter() - t1
        write_manifest(
            stage,
            command=command,
            inputs=[notebook, *inputs],
            parameters={**parameters, "output_dir": str(target)},
            timings=timings,
            extra=manifest_extra,
        )
        # a rendering of the executed notebook the manifest lists (not itself listed, like
        # manifest.json); after retarget, so the page names the target, not the stage
        write_html_twin(executed)
    for suffix in (FAILED_SUFFIX, FAILED_LOG_SUFFIX):  # an earlier failure is no longer current
        failed_file(target, suffix).unlink(missing_ok=True)
    return target


def _kernel_log() -> Path:
    import tempfile

    fd, name = tempfile.mkstemp(prefix="workbench-kernel-", suffix=".log")
    os.close(fd)
    return Path(name)


def failed_file(target: Path, suffix: str = FAILED_SUFFIX) -> Path:
    """Where a failed run into ``target`` keeps its notebook (or log): beside it,
    ``<target>.gagal.ipynb``."""
    return target.parent / f"{target.name}{suffix}"


def keep_failed(executed: Path, target: Path, log: Path | None = None) -> Path | None:
    """Keep a failed run's executed notebook beside ``target`` (:func:`failed_file`), and the
    kernel's own ``log`` when it said anything. Returns where the notebook now is (``None``
    when the run left none)."""
    if log is not None and log.exists() and log.stat().st_size:
        # a new file renamed over the name: a link planted there is replaced, not followed
        write_bytes(failed_file(target, FAILED_LOG_SUFFIX), log.read_bytes()[-MAX_KEPT_LOG:])
    if not executed.is_file():
        return None
    kept = failed_file(target)
    os.replace(executed, kept)  # the staging folder it came from is removed anyway
    return kept


def _injected_spelling(path: Path) -> str:
    """``path`` as the injected cell spells it (a Python string literal), inside the JSON."""
    from workbench.batch.translate import string_literal

    return json.dumps(string_literal(str(path))[1:-1], ensure_ascii=False)[1:-1]


_SPELLINGS = (
    lambda p: json.dumps(str(p), ensure_ascii=False)[1:-1],
    lambda p: json.dumps(str(p))[1:-1],
    _injected_spelling,
)


def retarget(executed: Path, stage: Path, target: Path) -> None:
    """Rewrite every mention of the staging folder in the executed notebook to ``target``.

    Covers the injected ``output_dir``, papermill's metadata (``output_path``,
    ``parameters``) and printed outputs. The staging folder's name is unique,
    so a text replacement of its spellings in the JSON is exact and needs no parsing:
    as JSON writes it (with and without ``\\u`` escapes), and as the injected cell
    spells it (:func:`workbench.batch.translate.string_literal`: quotes, backslashes and
    unprintable characters escaped as in a Python literal).
    """
    text = executed.read_text(encoding="utf-8")
    new = retarget_text(text, stage, target)
    if new != text:
        write_text(executed, new)


def retarget_text(text: str, stage: Path, target: Path) -> str:
    """``text`` (a notebook's JSON) with every spelling of ``stage`` turned into ``target``
    (see :func:`retarget`)."""
    for spell in _SPELLINGS:
        text = text.replace(spell(stage), spell(target))
    return text

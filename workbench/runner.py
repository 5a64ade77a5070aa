"""Run a parameterised notebook with Papermill into a staged output folder.

The CLI validates inputs first (bad input: exit 2, nothing written), then
calls :func:`run_to_folder`: the notebook runs with ``output_dir`` pointing at
a hidden staging folder; PDFs and ``manifest.json`` are added; the staging
folder then replaces the target folder whole. A failed run leaves the
previous output untouched and keeps the executed notebook (with the failing
cell marked) beside it as ``<target>.gagal.ipynb`` for inspection, with the
kernel process's own output as ``<target>.gagal.log`` when it printed anything
(it goes to a temporary log, not the user's terminal).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any, Callable, Iterable

from workbench.atomic import staged_dir
from workbench.errors import NotebookError
from workbench.manifest import write_manifest
from workbench.paths import NOTEBOOKS_DIR


def execute(notebook: Path, output_notebook: Path, parameters: dict[str, Any],
            *, cwd: Path = NOTEBOOKS_DIR, kernel_log: Path | None = None) -> None:
    """Execute ``notebook`` with Papermill (a real kernel), kernel started in ``cwd``.

    The kernel's own stdout/stderr go to ``kernel_log`` when given.
    """
    import papermill as pm

    from workbench.kernels import IPCAsyncKernelManager, logging_manager

    manager = logging_manager(kernel_log) if kernel_log else IPCAsyncKernelManager
    try:
        pm.execute_notebook(
            str(notebook), str(output_notebook), parameters=parameters,
            cwd=str(cwd), progress_bar=False, kernel_name="python3",
            kernel_manager_class=manager,
        )
    except pm.PapermillExecutionError as e:
        raise NotebookError(
            f"notebook {notebook.name} gagal pada sel {e.exec_count}: {e.ename}: {e.evalue}"
        ) from e


def run_to_folder(
    notebook: Path,
    target: Path,
    parameters: dict[str, Any],
    *,
    command: str,
    inputs: Iterable[Path],
    after: Callable[[Path], None] | None = None,
    keep: tuple[str, ...] = (),
) -> Path:
    """Run ``notebook`` so that its outputs land in ``target`` atomically.

    ``parameters`` get ``output_dir`` set to the staging folder. ``after`` is
    called on the staging folder once the notebook succeeded (e.g. PDF export).
    ``keep`` names entries of the previous ``target`` to carry over (see
    :func:`workbench.atomic.staged_dir`).
    Returns ``target``.
    """
    timings: dict[str, float] = {}
    with staged_dir(target, keep=keep) as stage:
        params = {**parameters, "output_dir": str(stage)}
        executed = stage / notebook.name
        t0 = time.perf_counter()
        log = _kernel_log()
        try:
            execute(notebook, executed, params, kernel_log=log)
        except NotebookError:
            _keep_failed(executed, target, log)
            raise
        finally:
            log.unlink(missing_ok=True)
        timings["notebook"] = time.perf_counter() - t0
        _retarget_parameters(executed, stage, target)
        if after is not None:
            t1 = time.perf_counter()
            after(stage)
            timings["pasca"] = time.perf_counter() - t1
        write_manifest(stage, command=command, inputs=[notebook, *inputs],
                       parameters={**parameters, "output_dir": str(target)}, timings=timings)
    for suffix in (".gagal.ipynb", ".gagal.log"):   # an earlier failure is no longer current
        (target.parent / f"{target.name}{suffix}").unlink(missing_ok=True)
    return target


def _kernel_log() -> Path:
    import os
    import tempfile

    fd, name = tempfile.mkstemp(prefix="workbench-kernel-", suffix=".log")
    os.close(fd)
    return Path(name)


def _keep_failed(executed: Path, target: Path, log: Path) -> None:
    """Keep the failed notebook (and the kernel's own log, when it said anything)."""
    if executed.exists():
        shutil.copyfile(executed, target.parent / f"{target.name}.gagal.ipynb")
    if log.exists() and log.stat().st_size:
        shutil.copyfile(log, target.parent / f"{target.name}.gagal.log")


def _retarget_parameters(executed: Path, stage: Path, target: Path) -> None:
    """Make the executed notebook's injected ``output_dir`` (and metadata) name the final folder."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(repr(str(stage)), repr(str(target)))
            cell.source = cell.source.replace(f'"{stage}"', f'"{target}"')
    meta = nb.metadata.get("papermill", {})
    if "output_path" in meta:
        meta["output_path"] = str(target / executed.name)
    if meta.get("parameters", {}).get("output_dir") == str(stage):
        meta["parameters"]["output_dir"] = str(target)
    nbformat.write(nb, executed)

"""Run a parameterised notebook with Papermill into a staged output folder.

The CLI validates inputs first (bad input: exit 2, nothing written), then
calls :func:`run_to_folder`: the notebook runs with ``output_dir`` pointing at
a hidden staging folder; PDFs and ``manifest.json`` are added; the staging
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
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Iterable

from workbench.atomic import staged_dir, write_text
from workbench.errors import NotebookError
from workbench.manifest import write_manifest
from workbench.paths import NOTEBOOKS_DIR

FAILED_SUFFIX = ".gagal.ipynb"
FAILED_LOG_SUFFIX = ".gagal.log"


def execute(notebook: Path, output_notebook: Path, parameters: dict[str, Any],
            *, cwd: Path = NOTEBOOKS_DIR, kernel_log: Path | None = None) -> None:
    """Execute ``notebook`` with Papermill (a real kernel), kernel started in ``cwd``.

    The kernel's own stdout/stderr go to ``kernel_log`` when given.
    """
    import papermill as pm

    from workbench.batch.translate import injectable, register
    from workbench.kernels import kernel_manager

    register()  # parameters are injected as plain literals (workbench.batch.translate)
    try:
        pm.execute_notebook(
            str(notebook), str(output_notebook), parameters=injectable(parameters),
            cwd=str(cwd), progress_bar=False, kernel_name="python3",
            kernel_manager_class=kernel_manager(kernel_log),
        )
    except pm.PapermillExecutionError as e:
        raise NotebookError(
            f"notebook {notebook.name} gagal pada sel {e.exec_count}: {e.ename}: {e.evalue}",
            cell=e.exec_count, ename=e.ename, evalue=e.evalue,
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
        except NotebookError as e:
            raise e.kept_at(keep_failed(executed, target, log))
        finally:
            log.unlink(missing_ok=True)
        timings["notebook"] = time.perf_counter() - t0
        retarget(executed, stage, target)
        if after is not None:
            t1 = time.perf_counter()
            after(stage)
            timings["pasca"] = time.perf_counter() - t1
        write_manifest(stage, command=command, inputs=[notebook, *inputs],
                       parameters={**parameters, "output_dir": str(target)}, timings=timings)
    for suffix in (FAILED_SUFFIX, FAILED_LOG_SUFFIX):   # an earlier failure is no longer current
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
        shutil.copyfile(log, failed_file(target, FAILED_LOG_SUFFIX))
    if not executed.is_file():
        return None
    kept = failed_file(target)
    os.replace(executed, kept)   # the staging folder it came from is removed anyway
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
    new = text
    for spell in _SPELLINGS:
        new = new.replace(spell(stage), spell(target))
    if new != text:
        write_text(executed, new)

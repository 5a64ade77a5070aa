"""Atomic job folders: a job's outputs replace the previous ones whole, only on success.

Every job runs into a hidden staging folder beside its folder,
``DIR/.<job>.staging`` (the injected ``output_dir`` names it). When the job
ends, the parent process (the one that called :func:`run_batch`):

- rewrites every mention of the staging folder in the executed notebook
  (the injected ``output_dir``, papermill's metadata, printed outputs) to
  the final folder (:func:`workbench.runner.retarget`, as a single run does);
- on success, records the ``--resume`` state in the staging folder and swaps
  it in for ``DIR/<job>/`` with two renames (:func:`workbench.atomic.swap_in`);
  a ``DIR/<job>.gagal.ipynb`` left by an earlier failure is removed;
- on failure, keeps ``DIR/<job>/`` exactly as it was (only its ``--resume``
  state is dropped, so the job reruns), moves the executed notebook, error
  included, to ``DIR/<job>.gagal.ipynb`` (:func:`workbench.runner.keep_failed`,
  the single run's name for it), and removes the staging folder.

Engines need not know: they run a *staged* copy of the job (its ``out_dir``
and ``output_dir`` are the staging folder). With the ``dask`` engine the
workers write into the staging folder and the parent renames it, so workers
and parent must share the filesystem (they already must see the notebook and
the inputs). Cost per job: the executed notebook is read and rewritten once,
and two renames.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Callable

from workbench.atomic import swap_in
from workbench.batch.engines import OK, JobResult
from workbench.batch.jobs import Job
from workbench.batch.notebook import NotebookTemplate
from workbench.batch.resume import STATE_FILE
from workbench.runner import failed_file, keep_failed, retarget

STAGING_SUFFIX = ".staging"


def stage_folder(job: Job) -> Path:
    """``DIR/.<job>.staging`` for a job whose folder is ``DIR/<job>``."""
    return job.out_dir.parent / f".{job.out_dir.name}{STAGING_SUFFIX}"


def staged(template: NotebookTemplate, job: Job) -> Job:
    """A copy of ``job`` that runs into its (new, empty) staging folder.

    A staging folder left by an interrupted run is removed first.
    """
    stage = stage_folder(job)
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    parameters = dict(job.parameters)
    if "output_dir" in template.parameters:
        parameters["output_dir"] = str(stage)
    return dataclasses.replace(job, parameters=parameters, out_dir=stage)


def finish(template: NotebookTemplate, job: Job, result: JobResult,
           record: Callable[[Path], None]) -> JobResult:
    """Swap a successful job's staging folder in, or keep the failure aside (see module doc).

    ``record(folder)`` writes the ``--resume`` state into the staging folder
    before it is swapped in. Returns ``result`` with ``notebook`` naming where
    the executed notebook now is (``None`` when the job produced none).
    """
    stage = stage_folder(job)
    executed = stage / f"{template.stem}.ipynb"
    try:
        if executed.is_file():
            retarget(executed, stage, job.out_dir)
        if result.status == OK:
            record(stage)
            swap_in(stage, job.out_dir)
            failed_file(job.out_dir).unlink(missing_ok=True)
            return dataclasses.replace(result, notebook=job.out_dir / executed.name)
        (job.out_dir / STATE_FILE).unlink(missing_ok=True)
        return dataclasses.replace(result, notebook=keep_failed(executed, job.out_dir))
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


def discard(jobs: list[Job]) -> None:
    """Remove staging folders that are still there (an interrupted batch)."""
    for job in jobs:
        stage = stage_folder(job)
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)

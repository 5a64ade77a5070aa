"""Atomic job folders: a job's outputs replace the previous ones whole, only on success.

Every job runs into a hidden staging folder beside its folder,
``DIR/.<job>.staging-<run>`` (the injected ``output_dir`` names it; ``<run>``
is unique to the batch run, so two runs never share one; a second run into
the same ``DIR`` is refused anyway by the folder lock that
:func:`workbench.batch.run.run_batch` holds). When the job
ends, the parent process (the one that called :func:`run_batch`):

- rewrites every mention of the staging folder in the executed notebook
  (the injected ``output_dir``, papermill's metadata, printed outputs) to
  the final folder (:func:`workbench.runner.retarget`, as a single run does);
- on success, writes the executed notebook (unless ``notebooks`` is false: then only its
  twin) and its HTML twin ``<stem>.html`` when asked (``html``;
  :func:`workbench.html_export.twin_page`: the cached shell around the cells, no code cells,
  readable offline), both from memory when the engine kept the notebook there (the warm
  engine's chunks) and both naming the final folder; records the ``--resume`` state in the
  staging folder (those two hashed from the bytes written) and swaps
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
the inputs). Cost per job: the notebook serialised once (or read once, from an engine that
saved it), its twin rendered (~0.3 ms), and two renames.
"""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from pathlib import Path
from typing import Callable

from workbench.atomic import STAGING_MARK, new_stage, refuse_link, swap_in, write_bytes
from workbench.batch.engines import OK, JobResult
from workbench.batch.jobs import Job
from workbench.batch.notebook import NotebookTemplate
from workbench.batch.resume import STATE_FILE
from workbench.html_export import twin_page, twin_path
from workbench.runner import failed_file, keep_failed, retarget, retarget_text


def new_run_id() -> str:
    """A name part unique to one batch run (random; no two runs share staging folders)."""
    return uuid.uuid4().hex[:8]


def stage_folder(job: Job, run_id: str) -> Path:
    """``DIR/.<job>.staging-<run_id>`` for a job whose folder is ``DIR/<job>``."""
    return job.folder.parent / f".{job.folder.name}{STAGING_MARK}{run_id}"


def staged(template: NotebookTemplate, job: Job, run_id: str) -> Job:
    """A copy of ``job`` that runs into its (new, empty) staging folder."""
    refuse_link(job.folder)
    job.folder.parent.mkdir(parents=True, exist_ok=True)
    stage = new_stage(job.folder, run_id)
    return job.into(stage, template.parameters)


def finish(
    template: NotebookTemplate,
    job: Job,
    run_id: str,
    result: JobResult,
    record: Callable[[Path, dict[str, bytes]], None],
    *,
    html: bool = False,
    notebooks: bool = True,
) -> JobResult:
    """Swap a successful job's staging folder in, or keep the failure aside (see module doc).

    ``record(folder)`` writes the ``--resume`` state into the staging folder
    before it is swapped in. Returns ``result`` with ``notebook`` naming where
    the executed notebook now is (``None`` when the job produced none).
    """
    stage = stage_folder(job, run_id)
    executed = stage / f"{template.stem}.ipynb"
    try:
        if result.status == OK:
            written = _finish_record(template, stage, job.folder, result, html, notebooks)
            record(stage, written)
            swap_in(stage, job.folder)
            failed_file(job.folder).unlink(missing_ok=True)
            kept = job.folder / executed.name if executed.name in written else None
            return dataclasses.replace(result, notebook=kept, executed=None)
        if executed.is_file():
            retarget(executed, stage, job.folder)
        (job.folder / STATE_FILE).unlink(missing_ok=True)
        kept = keep_failed(executed, job.folder)
        if result.failure is not None:
            result.failure.kept_at(kept)
        return dataclasses.replace(result, notebook=kept)
    finally:
        _remove(stage)


def _finish_record(
    template: NotebookTemplate,
    stage: Path,
    final: Path,
    result: JobResult,
    html: bool,
    notebooks: bool,
) -> dict[str, bytes]:
    """Write a successful job's executed notebook (when ``notebooks``) and HTML twin (when
    ``html``) into ``stage``, naming ``final`` instead of ``stage``; return the bytes
    written by file name (the ``--resume`` state hashes them without reading them back).

    The notebook comes from the engine's memory (``result.executed``) or from the file it
    saved; a saved one is removed when ``notebooks`` is false.
    """
    import json

    from workbench.batch.notebook import notebook_text

    executed = stage / f"{template.stem}.ipynb"
    if result.executed is not None:
        # nbformat's own spelling only for a file kept (it copies the notebook first)
        text = notebook_text(result.executed) if notebooks else json.dumps(result.executed)
    elif executed.is_file():
        text = executed.read_text(encoding="utf-8")
    else:
        return {}
    text = retarget_text(text, stage, final)
    written: dict[str, bytes] = {}
    if notebooks:
        written[executed.name] = text.encode("utf-8")
        write_bytes(executed, written[executed.name])
    else:
        executed.unlink(missing_ok=True)
    if html:
        # parsed again from the retargeted text: retarget_text rewrites the staging folder's
        # paths as they are spelled in JSON, wherever they sit in the notebook
        page = twin_page(json.loads(text), template.stem)
        twin = twin_path(executed)
        written[twin.name] = page.encode("utf-8")
        write_bytes(twin, written[twin.name])
    return written


def discard(jobs: list[Job], run_id: str) -> None:
    """Remove this run's staging folders that are still there (an interrupted batch)."""
    for job in jobs:
        _remove(stage_folder(job, run_id))


def _remove(stage: Path) -> None:
    """Remove a staging folder, or whatever a job left in its place (a file, a link)."""
    if stage.is_dir() and not stage.is_symlink():
        shutil.rmtree(stage, ignore_errors=True)
    elif stage.exists() or stage.is_symlink():
        stage.unlink(missing_ok=True)

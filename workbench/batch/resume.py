"""``--resume``: skip jobs whose inputs and outputs are unchanged.

After a successful job, ``DIR/<job>/.batch-state.json`` records the sha256 of
the notebook file, of the job's parameters (canonical JSON), of every
parameter value that names an existing file (input files, templates; found
the way the notebook finds them, see :func:`input_files`) plus any
``extra_inputs`` the caller passes, and of every output file the job left in
its folder. A job is skipped when all of these are still the same.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from workbench.atomic import write_text
from workbench.batch.jobs import Job, canonical_json
from workbench.batch.notebook import NotebookTemplate
from workbench.manifest import sha256_file

STATE_FILE = ".batch-state.json"


def input_files(template: NotebookTemplate, job: Job, extra: Iterable[Path] = ()) -> list[Path]:
    """Files a job reads: parameter values naming an existing file, plus ``extra``.

    A relative value is looked up the way the project's notebooks resolve it
    (:func:`workbench.paths.resolve_from_project` run in the kernel, whose
    working folder is the notebook's folder): relative to the notebook's
    folder when it exists there, else relative to the project root.
    """
    found = [Path(p).resolve() for p in extra]
    for value in _strings(job.parameters.values()):
        if not value or "\n" in value or len(value) > 4096:
            continue
        path = _resolve_like_notebook(template.folder, value)
        try:
            if path is not None and path.is_file():
                found.append(path.resolve())
        except OSError:  # not a valid path at all
            continue
    return sorted(set(found))


def _resolve_like_notebook(folder: Path, value: str) -> Path | None:
    """``resolve_from_project(value)`` as seen from a kernel started in ``folder``."""
    from workbench import paths

    try:
        p = Path(value).expanduser()
        if p.is_absolute():
            return p
        local = folder / p
        if local.exists():
            return local
        return paths.PROJECT_ROOT / p
    except (OSError, ValueError):  # not a valid path at all
        return None


def _strings(values: Iterable[Any]) -> Iterable[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _strings(value)
        elif isinstance(value, dict):
            yield from _strings(value.values())


def job_key(
    template: NotebookTemplate,
    job: Job,
    extra: Iterable[Path] = (),
    hashes: dict[Path, str] | None = None,
) -> dict[str, Any]:
    """What a job's result depends on, as hashes.

    ``hashes`` (path -> sha256) lets the caller hash inputs shared by many jobs
    once: :func:`workbench.batch.run.run_batch` passes one dict per batch (the
    514 office reports all read the same national table).
    """
    hashes = {} if hashes is None else hashes
    inputs = {}
    for path in input_files(template, job, extra):
        if path not in hashes:
            hashes[path] = sha256_file(path)
        inputs[str(path)] = hashes[path]
    return {
        "notebook": template.sha256,
        "parameters": hashlib.sha256(canonical_json(job.parameters).encode()).hexdigest(),
        "inputs": inputs,
    }


def record(
    template: NotebookTemplate,
    job: Job,
    extra: Iterable[Path] = (),
    hashes: dict[Path, str] | None = None,
    folder: Path | None = None,
) -> None:
    """Write the job's state file after a successful run (``hashes``: see :func:`job_key`).

    ``folder`` is where the job's outputs are now (its staging folder, about
    to become ``job.out_dir``); default ``job.out_dir``.
    """
    folder = job.folder if folder is None else folder
    outputs = {
        p.relative_to(folder).as_posix(): sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != STATE_FILE and not p.name.startswith(".")
    }
    state = {**job_key(template, job, extra, hashes), "outputs": outputs}
    write_text(folder / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")


def is_current(
    template: NotebookTemplate,
    job: Job,
    extra: Iterable[Path] = (),
    hashes: dict[Path, str] | None = None,
) -> bool:
    """Whether ``job`` ran before with the same inputs and its outputs are intact."""
    state_path = job.folder / STATE_FILE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    recorded = {k: state.get(k) for k in ("notebook", "parameters", "inputs")}
    if recorded != job_key(template, job, extra, hashes):
        return False
    for name, digest in state.get("outputs", {}).items():
        path = job.folder / name
        if not path.is_file() or sha256_file(path) != digest:
            return False
    return True

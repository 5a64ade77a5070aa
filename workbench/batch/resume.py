"""``--resume``: skip jobs whose inputs and outputs are unchanged.

After a successful job, ``DIR/<job>/.batch-state.json`` records the sha256 of
the notebook file, of the job's parameters (canonical JSON), of every
parameter value that names an existing file (input files, templates; found
the way the notebook finds them, see :func:`input_files`) plus any
``extra_inputs`` the caller passes, and of every output file the job left in
its folder. A job is skipped when all of these are still the same.

Only regular files inside the allowed folders (:func:`allowed_folders`: the project, the
notebook's folder, the current folder, the jobs table's folder; plus the caller's
``extra_inputs``) of at most
:data:`~workbench.limits.MAX_RESUME_FILE_BYTES` are hashed, at most
:data:`~workbench.limits.MAX_RESUME_FILES` inputs and
:data:`~workbench.limits.MAX_RESUME_OUTPUTS` outputs a job: a value naming anything else
(``/proc/self/pagemap``, a FIFO, a device, a file outside those folders, a huge file) is
never read, and its job is never skipped (it reruns, as without ``--resume``).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any, Iterable

from workbench import limits
from workbench.atomic import write_text
from workbench.batch.jobs import Job, canonical_json
from workbench.batch.notebook import NotebookTemplate

STATE_FILE = ".batch-state.json"
#: The hash recorded for a file named by a job that is not hashed (see the module doc).
UNHASHED = "tidak-di-hash"


def allowed_folders(template: NotebookTemplate, jobs_table: Path | None = None) -> list[Path]:
    """Where files hashed for ``--resume`` may be: the project, the notebook's folder, the
    current folder and the jobs table's folder (resolved)."""
    from workbench import paths

    folders = [paths.PROJECT_ROOT, template.folder, Path.cwd()]
    if jobs_table is not None:
        folders.append(Path(jobs_table).parent)
    return [Path(p).resolve() for p in folders]


def _regular_size(path: Path, *, follow: bool = True) -> int | None:
    """The size of ``path`` when it is a regular file (``follow``: through links), else None."""
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _hashable(path: Path, allowed: Iterable[Path]) -> bool:
    size = _regular_size(path)
    if size is None or size > limits.MAX_RESUME_FILE_BYTES:
        return False
    real = path.resolve()
    return any(real.is_relative_to(folder) for folder in allowed)


def sha256_bounded(path: Path, limit: int = limits.MAX_RESUME_FILE_BYTES) -> str:
    """sha256 of a regular file of at most ``limit`` bytes (opened without blocking, never a
    FIFO or device; a file grown past ``limit`` meanwhile hashes as :data:`UNHASHED`)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return UNHASHED
        h, left = hashlib.sha256(), limit + 1
        while left and (block := f.read(min(1 << 20, left))):
            h.update(block)
            left -= len(block)
    return UNHASHED if not left else h.hexdigest()


def input_files(template: NotebookTemplate, job: Job, extra: Iterable[Path] = ()) -> list[Path]:
    """Files a job reads: parameter values naming an existing regular file, plus ``extra``.

    A relative value is looked up the way the project's notebooks resolve it
    (:func:`workbench.paths.resolve_from_project` run in the kernel, whose
    working folder is the notebook's folder): relative to the notebook's
    folder when it exists there, else relative to the project root.
    """
    found = [Path(p).resolve() for p in extra]
    for path in _named_paths(template, job):
        if _regular_size(path) is not None:
            found.append(path.resolve())
    return sorted(set(found))


def _named_paths(template: NotebookTemplate, job: Job) -> Iterable[Path]:
    """Every existing path a parameter value names (anything: a file, a FIFO, /proc)."""
    for value in _strings(job.parameters.values()):
        if not value or "\n" in value or len(value) > 4096:
            continue
        path = _resolve_like_notebook(template.folder, value)
        try:
            if path is not None and os.path.lexists(path) and not path.is_dir():
                yield path
        except (OSError, ValueError):  # not a valid path at all
            continue


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
    allowed: Iterable[Path] | None = None,
) -> dict[str, Any]:
    """What a job's result depends on, as hashes.

    ``hashes`` (path -> sha256) lets the caller hash inputs shared by many jobs
    once: :func:`workbench.batch.run.run_batch` passes one dict per batch (the
    514 office reports all read the same national table).
    """
    hashes = {} if hashes is None else hashes
    extra = [Path(p).resolve() for p in extra]
    allowed = [*(allowed_folders(template) if allowed is None else allowed), *extra]
    inputs = {}
    named = sorted({*extra, *(p.absolute() for p in _named_paths(template, job))})
    for n, path in enumerate(named):
        if n >= limits.MAX_RESUME_FILES or not _hashable(path, allowed):
            inputs[str(path)] = UNHASHED  # never read; the job is never skipped
            continue
        path = path.resolve()
        if path not in hashes:
            hashes[path] = sha256_bounded(path)
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
    allowed: Iterable[Path] | None = None,
    written: dict[str, bytes] | None = None,
) -> None:
    """Write the job's state file after a successful run (``hashes``: see :func:`job_key`).

    ``folder`` is where the job's outputs are now (its staging folder, about
    to become ``job.out_dir``); default ``job.out_dir``. ``written`` maps the names (relative
    to ``folder``) of files this process has just written to their bytes: hashed from those
    bytes, not read back.
    """
    folder = job.folder if folder is None else folder
    written = written or {}
    outputs = {}
    for path in _output_files(folder)[: limits.MAX_RESUME_OUTPUTS + 1]:
        name = path.relative_to(folder).as_posix()
        data = written.get(name)
        outputs[name] = (
            hashlib.sha256(data).hexdigest()
            if data is not None and len(data) <= limits.MAX_RESUME_FILE_BYTES
            else sha256_bounded(path)
        )
    state = {**job_key(template, job, extra, hashes, allowed), "outputs": outputs}
    write_text(folder / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")


def is_current(
    template: NotebookTemplate,
    job: Job,
    extra: Iterable[Path] = (),
    hashes: dict[Path, str] | None = None,
    allowed: Iterable[Path] | None = None,
) -> bool:
    """Whether ``job`` ran before with the same inputs and its outputs are intact."""
    state_path = job.folder / STATE_FILE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    recorded = {k: state.get(k) for k in ("notebook", "parameters", "inputs")}
    if not isinstance(state, dict) or recorded != job_key(template, job, extra, hashes, allowed):
        return False
    if UNHASHED in recorded["inputs"].values():
        return False
    outputs = state.get("outputs")
    if not isinstance(outputs, dict) or len(outputs) > limits.MAX_RESUME_OUTPUTS:
        return False
    if UNHASHED in outputs.values():
        return False
    if sorted(outputs) != [p.relative_to(job.folder).as_posix() for p in _output_files(job.folder)]:
        return False  # a file added, removed, or a state naming something else
    return all(sha256_bounded(job.folder / name) == digest for name, digest in outputs.items())


def _output_files(folder: Path) -> list[Path]:
    """The job's output files: regular files below ``folder`` (links neither followed nor
    listed; hidden names and the state file left out), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):  # os.walk does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and _regular_size(path, follow=False) is not None:
                found.append(path)
        if len(found) > limits.MAX_RESUME_OUTPUTS:
            break
    return sorted(found)

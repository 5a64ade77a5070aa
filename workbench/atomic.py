"""Atomic writes: a file or a whole output folder appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import uuid
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    The file that appears has the permissions of the file it replaces, or, when
    ``target`` is new, those of any new file (``0666`` less the umask, usually ``0644``)
    rather than the ``0600`` of :func:`tempfile.mkstemp`.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = _create_temp(target)
    try:
        yield tmp_path
        _keep_mode(target, tmp_path)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _create_temp(target: Path) -> Path:
    """An empty, new, hidden file beside ``target``, created with mode ``0666 & ~umask``.

    ``os.open`` lets the kernel apply the umask, so it need not be read (reading it
    with ``os.umask`` would briefly change it for every thread).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            os.close(os.open(tmp, flags, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def _keep_mode(target: Path, tmp_path: Path) -> None:
    """Give ``tmp_path`` the permission bits of an existing ``target``."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp_path, mode)


def write_bytes(target: str | Path, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(target, text.encode(encoding))


@contextlib.contextmanager
def staged_dir(target: str | Path, keep: tuple[str, ...] = ()) -> Iterator[Path]:
    """Build a folder in a hidden staging folder, then swap it in whole.

    Yields the staging folder. On success the previous ``target`` (if any) is
    replaced by the staged one; on failure the staging folder is removed and
    the previous ``target`` stays exactly as it was. Entries named in ``keep``
    (e.g. a ``satker/`` folder another command owns) are carried over from the
    previous ``target`` unless the new one has its own.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = target.parent / f".{target.name}.staging-{uuid.uuid4().hex[:8]}"
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    for name in keep:
        if (target / name).exists() and not (stage / name).exists():
            os.replace(target / name, stage / name)
    swap_in(stage, target)


def swap_in(stage: Path, target: Path) -> None:
    """Replace ``target`` by ``stage`` with two renames (old copy removed after)."""
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        os.replace(target, old)
    try:
        os.replace(stage, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

"""Atomic writes: a file or a whole output folder appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


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

"""Atomic writes: a file or a whole output folder appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
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

    Yields the staging folder (``.<name>.staging-<random>`` beside ``target``).
    On success the previous ``target`` (if any) is replaced by the staged one;
    on failure the staging folder is removed and the previous ``target`` stays
    exactly as it was. Entries named in ``keep`` (e.g. a ``satker/`` folder
    another command owns) are carried over from the previous ``target`` unless
    the new one has its own; each is locked (:func:`folder_lock`) while it moves.

    The whole build holds :func:`folder_lock` on ``target``: a second run into
    the same folder stops with an ``InputError`` naming the first. Holding it,
    staging and old copies left beside ``target`` by a killed run are removed
    first (:func:`sweep_stale`).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(target):
        sweep_stale(target.parent, target.name)
        stage = target.parent / f".{target.name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
        stage.mkdir()
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _swap_in_keeping(stage, target, keep)


def _swap_in_keeping(stage: Path, target: Path, keep: tuple[str, ...]) -> None:
    """:func:`swap_in`, first moving the ``keep`` entries of ``target`` into ``stage``.

    On failure the moved entries go back and the staging folder is removed.
    """
    moved: list[str] = []
    try:
        with contextlib.ExitStack() as held:
            for name in keep:
                if (target / name).exists() and not (stage / name).exists():
                    held.enter_context(folder_lock(target / name))
                    os.replace(target / name, stage / name)
                    moved.append(name)
            swap_in(stage, target)
    except BaseException:
        for name in moved:
            with contextlib.suppress(OSError):
                os.replace(stage / name, target / name)
        shutil.rmtree(stage, ignore_errors=True)
        raise


def swap_in(stage: Path, target: Path) -> None:
    """Replace ``target`` by ``stage`` with two renames (old copy removed after)."""
    old = None
    if target.exists():
        old = target.parent / f".{target.name}{OLD_MARK}{uuid.uuid4().hex[:8]}"
        os.replace(target, old)
    try:
        os.replace(stage, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- one run per output folder ------------------------------------------------------------

#: Infix of a staging folder's name (``.<name>.staging-<run>``) and of a replaced folder
#: waiting for removal (``.<name>.old-<random>``).
STAGING_MARK, OLD_MARK = ".staging-", ".old-"
#: Suffix of the lock file beside a locked folder (``.<name>.lock``).
LOCK_SUFFIX = ".lock"


def lock_file(folder: Path) -> Path:
    """Where the lock of ``folder`` lives: ``.<name>.lock`` beside it."""
    folder = Path(os.path.abspath(folder))
    return folder.parent / f".{folder.name}{LOCK_SUFFIX}"


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold the lock on output folder ``folder`` (not re-entrant); yield the lock file.

    One run at a time writes a folder: the lock is an OS lock (``flock``; a
    byte-range lock on Windows) on ``.<name>.lock`` beside ``folder``, so the
    operating system releases it when its holder dies (``kill -9``, power
    loss): a killed run never blocks the next one. The holder writes its PID,
    host, start time and command line into the file; a second run finding it
    held raises ``InputError`` (exit 2) naming them. The file is removed on
    release, so nothing is left beside ``folder``.
    """
    path = lock_file(Path(folder))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(path)
    try:
        _write_holder(fd)
        yield path
    finally:
        try:
            if _same_file(fd, path):
                path.unlink()
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)


def _acquire(path: Path) -> int:
    from workbench.errors import InputError

    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise InputError(
                f"folder keluaran {path.parent / path.name[1 : -len(LOCK_SUFFIX)]} sedang dipakai "
                f"oleh proses lain ({holder}).",
                file=path,
                fix="Tunggu proses itu selesai, lalu ulangi; atau tulis ke folder lain "
                "(--out). Dua proses tidak boleh menulis folder yang sama bersamaan.",
            )
        if _same_file(fd, path):  # not removed by a holder releasing it meanwhile
            return fd
        _unlock(fd)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


#: Windows locks a byte range; far past the holder text, which others must still read.
_WINDOWS_LOCK_OFFSET = 1 << 20


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # no fcntl there (a platform check, which mypy understands)
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _write_holder(fd: int) -> None:
    import datetime as dt
    import json
    import socket
    import sys

    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "sejak": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "perintah": " ".join(sys.argv)[:300],
    }
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, (json.dumps(holder, ensure_ascii=False) + "\n").encode("utf-8"))


def _read_holder(fd: int) -> str:
    import json

    try:
        os.lseek(fd, 0, os.SEEK_SET)
        holder = json.loads(os.read(fd, 4096).decode("utf-8"))
        return (
            f"PID {holder['pid']} di komputer {holder['host']}, sejak {holder['sejak']}, "
            f"perintah: {holder['perintah']}"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "pemegangnya baru saja mulai dan belum tercatat"


def sweep_stale(parent: Path, name: str | None = None) -> list[Path]:
    """Remove what killed runs left in ``parent``: staging folders (``.<name>.staging-*``) and
    replaced folders never deleted (``.<name>.old-*``), for one ``name`` or (``None``) every
    name. Returns what was removed.

    Call only while holding the lock of the folder(s) these belong to: then no
    live run owns them (a staging folder's run holds the lock until it ends).
    """
    import glob

    removed = []
    pattern = "*" if name is None else glob.escape(name)
    for mark in (STAGING_MARK, OLD_MARK):
        for path in Path(parent).glob(f".{pattern}{mark}*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed

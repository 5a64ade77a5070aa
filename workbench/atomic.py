"""Atomic writes: a file or a whole output folder appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import re
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
        refuse_link(target)
        for name in keep:
            refuse_link(target / name)
        sweep_stale(target.parent, target.name)
        stage = new_stage(target)
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
                if target.is_dir() and (target / name).exists() and not (stage / name).exists():
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


def new_stage(target: Path, run_id: str | None = None) -> Path:
    """Create the (new, empty but for its marker) staging folder of ``target``:
    ``.<name>.staging-<run_id>`` beside it (``run_id``: 8 random hex digits when not given),
    holding :data:`STALE_MARKER` so that :func:`sweep_stale` knows this program made it."""
    stage = target.parent / f".{target.name}{STAGING_MARK}{run_id or uuid.uuid4().hex[:8]}"
    stage.mkdir()
    _mark(stage)
    return stage


def _mark(folder: Path) -> None:
    """Write :data:`STALE_MARKER` into ``folder`` (a new file: never through a link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
    os.close(os.open(folder / STALE_MARKER, flags, 0o644))


def swap_in(stage: Path, target: Path) -> None:
    """Replace ``target`` by ``stage`` with two renames (old copy removed after).

    A ``target`` that is a symbolic link is refused (:func:`refuse_link`): the link itself
    would be replaced, never what it points to, but a run must not quietly drop it either.
    The stage's :data:`STALE_MARKER` is removed first; the replaced copy gets one while it
    waits for removal (a killed run leaves it for :func:`sweep_stale`).
    """
    refuse_link(target)
    (stage / STALE_MARKER).unlink(missing_ok=True)
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
        with contextlib.suppress(OSError):
            _mark(old)
        shutil.rmtree(old, ignore_errors=True)


# --- no symbolic link under an output folder ------------------------------------------------

#: ``os.O_NOFOLLOW`` where the platform has it (opening a symbolic link then fails).
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

_LINK_FIX = (
    "Hapus tautan simbolik (symlink) itu atau tulis ke folder lain (--out). Workbench tidak "
    "menulis melalui tautan di dalam folder keluaran, agar berkas di tempat lain tidak tertimpa."
)


def refuse_link(path: str | os.PathLike) -> None:
    """``InputError`` (exit 2) when ``path`` is a symbolic link (or a Windows junction)."""
    from workbench.errors import InputError

    path = Path(path)
    if path.is_symlink() or _is_junction(path):
        raise InputError(
            f"{path} adalah tautan simbolik; keluaran tidak ditulis melalui tautan.",
            file=path,
            fix=_LINK_FIX,
        )


def _is_junction(path: Path) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Python 3.12+
    return bool(is_junction and is_junction(path))


def output_path(root: str | Path, *parts: str) -> Path:
    """``root/part/…`` (``root`` made absolute), refusing (:func:`refuse_link`) every
    existing component below ``root`` that is a symbolic link.

    ``root`` is the user's own choice (``--out``, ``reports/``) and may itself be a link;
    nothing this program writes under it is reached through one: a planted ``satker`` or
    meeting folder linking elsewhere would otherwise have its target's files replaced.
    """
    path = Path(os.path.abspath(root))
    for part in parts:
        path = path / part
        refuse_link(path)
    return path


def open_regular(path: str | os.PathLike, flags: int, mode: int = 0o666) -> int:
    """``os.open(path, flags | O_NOFOLLOW)``, refused unless ``path`` is a regular file.

    For the files a run keeps beside or inside an output folder (the lock, the kernel log):
    a symbolic link planted under their name is never followed (its target would be
    truncated or appended to), and a FIFO or device is not written. ``InputError`` (exit 2).
    """
    from workbench.errors import InputError

    path = Path(path)
    refuse_link(path)
    try:
        fd = os.open(path, flags | NOFOLLOW | getattr(os, "O_NONBLOCK", 0), mode)
    except OSError as e:
        if path.is_symlink():
            refuse_link(path)
        raise InputError(
            f"{path} tidak dapat dibuka: {e.strerror or e}.", file=path, fix=_LINK_FIX
        ) from e
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(
            f"{path} bukan berkas biasa (mis. folder, FIFO atau perangkat).",
            file=path,
            fix="Hapus atau ganti nama benda itu; workbench membuat berkas ini sendiri.",
        )
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


# --- one run per output folder ------------------------------------------------------------

#: Infix of a staging folder's name (``.<name>.staging-<run>``) and of a replaced folder
#: waiting for removal (``.<name>.old-<random>``).
STAGING_MARK, OLD_MARK = ".staging-", ".old-"
#: Suffix of the lock file beside a locked folder (``.<name>.lock``).
LOCK_SUFFIX = ".lock"
#: The file this program writes into every staging folder it makes, and into a replaced
#: folder before removing it: :func:`sweep_stale` removes only folders holding it.
STALE_MARKER = ".workbench-sementara"
_STALE_NAME = re.compile(
    rf"^\.(?P<name>.+)(?:{re.escape(STAGING_MARK)}|{re.escape(OLD_MARK)})[0-9a-f]{{8}}$"
)


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
        fd = open_regular(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0))
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
    """Remove what killed runs left in ``parent``: staging folders (``.<name>.staging-<8 hex>``)
    and replaced folders never deleted (``.<name>.old-<8 hex>``), for one ``name`` or
    (``None``) every name. Returns what was removed.

    Only folders this program made are removed: the name must end in its own suffix (the
    mark and 8 hex digits) AND the folder must hold :data:`STALE_MARKER` (a regular file),
    so a user's own hidden folder named like ``.x.old-notes`` is left alone. Links are
    never followed. Call only while holding the lock of the folder(s) these belong to: then
    no live run owns them (a staging folder's run holds the lock until it ends).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        match = _STALE_NAME.match(entry.name)
        if not match or (name is not None and match["name"] != name):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False) and _is_marked(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _is_marked(folder: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(folder / STALE_MARKER).st_mode)
    except OSError:
        return False

"""Uploads of one browser session: its own folder, sanitised names, bounds before reading.

Voilà starts one kernel per page load; :class:`SessionFolder` is created in that kernel and
removed when the kernel ends (:meth:`SessionFolder.close`, registered with ``atexit`` and
``weakref.finalize``; a folder left by a killed kernel is swept by the next session,
:func:`sweep_stale`). Nothing a person uploads becomes a path unchecked: a name is reduced
to its last component and a safe character set (:func:`safe_name`); a zip's entries are
checked for traversal, links, size, count and compression ratio before one byte is
extracted (:func:`extract_photos`). Every size and count is held to docs/limits.md
(:mod:`workbench.limits`) before the bytes are written, so no reader ever sees them.
"""

from __future__ import annotations

import atexit
import io
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import weakref
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Iterable, Sequence

from workbench.errors import InputError
from workbench.limits import (
    MAX_APP_ATTENDANCE_FILES,
    MAX_APP_ZIP_BYTES,
    MAX_ATTENDANCE_BYTES,
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    MAX_RECORD_XLSX_BYTES,
    MAX_REPORT_BYTES,
    MAX_REPORT_FILES,
    MAX_YAML_BYTES,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FROM_BYTES,
    count_text,
    size_text,
)

#: Prefix of every session folder (under the system's temporary folder).
PREFIX = "workbench-app-"
MAX_ATTENDANCE_FILES = MAX_APP_ATTENDANCE_FILES
MAX_ZIP_UNPACKED = MAX_APP_ZIP_BYTES
#: Longest name kept (characters, suffix included).
MAX_NAME = 100

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")
RECORD_SUFFIXES = (".yaml", ".yml", ".xlsx")
TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")
_SAFE = re.compile(r"[^A-Za-z0-9._()\- ]+")


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the browser sent it (name as typed by the sender's system)."""

    name: str
    content: bytes

    @classmethod
    def from_widget(cls, value: Sequence[dict]) -> list[Upload]:
        """The files of an ipywidgets 8 ``FileUpload.value`` (dicts with name, content)."""
        return [cls(str(v.get("name", "")), bytes(v.get("content", b""))) for v in value]


def safe_name(name: str, *, default: str = "berkas") -> str:
    """A file name safe to join to a folder: the last component of ``name`` (``/`` and
    ``\\`` both separate), NFKC, only letters, digits, ``._()-`` and spaces, no leading
    dot, at most :data:`MAX_NAME` characters (suffix kept). ``'../../etc/passwd'`` ->
    ``'passwd'``; ``'..'`` -> ``default``."""
    text = unicodedata.normalize("NFKC", str(name))
    last = PureWindowsPath(PurePosixPath(text).name).name
    last = _SAFE.sub("_", "".join(c for c in last if unicodedata.category(c)[0] != "C"))
    last = last.strip(" .")
    if not last or set(last) <= {"_"}:
        last = default
    stem, dot, suffix = last.rpartition(".")
    if dot and len(suffix) <= 10 and stem:
        keep = MAX_NAME - len(suffix) - 1
        return f"{stem[:keep].rstrip(' .')}.{suffix.lower()}"
    return last[:MAX_NAME]


def unique_in(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem-2.suffix`` … when that name is taken."""
    path = folder / name
    n = 2
    while path.exists():
        stem, suffix = Path(name).stem, Path(name).suffix
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def check_suffix(upload: Upload, allowed: Iterable[str], what: str) -> str:
    """The upload's safe name, refusing a suffix not in ``allowed``."""
    name = safe_name(upload.name)
    allowed = tuple(allowed)
    if Path(name).suffix.lower() not in allowed:
        raise InputError(
            f"{what} harus berupa berkas {', '.join(allowed)}",
            file=name,
            fix=f"unggah berkas {', '.join(allowed)}",
        )
    return name


def check_size(upload: Upload, limit: int, what: str, fix: str) -> None:
    """Refuse an upload over ``limit`` bytes (docs/limits.md) before it is written."""
    if len(upload.content) > limit:
        raise InputError(
            f"{what} terlalu besar: {size_text(len(upload.content))} (batas {size_text(limit)})",
            file=safe_name(upload.name),
            fix=fix,
        )


def record_limit(name: str) -> int:
    """Byte bound of a meeting record: YAML 1 MB, workbook 20 MB (docs/limits.md)."""
    return MAX_RECORD_XLSX_BYTES if name.lower().endswith(".xlsx") else MAX_YAML_BYTES


def write_upload(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` as ``folder/name`` (a fresh name when taken); the folder is the
    session's own, so a plain exclusive create is enough (no other process writes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = unique_in(folder, name)
    with open(path, "xb") as f:
        f.write(content)
    return path


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a zip entry must not be extracted: traversal, absolute, a link, a device."""
    raw = info.filename
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) or ".." in parts:
        return "menunjuk ke luar folder zip"
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0: written without a file type
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        return "bukan berkas biasa (tautan/perangkat)"
    return None


def zip_entries(
    upload: Upload,
    *,
    suffixes: Sequence[str],
    max_files: int,
    max_file_bytes: int,
    max_total: int = MAX_ZIP_UNPACKED,
) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo], list[str]]:
    """The entries of a zip upload worth extracting (``suffixes``), all checked; the
    names of the entries skipped (other files). Raises InputError naming the entry."""
    name = safe_name(upload.name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise InputError(
            "berkas zip rusak atau bukan zip", file=name, fix="buat ulang zip-nya"
        ) from e
    chosen, skipped, total = [], [], 0
    for info in infos:
        if info.is_dir():
            continue
        why = _entry_problem(info)
        if why:
            raise InputError(
                f"isi zip '{info.filename}' {why}",
                file=name,
                fix="buat zip dari folder foto saja (tanpa tautan dan tanpa '..')",
            )
        base = PurePosixPath(info.filename.replace("\\", "/"))
        if base.name.startswith(".") or "__MACOSX" in base.parts:
            continue
        if base.suffix.lower() not in suffixes:
            skipped.append(info.filename)
            continue
        if info.file_size > max_file_bytes:
            raise InputError(
                f"isi zip '{info.filename}' terlalu besar: {size_text(info.file_size)} "
                f"(batas {size_text(max_file_bytes)})",
                file=name,
                fix="perkecil berkas itu atau keluarkan dari zip",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= ZIP_RATIO_FROM_BYTES and ratio > MAX_ZIP_RATIO:
            raise InputError(
                f"isi zip '{info.filename}' memampat {ratio:.0f}:1 (batas {MAX_ZIP_RATIO}:1)",
                file=name,
                fix="zip ini tidak wajar; buat ulang dari berkas aslinya",
            )
        total += info.file_size
        chosen.append(info)
    if len(chosen) > max_files:
        raise InputError(
            f"zip berisi {count_text(len(chosen))} berkas (batas {count_text(max_files)})",
            file=name,
            fix="bagi zip menjadi beberapa bagian atau pilih berkas yang dipakai saja",
        )
    if total > max_total:
        raise InputError(
            f"isi zip terlalu besar: {size_text(total)} setelah diekstrak "
            f"(batas {size_text(max_total)})",
            file=name,
            fix="bagi zip menjadi beberapa bagian",
        )
    return archive, chosen, skipped


def extract(
    upload: Upload,
    dest: Path,
    *,
    suffixes: Sequence[str],
    max_files: int,
    max_file_bytes: int,
    already: int = 0,
) -> tuple[list[Path], list[str]]:
    """Extract a zip upload's files with ``suffixes`` into ``dest`` (flat, safe names),
    after every entry is checked (:func:`zip_entries`); ``already`` counts files the
    session holds. Returns the files written and the entries skipped."""
    archive, chosen, skipped = zip_entries(
        upload, suffixes=suffixes, max_files=max_files - already, max_file_bytes=max_file_bytes
    )
    written = []
    with archive:
        for info in chosen:
            with archive.open(info) as src:
                data = src.read(max_file_bytes + 1)  # zipfile stops at the recorded size
            written.append(write_upload(dest, safe_name(info.filename), data))
    return written, skipped


def extract_photos(upload: Upload, dest: Path, already: int = 0) -> tuple[list[Path], list[str]]:
    """A zip of photos: at most :data:`~workbench.limits.MAX_PHOTOS` photos of at most
    :data:`~workbench.limits.MAX_PHOTO_BYTES` each."""
    return extract(
        upload,
        dest,
        suffixes=PHOTO_SUFFIXES,
        max_files=MAX_PHOTOS,
        max_file_bytes=MAX_PHOTO_BYTES,
        already=already,
    )


def extract_submissions(upload: Upload, dest: Path) -> tuple[list[Path], list[str]]:
    """A zip of the offices' quarterly submissions (``workbench collect``'s folder)."""
    return extract(
        upload,
        dest,
        suffixes=(".csv", ".xlsx"),
        max_files=MAX_REPORT_FILES,
        max_file_bytes=MAX_REPORT_BYTES,
    )


# ----------------------------------------------------------------------------- the folder
def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(parent: Path | None = None) -> list[Path]:
    """Remove session folders whose kernel (the pid in the name) no longer runs."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for folder in parent.glob(f"{PREFIX}*"):
        pid = folder.name[len(PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class SessionFolder:
    """One browser session's private folder (mode 0700), removed when the session ends."""

    def __init__(self, parent: str | Path | None = None):
        if parent:
            Path(parent).mkdir(parents=True, exist_ok=True)
        sweep_stale(Path(parent) if parent else None)
        self.root = Path(
            tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=str(parent) if parent else None)
        )
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.root, True)
        atexit.register(self._finalizer)

    def folder(self, *parts: str) -> Path:
        """A subfolder (created): ``parts`` are the program's own names, never a user's."""
        path = self.root.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def clear(self, *parts: str) -> Path:
        """The subfolder, emptied."""
        path = self.root.joinpath(*parts)
        shutil.rmtree(path, ignore_errors=True)
        return self.folder(*parts)

    def close(self) -> None:
        """Remove the folder and everything in it."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def __enter__(self) -> SessionFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def attendance_bounds(uploads: Sequence[Upload], held: int = 0) -> list[str]:
    """Check a batch of attendance uploads against the bounds; returns their safe names."""
    if held + len(uploads) > MAX_ATTENDANCE_FILES:
        raise InputError(
            f"terlalu banyak berkas kehadiran: {held + len(uploads)} "
            f"(batas {MAX_ATTENDANCE_FILES})",
            fix="gabungkan daftar hadir dalam satu berkas, atau hapus berkas yang tidak dipakai",
        )
    names = []
    for u in uploads:
        name = check_suffix(u, TABLE_SUFFIXES, "berkas kehadiran")
        check_size(
            u,
            MAX_ATTENDANCE_BYTES,
            "berkas kehadiran",
            "bagi berkas per provinsi atau per sesi, lalu unggah masing-masing",
        )
        names.append(name)
    return names

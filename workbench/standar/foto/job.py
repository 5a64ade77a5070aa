"""The Standar Foto check as named steps, called by ``notebooks/foto_kegiatan.ipynb``.

folder -> :func:`check_photo_folder` (read and check every photo, placed on a rundown when
given) -> :func:`write_photo_check` (periksa-foto.csv, periksa-foto.docx, written
atomically). The photo reading shared with the rakor notula (:func:`check_files`, the
run's photo cache :func:`photo_cache` and its notes) lives here too. The whole run
(``workbench photos``) is :func:`workbench.standar.foto.run.run_photos`.

The rundown is data: a meeting record (``Meeting`` read by :mod:`workbench.rakor`, or any
object with the same ``rapat`` attributes) passed in by the caller; nothing here reads a
meeting record (``standar`` never imports ``rakor``).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from workbench.errors import InputError
from workbench.paths import resolve_from_project, resolve_output

#: The notebook parameter naming the folder a run shares with its kernel (:func:`photo_cache`,
#: a temporary folder): read photos are kept there by content hash (measures and embedding
#: JPEG), so ``workbench photos``' kernel reuses what the CLI process read to validate;
#: ``workbench minutes``' kernel leaves its photo notes there (:func:`photo_notes`). Empty: no
#: cache, no notes file. Per-run state travels as this argument, never through a process-wide
#: environment variable (two runs in threads used to swap each other's folders and notes).
PHOTO_CACHE_PARAMETER = "foto_cache"


def cache_folder(cache: str | Path | None) -> Path | None:
    """``cache`` (a :func:`photo_cache` folder, as a notebook parameter) as a folder, or None
    when empty or not a folder."""
    if not cache or not str(cache):
        return None
    path = Path(cache)
    return path if path.is_dir() and not path.is_symlink() else None


def _read_checked(path: Path, max_side: int | None, cache: Path | None, encode: bool = True):
    """``(size, taken, source, measure, jpeg)`` of one photo: from ``cache`` when it holds
    this content (SHA-256 of the file's bytes), else read, measured, encoded (and stored)."""
    import hashlib
    import json

    from workbench.standar.foto.check import Measure, measure
    from workbench.standar.foto.reader import EMBED_MAX_SIDE, JPEG_QUALITY, jpeg_bytes, read_photo

    key = ""
    if cache is not None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        key = f"{digest}-{max_side or EMBED_MAX_SIDE}-{JPEG_QUALITY}"
        meta, jpeg = cache / f"{key}.json", cache / f"{key}.jpg"
        if meta.is_file() and jpeg.is_file():
            import imagehash

            d = json.loads(meta.read_text(encoding="utf-8"))
            m = Measure(**{**d["measure"], "hash": imagehash.hex_to_hash(d["measure"]["hash"])})
            taken = dt.datetime.fromisoformat(d["taken"]) if d["taken"] else None
            if d["source"] == "berkas":  # the file's time is not part of its content
                from workbench.standar.foto.reader import file_time

                taken = file_time(path)
            return tuple(d["size"]), taken, d["source"], m, jpeg.read_bytes()
    photo = read_photo(path)
    m = measure(photo.image, photo.alpha)
    if max_side:
        photo.image.thumbnail((max_side, max_side))
    data = jpeg_bytes(photo.image) if encode or key else b""
    size, taken, source = (photo.lebar, photo.tinggi), photo.waktu_ambil, photo.waktu_sumber
    if key and cache is not None:
        from workbench.atomic import write_bytes, write_text

        write_bytes(cache / f"{key}.jpg", data)
        fields = {**m.__dict__, "hash": str(m.hash)}
        record = {"size": size, "taken": taken.isoformat() if taken else None, "source": source}
        write_text(cache / f"{key}.json", json.dumps({**record, "measure": fields}))
    return size, taken, source, m, data


def check_files(
    paths: Sequence[Path],
    names: Sequence[str],
    agenda_times,
    meeting_date=None,
    *,
    encode: bool = True,
    max_side: int | None = None,
    allow_other_dates: bool = False,
    cache: str | Path | None = None,
):
    """Read and check photos: ``(checks, jpegs)``, the JPEGs downscaled for embedding
    (empty bytes without ``encode``; at most ``max_side`` px when given, for thumbnails).

    With ``cache`` (the run's :func:`photo_cache` folder), what was read is kept there by
    content hash and reused, so a photo is decoded once per run even when both processes
    need it.
    A photo's EXIF time on another day than ``meeting_date`` keeps it off the rundown
    (flagged ``tanggal_beda`` unless ``allow_other_dates``). A photo's file time (no EXIF
    time) is used only when it falls on ``meeting_date`` (a copied file carries the copy's
    time); otherwise the photo has no time. Raises InputError for an unreadable photo.
    """
    from workbench.standar.foto.check import SUMBER_BERKAS, SUMBER_TIDAK_ADA, check

    folder = cache_folder(cache)
    sizes, taken, sources, measures, jpegs = [], [], [], [], []
    for path in paths:
        size, when, source, m, data = _read_checked(Path(path), max_side, folder, encode)
        measures.append(m)
        jpegs.append(data if encode else b"")
        sizes.append(size)
        if when and source == SUMBER_BERKAS and meeting_date and when.date() != meeting_date:
            when, source = None, SUMBER_TIDAK_ADA
        taken.append(when)
        sources.append(source)
    rows = check(
        names,
        sizes,
        taken,
        measures,
        agenda_times,
        sources=sources,
        meeting_date=meeting_date,
        allow_other_dates=allow_other_dates,
    )
    return rows, jpegs


@contextmanager
def photo_cache() -> Iterator[Path]:
    """A new temporary folder (private to this user) for one run, shared with the kernel it
    starts by the notebook parameter :data:`PHOTO_CACHE_PARAMETER`: photos read in one process
    are kept there by content hash for the other, and the kernel leaves there the terminal
    notes of the photos it embedded (:func:`photo_notes`). Removed afterwards. Nothing
    process-wide changes: runs in threads each have their own."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="workbench-foto-") as tmp:
        yield Path(tmp)


#: The file in the run's :func:`photo_cache` folder holding the photo notes.
_NOTES_FILE = "catatan-foto.json"


def leave_notes(notes: list[str], cache: str | Path | None = None) -> None:
    """Write ``notes`` into the run's shared folder ``cache`` (when there is one) for the CLI
    process."""
    import json

    folder = cache_folder(cache)
    if folder is not None:
        from workbench.atomic import write_text

        write_text(folder / _NOTES_FILE, json.dumps(notes, ensure_ascii=False))


def photo_notes(folder: Path) -> list[str]:
    """The photo notes the kernel left in the run's shared ``folder`` (none: no photos)."""
    import json

    path = Path(folder) / _NOTES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


# ----------------------------------------------------------------------------- workbench photos
#: What ``workbench photos`` writes into ``DIR/foto/<folder-name>/``.
PHOTO_CHECK_FILES = ("periksa-foto.csv", "periksa-foto.docx")
#: Columns of periksa-foto.csv.
PHOTO_CHECK_COLUMNS = (
    "berkas",
    "lebar",
    "tinggi",
    "waktu_ambil",
    "acara",
    "ketajaman",
    "kecerahan",
    "masalah",
    "duplikat_dari",
    "sumber_waktu",
)
#: Long side of a contact-sheet thumbnail (px): 50 mm at ~240 dpi.
THUMB_SIDE = 480


@dataclass
class PhotoFolderCheck:
    """The photo check of one folder (see :func:`check_photo_folder`)."""

    folder: Path
    meeting: Any  # Meeting or None
    rows: list
    thumbs: list[bytes]


def check_photo_folder(
    folder: str | Path,
    rundown: Any = None,
    allow_other_dates: bool = False,
    *,
    cache: str | Path | None = None,
) -> PhotoFolderCheck:
    """Read and check every photo of ``folder`` (placed on the rundown of ``rundown``, a
    meeting record read by the caller, when given; photos of another day than the
    meeting's are flagged ``tanggal_beda`` unless ``allow_other_dates``). ``cache``: the
    run's :func:`photo_cache` folder (the notebook parameter ``foto_cache``). Raises
    InputError for a missing folder, one without photos, or a bad photo."""
    from workbench.standar.foto.reader import expand

    path = resolve_from_project(folder)
    if not path.is_dir():
        raise InputError(
            "folder foto tidak ditemukan" if not path.exists() else "ini berkas, bukan folder",
            file=path,
            fix="sebutkan folder yang berisi foto kegiatan (.jpg/.png), mis. foto/",
        )
    files = expand([path], field="FOLDER")
    meeting = rundown
    times = [a.waktu for a in meeting.rapat.agenda] if meeting else []
    date = meeting.rapat.tanggal if meeting else None
    rows, thumbs = check_files(
        files,
        [f.name for f in files],
        times,
        date,
        max_side=THUMB_SIDE,
        allow_other_dates=allow_other_dates,
        cache=cache,
    )
    return PhotoFolderCheck(path, meeting, rows, thumbs)


def photo_check_csv(result: PhotoFolderCheck) -> bytes:
    """periksa-foto.csv: UTF-8 with BOM (Excel opens it right), one row per photo; a file
    name or agenda item starting like a formula is written as text (:mod:`workbench.csv_write`).
    """
    from workbench.csv_write import csv_text

    agenda = result.meeting.rapat.agenda if result.meeting else []
    rows = (
        [
            r.berkas,
            r.lebar,
            r.tinggi,
            r.waktu_ambil.isoformat(sep=" ") if r.waktu_ambil else "",
            agenda[r.acara].uraian if r.acara is not None else "",
            f"{r.ketajaman:.1f}",
            f"{r.kecerahan:.1f}",
            ";".join(r.masalah),
            r.duplikat_dari,
            r.sumber_waktu,
        ]
        for r in result.rows
    )
    return ("\ufeff" + csv_text(rows, PHOTO_CHECK_COLUMNS)).encode("utf-8")


def write_photo_check(result: PhotoFolderCheck, output_dir: str | Path) -> dict[str, Path]:
    """Write periksa-foto.csv and periksa-foto.docx (the contact sheet) into ``output_dir``
    (empty: ``reports/foto/<folder-name>/`` of the project)."""
    from workbench.atomic import write_bytes
    from workbench.standar.foto.output import contact_sheet_context, render_contact_sheet

    if str(output_dir):
        out = resolve_output(output_dir)
    else:
        from workbench.paths import REPORTS_DIR

        out = REPORTS_DIR / "foto" / result.folder.name
    out.mkdir(parents=True, exist_ok=True)
    context = contact_sheet_context(
        result.rows, result.thumbs, source=result.folder.name, meeting=result.meeting
    )
    return {
        "periksa-foto.csv": write_bytes(out / "periksa-foto.csv", photo_check_csv(result)),
        "periksa-foto.docx": render_contact_sheet(context, out / "periksa-foto.docx"),
    }

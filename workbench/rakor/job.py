"""The rakor minutes job as named steps, called by ``notebooks/rakor_minutes.ipynb``.

files → :func:`load_inputs` (validated Meeting + attendance table) →
:func:`attendance_figure` → :func:`write_outputs` (kehadiran.png, notula.docx,
daftar-hadir.docx, all written atomically). The whole run (``workbench minutes``) is
:func:`workbench.rakor.run.run_minutes`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from workbench.charts.png import figure_png
from workbench.errors import InputError
from workbench.paths import TEMPLATES_DIR, resolve_from_project, resolve_output
from workbench.text import slugify

OUTPUT_FILES = ("notula.docx", "daftar-hadir.docx", "kehadiran.png")
#: Photos of a ``dokumentasi`` folder embedded at most (``workbench minutes --foto-maks``).
FOTO_MAKS = 12


def meeting_minutes(meeting) -> float | None:
    """Length of the meeting in minutes when its end time is known."""
    r = meeting.rapat
    if r.selesai is None:
        return None
    start = dt.datetime.combine(r.tanggal, r.mulai)
    end = dt.datetime.combine(r.tanggal, r.selesai)
    return (end - start).total_seconds() / 60


def load_inputs(
    record: str | Path,
    attendance: Sequence[str | Path] = (),
    *,
    min_share: float = 0.5,
    allow_other_date: bool = False,
):
    """Read and validate the meeting record and every attendance file.

    With no attendance file, a record workbook's ``Kehadiran`` sheet is used. A platform
    report of another date than the record's, or starting more than 3 hours from its
    ``mulai``, is bad input unless ``allow_other_date``. Raises
    :class:`~workbench.errors.InputError` on any invalid input.
    """
    from workbench.limits import finite_number
    from workbench.rakor.readers.attendance import read_attendance
    from workbench.rakor.readers.record import load_meeting

    min_share = finite_number(
        min_share, field="--min-share", fix="tulis persen antara 0 dan 100, mis. 50"
    )
    record_path = resolve_from_project(record)
    meeting = load_meeting(record_path)
    files = [resolve_from_project(p) for p in attendance]
    if not files:
        files = _attendance_in_record(record_path)
    r = meeting.rapat
    table = read_attendance(
        files,
        meeting_minutes=meeting_minutes(meeting),
        min_share=min_share,
        tanggal=r.tanggal,
        mulai=r.mulai,
        mode=r.mode,
        allow_other_date=allow_other_date,
    )
    return meeting, table


def _attendance_in_record(record_path: Path) -> list[Path]:
    from workbench.rakor.readers.record_xlsx import xlsx_has_attendance

    if record_path.suffix.lower() == ".xlsx" and xlsx_has_attendance(record_path):
        return [record_path]
    raise InputError(
        "tidak ada data kehadiran",
        file=record_path,
        fix="berikan berkas kehadiran dengan --attendance (CSV/XLSX daftar hadir atau laporan "
        "peserta Zoom), atau isi sheet 'Kehadiran' pada workbook rapat",
    )


def attendance_figure(table):
    """The attendance chart (a matplotlib Figure)."""
    from workbench.rakor.charts import attendance_chart

    return attendance_chart(table)


def output_folder_name(meeting) -> str:
    """'2025-07-17-rapat-koordinasi-bakohumas-kpu-provinsi-dan-kpu-kabupaten-kota'.

    A title with no Latin letter or digit (Arabic, Javanese script, …) slugs to nothing;
    its folder is then named ``rapat-<8 hex of the title's SHA-256>`` so two such meetings
    of one date get two folders. (Titles sharing their first 60 slug characters still
    share a name; :func:`workbench.manifest.check_owner` refuses the second.)
    """
    import hashlib
    import unicodedata

    judul = meeting.rapat.judul
    latin = unicodedata.normalize("NFKD", judul).encode("ascii", "ignore").decode("ascii")
    if any(c.isalnum() for c in latin):
        slug = slugify(judul)
    else:
        slug = "rapat-" + hashlib.sha256(judul.strip().encode("utf-8")).hexdigest()[:8]
    return f"{meeting.rapat.tanggal.isoformat()}-{slug}"


@dataclass
class PreparedPhotos:
    """The documentation photos a notula embeds (see :func:`prepare_photos`)."""

    #: For :func:`workbench.rakor.documents.notula_context`: jpeg, keterangan, acara, waktu.
    items: list[dict] = field(default_factory=list)
    #: The check of every photo of the record, in record order.
    checks: list = field(default_factory=list)
    #: One Indonesian line per flagged photo (embedded anyway, or left out), for the terminal.
    notes: list[str] = field(default_factory=list)


def photo_name(path: Path, meeting) -> str:
    """``foto/IMG_1301.jpg``: the photo's path from the record's folder when inside it."""
    base = meeting.source.parent if meeting.source else None
    try:
        return Path(path).relative_to(base).as_posix() if base else Path(path).name
    except ValueError:
        return Path(path).name


#: Environment variable naming the folder a run shares with its kernel
#: (:func:`workbench.rakor.run.photo_cache`, a temporary folder): read photos are kept there
#: by content hash (measures and embedding JPEG), so ``workbench photos``' kernel reuses
#: what the CLI process read to validate; ``workbench minutes``' kernel leaves its photo
#: notes there (:func:`photo_notes`). Unset: no cache, no notes file.
PHOTO_CACHE_ENV = "WORKBENCH_FOTO_CACHE"


def _read_checked(path: Path, max_side: int | None, cache: Path | None, encode: bool = True):
    """``(size, taken, source, measure, jpeg)`` of one photo: from ``cache`` when it holds
    this content (SHA-256 of the file's bytes), else read, measured, encoded (and stored)."""
    import hashlib
    import json

    from workbench.rakor.photos import Measure, measure
    from workbench.rakor.readers.photos import EMBED_MAX_SIDE, JPEG_QUALITY, jpeg_bytes, read_photo

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
                taken = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            return tuple(d["size"]), taken, d["source"], m, jpeg.read_bytes()
    photo = read_photo(path)
    m = measure(photo.image)
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
):
    """Read and check photos: ``(checks, jpegs)``, the JPEGs downscaled for embedding
    (empty bytes without ``encode``; at most ``max_side`` px when given, for thumbnails).

    With :data:`PHOTO_CACHE_ENV` set, what was read is kept there by content hash and
    reused, so a photo is decoded once per run even when both processes need it.
    A photo's file time (no EXIF time) is used only when it falls on ``meeting_date`` (a
    copied file carries the copy's time). Raises InputError for an unreadable photo.
    """
    import os

    from workbench.rakor.photos import check

    cache_dir = os.environ.get(PHOTO_CACHE_ENV)
    cache = Path(cache_dir) if cache_dir and Path(cache_dir).is_dir() else None
    sizes, taken, measures, jpegs = [], [], [], []
    for path in paths:
        size, when, source, m, data = _read_checked(Path(path), max_side, cache, encode)
        measures.append(m)
        jpegs.append(data if encode else b"")
        sizes.append(size)
        if when and source == "berkas" and meeting_date and when.date() != meeting_date:
            when = None
        taken.append(when)
    return check(names, sizes, taken, measures, agenda_times), jpegs


def prepare_photos(meeting, foto_maks: int = FOTO_MAKS, *, encode: bool = True) -> PreparedPhotos:
    """Read, check and choose the record's documentation photos for the notula.

    Photos the record lists one by one are all embedded; a flagged one gets a note. Photos
    from a folder entry are embedded only when unflagged (each left out gets a note), and
    at most ``foto_maks`` of them: the sharpest, spread across the agenda items
    (:func:`workbench.rakor.photos.choose`). Without ``encode`` no JPEG is made (the
    check and notes only). Raises InputError for an unreadable photo.
    """
    from workbench.rakor.photos import choose, flag_text

    entries = meeting.photos()
    if not entries:
        return PreparedPhotos()
    names = [photo_name(e.berkas, meeting) for e in entries]
    times = [a.waktu for a in meeting.rapat.agenda]
    checks, jpegs = check_files([e.berkas for e in entries], names, times, meeting.rapat.tanggal)
    folder = [i for i, e in enumerate(entries) if e.dari_folder]
    chosen_folder = {folder[j] for j in choose([checks[i] for i in folder], foto_maks)}
    notes, items = [], []
    for i, (entry, row) in enumerate(zip(entries, checks)):
        if entry.dari_folder and i not in chosen_folder:
            if not row.ok:
                notes.append(f"foto {row.berkas} tidak dimuat: {flag_text(row)}")
            continue
        if not row.ok:
            notes.append(f"foto {row.berkas} tetap dimuat walau bermasalah: {flag_text(row)}")
        items.append(
            {
                "jpeg": jpegs[i],
                "keterangan": entry.keterangan,
                "acara": row.acara,
                "waktu": row.waktu_ambil.time() if row.waktu_ambil else None,
            }
        )
    left = len([i for i in folder if checks[i].ok]) - len(chosen_folder)
    if left > 0:
        notes.append(
            f"{left} foto baik dari folder tidak dimuat (paling banyak {foto_maks}; "
            "ubah dengan --foto-maks)"
        )
    items.sort(key=lambda p: (p["acara"] is None, p["acara"] or 0, p["waktu"] or dt.time()))
    _leave_notes(notes)
    return PreparedPhotos(items, checks, notes)


#: The file in the run's :data:`PHOTO_CACHE_ENV` folder holding the photo notes.
_NOTES_FILE = "catatan-foto.json"


def _leave_notes(notes: list[str]) -> None:
    """Write ``notes`` into the run's shared folder (when there is one) for the CLI process."""
    import json
    import os

    folder = os.environ.get(PHOTO_CACHE_ENV)
    if folder and Path(folder).is_dir():
        from workbench.atomic import write_text

        write_text(Path(folder) / _NOTES_FILE, json.dumps(notes, ensure_ascii=False))


def photo_notes(folder: Path) -> list[str]:
    """The photo notes the kernel left in the run's shared ``folder`` (none: no photos)."""
    import json

    path = Path(folder) / _NOTES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def write_outputs(
    meeting,
    table,
    output_dir: str | Path,
    *,
    figure=None,
    templates_dir: str | Path = TEMPLATES_DIR,
    template_notula: str | Path = "",
    template_daftar_hadir: str | Path = "",
    foto_maks: int = FOTO_MAKS,
    photos: PreparedPhotos | None = None,
) -> dict[str, Path]:
    """Write kehadiran.png, notula.docx and daftar-hadir.docx into ``output_dir``.

    The templates are ``templates_dir/notula.docx`` and ``templates_dir/daftar-hadir.docx``
    unless ``template_notula`` / ``template_daftar_hadir`` name other files. The
    documentation photos are :func:`prepare_photos` (``foto_maks``) unless given.
    """
    from workbench.atomic import write_bytes
    from workbench.rakor.documents import render_daftar_hadir, render_notula

    out = resolve_output_dir(output_dir, meeting)
    templates = resolve_from_project(templates_dir)
    notula_tpl = resolve_from_project(template_notula or templates / "notula.docx")
    daftar_tpl = resolve_from_project(template_daftar_hadir or templates / "daftar-hadir.docx")
    png = figure_png(figure if figure is not None else attendance_figure(table))
    if photos is None:
        photos = prepare_photos(meeting, foto_maks)
    paths = {
        "kehadiran.png": write_bytes(out / "kehadiran.png", png),
        "notula.docx": render_notula(
            meeting,
            table,
            out / "notula.docx",
            template=notula_tpl,
            chart=png,
            photos=photos.items,
        ),
        "daftar-hadir.docx": render_daftar_hadir(
            meeting, table, out / "daftar-hadir.docx", template=daftar_tpl
        ),
    }
    return paths


def resolve_output_dir(output_dir: str | Path, meeting) -> Path:
    """An empty ``output_dir`` means ``reports/<tanggal>-<slug>/`` of the project."""
    if not str(output_dir):
        from workbench.paths import REPORTS_DIR

        return REPORTS_DIR / output_folder_name(meeting)
    return resolve_output(output_dir)


def templates_used(chosen: dict[str, Path]) -> list[Path]:
    """The Word templates a run renders: those chosen, else the defaults (for the manifest)."""
    return [
        chosen.get("template_notula", TEMPLATES_DIR / "notula.docx"),
        chosen.get("template_daftar_hadir", TEMPLATES_DIR / "daftar-hadir.docx"),
    ]


def input_files(meeting, attendance: Iterable[Path]) -> list[Path]:
    """Every file a run reads (for the manifest)."""
    from workbench.paths import resolve_from_project

    files = [meeting.source] if meeting.source else []
    files += [resolve_from_project(p) for p in attendance]
    files += [Path(p) for p in meeting.dokumentasi]
    return [f for f in dict.fromkeys(files) if f and Path(f).is_file()]


# ----------------------------------------------------------------------------- photo check
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


def check_photo_folder(folder: str | Path, record: str | Path = "") -> PhotoFolderCheck:
    """Read and check every photo of ``folder`` (placed on the rundown of ``record`` when
    given). Raises InputError for a missing folder, one without photos, or a bad photo."""
    from workbench.rakor.readers.photos import expand

    path = resolve_from_project(folder)
    if not path.is_dir():
        raise InputError(
            "folder foto tidak ditemukan" if not path.exists() else "ini berkas, bukan folder",
            file=path,
            fix="sebutkan folder yang berisi foto kegiatan (.jpg/.png), mis. foto/",
        )
    files = expand([path], field="FOLDER")
    meeting = None
    if str(record):
        from workbench.rakor.readers.record import load_meeting

        meeting = load_meeting(resolve_from_project(record))
    times = [a.waktu for a in meeting.rapat.agenda] if meeting else []
    date = meeting.rapat.tanggal if meeting else None
    rows, thumbs = check_files(files, [f.name for f in files], times, date, max_side=THUMB_SIDE)
    return PhotoFolderCheck(path, meeting, rows, thumbs)


def photo_check_csv(result: PhotoFolderCheck) -> bytes:
    """periksa-foto.csv: UTF-8 with BOM (Excel opens it right), one row per photo."""
    import csv
    import io

    agenda = result.meeting.rapat.agenda if result.meeting else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(PHOTO_CHECK_COLUMNS)
    for r in result.rows:
        writer.writerow(
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
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_photo_check(result: PhotoFolderCheck, output_dir: str | Path) -> dict[str, Path]:
    """Write periksa-foto.csv and periksa-foto.docx (the contact sheet) into ``output_dir``
    (empty: ``reports/foto/<folder-name>/`` of the project)."""
    from workbench.atomic import write_bytes
    from workbench.rakor.documents import contact_sheet_context, render_contact_sheet

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

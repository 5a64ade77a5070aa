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
from typing import Iterable, Sequence

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


def load_record(record: str | Path | None):
    """The meeting record ``record`` read and validated (its rundown places photos for
    :mod:`workbench.standar.foto`), or None when no record is given."""
    if not record or not str(record):
        return None
    from workbench.rakor.readers.record import load_meeting

    return load_meeting(resolve_from_project(record))


def photo_name(path: Path, meeting) -> str:
    """``foto/IMG_1301.jpg``: the photo's path from the record's folder when inside it."""
    base = meeting.source.parent if meeting.source else None
    try:
        return Path(path).relative_to(base).as_posix() if base else Path(path).name
    except ValueError:
        return Path(path).name


def prepare_photos(
    meeting,
    foto_maks: int = FOTO_MAKS,
    *,
    encode: bool = True,
    allow_other_dates: bool = False,
    cache: str | Path | None = None,
) -> PreparedPhotos:
    """Read, check and choose the record's documentation photos for the notula.

    A photo taken on another day than the meeting's is left out with a note naming its
    date (listed one by one or not); with ``allow_other_dates`` it is embedded outside the
    rundown ("Dokumentasi lainnya"), captioned with its date.

    Photos the record lists one by one are all embedded; a flagged one gets a note. Photos
    from a folder entry are embedded only when unflagged (each left out gets a note), and
    at most ``foto_maks`` of them: the sharpest, spread across the agenda items
    (:func:`workbench.standar.foto.check.choose`). Without ``encode`` no JPEG is made (the
    check and notes only). ``cache``: the run's shared photo folder (the notebook parameter
    ``foto_cache``, :func:`workbench.standar.foto.job.photo_cache`), where the notes are left
    for the CLI. Raises InputError for an unreadable photo.
    """
    from workbench.standar.foto.check import choose, flag_text
    from workbench.standar.foto.job import check_files, leave_notes

    entries = meeting.photos()
    if not entries:
        return PreparedPhotos()
    names = [photo_name(e.berkas, meeting) for e in entries]
    times = [a.waktu for a in meeting.rapat.agenda]
    checks, jpegs = check_files(
        [e.berkas for e in entries],
        names,
        times,
        meeting.rapat.tanggal,
        allow_other_dates=allow_other_dates,
        cache=cache,
    )
    folder = [i for i, e in enumerate(entries) if e.dari_folder]
    chosen_folder = {folder[j] for j in choose([checks[i] for i in folder], foto_maks)}
    notes, items = [], []
    for i, (entry, row) in enumerate(zip(entries, checks)):
        if "tanggal_beda" in row.masalah:  # never in this meeting's notula
            notes.append(
                f"foto {row.berkas} tidak dimuat: {flag_text(row)} (muat di 'Dokumentasi "
                "lainnya' dengan --izinkan-tanggal-beda)"
            )
            continue
        if entry.dari_folder and i not in chosen_folder:
            if not row.ok:
                notes.append(f"foto {row.berkas} tidak dimuat: {flag_text(row)}")
            continue
        if not row.ok:
            notes.append(f"foto {row.berkas} tetap dimuat walau bermasalah: {flag_text(row)}")
        if row.tanggal_beda and row.waktu_ambil:  # allowed: still named, with its date
            notes.append(
                f"foto {row.berkas} diambil {row.waktu_ambil:%d-%m-%Y} pukul "
                f"{row.waktu_ambil:%H.%M}, bukan pada tanggal rapat: dimuat di 'Dokumentasi "
                "lainnya'"
            )
        items.append(
            {
                "jpeg": jpegs[i],
                "keterangan": entry.keterangan,
                "acara": row.acara,
                "waktu": row.waktu_ambil.time() if row.waktu_ambil else None,
                # a photo of another day (allowed): its date goes into the caption
                "tanggal": row.waktu_ambil.date() if row.tanggal_beda and row.waktu_ambil else None,
                "sumber_waktu": row.sumber_waktu,
            }
        )
    left = len([i for i in folder if checks[i].ok]) - len(chosen_folder)
    if left > 0:
        notes.append(
            f"{left} foto baik dari folder tidak dimuat (paling banyak {foto_maks}; "
            "ubah dengan --foto-maks)"
        )
    items.sort(key=lambda p: (p["acara"] is None, p["acara"] or 0, p["waktu"] or dt.time()))
    leave_notes(notes, cache)
    return PreparedPhotos(items, checks, notes)


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
    allow_other_date: bool = False,
    daftar_hadir: str = "",
    foto_cache: str | Path = "",
) -> dict[str, Path]:
    """Write kehadiran.png, notula.docx and daftar-hadir.docx into ``output_dir``.

    The templates are ``templates_dir/notula.docx`` and ``templates_dir/daftar-hadir.docx``
    unless ``template_notula`` / ``template_daftar_hadir`` name other files. The
    documentation photos are :func:`prepare_photos` (``foto_maks``; photos of another day
    only with ``allow_other_date``; ``foto_cache``: the run's shared photo folder, empty in
    JupyterLab) unless given.
    ``daftar_hadir``: 'satker' lists only the writing office's people, 'semua' everyone,
    '' as the record's ``rapat.daftar_hadir`` says.
    """
    from workbench.atomic import write_bytes
    from workbench.rakor.documents import render_daftar_hadir, render_notula

    out = resolve_output_dir(output_dir, meeting)
    templates = resolve_from_project(templates_dir)
    notula_tpl = resolve_from_project(template_notula or templates / "notula.docx")
    daftar_tpl = resolve_from_project(template_daftar_hadir or templates / "daftar-hadir.docx")
    png = figure_png(figure if figure is not None else attendance_figure(table))
    if photos is None:
        photos = prepare_photos(
            meeting, foto_maks, allow_other_dates=allow_other_date, cache=foto_cache or None
        )
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
            meeting,
            table,
            out / "daftar-hadir.docx",
            template=daftar_tpl,
            only_office=(daftar_hadir == "satker") if daftar_hadir else None,
        ),
    }
    return paths


def resolve_output_dir(output_dir: str | Path, meeting) -> Path:
    """An empty ``output_dir`` means ``reports/<tanggal>-<slug>/`` of the project."""
    if not str(output_dir):
        from workbench.paths import REPORTS_DIR

        return REPORTS_DIR / output_folder_name(meeting)
    return resolve_output(output_dir)


def role_warnings(meeting, table) -> list[str]:
    """What the writer should check about the meeting's roles
    (:func:`workbench.rakor.documents.role_warnings`)."""
    from workbench.rakor.documents import role_warnings as warnings

    return warnings(meeting, table)


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

"""The "Rapat → dokumen" page as plain steps (no widgets): one :class:`MeetingSession` per
browser session, over the same calls the CLI wraps (:func:`workbench.rakor.run.run_minutes`,
``run_news``, ``run_photos``) and the record and attendance readers.

The session's folder (:class:`~workbench.app.uploads.SessionFolder`) holds::

    rapat/<record>            the uploaded meeting.yaml / rapat.xlsx
    rapat/<dokumentasi>/…     the uploaded photos, placed where the record names them
    foto/…                    the uploaded photos as received (names made safe)
    kehadiran/…               the uploaded attendance files
    cek-foto/<meeting>/…      the photos again (hard links) for the photo check (its output
                              goes to reports/<meeting>/periksa-foto/, as the CLI puts it)

Outputs go to ``reports/<tanggal>-<slug>/`` (and ``reports/<tanggal>-<slug>/periksa-foto/``)
exactly as the CLI writes them; what a session offers for download is read right after its
own run, so it is always that session's documents.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Sequence

from workbench.app.links import first_page_png, shown, zip_bytes
from workbench.app.uploads import (
    PHOTO_SUFFIXES,
    RECORD_SUFFIXES,
    SessionFolder,
    Upload,
    attendance_bounds,
    check_size,
    check_suffix,
    extract_photos,
    record_limit,
    safe_name,
    write_upload,
)
from workbench.errors import InputError, InputErrors, WorkbenchError
from workbench.limits import MAX_PHOTO_BYTES, MAX_PHOTOS, count_text

if TYPE_CHECKING:
    from workbench.app.photos import PhotoRow

Progress = Callable[[int, int, str], None]
#: A session folder's path inside a message (never shown: the person knows only the names).
SESSION_PATH = re.compile(r"[^\s'\"(]*workbench-app-[^/\s]+/(?:[^/\s]+/)*")


@dataclass(frozen=True)
class Problem:
    """One problem as the CLI words it: file, where, field, what, fix."""

    berkas: str
    baris: str  # "baris 12", "sheet Materi baris 4", ""
    kolom: str
    masalah: str
    perbaikan: str

    @property
    def text(self) -> str:
        where = ", ".join(
            x for x in (self.berkas, self.baris, self.kolom and f"'{self.kolom}'") if x
        )
        fix = f" Perbaikan: {self.perbaikan}" if self.perbaikan else ""
        return f"{where}: {self.masalah}.{fix}" if where else f"{self.masalah}.{fix}"


def problems_of(error: WorkbenchError, hide: Path | None = None) -> list[Problem]:
    """The problems an error carries, one per item (``InputErrors``), never a traceback;
    the session folder ``hide`` is taken out of the texts (names stay as uploaded)."""

    def scrub(text: str | None) -> str:
        text = text or ""
        if hide is not None:
            for root in {str(hide), str(hide.resolve())}:
                text = text.replace(root + os.sep, "").replace(root, "")
        return SESSION_PATH.sub("", text)  # any session folder (a photo read elsewhere)

    items = error.errors if isinstance(error, InputErrors) else [error]
    out = []
    for e in items:
        if isinstance(e, InputError):
            out.append(
                Problem(
                    Path(scrub(e.file)).name if e.file else "",
                    f"{e.row_label} {e.row}" if e.row is not None else "",
                    scrub(e.field),
                    scrub(e.problem),
                    scrub(e.fix),
                )
            )
        else:
            out.append(Problem("", "", "", scrub(e.message), ""))
    return out


@dataclass
class RecordState:
    """The Data rapat step: the record read, or its problems."""

    berkas: str = ""
    meeting: object = None  # Meeting when valid
    problems: list[Problem] = field(default_factory=list)
    #: Photos/folders the record's ``dokumentasi`` names that were not uploaded yet.
    menunggu_foto: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.meeting is not None


@dataclass(frozen=True)
class AttendanceFile:
    """One attendance file as the Kehadiran step shows it."""

    berkas: str
    platform: str  # "Zoom", "Microsoft Teams", "Google Meet", "daftar hadir"
    bahasa: str  # the report's language when the reader says, else ""
    waktu: str  # the meeting date and time the file names ("" for a roster)
    orang: int
    peringatan: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass
class Made:
    """What one generate button made: files to download, previews, notes."""

    judul: str
    folder: str  # as the CLI prints it: reports/<meeting>/
    files: dict[str, bytes] = field(default_factory=dict)
    previews: dict[str, bytes] = field(default_factory=dict)  # docx name -> PNG
    notes: list[str] = field(default_factory=list)
    captions: list[tuple[str, str, str]] = field(default_factory=list)  # platform, text, count


def dokumentasi_entries(record: Path) -> list[str]:
    """The paths a record's ``dokumentasi`` names, as typed (bounded readers)."""
    try:
        if record.suffix.lower() == ".xlsx":
            from workbench.rakor.readers.record_xlsx import read_xlsx_record

            data, _ = read_xlsx_record(record)
        else:
            from workbench.rakor.readers.record_yaml import read_yaml_record

            data, _ = read_yaml_record(record)
    except WorkbenchError:
        return []  # load_meeting reports it
    out = []
    for item in data.get("dokumentasi") or []:
        if isinstance(item, dict):
            item = item.get("berkas")
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
    return out


def inside(base: Path, entry: str) -> Path | None:
    """``base/entry`` when it stays inside ``base`` (no absolute path, no ``..``)."""
    rel = PurePosixPath(entry.replace("\\", "/"))
    if rel.is_absolute() or ".." in rel.parts or ":" in entry:
        return None
    target = (base / rel).resolve()
    return target if target.is_relative_to(base.resolve()) else None


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


class MeetingSession:
    """The state of one browser session's meeting page (see the module docstring)."""

    def __init__(self, folder: SessionFolder, out_dir: str | Path | None = None):
        from workbench.paths import REPORTS_DIR

        self.box = folder
        self.out_dir = Path(out_dir or REPORTS_DIR)
        self.record: Path | None = None
        self.state = RecordState()
        self.attendance: list[Path] = []
        self.photos: list[Path] = []
        self.made: dict[str, Made] = {}

    # ------------------------------------------------------------------ Data rapat
    def blank_workbook(self) -> bytes:
        """The blank ``rapat.xlsx`` ``workbench new-meeting`` writes."""
        from workbench.rakor.blank import XLSX_NAME, write_blank_record

        folder = self.box.clear("kosong")
        write_blank_record(folder)
        return (folder / XLSX_NAME).read_bytes()

    def add_record(self, upload: Upload) -> RecordState:
        """Keep the uploaded record (replacing an earlier one) and read it."""
        try:
            name = check_suffix(upload, RECORD_SUFFIXES, "berkas rapat")
            check_size(upload, record_limit(name), "berkas rapat", "kurangi isi berkas rapat")
        except InputError as e:
            self.record, self.state = None, RecordState(problems=problems_of(e))
            return self.state
        folder = self.box.clear("rapat")
        self.record = write_upload(folder, name, upload.content)
        return self.read_record()

    def read_record(self) -> RecordState:
        """Read the record (photos placed first); missing photos are a waiting note, not
        a problem, until :meth:`generate` needs them."""
        from workbench.rakor.readers.record import load_meeting

        if self.record is None:
            self.state = RecordState()
            return self.state
        waiting = self.place_photos()
        state = RecordState(berkas=self.record.name)
        try:
            state.meeting = load_meeting(self.record)
        except WorkbenchError as e:
            problems = problems_of(e, self.box.root)
            state.menunggu_foto = waiting
            state.problems = [
                p for p in problems if not any(f"'{w}'" in p.masalah for w in waiting)
            ]
        self.state = state
        return state

    # ------------------------------------------------------------------ Foto
    def add_photos(self, uploads: Sequence[Upload]) -> list[str]:
        """Keep uploaded photos (and the photos of uploaded zips); returns notes (skipped
        entries). Bounds: docs/limits.md (count, bytes) before anything is written."""
        store = self.box.folder("foto")
        notes: list[str] = []
        for u in uploads:
            if safe_name(u.name).lower().endswith(".zip"):
                written, skipped = extract_photos(u, store, already=len(self.photos))
                self.photos += written
                if skipped:
                    notes.append(f"{safe_name(u.name)}: {len(skipped)} berkas bukan foto dilewati")
                continue
            name = check_suffix(u, (*PHOTO_SUFFIXES, ".zip"), "foto")
            check_size(u, MAX_PHOTO_BYTES, "foto", "perkecil foto (mis. kirim ulang dari ponsel)")
            if len(self.photos) >= MAX_PHOTOS:
                raise InputError(
                    f"terlalu banyak foto (batas {count_text(MAX_PHOTOS)})",
                    file=name,
                    fix="pilih foto yang akan dipakai saja",
                )
            self.photos.append(write_upload(store, name, u.content))
        if self.record is not None:
            self.read_record()
        return notes

    def clear_photos(self) -> None:
        self.box.clear("foto")
        self.photos = []
        if self.record is not None:
            self.read_record()

    def place_photos(self) -> list[str]:
        """Link the uploaded photos where the record's ``dokumentasi`` names them (a
        folder: all of them; a file: the upload of that name); returns the entries still
        without a photo."""
        if self.record is None:
            return []
        base = self.record.parent
        by_name = {p.name.lower(): p for p in self.photos}
        waiting = []
        for entry in dokumentasi_entries(self.record):
            target = inside(base, entry)
            if target is None:
                continue  # the reader names it
            is_folder = entry.endswith(("/", "\\")) or not PurePosixPath(entry).suffix
            if is_folder:
                if target.exists():
                    shutil.rmtree(target, ignore_errors=True)
                for p in self.photos:
                    _link(p, target / p.name)
                if not self.photos:
                    waiting.append(entry)
            else:
                src = by_name.get(target.name.lower())
                if src is None:
                    waiting.append(entry)
                elif not target.exists():
                    _link(src, target)
        return waiting

    def check_photos(self) -> list[PhotoRow]:
        """The Standar Foto check of the uploaded photos, on the record's rundown."""
        from workbench.app import photos as photo_check

        return photo_check.check_photos(self.photos, self.state.meeting)

    # ------------------------------------------------------------------ Kehadiran
    def add_attendance(self, uploads: Sequence[Upload]) -> list[AttendanceFile]:
        names = attendance_bounds(uploads, len(self.attendance))
        folder = self.box.folder("kehadiran")
        for name, u in zip(names, uploads):
            self.attendance.append(write_upload(folder, name, u.content))
        return self.attendance_table()

    def clear_attendance(self) -> None:
        self.box.clear("kehadiran")
        self.attendance = []

    def attendance_table(self, min_share: float = 0.5) -> list[AttendanceFile]:
        return [summarize_attendance(p, self.state.meeting, min_share) for p in self.attendance]

    # ------------------------------------------------------------------ Buat dokumen
    def ready(self) -> list[Problem]:
        """What stops generating: no record, its problems, photos still missing."""
        if self.record is None:
            return [
                Problem(
                    "",
                    "",
                    "",
                    "belum ada berkas rapat",
                    "unggah meeting.yaml atau rapat.xlsx di langkah Data rapat",
                )
            ]
        state = self.read_record()
        out = list(state.problems)
        for w in state.menunggu_foto:
            out.append(
                Problem(
                    state.berkas,
                    "",
                    "dokumentasi",
                    f"foto '{w}' yang disebut berkas rapat belum diunggah",
                    "unggah foto itu (atau zip folder fotonya) di langkah Foto, atau hapus "
                    "baris dokumentasi dari berkas rapat",
                )
            )
        return out

    def make_minutes(self, pdf: bool) -> Made:
        """Notula + daftar hadir (``workbench minutes``)."""
        from workbench.rakor.run import run_minutes

        assert self.record is not None
        run = run_minutes(self.record, self.attendance, out_dir=self.out_dir, pdf=pdf)
        made = self._collect("notula", run.folder, run.files)
        made.notes = [f"{w}" for w in run.warnings]
        made.notes.insert(0, f"{run.attendees} peserta")
        return made

    def make_news(self, pdf: bool) -> Made:
        """Berita kegiatan + captions (``workbench news``)."""
        from workbench.rakor.news_output import build, load_news_inputs
        from workbench.rakor.run import run_news

        assert self.record is not None
        run = run_news(self.record, self.attendance, out_dir=self.out_dir, pdf=pdf)
        made = self._collect("berita", run.folder, run.files)
        made.notes = list(run.notes)
        meeting, table = load_news_inputs(self.record, self.attendance)
        _, captions = build(meeting, table)
        for c in captions.items:
            count = f"{c.length}/{c.max_length} karakter" + (
                f", {c.tags}/{c.max_tags} tagar" if c.max_tags else ""
            )
            made.captions.append((c.platform, c.text, count))
        return made

    def make_photo_check(self, pdf: bool) -> Made:
        """The photo check (``workbench photos``) of the uploaded photos, into
        ``reports/<meeting>/periksa-foto/`` (as ``workbench photos --record``)."""
        from workbench.app import photos as photo_check
        from workbench.rakor.job import output_folder_name

        if not self.photos:
            raise InputError("belum ada foto", fix="unggah foto kegiatan di langkah Foto")
        meeting = self.state.meeting
        name = output_folder_name(meeting) if meeting is not None else "foto"
        folder = self.box.clear("cek-foto")
        folder = self.box.folder("cek-foto", name)
        for p in self.photos:
            _link(p, folder / p.name)
        run = photo_check.check_folder(
            folder, record=self.record, meeting=meeting, out_dir=self.out_dir, pdf=pdf
        )
        made = self._collect("foto", run.folder, run.files)
        made.notes = [f"{run.checked} foto diperiksa", *run.flagged]
        return made

    def _collect(self, key: str, folder: Path, names: Sequence[str]) -> Made:
        made = Made(key, shown(folder, self.out_dir))
        for n in names:
            path = folder / n
            if path.is_file():
                made.files[n] = path.read_bytes()
        for n, data in list(made.files.items()):
            if n.endswith(".pdf"):
                png = first_page_png(data)
                if png is not None:
                    made.previews[n[:-4] + ".docx"] = png
        self.made[key] = made
        return made

    def everything_zip(self) -> bytes:
        """A zip of every document this session made (its own runs' files)."""
        files = {}
        for key, made in self.made.items():
            for n, data in made.files.items():
                files[f"{key}/{n}"] = data
        return zip_bytes(files)

    def generate(
        self, which: Sequence[str], pdf: bool, progress: Progress | None = None
    ) -> list[Made]:
        """Run the chosen products (``notula``, ``berita``, ``foto``) in order, reporting
        ``progress(done, total, label)``. InputError when not :meth:`ready`."""
        problems = self.ready()
        if problems:
            raise InputErrors(
                [
                    InputError(
                        p.masalah, file=p.berkas or None, field=p.kolom or None, fix=p.perbaikan
                    )
                    for p in problems
                ]
            )
        steps = {
            "notula": ("notula dan daftar hadir", self.make_minutes),
            "berita": ("berita kegiatan dan caption", self.make_news),
            "foto": ("pemeriksaan foto", self.make_photo_check),
        }
        out = []
        for i, key in enumerate(which):
            label, step = steps[key]
            if progress:
                progress(i, len(which), f"Membuat {label} …")
            out.append(step(pdf))
        if progress:
            progress(len(which), len(which), "Selesai")
        return out


def summarize_attendance(path: Path, meeting=None, min_share: float = 0.5) -> AttendanceFile:
    """One attendance file read as ``workbench minutes`` reads it, summarised: platform,
    language, the meeting it names, people, every warning (or its problems)."""
    from workbench.rakor.attendance_model import SHARED_LOGIN_NOTE
    from workbench.rakor.job import meeting_minutes
    from workbench.rakor.readers.attendance import (
        KINDS,
        check_identity,
        read_attendance_file,
    )

    r = meeting.rapat if meeting is not None else None
    try:
        frame = read_attendance_file(
            path,
            meeting_minutes=meeting_minutes(meeting) if meeting is not None else None,
            min_share=min_share,
            tanggal=r.tanggal if r else None,
            mode=r.mode if r else None,
        )
    except WorkbenchError as e:
        return AttendanceFile(
            path.name, "tidak terbaca", "", "", 0, problems=tuple(problems_of(e, path.parent))
        )
    reports = frame.attrs.get("laporan", [])
    warnings = list(frame.attrs.get("peringatan", []))
    for p in check_identity(reports, r.tanggal if r else None, r.mulai if r else None):
        warnings.append(f"{p.problem} (tanggal/jam berbeda dari berkas rapat)")
    short = int(frame["kurang_durasi"].fillna(False).astype(bool).sum())
    if short:
        warnings.append(
            f"{short} orang hadir kurang dari {min_share:.0%} durasi rapat (kurang_durasi)"
        )
    shared = int(frame["keterangan"].astype(str).str.contains(SHARED_LOGIN_NOTE).sum())
    if shared:
        warnings.append(f"{shared} baris memakai {SHARED_LOGIN_NOTE} (beberapa orang satu akun)")
    if frame.empty:
        warnings.append("tidak ada peserta di berkas ini")
    report = reports[0] if reports else {}
    when = ""
    if report.get("mulai"):
        start = dt.datetime.fromisoformat(str(report["mulai"]))
        when = f"{start:%d-%m-%Y %H.%M}"
    elif report.get("jam_mulai"):
        when = str(report["jam_mulai"]).replace(":", ".")
    return AttendanceFile(
        path.name,
        str(report.get("platform") or KINDS["roster"]),
        str(report.get("bahasa") or ""),
        when,
        len(frame),
        tuple(warnings),
    )

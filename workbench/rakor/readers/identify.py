"""What a file that no attendance reader takes is, for a refusal that names it.

:func:`unknown_file_error` is raised when a file is neither a platform report a reader
knows nor a roster with a ``nama`` column. It says what the file looks like (a platform
report in a language not supported yet, a webinar or registration report, a machine or
class log, or "bukan ekspor kehadiran") and lists every supported format and language,
in at most 20 lines.
"""

from __future__ import annotations

import re
from typing import Sequence

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.readers import languages, platform

Rows = Sequence[tuple[int, list[str]]]

_SECTION = re.compile(r"^\s*[*#]?\s*\d+\.\s*\S")
_TEAMS_DURATION = re.compile(
    r"^\d+\s*[^\W\d_]{1,5}\.?\s+\d+\s*[^\W\d_]{1,5}\.?(\s+\d+\s*[^\W\d_]{1,5}\.?)?$"
)
_NAME_WORDS = ("nama", "name", "nom", "nome", "nombre", "naam", "imie", "student", "pegawai")
_TIME_WORDS = ("tanggal", "waktu", "date", "time", "jam", "tgl", "timestamp")


def supported_lines() -> list[str]:
    """The supported formats and languages, one line each."""
    teams = ", ".join(languages.language_names("teams"))
    zoom = ", ".join(languages.language_names("zoom"))
    return [
        "Format yang didukung (rincian: docs/format-kehadiran.md):",
        "- daftar hadir / Google Form (CSV/XLSX): baris judul daftar hadir harus memuat "
        "kolom: nama (wajib), jabatan, instansi, status, keterangan;",
        "- Zoom: laporan peserta (dengan/tanpa ringkasan rapat, 'unique users'), CSV atau "
        f"XLSX; bahasa: {zoom};",
        "- Zoom webinar: Attendee Report (bahasa Inggris);",
        "- Microsoft Teams: laporan kehadiran (Ringkasan/Peserta/Aktivitas), laporan "
        f"2020-2021, daftar lama Joined/Left; bahasa: {teams};",
        "- Google Meet: laporan kehadiran Workspace, ekspor ekstensi kehadiran (juga daftar "
        "kelas), lembar add-on Meet Attendance (satu kolom per pemeriksaan).",
    ]


def describe(rows: Rows) -> str:
    """What the rows look like, in a few words (Indonesian)."""
    head = [c for _, c in rows[:60] if not is_blank(c)]
    cells = [c.strip() for row in head for c in row if c.strip()]
    keys = {platform.column_key(_strip_number(c)) for c in cells}
    text = " ".join(cells[:400]).lower()
    sections = sum(
        1 for row in head if len([c for c in row if c.strip()]) == 1 and _SECTION.match(row[0])
    )
    teams_words = {
        platform.column_key(w)
        for t in ("teams", "teams_summary", "teams_events")
        for f in _fields(t)
        for w in languages.words(t, f)
    }
    durations = sum(1 for c in cells if _TEAMS_DURATION.match(c))
    if sections >= 2 or (durations >= 2 and "@" in text):
        language = languages.language_of("teams_summary", keys, platform.column_key)
        return _platform_text("Microsoft Teams", language if keys & teams_words else None)
    if "meet.google.com" in text or text.startswith("attendance for:"):
        return "ekspor Google Meet (ekstensi/add-on) yang bentuknya belum didukung"
    if "webinar" in text or "panelist" in text:
        return "laporan webinar Zoom yang bentuknya belum didukung"
    if "zoom" in text or "original name" in text:
        return _platform_text("Zoom", None)
    header = [platform.column_key(c) for c in head[0]] if head else []
    named = sorted(
        (h for h in header if any(w in h for w in _NAME_WORDS)),
        key=lambda h: not any(w in h for w in _NAME_WORDS[:2]),
    )
    timed = [h for h in header if any(w in h for w in _TIME_WORDS)]
    if named and timed:
        return (
            f"berkas ini tampak seperti log atau rekap presensi (kolom '{named[0]}' dan "
            f"'{timed[0]}'), bukan ekspor kehadiran satu rapat"
        )
    return "berkas ini bukan ekspor kehadiran yang dikenali (bukan ekspor kehadiran)"


def _fields(table: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for _, tables in languages.LANGUAGES.values():
        for f in tables.get(table, {}):
            found.setdefault(f, None)
    return tuple(found)


def _strip_number(text: str) -> str:
    return re.sub(r"^[*#\s]*(?:\d+\.\s*)?", "", text)


def _platform_text(name: str, language: str | None) -> str:
    if language:
        return f"laporan {name} (bahasa {language}) yang bentuknya belum dapat dibaca"
    return f"laporan {name} dalam bahasa atau bentuk yang belum didukung"


def unknown_file_error(rows: Rows, file: str) -> InputError:
    """The refusal of a file no reader takes, naming what it looks like. A table that is
    no platform's is refused as a roster without ``nama`` column, its columns listed."""
    line, head = next(((n, c) for n, c in rows if not is_blank(c)), (None, []))
    first = ", ".join(c.strip() for c in head if c.strip())
    if len(first) > 160:
        first = first[:157] + "..."
    what = describe(rows)
    if what.startswith(("laporan", "ekspor")):
        problem = f"berkas ini tampak seperti {what}; baris pertama: {first or '(kosong)'}"
        field = None
    else:
        problem = f"{what}: kolom 'nama' tidak ditemukan; kolom yang ada: {first or '(kosong)'}"
        field = "nama"
    return InputError(problem, file=file, row=line, field=field, fix="\n".join(supported_lines()))

"""Attendance files of every kind read and merged into one table.

:func:`detect_kind` decides by content, never by file name: a Microsoft Teams report, a
Google Meet report or extension export, a Zoom report (any of them CSV/TXT in any encoding
:func:`~workbench.csvtext.decode_text` reads, or re-saved as XLSX), else a roster (daftar
hadir, Google Form). :func:`read_attendance` reads them all, checks that every platform
report is of the record's meeting (:func:`check_identity`), merges them
(:func:`~workbench.rakor.merge.merge_attendance`) and says in the table's ``attrs`` what it
decided: ``peringatan`` (warning lines), ``laporan`` (each report's meeting, for the
manifest) and ``tinjau`` (rows that are probably one person, for review).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from workbench.errors import InputError, InputErrors
from workbench.rakor.readers.identify import unknown_file_error
from workbench.rakor.readers.meet import (
    is_meet,
    is_meet_addon,
    is_meet_class_list,
    meet_addon_report,
    meet_class_list_report,
    meet_report,
)
from workbench.rakor.readers.platform import report_frame
from workbench.rakor.readers.roster import file_rows, has_name_column, roster_frame
from workbench.rakor.readers.teams import is_teams, teams_report
from workbench.rakor.readers.webinar import (
    is_registration,
    is_webinar,
    registration_error,
    webinar_report,
)
from workbench.rakor.readers.zoom import is_zoom_header, zoom_report

if TYPE_CHECKING:
    from typing import Sequence

#: A report starting further than this from the record's ``mulai`` is of another meeting.
MAX_START_GAP = dt.timedelta(hours=3)
KINDS = {
    "zoom": "Zoom",
    "webinar": "Zoom (webinar)",
    "registration": "pendaftaran webinar Zoom (bukan kehadiran)",
    "teams": "Microsoft Teams",
    "meet": "Google Meet",
    "meet-addon": "Google Meet (add-on)",
    "meet-class": "Google Meet (ekstensi, daftar kelas)",
    "roster": "daftar hadir",
    "unknown": "bukan ekspor kehadiran",
}
_READERS = {
    "zoom": zoom_report,
    "webinar": webinar_report,
    "teams": teams_report,
    "meet": meet_report,
    "meet-addon": meet_addon_report,
    "meet-class": meet_class_list_report,
}


def detect_kind(path: str | Path) -> str:
    """A key of :data:`KINDS` (``'teams'``, ``'meet'``, ``'zoom'``, ``'roster'``...), from the
    file's content."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            "berkas kehadiran tidak ditemukan", file=path, fix="periksa nama dan lokasi berkas"
        )
    rows, _ = file_rows(path)
    return kind_of(rows)


def kind_of(rows) -> str:
    """The kind of a file's rows (see :func:`detect_kind`)."""
    if is_webinar(rows):
        return "webinar"
    if is_registration(rows):
        return "registration"
    if is_teams(rows):
        return "teams"
    if is_meet(rows):
        return "meet"
    if is_meet_addon(rows):
        return "meet-addon"
    if is_meet_class_list(rows):
        return "meet-class"
    first: list[str] = next((cells for _, cells in rows if any(c.strip() for c in cells)), [])
    if is_zoom_header(first):
        return "zoom"
    return "roster" if has_name_column(rows) else "unknown"


def read_attendance_file(
    path: str | Path,
    *,
    meeting_minutes: float | None = None,
    min_share: float = 0.5,
    tanggal: dt.date | None = None,
    mode: str | None = None,
) -> pd.DataFrame:
    """Read one attendance file of any kind (see :func:`detect_kind`)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            "berkas kehadiran tidak ditemukan", file=path, fix="periksa nama dan lokasi berkas"
        )
    rows, label = file_rows(path)
    kind = kind_of(rows)
    if kind == "roster":
        return roster_frame(rows, file=path, row_label=label, mode=mode)
    if kind == "registration":
        raise registration_error(path.name)
    if kind == "unknown":
        raise unknown_file_error(rows, path.name)
    report = _READERS[kind](rows, path.name, prefer_date=tanggal)
    return report_frame(report, meeting_minutes=meeting_minutes, min_share=min_share)


def check_identity(
    reports: list[dict], tanggal: dt.date | None, mulai: dt.time | None
) -> list[InputError]:
    """A problem for each report whose own date differs from ``tanggal`` or whose start is
    more than :data:`MAX_START_GAP` from ``mulai``."""
    problems = []
    for r in reports:
        fix = (
            "periksa bahwa berkas ini laporan rapat yang benar; bila memang benar (mis. "
            "rapat diundur), jalankan dengan --izinkan-tanggal-beda"
        )
        where = f"{r['platform']} ({r['mulai_dari'] or 'waktu bergabung pertama'})"
        if r["mulai"] and tanggal is not None:
            start = dt.datetime.fromisoformat(str(r["mulai"]))
            if start.date() != tanggal:
                problems.append(
                    InputError(
                        f"laporan {where} bertanggal {start:%d-%m-%Y}, padahal rapat ini "
                        f"tanggal {tanggal:%d-%m-%Y}",
                        file=r["berkas"],
                        fix=fix,
                    )
                )
                continue
        if r["jam_mulai"] and mulai is not None:
            start_t = dt.datetime.strptime(str(r["jam_mulai"]), "%H:%M")
            gap = abs(start_t - dt.datetime.combine(start_t.date(), mulai))
            if gap > MAX_START_GAP:
                problems.append(
                    InputError(
                        f"laporan {where} mulai pukul {start_t:%H.%M}, padahal rapat ini "
                        f"mulai pukul {mulai:%H.%M} (selisih lebih dari 3 jam)",
                        file=r["berkas"],
                        fix=fix,
                    )
                )
    return problems


def read_attendance(
    paths: Sequence[str | Path],
    *,
    meeting_minutes: float | None = None,
    min_share: float = 0.5,
    tanggal: dt.date | None = None,
    mulai: dt.time | None = None,
    mode: str | None = None,
    allow_other_date: bool = False,
) -> pd.DataFrame:
    """Read every attendance file and merge them into one table.

    Parameters
    ----------
    paths : sequence of str or Path
        Rosters (CSV/XLSX) and Zoom, Teams and Google Meet reports, in any order.
    meeting_minutes : float, optional
        Meeting length for reports without a summary block.
    min_share : float
        Share of the meeting (0-1) below which an online attendee gets ``kurang_durasi``.
    tanggal, mulai : optional
        The record's date and start: a report of another date, or starting more than
        :data:`MAX_START_GAP` away, is bad input unless ``allow_other_date``.
    mode : str, optional
        The record's ``rapat.mode``: the status of a roster without a status column.

    Raises
    ------
    InputError
        Every problem of every file at once (:class:`~workbench.errors.InputErrors`), or no
        attendee at all.
    """

    from workbench.rakor.merge import merge_attendance, probable_duplicates

    files = [Path(p) for p in paths]
    if not files:
        raise InputError(
            "tidak ada berkas kehadiran",
            fix="berikan daftar hadir (CSV/XLSX) atau laporan peserta Zoom/Teams/Google Meet",
        )
    frames: list[pd.DataFrame] = []
    errors: list[InputError] = []
    for path in files:
        try:
            frames.append(
                read_attendance_file(
                    path,
                    meeting_minutes=meeting_minutes,
                    min_share=min_share,
                    tanggal=tanggal,
                    mode=mode,
                )
            )
        except InputErrors as e:
            errors.extend(e.errors)
        except InputError as e:
            errors.append(e)
    if errors:
        raise InputErrors(errors)
    reports = [r for f in frames for r in f.attrs.get("laporan", [])]
    warnings = [w for f in frames for w in f.attrs.get("peringatan", [])]
    problems = check_identity(reports, tanggal, mulai)
    if problems and not allow_other_date:
        raise InputErrors(problems)
    warnings += [f"{p.file}: {p.problem} (diizinkan --izinkan-tanggal-beda)" for p in problems]
    table = merge_attendance(frames)
    if table.empty:
        raise InputError(
            "data kehadiran kosong: tidak ada peserta di " + ", ".join(p.name for p in files),
            file=files[0].name if len(files) == 1 else None,
            fix="isi minimal satu baris peserta (kolom nama) atau gunakan laporan "
            "Zoom/Teams/Google Meet yang berisi peserta",
        )
    table.attrs["laporan"] = reports
    table.attrs["peringatan"] = warnings
    table.attrs["tinjau"] = probable_duplicates(table)
    return table

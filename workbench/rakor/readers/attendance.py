"""Attendance files of either kind (roster, Zoom) read and merged into one table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from workbench.csvtext import csv_rows, first_line, read_text
from workbench.errors import InputError, InputErrors
from workbench.rakor.readers.roster import read_roster
from workbench.rakor.readers.zoom import is_zoom_header, read_zoom

if TYPE_CHECKING:
    from typing import Sequence


def detect_kind(path: str | Path) -> str:
    """``'zoom'`` for a Zoom participants report, ``'roster'`` for a daftar hadir/Google Form."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            "berkas kehadiran tidak ditemukan", file=path, fix="periksa nama dan lokasi berkas"
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "roster"
    if suffix not in (".csv", ".txt"):
        raise InputError(
            f"jenis berkas '{path.suffix}' tidak didukung untuk kehadiran",
            file=path.name,
            fix="gunakan .csv (daftar hadir, Google Form, laporan peserta Zoom) "
            "atau .xlsx (daftar hadir, sheet 'Kehadiran' workbook rapat)",
        )
    rows = csv_rows(first_line(read_text(path)), file=path.name)
    return "zoom" if rows and is_zoom_header(rows[0][1]) else "roster"


def read_attendance_file(
    path: str | Path, *, meeting_minutes: float | None = None, min_share: float = 0.5
) -> pd.DataFrame:
    """Read one attendance file of either kind (see :func:`detect_kind`)."""
    if detect_kind(path) == "zoom":
        return read_zoom(path, meeting_minutes=meeting_minutes, min_share=min_share)
    return read_roster(path)


def read_attendance(
    paths: Sequence[str | Path], *, meeting_minutes: float | None = None, min_share: float = 0.5
) -> pd.DataFrame:
    """Read every attendance file and merge them into one table.

    Parameters
    ----------
    paths : sequence of str or Path
        Roster CSV/XLSX files and Zoom participants reports, in any order.
    meeting_minutes : float, optional
        Meeting length for Zoom reports without a summary block.
    min_share : float
        Share of the meeting (0-1) below which a Zoom attendee gets ``kurang_durasi``.

    Raises
    ------
    InputError
        Every problem of every file at once (:class:`~workbench.errors.InputErrors`), or no
        attendee at all.
    """

    from workbench.rakor.merge import merge_attendance

    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError(
            "tidak ada berkas kehadiran",
            fix="berikan daftar hadir (CSV/XLSX) atau laporan peserta Zoom (CSV)",
        )
    frames, errors = [], []
    for path in paths:
        try:
            frames.append(
                read_attendance_file(path, meeting_minutes=meeting_minutes, min_share=min_share)
            )
        except InputErrors as e:
            errors.extend(e.errors)
        except InputError as e:
            errors.append(e)
    if errors:
        raise InputErrors(errors)
    table = merge_attendance(frames)
    if table.empty:
        raise InputError(
            "data kehadiran kosong: tidak ada peserta di " + ", ".join(p.name for p in paths),
            file=paths[0].name if len(paths) == 1 else None,
            fix="isi minimal satu baris peserta (kolom nama) atau gunakan laporan Zoom "
            "yang berisi peserta",
        )
    return table

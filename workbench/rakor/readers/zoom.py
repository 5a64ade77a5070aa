"""Reader for Zoom's participants report (CSV, or the CSV re-saved by Excel as XLSX), with or
without the meeting summary block, in every language of :mod:`languages` (English,
Indonesian, Portuguese, French, Polish, Spanish, German, Dutch, Japanese).

One person who drops and rejoins appears on several rows; rows are grouped
(:func:`~workbench.rakor.readers.platform.group_sessions`) and their join-leave intervals
merged, so overlapping connections (laptop and phone at once) are not counted twice. Each
attendee's share of the meeting decides ``kurang_durasi``. The "unique users" export (one
row per person, ``Total Duration (Minutes)``) is read the same way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

import pandas as pd

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.readers import languages
from workbench.rakor.readers.platform import (
    STATUS as STATUS,
)
from workbench.rakor.readers.platform import (
    Report,
    Session,
    apply_summary,
    cell,
    choose_family,
    column_key,
    find_columns,
    make_session,
    parse_time,
    report_frame,
)
from workbench.rakor.readers.platform import (
    attendee_record as attendee_record,
)
from workbench.rakor.readers.platform import (
    group_sessions as group_sessions,
)
from workbench.rakor.readers.platform import (
    merged_minutes as merged_minutes,
)

Rows = Sequence[tuple[int, list[str]]]

#: Participant-table columns per field, as Zoom writes them in every language of
#: :mod:`languages` (compared through :func:`~workbench.rakor.readers.platform.column_key`).
COLUMNS: dict[str, tuple[str, ...]] = languages.aliases(
    "zoom",
    {
        "name": ("original_name", "name"),
        "email": ("email",),
        "join": ("join",),
        "leave": ("leave",),
        "duration": ("duration", "total"),
        "waiting": ("waiting",),
    },
)
#: Summary-block columns per field.
SUMMARY: dict[str, tuple[str, ...]] = {
    **languages.aliases("zoom_summary", {f: (f,) for f in ("id", "topic", "start", "end")}),
    "duration": COLUMNS["duration"],
}
_HEADERS = {
    "name": "Name (Original Name)",
    "join": "Join Time",
    "leave": "Leave Time",
    "duration": "Duration (Minutes)",
}
_KEYS = {f: {column_key(a) for a in names} for f, names in {**COLUMNS, "id": SUMMARY["id"]}.items()}
_TIME_FIX = (
    "gunakan laporan asli dari Zoom (mis. '07/17/2025 08:55:12 AM'), "
    "atau format '2025-07-17 08:55:12' / '17/07/2025 08.55'"
)


def is_zoom_header(cells: list[str]) -> bool:
    """True for the first line of a Zoom report (summary block or participant table)."""
    keys = {column_key(c) for c in cells}
    original = {column_key(a) for a in languages.words("zoom", "original_name")}
    total = {column_key(a) for a in languages.words("zoom", "total")}
    return bool(keys & (_KEYS["id"] | _KEYS["join"] | original | total))


def read_zoom(
    path: str | Path,
    *,
    meeting_minutes: float | None = None,
    min_share: float = 0.5,
    prefer_date: dt.date | None = None,
) -> pd.DataFrame:
    """Read a Zoom participants report into the attendance table (one row per person).

    Parameters
    ----------
    path : str or Path
        The CSV as downloaded from Zoom (or re-saved by Excel, as CSV or XLSX).
    meeting_minutes : float, optional
        Length of the meeting, used when the report has no summary block. Without either,
        the span from the earliest join to the latest leave is used.
    min_share : float
        Share of the meeting (0-1) below which ``kurang_durasi`` is set.
    prefer_date : datetime.date, optional
        The record's date: decides between two date orders that both read every time.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`workbench.rakor.attendance_model.COLUMNS`, status "Hadir (daring)",
        ordered by first join; ``attrs['laporan']`` describes the report.
    """
    from workbench.rakor.readers.roster import file_rows

    path = Path(path)
    rows, _ = file_rows(path)
    report = zoom_report(rows, path.name, prefer_date=prefer_date)
    return report_frame(report, meeting_minutes=meeting_minutes, min_share=min_share)


def zoom_report(rows: Rows, file: str, *, prefer_date: dt.date | None = None) -> Report:
    """The :class:`~workbench.rakor.readers.platform.Report` of a Zoom report's rows."""
    summary, header_at = _locate(rows, file)
    columns = _participant_columns(rows[header_at], file)
    raw = [(n, c) for n, c in rows[header_at + 1 :] if not is_blank(c)]
    cells: list[tuple[int | None, str, str]] = [
        (n, _HEADERS[f], cell(c, columns, f))
        for n, c in raw
        for f in ("join", "leave")
        if f in columns
    ]
    if summary:
        cells += [
            (None, f.title() + " Time", summary[f]) for f in ("start", "end") if summary.get(f)
        ]
    notes: list[str] = []
    family = choose_family(cells, file=file, prefer=prefer_date, fix=_TIME_FIX, notes=notes)
    sessions = [s for s in (_session(n, c, columns, family, file) for n, c in raw) if s]
    report = Report("Zoom", file, sessions, rows=len(raw))
    report.warnings = [f"{file}: {n}" for n in notes]
    if summary:
        length = _number(summary.get("duration", ""))
        apply_summary(report, summary, family, topic=summary.get("topic", ""), length=length)
    return report


# ----------------------------------------------------------------------------- layout
def _locate(rows: Rows, file: str) -> tuple[dict[str, str] | None, int]:
    """The summary block (field -> value) if any, and the participant header index."""
    non_blank = [i for i, (_, cells) in enumerate(rows) if not is_blank(cells)]
    if not non_blank:
        raise InputError(
            "berkas kosong", file=file, fix="unduh ulang laporan peserta (Participants) dari Zoom"
        )
    first = non_blank[0]
    keys = [column_key(c) for c in rows[first][1]]
    if not set(keys) & _KEYS["id"]:
        return None, first
    if len(non_blank) < 3:
        raise InputError(
            "laporan Zoom hanya berisi ringkasan rapat, tanpa daftar peserta",
            file=file,
            row=rows[first][0],
            fix="unduh laporan dengan opsi 'Show meeting data' dan daftar peserta",
        )
    values = rows[non_blank[1]][1]
    at = find_columns(rows[first][1], SUMMARY)
    summary = {f: (values[i].strip() if i < len(values) else "") for f, i in at.items()}
    return summary, non_blank[2]


def _participant_columns(header: tuple[int, list[str]], file: str) -> dict[str, int]:
    line, cells = header
    columns = find_columns(cells, COLUMNS)
    timed = "join" in columns and "leave" in columns
    if "name" not in columns or not (timed or "duration" in columns):
        missing = [_HEADERS[f] for f in ("name", "join", "leave", "duration") if f not in columns]
        raise InputError(
            "kolom laporan peserta Zoom tidak lengkap; kurang: "
            + ", ".join(missing)
            + "; kolom yang ada: "
            + ", ".join(c for c in cells if c),
            file=file,
            row=line,
            field=missing[0],
            fix="gunakan laporan peserta asli dari Zoom (Reports > Usage > Participants) "
            "dengan kolom " + ", ".join(_HEADERS.values()),
        )
    return columns


# ----------------------------------------------------------------------------- values
def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".")) if text else None
    except ValueError:
        return None


def _minutes(text: str, *, file: str, row: int) -> float | None:
    if not text:
        return None
    value = _number(text)
    if value is None:
        raise InputError(
            f"durasi '{text}' bukan angka",
            field=_HEADERS["duration"],
            fix="isi durasi dalam menit, mis. 95",
            file=file,
            row=row,
        )
    return value


def _session(line: int, cells: list[str], columns, family, file: str) -> Session | None:
    """One participant row, or None for a row that is not attendance (0 minutes, waiting room)."""
    if cell(cells, columns, "waiting").lower() in languages.yes_words():
        return None
    start = parse_time(cell(cells, columns, "join"), family)
    end = parse_time(cell(cells, columns, "leave"), family)
    if start and end and end < start:
        raise InputError(
            "Leave Time lebih awal daripada Join Time",
            field=_HEADERS["leave"],
            fix="periksa kedua waktu pada baris ini",
            file=file,
            row=line,
        )
    duration = _minutes(cell(cells, columns, "duration"), file=file, row=line)
    if start and end and end == start and duration:
        # Times without seconds (a re-saved report): a short stay has join == leave while
        # Zoom's own duration (rounded up) says it lasted.
        end = start + dt.timedelta(minutes=duration)
    minutes = (end - start).total_seconds() / 60 if start and end else (duration or 0.0)
    if duration == 0 or minutes <= 0:
        return None
    typed = cell(cells, columns, "name")
    return make_session(line, typed, cell(cells, columns, "email"), start, end, minutes)

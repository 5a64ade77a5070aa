"""Reader for Zoom's participants report (CSV), with or without the meeting summary block.

One person who drops and rejoins appears on several rows; rows are grouped by the parsed
name and institution (and e-mail when two people share a name) and their join-leave
intervals merged, so overlapping connections (laptop and phone at once) are not counted
twice. Each attendee's share of the meeting decides ``kurang_durasi``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.csvtext import csv_rows, header_key, is_blank, read_text
from workbench.errors import InputError
from workbench.indonesian import angka
from workbench.limits import MAX_ATTENDANCE_ROWS
from workbench.rakor.attendance_model import SHARED_LOGIN_NOTE
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.names import DisplayName, instansi_key, parse_display_name, person_key

STATUS = "Hadir (daring)"

#: Participant-table columns (header keys) per field.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name (original name)", "name", "nama", "participant", "nama (nama asli)"),
    "email": ("user email", "email"),
    "join": ("join time",),
    "leave": ("leave time",),
    "duration": ("duration (minutes)", "duration (mins)", "duration"),
    "waiting": ("in waiting room",),
}
_HEADERS = {
    "name": "Name (Original Name)",
    "join": "Join Time",
    "leave": "Leave Time",
    "duration": "Duration (Minutes)",
}

#: Time formats, grouped by family; a file must use one family throughout.
TIME_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p"),  # Zoom (US)
    ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"),  # ISO
    (
        "%d/%m/%Y %H.%M.%S",
        "%d/%m/%Y %H.%M",
        "%d/%m/%Y %H:%M:%S",  # Indonesian re-save
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H.%M",
        "%d-%m-%Y %H:%M",
    ),
    ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"),  # US, 24-hour
)
_TIME_FIX = (
    "gunakan laporan asli dari Zoom (mis. '07/17/2025 08:55:12 AM'), "
    "atau format '2025-07-17 08:55:12' / '17/07/2025 08.55'"
)


@dataclass
class Session:
    """One row of the participants table."""

    line: int
    name: DisplayName
    email: str
    start: dt.datetime | None
    end: dt.datetime | None
    minutes: float


@dataclass
class Attendee:
    """One person: the rows (sessions) grouped together."""

    name: DisplayName
    email: str
    sessions: list[Session] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        """Minutes connected, overlapping sessions merged."""
        timed = [s for s in self.sessions if s.start is not None and s.end is not None]
        untimed = sum(s.minutes for s in self.sessions if s.start is None or s.end is None)
        return merged_minutes([(s.start, s.end) for s in timed]) + untimed


def merged_minutes(intervals: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Total minutes covered by ``intervals``, overlaps counted once."""
    total = 0.0
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return total / 60


def is_zoom_header(cells: list[str]) -> bool:
    """True for the first line of a Zoom report (summary block or participant table)."""
    keys = {header_key(c) for c in cells}
    return "meeting id" in keys or "join time" in keys or "name (original name)" in keys


def read_zoom(
    path: str | Path, *, meeting_minutes: float | None = None, min_share: float = 0.5
) -> pd.DataFrame:
    """Read a Zoom participants report into the attendance table (one row per person).

    Parameters
    ----------
    path : str or Path
        The CSV as downloaded from Zoom (or re-saved by Excel).
    meeting_minutes : float, optional
        Length of the meeting, used when the report has no summary block. Without either,
        the span from the earliest join to the latest leave is used.
    min_share : float
        Share of the meeting (0-1) below which ``kurang_durasi`` is set.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`workbench.rakor.attendance_model.COLUMNS`, status "Hadir (daring)",
        ordered by first join.
    """
    path = Path(path)
    rows = csv_rows(read_text(path), file=path.name, max_rows=MAX_ATTENDANCE_ROWS)
    summary, header_at = _locate(rows, path)
    columns = _participant_columns(rows[header_at], path)
    raw = [(n, c) for n, c in rows[header_at + 1 :] if not is_blank(c)]
    family = _time_family(raw, columns, summary, path)
    sessions = [s for s in (_session(n, c, columns, family, path) for n, c in raw) if s]
    attendees = group_sessions(sessions)
    total = _meeting_length(summary, family, meeting_minutes, sessions)
    return to_frame(attendee_record(a, total, min_share, path.name) for a in attendees)


# ----------------------------------------------------------------------------- layout
def _locate(rows, path: Path) -> tuple[dict[str, str] | None, int]:
    """The summary block (header key -> value) if any, and the participant header index."""
    non_blank = [i for i, (_, cells) in enumerate(rows) if not is_blank(cells)]
    if not non_blank:
        raise InputError(
            "berkas kosong",
            file=path.name,
            fix="unduh ulang laporan peserta (Participants) dari Zoom",
        )
    first = non_blank[0]
    keys = [header_key(c) for c in rows[first][1]]
    if "meeting id" not in keys:
        return None, first
    if len(non_blank) < 3:
        raise InputError(
            "laporan Zoom hanya berisi ringkasan rapat, tanpa daftar peserta",
            file=path.name,
            row=rows[first][0],
            fix="unduh laporan dengan opsi 'Show meeting data' dan daftar peserta",
        )
    values = rows[non_blank[1]][1]
    summary = {k: (values[i] if i < len(values) else "") for i, k in enumerate(keys)}
    return summary, non_blank[2]


def _participant_columns(header: tuple[int, list[str]], path: Path) -> dict[str, int]:
    line, cells = header
    keys = [header_key(c) for c in cells]
    columns: dict[str, int] = {}
    for fld, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                columns[fld] = keys.index(alias)
                break
    timed = "join" in columns and "leave" in columns
    if "name" not in columns or not (timed or "duration" in columns):
        missing = [_HEADERS[f] for f in ("name", "join", "leave", "duration") if f not in columns]
        raise InputError(
            "kolom laporan peserta Zoom tidak lengkap; kurang: "
            + ", ".join(missing)
            + "; kolom yang ada: "
            + ", ".join(c for c in cells if c),
            file=path.name,
            row=line,
            field=missing[0],
            fix="gunakan laporan peserta asli dari Zoom (Reports > Usage > Participants) "
            "dengan kolom " + ", ".join(_HEADERS.values()),
        )
    return columns


# ----------------------------------------------------------------------------- values
def _cell(cells: list[str], columns: dict[str, int], fld: str) -> str:
    index = columns.get(fld)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _parse_time(text: str, family: tuple[str, ...]) -> dt.datetime | None:
    for fmt in family:
        try:
            return dt.datetime.strptime(" ".join(text.split()), fmt)
        except ValueError:
            continue
    return None


def _time_family(raw, columns, summary, path: Path) -> tuple[str, ...]:
    """The first format family that reads every time in the file."""
    cells = [
        (n, _HEADERS[f], _cell(c, columns, f))
        for n, c in raw
        for f in ("join", "leave")
        if f in columns
    ]
    cells = [x for x in cells if x[2]]
    if summary:
        cells += [
            (None, k.title(), summary.get(k, ""))
            for k in ("start time", "end time")
            if summary.get(k)
        ]
    best_bad = None
    for family in TIME_FAMILIES:
        bad = [x for x in cells if _parse_time(x[2], family) is None]
        if not bad:
            return family
        if best_bad is None or len(bad) < len(best_bad):
            best_bad = bad
    line, column, value = best_bad[0]
    raise InputError(
        f"waktu '{value}' tidak dapat dibaca", file=path.name, row=line, field=column, fix=_TIME_FIX
    )


def _minutes(text: str, **where) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InputError(
            f"durasi '{text}' bukan angka",
            field=_HEADERS["duration"],
            fix="isi durasi dalam menit, mis. 95",
            **where,
        ) from None


def _session(line: int, cells: list[str], columns, family, path: Path) -> Session | None:
    """One participant row, or None for a row that is not attendance (0 minutes, waiting room)."""
    where = {"file": path.name, "row": line}
    if _cell(cells, columns, "waiting").lower() in ("yes", "ya", "true"):
        return None
    start = _parse_time(_cell(cells, columns, "join"), family)
    end = _parse_time(_cell(cells, columns, "leave"), family)
    if start and end and end < start:
        raise InputError(
            "Leave Time lebih awal daripada Join Time",
            field=_HEADERS["leave"],
            fix="periksa kedua waktu pada baris ini",
            **where,
        )
    duration = _minutes(_cell(cells, columns, "duration"), **where)
    minutes = (end - start).total_seconds() / 60 if start and end else (duration or 0.0)
    if duration == 0 or minutes <= 0:
        return None
    typed = _cell(cells, columns, "name")
    name = parse_display_name(typed)
    email = _cell(cells, columns, "email").lower()
    if not name.nama:  # no name, or only a role/number ("Host"): the e-mail says more
        fallback = email or " ".join(typed.split()) or "Tanpa Nama"
        name = DisplayName(fallback, name.instansi, name.jabatan)
    return Session(line, name, email, start if end else None, end if start else None, minutes)


# ----------------------------------------------------------------------------- grouping
def group_sessions(sessions: list[Session]) -> list[Attendee]:
    """Group rows of one person: same parsed name and institution; when one name carries
    several e-mail addresses, one attendee per address (rows without e-mail join the first)."""
    by_name: dict[tuple[str, str], list[Session]] = {}
    for s in sessions:
        by_name.setdefault((person_key(s.name.nama), instansi_key(s.name.instansi)), []).append(s)
    attendees: list[Attendee] = []
    for group in by_name.values():
        emails = list(dict.fromkeys(s.email for s in group if s.email))
        people = {e: Attendee(group[0].name, e) for e in emails} or {
            "": Attendee(group[0].name, "")
        }
        first = next(iter(people.values()))
        for s in group:
            people.get(s.email, first).sessions.append(s)
        attendees.extend(people.values())
    return sorted(attendees, key=lambda a: min(s.line for s in a.sessions))


def _meeting_length(summary, family, meeting_minutes, sessions) -> float:
    """Summary block's duration, else ``meeting_minutes``, else earliest join to latest leave."""
    if summary:
        value = summary.get("duration (minutes)", "").replace(",", ".")
        try:
            if float(value) > 0:
                return float(value)
        except ValueError:
            pass
        start = _parse_time(summary.get("start time", ""), family)
        end = _parse_time(summary.get("end time", ""), family)
        if start and end and end > start:
            return (end - start).total_seconds() / 60
    if meeting_minutes and meeting_minutes > 0:
        return float(meeting_minutes)
    starts = [s.start for s in sessions if s.start]
    ends = [s.end for s in sessions if s.end]
    if starts and ends:
        return max((max(ends) - min(starts)).total_seconds() / 60, 0.0)
    return max((s.minutes for s in sessions), default=0.0)


def attendee_record(
    attendee: Attendee, meeting_minutes: float, min_share: float, source: str
) -> dict:
    """The attendance-table row of one attendee."""
    minutes = attendee.minutes
    share = min(100.0, 100.0 * minutes / meeting_minutes) if meeting_minutes > 0 else float("nan")
    short = bool(meeting_minutes > 0 and share < 100.0 * min_share)
    notes = [SHARED_LOGIN_NOTE] if attendee.name.shared_login else []
    if short:
        notes.append(f"hadir {angka(round(minutes))} dari {angka(round(meeting_minutes))} menit")
    return {
        "nama": attendee.name.nama,
        "jabatan": attendee.name.jabatan,
        "instansi": attendee.name.instansi,
        "status": STATUS,
        "keterangan": "; ".join(notes),
        "durasi_menit": round(minutes, 1),
        "persen_hadir": round(share, 1),
        "kurang_durasi": short,
        "sumber": source,
    }

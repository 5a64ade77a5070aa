"""Reader for Google Meet attendance (docs/format-kehadiran.md).

- Google Workspace's attendance report (sent to the organiser, CSV from Sheets):
  ``First name, Last name, Email, Duration, Time joined, Time exited`` (or one
  ``Participant Name`` column); durations like ``1 hr 2 min``, times like ``9:01 AM``;
- attendance-extension exports with one row per person: ``Participant Name, Joined At,
  Left At, Duration`` (``1h 23m 45s``; "Still in meeting" as a leave time), or
  ``Full Name, First Seen, Last Seen, Time in Call``;
- attendance-extension event logs: ``Name, Email, Time, Type`` with Join/Leave rows
  (paired per person like Teams' old list);
- the "Meet Attendance" add-on sheet (:func:`meet_addon_report`): one column per attendance
  check (its time in the first row, the meeting link in the second), the names seen at that
  check below; a person seen at k of n checks is present k of n;
- the "Google Meet Attendance" extension's class list (:func:`meet_class_list_report`):
  "Attendance for: <class> on <date>", then ``Names<TAB><date time><TAB>Arrival time`` and
  per student ``name<TAB>?<TAB>15:33 (30min) [16:02]<TAB>...`` (arrival, [last seen]).

Times without a date are taken on the record's date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.names import clean
from workbench.rakor.readers import platform

Rows = Sequence[tuple[int, list[str]]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Participant Name", "Full Name", "Name", "Nama Peserta", "Nama"),
    "first": ("First name", "Nama depan"),
    "last": ("Last name", "Nama belakang"),
    "email": ("Email", "Participant Email", "Email peserta"),
    "duration": ("Duration", "Time in Call", "Durasi", "Durasi panggilan"),
    "join": ("Time joined", "Joined At", "First Seen", "Waktu bergabung", "Join Time"),
    "leave": ("Time exited", "Left At", "Last Seen", "Waktu keluar", "Leave Time"),
}
EVENTS: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Participant Name", "Nama"),
    "email": ("Email",),
    "time": ("Time", "Timestamp", "Waktu"),
    "kind": ("Type", "Event", "Jenis"),
}
_EVENT_LOG = platform.EventLog(
    EVENTS,
    joined=("join", "joined", "masuk", "bergabung"),
    left=("leave", "left", "keluar"),
    kind_word="jenis",
    fix="log ekstensi kehadiran Google Meet hanya berisi Join/Leave",
)
_MEET_ONLY = {
    platform.column_key(a)
    for a in ("Time joined", "Time exited", "Joined At", "Left At", "First Seen", "Time in Call")
}
_STILL = ("still in meeting", "masih di rapat", "masih dalam rapat", "")
_FIX = (
    "berikan laporan kehadiran Google Meet (email laporan kehadiran > Google Sheets > "
    "Download > CSV) atau ekspor CSV ekstensi kehadiran tanpa diubah"
)


def _table_header(cells: list[str]) -> dict[str, int] | None:
    columns = platform.find_columns(cells, COLUMNS)
    named = "name" in columns or "first" in columns
    keys = {platform.column_key(c) for c in cells}
    if named and (keys & _MEET_ONLY or ("first" in columns and "duration" in columns)):
        return columns
    return None


def _event_header(cells: list[str]) -> dict[str, int] | None:
    columns = platform.find_columns(cells, EVENTS)
    return columns if {"name", "time", "kind"} <= set(columns) and len(cells) <= 6 else None


def is_meet(rows: Rows) -> bool:
    """True when a header in the first rows is one of Google Meet's."""
    head = [c for _, c in rows[:20] if not is_blank(c)]
    return any(_table_header(c) or _event_header(c) for c in head)


def meet_report(rows: Rows, file: str, *, prefer_date: dt.date | None = None) -> platform.Report:
    """The :class:`~workbench.rakor.readers.platform.Report` of a Google Meet file's rows."""
    non_blank = [(n, c) for n, c in rows if not is_blank(c)]
    for i, (_, cells) in enumerate(non_blank[:20]):
        if _event_header(cells):
            return _event_report(non_blank[i:], file, prefer_date)
        columns = _table_header(cells)
        if columns:
            report = _table_report(non_blank[i:], columns, file, prefer_date)
            if i >= 2:
                _meeting_block(non_blank[i - 2][1], non_blank[i - 1][1], report)
            return report
    raise InputError("kolom laporan Google Meet tidak ditemukan", file=file, fix=_FIX)


#: The meeting block some Workspace editions put above the table.
MEETING: dict[str, tuple[str, ...]] = {
    "title": ("Meeting title", "Judul rapat"),
    "date": ("Date", "Tanggal"),
    "start": ("Start time", "Waktu mulai"),
}


def _meeting_block(keys: list[str], values: list[str], report: platform.Report) -> None:
    """``Meeting title, Date, Start time`` and their values: the report's meeting."""
    at = platform.find_columns(keys, MEETING)
    if "date" not in at or "start" not in at:
        return
    title, date, start = (platform.cell(values, at, f) for f in ("title", "date", "start"))
    family = next(
        (f for f in platform.TIME_FAMILIES if platform.parse_time(f"{date} {start}", f)), None
    )
    if family is not None:
        report.start = platform.parse_time(f"{date} {start}", family)
        report.start_from, report.dated, report.topic = "ringkasan", True, title


def _on_day(time: dt.datetime | None, family, day: dt.date | None) -> dt.datetime | None:
    if time is None or family is not platform.TIME_ONLY:
        return time
    return dt.datetime.combine(day or dt.date(1900, 1, 1), time.time())


def _table_report(rows: Rows, columns, file: str, prefer_date: dt.date | None) -> platform.Report:
    header, body = rows[0][1], list(rows[1:])

    def name_of(c: list[str]) -> str:
        if "name" in columns:
            return platform.cell(c, columns, "name")
        return " ".join(
            x for x in (platform.cell(c, columns, "first"), platform.cell(c, columns, "last")) if x
        )

    values = [
        (n, header[columns[f]], platform.cell(c, columns, f))
        for n, c in body
        for f in ("join", "leave")
        if f in columns and platform.column_key(platform.cell(c, columns, f)) not in _STILL
    ]
    family = platform.choose_family(values, file=file, prefer=prefer_date)
    dated = family is not platform.TIME_ONLY
    times = [_on_day(platform.parse_time(v, family), family, prefer_date) for _, _, v in values]
    last = max((t for t in times if t), default=None)
    sessions: list[platform.Session] = []
    for n, c in body:
        start = _on_day(
            platform.parse_time(platform.cell(c, columns, "join"), family), family, prefer_date
        )
        leave = platform.cell(c, columns, "leave")
        end = _on_day(platform.parse_time(leave, family), family, prefer_date)
        if end is None and start and platform.column_key(leave) in _STILL and "leave" in columns:
            end = last  # still in the meeting when the export was made
        text = platform.cell(c, columns, "duration")
        duration = platform.parse_duration(text)
        if text and duration is None:
            raise InputError(
                f"durasi '{text}' tidak dapat dibaca",
                file=file,
                row=n,
                field=header[columns["duration"]],
                fix="durasi Google Meet ditulis seperti '1 hr 2 min' atau '1h 23m 45s'",
            )
        if start and end and end < start:
            end = end + dt.timedelta(days=1) if not dated else end  # past midnight
        # Duration is the time in the call; first join to last leave may hold gaps.
        minutes = (
            duration
            if duration is not None
            else ((end - start).total_seconds() / 60 if start and end else 0.0)
        )
        if minutes <= 0:
            continue
        sessions.append(
            platform.make_session(
                n, name_of(c), platform.cell(c, columns, "email"), None, None, minutes
            )
        )
    report = platform.Report("Google Meet", file, sessions, rows=len(body), dated=dated)
    firsts = [t for t in times if t]
    if firsts:
        report.start, report.start_from = min(firsts), "waktu bergabung pertama"
    return report


def _event_report(rows: Rows, file: str, prefer_date: dt.date | None) -> platform.Report:
    columns = _event_header(rows[0][1])
    assert columns is not None
    events, family = platform.read_events(
        rows[1:], columns, _EVENT_LOG, file=file, prefer=prefer_date
    )
    events = [
        (n, name, email, _on_day(t, family, prefer_date), k) for n, name, email, t, k in events
    ]
    report = platform.Report(
        "Google Meet", file, platform.sessions_from_events(events), rows=len(rows) - 1
    )
    report.dated = family is not platform.TIME_ONLY
    return report


# ----------------------------------------------------------------------------- add-on sheet
def _addon_times(cells: list[str]) -> list[dt.datetime] | None:
    """The check times of an add-on sheet's first row (every cell a date and time)."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2 or len(filled) != len([c for c in cells if c.strip()]):
        return None
    for family in platform.TIME_FAMILIES[:-1]:
        times = [platform.parse_time(c, family) for c in filled]
        if all(times):
            return [t for t in times if t]
    return None


def is_meet_addon(rows: Rows) -> bool:
    """True for the "Meet Attendance" add-on sheet: a row of check times, then (optionally) a
    row of meet.google.com links, then the names seen at each check, one column per check."""
    head = [c for _, c in rows[:3] if not is_blank(c)]
    return bool(head) and _addon_times(head[0]) is not None and len(head) >= 2


def meet_addon_report(
    rows: Rows, file: str, *, prefer_date: dt.date | None = None
) -> platform.Report:
    """Presence at each check of the add-on sheet: a person seen at k of n checks is present
    in k of n (``Report.checks``); the meeting starts at the first check."""
    non_blank = [(n, c) for n, c in rows if not is_blank(c)]
    times = _addon_times(non_blank[0][1]) or []
    n_checks = len(times)
    body = non_blank[1:]
    if body and all("meet.google.com" in c or not c.strip() for c in body[0][1]):
        body = body[1:]
    seen: dict[str, tuple[int, str, set[int]]] = {}
    for line, cells in body:
        for column, typed in enumerate(cells[:n_checks]):
            if not typed.strip():
                continue
            key = clean(typed).lower()
            first_line, first_typed, columns = seen.setdefault(key, (line, typed, set()))
            columns.add(column)
    sessions = [
        platform.make_session(line, typed, "", None, None, float(len(columns)))
        for line, typed, columns in seen.values()
    ]
    report = platform.Report("Google Meet add-on", file, sessions, rows=len(body))
    report.checks = n_checks
    if times:
        report.start, report.start_from = min(times), "pemeriksaan pertama"
    return report


# ----------------------------------------------------------------------------- class list
#: "15:33 (30min) [16:02]": arrival, the extension's minute count, last seen.
_VISIT = re.compile(r"(\d{1,2}):(\d{1,2})\s*\((\d+)\s*min\)\s*\[(\d{1,2}):(\d{1,2})\]")


def _fields(cells: list[str]) -> list[str]:
    """A row's fields: the cells, each split on tabs (the extension writes one quoted cell of
    tab-separated fields per line)."""
    return [f.strip() for c in cells for f in c.split("\t")]


def is_meet_class_list(rows: Rows) -> bool:
    """True for the "Google Meet Attendance" extension's class list: "Attendance for: <class>
    on <date>", then ``Names, <date time>, Arrival time`` and one line per student."""
    head = [c for _, c in rows[:5] if not is_blank(c)]
    return (
        len(head) >= 2
        and platform.column_key(head[0][0]).startswith("attendance for:")
        and platform.column_key(_fields(head[1])[0]) == "names"
    )


def meet_class_list_report(
    rows: Rows, file: str, *, prefer_date: dt.date | None = None
) -> platform.Report:
    """Each visit ``HH:MM (Nmin) [HH:MM]`` of a student is a session from arrival to last
    seen (N minutes when both are the same minute), on the date of the ``Names`` line; the
    meeting starts at that line's time."""
    non_blank = [(n, _fields(c)) for n, c in rows if not is_blank(c)]
    header_at = next(
        i for i, (_, f) in enumerate(non_blank) if platform.column_key(f[0]) == "names"
    )
    line, header = non_blank[header_at]
    start = next(
        (
            t
            for family in platform.TIME_FAMILIES[:-1]
            if (t := platform.parse_time(header[1] if len(header) > 1 else "", family))
        ),
        None,
    )
    if start is None:
        raise InputError(
            f"waktu kelas '{header[1] if len(header) > 1 else ''}' tidak dapat dibaca",
            file=file,
            row=line,
            field="Names",
            fix="gunakan ekspor ekstensi kehadiran Google Meet tanpa diubah",
        )
    sessions = []
    for n, f in non_blank[header_at + 1 :]:
        for visit in _VISIT.finditer(" ".join(f[1:])):
            h1, m1, counted, h2, m2 = (int(x) for x in visit.groups())
            begin = dt.datetime.combine(start.date(), dt.time(h1 % 24, m1 % 60))
            end = dt.datetime.combine(start.date(), dt.time(h2 % 24, m2 % 60))
            if end <= begin:  # seen within one minute: the extension's own count
                end = begin + dt.timedelta(minutes=counted)
            if end > begin:
                minutes = (end - begin).total_seconds() / 60
                sessions.append(platform.make_session(n, f[0], "", begin, end, minutes))
    report = platform.Report(
        "Google Meet ekstensi", file, sessions, rows=len(non_blank) - header_at - 1
    )
    report.start, report.start_from = start, "ringkasan"
    return report

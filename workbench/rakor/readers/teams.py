"""Reader for Microsoft Teams attendance reports (docs/format-kehadiran.md).

Three shapes, in every language of :mod:`languages` (English, Indonesian, Portuguese,
French, Polish, Spanish, German, Dutch), tab-, comma- or semicolon-separated, UTF-16 (as
Teams downloads them) or UTF-8:

- the current report: numbered sections ("1. Summary", "2. Participants",
  "3. In-Meeting Activities"); the activities table (one row per join-leave) is used when
  present, else the participants table (``In-Meeting Duration`` per person); the summary's
  start time and title describe the meeting;
- the 2020-2021 report: "Meeting Summary" key/value lines, then one table ``Full Name,
  Join Time, Leave Time, Duration, Email, Role``;
- the old list: ``Full Name, User Action, Timestamp`` with "Joined"/"Left" events, paired
  per person (a join without a leave lasts until the last event of the file).

Durations are ``1h 5m 3s``, ``2 godz. 18 min 8 s``, ``2 h 44 m``; times ``14/11/22,
09:30:46``, ``4/13/2022, 7:56:32 AM``, ``13/04/2021 à 09:01:31``; a date and a time in two
cells (``5/15/2026<TAB>1:00:00 PM``) are joined.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.readers import languages, platform

Rows = Sequence[tuple[int, list[str]]]

#: Table columns per field, every language of :mod:`languages` (participants table: first
#: join, last leave, in-meeting duration; activities and 2020-21 table: join, leave, duration).
COLUMNS: dict[str, tuple[str, ...]] = languages.aliases(
    "teams",
    {
        "name": ("name", "full_name"),
        "join": ("first_join", "join"),
        "leave": ("last_leave", "leave"),
        "duration": ("in_meeting", "duration"),
        "email": ("email",),
        "upn": ("upn",),
        "role": ("role",),
    },
)
#: Old list columns.
EVENTS: dict[str, tuple[str, ...]] = languages.aliases(
    "teams_events", {f: (f,) for f in ("name", "kind", "time")}
)
_EVENT_LOG = platform.EventLog(
    EVENTS,
    tuple(platform.column_key(w) for w in languages.words("teams_events", "joined")),
    tuple(platform.column_key(w) for w in languages.words("teams_events", "left")),
    kind_word="aksi",
    fix="laporan Teams lama hanya berisi aksi Joined/Left (Bergabung/Keluar)",
)
#: Summary keys per field.
SUMMARY: dict[str, tuple[str, ...]] = languages.aliases(
    "teams_summary", {f: (f,) for f in ("title", "start", "end", "duration", "id")}
)
_SUMMARY_KEYS = {platform.column_key(a): f for f, names in SUMMARY.items() for a in names}
_SECTION = re.compile(r"^\d+\.\s*\S")
_TEAMS_ONLY = {
    platform.column_key(w)
    for f in ("full_name", "first_join", "last_leave", "in_meeting", "upn")
    for w in languages.words("teams", f)
}
_FIRSTS = {platform.column_key(w) for w in languages.words("teams", "first_join")}
#: Summary and section headings ("Meeting Summary", "1. Podsumowanie"): a Teams report.
HEADINGS = {platform.column_key(w) for w in languages.words("teams_summary", "headings")}
_FIX = (
    "unduh ulang laporan kehadiran dari Teams (Rapat > Kehadiran > Unduh) dan berikan "
    "berkasnya tanpa diubah"
)


def _table_header(cells: list[str]) -> dict[str, int] | None:
    columns = platform.find_columns(cells, COLUMNS)
    if "name" in columns and ("duration" in columns or ("join" in columns and "leave" in columns)):
        return columns
    return None


def _event_header(cells: list[str]) -> dict[str, int] | None:
    columns = platform.find_columns(cells, EVENTS)
    return columns if len(columns) == 3 else None


def is_teams(rows: Rows) -> bool:
    """True when the first rows look like a Teams attendance report of any shape."""
    head = [c for _, c in rows[:60] if not is_blank(c)]
    for cells in head:
        keys = {platform.column_key(c) for c in cells}
        if _event_header(cells) or (keys & _TEAMS_ONLY and _table_header(cells)):
            return True
        if heading_key(cells[0]) in HEADINGS and _table_header_somewhere(head):
            return True
    sections = [c[0] for c in head if len([x for x in c if x]) == 1 and _SECTION.match(c[0])]
    return len(sections) >= 2 and any(_table_header(c) for c in head)


def heading_key(text: str) -> str:
    """A heading as a lookup key: no section number or leading '*' ('1. Summary' ->
    'summary', '*Résumé de la réunion' -> 'resume de la reunion')."""
    return platform.column_key(re.sub(r"^[*#\s]*(?:\d+\.\s*)?", "", text))


def _table_header_somewhere(head: list[list[str]]) -> bool:
    return any(_table_header(c) or _event_header(c) for c in head)


#: A date alone and a time alone in two cells: one time split by a re-save or a generator
#: ("5/15/2026<TAB>1:00:00 PM").
_DATE_ONLY = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_TIME_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$")


def join_split_times(cells: list[str]) -> list[str]:
    """``cells`` with each date cell followed by a time cell joined into one."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        here = cells[i].strip()
        if i + 1 < len(cells) and _DATE_ONLY.match(here) and _TIME_ONLY.match(cells[i + 1].strip()):
            out.append(f"{here} {cells[i + 1].strip()}")
            i += 2
        else:
            out.append(cells[i])
            i += 1
    return out


def teams_report(rows: Rows, file: str, *, prefer_date: dt.date | None = None) -> platform.Report:
    """The :class:`~workbench.rakor.readers.platform.Report` of a Teams report's rows."""
    non_blank = [(n, join_split_times(c)) for n, c in rows if not is_blank(c)]
    for i, (_, cells) in enumerate(non_blank):
        if _event_header(cells):
            return _event_report(non_blank[i:], file, prefer_date)
    summary: dict[str, str] = {}
    tables: list[tuple[int, dict[str, int]]] = []
    for i, (_, cells) in enumerate(non_blank):
        filled = [c for c in cells if c]
        if len(filled) == 2 and heading_key(cells[0]) in _SUMMARY_KEYS and not tables:
            summary.setdefault(_SUMMARY_KEYS[heading_key(cells[0])], filled[1])
            continue
        columns = _table_header(cells)
        if columns:
            tables.append((i, columns))
    if not tables:
        raise InputError(
            "laporan Teams tanpa tabel peserta (kolom Name/Full Name, Join Time/First Join, "
            "Leave Time/Last Leave, Duration)",
            file=file,
            fix=_FIX,
        )
    # The last table with per-join rows (activities) is the most detailed; the participants
    # table (first join, last leave, in-meeting duration) otherwise.
    at, columns = tables[-1]
    end = len(non_blank)
    body = []
    for n, cells in non_blank[at + 1 : end]:
        if len([c for c in cells if c]) == 1 and _SECTION.match(cells[0]):
            break
        body.append((n, cells))
    per_person = len(tables) == 1 and _is_participants_table(non_blank[at][1])
    cells_t: list[tuple[int | None, str, str]] = [
        (n, non_blank[at][1][columns[f]], platform.cell(c, columns, f))
        for n, c in body
        for f in ("join", "leave")
        if f in columns
    ]
    cells_t += [(None, "Start time", summary[k]) for k in ("start", "end") if summary.get(k)]
    notes: list[str] = []
    family = platform.choose_family(cells_t, file=file, prefer=prefer_date, notes=notes)
    sessions = []
    for n, c in body:
        session = _session(n, c, columns, family, file, per_person=per_person)
        if session:
            sessions.append(session)
    report = platform.Report("Microsoft Teams", file, sessions, rows=len(body))
    report.warnings = [f"{file}: {n}" for n in notes]
    length = platform.parse_duration(summary.get("duration", ""))
    platform.apply_summary(report, summary, family, topic=summary.get("title", ""), length=length)
    if per_person:  # times only for the meeting's start: the durations are per person
        joins = [platform.parse_time(platform.cell(c, columns, "join"), family) for _, c in body]
        firsts = [t for t in joins if t]
        if not report.start and firsts:
            report.start, report.start_from = min(firsts), "waktu bergabung pertama"
    return report


def _is_participants_table(cells: list[str]) -> bool:
    return bool({platform.column_key(c) for c in cells} & _FIRSTS)


def _session(line, cells, columns, family, file, *, per_person: bool) -> platform.Session | None:
    where = {"file": file, "row": line}
    start = platform.parse_time(platform.cell(cells, columns, "join"), family)
    end = platform.parse_time(platform.cell(cells, columns, "leave"), family)
    text = platform.cell(cells, columns, "duration")
    duration = platform.parse_duration(text)
    if text and duration is None:
        raise InputError(
            f"durasi '{text}' tidak dapat dibaca",
            field="Duration",
            fix="durasi Teams ditulis seperti '1h 5m 3s' atau '47m 3s'",
            **where,
        )
    if start and end and end < start:
        raise InputError(
            "waktu keluar lebih awal daripada waktu bergabung",
            field="Leave Time",
            fix="periksa kedua waktu pada baris ini",
            **where,
        )
    if per_person or not (start and end):
        start = end = None
        minutes = duration or 0.0
    else:
        minutes = (end - start).total_seconds() / 60
    if minutes <= 0:
        return None
    email = platform.cell(cells, columns, "email") or platform.cell(cells, columns, "upn")
    email = email if "@" in email else ""
    return platform.make_session(
        line, platform.cell(cells, columns, "name"), email, start, end, minutes
    )


def _event_report(rows: Rows, file: str, prefer_date: dt.date | None) -> platform.Report:
    """The old list: one row per join or leave."""
    columns = _event_header(rows[0][1])
    assert columns is not None
    notes: list[str] = []
    events, _ = platform.read_events(
        rows[1:], columns, _EVENT_LOG, file=file, prefer=prefer_date, notes=notes
    )
    sessions = platform.sessions_from_events(events)
    report = platform.Report("Microsoft Teams", file, sessions, rows=len(rows) - 1)
    report.warnings = [f"{file}: {n}" for n in notes]
    return report

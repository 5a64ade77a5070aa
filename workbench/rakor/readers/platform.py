"""What the meeting-platform readers (Zoom, Microsoft Teams, Google Meet) share.

Each reader turns its file into a :class:`Report`: the sessions (one join-leave interval or
one duration per row), and what the report says about its meeting (start, length, ID,
topic). :func:`report_frame` applies the platform rules, the same for every platform:

- sessions of one person are grouped (:func:`group_sessions`): by e-mail when the row has
  one, else by the parsed name and institution; a row without e-mail whose name matches an
  e-mail group joins it;
- a person's minutes are the union of their intervals (overlaps counted once) plus the
  durations of rows without times;
- a person below ``min_share`` of the meeting gets ``kurang_durasi``.

Times: :data:`TIME_FAMILIES` holds the formats the platforms write (US 12-hour, day-first
24-hour, ISO/Japanese year-first, time only); a file uses one family throughout
(:func:`choose_family`), and when two families read every value (``4/7/2025``) the one that
puts the meeting on the record's date wins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import pandas as pd

from workbench.errors import InputError
from workbench.indonesian import angka
from workbench.rakor.attendance_model import SHARED_LOGIN_NOTE
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.names import (
    DisplayName,
    clean,
    has_invisible,
    instansi_key,
    parse_display_name,
    person_key,
)
from workbench.rakor.readers import languages
from workbench.text import header_key

STATUS = "Hadir (daring)"

#: Time formats, grouped by family (after commas are removed and spaces collapsed).
TIME_FAMILIES: tuple[tuple[str, ...], ...] = (
    (  # Zoom/Teams/Meet (US locale)
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%m/%d/%y %I:%M:%S %p",
        "%m/%d/%y %I:%M %p",
    ),
    (  # ISO; Zoom in Japanese (2020/12/8 8:35)
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ),
    (  # day first, 24-hour (Indonesian, British, Portuguese locales; Excel re-saves)
        "%d/%m/%Y %H.%M.%S",
        "%d/%m/%Y %H.%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H.%M",
        "%d-%m-%Y %H:%M:%S",
        "%d-%m-%Y %H:%M",
        "%d/%m/%y %H:%M:%S",
        "%d/%m/%y %H:%M",
        "%d/%m/%y %H.%M.%S",
        "%d/%m/%y %H.%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%y %H:%M:%S",
    ),
    ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M"),  # US 24h
    ("%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p", "%d/%m/%y %I:%M:%S %p"),  # day first, 12h
    (  # month names (Zoom webinar reports: "Mar 28, 2020 09:07:39", "Mar 28, 2020 2:20 PM")
        "%b %d %Y %H:%M:%S",
        "%b %d %Y %I:%M:%S %p",
        "%b %d %Y %I:%M %p",
        "%b %d %Y %H:%M",
    ),
    ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M", "%H.%M"),  # time only (Google Meet)
)
TIME_ONLY = TIME_FAMILIES[-1]
TIME_FIX = (
    "gunakan laporan asli dari platform rapat (mis. '07/17/2025 08:55:12 AM', "
    "'17/07/25, 08:55:12'), atau format '2025-07-17 08:55:12' / '17/07/2025 08.55'"
)


@dataclass
class Session:
    """One row of a participants table (or one join-leave pair of an event log)."""

    line: int
    name: DisplayName
    email: str
    start: dt.datetime | None
    end: dt.datetime | None
    minutes: float
    #: The name as typed held invisible characters (zero-width, bidi) that were removed.
    invisible: str = ""


@dataclass
class Attendee:
    """One person: the rows (sessions) grouped together."""

    name: DisplayName
    email: str
    sessions: list[Session] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        """Minutes connected, overlapping sessions merged."""
        timed = [(s.start, s.end) for s in self.sessions if s.start is not None and s.end]
        untimed = sum(s.minutes for s in self.sessions if s.start is None or s.end is None)
        return merged_minutes(timed) + untimed


@dataclass
class Report:
    """One platform report read: its sessions and what it says about its meeting."""

    platform: str  # "Zoom", "Microsoft Teams", "Google Meet"
    file: str
    sessions: list[Session]
    #: Meeting length the report states (summary block), minutes.
    length: float | None = None
    #: The meeting's start: the summary's, else the first join.
    start: dt.datetime | None = None
    start_from: str = ""  # "ringkasan" or "waktu bergabung pertama"
    dated: bool = True  # False when times carry no date (start's date is not the report's)
    meeting_id: str = ""
    topic: str = ""
    #: Number of rows before grouping (for the manifest).
    rows: int = 0
    #: What the reader assumed or noticed (warning lines for the user).
    warnings: list[str] = field(default_factory=list)
    #: People the report lists as not present (a webinar's registrants who did not attend).
    absent: list[Session] = field(default_factory=list)
    #: Presence sampled at this many checks (a Meet add-on sheet); a session's ``minutes``
    #: is then the number of checks the person was seen at.
    checks: int = 0

    def meta(self) -> dict[str, object]:
        """What the manifest records about this report."""
        return {
            "berkas": self.file,
            "platform": self.platform,
            "id_rapat": self.meeting_id,
            "topik": self.topic,
            "mulai": self.start.isoformat(sep=" ") if self.start and self.dated else "",
            "jam_mulai": self.start.strftime("%H:%M") if self.start else "",
            "mulai_dari": self.start_from,
            "baris": self.rows,
        }


def merged_minutes(intervals: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Total minutes covered by ``intervals``, overlaps counted once."""
    total = 0.0
    current: tuple[dt.datetime, dt.datetime] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += (current[1] - current[0]).total_seconds()
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += (current[1] - current[0]).total_seconds()
    return total / 60


# ----------------------------------------------------------------------------- times
@lru_cache(maxsize=1)
def _between() -> re.Pattern[str]:
    """Words between a date and a time ("13/04/2021 à 09:01:31", "15.5.2026 um 13:00")."""
    alternatives = "|".join(re.escape(w) for w in languages.time_words())
    return re.compile(rf"(?<=\d)\s+(?:{alternatives})\s+(?=\d)", re.IGNORECASE)


def _normal(text: str) -> str:
    return " ".join(_between().sub(" ", text.replace(",", " ")).split())


def parse_time(text: str, family: Sequence[str]) -> dt.datetime | None:
    """``text`` read by the first format of ``family`` that fits, or None."""
    text = _normal(text)
    for fmt in family:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def choose_family(
    cells: Sequence[tuple[int | None, str, str]],
    *,
    file: str,
    prefer: dt.date | None = None,
    fix: str = TIME_FIX,
    notes: list[str] | None = None,
) -> tuple[str, ...]:
    """The format family reading every ``(line, column, value)`` in ``cells``.

    When several do, the one whose earliest date is ``prefer`` (the record's date) wins,
    else the first (month first for US-style slashes, as Teams and Zoom write them in
    English). When the families put the meeting on different dates, the assumption is
    appended to ``notes`` (a warning for the user). None reading them all: bad input naming
    the first value the closest family cannot read.
    """
    cells = [c for c in cells if c[2]]
    if not cells:
        return TIME_FAMILIES[0]
    fitting, best_bad = [], None
    for family in TIME_FAMILIES:
        bad = [c for c in cells if parse_time(c[2], family) is None]
        if not bad:
            fitting.append(family)
        elif best_bad is None or len(bad) < len(best_bad):
            best_bad = bad
    if fitting:
        chosen = fitting[0]
        if prefer is not None and len(fitting) > 1:
            for family in fitting:
                times = [parse_time(c[2], family) for c in cells]
                if min(t for t in times if t).date() == prefer:
                    chosen = family
                    break
        if notes is not None:
            notes.extend(_date_order_note(cells, chosen, fitting, prefer))
        return chosen
    assert best_bad is not None
    line, column, value = best_bad[0]
    raise InputError(
        f"waktu '{value}' tidak dapat dibaca", file=file, row=line, field=column, fix=fix
    )


def _date_order_note(cells, chosen, fitting, prefer: dt.date | None) -> list[str]:
    """The stated assumption when the date order is ambiguous (``4/7/2025``)."""
    dates: dict[dt.date, tuple[str, ...]] = {}
    for family in fitting:
        times = [t for t in (parse_time(c[2], family) for c in cells) if t]
        if times and family is not TIME_ONLY:
            dates.setdefault(min(times).date(), family)
    if len(dates) < 2:
        return []
    first = min(t for t in (parse_time(c[2], chosen) for c in cells) if t).date()
    others = ", ".join(f"{d:%d-%m-%Y}" for d in dates if d != first)
    if prefer == first:
        basis = "sama dengan tanggal rapat pada catatan"
    else:
        basis = "urutan yang dipakai Teams/Zoom berbahasa Inggris; " + (
            "tanggal rapat pada catatan tidak cocok dengan kedua cara baca"
            if prefer
            else "catatan tidak memberi tanggal rapat untuk dibandingkan"
        )
    return [
        f"tanggal pada berkas dapat dibaca bulan-dulu atau hari-dulu; dibaca {first:%d-%m-%Y} "
        f"({basis}), bukan {others}"
    ]


_UNITS = {
    "h": 60.0,
    "hr": 60.0,
    "hrs": 60.0,
    "hour": 60.0,
    "hours": 60.0,
    "jam": 60.0,
    "j": 60.0,
    "時間": 60.0,
    "m": 1.0,
    "min": 1.0,
    "mins": 1.0,
    "minute": 1.0,
    "minutes": 1.0,
    "menit": 1.0,
    "mnt": 1.0,
    "分": 1.0,
    "s": 1 / 60,
    "sec": 1 / 60,
    "secs": 1 / 60,
    "second": 1 / 60,
    "seconds": 1 / 60,
    "detik": 1 / 60,
    "dtk": 1 / 60,
    "秒": 1 / 60,
}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?", re.IGNORECASE)


def parse_duration(text: str, *, bare: float = 1.0) -> float | None:
    """Minutes in a duration: ``1h 5m 3s``, ``1 hr 2 min``, ``2 godz. 18 min 8 s``, ``1 Std.
    5 Min.`` (units of every language in :mod:`languages`), ``01:05:03``, ``47:03``, or a
    bare number (times ``bare`` minutes: 1 for Zoom's minutes, 1/60 for seconds).
    None when ``text`` is empty or not a duration."""
    text = text.strip().lower()
    if not text:
        return None
    try:
        return float(text.replace(",", ".")) * bare
    except ValueError:
        pass
    if re.fullmatch(r"\d+:\d{1,2}(:\d{1,2})?", text):
        clock = [int(p) for p in text.split(":")]
        if len(clock) == 2:
            return clock[0] + clock[1] / 60
        return clock[0] * 60 + clock[1] + clock[2] / 60
    parts: list[tuple[str, str]] = _PART.findall(text)
    if not parts or _PART.sub("", text).strip():
        return None
    total = 0.0
    units = {**_UNITS, **languages.duration_units()}
    for number, unit in parts:
        if unit.lower() not in units:
            return None
        total += float(number.replace(",", ".")) * units[unit.lower()]
    return total


# ----------------------------------------------------------------------------- people
def make_session(
    line: int,
    typed: str,
    email: str,
    start: dt.datetime | None,
    end: dt.datetime | None,
    minutes: float,
) -> Session:
    """A session from a row's name, e-mail, times and minutes (name parsed; a name that is
    only a role or number falls back to the e-mail, then to what was typed)."""
    name = parse_display_name(typed)
    email = email.strip().lower()
    if not name.nama:
        fallback = email or clean(typed) or "Tanpa Nama"
        name = DisplayName(fallback, name.instansi, name.jabatan, name.kode)
    invisible = typed if has_invisible(typed) else ""
    start, end = (start, end) if start and end else (None, None)
    return Session(line, name, email, start, end, minutes, invisible)


def _name_key(name: DisplayName) -> tuple[str, str, str]:
    """Who a row without e-mail is: name, institution and code (two students of one name
    typed with two roll numbers are two people)."""
    return (person_key(name.nama), instansi_key(name.instansi), name.kode.lower())


def group_sessions(sessions: Iterable[Session]) -> list[Attendee]:
    """Group the rows of one person: by e-mail when the row has one, else by the parsed name
    and institution; a row without e-mail joins the first e-mail group of the same name
    (so one name with two addresses stays two people). Ordered by first row."""
    by_email: dict[str, Attendee] = {}
    email_of_name: dict[tuple[str, str, str], Attendee] = {}
    by_name: dict[tuple[str, str, str], Attendee] = {}
    unnamed: list[Session] = []
    for s in sessions:
        key = _name_key(s.name)
        if s.email:
            person = by_email.get(s.email)
            if person is None:
                person = by_email[s.email] = Attendee(s.name, s.email)
            email_of_name.setdefault(key, person)
            person.sessions.append(s)
        else:
            unnamed.append(s)
    for s in unnamed:
        key = _name_key(s.name)
        person = email_of_name.get(key) or by_name.get(key)
        if person is None:
            person = by_name[key] = Attendee(s.name, "")
        person.sessions.append(s)
    people = [*by_email.values(), *by_name.values()]
    return sorted(people, key=lambda a: min(s.line for s in a.sessions))


def meeting_length(report: Report, meeting_minutes: float | None) -> float:
    """The report's own length, else ``meeting_minutes`` (the record's), else the span from
    the earliest join to the latest leave, else the longest duration."""
    if report.length and report.length > 0:
        return report.length
    if meeting_minutes and meeting_minutes > 0:
        return float(meeting_minutes)
    starts = [s.start for s in report.sessions if s.start]
    ends = [s.end for s in report.sessions if s.end]
    if starts and ends:
        return max((max(ends) - min(starts)).total_seconds() / 60, 0.0)
    return max((s.minutes for s in report.sessions), default=0.0)


def attendee_record(
    attendee: Attendee,
    meeting_minutes: float,
    min_share: float,
    source: str,
    *,
    checks: bool = False,
) -> dict:
    """The attendance-table row of one attendee (``checks``: minutes are checks seen at, of
    ``meeting_minutes`` checks; no duration is written)."""
    minutes = attendee.minutes
    share = min(100.0, 100.0 * minutes / meeting_minutes) if meeting_minutes > 0 else float("nan")
    short = bool(meeting_minutes > 0 and share < 100.0 * min_share)
    notes = [SHARED_LOGIN_NOTE] if attendee.name.shared_login else []
    if attendee.name.nip:
        notes.append(f"NIP {attendee.name.nip}")
    if checks:
        notes.append(
            f"hadir pada {angka(round(minutes))} dari {angka(round(meeting_minutes))} "
            "pemeriksaan kehadiran"
        )
    elif short:
        notes.append(f"hadir {angka(round(minutes))} dari {angka(round(meeting_minutes))} menit")
    return {
        "nama": attendee.name.nama,
        "jabatan": attendee.name.jabatan,
        "instansi": attendee.name.instansi,
        "status": STATUS,
        "keterangan": "; ".join(notes),
        "durasi_menit": float("nan") if checks else round(minutes, 1),
        "persen_hadir": round(share, 1),
        "kurang_durasi": short,
        "sumber": source,
    }


def report_frame(
    report: Report, *, meeting_minutes: float | None = None, min_share: float = 0.5
) -> pd.DataFrame:
    """The attendance table of one report (one row per person, in first-join order);
    ``attrs['laporan']`` holds :meth:`Report.meta`."""
    if report.start is None:
        starts = [s.start for s in report.sessions if s.start]
        if starts:
            report.start, report.start_from = min(starts), "waktu bergabung pertama"
    total = float(report.checks) if report.checks else meeting_length(report, meeting_minutes)
    records = [
        attendee_record(a, total, min_share, report.file, checks=bool(report.checks))
        for a in group_sessions(report.sessions)
    ]
    records += [absent_record(s, report.file) for s in report.absent]
    frame = to_frame(records)
    frame.attrs["laporan"] = [report.meta()]
    frame.attrs["peringatan"] = [
        *report.warnings,
        *(
            invisible_warning(report.file, s.line, s.name.nama)
            for s in report.sessions
            if s.invisible
        ),
    ]
    return frame


def absent_record(session: Session, source: str) -> dict:
    """The attendance-table row of someone a report lists as not present (0 minutes, so the
    merge keeps them apart from a present namesake of the same report)."""
    return {
        "nama": session.name.nama,
        "jabatan": session.name.jabatan,
        "instansi": session.name.instansi,
        "status": "Tanpa Keterangan",
        "keterangan": "terdaftar, tidak hadir",
        "durasi_menit": 0.0,
        "persen_hadir": 0.0,
        "kurang_durasi": False,
        "sumber": source,
    }


def invisible_warning(file: str, line: int, nama: str) -> str:
    """The warning for a name whose zero-width or bidi characters were removed."""
    return (
        f"{file} baris {line}: nama '{nama}' memuat karakter tak terlihat (zero-width/bidi) "
        "yang dihapus sebelum penggabungan"
    )


def column_key(text: object) -> str:
    """A header cell as a lookup key: full-width forms folded (``（分）`` -> ``(分)``),
    accents and case ignored, no spaces around parentheses ('Duração (min)' ->
    'duracao(min)')."""
    folded = unicodedata.normalize("NFKC", str(text or "").replace("\ufeff", ""))
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return re.sub(r"\s*([()])\s*", r"\1", header_key(plain))


def find_columns(cells: Sequence[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Field -> index of the first header cell matching one of the field's aliases (compared
    through :func:`column_key`; the first alias found wins)."""
    keys = [column_key(c) for c in cells]
    columns: dict[str, int] = {}
    for fld, names in aliases.items():
        for alias in names:
            key = column_key(alias)
            if key in keys:
                columns[fld] = keys.index(key)
                break
    return columns


def cell(cells: Sequence[str], columns: dict[str, int], fld: str) -> str:
    """The stripped value of field ``fld`` in a row (``columns`` from :func:`find_columns`);
    empty when the file has no such column or the row is short."""
    index = columns.get(fld)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def apply_summary(
    report: Report,
    summary: dict[str, str],
    family: Sequence[str],
    *,
    topic: str,
    length: float | None,
) -> None:
    """Set what a report's summary block says about its meeting: ID (``summary['id']``),
    ``topic``, start (``summary['start']``) and length: the stated ``length`` when positive,
    else from ``summary['start']`` to ``summary['end']``."""
    report.meeting_id = summary.get("id", "")
    report.topic = topic
    start = parse_time(summary.get("start", ""), family)
    end = parse_time(summary.get("end", ""), family)
    if start:
        report.start, report.start_from = start, "ringkasan"
    if length and length > 0:
        report.length = length
    elif start and end and end > start:
        report.length = (end - start).total_seconds() / 60


#: One event of a join/leave log: ``(line, name, email, time, 'join'|'leave')``.
Event = tuple[int, str, str, dt.datetime | None, str]


@dataclass(frozen=True)
class EventLog:
    """How a platform writes its join/leave log."""

    #: Field -> header aliases (fields ``name``, ``time``, ``kind``, optionally ``email``);
    #: an error names a column by its first alias.
    aliases: dict[str, tuple[str, ...]]
    joined: tuple[str, ...]  # event values meaning "joined", as column_key gives them
    left: tuple[str, ...]
    #: How an error names an unknown event value: ``<kind_word> '<value>' tidak dikenal``.
    kind_word: str
    fix: str


def read_events(
    body: Sequence[tuple[int, list[str]]],
    columns: dict[str, int],
    log: EventLog,
    *,
    file: str,
    prefer: dt.date | None,
    notes: list[str] | None = None,
) -> tuple[list[Event], tuple[str, ...]]:
    """The events of a log's rows (below its header, whose ``columns`` come from
    :func:`find_columns` with ``log.aliases``), and the time-format family they are read with
    (:func:`choose_family`). An event value that is neither joined nor left is bad input."""
    time_header, kind_header = log.aliases["time"][0], log.aliases["kind"][0]
    family = choose_family(
        [(n, time_header, cell(c, columns, "time")) for n, c in body],
        file=file,
        prefer=prefer,
        notes=notes,
    )
    events: list[Event] = []
    for n, c in body:
        value = cell(c, columns, "kind")
        if column_key(value) in log.joined:
            kind = "join"
        elif column_key(value) in log.left:
            kind = "leave"
        else:
            raise InputError(
                f"{log.kind_word} '{value}' tidak dikenal",
                file=file,
                row=n,
                field=kind_header,
                fix=log.fix,
            )
        time = parse_time(cell(c, columns, "time"), family)
        events.append((n, cell(c, columns, "name"), cell(c, columns, "email"), time, kind))
    return events, family


def sessions_from_events(events: Sequence[Event]) -> list[Session]:
    """Join-leave pairs of an event log (``(line, name, email, time, 'join'|'leave')``, in
    file order) as sessions. A person's join opens a session and their next leave closes it;
    a join with no leave lasts until the last event of the log; a leave with no join before
    it is dropped (the person was already counted)."""
    times = [e[3] for e in events if e[3] is not None]
    last = max(times) if times else None
    open_at: dict[str, tuple[int, str, str, dt.datetime]] = {}
    sessions: list[Session] = []
    for line, typed, email, time, kind in sorted(
        events, key=lambda e: (e[3] or dt.datetime.min, e[0])
    ):
        if time is None:
            continue
        parsed = parse_display_name(typed)
        who = email.lower() or "|".join(
            (person_key(parsed.nama or typed), instansi_key(parsed.instansi), parsed.kode.lower())
        )
        if kind == "join":
            open_at.setdefault(who, (line, typed, email, time))
            continue
        opened = open_at.pop(who, None)
        if opened is not None and time > opened[3]:
            minutes = (time - opened[3]).total_seconds() / 60
            sessions.append(make_session(opened[0], opened[1], opened[2], opened[3], time, minutes))
    for line, typed, email, start in open_at.values():
        if last is not None and last > start:
            minutes = (last - start).total_seconds() / 60
            sessions.append(make_session(line, typed, email, start, last, minutes))
    return sorted(sessions, key=lambda s: s.line)

"""Reader for Zoom webinar reports (docs/format-kehadiran.md).

- The **attendee report** ("Attendee Report", then the webinar summary ``Topic, Webinar ID,
  Actual Start Time, Actual Duration (minutes), ...``, then sections "Host Details",
  "Panelist Details", "Attendee Details", "Other Attended"): every row with
  ``Attended`` = Yes (and every "Other Attended" row) is a session of its person (by
  e-mail, else by name); registrants whose rows all say ``Attended`` = No are listed as
  not present ("Tanpa Keterangan", "terdaftar, tidak hadir").
- The **registration report** ("Registration Report"; registrants with ``Registration
  Time`` and ``Approval Status``, no join times) lists who registered, not who attended: it
  is refused as attendance, naming the attendee report to download instead.

English only: the webinar reports' words are not in :mod:`languages` yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.names import person_key
from workbench.rakor.readers import platform

Rows = Sequence[tuple[int, list[str]]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "attended": ("Attended",),
    "name": ("User Name", "Name (Original Name)", "Name"),
    "first": ("First Name",),
    "last": ("Last Name",),
    "email": ("Email", "User Email"),
    "join": ("Join Time",),
    "leave": ("Leave Time",),
    "duration": ("Time in Session (minutes)", "Time in Session"),
    "registered": ("Registration Time",),
    "approval": ("Approval Status",),
}
SUMMARY: dict[str, tuple[str, ...]] = {
    "topic": ("Topic",),
    "id": ("Webinar ID",),
    "start": ("Actual Start Time", "Start Time"),
    "duration": ("Actual Duration (minutes)", "Duration (minutes)"),
}
_REPORT = platform.column_key("Attendee Report")
_REGISTRATION = platform.column_key("Registration Report")
_SECTIONS = {
    platform.column_key(s)
    for s in ("Host Details", "Panelist Details", "Attendee Details", "Other Attended")
}
REGISTRATION_FIX = (
    "laporan pendaftaran berisi pendaftar, bukan kehadiran: unduh laporan kehadiran webinar "
    "dari Zoom (Reports > Webinar > Attendee Report) dan berikan berkas itu"
)


def _first_key(rows: Rows) -> str:
    first = next((c for _, c in rows if not is_blank(c)), [])
    return platform.column_key(first[0]) if first else ""


def is_webinar(rows: Rows) -> bool:
    """True for a Zoom webinar attendee report."""
    return _first_key(rows) == _REPORT


def is_registration(rows: Rows) -> bool:
    """True for a Zoom registration report (or a table of registrants without join times)."""
    if _first_key(rows) == _REGISTRATION:
        return True
    for _, cells in rows[:10]:
        at = platform.find_columns(cells, COLUMNS)
        if {"registered", "approval", "email"} <= set(at) and "join" not in at:
            return True
    return False


def registration_error(file: str) -> InputError:
    """The refusal of a registration report."""
    return InputError(
        "berkas ini laporan pendaftaran (Registration Report) webinar Zoom: daftar pendaftar, "
        "bukan daftar hadir",
        file=file,
        fix=REGISTRATION_FIX,
    )


def webinar_report(rows: Rows, file: str, *, prefer_date: dt.date | None = None) -> platform.Report:
    """The :class:`~workbench.rakor.readers.platform.Report` of an attendee report."""
    non_blank = [(n, c) for n, c in rows if not is_blank(c)]
    summary = _summary(non_blank)
    tables = _tables(non_blank)
    if not tables:
        raise InputError(
            "laporan webinar Zoom tanpa bagian Attendee Details/Panelist Details",
            file=file,
            fix="unduh ulang Attendee Report dari Zoom dan berikan berkasnya tanpa diubah",
        )
    values: list[tuple[int | None, str, str]] = [
        (n, COLUMNS[f][0], platform.cell(c, cols, f))
        for cols, body in tables
        for n, c in body
        for f in ("join", "leave")
        if f in cols and platform.cell(c, cols, f) not in ("--", "NA")
    ]
    values += [(None, "Actual Start Time", summary.get("start", ""))]
    family = platform.choose_family(
        values, file=file, prefer=prefer_date, fix="gunakan Attendee Report asli dari Zoom"
    )
    sessions, absent = [], []
    for cols, body in tables:
        for n, c in body:
            name = _name(c, cols)
            email = platform.cell(c, cols, "email")
            email = email if "@" in email else ""
            attended = platform.cell(c, cols, "attended").lower()
            if "attended" in cols and attended not in ("yes", "ya"):
                absent.append(platform.make_session(n, name, email, None, None, 0.0))
                continue
            session = _session(n, c, cols, family, name, email)
            if session:
                sessions.append(session)
    report = platform.Report("Zoom webinar", file, sessions, rows=sum(len(b) for _, b in tables))
    report.absent = _absentees(absent, sessions)
    platform.apply_summary(
        report,
        summary,
        family,
        topic=summary.get("topic", ""),
        length=platform.parse_duration(summary.get("duration", "")),
    )
    return report


def _summary(rows: Rows) -> dict[str, str]:
    for i, (_, cells) in enumerate(rows[:6]):
        at = platform.find_columns(cells, SUMMARY)
        if "id" in at and i + 1 < len(rows):
            return {f: platform.cell(rows[i + 1][1], at, f) for f in at}
    return {}


def _tables(rows: Rows) -> list[tuple[dict[str, int], list[tuple[int, list[str]]]]]:
    """Each section's columns and rows: a section title, its header, rows to the next title."""
    titles = [i for i, (_, c) in enumerate(rows) if platform.column_key(c[0]) in _SECTIONS]
    tables = []
    for at, end in zip(titles, [*titles[1:], len(rows)]):
        if at + 1 >= end:
            continue
        cols = platform.find_columns(rows[at + 1][1], COLUMNS)
        if ("name" in cols or "first" in cols) and "join" in cols:
            tables.append((cols, list(rows[at + 2 : end])))
    return tables


def _name(cells: list[str], cols: dict[str, int]) -> str:
    if "name" in cols:
        return platform.cell(cells, cols, "name")
    return " ".join(x for x in (platform.cell(cells, cols, f) for f in ("first", "last")) if x)


def _session(n, cells, cols, family, name: str, email: str) -> platform.Session | None:
    start = platform.parse_time(platform.cell(cells, cols, "join"), family)
    end = platform.parse_time(platform.cell(cells, cols, "leave"), family)
    duration = platform.parse_duration(platform.cell(cells, cols, "duration"))
    if start and end and end > start:
        minutes = (end - start).total_seconds() / 60
    else:
        start = end = None
        minutes = duration or 0.0
    if minutes <= 0:
        return None
    return platform.make_session(n, name, email, start, end, minutes)


def _absentees(
    absent: list[platform.Session], present: list[platform.Session]
) -> list[platform.Session]:
    """Registrants never present: by e-mail (or name when none), first row each."""
    seen = {s.email or person_key(s.name.nama) for s in present}
    out = []
    for s in absent:
        key = s.email or person_key(s.name.nama)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out

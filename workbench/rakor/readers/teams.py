"""Reader for Microsoft Teams attendance reports (docs/format-kehadiran.md).

Three shapes, in English, Indonesian and Portuguese, tab-, comma- or semicolon-separated,
UTF-16 (as Teams downloads them) or UTF-8:

- the current report: numbered sections ("1. Summary", "2. Participants",
  "3. In-Meeting Activities"); the activities table (one row per join-leave) is used when
  present, else the participants table (``In-Meeting Duration`` per person); the summary's
  start time and title describe the meeting;
- the 2020-2021 report: "Meeting Summary" key/value lines, then one table ``Full Name,
  Join Time, Leave Time, Duration, Email, Role``;
- the old list: ``Full Name, User Action, Timestamp`` with "Joined"/"Left" events, paired
  per person (a join without a leave lasts until the last event of the file).

Durations are ``1h 5m 3s``; times ``14/11/22, 09:30:46`` or ``4/13/2022, 7:56:32 AM``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from workbench.csvtext import is_blank
from workbench.errors import InputError
from workbench.rakor.readers import platform

Rows = Sequence[tuple[int, list[str]]]

#: Table columns per field (English, Indonesian, Portuguese).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Full Name", "Nama", "Nama Lengkap", "Nome", "Nome Completo", "Nome completo"),
    "join": (
        "Join Time",
        "First Join",
        "Waktu Bergabung",
        "Bergabung Pertama",
        "Pertama Bergabung",
        "Gabung Pertama",
        "Hora de entrada",
        "Hora de Ingresso",
        "Primeira entrada",
        "Primeiro ingresso",
    ),
    "leave": (
        "Leave Time",
        "Last Leave",
        "Waktu Keluar",
        "Terakhir Keluar",
        "Keluar Terakhir",
        "Hora de saída",
        "Última saída",
    ),
    "duration": (
        "In-Meeting Duration",
        "Duration",
        "Durasi Dalam Rapat",
        "Durasi dalam Rapat",
        "Durasi",
        "Duração na reunião",
        "Duração da reunião",
        "Duração",
    ),
    "email": ("Email", "E-mail", "Email Address", "Endereço de email"),
    "upn": ("Participant ID (UPN)", "ID Peserta (UPN)", "ID do participante (UPN)"),
    "role": ("Role", "Peran", "Função"),
}
#: Old list columns.
EVENTS: dict[str, tuple[str, ...]] = {
    "name": ("Full Name", "Nama Lengkap", "Nome Completo", "Nome completo"),
    "kind": ("User Action", "Tindakan Pengguna", "Aksi Pengguna", "Atividade", "Ação do usuário"),
    "time": ("Timestamp", "Tanda Waktu", "Stempel Waktu", "Data e hora", "Carimbo de data/hora"),
}
JOINED = (
    "joined",
    "joined before",
    "bergabung",
    "bergabung sebelumnya",
    "ingressou",
    "ingressou antes",
    "entrou antes de",
    "entrou",
)
LEFT = ("left", "keluar", "saiu")
_EVENT_LOG = platform.EventLog(
    EVENTS,
    JOINED,
    LEFT,
    kind_word="aksi",
    fix="laporan Teams lama hanya berisi aksi Joined/Left (Bergabung/Keluar)",
)
#: Summary keys per field.
SUMMARY: dict[str, tuple[str, ...]] = {
    "title": ("Meeting title", "Meeting Title", "Judul rapat", "Judul Rapat", "Título da reunião"),
    "start": (
        "Start time",
        "Meeting Start Time",
        "Waktu mulai",
        "Waktu Mulai Rapat",
        "Hora de início",
        "Hora de início da reunião",
    ),
    "end": (
        "End time",
        "Meeting End Time",
        "Waktu selesai",
        "Waktu Berakhir Rapat",
        "Hora de término",
    ),
    "duration": ("Meeting duration", "Durasi rapat", "Durasi Rapat", "Duração da reunião"),
    "id": ("Meeting Id", "Meeting ID", "ID Rapat", "ID da reunião"),
}
_SUMMARY_KEYS = {platform.column_key(a): f for f, names in SUMMARY.items() for a in names}
_SECTION = re.compile(r"^\d+\.\s*\S")
_TEAMS_ONLY = {
    platform.column_key(a)
    for a in (
        "In-Meeting Duration",
        "First Join",
        "Last Leave",
        "Participant ID (UPN)",
        "ID Peserta (UPN)",
        "ID do participante (UPN)",
        "Durasi Dalam Rapat",
        "Duração na reunião",
        "Full Name",
        "Nama Lengkap",
        "Nome Completo",
    )
}
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
        if platform.column_key(cells[0]) in (
            "meeting summary",
            "ringkasan rapat",
            "resumo da reuniao",
        ):
            return True
    sections = [c[0] for c in head if len([x for x in c if x]) == 1 and _SECTION.match(c[0])]
    return len(sections) >= 2 and any(_table_header(c) for c in head)


def teams_report(rows: Rows, file: str, *, prefer_date: dt.date | None = None) -> platform.Report:
    """The :class:`~workbench.rakor.readers.platform.Report` of a Teams report's rows."""
    non_blank = [(n, c) for n, c in rows if not is_blank(c)]
    for i, (_, cells) in enumerate(non_blank):
        if _event_header(cells):
            return _event_report(non_blank[i:], file, prefer_date)
    summary: dict[str, str] = {}
    tables: list[tuple[int, dict[str, int]]] = []
    for i, (_, cells) in enumerate(non_blank):
        filled = [c for c in cells if c]
        if len(filled) == 2 and platform.column_key(cells[0]) in _SUMMARY_KEYS and not tables:
            summary.setdefault(_SUMMARY_KEYS[platform.column_key(cells[0])], filled[1])
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
    family = platform.choose_family(cells_t, file=file, prefer=prefer_date)
    sessions = []
    for n, c in body:
        session = _session(n, c, columns, family, file, per_person=per_person)
        if session:
            sessions.append(session)
    report = platform.Report("Microsoft Teams", file, sessions, rows=len(body))
    length = platform.parse_duration(summary.get("duration", ""))
    platform.apply_summary(report, summary, family, topic=summary.get("title", ""), length=length)
    if per_person:  # times only for the meeting's start: the durations are per person
        joins = [platform.parse_time(platform.cell(c, columns, "join"), family) for _, c in body]
        firsts = [t for t in joins if t]
        if not report.start and firsts:
            report.start, report.start_from = min(firsts), "waktu bergabung pertama"
    return report


def _is_participants_table(cells: list[str]) -> bool:
    keys = {platform.column_key(c) for c in cells}
    firsts = {
        platform.column_key(a)
        for a in COLUMNS["join"]
        if "irst" in a or "ertama" in a or "rimeir" in a
    }
    return bool(keys & firsts)


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
    events, _ = platform.read_events(rows[1:], columns, _EVENT_LOG, file=file, prefer=prefer_date)
    sessions = platform.sessions_from_events(events)
    return platform.Report("Microsoft Teams", file, sessions, rows=len(rows) - 1)

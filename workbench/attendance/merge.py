"""Merging attendance tables from several files into one row per person.

Rules (see docs/format-kehadiran.md):

- The same person is the same normalised name (case, spaces and punctuation ignored) or a
  near-identical one (rapidfuzz ratio >= :data:`NAME_SIMILARITY`), within the same
  institution or where one side has no institution.
- A roster row (no Zoom duration) wins over a Zoom row for every text field it fills
  (nama, jabatan, instansi, status); durations come from Zoom; ``keterangan`` keeps both
  notes; ``sumber`` lists every file.
- An office's shared Zoom login ("KPU Kab. Pamekasan") is replaced by that office's roster
  rows with a present status, which take its duration; with no such roster rows it stays.
- Order: KPU RI, then offices in registry code order (province before its kabupaten/kota),
  then other institutions alphabetically, then rows without an institution; within one
  institution the first-seen order (a roster's own order, Zoom's join order) is kept.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd
from rapidfuzz import fuzz, process

from workbench.attendance.csvtext import csv_rows, first_line, read_text
from workbench.attendance.model import COLUMNS, PRESENT
from workbench.attendance.names import instansi_key, instansi_order_key, person_key
from workbench.attendance.roster import read_roster
from workbench.attendance.table import to_frame
from workbench.attendance.zoom import SHARED_LOGIN_NOTE, is_zoom_header, read_zoom
from workbench.errors import InputError, InputErrors

NAME_SIMILARITY = 92.0
_TEXT_FIELDS = ("nama", "jabatan", "instansi", "status")


def _is_zoom(row: dict) -> bool:
    value = row.get("durasi_menit")
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _compatible(a: dict, b: dict) -> bool:
    """Could ``a`` and ``b`` be one person? Same or missing institution, and not two people
    the Zoom reader of one report already kept apart."""
    if _is_zoom(a) and _is_zoom(b) and set(a["sumber"].split(", ")) & {b["sumber"]}:
        return False
    ka, kb = instansi_key(a["instansi"]), instansi_key(b["instansi"])
    return ka == kb or not ka or not kb


def _join(values: Iterable[str], sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def combine(a: dict, b: dict) -> dict:
    """One person's two rows as one (roster fields win, Zoom durations kept)."""
    first, second = (b, a) if _is_zoom(a) and not _is_zoom(b) else (a, b)
    row = {f: first[f] or second[f] for f in _TEXT_FIELDS}
    row["keterangan"] = _join((first["keterangan"], second["keterangan"]), "; ")
    row["sumber"] = _join([*a["sumber"].split(", "), *b["sumber"].split(", ")], ", ")
    zooms = [r for r in (a, b) if _is_zoom(r)]
    timing = max(zooms, key=lambda r: r["durasi_menit"]) if zooms else first
    for f in ("durasi_menit", "persen_hadir", "kurang_durasi"):
        row[f] = timing[f]
    return row


def _find(people: list[dict], row: dict) -> int | None:
    """Index of the person ``row`` is, or None."""
    candidates = {i: person_key(p["nama"]) for i, p in enumerate(people) if _compatible(p, row)}
    if not candidates:
        return None
    key = person_key(row["nama"])
    for i, other in candidates.items():
        if other == key:
            return i
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY)
    return best[2] if best else None


def _is_shared_login(row: dict) -> bool:
    return (_is_zoom(row) and bool(row["instansi"])
            and instansi_key(row["nama"]) == instansi_key(row["instansi"]))


def _absorb_shared_logins(people: list[dict]) -> list[dict]:
    """Give a shared login's time to its office's present roster rows, then drop it."""
    out = list(people)
    for login in [p for p in people if _is_shared_login(p)]:
        office = instansi_key(login["instansi"])
        members = [i for i, p in enumerate(out) if not _is_zoom(p) and p["status"] in PRESENT
                   and instansi_key(p["instansi"]) == office]
        if not members:
            continue
        for i in members:
            member = dict(out[i])
            for f in ("durasi_menit", "persen_hadir", "kurang_durasi"):
                member[f] = login[f]
            notes = [n for n in login["keterangan"].split("; ") if n and n != SHARED_LOGIN_NOTE]
            member["keterangan"] = _join(
                [member["keterangan"], f"melalui {SHARED_LOGIN_NOTE}", *notes],
                "; ")
            member["sumber"] = _join([member["sumber"], login["sumber"]], ", ")
            out[i] = member
        out = [p for p in out if p is not login]
    return out


def merge_attendance(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate attendance tables and keep one row per person (rules in the module doc).

    Pure: the input frames are not modified.
    """
    people: list[dict] = []
    for frame in frames:
        for row in frame.loc[:, list(COLUMNS)].to_dict("records"):
            index = _find(people, row)
            if index is None:
                people.append(dict(row))
            else:
                people[index] = combine(people[index], row)
    people = _absorb_shared_logins(people)
    order = sorted(range(len(people)), key=lambda i: (instansi_order_key(people[i]["instansi"]), i))
    return to_frame(people[i] for i in order)


# ----------------------------------------------------------------------------- files
def detect_kind(path: str | Path) -> str:
    """``'zoom'`` for a Zoom participants report, ``'roster'`` for a daftar hadir/Google Form."""
    path = Path(path)
    if not path.is_file():
        raise InputError("berkas kehadiran tidak ditemukan", file=path,
                         fix="periksa nama dan lokasi berkas")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "roster"
    if suffix not in (".csv", ".txt"):
        raise InputError(f"jenis berkas '{path.suffix}' tidak didukung untuk kehadiran",
                         file=path.name,
                         fix="gunakan .csv (daftar hadir, Google Form, laporan peserta Zoom) "
                             "atau .xlsx (daftar hadir, sheet 'Kehadiran' workbook rapat)")
    rows = csv_rows(first_line(read_text(path)))
    return "zoom" if rows and is_zoom_header(rows[0][1]) else "roster"


def read_attendance_file(path: str | Path, *, meeting_minutes: float | None = None,
                         min_share: float = 0.5) -> pd.DataFrame:
    """Read one attendance file of either kind (see :func:`detect_kind`)."""
    if detect_kind(path) == "zoom":
        return read_zoom(path, meeting_minutes=meeting_minutes, min_share=min_share)
    return read_roster(path)


def read_attendance(paths: Sequence[str | Path], *, meeting_minutes: float | None = None,
                    min_share: float = 0.5) -> pd.DataFrame:
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
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("tidak ada berkas kehadiran",
                         fix="berikan daftar hadir (CSV/XLSX) atau laporan peserta Zoom (CSV)")
    frames, errors = [], []
    for path in paths:
        try:
            frames.append(read_attendance_file(path, meeting_minutes=meeting_minutes,
                                               min_share=min_share))
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

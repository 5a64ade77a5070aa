"""Reader for attendance rosters: a typed daftar hadir or a Google Form export (CSV or XLSX).

Columns ``nama, jabatan, instansi, status, keterangan`` are found case-insensitively by
header (a few common variants are accepted, see :data:`ALIASES`); only ``nama`` is
required, an empty ``status`` means "Hadir". The header may sit below a title row.
A meeting workbook's ``Kehadiran`` sheet is read the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from workbench.csvtext import SPLIT_ATTENDANCE_FIX, csv_rows, header_key, is_blank, read_text
from workbench.errors import InputError, InputErrors, did_you_mean
from workbench.limits import MAX_ATTENDANCE_BYTES, MAX_ATTENDANCE_ROWS, limited_rows
from workbench.office_guard import check_workbook
from workbench.rakor.attendance_model import STATUSES
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.names import (
    DisplayName,
    canonical_instansi,
    clean,
    has_invisible,
    split_code,
)
from workbench.rakor.readers.platform import invisible_warning

FIELDS: tuple[str, ...] = ("nama", "jabatan", "instansi", "status", "keterangan")

#: Header spellings (after :func:`~workbench.csvtext.header_key`) per field.
ALIASES: dict[str, tuple[str, ...]] = {
    "nama": ("nama", "nama lengkap", "nama peserta", "nama lengkap dan gelar", "name"),
    "jabatan": ("jabatan", "posisi", "jabatan/posisi"),
    "instansi": (
        "instansi",
        "instansi/unit kerja",
        "unit kerja",
        "asal instansi",
        "satker",
        "satuan kerja",
        "lembaga",
        "instansi/lembaga",
    ),
    "status": ("status", "status kehadiran", "keterangan/status", "kehadiran"),
    "keterangan": ("keterangan", "catatan"),
}

#: Status spellings (lower case, punctuation removed) -> canonical status.
STATUS_ALIASES: dict[str, str] = {
    "hadir": "Hadir",
    "hadir luring": "Hadir",
    "luring": "Hadir",
    "hadir daring": "Hadir (daring)",
    "daring": "Hadir (daring)",
    "hadir online": "Hadir (daring)",
    "online": "Hadir (daring)",
    "izin": "Izin",
    "ijin": "Izin",
    "sakit": "Sakit",
    "dinas luar": "Dinas Luar",
    "dl": "Dinas Luar",
    "tanpa keterangan": "Tanpa Keterangan",
    "tk": "Tanpa Keterangan",
}

SHEET_NAME = "Kehadiran"
_HEADER_SEARCH_ROWS = 10
_STATUS_FIX = "isi salah satu: " + ", ".join(STATUSES) + " (kosong berarti Hadir)"


def normalize_status(value: object, **where) -> str:
    """'HADIR (DARING)', 'hadir daring' -> 'Hadir (daring)'; '' -> 'Hadir'; 'DL' -> 'Dinas Luar'.

    ``where`` (file, row, row_label) is passed to the :class:`InputError` raised for an
    unknown status.
    """
    text = clean(value)
    if not text:
        return "Hadir"
    key = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    raise InputError(
        f"status '{text}' tidak dikenal{did_you_mean(text.capitalize(), STATUSES)}",
        field="status",
        fix=_STATUS_FIX,
        **where,
    )


def read_roster(
    path: str | Path, sheet: str | None = None, *, mode: str | None = None
) -> pd.DataFrame:
    """Read a roster CSV or XLSX into the attendance table (:data:`~.model.COLUMNS`).

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252; ``,`` or
        ``;``) or ``.xlsx`` file, at most :data:`~workbench.limits.MAX_ATTENDANCE_ROWS` rows
        and :data:`~workbench.limits.MAX_ATTENDANCE_BYTES` bytes.
    sheet : str, optional
        XLSX sheet to read. Default: the ``Kehadiran`` sheet when the workbook has one,
        otherwise the first sheet.

    Returns
    -------
    pandas.DataFrame
        One row per person; ``durasi_menit``/``persen_hadir`` NaN, ``kurang_durasi`` False.

    Raises
    ------
    InputError
        Unreadable file, no ``nama`` column, an unknown status, a row without a name, a
        file over a limit of :mod:`workbench.limits`.
    """
    path = Path(path)
    rows, row_label = file_rows(path, sheet)
    return roster_frame(rows, file=path, row_label=row_label, mode=mode)


def file_rows(path: Path, sheet: str | None = None) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows of a CSV/TXT or XLSX attendance file as ``(row_number, cells)`` and the
    label of those numbers ("baris", "sheet X baris")."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return csv_rows(read_text(path), file=path.name, max_rows=MAX_ATTENDANCE_ROWS), "baris"
    raise InputError(
        f"jenis berkas '{path.suffix}' tidak didukung untuk kehadiran",
        file=path.name,
        fix="gunakan .csv/.txt (daftar hadir, Google Form, laporan Zoom/Teams/Google Meet) "
        "atau .xlsx (daftar hadir, laporan yang disimpan ulang di Excel, sheet 'Kehadiran' "
        "workbook rapat)",
    )


def roster_frame(
    rows: list[tuple[int, list[str]]],
    *,
    file: Path,
    row_label: str = "baris",
    mode: str | None = None,
) -> pd.DataFrame:
    """Turn ``(row_number, cells)`` pairs (header included) into the attendance table.

    ``mode`` (the record's ``rapat.mode``) gives the status of a roster without a status
    column: "Hadir (daring)" for a daring meeting, "Hadir" otherwise. What the reader
    decided on its own (columns it does not know, the status it assumed) is said in
    ``attrs['peringatan']``, one line each.
    """
    where = {"file": file.name, "row_label": row_label}
    header_at, columns = _find_header(rows, **where)
    refuse_other_tables(rows, header_at, columns, **where)
    warnings = []
    header = rows[header_at][1]
    unknown = [c for i, c in enumerate(header) if c.strip() and i not in columns.values()]
    if unknown:
        warnings.append(
            f"berkas {file.name}: {len(unknown)} kolom tidak dikenal dan tidak dibaca: "
            + ", ".join(unknown)
        )
    assumed = ""
    if "status" not in columns:
        assumed = "Hadir (daring)" if mode == "daring" else "Hadir"
        reason = f"mode rapat {mode}" if mode else "mode rapat tidak diketahui"
        warnings.append(
            f"berkas {file.name}: tidak ada kolom status; semua peserta dianggap "
            f"'{assumed}' ({reason})"
        )
    records, errors = [], []
    for number, cells in rows[header_at + 1 :]:
        if is_blank(cells):
            continue
        typed = cells[columns["nama"]] if columns["nama"] < len(cells) else ""
        if has_invisible(typed):
            warnings.append(invisible_warning(file.name, number, clean(typed)))
        try:
            records.append(_record(cells, columns, row=number, **where))
        except InputError as e:
            errors.append(e)
    if errors:
        raise InputErrors(errors)
    for rec in records:
        rec["sumber"] = file.name
        if assumed:
            rec["status"] = assumed
    frame = to_frame(records)
    frame.attrs["peringatan"] = warnings
    return frame


#: Cell values of a per-session presence mark (compared lower-case).
PRESENCE_MARKS = frozenset(
    {"0", "1", "✓", "✔", "√", "v", "x", "h", "a", "i", "s", "-", "hadir", "absen", "alpa", "alpha"}
)
#: Cell values of a check-in/attendance-machine log (compared lower-case).
CHECK_CODES = frozenset(
    {
        "c/in",
        "c/out",
        "in",
        "out",
        "check in",
        "check out",
        "checkin",
        "checkout",
        "check-in",
        "check-out",
        "masuk",
        "pulang",
        "ot in",
        "ot out",
        "overtime in",
        "overtime out",
        "break in",
        "break out",
    }
)


def refuse_other_tables(rows, header_at: int, columns: dict[str, int], **where) -> None:
    """Refuse a table that is not a daftar hadir although it has a name column: a
    per-session presence matrix (three or more columns of 0/1, ✓, H/A marks) or a check-in
    log (a column of In/Out codes)."""
    header = rows[header_at][1]
    body = [cells for _, cells in rows[header_at + 1 :] if not is_blank(cells)]
    if not body:
        return

    def values(i: int) -> list[str]:
        return [c[i].strip().lower() for c in body if i < len(c) and c[i].strip()]

    checks = []
    for i, name in enumerate(header):
        got = values(i)
        if got and sum(v in CHECK_CODES for v in got) >= max(1, len(got) // 2):
            checks.append((name, len(got)))
    if checks:
        name, count = checks[0]
        raise InputError(
            f"berkas ini tampak seperti log mesin absensi/check-in (kolom '{name}' berisi "
            f"kode masuk/keluar pada {count} baris), bukan daftar hadir rapat",
            field=name,
            fix="ekspor daftar hadir rapat (satu baris per peserta dengan kolom nama, "
            "instansi, status) atau laporan peserta Zoom/Teams/Google Meet",
            **where,
        )
    used = set(columns.values()) - {columns.get("status", -1)}
    marks = [
        name
        for i, name in enumerate(header)
        if i not in used and (got := values(i)) and all(v in PRESENCE_MARKS for v in got)
    ]
    if len(marks) >= 3:
        raise InputError(
            f"berkas ini tampak seperti rekap presensi per pertemuan ({len(marks)} kolom "
            f"berisi tanda hadir 0/1, ✓ atau H/A: {', '.join(marks[:6])}"
            f"{' …' if len(marks) > 6 else ''}), bukan daftar hadir satu rapat",
            field=marks[0],
            fix="buat daftar hadir untuk rapat ini saja: satu baris per peserta dengan kolom "
            "nama, instansi, status (Hadir/Izin/Sakit/...), atau berikan laporan peserta "
            "Zoom/Teams/Google Meet rapat ini",
            **where,
        )


def has_name_column(rows) -> bool:
    """True when one of the first rows is a roster header (it has a ``nama`` column)."""
    non_blank = [cells for _, cells in rows if not is_blank(cells)]
    return any("nama" in map_columns(cells) for cells in non_blank[:_HEADER_SEARCH_ROWS])


def _find_header(rows, **where) -> tuple[int, dict[str, int]]:
    """Index of the header row and field -> column index; the first rows are searched."""
    non_blank = [(i, cells) for i, (_, cells) in enumerate(rows) if not is_blank(cells)]
    for i, cells in non_blank[:_HEADER_SEARCH_ROWS]:
        columns = map_columns(cells)
        if "nama" in columns:
            return i, columns
    found = ", ".join(c for c in non_blank[0][1] if c) if non_blank else "(berkas kosong)"
    row = rows[non_blank[0][0]][0] if non_blank else None
    raise InputError(
        f"kolom 'nama' tidak ditemukan; kolom yang ada: {found}",
        row=row,
        field="nama",
        fix="baris judul daftar hadir harus memuat kolom: "
        + ", ".join(FIELDS)
        + " (hanya 'nama' yang wajib); laporan peserta Zoom harus memuat kolom "
        "'Name (Original Name)', 'Join Time', 'Leave Time', 'Duration (Minutes)'",
        **where,
    )


def map_columns(cells: list[object]) -> dict[str, int]:
    """Field -> column index for a header row (the first matching column wins)."""
    lookup = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = lookup.get(header_key(cell))
        if field and field not in columns:
            columns[field] = index
    return columns


def _record(cells: list[str], columns: dict[str, int], *, row: int, **where) -> dict:
    def cell(field: str) -> str:
        index = columns.get(field)
        return clean(cells[index]) if index is not None and index < len(cells) else ""

    if not cell("nama"):
        raise InputError(
            "nama kosong padahal baris ini berisi data",
            row=row,
            field="nama",
            fix="isi nama peserta, atau hapus baris ini",
            **where,
        )
    kode, nama = split_code(cell("nama"))  # "1987... - Sari": the code is never the name
    nip = DisplayName(nama, "", kode=kode).nip
    keterangan = "; ".join(x for x in (cell("keterangan"), f"NIP {nip}" if nip else "") if x)
    return {
        "nama": nama,
        "jabatan": cell("jabatan"),
        "instansi": canonical_instansi(cell("instansi")),
        "status": normalize_status(cell("status"), row=row, **where),
        "keterangan": keterangan,
    }


# ----------------------------------------------------------------------------- XLSX
def _xlsx_rows(path: Path, sheet: str | None) -> tuple[list[tuple[int, list[str]]], str]:
    """Rows of the chosen sheet as ``(spreadsheet_row, cells)`` and the row label."""
    from openpyxl import load_workbook

    check_workbook(path, MAX_ATTENDANCE_BYTES, file=path.name, fix=SPLIT_ATTENDANCE_FIX)
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, InvalidFileException, KeyError, ...
        raise InputError(
            "berkas XLSX rusak atau bukan workbook Excel",
            file=path.name,
            fix="buka berkas di Excel/LibreOffice lalu simpan ulang sebagai .xlsx",
        ) from e
    try:
        ws = workbook[_choose_sheet(workbook.sheetnames, sheet, path)]
        label = f"sheet {ws.title} baris"
        values = limited_rows(
            enumerate(ws.iter_rows(values_only=True), start=1),
            file=path.name,
            max_rows=MAX_ATTENDANCE_ROWS,
            fix=SPLIT_ATTENDANCE_FIX,
            row_label=label,
        )
        return [(number, [_cell_text(v) for v in cells]) for number, cells in values], label
    finally:
        workbook.close()


def _choose_sheet(names: list[str], sheet: str | None, path: Path) -> str:
    wanted = sheet or SHEET_NAME
    for name in names:
        if name.strip().lower() == wanted.strip().lower():
            return name
    if sheet is None:
        return names[0]
    raise InputError(
        f"sheet '{sheet}' tidak ada{did_you_mean(sheet, names)}",
        file=path.name,
        fix="sheet yang ada: " + ", ".join(names),
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)

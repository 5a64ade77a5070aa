"""Reader of Bakohumas quarterly reports (CSV or XLSX), validating every row.

The only code that parses report files. It returns a DataFrame with the
columns and dtypes of :data:`workbench.bakohumas.schema.DTYPES`, or raises one
:class:`~workbench.errors.InputErrors` listing every problem found (file,
spreadsheet row, column, fix). Row numbers are as the user sees them: the
header is row 1 when it is the top row, the first data row is row 2.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable

import pandas as pd

from workbench.bakohumas import cells
from workbench.bakohumas.schema import (
    COLUMNS,
    COUNT_COLUMNS,
    DTYPES,
    MONEY_COLUMNS,
    TEXT_COLUMNS,
    Period,
)
from workbench.csv_write import unguard
from workbench.csvtext import csv_rows, is_blank, read_text
from workbench.errors import InputError, InputErrors, closest, did_you_mean
from workbench.limits import MAX_REPORT_BYTES, MAX_REPORT_ROWS, limited_rows
from workbench.office_guard import check_workbook
from workbench.text import header_key

#: Row-number column kept by :func:`read_report_rows` (the spreadsheet row of each record).
ROW_COLUMN = "_baris"
#: Source-file column added by :mod:`workbench.bakohumas.collect` (named in duplicate errors).
FILE_COLUMN = "_berkas"
#: How to split a report table that is over a limit of :mod:`workbench.limits`.
SPLIT_FIX = (
    "bagi tabel menjadi beberapa berkas (mis. per provinsi atau per tahun) dan proses "
    "masing-masing, atau simpan hanya triwulan yang dievaluasi"
)
#: How many errors are listed before "dan N galat lainnya".
MAX_LISTED = 20
#: Header spellings (after :func:`~workbench.text.header_key` with ``snake=True``) accepted for
#: a column, besides its own name.
ALIASES: dict[str, tuple[str, ...]] = {
    "kode_satker": ("kode", "kode_wilayah", "kode_kpu"),
    "triwulan": ("tw",),
    "tanggal_kirim": ("tanggal_pengiriman", "tgl_kirim", "tanggal_penyampaian"),
    "unggahan_medsos": ("unggahan_media_sosial",),
    "kegiatan_non_anggaran": ("kegiatan_non_budgeting", "non_anggaran"),
    "realisasi_anggaran": ("realisasi",),
    "sarana_memadai": ("sarana_prasarana_memadai", "sarpras_memadai"),
    "uraian_kegiatan": ("uraian",),
}
_HEADER_SEARCH_ROWS = 10
_PARSERS: dict[str, Callable[[object], object]] = {
    "kode_satker": cells.office_code,
    "tahun": cells.year,
    "triwulan": cells.quarter,
    "tanggal_kirim": cells.date,
    "sarana_memadai": cells.yes_no,
    **{c: cells.count for c in COUNT_COLUMNS},
    **{c: cells.money for c in MONEY_COLUMNS},
    **{c: cells.text for c in TEXT_COLUMNS},
}
#: Columns that must be filled in every row / in every submitted row.
_ALWAYS = ("kode_satker", "tahun", "triwulan")
_WHEN_SUBMITTED = (*COUNT_COLUMNS, *MONEY_COLUMNS, "sarana_memadai")


def read_reports(path: str | Path) -> pd.DataFrame:
    """Read and validate a quarterly-report table.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (``,`` or ``;``; UTF-8 with or without BOM, UTF-16 with BOM or
        Windows-1252) or ``.xlsx`` (first sheet; the header row may sit below a few title
        rows); at most :data:`~workbench.limits.MAX_REPORT_ROWS` rows and
        :data:`~workbench.limits.MAX_REPORT_BYTES` bytes.

    Returns
    -------
    pandas.DataFrame
        One row per office and quarter, columns :data:`~workbench.bakohumas.schema.COLUMNS`.

    Raises
    ------
    InputErrors
        Every problem found in the file, at once.
    """
    return read_report_rows(path).drop(columns=ROW_COLUMN)


def read_report_rows(path: str | Path) -> pd.DataFrame:
    """Like :func:`read_reports`, plus column ``_baris``: each record's spreadsheet row."""
    path = Path(path)
    rows = load_cells(path)
    header_row, columns = find_header(rows, path)
    records, errors = parse_rows(rows, header_row, columns, path)
    errors += duplicate_errors(records, path)
    raise_collected(errors)
    return to_frame(records)


# ----------------------------------------------------------------------------- cells
def load_cells(path: Path) -> list[tuple[int, list[object]]]:
    """``(row_number, cells)`` of the file's first sheet or its CSV rows."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_text(path, max_bytes=MAX_REPORT_BYTES, fix=SPLIT_FIX)
        return [  # a cell guarded against formulas by the workbench reads back unchanged
            (n, [unguard(x) for x in c])
            for n, c in csv_rows(text, file=path, max_rows=MAX_REPORT_ROWS, fix=SPLIT_FIX)
        ]
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_cells(path)
    if suffix == ".xls":
        raise InputError(
            "format Excel lama (.xls) tidak didukung",
            file=path,
            fix="buka di Excel lalu simpan sebagai .xlsx (Excel Workbook) atau .csv",
        )
    raise InputError(
        f"jenis berkas '{path.suffix or path.name}' tidak didukung",
        file=path,
        fix="kirim laporan sebagai .xlsx atau .csv",
    )


def _xlsx_cells(path: Path) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    if not path.exists():
        raise InputError("berkas tidak ditemukan", file=path, fix="periksa nama dan lokasi berkas")
    check_workbook(path, MAX_REPORT_BYTES, file=path, fix=SPLIT_FIX)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises several kinds for damaged files
        raise InputError(
            f"berkas Excel tidak dapat dibuka ({e})",
            file=path,
            fix="simpan ulang berkas sebagai .xlsx dari Excel",
        ) from e
    try:
        rows = enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1)
        return [
            (i, list(r))
            for i, r in limited_rows(rows, file=path, max_rows=MAX_REPORT_ROWS, fix=SPLIT_FIX)
        ]
    finally:
        wb.close()


def _canonical(key: str) -> str | None:
    if key in COLUMNS:
        return key
    for column, aliases in ALIASES.items():
        if key in aliases:
            return column
    return None


def find_header(rows: list[tuple[int, list[object]]], path: Path) -> tuple[int, dict[str, int]]:
    """The header row number and ``column -> cell index``; missing columns raise."""
    candidates = [(n, c) for n, c in rows[: _HEADER_SEARCH_ROWS + 5] if not is_blank(_strs(c))]
    # The header is the row naming the most columns (so a misspelt "kode_satker" below a
    # document title still finds it); the first non-blank row when no row names any.
    header_row, cells_ = candidates[0] if candidates else (1, [])
    best = 0
    for n, c in candidates[:_HEADER_SEARCH_ROWS]:
        known = len({_canonical(header_key(v, snake=True)) for v in c} - {None})
        if known > best:
            header_row, cells_, best = n, c, known
    columns: dict[str, int] = {}
    unknown: list[tuple[str, str]] = []  # (header as typed, header_key) not matching a column
    for i, value in enumerate(cells_):
        key = header_key(value, snake=True)
        column = _canonical(key)
        if column and column not in columns:
            columns[column] = i
        elif column is None and key:
            unknown.append((str(value).replace("\ufeff", "").strip(), key))
    missing = [c for c in COLUMNS if c not in columns]
    misspelt = _misspelt(unknown, missing)
    errors = [
        InputError(
            f"kolom '{typed}' tidak dikenal{did_you_mean(column, [column])}",
            file=path,
            row=header_row,
            field=typed,
            fix=f"ganti judul kolom '{typed}' menjadi '{column}' (lihat docs/format-laporan.md)",
        )
        for typed, column in misspelt
    ]
    missing = [c for c in missing if c not in {column for _, column in misspelt}]
    if missing:
        errors.append(
            InputError(
                f"kolom berikut tidak ada: {', '.join(missing)}",
                file=path,
                row=header_row,
                fix="baris judul kolom harus memuat semua kolom: "
                + ", ".join(COLUMNS)
                + " (lihat docs/format-laporan.md)",
            )
        )
    if errors:
        raise InputErrors(errors)
    return header_row, columns


def _misspelt(unknown: list[tuple[str, str]], missing: list[str]) -> list[tuple[str, str]]:
    """``(header as typed, missing column)`` for unknown headers that look like a missing column.

    A header is compared with each missing column's name and its :data:`ALIASES`; each missing
    column is suggested at most once (for the closest header), so a misspelt header is reported
    once, as unknown with a suggestion, and not again as missing.
    """
    spellings = {c: c for c in missing}
    spellings.update({a: c for c in missing for a in ALIASES.get(c, ())})
    candidates = []
    for position, (typed, key) in enumerate(unknown):
        match = closest(key, spellings)
        if match:
            ratio = difflib.SequenceMatcher(None, key, match).ratio()
            candidates.append((-ratio, position, typed, spellings[match]))
    chosen, taken = [], set()
    for _, position, typed, column in sorted(candidates):
        if column not in taken:
            taken.add(column)
            chosen.append((position, typed, column))
    return [(typed, column) for _, typed, column in sorted(chosen)]


def _strs(values: list[object]) -> list[str]:
    return ["" if v is None else str(v) for v in values]


# ----------------------------------------------------------------------------- rows
def parse_rows(rows, header_row: int, columns: dict[str, int], path: Path):
    """Parse every data row below the header: ``(records, errors)``."""
    records: list[dict] = []
    errors: list[InputError] = []
    for number, raw in rows:
        if number <= header_row or is_blank(_strs(raw)):
            continue
        record, row_errors = parse_row(raw, columns, path, number)
        errors += row_errors
        if record is not None:
            records.append(record)
    return records, errors


def parse_row(raw: list[object], columns: dict[str, int], path: Path, number: int):
    """One record (or None when a key cell is unreadable) and the row's errors."""
    record: dict[str, object] = {ROW_COLUMN: number}
    errors: list[InputError] = []

    def fail(column: str, problem: str, fix: str) -> None:
        errors.append(InputError(problem, file=path, row=number, field=column, fix=fix))

    for column, index in columns.items():
        value = raw[index] if index < len(raw) else None
        try:
            record[column] = _PARSERS[column](value)
        except cells.BadCell as e:
            record[column] = None
            fail(column, e.problem, e.fix)
    failed = {e.field for e in errors}
    required = _ALWAYS + (_WHEN_SUBMITTED if record.get("tanggal_kirim") else ())
    for column in required:
        if record.get(column) is None and column not in failed:
            fix = (
                "isi 0 bila tidak ada"
                if column in (*COUNT_COLUMNS, *MONEY_COLUMNS)
                else "isi 'ya' atau 'tidak'"
                if column == "sarana_memadai"
                else "isi kolom ini"
            )
            fail(column, "kolom wajib kosong", fix)
    for problem in _consistency(record):
        fail(*problem)
    if any(record.get(c) is None for c in _ALWAYS):
        return None, errors
    return record, errors


def _rupiah(value) -> str:
    """Rupiah text; Babel is loaded only when a record fails a check."""
    from workbench.indonesian import rupiah

    return rupiah(value)


#: ``(part, whole, problem, fix)``: a column that cannot exceed another one.
_NOT_ABOVE = (
    (
        "sdm_terlatih",
        "sdm_pelaksana",
        lambda a, b: f"SDM terlatih ({a}) melebihi SDM pelaksana ({b})",
        "SDM terlatih adalah bagian dari SDM pelaksana; periksa kedua angka",
    ),
    (
        "realisasi_anggaran",
        "anggaran",
        lambda a, b: f"realisasi ({_rupiah(a)}) melebihi anggaran ({_rupiah(b)})",
        "realisasi tidak boleh melebihi anggaran; periksa kedua angka",
    ),
)


def _consistency(r: dict) -> list[tuple[str, str, str]]:
    """Cross-column checks of one record: ``(column, problem, fix)`` each."""
    out = []
    for part, whole, problem, fix in _NOT_ABOVE:
        a, b = r.get(part), r.get(whole)
        if a is not None and b is not None and a > b:
            out.append((part, problem(a, b), fix))
    sent, tahun, tw = r.get("tanggal_kirim"), r.get("tahun"), r.get("triwulan")
    if sent is not None and tahun is not None and tw is not None:
        period = Period(tahun, tw)
        if sent < period.start:
            out.append(
                (
                    "tanggal_kirim",
                    f"tanggal kirim {sent:%d/%m/%Y} sebelum {period.label} dimulai",
                    "periksa tanggal kirim, tahun dan triwulan",
                )
            )
    return out


def duplicate_errors(records: list[dict], path: Path | None, where=None) -> list[InputError]:
    """One error per repeated office + quarter, naming the row where it first appeared.

    ``where(record)`` describes a record's location for the message (default: its row).
    """
    where = where or (lambda r: f"baris {r[ROW_COLUMN]}")
    seen: dict[tuple, dict] = {}
    errors = []
    for r in records:
        key = (r["kode_satker"], r["tahun"], r["triwulan"])
        if key in seen:
            first = seen[key]
            period = Period(r["tahun"], r["triwulan"])
            errors.append(
                InputError(
                    f"laporan satker {r['kode_satker']} untuk {period.label} ganda: "
                    f"{where(first)} dan {where(r)}",
                    file=r.get(FILE_COLUMN, path),
                    row=r[ROW_COLUMN],
                    field="kode_satker",
                    fix="hapus salah satu baris, atau perbaiki kode satker/tahun/triwulan",
                )
            )
        else:
            seen[key] = r
    return errors


def raise_collected(errors: list[InputError]) -> None:
    """Raise all ``errors`` as one :class:`InputErrors`, listing at most :data:`MAX_LISTED`."""
    if not errors:
        return
    exc = InputErrors(errors)
    if len(errors) > MAX_LISTED:
        lines = [e.message for e in errors[:MAX_LISTED]]
        lines.append(f"... dan {len(errors) - MAX_LISTED} galat lainnya")
        exc.message = "\n".join(lines)
    raise exc


# ----------------------------------------------------------------------------- frame
def to_frame(records: list[dict]) -> pd.DataFrame:
    """The validated records as a DataFrame with the schema's dtypes and column order."""
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, ROW_COLUMN])
    frame["tanggal_kirim"] = pd.to_datetime(frame["tanggal_kirim"]).astype("datetime64[s]")
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].fillna("")
    return frame.astype({**DTYPES, ROW_COLUMN: "int64"})

"""Writing sample per-office report files the way offices send them (for ``collect``).

Most offices send an XLSX workbook (human headers, real date cells, the code
sometimes typed as a number, sometimes under a title row); a few send a CSV
saved by Excel on an Indonesian-locale machine (``;`` separator, ``1.500.000,00``,
``17/07/2025``, Windows-1252 or UTF-8 with a byte-order mark).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.bakohumas.schema import COLUMNS, COUNT_COLUMNS, MONEY_COLUMNS, TEXT_COLUMNS
from workbench.indonesian import angka
from workbench.text import slugify
from workbench.wilayah import get_office
from workbench.xlsx_write import append_row

#: How many offices send a CSV instead of an XLSX.
CSV_OFFICES = 4
_UPPER = {"sdm": "SDM"}


def human_header(column: str) -> str:
    """'sdm_terlatih' -> 'SDM Terlatih'; 'kode_satker' -> 'Kode Satker'."""
    return " ".join(_UPPER.get(w, w.capitalize()) for w in column.split("_"))


def file_stem(kode: str) -> str:
    """'35.28' -> '3528-pamekasan'."""
    office = get_office(kode)
    return f"{kode.replace('.', '')}-{slugify(office.kota_ttd)}"


def write_kiriman(rows: pd.DataFrame, folder: Path, *, seed: int = 2025) -> list[Path]:
    """One file per office of ``rows`` in ``folder`` (which must exist). Returns the paths."""
    rng = np.random.default_rng(seed + 1)
    codes = list(rows["kode_satker"])
    csv_codes = set(rng.choice(codes, min(CSV_OFFICES, len(codes)), replace=False))
    paths: list[Path] = []
    for i, (kode, group) in enumerate(rows.groupby("kode_satker", sort=True)):
        records = group.to_dict("records")
        stem = file_stem(str(kode))  # a code such as "35.01" (the column is text)
        if kode in csv_codes:
            encoding = ("cp1252", "utf-8-sig", "utf-8")[len(paths) % 3]
            paths.append(_write_csv(records, folder / f"{stem}.csv", encoding))
        else:
            paths.append(_write_xlsx(records, folder / f"{stem}.xlsx", i))
    return paths


def _write_xlsx(records: list[dict], path: Path, i: int) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan"
    if i % 5 == 0:  # a title above the header, as some offices do
        append_row(ws, [f"LAPORAN TRIWULAN BAKOHUMAS {get_office(records[0]['kode_satker']).kop}"])
        append_row(ws, [])
    append_row(ws, [human_header(c) for c in COLUMNS])
    for r in records:
        append_row(ws, [_xlsx_value(c, r[c], i) for c in COLUMNS])
        row = ws.max_row
        ws.cell(row, COLUMNS.index("tanggal_kirim") + 1).number_format = "DD/MM/YYYY"
        for c in MONEY_COLUMNS:
            ws.cell(row, COLUMNS.index(c) + 1).number_format = "#,##0"
    wb.save(path)
    return path


def _xlsx_value(column: str, value, i: int):
    if column == "kode_satker":
        # Excel users type codes as numbers: 35.10 becomes 35.1, 3528 stays an integer.
        if i % 3 == 1:
            return float(value)
        if i % 3 == 2:
            return int(value.replace(".", ""))
        return value
    if column == "tanggal_kirim":
        return None if pd.isna(value) else pd.Timestamp(value).date()
    if column == "sarana_memadai":
        return "Ya" if value else "Tidak"
    if column in COUNT_COLUMNS or column in ("tahun", "triwulan"):
        return int(value)
    if column in MONEY_COLUMNS:
        return float(value)
    return value


def _write_csv(records: list[dict], path: Path, encoding: str) -> Path:
    lines = [";".join(COLUMNS)]
    for r in records:
        lines.append(";".join(_csv_cell(c, r[c]) for c in COLUMNS))
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def _csv_cell(column: str, value) -> str:
    if column == "tanggal_kirim":
        return "" if pd.isna(value) else f"{pd.Timestamp(value):%d/%m/%Y}"
    if column == "sarana_memadai":
        return "Ya" if value else "Tidak"
    if column in MONEY_COLUMNS:
        return angka(float(value), 2)
    if column in TEXT_COLUMNS:
        text = str(value).replace('"', '""')
        return f'"{text}"'
    if isinstance(value, (int, np.integer)) or column in COUNT_COLUMNS:
        return str(int(value))
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)

"""Consolidating the quarterly reports offices send (one file each) into one table.

:func:`collect_folder` reads every ``.csv``/``.xlsx`` in a folder with the
validating reader, checks that no office+quarter appears twice across files,
and names the province's offices that sent nothing. :func:`write_reports`
writes the consolidated table (CSV or XLSX, atomically).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from workbench.atomic import atomic_path
from workbench.bakohumas.reader import (
    FILE_COLUMN,
    ROW_COLUMN,
    SPLIT_FIX,
    duplicate_errors,
    raise_collected,
    read_report_rows,
)
from workbench.bakohumas.schema import COLUMNS, MONEY_COLUMNS, Period
from workbench.csv_write import frame_csv
from workbench.errors import InputError, InputErrors
from workbench.limits import MAX_REPORT_FILES, MAX_REPORT_ROWS, count_text
from workbench.wilayah import Office, kabupaten_kota

READABLE = (".csv", ".xlsx", ".xlsm")


@dataclasses.dataclass(frozen=True, eq=False)
class Collected:
    """The result of :func:`collect_folder`.

    Attributes
    ----------
    table : DataFrame
        All reports, columns :data:`~workbench.bakohumas.schema.COLUMNS`, sorted by
        period and office.
    files : tuple of Path
        The files read.
    ignored : tuple of Path
        Files skipped (not CSV/XLSX, hidden, Excel lock files).
    period : Period
        The period checked for missing offices (``--period``, else the latest present).
    missing : tuple of Office
        Offices of the province(s) present without a row in ``period``.
    skipped_rows : int
        Rows of other periods left out because ``period`` was given.
    """

    table: pd.DataFrame
    files: tuple[Path, ...]
    ignored: tuple[Path, ...]
    period: Period | None
    missing: tuple[Office, ...]
    skipped_rows: int = 0


def collect_folder(folder: str | Path, period: "Period | str | None" = None) -> Collected:
    """Read and validate every report file in ``folder``.

    Parameters
    ----------
    folder : str or Path
        The folder of submitted files (not searched recursively).
    period : Period or str, optional
        Keep only this quarter's rows; offices are checked against it.

    Raises
    ------
    InputErrors
        Every problem of every file (file, row, column), and offices+quarters sent twice.
    """
    folder = Path(folder)
    period = Period.parse(period) if period is not None else None
    files, ignored = _list_files(folder)
    frames, errors = _read_all(files)
    table = pd.concat(frames, ignore_index=True) if frames else None
    if table is not None:
        errors += duplicate_errors(
            table.to_dict("records"),
            None,
            where=lambda r: f"{Path(r[FILE_COLUMN]).name} baris {r[ROW_COLUMN]}",
        )
    raise_collected(errors)
    if table is None or table.empty:
        raise InputError(
            "tidak ada baris laporan di berkas mana pun",
            file=folder,
            fix="pastikan berkas kiriman satker berisi data di bawah baris judul",
        )
    return _result(table, files, ignored, period)


def _list_files(folder: Path) -> tuple[list[Path], list[Path]]:
    if not folder.is_dir():
        raise InputError(
            "folder kiriman tidak ditemukan",
            file=folder,
            fix="sebutkan folder berisi berkas laporan satker (.xlsx atau .csv)",
        )
    files: list[Path] = []
    ignored: list[Path] = []
    for p in sorted(folder.iterdir()):
        if not p.is_file():
            continue
        hidden = p.name.startswith((".", "~$"))
        (files if p.suffix.lower() in READABLE and not hidden else ignored).append(p)
    if not files:
        raise InputError(
            "folder tidak berisi berkas .xlsx atau .csv",
            file=folder,
            fix="letakkan berkas laporan satker (.xlsx atau .csv) di folder ini",
        )
    if len(files) > MAX_REPORT_FILES:
        raise InputError(
            f"folder berisi {count_text(len(files))} berkas laporan (batas "
            f"{count_text(MAX_REPORT_FILES)})",
            file=folder,
            fix="satu folder berisi satu berkas per satker; bagi kiriman ke "
            "beberapa folder (mis. per provinsi) dan kumpulkan masing-masing",
        )
    return files, ignored


def _read_all(files: list[Path]) -> tuple[list[pd.DataFrame], list[InputError]]:
    """Every file's rows (or its errors); the rows of all files together are bounded."""
    frames, errors, rows = [], [], 0
    for path in files:
        try:
            frame = read_report_rows(path)
        except InputErrors as e:
            errors += e.errors
            continue
        except InputError as e:
            errors.append(e)
            continue
        frames.append(frame.assign(**{FILE_COLUMN: str(path)}))
        rows += len(frame)
        if rows > MAX_REPORT_ROWS:
            raise InputError(
                f"berkas-berkas di folder ini bersama-sama berisi lebih dari "
                f"{count_text(MAX_REPORT_ROWS)} baris laporan (batas "
                f"{count_text(MAX_REPORT_ROWS)}; terlampaui di {path.name})",
                file=path.parent,
                fix=SPLIT_FIX,
            )
    return frames, errors


def _result(table: pd.DataFrame, files, ignored, period: Period | None) -> Collected:
    skipped = 0
    if period is not None:
        keep = (table["tahun"] == period.tahun) & (table["triwulan"] == period.triwulan)
        skipped = int((~keep).sum())
        table = table[keep]
    check = period or max(Period(int(t), int(q)) for t, q in zip(table["tahun"], table["triwulan"]))
    table = (
        table.drop(columns=[ROW_COLUMN, FILE_COLUMN])
        .sort_values(["tahun", "triwulan", "kode_satker"])
        .reset_index(drop=True)
    )
    return Collected(
        table=table,
        files=tuple(files),
        ignored=tuple(ignored),
        period=check,
        missing=tuple(missing_offices(table, check)),
        skipped_rows=skipped,
    )


def missing_offices(
    table: pd.DataFrame, period: Period, provinces: tuple[str, ...] | None = None
) -> list[Office]:
    """Offices of the provinces present (or ``provinces``) with no row in ``period``."""
    provinces = provinces or tuple(sorted(table["kode_satker"].str[:2].unique()))
    rows = table[(table["tahun"] == period.tahun) & (table["triwulan"] == period.triwulan)]
    present = set(rows["kode_satker"])
    return [o for p in provinces for o in kabupaten_kota(p) if o.kode not in present]


# ----------------------------------------------------------------------------- writing
@dataclasses.dataclass(frozen=True)
class Merged:
    """:func:`merge_into_existing`'s result: the table to write and what changed."""

    table: pd.DataFrame
    kept: int  # rows of the existing table carried over unchanged
    replaced: int  # rows of the existing table replaced by a newer submission
    added: int  # rows new to the table


_KEY = ["kode_satker", "tahun", "triwulan"]


def merge_into_existing(table: pd.DataFrame, existing: str | Path) -> Merged:
    """``table`` merged into the report table already at ``existing`` (validated).

    The province keeps one table with every quarter (the evaluation compares a quarter
    with the previous one), so collecting TW 2 into it must not lose TW 1: rows of
    ``existing`` are kept, except those of an office and quarter present in ``table``,
    which the new submission replaces.
    """
    from workbench.bakohumas.reader import read_reports

    old = read_reports(existing)
    new_keys = pd.MultiIndex.from_frame(table[_KEY])
    old_keys = pd.MultiIndex.from_frame(old[_KEY])
    clash = old_keys.isin(new_keys)
    merged = pd.concat([old[~clash], table], ignore_index=True)
    merged = merged.sort_values(["tahun", "triwulan", "kode_satker"], kind="stable")
    return Merged(
        merged.reset_index(drop=True),
        kept=int((~clash).sum()),
        replaced=int(clash.sum()),
        added=int(len(table) - clash.sum()),
    )


def write_reports(table: pd.DataFrame, target: str | Path) -> Path:
    """Write the report table as CSV (UTF-8, ``,``, ISO dates) or XLSX, atomically.

    The suffix of ``target`` chooses the format; anything else raises InputError.
    """
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            f"format keluaran '{target.suffix or target.name}' tidak didukung",
            file=target,
            fix="akhiri nama berkas keluaran dengan .csv atau .xlsx",
        )
    out = _formatted(table)
    with atomic_path(target) as tmp:
        if suffix == ".csv":  # no cell a formula (workbench.csv_write)
            tmp.write_text(frame_csv(out, lineterminator="\n"), encoding="utf-8", newline="")
        else:
            _write_xlsx(out, tmp)
    return target


def _formatted(table: pd.DataFrame) -> pd.DataFrame:
    """Plain values: ISO dates, whole rupiah as integers, 'ya'/'tidak', '' for missing."""
    out = table[list(COLUMNS)].copy()
    sent = pd.to_datetime(out["tanggal_kirim"])
    out["tanggal_kirim"] = sent.dt.strftime("%Y-%m-%d").fillna("")
    out["sarana_memadai"] = (
        out["sarana_memadai"]
        .map(lambda v: "" if pd.isna(v) else ("ya" if v else "tidak"))
        .astype(object)
    )
    for c in MONEY_COLUMNS:
        out[c] = (
            out[c]
            .map(lambda v: "" if pd.isna(v) else (int(v) if float(v).is_integer() else float(v)))
            .astype(object)
        )
    return out


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    from workbench.xlsx_write import append_row

    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan"
    append_row(ws, frame.columns)
    for row in frame.itertuples(index=False):
        append_row(ws, (None if _blank(v) else v for v in row))
    ws.freeze_panes = "A2"
    wb.save(path)


def _blank(value) -> bool:
    return (
        value is None
        or value is pd.NA
        or value == ""
        or (isinstance(value, float) and value != value)
    )

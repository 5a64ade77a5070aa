"""Read ``rapat.xlsx`` (the meeting record as a workbook) into plain data plus row numbers.

Sheets (names matched without regard to case or spaces):

- ``Rapat``: key/value rows (``Kunci`` | ``Nilai``); nested keys dotted
  (``pimpinan.nama``); agenda items as several ``acara`` rows (or ``acara 1``, ...).
- ``Materi``: one row per point: ``Judul Materi`` | ``Nama Narasumber`` |
  ``Jabatan Narasumber`` | ``NIP Narasumber`` | ``Poin``. A blank title continues
  the materi above (so merged cells work).
- ``Kesimpulan``, ``Tindak Lanjut`` (``Uraian`` | ``Penanggung Jawab`` | ``Tenggat``),
  optional ``Pembahasan`` and ``Dokumentasi`` (``Berkas Foto``).
- optional ``Kehadiran`` (attendance) and ``Petunjuk`` (instructions): ignored here;
  :func:`xlsx_has_attendance` tells the attendance reader whether to look.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workbench.errors import InputError, InputErrors, closest, did_you_mean
from workbench.limits import (
    MAX_RECORD_SHEET_ROWS,
    MAX_RECORD_XLSX_BYTES,
    limited_rows,
)
from workbench.office_guard import check_workbook
from workbench.rakor.readers.locate import Location, Locator

RAPAT, MATERI, KESIMPULAN, TINDAK_LANJUT = "Rapat", "Materi", "Kesimpulan", "Tindak Lanjut"
PEMBAHASAN, DOKUMENTASI, KEHADIRAN, PETUNJUK = "Pembahasan", "Dokumentasi", "Kehadiran", "Petunjuk"
REQUIRED_SHEETS = (RAPAT, MATERI, KESIMPULAN, TINDAK_LANJUT)
OPTIONAL_SHEETS = (PEMBAHASAN, DOKUMENTASI)

#: Column header -> field, per sheet (the first header of each entry is the one written).
RAPAT_COLUMNS = {"Kunci": "kunci", "Nilai": "nilai"}
#: The optional ``Waktu`` column of the Rapat sheet: the time of an ``acara`` row ("13.30").
WAKTU_COLUMN = {"Waktu": "waktu"}
MATERI_COLUMNS = {
    "Judul Materi": "judul",
    "Nama Narasumber": "narasumber.nama",
    "Jabatan Narasumber": "narasumber.jabatan",
    "NIP Narasumber": "narasumber.nip",
    "Poin": "poin",
}
TINDAK_LANJUT_COLUMNS = {
    "Uraian": "uraian",
    "Penanggung Jawab": "penanggung_jawab",
    "Tenggat": "tenggat",
}
TEXT_COLUMNS = {
    KESIMPULAN: {"Kesimpulan": "teks"},
    PEMBAHASAN: {"Pembahasan": "teks"},
    DOKUMENTASI: {"Berkas Foto": "teks"},
}
#: The attendance sheet's columns, for the attendance reader.
KEHADIRAN_COLUMNS = ("No", "Nama", "Jabatan", "Instansi", "Status", "Keterangan")

_IGNORED_HEADERS = {"no", "no.", "nomor", "keterangan"}
_ALIASES = {
    "materi": "judul",
    "judul": "judul",
    "narasumber": "narasumber.nama",
    "jabatan": "narasumber.jabatan",
    "pic": "penanggung_jawab",
    "deadline": "tenggat",
    "foto": "teks",
    "berkas": "teks",
    "key": "kunci",
    "value": "nilai",
}
_OPTIONAL_FIELDS = {"narasumber.nama", "narasumber.jabatan", "narasumber.nip", "tenggat", "waktu"}
_DATE_KEYS = {"tanggal", "tenggat"}
_TIME_KEYS = {"mulai", "selesai"}
_ACARA = re.compile(r"^acara(?:[ ._\-]*\d+)?$")
#: How to shrink a record workbook over a limit of :mod:`workbench.limits`.
SHRINK_FIX = (
    "workbook rapat cukup memuat pokok-pokok rapat; pindahkan lampiran panjang ke "
    "dokumen terpisah, dan bagi daftar hadir yang sangat besar menjadi beberapa berkas "
    "yang diberikan dengan --attendance/-a"
)
WORKBOOK_FIX = (
    "simpan ulang berkas dari Excel/LibreOffice sebagai Excel Workbook (.xlsx), "
    "atau mulai dari workbook kosong buatan `workbench new-meeting FOLDER`"
)


def read_xlsx_record(path: str | Path) -> tuple[dict, Locator]:
    """Parse a record workbook into ``(data, locate)`` (see :mod:`workbench.rakor.readers.record`).

    Raises
    ------
    InputError
        A file that is not a readable .xlsx, a missing sheet or column, a duplicate key, a
        workbook, sheet or cell over a limit of :mod:`workbench.limits`.
    """
    path = Path(path)
    wb = open_workbook(path)
    reader = _Reader(path, wb)
    data = reader.read()
    if reader.errors:
        raise InputErrors(reader.errors)
    return data, reader.locate


def xlsx_has_attendance(path: str | Path) -> bool:
    """True when the workbook has a ``Kehadiran`` sheet with at least one filled row."""
    wb = open_workbook(Path(path))
    ws = _find_sheet(wb, KEHADIRAN)
    if ws is None:
        return False
    # The header row plus one row of data (the roster reader bounds the rest when reading it).
    filled = (r for r in ws.iter_rows(values_only=True) if _filled(r))
    return next(filled, None) is not None and next(filled, None) is not None


def open_workbook(path: Path):
    """Open with openpyxl (cached values of formulas); unreadable or too big ->
    :class:`InputError`."""
    import openpyxl

    check_workbook(path, MAX_RECORD_XLSX_BYTES, file=path.name, fix=SHRINK_FIX)
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError as e:
        raise InputError(
            "berkas tidak ditemukan", file=path.name, fix="periksa nama dan folder berkas"
        ) from e
    except Exception as e:  # zipfile.BadZipFile, InvalidFileException, KeyError, ...
        raise InputError(
            f"berkas bukan workbook Excel (.xlsx) yang sah atau rusak ({type(e).__name__})",
            file=path.name,
            fix=WORKBOOK_FIX,
        ) from e


def _norm(text: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text or "")).strip().lower()


def _find_sheet(wb, name: str):
    wanted = _norm(name).replace(" ", "")
    for ws in wb.worksheets:
        if _norm(ws.title).replace(" ", "") == wanted:
            return ws
    return None


def _filled(row) -> bool:
    return any(v is not None and str(v).strip() for v in row)


def _text(value: Any) -> Any:
    """A cell as text: numbers as typed (35.28, 1985...), blank -> None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def _dated(key: str, value: Any) -> Any:
    """Date/time cells pass through; Excel serial numbers become dates/times."""
    from openpyxl.utils.datetime import from_excel

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if key in _DATE_KEYS and value >= 1:
            return from_excel(value)
        if key in _TIME_KEYS and 0 <= value < 1:
            return from_excel(value)
    return _text(value)


class _Reader:
    """Reads the sheets, collecting structural errors and where each value sits."""

    def __init__(self, path: Path, wb):
        self.path, self.wb = path, wb
        self.errors: list[InputError] = []
        self.where: dict[tuple, tuple[str, int | None, str]] = {}

    # -- driver
    def read(self) -> dict:
        sheets = self._sheets()
        if self.errors:
            return {}
        data: dict[str, Any] = {
            "rapat": self._rapat(sheets[RAPAT]),
            "materi": self._materi(sheets[MATERI]),
        }
        if "berita" in data["rapat"]:  # keys berita.judul / berita.tagar of the Rapat sheet
            data["berita"] = self._berita(data["rapat"].pop("berita"))
        for name, key in (
            (PEMBAHASAN, "pembahasan"),
            (KESIMPULAN, "kesimpulan"),
            (DOKUMENTASI, "dokumentasi"),
        ):
            if sheets.get(name) is not None:
                data[key] = self._texts(sheets[name], name, key)
        data["tindak_lanjut"] = self._tindak_lanjut(sheets[TINDAK_LANJUT])
        return data

    def _sheets(self) -> dict:
        sheets = {name: _find_sheet(self.wb, name) for name in REQUIRED_SHEETS + OPTIONAL_SHEETS}
        titles = [ws.title for ws in self.wb.worksheets]
        for name in REQUIRED_SHEETS:
            if sheets[name] is None:
                close = closest(name, titles)
                fix = (
                    f"ganti nama sheet '{close}' menjadi '{name}'"
                    if close
                    else f"tambahkan sheet '{name}' (boleh kosong, cukup baris judul kolom), "
                    f"atau salin dari workbook `workbench new-meeting`"
                )
                self._error(
                    None,
                    None,
                    f"sheet '{name}' tidak ada{did_you_mean(name, titles)} "
                    f"(sheet yang ada: {', '.join(titles)})",
                    fix,
                )
        return sheets

    def locate(self, loc: tuple) -> Location:
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.where:
                sheet, row, label = self.where[loc[:n]]
                if n < len(loc) and sheet == RAPAT:
                    label = ".".join(str(p) for p in loc[1:] if isinstance(p, str))
                if row is None:
                    return Location(None, "baris", f"{label} (sheet {sheet})")
                return Location(row, f"sheet {sheet} baris", label)
        return Location(None, "baris", ".".join(map(str, loc)))

    def _error(self, row, field, problem, fix, sheet=None) -> None:
        self.errors.append(
            InputError(
                problem,
                file=self.path.name,
                row=row,
                field=field,
                fix=fix,
                row_label=f"sheet {sheet} baris",
            )
        )

    # -- tables
    def _table(self, ws, columns: dict[str, str]) -> list[tuple[int, dict[str, Any]]]:
        """Rows under the header as ``(row number, {field: raw value})``; blank rows skipped."""
        rows = limited_rows(
            enumerate(ws.iter_rows(values_only=True), start=1),
            file=self.path.name,
            max_rows=MAX_RECORD_SHEET_ROWS,
            fix=SHRINK_FIX,
            what=f"sheet {ws.title}",
            row_label=f"sheet {ws.title} baris",
        )
        header_row, header = 0, None
        for header_row, cells in rows:  # noqa: B007 (header_row is used after the loop)
            if _filled(cells):
                header = cells
                break
        if header is None:
            return []  # an empty sheet: nothing filled in
        fields = self._header_fields(ws.title, header_row, header, columns)
        out = []
        for number, cells in rows:
            record = {f: cells[i] for i, f in fields.items() if i < len(cells)}
            if _filled(record.values()):
                out.append((number, record))
        return out

    def _header_fields(self, sheet, row, header, columns) -> dict[int, str]:
        known = {_norm(h): f for h, f in columns.items()}
        known.update({k: f for k, f in _ALIASES.items() if f in columns.values()})
        known.update({_norm(f): f for f in columns.values()})
        fields: dict[int, str] = {}
        misspelt: set[str] = set()  # headers already named by a "did you mean"
        for i, cell in enumerate(header):
            name = _norm(cell)
            if not name or name in _IGNORED_HEADERS:
                continue
            if name in known:
                fields[i] = known[name]
            else:
                close = closest(str(cell), columns)
                if close:
                    misspelt.add(close)
                self._error(
                    row,
                    str(cell),
                    f"kolom '{cell}' tidak dikenal{did_you_mean(str(cell), columns)}",
                    f"gunakan judul kolom: {', '.join(columns)}",
                    sheet,
                )
        for head, field in columns.items():
            if head in misspelt:
                continue
            if field not in fields.values() and field not in _OPTIONAL_FIELDS:
                self._error(
                    row or 1,
                    head,
                    f"kolom '{head}' tidak ada",
                    f"tambahkan kolom '{head}' pada baris judul kolom",
                    sheet,
                )
        return fields

    # -- sheets
    def _rapat(self, ws) -> dict:
        rapat: dict[str, Any] = {}
        self.where[("rapat",)] = (RAPAT, None, "rapat")
        acara: list = []
        for row, rec in self._table(ws, {**RAPAT_COLUMNS, **WAKTU_COLUMN}):
            key = _norm(rec.get("kunci")).replace(" ", "_").rstrip(":")
            value = rec.get("nilai")
            if not key:
                self._error(row, "Kunci", "nilai tanpa kunci", "isi kolom Kunci, mis. judul", RAPAT)
            elif _ACARA.match(key):
                self.where.setdefault(("rapat", "acara"), (RAPAT, row, "acara"))
                if _text(value) is not None:
                    self.where[("rapat", "acara", len(acara))] = (RAPAT, row, "acara")
                    waktu = rec.get("waktu")
                    if waktu is None or (isinstance(waktu, str) and not waktu.strip()):
                        acara.append(_text(value))
                    else:  # normalized with the YAML form {waktu, uraian} (record.py)
                        acara.append({"waktu": waktu, "uraian": _text(value)})
            elif self._precise(value, row, key, RAPAT):
                self._put(rapat, key.split("."), _dated(key, value), row)
        rapat["acara"] = acara
        return rapat

    def _precise(self, value: Any, row: int, field: str, sheet: str) -> bool:
        """False (and an error) for a long number Excel has rounded, e.g. an 18-digit NIP."""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
            self._error(
                row,
                field,
                f"angka {value:.0f} tersimpan sebagai bilangan sehingga "
                "digit terakhirnya dibulatkan Excel",
                "format sel sebagai Teks (Format Cells > Text) lalu ketik ulang, atau "
                "awali dengan tanda petik: '198501012010011001",
                sheet,
            )
            return False
        return True

    def _put(self, rapat: dict, parts: list[str], value: Any, row: int) -> None:
        target = rapat
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                break
        loc = ("rapat", *parts)
        if not isinstance(target, dict) or parts[-1] in target:
            first = self.where.get(loc, (RAPAT, None, ""))[1]
            self._error(
                row,
                ".".join(parts),
                "kunci ditulis dua kali" + (f" (pertama di baris {first})" if first else ""),
                "hapus salah satu baris",
                RAPAT,
            )
            return
        target[parts[-1]] = value
        for n in range(2, len(loc) + 1):
            self.where.setdefault(loc[:n], (RAPAT, row, ".".join(parts[: n - 1])))

    def _berita(self, value: Any) -> Any:
        """The ``berita.*`` keys of the Rapat sheet, located as top-level ``berita``."""
        for loc, where in list(self.where.items()):
            if loc[:2] == ("rapat", "berita"):
                self.where[loc[1:]] = where
        return value

    def _materi(self, ws) -> list[dict]:
        groups: list[dict] = []
        current = None
        for row, rec in self._table(ws, MATERI_COLUMNS):
            judul = _text(rec.get("judul"))
            if current is None or (judul is not None and judul != current["judul"]):
                current = {"judul": judul, "narasumber": {}, "poin": []}
                i = len(groups)
                groups.append(current)
                for loc, label in (
                    (("materi", i), "Judul Materi"),
                    (("materi", i, "judul"), "Judul Materi"),
                    (("materi", i, "narasumber"), "Nama Narasumber"),
                ):
                    self.where[loc] = (MATERI, row, label)
            self._narasumber(current, len(groups) - 1, rec, row)
            poin = _text(rec.get("poin"))
            if poin is not None:
                self.where[("materi", len(groups) - 1, "poin", len(current["poin"]))] = (
                    MATERI,
                    row,
                    "Poin",
                )
                current["poin"].append(poin)
        for g in groups:
            g["narasumber"] = g["narasumber"] or None
        return groups

    def _narasumber(self, group: dict, i: int, rec: dict, row: int) -> None:
        labels = {v: k for k, v in MATERI_COLUMNS.items()}
        for field in ("narasumber.nama", "narasumber.jabatan", "narasumber.nip"):
            value, key = _text(rec.get(field)), field.split(".")[1]
            if value is None or not self._precise(rec.get(field), row, labels[field], MATERI):
                continue
            if key in group["narasumber"] and group["narasumber"][key] != value:
                self._error(
                    row,
                    labels[field],
                    f"materi '{group['judul']}' sudah memiliki "
                    f"{labels[field]} '{group['narasumber'][key]}'",
                    "tulis narasumber yang sama untuk satu materi, atau beri judul "
                    "materi yang berbeda",
                    MATERI,
                )
                continue
            group["narasumber"][key] = value
            self.where[("materi", i, "narasumber", key)] = (MATERI, row, labels[field])

    def _texts(self, ws, sheet: str, key: str) -> list:
        items: list[Any] = []
        for row, rec in self._table(ws, TEXT_COLUMNS[sheet]):
            value = _text(rec.get("teks"))
            if value is not None:
                self.where[(key, len(items))] = (sheet, row, next(iter(TEXT_COLUMNS[sheet])))
                items.append(value)
        return items

    def _tindak_lanjut(self, ws) -> list[dict]:
        items: list[dict] = []
        labels = {v: k for k, v in TINDAK_LANJUT_COLUMNS.items()}
        for row, rec in self._table(ws, TINDAK_LANJUT_COLUMNS):
            i = len(items)
            self.where[("tindak_lanjut", i)] = (TINDAK_LANJUT, row, "Uraian")
            for field, label in labels.items():
                self.where[("tindak_lanjut", i, field)] = (TINDAK_LANJUT, row, label)
            items.append(
                {
                    "uraian": _text(rec.get("uraian")),
                    "penanggung_jawab": _text(rec.get("penanggung_jawab")),
                    "tenggat": _dated("tenggat", rec.get("tenggat")),
                }
            )
        return items

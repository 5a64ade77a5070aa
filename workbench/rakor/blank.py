"""Write meeting records: the blank ``meeting.yaml``/``rapat.xlsx`` and a filled workbook.

:func:`write_blank_record` backs ``workbench new-meeting``;
:func:`write_meeting_xlsx` writes a :class:`Meeting` as a workbook that
:mod:`workbench.rakor.readers.record_xlsx` reads back to the same record.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Mapping

from workbench.atomic import atomic_path, write_text
from workbench.errors import InputError
from workbench.rakor.readers import record_xlsx as fmt

YAML_NAME, XLSX_NAME = "meeting.yaml", "rapat.xlsx"
BLANK_ACARA_ROWS = 6
BLANK_TABLE_ROWS = 200  # rows formatted as text / given dropdowns in the blank workbook
MODES = ("luring", "daring", "hybrid")
ZONES = ("WIB", "WITA", "WIT")

#: Rows of the ``Rapat`` sheet: key and what to write (Indonesian).
RAPAT_KEYS: tuple[tuple[str, str], ...] = (
    (
        "judul",
        "Wajib. Nama rapat, mis. Rapat Koordinasi Bakohumas KPU Provinsi dan KPU "
        "Kabupaten/Kota se-Jawa Timur",
    ),
    ("penyelenggara", "Wajib. Instansi penyelenggara, mis. KPU Provinsi Jawa Timur"),
    (
        "satker",
        "Wajib. Kode wilayah satker penulis notula: 35.28 (Kab. Pamekasan), 35 (Prov. "
        "Jawa Timur). Daftar: workbench/data/wilayah/",
    ),
    ("tanggal", "Wajib. Tanggal rapat, hari dahulu: 17/07/2025"),
    ("mulai", "Wajib. Jam mulai: 09.00"),
    ("selesai", "Jam selesai: 11.30. Kosongkan bila 's.d. selesai'"),
    ("zona_waktu", "Pilih: WIB, WITA atau WIT"),
    ("mode", "Wajib. Pilih: luring (tatap muka), daring (Zoom dsb.) atau hybrid"),
    ("tempat", "Wajib. Ruang rapat, atau Zoom Meeting untuk rapat daring"),
    ("undangan", "Nomor surat undangan (boleh kosong)"),
    ("tujuan", "Tujuan rapat, untuk berita kegiatan (boleh kosong)"),
    ("pimpinan.nama", "Wajib. Nama pimpinan rapat"),
    ("pimpinan.jabatan", "Jabatan pimpinan rapat"),
    ("pimpinan.nip", "NIP pimpinan rapat (boleh kosong)"),
    ("notulis.nama", "Wajib. Nama notulis/pencatat"),
    ("notulis.jabatan", "Jabatan notulis"),
    ("notulis.nip", "NIP notulis (boleh kosong)"),
    (
        "mengetahui.nama",
        "Pimpinan satker penulis yang mengetahui notula (Ketua/Sekretaris). Wajib diisi bila "
        "rapat diselenggarakan instansi lain",
    ),
    ("mengetahui.jabatan", "Jabatan yang mengetahui, mis. Sekretaris KPU Kabupaten Pamekasan"),
    ("mengetahui.nip", "NIP yang mengetahui (boleh kosong)"),
    (
        "daftar_hadir",
        "Pilih: semua (semua peserta) atau satker (hanya peserta dari satker penulis)",
    ),
)
_TEXT_KEYS = {
    "satker",
    "tanggal",
    "mulai",
    "selesai",
    "pimpinan.nip",
    "notulis.nip",
    "mengetahui.nip",
}
DAFTAR_HADIR_CHOICES = ("semua", "satker")

PETUNJUK = (
    "PETUNJUK PENGISIAN BERKAS RAPAT (NOTULA)",
    "",
    "1. Sheet Rapat: isi kolom Nilai untuk tiap Kunci. Keterangan menjelaskan isinya. "
    "Baris 'acara' boleh ditambah, satu butir acara per baris.",
    "2. Tanggal ditulis hari dahulu (17/07/2025); jam ditulis 09.00. Kosongkan 'selesai' "
    "bila rapat berlangsung sampai selesai.",
    "3. Sheet Materi: satu baris per poin. Tulis judul materi dan narasumbernya; baris "
    "berikutnya untuk materi yang sama boleh dikosongkan judulnya.",
    "4. Sheet Pembahasan (boleh kosong), Kesimpulan: satu butir per baris.",
    "5. Sheet Tindak Lanjut: uraian, penanggung jawab, tenggat (tanggal, boleh kosong).",
    "6. Sheet Dokumentasi (boleh kosong): lokasi berkas foto .jpg/.png, relatif terhadap "
    "folder workbook ini, mis. foto/pembukaan.jpg.",
    "7. Sheet Kehadiran (boleh kosong): daftar hadir bila tidak memakai laporan Zoom; "
    "Status dipilih dari daftar.",
    "8. Jangan mengganti nama sheet atau judul kolom. Baris kosong dilewati.",
    "",
    "Notula dibuat dengan: workbench minutes rapat.xlsx  (lihat docs/format-rapat.md)",
)


# ----------------------------------------------------------------------------- blank record
def write_blank_record(folder: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write ``folder/meeting.yaml`` and ``folder/rapat.xlsx``, both blank.

    Raises
    ------
    InputError
        When either file exists and ``overwrite`` is false (nothing is written then).
    """
    folder = Path(folder)
    targets = [folder / YAML_NAME, folder / XLSX_NAME]
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        raise InputError(
            f"{' dan '.join(t.name for t in existing)} sudah ada di folder {folder}; "
            f"tidak ada yang ditulis",
            fix="pilih folder lain, atau tambahkan --timpa untuk menimpanya",
        )
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} bukan folder", fix="berikan lokasi sebuah folder")
    write_text(targets[0], blank_yaml_text())
    write_meeting_xlsx(None, targets[1])
    return targets


def blank_yaml_text() -> str:
    """The blank ``meeting.yaml`` with Indonesian comments on every key."""
    return BLANK_YAML


# ----------------------------------------------------------------------------- workbook
def write_meeting_xlsx(
    meeting, path: str | Path, attendance: Iterable[Mapping[str, object]] = ()
) -> Path:
    """Write a record workbook (atomically).

    Parameters
    ----------
    meeting
        A :class:`~workbench.rakor.model.Meeting`, or ``None`` for a blank workbook.
    path
        Target ``.xlsx``. Photo paths are written relative to its folder when possible.
    attendance
        Optional rows for the ``Kehadiran`` sheet (keys: nama, jabatan, instansi,
        status, keterangan).
    """
    path = Path(path)
    wb = meeting_workbook(meeting, path.resolve().parent, attendance)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def meeting_workbook(
    meeting=None, folder: Path | None = None, attendance: Iterable[Mapping[str, object]] = ()
):
    """Build the record workbook (an ``openpyxl.Workbook``) without saving it."""
    from openpyxl import Workbook

    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = fmt.PETUNJUK
    for line in PETUNJUK:
        petunjuk.append([line])
    petunjuk["A1"].font = _bold()
    petunjuk.column_dimensions["A"].width = 120
    _rapat_sheet(wb.create_sheet(fmt.RAPAT), meeting)
    _materi_sheet(wb.create_sheet(fmt.MATERI), meeting)
    _list_sheet(
        wb.create_sheet(fmt.PEMBAHASAN), fmt.PEMBAHASAN, meeting.pembahasan if meeting else []
    )
    _list_sheet(
        wb.create_sheet(fmt.KESIMPULAN), fmt.KESIMPULAN, meeting.kesimpulan if meeting else []
    )
    _tindak_lanjut_sheet(wb.create_sheet(fmt.TINDAK_LANJUT), meeting)
    photos = _photo_entries(meeting, folder) if meeting else []
    _list_sheet(wb.create_sheet(fmt.DOKUMENTASI), fmt.DOKUMENTASI, photos)
    _kehadiran_sheet(wb.create_sheet(fmt.KEHADIRAN), list(attendance))
    from workbench.xlsx_write import keep_text

    for ws in wb.worksheets:
        keep_text(ws)  # user text ('=...') stays text, never a formula
    wb.active = 1
    return wb


def _photo_entries(meeting, folder: Path | None) -> list[str]:
    """The Dokumentasi rows: photos listed one by one as files, and a folder entry as the
    folder (``foto/``, once, where its first photo stood), so that read back its photos are
    still chosen and checked as a folder's (flagged ones left out)."""
    rows: list[str] = []
    for photo in meeting.photos():
        if not photo.dari_folder:
            rows.append(_relative(photo.berkas, folder))
            continue
        entry = _relative(Path(photo.berkas).parent, folder).rstrip("/") + "/"
        if entry not in rows:
            rows.append(entry)
    return rows


def _rapat_sheet(ws, meeting) -> None:
    """Kunci, Nilai, Keterangan; a workbook made from a record also has the ``Waktu`` column
    after Nilai, holding the time of each ``acara`` row (the blank workbook keeps the three
    columns: a time may be typed at the start of an item, "09.00 Pembukaan")."""
    waktu = list(fmt.WAKTU_COLUMN) if meeting else []
    _header(ws, [*fmt.RAPAT_COLUMNS, *waktu, "Keterangan"], (18, 70, *[10] * len(waktu), 80))
    values = _rapat_values(meeting) if meeting else {"zona_waktu": "WIB", "daftar_hadir": "semua"}
    for key, hint in RAPAT_KEYS:
        ws.append([key, values.get(key), *[None] * len(waktu), hint])
        _format_value(ws.cell(ws.max_row, 2), key, values.get(key))
        choices = {"mode": MODES, "zona_waktu": ZONES, "daftar_hadir": DAFTAR_HADIR_CHOICES}
        if key in choices:
            _dropdown(ws, choices[key], f"B{ws.max_row}")
    hint = "Satu butir acara per baris (tambah baris 'acara' bila perlu)"
    if not meeting:
        for i in range(BLANK_ACARA_ROWS):
            ws.append(["acara", None, None if i else hint])
    for i, item in enumerate(meeting.rapat.acara if meeting else []):
        text, time = _acara_cells(item)
        ws.append(["acara", text, time, None if i else hint])
        ws.cell(ws.max_row, 3).number_format = "HH:MM" if time else "@"
    _wrap(ws, "B")


def _acara_cells(item: str) -> tuple[str, dt.time | None]:
    """An ``acara`` item as (Nilai, Waktu): the leading time moves to Waktu when the reader
    gives the same text back ('09.00 Pembukaan'); other spellings stay whole in Nilai."""
    from workbench.rakor.model import split_acara

    a = split_acara(item)
    if a.waktu is not None and f"{a.waktu:%H.%M} {a.uraian}" == item:
        return a.uraian, a.waktu
    return item, None


def _rapat_values(meeting) -> dict[str, object]:
    r = meeting.rapat
    values = r.model_dump(exclude={"pimpinan", "notulis", "mengetahui", "acara"})
    for role in ("pimpinan", "notulis", "mengetahui"):
        person = getattr(r, role)
        for key, value in person.model_dump().items() if person is not None else ():
            values[f"{role}.{key}"] = value
    return values


def _format_value(cell, key: str, value) -> None:
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, dt.time):
        cell.number_format = "HH:MM"
    elif key in _TEXT_KEYS:
        cell.number_format = "@"  # keep 35.28, 17/07/2025, 09.00 and NIPs as typed


def _materi_sheet(ws, meeting) -> None:
    _header(ws, ["No", *fmt.MATERI_COLUMNS], (6, 40, 28, 40, 22, 90))
    for m in meeting.materi if meeting else []:
        n = m.narasumber
        person = [n.nama, n.jabatan, n.nip] if n else [None, None, None]
        for i, poin in enumerate(m.poin or [None], start=1):
            ws.append([i if poin else None, m.judul, *person, poin])
    _text_columns(ws, "E")
    _wrap(ws, "F")


def _list_sheet(ws, sheet: str, items: list) -> None:
    _header(ws, ["No", *fmt.TEXT_COLUMNS[sheet]], (6, 110))
    for i, item in enumerate(items, start=1):
        ws.append([i, str(item)])
    _wrap(ws, "B")


def _tindak_lanjut_sheet(ws, meeting) -> None:
    _header(ws, ["No", *fmt.TINDAK_LANJUT_COLUMNS], (6, 80, 40, 14))
    for i, t in enumerate(meeting.tindak_lanjut if meeting else [], start=1):
        ws.append([i, t.uraian, t.penanggung_jawab, t.tenggat])
        ws.cell(ws.max_row, 4).number_format = "DD/MM/YYYY"
    if not meeting:
        _text_columns(ws, "D")
    _wrap(ws, "B")


def _kehadiran_sheet(ws, rows: list[Mapping[str, object]]) -> None:
    from workbench.rakor.attendance_model import STATUSES

    _header(ws, list(fmt.KEHADIRAN_COLUMNS), (6, 34, 34, 34, 20, 40))
    for i, row in enumerate(rows, start=1):
        ws.append([i] + [row.get(c.lower()) for c in fmt.KEHADIRAN_COLUMNS[1:]])
    _dropdown(ws, STATUSES, f"E2:E{max(BLANK_TABLE_ROWS, len(rows) + 1)}")


# ----------------------------------------------------------------------------- cell helpers
def _bold():
    from openpyxl.styles import Font

    return Font(bold=True)


def _header(ws, names: list[str], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(names)
    for i, width in enumerate(widths, start=1):
        cell = ws.cell(1, i)
        cell.font = _bold()
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _dropdown(ws, choices: Iterable[str], cells: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nilai tidak sah",
        error="Pilih salah satu nilai dari daftar.",
    )
    ws.add_data_validation(dv)
    dv.add(cells)


def _text_columns(ws, column: str) -> None:
    """Blank rows of ``column`` formatted as text (dates typed day-first stay as typed)."""
    for row in range(2, BLANK_TABLE_ROWS + 1):
        cell = ws[f"{column}{row}"]
        if cell.value is None:
            cell.number_format = "@"


def _wrap(ws, column: str) -> None:
    from openpyxl.styles import Alignment

    for cell in ws[column][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _relative(path: Path, folder: Path | None) -> str:
    if folder is None:
        return str(path)
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


BLANK_YAML = """\
# Berkas rapat (bahan notula). Isi nilai sesudah tanda titik dua (:).
# - Baris yang diawali # adalah keterangan dan boleh dibiarkan.
# - Apit teks dengan tanda kutip "..." bila mengandung titik dua (:) atau tanda #.
# - Gunakan spasi (bukan tab); kunci yang setingkat harus sejajar.
# - Butir daftar ditulis satu per baris, diawali "- ". Butir kosong dilewati.
# Panduan lengkap: docs/format-rapat.md. Setelah diisi, buat notula dengan:
#   workbench minutes meeting.yaml -a <berkas kehadiran>

rapat:
  judul:            # WAJIB. Nama rapat, mis. Rapat Koordinasi Bakohumas KPU Provinsi
                    #   dan KPU Kabupaten/Kota se-Jawa Timur
  penyelenggara:    # WAJIB. Instansi penyelenggara, mis. KPU Provinsi Jawa Timur
  satker:           # WAJIB. Kode wilayah satker yang menulis notula, dalam tanda kutip:
                    #   "35.28" (KPU Kabupaten Pamekasan), "35" (KPU Provinsi Jawa Timur).
                    #   Daftar kode: workbench/data/wilayah/
  tanggal:          # WAJIB. Tanggal rapat, hari dahulu: 17/07/2025 (atau 2025-07-17)
  mulai:            # WAJIB. Jam mulai: "09.00" atau 09:00
  selesai: null     # Jam selesai, mis. "11.30"; null berarti "s.d. selesai"
  zona_waktu: WIB   # WIB | WITA | WIT
  mode:             # WAJIB. luring (tatap muka) | daring (Zoom dsb.) | hybrid
  tempat:           # WAJIB. Ruang rapat, atau Zoom Meeting untuk rapat daring
  undangan: null    # Nomor surat undangan (boleh null)
  tujuan: null      # Tujuan rapat, untuk kalimat pembuka berita kegiatan (boleh null)
  pimpinan:         # Yang memimpin rapat. Rapat satker sendiri: ikut menandatangani notula.
                    #   Rapat instansi lain: pimpinan dari penyelenggara (tidak menandatangani)
    nama:           # WAJIB
    jabatan:        # mis. Ketua KPU Kabupaten Pamekasan
    nip: null       # NIP dalam tanda kutip, atau null
  notulis:          # Notulis/pencatat (menandatangani notula)
    nama:           # WAJIB
    jabatan:
    nip: null
  mengetahui:       # Pimpinan satker penulis yang mengetahui notula (Ketua/Sekretaris);
                    #   wajib diisi bila rapat diselenggarakan instansi lain
    nama: null
    jabatan: null   # mis. Sekretaris KPU Kabupaten Pamekasan
    nip: null
  daftar_hadir: semua   # semua | satker (daftar hadir hanya memuat peserta satker penulis)
  acara:            # Susunan acara, satu butir per baris
    -               # mis. Pembukaan
    -

materi:             # Materi/paparan yang dibahas; salin blok "- judul: ..." untuk materi berikutnya
  - judul:          # Judul materi
    narasumber:     # Pemateri (boleh null)
      nama:
      jabatan:
    poin:           # Pokok-pokok yang disampaikan, satu butir per baris
      -
      -

pembahasan:         # Pokok diskusi/tanggapan di luar materi (boleh dikosongkan)
  -

kesimpulan:         # Kesimpulan/keputusan rapat
  -

tindak_lanjut:      # Tindak lanjut: salin blok "- uraian: ..." untuk butir berikutnya
  - uraian:         # Apa yang dikerjakan
    penanggung_jawab:   # Siapa yang bertanggung jawab (nama, jabatan atau unit)
    tenggat:        # Tenggat, mis. 31/07/2025 (boleh kosong)

dokumentasi:        # Foto kegiatan (.jpg/.png) untuk lampiran, relatif terhadap folder berkas ini,
  -                 #   mis. foto/pembukaan.jpg (boleh dikosongkan)
"""

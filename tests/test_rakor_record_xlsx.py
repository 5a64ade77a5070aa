"""rapat.xlsx reader and writer: round trip, Excel cell types, errors naming sheet and row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from workbench.errors import InputError, InputErrors
from workbench.rakor.blank import write_meeting_xlsx
from workbench.rakor.readers.record import load_meeting
from workbench.rakor.readers.record_xlsx import xlsx_has_attendance

FIXTURE = Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml"


def same_record(a, b) -> bool:
    return a.model_dump() == b.model_dump()


@pytest.fixture
def minimal():
    return load_meeting(FIXTURE)


@pytest.fixture
def book(tmp_path, minimal) -> Path:
    """The minimal record written as a workbook in tmp_path."""
    return write_meeting_xlsx(minimal, tmp_path / "rapat.xlsx")


def edit(path: Path, sheet: str, fn) -> Path:
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet])
    wb.save(path)
    return path


def set_value(path: Path, key: str, value) -> Path:
    """Set the Nilai of ``key`` on the Rapat sheet."""

    def fn(ws):
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
        ws.cell(row, 2).value = value

    return edit(path, "Rapat", fn)


def row_of(path: Path, sheet: str, value) -> int:
    ws = openpyxl.load_workbook(path)[sheet]
    return next(c.row for row in ws.iter_rows() for c in row if c.value == value)


def load_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_meeting(path)
    return info.value


def assert_names(err, *, sheet: str, row: int, field: str, fix: str, file="rapat.xlsx"):
    msg = str(err)
    assert f"berkas {file}" in msg, msg
    assert f"sheet {sheet} baris {row}" in msg, msg
    assert f"'{field}'" in msg, msg
    assert "Perbaikan:" in msg and fix in msg, msg


# ----------------------------------------------------------------------------- round trip
def test_round_trip_sample(tmp_path, sample_meeting_dir):
    original = load_meeting(sample_meeting_dir / "meeting.yaml")
    path = write_meeting_xlsx(original, tmp_path / "rapat.xlsx")
    again = load_meeting(path)
    assert same_record(again, original)
    assert again.source == path.resolve()


def test_committed_sample_workbook_matches_yaml(sample_meeting_dir):
    yaml_record = load_meeting(sample_meeting_dir / "meeting.yaml")
    assert same_record(load_meeting(sample_meeting_dir / "rapat.xlsx"), yaml_record)


def test_round_trip_special_text_nip_and_photos(tmp_path, minimal):
    from PIL import Image

    (tmp_path / "foto").mkdir()
    Image.new("RGB", (4, 3), "blue").save(tmp_path / "foto" / "a.png")
    rapat = minimal.rapat.model_copy(
        update={
            "judul": "Rapat & <diskusi> \"Café\" 'Pamekasan'",
            "pimpinan": minimal.rapat.pimpinan.model_copy(update={"nip": "198501012010011001"}),
            "acara": ["ꦏꦺꦴꦩꦶꦱꦶ", "انتخابات"],
        }
    )
    record = minimal.model_copy(
        update={
            "rapat": rapat,
            "materi": minimal.materi
            + [
                minimal.materi[0].model_copy(
                    update={"judul": "Tanpa narasumber", "narasumber": None, "poin": []}
                )
            ],
            "pembahasan": ["a < b & c > d"],
            "dokumentasi": [tmp_path / "foto" / "a.png"],
        }
    )
    again = load_meeting(write_meeting_xlsx(record, tmp_path / "rapat.xlsx"))
    assert same_record(again, record)
    sheet = openpyxl.load_workbook(tmp_path / "rapat.xlsx")["Dokumentasi"]
    assert sheet["B2"].value == "foto/a.png"  # written relative to the workbook


# ----------------------------------------------------------------------------- cell types
@pytest.mark.parametrize(
    "cell",
    [
        "17/07/2025",
        "17-07-2025",
        "2025-07-17",
        "17 Juli 2025",
        dt.datetime(2025, 7, 17),
        dt.date(2025, 7, 17),
        45855,
    ],
)
def test_date_cells(book, cell):
    assert load_meeting(set_value(book, "tanggal", cell)).rapat.tanggal == dt.date(2025, 7, 17)


@pytest.mark.parametrize(
    "cell", ["09.00", "09:00", "9.00", dt.time(9, 0), dt.datetime(1899, 12, 30, 9, 0), 0.375]
)
def test_time_cells(book, cell):
    assert load_meeting(set_value(book, "mulai", cell)).rapat.mulai == dt.time(9, 0)


def test_numbers_kept_as_text(book):
    set_value(book, "satker", 35.28)
    m = load_meeting(set_value(book, "notulis.nip", "198501012010011001"))
    assert m.rapat.satker == "35.28"
    assert m.rapat.notulis.nip == "198501012010011001"
    cell = openpyxl.load_workbook(book)["Rapat"]["B4"]
    assert cell.value == "35.28" or cell.value == 35.28


def test_nip_rounded_by_excel_is_refused(book):
    row = row_of(book, "Rapat", "notulis.nip")
    err = load_error(set_value(book, "notulis.nip", 198501012010011001))
    assert_names(err, sheet="Rapat", row=row, field="notulis.nip", fix="format sel sebagai Teks")


def test_selesai_text_means_until_done(book):
    assert load_meeting(set_value(book, "selesai", "s.d. selesai")).rapat.selesai is None


def test_numbered_acara_rows(book):
    def fn(ws):
        for row in range(1, ws.max_row + 1):
            if ws.cell(row, 1).value == "acara":
                ws.cell(row, 1).value = f"acara {row}"

    m = load_meeting(edit(book, "Rapat", fn))
    assert m.rapat.acara == ["Pembukaan", "Penutup"]


def test_materi_blank_title_continues_the_one_above(tmp_path, minimal):
    path = write_meeting_xlsx(minimal, tmp_path / "rapat.xlsx")

    def fn(ws):
        ws.delete_rows(2, ws.max_row)
        ws.append([1, "Materi A", "Reni", "Kabag Humas", None, "poin 1"])
        ws.append([2, None, None, None, None, "poin 2"])
        ws.append([None, None, None, None, None, None])
        ws.append([1, "Materi B", None, None, None, "poin 3"])
        ws.merge_cells("B2:B3")

    m = load_meeting(edit(path, "Materi", fn))
    assert [(x.judul, x.poin) for x in m.materi] == [
        ("Materi A", ["poin 1", "poin 2"]),
        ("Materi B", ["poin 3"]),
    ]
    assert m.materi[0].narasumber.nama == "Reni" and m.materi[1].narasumber is None


def test_optional_sheets_may_be_missing(book):
    wb = openpyxl.load_workbook(book)
    for name in ("Pembahasan", "Dokumentasi", "Kehadiran", "Petunjuk"):
        del wb[name]
    wb.save(book)
    assert load_meeting(book).pembahasan == []


def test_sheet_names_match_loosely(book):
    wb = openpyxl.load_workbook(book)
    wb["Tindak Lanjut"].title = "tindak_lanjut"
    wb.save(book)
    assert load_meeting(book).tindak_lanjut[0].uraian == "Memperbarui laporan TW 2"


# ----------------------------------------------------------------------------- attendance sheet
def test_attendance_sheet_is_ignored_by_load_and_detected(tmp_path, minimal):
    path = write_meeting_xlsx(
        minimal,
        tmp_path / "rapat.xlsx",
        attendance=[
            {
                "nama": "Mahdi",
                "jabatan": "Ketua",
                "instansi": "KPU Kabupaten Pamekasan",
                "status": "Hadir (daring)",
                "keterangan": "",
            }
        ],
    )
    assert xlsx_has_attendance(path)
    assert same_record(load_meeting(path), minimal)
    ws = openpyxl.load_workbook(path)["Kehadiran"]
    assert [c.value for c in ws[1]] == ["No", "Nama", "Jabatan", "Instansi", "Status", "Keterangan"]
    assert ws["B2"].value == "Mahdi"


def test_no_attendance(book):
    assert not xlsx_has_attendance(book)
    wb = openpyxl.load_workbook(book)
    del wb["Kehadiran"]
    wb.save(book)
    assert not xlsx_has_attendance(book)


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("key", "value", "fix"),
    [
        ("tempat", None, "isi 'tempat'"),
        ("tanggal", "31/02/2025", "17/07/2025"),
        ("mulai", "24.30", "09.00"),
        ("selesai", dt.time(8, 0), "s.d. selesai"),
        ("satker", "35.99", "35.28"),
    ],
    ids=["missing_value", "bad_date", "bad_time", "selesai_before_mulai", "unknown_satker"],
)
def test_bad_rapat_value(book, key, value, fix):
    row = row_of(book, "Rapat", key)
    err = load_error(set_value(book, key, value))
    assert_names(err, sheet="Rapat", row=row, field=key, fix=fix)


def test_missing_key_row(book):
    def fn(ws):
        ws.delete_rows(row_of(book, "Rapat", "judul"))

    err = load_error(edit(book, "Rapat", fn))
    assert "berkas rapat.xlsx" in str(err) and "'judul (sheet Rapat)'" in str(err)
    assert "belum diisi" in str(err) and "Perbaikan: isi 'judul'" in str(err)


def test_unknown_key_suggests(book):
    row = row_of(book, "Rapat", "penyelenggara")
    edit(book, "Rapat", lambda ws: setattr(ws.cell(row, 1), "value", "penyelengara"))
    err = load_error(book)
    assert_names(err, sheet="Rapat", row=row, field="penyelengara", fix="kunci yang sah")
    assert 'maksud Anda: "penyelenggara"' in str(err)
    assert "belum diisi" not in str(err)


def test_unknown_nested_key(book):
    row = row_of(book, "Rapat", "pimpinan.jabatan")
    edit(book, "Rapat", lambda ws: setattr(ws.cell(row, 1), "value", "pimpinan.jabtan"))
    err = load_error(book)
    assert_names(err, sheet="Rapat", row=row, field="pimpinan.jabtan", fix="jabatan")


def test_bad_deadline(book):
    edit(book, "Tindak Lanjut", lambda ws: setattr(ws["D2"], "value", "akhir bulan"))
    err = load_error(book)
    assert_names(err, sheet="Tindak Lanjut", row=2, field="Tenggat", fix="17/07/2025")


def test_missing_photo(book):
    edit(book, "Dokumentasi", lambda ws: ws.append([1, "foto/hilang.jpg"]))
    err = load_error(book)
    assert_names(
        err, sheet="Dokumentasi", row=2, field="Berkas Foto", fix="relatif terhadap folder"
    )


def test_empty_point_title(book):
    edit(book, "Materi", lambda ws: ws.insert_rows(2) or ws.append([]))
    edit(
        book,
        "Materi",
        lambda ws: [
            setattr(ws.cell(2, c), "value", v) for c, v in ((4, "Kabag"), (6, "poin tanpa judul"))
        ],
    )
    err = load_error(book)
    assert_names(err, sheet="Materi", row=2, field="Judul Materi", fix="isi 'judul'")


def test_conflicting_narasumber(book):
    edit(book, "Materi", lambda ws: setattr(ws["C3"], "value", "Orang Lain"))
    err = load_error(book)
    assert_names(err, sheet="Materi", row=3, field="Nama Narasumber", fix="narasumber yang sama")


def test_unknown_column(book):
    edit(book, "Tindak Lanjut", lambda ws: setattr(ws["C1"], "value", "Penangung Jawab"))
    with pytest.raises(InputErrors) as info:
        load_meeting(book)
    msg = str(info.value)
    assert "sheet Tindak Lanjut baris 1" in msg and 'maksud Anda: "Penanggung Jawab"' in msg
    assert "tidak ada" not in msg  # the misspelt header is not reported a second time as missing
    assert len(info.value.errors) == 1


def test_missing_column(book):
    edit(book, "Tindak Lanjut", lambda ws: setattr(ws["C1"], "value", None))
    err = load_error(book)
    assert_names(
        err,
        sheet="Tindak Lanjut",
        row=1,
        field="Penanggung Jawab",
        fix="tambahkan kolom 'Penanggung Jawab'",
    )
    assert "kolom 'Penanggung Jawab' tidak ada" in str(err)


def test_missing_sheet(book):
    wb = openpyxl.load_workbook(book)
    wb["Materi"].title = "Materri"
    wb.save(book)
    err = load_error(book)
    msg = str(err)
    assert "berkas rapat.xlsx" in msg and "sheet 'Materi' tidak ada" in msg
    assert 'maksud Anda: "Materri"' in msg
    assert "Perbaikan: ganti nama sheet 'Materri' menjadi 'Materi'" in msg
    assert "kolom/kunci" not in msg  # a sheet, not a column


def test_missing_sheet_without_a_close_name(book):
    wb = openpyxl.load_workbook(book)
    del wb["Tindak Lanjut"]
    wb.save(book)
    msg = str(load_error(book))
    assert "sheet 'Tindak Lanjut' tidak ada" in msg
    assert "Perbaikan: tambahkan sheet 'Tindak Lanjut'" in msg


def test_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "rapat.xlsx"
    path.write_text("judul;tanggal\nRapat;17/07/2025\n", encoding="utf-8")
    err = load_error(path)
    assert "berkas rapat.xlsx" in str(err) and "bukan workbook Excel" in str(err)
    assert "Perbaikan:" in str(err)
    with pytest.raises(InputError):
        xlsx_has_attendance(path)


def test_truncated_workbook(book):
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    assert "rusak" in str(load_error(book))

"""Roster / Google Form reader: encodings, separators, header variants, statuses, XLSX, errors."""

from __future__ import annotations

import math

import pytest
from openpyxl import Workbook

from workbench.errors import InputError
from workbench.rakor.attendance_model import COLUMNS
from workbench.rakor.readers.roster import normalize_status, read_roster


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_utf8_comma_roster(tmp_path):
    path = write(
        tmp_path / "hadir.csv",
        "nama,jabatan,instansi,status,keterangan\n"
        "Mahdi,Ketua,KPU Kab. Pamekasan,Hadir,\n"
        "Yuda,Kasubag,KPU Kabupaten Pamekasan,,terlambat\n",
    )
    df = read_roster(path)
    assert list(df.columns) == list(COLUMNS)
    assert df["nama"].tolist() == ["Mahdi", "Yuda"]
    assert df["instansi"].tolist() == ["KPU Kabupaten Pamekasan"] * 2
    assert df["status"].tolist() == ["Hadir", "Hadir"]  # empty status means Hadir
    assert df["keterangan"].tolist() == ["", "terlambat"]
    assert df["sumber"].tolist() == ["hadir.csv"] * 2
    assert math.isnan(df["durasi_menit"][0]) and not df["kurang_durasi"].any()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [",", ";"])
def test_encodings_and_separators(tmp_path, encoding, sep):
    text = (
        f"Nama{sep}Jabatan{sep}Instansi\n"
        f"René Müller{sep}Staf{sep}Dinas Kominfo\n"
        f'"Sari, S.Sos."{sep}Anggota{sep}KPU Kota Batu\n'
    )
    df = read_roster(write(tmp_path / "r.csv", text, encoding))
    assert df["nama"].tolist() == ["René Müller", "Sari, S.Sos."]
    assert df["instansi"].tolist() == ["Dinas Kominfo", "KPU Kota Batu"]


def test_google_form_with_variants_and_timestamp(tmp_path):
    text = (
        "Timestamp,Nama Lengkap,Jabatan,Instansi/Unit Kerja,Keterangan/Status\n"
        "2025/07/17 9:01:02 AM GMT+7,Sari Wulandari,Staf,KPU Kab Jember,hadir daring\n"
        "2025/07/17 9:03:40 AM GMT+7,Budi,Anggota,Unit X,DL\n"
    )
    df = read_roster(write(tmp_path / "form.csv", text))
    assert df["nama"].tolist() == ["Sari Wulandari", "Budi"]
    assert df["instansi"].tolist() == ["KPU Kabupaten Jember", "Unit X"]
    assert df["status"].tolist() == ["Hadir (daring)", "Dinas Luar"]
    text_cells = df[["nama", "jabatan", "instansi", "status", "keterangan"]].to_numpy().ravel()
    assert not any("2025" in cell for cell in text_cells)


def test_header_variants_trimmed_and_case_insensitive(tmp_path):
    text = "  NAMA LENGKAP ; Unit Kerja ;Status Kehadiran\nMahdi;KPU Kabupaten Pamekasan;IZIN\n"
    df = read_roster(write(tmp_path / "r.csv", text))
    assert df.loc[0, ["nama", "instansi", "status"]].tolist() == [
        "Mahdi",
        "KPU Kabupaten Pamekasan",
        "Izin",
    ]


def test_title_rows_above_header_and_blank_rows(tmp_path):
    text = (
        "DAFTAR HADIR RAKOR BAKOHUMAS\n\nNo,Nama,Instansi\n1,Mahdi,KPU Kab. Pamekasan\n,,\n"
        "2,Yuda,KPU Kab. Pamekasan\n"
    )
    df = read_roster(write(tmp_path / "r.csv", text))
    assert df["nama"].tolist() == ["Mahdi", "Yuda"]


@pytest.mark.parametrize(
    "typed, status",
    [
        ("Hadir", "Hadir"),
        ("hadir", "Hadir"),
        ("", "Hadir"),
        ("Hadir (daring)", "Hadir (daring)"),
        ("HADIR (DARING)", "Hadir (daring)"),
        ("hadir daring", "Hadir (daring)"),
        ("Izin", "Izin"),
        ("ijin", "Izin"),
        ("SAKIT", "Sakit"),
        ("dinas luar", "Dinas Luar"),
        ("DL", "Dinas Luar"),
        ("TK", "Tanpa Keterangan"),
        ("tanpa keterangan", "Tanpa Keterangan"),
    ],
)
def test_status_normalisation(typed, status):
    assert normalize_status(typed) == status


def test_unknown_status_names_file_row_column_and_fix(tmp_path):
    text = "nama;status\nMahdi;Hadir\nYuda;Sakitt\n"
    with pytest.raises(InputError) as exc:
        read_roster(write(tmp_path / "peserta.csv", text))
    message = str(exc.value)
    assert "peserta.csv" in message
    assert "baris 3" in message
    assert "'status'" in message
    assert 'maksud Anda: "Sakit"' in message
    assert "Hadir (daring)" in message and "Tanpa Keterangan" in message


def test_all_row_errors_reported_at_once(tmp_path):
    text = "nama,instansi,status\nMahdi,KPU,bolos\n,KPU Jember,Hadir\nYuda,,libur\n"
    with pytest.raises(InputError) as exc:
        read_roster(write(tmp_path / "r.csv", text))
    message = str(exc.value)
    assert "baris 2" in message and "baris 3" in message and "baris 4" in message
    assert "'nama'" in message and "isi nama peserta" in message


def test_no_expected_columns_lists_expected_and_found(tmp_path):
    text = "Peserta,Unit,Tanda Tangan\nMahdi,KPU,\n"
    with pytest.raises(InputError) as exc:
        read_roster(write(tmp_path / "salah.csv", text))
    message = str(exc.value)
    assert "salah.csv" in message and "baris 1" in message
    assert "Peserta, Unit, Tanda Tangan" in message
    assert "nama, jabatan, instansi, status, keterangan" in message
    assert "Join Time" in message  # the Zoom alternative is named too


def test_empty_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="kolom 'nama' tidak ditemukan"):
        read_roster(write(tmp_path / "kosong.csv", ""))


def _workbook(path, sheets: dict[str, list[list]]):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_xlsx_first_sheet(tmp_path):
    path = _workbook(
        tmp_path / "hadir.xlsx",
        {
            "Sheet1": [
                ["No", "Nama", "Jabatan", "Instansi", "Status"],
                [1, "Mahdi", "Ketua", "KPU Kab. Pamekasan", "Hadir (daring)"],
                [2, "Panji Kuncoro", "Sekretaris", None, None],
            ]
        },
    )
    df = read_roster(path)
    assert df["nama"].tolist() == ["Mahdi", "Panji Kuncoro"]
    assert df["status"].tolist() == ["Hadir (daring)", "Hadir"]
    assert df["instansi"].tolist() == ["KPU Kabupaten Pamekasan", ""]


def test_meeting_workbook_kehadiran_sheet_is_used(tmp_path):
    path = _workbook(
        tmp_path / "rapat.xlsx",
        {
            "Rapat": [["kunci", "nilai"], ["judul", "Rakor"]],
            "Kehadiran": [["nama", "status"], ["Mahdi", "Izin"], ["Yuda", "hadir"]],
        },
    )
    df = read_roster(path)
    assert df["nama"].tolist() == ["Mahdi", "Yuda"]
    assert df["status"].tolist() == ["Izin", "Hadir"]
    assert read_roster(path, sheet="kehadiran")["nama"].tolist() == ["Mahdi", "Yuda"]


def test_xlsx_error_names_sheet_and_spreadsheet_row(tmp_path):
    path = _workbook(
        tmp_path / "rapat.xlsx",
        {
            "Kehadiran": [
                ["Daftar hadir"],
                [],
                ["nama", "status"],
                ["Mahdi", "Hadir"],
                ["Yuda", "x"],
            ],
        },
    )
    with pytest.raises(InputError) as exc:
        read_roster(path)
    assert "rapat.xlsx" in str(exc.value)
    assert "sheet Kehadiran baris 5" in str(exc.value)


def test_missing_sheet_lists_sheets(tmp_path):
    path = _workbook(tmp_path / "r.xlsx", {"Peserta": [["nama"], ["Mahdi"]]})
    with pytest.raises(InputError) as exc:
        read_roster(path, sheet="Pesrta")
    assert 'maksud Anda: "Peserta"' in str(exc.value) and "sheet yang ada: Peserta" in str(
        exc.value
    )


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan workbook")
    with pytest.raises(InputError) as exc:
        read_roster(path)
    assert "rusak.xlsx" in str(exc.value) and "simpan ulang" in str(exc.value)


def test_unsupported_extension(tmp_path):
    path = write(tmp_path / "hadir.pdf", "x")
    with pytest.raises(InputError, match="tidak didukung"):
        read_roster(path)


def test_sample_internal_roster_is_cp1252_semicolon(sample_meeting_dir):
    path = sample_meeting_dir / "peserta-internal.csv"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b";" in raw.splitlines()[0]
    df = read_roster(path)
    assert df["nama"].tolist()[:4] == ["Mahdi", "Moh. Amiruddin", "Panji Kuncoro", "Yuda"]
    assert len(df) == 6
    assert set(df["instansi"]) == {"KPU Kabupaten Pamekasan"}
    assert set(df["status"]) == {"Hadir (daring)"}
    assert "\u2013" in df.loc[0, "keterangan"]

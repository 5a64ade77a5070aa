"""The quarterly-report reader: formats, Indonesian-locale quirks, and every bad-input case."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from bakohumas_factory import GOOD, HEADER
from openpyxl import Workbook

from workbench.bakohumas.reader import read_reports
from workbench.bakohumas.schema import COLUMNS
from workbench.errors import InputError, InputErrors


def write_csv(tmp_path, lines, name="laporan.csv", encoding="utf-8", sep=","):
    path = tmp_path / name
    text = "\n".join(line.replace(",", sep) if sep != "," else line for line in lines) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def errors_of(path) -> str:
    with pytest.raises(InputError) as info:
        read_reports(path)
    return info.value.message


def test_reads_a_clean_csv(tmp_path):
    df = read_reports(write_csv(tmp_path, [HEADER, GOOD]))
    assert list(df.columns) == list(COLUMNS)
    r = df.iloc[0]
    assert r["kode_satker"] == "35.28" and r["triwulan"] == 2
    assert r["tanggal_kirim"] == pd.Timestamp("2025-07-08")
    assert r["anggaran"] == 1_500_000 and bool(r["sarana_memadai"]) is True


def test_indonesian_excel_csv_semicolon_cp1252_grouped_numbers(tmp_path):
    line = (
        "3528;2025;2;17/07/2025;3;10;50;1;100;2;1;4;2;1.500.000,00;1.000.000;Tidak;"
        "Sosialisasi – pemilih pemula;Keterbatasan anggaran"
    )
    path = tmp_path / "kirim.csv"
    path.write_bytes((HEADER.replace(",", ";") + "\r\n" + line + "\r\n").encode("cp1252"))
    r = read_reports(path).iloc[0]
    assert r["kode_satker"] == "35.28"
    assert r["tanggal_kirim"] == pd.Timestamp("2025-07-17")
    assert r["anggaran"] == 1_500_000 and r["realisasi_anggaran"] == 1_000_000
    assert bool(r["sarana_memadai"]) is False
    assert r["uraian_kegiatan"] == "Sosialisasi – pemilih pemula"


def test_utf8_bom_header(tmp_path):
    path = write_csv(tmp_path, [HEADER, GOOD], encoding="utf-8-sig")
    assert len(read_reports(path)) == 1


def test_xlsx_with_title_row_date_cells_and_excel_number_codes(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["LAPORAN TRIWULAN BAKOHUMAS"])
    ws.append([])
    ws.append([c.replace("_", " ").title() for c in COLUMNS])
    base = [
        2025,
        2,
        dt.datetime(2025, 7, 9),
        3,
        10,
        50,
        1,
        100,
        2,
        1,
        4,
        2,
        1500000,
        1000000,
        "ya",
        "Sosialisasi",
        "",
    ]
    ws.append([35.1, *base])  # Excel turned 35.10 into 35.1
    ws.append([3528, *base])  # typed without the dot
    path = tmp_path / "laporan.xlsx"
    wb.save(path)
    df = read_reports(path)
    assert list(df["kode_satker"]) == ["35.10", "35.28"]
    assert df["tanggal_kirim"].iloc[0] == pd.Timestamp("2025-07-09")


def test_not_submitted_row_may_leave_numbers_empty(tmp_path):
    df = read_reports(write_csv(tmp_path, [HEADER, "35.28,2025,2" + "," * 15]))
    assert pd.isna(df["tanggal_kirim"].iloc[0]) and pd.isna(df["siaran_pers"].iloc[0])


def test_missing_columns_are_listed(tmp_path):
    header = HEADER.replace(",livestream", "").replace(",kendala", "")
    message = errors_of(write_csv(tmp_path, [header]))
    assert "livestream" in message and "kendala" in message and "baris 1" in message


def test_misspelt_column_is_unknown_with_a_suggestion_and_not_also_missing(tmp_path):
    header = HEADER.replace("siaran_pers", "siaran_pres")
    with pytest.raises(InputErrors) as info:
        read_reports(write_csv(tmp_path, [header, GOOD]))
    assert len(info.value.errors) == 1
    message = info.value.message
    assert "baris 1" in message
    assert "kolom 'siaran_pres' tidak dikenal" in message
    assert message.count('maksud Anda: "siaran_pers"?') == 1
    assert "tidak ada" not in message


def test_misspelt_and_missing_columns_are_both_reported(tmp_path):
    header = (
        HEADER.replace("siaran_pers", "Siaran Pres")
        .replace(",kendala", "")
        .replace("tanggal_kirim", "Tgl Krim")
    )
    with pytest.raises(InputErrors) as info:
        read_reports(write_csv(tmp_path, [header, GOOD[: GOOD.rindex(",")]]))
    problems = [e.problem for e in info.value.errors]
    assert problems == [
        "kolom 'Tgl Krim' tidak dikenal (maksud Anda: \"tanggal_kirim\"?)",  # via alias tgl_kirim
        "kolom 'Siaran Pres' tidak dikenal (maksud Anda: \"siaran_pers\"?)",
        "kolom berikut tidak ada: kendala",
    ]


def test_other_unknown_columns_are_still_ignored(tmp_path):
    header = "No,Nama Satker," + HEADER
    df = read_reports(write_csv(tmp_path, [header, "1,KPU Kabupaten Pamekasan," + GOOD]))
    assert list(df.columns) == list(COLUMNS) and len(df) == 1


def test_misspelt_kode_satker_below_a_title_row_is_found(tmp_path):
    header = HEADER.replace("kode_satker", "Kode Satkr")
    message = errors_of(write_csv(tmp_path, ["LAPORAN TRIWULAN BAKOHUMAS", "", header, GOOD]))
    assert "baris 3" in message and 'maksud Anda: "kode_satker"' in message


def test_header_case_spaces_and_dashes_do_not_matter(tmp_path):
    header = ",".join(c.replace("_", " ").title() for c in COLUMNS)
    header = header.replace("Kode Satker", " KODE-SATKER ").replace(
        "Tanggal Kirim", "Tanggal  Kirim"
    )
    df = read_reports(write_csv(tmp_path, [header, GOOD]))
    assert df.loc[0, "kode_satker"] == "35.28"
    assert df.loc[0, "tanggal_kirim"] == pd.Timestamp("2025-07-08")


def test_unknown_code_suggests_the_closest(tmp_path):
    message = errors_of(write_csv(tmp_path, [HEADER, GOOD.replace("35.28", "35.99", 1)]))
    assert "baris 2" in message and "kode_satker" in message and 'maksud Anda: "35.79"' in message


def test_province_code_is_not_an_office(tmp_path):
    message = errors_of(write_csv(tmp_path, [HEADER, GOOD.replace("35.28", "35", 1)]))
    assert "kode provinsi" in message


def test_duplicate_office_quarter_names_both_rows(tmp_path):
    message = errors_of(
        write_csv(
            tmp_path,
            [HEADER, GOOD, GOOD.replace("35.28", "35.01", 1), GOOD.replace("35.28", "3528", 1)],
        )
    )
    assert "ganda" in message and "baris 2 dan baris 4" in message


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        (",3,10,", ",-3,10,", "siaran_pers", "negatif"),
        (",1500000,1000000,", ",1000000,1500000,", "realisasi_anggaran", "melebihi anggaran"),
        ("2025,2,", "2025,5,", "triwulan", "di luar 1–4"),
        (",3,10,", ",tiga,10,", "siaran_pers", "bukan angka"),
        (",4,2,", ",2,4,", "sdm_terlatih", "melebihi SDM pelaksana"),
        ("08/07/2025", "32/07/2025", "tanggal_kirim", "bukan tanggal"),
        (",ya,", ",mungkin,", "sarana_memadai", "bukan ya/tidak"),
        (",3,10,", ",,10,", "siaran_pers", "kolom wajib kosong"),
    ],
)
def test_bad_values_name_row_column_and_fix(tmp_path, old, new, field, words):
    message = errors_of(write_csv(tmp_path, [HEADER, GOOD.replace(old, new, 1)]))
    assert f"baris 2, kolom/kunci '{field}'" in message
    assert words in message and "Perbaikan:" in message


def test_all_row_errors_are_collected_in_one_pass(tmp_path):
    bad = [
        GOOD.replace("35.28", code, 1).replace(",3,10,", ",-1,10,", 1)
        for code in ("35.01", "35.02", "35.03")
    ]
    with pytest.raises(InputErrors) as info:
        read_reports(write_csv(tmp_path, [HEADER, *bad]))
    assert [e.row for e in info.value.errors] == [2, 3, 4]


def test_long_error_lists_are_capped(tmp_path):
    codes = [f"35.{i:02d}" for i in range(1, 26)]
    bad = [GOOD.replace("35.28", c, 1).replace(",3,10,", ",-1,10,", 1) for c in codes]
    with pytest.raises(InputErrors) as info:
        read_reports(write_csv(tmp_path, [HEADER, *bad]))
    assert len(info.value.errors) == 25
    assert "dan 5 galat lainnya" in info.value.message
    assert info.value.message.count("Perbaikan:") == 20


def test_old_xls_is_refused_with_a_fix(tmp_path):
    path = tmp_path / "laporan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in errors_of(path)

import datetime as dt

import pytest

from workbench import indonesian as fmt


@pytest.mark.parametrize(
    "d, expected",
    [
        (dt.date(2025, 7, 17), "Kamis, 17 Juli 2025"),
        (dt.date(2025, 8, 17), "Minggu, 17 Agustus 2025"),
        (dt.date(2024, 2, 29), "Kamis, 29 Februari 2024"),
    ],
)
def test_hari_tanggal(d, expected):
    assert fmt.hari_tanggal(d) == expected


def test_waktu_rapat():
    assert fmt.waktu_rapat(dt.time(9, 0), None, "WIB") == "pukul 09.00 WIB s.d. selesai"
    assert fmt.waktu_rapat(dt.time(9, 0), dt.time(11, 30), "WITA") == "pukul 09.00\u201311.30 WITA"


def test_numbers_and_money():
    assert fmt.angka(1234567.89, 2) == "1.234.567,89"
    assert fmt.angka(1500) == "1.500"
    assert fmt.rupiah(1500000) == "Rp1.500.000"
    assert fmt.rupiah(1500000, cents=True) == "Rp1.500.000,00"
    assert fmt.persen(87.5) == "87,5%"
    assert fmt.tanggal(dt.date(2025, 7, 31)) == "31 Juli 2025"

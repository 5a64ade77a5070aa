"""The Google Meet "Meet Attendance" add-on sheet (one column per attendance check) and the
attendance extension's class list."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from workbench.rakor.readers.attendance import detect_kind, read_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


def test_presence_is_k_of_n_checks():
    table = read_attendance(
        [FIXTURES / "addon-meet-kehadiran.csv"], tanggal=dt.date(2025, 7, 17), mulai=dt.time(9)
    )
    got = {r.nama: (r.persen_hadir, r.kurang_durasi) for r in table.itertuples()}
    assert got == {
        "Sari Wulandari": (100.0, False),
        "Budi Santoso": (66.7, False),
        "Dewi Lestari": (16.7, True),
    }
    assert all(math.isnan(m) for m in table["durasi_menit"])  # checks, not minutes
    dewi = table[table["nama"] == "Dewi Lestari"].iloc[0]
    assert "hadir pada 1 dari 6 pemeriksaan kehadiran" in dewi["keterangan"]
    report = table.attrs["laporan"][0]
    assert report["mulai"] == "2025-07-17 09:00:00" and report["platform"] == "Google Meet add-on"
    assert detect_kind(FIXTURES / "addon-meet-kehadiran.csv") == "meet-addon"


def test_extension_class_list_is_read_visit_by_visit():
    path = FIXTURES / "kelas-meet-ekstensi.csv"
    assert detect_kind(path) == "meet-class"
    table = read_attendance([path], tanggal=dt.date(2025, 7, 17), mulai=dt.time(9))
    got = {r.nama: (r.durasi_menit, r.kurang_durasi) for r in table.itertuples()}
    assert got == {
        "Sari Wulandari": (150, False),
        "Budi Santoso": (90, False),
        "Dewi Lestari": (40, True),
    }
    assert table.attrs["laporan"][0]["mulai"] == "2025-07-17 09:00:00"

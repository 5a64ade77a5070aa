"""Zoom webinar attendee reports (read) and registration reports (refused as attendance)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.rakor.readers.attendance import detect_kind, read_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


def test_attendee_report_lists_attendees_and_registrants_who_did_not_attend():
    table = read_attendance(
        [FIXTURES / "webinar-zoom.csv"], tanggal=dt.date(2025, 7, 17), mulai=dt.time(9)
    )
    got = {r.nama: (r.status, r.durasi_menit, r.kurang_durasi) for r in table.itertuples()}
    assert got == {
        "Sari Wulandari": ("Hadir (daring)", 150, False),
        "Budi Santoso": ("Hadir (daring)", 90, False),
        "Dewi Lestari": ("Hadir (daring)", 40, True),
        "Tamu Undangan": ("Hadir (daring)", 140, False),
        "Eko Prasetyo": ("Tanpa Keterangan", 0, False),
    }
    eko = table[table["nama"] == "Eko Prasetyo"].iloc[0]
    assert eko["keterangan"] == "terdaftar, tidak hadir"
    report = table.attrs["laporan"][0]
    assert report["platform"] == "Zoom webinar"
    assert report["mulai"] == "2025-07-17 09:00:00" and report["id_rapat"] == "812-3456-7890"
    assert detect_kind(FIXTURES / "webinar-zoom.csv") == "webinar"


def test_attendee_report_of_another_date_is_refused():
    with pytest.raises(InputError, match="17-07-2025.*18-07-2025"):
        read_attendance([FIXTURES / "webinar-zoom.csv"], tanggal=dt.date(2025, 7, 18))


def test_registration_report_is_refused_as_attendance():
    with pytest.raises(InputError) as exc:
        read_attendance([FIXTURES / "pendaftaran-webinar-zoom.csv"])
    message = str(exc.value)
    assert "laporan pendaftaran (Registration Report) webinar Zoom" in message
    assert "bukan daftar hadir" in message and "Attendee Report" in message
    assert detect_kind(FIXTURES / "pendaftaran-webinar-zoom.csv") == "registration"

"""The real public attendance files in ../shared/realworld/round1 and round2, run as a new
user would (in-process, with the sample record's date 17-07-2025 and start 09.00): each
gives the outcome its SOURCES.txt expects (issue #17).

The files are other people's and stay outside the project; a fresh clone elsewhere has no
../shared, so the tests skip saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.rakor.readers.attendance import read_attendance

_REPO = Path(__file__).resolve().parents[1]
#: ../shared beside the repository (a git worktree one level deeper looks one more up).
SHARED = next(
    (
        base / "shared" / "realworld"
        for base in (_REPO.parent, _REPO.parent.parent)
        if (base / "shared" / "realworld").is_dir()
    ),
    _REPO.parent / "shared" / "realworld",
)
pytestmark = pytest.mark.skipif(
    not (SHARED / "round2" / "SOURCES.txt").is_file(),
    reason=f"the real files are not here ({SHARED}): they live beside the project, not in it",
)
RECORD_DATE, RECORD_START = dt.date(2025, 7, 17), dt.time(9)


def read(path: Path, *, other_date: bool = True):
    return read_attendance(
        [path], tanggal=RECORD_DATE, mulai=RECORD_START, allow_other_date=other_date
    )


def refused(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        read(path, other_date=False)
    return str(exc.value)


#: round2 file -> (date named when refused without -b or None, people, present, below 50 %)
ROUND2 = {
    "01-teams-v1-french-utf16-resume.csv": ("13-04-2021", 6, 6, 2),
    "02-teams-v2-polish-utf16.csv": ("10-03-2025", 7, 7, 0),
    "03-teams-list-utf8-outoforder.csv": ("04-09-2020", 32, 32, 4),
    "04-teams-list-xlsx-sorted-formulacol.xlsx": ("17-07-2020", 139, 139, 8),
    "05-teams-list-utf16-tab-quoted.csv": ("07-09-2020", 75, 75, 6),
    "06-teams-v2-engagement-splitdate-synthetic.csv": ("15-05-2026", 27, 27, 0),
    "07-zoom-summary-uniqueusers-fake-names.csv": ("24-09-2020", 10, 10, 0),
    "08-zoom-summary-uniqueusers-excel-resaved.csv": ("24-09-2020", 9, 9, 0),
    "09-zoom-uniqueusers-nosummary-guest.csv": (None, 3, 3, 1),
    "10-zoom-webinar-attendee-report-anon.csv": ("28-03-2020", 495, 481, None),
    "11-meet-attendance-addon-transposed.csv": ("07-07-2020", 3, 3, 1),
}


@pytest.mark.parametrize("name", ROUND2)
def test_round2_expected_outcome(name):
    path = SHARED / "round2" / name
    date, people, present, short = ROUND2[name]
    if date:
        message = refused(path)
        assert date in message and "17-07-2025" in message and "--izinkan-tanggal-beda" in message
    table = read(path)
    assert len(table) == people
    assert int(table["status"].isin(["Hadir", "Hadir (daring)"]).sum()) == present
    if short is not None:
        assert int(table["kurang_durasi"].sum()) == short
    assert not table["nama"].str.fullmatch(r"[A-Za-z]?\d+").any()  # never a code as the name


def test_round2_codes_are_not_names():
    names = set(read(SHARED / "round2" / "04-teams-list-xlsx-sorted-formulacol.xlsx")["nama"])
    assert {"SHARADKUMAR ZARAPKAR", "RAHANE SACHIN", "SHAH ANAY"} <= names
    names = set(read(SHARED / "round2" / "05-teams-list-utf16-tab-quoted.csv")["nama"])
    assert {"OMKAR SHARAD NANDODE", "KANADE PRATIKSHA"} <= names


def test_round2_details():
    rollcall = read(SHARED / "round2" / "03-teams-list-utf8-outoforder.csv")
    assert set(rollcall[rollcall["kurang_durasi"]]["nama"]) == {
        "19215a0402",
        "18211a04h1",
        "18211a0482",
        "18211a0492",
    }
    polish = read(SHARED / "round2" / "02-teams-v2-polish-utf16.csv")
    assert any("dibaca 10-03-2025" in w for w in polish.attrs["peringatan"])
    guests = read(SHARED / "round2" / "09-zoom-uniqueusers-nosummary-guest.csv", other_date=False)
    pepe = guests[guests["nama"] == "Pepe Lopez"].iloc[0]
    assert pepe["kurang_durasi"] and round(pepe["persen_hadir"], 1) == round(100 * 59 / 146, 1)
    webinar = read(SHARED / "round2" / "10-zoom-webinar-attendee-report-anon.csv")
    assert (webinar["status"] == "Tanpa Keterangan").sum() == 14
    addon = read(SHARED / "round2" / "11-meet-attendance-addon-transposed.csv")
    assert list(addon["nama"]) == ["Ariana Lima Guimaraes", "Ariana", "LGB Tools"]


#: round1 platform reports: file -> people (read; refused without -b naming their date).
ROUND1 = {
    "01-zoom-summary-heroes.csv": 27,
    "02-zoom-plain-heroes.csv": 27,
    "03-zoom-waitingroom-northeastern.csv": 55,
    "04-zoom-excel-resaved-hogwarts.csv": 23,
    "05-zoom-japanese-locale.csv": 204,
    "06-teams-v2-utf16-summary.csv": 7,
    "07-teams-v1-utf16-useraction.csv": 5,
    "08-teams-v1-utf8-useraction.csv": 38,
    "09-teams-ui-indonesian-semicolon.csv": 60,
    "11-gmeet-extension-alcaughey.csv": 10,
    "12-gmeet-extension-alcaughey-small.csv": 2,
    "13-teams-v2-utf8-converted.csv": 8,
    "15-teams-v1-utf16-portuguese.csv": 38,
}
#: round1 files that are not one meeting's attendance: file -> what the refusal says.
ROUND1_REFUSED = {
    "10-daftar-hadir-mahasiswa-ui.csv": "rekap presensi per pertemuan",
    "14-absensi-pegawai-sekolah-fingerprint.csv": "log atau rekap presensi",
}


@pytest.mark.parametrize("name", ROUND1)
def test_round1_reports_are_read(name):
    path = SHARED / "round1" / name
    assert re.search(r"bertanggal \d\d-\d\d-\d{4}", refused(path))
    assert len(read(path)) == ROUND1[name]


@pytest.mark.parametrize("name", ROUND1_REFUSED)
def test_round1_non_attendance_is_refused_saying_what_it_is(name):
    message = refused(SHARED / "round1" / name)
    assert ROUND1_REFUSED[name] in message
    assert len(message.splitlines()) <= 20

"""Attendance from Microsoft Teams, Google Meet and Zoom in other languages, through the
real CLI (`workbench minutes`), the DOCX read back; detection by content; the meeting
identity check; refusal of presence matrices and check-in logs; warnings; the
duplicate-person review; capped errors.

The fixtures (tests/fixtures/attendance/, written by make_fixtures.py) are one invented
meeting in every documented format, so each must give the same people and minutes.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from docx_helpers import table_rows

from workbench.errors import InputError, InputErrors
from workbench.rakor.readers.attendance import detect_kind, read_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"
sys.path.insert(0, str(FIXTURES))
from make_fixtures import EXPECTED, REPORTS  # noqa: E402

MINIMAL = Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml"
KINDS = {"teams": "teams", "meet": "meet", "zoom": "zoom"}


def record(tmp_path: Path, **changes: str) -> Path:
    """minimal.yaml with ``key: value`` lines of ``rapat`` replaced (mode daring by default)."""
    text = MINIMAL.read_text(encoding="utf-8").replace("mode: luring", "mode: daring")
    for key, value in changes.items():
        lines = [ln for ln in text.splitlines() if ln.strip().startswith(f"{key}:")]
        text = text.replace(lines[0], f"  {key}: {value}")
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True
    )


def read(name: str, **kw) -> pd.DataFrame:
    defaults = dict(
        meeting_minutes=150, tanggal=dt.date(2025, 7, 17), mulai=dt.time(9), mode="daring"
    )
    return read_attendance([FIXTURES / name], **{**defaults, **kw})


# ----------------------------------------------------------------------------- every format
@pytest.mark.parametrize("name", REPORTS)
def test_every_format_gives_the_same_people_and_minutes(name):
    table = read(name)
    got = {r.nama: (r.durasi_menit, r.kurang_durasi, r.status) for r in table.itertuples()}
    assert got == {n: (m, short, "Hadir (daring)") for n, (m, short) in EXPECTED.items()}
    assert detect_kind(FIXTURES / name) == KINDS[name.split("-")[0]]


def test_detection_is_by_content_not_by_name(tmp_path):
    for name in ("teams-baru-en-utf16le.csv", "meet-workspace.csv", "zoom-ja.csv"):
        renamed = tmp_path / f"zoom-{name.split('-')[0]}.txt"
        shutil.copy(FIXTURES / name, renamed)
        assert detect_kind(renamed) == name.split("-")[0]


PLATFORM_REPORTS = [
    "teams-baru-en-utf16le.csv",
    "teams-baru-id-utf16be.csv",
    "teams-baru-pt-titikkoma.csv",
    "teams-lama-en.csv",
    "meet-workspace.csv",
    "meet-ekstensi-log.csv",
    "zoom-id.csv",
    "zoom-ja.csv",
    "zoom-excel.xlsx",
]


def check_platform_documents(folder: Path) -> None:
    """The daftar hadir and notula of the fixtures' meeting, whichever report it came from."""
    rows = table_rows(folder / "daftar-hadir.docx")
    text = " | ".join(" ; ".join(r) for r in rows)
    for person in EXPECTED:
        assert person in text
    dewi = next(r for r in rows if "Dewi Lestari" in r)
    assert any("hadir 40 dari 150 menit" in c for c in dewi)
    notula = table_rows(folder / "notula.docx")
    at = next(i for i, r in enumerate(notula) if "Hadir, durasi kurang" in r)
    total = next(r for r in notula[at:] if r and r[0] == "Jumlah")
    counts = dict(zip(notula[at], total))
    # the report's 3 people, plus the record's chair and notulis (absent from the report:
    # counted present, with a stated warning)
    assert counts["Hadir (daring)"] == "4" and counts["Hadir, durasi kurang"] == "1"
    assert counts["Jumlah"] == "5"
    assert "Mahdi" in text and "Yuda" in text


@pytest.mark.parametrize("name", PLATFORM_REPORTS)
def test_documents_of_each_platform(tmp_path, name):
    """The notebook's steps in this process (tests/minutes_steps.py): what the daftar hadir
    and notula say, from every platform's report; the command is run once below."""
    from minutes_steps import minutes_in_process

    _, table, _ = minutes_in_process(record(tmp_path), [FIXTURES / name], tmp_path / "out")
    assert len(table) == 3  # the CLI's "untuk 3 peserta"
    check_platform_documents(tmp_path / "out")
    assert [r["berkas"] for r in table.attrs["laporan"]] == [name]  # the manifest's entry


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.timeout(600)
def test_cli_writes_the_daftar_hadir_and_notula_of_a_platform(tmp_path):
    name = "teams-baru-en-utf16le.csv"
    out = tmp_path / "out"
    result = run_cli(
        "minutes", str(record(tmp_path)), "-a", str(FIXTURES / name), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "untuk 3 peserta" in result.stdout
    folder = next(p for p in out.iterdir() if p.is_dir())
    check_platform_documents(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["laporan_rapat"][0]["berkas"] == name
    assert manifest["parameter"]["allow_other_date"] is False


# ----------------------------------------------------------------------------- identity
def test_report_of_another_date_is_refused_naming_both_dates():
    with pytest.raises(InputError) as exc:
        read("zoom-id.csv", tanggal=dt.date(2025, 7, 18))
    message = str(exc.value)
    assert "17-07-2025" in message and "18-07-2025" in message
    assert "--izinkan-tanggal-beda" in message


def test_report_starting_far_from_mulai_is_refused():
    with pytest.raises(InputError, match="mulai pukul 09.00.*13.00"):
        read("teams-baru-en-utf16le.csv", mulai=dt.time(13))
    read("teams-baru-en-utf16le.csv", mulai=dt.time(11, 30))  # within 3 hours: fine


def test_time_only_report_is_checked_on_its_start_time():
    with pytest.raises(InputError, match="Google Meet"):
        read("meet-workspace.csv", mulai=dt.time(14))


def test_allowed_other_date_is_a_warning():
    table = read("zoom-id.csv", tanggal=dt.date(2025, 7, 18), allow_other_date=True)
    assert any("--izinkan-tanggal-beda" in w for w in table.attrs["peringatan"])


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_cli_exit_2_for_another_meeting_and_the_option_accepts_it(tmp_path):
    meeting = record(tmp_path, tanggal="2025-07-18")
    zoom = str(FIXTURES / "zoom-id.csv")
    out = tmp_path / "out"
    refused = run_cli("minutes", str(meeting), "-a", zoom, "--out", str(out))
    assert refused.returncode == 2
    assert "17-07-2025" in refused.stderr and "18-07-2025" in refused.stderr
    assert not out.exists()
    accepted = run_cli(
        "minutes", str(meeting), "-a", zoom, "--out", str(out), "--izinkan-tanggal-beda"
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "Peringatan:" in accepted.stderr
    folder = next(out.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["laporan_rapat"][0]["id_rapat"] == "81234567890"
    assert manifest["laporan_rapat"][0]["topik"] == "Rapat Evaluasi Kehumasan"


# ----------------------------------------------------------------------------- not attendance
def test_presence_matrix_is_refused_saying_what_it_looks_like():
    with pytest.raises(InputError) as exc:
        read("presensi-matriks.csv")
    assert "rekap presensi per pertemuan" in str(exc.value)
    assert "satu baris per peserta" in str(exc.value)


def test_checkin_log_is_refused_once_not_per_row():
    with pytest.raises(InputError) as exc:
        read("log-mesin-absensi.csv")
    message = str(exc.value)
    assert "log mesin absensi" in message and "'Status'" in message
    assert len(message.splitlines()) == 2  # one problem and its fix


def test_roster_unknown_columns_and_status_from_mode():
    table = read("daftar-hadir-kolom-lain.csv")
    assert set(table["status"]) == {"Hadir (daring)"}
    warnings = table.attrs["peringatan"]
    assert "2 kolom tidak dikenal dan tidak dibaca: No. HP, Tanda Tangan" in warnings[0]
    assert "dianggap 'Hadir (daring)' (mode rapat daring)" in warnings[1]
    luring = read("daftar-hadir-kolom-lain.csv", mode="luring")
    assert set(luring["status"]) == {"Hadir"}


# ----------------------------------------------------------------------------- one person
def test_same_email_under_two_names_is_one_person(tmp_path):
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Sari Wulandari_KPU Kota Batu,sari@example.com,07/17/2025 09:00:00 AM,"
        "07/17/2025 10:00:00 AM,60\n"
        "Sari W (HP),sari@example.com,07/17/2025 10:10:00 AM,07/17/2025 11:00:00 AM,50\n"
    )
    (tmp_path / "z.csv").write_text(text, encoding="utf-8")
    table = read_attendance([tmp_path / "z.csv"], meeting_minutes=150)
    assert list(table["nama"]) == ["Sari Wulandari"]
    assert table.loc[0, "durasi_menit"] == 110


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_probable_duplicates_listed_on_the_terminal_not_merged(tmp_path):
    roster = tmp_path / "hadir.csv"
    roster.write_text(
        "nama,instansi,status\n"
        "Rofiqi,KPU Kabupaten Jember,Hadir\n"
        "Rofiqi Rahman,KPU Kabupaten Jember,Hadir\n"
        "Rofiqi Rahman,KPU Kota Batu,Hadir\n",
        encoding="utf-8",
    )
    table = read_attendance([roster])
    assert len(table) == 3
    assert [p["nama"] for p in table.attrs["tinjau"]] == [("Rofiqi", "Rofiqi Rahman")]
    out = tmp_path / "out"
    result = run_cli("minutes", str(record(tmp_path)), "-a", str(roster), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 pasang peserta mungkin orang yang sama" in result.stderr
    assert "'Rofiqi' dan baris" in result.stderr and "'Rofiqi Rahman'" in result.stderr
    notebook = json.loads(next(out.iterdir()).joinpath("rakor_minutes.ipynb").read_text())
    shown = json.dumps(notebook)
    assert "Perlu diperiksa: 1 pasang" in shown


# ----------------------------------------------------------------------------- errors
def test_errors_are_capped_at_twenty_with_the_rest_counted(tmp_path):
    roster = tmp_path / "hadir.csv"
    roster.write_text(
        "nama,status\n" + "".join(f"Orang {i},bolos\n" for i in range(45)), encoding="utf-8"
    )
    with pytest.raises(InputErrors) as exc:
        read_attendance([roster])
    lines = [ln for ln in str(exc.value).splitlines() if not ln.startswith("  Perbaikan")]
    assert len(lines) == 21
    assert lines[-1].startswith("… dan 25 masalah lain (baris 22, 23,")
    assert lines[-1].endswith("… 46)")
    assert len(exc.value.errors) == 45  # every problem is still there for a program


def test_utf16_without_bom_is_read(tmp_path):
    text = (FIXTURES / "teams-baru-en-utf16le.csv").read_bytes()[2:]  # BOM removed
    (tmp_path / "t.csv").write_bytes(text)
    assert len(read_attendance([tmp_path / "t.csv"], meeting_minutes=150)) == 3


def test_undecodable_file_names_its_encoding(tmp_path):
    (tmp_path / "t.csv").write_bytes(b"\xff\xfe" + "Name\tEmail\n".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError, match="UTF-16"):
        read_attendance([tmp_path / "t.csv"])

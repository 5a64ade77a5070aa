"""Zoom participants report reader and display-name parsing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.rakor.attendance_model import COLUMNS
from workbench.rakor.names import canonical_instansi, parse_display_name, person_key
from workbench.rakor.readers.zoom import merged_minutes, read_zoom

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"
NO_SUMMARY = FIXTURES / "zoom-tanpa-ringkasan.csv"

HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def by_name(df):
    return df.set_index("nama")


# ----------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    "raw, nama, instansi",
    [
        ("KPU Kab. Jember - Sari", "Sari", "KPU Kabupaten Jember"),
        ("Sari_KPU Jember", "Sari", "KPU Kabupaten Jember"),
        ("Sari Wulandari (KPU Kota Batu)", "Sari Wulandari", "KPU Kota Batu"),
        ("Sari - KPU Kabupaten Jember", "Sari", "KPU Kabupaten Jember"),
        ("Sari_KPU Jember (Sari Wulandari)", "Sari", "KPU Kabupaten Jember"),
        ("(Sari Wulandari)", "Sari Wulandari", ""),
        ("Sari Wulandari", "Sari Wulandari", ""),
        ("Sari Wulandari, S.Sos.", "Sari Wulandari, S.Sos.", ""),
        ("Nur Salam_KPU Jatim", "Nur Salam", "KPU Provinsi Jawa Timur"),
        ("Reni Rinjani Pratiwi (KPU RI)", "Reni Rinjani Pratiwi", "KPU RI"),
        ("kpu kota kediri | Dewi", "Dewi", "KPU Kota Kediri"),
        ("KPU Kab Malang-Andi", "Andi", "KPU Kabupaten Malang"),
        ("KPU Malang - Andi", "Andi", "KPU Malang"),  # Kabupaten or Kota: left as typed
        ("Moh. Amiruddin KPU Pamekasan", "Moh. Amiruddin", "KPU Kabupaten Pamekasan"),
        ("Andi_Bawaslu Kab. Sumenep", "Andi", "Bawaslu Kabupaten Sumenep"),
        ("Budi - Diskominfo Kab. Gresik", "Budi", "Diskominfo Kabupaten Gresik"),
        ("KPU Kab. Pamekasan", "KPU Kabupaten Pamekasan", "KPU Kabupaten Pamekasan"),
        # patterns common in Indonesian Zoom meetings
        ("Sari (KPU Kab. Jember)", "Sari", "KPU Kabupaten Jember"),
        ("KPU Kota Batu_Andi", "Andi", "KPU Kota Batu"),
        ("35.09 - KPU Jember - Sari", "Sari", "KPU Kabupaten Jember"),  # office code dropped
        ("3509_Sari_KPU Jember", "Sari", "KPU Kabupaten Jember"),
        ("01. Sari_KPU Jember", "Sari", "KPU Kabupaten Jember"),  # list number dropped
        ("Sari | KPU Kab Jember", "Sari", "KPU Kabupaten Jember"),
        ("Dr. H. Ahmad, S.Sos., M.Si.", "Dr. H. Ahmad, S.Sos., M.Si.", ""),  # titles kept
        (
            "Dr. H. Ahmad, S.Sos., M.Si._KPU Kab. Jember",
            "Dr. H. Ahmad, S.Sos., M.Si.",
            "KPU Kabupaten Jember",
        ),
        (
            "Sari Wulandari, S.Sos. (KPU Kab. Jember)",
            "Sari Wulandari, S.Sos.",
            "KPU Kabupaten Jember",
        ),
        # meeting roles are not names; a role on an institution is the office's shared account
        (
            "Host KPU Jatim (KPU Provinsi Jawa Timur)",
            "KPU Provinsi Jawa Timur",
            "KPU Provinsi Jawa Timur",
        ),
        ("Host (KPU Provinsi Jawa Timur)", "KPU Provinsi Jawa Timur", "KPU Provinsi Jawa Timur"),
        ("Admin Zoom KPU Jember", "KPU Kabupaten Jember", "KPU Kabupaten Jember"),
        ("KPU Jember_Host", "KPU Kabupaten Jember", "KPU Kabupaten Jember"),
        ("Co-host - Sari_KPU Jember", "Sari", "KPU Kabupaten Jember"),
        ("Cohost Sari", "Sari", ""),
        ("Host (Sari Wulandari)", "Sari Wulandari", ""),  # the original name is the person
        ("Sari (Co-host, me)", "Sari", ""),
        ("Host", "", ""),  # nothing but a role: read_zoom falls back to the e-mail
        ("Hostiadi_KPU Jember", "Hostiadi", "KPU Kabupaten Jember"),  # whole words only
        ("Administrasi_KPU Jember", "Administrasi", "KPU Kabupaten Jember"),
    ],
)
def test_display_name_table(raw, nama, instansi):
    parsed = parse_display_name(raw)
    assert (parsed.nama, parsed.instansi) == (nama, instansi)


def test_leftover_part_becomes_jabatan_and_shared_login_flag():
    parsed = parse_display_name("Yuda_Kasubag Parmas_KPU Pamekasan")
    assert (parsed.nama, parsed.jabatan, parsed.instansi) == (
        "Yuda",
        "Kasubag Parmas",
        "KPU Kabupaten Pamekasan",
    )
    assert not parsed.shared_login
    assert parse_display_name("KPU Kab. Pamekasan").shared_login


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("KPU Kab. Jember", "KPU Kabupaten Jember"),
        ("kpu kab jember", "KPU Kabupaten Jember"),
        ("KPU Surabaya", "KPU Kota Surabaya"),
        ("KPU Prov. Jatim", "KPU Provinsi Jawa Timur"),
        ("KPU Kediri", "KPU Kediri"),
        ("", ""),
    ],
)
def test_canonical_instansi(typed, canonical):
    assert canonical_instansi(typed) == canonical


def test_person_key_ignores_case_punctuation_and_titles():
    assert person_key("Dr. H. Panji  Kuncoro, S.H.") == person_key("panji kuncoro")
    assert person_key("Moh. Amiruddin") == "moh amiruddin"


# ----------------------------------------------------------------------------- intervals
def test_merged_minutes_counts_overlaps_once():
    t = lambda h, m: dt.datetime(2025, 7, 17, h, m)  # noqa: E731
    assert merged_minutes([(t(9, 0), t(10, 0)), (t(9, 50), t(11, 0))]) == 120
    assert merged_minutes([(t(9, 0), t(9, 30)), (t(10, 0), t(10, 15))]) == 45
    assert merged_minutes([(t(9, 0), t(11, 0)), (t(9, 30), t(10, 0))]) == 120
    assert merged_minutes([]) == 0


# ---------------------------------------------------------------------- report without summary
def test_report_without_summary_block():
    df = read_zoom(NO_SUMMARY)
    assert list(df.columns) == list(COLUMNS)
    people = by_name(df)
    # "Host KPU Jatim (KPU Provinsi Jawa Timur)" is the province's shared account, not "Host"
    assert list(people.index) == [
        "KPU Provinsi Jawa Timur",
        "Sari",
        "Budi Santoso",
        "Dewi Lestari",
        "KPU Kabupaten Pamekasan",
    ]
    assert people.loc["KPU Provinsi Jawa Timur", "instansi"] == "KPU Provinsi Jawa Timur"
    assert people.loc["KPU Provinsi Jawa Timur", "keterangan"] == "akun Zoom bersama"
    assert set(df["status"]) == {"Hadir (daring)"}
    assert set(df["sumber"]) == {"zoom-tanpa-ringkasan.csv"}
    # Sari: waiting-room row ignored, 08:56-10:00 and 09:50-11:20 overlap -> 144, not 154
    assert people.loc["Sari", "durasi_menit"] == 144
    assert people.loc["Sari", "instansi"] == "KPU Kabupaten Jember"
    # Dewi: the 0-minute row is dropped
    assert people.loc["Dewi Lestari", "durasi_menit"] == 129
    # meeting length = earliest join (08:50) to latest leave (11:20) = 150 minutes
    assert people.loc["KPU Provinsi Jawa Timur", "persen_hadir"] == 100
    assert people.loc["Budi Santoso", "kurang_durasi"]
    assert people.loc["Budi Santoso", "keterangan"] == "hadir 32 dari 150 menit"
    assert people.loc["Budi Santoso", "persen_hadir"] == pytest.approx(21.3)
    assert not people.loc["Dewi Lestari", "kurang_durasi"]
    assert people.loc["KPU Kabupaten Pamekasan", "keterangan"] == "akun Zoom bersama"


def test_meeting_minutes_argument_and_min_share():
    people = by_name(read_zoom(NO_SUMMARY, meeting_minutes=60))
    assert not people.loc["Budi Santoso", "kurang_durasi"]  # 32 of 60
    people = by_name(read_zoom(NO_SUMMARY, min_share=0.9))
    assert people.loc["Dewi Lestari", "kurang_durasi"]  # 129 of 150 < 90%
    assert people.loc["Dewi Lestari", "keterangan"] == "hadir 129 dari 150 menit"
    assert not people.loc["Sari", "kurang_durasi"]  # 144 of 150


def test_rejoin_rows_grouped_across_renaming_styles(tmp_path):
    text = HEADER + (
        "Sari_KPU Jember,,07/17/2025 09:00:00 AM,07/17/2025 09:30:00 AM,30,Yes\n"
        "KPU Kab. Jember - sari,,07/17/2025 09:35:00 AM,07/17/2025 10:00:00 AM,25,Yes\n"
        "Sari_KPU Jember,,07/17/2025 09:20:00 AM,07/17/2025 09:40:00 AM,20,Yes\n"
    )
    df = read_zoom(write(tmp_path / "z.csv", text))
    assert len(df) == 1
    assert df.loc[0, "durasi_menit"] == 60  # 09:00-10:00 covered, overlaps counted once


@pytest.mark.parametrize("email, nama", [("host@example.com", "host@example.com"), ("", "Host")])
def test_role_only_name_falls_back_to_email_then_typed_name(tmp_path, email, nama):
    text = HEADER + f"Host,{email},07/17/2025 09:00:00 AM,07/17/2025 10:00:00 AM,60,No\n"
    df = read_zoom(write(tmp_path / "z.csv", text))
    assert (df.loc[0, "nama"], df.loc[0, "instansi"]) == (nama, "")


def test_same_name_different_emails_are_two_people(tmp_path):
    text = HEADER + (
        "Andi_KPU Kota Batu,andi1@example.com,07/17/2025 09:00:00 AM,07/17/2025 10:00:00 AM,60,No\n"
        "Andi_KPU Kota Batu,andi2@example.com,07/17/2025 09:00:00 AM,07/17/2025 09:40:00 AM,40,No\n"
        "Andi_KPU Kota Batu,,07/17/2025 10:05:00 AM,07/17/2025 10:10:00 AM,5,Yes\n"
    )
    df = read_zoom(write(tmp_path / "z.csv", text))
    assert sorted(df["durasi_menit"]) == [40, 65]


@pytest.mark.parametrize(
    "join, leave",
    [
        ("2025-07-17 09:00:00", "2025-07-17 10:30:00"),
        ("17/07/2025 09.00", "17/07/2025 10.30"),
        ("17/07/2025 09:00", "17/07/2025 10:30"),
        ("07/17/2025 9:00 AM", "07/17/2025 10:30 AM"),
    ],
)
def test_time_formats(tmp_path, join, leave):
    text = HEADER.replace(",", ";") + f"Sari_KPU Kota Batu;;{join};{leave};90;Yes\n"
    df = read_zoom(write(tmp_path / "z.csv", text, "cp1252"), meeting_minutes=100)
    assert df.loc[0, "durasi_menit"] == 90
    assert df.loc[0, "persen_hadir"] == 90


def test_unreadable_time_names_row_and_column(tmp_path):
    text = HEADER + (
        "Sari,,07/17/2025 09:00:00 AM,07/17/2025 10:00:00 AM,60,Yes\n"
        "Budi,,jam sembilan,07/17/2025 10:00:00 AM,60,Yes\n"
    )
    with pytest.raises(InputError) as exc:
        read_zoom(write(tmp_path / "zoom.csv", text))
    message = str(exc.value)
    assert "zoom.csv" in message and "baris 3" in message and "'Join Time'" in message
    assert "07/17/2025 08:55:12 AM" in message  # the fix shows the expected format


def test_leave_before_join(tmp_path):
    text = HEADER + "Sari,,07/17/2025 10:00:00 AM,07/17/2025 09:00:00 AM,60,Yes\n"
    with pytest.raises(InputError, match="baris 2.*Leave Time"):
        read_zoom(write(tmp_path / "zoom.csv", text))


def test_missing_columns_lists_what_was_found(tmp_path):
    text = "Name (Original Name),User Email,Guest\nSari,,Yes\n"
    with pytest.raises(InputError) as exc:
        read_zoom(write(tmp_path / "zoom.csv", text))
    message = str(exc.value)
    assert "zoom.csv" in message and "baris 1" in message
    assert "Join Time" in message and "Duration (Minutes)" in message
    assert "kolom yang ada: Name (Original Name), User Email, Guest" in message


def test_duration_only_report(tmp_path):
    text = "Name (Original Name),User Email,Duration (Minutes)\nSari_KPU Kota Batu,,40\nBudi,,100\n"
    people = by_name(read_zoom(write(tmp_path / "z.csv", text), meeting_minutes=100))
    assert people.loc["Sari", "kurang_durasi"] and not people.loc["Budi", "kurang_durasi"]


# ----------------------------------------------------------------------------- report with summary
SUMMARY = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "81234567890,Rakor,07/17/2025 09:00:00 AM,07/17/2025 11:00:00 AM,h@example.com,120,2\n"
    "\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_summary_block_sets_meeting_length(tmp_path, encoding):
    text = (
        SUMMARY
        + HEADER
        + (
            "Sari_KPU Kota Batu,,07/17/2025 09:00:00 AM,07/17/2025 09:50:00 AM,50,Yes\n"
            "Budi_KPU Kota Batu,,07/17/2025 09:00:00 AM,07/17/2025 09:40:00 AM,40,Yes\n"
        )
    )
    people = by_name(read_zoom(write(tmp_path / "z.csv", text, encoding), meeting_minutes=60))
    # 120 minutes from the summary block, not the argument (60) nor the span (50)
    assert people.loc["Sari", "keterangan"] == "hadir 50 dari 120 menit"
    assert people.loc["Budi", "persen_hadir"] == pytest.approx(33.3)


def test_summary_without_participants(tmp_path):
    with pytest.raises(InputError, match="tanpa daftar peserta"):
        read_zoom(write(tmp_path / "z.csv", SUMMARY))


def test_sample_report_with_summary_block(sample_meeting_dir):
    df = read_zoom(sample_meeting_dir / "zoom-peserta.csv")
    people = by_name(df)
    assert {"Nur Salam", "Popong Anjarseno", "Reni Rinjani Pratiwi"} <= set(df["nama"])
    assert people.loc["Reni Rinjani Pratiwi", "instansi"] == "KPU RI"
    assert people.loc["Nur Salam", "instansi"] == "KPU Provinsi Jawa Timur"
    assert people.loc["KPU Kabupaten Pamekasan", "keterangan"] == "akun Zoom bersama"
    # 38 kabupaten/kota + province + KPU RI
    assert df["instansi"].nunique() == 40
    assert 1 <= df["kurang_durasi"].sum() <= 10
    assert df["persen_hadir"].max() <= 100
    # the meeting is 177 minutes long (summary block): the host was there throughout
    assert people.loc["KPU Provinsi Jawa Timur", "durasi_menit"] == pytest.approx(176.8)
    short = df[df["kurang_durasi"]]
    assert all(k.endswith("dari 177 menit") for k in short["keterangan"])

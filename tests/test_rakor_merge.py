"""Merging attendance tables and reading several files of either kind."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.rakor.attendance_table import to_frame
from workbench.rakor.merge import merge_attendance
from workbench.rakor.readers.attendance import detect_kind, read_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


def roster(*rows, sumber="hadir.csv"):
    return to_frame(
        {"nama": n, "jabatan": j, "instansi": i, "status": s, "sumber": sumber}
        for n, j, i, s in rows
    )


def zoom(*rows, sumber="zoom.csv"):
    return to_frame(
        {
            "nama": n,
            "instansi": i,
            "status": "Hadir (daring)",
            "durasi_menit": d,
            "persen_hadir": d / 1.5,
            "kurang_durasi": d < 75,
            "sumber": sumber,
            "keterangan": "hadir 30 dari 150 menit" if d < 75 else "",
        }
        for n, i, d in rows
    )


def test_roster_fields_win_and_durations_come_from_zoom():
    merged = merge_attendance(
        [
            zoom(("Moh Amirudin", "KPU Kabupaten Pamekasan", 30.0)),
            roster(("Moh. Amiruddin", "Anggota", "KPU Kab. Pamekasan", "Izin")),
        ]
    )
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["nama"] == "Moh. Amiruddin"  # roster's spelling
    assert row["jabatan"] == "Anggota"
    assert row["status"] == "Izin"  # roster wins
    assert row["durasi_menit"] == 30.0 and row["kurang_durasi"]
    assert row["keterangan"] == "hadir 30 dari 150 menit"
    assert row["sumber"] == "zoom.csv, hadir.csv"


def test_fuzzy_match_only_within_compatible_instansi():
    merged = merge_attendance(
        [
            roster(
                ("Siti Nurhasanah", "Staf", "KPU Kabupaten Pamekasan", "Hadir"),
                ("Siti Nurhasanah", "Staf", "KPU Kabupaten Sumenep", "Hadir"),
            ),
            zoom(
                ("siti  nurhasana", "KPU Kabupaten Pamekasan", 120.0),  # typo, same office
                ("Siti Nurhasanah", "", 100.0),  # no office: first match
                ("Siti Nurhasanah", "KPU Kota Batu", 90.0),
            ),  # other office: new person
        ]
    )
    assert len(merged) == 3
    pamekasan = merged[merged["instansi"] == "KPU Kabupaten Pamekasan"].iloc[0]
    assert pamekasan["durasi_menit"] == 120.0
    assert merged[merged["instansi"] == "KPU Kota Batu"]["durasi_menit"].tolist() == [90.0]
    # the name without an office joins the one roster row not yet matched from this report
    assert merged[merged["instansi"] == "KPU Kabupaten Sumenep"]["durasi_menit"].tolist() == [100.0]


def test_different_people_are_not_merged():
    merged = merge_attendance(
        [
            roster(
                ("Rofiqi", "", "KPU Kabupaten Jember", "Hadir"),
                ("Rofiqi Rahman", "", "KPU Kabupaten Jember", "Hadir"),
            )
        ]
    )
    assert len(merged) == 2


def test_duplicate_roster_rows_and_titles_are_deduplicated():
    merged = merge_attendance(
        [
            roster(("Panji Kuncoro", "Sekretaris", "KPU Kabupaten Pamekasan", "Hadir")),
            roster(("panji kuncoro, S.H.", "", "", "Hadir"), sumber="form.csv"),
        ]
    )
    assert merged["nama"].tolist() == ["Panji Kuncoro"]
    assert merged.loc[0, "sumber"] == "hadir.csv, form.csv"
    assert math.isnan(merged.loc[0, "durasi_menit"])


def test_shared_login_time_goes_to_present_roster_rows():
    merged = merge_attendance(
        [
            zoom(("KPU Kabupaten Pamekasan", "KPU Kabupaten Pamekasan", 140.0)),
            roster(
                ("Mahdi", "Ketua", "KPU Kabupaten Pamekasan", "Hadir (daring)"),
                ("Yuda", "Kasubag", "KPU Kabupaten Pamekasan", "Izin"),
            ),
        ]
    )
    assert merged["nama"].tolist() == ["Mahdi", "Yuda"]
    assert merged["durasi_menit"].tolist()[0] == 140.0
    assert math.isnan(merged["durasi_menit"].tolist()[1])  # Izin: not in the room
    assert "akun Zoom bersama" in merged.loc[0, "keterangan"]


def test_shared_login_without_roster_stays():
    merged = merge_attendance([zoom(("KPU Kota Batu", "KPU Kota Batu", 100.0))])
    assert merged["nama"].tolist() == ["KPU Kota Batu"]


def test_order_ri_province_offices_by_code_others_then_no_instansi():
    merged = merge_attendance(
        [
            roster(
                ("Andi", "", "", "Hadir"),
                ("Budi", "", "Bawaslu Jawa Timur", "Hadir"),
                ("Citra", "", "KPU Kota Batu", "Hadir"),
                ("Dedi", "", "KPU Kabupaten Pacitan", "Hadir"),
                ("Euis", "", "KPU Provinsi Jawa Timur", "Hadir"),
                ("Fajar", "", "KPU RI", "Hadir"),
                ("Ahmad", "", "KPU Kota Batu", "Hadir"),
            )
        ]
    )
    assert merged["nama"].tolist() == ["Fajar", "Euis", "Dedi", "Citra", "Ahmad", "Budi", "Andi"]


def test_merge_does_not_modify_inputs():
    a = zoom(("Sari", "KPU Kota Batu", 100.0))
    b = roster(("Sari", "Staf", "KPU Kota Batu", "Hadir"))
    before = (a.copy(), b.copy())
    merge_attendance([a, b])
    assert a.equals(before[0]) and b.equals(before[1])


# ----------------------------------------------------------------------------- files
def test_detect_kind(tmp_path, sample_meeting_dir):
    assert detect_kind(sample_meeting_dir / "zoom-peserta.csv") == "zoom"
    assert detect_kind(FIXTURES / "zoom-tanpa-ringkasan.csv") == "zoom"
    assert detect_kind(sample_meeting_dir / "peserta-internal.csv") == "roster"
    (tmp_path / "a.txt").write_text("nama\nSari\n")
    assert detect_kind(tmp_path / "a.txt") == "roster"


def test_read_sample_meeting_attendance(sample_meeting_dir):
    df = read_attendance(
        [sample_meeting_dir / "zoom-peserta.csv", sample_meeting_dir / "peserta-internal.csv"],
        meeting_minutes=165,
    )
    pamekasan = df[df["instansi"] == "KPU Kabupaten Pamekasan"]
    assert pamekasan["nama"].tolist() == [
        "Mahdi",
        "Moh. Amiruddin",
        "Panji Kuncoro",
        "Yuda",
        "Ach. Fauzi",
        "Siti Nurhasanah",
    ]
    assert pamekasan["jabatan"].iloc[0] == "Ketua"
    assert pamekasan["durasi_menit"].notna().all()
    assert "KPU Kabupaten Pamekasan" not in set(df["nama"])  # shared login absorbed
    assert df["instansi"].nunique() == 40
    assert df["instansi"].iloc[0] == "KPU RI"
    assert df["instansi"].iloc[1] == "KPU Provinsi Jawa Timur"
    assert df["instansi"].iloc[-1] == "KPU Kota Batu"
    assert not df.duplicated(["nama", "instansi"]).any()


def test_empty_attendance_is_an_error(tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_text("nama,jabatan,instansi\n")
    with pytest.raises(InputError) as exc:
        read_attendance([path])
    assert "kosong.csv" in str(exc.value) and "kosong" in str(exc.value)
    with pytest.raises(InputError, match="tidak ada berkas kehadiran"):
        read_attendance([])


def test_zoom_rows_all_zero_minutes_is_empty(tmp_path):
    path = tmp_path / "zoom.csv"
    path.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Sari,,07/17/2025 09:00:00 AM,07/17/2025 09:00:20 AM,0\n"
    )
    with pytest.raises(InputError, match="data kehadiran kosong"):
        read_attendance([path])


def test_errors_of_all_files_are_reported_together(tmp_path):
    bad_roster = tmp_path / "hadir.csv"
    bad_roster.write_text("nama,status\nSari,bolos\n")
    missing = tmp_path / "tidak-ada.csv"
    with pytest.raises(InputError) as exc:
        read_attendance([bad_roster, missing, FIXTURES / "zoom-tanpa-ringkasan.csv"])
    message = str(exc.value)
    assert "hadir.csv" in message and "baris 2" in message
    assert "tidak-ada.csv" in message and "tidak ditemukan" in message


def test_unsupported_file_kind(tmp_path):
    path = tmp_path / "hadir.docx"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match="tidak didukung"):
        read_attendance([path])


# ----------------------------------------------------------------------------- indexed merge
def _reference():
    """The merge before it was indexed, kept in bench/merge.py as the benchmark's reference."""
    import importlib.util

    path = Path(__file__).parents[1] / "bench" / "merge.py"
    spec = importlib.util.spec_from_file_location("bench_merge", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [3, 4])
def test_indexed_merge_equals_the_reference(seed):
    """Generated tables (typos, titles, missing institutions, shared logins), in both orders
    and with a third report repeating the roster: the same table as comparing every row
    with every person."""
    bench = _reference()
    zoom_rows, roster_rows = bench.attendance_frames(900, seed)
    for frames in (
        [zoom_rows, roster_rows],
        [roster_rows, zoom_rows],
        [roster_rows, zoom_rows, roster_rows.assign(sumber="form.csv")],
    ):
        merged = merge_attendance(frames)
        assert merged.equals(bench.reference_merge(frames))
        assert len(merged) < sum(map(len, frames))


def test_fuzzy_match_among_many_people_of_one_office():
    """Past SCAN_MAX people an institution is searched through its name pieces; a typo in
    any piece (start, middle, end) and a name with or without an institution still match."""
    office = "KPU Kabupaten Jember"
    names = [f"Peserta Nomor {i:04d}" for i in range(400)]
    typos = {
        "Peserta Nomor 0007": "Pesreta Nomor 0007",
        "Peserta Nomor 0123": "Peserta Nmor 0123",
        "Peserta Nomor 0399": "Peserta Nomor 03999",
    }
    merged = merge_attendance(
        [
            zoom(*((n, office, 100.0) for n in names)),
            roster(
                *(
                    (typos.get(n, n), "Staf", office if i % 2 else "", "Hadir")
                    for i, n in enumerate(names)
                )
            ),
        ]
    )
    assert len(merged) == 400
    assert set(merged["sumber"]) == {"zoom.csv, hadir.csv"}
    assert {"Pesreta Nomor 0007", "Peserta Nmor 0123", "Peserta Nomor 03999"} <= set(merged["nama"])


def test_people_of_one_zoom_report_stay_apart_at_scale():
    """Two people with one name in one Zoom report (the reader kept them apart by e-mail)
    are not merged, however many there are; a roster row joins the first of them."""
    merged = merge_attendance(
        [
            zoom(*(("Sari", "KPU Kota Batu", 60.0 + i) for i in range(300))),
            roster(("Sari", "Staf", "KPU Kota Batu", "Hadir")),
        ]
    )
    assert len(merged) == 300
    assert merged.loc[0, "jabatan"] == "Staf" and merged.loc[0, "durasi_menit"] == 60.0


def test_second_shared_login_of_an_office_stays():
    """The first login of an office gives its time to the roster; a second one finds
    nobody left (their time already comes from Zoom) and stays as it was."""
    frames = [
        zoom(("KPU Kabupaten Pamekasan", "KPU Kabupaten Pamekasan", 140.0)),
        zoom(("KPU Kab Pamekasan", "KPU Kabupaten Pamekasan", 90.0), sumber="zoom-2.csv"),
        roster(("Mahdi", "Ketua", "KPU Kabupaten Pamekasan", "Hadir (daring)")),
    ]
    merged = merge_attendance(frames)
    assert merged["nama"].tolist() == ["KPU Kab Pamekasan", "Mahdi"]  # first seen first
    assert merged["durasi_menit"].tolist() == [90.0, 140.0]
    assert merged.equals(_reference().reference_merge(frames))


def test_name_pieces_find_every_name_alike_enough(monkeypatch):
    """The piece index returns every key that reaches NAME_SIMILARITY (a superset): keys
    are random names and copies of them with a few insertions and deletions."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from hypothesis_examples import examples
    from rapidfuzz import fuzz

    from workbench.rakor import merge

    monkeypatch.setattr(merge, "SCAN_MAX", 0)
    name = st.text(alphabet="abdi ", min_size=1, max_size=70)

    def edited(data, text: str) -> str:
        for _ in range(data.draw(st.integers(0, 4))):
            at = data.draw(st.integers(0, len(text)))
            text = (
                text[:at] + data.draw(st.sampled_from("abdi ")) + text[at:]
                if data.draw(st.booleans()) or not text
                else text[:at] + text[at + 1 :]
            )
        return text

    @settings(max_examples=examples(400), deadline=None)
    @given(st.lists(name, min_size=1, max_size=20), st.data())
    def check(names, data):
        keys = names + [edited(data, n) for n in names]
        query = edited(data, data.draw(st.sampled_from(names)))
        scope = merge._Scope()
        for i, key in enumerate(keys):
            scope.add(key, i)
        wanted = {k for k in keys if fuzz.ratio(query, k) >= merge.NAME_SIMILARITY}
        assert wanted <= scope.alike(query)

    check()

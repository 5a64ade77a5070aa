"""Issue #14: zero-width and bidi characters made "Mahdi" three people who all print as
"Mahdi". Names are normalised (NFKC, format characters removed) before merging, and each
row that held such characters is named in a warning."""

from __future__ import annotations

import datetime as dt

from workbench.rakor.readers.attendance import read_attendance

SPELLINGS = ("Mahdi", "Ma\u200bhdi", "Mahdi\u202e", "\u2067Mahdi\u2069", "Ｍａｈｄｉ")


def test_one_person_across_a_roster_and_a_zoom_report_whatever_the_invisible_characters(
    tmp_path,
):
    roster = tmp_path / "hadir.csv"
    roster.write_text(
        "nama,instansi,status\n" + "".join(f"{n},KPU Kota Batu,Hadir\n" for n in SPELLINGS[:3]),
        encoding="utf-8",
    )
    zoom = tmp_path / "zoom.csv"
    rows = [
        f"{n}_KPU Kota Batu,,07/17/2025 {9 + i}:00:00 AM,07/17/2025 {9 + i}:20:00 AM,20"
        for i, n in enumerate(SPELLINGS[2:])
    ]
    zoom.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    table = read_attendance([roster, zoom], meeting_minutes=60, tanggal=dt.date(2025, 7, 17))
    assert list(table["nama"]) == ["Mahdi"]
    assert table.loc[0, "durasi_menit"] == 60
    warned = [w.split(":")[0] for w in table.attrs["peringatan"] if "tak terlihat" in w]
    assert warned == [
        "hadir.csv baris 3",
        "hadir.csv baris 4",
        "zoom.csv baris 2",
        "zoom.csv baris 3",
    ]

"""Display names: the code-and-name rule (issue #17) and normalisation before merging
(NFKC, zero-width and bidi controls removed, issue #14)."""

from __future__ import annotations

import pytest

from workbench.rakor.names import DisplayName, normalize_text, parse_display_name, split_code
from workbench.rakor.readers.attendance import read_attendance


@pytest.mark.parametrize(
    "typed, nama, kode",
    [
        ("D99 - SHARADKUMAR ZARAPKAR", "SHARADKUMAR ZARAPKAR", "D99"),
        ("D157 -RAHANE SACHIN", "RAHANE SACHIN", "D157"),
        ("D140-SHAH ANAY", "SHAH ANAY", "D140"),
        ("D53- KANADE PRATIKSHA", "KANADE PRATIKSHA", "D53"),
        ("118  -  OMKAR SHARAD NANDODE", "OMKAR SHARAD NANDODE", "118"),
        ("198701012010011001 - Sari Wulandari", "Sari Wulandari", "198701012010011001"),
        ("19870101 201001 1 001 - Sari Wulandari", "Sari Wulandari", "19870101 201001 1 001"),
        ("Sari Wulandari - 198701012010011001", "Sari Wulandari", "198701012010011001"),
        ("Sari Wulandari | A12", "Sari Wulandari", "A12"),
        ("01. Sari Wulandari", "Sari Wulandari", "01"),
        ("18211a0482", "18211a0482", ""),  # only a code: it is what we have
        ("Siti-Rahma Putri", "Siti-Rahma Putri", ""),  # a bare dash inside a name
    ],
)
def test_a_code_typed_with_a_name_is_never_the_name(typed, nama, kode):
    name = parse_display_name(typed)
    assert (name.nama, name.kode, name.jabatan) == (nama, kode, "")


@pytest.mark.parametrize(
    "typed",
    [
        "Sari Wulandari - KPU Kota Batu",
        "Sari Wulandari -KPU Kota Batu",
        "Sari Wulandari- KPU Kota Batu",
        "Sari Wulandari-KPU Kota Batu",
        "KPU Kota Batu - Sari Wulandari",
        "KPU Kota Batu -Sari Wulandari",
        "Sari Wulandari_KPU Kota Batu",
        "35.79 - KPU Kota Batu - Sari Wulandari",
    ],
)
def test_name_and_institution_whatever_the_spacing(typed):
    name = parse_display_name(typed)
    assert (name.nama, name.instansi) == ("Sari Wulandari", "KPU Kota Batu")


def test_name_and_unknown_office_is_the_same_split_whatever_the_spacing():
    assert parse_display_name("Budi Santoso -Bappeda") == parse_display_name(
        "Budi Santoso - Bappeda"
    )
    assert parse_display_name("Budi Santoso - Bappeda").jabatan == "Bappeda"


def test_split_code_leaves_a_name_without_code():
    assert split_code("Sari Wulandari") == ("", "Sari Wulandari")
    assert DisplayName("Sari", "", kode="198701012010011001").nip == "198701012010011001"
    assert DisplayName("Sari", "", kode="D99").nip == ""


@pytest.mark.parametrize("typed", ["Ma\u200bhdi", "Mahdi\u202e", "\u2066Mahdi\u2069", "Ｍａｈｄｉ"])
def test_invisible_and_compatibility_characters_are_normalised(typed):
    assert normalize_text(typed) == "Mahdi"
    assert parse_display_name(typed).nama == "Mahdi"


def _zoom(tmp_path, rows):
    text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
    text += "".join(f"{r}\n" for r in rows)
    path = tmp_path / "zoom.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_roster_names_are_normalised_with_a_warning(tmp_path):
    path = tmp_path / "hadir.csv"
    path.write_text("nama,instansi\nMa\u200bhdi,KPU Kota Batu\nSari,KPU Kota Batu\n", "utf-8")
    table = read_attendance([path])
    assert list(table["nama"]) == ["Mahdi", "Sari"]
    assert any("hadir.csv baris 2" in w for w in table.attrs["peringatan"])


def test_nip_goes_to_keterangan_and_codes_keep_namesakes_apart(tmp_path):
    t = "07/17/2025 {}:00:00 AM"
    path = _zoom(
        tmp_path,
        [
            f"198701012010011001 - Sari Wulandari,,{t.format('09')},{t.format('11')},120",
            f"D12 - Budi Santoso,,{t.format('09')},{t.format('11')},120",
            f"D13 - Budi Santoso,,{t.format('09')},{t.format('10')},60",
        ],
    )
    table = read_attendance([path], meeting_minutes=120)
    assert list(table["nama"]) == ["Sari Wulandari", "Budi Santoso", "Budi Santoso"]
    assert "NIP 198701012010011001" in table.loc[0, "keterangan"]
    assert "D12" not in " ".join(table["keterangan"])


def test_roster_names_follow_the_code_rule(tmp_path):
    path = tmp_path / "hadir.csv"
    path.write_text(
        "nama,keterangan\n198701012010011001 - Sari Wulandari,narasumber\nD7 -Budi Santoso,\n",
        "utf-8",
    )
    table = read_attendance([path])
    assert list(table["nama"]) == ["Sari Wulandari", "Budi Santoso"]
    assert list(table["keterangan"]) == ["narasumber; NIP 198701012010011001", ""]

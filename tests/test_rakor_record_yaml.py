"""meeting.yaml reader: values as users type them, and errors naming file, line, field, fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import InputError, InputErrors
from workbench.rakor.blank import blank_yaml_text
from workbench.rakor.model import Meeting
from workbench.rakor.readers.record import load_meeting

FIXTURE = Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml"
MINIMAL = FIXTURE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "meeting.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINIMAL, old
    return write(tmp_path, MINIMAL.replace(old, new, 1))


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def load_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_meeting(path)
    return info.value


def assert_names(err: InputError, *, file: str, line: int, field: str, fix: str) -> None:
    msg = str(err)
    assert f"berkas {file}" in msg, msg
    assert f"baris {line}" in msg, msg
    assert f"'{field}'" in msg, msg
    assert "Perbaikan:" in msg and fix in msg, msg


# ----------------------------------------------------------------------------- valid input
def test_sample_record_loads(sample_meeting_dir):
    path = sample_meeting_dir / "meeting.yaml"
    m = load_meeting(path)
    assert isinstance(m, Meeting)
    assert m.source == path.resolve()
    r = m.rapat
    assert (r.satker, r.office.nama) == ("35.28", "KPU Kabupaten Pamekasan")
    assert (r.tanggal, r.mulai, r.selesai) == (dt.date(2025, 7, 17), dt.time(9, 0), None)
    assert (r.mode, r.zona_waktu, r.tempat) == ("daring", "WIB", "Zoom Meeting")
    # KPU Pamekasan attended: the chair is the province's, the office's Sekretaris acknowledges
    assert r.pimpinan.nama == "Nur Salam" and r.notulis.nama == "Yuda"
    assert r.mengetahui is not None and r.mengetahui.nama == "Panji Kuncoro"
    assert not r.held_by_office
    assert [x.narasumber.nama for x in m.materi] == [
        "Reni Rinjani Pratiwi",
        "Popong Anjarseno",
        "Nur Salam",
    ]
    assert len(m.materi[0].poin) == 3 and m.materi[0].poin[0].startswith("Standar Foto: ")
    assert len(m.materi[2].poin) == 6
    assert len(m.pembahasan) == 6
    assert all(t.tenggat.year == 2025 for t in m.tindak_lanjut)


@pytest.mark.parametrize("typed", ['"09.00"', '"09:00"', "09:00", "9.00", "09.00", '"9:00"'])
def test_start_time_as_typed(tmp_path, typed):
    m = load_meeting(variant(tmp_path, 'mulai: "09.00"', f"mulai: {typed}"))
    assert m.rapat.mulai == dt.time(9, 0)


@pytest.mark.parametrize("typed", ["11:30", '"11.30"', "11.30"])
def test_end_time_as_typed(tmp_path, typed):
    m = load_meeting(variant(tmp_path, 'selesai: "11.30"', f"selesai: {typed}"))
    assert m.rapat.selesai == dt.time(11, 30)


@pytest.mark.parametrize(
    "typed",
    [
        "2025-07-17",
        '"17/07/2025"',
        "17-07-2025",
        "17/7/2025",
        "17 Juli 2025",
        '"Kamis, 17 Juli 2025"',
        "17 Jul 2025",
    ],
)
def test_dates_day_first(tmp_path, typed):
    m = load_meeting(variant(tmp_path, "tanggal: 2025-07-17", f"tanggal: {typed}"))
    assert m.rapat.tanggal == dt.date(2025, 7, 17)


@pytest.mark.parametrize(
    "typed, month",
    [
        ("17 Agustus 2025", 8),
        ("17 Agu 2025", 8),
        ("17 Agt 2025", 8),
        ("17 Ags. 2025", 8),
        ("17 Sept 2025", 9),
        ("17 Nopember 2025", 11),
    ],
)
def test_indonesian_month_spellings(tmp_path, typed, month):
    m = load_meeting(variant(tmp_path, "tanggal: 2025-07-17", f"tanggal: {typed}"))
    assert m.rapat.tanggal == dt.date(2025, month, 17)


def test_narasumber_left_blank_means_none(tmp_path):
    m = load_meeting(
        variant(
            tmp_path,
            "      nama: Reni Rinjani Pratiwi\n"
            "      jabatan: Kabag Humas dan Informasi Publik KPU\n",
            "      nama:\n      jabatan: ''\n",
        )
    )
    assert m.materi[0].narasumber is None


def test_narasumber_with_jabatan_only_still_needs_nama(tmp_path):
    err = load_error(variant(tmp_path, "      nama: Reni Rinjani Pratiwi\n", "      nama:\n"))
    assert "materi[1].narasumber.nama" in str(err) and "belum diisi" in str(err)


def test_selesai_null_and_sd_selesai(tmp_path):
    assert (
        load_meeting(variant(tmp_path, 'selesai: "11.30"', "selesai: null")).rapat.selesai is None
    )
    m = load_meeting(variant(tmp_path, 'selesai: "11.30"', 'selesai: "s.d. selesai"'))
    assert m.rapat.selesai is None


def test_scalars_kept_as_typed(tmp_path):
    text = (
        MINIMAL.replace('satker: "35.28"', "satker: 35.10")
        .replace("nama: Mahdi", "nama: Mahdi\n    nip: 198501012010011001")
        .replace("mode: luring", "mode: Daring")
        .replace("zona_waktu: WIB", "zona_waktu: wita")
    )
    m = load_meeting(write(tmp_path, text))
    assert m.rapat.satker == "35.10"  # not the float 35.1
    assert m.rapat.pimpinan.nip == "198501012010011001"
    assert (m.rapat.mode, m.rapat.zona_waktu) == ("daring", "WITA")


def test_unquoted_point_with_colon_is_text(tmp_path):
    m = load_meeting(variant(tmp_path, "- Standar foto", "- Standar Foto: Foto harus tidak blur"))
    assert m.materi[0].poin[0] == "Standar Foto: Foto harus tidak blur"


def test_special_and_non_latin_text_survives(tmp_path):
    texts = ["Kopi & teh <panas> \"enak\" 'sekali'", "Café Pamekasan", "انتخابات", "ꦏꦺꦴꦩꦶꦱꦶ ꦥꦼꦩꦶꦭꦶꦃꦤ꧀"]
    quoted = ["'" + t.replace("'", "''") + "'" for t in texts]  # YAML single quotes
    block = "kesimpulan:\n" + "".join(f"  - {q}\n" for q in quoted)
    text = MINIMAL.replace("kesimpulan:\n  - Standar output diterapkan.\n", block)
    text = text.replace("judul: Rapat Evaluasi Kehumasan", "judul: Rapat di Café & Aula <1>")
    m = load_meeting(write(tmp_path, text))
    assert m.kesimpulan == texts
    assert m.rapat.judul == "Rapat di Café & Aula <1>"


def test_blank_list_items_are_skipped(tmp_path):
    m = load_meeting(variant(tmp_path, "    - Penutup", "    - Penutup\n    -\n    - ''"))
    assert m.rapat.acara == ["Pembukaan", "Penutup"]


def test_photo_paths_resolved_against_record_folder(tmp_path):
    from PIL import Image

    (tmp_path / "foto").mkdir()
    Image.new("RGB", (4, 3), "red").save(tmp_path / "foto" / "buka.png")
    m = load_meeting(write(tmp_path, MINIMAL + "dokumentasi:\n  - foto/buka.png\n"))
    assert m.dokumentasi == [(tmp_path / "foto" / "buka.png").resolve()]
    assert m.dokumentasi[0].is_absolute()


# ----------------------------------------------------------------------------- errors
def test_missing_required_key(tmp_path):
    path = variant(tmp_path, "  tempat: Aula KPU Kabupaten Pamekasan\n", "")
    err = load_error(path)
    assert_names(err, file="meeting.yaml", line=2, field="rapat.tempat", fix="isi 'tempat'")
    assert "belum diisi" in str(err)


def test_empty_required_value(tmp_path):
    path = variant(tmp_path, "nama: Yuda", "nama:")
    err = load_error(path)
    assert_names(
        err,
        file="meeting.yaml",
        line=line_of(MINIMAL, "nama: Yuda"),
        field="rapat.notulis.nama",
        fix="isi 'nama'",
    )


def test_unknown_key_suggests_the_right_one(tmp_path):
    path = variant(tmp_path, "judul: Rapat Evaluasi", "judull: Rapat Evaluasi")
    err = load_error(path)
    assert_names(err, file="meeting.yaml", line=3, field="rapat.judull", fix="kunci yang sah")
    assert 'maksud Anda: "judul"' in str(err)
    assert "belum diisi" not in str(err)  # the typo is one problem, not two


def test_unknown_top_level_key(tmp_path):
    err = load_error(variant(tmp_path, "kesimpulan:", "kesimpulann:"))
    assert_names(
        err,
        file="meeting.yaml",
        line=line_of(MINIMAL, "kesimpulan:"),
        field="kesimpulann",
        fix="tindak_lanjut",
    )
    assert 'maksud Anda: "kesimpulan"' in str(err)


@pytest.mark.parametrize("typed", ['"31/02/2025"', "kemarin", "2025/17/07", '"17072025"'])
def test_bad_date(tmp_path, typed):
    err = load_error(variant(tmp_path, "tanggal: 2025-07-17", f"tanggal: {typed}"))
    assert_names(err, file="meeting.yaml", line=6, field="rapat.tanggal", fix="17/07/2025")
    assert "tidak dapat dibaca" in str(err)


def test_bad_deadline(tmp_path):
    err = load_error(variant(tmp_path, "tenggat: 2025-07-31", "tenggat: 31 Juni 2025"))
    assert_names(
        err,
        file="meeting.yaml",
        line=line_of(MINIMAL, "tenggat:"),
        field="tindak_lanjut[1].tenggat",
        fix="17/07/2025",
    )


@pytest.mark.parametrize("typed", ['"25.00"', "jam sembilan", '"9.75"'])
def test_bad_time(tmp_path, typed):
    err = load_error(variant(tmp_path, 'mulai: "09.00"', f"mulai: {typed}"))
    assert_names(err, file="meeting.yaml", line=7, field="rapat.mulai", fix="09.00")


def test_selesai_before_mulai(tmp_path):
    err = load_error(variant(tmp_path, 'selesai: "11.30"', 'selesai: "08.30"'))
    assert_names(err, file="meeting.yaml", line=8, field="rapat.selesai", fix="s.d. selesai")
    assert "08.30" in str(err) and "09.00" in str(err)


def test_selesai_before_mulai_reported_with_other_errors(tmp_path):
    text = MINIMAL.replace('selesai: "11.30"', 'selesai: "08.30"').replace(
        "tanggal: 2025-07-17", "tanggal: besok"
    )
    with pytest.raises(InputErrors) as info:
        load_meeting(write(tmp_path, text))
    fields = {e.field for e in info.value.errors}
    assert {"rapat.selesai", "rapat.tanggal"} <= fields


def test_unknown_satker(tmp_path):
    err = load_error(variant(tmp_path, 'satker: "35.28"', 'satker: "35.99"'))
    assert_names(err, file="meeting.yaml", line=5, field="rapat.satker", fix="35.28")
    assert "tidak dikenal" in str(err)


def test_bad_choice_suggests(tmp_path):
    err = load_error(variant(tmp_path, "mode: luring", "mode: darin"))
    assert_names(
        err, file="meeting.yaml", line=10, field="rapat.mode", fix="luring, daring, hybrid"
    )
    assert 'maksud Anda: "daring"' in str(err)


def test_missing_photo(tmp_path):
    path = write(tmp_path, MINIMAL + "dokumentasi:\n  - foto/tidak-ada.jpg\n")
    err = load_error(path)
    assert_names(
        err,
        file="meeting.yaml",
        line=MINIMAL.count("\n") + 2,
        field="dokumentasi[1]",
        fix="relatif terhadap folder",
    )
    assert "foto/tidak-ada.jpg" in str(err)


def test_photo_that_is_not_an_image(tmp_path):
    (tmp_path / "catatan.pdf").write_bytes(b"%PDF")
    err = load_error(write(tmp_path, MINIMAL + "dokumentasi: [catatan.pdf]\n"))
    assert "bukan berkas gambar" in str(err)


def test_syntax_error_has_line(tmp_path):
    err = load_error(
        variant(tmp_path, "judul: Rapat Evaluasi Kehumasan", "judul: Rapat: Evaluasi: Kehumasan")
    )
    assert_names(err, file="meeting.yaml", line=3, field="judul", fix="tanda kutip")
    assert "penulisan YAML salah" in str(err)


def test_tab_indentation(tmp_path):
    err = load_error(variant(tmp_path, "  tempat:", "\ttempat:"))
    assert_names(
        err,
        file="meeting.yaml",
        line=line_of(MINIMAL, "tempat:"),
        field="tempat",
        fix="spasi, bukan tab",
    )


def test_duplicate_key(tmp_path):
    err = load_error(variant(tmp_path, "  mode: luring\n", "  mode: luring\n  mode: daring\n"))
    assert_names(err, file="meeting.yaml", line=11, field="rapat.mode", fix="hapus salah satunya")
    assert "dua kali" in str(err) and "baris 10" in str(err)


def test_all_errors_reported_at_once(tmp_path):
    text = (
        MINIMAL.replace("judul: Rapat Evaluasi", "judull: Rapat Evaluasi")
        .replace('satker: "35.28"', 'satker: "99.99"')
        .replace('mulai: "09.00"', 'mulai: "99"')
    )
    with pytest.raises(InputErrors) as info:
        load_meeting(write(tmp_path, text))
    errors = info.value.errors
    assert [e.row for e in errors] == sorted(e.row for e in errors)
    assert {e.field for e in errors} == {"rapat.judull", "rapat.satker", "rapat.mulai"}
    assert str(info.value).count("Perbaikan:") == 3


def test_not_a_mapping(tmp_path):
    err = load_error(write(tmp_path, "- satu\n- dua\n"))
    assert "berkas meeting.yaml" in str(err) and "new-meeting" in str(err)


def test_empty_file(tmp_path):
    err = load_error(write(tmp_path, "# kosong\n"))
    assert "berkas meeting.yaml" in str(err)


def test_not_utf8(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_bytes(MINIMAL.replace("Aula KPU", "Aula Café").encode("cp1252"))
    err = load_error(path)
    assert "UTF-8" in str(err) and "baris 11" in str(err)


def test_source_key_is_not_accepted(tmp_path):
    err = load_error(write(tmp_path, MINIMAL + "source: /etc/passwd\n"))
    assert "'source'" in str(err)


def test_unknown_suffix_and_missing_file(tmp_path):
    assert "jenis berkas" in str(load_error(write(tmp_path, MINIMAL, "rapat.txt")))
    assert "tidak ditemukan" in str(load_error(tmp_path / "tidak-ada.yaml"))


def test_blank_template_gives_missing_values_not_a_crash(tmp_path):
    with pytest.raises(InputErrors) as info:
        load_meeting(write(tmp_path, blank_yaml_text()))
    errors = info.value.errors
    assert all("belum diisi" in e.problem for e in errors), str(info.value)
    assert {
        "rapat.judul",
        "rapat.satker",
        "rapat.tanggal",
        "rapat.mulai",
        "rapat.mode",
        "rapat.pimpinan.nama",
    } <= {e.field for e in errors}


def test_loading_does_not_change_the_file(tmp_path):
    path = write(tmp_path, MINIMAL)
    load_meeting(path)
    assert path.read_text(encoding="utf-8") == MINIMAL


# ----------------------------------------------------------------------------- the documentation
DOC = Path(__file__).resolve().parents[1] / "docs" / "format-rapat.md"


def test_documented_example_loads(tmp_path):
    import re

    from PIL import Image

    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    for folder, name in (("foto", "pembukaan.jpg"), ("foto-lain", "ketua.jpg")):  # as documented
        (tmp_path / folder).mkdir()
        Image.new("RGB", (4, 3), "red").save(tmp_path / folder / name)
    m = load_meeting(write(tmp_path, example))
    assert (m.rapat.satker, m.rapat.tanggal, m.rapat.mode) == (
        "35.28",
        dt.date(2025, 7, 17),
        "daring",
    )
    assert m.tindak_lanjut[0].tenggat == dt.date(2025, 7, 31)


def test_documentation_names_every_key():
    from workbench.rakor.model import Materi, Person, Rapat, TindakLanjut

    doc = DOC.read_text(encoding="utf-8")
    models = (Meeting, Rapat, Person, Materi, TindakLanjut)
    keys = {k for model in models for k, f in model.model_fields.items() if not f.exclude}
    assert not [k for k in sorted(keys) if f"`{k}`" not in doc]

"""`workbench minutes` on bad input: exit code 2, a message naming file, row/line, field and
fix, and nothing written in --out.

Each case goes through the real entry point (:func:`workbench.cli.main`). Validation runs
before the notebook starts, so these tests need no kernel. The reader-level variants (every
spelling of a bad date, each XLSX sheet, ...) are in test_meeting_yaml.py,
test_meeting_xlsx.py and test_attendance_*.py; here each bad input of issue #2 is checked
once through the command a secretariat runs. The last test runs the notebook (slow) and
checks that special and non-Latin text reaches notula.docx intact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_helpers import docx_text

from workbench.cli import main
from workbench.rakor.blank import write_meeting_xlsx
from workbench.rakor.readers.record import load_meeting

FIXTURE = Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml"
MINIMAL = FIXTURE.read_text(encoding="utf-8")
ROSTER = "nama,jabatan,instansi,status\nSari,Staf,KPU Kabupaten Pamekasan,Hadir\n"


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def case(tmp_path):
    """A folder with a valid record, a valid roster and an empty --out folder."""
    folder = tmp_path / "rapat"
    folder.mkdir()
    (folder / "meeting.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "hadir.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return folder


@pytest.fixture
def minutes(case, capsys):
    """Run ``workbench minutes RECORD -a FILE... --out OUT``; check nothing was written."""
    out_dir = case.parent / "out"

    def run(record: str = "meeting.yaml", *attendance: str) -> Run:
        before = sorted(p.name for p in case.iterdir())
        args = ["minutes", str(case / record), "--out", str(out_dir)]
        for name in attendance or ("hadir.csv",):
            args += ["-a", str(case / name)]
        with pytest.raises(SystemExit) as info:
            main(args)
        captured = capsys.readouterr()
        result = Run(info.value.code, captured.out, captured.err)
        if result.code != 0:
            assert list(out_dir.iterdir()) == [], "a failed run wrote into --out"
            assert sorted(p.name for p in case.iterdir()) == before, "a failed run left files"
        return result

    return run


def write_yaml(case: Path, old: str, new: str, name: str = "meeting.yaml") -> str:
    assert old in MINIMAL, old
    (case / name).write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    return name


def line_of(case: Path, needle: str, name: str = "meeting.yaml") -> int:
    lines = (case / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def assert_error(
    r: Run, *, file: str, where: str | None, field: str | None, problem: str, fix: str
) -> None:
    """Exit 2; stderr names the file, the row/line (``where``), the field, problem and fix."""
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.err.startswith("Galat: "), r.err
    assert f"berkas {file}" in r.err or f"/{file}:" in r.err, r.err
    if where is not None:
        assert where in r.err, r.err
    if field is not None:
        assert f"kolom/kunci '{field}'" in r.err, r.err
    assert problem in r.err, r.err
    assert "Perbaikan: " in r.err and fix in r.err, r.err
    assert "Traceback" not in r.err
    assert "Notula rapat selesai" not in r.out


# ----------------------------------------------------------------------------- the record
def test_missing_required_key(case, minutes):
    write_yaml(case, "  tempat: Aula KPU Kabupaten Pamekasan\n", "")
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'rapat:')}",
        field="rapat.tempat",
        problem="nilai wajib belum diisi",
        fix="isi 'tempat'",
    )


def test_missing_required_nested_key(case, minutes):
    write_yaml(case, "    nama: Yuda\n", "")
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'notulis:')}",
        field="rapat.notulis.nama",
        problem="nilai wajib belum diisi",
        fix="isi 'nama' (nama notulis",
    )


def test_unknown_key_with_did_you_mean(case, minutes):
    write_yaml(case, "  tempat:", "  tempt:")
    r = minutes()
    assert_error(
        r,
        file="meeting.yaml",
        where=f"baris {line_of(case, 'tempt:')}",
        field="rapat.tempt",
        problem="kunci 'tempt' tidak dikenal (maksud Anda: \"tempat\"?)",
        fix="perbaiki ejaan atau hapus kunci ini",
    )
    assert "belum diisi" not in r.err  # the misspelt key is not also reported as missing


def test_unknown_top_level_key(case, minutes):
    write_yaml(case, "kesimpulan:", "kesimpulann:")
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'kesimpulann:')}",
        field="kesimpulann",
        problem='(maksud Anda: "kesimpulan"?)',
        fix="kunci yang sah di sini: rapat, materi",
    )


@pytest.mark.parametrize(
    "key, old, typed",
    [
        ("tanggal", "tanggal: 2025-07-17", "31/02/2025"),
        ("tanggal", "tanggal: 2025-07-17", "kemarin"),
        ("tenggat", "tenggat: 2025-07-31", "akhir bulan"),
    ],
)
def test_date_that_does_not_parse(case, minutes, key, old, typed):
    write_yaml(case, old, f"{key}: {typed}")
    field = "rapat.tanggal" if key == "tanggal" else "tindak_lanjut[1].tenggat"
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, f'{key}: {typed}')}",
        field=field,
        problem=f"tanggal '{typed}' tidak dapat dibaca",
        fix="tulis tanggal sebagai 17/07/2025",
    )


@pytest.mark.parametrize("typed", ["9 pagi", "25.00", "09.75"])
def test_time_that_does_not_parse(case, minutes, typed):
    write_yaml(case, 'mulai: "09.00"', f'mulai: "{typed}"')
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'mulai:')}",
        field="rapat.mulai",
        problem=f"jam '{typed}' tidak dapat dibaca",
        fix="tulis jam sebagai 09.00",
    )


def test_time_that_does_not_parse_in_workbook(case, minutes):
    import openpyxl

    path = write_meeting_xlsx(load_meeting(case / "meeting.yaml"), case / "rapat.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Rapat"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "selesai")
    ws.cell(row, 2).value = "11:3O"  # letter O typed for a zero
    wb.save(path)
    assert_error(
        minutes("rapat.xlsx"),
        file="rapat.xlsx",
        where=f"sheet Rapat baris {row}",
        field="selesai",
        problem="jam '11:3O' tidak dapat dibaca",
        fix="tulis jam sebagai 09.00",
    )


def test_selesai_before_mulai(case, minutes):
    write_yaml(case, 'selesai: "11.30"', 'selesai: "08.30"')
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'selesai:')}",
        field="rapat.selesai",
        problem="selesai (08.30) tidak boleh sebelum atau sama dengan mulai (09.00)",
        fix="periksa jam mulai dan selesai",
    )


def test_unknown_satker(case, minutes):
    write_yaml(case, 'satker: "35.28"', 'satker: "35.99"')
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'satker:')}",
        field="rapat.satker",
        problem="kode satker '35.99' tidak dikenal",
        fix="gunakan kode wilayah BPS",
    )


def test_photo_that_does_not_exist(case, minutes):
    (case / "meeting.yaml").write_text(
        MINIMAL + "dokumentasi:\n  - foto/pembukaan.jpg\n", encoding="utf-8"
    )
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'pembukaan.jpg')}",
        field="dokumentasi[1]",
        problem="foto 'foto/pembukaan.jpg' tidak ditemukan",
        fix="relatif terhadap folder berkas rapat",
    )


@pytest.mark.parametrize(
    "content",
    [b"\xff\xd8\xff\xe0garbage", b"not an image at all"],
    ids=["jpeg-rusak", "bukan-gambar"],
)
def test_photo_that_cannot_be_read(case, minutes, content):
    (case / "foto").mkdir()
    (case / "foto" / "pembukaan.jpg").write_bytes(content)
    (case / "meeting.yaml").write_text(
        MINIMAL + "dokumentasi:\n  - foto/pembukaan.jpg\n", encoding="utf-8"
    )
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'pembukaan.jpg')}",
        field="dokumentasi[1]",
        problem="foto 'foto/pembukaan.jpg' tidak dapat dibaca",
        fix="simpan ulang sebagai .jpg",
    )


def test_several_problems_are_reported_together(case, minutes):
    text = MINIMAL.replace('satker: "35.28"', 'satker: "35.99"').replace(
        "mode: luring", "mode: online"
    )
    (case / "meeting.yaml").write_text(text, encoding="utf-8")
    r = minutes()
    assert r.code == 2
    assert "'rapat.satker'" in r.err and "'rapat.mode'" in r.err
    assert "pilih salah satu: luring, daring, hybrid" in r.err


def test_record_that_does_not_exist(case, minutes):
    r = minutes("rapat-tidak-ada.yaml")
    assert_error(
        r,
        file="rapat-tidak-ada.yaml",
        where=None,
        field=None,
        problem="berkas rapat tidak ditemukan",
        fix="workbench new-meeting",
    )


def test_corrupt_record_workbook(case, minutes):
    (case / "rapat.xlsx").write_bytes(b"PK\x03\x04 bukan workbook")
    assert_error(
        minutes("rapat.xlsx"),
        file="rapat.xlsx",
        where=None,
        field=None,
        problem="bukan workbook Excel (.xlsx) yang sah atau rusak",
        fix="simpan ulang berkas dari Excel/LibreOffice",
    )


# ----------------------------------------------------------------------------- attendance
def test_unknown_attendance_status(case, minutes):
    (case / "hadir.csv").write_text(
        ROSTER + "Budi,Staf,KPU Kabupaten Pamekasan,Hadirr\n", encoding="utf-8"
    )
    assert_error(
        minutes(),
        file="hadir.csv",
        where="baris 3",
        field="status",
        problem="status 'Hadirr' tidak dikenal (maksud Anda: \"Hadir\"?)",
        fix="isi salah satu: Hadir, Hadir (daring), Izin",
    )


def test_unknown_status_in_the_workbook_kehadiran_sheet(case, minutes):
    meeting = load_meeting(case / "meeting.yaml")
    write_meeting_xlsx(
        meeting,
        case / "rapat.xlsx",
        attendance=[{"nama": "Sari", "status": "Hadir"}, {"nama": "Budi", "status": "Cuti"}],
    )
    r = minutes("rapat.xlsx", "rapat.xlsx")
    assert_error(
        r,
        file="rapat.xlsx",
        where="sheet Kehadiran baris 3",
        field="status",
        problem="status 'Cuti' tidak dikenal",
        fix="isi salah satu",
    )


def test_empty_attendance(case, minutes):
    (case / "hadir.csv").write_text("nama,jabatan,instansi,status\n", encoding="utf-8")
    assert_error(
        minutes(),
        file="hadir.csv",
        where=None,
        field=None,
        problem="data kehadiran kosong",
        fix="isi minimal satu baris peserta",
    )


def test_no_attendance_for_a_yaml_record(case, capsys):
    with pytest.raises(SystemExit) as info:
        main(["minutes", str(case / "meeting.yaml"), "--out", str(case.parent / "out")])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "tidak ada data kehadiran" in err and "--attendance" in err
    assert list((case.parent / "out").iterdir()) == []


def test_csv_with_none_of_the_expected_columns(case, minutes):
    (case / "hadir.csv").write_text("Kolom A;Kolom B\n1;2\n", encoding="utf-8")
    assert_error(
        minutes(),
        file="hadir.csv",
        where="baris 1",
        field="nama",
        problem="kolom 'nama' tidak ditemukan; kolom yang ada: Kolom A, Kolom B",
        fix="baris judul daftar hadir harus memuat kolom: nama",
    )


def test_zoom_report_missing_columns(case, minutes):
    (case / "zoom.csv").write_text(
        "Name (Original Name),User Email\nSari,s@example.com\n", encoding="utf-8"
    )
    assert_error(
        minutes("meeting.yaml", "zoom.csv"),
        file="zoom.csv",
        where="baris 1",
        field="Join Time",
        problem="kolom laporan peserta Zoom tidak lengkap",
        fix="gunakan laporan peserta asli dari Zoom",
    )


@pytest.mark.parametrize("content", [b"", b"bukan zip sama sekali", b"PK\x03\x04rusak"])
def test_unreadable_or_corrupt_attendance_xlsx(case, minutes, content):
    (case / "hadir.xlsx").write_bytes(content)
    assert_error(
        minutes("meeting.yaml", "hadir.xlsx"),
        file="hadir.xlsx",
        where=None,
        field=None,
        problem="berkas XLSX rusak atau bukan workbook Excel",
        fix="simpan ulang sebagai .xlsx",
    )


def test_attendance_file_that_does_not_exist(case, minutes):
    assert_error(
        minutes("meeting.yaml", "tidak-ada.csv"),
        file="tidak-ada.csv",
        where=None,
        field=None,
        problem="berkas kehadiran tidak ditemukan",
        fix="periksa nama dan lokasi berkas",
    )


def test_problems_in_record_are_reported_before_attendance_is_read(case, minutes):
    write_yaml(case, 'satker: "35.28"', 'satker: "35.99"')
    (case / "hadir.csv").write_text("Kolom A\n1\n", encoding="utf-8")
    r = minutes()
    assert r.code == 2 and "satker" in r.err


# ----------------------------------------------------------------------------- special text
SPECIAL = "R&D <draf> \"kutip\" 'tunggal'"
ARABIC, CHINESE, JAVANESE = "محمد عبد الله", "王小明", "ꦗꦮ"

SPECIAL_RECORD = f"""\
rapat:
  judul: 'Rapat {SPECIAL.replace("'", "''")}'
  penyelenggara: KPU Kabupaten Pamekasan
  satker: "35.28"
  tanggal: 17/07/2025
  mulai: "09.00"
  selesai: "11.30"
  mode: luring
  tempat: 'Aula & Ruang <Media> "Center"'
  pimpinan: {{nama: {CHINESE}, jabatan: 'Ketua "KPU" & <Divisi>'}}
  notulis: {{nama: {ARABIC}, jabatan: Notulis}}
  acara:
    - 'Pembukaan & perkenalan <singkat>'
materi:
  - judul: 'Standar {SPECIAL.replace("'", "''")}'
    narasumber: {{nama: Ṣāliḥ {JAVANESE}}}
    poin:
      - 'a < b & c > d, "kutip" dan ''tunggal'''
      - 中文要点：选举委员会
kesimpulan:
  - 'Kesimpulan {SPECIAL.replace("'", "''")}'
tindak_lanjut:
  - uraian: 'Tindak & lanjut <segera>'
    penanggung_jawab: 'Sub Bagian "Parmas" & SDM'
    tenggat: 31/07/2025
"""

SPECIAL_ROSTER = (
    "nama,jabatan,instansi,status\n"
    f"{CHINESE},Ketua,KPU Kabupaten Pamekasan,Hadir\n"
    f"{ARABIC},Notulis,KPU Kabupaten Pamekasan,Hadir\n"
    '"O\'Brien & <Co> ""Q""",Tamu,"Lembaga ""R&D"" <Timur>",Izin\n'
)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_special_and_non_latin_text_renders_intact(case, minutes):
    (case / "meeting.yaml").write_text(SPECIAL_RECORD, encoding="utf-8")
    (case / "hadir.csv").write_text(SPECIAL_ROSTER, encoding="utf-8")
    r = minutes()
    assert r.code == 0, r.err
    [folder] = list((case.parent / "out").iterdir())
    notula = docx_text(folder / "notula.docx")
    for text in (
        f"Rapat {SPECIAL}",
        f"Standar {SPECIAL}",
        f"Kesimpulan {SPECIAL}",
        'Aula & Ruang <Media> "Center"',
        "Pembukaan & perkenalan <singkat>",
        f'{CHINESE} (Ketua "KPU" & <Divisi>)',
        f"{ARABIC} (Notulis)",
        f"Ṣāliḥ {JAVANESE}",
        "a < b & c > d, \"kutip\" dan 'tunggal'",
        "中文要点：选举委员会",
        "Tindak & lanjut <segera>",
        'Sub Bagian "Parmas" & SDM',
        'Lembaga "R&D" <Timur>',
    ):
        assert text in notula, text
    assert "&amp;" not in notula and "&lt;" not in notula and "&quot;" not in notula
    hadir = docx_text(folder / "daftar-hadir.docx")
    for text in (CHINESE, ARABIC, 'O\'Brien & <Co> "Q"', 'Lembaga "R&D" <Timur>'):
        assert text in hadir, text
    assert "&amp;" not in hadir


def test_edited_template_with_an_unknown_tag(case, capsys):
    """An edited template is checked before the run: a tag the program does not supply is
    bad input (exit 2), nothing written."""
    template = Path(__file__).parent / "fixtures" / "templates" / "notula-tag-asing.docx"
    out_dir = case.parent / "out"
    with pytest.raises(SystemExit) as info:
        main(
            [
                "minutes",
                str(case / "meeting.yaml"),
                "-a",
                str(case / "hadir.csv"),
                "--out",
                str(out_dir),
                "--templat-notula",
                str(template),
            ]
        )
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "notula-tag-asing.docx" in err and "--templat-notula" in err
    assert "templates check" in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_weekday_that_contradicts_the_date(case, minutes):
    write_yaml(case, "tanggal: 2025-07-17", "tanggal: Senin, 17 Juli 2025")
    assert_error(
        minutes(),
        file="meeting.yaml",
        where=f"baris {line_of(case, 'tanggal:')}",
        field="rapat.tanggal",
        problem="17 Juli 2025 jatuh pada hari Kamis, bukan Senin",
        fix="perbaiki nama hari atau tanggalnya",
    )

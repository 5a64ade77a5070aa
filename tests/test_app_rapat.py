"""workbench/app/rapat.py and ui.py in-process (no kernel, no browser): the record's problems
as the CLI words them, photos the record names, the attendance table, sessions apart."""

from __future__ import annotations

import io

import openpyxl
import pytest
import yaml

from workbench.app.rapat import MeetingSession, summarize_attendance
from workbench.app.ui import attendance_html, build, problems_html
from workbench.app.uploads import SessionFolder, Upload
from workbench.limits import MAX_YAML_BYTES
from workbench.paths import SAMPLE_MEETING_DIR as S

FOTO = sorted((S / "foto").glob("*.jpg"))


def up(path, name=None) -> Upload:
    return Upload(name or path.name, path.read_bytes())


@pytest.fixture
def session(tmp_path):
    with SessionFolder(tmp_path / "tmp") as box:
        yield MeetingSession(box, out_dir=tmp_path / "reports")


def test_bad_record_lists_file_row_field_fix_without_session_paths(session):
    data = yaml.safe_load((S / "meeting.yaml").read_text())
    data["rapat"]["tanggal"] = "31/02/2025"
    data["rapat"]["mode"] = "setengah"
    state = session.add_record(Upload("meeting.yaml", yaml.safe_dump(data).encode()))
    assert not state.ok
    fields = {p.kolom for p in state.problems}
    assert {"rapat.tanggal", "rapat.mode"} <= fields
    for p in state.problems:
        assert p.berkas == "meeting.yaml" and p.baris.startswith("baris ") and p.perbaikan
        assert str(session.box.root) not in p.text


def test_record_over_its_bound_is_refused_before_writing(session):
    state = session.add_record(Upload("meeting.yaml", b"#" * (MAX_YAML_BYTES + 1)))
    assert "terlalu besar" in state.problems[0].masalah
    assert session.record is None and not (session.box.root / "rapat").exists()


def test_wrong_kind_of_record_is_a_message(session):
    state = session.add_record(Upload("notula.docx", b"PK"))
    assert "harus berupa berkas" in state.problems[0].masalah


def test_photos_the_record_names_wait_for_the_upload(session):
    state = session.add_record(up(S / "meeting.yaml"))
    assert not state.ok and state.menunggu_foto == ["foto/"] and state.problems == []
    (missing,) = session.ready()
    assert "foto/" in missing.masalah and "langkah Foto" in missing.perbaikan
    session.add_photos([up(p) for p in FOTO])
    assert session.state.ok and session.ready() == []
    placed = sorted(p.name for p in (session.record.parent / "foto").iterdir())
    assert placed == [p.name for p in FOTO]


def test_record_naming_a_path_outside_its_folder_places_nothing_there(session, tmp_path):
    data = yaml.safe_load((S / "meeting.yaml").read_text())
    data["dokumentasi"] = ["../../../luar/", "foto/IMG_0901.jpg"]
    session.add_photos([up(FOTO[0])])
    session.add_record(Upload("meeting.yaml", yaml.safe_dump(data).encode()))
    assert not (tmp_path / "luar").exists()
    assert not (session.box.root.parent / "luar").exists()
    assert (session.record.parent / "foto" / "IMG_0901.jpg").is_file()


def test_zip_of_photos(session):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in FOTO[:2]:
            z.write(p, f"foto/{p.name}")
    session.add_photos([Upload("foto.zip", buf.getvalue())])
    assert [p.name for p in session.photos] == [p.name for p in FOTO[:2]]


def test_attendance_table_per_file(session):
    session.add_record(up(S / "meeting.yaml"))
    session.add_photos([up(p) for p in FOTO])
    zoom, roster = session.add_attendance(
        [up(S / "zoom-peserta.csv"), up(S / "peserta-internal.csv")]
    )
    assert (zoom.platform, zoom.waktu, zoom.orang) == ("Zoom", "17-07-2025 08.48", 82)
    assert any("kurang_durasi" in w for w in zoom.peringatan)
    assert any("akun Zoom bersama" in w for w in zoom.peringatan)
    assert (roster.platform, roster.orang, roster.peringatan) == ("daftar hadir", 6, ())


def test_attendance_of_another_date_is_a_warning(tmp_path):
    from workbench.rakor.readers.record import load_meeting

    meeting = load_meeting(S / "meeting.yaml")
    text = (
        (S / "zoom-peserta.csv").read_text(encoding="utf-8-sig").replace("07/17/2025", "07/24/2025")
    )
    other = tmp_path / "zoom.csv"
    other.write_text(text, encoding="utf-8")
    row = summarize_attendance(other, meeting)
    assert row.waktu.startswith("24-07-2025")
    assert any("tanggal 17-07-2025" in w for w in row.peringatan)


def test_bad_attendance_file_lists_its_problem(session, tmp_path):
    (row,) = session.add_attendance([Upload("kosong.csv", b"warna,rasa\nmerah,manis\n")])
    assert row.platform == "tidak terbaca"
    assert row.problems and row.problems[0].berkas == "kosong.csv"


def test_blank_workbook_is_new_meetings(session):
    wb = openpyxl.load_workbook(io.BytesIO(session.blank_workbook()))
    assert "Rapat" in wb.sheetnames


def test_photo_check_flags_and_agenda(session):
    session.add_record(up(S / "meeting.yaml"))
    session.add_photos([up(p) for p in FOTO])
    rows = {r.berkas: r for r in session.check_photos()}
    assert rows["IMG_0918.jpg"].masalah == ("kabur (blur)",)
    assert (
        rows["IMG_0901.jpg"].acara == "Pembukaan" and rows["IMG_0901.jpg"].thumb[:2] == b"\xff\xd8"
    )


def test_two_sessions_never_share_files(tmp_path):
    with SessionFolder(tmp_path) as a, SessionFolder(tmp_path) as b:
        one, two = MeetingSession(a), MeetingSession(b)
        one.add_attendance([up(S / "peserta-internal.csv")])
        assert two.attendance == [] and not (b.root / "kehadiran").exists()
        assert one.attendance[0].is_relative_to(a.root)


def test_problems_and_names_are_escaped_in_the_page():
    from workbench.app.rapat import AttendanceFile, Problem

    html = problems_html(
        [Problem("<b>x.yaml", "baris 1", "judul", "<script>alert(1)</script>", "")]
    )
    html += attendance_html([AttendanceFile("<img src=x>.csv", "Zoom", "", "", 1)])
    assert "<script>" not in html and "<img src=x>" not in html and "&lt;script&gt;" in html


def test_app_builds_without_a_kernel(tmp_path):
    with SessionFolder(tmp_path) as box:
        app = build(str(tmp_path / "reports"), box)
        assert app.children[1].titles == ("Rapat → dokumen", "Triwulan Bakohumas")


def test_messages_never_show_a_session_folder(tmp_path):
    from workbench.app.rapat import problems_of
    from workbench.errors import InputError

    error = InputError(
        "foto '/tmp/workbench-app-123-abc/rapat/foto/x.heic' tidak dapat dibaca",
        file="/tmp/workbench-app-123-abc/foto/x.heic",
        fix="simpan ulang sebagai .jpg",
    )
    (p,) = problems_of(error)
    assert p.berkas == "x.heic" and "workbench-app" not in p.text and "'x.heic'" in p.masalah

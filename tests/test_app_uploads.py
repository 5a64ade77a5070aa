"""workbench/app/uploads.py: names never become paths unchecked, bounds before anything is
written, zip entries checked, one folder per session removed at its end."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import zipfile

import pytest

from workbench.app import uploads
from workbench.app.uploads import SessionFolder, Upload, safe_name
from workbench.errors import InputError
from workbench.limits import MAX_APP_ATTENDANCE_FILES, MAX_ATTENDANCE_BYTES


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("/abs/path/Foto 1.JPG", "Foto 1.jpg"),
        ("..", "berkas"),
        (".bashrc", "bashrc"),
        ("a\x00b\u202e.csv", "ab.csv"),
        ("rapat<script>.yaml", "rapat_script_.yaml"),
        ("ｒａｐａｔ.xlsx", "rapat.xlsx"),  # full-width letters, NFKC
    ],
)
def test_safe_name(name, safe):
    assert safe_name(name) == safe


def test_safe_name_is_bounded():
    assert len(safe_name("x" * 5000 + ".jpg")) <= uploads.MAX_NAME
    assert safe_name("x" * 5000 + ".jpg").endswith(".jpg")


def zipped(entries: dict[str, bytes], *, link: str | None = None) -> Upload:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
    return Upload("foto.zip", buf.getvalue())


@pytest.mark.parametrize("entry", ["../luar.jpg", "/etc/x.jpg", "a/../../b.jpg", "C:/x.jpg"])
def test_zip_entry_outside_is_refused_before_anything_is_written(tmp_path, entry):
    with pytest.raises(InputError) as e:
        uploads.extract_photos(zipped({"ok.jpg": b"x", entry: b"y"}), tmp_path / "foto")
    assert "luar folder zip" in e.value.problem and e.value.file == "foto.zip"
    assert not (tmp_path / "foto").exists()


def test_zip_link_entry_is_refused(tmp_path):
    with pytest.raises(InputError, match="tautan"):
        uploads.extract_photos(zipped({"ok.jpg": b"x"}, link="tautan.jpg"), tmp_path)


def test_zip_bomb_entry_is_refused(tmp_path):
    with pytest.raises(InputError, match="memampat"):
        uploads.extract_photos(zipped({"bom.jpg": b"\0" * (8 * 1024 * 1024)}), tmp_path)


def test_zip_count_and_size_bounds(tmp_path):
    many = zipped({f"f{i}.jpg": b"x" for i in range(5)})
    with pytest.raises(InputError, match="batas 4"):
        uploads.extract(many, tmp_path, suffixes=(".jpg",), max_files=4, max_file_bytes=10)
    big = zipped({"besar.jpg": b"x" * 100})
    with pytest.raises(InputError, match="terlalu besar"):
        uploads.extract(big, tmp_path, suffixes=(".jpg",), max_files=4, max_file_bytes=10)
    assert list(tmp_path.iterdir()) == []


def test_zip_photos_extracted_flat_with_safe_names(tmp_path):
    written, skipped = uploads.extract_photos(
        zipped({"kegiatan/IMG 1.JPG": b"a", "kegiatan/catatan.txt": b"b", "__MACOSX/._x.jpg": b""}),
        tmp_path,
    )
    assert [p.name for p in written] == ["IMG 1.jpg"] and skipped == ["kegiatan/catatan.txt"]
    assert written[0].parent == tmp_path and written[0].read_bytes() == b"a"


def test_not_a_zip_is_a_message(tmp_path):
    with pytest.raises(InputError, match="bukan zip"):
        uploads.extract_photos(Upload("x.zip", b"not a zip"), tmp_path)


def test_attendance_bounds_before_writing():
    too_many = [Upload(f"{i}.csv", b"") for i in range(MAX_APP_ATTENDANCE_FILES + 1)]
    with pytest.raises(InputError, match="terlalu banyak berkas kehadiran"):
        uploads.attendance_bounds(too_many)
    with pytest.raises(InputError, match="terlalu besar"):
        uploads.attendance_bounds([Upload("zoom.csv", b"x" * (MAX_ATTENDANCE_BYTES + 1))])
    with pytest.raises(InputError, match="harus berupa berkas"):
        uploads.attendance_bounds([Upload("zoom.exe", b"")])


def test_session_folders_are_private_and_removed(tmp_path):
    a, b = SessionFolder(tmp_path), SessionFolder(tmp_path)
    assert a.root != b.root and stat.S_IMODE(a.root.stat().st_mode) == 0o700
    uploads.write_upload(a.folder("foto"), "x.jpg", b"1")
    assert uploads.write_upload(a.folder("foto"), "x.jpg", b"2").name == "x-2.jpg"
    a.close()
    assert not a.root.exists() and b.root.exists()
    b.close()


def test_session_folder_removed_when_the_kernel_process_exits(tmp_path):
    code = (
        "from workbench.app.uploads import SessionFolder\n"
        f"s = SessionFolder({str(tmp_path)!r}); (s.root / 'x').write_text('1'); print(s.root)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() and not os.path.exists(out.stdout.strip())


def test_stale_folders_of_dead_kernels_are_swept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{uploads.PREFIX}{dead.pid}-abc"
    stale.mkdir()
    mine = SessionFolder(tmp_path)
    assert not stale.exists() and mine.root.exists()
    mine.close()

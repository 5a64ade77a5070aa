"""Photo dates (a photo of another day never lands on the meeting's rundown), the time source
of each photo, the duplicate pair named alike everywhere, HEIC/HEIF read upright with its
date, and transparent PNGs measured on their picture, not on the white fill (issue #17)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from test_standar_foto import MINIMAL, scene

from workbench.cli import main
from workbench.standar.foto import check as photos
from workbench.standar.foto.job import check_files, check_photo_folder, photo_check_csv
from workbench.standar.foto.reader import read_photo

DAY = dt.date(2025, 7, 17)  # the date of tests/fixtures/meeting/minimal.yaml
AGENDA = '  acara:\n    - "09.00 Pembukaan"\n    - "10.00 Diskusi"\n    - "11.00 Penutup"\n'


def exif_photo(path: Path, taken: dt.datetime | None, *, seed: int = 1, fmt: str = "JPEG"):
    """A generated photo with EXIF DateTimeOriginal ``taken`` (none when None)."""
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    scene(800, 600, seed=seed).save(path, fmt, exif=exif.tobytes())
    return path


def file_time(path: Path, when: dt.datetime) -> Path:
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def record(tmp_path: Path, entries: list[str]) -> Path:
    text = MINIMAL.replace("  acara:\n    - Pembukaan\n    - Penutup\n", AGENDA, 1)
    text += "dokumentasi:\n" + "".join(f"  - {e}\n" for e in entries)
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- the date rule
def test_exif_date_of_another_day_is_never_placed_and_is_flagged_with_its_date(tmp_path):
    same = exif_photo(tmp_path / "a.jpg", dt.datetime(2025, 7, 17, 10, 20), seed=1)
    other = exif_photo(tmp_path / "b.jpg", dt.datetime(2015, 2, 9, 22, 47), seed=2)
    times = [dt.time(9), dt.time(10), dt.time(11)]
    rows, _ = check_files([same, other], ["a.jpg", "b.jpg"], times, DAY, encode=False)
    assert (rows[0].acara, rows[0].masalah, rows[0].sumber_waktu) == (1, [], "exif")
    assert rows[1].acara is None and rows[1].tanggal_beda
    assert rows[1].masalah == ["tanggal_beda"]
    assert rows[1].alasan == ["diambil 09-02-2015 pukul 22.47, bukan pada tanggal rapat 17-07-2025"]
    allowed, _ = check_files([other], ["b.jpg"], times, DAY, encode=False, allow_other_dates=True)
    assert allowed[0].acara is None and allowed[0].ok and allowed[0].tanggal_beda


def test_file_time_used_only_on_the_meeting_date(tmp_path):
    on_day = file_time(
        exif_photo(tmp_path / "a.jpg", None, seed=1), dt.datetime(2025, 7, 17, 9, 30)
    )
    copied = file_time(exif_photo(tmp_path / "b.jpg", None, seed=2), dt.datetime(2026, 1, 5, 23, 0))
    rows, _ = check_files(
        [on_day, copied], ["a.jpg", "b.jpg"], [dt.time(9), dt.time(11)], DAY, encode=False
    )
    assert (rows[0].sumber_waktu, rows[0].acara) == ("berkas", 0)
    assert rows[0].waktu_ambil == dt.datetime(2025, 7, 17, 9, 30)
    # a copy's time says nothing about the photo: no time, not placed, not flagged
    assert (rows[1].sumber_waktu, rows[1].waktu_ambil, rows[1].acara) == ("tidak ada", None, None)
    assert rows[1].ok


def test_csv_names_the_time_source_and_the_same_duplicate_pair_as_the_terminal(tmp_path):
    folder = tmp_path / "foto"
    folder.mkdir()
    base = scene(800, 600, seed=5)
    # three near-identical photos, the sharpest last: both others name it, in both places
    base.filter(ImageFilter.GaussianBlur(1.2)).save(folder / "1.jpg", quality=95)
    base.filter(ImageFilter.GaussianBlur(0.6)).save(folder / "2.jpg", quality=95)
    base.save(folder / "3.jpg", quality=95)
    exif_photo(folder / "4.jpg", dt.datetime(2025, 7, 17, 9, 10), seed=9)
    for name in ("1.jpg", "2.jpg", "3.jpg"):
        file_time(folder / name, dt.datetime(2024, 1, 1, 8, 0))
    from workbench.rakor.job import load_record

    result = check_photo_folder(folder, load_record(record(tmp_path, [])))
    table = list(csv.DictReader(io.StringIO(photo_check_csv(result).decode("utf-8-sig"))))
    assert [r["sumber_waktu"] for r in table] == ["tidak ada", "tidak ada", "tidak ada", "exif"]
    assert [r["duplikat_dari"] for r in table] == ["3.jpg", "3.jpg", "", ""]
    for row in result.rows[:2]:
        assert f"hampir sama dengan {row.duplikat_dari} " in photos.flag_text(row)


def _prepared(tmp_path: Path, allow: bool):
    from workbench.rakor.documents import photo_caption
    from workbench.rakor.job import load_record, prepare_photos

    exif_photo(tmp_path / "hari-ini.jpg", dt.datetime(2025, 7, 17, 10, 5), seed=1)
    exif_photo(tmp_path / "lama.jpg", dt.datetime(2015, 2, 9, 22, 47), seed=2)
    file_time(exif_photo(tmp_path / "berkas.jpg", None, seed=3), dt.datetime(2025, 7, 17, 11, 10))
    meeting = load_record(record(tmp_path, ["hari-ini.jpg", "lama.jpg", "berkas.jpg"]))
    prepared = prepare_photos(meeting, encode=False, allow_other_dates=allow)
    return prepared, [photo_caption(p, meeting) for p in prepared.items]


def test_notula_leaves_a_photo_of_another_day_out_naming_its_date(tmp_path):
    prepared, captions = _prepared(tmp_path, allow=False)
    assert captions == ["Diskusi, pukul 10.05 WIB", "Penutup, pukul 11.10 WIB (waktu berkas)"]
    (note,) = prepared.notes
    assert note.startswith("foto lama.jpg tidak dimuat: tanggal berbeda: diambil 09-02-2015")
    assert "--izinkan-tanggal-beda" in note


def test_notula_with_other_dates_allowed_shows_it_outside_the_rundown_with_its_date(tmp_path):
    prepared, captions = _prepared(tmp_path, allow=True)
    assert prepared.notes == [
        "foto lama.jpg diambil 09-02-2015 pukul 22.47, bukan pada tanggal rapat: dimuat di "
        "'Dokumentasi lainnya'"
    ]
    assert captions[-1] == "Dokumentasi kegiatan, diambil 9 Februari 2015 pukul 22.47"
    assert prepared.items[-1]["acara"] is None  # under "Dokumentasi lainnya"
    assert not any("Penutup" in c and "22.47" in c for c in captions)


@pytest.mark.slow
@pytest.mark.parametrize("allow", [False, True])
def test_photos_command_names_a_photo_of_another_day(tmp_path, capsys, allow):
    folder = tmp_path / "foto"
    folder.mkdir()
    exif_photo(folder / "lama.jpg", dt.datetime(2015, 2, 9, 22, 47))
    args = ["photos", str(folder), "--record", str(record(tmp_path, [])), "--out", str(tmp_path)]
    with pytest.raises(SystemExit) as info:
        main(args + (["--izinkan-tanggal-beda"] if allow else []))
    err = capsys.readouterr().err
    assert info.value.code == 0, err
    (row,) = csv.DictReader(
        # with --record the check goes into the meeting's own folder (<meeting>/periksa-foto/)
        io.StringIO(next(tmp_path.glob("*/periksa-foto/periksa-foto.csv")).read_text("utf-8-sig"))
    )
    assert row["acara"] == "" and row["sumber_waktu"] == "exif"
    if allow:
        assert row["masalah"] == ""
        assert "Peringatan: foto lama.jpg diambil 09-02-2015 pukul 22.47" in err
    else:
        assert row["masalah"] == "tanggal_beda"
        assert "lama.jpg: tanggal berbeda: diambil 09-02-2015 pukul 22.47" in err


# ----------------------------------------------------------------------------- formats
def test_heic_is_read_upright_with_its_exif_date(tmp_path):
    from workbench.heif import register_heif

    assert register_heif()
    im = scene(800, 600)
    im.paste((0, 0, 255), (0, 0, 800, 60))  # a blue band along the top as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif.get_ifd(0x8769)[0x9003] = "2025:07:17 09:20:00"
    path = tmp_path / "IMG_0001.HEIC"
    im.save(path, "HEIF", exif=exif.tobytes(), quality=80)
    photo = read_photo(path)
    assert (photo.lebar, photo.tinggi) == (600, 800)  # as displayed
    assert photo.waktu_ambil == dt.datetime(2025, 7, 17, 9, 20) and photo.waktu_sumber == "exif"
    r, g, b = photo.image.getpixel((photo.image.width - 10, 400))
    assert b > 200 and r < 60  # the band is now on the right: upright
    renamed = path.with_name("IMG_0001.jpg")  # shared through a chat app under a .jpg name
    renamed.write_bytes(path.read_bytes())
    assert read_photo(renamed).lebar == 600


def test_transparent_png_is_laid_on_white_and_measured_on_its_picture(tmp_path):
    picture = scene(800, 600).convert("RGBA")
    alpha = Image.new("L", picture.size, 0)
    alpha.paste(255, (250, 150, 550, 450))  # a third of it opaque, the rest transparent black
    picture.putalpha(alpha)
    Image.composite(picture, Image.new("RGBA", picture.size, (0, 0, 0, 0)), alpha).save(
        tmp_path / "a.png"
    )
    photo = read_photo(tmp_path / "a.png")
    assert photo.image.getpixel((10, 10)) == (255, 255, 255)  # laid on white, not black
    row = photos.check(
        ["a.png"], [photo.image.size], [None], [photos.measure(photo.image, photo.alpha)]
    )[0]
    assert row.masalah == []
    # without the alpha channel, the white fill reads as too bright
    flat = photos.check(["a.png"], [photo.image.size], [None], [photos.measure(photo.image)])[0]
    assert "terlalu_terang" in flat.masalah


def test_lampiran_puts_photos_of_another_day_under_dokumentasi_lainnya(tmp_path):
    from types import SimpleNamespace

    from workbench.rakor.documents import _photo_groups

    prepared, captions = _prepared(tmp_path, allow=True)
    meeting = SimpleNamespace(rapat=SimpleNamespace(agenda=[], zona_waktu="WIB"))
    # no agenda item placed (a rundown without times): still a heading of their own
    cells = [
        {"gambar": "", "keterangan": c, "acara": None, "hari_lain": bool(p["tanggal"])}
        for p, c in zip(prepared.items, captions)
    ]
    groups = _photo_groups(meeting, cells)
    assert [g["judul"] for g in groups] == ["", "Dokumentasi lainnya"]
    (row,) = groups[1]["baris"]
    assert row["kiri"]["keterangan"].endswith("diambil 9 Februari 2015 pukul 22.47")


def test_heic_without_its_decoder_names_the_package(tmp_path, monkeypatch):
    import workbench.heif
    from workbench.errors import InputError

    path = tmp_path / "IMG_0002.heic"
    assert workbench.heif.register_heif()
    scene(200, 150).save(path, "HEIF")
    monkeypatch.setattr(workbench.heif, "register_heif", lambda: False)  # a broken install
    with pytest.raises(InputError) as info:
        read_photo(path)
    assert "pip install pillow-heif" in info.value.fix

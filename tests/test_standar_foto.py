"""The photo check's rules on generated images, reading photos upright, the rundown times of
``acara``, and bad photo input through the CLI (exit 2, nothing written)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from workbench.cli import main
from workbench.standar.foto import check as photos
from workbench.standar.foto.reader import read_photo

MINIMAL = (Path(__file__).parent / "fixtures" / "meeting" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def scene(width: int = 1200, height: int = 900, seed: int = 1) -> Image.Image:
    """A sharp, mid-grey generated 'photo': random rectangles and ellipses on a gradient."""
    import random

    rng = random.Random(seed)
    im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    im = Image.blend(im, Image.new("RGB", im.size, (120, 110, 100)), 0.6)
    draw = ImageDraw.Draw(im)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(20, width // 4), rng.randrange(20, height // 4)
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape([x, y, x + w, y + h], fill=colour, outline=(0, 0, 0), width=3)
    return im


def check_one(image: Image.Image, taken=None, agenda=()):
    (row,) = photos.check(["a.jpg"], [image.size], [taken], [photos.measure(image)], list(agenda))
    return row


# ----------------------------------------------------------------------------- rules
def test_sharp_scene_passes_and_blurred_flips_blur():
    sharp = scene()
    assert check_one(sharp).masalah == []
    row = check_one(sharp.filter(ImageFilter.GaussianBlur(4)))
    assert row.masalah == ["blur"]
    assert row.ketajaman < photos.BLUR_MIN < check_one(sharp).ketajaman
    assert row.alasan == [f"ketajaman {row.ketajaman:.0f}, batas 100"]


def test_sharpness_measured_at_1000_px_whatever_the_size():
    big, small = scene(2000, 1500), scene(2000, 1500).resize((1000, 750), Image.LANCZOS)
    assert photos.measure(big).ketajaman == pytest.approx(photos.measure(small).ketajaman, rel=0.05)


def test_darkened_flips_gelap_and_brightened_flips_terlalu_terang():
    sharp = scene()
    dark = check_one(ImageEnhance.Brightness(sharp).enhance(0.25))
    assert "gelap" in dark.masalah and dark.kecerahan < photos.DARK_MEAN
    bright = check_one(ImageEnhance.Brightness(sharp).enhance(2.5))
    assert "terlalu_terang" in bright.masalah and "gelap" not in bright.masalah


def test_small_photo_flips_resolusi_rendah():
    row = check_one(scene(600, 450))
    assert row.masalah == ["resolusi_rendah"]
    assert row.alasan == ["sisi panjang 600 piksel, batas 640"]


def test_duplicate_keeps_the_sharper_one():
    a = scene(seed=3)
    b = ImageEnhance.Brightness(a.filter(ImageFilter.GaussianBlur(1))).enhance(1.05)
    other = scene(seed=4)
    images = [b, other, a]
    rows = photos.check(
        ["b.jpg", "lain.jpg", "a.jpg"],
        [im.size for im in images],
        [None] * 3,
        [photos.measure(im) for im in images],
    )
    assert [r.masalah for r in rows] == [["duplikat"], [], []]
    assert rows[0].duplikat_dari == "a.jpg" and rows[2].duplikat_dari == ""


def test_place_on_rundown_and_choose_spreads_across_items():
    times = [dt.time(9, 0), None, dt.time(10, 0)]
    at = dt.datetime(2025, 7, 17, 9, 40)
    assert photos.place(at, times) == 0
    assert photos.place(at.replace(hour=10, minute=5), times) == 2
    assert photos.place(at.replace(hour=8), times) == 0  # before the first item
    assert photos.place(None, times) is None and photos.place(at, [None]) is None
    rows = [
        photos.PhotoCheck(f"{i}.jpg", 800, 600, None, acara, sharp, 120)
        for i, (acara, sharp) in enumerate([(0, 500), (0, 400), (0, 300), (2, 200), (2, 150)])
    ]
    assert photos.choose(rows, 2) == [0, 3]
    assert photos.choose(rows, 3) == [0, 1, 3]


# ----------------------------------------------------------------------------- reading
@pytest.mark.parametrize("orientation, turned", [(1, False), (3, False), (6, True), (8, True)])
def test_orientation_tags_give_displayed_size(tmp_path, orientation, turned):
    stored = scene(1200, 900)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = "2025:07:17 13:52:10"
    path = tmp_path / "a.jpg"
    stored.save(path, quality=90, exif=exif)
    photo = read_photo(path)
    assert (photo.lebar, photo.tinggi) == ((900, 1200) if turned else (1200, 900))
    assert photo.image.size == (photo.lebar, photo.tinggi)
    assert photo.waktu_ambil == dt.datetime(2025, 7, 17, 13, 52, 10)
    assert photo.waktu_sumber == "exif"


def test_large_photo_is_downscaled_and_upright_in_memory(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "besar.jpg"
    scene(4000, 3000).save(path, quality=90, exif=exif)
    before = path.read_bytes()
    photo = read_photo(path)
    assert photo.image.size == (1200, 1600)
    assert (photo.lebar, photo.tinggi) == (3000, 4000)
    assert path.read_bytes() == before  # the original is never touched


def test_without_exif_time_the_file_time_is_used(tmp_path):
    import os

    path = tmp_path / "a.png"
    scene(800, 600).save(path)
    stamp = dt.datetime(2025, 7, 17, 10, 5).timestamp()
    os.utime(path, (stamp, stamp))
    photo = read_photo(path)
    assert photo.waktu_ambil == dt.datetime(2025, 7, 17, 10, 5) and photo.waktu_sumber == "berkas"


# ----------------------------------------------------------------------------- record
def _record(tmp_path: Path, acara: str, dokumentasi: str = "") -> Path:
    text = MINIMAL.replace("  acara:\n    - Pembukaan\n    - Penutup\n", acara, 1)
    path = tmp_path / "meeting.yaml"
    path.write_text(text + dokumentasi, encoding="utf-8")
    return path


def test_acara_times_in_every_form(tmp_path):
    from workbench.rakor.readers.record import acara_warnings, load_meeting

    acara = (
        '  acara:\n    - "09.00 Pembukaan"\n    - "09:30 Paparan"\n'
        '    - {waktu: "13.00", uraian: Diskusi}\n    - Penutup\n'
    )
    meeting = load_meeting(_record(tmp_path, acara))
    agenda = meeting.rapat.agenda
    assert [(a.waktu, a.uraian) for a in agenda] == [
        (dt.time(9, 0), "Pembukaan"),
        (dt.time(9, 30), "Paparan"),
        (dt.time(13, 0), "Diskusi"),
        (None, "Penutup"),
    ]
    (warning,) = acara_warnings(meeting)  # 13.00 is after selesai 11.30: a warning only
    assert "Diskusi" in warning and "13.00" in warning


def test_dokumentasi_folder_and_captioned_mapping(tmp_path):
    from workbench.rakor.readers.record import load_meeting

    (tmp_path / "foto").mkdir()
    for name in ("b.jpg", "a.png"):
        scene(800, 600).save(tmp_path / "foto" / name)
    scene(800, 600).save(tmp_path / "utama.jpg")
    dok = "dokumentasi:\n  - foto/\n  - {berkas: utama.jpg, keterangan: Pembukaan oleh Ketua KPU}\n"
    meeting = load_meeting(_record(tmp_path, "  acara: []\n", dok))
    assert [p.name for p in meeting.dokumentasi] == ["a.png", "b.jpg", "utama.jpg"]
    assert [(f.dari_folder, f.keterangan) for f in meeting.photos()] == [
        (True, None),
        (True, None),
        (False, "Pembukaan oleh Ketua KPU"),
    ]


# ----------------------------------------------------------------------------- bad input (CLI)
def _minutes(tmp_path: Path, capsys, record: Path) -> tuple[int, str]:
    roster = tmp_path / "hadir.csv"
    roster.write_text(
        "nama,jabatan,instansi,status\nSari,Staf,KPU Kabupaten Pamekasan,Hadir\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SystemExit) as info:
        main(["minutes", str(record), "-a", str(roster), "--out", str(out)])
    assert list(out.iterdir()) == []
    return info.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    "setup, dok, problem",
    [
        (None, "dokumentasi:\n  - foto/\n", "tidak ditemukan"),
        ("empty", "dokumentasi:\n  - foto/\n", "tidak berisi foto"),
        ("text", "dokumentasi:\n  - foto/bukan.jpg\n", "bukan gambar"),
        ("truncated", "dokumentasi:\n  - foto/potong.jpg\n", "rusak atau terpotong"),
        # HEIC is read (pillow-heif); a damaged one is refused like any other photo
        ("heic", "dokumentasi:\n  - foto/iphone.heic\n", "bukan gambar JPG/PNG/HEIC"),
    ],
)
def test_bad_photo_input_exits_2_naming_file_and_fix(tmp_path, capsys, setup, dok, problem):
    folder = tmp_path / "foto"
    if setup:
        folder.mkdir()
    if setup == "text":
        (folder / "bukan.jpg").write_text("ini bukan foto", encoding="utf-8")
    elif setup == "truncated":
        scene(800, 600).save(folder / "full.jpg", quality=90)
        data = (folder / "full.jpg").read_bytes()
        (folder / "potong.jpg").write_bytes(data[: len(data) // 2])
        (folder / "full.jpg").unlink()
    elif setup == "heic":
        (folder / "iphone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(64))
    code, err = _minutes(tmp_path, capsys, _record(tmp_path, "  acara: []\n", dok))
    assert code == 2, err
    assert "meeting.yaml" in err and "dokumentasi" in err and problem in err
    assert "Perbaikan:" in err


def test_unparseable_acara_time_exits_2(tmp_path, capsys):
    record = _record(tmp_path, '  acara:\n    - "25.30 Pembukaan"\n')
    code, err = _minutes(tmp_path, capsys, record)
    assert code == 2 and "25.30" in err and "acara" in err and "Perbaikan:" in err


def test_photos_command_bad_folder_exits_2(tmp_path, capsys):
    out = tmp_path / "out"
    for folder in (tmp_path / "tidak-ada", tmp_path / "kosong"):
        if folder.name == "kosong":
            folder.mkdir()
        with pytest.raises(SystemExit) as info:
            main(["photos", str(folder), "--out", str(out)])
        err = capsys.readouterr().err
        assert info.value.code == 2 and folder.name in err and "Perbaikan:" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_xlsx_waktu_column_gives_acara_times(tmp_path):
    import openpyxl

    from workbench.rakor.blank import write_meeting_xlsx
    from workbench.rakor.readers.record import load_meeting

    path = write_meeting_xlsx(
        load_meeting(_record(tmp_path, "  acara: [Pembukaan, Penutup]\n")), tmp_path / "rapat.xlsx"
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Rapat"]
    assert [c.value for c in ws[1]] == ["Kunci", "Nilai", "Waktu", "Keterangan"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "acara"]
    assert [ws.cell(r, 3).value for r in rows] == [None, None]
    ws.cell(rows[0], 3, dt.time(9, 0))
    ws.cell(rows[1], 3, "11.15")
    wb.save(path)
    agenda = load_meeting(path).rapat.agenda
    assert [(a.waktu, a.uraian) for a in agenda] == [
        (dt.time(9, 0), "Pembukaan"),
        (dt.time(11, 15), "Penutup"),
    ]


def test_workbook_from_record_keeps_times_in_waktu_and_a_folder_as_the_folder(tmp_path):
    """write_meeting_xlsx: '09.00 Pembukaan' -> Nilai 'Pembukaan', Waktu 09:00 (other
    spellings stay whole); dokumentasi [foto/, foto2/c.jpg] -> rows 'foto/' and the file,
    read back with the folder's photos still from a folder (flagged ones left out)."""
    import openpyxl

    from workbench.rakor.blank import write_meeting_xlsx
    from workbench.rakor.readers.record import load_meeting

    for name, folder in (("a.jpg", "foto"), ("b.jpg", "foto"), ("c.jpg", "foto2")):
        (tmp_path / folder).mkdir(exist_ok=True)
        scene(800, 600).save(tmp_path / folder / name)
    acara = '  acara: ["09.00 Pembukaan", "10:30 - Diskusi", Penutup]\n'
    record = _record(tmp_path, acara, "dokumentasi: [foto/, foto2/c.jpg]\n")
    meeting = load_meeting(record)
    path = write_meeting_xlsx(meeting, tmp_path / "rapat.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Rapat"]
    rows = [[c.value for c in r][1:3] for r in ws.iter_rows() if r[0].value == "acara"]
    assert rows == [["Pembukaan", dt.time(9, 0)], ["10:30 - Diskusi", None], ["Penutup", None]]
    assert [r[1].value for r in wb["Dokumentasi"].iter_rows(min_row=2)] == ["foto/", "foto2/c.jpg"]
    back = load_meeting(path)
    assert back.model_dump() == meeting.model_dump()
    assert [(f.berkas.name, f.dari_folder) for f in back.photos()] == [
        ("a.jpg", True),
        ("b.jpg", True),
        ("c.jpg", False),
    ]


def test_photo_cache_reuses_what_was_read_without_decoding_again(tmp_path, monkeypatch):
    """With the run's cache folder given, the second reader (the kernel) gets the same check
    and the same JPEG bytes from the cache, without decoding; another content is read."""
    from workbench.standar.foto import job, reader

    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    scene(2400, 1800).save(a, quality=90)
    scene(2400, 1800, seed=2).save(b, quality=90)
    cache = tmp_path / "cache"
    cache.mkdir()
    times = [dt.time(9, 0)]
    fresh = job.check_files([a], ["a.jpg"], times, encode=False)
    first = job.check_files([a], ["a.jpg"], times, encode=False, cache=cache)  # CLI validates
    assert first[1] == [b""] and len(list(cache.iterdir())) == 2
    decoded: list[Path] = []
    real = reader.read_photo
    monkeypatch.setattr(reader, "read_photo", lambda p, **k: decoded.append(p) or real(p, **k))
    checks, jpegs = job.check_files([a, b], ["a.jpg", "b.jpg"], times, cache=cache)  # kernel
    assert decoded == [b]
    assert checks[0] == first[0][0] == fresh[0][0]
    assert jpegs[0] == reader.jpeg_bytes(real(a).image)
    with Image.open(io.BytesIO(jpegs[0])) as im:
        assert im.size == (1600, 1200)


def test_photo_checks_of_two_foto_folders_never_share_an_output_folder(tmp_path):
    """Every meeting's photos sit in a folder called foto/: the check's output folder is the
    meeting's folder when a record is given, else named from the whole path (cut to 80
    characters: the folders sit in a short temporary folder, as tmp_path under pytest-xdist
    is long enough to be cut)."""
    import tempfile

    from workbench.standar.foto.run import PHOTOS_FOLDER, photo_output_folder

    with tempfile.TemporaryDirectory(prefix="wb") as short:
        a, b = Path(short) / "rapat-a" / "foto", Path(short) / "rapat-b" / "foto"
        out_a, out_b = photo_output_folder(tmp_path, a), photo_output_folder(tmp_path, b)
    assert out_a != out_b and out_a.parent == out_b.parent == tmp_path / "foto"
    assert "rapat-a-foto" in out_a.name and "rapat-b-foto" in out_b.name
    assert photo_output_folder(tmp_path, a) == out_a  # a rerun replaces its own output
    meeting = photo_output_folder(tmp_path, a, "2025-07-17-rakor")
    assert meeting == tmp_path / "2025-07-17-rakor" / PHOTOS_FOLDER


def test_contact_sheet_and_notebook_table_in_plain_words(tmp_path):
    """The rules say what blur means without 'varians Laplacian'; the notebook's table has
    Indonesian headers, not code names."""
    from workbench.standar.foto.display import photo_check_view
    from workbench.standar.foto.job import check_photo_folder
    from workbench.standar.foto.output import contact_sheet_context

    (tmp_path / "foto").mkdir()
    scene(800, 600).save(tmp_path / "foto" / "a.jpg")
    result = check_photo_folder(tmp_path / "foto")
    ctx = contact_sheet_context(result.rows, [None] * len(result.rows), source="foto/")
    rules = " ".join(ctx["aturan"])
    assert "Laplacian" not in rules and "varians" not in rules and "hash" not in rules
    assert "tepi benda" in rules and "dianggap kabur" in rules
    html = photo_check_view(result).to_html()
    assert "Ketajaman (di bawah 100: kabur)" in html and ">ketajaman<" not in html

"""The real public photos and social-media exports of ``../shared/realworld/round2`` (12-23;
round1 holds attendance files only) run in-process as a new user would, each giving the
outcome its ``SOURCES.txt`` expects, or the better one issue #17 asks for (HEIC read,
photos of another day kept off the rundown, native exports read and the event asked for).
Skipped, with the reason, when ``../shared`` is absent (a fresh clone elsewhere)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest


def _shared() -> Path:
    """``../shared`` beside the checkout (``/work/main`` -> ``/work/shared``); from a worktree
    nested one level deeper (``/work/wt/NAME``), the first ``shared/realworld`` above it."""
    here = Path(__file__).resolve()
    first = here.parents[1].parent / "shared"
    candidates = [first, *(p / "shared" for p in here.parents[2:])]
    return next((c for c in candidates if (c / "realworld").is_dir()), first)


ROUND2 = _shared() / "realworld" / "round2"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "rakor-bakohumas-2025-07-17"
PHOTOS = [
    "12-photo-exif3-landscape.jpg",
    "13-photo-exif6-landscape.jpg",
    "14-photo-exif8-landscape.jpg",
    "15-photo-exif6-portrait.jpg",
    "16-photo-exif8-portrait.jpg",
    "17-photo-exif6-canon-indoor-chandelier.jpg",
    "18-photo-dusk-dim.jpg",
    "19-photo-indoor-museum-4032x3024.jpg",
    "20-photo-png-alpha-dice.png",
    "21-photo-iphone13-heic.HEIC",
]

pytestmark = pytest.mark.skipif(
    not ROUND2.is_dir(), reason=f"real-world files not present ({ROUND2} is absent)"
)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    """The photos copied into a folder outside the project, with a copy of the sample
    record listing each one by one (dokumentasi) beside them."""
    folder = tmp_path_factory.mktemp("rapat")
    (folder / "foto").mkdir()
    for name in PHOTOS:
        shutil.copy(ROUND2 / name, folder / "foto" / name)
    text = (SAMPLE / "meeting.yaml").read_text(encoding="utf-8").split("\ndokumentasi:")[0]
    text += "\ndokumentasi:\n" + "".join(f"  - foto/{n}\n" for n in PHOTOS)
    (folder / "meeting.yaml").write_text(text, encoding="utf-8")
    return folder


def test_photos_12_to_21_with_the_sample_record(copies):
    from workbench.rakor.job import load_record
    from workbench.standar.foto.check import flag_text
    from workbench.standar.foto.job import check_photo_folder

    result = check_photo_folder(copies / "foto", load_record(copies / "meeting.yaml"))
    rows = {r.berkas[:2]: r for r in result.rows}
    # upright, sizes as displayed
    for n in ("12", "13", "14"):
        assert (rows[n].lebar, rows[n].tinggi) == (1800, 1200)
    for n in ("15", "16"):
        assert (rows[n].lebar, rows[n].tinggi) == (1200, 1800)
    assert (rows["17"].lebar, rows["17"].tinggi) == (1536, 2048)
    assert (rows["21"].lebar, rows["21"].tinggi) == (3024, 4032)  # HEIC, read
    # 12-14 are one picture, 15-16 another: one kept in each, the others name it
    kept_a = {rows[n].duplikat_dari for n in ("12", "13", "14")} - {""}
    kept_b = {rows[n].duplikat_dari for n in ("15", "16")} - {""}
    assert len(kept_a) == 1 and len(kept_b) == 1
    for r in result.rows:
        if r.duplikat_dari:
            assert f"hampir sama dengan {r.duplikat_dari} " in flag_text(r)  # terminal = CSV
    # photos of 2005-2022: never on the 17-07-2025 rundown, flagged with their date
    for n, day in (("17", "09-02-2015"), ("18", "14-12-2005"), ("19", "23-08-2014")):
        assert rows[n].acara is None and "tanggal_beda" in rows[n].masalah
        assert f"diambil {day}" in flag_text(rows[n])
    assert rows["21"].tanggal_beda and rows["21"].sumber_waktu == "exif"
    assert all(r.acara is None for r in result.rows)  # the copies' file times are today's
    assert "gelap" in rows["18"].masalah
    assert rows["19"].masalah == ["tanggal_beda"]
    assert rows["17"].masalah == ["tanggal_beda"]  # sharp, well exposed
    assert rows["20"].masalah == ["resolusi_rendah"]  # not blur, not "terlalu terang"


def test_png_20_is_laid_on_white():
    from workbench.standar.foto.reader import read_photo

    photo = read_photo(ROUND2 / "20-photo-png-alpha-dice.png")
    assert photo.image.getpixel((2, 2)) == (255, 255, 255)


@pytest.fixture(scope="module")
def photo_cache(tmp_path_factory) -> Path:
    """One run's shared photo folder (``workbench.standar.foto.job.photo_cache``, as the CLI
    hands it to the kernel) for the tests below: the first reads and measures the photos,
    the second takes them from there as the kernel does after the CLI's check."""
    return tmp_path_factory.mktemp("foto-cache")


@pytest.mark.parametrize("allow", [False, True])
def test_notula_photos_of_another_day(copies, photo_cache, allow):
    from workbench.rakor.documents import photo_caption
    from workbench.rakor.job import load_record, prepare_photos

    meeting = load_record(copies / "meeting.yaml")
    prepared = prepare_photos(meeting, encode=False, allow_other_dates=allow, cache=photo_cache)
    captions = [photo_caption(p, meeting) for p in prepared.items]
    assert not any("pukul 22.47 WIB" in c or c.startswith("Penutup") for c in captions)
    assert all(p["acara"] is None for p in prepared.items)
    left_out = [n for n in prepared.notes if "tanggal berbeda" in n]
    if allow:
        assert left_out == []
        assert sum("bukan pada tanggal rapat: dimuat di" in n for n in prepared.notes) == 4
        assert "Dokumentasi kegiatan, diambil 9 Februari 2015 pukul 22.47" in captions
        assert len(prepared.items) == len(PHOTOS)
    else:
        assert len(left_out) == 4  # 17, 18, 19, 21
        assert len(prepared.items) == len(PHOTOS) - 4


def test_posts_22_x_analytics_is_read_and_asks_for_the_event():
    from workbench.errors import InputError
    from workbench.standar.unggahan.exports import ExportContext
    from workbench.standar.unggahan.reader import read_logs

    path = ROUND2 / "22-posts-x-analytics-tweet-activity.csv"
    with pytest.raises(InputError) as info:
        read_logs([path])
    assert "9 unggahan X akun rOpenSci" in str(info.value)
    assert "tidak memuat nama acara, tanggal acara, pemilik akun" in str(info.value)
    ctx = ExportContext(acara="Acara uji", tanggal=dt.date(2020, 1, 28), pemilik="kpu")
    posts, (note,) = read_logs([path], ctx)
    assert [p.waktu_unggah.strftime("%H.%M") for p in posts] == ["23.14", "23.13"]  # WIB
    assert all(p.tautan.startswith("https://twitter.com/rOpenSci/status/") for p in posts)
    assert "7 unggahan pada tanggal lain tidak diperiksa" in note


def test_posts_23_facebook_insights_is_read_and_asks_for_the_event():
    from workbench.errors import InputError
    from workbench.standar.unggahan.exports import ExportContext
    from workbench.standar.unggahan.reader import read_logs

    path = ROUND2 / "23-posts-facebook-insights-postlevel.xlsx"
    with pytest.raises(InputError) as info:
        read_logs([path])
    assert "7 unggahan Facebook akun lokvietnam" in str(info.value)
    ctx = ExportContext(acara="Acara uji", tanggal=dt.date(2017, 7, 22), pemilik="penyelenggara")
    (post,), _ = read_logs([path], ctx)
    assert post.waktu_unggah == dt.datetime(2017, 7, 22, 19, 30)  # 05.30 Pacific -> WIB
    assert post.tautan == "https://www.facebook.com/lokvietnam/videos/1911244905754823/"

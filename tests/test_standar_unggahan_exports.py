"""Native social-media exports read by ``workbench posts`` (issue #17): X/Twitter Analytics,
Facebook Insights post-level XLSX, Meta Business Suite (Facebook, Instagram) and YouTube
Studio, each mapped to the posting log's fields, matched with a hand-made log's accounts
and event, and what an export lacks asked for, never guessed. Fixtures (invented accounts)
are in tests/fixtures/unggahan/."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.errors import InputError
from workbench.standar.unggahan.check import check_posts
from workbench.standar.unggahan.exports import ExportContext
from workbench.standar.unggahan.reader import read_logs

FIXTURES = Path(__file__).parent / "fixtures" / "unggahan"
LOG = FIXTURES / "log-unggahan-contoh.csv"
EVENT = "Rakor Bakohumas Contoh"
DAY = dt.date(2025, 7, 17)


def run_cli(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(["posts", *args])
    return info.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    "name, platform, akun, waktu, tautan",
    [
        # 03:30 +0000 -> 10:30 WIB
        (
            "x-tweet-activity.csv",
            "X",
            "@KPU_Kab_Contoh",  # the hand-made log's spelling of kpu_kab_contoh
            dt.datetime(2025, 7, 17, 10, 30),
            "https://twitter.com/kpu_kab_contoh/status/1945000000000000002",
        ),
        # Pacific time (PDT, UTC-7) 16 Jul 20:10 -> 17 Jul 10:10 WIB
        (
            "facebook-insights-postlevel.xlsx",
            "Facebook",
            "kpuprovcontoh",
            dt.datetime(2025, 7, 17, 10, 10),
            "https://www.facebook.com/kpuprovcontoh/posts/501",
        ),
        (
            "meta-facebook-konten.csv",
            "Facebook",
            "KPU Kabupaten Contoh",
            dt.datetime(2025, 7, 17, 10, 40),
            "https://www.facebook.com/900000000000001/posts/111",
        ),
        (
            "meta-instagram-konten.csv",
            "Instagram",
            "kpu_kab_contoh",
            dt.datetime(2025, 7, 17, 9, 50),
            "https://www.instagram.com/p/CONTOHkab2/",
        ),
    ],
)
def test_export_maps_to_posting_log_fields(name, platform, akun, waktu, tautan):
    ctx = ExportContext(acara="rakor  bakohumas contoh", pemilik="kpu")
    posts, notes = read_logs([LOG, FIXTURES / name], ctx)
    (post,) = [p for p in posts if p.tautan == tautan]
    assert (post.platform, post.akun, post.waktu_unggah) == (platform, akun, waktu)
    # the event as the hand-made log spells it, on its date (taken from the log)
    assert (post.acara, post.tanggal, post.pemilik) == (EVENT, DAY, "kpu")
    (note,) = notes
    assert note.startswith(f"{name}: ekspor ") and "pada tanggal lain tidak diperiksa" in note


def test_export_account_found_in_the_log_takes_its_owner():
    posts, _ = read_logs([LOG, FIXTURES / "meta-instagram-konten.csv"], ExportContext(acara=EVENT))
    (found,) = [f for f in check_posts(posts) if f.platform == "Instagram"]
    assert found.akun == "kpu_kab_contoh" and found.temuan == "kpu lebih dulu"
    assert found.selisih_menit == 10  # 09.50 from the export, organiser 10.00 in the log


def test_export_alone_asks_for_the_event_date_and_owner():
    with pytest.raises(InputError) as info:
        read_logs([FIXTURES / "x-tweet-activity.csv"])
    text = str(info.value)
    assert "ekspor X/Twitter Analytics (tweet activity) terbaca" in text
    assert "3 unggahan X akun kpu_kab_contoh" in text
    assert "nama acara, tanggal acara, pemilik akun" in text
    assert '--acara "Nama acara"' in info.value.fix and "--pemilik kpu" in info.value.fix


def test_youtube_export_needs_the_account_and_the_time_of_day():
    path = FIXTURES / "youtube-studio-konten.csv"
    with pytest.raises(InputError) as info:
        read_logs([path], ExportContext(acara=EVENT, tanggal=DAY, pemilik="kpu"))
    assert "nama akun" in str(info.value) and "--akun" in info.value.fix
    ctx = ExportContext(acara=EVENT, tanggal=DAY, pemilik="kpu", akun="KPU Kab Contoh")
    with pytest.raises(InputError) as info:
        read_logs([path], ctx)
    assert "hanya memuat tanggal unggah, tanpa jam" in str(info.value)
    assert info.value.row == 3 and info.value.field == "video_publish_time"


def test_export_without_a_post_on_the_event_date_names_the_dates_it_has():
    ctx = ExportContext(acara=EVENT, tanggal=dt.date(2025, 8, 1), pemilik="kpu")
    with pytest.raises(InputError) as info:
        read_logs([FIXTURES / "meta-facebook-konten.csv"], ctx)
    assert "tidak ada unggahan pada tanggal acara 01-08-2025" in str(info.value)
    assert "15-07-2025, 17-07-2025" in str(info.value)


def test_posts_command_reads_a_log_and_an_export_together(tmp_path, capsys):
    code, err = run_cli(
        capsys,
        str(LOG),
        str(FIXTURES / "x-tweet-activity.csv"),
        "--acara",
        EVENT,
        "--out",
        str(tmp_path),
    )
    assert code == 0, err
    assert "Ekspor dibaca: x-tweet-activity.csv" in err
    with (tmp_path / "unggahan" / "periksa-unggahan.csv").open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["platform"] == "X"]
    (row,) = rows  # the export's account and the log's are one account
    assert (row["temuan"], row["unggah_kpu"]) == ("sesuai", "2025-07-17 10:30")


def test_posts_command_on_an_export_alone_exits_2_asking_for_the_event(tmp_path, capsys):
    out = tmp_path / "out"
    code, err = run_cli(capsys, str(FIXTURES / "meta-facebook-konten.csv"), "--out", str(out))
    assert code == 2
    assert "tidak memuat nama acara, tanggal acara, pemilik akun" in err
    assert not out.exists()


def test_posts_of_all_files_together_are_bounded(monkeypatch):
    import workbench.standar.unggahan.reader as reader

    monkeypatch.setattr(reader, "MAX_POSTS_ROWS", 6)  # the log alone has 5, each file < 6
    ctx = ExportContext(acara=EVENT, pemilik="kpu")
    with pytest.raises(InputError) as info:
        read_logs(
            [LOG, FIXTURES / "x-tweet-activity.csv", FIXTURES / "meta-facebook-konten.csv"], ctx
        )
    assert "lebih dari 6 unggahan" in str(info.value)

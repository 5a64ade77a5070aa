"""The Standar Livestream check (workbench/standar/livestream/), in-process: recordings made
with PyAV's encoder (a PIL-drawn cover with music, a moving scene with speech-like audio,
frozen and silent stretches), each breaking one rule; bad input; the outputs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil

import numpy as np
import pytest
from docx import Document

from workbench.errors import InputError
from workbench.samples.livestream import Plan, make_recording, save_cover
from workbench.standar.livestream import check as lc
from workbench.standar.livestream.job import check_video, write_outputs

pytestmark = pytest.mark.timeout(300)

START = dt.datetime(2025, 7, 17, 2, 0, 0, tzinfo=dt.timezone.utc)  # 09.00 WIB
SHORT = dict(duration=32.0, cover_open=7.0, cover_close=7.0)

#: name -> (plan, the codes the check must give, exactly)
CASES = {
    "baik.mp4": (Plan(**SHORT, creation_time=START), set()),
    "tanpa-cover-awal.mp4": (Plan(**{**SHORT, "cover_open": 0.0}), {"tanpa_cover_awal"}),
    "tanpa-cover-akhir.mp4": (Plan(**{**SHORT, "cover_close": 0.0}), {"tanpa_cover_akhir"}),
    "cover-hening.mp4": (Plan(**SHORT, cover_audio="silent"), {"cover_tanpa_backsound"}),
    "cover-kabur.mp4": (Plan(**SHORT, blur_cover=True), {"cover_buruk"}),
    "macet.mp4": (
        Plan(duration=44.0, cover_open=7.0, cover_close=7.0, stall_at=16.0, stall=14.0),
        {"siaran_macet"},
    ),
    "tanpa-suara.mp4": (Plan(**SHORT, audio=False), {"cover_tanpa_backsound"}),
    "vfr.mp4": (Plan(**SHORT, vfr=True), set()),
    "peramban.webm": (
        Plan(duration=30.0, cover_open=6.0, cover_close=6.0, indexed=False, gop=10),
        set(),
    ),
}


def _recordings_key() -> str:
    """What the recordings are made from: each plan, the generator's source, PyAV (and the
    FFmpeg it bundles)."""
    import hashlib
    import inspect

    import av

    from workbench.samples import livestream as samples

    text = repr(sorted((n, repr(p)) for n, (p, _) in CASES.items()))
    text += inspect.getsource(samples) + av.__version__
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@pytest.fixture(scope="module")
def recordings(request, tmp_path_factory):
    """The recordings of :data:`CASES`, encoded once and kept in pytest's cache folder
    (``.pytest_cache``, keyed by :func:`_recordings_key`; a fresh checkout or CI encodes
    them); with ``-p no:cacheprovider``, encoded into the session's temp folder. Read-only."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        folder = tmp_path_factory.mktemp("rekaman")
        return {name: make_recording(folder / name, plan) for name, (plan, _) in CASES.items()}
    root = cache.mkdir("livestream-rekaman")
    folder = root / _recordings_key()
    if not folder.is_dir():
        staging = root / f"{folder.name}.{os.getpid()}.tmp"  # complete, then renamed
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for name, (plan, _) in CASES.items():
            make_recording(staging / name, plan)
        try:
            staging.rename(folder)
        except OSError:  # another session put them there first
            shutil.rmtree(staging)
    return {name: folder / name for name in CASES}


@pytest.mark.parametrize("name", list(CASES))
def test_each_recording_gets_exactly_its_codes(recordings, name):
    result = check_video(recordings[name])
    assert set(result.row.masalah) == CASES[name][1], result.row.alasan


def test_good_recording_measures(recordings):
    row = check_video(recordings["baik.mp4"]).row
    assert row.durasi_detik == pytest.approx(32.0, abs=0.2)
    # the covers end/start within the keyframe precision (2 s GOP: ±1 s)
    assert row.presisi_detik <= 1.0
    assert abs(row.cover_awal_detik - 7.0) <= row.presisi_detik + 1.0
    assert abs(row.cover_akhir_detik - 7.0) <= row.presisi_detik + 1.0
    assert row.cover_lufs is not None and row.cover_lufs > lc.SILENCE_LUFS
    assert row.cover_ketajaman is not None and row.cover_ketajaman > 100
    assert [kind for _, _, kind in row.segmen] == ["cover_awal", "siaran", "cover_akhir"]
    assert list(row.gambar) == ["Cover pembuka", "Pindah ke acara", "Akhir acara", "Cover penutup"]


def test_stall_is_placed_and_timed(recordings):
    row = check_video(recordings["macet.mp4"]).row
    ((start, end),) = [(a, z) for a, z, kind in row.segmen if kind == "macet"]
    assert abs(start - 16.0) <= 1.5 and abs(end - 30.0) <= 1.5
    assert row.macet_terlama_detik >= lc.STALL_MIN


def test_silent_cover_and_missing_track_say_which(recordings):
    silent = check_video(recordings["cover-hening.mp4"]).row
    assert "LUFS" in silent.alasan[0] and silent.cover_lufs < lc.SILENCE_LUFS
    none = check_video(recordings["tanpa-suara.mp4"]).row
    assert "tidak memiliki jalur suara" in none.alasan[0] and none.cover_lufs is None


def test_webm_without_index_is_read_through_with_a_warning(recordings):
    result = check_video(recordings["peramban.webm"])
    assert not result.probe.indexed and result.probe.duration is None
    assert any("dibaca utuh" in w for w in result.warnings)
    assert result.row.durasi_detik == pytest.approx(30.0, abs=1.0)
    assert len(result.images) == 4  # thumbnails kept while reading straight through


def test_variable_frame_rate_is_a_warning_not_an_error(recordings):
    result = check_video(recordings["vfr.mp4"])
    assert result.probe.vfr and any("VFR" in w for w in result.warnings)
    assert abs(result.row.cover_awal_detik - 7.0) <= 1.5


def test_official_cover(recordings, tmp_path):
    same = save_cover(tmp_path / "resmi.png", (1280, 720))
    other = save_cover(tmp_path / "lain.png", (1280, 720), title="Cover Buatan Sendiri XYZ")
    from PIL import Image, ImageOps

    ImageOps.invert(Image.open(other).convert("RGB")).save(other)
    assert check_video(recordings["baik.mp4"], cover=same).row.ok
    row = check_video(recordings["baik.mp4"], cover=other).row
    assert row.masalah == ["cover_tidak_resmi"]


def test_schedule_with_and_without_creation_time(recordings):
    mulai = "2025-07-17T09:05:00+07:00"
    row = check_video(recordings["baik.mp4"], mulai=mulai, zona="WIB").row
    # recorded from 09.00.00 WIB, cover closed ~7 s later: ~5 minutes early
    assert row.selisih_menit == pytest.approx(-4.9, abs=0.1)
    assert "5 menit lebih awal" in row.jadwal
    row = check_video(recordings["macet.mp4"], mulai=mulai).row
    assert row.selisih_menit is None and "tidak dapat diperiksa" in row.jadwal


def test_outputs(recordings, tmp_path):
    result = check_video(recordings["macet.mp4"])
    written = write_outputs(result, tmp_path)
    data = (tmp_path / "periksa-livestream.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["masalah"] == "siaran_macet" and row["berkas"] == "macet.mp4"
    assert float(row["cover_lufs"]) < 0  # a number, not a quoted formula
    segments = list(csv.DictReader(io.StringIO((tmp_path / "segmen.csv").read_text("utf-8-sig"))))
    assert [s["jenis"] for s in segments] == ["cover_awal", "siaran", "macet", "cover_akhir"]
    assert len([n for n in written if n.startswith("gambar-")]) == 4
    text = "\n".join(p.text for p in Document(str(written["periksa-livestream.docx"])).paragraphs)
    assert "BELUM MEMENUHI STANDAR" in text and "siaran macet" in text
    assert "Perbaikan: periksa koneksi internet" in text


def test_csv_file_name_is_not_a_formula(recordings, tmp_path):
    name = tmp_path / "=HYPERLINK(1).mp4"
    name.write_bytes(recordings["baik.mp4"].read_bytes())
    write_outputs(check_video(name), tmp_path / "out")
    text = (tmp_path / "out" / "periksa-livestream.csv").read_text("utf-8-sig")
    assert "\n'=HYPERLINK(1).mp4," in text


# ----------------------------------------------------------------------------- bad input
def test_not_a_video(tmp_path):
    path = tmp_path / "rekaman.mp4"
    path.write_text("bukan video", encoding="utf-8")
    with pytest.raises(InputError, match="bukan rekaman video"):
        check_video(path)


def test_audio_only(tmp_path):
    import av

    path = tmp_path / "suara.m4a"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("aac", rate=48000)
        stream.layout = "mono"
        for i in range(20):
            frame = av.AudioFrame.from_ndarray(
                np.zeros((1, 1024), np.float32), format="flt", layout="mono"
            )
            frame.sample_rate, frame.pts = 48000, i * 1024
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    with pytest.raises(InputError, match="hanya berisi suara"):
        check_video(path)


def test_truncated_mp4(recordings, tmp_path):
    path = tmp_path / "potong.mp4"
    path.write_bytes(recordings["baik.mp4"].read_bytes()[:200_000])
    with pytest.raises(InputError, match="terpotong") as info:
        check_video(path)
    assert "unduh atau salin ulang" in info.value.message


def test_over_the_duration_bound(recordings, monkeypatch):
    from workbench.standar.livestream import reader

    monkeypatch.setattr(reader, "MAX_VIDEO_SECONDS", 20)
    with pytest.raises(InputError, match="batas 0 jam|batas"):
        check_video(recordings["baik.mp4"])
    with pytest.raises(InputError, match="lebih dari"):
        check_video(recordings["peramban.webm"])  # no duration: found while reading


# ----------------------------------------------------------------------------- pure rules
def _pic(t: float, level: float) -> lc.Picture:
    return lc.Picture(t, np.full(lc.SIGNATURE_SIZE[::-1], level, np.float32))


def _series(pictures: dict[float, float], audio: list[tuple[float, float]] | None) -> lc.Series:
    keys = sorted(pictures)
    return lc.Series(60.0, keys, audio, {t: _pic(t, v) for t, v in pictures.items()})


def _levels(frozen: tuple[float, float]) -> dict[float, float]:
    """Cover (level 200) for 0-8 s and 52-60 s, moving picture between, frozen in ``frozen``."""
    out = {}
    for t in range(0, 60, 2):
        if t < 8 or t >= 52:
            out[float(t)] = 200.0
        elif frozen[0] <= t <= frozen[1]:
            out[float(t)] = 50.0
        else:
            out[float(t)] = 60.0 + 7 * t  # every keyframe differs
    return out


def test_static_slide_with_speech_is_not_a_stall():
    audio = [(float(t), -20.0) for t in range(60)]
    row = lc.check(_series(_levels((20, 40)), audio), "x.mp4")
    assert "siaran_macet" not in row.masalah


def test_silence_over_a_moving_picture_is_hening_not_macet():
    audio = [(float(t), -90.0 if 20 <= t <= 40 else -20.0) for t in range(60)]
    row = lc.check(_series(_levels((-1, -1)), audio), "x.mp4")
    assert "siaran_macet" not in row.masalah
    assert [kind for _, _, kind in row.segmen].count("hening") == 1


def test_frozen_and_silent_is_a_stall():
    audio = [(float(t), -90.0 if 20 <= t <= 40 else -20.0) for t in range(60)]
    row = lc.check(_series(_levels((20, 40)), audio), "x.mp4")
    assert row.masalah == ["siaran_macet"] and row.macet_terlama_detik >= 10


def test_planner_bisects_to_the_boundary():
    """Only the coarse grid, then halving: the opening boundary is found with few pictures."""
    keys = [float(t) for t in range(0, 3600, 2)]
    truth = {t: (200.0 if t < 30 or t >= 3570 else 60.0 + (t % 97)) for t in keys}
    series = lc.Series(3600.0, keys, [(float(t), -20.0) for t in range(3600)], {})
    for _ in range(40):
        need = lc.picture_needs(series)
        if not need:
            break
        series = series.with_pictures({t: _pic(t, truth[t]) for t in need})
    assert len(series.pictures) <= 61 + 2 * 10  # grid each minute + two bisections, of 1,800
    row = lc.check(series, "x.mp4")
    assert row.cover_awal_detik == pytest.approx(29.0) and row.presisi_detik == 1.0

"""The Standar Livestream check: pure functions on the measured series of one recording.

"Memiliki cover yang baik, backsound yang sesuai, cover dibuka saat acara dimulai, dan cover
ditutup saat acara selesai." The reader measures sparsely; this module says what to measure
next (:func:`picture_needs`, :func:`audio_needs`, :func:`image_needs`) and, once nothing is
missing, judges (:func:`check`). No file, codec or clock is touched here. The rules and the
measured margins are in docs/livestream.md:

- a **cover** is a static picture: consecutive keyframes whose small grey signatures differ
  by at most :data:`SAME_MAX` (mean absolute difference, 0-255); the opening cover is the run
  of the first keyframe, the closing cover the run of the last; each needs two keyframes and
  :data:`COVER_MIN` seconds, else ``tanpa_cover_awal`` / ``tanpa_cover_akhir``;
- ``cover_tanpa_backsound``: the covers' audio is quieter than :data:`SILENCE_LUFS`
  (K-weighted, BS.1770) or the file has no audio track;
- ``cover_buruk``: the cover picture fails the Standar Foto sharpness rule, or is nearly
  black or white (the Standar Foto measures, at ≤ 1000 px; cover exposure limits of its own);
- ``siaran_macet``: between the covers, at least :data:`STALL_MIN` seconds where the audio is
  quieter than :data:`SILENCE_LUFS` and the keyframes show one frozen picture (a static slide
  with speech is not a stall; silence over a moving picture is ``hening``, not a stall);
- ``cover_tidak_resmi`` (with the official cover): perceptual-hash distance above
  :data:`COVER_MATCH_MAX`.

Boundaries are known to a keyframe interval (:attr:`LivestreamCheck.presisi_detik`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from workbench.standar.foto.check import ANALYSIS_SIDE, BLUR_MIN, Measure

__all__ = ["ANALYSIS_SIDE"]

#: Size (w, h) of the grey signature two pictures are compared on.
SIGNATURE_SIZE = (32, 18)
#: Two pictures are "the same" at most this mean absolute grey difference (0-255).
SAME_MAX = 3.0
#: Shortest static cover (seconds).
COVER_MIN = 5.0
#: Shortest stall: frozen picture and silence (seconds).
STALL_MIN = 10.0
#: Audio quieter than this (LUFS) is silence.
SILENCE_LUFS = -50.0
#: Spacing of the closer listen inside a quiet stretch (seconds).
DENSE_STEP = 0.5
#: ``cover_buruk`` by exposure: a cover is designed, often on a dark or white ground, so only
#: a nearly black or nearly white picture (mean luminance, 0-255) fails; the Standar Foto
#: limits for photos (60 / 210) would fail a navy-blue cover.
COVER_DARK_MEAN = 25.0
COVER_BRIGHT_MEAN = 235.0
#: Spacing of the first look at the pictures (seconds), and the fewest pictures it takes.
COARSE_STEP = 60.0
COARSE_MIN = 20
#: ``cover_tidak_resmi``: perceptual-hash distance (of 64 bits) above this.
COVER_MATCH_MAX = 12

#: Code -> Indonesian words (documents, terminal).
CODE_WORDS = {
    "tanpa_cover_awal": "tanpa cover pembuka",
    "tanpa_cover_akhir": "tanpa cover penutup",
    "cover_tanpa_backsound": "cover tanpa backsound",
    "cover_buruk": "gambar cover buruk",
    "siaran_macet": "siaran macet",
    "cover_tidak_resmi": "cover bukan cover resmi",
}
#: Code -> what to fix (Indonesian).
FIXES = {
    "tanpa_cover_awal": "tayangkan cover resmi minimal 5 detik sebelum acara dimulai, lalu "
    "pindah ke kamera saat acara dibuka",
    "tanpa_cover_akhir": "tayangkan kembali cover minimal 5 detik setelah acara ditutup, "
    "sebelum siaran diakhiri",
    "cover_tanpa_backsound": "putar backsound (musik instrumental resmi) selama cover tayang; "
    "periksa sumber audio di aplikasi siaran (OBS/Zoom)",
    "cover_buruk": "gunakan berkas cover asli beresolusi penuh (mis. 1920×1080 PNG), bukan "
    "tangkapan layar atau gambar yang diperbesar",
    "siaran_macet": "periksa koneksi internet dan beban komputer siaran; bila macet, umumkan "
    "gangguan dan tayangkan cover dengan backsound",
    "cover_tidak_resmi": "gunakan cover resmi kantor (templat dari Bagian Humas)",
}


@dataclass(frozen=True)
class Picture:
    """One decoded keyframe: its time, grey signature and (when asked) the picture at
    ≤ :data:`ANALYSIS_SIDE` px (a ``PIL.Image``)."""

    t: float
    sig: Any  # numpy float32 array, SIGNATURE_SIZE[::-1]
    image: Any = None


@dataclass(frozen=True)
class Series:
    """What has been measured of one recording so far."""

    duration: float
    keyframes: list[float]
    audio: list[tuple[float, float]] | None  # (time, LUFS), sorted; None: no audio track
    pictures: dict[float, Picture]

    def with_audio(self, samples: Iterable[tuple[float, float]]) -> Series:
        if self.audio is None:
            return self
        merged = dict(self.audio)
        merged.update(samples)
        return replace(self, audio=sorted(merged.items()))

    def with_pictures(self, pictures: dict[float, Picture]) -> Series:
        merged = dict(self.pictures)
        for t, p in pictures.items():
            if p.image is not None or t not in merged:
                merged[t] = p
        return replace(self, pictures=merged)


@dataclass(frozen=True)
class Schedule:
    """The rundown's start, as a value (the record is read by the caller)."""

    start: dt.datetime  # aware
    zone: str  # "WIB"


@dataclass
class LivestreamCheck:
    """The check of one recording (one row of ``periksa-livestream.csv``)."""

    berkas: str
    durasi_detik: float
    cover_awal_detik: float  # length of the opening cover (0: none)
    cover_akhir_detik: float  # length of the closing cover (0: none)
    siaran_mulai_detik: float
    siaran_selesai_detik: float
    presisi_detik: float  # half the largest keyframe gap at a boundary
    cover_lufs: float | None  # None: no cover, or no audio track
    cover_ketajaman: float | None
    cover_kecerahan: float | None
    macet_terlama_detik: float
    masalah: list[str] = field(default_factory=list)
    alasan: list[str] = field(default_factory=list)
    segmen: list[tuple[float, float, str]] = field(default_factory=list)
    #: label -> keyframe time of the four thumbnails (absent ones left out)
    gambar: dict[str, float] = field(default_factory=dict)
    jadwal: str = ""  # the schedule comparison (or why it could not be made)
    selisih_menit: float | None = None
    catatan: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.masalah


def clock(seconds: float) -> str:
    """'1:02:05' or '2:05' (hours:minutes:seconds from the start of the recording)."""
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def decimal(value: float, digits: int = 1) -> str:
    """'-16,9': one decimal with the Indonesian decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


# ----------------------------------------------------------------------------- comparing
def difference(a: Picture, b: Picture) -> float:
    """Mean absolute difference of two signatures (0-255)."""
    return float(abs(a.sig.astype("float32") - b.sig.astype("float32")).mean())


def runs_similar(a: Picture, b: Picture) -> bool:
    return difference(a, b) <= SAME_MAX


@dataclass(frozen=True)
class Boundary:
    """Known keyframe indexes at one end: ``same`` is the innermost index known to show the
    end's picture (with every known index between it and the end), ``other`` the nearest
    known index showing something else (None: none known yet)."""

    same: int
    other: int | None


def _boundary(series: Series, from_end: bool) -> Boundary | None:
    keys = series.keyframes
    n = len(keys)
    order = range(n - 1, -1, -1) if from_end else range(n)
    anchor_i = n - 1 if from_end else 0
    anchor = series.pictures.get(keys[anchor_i]) if n else None
    if anchor is None:
        return None
    same = anchor_i
    for i in order:
        p = series.pictures.get(keys[i])
        if p is None:
            continue
        if runs_similar(anchor, p):
            same = i
        else:
            return Boundary(same, i)
    return Boundary(same, None)


# ----------------------------------------------------------------------------- planning
def _nearest_index(keys: Sequence[float], t: float) -> int:
    import bisect

    return min(bisect.bisect_left(keys, t), len(keys) - 1)


def _next_probe(series: Series, b: Boundary, from_end: bool) -> int | None:
    keys = series.keyframes
    n = len(keys)
    if b.other is not None:
        if abs(b.other - b.same) > 1:
            return (b.same + b.other) // 2
        return None
    if (from_end and b.same == 0) or (not from_end and b.same == n - 1):
        return None
    # gallop: twice as far from the end, at least COVER_MIN
    if from_end:
        span = max(COVER_MIN, 2 * (series.duration - keys[b.same]))
        i = _nearest_index(keys, series.duration - span)
        return min(i, b.same - 1)
    span = max(COVER_MIN, 2 * keys[b.same])
    return max(_nearest_index(keys, span), b.same + 1)


def coarse_grid(series: Series) -> list[float]:
    """The first look at the pictures: a keyframe every :data:`COARSE_STEP` s (at least
    :data:`COARSE_MIN` of them over the recording), so an end's cover is never mistaken
    for the other end's."""
    keys = series.keyframes
    step = min(COARSE_STEP, series.duration / COARSE_MIN) if series.duration else COARSE_STEP
    out = []
    t = 0.0
    while step > 0 and t <= series.duration:
        out.append(keys[_nearest_index(keys, t)])
        t += step
    return sorted(set(out))


def covers(series: Series) -> tuple[Boundary | None, Boundary | None]:
    """The opening and the closing boundary as far as known."""
    return _boundary(series, False), _boundary(series, True)


def picture_needs(series: Series) -> set[float]:
    """Keyframe times whose pictures the check still needs."""
    keys = series.keyframes
    if not keys:
        return set()
    need = ({keys[0], keys[-1]} | set(coarse_grid(series))) - set(series.pictures)
    if need:
        return need
    opening, closing = covers(series)
    for b, from_end in ((opening, False), (closing, True)):
        assert b is not None
        i = _next_probe(series, b, from_end)
        if i is not None:
            need.add(keys[i])
    if need:
        return need - set(series.pictures)
    for a, z in quiet_stretches(series):
        need.update(t for t in keys if a <= t <= z)
    return need - set(series.pictures)


def _event_span(series: Series) -> tuple[float, float]:
    opening, closing = covers(series)
    start, end = 0.0, series.duration
    o = _cover(series, opening, False)
    c = _cover(series, closing, True)
    if o is not None:
        start = o[1]
    if c is not None:
        end = c[0]
    return start, max(start, end)


def quiet_stretches(series: Series) -> list[tuple[float, float]]:
    """Stretches of at least :data:`STALL_MIN` s between the covers where every audio
    sample is silent (the whole event when the file has no audio track)."""
    start, end = _event_span(series)
    if end - start < STALL_MIN:
        return []
    if series.audio is None:
        return [(start, end)]
    out = []
    run_start: float | None = None
    for t, lufs in series.audio:
        if t < start or t > end:
            continue
        if lufs < SILENCE_LUFS:
            if run_start is None:
                run_start = t
        elif run_start is not None:
            if t - run_start >= STALL_MIN:
                out.append((run_start, t))
            run_start = None
    if run_start is not None and end - run_start >= STALL_MIN:
        out.append((run_start, end))
    return out


def audio_needs(series: Series) -> list[float]:
    """Times to listen to more closely: every :data:`DENSE_STEP` s inside a quiet stretch."""
    if series.audio is None:
        return []
    have = [t for t, _ in series.audio]
    need = []
    for a, z in quiet_stretches(series):
        t = a
        while t < z:
            i = _nearest_index(have, t)
            near = min(abs(have[j] - t) for j in (i - 1, i) if 0 <= j < len(have))
            if near > DENSE_STEP / 2:
                need.append(t)
            t += DENSE_STEP
    return need


def image_needs(series: Series) -> set[float]:
    """Keyframe times whose full pictures the check shows or measures."""
    return {t for t in thumbnails(series).values()} - {
        t for t, p in series.pictures.items() if p.image is not None
    }


def thumbnails(series: Series) -> dict[str, float]:
    """label -> keyframe time: opening cover, switch to the event, switch back, closing cover."""
    keys = series.keyframes
    opening, closing = covers(series)
    out: dict[str, float] = {}
    o = _cover(series, opening, False)
    c = _cover(series, closing, True)
    if o is not None and opening is not None:
        out["Cover pembuka"] = keys[0]
        if opening.other is not None:
            out["Pindah ke acara"] = keys[opening.other]
    elif keys:
        out["Awal rekaman"] = keys[0]
    if c is not None and closing is not None:
        if closing.other is not None:
            out["Akhir acara"] = keys[closing.other]
        out["Cover penutup"] = keys[closing.same]
    elif keys:
        out["Akhir rekaman"] = keys[-1]
    return out


# ----------------------------------------------------------------------------- judging
def _cover(series: Series, b: Boundary | None, from_end: bool) -> tuple[float, float] | None:
    """(start, end) seconds of a cover at one end, or None when there is none."""
    keys = series.keyframes
    if b is None or not keys:
        return None
    n = len(keys)
    if abs((n - 1 if from_end else 0) - b.same) < 1:  # one keyframe: not shown static
        return None
    if from_end:
        start = (keys[b.same] + keys[b.other]) / 2 if b.other is not None else 0.0
        span = (start, series.duration)
    else:
        end = (keys[b.same] + keys[b.other]) / 2 if b.other is not None else series.duration
        span = (0.0, end)
    if span[1] - span[0] < COVER_MIN:
        return None
    return span


def _certain(series: Series, opening, closing, o, c) -> list[tuple[float, float]]:
    """The parts of the covers known static (between keyframes showing the cover), so a
    boundary's imprecision never mixes the event's sound into the cover's."""
    keys = series.keyframes
    spans = []
    if o is not None and opening is not None:
        spans.append((0.0, keys[opening.same] if opening.other is not None else o[1]))
    if c is not None and closing is not None:
        spans.append((keys[closing.same] if closing.other is not None else c[0], c[1]))
    return spans


def _precision(series: Series, b: Boundary | None) -> float:
    if b is None or b.other is None:
        return 0.0
    return abs(series.keyframes[b.other] - series.keyframes[b.same]) / 2


def cover_loudness(series: Series, spans: Sequence[tuple[float, float]]) -> float | None:
    """Mean K-weighted loudness (LUFS) of the audio samples inside ``spans``."""
    if series.audio is None:
        return None
    powers = [
        10 ** ((lufs + 0.691) / 10) for t, lufs in series.audio if any(a <= t < z for a, z in spans)
    ]
    if not powers:
        return None
    mean = sum(powers) / len(powers)
    return -0.691 + 10 * math.log10(mean) if mean > 0 else -120.0


def frozen_runs(series: Series, a: float, z: float) -> list[tuple[float, float]]:
    """Stretches inside ``[a, z]`` where consecutive keyframes show one frozen picture,
    estimated to the middle of the neighbouring keyframe gaps, clipped to ``[a, z]``."""
    keys = [t for t in series.keyframes if t in series.pictures]
    inside = [i for i, t in enumerate(keys) if a <= t <= z]
    out = []
    i = 0
    while i < len(inside):
        j = i
        first = series.pictures[keys[inside[i]]]
        while j + 1 < len(inside) and runs_similar(first, series.pictures[keys[inside[j + 1]]]):
            j += 1
        if j > i:
            lo, hi = inside[i], inside[j]
            start = (keys[lo - 1] + keys[lo]) / 2 if lo > 0 else keys[lo]
            end = (keys[hi] + keys[hi + 1]) / 2 if hi + 1 < len(keys) else keys[hi]
            out.append((max(a, start), min(z, end)))
        i = j + 1
    return out


def check(
    series: Series,
    berkas: str,
    *,
    measures: dict[float, Measure] | None = None,
    official: Any = None,
    schedule: Schedule | None = None,
    recorded_at: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> LivestreamCheck:
    """Judge one recording from its measured ``series``.

    ``measures``: the Standar Foto measures of the cover pictures (by keyframe time);
    ``official``: the perceptual hash of the office's official cover (``--cover``);
    ``schedule`` and ``recorded_at`` (the file's creation time): the schedule comparison.
    """
    measures = measures or {}
    opening, closing = covers(series)
    o = _cover(series, opening, False)
    c = _cover(series, closing, True)
    if o is not None and c is not None and o[1] >= series.duration:
        c = None  # one static picture throughout: an opening cover and nothing after it
    start, end = (o[1] if o else 0.0), (c[0] if c else series.duration)
    row = LivestreamCheck(
        berkas=berkas,
        durasi_detik=series.duration,
        cover_awal_detik=(o[1] - o[0]) if o else 0.0,
        cover_akhir_detik=(c[1] - c[0]) if c else 0.0,
        siaran_mulai_detik=start,
        siaran_selesai_detik=max(start, end),
        presisi_detik=max(_precision(series, opening), _precision(series, closing)),
        cover_lufs=cover_loudness(series, _certain(series, opening, closing, o, c)),
        cover_ketajaman=None,
        cover_kecerahan=None,
        macet_terlama_detik=0.0,
        gambar=thumbnails(series),
        catatan=list(notes),
    )
    _judge_covers(row, o, c)
    _judge_sound(row, series, o, c)
    _judge_pictures(row, series, measures, official)
    _judge_stalls(row, series)
    _judge_schedule(row, schedule, recorded_at)
    return row


def _add(row: LivestreamCheck, code: str, reason: str) -> None:
    if code not in row.masalah:
        row.masalah.append(code)
        row.alasan.append(reason)


def _judge_covers(row: LivestreamCheck, o, c) -> None:
    if o is None:
        why = f"tidak ada gambar diam minimal {COVER_MIN:.0f} detik di awal"
        _add(row, "tanpa_cover_awal", why)
    if c is None:
        why = f"tidak ada gambar diam minimal {COVER_MIN:.0f} detik di akhir"
        _add(row, "tanpa_cover_akhir", why)
    row.segmen = []
    if o is not None:
        row.segmen.append((o[0], o[1], "cover_awal"))
    if row.siaran_selesai_detik > row.siaran_mulai_detik:
        row.segmen.append((row.siaran_mulai_detik, row.siaran_selesai_detik, "siaran"))
    if c is not None:
        row.segmen.append((c[0], c[1], "cover_akhir"))


def _judge_sound(row: LivestreamCheck, series: Series, o, c) -> None:
    if o is None and c is None:
        return
    if series.audio is None:
        _add(row, "cover_tanpa_backsound", "berkas tidak memiliki jalur suara sama sekali")
    elif row.cover_lufs is not None and row.cover_lufs < SILENCE_LUFS:
        _add(
            row,
            "cover_tanpa_backsound",
            f"kekerasan suara saat cover {decimal(row.cover_lufs)} LUFS, batas hening "
            f"{SILENCE_LUFS:.0f} LUFS",
        )


def _judge_pictures(row: LivestreamCheck, series: Series, measures, official) -> None:
    cover_times = [row.gambar[k] for k in ("Cover pembuka", "Cover penutup") if k in row.gambar]
    worst: Measure | None = None
    for t in cover_times:
        m = measures.get(t)
        if m is None:
            continue
        if worst is None or m.ketajaman < worst.ketajaman:
            worst = m
        reasons = []
        if m.ketajaman < BLUR_MIN:
            reasons.append(f"kabur: ketajaman {m.ketajaman:.0f}, batas {BLUR_MIN:.0f}")
        if m.kecerahan < COVER_DARK_MEAN:
            reasons.append(
                f"hampir hitam: kecerahan {m.kecerahan:.0f}, batas {COVER_DARK_MEAN:.0f}"
            )
        elif m.kecerahan > COVER_BRIGHT_MEAN:
            reasons.append(
                f"hampir putih: kecerahan {m.kecerahan:.0f}, batas {COVER_BRIGHT_MEAN:.0f}"
            )
        if reasons:
            _add(row, "cover_buruk", "; ".join(reasons))
        if official is not None and m.hash - official > COVER_MATCH_MAX:
            _add(
                row,
                "cover_tidak_resmi",
                f"berbeda dari cover resmi (jarak hash {m.hash - official}, batas "
                f"{COVER_MATCH_MAX})",
            )
    if worst is not None:
        row.cover_ketajaman = worst.ketajaman
        row.cover_kecerahan = worst.kecerahan


def _judge_stalls(row: LivestreamCheck, series: Series) -> None:
    stalls: list[tuple[float, float]] = []
    quiet = quiet_stretches(series)
    for a, z in quiet:
        found = [(s, e) for s, e in frozen_runs(series, a, z) if e - s >= STALL_MIN]
        stalls.extend(found)
        if not found and series.audio is not None:
            row.segmen.append((a, z, "hening"))
    for s, e in stalls:
        row.segmen.append((s, e, "macet"))
    row.segmen.sort()
    if stalls:
        longest = max(e - s for s, e in stalls)
        row.macet_terlama_detik = longest
        where = ", ".join(f"{clock(s)}–{clock(e)}" for s, e in stalls)
        what = "gambar beku dan suara hening" if series.audio is not None else "gambar beku"
        _add(row, "siaran_macet", f"{what} di {where} (terlama {longest:.0f} detik)")
    if series.audio is None:
        row.catatan.append(
            "berkas tanpa jalur suara: macet dinilai dari gambar saja, sehingga slide diam "
            "yang lama juga terhitung macet"
        )


#: Hours ahead of UTC of the zones a rundown names.
ZONE_HOURS = {"WIB": 7, "WITA": 8, "WIT": 9}


def _judge_schedule(
    row: LivestreamCheck, schedule: Schedule | None, recorded_at: dt.datetime | None
) -> None:
    if schedule is None:
        return
    zone = dt.timezone(dt.timedelta(hours=ZONE_HOURS.get(schedule.zone, 7)))
    planned = f"{schedule.start.astimezone(zone):%H.%M} {schedule.zone}"
    if recorded_at is None:
        row.jadwal = (
            f"Acara dijadwalkan mulai pukul {planned}, tetapi berkas rekaman tidak mencatat "
            "waktu perekaman, sehingga kesesuaian jadwal tidak dapat diperiksa."
        )
        return
    switch = recorded_at + dt.timedelta(seconds=row.siaran_mulai_detik)
    minutes = (switch - schedule.start).total_seconds() / 60
    row.selisih_menit = round(minutes, 1)
    if abs(minutes) < 1:
        how = "tepat waktu (selisih kurang dari 1 menit)"
    else:
        how = f"{abs(minutes):.0f} menit {'lebih lambat' if minutes > 0 else 'lebih awal'}"
    row.jadwal = (
        f"Acara dijadwalkan mulai pukul {planned}; cover pembuka ditutup pukul "
        f"{switch.astimezone(zone):%H.%M} {schedule.zone} (menurut waktu perekaman berkas): "
        f"{how}."
    )
